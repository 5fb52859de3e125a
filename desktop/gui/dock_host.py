"""The window's hosted docks: built one per turn of the event loop once the window is up, following the session.

A mixin of :class:`desktop.gui.main_window.MainWindow`. The dock protocol: a
``QDockWidget`` subclass built as ``cls(db_path, window)``, with
``set_document(doc_id)`` and ``refresh()``, optionally ``is_loaded`` and ``loaded``
(its data comes from a worker: the window is ready once it came), ``changed`` (it wrote:
the window re-reads; a dock whose ``writes_facts_only`` is true changes only facts,
so the article list and the article's spans are not read again) and
``evidence_requested(doc_id, start, end)``.
:func:`desktop.gui.dock_parts.follow_session` keeps each on the session.
"""

from __future__ import annotations

import importlib
import logging
import sqlite3

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QDockWidget

from desktop import project_file, store
from desktop.gui.dock_parts import follow_session
from desktop.gui.layout import PLOT_MIN_HEIGHT
from desktop.gui.workers import GeneratorWorker

log = logging.getLogger(__name__)

# The docks, imported lazily ("module:Class") once the window is on screen; see the dock protocol.
DOCK_CLASSES = (
    ("desktop.gui.facts_panel:FactsDock", Qt.RightDockWidgetArea),
    ("desktop.gui.facts_panel:EventsDock", Qt.RightDockWidgetArea),
    ("desktop.gui.triage_dock:TriageDock", Qt.RightDockWidgetArea),
    ("desktop.gui.entity_dock:EntityDock", Qt.RightDockWidgetArea),
    ("desktop.gui.plot_dock:PlotDock", Qt.BottomDockWidgetArea),
)
# What the docks' modules import that has no Qt in it: loaded on a pool thread while the window answers.
# The dock modules themselves, and pyqtgraph (which builds Qt objects as it imports), import on the GUI
# thread, one per turn of the event loop.
QT_FREE_PRELOAD = ("numpy", "desktop.aggregate", "desktop.entities", "desktop.events", "desktop.exchange.common",
                   "desktop.facts", "desktop.facts.kinds", "desktop.triage")


def load_class(spec: str):
    """Import ``"module:Class"`` (the docks import lazily, on the GUI thread, see late_init)."""
    module_name, _, class_name = spec.partition(":")
    return getattr(importlib.import_module(module_name), class_name)


class _ExposeWatcher(QObject):
    """Emits once when the window is first exposed (painted on screen)."""

    exposed = Signal()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Expose and obj.isExposed():
            obj.removeEventFilter(self)
            self.exposed.emit()
        return False


class DockHosting:
    """What can wait until the window is on screen: its docks (and then the background ingest)."""

    def late_init(self) -> None:
        """What can wait until the window is on screen: the docks and the background ingest."""
        if self._late_done or self.closed:
            return
        self._late_done = True
        # What the docks need that has no Qt in it imports on a pool thread, so the window keeps
        # answering; the docks' own modules and pyqtgraph import on the GUI thread as each dock is built.

        def preload(_cancelled):
            for name in QT_FREE_PRELOAD:
                try:
                    importlib.import_module(name)
                except Exception:  # noqa: BLE001 - reported by load_class on the GUI thread
                    pass
                yield name

        self._dock_loader = GeneratorWorker(preload)
        self._dock_loader.signals.finished.connect(lambda _last: self._create_docks())
        self._dock_loader.signals.failed.connect(lambda _message: self._create_docks())
        QThreadPool.globalInstance().start(self._dock_loader)

    def wait_for_docks(self, timeout: float = 30.0) -> None:
        """Run the event loop until the docks are built (tests, benchmarks, screenshots)."""
        from PySide6.QtCore import QEventLoop

        self.late_init()
        if self.docks_ready:
            return
        loop = QEventLoop()
        self.docks_created.connect(loop.quit)
        QTimer.singleShot(int(timeout * 1000), loop.quit)
        loop.exec()
        self.docks_created.disconnect(loop.quit)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._late_done:
            handle = self.windowHandle()
            if handle is not None and not hasattr(self, "_expose_watcher"):
                self._expose_watcher = _ExposeWatcher(self)
                self._expose_watcher.exposed.connect(self.first_exposed)
                handle.installEventFilter(self._expose_watcher)
            QTimer.singleShot(0, self.late_init)

    def _create_docks(self) -> None:
        """Build the hosted docks, one per turn of the event loop (each takes tens of ms)."""
        if self._docks_created or self.closed:
            return
        self._docks_created = True
        self._dock_queue = list(DOCK_CLASSES)
        self._tab_after = self.span_dock
        self._create_next_dock()

    def _create_next_dock(self) -> None:
        if self.closed:
            return
        if not self._dock_queue:
            self.span_dock.raise_()
            QTimer.singleShot(0, self._finish_docks)  # after the new docks are laid out
            return
        spec, area = self._dock_queue.pop(0)
        try:
            cls = load_class(spec)
            dock = cls(self.db_path, self) if cls is not None else None
        except Exception as exc:  # noqa: BLE001 - one broken dock must not take the window down
            log.warning("dock %s failed to start: %s", spec, exc)
            dock = None
            if isinstance(exc, (sqlite3.DatabaseError, store.StoreError)):  # the project's file: say it
                self.show_error(project_file.file_gone(self.db) or str(
                    exc if isinstance(exc, store.StoreError) else store.database_error(exc, self.db_path)))
        if dock is not None:
            self._host_dock(dock, spec, area)
        QTimer.singleShot(0, self._create_next_dock)

    def _finish_docks(self) -> None:
        if self.closed:
            return
        # Ready when every dock shows its data: a large project's plots arrive from a worker (``loaded``).
        reading = next((d for d in self.docks if not getattr(d, "is_loaded", True)), None)
        if reading is not None:
            reading.loaded.connect(lambda: QTimer.singleShot(0, self._finish_docks))
            return
        if self.docks_ready:
            return
        self.window_layout.docks_built()  # the default layout, then the one saved last time
        self.docks_ready = True
        self.docks_created.emit()
        # Background work starts once the window is complete: building widgets while a
        # worker holds the GIL importing spaCy would stall the GUI thread.
        self.jobs.auto_ingest = self.auto_ingest
        if self.auto_ingest:
            self.jobs.start_ingest()

    def _host_dock(self, dock: QDockWidget, spec: str, area) -> None:
        if not dock.objectName():  # saveState/restoreState find a dock by its name
            dock.setObjectName(spec.rpartition(":")[2])
        self.addDockWidget(area, dock)
        if area == Qt.RightDockWidgetArea:
            self.tabifyDockWidget(self._tab_after, dock)
            self._tab_after = dock
        elif area == Qt.BottomDockWidgetArea:
            dock.setMinimumHeight(PLOT_MIN_HEIGHT)  # the plots are never squashed below readable
        self.view_menu.insertAction(self._dock_menu_anchor, dock.toggleViewAction())
        follow_session(dock, self.session)
        if hasattr(dock, "evidence_requested"):
            dock.evidence_requested.connect(self.show_evidence)
        if hasattr(dock, "changed"):
            dock.changed.connect(lambda dock=dock: self._on_dock_changed(dock))
        self.docks.append(dock)

    def _on_dock_changed(self, source) -> None:
        # A dock wrote (a triage group, an entity merge): the article's spans and the rest may differ.
        # A fact confirmed changes neither: at 100,000 articles re-reading the list's order took 55 ms.
        facts_only = getattr(source, "writes_facts_only", False)
        if not facts_only:
            self.session.reload_spans()
        self.session.corpus_changed(origin=source, reopen=False, facts_only=facts_only)
