"""File > Settings…: model, profile, keys (conflicts refused) and text size, written to settings.json.

The dialog edits the same file as :mod:`desktop.settings` (any other entry in it is
kept). Keys and the text size apply at once; the model and the profile apply to
the next ingest.
The key checks are Qt-free (:mod:`desktop.keys`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop import keys as key_rules
from desktop.model_info import DEFAULT_MODEL, installed_model, installed_pipelines, pipeline_name
from desktop.nlp import BLANK_MODEL  # spaCy itself is imported only inside nlp's functions
from desktop.profile import bundled_profiles
from desktop.settings import load_settings, save_settings, settings_path

CONFLICT = QColor("#ffd6d6")


class SettingsDialog(QDialog):
    """Edit settings.json; :attr:`saved` carries the settings written."""

    saved = Signal(dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.settings = load_settings()
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.setToolTip("The spaCy pipeline new articles are annotated with (the next ingest uses it)")
        current = str(self.settings.get("model") or DEFAULT_MODEL)
        for name in dict.fromkeys([current, DEFAULT_MODEL, *installed_pipelines(), BLANK_MODEL]):
            shown = pipeline_name(name)
            if self.model.findData(shown) < 0:
                found = installed_model(shown)
                self.model.addItem("blank:en (the profile's rules only)" if name == BLANK_MODEL else
                                   found["label"] if found["version"] is not None else f"{shown} (not installed)", shown)
        self.model.setCurrentIndex(max(0, self.model.findData(pipeline_name(current))))
        self.profile = QComboBox()
        self.profile.setToolTip("The profile (labels, entities, rules) the next ingest uses")
        for name in dict.fromkeys([*bundled_profiles(), str(self.settings.get("profile") or "")]):
            if name:
                self.profile.addItem(name, name)
        self.profile.setCurrentIndex(max(0, self.profile.findData(self.settings.get("profile"))))
        self.font_size = QSpinBox()
        self.font_size.setRange(0, 72)
        self.font_size.setSuffix(" pt")
        self.font_size.setSpecialValueText("Default")
        self.font_size.setToolTip("The article text's size (Ctrl+= / Ctrl+- zoom from there, Ctrl+0 comes back)")
        try:
            self.font_size.setValue(int(self.settings.get("font_size") or 0))
        except (TypeError, ValueError):
            self.font_size.setValue(0)

        self.keys = self._key_table(key_rules.key_map(self.settings))
        self.message = QLabel()
        self.message.setObjectName("keyConflicts")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel { color: #b00020; }")
        defaults = QPushButton("Default keys")
        defaults.setObjectName("defaultKeys")
        defaults.clicked.connect(self._on_default_keys)

        form = QFormLayout()
        form.addRow("Model", self.model)
        form.addRow("Profile", self.profile)
        form.addRow("Article text", self.font_size)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.addButton(defaults, QDialogButtonBox.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        where = QLabel(f"Saved in {settings_path()}")
        where.setStyleSheet("QLabel { color: #6f6f6f; }")
        where.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Keys (several keys for one action: separate them with “ / ”)"))
        layout.addWidget(self.keys, 1)
        layout.addWidget(self.message)
        layout.addWidget(where)
        layout.addWidget(self.buttons)
        self.keys.itemChanged.connect(lambda _item: self._check_keys())
        self._check_keys()
        self.resize(640, 620)

    # ------------------------------------------------------------ keys

    def _key_table(self, keys: dict[str, list[str]]) -> QTableWidget:
        table = QTableWidget(len(key_rules.DEFAULT_KEYS), 2)
        table.setObjectName("keyTable")
        table.setHorizontalHeaderLabels(["Action", "Keys"])
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                              | QAbstractItemView.AnyKeyPressed)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        for row, (name, (_default, text)) in enumerate(key_rules.DEFAULT_KEYS.items()):
            what = QTableWidgetItem(text.split(";")[0].split(":")[0])
            what.setToolTip(text)
            what.setData(Qt.UserRole, name)
            what.setFlags(what.flags() & ~Qt.ItemIsEditable)
            table.setItem(row, 0, what)
            table.setItem(row, 1, QTableWidgetItem(key_rules.join_keys(keys[name])))
        return table

    def key_values(self) -> dict[str, list[str]]:
        """Action name -> the keys in the table now."""
        return {self.keys.item(row, 0).data(Qt.UserRole): key_rules.parse_keys(self.keys.item(row, 1).text())
                for row in range(self.keys.rowCount())}

    def problems(self) -> list[str]:
        """Why the keys cannot be saved (unknown keys, conflicts); empty when they can."""
        values = self.key_values()
        bad = [k for keys in values.values() for k in keys if QKeySequence(k).isEmpty()
               or QKeySequence(k).toString() == ""]
        found = [f"“{k}” is not a key Qt knows" for k in dict.fromkeys(bad)]
        return found + key_rules.describe_conflicts(key_rules.conflicts(values))

    def _check_keys(self) -> None:
        values = self.key_values()
        clashing = {name for names in key_rules.conflicts(values).values() for name in names}
        self.keys.blockSignals(True)
        for row in range(self.keys.rowCount()):
            name = self.keys.item(row, 0).data(Qt.UserRole)
            brush = QBrush(CONFLICT) if name in clashing else QBrush()
            for column in (0, 1):
                self.keys.item(row, column).setBackground(brush)
        self.keys.blockSignals(False)
        problems = self.problems()
        self.message.setText("\n".join(problems))
        self.buttons.button(QDialogButtonBox.Save).setEnabled(not problems)

    def _on_default_keys(self) -> None:
        self.keys.blockSignals(True)
        for row in range(self.keys.rowCount()):
            name = self.keys.item(row, 0).data(Qt.UserRole)
            self.keys.item(row, 1).setText(key_rules.join_keys(key_rules.DEFAULT_KEYS[name][0]))
        self.keys.blockSignals(False)
        self._check_keys()

    # ------------------------------------------------------------ saving

    def values(self) -> dict:
        """settings.json as it would be saved (entries the dialog does not edit are kept)."""
        values = dict(self.settings)
        model = self.model.currentData() if self.model.currentText() == self.model.itemText(
            self.model.currentIndex()) else self.model.currentText().strip().split(" ")[0]
        values["model"] = model or DEFAULT_MODEL
        values["profile"] = self.profile.currentData() or values.get("profile")
        values["font_size"] = self.font_size.value()
        old = values.get("keys") if isinstance(values.get("keys"), dict) else {}
        kept = {k: v for k, v in old.items() if k not in key_rules.DEFAULT_KEYS}  # another version's actions
        values["keys"] = {**kept, **key_rules.overrides(self.key_values())}
        return values

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            self.message.setText("\n".join(problems))
            return
        values = self.values()
        try:
            save_settings(values)
        except OSError as exc:
            self.message.setText(f"Could not save {settings_path()}: {exc}")
            return
        self.saved.emit(values)
        super().accept()


def apply_settings(window, values: dict) -> None:
    """What applies at once: the keys (every action's shortcuts and tooltip) and the text size."""
    from desktop.gui.shortcuts import sequences, shown_keys

    window.keys = key_rules.key_map(values)
    for name, action in window.actions.items():
        if name in window.keys:
            action.setShortcuts(sequences(window.keys[name]))
            text = action.text().split(" (")[0]
            action.setToolTip(f"{text} ({shown_keys(window.keys[name])})")
    # Docks with review keys of their own (the Triage dock's key_actions) take them too.
    for child in window.findChildren(QDockWidget):
        for name, action in (getattr(child, "key_actions", None) or {}).items():
            child.keys = window.keys
            action.setShortcuts(sequences(window.keys.get(name, [])))
    if getattr(window, "zoom", None) is not None:
        window.zoom.set_font_size(values.get("font_size") or 0)
    window.statusBar().showMessage("Settings saved (the model and the profile apply to the next ingest)", 5000)


def install_settings(window, file_menu, before) -> None:
    """File > Settings… (Ctrl+,), placed before ``before``."""
    action = QAction("Settings…", window)
    action.setObjectName("settings")
    action.setShortcut(QKeySequence("Ctrl+,"))
    action.setMenuRole(QAction.PreferencesRole)
    file_menu.insertAction(before, action)

    def show() -> None:
        dialog = SettingsDialog(window)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.saved.connect(lambda values: apply_settings(window, values))
        window.settings_dialog = dialog
        dialog.open()

    action.triggered.connect(show)
