"""The default layout leaves the article most of the window on common laptop screens; docks shrink."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui_support import build_project, open_window


@pytest.mark.parametrize("size", [pytest.param((1400, 900), id="1400x900"), pytest.param((1280, 800), id="1280x800")])
def test_article_gets_most_of_the_window(qtbot, db_path, size):
    build_project(db_path)
    window = open_window(qtbot, db_path)
    window.resize(*size)
    window.wait_for_docks()
    qtbot.waitUntil(lambda: window.docks_ready)
    window._size_docks()
    QApplication.processEvents()
    width, height = size
    names = {dock.objectName() for dock in window.docks}
    assert {"FactsDock", "EventsDock", "PlotDock"} <= names
    # Wider than both side docks together, and more than half the window.
    assert window.view.width() > width * 0.55
    assert window.view.width() > window.document_dock.width() + window.span_dock.width()
    assert window.view.height() > height * 0.45
    for dock in (window.document_dock, window.span_dock, *window.docks):
        hint = dock.minimumSizeHint()
        assert hint.width() <= 260 and hint.height() <= 200, (dock.objectName(), hint.toTuple())
    plots = next(d for d in window.docks if d.objectName() == "PlotDock")
    assert plots.isVisible() and plots.height() >= 150  # a plot strip worth looking at


def test_a_narrow_article_list_hides_columns_instead_of_scrolling(qtbot, db_path):
    build_project(db_path)
    window = open_window(qtbot, db_path)
    window.resize(1600, 900)
    table = window.documents.table
    window.resizeDocks([window.document_dock], [230], Qt.Horizontal)
    QApplication.processEvents()
    assert not table.isColumnHidden(0) and not table.isColumnHidden(2)  # title and status stay
    assert table.isColumnHidden(3)
    window.resizeDocks([window.document_dock], [560], Qt.Horizontal)
    QApplication.processEvents()
    assert not any(table.isColumnHidden(c) for c in range(5))
    row = window.documents.model.index(0, 0)
    tip = window.documents.model.data(row, Qt.ToolTipRole)  # what the hidden columns said
    assert "proposed" in tip and "published" in tip

