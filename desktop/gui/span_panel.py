"""The document's spans in text order, with status, entity and value; selection synced with the text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from desktop.gui.article_view import label_color
from desktop.gui.table_model import IdRowModel, select_row

COLUMNS = ("Text", "Label", "Status", "Entity", "Value", "Source")
_DISPLAY, _BACKGROUND, _FOREGROUND, _FONT, _USER, _TOOLTIP = (
    Qt.DisplayRole, Qt.BackgroundRole, Qt.ForegroundRole, Qt.FontRole, Qt.UserRole, Qt.ToolTipRole,
)
_HANDLED = frozenset((_DISPLAY, _BACKGROUND, _FOREGROUND, _FONT, _USER, _TOOLTIP))
_GREY = QBrush(QColor("#8a8a8a"))
_STRUCK = QFont()
_STRUCK.setStrikeOut(True)


class SpanModel(IdRowModel):
    """Rows are span dicts (as store.spans_for_document returns them)."""

    COLUMNS = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.colors: dict[str, QColor] = {}

    def update_span(self, span: dict[str, Any]) -> None:
        """Replace one row in place (after an accept, reject, relabel...)."""
        self.replace_row(span["id"], span)

    def data(self, index, role=_DISPLAY):
        # Called for every visible cell and role on each paint: keep the common path short.
        if role not in _HANDLED or not index.isValid():
            return None
        span = self.rows[index.row()]
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
            color = QColor(self.colors.get(span["label"]) or label_color(span["label"], {}))
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

    def follow(self, session) -> None:
        """List ``session``'s spans and select its current span (a Session's events)."""
        def colors(values):
            return {label: label_color(label, values) for label in values}

        def on_spans(event):
            if event.changed:
                for span_id in event.changed:
                    span = session.span(span_id)
                    if span is not None:
                        self.span_model.update_span(span)
            else:
                self.set_spans(event.spans, self.span_model.colors, session.current_span_id)

        def on_labels(event):
            self.span_model.colors = colors(event.colors)
            self.viewport().update()

        self.span_model.colors = colors(session.label_colors)
        session.events.document.connect(
            lambda e: self.set_spans(e.spans, self.span_model.colors, e.current_span))
        session.events.spans.connect(on_spans)
        session.events.current_span.connect(lambda e: self.set_current(e.span_id))
        session.events.labels.connect(on_labels)

    def set_spans(self, spans: list[dict[str, Any]], colors: dict[str, QColor], current_id: int | None) -> None:
        self.span_model.colors = colors
        self._syncing = True
        try:
            self.span_model.set_rows(spans)
        finally:
            self._syncing = False
        self.set_current(current_id)

    def set_current(self, span_id: int | None) -> None:
        """Select ``span_id``'s row without emitting span_selected (model -> view)."""
        self._syncing = True
        try:
            select_row(self, self.span_model, self.span_model.row_of(span_id))
        finally:
            self._syncing = False

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        self.span_selected.emit(self.span_model.rows[current.row()]["id"])
