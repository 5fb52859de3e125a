"""Model menu: Train model… (a child process, progress, Cancel, both models' scores), switch, re-annotate.

>>> dialog = TrainDialog(db, db_path)            # doctest: +SKIP
>>> dialog.model_switched.connect(on_switched)  # doctest: +SKIP

The dialog starts ``article-review train --progress jsonl`` in a child process
(:class:`CommandProcess`) and draws what it prints: epochs, loss and dev F as
they come, then the report (P/R/F per label for the base and the trained model,
the agreement on unverified articles, warnings). "Use this model" switches the
project (:func:`desktop.models.use_model`); it is the default button only when
the model beats its base. :func:`install_model_menu` is the window's whole hook.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QProgressBar, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem,
    QVBoxLayout,
)

from desktop import models, store
from desktop.gui.child_process import CommandProcess
from desktop.train_report import COLUMNS, CORRECTED_NOTE, base_label, score_rows

log = logging.getLogger(__name__)


class TrainDialog(QDialog):
    """Train a model on the verified articles without blocking the window; show and use the result."""

    model_switched = Signal(str)  # the project's new model spec
    report_ready = Signal(dict)

    def __init__(self, db, db_path: str | Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Train model")
        self.db, self.db_path = db, Path(db_path)
        self.child: CommandProcess | None = None
        self.report: dict[str, Any] | None = None
        self.error: str | None = None
        self.closed = False

        self.need_label = QLabel(wordWrap=True)
        self.earlier = QComboBox()  # the reports of models trained before (here or with article-review train)
        self.earlier.activated.connect(self._on_earlier)
        self.base_edit = QLineEdit(placeholderText="the project's model")
        self.dev_spin = QDoubleSpinBox(minimum=0.05, maximum=0.5, singleStep=0.05, value=0.2)
        self.epochs_spin = QSpinBox(minimum=1, maximum=200, value=10)
        self.seed_spin = QSpinBox(minimum=0, maximum=1_000_000, value=0)
        self.name_edit = QLineEdit(placeholderText="ner-DATE-TIME")
        form = QFormLayout()
        form.addRow("Start from", self.base_edit)
        form.addRow("Dev share", self.dev_spin)
        form.addRow("At most epochs", self.epochs_spin)
        form.addRow("Seed", self.seed_spin)
        form.addRow("Name", self.name_edit)

        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m epochs")
        self.log_view = QPlainTextEdit(readOnly=True)
        self.log_view.setMaximumBlockCount(500)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.summary_label = QLabel(wordWrap=True)
        self.warnings_label = QLabel(wordWrap=True)
        self.warnings_label.setStyleSheet("color: #b00020")

        self.train_button = QPushButton("Train")
        self.cancel_button = QPushButton("Cancel training")
        self.use_button = QPushButton("Use this model")
        self.close_button = QPushButton("Close")
        self.train_button.clicked.connect(self._on_train)
        self.cancel_button.clicked.connect(self._on_cancel)
        self.use_button.clicked.connect(self._on_use)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.train_button, self.cancel_button, self.use_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.need_label)
        earlier = QHBoxLayout()
        earlier.addWidget(QLabel("Report of"))
        earlier.addWidget(self.earlier, 1)
        layout.addLayout(earlier)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.log_view, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.warnings_label)
        layout.addLayout(buttons)
        self.resize(760, 640)
        self._set_running(False)
        self.refresh_need()
        self.refresh_models()

    # ------------------------------------------------------------ state

    def refresh_models(self) -> None:
        """List the project's models whose report can be shown again."""
        self.earlier.clear()
        self.earlier.addItem("(choose a trained model)", None)
        for m in models.list_models(self.db_path):
            if m["report"].get("base"):
                worse = "  (worse than its base)" if m["worse_than_base"] else ""
                self.earlier.addItem(f"{m['spec']}  {m['created'] or ''}{worse}", m["path"])

    def _on_earlier(self, index: int) -> None:
        path = self.earlier.itemData(index)
        report = models.read_json(Path(path) / models.REPORT) if path else None
        if report and report.get("base") and not self.is_running():
            self.show_report(dict(report, path=path))

    def refresh_need(self) -> None:
        """Say whether the verified articles are enough, and how many more are needed if not."""
        from desktop.training import data_needed

        articles, spans = store.training_counts(self.db)
        need = data_needed(self.db)
        if need is not None:
            self.need_label.setText(str(need).replace("not enough data to train: ", "Not enough data yet: "))
        else:
            self.need_label.setText(f"{articles} verified articles with {spans} spans to learn from.")
        self.train_button.setEnabled(need is None and not self.is_running())

    def is_running(self) -> bool:
        return self.child is not None and self.child.is_running()

    def _set_running(self, running: bool) -> None:
        self.train_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.use_button.setEnabled(not running and self.report is not None)
        for widget in (self.base_edit, self.dev_spin, self.epochs_spin, self.seed_spin, self.name_edit):
            widget.setEnabled(not running)

    def arguments(self) -> list[str]:
        """The ``article-review train`` arguments the form stands for."""
        args = ["train", "--db", str(self.db_path), "--progress", "jsonl", "--dev", f"{self.dev_spin.value():g}",
                "--max-epochs", str(self.epochs_spin.value()), "--seed", str(self.seed_spin.value())]
        if self.base_edit.text().strip():
            args += ["--base", self.base_edit.text().strip()]
        if self.name_edit.text().strip():
            args += ["--name", self.name_edit.text().strip()]
        return args

    # ------------------------------------------------------------ the child process

    def _on_train(self) -> None:
        if self.is_running():
            return
        self.report, self.error = None, None
        self.table.setRowCount(0)
        self.summary_label.clear()
        self.warnings_label.clear()
        self.log_view.clear()
        self.progress.setRange(0, self.epochs_spin.value())
        self.progress.setValue(0)
        self.child = CommandProcess(self.arguments(), self)
        self.child.line.connect(self._on_line)
        self.child.error_line.connect(self._on_error_line)
        self.child.done.connect(self._on_done)
        self._set_running(True)
        self.log_view.appendPlainText("Starting the training process…")
        self.child.start()

    def _on_cancel(self) -> None:
        if self.child is not None:
            self.child.cancel()
            self.cancel_button.setEnabled(False)
            self.log_view.appendPlainText("Cancelling…")

    def _on_line(self, text: str) -> None:
        if self.closed:
            return
        try:
            step = json.loads(text)
        except ValueError:
            self.log_view.appendPlainText(text)
            return
        self.log_view.appendPlainText(step.get("message", ""))
        if step.get("stage") == "epoch":
            self.progress.setValue(int(step.get("epoch") or 0))
        elif step.get("stage") == "error":
            self.error = step.get("message")
        elif step.get("stage") == "done" and step.get("report"):
            self.progress.setValue(self.progress.maximum())
            self.show_report(step["report"])

    def _on_error_line(self, text: str) -> None:
        log.debug("train: %s", text)

    def _on_done(self, exit_code: int, cancelled: bool) -> None:
        if self.closed:
            return
        if cancelled:
            self.log_view.appendPlainText("Cancelled: nothing saved.")
        elif self.report is None:
            message = self.error or (self.child.stderr_tail[-1] if self.child and self.child.stderr_tail
                                     else f"the training process ended with status {exit_code}")
            self.log_view.appendPlainText(f"Training failed: {message}")
            self.warnings_label.setText(message)
        self._set_running(False)
        self.refresh_need()
        self.refresh_models()

    # ------------------------------------------------------------ the result

    def show_report(self, report: dict[str, Any]) -> None:
        """Both models' scores per label, the agreement, the warnings; the Use button as the score deserves."""
        self.report = report
        base, trained = report["base"], report["trained"]
        rows = score_rows(report)
        self.table.setRowCount(len(rows))
        for row, score in enumerate(rows):
            for column, value in enumerate(score.cells()):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        agreement = report.get("agreement")
        self.summary_label.setText(
            f"{report['model']}: dev F {base['overall']['f']:.3f} (base {base_label(report)}) → "
            f"{trained['overall']['f']:.3f}; {len(report['train_ids'])} training and {len(report['dev_ids'])} dev "
            f"articles, {report['seconds_per_epoch']} s per epoch"
            + (f"; agreement with the base on {report['agreement_articles']} unverified articles "
               f"{agreement['overall']['f']:.3f}" if agreement else "")
            + f". {CORRECTED_NOTE}.")
        self.warnings_label.setText("\n".join(f"⚠ {w}" for w in report.get("warnings", [])))
        worse = report.get("worse_than_base")
        self.use_button.setText("Use anyway (worse than its base)" if worse else "Use this model")
        self.use_button.setDefault(not worse)
        self.use_button.setEnabled(True)
        self.report_ready.emit(report)

    def _on_use(self) -> None:
        if self.report is None:
            return
        spec = self.report["model"]
        try:
            models.use_model(self.db, self.db_path, spec)
        except models.ModelError as exc:
            self.warnings_label.setText(str(exc))
            return
        self.log_view.appendPlainText(f"The project now uses {spec}: Model → Re-annotate unverified articles "
                                      "proposes its spans.")
        self.model_switched.emit(spec)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.is_running():
            self.child.cancel()
        self.closed = True
        super().closeEvent(event)


class AliasDialog(QDialog):
    """The gazetteer suggestions: listed, ticked, added to the project's copy of the profile in one action."""

    def __init__(self, db, db_path: str | Path, parent=None):
        super().__init__(parent)
        from desktop import gazetteer

        self.setWindowTitle("Gazetteer suggestions")
        self.db, self.db_path = db, Path(db_path)
        self.found = gazetteer.suggestions(db)
        self.list = QListWidget()
        for s in self.found:
            what = "new entity" if s.new_entity else "alias of"
            item = QListWidgetItem(f"{s.alias}  —  {what} {s.entity_name} ({s.label}), {s.articles} articles")
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            self.list.addItem(item)
        self.message = QLabel(wordWrap=True)
        self.message.setText(f"{len(self.found)} aliases linked to one entity in several articles are not in the "
                             "profile." if self.found else "No suggestions: no alias linked in several articles is "
                             "missing from the profile.")
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.add_button = buttons.addButton("Add to the project's profile", QDialogButtonBox.AcceptRole)
        self.add_button.setEnabled(bool(self.found))
        self.add_button.clicked.connect(self._on_add)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self):
        return [s for i, s in enumerate(self.found) if self.list.item(i).checkState() == Qt.Checked]

    def _on_add(self) -> None:
        from desktop import gazetteer

        try:
            path = gazetteer.accept(self.db, self.db_path, self.chosen())
        except gazetteer.GazetteerError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(f"Added to {path}; the next ingest or re-annotation uses them.")
        self.add_button.setEnabled(False)


# ---------------------------------------------------------------- the window's hook


def install_model_menu(window) -> None:
    """Add the Model menu to ``window`` (a MainWindow: ``db``, ``db_path``, ``statusBar()``, ``refresh_all()``)."""
    menu = window.menuBar().addMenu("&Model")
    hook = _ModelMenu(window, menu)
    window._model_menu = hook  # noqa: SLF001 - kept alive with the window


class _ModelMenu:
    def __init__(self, window, menu):
        self.window, self.menu = window, menu
        self.dialog: TrainDialog | None = None
        menu.aboutToShow.connect(self.rebuild)  # the models are read when the menu opens, not before

    def rebuild(self) -> None:
        window, menu = self.window, self.menu
        menu.clear()
        menu.addAction("Train model…", self.open_train_dialog)
        again = menu.addAction("Re-annotate unverified articles", self.reannotate)
        again.setEnabled(not self.window.jobs.writing())
        menu.addAction("Gazetteer suggestions…", lambda: AliasDialog(window.db, window.db_path, window).open())
        menu.addSection("Propose spans with")
        group = QActionGroup(menu)
        current = models.project_setting(window.db)
        choices = [(None, "The settings model")] + [
            (m["spec"], m["spec"] + ("  (worse than its base)" if m["worse_than_base"] else "")
             + (f"  dev F {m['trained_f']:.3f}" if m["trained_f"] is not None else ""))
            for m in models.list_models(window.db_path)]
        for spec, text in choices:
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(spec == current)
            action.setData(spec)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, s=spec: self.switch(s))

    def open_train_dialog(self) -> TrainDialog:
        if self.dialog is None or self.dialog.closed:
            self.dialog = TrainDialog(self.window.db, self.window.db_path, self.window)
            self.dialog.model_switched.connect(self._on_switched)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def switch(self, spec: str | None) -> None:
        try:
            models.use_model(self.window.db, self.window.db_path, spec)
        except models.ModelError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)
            return
        self._on_switched(spec)

    def _on_switched(self, spec: str | None) -> None:
        self.window.statusBar().showMessage(
            f"The project now proposes spans with {spec or 'the settings model'}; Model → Re-annotate unverified "
            "articles applies it to the articles not verified yet", 10000)

    def reannotate(self) -> bool:
        """Re-annotate the unverified articles as a window job (progress, Cancel and errors in the status bar)."""
        return self.window.jobs.start_reannotate()
