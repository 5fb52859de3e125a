"""File > Export: choose what and how, run the export on a worker thread with a progress bar.

>>> dialog = ExportDialog(Path("project.sqlite"), parent=window)  # doctest: +SKIP
>>> dialog.exec()                                                  # doctest: +SKIP

The work is :func:`desktop.exchange.export`, a core generator; a
:class:`~desktop.gui.workers.GeneratorWorker` iterates it on a pool thread with
its own database connection. Cancel sets a flag the generator polls between
documents; the target file is only replaced when the export completes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import exchange, store
from desktop.gui.workers import GeneratorWorker

WHAT_LABELS = {
    "spans": "Annotated spans (training data)",
    "facts": "Facts (meetings, calls, trade)",
    "entities": "Canonical entities",
    "project": "Whole project (SQLite snapshot)",
}
FORMAT_LABELS = {
    "jsonl": "JSONL (Prodigy / spaCy)",
    "spacy": "spaCy DocBin (.spacy)",
    "conll": "CoNLL IOB2 (spacy convert)",
    "label-studio": "Label Studio tasks (JSON)",
    "doccano": "doccano JSONL",
    "brat": "brat standoff (a folder)",
    "huggingface": "Hugging Face JSONL (tokens, ner_tags)",
    "csv": "CSV (spreadsheet)",
    "sqlite": "SQLite database",
}


def _export_steps(db_path: Path, target: Path, options: dict, cancelled: Callable[[], bool]):
    """The export generator with its own connection, for a pool thread."""
    db = store.open_db(db_path, create=False)
    try:
        yield from exchange.export(db, target, cancel=cancelled, **options)
    finally:
        db.close()


class ExportDialog(QDialog):
    """What to export, in which format, where; a progress bar, cancel, and the result."""

    exported = Signal(object)  # ExportResult of a completed export
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setObjectName("exportDialog")
        self._db_path = Path(db_path)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._runnable: GeneratorWorker | None = None
        self._result: exchange.ExportResult | None = None

        self.what = QComboBox()
        for what, label in WHAT_LABELS.items():
            self.what.addItem(label, what)
        self.format = QComboBox()
        self.all = QCheckBox("Everything, with a status (not only verified documents / confirmed facts)")
        self.bom = QCheckBox("Start with a UTF-8 BOM (for Excel)")
        self.path = QLineEdit()
        self.path.setPlaceholderText("File to write")
        self.browse = QPushButton("Browse…")
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("Export", self.what)
        form.addRow("Format", self.format)
        form.addRow("", self.all)
        form.addRow("", self.bom)
        form.addRow("To", path_row)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.cancel_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.what.currentIndexChanged.connect(self._on_what_changed)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.browse.clicked.connect(self._on_browse)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self._on_what_changed()

    # ------------------------------------------------------------ model <-> widgets

    def options(self) -> dict:
        """The export options the widgets describe."""
        return {"what": self.what.currentData(), "fmt": self.format.currentData(),
                "all": self.all.isEnabled() and self.all.isChecked(),
                "bom": self.bom.isEnabled() and self.bom.isChecked()}

    def set_options(self, *, what: str, fmt: str, path: str | Path | None = None, all: bool = False,
                    bom: bool = False) -> None:
        """Select ``what``/``fmt`` (and the target path, flags) as if the analyst had."""
        self.what.setCurrentIndex(self.what.findData(what))
        self.format.setCurrentIndex(self.format.findData(fmt))
        self.all.setChecked(all)
        self.bom.setChecked(bom)
        if path is not None:
            self.path.setText(str(path))

    def _on_what_changed(self, *_args) -> None:
        what = self.what.currentData()
        previous = self.format.currentData()
        self.format.blockSignals(True)
        self.format.clear()
        for fmt in exchange.FORMATS[what]:
            self.format.addItem(FORMAT_LABELS[fmt], fmt)
        index = self.format.findData(previous)
        self.format.setCurrentIndex(max(index, 0))
        self.format.blockSignals(False)
        self.all.setEnabled(what in ("spans", "facts"))
        self._on_format_changed()

    def _on_format_changed(self, *_args) -> None:
        fmt = self.format.currentData()
        if fmt is None:
            return
        self.bom.setEnabled(fmt == "csv")
        text = self.path.text().strip()
        if text:
            # Keep the analyst's name, with the suffix of the chosen format.
            self.path.setText(str(Path(text).with_suffix(exchange.default_suffix(fmt))))

    def _default_path(self) -> Path:
        what, fmt = self.what.currentData(), self.format.currentData()
        folder = Path(self.path.text()).parent if self.path.text().strip() else Path.home()
        return folder / f"article-review-{what}{exchange.default_suffix(fmt)}"

    def _on_browse(self) -> None:
        fmt = self.format.currentData()
        suffix = exchange.default_suffix(fmt)
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", str(self._default_path()),
                                                f"{FORMAT_LABELS[fmt]} (*{suffix});;All files (*)")
        if chosen:
            self.path.setText(chosen)

    # ------------------------------------------------------------ running

    def is_running(self) -> bool:
        return self._runnable is not None

    def start(self) -> None:
        """Validate and start the export on the worker thread."""
        if self.is_running():
            return
        text = self.path.text().strip()
        if not text:
            self._show_error("Choose a file to export to.")
            return
        target = Path(text).expanduser()
        if target.is_dir() and self.options()["fmt"] not in exchange.FOLDER_FORMATS:
            self._show_error(f"{target} is a folder; give a file name.")
            return
        options = self.options()
        try:
            exchange.check_combination(options["what"], options["fmt"], all=options["all"], bom=options["bom"])
            exchange.check_targets(target, what=options["what"], fmt=options["fmt"])
        except exchange.ExchangeError as exc:
            self._show_error(str(exc))
            return
        self._result = None
        self.progress.setRange(0, 0)  # busy until the first count arrives (spaCy loads)
        self.status.setText(f"Exporting to {target}…")
        self._set_running(True)
        runnable = GeneratorWorker(partial(_export_steps, self._db_path, target, options))
        runnable.signals.progress.connect(self._on_progress)
        runnable.signals.finished.connect(self._on_finished)
        runnable.signals.failed.connect(self._on_failed)
        self._runnable = runnable
        self._pool.start(runnable)

    def cancel(self) -> None:
        """Stop a running export; the target file stays as it was."""
        if self._runnable is not None:
            self._runnable.cancel()
            self.status.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    def last_result(self) -> exchange.ExportResult | None:
        """The last export's result (None before one completes)."""
        return self._result

    def _set_running(self, running: bool) -> None:
        for widget in (self.what, self.format, self.all, self.bom, self.path, self.browse, self.export_button):
            widget.setEnabled(not running)
        if not running:
            self._on_what_changed()
        self.cancel_button.setEnabled(running)

    def _on_progress(self, step: exchange.ExportProgress) -> None:
        if step.result is not None:
            return  # the last step: _on_finished reports it
        done, total = step.done, step.total
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        if step.message:
            self.status.setText(f"Exporting… {done} of {total}: {step.message}")

    def _on_finished(self, step: exchange.ExportProgress | None) -> None:
        result = step.result if step is not None else None
        if result is None:
            self._on_failed("the export ended without a result")
            return
        self._runnable = None
        self._set_running(False)
        self.progress.setRange(0, 1)
        if result.cancelled:
            self.progress.setValue(0)
            self.status.setText("Export cancelled; nothing was written.")
            self.cancelled.emit()
            return
        self._result = result
        self.progress.setValue(1)
        self.status.setText(describe(result))
        self.exported.emit(result)

    def _on_failed(self, message: str) -> None:
        self._runnable = None
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._show_error(f"Export failed: {message}")
        self.failed.emit(message)

    def _show_error(self, message: str) -> None:
        self.status.setText(message)

    def done(self, code: int) -> None:  # noqa: D401 - Qt's name
        # Closing drops the running export: it stops at its next check and writes nothing.
        if self._runnable is not None:
            self._runnable.detach()
            self._runnable = None
        self._pool.waitForDone(10_000)
        super().done(code)


def describe(result: exchange.ExportResult) -> str:
    """One or two lines for the analyst about a completed export."""
    if result.what == "spans":
        what = f"{result.documents} document(s), {result.spans} span(s)"
    elif result.what == "project":
        what = f"the project ({result.documents} document(s))"
    else:
        what = f"{result.records} {result.what}"
    text = f"Exported {what} to {result.path} in {result.seconds:.1f} s."
    if result.dropped_overlaps:
        text += f"\n{result.dropped_overlaps} overlapping span(s) could not be held as entities (longest kept)."
    if result.skipped:
        text += f"\n{len(result.skipped)} span(s) skipped: {result.skipped[0][1]}."
    return text
