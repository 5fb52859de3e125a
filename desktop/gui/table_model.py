"""A table model over a list of row dicts keyed by their ``id``, and quiet row selection.

>>> class Model(IdRowModel):          # doctest: +SKIP
...     COLUMNS = ("Title", "Status")
...     def data(self, index, role=Qt.DisplayRole): ...

Subclasses name their ``COLUMNS`` and write ``data``; rows are replaced with
one model reset and single rows updated in place by id.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView


class IdRowModel(QAbstractTableModel):
    """Rows are dicts with an ``id``; ``COLUMNS`` are the header titles."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self._row_of: dict[int, int] = {}

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """Replace every row (one model reset)."""
        self.beginResetModel()
        self.rows = rows
        self._row_of = {r["id"]: i for i, r in enumerate(rows)}
        self.endResetModel()

    def row_of(self, row_id: int | None) -> int | None:
        """The row holding ``row_id``, or None."""
        return self._row_of.get(row_id) if row_id is not None else None

    def replace_row(self, row_id: int, row: dict[str, Any]) -> None:
        """Put ``row`` in place of ``row_id``'s row and repaint it (nothing if it is not shown)."""
        position = self._row_of.get(row_id)
        if position is None:
            return
        self.rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(self.COLUMNS) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.COLUMNS[section]
        return None


def select_row(view: QAbstractItemView, model: QAbstractItemModel, row: int | None) -> None:
    """Make ``row`` of ``model`` (the view's model or its source) current, or clear the selection."""
    if row is None:
        view.selectionModel().clear()
        return
    index = model.index(row, 0)
    if model is not view.model():
        index = view.model().mapFromSource(index)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
    view.scrollTo(index)
