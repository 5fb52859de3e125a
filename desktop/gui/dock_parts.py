"""Pieces every side dock is built from: its message line, its scrolling body, a debounced search."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDockWidget, QLabel, QLayout, QScrollArea, QSizePolicy, QWidget


def finish_dock(dock: QDockWidget, body: QWidget, layout: QLayout) -> QLabel:
    """Add the dock's message line under ``layout`` and set ``body`` in a scroll area; returns the line.

    Below its minimum size the dock scrolls rather than widening the window's side.
    """
    message = QLabel(body)
    message.setWordWrap(True)
    message.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
    layout.addWidget(message)
    scroll = QScrollArea(dock)
    scroll.setWidget(body)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.NoFrame)
    dock.setWidget(scroll)
    return message


def debounced(parent: QWidget, slot: Callable[[], None], ms: int = 250) -> QTimer:
    """A single-shot timer that calls ``slot`` once typing pauses for ``ms`` (connect a signal to its start)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer
