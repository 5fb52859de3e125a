"""Text size: Ctrl+= / Ctrl+- / Ctrl+0 zoom the article and the lists, kept in settings.json.

Two settings make the size: ``font_size`` (the article text in points, set in
File > Settings…; 0 means the app's default) and ``zoom`` (points added to the
article and to every dock's lists, changed by the keys). Ctrl+0 sets ``zoom`` back to 0.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDockWidget, QTableView, QTreeView

from desktop.settings import load_settings, save_settings

MIN_ZOOM, MAX_ZOOM = -6, 16
MIN_POINTS = 6.0


def _clamp(value, low, high, default=0):
    try:
        return max(low, min(high, int(value)))
    except (TypeError, ValueError):
        return default  # a hand-edited settings.json: the default rather than a crash


class Zoom(QObject):
    """The window's text size; :meth:`step` and :meth:`reset` are the keys, :meth:`set_font_size` the Settings."""

    changed = Signal(int)  # the zoom, in points

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        settings = load_settings()
        self.default_article = window.view.font().pointSizeF()  # the view's own default (system font + 1)
        self.default_list = QApplication.font().pointSizeF()
        self.font_size = _clamp(settings.get("font_size"), 0, 72)
        self.zoom = _clamp(settings.get("zoom"), MIN_ZOOM, MAX_ZOOM)
        window.docks_created.connect(self.apply)  # docks are built after the window shows

    def article_points(self) -> float:
        """The article text's size now."""
        return max(MIN_POINTS, (self.font_size or self.default_article) + self.zoom)

    def list_points(self) -> float:
        """The lists' size now."""
        return max(MIN_POINTS, self.default_list + self.zoom)

    def step(self, points: int) -> None:
        """Ctrl+= (1) / Ctrl+- (-1): larger or smaller text, remembered."""
        self._set_zoom(self.zoom + points)

    def reset(self) -> None:
        """Ctrl+0: the size of the settings again."""
        self._set_zoom(0)

    def set_font_size(self, points: int) -> None:
        """The article's base size from the Settings (0: the default); applied at once."""
        self.font_size = _clamp(points, 0, 72)
        self.apply()

    def _set_zoom(self, zoom: int) -> None:
        zoom = _clamp(zoom, MIN_ZOOM, MAX_ZOOM)
        if zoom == self.zoom:
            self.window.statusBar().showMessage(f"Text size limit reached ({self.article_points():g} pt)", 3000)
            return
        self.zoom = zoom
        settings = load_settings()
        settings["zoom"] = zoom
        try:
            save_settings(settings)
        except OSError as exc:  # a read-only settings folder: zoom still works for this session
            self.window.statusBar().showMessage(f"Could not save the text size: {exc}", 6000)
        self.apply()
        self.window.statusBar().showMessage(f"Text {self.article_points():g} pt (Ctrl+0 resets)", 3000)
        self.changed.emit(zoom)

    def apply(self) -> None:
        """Set the sizes on the article and on every dock's widgets (row heights follow)."""
        view = self.window.view
        font = QFont(view.font())
        font.setPointSizeF(self.article_points())
        view.setFont(font)
        view.redecorate()
        listed = QFont(self.window.font())
        listed.setPointSizeF(self.list_points())
        for dock in self.window.findChildren(QDockWidget):
            widget = dock.widget()
            if widget is None:
                continue
            widget.setFont(listed)
            row = widget.fontMetrics().height() + 6
            for table in widget.findChildren(QTableView):
                table.verticalHeader().setDefaultSectionSize(max(22, row))
            for tree in widget.findChildren(QTreeView):
                tree.doItemsLayout()


def install_zoom(window, view_menu) -> Zoom:
    """The window's zoom and its keys (in the View menu)."""
    zoom = Zoom(window)
    for name, text, slot in (("zoom_in", "Larger text", lambda: zoom.step(1)),
                             ("zoom_out", "Smaller text", lambda: zoom.step(-1)),
                             ("zoom_reset", "Reset text size", zoom.reset)):
        view_menu.addAction(window._action(name, text, lambda _=False, slot=slot: slot(), review_key=False))
    zoom.apply()
    return zoom
