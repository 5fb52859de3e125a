"""Table columns that fit: a cut cell is elided and its tooltip says it all.

>>> install_elided_tips(view)   # doctest: +SKIP
>>> cut_cells(view)             # [] when every shown cell fits or is elided with a tooltip  # doctest: +SKIP

Qt elides a cell's text that does not fit (``textElideMode``), but says
nothing of what was cut. :func:`install_elided_tips` shows the whole text as
the tooltip of such a cell (unless the model has a tooltip of its own), and
:func:`cut_cells` lists the cells that are cut with no way to read them: the
check behind the layout test and the screenshot script.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QStyle, QToolTip


def _text(index: QModelIndex) -> str:
    value = index.data(Qt.DisplayRole)
    return "" if value is None else str(value)


def needed_width(view: QAbstractItemView, index: QModelIndex) -> int:
    """Pixels the cell's text needs in ``view`` (its margins included, and the tree's indentation in column 0)."""
    text = _text(index)
    if not text:
        return 0
    font = index.data(Qt.FontRole)
    metrics = view.fontMetrics() if font is None else type(view.fontMetrics())(font)
    margin = view.style().pixelMetric(QStyle.PM_FocusFrameHMargin, None, view) + 1
    width = metrics.horizontalAdvance(text) + 2 * margin
    if index.data(Qt.DecorationRole) is not None:
        width += view.iconSize().width() + margin if view.iconSize().isValid() else 20
    if index.column() == 0 and hasattr(view, "indentation") and view.rootIsDecorated():
        width += view.indentation()
    return width


def _column_width(view: QAbstractItemView, column: int) -> int:
    header = view.horizontalHeader() if hasattr(view, "horizontalHeader") else view.header()
    return header.sectionSize(column)


def is_cut(view: QAbstractItemView, index: QModelIndex) -> bool:
    """True when the cell's text does not fit its column (Qt then elides it)."""
    return needed_width(view, index) > _column_width(view, index.column())


def cell_tooltip(view: QAbstractItemView, index: QModelIndex) -> str | None:
    """The tooltip a cell shows: the model's own, else the whole text when the cell is cut."""
    tip = index.data(Qt.ToolTipRole)
    if tip:
        return str(tip)
    if has_elided_tips(view) and is_cut(view, index):
        return _text(index)
    return None


class _ElidedTips(QObject):
    """Viewport event filter: the tooltip of a cut cell is its whole text."""

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self.view = view

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.ToolTip:
            return False
        index = self.view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ToolTipRole):
            return False  # the model's own tooltip (Qt shows it)
        if is_cut(self.view, index):
            QToolTip.showText(event.globalPos(), _text(index), self.view.viewport())
            return True
        QToolTip.hideText()
        return True


def install_elided_tips(view: QAbstractItemView) -> None:
    """Elide cut cells on the right and give each the whole text as its tooltip."""
    if view.textElideMode() == Qt.ElideNone:
        view.setTextElideMode(Qt.ElideRight)
    view.viewport().installEventFilter(_ElidedTips(view))


def has_elided_tips(view: QAbstractItemView) -> bool:
    return any(isinstance(child, _ElidedTips) for child in view.children())


def cut_cells(view: QAbstractItemView, *, rows: int = 200, within_viewport: bool = False) -> list[str]:
    """What the analyst cannot read in ``view``'s first ``rows`` rows: one line per problem, [] if none.

    A cell whose text does not fit must be elided with a tooltip that holds the text.
    ``within_viewport``: a shown column must also end inside the view (no sideways scrolling).
    """
    model = view.model()
    if model is None:
        return []
    header = view.horizontalHeader() if hasattr(view, "horizontalHeader") else view.header()
    name = view.objectName() or type(view).__name__
    problems = []
    columns = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
    if within_viewport:
        for column in columns:
            right = header.sectionPosition(column) + header.sectionSize(column)
            if right > view.viewport().width() + 1:
                problems.append(f"{name}: column {model.headerData(column, Qt.Horizontal)!r} ends at {right} px, "
                                f"past the view's {view.viewport().width()} px")
    elided = view.textElideMode() != Qt.ElideNone
    for row in range(min(rows, model.rowCount())):
        for column in columns:
            index = model.index(row, column)
            if not is_cut(view, index):
                continue
            text = _text(index)
            model_tip = index.data(Qt.ToolTipRole)
            readable = elided and (text in str(model_tip) if model_tip else has_elided_tips(view))
            if not readable:
                problems.append(f"{name}: row {row} column {model.headerData(column, Qt.Horizontal)!r}: "
                                f"{text!r} needs {needed_width(view, index)} px, has {_column_width(view, column)}, "
                                "and no tooltip")
    return problems
