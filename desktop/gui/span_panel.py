"""The document's spans in text order, with status, entity and value; selection synced with the text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

COLUMNS = ("Text", "Label", "Status", "Entity", "Value", "Source")
_DISPLAY, _BACKGROUND, _FOREGROUND, _FONT, _USER, _TOOLTIP = (
    Qt.DisplayRole, Qt.BackgroundRole, Qt.ForegroundRole, Qt.FontRole, Qt.UserRole, Qt.ToolTipRole,
)
_HANDLED = frozenset((_DISPLAY, _BACKGROUND, _FOREGROUND, _FONT, _USER, _TOOLTIP))
_GREY = QBrush(QColor("#8a8a8a"))
_STRUCK = QFont()
_STRUCK.setStrikeOut(True)


class SpanModel(QAbstractTableModel):
    """Rows are span dicts (as store.spans_for_document returns them)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.spans: list[dict[str, Any]] = []
        self.colors: dict[str, QColor] = {}
        self._row_of: dict[int, int] = {}

    def set_spans(self, spans: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.spans = spans
        self._row_of = {s["id"]: i for i, s in enumerate(spans)}
        self.endResetModel()

    def row_of(self, span_id: int | None) -> int | None:
        return self._row_of.get(span_id) if span_id is not None else None

    def update_span(self, span: dict[str, Any]) -> None:
        """Replace one row in place (after an accept, reject, relabel...)."""
        row = self._row_of.get(span["id"])
        if row is None:
            return
        self.spans[row] = span
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.spans)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=_DISPLAY):
        # Called for every visible cell and role on each paint: keep the common path short.
        if role not in _HANDLED or not index.isValid():
            return None
        span = self.spans[index.row()]
        column = index.column()
        if role == _DISPLAY:
            if column == 0:
                return " ".join((span.get("text") or "").split())
            if column == 1:
                return span["label"]
            if column == 2:
                return span["status"] + (" ⚑" if span.get("flag") else "")
            if column == 3:
                return span.get("entity_name") or span.get("entity_id") or ""
            if column == 4:
                return span.get("value") or ""
            return span.get("source") or ""
        if role == _BACKGROUND:
            if column != 1:
                return None
            color = QColor(self.colors.get(span["label"], QColor("#dddddd")))
            color.setAlpha(150 if span["status"] == "accepted" else 60)
            return QBrush(color)
        if role == _FOREGROUND:
            return _GREY if span["status"] == "rejected" else None
        if role == _FONT:
            return _STRUCK if span["status"] == "rejected" and column == 0 else None
        if role == _USER:
            return span["id"]
        if role == _TOOLTIP:
            return span.get("flag") or None
        return None


class SpanPanel(QTreeView):
    """A flat list of spans; selecting a row emits :attr:`span_selected`."""

    span_selected = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("spanPanel")
        self.span_model = SpanModel(self)
        self.setModel(self.span_model)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)  # keeps thousands of rows cheap
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        header = self.header()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((170, 70, 80, 130, 120, 60)):
            header.resizeSection(column, width)
        self._syncing = False
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def set_spans(self, spans: list[dict[str, Any]], colors: dict[str, QColor], current_id: int | None) -> None:
        self.span_model.colors = colors
        self._syncing = True
        try:
            self.span_model.set_spans(spans)
        finally:
            self._syncing = False
        self.set_current(current_id)

    def set_current(self, span_id: int | None) -> None:
        """Select ``span_id``'s row without emitting span_selected (model -> view)."""
        row = self.span_model.row_of(span_id)
        self._syncing = True
        try:
            if row is None:
                self.selectionModel().clear()
            else:
                index = self.span_model.index(row, 0)
                self.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
                )
                self.scrollTo(index)
        finally:
            self._syncing = False

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        self.span_selected.emit(self.span_model.spans[current.row()]["id"])
