"""The Entities dock: canonical entities with their aliases and mention counts; rename, merge, split, aliases.

Follows the window's dock protocol: ``EntityDock(db_path, parent)``, ``set_document``,
``refresh``, and the signals ``evidence_requested(doc_id, start, end)`` and ``changed()``.
Every operation is one call into :mod:`desktop.entities`, so one undo step (Ctrl+Z in
the window). Keys: F2 edits the name (Enter renames), Delete removes the selected
alias, Enter on a mention opens it in its article.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QDockWidget, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMessageBox, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from desktop import entities, store
from desktop.gui.mention_context import CONTEXT_ROLE, ContextDelegate, flat
from desktop.gui.dock_parts import debounced, finish_dock, split_vertically, stacked
from desktop.gui.paged_model import PagedModel, fit_columns, paged_table

ENTITY_COLUMNS = ("Name", "Label", "Mentions", "Accepted", "Aliases")
MENTION_COLUMNS = ("Article", "Mention in context", "Status")
# Column widths, and the order columns are shown in as the dock gets wider (name and context always are).
ENTITY_WIDTHS = {1: 64, 2: 76, 3: 74, 4: 160}
ENTITY_PRIORITY = (2, 1, 3, 4)
MENTION_WIDTHS = {0: 110, 2: 70}
MENTION_PRIORITY = (0, 2)
MIN_TEXT_WIDTH = 130
MIN_CONTEXT_WIDTH = 180  # the context needs room to show the mention and some words either side


class EntityChooser(QDialog):
    """Pick another entity by name or alias (the target of a merge); Up/Down move, Enter picks."""

    def __init__(self, db, exclude: str, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.db = db
        self.exclude = exclude
        self.entity_id: str | None = None
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Search names and aliases…")
        self.results = QListWidget(self)
        self.results.setMinimumHeight(200)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addWidget(buttons)
        self.query.textChanged.connect(self._on_query)
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        self._on_query("")

    def _on_query(self, text: str) -> None:
        self.results.clear()
        for row in entities.entity_rows(self.db, query=text or None, limit=200):
            if row["id"] == self.exclude:
                continue
            item = QListWidgetItem(f"{row['name']}  [{row.get('label') or '?'}]  {row['mentions']} mentions")
            item.setData(Qt.UserRole, row["id"])
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key_Down, Qt.Key_Up) and self.results.count():
            step = 1 if event.key() == Qt.Key_Down else -1
            self.results.setCurrentRow(max(0, min(self.results.count() - 1, self.results.currentRow() + step)))
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.entity_id = item.data(Qt.UserRole)
        super().accept()


class EntityDock(QDockWidget):
    """The entity list, the chosen entity's name, aliases and mentions, and the operations on them."""

    evidence_requested = Signal(int, int, int)
    changed = Signal()

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__("Entities", parent)
        self.setObjectName("EntityDock")
        self.db_path = Path(db_path)
        self.db = store.open_db(self.db_path, create=False)  # the window made it: never a new one here
        self.current: dict[str, Any] | None = None
        self.message_box: QMessageBox | None = None
        self.chooser: EntityChooser | None = None
        self._build()
        self.refresh()

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.search = QLineEdit(body)
        self.search.setPlaceholderText("Filter entities by name or alias…")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.entity_model = PagedModel(ENTITY_COLUMNS, self._fetch_entities, self._entity_cell, parent=self)
        self.entity_table = self._table(self.entity_model, "entityTable", QAbstractItemView.SingleSelection)
        header = self.entity_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for column, width in ENTITY_WIDTHS.items():
            header.resizeSection(column, width)
        self.count_label = QLabel(body)

        detail = QWidget(body)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        name_row = QHBoxLayout()
        name_row.addWidget(QLabel("Name", detail))
        self.name_edit = QLineEdit(detail)
        self.name_edit.setObjectName("entityName")
        self.name_edit.setToolTip("Edit and press Enter to rename (F2); the old name stays an alias")
        name_row.addWidget(self.name_edit, 1)
        self.merge_button = QPushButton("Merge into…", detail)
        self.merge_button.setToolTip("Merge this entity into another: its aliases and mentions move there")
        name_row.addWidget(self.merge_button)
        detail_layout.addLayout(name_row)
        self.alias_list = QListWidget(detail)
        self.alias_list.setObjectName("aliasList")
        self.alias_list.setMaximumHeight(110)
        # A long alias ends in "…" (its tooltip has it whole) rather than adding a scroll bar to a short list.
        self.alias_list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.alias_list.setTextElideMode(Qt.ElideRight)
        self.alias_edit = QLineEdit(detail)
        self.alias_edit.setPlaceholderText("New alias…")
        self.add_alias_button = QPushButton("Add", detail)
        self.remove_alias_button = QPushButton("Remove", detail)
        self.split_button = QPushButton("Split off", detail)
        self.split_button.setToolTip("Make the selected alias an entity of its own; mentions written as it move there")
        for button in (self.add_alias_button, self.remove_alias_button, self.split_button):
            button.setFocusPolicy(Qt.NoFocus)
        # Remove and Split off act on the selected alias, so they stand beside the list; three buttons
        # in the row of the new-alias field squeezed it to "New al…" in a 320 px dock.
        alias_box = QHBoxLayout()
        alias_box.addWidget(self.alias_list, 1)
        alias_buttons = QVBoxLayout()
        alias_buttons.addWidget(self.remove_alias_button)
        alias_buttons.addWidget(self.split_button)
        alias_buttons.addStretch(1)
        alias_box.addLayout(alias_buttons)
        detail_layout.addLayout(alias_box)
        alias_row = QHBoxLayout()
        alias_row.addWidget(self.alias_edit, 1)
        alias_row.addWidget(self.add_alias_button)
        detail_layout.addLayout(alias_row)
        self.mention_label = QLabel(detail)
        detail_layout.addWidget(self.mention_label)
        self.mention_model = PagedModel(MENTION_COLUMNS, self._fetch_mentions, self._mention_cell, parent=self)
        self.mention_table = self._table(self.mention_model, "entityMentions", QAbstractItemView.SingleSelection)
        self.mention_table.setItemDelegateForColumn(1, ContextDelegate(self.mention_table))
        header = self.mention_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        for column, width in MENTION_WIDTHS.items():
            header.resizeSection(column, width)
        detail_layout.addWidget(self.mention_table)

        upper = stacked(body, self.entity_table, self.count_label)
        # Equal halves: at 1366x768 two to three left the entity list five rows.
        layout.addWidget(split_vertically(body, upper, detail, (1, 1)), 1)
        self.message = finish_dock(self, body, layout)

        self._debounce = debounced(self, self._on_search)
        self.search.textChanged.connect(self._debounce.start)
        self.entity_table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._on_entity_row())
        self.name_edit.returnPressed.connect(self._on_rename)
        self.alias_edit.returnPressed.connect(self._on_add_alias)
        self.add_alias_button.clicked.connect(self._on_add_alias)
        self.remove_alias_button.clicked.connect(self._on_remove_alias)
        self.split_button.clicked.connect(self._on_split)
        self.merge_button.clicked.connect(self._on_merge)
        self.mention_table.doubleClicked.connect(lambda _index: self._on_open_mention())
        for keys, widget, slot, context in (
            (["F2"], self, self._on_edit_name, Qt.WidgetWithChildrenShortcut),
            (["Delete"], self.alias_list, self._on_remove_alias, Qt.WidgetShortcut),
            (["Return", "Enter"], self.mention_table, self._on_open_mention, Qt.WidgetShortcut),
        ):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(context)
            action.triggered.connect(slot)
            widget.addAction(action)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_columns)  # once the tables inside have their new width

    def _fit_columns(self) -> None:
        fit_columns(self.entity_table, ENTITY_WIDTHS, ENTITY_PRIORITY, keep=MIN_TEXT_WIDTH)
        fit_columns(self.mention_table, MENTION_WIDTHS, MENTION_PRIORITY, keep=MIN_CONTEXT_WIDTH)

    def _table(self, model: PagedModel, name: str, mode) -> QTableView:
        return paged_table(self, model, name, mode)

    # ------------------------------------------------------------ models

    def _query(self) -> str | None:
        return self.search.text().strip() or None

    def _fetch_entities(self, offset: int, limit: int) -> list[dict[str, Any]]:
        return entities.entity_rows(self.db, query=self._query(), limit=limit, offset=offset)

    def _fetch_mentions(self, offset: int, limit: int) -> list[dict[str, Any]]:
        if self.current is None:
            return []
        return entities.mentions_of(self.db, self.current["id"], limit=limit, offset=offset)

    def _entity_cell(self, row: dict[str, Any], column: int, role: int) -> Any:
        others = [a for a in row.get("aliases") or [] if a != row["name"]]
        if role == Qt.DisplayRole:
            return (row["name"], row.get("label") or "", f"{row['mentions']:,}", f"{row['accepted']:,}",
                    ", ".join(others))[column]
        if role == Qt.TextAlignmentRole and column in (2, 3):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole:
            return (f"{row['name']} ({row.get('label') or '?'}, {row['id']}): {row['mentions']} mentions, "
                    f"{row['accepted']} accepted\naliases: {', '.join(others) or 'none'}")
        return None

    def _mention_cell(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == Qt.DisplayRole:
            return (row.get("title") or row["path"], f"{flat(row['before'] or '')}[{row['text']}]"
                    f"{flat(row['after'] or '')}", row["status"])[column]
        if role == CONTEXT_ROLE and column == 1:
            return flat(row["before"] or ""), flat(row["text"] or ""), flat(row["after"] or "")
        if role == Qt.ToolTipRole:
            return f"{row['path']}\n…{flat(row['before'] or '')}[{row['text']}]{flat(row['after'] or '')}…"
        return None

    # ------------------------------------------------------------ protocol

    def set_document(self, doc_id: int | None) -> None:
        """The window opened another article: the entity list is the whole corpus's."""

    def refresh(self) -> None:
        """Re-read the entities (after any change, undo or redo), keeping the chosen one when it still exists."""
        keep = self.current["id"] if self.current else None
        self.entity_model.reload(total=entities.count_entities(self.db, query=self._query()),
                                 keep=len(self.entity_model.rows))
        total = self.entity_model.total
        self.count_label.setText(f"{total:,} entit{'ies' if total != 1 else 'y'}")
        if keep is not None and all(r["id"] != keep for r in self.entity_model.rows):
            # Beyond the pages read, or gone (merged away, an undone creation).
            if store.get_row(self.db, "entities", keep) is not None:
                while self.entity_model.canFetchMore() and all(r["id"] != keep for r in self.entity_model.rows):
                    self.entity_model.fetchMore()
        self.select_entity(keep)

    def select_entity(self, entity_id: str | None) -> None:
        """Make ``entity_id`` the chosen entity (the first one when it is not listed)."""
        rows = self.entity_model.rows
        row = next((i for i, r in enumerate(rows) if r["id"] == entity_id), 0 if rows else None)
        selection = self.entity_table.selectionModel()
        if row is None:
            selection.clear()
            self._show_entity(None)
            return
        index = self.entity_model.index(row, 0)
        selection.setCurrentIndex(index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.entity_table.scrollTo(index)
        self._show_entity(rows[row])

    def _on_entity_row(self) -> None:
        index = self.entity_table.currentIndex()
        rows = self.entity_model.rows
        row = rows[index.row()] if index.isValid() and index.row() < len(rows) else None
        if row is not self.current:
            self._show_entity(row)

    def _show_entity(self, row: dict[str, Any] | None) -> None:
        self.current = row
        self.name_edit.setText(row["name"] if row else "")
        self.alias_list.clear()
        for alias in (row.get("aliases") or []) if row else []:
            item = QListWidgetItem(alias + ("  (name)" if alias == row["name"] else ""))
            item.setToolTip(item.text())
            item.setData(Qt.UserRole, alias)
            self.alias_list.addItem(item)
        self.mention_label.setText(f"{row['mentions']:,} mentions of {row['name']}" if row else "No entity")
        self.mention_model.reload(total=row["mentions"] if row else 0)
        for widget in (self.name_edit, self.merge_button, self.alias_edit, self.add_alias_button,
                       self.remove_alias_button, self.split_button):
            widget.setEnabled(row is not None)

    def _on_search(self) -> None:
        self.current = None
        self.refresh()

    # ------------------------------------------------------------ operations

    def _run(self, operation, *args, message: str = "", **kwargs):
        """Call a core operation; a refusal is a message, a success a refresh and ``changed``."""
        try:
            result = operation(self.db, *args, **kwargs)
        except (entities.EntityError, store.StoreError) as exc:
            self.message.setText(str(exc))
            return None
        self.message.setText(message.format(result=result) if message else "")
        self.refresh()
        self.changed.emit()
        return result

    def selected_alias(self) -> str | None:
        item = self.alias_list.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def _on_edit_name(self) -> None:
        self.name_edit.setFocus(Qt.ShortcutFocusReason)
        self.name_edit.selectAll()

    def _on_rename(self) -> None:
        if self.current is not None and self.name_edit.text().strip() != self.current["name"]:
            self._run(entities.rename, self.current["id"], self.name_edit.text(), message="Renamed (Ctrl+Z undoes it)")

    def _on_add_alias(self) -> None:
        if self.current is not None and self.alias_edit.text().strip():
            if self._run(entities.add_alias, self.current["id"], self.alias_edit.text()) is not None:
                self.alias_edit.clear()

    def _on_remove_alias(self) -> None:
        alias = self.selected_alias()
        if self.current is not None and alias:
            self._run(entities.remove_alias, self.current["id"], alias)

    def _on_split(self) -> None:
        alias = self.selected_alias()
        if self.current is None or not alias:
            self.message.setText("Select the alias to split off first")
            return
        result = self._run(entities.split_alias, self.current["id"], alias,
                           message="Split off as a new entity: {result[1]} mentions moved (Ctrl+Z undoes it)")
        if result is not None:
            self.select_entity(result[0])

    def _on_merge(self) -> None:
        """Choose the entity to merge the current one into, then confirm with the counts."""
        if self.current is None:
            return
        chooser = EntityChooser(self.db, self.current["id"], f"Merge “{self.current['name']}” into…", self)
        chooser.setAttribute(Qt.WA_DeleteOnClose)
        source = self.current
        chooser.finished.connect(lambda result: self._on_merge_target(chooser, result, source))
        self.chooser = chooser
        chooser.open()

    def _on_merge_target(self, chooser: EntityChooser, result: int, source: dict[str, Any]) -> None:
        self.chooser = None
        if result != QDialog.Accepted or not chooser.entity_id:
            return
        target = store.get_row(self.db, "entities", chooser.entity_id)
        text = (f"Merge “{source['name']}” ({source['mentions']:,} mentions) into “{target['name']}”? "
                f"Its aliases and mentions move there and it is deleted.")
        box = QMessageBox(QMessageBox.Question, "Merge entities", text, QMessageBox.Ok | QMessageBox.Cancel, self)
        box.setDefaultButton(QMessageBox.Ok)
        box.setInformativeText("One step: Ctrl+Z undoes all of it.")
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.finished.connect(lambda answer: self._on_merge_confirmed(answer, target["id"], source["id"]))
        self.message_box = box
        box.open()

    def _on_merge_confirmed(self, answer: int, keep_id: str, other_id: str) -> None:
        self.message_box = None
        if answer == QMessageBox.Ok:
            self.merge(keep_id, other_id)

    def merge(self, keep_id: str, other_id: str) -> entities.Merged | None:
        """Merge ``other_id`` into ``keep_id`` (no confirmation: the button asks first) and show the result."""
        merged = self._run(entities.merge, keep_id, other_id,
                           message="Merged: {result.mentions} mentions and {result.aliases} aliases moved "
                                   "(Ctrl+Z undoes it)")
        if merged is not None:
            self.select_entity(keep_id)
        return merged

    def _on_open_mention(self) -> None:
        index = self.mention_table.currentIndex()
        if index.isValid() and index.row() < len(self.mention_model.rows):
            row = self.mention_model.rows[index.row()]
            self.evidence_requested.emit(row["doc_id"], row["start"], row["end"])
