"""Ctrl+= / Ctrl+- / Ctrl+0 zoom the article and the lists; the size is kept in settings.json (issue 14)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.gui.zoom import MAX_ZOOM
from desktop.settings import load_settings, save_settings, settings_path
from tests.gui_support import build_project, open_window


def sizes(window) -> tuple[float, float]:
    return window.view.font().pointSizeF(), window.documents.table.font().pointSizeF()


def test_keys_zoom_the_article_and_the_lists_and_it_is_remembered(qtbot, db_path, app_home):
    build_project(db_path)
    window = open_window(qtbot, db_path)
    article, listed = sizes(window)
    row = window.documents.table.verticalHeader().defaultSectionSize()
    QTest.keyClick(window.view, Qt.Key_Equal, Qt.ControlModifier)
    QTest.keyClick(window.view, Qt.Key_Plus, Qt.ControlModifier)
    assert sizes(window) == (article + 2, listed + 2)
    assert window.documents.table.verticalHeader().defaultSectionSize() >= row
    assert load_settings()["zoom"] == 2 and str(app_home) in str(settings_path())
    QTest.keyClick(window.view, Qt.Key_Minus, Qt.ControlModifier)
    assert sizes(window) == (article + 1, listed + 1)
    window.close()

    again = open_window(qtbot, db_path)
    assert sizes(again) == (article + 1, listed + 1)
    qtbot.waitUntil(lambda: again.docks_ready, timeout=10000)
    late = [d for d in again.docks if d.widget() is not None and d is not again.document_dock]
    assert late and all(d.widget().font().pointSizeF() == listed + 1 for d in late)  # docks built later too
    QTest.keyClick(again.view, Qt.Key_0, Qt.ControlModifier)
    assert sizes(again) == (article, listed) and load_settings()["zoom"] == 0


def test_zoom_has_limits_and_survives_a_broken_setting(qtbot, db_path):
    build_project(db_path)
    save_settings({**load_settings(), "zoom": "huge", "font_size": 14})
    window = open_window(qtbot, db_path)
    assert window.zoom.zoom == 0 and window.view.font().pointSizeF() == 14
    for _ in range(MAX_ZOOM + 5):
        window.zoom.step(1)
    assert window.zoom.zoom == MAX_ZOOM and "limit" in window.statusBar().currentMessage()
