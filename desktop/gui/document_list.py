"""The list of articles: title, publication date, status, span counts; sort, filter, full-text search."""

from __future__ import annotations

from typing import Any

import sqlite_utils
from PySide6.QtCore import (
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
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
from desktop.gui.table_model import IdRowModel, select_row

COLUMNS = ("Title", "Published", "Status", "Proposed", "Accepted")
SORT_ROLE = Qt.UserRole + 1
ID_ROLE = Qt.UserRole
STATUS_COLORS = {"new": "#1f6fb2", "in review": "#b26b00", "verified": "#2e7d32", "missing": "#9e9e9e"}


class DocumentModel(IdRowModel):
    """Rows as ``store.list_documents`` returns them; replaced with one model reset."""

    COLUMNS = COLUMNS

    def update_row(self, doc_id: int, **fields: Any) -> None:
        """Change some fields of one document's row in place."""
        position = self.row_of(doc_id)
        if position is not None:
            row = self.rows[position]
            row.update(fields)
            self.replace_row(doc_id, row)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.DisplayRole, SORT_ROLE):
            if column == 0:
                title = row.get("title") or row["path"]
                if role == SORT_ROLE:
                    return title.casefold()
                return f"⚠ {title}" if row.get("facts_problem") else title
            if column == 1:
                return row.get("published") or ""
            if column == 2:
                return row["status"]
            if column == 3:
                return int(row.get("proposed") or 0)
            if column == 4:
                return int(row.get("accepted") or 0)
        elif role == ID_ROLE:
            return row["id"]
        elif role == Qt.ToolTipRole:
            # Everything the row says, for when a narrow list hides columns.
            return (f"{row.get('title') or row['path']}\n{row['path']}\n"
                    f"published {row.get('published') or 'unknown'} · {row['status']} · "
                    f"{int(row.get('proposed') or 0)} proposed, {int(row.get('accepted') or 0)} accepted"
                    + (f"\nfacts not extracted: {row['facts_problem']}" if row.get("facts_problem") else ""))
        elif role == Qt.ForegroundRole and column == 0 and row.get("facts_problem"):
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
        self.model = DocumentModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the articles (full text)…")
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.addItem("All statuses", None)
        for status in store.DOC_STATUSES:
            self.status_filter.addItem(status, status)
        self.table = QTableView()
        self.table.setObjectName("documentTable")
        self.table.setModel(self.proxy)
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
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.refresh)
        self.status_filter.currentIndexChanged.connect(self.refresh)
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
        session.events.document.connect(lambda e: self.set_current(e.doc["id"] if e.doc else None))
        session.events.reviewed.connect(self._on_session_reviewed)
        session.events.corpus.connect(lambda e: self.refresh())
        session.events.filters.connect(self._on_session_filters)

    def _on_session_reviewed(self, event) -> None:
        if event.doc is not None:
            self.model.update_row(event.doc["id"], status=event.doc["status"], **event.counts)

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
        self.refresh()

    def refresh(self) -> None:
        """Re-run the query (status filter and search) and keep the current row."""
        if self.session is not None:  # view -> model: what the list shows is the session's filter
            self.session.set_filters(status=self.status_filter.currentData(), search=self.search.text().strip())
        rows = store.list_documents(
            self.db, status=self.status_filter.currentData(), search=self.search.text().strip() or None
        )
        failed = problems.for_documents(self.db)  # articles whose facts could not be extracted: marked
        for row in rows:
            row["facts_problem"] = failed.get(row["id"])
        self._syncing = True
        try:
            self.model.set_rows(rows)
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
        count = self.proxy.rowCount()
        if count == 0:
            return None
        row = self.model.row_of(doc_id)
        if row is None:
            return self.proxy.index(0 if step > 0 else count - 1, 0).data(ID_ROLE)
        position = self.proxy.mapFromSource(self.model.index(row, 0)).row() + step
        if not 0 <= position < count:
            return None
        return self.proxy.index(position, 0).data(ID_ROLE)

    def doc_ids(self) -> list[int]:
        """Ids in the order shown."""
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in range(self.proxy.rowCount())]

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        doc_id = current.data(ID_ROLE)
        self._current = doc_id
        self.document_selected.emit(doc_id)
