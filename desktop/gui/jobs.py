"""The window's background jobs: ingest, re-annotating, re-proposing facts, importing annotations.

>>> jobs = Jobs(db_path, session, folder=folder, parent=window)  # doctest: +SKIP
>>> jobs.ingest_finished.connect(on_done); jobs.start_ingest()   # doctest: +SKIP

Each job is a core generator run by a :class:`GeneratorWorker` on a pool
thread, with its own connection. Progress and Cancel show in two widgets the
window puts in its status bar; what a job committed reaches the widgets through
the session (:meth:`Session.catch_up`, :meth:`Session.corpus_changed`). Nothing
here waits on the GUI thread: a job's end arrives as a signal.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressBar, QPushButton, QWidget

from desktop import problems, project_file, store
from desktop.gui.workers import GeneratorWorker
from desktop.session import Session

log = logging.getLogger(__name__)


def import_steps(db_path: Path, path: Path):
    """Import ``path`` into the project on this thread's own connection: one step, the report."""
    from desktop.exchange import import_file

    db = store.open_db(db_path, create=False)
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
    lines.append(f"Unreadable: {report.unreadable}. Unmatched: {report.unmatched}."
                 + (f" Rolled back: {report.not_applied_documents} articles." if report.not_applied else ""))
    # Every record skipped, with its reason (the box shows the first lines, "Show Details" all of them).
    details = [f"{where}: {reason}" for where, outcome, reason in report.outcomes if outcome == "skipped"]
    if not details:
        details = [f"{where}: {reason}" for where, reason in report.examples]
    details.extend(report.warnings)
    return "\n".join(lines), "\n".join(details)


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


class Jobs(QObject):
    """One writing job (ingest or re-proposal) and one import at a time, for one window's project."""

    ingest_finished = Signal(object)  # the summary dict, or None when cancelled/failed
    import_finished = Signal(object)  # the exchange.ImportReport, or None when the import failed
    repropose_finished = Signal(object)  # the re-proposal's summary, or None when it failed
    reannotate_finished = Signal(object)  # the re-annotation's summary, or None when it failed
    message = Signal(str, int)  # a status-bar line and how long it shows (ms)
    refused = Signal(str)  # a job that cannot start, or an import that failed: tell the analyst
    failure_recorded = Signal()  # a job failure went into the Problems list
    importing = Signal(bool)  # an import started (True) or ended

    def __init__(self, db_path: Path, session: Session, *, folder: Path | None, parent: QWidget):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.session = session
        self.folder = folder
        self._parent = parent
        self.closed = False
        self.worker: GeneratorWorker | None = None  # the writing job (ingest, re-proposal)
        self.import_worker: GeneratorWorker | None = None
        self.import_box: QMessageBox | None = None
        self._database_failures: set[str] = set()  # job failures that are the database's (worker threads add)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setFocusPolicy(Qt.NoFocus)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        # Set by the window once its docks are up: the import then starts the ingest it held back.
        self.auto_ingest = False
        self._refresh_timer = QTimer(self)  # coalesces refreshes while ingest batches land
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(400)
        self._refresh_timer.timeout.connect(self._on_batches_landed)

    # ------------------------------------------------------------ state

    def writing(self) -> bool:
        """True while an ingest or a re-proposal runs."""
        return self.worker is not None and self.worker.is_running()

    def importing_now(self) -> bool:
        return self.import_worker is not None and self.import_worker.is_running()

    def busy(self) -> bool:
        """True while any job runs."""
        return self.writing() or self.importing_now()

    # ------------------------------------------------------------ ingest and re-proposal

    def start_ingest(self) -> bool:
        """Process new and changed articles of the folder on a worker thread."""
        if self.folder is None or self.writing() or self.closed:
            return False
        if self.importing_now():
            return False  # _end_import starts it: both would write the same spans
        from desktop.settings import doc_timeout_of, load_settings

        settings = load_settings()
        folder, db_path = self.folder, self.db_path
        model = None  # ingest takes the project's model (Model menu), else the settings'
        workers = int(settings.get("workers") or 1)
        doc_timeout = doc_timeout_of(settings)

        def job(cancelled):
            from desktop.ingest import ingest  # on the worker thread: spaCy loads there

            return ingest(folder, db_path, model=model, workers=workers, cancel=cancelled, doc_timeout=doc_timeout)

        self._run_job(job, self._on_ingest_finished, self._on_ingest_failed, "Starting…")
        return True

    def start_repropose(self) -> bool:
        """Re-propose every article's facts on a worker thread (progress and Cancel in the status bar)."""
        if self.writing():
            self.refused.emit("wait for the articles to be processed before re-proposing facts")
            return False
        if self.importing_now():
            self.refused.emit("wait for the import to finish before re-proposing facts")
            return False
        db_path = self.db_path

        def job(cancelled):
            from desktop.facts.propose import repropose_steps

            return repropose_steps(db_path, cancelled)

        self._run_job(job, self._on_repropose_finished, self._on_repropose_failed, "Re-proposing facts…")
        return True

    def start_reannotate(self) -> bool:
        """Re-annotate the unverified articles with the project's model on a worker thread (Model menu)."""
        if self.writing():
            self.refused.emit("wait for the articles to be processed before re-annotating")
            return False
        if self.importing_now():
            self.refused.emit("wait for the import to finish before re-annotating")
            return False
        db_path = self.db_path

        def job(cancelled):
            from desktop.reannotate import reannotate_steps  # spaCy loads on the worker thread

            return reannotate_steps(db_path, cancel=cancelled)

        self._run_job(job, self._on_reannotate_finished, self._on_reannotate_failed, "Re-annotating…")
        return True

    def _run_job(self, factory, finished, failed, busy: str) -> None:
        gone = project_file.file_gone(self.session.db)
        if gone is not None:  # a job would write to (or, for an ingest, create) a file that is not the project
            self.refused.emit(gone)
            QTimer.singleShot(0, lambda: failed(gone))
            return
        worker = GeneratorWorker(lambda cancelled: self._database_guarded(lambda: factory(cancelled)))
        worker.signals.progress.connect(self._on_progress)
        worker.signals.finished.connect(finished)
        worker.signals.failed.connect(failed)
        self.worker = worker  # one writing job at a time; Cancel stops it
        self.progress.setRange(0, 0)
        self.progress.setFormat(busy)
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        QThreadPool.globalInstance().start(worker)

    def cancel(self) -> None:
        """Ask the writing job to stop after its current article (what it did stays committed)."""
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.progress.setFormat("Cancelling…")

    def _on_progress(self, item) -> None:
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

    def _on_batches_landed(self) -> None:
        if not self.closed:
            self.session.catch_up(in_progress=True)

    def _job_ended(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self._refresh_timer.stop()

    def _on_ingest_finished(self, last) -> None:
        if self.closed:
            return
        self._job_ended()
        summary = getattr(last, "summary", None)
        self.session.load_profile_if_new()  # the first ingest records the project's profile
        self.session.catch_up()
        if summary and summary.get("cancelled"):
            self.message.emit("Ingest cancelled; the next start finishes the job", 8000)
        elif summary:
            self.message.emit(ingest_message(summary), 15000)
        elif self.worker is not None and self.worker.is_cancelled():
            self.message.emit("Ingest cancelled; the next start finishes the job", 8000)
        self.ingest_finished.emit(summary)

    def _on_ingest_failed(self, message: str) -> None:
        if self.closed:
            return
        self._job_ended()
        self.message.emit(f"Ingest failed: {message}", 15000)
        self.report_failure("ingest", message)
        self.session.catch_up()
        self.ingest_finished.emit(None)

    def _on_repropose_finished(self, last) -> None:
        if self.closed:
            return
        self._job_ended()
        summary = getattr(last, "summary", None) or {}
        failures = summary.get("failures") or []
        text = (f"Re-proposed the facts of {summary.get('documents', 0)} articles"
                + (" (cancelled)" if summary.get("cancelled") else ""))
        if failures:
            text += f" — not extracted from {failures[0][0]} ({failures[0][1]})"
            text += f" and {len(failures) - 1} more" if len(failures) > 1 else ""
        problems.clear(self.session.db, problems.JOB, "re-propose facts")
        self.message.emit(text, 15000)
        self.session.corpus_changed()
        self.repropose_finished.emit(summary)

    def _on_repropose_failed(self, message: str) -> None:
        if self.closed:
            return
        self._job_ended()
        self.message.emit(f"Re-proposing facts failed: {message}", 15000)
        self.report_failure("re-propose facts", message)
        self.session.corpus_changed()  # the chunks done so far are committed
        self.repropose_finished.emit(None)

    def _on_reannotate_finished(self, last) -> None:
        if self.closed:
            return
        self._job_ended()
        summary = getattr(last, "summary", None)
        if summary is None:  # cancelled before the model loaded: nothing was written
            self.message.emit("Re-annotation cancelled", 8000)
        else:
            from desktop.reannotate import describe

            text = describe(summary)
            failures = summary.get("facts_failed") or []
            if failures:
                text += f" — facts not extracted from {failures[0][0]} ({failures[0][1]})"
                text += f" and {len(failures) - 1} more" if len(failures) > 1 else ""
            problems.clear(self.session.db, problems.JOB, "re-annotate")
            self.message.emit(text, 15000)
        self.session.corpus_changed()
        self.reannotate_finished.emit(summary)

    def _on_reannotate_failed(self, message: str) -> None:
        if self.closed:
            return
        self._job_ended()
        self.message.emit(f"Re-annotation failed: {message}", 15000)
        self.report_failure("re-annotate", message)
        self.session.corpus_changed()  # the batches done so far are committed
        self.reannotate_finished.emit(None)

    def report_failure(self, job: str, message: str, *, box: bool = True) -> None:
        """A background job that failed stays in the Problems list until it runs again.

        A job the project's database stopped (damaged, read-only, not ours, held) also gets a box with the
        commands' one line: the analyst has to act on the file, and may not be able to record it as a problem.
        """
        # A database another process holds cannot take the record either: waiting for it here would freeze
        # the window for the busy timeout. The box says it.
        held = message in self._database_failures and project_file.HELD in message
        try:
            if not held:
                problems.report(self.session.db, problems.JOB, job, message)
        except Exception:  # noqa: BLE001 - the status bar already says it; a locked database must not crash here
            log.warning("could not record the failure of %s", job, exc_info=True)
        self.failure_recorded.emit()
        if message in self._database_failures:
            self._database_failures.discard(message)
            if box:
                self.refused.emit(f"{job[:1].upper()}{job[1:]} failed: {message}")

    def _database_guarded(self, make_steps) -> Iterator[Any]:
        """The steps ``make_steps()`` gives, run on the worker thread; an SQLite error on the project becomes
        the commands' one line (:func:`desktop.project_file.database_error`: damaged says how to recover)."""
        try:
            yield from make_steps()
        except sqlite3.DatabaseError as exc:
            error = store.database_error(exc, self.db_path)
            self._database_failures.add(str(error).splitlines()[0])
            raise error from None
        except store.StoreError as exc:  # refused on opening the job's own connection
            self._database_failures.add(str(exc).splitlines()[0])
            raise

    # ------------------------------------------------------------ import

    def start_import(self, path: Path) -> bool:
        """Apply an annotation file (any import format) on a worker thread; the report follows in a message box."""
        path = Path(path)
        if self.importing_now():
            self.refused.emit("an import is already running")
            return False
        if self.writing():
            # Both would write the same spans: one after the other keeps the import's report true.
            self.refused.emit("wait for the articles to be processed before importing")
            return False
        db_path = self.db_path
        worker = GeneratorWorker(lambda _cancelled: self._database_guarded(lambda: import_steps(db_path, path)))
        worker.signals.finished.connect(lambda report, name=path.name: self._on_import_finished(report, name))
        worker.signals.failed.connect(self._on_import_failed)
        self.import_worker = worker
        self.importing.emit(True)
        self.progress.setRange(0, 0)  # busy: import_file reports only at the end
        self.progress.setFormat(f"Importing {path.name}…")
        self.progress.show()
        self.message.emit(f"Importing {path.name}…", 0)
        QThreadPool.globalInstance().start(worker)
        return True

    def end_import(self) -> None:
        """The import is over: the File menu's Import works again, and a held-back ingest starts."""
        self.importing.emit(False)
        self.progress.hide()
        if self.auto_ingest and self.worker is None:
            self.start_ingest()  # the automatic ingest waited for the import

    def _on_import_finished(self, report, name: str) -> None:
        if self.closed:
            return
        self.end_import()
        if report is None:  # the generator ended without a report: nothing was applied
            self._on_import_failed("no report")
            return
        # Every imported document is its own undoable action: the undo stack picks them up on `corpus`.
        self.session.corpus_changed()
        summary, details = import_report_text(report, name)
        self.message.emit(f"Imported {name}: {report.matched} matched, {report.failed} not applied", 10000)
        box = QMessageBox(QMessageBox.Information if not report.failed else QMessageBox.Warning,
                          "Import", summary, QMessageBox.Ok, self._parent)
        if details:
            box.setInformativeText("Not applied:\n" + "\n".join(details.splitlines()[:8]))
            box.setDetailedText(details)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()
        self.import_box = box
        self.import_finished.emit(report)

    def _on_import_failed(self, message: str) -> None:
        if self.closed:
            return
        self.end_import()
        self.refused.emit(f"import failed: {message}")
        self.report_failure("import", message, box=False)  # the box above says it already
        self.session.corpus_changed()  # a failure half-way leaves the documents done so far applied
        self.import_finished.emit(None)

    # ------------------------------------------------------------ closing

    def detach(self) -> None:
        """The window closes: every job stops at its next check and its later results are dropped."""
        self.closed = True
        self._refresh_timer.stop()
        for worker in (self.worker, self.import_worker):
            if worker is not None:
                # The job stops at its next check and leaves a consistent database.
                worker.detach()

    def shutdown(self, timeout: float = 30.0) -> None:
        """Stop the jobs and wait for them to end (tests, and before the database closes)."""
        for worker in (self.worker, self.import_worker):
            if worker is not None:
                worker.detach()
                worker.wait(timeout)
