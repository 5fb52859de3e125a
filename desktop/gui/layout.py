"""Where the window's docks sit: the default layout, and the analyst's own kept between sessions.

>>> layout = WindowLayout(window)   # doctest: +SKIP
>>> layout.docks_built()            # default sizes, then the saved layout if there is one
>>> layout.save()                   # on close

Geometry and dock state go through ``QSettings`` (``saveGeometry``/``saveState``)
in an INI file beside ``settings.json`` (:func:`desktop.settings.config_dir`),
so ``ARTICLE_REVIEW_HOME`` moves it too and tests never touch the user's.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from desktop.settings import config_dir

log = logging.getLogger(__name__)

# Bumped when the set of docks changes, so a state saved by an older window is not applied to a new one.
STATE_VERSION = 1
PLOT_MIN_HEIGHT = 230  # the dock, with its tabs, filters and legend: below this the plot itself is under ~100 px
SIDE_MIN_WIDTH = 220


def layout_settings() -> QSettings:
    """The INI file the window layout is kept in (``<config dir>/layout.ini``)."""
    return QSettings(str(config_dir() / "layout.ini"), QSettings.IniFormat)


class WindowLayout:
    """The default layout of a :class:`QMainWindow` with side and bottom docks, saved and restored."""

    def __init__(self, window: QMainWindow):
        self.window = window
        self.default_state: QByteArray | None = None
        self.restored = False

    # ------------------------------------------------------------ the default

    def apply_defaults(self) -> None:
        """The default sizes: the article gets most of the window, the side lists a readable strip."""
        window = self.window
        width, height = max(window.width(), 800), max(window.height(), 600)
        docks = window.findChildren(QDockWidget)
        left = [d for d in docks if window.dockWidgetArea(d) == Qt.LeftDockWidgetArea and not d.isFloating()]
        right = [d for d in docks if window.dockWidgetArea(d) == Qt.RightDockWidgetArea and not d.isFloating()]
        bottom = [d for d in docks if window.dockWidgetArea(d) == Qt.BottomDockWidgetArea and not d.isFloating()]
        # At 1366x768: list 245, spans/facts 330, article about 790 wide; at 1920 list 300, spans 460 (with entities).
        side = (min(300, max(SIDE_MIN_WIDTH, width * 18 // 100)), min(460, max(280, width * 24 // 100)))
        sized = [(left[:1], side[0]), (right[:1], side[1])]
        window.resizeDocks([d for group, _ in sized for d in group],
                           [w for group, w in sized for _ in group], Qt.Horizontal)
        if bottom:
            plot = min(300, max(PLOT_MIN_HEIGHT, height * 28 // 100))
            window.resizeDocks(bottom, [plot] * len(bottom), Qt.Vertical)

    # ------------------------------------------------------------ saved between sessions

    def restore_geometry(self) -> bool:
        """Put the window where it was last closed (before it is shown); False if nothing was saved."""
        geometry = layout_settings().value("geometry")
        if not isinstance(geometry, QByteArray) or geometry.isEmpty():
            return False
        return bool(self.window.restoreGeometry(geometry))

    def docks_built(self) -> None:
        """Every dock exists: lay them out by default, remember that, then apply the saved layout."""
        self.apply_defaults()
        self.default_state = self.window.saveState(STATE_VERSION)
        state = layout_settings().value("state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restored = bool(self.window.restoreState(state, STATE_VERSION))
            if not self.restored:
                log.info("the saved window layout is from another version; using the default")
        self.keep_plots_readable()

    def save(self, *, docks: bool) -> None:
        """Keep the geometry (and, once the docks exist, their state) for the next session."""
        settings = layout_settings()
        settings.setValue("geometry", self.window.saveGeometry())
        if docks:
            # Before the docks are built the state would lack them: keep the last good one.
            settings.setValue("state", self.window.saveState(STATE_VERSION))
        settings.sync()

    def reset(self) -> None:
        """View > Reset layout: every dock back where it starts, at the default sizes; the saved layout forgotten."""
        if self.default_state is not None:
            self.window.restoreState(self.default_state, STATE_VERSION)
        for dock in self.window.findChildren(QDockWidget):
            if dock.isFloating():
                dock.setFloating(False)
        self.apply_defaults()
        settings = layout_settings()
        settings.remove("state")
        settings.sync()

    def keep_plots_readable(self) -> None:
        """A saved layout from a taller screen must not squash the bottom docks below readable."""
        window = self.window
        bottom = [d for d in window.findChildren(QDockWidget)
                  if window.dockWidgetArea(d) == Qt.BottomDockWidgetArea and d.isVisible() and not d.isFloating()]
        short = [d for d in bottom if d.height() < PLOT_MIN_HEIGHT]
        if short:
            window.resizeDocks(short, [PLOT_MIN_HEIGHT] * len(short), Qt.Vertical)


# The tables an analyst reads most, and whether each must fit its dock's width (no sideways scrolling).
# The facts table holds nine editable slots: it may scroll sideways, but no cell is cut unreadably.
MAIN_VIEWS = (
    ("documentsDock", "documentTable", True),
    ("spansDock", "spanPanel", True),
    ("TriageDock", "triageGroups", True),
    ("EntityDock", "entityTable", True),
    ("FactsDock", "factsTable", False),
    ("EventsDock", "eventsTree", False),
)


def main_views(window: QMainWindow) -> list[tuple[object, bool]]:
    """(view, must fit its dock's width) for each of :data:`MAIN_VIEWS` the window has."""
    from PySide6.QtWidgets import QAbstractItemView

    found = []
    for dock_name, view_name, fit in MAIN_VIEWS:
        dock = window.findChild(QDockWidget, dock_name)
        if dock is None:
            continue
        view = dock.findChild(QAbstractItemView, view_name)
        if view is None and isinstance(dock.widget(), QAbstractItemView):
            view = dock.widget()
        if view is not None:
            found.append((view, fit))
    return found


@contextmanager
def raise_each_tab(window: QMainWindow, view):
    """Bring the dock holding ``view`` to the front of its tabs for the ``with`` block."""
    widget = view
    while widget is not None and not isinstance(widget, QDockWidget):
        widget = widget.parentWidget()
    if widget is not None:
        widget.show()
        widget.raise_()
    yield widget
