"""A one-line label that ends in "…" when its dock is narrow, with the whole text in its tooltip.

>>> label = ElidedLabel()                                              # doctest: +SKIP
>>> label.set_full_text("3 reports. Click a point for its evidence.")  # doctest: +SKIP

Used where a sentence sits beside controls (the publication basis, the plot notes): cut
mid-word it reads as a bug, elided with a tooltip it reads as "there is more".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy


class ElidedLabel(QLabel):
    """One line of plain text that ends in "…" when it does not fit; the tooltip holds the whole of it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.full_text = ""
        self.setTextFormat(Qt.PlainText)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # never widens the window

    def set_full_text(self, text: str) -> None:
        """Show ``text``, elided to the label's width; the tooltip is the whole of it."""
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.ElideRight, max(0, self.width())))
