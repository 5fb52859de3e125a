"""File > Settings…: model, profile, keys with conflicts refused, text size, into settings.json (issue 14)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from desktop.gui.settings_dialog import SettingsDialog
from desktop.settings import load_settings, save_settings, settings_path
from tests.gui_support import build_project, open_window


def key_row(dialog, name: str) -> int:
    return next(r for r in range(dialog.keys.rowCount()) if dialog.keys.item(r, 0).data(Qt.UserRole) == name)


def set_keys(dialog, name: str, text: str) -> None:
    dialog.keys.item(key_row(dialog, name), 1).setText(text)


def test_the_dialog_shows_the_settings_as_typed(qtbot, app_home):
    save_settings({**load_settings(), "keys": {"accept": "Y"}, "font_size": 13, "profile": "russia_kazakhstan"})
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.keys.item(key_row(dialog, "accept"), 1).text() == "y"
    assert dialog.keys.item(key_row(dialog, "next_span"), 1).text() == "j"
    assert dialog.font_size.value() == 13 and dialog.profile.currentData() == "russia_kazakhstan"
    assert dialog.model.currentData() == "en_core_web_sm"
    assert str(app_home) in str(settings_path())  # never the analyst's own file


def test_a_key_conflict_is_shown_and_refused(qtbot):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.Save)
    assert save.isEnabled() and dialog.message.text() == ""
    set_keys(dialog, "reject", "a")
    assert not save.isEnabled()
    assert "a is set for “Accept the current span” and “Reject the current span”" in dialog.message.text()
    assert dialog.keys.item(key_row(dialog, "accept"), 1).background().color().name() == "#ffd6d6"
    dialog.accept()
    assert dialog.isVisible() is False and not settings_path().exists()  # nothing written
    set_keys(dialog, "reject", "Ctrl+Q")
    assert "File > Quit" in dialog.message.text()
    set_keys(dialog, "reject", "Nonsense+Key")
    assert "not a key Qt knows" in dialog.message.text()
    set_keys(dialog, "reject", "x")
    assert save.isEnabled() and dialog.message.text() == ""


def test_saving_writes_settings_json_and_the_window_takes_the_keys_at_once(qtbot, db_path):
    ids = build_project(db_path)
    save_settings({**load_settings(), "workers": 3, "zoom": 1})
    window = open_window(qtbot, db_path)
    window.findChild(type(window.actions["help"]), "settings").trigger()
    dialog = window.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    set_keys(dialog, "accept", "y / Ctrl+Return")
    dialog.font_size.setValue(15)
    dialog.model.setCurrentIndex(dialog.model.findData("blank:en"))
    dialog.profile.setCurrentIndex(dialog.profile.findData("russia_kazakhstan"))
    with qtbot.waitSignal(dialog.finished):
        dialog.buttons.button(QDialogButtonBox.Save).click()
    written = json.loads(settings_path().read_text(encoding="utf-8"))
    assert written["keys"] == {"accept": ["Y", "Ctrl+Return"]}  # only what differs from the defaults
    assert (written["model"], written["profile"], written["font_size"]) == ("blank:en", "russia_kazakhstan", 15)
    assert written["workers"] == 3 and written["zoom"] == 1  # what the dialog does not edit is kept
    assert window.view.font().pointSizeF() == 16  # 15 pt and the zoom's one
    assert window.actions["accept"].toolTip() == "Accept (y / Ctrl+Return)"
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key_J)
    first = window.session.current_span_id
    QTest.keyClick(window.view, Qt.Key_A)  # a is no longer accept
    assert window.session.span(first)["status"] == "proposed"
    QTest.keyClick(window.view, Qt.Key_Y)
    assert window.session.span(first)["status"] == "accepted" and window.session.doc["id"] in ids.values()


def test_the_triage_dock_takes_the_new_keys_too(qtbot, db_path):
    from desktop.gui.settings_dialog import apply_settings

    build_project(db_path)
    window = open_window(qtbot, db_path)
    qtbot.waitUntil(lambda: window.docks_ready, timeout=10000)
    triage = next(d for d in window.docks if getattr(d, "key_actions", None))
    values = {**load_settings(), "keys": {"accept": "Y"}}
    save_settings(values)
    apply_settings(window, values)
    assert [k.toString() for k in triage.key_actions["accept"].shortcuts()] == ["Y"]
