"""Keyboard shortcuts: action names, default keys, overrides from settings, the help overlay.

>>> key_map({"keys": {"accept": "Y"}})["accept"]
['Y']

Override any key in ``settings.json`` under ``"keys"`` (a string or a list of
key sequences in Qt's portable text form, e.g. ``"Ctrl+Shift+A"``).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

# name -> (default keys, what it does). Order is the order of the help overlay.
DEFAULT_KEYS: dict[str, tuple[list[str], str]] = {
    "next_span": (["J"], "Next span"),
    "previous_span": (["K"], "Previous span"),
    "accept": (["A"], "Accept the current span"),
    "reject": (["X"], "Reject the current span"),
    "link": (["E"], "Link the span to a canonical entity (search or create)"),
    "delete_span": (["Delete"], "Delete a span you added"),
    "select_text": (["V"], "Select text with the keys, from the current span's start (or the caret): "
                           "arrows, Ctrl+arrows (word), Home/End extend; a label key adds the span; Esc cancels"),
    "grow_start": (["Shift+Left"], "Move the span's start left (grow)"),
    "shrink_start": (["Shift+Right"], "Move the span's start right (shrink)"),
    "shrink_end": (["Alt+Left", "Ctrl+Shift+Left"], "Move the span's end left (shrink)"),
    "grow_end": (["Alt+Right", "Ctrl+Shift+Right"], "Move the span's end right (grow)"),
    "accept_all": (["Ctrl+Shift+A"], "Accept every remaining proposed span of the article"),
    "verify_next": (["Return", "Enter"], "Mark the article verified and open the next unverified one"),
    "next_document": (["N"], "Next article in the list"),
    "previous_document": (["P"], "Previous article in the list"),
    "undo": (["Ctrl+Z"], "Undo"),
    "redo": (["Ctrl+Shift+Z", "Ctrl+Y"], "Redo"),
    "show_rejected": (["R"], "Show or hide rejected spans (struck through)"),
    "character_precision": (["C"], "New spans and resizing: whole words or single characters"),
    "search": (["Ctrl+F"], "Search the articles (full text)"),
    "repropose": (["Ctrl+Alt+R"], "Re-propose every article's facts in the background (decisions stay)"),
    "problems": (["Ctrl+Alt+P"], "Show the problems: skipped files, articles whose facts failed, failed jobs"),
    "help": (["?", "F1"], "Show or hide this help"),
}
for _n in range(1, 10):
    DEFAULT_KEYS[f"label_{_n}"] = (
        [str(_n)],
        f"Relabel the span to label {_n}; with text selected, add a span with that label",
    )


def key_map(settings: dict[str, Any] | None = None) -> dict[str, list[str]]:
    """Every action's key sequences: the defaults, overridden by ``settings["keys"]``."""
    if settings is None:
        from desktop.settings import load_settings

        settings = load_settings()
    overrides = settings.get("keys") or {}
    keys: dict[str, list[str]] = {}
    for name, (default, _) in DEFAULT_KEYS.items():
        value = overrides.get(name, default) if isinstance(overrides, dict) else default
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            value = default  # a broken override: keep the default rather than lose the action
        keys[name] = value
    return keys


def sequences(keys: list[str]) -> list[QKeySequence]:
    return [QKeySequence(k) for k in keys if not QKeySequence(k).isEmpty()]


class HelpOverlay(QFrame):
    """A translucent panel over the window listing every key; ``?`` or Esc hides it."""

    def __init__(self, parent: QWidget, keys: dict[str, list[str]], labels: list[str]):
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setStyleSheet(
            "#helpOverlay { background: rgba(20, 24, 32, 225); border-radius: 8px; }"
            " QLabel { color: #f0f0f0; font-size: 13px; } QScrollArea { background: transparent; border: none; }"
        )
        rows = []
        for name, (_, text) in DEFAULT_KEYS.items():
            if name.startswith("label_"):
                n = int(name.split("_")[1])
                if n > len(labels):
                    continue
                text = f"Label {labels[n - 1]} (relabel; with text selected, add a span)"
            shown = " / ".join(QKeySequence(k).toString(QKeySequence.NativeText) for k in keys.get(name, []))
            rows.append(f"<tr><td style='padding:2px 16px 2px 0'><b>{html.escape(shown)}</b></td>"
                        f"<td>{html.escape(text)}</td></tr>")
        label = QLabel(
            "<h3>Keys</h3><table>" + "".join(rows) + "</table>"
            "<p>Keyboard only: <b>v</b>, extend with the arrows, then a label key adds the span "
            "(whole words unless character precision is on).</p>"
            "<p>Mouse: click a span to select it, right-click for its menu, select text then press a label key "
            "to add a span. Keys can be changed in settings.json under \"keys\".</p>"
        )
        label.setTextFormat(Qt.RichText)
        label.setWordWrap(True)
        self.text_label = label
        scroll = QScrollArea(self)
        scroll.setWidget(label)
        scroll.setWidgetResizable(True)
        scroll.viewport().setAutoFillBackground(False)
        label.setAutoFillBackground(False)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.hide()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        parent = self.parentWidget()
        margin = 40
        self.setGeometry(margin, margin, max(200, parent.width() - 2 * margin), max(200, parent.height() - 2 * margin))
        self.raise_()
        self.show()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key_Escape, Qt.Key_Question):
            self.hide()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.hide()
