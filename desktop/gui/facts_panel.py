"""The facts docks: the current article's facts, and the events merged across articles.

Both follow the window's dock protocol: ``Dock(db_path, parent)``, ``set_document``,
``refresh``, and the signals ``evidence_requested(doc_id, start, end)`` and
``changed()``. Every write goes through :mod:`desktop.facts`, so it is undoable.
Keys (chosen not to clash with the window's j k a x 1-9 e n p Enter Delete ?):
Ctrl+Shift+C confirms, Ctrl+Shift+R rejects, Ctrl+Shift+G goes to the evidence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDockWidget, QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea, QSizePolicy,
    QTableWidget, QTableWidgetItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from desktop import events as events_core
from desktop import facts as facts_core
from desktop import store
from desktop.facts.kinds import format_change
from desktop.gui.columns import install_elided_tips

COLUMNS = ("Kind", "Status", "From", "To", "Place / Value", "Who / Currency", "Held / Qualifier", "Change %", "Evidence")
# Editable columns and the slot each holds, per shape of fact (desktop.facts.kinds).
SHAPE_SLOTS = {
    "event": {2: "date_start", 3: "date_end", 4: "place", 5: "participants", 6: "held"},
    "figure": {2: "period_start", 3: "period_end", 4: "value", 5: "currency", 6: "qualifier", 7: "change_pct"},
}
SLOT_COLUMNS = range(2, len(COLUMNS) - 1)  # between the status and the evidence


def _slots(kind: str) -> dict[int, str]:
    """The editable columns of a fact of ``kind`` (an unregistered kind shows as an event)."""
    return SHAPE_SLOTS[facts_core.shape_of(kind) or "event"]
STATUS_COLORS = {"confirmed": "#d8f3dc", "rejected": "#f1f1f1", "proposed": "#ffffff"}


def _text(value: Any, slot: str | None = None) -> str:
    if slot == "change_pct":
        return format_change(value)  # signed: "+12%", "-2.3%"
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    return str(value)


def _figure(fact: dict[str, Any]) -> str:
    """A trade figure in a line: "35,500,000,000 USD -2.3%", or the change alone ("+12%")."""
    parts = [_text(fact.get("value")), fact.get("currency") or ""] if fact.get("value") is not None else []
    return " ".join(p for p in (*parts, format_change(fact.get("change_pct"))) if p)


class FactsDock(QDockWidget):
    """The facts of the current article: confirm, reject, edit a slot, jump to evidence, add."""

    evidence_requested = Signal(int, int, int)
    changed = Signal()
    writes_facts_only = True  # confirm, reject, edit, add: facts only (see dock_host)

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__("Facts", parent)
        self.setObjectName("FactsDock")
        self.db_path = db_path
        self.db = store.open_db(db_path, create=False)  # the window made it: never a new one here
        # Closing a dock only hides it (the View menu brings it back): the connection lives as long as the widget.
        db = self.db
        self.destroyed.connect(lambda *_: db.close())
        self.doc_id: int | None = None
        self.facts: list[dict[str, Any]] = []
        self._filling = False

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.table = QTableWidget(0, len(COLUMNS), body)
        self.table.setObjectName("factsTable")
        install_elided_tips(self.table)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        self.table.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.cellDoubleClicked.connect(self._on_double_click)
        layout.addWidget(self.table)

        buttons = QHBoxLayout()
        self.confirm_button = QPushButton("Confirm", body)
        self.reject_button = QPushButton("Reject", body)
        self.evidence_button = QPushButton("Evidence", body)
        self.kind_box = QComboBox(body)
        self.kind_box.addItems(list(facts_core.kind_names()))
        self.kind_box.setToolTip("Kind of the fact added from the article's selection")
        self.add_button = QPushButton("Add from selection", body)
        self.add_button.setToolTip("The window's current text selection becomes the evidence of a new fact")
        # Two rows of buttons, not one: the dock shares the right side with the spans list and must
        # fit in about 300 px without squeezing the article.
        for widget in (self.confirm_button, self.reject_button, self.evidence_button):
            buttons.addWidget(widget)
        layout.addLayout(buttons)
        adding = QHBoxLayout()
        adding.addWidget(self.kind_box)
        adding.addWidget(self.add_button, 1)
        layout.addLayout(adding)
        self.message = QLabel("", body)
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        layout.addWidget(self.message)
        scroll = QScrollArea(self)  # below its minimum the dock scrolls rather than widening
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        self.setWidget(scroll)

        self.confirm_button.clicked.connect(self._on_confirm)
        self.reject_button.clicked.connect(self._on_reject)
        self.evidence_button.clicked.connect(self._on_evidence)
        self.add_button.clicked.connect(self._on_add_clicked)
        for key, slot in (("Ctrl+Shift+C", self._on_confirm), ("Ctrl+Shift+R", self._on_reject),
                          ("Ctrl+Shift+G", self._on_evidence)):
            act = QAction(self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)

    # ------------------------------------------------------------ protocol

    def set_document(self, doc_id: int | None) -> None:
        """Show the facts of ``doc_id`` (None clears)."""
        self.doc_id = doc_id
        self.refresh()

    def refresh(self) -> None:
        """Re-read the facts from the database (after any change, undo or redo)."""
        self.facts = store.facts_for_document(self.db, self.doc_id) if self.doc_id is not None else []
        names = store.entity_names(self.db) if self.facts else {}
        selected = self.current_fact_id()
        self._filling = True
        try:
            self.table.setRowCount(len(self.facts))
            for row, fact in enumerate(self.facts):
                slots = _slots(fact["kind"])
                values = [fact["kind"], fact["status"]] + [
                    None if c not in slots else fact.get(slots[c]) if slots[c] != "participants"
                    else [names.get(p, p) for p in fact.get("participants") or []] for c in SLOT_COLUMNS
                ] + [" ".join((fact.get("evidence") or "").split())]
                for column, value in enumerate(values):
                    item = QTableWidgetItem(_text(value, slots.get(column)))
                    item.setData(Qt.UserRole, fact["id"])
                    flags = Qt.ItemIsSelectable | Qt.ItemIsEnabled
                    if column in slots:
                        flags |= Qt.ItemIsEditable
                    item.setFlags(flags)
                    item.setBackground(QColor(STATUS_COLORS.get(fact["status"], "#ffffff")))
                    if column == len(values) - 1:
                        tip = fact.get("evidence") or ""
                        if fact.get("flags"):
                            tip += "\nFlags: " + ", ".join(fact["flags"])
                        item.setToolTip(tip)
                    self.table.setItem(row, column, item)
            self.table.resizeColumnsToContents()
        finally:
            self._filling = False
        if selected is not None:
            self.select_fact(selected)
        elif self.facts:
            self.table.selectRow(0)

    # ------------------------------------------------------------ selection

    def current_fact_id(self) -> int | None:
        """Id of the selected fact, or None."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return item.data(Qt.UserRole) if item else None

    def select_fact(self, fact_id: int) -> None:
        """Select the row of ``fact_id``."""
        for row, fact in enumerate(self.facts):
            if fact["id"] == fact_id:
                self.table.selectRow(row)
                return

    # ------------------------------------------------------------ operations

    def _run(self, func, *args, **kwargs):
        try:
            result = func(self.db, *args, **kwargs)
        except (facts_core.FactError, store.StoreError) as exc:
            self.message.setText(str(exc))
            return None
        self.message.setText("")
        self.refresh()
        self.changed.emit()
        return result

    def _on_confirm(self) -> None:
        fact_id = self.current_fact_id()
        if fact_id is not None:
            self._run(facts_core.confirm_fact, fact_id)

    def _on_reject(self) -> None:
        fact_id = self.current_fact_id()
        if fact_id is not None:
            self._run(facts_core.reject_fact, fact_id)

    def _on_evidence(self) -> None:
        fact_id = self.current_fact_id()
        fact = next((f for f in self.facts if f["id"] == fact_id), None)
        if fact is not None and fact.get("start") is not None:
            self.evidence_requested.emit(fact["doc_id"], fact["start"], fact["end"])

    def _on_double_click(self, row: int, column: int) -> None:
        if column in (0, 1, len(COLUMNS) - 1):
            self.table.selectRow(row)
            self._on_evidence()

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        fact_id = item.data(Qt.UserRole)
        fact = next((f for f in self.facts if f["id"] == fact_id), None)
        slot = _slots(fact["kind"]).get(item.column()) if fact else None
        if slot is None:
            return
        value: Any = item.text().strip() or None
        if slot == "participants":
            value = [v.strip() for v in (value or "").split(",") if v.strip()]
        if self._run(facts_core.edit_fact, fact_id, **{slot: value}) is None:
            self.refresh()  # put the stored value back after a refused edit

    def edit_slot(self, fact_id: int, slot: str, text: str) -> None:
        """Type ``text`` into the cell of ``slot`` of a fact (what an inline edit does)."""
        fact = next(f for f in self.facts if f["id"] == fact_id)
        column = next(c for c, s in _slots(fact["kind"]).items() if s == slot)
        row = self.facts.index(fact)
        self.table.item(row, column).setText(text)

    def add_from_selection(self, start: int, end: int, kind: str | None = None) -> int | None:
        """Add a fact whose evidence is the current article's text in ``[start, end)``; returns its id."""
        if self.doc_id is None:
            self.message.setText("Open an article first")
            return None
        kind = kind or self.kind_box.currentText()
        fact_id = self._run(facts_core.add_fact, self.doc_id, kind, start, end)
        if fact_id is not None:
            self.select_fact(fact_id)
        return fact_id

    def _on_add_clicked(self) -> None:
        window = self.parent()
        view = getattr(window, "view", None)
        selection = None
        for name in ("selection_range", "selected_range", "selection"):
            getter = getattr(view, name, None)
            if callable(getter):
                selection = getter()
                break
        if not selection or selection[0] == selection[1]:
            self.message.setText("Select the evidence in the article first")
            return
        self.add_from_selection(int(selection[0]), int(selection[1]))


class EventsDock(QDockWidget):
    """Meetings, calls and trade periods merged across articles, with their sources and flags.

    It only reads: the writers keep the events up to date (:func:`desktop.events.update_events`),
    and :meth:`refresh` redraws the events the change feed names since the last look.
    """

    evidence_requested = Signal(int, int, int)
    changed = Signal()
    RELOAD_ABOVE = 500  # changed events beyond which one full read is cheaper than patching the tree

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__("Events", parent)
        self.setObjectName("EventsDock")
        self.db_path = db_path
        self.db = store.open_db(db_path, create=False)  # the window made it: never a new one here
        # Closing a dock only hides it (the View menu brings it back): the connection lives as long as the widget.
        db = self.db
        self.destroyed.connect(lambda *_: db.close())
        self.doc_id: int | None = None
        self.events: dict[int, dict[str, Any]] = {}  # shown, by id
        self._items: dict[int, QTreeWidgetItem] = {}
        # The events each article is a source of, and those shown in bold: switching articles restyles
        # only those (at 100,000 articles, walking every event's sources took 70 ms per article opened).
        self._events_of_doc: dict[int, set[int]] = {}
        self._bold: set[int] = set()
        self._seq: int | None = None  # the change feed's number when last read
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.kind_box = QComboBox(body)
        self.kind_box.addItems(["all", *facts_core.kind_names()])
        self.kind_box.currentIndexChanged.connect(self._on_kind_changed)
        layout.addWidget(self.kind_box)
        self.tree = QTreeWidget(body)
        self.tree.setObjectName("eventsTree")
        install_elided_tips(self.tree)
        self.tree.setHeaderLabels(["Event", "When", "Where / Value", "Sources", "Flags"])
        self.tree.itemDoubleClicked.connect(self._on_double_click)
        layout.addWidget(self.tree)
        self.setWidget(body)
        # The events are read when the dock is first seen, not when it is built behind another dock's tab:
        # at 100,000 articles that is 6,000 sources and half a second of the window's start.
        self.visibilityChanged.connect(self._on_visibility)

    def _on_visibility(self, visible: bool) -> None:
        if visible and self._seq is None:
            QTimer.singleShot(0, self._load_if_seen)  # once laid out: a tab built then put behind is not seen

    def _load_if_seen(self) -> None:
        try:
            # A dock behind another's tab is "visible" with nothing of it on screen.
            if self._seq is None and self.isVisible() and not self.visibleRegion().isEmpty():
                self.refresh()
        except RuntimeError:
            pass  # deleted with its window meanwhile

    def set_document(self, doc_id: int | None) -> None:
        """Remember the current article: its events are shown in bold."""
        self.doc_id = doc_id
        self._mark_current()

    def refresh(self) -> None:
        """Redraw the events that changed since the last look (all of them the first time)."""
        if self._seq is None:
            self._reload()
            return
        seq, ids = events_core.events_changed_since(self.db, self._seq)
        if ids is None or len(ids) > self.RELOAD_ABOVE:
            self._reload()
            return
        self._seq = seq
        if not ids:
            return
        for event_id in ids:
            self._forget_sources(self.events.pop(event_id, None))
            item = self._items.pop(event_id, None)
            if item is not None:
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
        for event in events_core.list_events(self.db, kind=self._kind(), ids=ids):
            self._insert(event)
        self._mark_current()
        self._fit_columns()

    def _kind(self) -> str | None:
        kind = self.kind_box.currentText()
        return None if kind == "all" else kind

    def _on_kind_changed(self, _index: int = 0) -> None:
        self._reload()

    def _reload(self) -> None:
        self._seq = store.latest_change(self.db)
        self.tree.clear()
        self.events, self._items = {}, {}
        self._events_of_doc, self._bold = {}, set()
        for event in events_core.list_events(self.db, kind=self._kind()):
            self._insert(event, at_end=True)
        self._mark_current()
        self._fit_columns()

    @staticmethod
    def _order(event: dict[str, Any]) -> tuple:
        # Newest first, as list_events gives them; ties by id.
        return (_Descending(event["date_start"] or ""), event["id"])

    def _insert(self, event: dict[str, Any], *, at_end: bool = False) -> None:
        item = self._item(event)
        self.events[event["id"]] = event
        self._items[event["id"]] = item
        for source in event["sources"]:
            self._events_of_doc.setdefault(source["doc_id"], set()).add(event["id"])
        if at_end:
            self.tree.addTopLevelItem(item)
            return
        # Binary search over the shown items, which stay in the order of _order.
        key, low, high = self._order(event), 0, self.tree.topLevelItemCount()
        while low < high:
            middle = (low + high) // 2
            if self._order(self.events[self.tree.topLevelItem(middle).data(0, Qt.UserRole + 1)]) < key:
                low = middle + 1
            else:
                high = middle
        self.tree.insertTopLevelItem(low, item)

    @staticmethod
    def _item(event: dict[str, Any]) -> QTreeWidgetItem:
        when = event["date_start"] if event["date_start"] == event["date_end"] else \
            f"{event['date_start']} – {event['date_end']}"
        figure = not facts_core.is_event(event["kind"])
        if figure:
            where = ", ".join(sorted({_figure(s) for s in event["sources"]}))
        else:
            where = event["place"] or ""
        top = QTreeWidgetItem([f"{event['kind']} ({event.get('held') or ''})".replace(" ()", ""), when, where,
                               str(event["n_sources"]), ", ".join(event["flags"] or [])])
        top.setData(0, Qt.UserRole, None)
        top.setData(0, Qt.UserRole + 1, event["id"])
        if event["flags"]:
            for column in range(5):
                top.setForeground(column, QColor("#b00020"))
        for source in event["sources"]:
            date = source["period_start"] if figure else source["date_start"]
            value = _figure(source) if figure else (source["place"] or "")
            child = QTreeWidgetItem([source["file"], date or "", value, source["status"],
                                     ", ".join(source.get("flags") or [])])
            child.setToolTip(0, source.get("evidence") or "")
            child.setData(0, Qt.UserRole, (source["doc_id"], source["start"], source["end"]))
            top.addChild(child)
        return top

    def _forget_sources(self, event: dict[str, Any] | None) -> None:
        if event is None:
            return
        self._bold.discard(event["id"])
        for source in event["sources"]:
            events = self._events_of_doc.get(source["doc_id"])
            if events is not None:
                events.discard(event["id"])
                if not events:
                    del self._events_of_doc[source["doc_id"]]

    def _mark_current(self) -> None:
        """The events the current article is a source of in bold, the others not."""
        mine = set(self._events_of_doc.get(self.doc_id, ())) if self.doc_id is not None else set()
        for event_id in self._bold ^ mine:
            item = self._items.get(event_id)
            if item is not None:
                font = item.font(0)
                font.setBold(event_id in mine)
                item.setFont(0, font)
        self._bold = {event_id for event_id in mine if event_id in self._items}

    def _fit_columns(self) -> None:
        # Each column as wide as what it holds (the tree scrolls sideways in a narrow dock; nothing is cut).
        # Only when rows change: it measures every row, too much for each article switch.
        self.tree.header().resizeSections(QHeaderView.ResizeToContents)

    def _on_double_click(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, Qt.UserRole)
        if target:
            self.evidence_requested.emit(int(target[0]), int(target[1]), int(target[2]))



class _Descending:
    """Wraps a value so that sorting puts the larger first."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def __lt__(self, other: _Descending) -> bool:
        return self.value > other.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and self.value == other.value
