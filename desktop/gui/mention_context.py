"""A mention shown in its context: one line of text with the mention in bold, the sides elided to fit.

A model gives ``(before, mention, after)`` under :data:`CONTEXT_ROLE`; the
triage queue and the entity view draw their mentions with :class:`ContextDelegate`.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

CONTEXT_ROLE = Qt.UserRole + 1


def flat(text: str) -> str:
    """Runs of whitespace (newlines included) as one space, edges kept: the context reads as one line."""
    return re.sub(r"\s+", " ", text)


class ContextDelegate(QStyledItemDelegate):
    """Draws a mention in its context: the mention in bold, a third of the way in, the sides elided."""

    def paint(self, painter, option, index) -> None:
        value = index.data(CONTEXT_ROLE)
        if not value:
            super().paint(painter, option, index)
            return
        before, text, after = value
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        options.text = ""
        style = options.widget.style() if options.widget else None
        if style is not None:
            style.drawControl(QStyle.CE_ItemViewItem, options, painter, options.widget)
        metrics = option.fontMetrics
        bold = QFont(option.font)
        bold.setBold(True)
        width = option.rect.width() - 8
        text = QFontMetrics(bold).elidedText(text, Qt.ElideRight, width)  # a mention longer than the cell
        mention_width = QFontMetrics(bold).horizontalAdvance(text)
        # The text before gets at most a third: the mention stays in view, and what follows it too.
        before = metrics.elidedText(before, Qt.ElideLeft, max(0, min(width // 3, width - mention_width)))
        after = metrics.elidedText(after, Qt.ElideRight,
                                   max(0, width - metrics.horizontalAdvance(before) - mention_width))
        color = option.palette.highlightedText().color() if option.state & QStyle.State_Selected \
            else option.palette.text().color()
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(2)
        document.setHtml(f"<span style='color:{color.name()}; white-space:pre'>{html.escape(before)}"
                         f"<b>{html.escape(text)}</b>{html.escape(after)}</span>")
        painter.save()
        top = option.rect.top() + (option.rect.height() - document.size().height()) / 2
        painter.translate(option.rect.left() + 2, top)
        painter.setClipRect(QRectF(0, 0, option.rect.width() - 2, option.rect.height()))
        document.drawContents(painter)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), option.fontMetrics.height() + 6))
