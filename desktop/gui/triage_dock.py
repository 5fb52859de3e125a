"""The Triage dock: the corpus's undecided spans grouped by text and label, decided a group at a time.

Follows the window's dock protocol: ``TriageDock(db_path, parent)``, ``set_document``,
``refresh``, and the signals ``evidence_requested(doc_id, start, end)`` and ``changed()``.
Every decision is one call of :func:`desktop.triage.decide`, so one undo step (Ctrl+Z
in the window). Keys, as in the article view: ``a`` accept, ``x`` reject, ``1``-``9``
relabel, ``e`` link; on the group list they decide the whole group, on the mentions
list the selected mentions; a confirmation names the count first (Enter confirms, Esc
cancels). Enter on a mention opens it in its article.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDockWidget, QGridLayout, QHeaderView, QLabel, QLineEdit, QMessageBox,
    QPushButton, QSizePolicy, QTableView, QVBoxLayout, QWidget,
)

from desktop import store, triage
from desktop.gui.mention_context import CONTEXT_ROLE, ContextDelegate, flat
from desktop.gui.dock_parts import after_check, debounced, finish_dock, split_vertically, stacked
from desktop.gui.paged_model import PagedModel, fit_columns, paged_table
from desktop.gui.shortcuts import key_map, sequences
from desktop.gui.workers import GeneratorWorker
from desktop.triage import Filters, Group, Mention

GROUP_COLUMNS = ("Text", "Label", "Mentions", "Articles", "Entity", "Source")
MENTION_COLUMNS = ("Article", "Mention in context", "Status")
# Column widths, and the order columns are shown in as the dock gets wider (text and context always are;
# a hidden column's content is in the row's tooltip).
GROUP_WIDTHS = {1: 58, 2: 76, 3: 60, 4: 110, 5: 60}
GROUP_PRIORITY = (2, 1, 3, 4, 5)
MENTION_WIDTHS = {0: 110, 2: 70}
MENTION_PRIORITY = (0, 2)
MIN_TEXT_WIDTH = 110
MIN_CONTEXT_WIDTH = 180  # the context needs room to show the mention and some words either side
KEEP_ROWS = 500  # rows of groups a refresh re-reads at most (about 120 ms on 100,000 articles)
# Header column -> the order the store pages in (other columns keep the count order).
SORTS = {0: "text", 2: "mentions", 3: "articles"}
VERBS = {"accept": "Accept", "reject": "Reject", "relabel": "Relabel", "link": "Link"}


class TriageDock(QDockWidget):
    """Groups of mentions across the corpus, their mentions in context, and group decisions."""

    evidence_requested = Signal(int, int, int)
    changed = Signal()

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__("Triage", parent)
        self.setObjectName("TriageDock")
        self.db_path = Path(db_path)
        self.db = store.open_db(self.db_path, create=False)  # the window made it: never a new one here
        self.recount: GeneratorWorker | None = None  # a recount of the queue running on a worker
        session = getattr(parent, "session", None)  # the window's Session: the profile's labels, in key order
        self.labels: list[str] = list(getattr(session, "labels", None) or self._corpus_labels())
        self.keys = getattr(parent, "keys", None) or key_map()
        self.order, self.descending = "mentions", True
        self.filters = Filters()
        self.current: Group | None = None
        self.last_decision: triage.Decision | None = None
        self.message_box: QMessageBox | None = None
        self._entity_dialog = None
        self._build()
        self.refresh()

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.search = QLineEdit(body)
        self.search.setPlaceholderText("Filter the groups by text…")
        self.search.setClearButtonEnabled(True)
        self.status_box = QComboBox(body)
        for status in store.SPAN_STATUSES:
            self.status_box.addItem(status, status)
        self.status_box.setToolTip("Show groups of proposed (undecided), accepted or rejected mentions")
        self.label_box = QComboBox(body)
        self.label_box.addItem("All labels", None)
        for label in self.labels:
            self.label_box.addItem(label, label)
        self.source_box = QComboBox(body)
        self.source_box.addItem("Any source", None)
        for source in store.SPAN_SOURCES:
            self.source_box.addItem(source, source)
        self.entity_box = QComboBox(body)
        self.entity_box.setToolTip("Only mentions linked to this entity (or to none)")
        self._fill_entities()
        # Two rows of two: the dock shares the right side with the spans and must fit in about 300 px.
        filters = QGridLayout()
        for n, widget in enumerate((self.status_box, self.label_box, self.source_box, self.entity_box)):
            widget.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(6)
            filters.addWidget(widget, n // 2, n % 2)
        layout.addWidget(self.search)
        layout.addLayout(filters)

        self.group_model = PagedModel(GROUP_COLUMNS, self._fetch_groups, self._group_cell, parent=self)
        self.group_table = self._table(self.group_model, "triageGroups", QAbstractItemView.SingleSelection)
        self.group_table.horizontalHeader().setSortIndicator(2, Qt.DescendingOrder)
        self.group_table.setSortingEnabled(True)  # calls sort() at once: on_sort is set at the end
        header = self.group_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for column, width in GROUP_WIDTHS.items():
            header.resizeSection(column, width)
        self.count_label = QLabel(body)
        self.summary = QLabel(body)
        self.summary.setObjectName("triageSummary")
        self.summary.setWordWrap(True)
        self.summary.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.summary.setStyleSheet("QLabel { font-weight: bold; }")

        self.mention_model = PagedModel(MENTION_COLUMNS, self._fetch_mentions, self._mention_cell, parent=self)
        self.mention_table = self._table(self.mention_model, "triageMentions", QAbstractItemView.ExtendedSelection)
        self.mention_table.setItemDelegateForColumn(1, ContextDelegate(self.mention_table))
        header = self.mention_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        for column, width in MENTION_WIDTHS.items():
            header.resizeSection(column, width)
        self.mention_table.doubleClicked.connect(lambda _index: self._on_open_mention())

        upper = stacked(body, self.group_table, self.count_label)
        lower = stacked(body, self.summary, self.mention_table)
        layout.addWidget(split_vertically(body, upper, lower, (3, 2)), 1)

        buttons = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for n, (name, text, key) in enumerate((("accept", "Accept", "accept"), ("reject", "Reject", "reject"),
                                               ("link", "Link…", "link"))):
            button = QPushButton(text, body)
            button.setFocusPolicy(Qt.NoFocus)
            button.setToolTip(f"{text.rstrip('…')} the group, or the mentions selected below "
                              f"({' / '.join(self.keys.get(key, []))})")
            button.clicked.connect(lambda _=False, name=name: self._on_operation(name))
            buttons.addWidget(button, n // 2, n % 2)
            self.buttons[name] = button
        self.relabel_box = QComboBox(body)
        self.relabel_box.setFocusPolicy(Qt.NoFocus)
        self.relabel_box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.relabel_box.setMinimumContentsLength(6)
        self.relabel_box.addItem("Relabel…", None)
        for n, label in enumerate(self.labels[:9], start=1):
            self.relabel_box.addItem(f"{n} {label}", label)
        self.relabel_box.setToolTip("Relabel the group, or the mentions selected below (1–9)")
        self.relabel_box.activated.connect(self._on_relabel_chosen)
        buttons.addWidget(self.relabel_box, 1, 1)
        layout.addLayout(buttons)
        self.message = finish_dock(self, body, layout)

        self._debounce = debounced(self, self._on_filters_changed)
        self.search.textChanged.connect(self._debounce.start)
        for box in (self.status_box, self.label_box, self.source_box, self.entity_box):
            box.currentIndexChanged.connect(self._on_filters_changed)
        self.group_table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._on_group_row())
        self._build_keys()
        self.group_model.on_sort = self._on_sort

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_columns)  # once the tables inside have their new width

    def _fit_columns(self) -> None:
        """Hide the columns that do not fit rather than scroll sideways (the tooltips say it all)."""
        fit_columns(self.group_table, GROUP_WIDTHS, GROUP_PRIORITY, keep=MIN_TEXT_WIDTH)
        fit_columns(self.mention_table, MENTION_WIDTHS, MENTION_PRIORITY, keep=MIN_CONTEXT_WIDTH)

    def _table(self, model: PagedModel, name: str, mode) -> QTableView:
        return paged_table(self, model, name, mode)

    def _build_keys(self) -> None:
        self.key_actions: dict[str, QAction] = {}
        bindings = [("accept", lambda: self._on_operation("accept")), ("reject", lambda: self._on_operation("reject")),
                    ("link", lambda: self._on_operation("link"))]
        bindings += [(f"label_{n}", lambda _=False, n=n: self.relabel_key(n)) for n in range(1, 10)]
        for name, slot in bindings:
            action = QAction(self)
            action.setShortcuts(sequences(self.keys.get(name, [])))
            # Only while the focus is in the dock: the article view has the same keys for its spans.
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            for widget in (self.group_table, self.mention_table):
                widget.addAction(action)
            self.key_actions[name] = action
        open_mention = QAction(self)
        open_mention.setShortcuts(sequences(["Return", "Enter"]))
        open_mention.setShortcutContext(Qt.WidgetShortcut)
        open_mention.triggered.connect(self._on_open_mention)
        self.mention_table.addAction(open_mention)

    def _corpus_labels(self) -> list[str]:
        self._bring_counts_up_to_date()
        return triage.labels(self.db, rebuild=False)

    def _fill_entities(self) -> None:
        chosen = self.entity_box.currentData() if self.entity_box.count() else None
        self.entity_box.blockSignals(True)
        self.entity_box.clear()
        self.entity_box.addItem("Any entity", None)
        self.entity_box.addItem("Not linked", "")
        self.names = store.entity_names(self.db)
        for entity_id, name in sorted(self.names.items(), key=lambda item: item[1].casefold()):
            self.entity_box.addItem(name, entity_id)
        index = self.entity_box.findData(chosen) if chosen is not None else 0
        self.entity_box.setCurrentIndex(max(index, 0))
        self.entity_box.blockSignals(False)

    # ------------------------------------------------------------ models

    def _fetch_groups(self, offset: int, limit: int) -> list[Group]:
        return triage.groups(self.db, self.filters, order=self.order, descending=self.descending,
                             limit=limit, offset=offset, rebuild=False)

    def _fetch_mentions(self, offset: int, limit: int) -> list[Mention]:
        if self.current is None:
            return []
        return triage.mentions(self.db, self.current.key, self.filters, limit=limit, offset=offset)

    def _group_cell(self, group: Group, column: int, role: int) -> Any:
        if role == Qt.DisplayRole:
            if column == 0:
                return group.text
            if column == 1:
                return group.label
            if column == 2:
                return f"{group.mentions:,}"
            if column == 3:
                return f"{group.articles:,}"
            if column == 4:
                linked = [self.names.get(e, e) for e in group.entities if e]
                return ", ".join(linked) + (" + unlinked" if "" in group.entities and linked else "")
            if column == 5:
                return ", ".join(group.sources)
        if role == Qt.TextAlignmentRole and column in (2, 3):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole:
            linked = ", ".join(self.names.get(e, e) for e in group.entities if e) or "none"
            return f"{group.describe()}\nlinked to: {linked}\nsources: {', '.join(group.sources)}"
        return None

    def _mention_cell(self, mention: Mention, column: int, role: int) -> Any:
        if role == Qt.DisplayRole:
            if column == 0:
                return mention.title or mention.path
            if column == 1:
                return f"{flat(mention.before)}[{mention.text}]{flat(mention.after)}"
            if column == 2:
                return mention.status
        if role == CONTEXT_ROLE and column == 1:
            return flat(mention.before), flat(mention.text), flat(mention.after)
        if role == Qt.ToolTipRole:
            return f"{mention.path}\n…{flat(mention.before)}[{mention.text}]{flat(mention.after)}…"
        if role == Qt.ForegroundRole and column == 2 and mention.status == "rejected":
            return QColor("#8a8a8a")
        return None

    # ------------------------------------------------------------ protocol

    def set_document(self, doc_id: int | None) -> None:
        """The window opened another article: nothing to do, the queue is the whole corpus."""

    def refresh(self) -> None:
        """Re-read the counts (after any change, undo or redo), keeping the current group and what was scrolled."""
        self._bring_counts_up_to_date()
        self.names = store.entity_names(self.db)
        if self.entity_box.count() != len(self.names) + 2:
            self._fill_entities()
        keep = self.current.key if self.current else None
        # Re-read what was scrolled through, up to a bound: the window refreshes after every decision.
        self.group_model.reload(total=self._count(), keep=min(len(self.group_model.rows), KEEP_ROWS))
        self._update_count()
        row = next((i for i, g in enumerate(self.group_model.rows) if g.key == keep), None)
        if row is None and self.group_model.rows:
            row = 0
        self._select_group_row(row)

    def _count(self) -> int:
        return triage.count_groups(self.db, self.filters, rebuild=False)

    def _bring_counts_up_to_date(self) -> None:
        """Follow the history; a recount from the spans (after an ingest) runs on a worker in a large project.

        Until the project's damage check passed, the counts are read as last written (syncing writes)."""
        if after_check(self.db, self, self.refresh):
            return
        if self.recount is not None or triage.sync(self.db, rebuild=False) != "stale":
            return
        if triage.quick_to_rebuild(self.db):
            triage.rebuild(self.db)
            return
        db_path = self.db_path
        worker = GeneratorWorker(lambda cancelled: triage.rebuild_steps(db_path, cancelled))
        worker.signals.finished.connect(self._on_recounted)
        worker.signals.failed.connect(self._on_recount_failed)
        self.recount = worker
        QThreadPool.globalInstance().start(worker)

    def _on_recounted(self, _last) -> None:
        self.recount = None
        if not self.labels:  # read from the counts, which were empty until now
            self.labels = triage.labels(self.db, rebuild=False)
            for label in self.labels:
                self.label_box.addItem(label, label)
        self.refresh()

    def _on_recount_failed(self, message: str) -> None:
        self.recount = None
        self.message.setText(f"The queue could not be recounted: {message}")

    def _update_count(self) -> None:
        total = self.group_model.total
        text = f"{total:,} group{'s' if total != 1 else ''} of {self.filters.status} mentions"
        if self.recount is not None:
            text = "Recounting the corpus's mentions after the last ingest… " + (f"(until then: {text})" if total else "")
        self.count_label.setText(text)

    def _select_group_row(self, row: int | None) -> None:
        selection = self.group_table.selectionModel()
        if row is None:
            selection.clear()
            self._show_group(None)
            return
        index = self.group_model.index(row, 0)
        selection.setCurrentIndex(index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.group_table.scrollTo(index)
        self._show_group(self.group_model.rows[row])

    def _on_group_row(self) -> None:
        index = self.group_table.currentIndex()
        group = self.group_model.rows[index.row()] if index.isValid() and index.row() < len(self.group_model.rows) \
            else None
        if group != self.current:
            self._show_group(group)

    def _show_group(self, group: Group | None) -> None:
        self.current = group
        self.summary.setText(group.describe() if group else "No group: nothing matches the filters")
        self.mention_model.reload(total=group.mentions if group else 0)
        for button in self.buttons.values():
            button.setEnabled(group is not None)
        self.relabel_box.setEnabled(group is not None)

    # ------------------------------------------------------------ filters and order

    def _on_filters_changed(self) -> None:
        self.filters = Filters(status=self.status_box.currentData(), label=self.label_box.currentData(),
                               entity=self.entity_box.currentData(), source=self.source_box.currentData(),
                               search=self.search.text().strip() or None)
        self.current = None
        self.group_model.reload(total=self._count())
        self._update_count()
        self._select_group_row(0 if self.group_model.rows else None)

    def _on_sort(self, column: int, order) -> None:
        self.order = SORTS.get(column, "mentions")
        self.descending = order == Qt.DescendingOrder
        self.group_model.reload(total=self.group_model.total)
        self._select_group_row(0 if self.group_model.rows else None)

    # ------------------------------------------------------------ decisions

    def selected_span_ids(self) -> list[int] | None:
        """The mentions chosen in the mentions list when it has the focus, else None (the whole group)."""
        if not self.mention_table.hasFocus():
            return None
        rows = sorted({index.row() for index in self.mention_table.selectionModel().selectedRows()})
        return [self.mention_model.rows[r].id for r in rows if r < len(self.mention_model.rows)] or None

    def relabel_key(self, n: int) -> None:
        """A label key: relabel the group (or the selected mentions) to the profile's label ``n``."""
        if 1 <= n <= len(self.labels):
            self._on_operation("relabel", label=self.labels[n - 1])

    def _on_relabel_chosen(self, index: int) -> None:
        label = self.relabel_box.itemData(index)
        self.relabel_box.setCurrentIndex(0)
        if label:
            self._on_operation("relabel", label=label)

    def _on_operation(self, operation: str, *, label: str | None = None) -> None:
        """Ask for confirmation with the count, then decide (``link`` asks for the entity instead)."""
        if self.current is None:
            self.message.setText("No group selected")
            return
        if self.recount is not None:
            self.message.setText("Wait for the recount to finish: the counts are from before the last ingest")
            return
        group, span_ids = self.current, self.selected_span_ids()
        size = triage.selection(self.db, group.key, self.filters, span_ids=span_ids)
        if size.mentions == 0:
            self.message.setText("Nothing left to decide in this group")
            return
        if operation == "link":
            self._ask_entity(group, span_ids, size)
            return
        target = f" as {label}" if operation == "relabel" else ""
        mentions = f"{size.mentions:,} mention{'s' if size.mentions != 1 else ''}"
        articles = f"{size.articles:,} article{'s' if size.articles != 1 else ''}"
        text = f"{VERBS[operation]} {mentions} of “{group.text}” ({group.label}) in {articles}{target}?"
        box = QMessageBox(QMessageBox.Question, "Triage", text, QMessageBox.Ok | QMessageBox.Cancel, self)
        box.setDefaultButton(QMessageBox.Ok)
        box.setInformativeText("One step: Ctrl+Z undoes all of it.")
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.finished.connect(lambda result: self._on_confirmed(result, group, operation, span_ids, label))
        self.message_box = box
        box.open()

    def _on_confirmed(self, result: int, group: Group, operation: str, span_ids, label: str | None) -> None:
        self.message_box = None
        if result == QMessageBox.Ok:
            self.decide(group, operation, span_ids=span_ids, label=label)
        self._restore_focus()

    def _ask_entity(self, group: Group, span_ids, size: triage.Decision) -> None:
        from desktop.gui.entity_dialog import EntityDialog

        dialog = EntityDialog(self.db, {"text": group.text, "label": group.label}, self.labels, self)
        dialog.setWindowTitle(f"Link {size.mentions:,} mentions of “{group.text}” in {size.articles:,} articles")
        dialog.everywhere.hide()  # the group is the "everywhere"
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._on_entity_chosen(dialog, result, group, span_ids))
        self._entity_dialog = dialog
        dialog.open()

    def _on_entity_chosen(self, dialog, result: int, group: Group, span_ids) -> None:
        self._entity_dialog = None
        if result == QDialog.Accepted:
            self.decide(group, "link", span_ids=span_ids, entity_id=dialog.entity_id, new_entity=dialog.new_entity)
        self._restore_focus()

    def decide(self, group: Group, operation: str, *, span_ids=None, label=None, entity_id=None,
               new_entity=None) -> triage.Decision | None:
        """Write one decision (no confirmation: the keys and buttons ask first) and show its result."""
        try:
            decision = triage.decide(self.db, group.key, operation, filters=self.filters, span_ids=span_ids,
                                     label=label, entity_id=entity_id, new_entity=new_entity)
        except (triage.TriageError, store.StoreError) as exc:
            self.message.setText(str(exc))
            return None
        self.last_decision = decision
        verb = {"accept": "Accepted", "reject": "Rejected", "relabel": f"Relabelled as {label}",
                "link": "Linked"}[operation]
        self.message.setText(f"{verb}: {decision.mentions:,} mentions in {decision.articles:,} articles "
                             "(Ctrl+Z undoes it)")
        self.refresh()
        self.changed.emit()
        return decision

    def _restore_focus(self) -> None:
        self.group_table.setFocus(Qt.OtherFocusReason)

    def _on_open_mention(self) -> None:
        index = self.mention_table.currentIndex()
        if index.isValid() and index.row() < len(self.mention_model.rows):
            mention = self.mention_model.rows[index.row()]
            self.evidence_requested.emit(mention.doc_id, mention.start, mention.end)

