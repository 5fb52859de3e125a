"""Search hits in the open article: the words of the article list's search marked, F3 / Shift+F3 between them.

The search itself is the article list's (Ctrl+F, full text); this follows the
session's ``filters`` and ``document`` events, finds the hits with
:func:`desktop.search_hits.find_hits` and draws them as one more decoration of the
:class:`~desktop.gui.article_view.ArticleView` (over the span highlights).
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from desktop.search_hits import find_hits

HIT = "#ffe066"
CURRENT_HIT = "#ff9f1c"


class SearchHits(QObject):
    """The hits of ``session.filters["search"]`` in ``view``'s article; :meth:`step` moves between them."""

    def __init__(self, view, session, *, status=None, parent=None):
        super().__init__(parent)
        self.view = view
        self.session = session
        self.status = status  # callable(text) for "hit 2 of 7", or None
        self.query = ""
        self.hits: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self.current = -1
        self._formats = {}
        for name, colour in (("hit", HIT), ("current", CURRENT_HIT)):
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(colour))
            fmt.setForeground(QColor("#000000"))
            self._formats[name] = fmt
        view.decorations.append(self._selections)
        session.events.filters.connect(self._on_session_filters)
        session.events.document.connect(self._on_session_document)

    def _on_session_filters(self, event) -> None:
        if (event.search or "") != self.query:
            self.query = event.search or ""
            self._find(keep=False)

    def _on_session_document(self, event) -> None:
        # The view may not show the new text yet (listeners run in turn): find in the event's text,
        # and leave the drawing to the view, which rebuilds its highlights for the new article.
        text = (event.doc or {}).get("text") or ""
        self._find(text, keep=bool(getattr(event, "same_text", False)), draw=False)

    def _find(self, text: str | None = None, *, keep: bool, draw: bool = True) -> None:
        current = self.hits[self.current] if keep and 0 <= self.current < len(self.hits) else None
        self.hits = find_hits(self.view.text if text is None else text, self.query)
        self._starts = [start for start, _end in self.hits]
        self.current = self.hits.index(current) if current in self.hits else -1
        if draw:
            self.view.redecorate()

    def _selections(self, low: int, high: int) -> list[QTextEdit.ExtraSelection]:
        if not self.hits:
            return []
        first = max(0, bisect.bisect_left(self._starts, low) - 1)
        last = bisect.bisect_right(self._starts, high)
        document, to_qt, out = self.view.document(), self.view.offsets.to_qt, []
        for index in range(first, last):
            start, end = self.hits[index]
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(to_qt(start))
            cursor.setPosition(to_qt(end), QTextCursor.KeepAnchor)
            selection.cursor = cursor
            selection.format = self._formats["current" if index == self.current else "hit"]
            out.append(selection)
        return out

    def step(self, direction: int) -> None:
        """The next (1) or previous (-1) hit from the current one (or from the caret), wrapping; scrolled to."""
        if not self.hits:
            self._say(f"No hits of “{self.query}” in this article" if self.query else
                      "No search: Ctrl+F searches the articles")
            return
        if self.current < 0:
            caret = self.view.offsets.to_py(self.view.textCursor().position())
            index = bisect.bisect_left(self._starts, caret) if direction > 0 else bisect.bisect_left(self._starts, caret) - 1
        else:
            index = self.current + direction
        self.current = index % len(self.hits)
        start, _end = self.hits[self.current]
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.view.offsets.to_qt(start))
        self.view.setTextCursor(cursor)  # the caret at the hit: v selects from there
        self.view.ensureCursorVisible()
        self.view.redecorate()
        self._say(f"Hit {self.current + 1} of {len(self.hits)} for “{self.query}”")

    def _say(self, text: str) -> None:
        if self.status is not None:
            self.status(text)


def install_search_hits(window, go_menu) -> SearchHits:
    """The window's search hits and their keys (F3 / Shift+F3, in the Go menu)."""
    hits = SearchHits(window.view, window.session, status=lambda t: window.statusBar().showMessage(t, 4000),
                      parent=window)
    for name, text, step in (("next_hit", "Next search hit", 1), ("previous_hit", "Previous search hit", -1)):
        action = window._action(name, text, lambda _=False, step=step: hits.step(step), review_key=False)
        action.setShortcutContext(Qt.WindowShortcut)  # F3 from the search box too
        go_menu.addAction(action)
    return hits
