"""Start the Qt application and open the review window.

>>> run(Path("articles"), Path("project.sqlite"))  # doctest: +SKIP

PySide6 is imported before pyqtgraph (``PYQTGRAPH_QT_LIB``), and nothing here
imports spaCy: the window is on screen before the model loads on a worker thread.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import time
from pathlib import Path

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QThreadPool, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

from desktop import store  # noqa: E402
from desktop.gui.main_window import MainWindow  # noqa: E402

log = logging.getLogger(__name__)

# Windows opened by File > Open folder… stay referenced here (Qt does not own top-level windows).
_windows: list[MainWindow] = []


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), with the app's name and icon."""
    from PySide6.QtGui import QIcon

    from desktop.resources_path import resource_path

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Article Review")
    app.setApplicationDisplayName("Article Review")
    app.setOrganizationName("article-review")
    app.setDesktopFileName("article-review")  # matches packaging/article-review.desktop
    if app.windowIcon().isNull():
        app.setWindowIcon(QIcon(str(resource_path("icons", "article-review.svg"))))
    return app


def tell_cannot_open(message: str, parent: QWidget | None = None) -> None:
    """Say in a box why a project cannot be opened (the one line the commands print)."""
    QMessageBox.warning(parent, "Article Review: cannot open the project", message)


def _new_window(folder: Path | None, db_path: Path | None, *, ingest: bool,
                check_in_background: bool = False) -> MainWindow:
    """A window on the project; raises :class:`desktop.store.StoreError` (its one line) when it cannot be opened."""
    from desktop.settings import default_db_path

    path = db_path or default_db_path(folder)
    try:
        return MainWindow(path, folder, ingest=ingest, check_in_background=check_in_background)
    except sqlite3.DatabaseError as exc:  # damaged in a way the checks on open did not see
        raise store.database_error(exc, path) from None


def open_project(folder: Path | None, db_path: Path | None = None, *, ingest: bool = True,
                 parent: QWidget | None = None) -> MainWindow | None:
    """Open (and show) a window on a folder's project database.

    A project that cannot be opened (not ours, newer, damaged, read-only, held
    by another process) gets a box on ``parent`` instead, and None is returned:
    the window that asked stays as it was. So the damage check runs before the
    new window, not beside it as at launch (see :func:`run`).
    """
    try:
        window = _new_window(folder, db_path, ingest=ingest)
    except store.StoreError as exc:
        log.warning("cannot open the project: %s", exc)
        tell_cannot_open(str(exc), parent)
        return None
    return _shown(window)


def _shown(window: MainWindow) -> MainWindow:
    from desktop.recent import remember

    _windows.append(window)
    window.destroyed.connect(lambda *_: _windows.remove(window) if window in _windows else None)
    window.open_folder_requested.connect(lambda path, old=window: _on_open_folder_requested(old, path))
    remember(window.folder, window.db_path)  # File > Open recent (desktop/recent.py)
    window.recent_menu.chosen.connect(lambda f, d, old=window: _on_recent_chosen(old, f, d))
    window.show()
    window.view.setFocus()
    return window


def _on_open_folder_requested(window: MainWindow, folder: Path) -> None:
    """File > Open folder…: a window on that folder's project replaces ``window`` (which stays if it cannot)."""
    if open_project(Path(folder), parent=window) is not None:
        window.close()


def _on_recent_chosen(window: MainWindow, folder: Path | None, db_path: Path) -> None:
    """File > Open recent: a window on that project replaces ``window`` (which stays if it cannot)."""
    if open_project(folder, db_path, parent=window) is not None:
        window.close()


def run(folder: Path | None, db_path: Path, *, ingest: bool = True, screenshot: Path | None = None,
        report_shown: bool = False, exit_when_shown: bool = False, size: tuple[int, int] | None = None) -> int:
    """Show the window on ``db_path`` (processing ``folder`` in the background) until it closes.

    ``report_shown`` prints the epoch time when the window is first exposed and
    ``exit_when_shown`` then quits (the launch benchmark); ``screenshot`` saves
    a PNG of the window once the first article is shown and ingest is idle, then quits;
    ``size`` (width, height) overrides the window's default size (screenshots at a known size).
    The project's damage check runs while the window shows (writes wait for it); a damaged file found
    so is said in a box, the window closes, and :class:`desktop.store.StoreError` is raised with its line.
    """
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = make_app()
    try:
        window = _shown(_new_window(folder, db_path, ingest=ingest, check_in_background=True))
    except store.StoreError as exc:  # the box for the analyst, the line (the caller prints it) for the terminal
        tell_cannot_open(str(exc))
        raise
    if size is not None:
        window.resize(*size)
    if report_shown or exit_when_shown:
        def on_exposed() -> None:
            print(f"shown {time.time():.6f}", flush=True)
            if exit_when_shown:
                QTimer.singleShot(0, window.close)

        window.first_exposed.connect(on_exposed)
    if screenshot is not None:
        _arrange_screenshot(window, Path(screenshot))
    code = app.exec()
    # A job still running finishes its current document and leaves the database consistent.
    for w in list(_windows):
        w.jobs.detach()
    QThreadPool.globalInstance().waitForDone()
    if window.check_failed:  # the box was shown; the line is the caller's to print
        window.close_connections()
        raise store.StoreError(window.check_failed)
    return code


def _arrange_screenshot(window: MainWindow, path: Path) -> None:
    def grab() -> None:
        if not window.docks_ready or window.jobs.busy():
            QTimer.singleShot(300, grab)
            return
        if window.session.doc is not None and window.session.current_span_id is None:
            window.step_span(1)  # show the outline of the current span too
        QApplication.processEvents()
        path.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(path))
        print(f"screenshot {path}", flush=True)
        window.close()

    QTimer.singleShot(1500, grab)
