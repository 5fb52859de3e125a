"""The list of articles: title, publication date, status, span counts; sort, filter, full-text search.

The list holds the ids it shows, in order, and nothing else: a row's title, date, status and counts are
read a page at a time when the view paints it (100,000 articles cost 100,000 ints, not 100,000 rows).
Filters and search run in SQLite; the order of every article under the current sort is kept, and a
filter keeps the matching ids in that order (no SQL sort per keystroke).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import sqlite_utils
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import problems, store
from desktop.gui.columns import install_elided_tips
from desktop.gui.table_model import select_row

COLUMNS = ("Title", "Published", "Status", "Proposed", "Accepted")
ORDERS = ("title", "published", "status", "proposed", "accepted")  # what each column sorts by (store.document_order)
ID_ROLE = Qt.UserRole
STATUS_COLORS = {"new": "#1f6fb2", "in review": "#b26b00", "verified": "#2e7d32", "missing": "#9e9e9e"}
PAGE = 100
KEEP_PAGES = 40  # pages of rows kept read (4,000 rows): scrolling back does not re-read, memory stays bounded


class DocumentModel(QAbstractTableModel):
    """The ids shown, in order; each row's fields read with its page by ``fetch(ids)`` when first painted."""

    def __init__(self, fetch: Callable[[list[int]], list[dict[str, Any]]], parent=None):
        super().__init__(parent)
        self.fetch = fetch
        self.ids: list[int] = []
        self.problems: dict[int, str] = {}  # articles whose facts could not be extracted: marked
        self._pages: dict[int, dict[int, dict[str, Any]]] = {}
        self._last: tuple[int, int] | None = None  # (doc_id, position) of the last look-up
        self.on_sort: Callable[[int, Qt.SortOrder], None] | None = None
        # A page that cannot be read (the database went bad): told once, the page shown empty until a refresh.
        self.on_database_error: Callable[[sqlite3.DatabaseError], None] | None = None

    def set_ids(self, ids: list[int], problems_: dict[int, str]) -> None:
        """Show ``ids`` (one model reset); every row is read again."""
        self.beginResetModel()
        self.ids = ids
        self.problems = problems_
        self._pages.clear()
        self._last = None
        self.endResetModel()

    def row(self, position: int) -> dict[str, Any] | None:
        """The fields of the row at ``position`` (its page read if it is not yet), or None for a deleted article."""
        page = position // PAGE
        rows = self._pages.get(page)
        if rows is None:
            ids = self.ids[page * PAGE:(page + 1) * PAGE]
            try:
                rows = {r["id"]: r for r in self.fetch(ids)}
            except sqlite3.DatabaseError as exc:  # painting must not raise: say it, show the page empty
                rows = {}
                if self.on_database_error is not None:
                    self.on_database_error(exc)
            if len(self._pages) >= KEEP_PAGES:
                self._pages.pop(next(iter(self._pages)))  # the oldest read
            self._pages[page] = rows
        return rows.get(self.ids[position])

    def row_of(self, doc_id: int | None) -> int | None:
        """The position of ``doc_id``, or None."""
        if doc_id is None:
            return None
        if self._last is not None and self._last[0] == doc_id:
            return self._last[1]
        try:
            position = self.ids.index(doc_id)  # a scan in C: under a millisecond at 100,000
        except ValueError:
            return None
        self._last = (doc_id, position)
        return position

    def update_row(self, doc_id: int, **fields: Any) -> None:
        """Change some fields of one document's row in place (if it was read; else it is read fresh anyway)."""
        position = self.row_of(doc_id)
        if position is None:
            return
        row = self._pages.get(position // PAGE, {}).get(doc_id)
        if row is not None:
            row.update(fields)
            self.dataChanged.emit(self.index(position, 0), self.index(position, len(COLUMNS) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section]
        return None

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        """A header was clicked: the owner re-orders the ids (the store sorts, not the model)."""
        if self.on_sort is not None:
            self.on_sort(column, order)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self.ids):
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]
        row = self.row(index.row())
        if row is None:
            return None
        column = index.column()
        problem = self.problems.get(row["id"])
        if role == Qt.DisplayRole:
            if column == 0:
                title = row.get("title") or row["path"]
                return f"⚠ {title}" if problem else title
            if column == 1:
                return row.get("published") or ""
            if column == 2:
                return row["status"]
            if column == 3:
                return int(row.get("proposed") or 0)
            if column == 4:
                return int(row.get("accepted") or 0)
        elif role == Qt.ToolTipRole:
            # Everything the row says, for when a narrow list hides columns.
            return (f"{row.get('title') or row['path']}\n{row['path']}\n"
                    f"published {row.get('published') or 'unknown'} · {row['status']} · "
                    f"{int(row.get('proposed') or 0)} proposed, {int(row.get('accepted') or 0)} accepted"
                    + (f"\nfacts not extracted: {problem}" if problem else ""))
        elif role == Qt.ForegroundRole and column == 0 and problem:
            return QBrush(QColor("#b00020"))
        elif role == Qt.ForegroundRole and column == 2:
            return QBrush(QColor(STATUS_COLORS.get(row["status"], "#000000")))
        elif role == Qt.TextAlignmentRole and column in (3, 4):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None


class DocumentList(QWidget):
    """Search box, status filter and the sortable table of articles."""

    document_selected = Signal(int)

    def __init__(self, db: sqlite_utils.Database, parent=None):
        super().__init__(parent)
        self.db = db
        self.model = DocumentModel(lambda ids: store.document_list_rows(db, ids), self)
        self.model.on_sort = self._on_sort
        self._order: tuple[str, bool] = ("path", False)  # the store's order until a header is clicked
        self._ordered: list[int] | None = None  # every id in that order (None: read it again)
        self._query: tuple[Any, ...] | None = None  # (status, search, order) the list shows
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the articles (full text)…")
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.addItem("All statuses", None)
        for status in store.DOC_STATUSES:
            self.status_filter.addItem(status, status)
        self.table = QTableView()
        self.table.setObjectName("documentTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.AscendingOrder)  # keep the store's order (by path) until asked
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setMinimumSectionSize(40)
        for column, width in ((1, 84), (2, 70), (3, 64), (4, 64)):
            header.resizeSection(column, width)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table)
        # Narrow is allowed: titles elide and the columns that do not fit are hidden (the row's
        # tooltip says it all), so the article keeps the room.
        self.table.setTextElideMode(Qt.ElideRight)
        install_elided_tips(self.table)
        self._column_widths = {1: 84, 2: 70, 3: 64, 4: 64}
        self.search.setMinimumWidth(80)
        self.status_filter.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.status_filter.setMinimumContentsLength(6)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.run_search_now)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.run_search_now)
        self.status_filter.currentIndexChanged.connect(self.run_search_now)
        # A review changed a row under a sort by status or counts: its place moves, once the keys settle.
        self._resort = QTimer(self)
        self._resort.setSingleShot(True)
        self._resort.setInterval(250)
        self._resort.timeout.connect(self.refresh)
        self._syncing = False
        self.session = None
        self._current: int | None = None
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    # Columns shown first as the list gets narrower: status, then the date, then the counts.
    COLUMN_PRIORITY = (2, 1, 4, 3)
    MIN_TITLE_WIDTH = 130

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        room = self.table.viewport().width() - self.MIN_TITLE_WIDTH
        for column in self.COLUMN_PRIORITY:
            width = self._column_widths[column]
            fits = room >= width
            self.table.setColumnHidden(column, not fits)
            if fits:
                room -= width

    def follow(self, session) -> None:
        """Select ``session``'s article, keep its row and the filters in step (both ways)."""
        self.session = session
        self.model.on_database_error = session.database_failed
        session.events.document.connect(lambda e: self.set_current(e.doc["id"] if e.doc else None))
        session.events.reviewed.connect(self._on_session_reviewed)
        # Facts alone change no row, count or order of the list.
        session.events.corpus.connect(lambda e: None if getattr(e, "facts_only", False) else self.refresh())
        session.events.filters.connect(self._on_session_filters)

    def _on_session_reviewed(self, event) -> None:
        if event.doc is not None:
            self.model.update_row(event.doc["id"], status=event.doc["status"], **event.counts)
            if self._order[0] in ("status", "proposed", "accepted"):
                self._resort.start()

    def _on_session_filters(self, event) -> None:
        # The session's filters changed from elsewhere (model -> view): show them and re-run the query.
        if (self.status_filter.currentData(), self.search.text().strip()) == (event.status, event.search or ""):
            return
        self.status_filter.blockSignals(True)
        self.search.blockSignals(True)
        try:
            index = self.status_filter.findData(event.status)
            self.status_filter.setCurrentIndex(max(0, index))
            self.search.setText(event.search or "")
        finally:
            self.status_filter.blockSignals(False)
            self.search.blockSignals(False)
        self.run_search_now()

    def _on_sort(self, column: int, order) -> None:
        wanted = (ORDERS[column], order == Qt.DescendingOrder) if 0 <= column < len(ORDERS) else ("path", False)
        if wanted != self._order:
            self._order = wanted
            self._ordered = None
            if self._query is not None:  # not before the first query (the constructor sets the sort)
                self._show()

    def refresh(self) -> None:
        """Re-read the list (anything may have changed: the order, the rows) and keep the current row."""
        self._resort.stop()
        self._ordered = None
        self._show()

    def run_search_now(self) -> None:
        """Run the typed search and the status filter at once (not after the typing delay), unless they are shown."""
        self._debounce.stop()
        if self._query != self._wanted():
            self._show()

    def _wanted(self) -> tuple[Any, ...]:
        return (self.status_filter.currentData(), self.search.text().strip(), self._order)

    def _show(self) -> None:
        status, search, order = self._query = self._wanted()
        if self.session is not None:  # view -> model: what the list shows is the session's filter
            self.session.set_filters(status=status, search=search)
        if self._ordered is None:
            self._ordered = store.document_order(self.db, order[0], descending=order[1])
        if status or search:
            matching = set(store.document_ids_where(self.db, status=status, search=search or None))
            ids = [i for i in self._ordered if i in matching]  # the kept order, no SQL sort
        else:
            ids = list(self._ordered)
        self._syncing = True
        try:
            self.model.set_ids(ids, problems.for_documents(self.db))
        finally:
            self._syncing = False
        self.set_current(self._current)

    def set_current(self, doc_id: int | None) -> None:
        """Select ``doc_id``'s row without emitting document_selected."""
        self._current = doc_id
        self._syncing = True
        try:
            select_row(self.table, self.model, self.model.row_of(doc_id))
        finally:
            self._syncing = False

    def neighbour(self, doc_id: int | None, step: int) -> int | None:
        """The document ``step`` rows away from ``doc_id`` in the order shown."""
        ids = self.model.ids
        if not ids:
            return None
        position = self.model.row_of(doc_id)
        if position is None:
            return ids[0 if step > 0 else -1]
        position += step
        return ids[position] if 0 <= position < len(ids) else None

    def doc_ids(self) -> list[int]:
        """Ids in the order shown."""
        return list(self.model.ids)

    def next_unfinished(self, doc_id: int | None) -> int | None:
        """The first article after ``doc_id`` in the order shown (wrapping) that is neither verified nor missing."""
        ids = self.model.ids
        position = self.model.row_of(doc_id)
        start = position + 1 if position is not None else 0
        following = ids[start:] + ids[:start]
        for first in range(0, len(following), 1000):
            chunk = following[first:first + 1000]
            unfinished = store.unfinished_documents(self.db, chunk)
            found = next((i for i in chunk if i in unfinished), None)
            if found is not None:
                return found
        return None

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        doc_id = current.data(ID_ROLE)
        self._current = doc_id
        self.document_selected.emit(doc_id)
