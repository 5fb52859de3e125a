"""The review window: it assembles the article view, the lists, the docks, the keys and the jobs.

The state (project, open article, current span, filters) lives in a Qt-free
:class:`desktop.session.Session`; every widget follows its events, so the
window never pushes state into a widget. Edits are the key handlers of
:class:`~desktop.gui.review_actions.ReviewActions` (one undoable transaction
each); background work is :class:`~desktop.gui.jobs.Jobs`; where the docks sit
is :mod:`desktop.gui.layout`; the docks are hosted by :mod:`desktop.gui.dock_host`. The window never
imports spaCy.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import checkpoint, project_file, store
from desktop.gui.about_dialog import install_about
from desktop.gui.article_view import ArticleView, PublishedBar
from desktop.gui.dock_host import DockHosting
from desktop.gui.document_list import DocumentList
from desktop.gui.jobs import Jobs
from desktop.gui.layout import WindowLayout
from desktop.gui.problems_view import ProblemsButton, ProblemsDialog
from desktop.gui.recent import RecentMenu
from desktop.gui.review_actions import ReviewActions
from desktop.gui.search_hits import install_search_hits
from desktop.gui.settings_dialog import install_settings
from desktop.gui.shortcuts import DEFAULT_KEYS, HelpOverlay, key_map, sequences, shown_keys  # noqa: F401
from desktop.gui.span_panel import SpanPanel
from desktop.gui.train_dialog import install_model_menu
from desktop.gui.undo import HistoryUndoStack
from desktop.gui.zoom import install_zoom
from desktop.model_info import installed_as, model_label, pipeline_name  # noqa: F401 - pipeline_name re-exported
from desktop.session import Refused, Session

log = logging.getLogger(__name__)


class MainWindow(DockHosting, ReviewActions, QMainWindow):
    """The review window on one project database (and, optionally, its article folder)."""

    document_opened = Signal(int)
    first_exposed = Signal()
    docks_created = Signal()  # every hosted dock is built (see late_init)
    open_folder_requested = Signal(Path)  # File > Open folder…: the app opens it (and this window closes)
    file_checked = Signal(str)  # the damage check run beside the window ended: "" it passed, else its one line

    def __init__(self, db_path: str | Path, folder: str | Path | None = None, *, ingest: bool = True,
                 check_in_background: bool = False, parent=None):
        """``check_in_background``: the project's damage check (it reads the whole file) runs while the window
        shows; every write waits for it, and if it fails the window says so in a box and closes."""
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.db = store.open_db(self.db_path, check_later=check_in_background)
        if str(db_path) != ":memory:":
            # WAL checkpoints run on a thread, not inside a review key's commit (desktop/checkpoint.py).
            checkpoint.beside(self.db_path)
            self.db.execute("PRAGMA wal_autocheckpoint = 0")
        self.check_failed: str | None = None
        try:
            self._assemble(folder, ingest)
        except BaseException:
            # A read met a damaged page (the check may still be running): no connection stays open behind
            # the error, so the last to close removes the -wal and -shm beside the file.
            self.close_connections()
            if str(db_path) != ":memory:":
                checkpoint.release(self.db_path)
            raise

    def _assemble(self, folder: str | Path | None, ingest: bool) -> None:
        """Build the window on ``self.db``: its widgets, menus and session, and open the first article."""
        if folder is None and store.get_meta(self.db, "folder"):
            remembered = Path(store.get_meta(self.db, "folder"))
            folder = remembered if remembered.is_dir() else None
        self.folder = Path(folder) if folder else None
        self.auto_ingest = ingest
        self.session = Session(self.db)
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
        self.window_layout = WindowLayout(self)
        self.window_layout.restore_geometry()  # where the analyst left it, else the size above
        self.closed = False
        self.last_error: str | None = None
        self.docks: list[QDockWidget] = []
        self.entity_dialog = None  # the link dialog while it is open
        self.context_menu = None
        self._export_dialog = None
        self._late_done = False
        self._docks_created = False
        self.docks_ready = False

        # Central: title and publication date over the article text.
        self.published_bar = PublishedBar()
        self.view = ArticleView()
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

        self.jobs = Jobs(self.db_path, self.session, folder=self.folder, parent=self)
        self.undo_stack = HistoryUndoStack(self.db, self)
        self.keys = key_map()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self.help_overlay = HelpOverlay(central, self.keys, self.session.labels)

        # Model -> view: each widget follows the session.
        for widget in (self.view, self.published_bar, self.span_panel, self.documents):
            widget.follow(self.session)
        self.session.events.document.connect(self._on_session_document)
        self.session.events.reviewed.connect(self._on_session_changed)
        self.session.events.corpus.connect(self._on_session_changed)
        self.session.events.database.connect(lambda e: self.show_error(e.message))
        self.session.events.labels.connect(lambda _e: self._update_status())
        # View -> model.
        self.view.span_clicked.connect(self._on_span_clicked)
        self.view.keyboard_selection_changed.connect(self._on_keyboard_selection)
        self.view.selectionChanged.connect(self._on_keyboard_selection)
        self.view.context_requested.connect(self._on_context_menu)
        self.span_panel.span_selected.connect(self._on_span_clicked)
        self.documents.document_selected.connect(self.open_document)
        self.published_bar.date_submitted.connect(self._on_published_submitted)
        # The jobs report through the status bar and the Problems list.
        self.jobs.message.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        self.jobs.refused.connect(self.show_error)
        self.jobs.failure_recorded.connect(self.problems_button.refresh)
        self.jobs.importing.connect(lambda running: self.import_action.setEnabled(not running))

        self.window_layout.apply_defaults()
        # Facts left queued (a project just migrated, an ingest killed before merging): the docks
        # only read the events, so bring them up to date once, here.
        if store.has_dirty_facts(self.db):
            from desktop import events  # the facts package it needs takes 0.1-0.3 s to import, before the window shows

            self._run(events.update_events)
        self.documents.refresh()
        self.undo_stack.sync()
        self._update_status()
        first = store.first_unverified_document(self.db)
        if first is None and self.documents.model.ids:
            first = self.documents.model.ids[0]
        self.open_document(first)
        self.view.setFocus(Qt.OtherFocusReason)
        check = store.pending_check(self.db)
        if check is not None:
            # Queued: the verdict arrives on the check's thread, and is handled once the window is up.
            self.file_checked.connect(self._on_file_checked, Qt.QueuedConnection)
            check.add_done_callback(self._relay_file_check)
            # Once the window is complete: the check reads the whole file, and on a busy machine it took the CPU
            # the window's start and its docks needed. A write asked for before starts it at once.
            self.docks_created.connect(check.begin)

    # ------------------------------------------------------------ setup

    def _title(self) -> str:
        # The folder (or, without one, the database) and where it is: two projects named
        # "articles" must not look alike.
        where = self.folder if self.folder else self.db_path
        try:
            place = "~/" + where.resolve().parent.relative_to(Path.home()).as_posix()
        except ValueError:
            place = where.resolve().parent.as_posix()
        # No app name: Qt appends the application's display name itself ("… — Article Review").
        return f"{where.name if self.folder else where.stem} ({place.rstrip('/.') or '/'})"

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
        action.setToolTip(f"{text} ({shown_keys(self.keys.get(name, []))})")
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
        labels = self.session.labels
        for n in range(1, 10):
            label = labels[n - 1] if n <= len(labels) else None
            a(f"label_{n}", f"Label {label or n}", lambda _=False, n=n: self.label_key(n), review_key=True)
            self.actions[f"label_{n}"].setEnabled(label is not None)
        a("undo", "Undo", self.undo, review_key=False)
        a("redo", "Redo", self.redo, review_key=False)
        a("search", "Search articles", self._on_search_key, review_key=False)
        a("help", "Keys…", self.toggle_help, review_key=False)
        a("repropose", "Re-propose all facts", lambda: self.jobs.start_repropose(), review_key=False)
        a("problems", "Problems…", self.show_problems, review_key=False)
        self.undo_stack.canUndoChanged.connect(self.actions["undo"].setEnabled)
        self.undo_stack.canRedoChanged.connect(self.actions["redo"].setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: self._on_undo_text("undo", t))
        self.undo_stack.redoTextChanged.connect(lambda t: self._on_undo_text("redo", t))
        self.actions["undo"].setEnabled(False)
        self.actions["redo"].setEnabled(False)

    def _build_menus_and_toolbar(self) -> None:
        menu = self.menuBar().addMenu("&File")
        open_action = menu.addAction("Open folder…")
        open_action.setObjectName("open_folder")
        open_action.setShortcut(QKeySequence.Open)
        open_action.triggered.connect(self._on_open_folder)
        self.recent_menu = RecentMenu(self, current_db=self.db_path)  # gui/recent.py; the app opens the choice
        menu.addMenu(self.recent_menu)
        self.export_action = menu.addAction("Export…")
        self.export_action.triggered.connect(self._on_export)
        self.import_action = menu.addAction("Import…")
        self.import_action.setToolTip("Apply a Prodigy/spaCy or Article Review JSONL file as review decisions")
        self.import_action.triggered.connect(self._on_import)
        menu.addSeparator()
        quit_action = menu.addAction("Quit")
        install_settings(self, menu, quit_action)  # gui/settings_dialog.py: File > Settings… (Ctrl+,)
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
        for n in range(1, len(self.session.labels) + 1):
            labels.addAction(self.actions[f"label_{n}"])
        edit.addSeparator()
        edit.addAction(self.actions["verify_next"])

        go = self.menuBar().addMenu("&Go")
        for name in ("next_span", "previous_span", "next_document", "previous_document", "search"):
            go.addAction(self.actions[name])
        self.search_hits = install_search_hits(self, go)  # gui/search_hits.py: F3 / Shift+F3

        facts_menu = self.menuBar().addMenu("F&acts")
        facts_menu.addAction(self.actions["repropose"])
        facts_menu.addAction(self.actions["problems"])
        install_model_menu(self)  # Model: train, switch, re-annotate (desktop/gui/train_dialog.py)

        self.view_menu = self.menuBar().addMenu("&View")
        self.view_menu.addAction(self.document_dock.toggleViewAction())
        self.view_menu.addAction(self.span_dock.toggleViewAction())
        self._dock_menu_anchor = self.view_menu.addSeparator()
        self.view_menu.addAction(self.actions["show_rejected"])
        self.view_menu.addAction(self.actions["character_precision"])
        self.view_menu.addSeparator()
        self.zoom = install_zoom(self, self.view_menu)  # gui/zoom.py: Ctrl+= / Ctrl+- / Ctrl+0
        self.view_menu.addSeparator()
        self.reset_layout_action = self.view_menu.addAction("Reset layout")
        self.reset_layout_action.setObjectName("reset_layout")
        self.reset_layout_action.setToolTip("Every panel back in its place and size (the saved layout is forgotten)")
        self.reset_layout_action.triggered.connect(self.reset_layout)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.actions["help"])
        install_about(self, help_menu)  # gui/about_dialog.py

        self._build_toolbar()

    # The toolbar's words (an action's iconText; its menu text and tooltip stay long): short and fixed,
    # so the toolbar fits 1366 px and never grows with the undo text (which lives in the tooltip).
    TOOLBAR = (("previous_document", "‹ Article"), ("next_document", "Article ›"), None,
               ("previous_span", "‹ Span"), ("next_span", "Span ›"), None, ("accept", "Accept"),
               ("reject", "Reject"), ("accept_all", "Accept all"), ("link", "Link…"), ("delete_span", "Delete"),
               None, ("undo", "Undo"), ("redo", "Redo"), None, ("show_rejected", "Rejected"),
               ("character_precision", "Characters"), None, ("verify_next", "Verified ›"), ("help", "Keys"))

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Review")
        toolbar.setObjectName("reviewToolbar")
        toolbar.setFocusPolicy(Qt.NoFocus)
        toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for item in self.TOOLBAR:
            if item is None:
                toolbar.addSeparator()
                continue
            name, short = item
            self.actions[name].setIconText(short)
            toolbar.addAction(self.actions[name])
        self.addToolBar(Qt.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _on_undo_text(self, direction: str, text: str) -> None:
        # The menu says what would be undone; the toolbar keeps its one word and says it in the tooltip.
        action = self.actions[direction]
        name = direction.capitalize()
        action.setText(f"{name} {text}".strip())
        action.setIconText(name)
        keys = shown_keys(self.keys.get(direction, []))
        action.setToolTip((f"{name} {text}" if text else f"Nothing to {direction}") + (f" ({keys})" if keys else ""))

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
        self.problems_button = ProblemsButton(self.db_path)
        self.problems_button.clicked.connect(self.show_problems)
        for widget in (self.problems_button, self.jobs.progress, self.jobs.cancel_button, self.model_label,
                       self.profile_label, self.count_label):
            bar.addPermanentWidget(widget)

    # ------------------------------------------------------------ the session

    def open_document(self, doc_id: int | None, *, span_id: int | None = None) -> None:
        """Show a document (its whole text, its spans) everywhere: the session tells every widget."""
        if self.closed:
            return
        self.session.open_document(doc_id, span_id=span_id)

    def _on_session_document(self, event) -> None:
        self._counted_status = (event.doc["id"], event.doc["status"]) if event.doc is not None else None
        if event.doc is not None:
            self.document_opened.emit(event.doc["id"])

    def _on_session_changed(self, event) -> None:
        if self.closed:
            return
        if not getattr(event, "in_progress", False):
            self.undo_stack.sync()
        if getattr(event, "facts_only", False):
            return  # no article's status changed
        doc = getattr(event, "doc", None) if event.type == "reviewed" else None
        if doc is not None and (doc["id"], doc["status"]) == getattr(self, "_counted_status", None):
            return  # a span decided, the article's status as it was: the counts stand (10 ms at 100,000 articles)
        self._counted_status = (doc["id"], doc["status"]) if doc is not None else None
        self._update_status()

    def refresh_all(self) -> None:
        """Re-read everything (another window or the ingest worker wrote)."""
        if not self.closed:
            self.session.corpus_changed()

    def check_external_changes(self) -> bool:
        """Refresh if another connection committed since we last looked; True if it did."""
        if self.closed:
            return False
        gone = project_file.file_gone(self.db)
        if gone is not None:  # said once: closing the box activates the window again
            if not getattr(self, "_gone_said", False):
                self._gone_said = True
                self.show_error(gone)
            return False
        if not self.session.changed_elsewhere():
            return False
        self.refresh_all()
        return True

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.ActivationChange and self.isActiveWindow():
            self.check_external_changes()

    def _run(self, operation, *args, default=None, **kwargs):
        """Call a core operation through the session; a refusal becomes a clear message, never a crash."""
        try:
            return self.session.run(operation, *args, **kwargs)
        except Refused as exc:
            self.show_error(str(exc))
            return default

    def _relay_file_check(self, error: BaseException | None) -> None:
        try:
            self.file_checked.emit("" if error is None else str(error))
        except RuntimeError:  # the window is gone already: nobody to tell
            pass

    def _on_file_checked(self, message: str) -> None:
        """The project turned out damaged after the window showed: nothing was written; say so and close."""
        if not message or self.closed:
            return
        self.check_failed = message
        log.info("cannot open the project: %s", message)  # the caller prints the one line
        self.jobs.detach()
        self.statusBar().showMessage(message)
        if self._error_box_open():  # a write refused meanwhile said it already: one box says it all
            self._error_box.close()
        QMessageBox.warning(self, "Article Review: cannot open the project", message)
        self.close()

    def close_connections(self) -> None:
        """Close the window's and its docks' connections (a project found damaged: none stays open, and the
        last to close removes the ``-wal`` and ``-shm`` files they made beside it)."""
        import sqlite_utils
        from PySide6.QtCore import QObject

        for holder in (self, *self.findChildren(QObject)):
            db = getattr(holder, "db", None)
            if isinstance(db, sqlite_utils.Database):
                db.close()

    def show_error(self, message: str) -> None:
        """Tell the analyst why something was refused (status bar and a non-blocking box)."""
        again = (self._error_box_open() and message in self._error_box.text()) or self.check_failed is not None
        self.last_error = message
        log.info("refused: %s", message)
        self.statusBar().showMessage(message, 8000)
        if self.isVisible() and not again:  # one box for a failure every refresh meets again
            box = QMessageBox(QMessageBox.Warning, "Article Review", message, QMessageBox.Ok, self)
            box.setAttribute(Qt.WA_DeleteOnClose)
            box.open()
            self._error_box = box

    def _error_box_open(self) -> bool:
        box = getattr(self, "_error_box", None)
        try:
            return box is not None and box.isVisible()
        except RuntimeError:  # closed: Qt deleted it (WA_DeleteOnClose)
            return False

    def _update_status(self) -> None:
        model = store.get_meta(self.db, "model")
        shown = model_label(model, store.get_meta(self.db, "model_version"))
        self.model_label.setText(f"Model: {shown}")
        self.model_label.setToolTip(f"spaCy pipeline {shown}" + (f" (installed as {model})" if installed_as(model) else ""))
        self.profile_label.setText(f"Profile: {self.session.profile_name}")
        counts = store.count_documents(self.db)
        self.count_label.setText(f"Verified {counts['verified']} / {counts['total']}")
        self.problems_button.refresh()

    # ------------------------------------------------------------ menus' handlers

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
            self.open_folder_requested.emit(Path(folder))

    def _on_export(self) -> None:
        from desktop.gui.export_dialog import ExportDialog

        self._export_dialog = ExportDialog(self.db_path, self)
        self._export_dialog.open()

    def _on_import(self) -> None:
        start = str(self.folder or Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, "Import annotations", start,
            "Annotations (*.jsonl *.json *.ann *.conll *.iob *.bio *.spacy);;All files (*)")
        if path:
            self.jobs.start_import(Path(path))

    # ------------------------------------------------------------ closing

    def reset_layout(self) -> None:
        """View > Reset layout: the docks where a new window puts them."""
        self.window_layout.reset()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self.closed:
            self.window_layout.save(docks=self.docks_ready)
        if not self.closed and str(self.db_path) != ":memory:":
            checkpoint.release(self.db_path)
        self.closed = True
        # A running job stops at its next check and leaves a consistent database; its results are dropped.
        self.jobs.detach()
        super().closeEvent(event)


__all__ = ["MainWindow", "DEFAULT_KEYS", "pipeline_name"]
