"""Keyboard shortcuts in Qt: key sequences and the help overlay (the keys themselves: desktop/keys.py).

>>> key_map({"keys": {"accept": "Y"}})["accept"]
['Y']

Override any key in File > Settings… or in ``settings.json`` under ``"keys"``
(a string or a list of key sequences in Qt's portable text form, e.g. ``"Ctrl+Shift+A"``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

# The keys themselves are Qt-free (desktop/keys.py): the settings dialog checks them for conflicts.
from desktop.keys import DEFAULT_KEYS, key_map, shown_key  # noqa: F401 - re-exported


def shown_keys(keys: list[str]) -> str:
    """Keys for the help and the tooltips, as typed: ``["J"]`` -> ``"j"``; others in the platform's words."""
    return " / ".join(shown_key(k) if len(shown_key(k)) == 1 else QKeySequence(k).toString(QKeySequence.NativeText)
                      for k in keys)


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
            shown = shown_keys(keys.get(name, []))
            rows.append(f"<tr><td style='padding:2px 16px 2px 0'><b>{html.escape(shown)}</b></td>"
                        f"<td>{html.escape(text)}</td></tr>")
        label = QLabel(
            "<h3>Keys</h3><table>" + "".join(rows) + "</table>"
            "<p>Keyboard only: <b>v</b>, extend with the arrows, then a label key adds the span "
            "(whole words unless character precision is on).</p>"
            "<p>Mouse: click a span to select it, right-click for its menu, select text then press a label key "
            "to add a span. Keys can be changed in File > Settings… (or settings.json under \"keys\").</p>"
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
