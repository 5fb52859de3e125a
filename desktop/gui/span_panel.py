"""The document's spans in text order, with status, entity and value; selection synced with the text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from desktop.gui.columns import install_elided_tips

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


def span_summary(span: dict[str, Any]) -> str:
    """Everything a row says, for its tooltip (a narrow panel hides or elides columns)."""
    entity = span.get("entity_name") or span.get("entity_id")
    lines = [" ".join((span.get("text") or "").split()),
             f"{span['label']} · {span['status']}" + (f" · {span['source']}" if span.get("source") else "")]
    if entity:
        lines.append(f"entity: {entity}")
    if span.get("value"):
        lines.append(f"value: {span['value']}")
    if span.get("flag"):
        lines.append(f"⚑ {span['flag']}")
    return "\n".join(lines)


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
            return span_summary(span)
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
        # The text takes what the others leave; they show, in COLUMN_PRIORITY order, while they fit
        # (no sideways scrolling in a side dock; a cut text is elided and the row's tooltip says it all).
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setMinimumSectionSize(36)
        for column, width in self.COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        install_elided_tips(self)
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

    COLUMN_WIDTHS = {1: 74, 2: 78, 3: 140, 4: 150, 5: 60}
    COLUMN_PRIORITY = (1, 2, 3, 4, 5)  # label, status, entity, value, source
    MIN_TEXT_WIDTH = 120

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Show the optional columns that fit beside the text; hide the rest."""
        room = self.viewport().width() - self.MIN_TEXT_WIDTH
        for column in self.COLUMN_PRIORITY:
            room -= self.COLUMN_WIDTHS[column]
            self.setColumnHidden(column, room < 0)  # the first that does not fit hides the rest too

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
