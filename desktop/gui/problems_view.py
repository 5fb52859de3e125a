"""The Problems notice in the status bar and the list it opens (files skipped, facts failed, jobs failed).

The notice shows only when there is something to say ("⚠ 3 problems"); the
list reads :mod:`desktop.problems` and opens an article on a double click.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import problems, store

KIND_TEXT = {problems.SKIPPED: "File skipped", problems.FACTS: "Facts not extracted", problems.JOB: "Job failed"}


class ProblemsButton(QToolButton):
    """A status-bar notice: how many problems the project has; hidden when none."""

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("problemsButton")
        self.db = store.open_db(db_path, create=False)  # the window made it: never a new one here
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.NoFocus)
        self.setStyleSheet("QToolButton { color: #b00020; font-weight: bold; }")
        self.setToolTip("Files skipped, articles whose facts failed, background jobs that failed (Ctrl+Alt+P)")
        self.hide()

    def refresh(self) -> int:
        """Re-count; returns the count."""
        n = problems.count(self.db)
        self.setText(f"⚠ {n} problem{'s' if n != 1 else ''}")
        self.setVisible(n > 0)
        return n


class ProblemsDialog(QDialog):
    """The project's problems, newest first; double-click an article's row to open it."""

    open_document = Signal(int)

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("problemsDialog")
        self.setWindowTitle("Problems")
        self.resize(760, 360)
        self.db = store.open_db(db_path, create=False)  # the window made it: never a new one here
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["What", "File or job", "Why", "When"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.cellDoubleClicked.connect(self._on_double_click)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        rows = problems.list_problems(self.db)
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            doc_id = row["doc_id"]
            for column, text in enumerate((KIND_TEXT.get(row["kind"], row["kind"]), row["path"], row["message"],
                                           (row["at"] or "").replace("T", " ")[:16])):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, doc_id)
                item.setToolTip(row["message"] if column == 2 else text)
                self.table.setItem(i, column, item)
        self.table.resizeColumnsToContents()
        self.summary.setText("No problems." if not rows else
                             f"{len(rows)} problem{'s' if len(rows) != 1 else ''}. Double-click an article to open it; "
                             "re-proposing facts (Facts menu) or ingesting again clears what is fixed.")

    def _on_double_click(self, row: int, _column: int) -> None:
        doc_id = self.table.item(row, 0).data(Qt.UserRole)
        if doc_id is not None:
            self.open_document.emit(int(doc_id))
