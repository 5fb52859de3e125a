"""Undo and redo by keys, through the QUndoStack bridged to the core history, across a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import history, store
from tests.gui_support import build_project, open_window, spans_by_text

UNDO = (Qt.Key_Z, Qt.ControlModifier)
REDO = (Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)


@pytest.fixture
def project(db_path):
    return db_path, build_project(db_path)


def status(db_path, doc_id, text):
    return spans_by_text(db_path, doc_id)[text]["status"]


def test_undo_and_redo_by_keys(qtbot, project):
    db_path, ids = project
    window = open_window(qtbot, db_path)
    QTest.keyClick(window.view, Qt.Key_J)
    QTest.keyClick(window.view, Qt.Key_A)
    assert status(db_path, ids["a"], "Vladimir Putin") == "accepted"
    assert window.undo_stack.count() == 1 and window.undo_stack.canUndo()
    QTest.keyClick(window.view, *UNDO)
    assert status(db_path, ids["a"], "Vladimir Putin") == "proposed"
    assert window.session.span(window.session.spans[0]["id"])["status"] == "proposed"  # the view shows it at once
    QTest.keyClick(window.view, *REDO)
    assert status(db_path, ids["a"], "Vladimir Putin") == "accepted"
    QTest.keyClick(window.view, *UNDO)
    QTest.keyClick(window.view, Qt.Key_K)
    QTest.keyClick(window.view, Qt.Key_X)  # a new action drops the redo branch
    assert not window.undo_stack.canRedo()
    assert history.redoable(window.db) == []


def test_undo_survives_a_restart(qtbot, project):
    db_path, ids = project
    first = open_window(qtbot, db_path)
    QTest.keyClick(first.view, Qt.Key_J)
    QTest.keyClick(first.view, Qt.Key_A)  # accept Putin, move to Lukashenko
    QTest.keyClick(first.view, Qt.Key_X)  # reject Lukashenko
    first.close()

    second = open_window(qtbot, db_path)
    assert (second.undo_stack.count(), second.undo_stack.index()) == (2, 2)
    # Loading the stack replayed nothing: the data is as it was left.
    assert status(db_path, ids["a"], "Alexander Lukashenko") == "rejected"
    QTest.keyClick(second.view, *UNDO)
    assert status(db_path, ids["a"], "Alexander Lukashenko") == "proposed"
    assert status(db_path, ids["a"], "Vladimir Putin") == "accepted"
    QTest.keyClick(second.view, *UNDO)
    assert status(db_path, ids["a"], "Vladimir Putin") == "proposed"
    QTest.keyClick(second.view, *REDO)
    assert status(db_path, ids["a"], "Vladimir Putin") == "accepted"
    second.close()

    # ...and the redo branch survives too.
    third = open_window(qtbot, db_path)
    assert (third.undo_stack.count(), third.undo_stack.index()) == (2, 1)
    QTest.keyClick(third.view, *REDO)
    assert status(db_path, ids["a"], "Alexander Lukashenko") == "rejected"


def test_undo_of_a_change_in_another_article_opens_it(qtbot, project):
    db_path, ids = project
    window = open_window(qtbot, db_path)
    QTest.keyClick(window.view, Qt.Key_J)
    QTest.keyClick(window.view, Qt.Key_A)
    QTest.keyClick(window.view, Qt.Key_N)
    assert window.session.doc["id"] == ids["b"]
    QTest.keyClick(window.view, *UNDO)
    assert window.session.doc["id"] == ids["a"]
    assert status(db_path, ids["a"], "Vladimir Putin") == "proposed"


def test_nothing_to_undo_disables_the_action(qtbot, project):
    window = open_window(qtbot, project[0])
    assert not window.actions["undo"].isEnabled()
    QTest.keyClick(window.view, *UNDO)
    assert history.log(window.db) == []
    QTest.keyClick(window.view, Qt.Key_J)
    QTest.keyClick(window.view, Qt.Key_A)
    assert window.actions["undo"].isEnabled()
    assert "accepted 'Vladimir Putin'" in window.actions["undo"].text()  # the Edit menu says what
    # The toolbar keeps one word (its width does not follow the undo text); the tooltip says what.
    button = window.toolbar.widgetForAction(window.actions["undo"])
    assert button.text() == "Undo" and "accepted 'Vladimir Putin'" in button.toolTip()


def test_undo_refused_when_the_row_changed_elsewhere(qtbot, project):
    db_path, ids = project
    window = open_window(qtbot, db_path)
    QTest.keyClick(window.view, Qt.Key_J)
    QTest.keyClick(window.view, Qt.Key_A)
    span_id = spans_by_text(db_path, ids["a"])["Vladimir Putin"]["id"]
    other = store.open_db(db_path)
    other["spans"].update(span_id, {"label": "ORG"})  # e.g. a re-ingest, outside the history
    other.close()
    QTest.keyClick(window.view, *UNDO)
    assert "changed since" in window.last_error
    span = spans_by_text(db_path, ids["a"])["Vladimir Putin"]
    assert (span["label"], span["status"]) == ("ORG", "accepted")
    assert window.session.span(span_id)["label"] == "ORG"  # the window re-read the data


def test_second_window_stays_consistent(qtbot, project):
    db_path, ids = project
    first = open_window(qtbot, db_path)
    second = open_window(qtbot, db_path)
    QTest.keyClick(second.view, Qt.Key_J)
    QTest.keyClick(second.view, Qt.Key_A)
    assert first.check_external_changes()
    assert first.session.span(second.session.spans[0]["id"])["status"] == "accepted"
    assert first.undo_stack.count() == 1
    assert not first.check_external_changes()  # nothing new: no refresh
    first.activateWindow()
    first.view.setFocus()
    qtbot.waitUntil(first.isActiveWindow)
    QTest.keyClick(first.view, *UNDO)  # one history for the project: undoes the other window's accept
    assert status(db_path, ids["a"], "Vladimir Putin") == "proposed"
    assert second.check_external_changes()
    assert second.session.span(second.session.spans[0]["id"])["status"] == "proposed"
    db = store.open_db(db_path)
    assert store.integrity_ok(db)
    db.close()


def test_one_undo_takes_back_a_new_entity_and_its_links(qtbot, project):
    from desktop.gui.entity_dialog import EntityDialog

    db_path, ids = project
    window = open_window(qtbot, db_path)
    for _ in range(3):
        QTest.keyClick(window.view, Qt.Key_J)
    assert window.session.current_span()["text"] == "Minsk"
    QTest.keyClick(window.view, Qt.Key_E)
    dialog = window.entity_dialog
    assert isinstance(dialog, EntityDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.name.clear()
    QTest.keyClicks(dialog.name, "Minsk City")
    with qtbot.waitSignal(dialog.finished):
        QTest.keyClick(dialog.name, Qt.Key_Return)
    assert spans_by_text(db_path, ids["b"])["Minsk"]["entity_id"] == "minsk-city"
    assert window.undo_stack.count() == 1
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.view, *UNDO)
    assert spans_by_text(db_path, ids["a"])["Minsk"]["entity_id"] == "minsk"
    assert spans_by_text(db_path, ids["b"])["Minsk"]["entity_id"] is None
    db = store.open_db(db_path)
    try:
        assert store.get_row(db, "entities", "minsk-city") is None
        assert history.undoable(db) == []
    finally:
        db.close()
    QTest.keyClick(window.view, *REDO)
    assert spans_by_text(db_path, ids["b"])["Minsk"]["entity_id"] == "minsk-city"
