"""Help > About: the versions of the app, spaCy, the model and Qt, and where the app keeps its files."""

from __future__ import annotations

import html
import platform
import sqlite3
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout

import desktop
from desktop import model_info, settings


def about_rows(db=None, db_path: Path | None = None) -> list[tuple[str, str]]:
    """(what, version or place) lines of the dialog; spaCy is named, never imported (it may be loading)."""
    project_model = model_info.project_model_label(db) if db is not None else None
    installed = model_info.installed_model(settings.load_settings().get("model"))
    rows = [
        ("Article Review", desktop.__version__),
        ("spaCy", model_info.package_version("spacy") or "not installed"),
        ("Model (this project)", project_model or model_info.NO_MODEL),
        ("Model (settings)", installed["label"] + (" (not installed)" if installed["version"] is None else "")
         + (f", installed as {installed['import_name']}" if model_info.installed_as(installed["import_name"]) else "")),
        ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
        ("pyqtgraph", model_info.package_version("pyqtgraph") or "-"),
        ("sqlite-utils", model_info.package_version("sqlite-utils") or "-"),
        ("SQLite", sqlite3.sqlite_version),
        ("Python", platform.python_version()),
        ("Settings", str(settings.settings_path())),
        ("Projects", str(settings.data_dir())),
    ]
    if db_path is not None:
        rows.append(("This project", str(db_path)))
    return rows


class AboutDialog(QDialog):
    """What is installed, in a table to read and a button to copy it (for a bug report)."""

    def __init__(self, db=None, db_path: Path | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About Article Review")
        self.rows = about_rows(db, db_path)
        table = "".join(f"<tr><td style='padding:2px 14px 2px 0'><b>{html.escape(k)}</b></td>"
                        f"<td>{html.escape(v)}</td></tr>" for k, v in self.rows)
        intro = QLabel("<h2>Article Review</h2><p>Review news articles: entities, meetings and trade figures, "
                       "verified by hand and saved in local SQLite.</p>")
        intro.setTextFormat(Qt.RichText)
        intro.setWordWrap(True)
        # The table is not word-wrapped, so the dialog is as tall as its rows (a wrapped label
        # under-reports its height and the last rows were cut).
        self.label = QLabel("<table>" + table + "</table>")
        self.label.setTextFormat(Qt.RichText)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        copy = QPushButton("Copy versions")
        copy.setObjectName("copyVersions")
        copy.clicked.connect(self._on_copy)
        buttons.addButton(copy, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.label)
        layout.addWidget(buttons)

    def text(self) -> str:
        """The versions as plain lines."""
        return "\n".join(f"{k}: {v}" for k, v in self.rows)

    def _on_copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())


def install_about(window, help_menu) -> None:
    """Help > About Article Review."""
    action = help_menu.addAction("About Article Review")
    action.setObjectName("about")
    action.setMenuRole(action.MenuRole.AboutRole)

    def show() -> None:
        dialog = AboutDialog(window.db, window.db_path, window)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        window.about_dialog = dialog
        dialog.open()

    action.triggered.connect(show)
