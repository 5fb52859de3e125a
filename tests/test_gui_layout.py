"""The default layout leaves the article most of the window on common laptop screens; docks shrink."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.gui.layout import PLOT_MIN_HEIGHT
from tests.gui_support import build_project, open_window


@pytest.mark.parametrize("size", [pytest.param((1400, 900), id="1400x900"), pytest.param((1280, 800), id="1280x800")])
def test_article_gets_most_of_the_window(qtbot, db_path, size):
    build_project(db_path)
    window = open_window(qtbot, db_path)
    window.resize(*size)
    window.wait_for_docks()
    qtbot.waitUntil(lambda: window.docks_ready)
    window.window_layout.apply_defaults()
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
        # The plots keep PLOT_MIN_HEIGHT (never squashed below readable); every other dock shrinks.
        tallest = PLOT_MIN_HEIGHT if dock.objectName() == "PlotDock" else 200
        assert hint.width() <= 260 and hint.height() <= tallest, (dock.objectName(), hint.toTuple())
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



def _dock(window, name):
    return next(d for d in window.docks if d.objectName() == name)


def test_geometry_and_dock_state_survive_a_restart_and_reset_layout_restores_the_default(qtbot, db_path, app_home):
    """Acceptance 4 of issue 14: the window comes back as the analyst left it; View > Reset layout undoes that."""
    build_project(db_path)
    window = open_window(qtbot, db_path)
    window.wait_for_docks()
    window.resize(760, 620)
    triage = _dock(window, "TriageDock")
    assert window.dockWidgetArea(triage) == Qt.RightDockWidgetArea
    window.addDockWidget(Qt.LeftDockWidgetArea, triage)  # the analyst drags the triage queue to the left
    window.span_dock.close()  # and closes the spans list
    QApplication.processEvents()
    size = window.size()
    window.close()
    assert (app_home / "config" / "layout.ini").is_file()  # beside settings.json, in the test's home

    again = open_window(qtbot, db_path)
    again.wait_for_docks()
    QApplication.processEvents()
    assert again.size() == size
    assert again.dockWidgetArea(_dock(again, "TriageDock")) == Qt.LeftDockWidgetArea
    assert not again.span_dock.isVisible() and again.window_layout.restored

    again.findChild(type(again.reset_layout_action), "reset_layout").trigger()
    QApplication.processEvents()
    assert again.dockWidgetArea(_dock(again, "TriageDock")) == Qt.RightDockWidgetArea
    assert again.span_dock.isVisible() and again.document_dock.isVisible()
    assert again.dockWidgetArea(_dock(again, "PlotDock")) == Qt.BottomDockWidgetArea


def test_a_layout_saved_before_the_docks_existed_keeps_the_last_good_state(qtbot, db_path):
    build_project(db_path)
    window = open_window(qtbot, db_path)
    window.wait_for_docks()
    window.addDockWidget(Qt.LeftDockWidgetArea, _dock(window, "EntityDock"))
    window.close()
    quick = open_window(qtbot, db_path)
    quick.close()  # closed before its docks were built: its (dockless) state must not replace the saved one
    third = open_window(qtbot, db_path)
    third.wait_for_docks()
    assert third.dockWidgetArea(_dock(third, "EntityDock")) == Qt.LeftDockWidgetArea


def test_toolbar_fits_1366_and_keeps_its_width_when_the_undo_text_changes(qtbot, db_path):
    from PySide6.QtTest import QTest

    build_project(db_path)
    window = open_window(qtbot, db_path)
    window.resize(1366, 740)
    QApplication.processEvents()
    toolbar = window.toolbar
    before = toolbar.sizeHint().width()
    assert before <= 1366 - 20
    # Every action is on a button that shows (none pushed into the overflow menu).
    for action in toolbar.actions():
        if not action.isSeparator():
            assert toolbar.widgetForAction(action).isVisible(), action.objectName()
    QTest.keyClick(window.view, Qt.Key_J)
    QTest.keyClick(window.view, Qt.Key_A)
    assert "accepted" in window.actions["undo"].toolTip()
    assert toolbar.sizeHint().width() == before


@pytest.mark.parametrize("screen", [pytest.param((1366, 768), id="1366x768"), pytest.param((1600, 900), id="1600x900"),
                                    pytest.param((1920, 1080), id="1920x1080")])
def test_main_columns_fit_their_content_or_elide_with_a_tooltip(qtbot, db_path, screen):
    """Acceptance 3 of issue 14: at common screen sizes nothing in the main tables is cut unreadably."""
    from desktop.gui.columns import cut_cells
    from desktop.gui.layout import main_views, raise_each_tab

    from desktop import store
    from desktop.facts import propose_facts

    ids = build_project(db_path)
    db = store.open_db(db_path)
    propose_facts(db, [ids["a"], ids["b"]])  # a meeting and a trade figure: rows for the facts and events
    db.close()
    window = open_window(qtbot, db_path)
    window.resize(screen[0], screen[1] - 60)  # maximised, less a title bar and a panel
    window.wait_for_docks()
    window.window_layout.apply_defaults()
    QApplication.processEvents()
    views = main_views(window)
    assert {v.objectName() for v, _ in views} >= {"documentTable", "spanPanel", "factsTable", "eventsTree",
                                                   "triageGroups", "entityTable"}
    problems = []
    for view, fit in views:
        with raise_each_tab(window, view):
            QApplication.processEvents()
            assert view.model().rowCount() > 0, view.objectName()
            problems += cut_cells(view, within_viewport=fit)
    assert problems == []
    plots = next(d for d in window.docks if d.objectName() == "PlotDock")
    assert plots.height() >= PLOT_MIN_HEIGHT  # never squashed below readable
    assert window.view.width() > screen[0] * 0.5 and window.view.height() >= 250


def test_a_cut_cell_shows_its_whole_text_as_tooltip_and_the_check_catches_one_that_does_not(qtbot):
    from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView, QToolTip

    from desktop.gui.columns import cell_tooltip, cut_cells, install_elided_tips

    model = QStandardItemModel(1, 2)
    model.setItem(0, 0, QStandardItem("Supreme State Council of the Union State"))
    model.setItem(0, 1, QStandardItem("ORG"))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setColumnWidth(0, 60)
    view.setTextElideMode(Qt.ElideNone)
    view.resize(300, 120)
    view.show()
    qtbot.waitExposed(view)
    assert len(cut_cells(view)) == 1 and "Supreme State Council" in cut_cells(view)[0]  # cut, no way to read it
    install_elided_tips(view)
    assert cut_cells(view) == [] and view.textElideMode() == Qt.ElideRight
    index = model.index(0, 0)
    assert cell_tooltip(view, index) == "Supreme State Council of the Union State"
    assert cell_tooltip(view, model.index(0, 1)) is None  # "ORG" fits: no tooltip
    centre = view.visualRect(index).center()
    QApplication.sendEvent(view.viewport(), QHelpEvent(QHelpEvent.ToolTip, centre, view.viewport().mapToGlobal(centre)))
    assert QToolTip.text() == "Supreme State Council of the Union State"
    view.setColumnWidth(1, 400)
    assert "past the view" in cut_cells(view, within_viewport=True)[0]
