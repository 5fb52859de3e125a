"""The whole article, read-only, with every span highlighted inline.

Highlights are ``ExtraSelections`` built in one pass (one cursor per span, no
movement loops over the document), so a 200,000-character article with 5,000
spans opens in well under a second. Proposed spans have a light background
and a dotted underline, accepted ones a stronger background and a solid
underline, rejected ones are hidden unless shown struck through. The current
span is outlined.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.elided_label import ElidedLabel

_WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def token_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word and punctuation mark: the boundaries spans snap to."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Expand ``start..end`` to whole words and trim surrounding whitespace.

    >>> snap_to_words("Putin met Lukashenko.", 12, 14)
    (10, 20)
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, start
    while start > 0 and _is_word(text[start - 1]) and _is_word(text[start]):
        start -= 1
    while end < len(text) and _is_word(text[end]) and _is_word(text[end - 1]):
        end += 1
    return start, end


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def move_boundary(text: str, position: int, step: int, *, words: bool, edge: str) -> int:
    """The next place left (``step`` -1) or right (+1) of ``position`` a span's ``edge`` can move to.

    With ``words`` a start moves between token starts and an end between token
    ends, so a span never begins or ends in whitespace; otherwise by one character.

    >>> move_boundary("Vladimir Putin met", 0, 1, words=True, edge="start")
    9
    """
    if not words:
        return max(0, min(len(text), position + step))
    edges = [b[0] if edge == "start" else b[1] for b in token_bounds(text)]
    if step > 0:
        i = bisect.bisect_right(edges, position)
        return edges[i] if i < len(edges) else position
    i = bisect.bisect_left(edges, position) - 1
    return edges[i] if i >= 0 else position


HIGHLIGHT_MARGIN = 6000  # characters highlighted beyond the visible text, each side


class OffsetMap:
    """Python string offsets <-> QTextDocument positions (UTF-16 code units)."""

    def __init__(self, text: str):
        self.identity = not text or max(text) < "\U00010000"
        self._qt: list[int] = []
        if not self.identity:
            pos = 0
            for ch in text:
                self._qt.append(pos)
                pos += 2 if ord(ch) >= 0x10000 else 1
            self._qt.append(pos)

    def to_qt(self, offset: int) -> int:
        return offset if self.identity else self._qt[min(max(offset, 0), len(self._qt) - 1)]

    def to_py(self, position: int) -> int:
        if self.identity:
            return position
        return max(0, bisect.bisect_right(self._qt, position) - 1)


def display_text(text: str) -> str:
    """The text as the view shows it: same length, carriage returns as spaces."""
    return text.replace("\r", " ") if "\r" in text else text


def label_color(label: str, colors: dict[str, str]) -> QColor:
    """The colour of ``label``: the profile's (hex), else a stable colour from its name."""
    if label in colors:
        return QColor(colors[label])
    hue = sum(ord(c) * 37 for c in label) % 360
    return QColor.fromHsv(hue, 160, 230)


class ArticleView(QPlainTextEdit):
    """Read-only article text with span highlights; emits what the mouse asks for."""

    span_clicked = Signal(int)  # span id
    context_requested = Signal(QPoint, object)  # global position, span id under the mouse or None
    keyboard_selection_changed = Signal(bool)  # the keyboard selection mode started (True) or ended

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.setContextMenuPolicy(Qt.DefaultContextMenu)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5) + 1)
        self.setFont(font)
        self.document().setDocumentMargin(12)
        self.text = ""
        self.offsets = OffsetMap("")
        self.spans: list[dict[str, Any]] = []
        self._starts: list[int] = []
        self.current_id: int | None = None
        self.show_rejected = False
        self._colors: dict[str, QColor] = {}
        self._formats: dict[tuple[str, str, bool], QTextCharFormat] = {}
        self._press_pos: QPoint | None = None
        # Highlights exist only for a window of text around what is visible (rebuilt on scroll),
        # so opening an article costs the same with 50 spans or 5,000; selections are cached per span.
        self._window = (0, -1)
        self._max_len = 0
        self._cache: dict[int, tuple[tuple, QTextEdit.ExtraSelection]] = {}
        self._kb_anchor: int | None = None  # keyboard selection mode: fixed end (Python offset)
        self._kb_position = 0  # ...and the end the keys move
        # Other marks drawn over the spans (search hits: gui/search_hits.py): callables (low, high) ->
        # ExtraSelections within those text offsets, asked again on every rebuild.
        self.decorations: list = []
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # ------------------------------------------------------------ content

    def set_colors(self, colors: dict[str, str]) -> None:
        """Label -> colour (hex) used for the highlights."""
        self._colors = {label: QColor(value) for label, value in colors.items()}
        self._formats.clear()

    def color(self, label: str) -> QColor:
        if label not in self._colors:
            self._colors[label] = label_color(label, {})
        return self._colors[label]

    def follow(self, session) -> None:
        """Draw ``session``'s article, spans, current span, options and colours (a Session's events)."""
        events = session.events
        events.document.connect(self._on_session_document)
        events.spans.connect(lambda e: self.set_spans(e.spans, current_id=session.current_span_id))
        events.current_span.connect(self._on_session_current_span)
        events.show_rejected.connect(lambda e: self._on_session_option(session, show_rejected=e.value))
        events.labels.connect(lambda e: (self.set_colors(e.colors), self.set_spans(self.spans, current_id=self.current_id)))
        self.set_colors(session.label_colors)
        self.show_rejected = session.show_rejected

    def _on_session_document(self, event) -> None:
        doc = event.doc
        if event.same_text:
            self.set_spans(event.spans, current_id=event.current_span)
        else:
            self.set_article(doc["text"] if doc else "", event.spans, current_id=event.current_span)
        if event.current_span is not None:
            self.set_current(event.current_span, scroll=not event.same_text)

    def _on_session_current_span(self, event) -> None:
        self.end_keyboard_selection()  # moving to a span abandons a selection in progress
        self.set_current(event.span_id)

    def _on_session_option(self, session, *, show_rejected: bool) -> None:
        self.show_rejected = show_rejected
        self.set_spans(self.spans, current_id=session.current_span_id)

    def set_article(self, text: str, spans: list[dict[str, Any]], *, current_id: int | None = None) -> None:
        """Show a new article with its spans (text order)."""
        self.end_keyboard_selection()
        self.text = text
        self.offsets = OffsetMap(text)
        self._cache.clear()
        self._window = (0, -1)
        self.spans = []
        self.setPlainText(display_text(text))
        self.verticalScrollBar().setValue(0)
        self.set_spans(spans, current_id=current_id)

    def set_spans(self, spans: list[dict[str, Any]], *, current_id: int | None = None) -> None:
        """Redraw the highlights for ``spans`` (the text is unchanged)."""
        self.spans = spans
        self._starts = [s["start"] for s in spans]
        self._max_len = max((s["end"] - s["start"] for s in spans), default=0)
        self.current_id = current_id
        self._rebuild()

    def _format(self, label: str, status: str, flagged: bool) -> QTextCharFormat:
        key = (label, status, flagged)
        fmt = self._formats.get(key)
        if fmt is None:
            base = self.color(label)
            fmt = QTextCharFormat()
            if status == "accepted":
                background = QColor(base)
                background.setAlpha(150)
                fmt.setBackground(background)
                fmt.setUnderlineStyle(QTextCharFormat.SingleUnderline)
                fmt.setUnderlineColor(base.darker(170))
            elif status == "rejected":
                fmt.setFontStrikeOut(True)
                fmt.setForeground(QColor("#8a8a8a"))
                fmt.setUnderlineStyle(QTextCharFormat.NoUnderline)
            else:
                background = QColor(base)
                background.setAlpha(60)
                fmt.setBackground(background)
                fmt.setUnderlineStyle(QTextCharFormat.DotLine)
                fmt.setUnderlineColor(base.darker(150))
            if flagged:
                fmt.setUnderlineStyle(QTextCharFormat.WaveUnderline)
                fmt.setUnderlineColor(QColor("#d00000"))
            self._formats[key] = fmt
        return fmt

    def visible_spans(self) -> list[dict[str, Any]]:
        """The spans drawn (rejected ones only when shown)."""
        if self.show_rejected:
            return self.spans
        return [s for s in self.spans if s["status"] != "rejected"]

    def visible_range(self) -> tuple[int, int]:
        """Text offsets of the first and last characters on screen."""
        viewport = self.viewport()
        top = self.cursorForPosition(QPoint(0, 0)).position()
        bottom = self.cursorForPosition(QPoint(viewport.width() - 1, viewport.height() - 1)).position()
        return self.offsets.to_py(top), self.offsets.to_py(bottom)

    def _on_scrolled(self, *_args) -> None:
        low, high = self.visible_range()
        if not (self._window[0] <= low and high <= self._window[1]):
            self._rebuild()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._on_scrolled()

    def redecorate(self) -> None:
        """Draw the highlights again (a decoration changed)."""
        self._rebuild()

    def _rebuild(self) -> None:
        low, high = self.visible_range()
        low, high = max(0, low - HIGHLIGHT_MARGIN), high + HIGHLIGHT_MARGIN
        self._window = (low, high)
        first = bisect.bisect_left(self._starts, low - self._max_len)
        last = bisect.bisect_right(self._starts, high)
        document = self.document()
        to_qt = self.offsets.to_qt
        cache = self._cache
        selections = []
        for span in self.spans[first:last]:
            status = span["status"]
            if span["end"] < low or (status == "rejected" and not self.show_rejected):
                continue
            flagged = bool(span.get("flag"))
            key = (span["start"], span["end"], span["label"], status, flagged)
            cached = cache.get(span["id"])
            if cached is not None and cached[0] == key:
                selections.append(cached[1])
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(to_qt(span["start"]))
            cursor.setPosition(to_qt(span["end"]), QTextCursor.KeepAnchor)
            selection.cursor = cursor
            selection.format = self._format(span["label"], status, flagged)
            cache[span["id"]] = (key, selection)
            selections.append(selection)
        for decorate in self.decorations:
            selections.extend(decorate(low, high))
        self.setExtraSelections(selections)
        self.viewport().update()

    # ------------------------------------------------------------ current span

    def span(self, span_id: int | None) -> dict[str, Any] | None:
        if span_id is None:
            return None
        for span in self.spans:
            if span["id"] == span_id:
                return span
        return None

    def set_current(self, span_id: int | None, *, scroll: bool = True) -> None:
        """Outline ``span_id`` and scroll it into view."""
        self.current_id = span_id
        span = self.span(span_id)
        if span is not None and scroll:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.offsets.to_qt(span["start"]))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        self.viewport().update()

    def spans_at(self, offset: int) -> list[dict[str, Any]]:
        """Visible spans covering a text offset, innermost (shortest) first."""
        i = bisect.bisect_right(self._starts, offset)
        hits = [s for s in self.spans[:i] if s["start"] <= offset < s["end"]]
        if not self.show_rejected:
            hits = [s for s in hits if s["status"] != "rejected"]
        return sorted(hits, key=lambda s: s["end"] - s["start"])

    def offset_at(self, viewport_pos: QPoint) -> int | None:
        """The text offset under a viewport position (None past the end of a line)."""
        cursor = self.cursorForPosition(viewport_pos)
        position = cursor.position()
        # cursorForPosition rounds to the nearest gap; test the character to the left too.
        rect = self.cursorRect(cursor)
        if viewport_pos.x() < rect.x() and position > 0:
            position -= 1
        return self.offsets.to_py(position)

    def span_at(self, viewport_pos: QPoint) -> dict[str, Any] | None:
        offset = self.offset_at(viewport_pos)
        hits = self.spans_at(offset) if offset is not None else []
        return hits[0] if hits else None

    def selected_range(self) -> tuple[int, int] | None:
        """The selected text as Python offsets, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.offsets.to_py(cursor.selectionStart()), self.offsets.to_py(cursor.selectionEnd())

    def select_range(self, start: int, end: int) -> None:
        """Select (and show) a range of the text, e.g. the evidence of a fact."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    # ------------------------------------------------------------ keyboard selection

    @property
    def keyboard_selecting(self) -> bool:
        """True while the keyboard selection mode (``v``) is on."""
        return self._kb_anchor is not None

    def keyboard_anchor(self, current_span: dict[str, Any] | None) -> int:
        """Where a keyboard selection starts: the current span's start, else the caret, else the top of the view.

        Each only counts when it is on screen, so the selection starts where the analyst is looking.
        """
        low, high = self.visible_range()
        if current_span is not None and low <= current_span["start"] <= high:
            return current_span["start"]
        caret = self.offsets.to_py(self.textCursor().position())
        if low <= caret <= high:
            return caret
        return low

    def start_keyboard_selection(self, anchor: int) -> None:
        """Start selecting text with the keys from ``anchor`` (an empty selection until a key extends it)."""
        anchor = max(0, min(len(self.text), anchor))
        self._kb_anchor = self._kb_position = anchor
        self._show_keyboard_selection()
        self.keyboard_selection_changed.emit(True)

    def end_keyboard_selection(self, *, clear: bool = True) -> None:
        """Leave the keyboard selection mode (``clear`` drops the selection too)."""
        if self._kb_anchor is None:
            return
        self._kb_anchor = None
        if clear:
            self.clear_selection()
        self.keyboard_selection_changed.emit(False)

    def _show_keyboard_selection(self) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(self._kb_anchor))
        cursor.setPosition(self.offsets.to_qt(self._kb_position), QTextCursor.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _keyboard_target(self, key: int, modifiers) -> int | None:
        """Where a navigation key moves the free end of the keyboard selection (None: not ours)."""
        position, anchor = self._kb_position, self._kb_anchor
        words = bool(modifiers & (Qt.ControlModifier | Qt.AltModifier))
        if key in (Qt.Key_Left, Qt.Key_Right):
            step = -1 if key == Qt.Key_Left else 1
            if not words:
                target = position + step
            else:
                # The free end is an end right of the anchor and a start left of it: it stops
                # at token ends or starts accordingly, so a selection never ends in a space.
                edge = "end" if position > anchor or (position == anchor and step > 0) else "start"
                target = move_boundary(self.text, position, step, words=True, edge=edge)
                if (position - anchor) * (target - anchor) < 0:
                    target = anchor  # crossing the anchor: stop there first
            return max(0, min(len(self.text), target))
        moves = {
            Qt.Key_Up: QTextCursor.Up, Qt.Key_Down: QTextCursor.Down,
            Qt.Key_Home: QTextCursor.Start if words else QTextCursor.StartOfLine,
            Qt.Key_End: QTextCursor.End if words else QTextCursor.EndOfLine,
            Qt.Key_PageUp: None, Qt.Key_PageDown: None,
        }
        if key not in moves:
            return None
        cursor = self.textCursor()
        if moves[key] is None:
            # A page: as many lines as fit in the view.
            lines = max(1, self.viewport().height() // max(1, self.fontMetrics().lineSpacing()) - 1)
            cursor.movePosition(QTextCursor.Up if key == Qt.Key_PageUp else QTextCursor.Down,
                                QTextCursor.KeepAnchor, lines)
        else:
            cursor.movePosition(moves[key], QTextCursor.KeepAnchor)
        return self.offsets.to_py(cursor.position())

    _KEYBOARD_KEYS = (Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down, Qt.Key_Home, Qt.Key_End,
                      Qt.Key_PageUp, Qt.Key_PageDown, Qt.Key_Escape)

    def event(self, event) -> bool:
        # While selecting, navigation keys (even Shift+arrows, which otherwise resize the span)
        # belong to the selection: accepting the override keeps them from the window's shortcuts.
        if event.type() == QEvent.ShortcutOverride and self.keyboard_selecting \
                and event.key() in self._KEYBOARD_KEYS:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self.keyboard_selecting:
            super().keyPressEvent(event)
            return
        if event.key() == Qt.Key_Escape:
            self.end_keyboard_selection()
            return
        target = self._keyboard_target(event.key(), event.modifiers())
        if target is None:
            super().keyPressEvent(event)
            return
        self._kb_position = target
        self._show_keyboard_selection()

    # ------------------------------------------------------------ painting and events

    def _span_rects(self, span: dict[str, Any]) -> list[QRect]:
        start = QTextCursor(self.document())
        start.setPosition(self.offsets.to_qt(span["start"]))
        end = QTextCursor(self.document())
        end.setPosition(self.offsets.to_qt(span["end"]))
        first, last = self.cursorRect(start), self.cursorRect(end)
        if first.top() == last.top():
            return [QRect(first.left(), first.top(), max(2, last.left() - first.left()), first.height())]
        right = self.viewport().width() - 4
        left = int(self.document().documentMargin())
        rects = [QRect(first.left(), first.top(), right - first.left(), first.height())]
        if last.top() - first.bottom() > 2:
            rects.append(QRect(left, first.bottom(), right - left, last.top() - first.bottom()))
        rects.append(QRect(left, last.top(), max(2, last.left() - left), last.height()))
        return rects

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        span = self.span(self.current_id)
        if span is None or (span["status"] == "rejected" and not self.show_rejected):
            return
        painter = QPainter(self.viewport())
        pen = QPen(self.color(span["label"]).darker(220))
        pen.setWidth(2)
        painter.setPen(pen)
        for rect in self._span_rects(span):
            painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), 3, 3)
        painter.end()

    def viewportEvent(self, event) -> bool:  # noqa: N802
        if event.type() == QEvent.ToolTip:
            span = self.span_at(event.pos())
            if span is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), span_tooltip(span), self.viewport())
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.end_keyboard_selection(clear=False)  # the mouse takes over the selection
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if event.button() == Qt.LeftButton and self._press_pos is not None:
            dragged = (pos - self._press_pos).manhattanLength() > 3
            if not dragged and not self.textCursor().hasSelection():
                span = self.span_at(pos)
                if span is not None:
                    self.span_clicked.emit(span["id"])
        self._press_pos = None

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        span = self.span_at(event.pos())
        self.context_requested.emit(event.globalPos(), span["id"] if span else None)


def span_tooltip(span: dict[str, Any]) -> str:
    """Label, canonical entity, normalised value, source and status of a span, as rich text."""
    import html

    rows = [("Label", span["label"]), ("Status", span["status"]), ("Source", span.get("source") or "")]
    entity = span.get("entity_name") or span.get("entity_id")
    rows.insert(1, ("Entity", entity or "(not linked)"))
    if span.get("value"):
        rows.insert(2, ("Value", span["value"]))
    if span.get("flag"):
        rows.append(("Flag", span["flag"]))
    body = "".join(f"<tr><td><b>{k}</b>&nbsp;</td><td>{html.escape(str(v))}</td></tr>" for k, v in rows)
    return f"<p><i>{html.escape(span.get('text') or '')}</i></p><table>{body}</table>"


class PublishedBar(QWidget):
    """The publication date and where it came from, with a field to correct it."""

    date_submitted = Signal(object)  # ISO date str, or None to clear

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("articleTitle")
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() + 2)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        # Long titles and date explanations must not widen the window: they wrap or are cut, with a tooltip.
        self.title.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.basis = ElidedLabel()
        self.basis.setObjectName("publishedBasis")
        self.basis.setStyleSheet("color: #555")
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("0000-00-00") + 24)
        self.edit.setToolTip("Correct the publication date (dates in the text are then re-resolved); empty clears it")
        self.button = QPushButton("Set date")
        self.button.setFocusPolicy(Qt.NoFocus)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Published:"))
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addWidget(self.basis, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addLayout(row)
        self.edit.returnPressed.connect(self._on_submit)
        self.button.clicked.connect(self._on_submit)

    def follow(self, session) -> None:
        """Show ``session``'s current article (and its row again after each edit)."""
        session.events.document.connect(lambda e: self.show_document(e.doc))
        session.events.reviewed.connect(lambda e: self.show_document(e.doc))

    def show_document(self, doc: dict[str, Any] | None) -> None:
        if doc is None:
            self.title.setText("No article")
            self.edit.setText("")
            self.basis.set_full_text("")
            self.setEnabled(False)
            return
        self.setEnabled(True)
        self.title.setText(doc.get("title") or doc["path"])
        self.title.setToolTip(doc["path"])
        self.edit.setText(doc.get("published") or "")
        source = doc.get("published_source") or "none"
        basis = doc.get("published_basis") or ("no date found" if not doc.get("published") else "")
        self.basis.set_full_text(f"from {source}: {basis}")  # elided to the room left; the tooltip has it all

    def _on_submit(self) -> None:
        value = self.edit.text().strip()
        self.date_submitted.emit(value or None)
