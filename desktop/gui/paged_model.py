"""A table model that reads its rows a page at a time, as the view scrolls (Qt's fetchMore).

>>> model = PagedModel(("Text", "Count"), lambda offset, limit: rows[offset:offset + limit])  # doctest: +SKIP
>>> model.reload(total=len(rows))  # doctest: +SKIP

The triage queue and the entity list page through tens of thousands of rows:
the view asks for more (``canFetchMore``/``fetchMore``) only when the analyst
scrolls near the end, so opening either costs one page of SQL. :func:`fit_columns`
hides the columns a narrow dock has no room for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.gui.columns import install_elided_tips

PAGE = 100


class PagedModel(QAbstractTableModel):
    """Rows come from ``fetch(offset, limit)``; ``cell(row, column, role)`` gives what a cell shows."""

    def __init__(self, columns: tuple[str, ...], fetch: Callable[[int, int], list[Any]],
                 cell: Callable[[Any, int, int], Any] | None = None, *, page: int = PAGE, parent=None):
        super().__init__(parent)
        self.columns = columns
        self.fetch = fetch
        self.cell = cell or (lambda row, column, role: None)
        self.page = page
        self.rows: list[Any] = []
        self.total = 0
        self.sort_column = -1
        self.sort_order = Qt.DescendingOrder
        self.on_sort: Callable[[int, Qt.SortOrder], None] | None = None

    def reload(self, *, total: int, keep: int = 0) -> None:
        """Start again from the first page (at least ``keep`` rows, so a refresh keeps the scrolled part)."""
        self.beginResetModel()
        self.total = total
        wanted = max(self.page, keep)
        self.rows = self.fetch(0, wanted) if total else []
        self.endResetModel()

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt's name
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        more = self.fetch(len(self.rows), self.page)
        if not more:
            self.total = len(self.rows)  # the data shrank since the count: stop asking
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.columns[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        return self.cell(self.rows[index.row()], index.column(), role)

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        """The header was clicked: the owner re-queries in that order (the SQL sorts, not the model)."""
        self.sort_column, self.sort_order = column, order
        if self.on_sort is not None:
            self.on_sort(column, order)


def fit_columns(table, widths: dict[int, int], priority: tuple[int, ...], *, keep: int) -> None:
    """Show ``table``'s optional columns in ``priority`` order while they fit beside ``keep`` pixels for the rest.

    A dock on the side of the window is narrow: hiding a column beats scrolling
    sideways (each row's tooltip still says what the hidden columns held).
    """
    room = table.viewport().width() - keep
    for column in priority:
        room -= widths[column]
        table.setColumnHidden(column, room < 0)  # the first that does not fit hides the rest too


def paged_table(parent, model: PagedModel, name: str, mode) -> QTableView:
    """A read-only, row-selecting table for a paged model, with elided single-line cells (the docks' lists)."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(mode)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.ElideRight)
    install_elided_tips(table)  # a cut cell's tooltip is its whole text (unless the row has its own)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    table.horizontalHeader().setMinimumSectionSize(40)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    return table
