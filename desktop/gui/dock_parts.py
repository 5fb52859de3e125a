"""Pieces every side dock is built from: its message line, its scrolling body, its split panes, a debounced search,
its session."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QLayout, QScrollArea, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from desktop import store

log = logging.getLogger(__name__)


class _CheckPassed(QObject):
    passed = Signal()


def after_check(db, widget: QWidget, slot: Callable[[], None]) -> bool:
    """Whether ``db``'s damage check still runs (see ``store.open_db(check_later=True)``); if so ``slot`` is
    called on the GUI thread once it passed (once, however often asked). A write meanwhile would hold the GUI
    thread until the check ends: a dock that writes on its own (a sync of derived counts) waits instead."""
    check = store.pending_check(db)
    if check is None:
        return False
    if getattr(widget, "_after_check", None) is None:
        relay = widget._after_check = _CheckPassed(widget)
        relay.passed.connect(slot, Qt.QueuedConnection)

        def done(error: BaseException | None) -> None:
            if error is None:  # a failure: the window says it and closes
                try:
                    relay.passed.emit()
                except RuntimeError:
                    pass  # the widget went with its window

        check.add_done_callback(done)
    return True


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


def stacked(parent: QWidget, *widgets: QWidget) -> QWidget:
    """A widget holding ``widgets`` one under the other, without margins (a pane of a splitter)."""
    pane = QWidget(parent)
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return pane


def split_vertically(parent: QWidget, upper: QWidget, lower: QWidget, stretch: tuple[int, int]) -> QSplitter:
    """``upper`` above ``lower`` in a splitter the analyst can drag, sharing the height as ``stretch`` says."""
    splitter = QSplitter(Qt.Vertical, parent)
    splitter.addWidget(upper)
    splitter.addWidget(lower)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    return splitter


def debounced(parent: QWidget, slot: Callable[[], None], ms: int = 250) -> QTimer:
    """A single-shot timer that calls ``slot`` once typing pauses for ``ms`` (connect a signal to its start)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer


def follow_session(dock: QDockWidget, session) -> None:
    """Keep a hosted dock on ``session``'s article and data (the dock protocol: ``set_document``, ``refresh``).

    A dock behind a tab or closed does not re-query on every change; it catches up when shown.
    A change the dock made itself (``corpus`` with ``origin=dock``) does not refresh it again.
    """
    stale = {"value": False}

    def call(method: str, *args) -> None:
        try:
            getattr(dock, method)(*args)
        except RuntimeError:
            pass  # the dock was deleted with its window
        except Exception as exc:  # noqa: BLE001 - a dock's bug must not break the review
            log.warning("%s.%s failed: %s", type(dock).__name__, method, exc)

    def on_document(event) -> None:
        call("set_document", event.doc["id"] if event.doc else None)

    def on_change(event) -> None:
        if getattr(event, "origin", None) is dock or getattr(event, "in_progress", False):
            return  # the dock did it, or a job's batch (the dock catches up at the job's end)
        try:
            shown = dock.isVisible() and not dock.visibleRegion().isEmpty()
        except RuntimeError:
            return
        if shown:
            call("refresh")
        else:
            stale["value"] = True

    def on_visibility(visible: bool) -> None:
        if visible and stale["value"]:
            stale["value"] = False
            call("refresh")

    session.events.document.connect(on_document)
    session.events.reviewed.connect(on_change)
    session.events.corpus.connect(on_change)
    dock.visibilityChanged.connect(on_visibility)
    if session.doc is not None:
        call("set_document", session.doc["id"])
