"""Keyboard-only span creation (``v``, arrows, a label key, Esc), by keystrokes only, checked in the DB."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import history, store
from tests.gui_support import TEXT_A, build_project, open_window

CTRL = Qt.ControlModifier


@pytest.fixture
def project(db_path):
    return db_path, build_project(db_path)


@pytest.fixture
def window(qtbot, project):
    return open_window(qtbot, project[0])


def keys(window, *strokes):
    """Press keys on the focused widget: each stroke a key or a (key, modifiers) pair."""
    for stroke in strokes:
        key, modifiers = stroke if isinstance(stroke, tuple) else (stroke, Qt.NoModifier)
        QTest.keyClick(window.focusWidget() or window.view, key, modifiers)


def analyst_spans(db_path, doc_id):
    db = store.open_db(db_path)
    try:
        return [(s["start"], s["end"], s["text"], s["label"], s["status"])
                for s in store.spans_for_document(db, doc_id) if s["source"] == "analyst"]
    finally:
        db.close()


def test_v_then_word_keys_and_a_label_key_add_a_span(window, project):
    db_path, ids = project
    keys(window, Qt.Key_J, Qt.Key_V)  # current span "Vladimir Putin": the selection starts at its start
    assert window.view.keyboard_selecting
    assert window.selection_label.isVisible() and "SELECT" in window.selection_label.text()
    keys(window, (Qt.Key_Right, CTRL), (Qt.Key_Right, CTRL), (Qt.Key_Right, CTRL))
    assert window.view.selected_range() == (0, len("Vladimir Putin met"))
    assert "Vladimir Putin met" in window.selection_label.text()
    keys(window, Qt.Key_2)  # ORG
    assert analyst_spans(db_path, ids["a"]) == [(0, 18, "Vladimir Putin met", "ORG", "accepted")]
    assert not window.view.keyboard_selecting
    assert not window.selection_label.isVisible()
    assert window.session.current_span()["text"] == "Vladimir Putin met"
    keys(window, (Qt.Key_Z, CTRL))  # one undo step removes it
    assert analyst_spans(db_path, ids["a"]) == []


def test_character_keys_snap_to_whole_words(window, project):
    db_path, ids = project
    keys(window, Qt.Key_J, Qt.Key_J, Qt.Key_J, Qt.Key_J)  # "Monday"
    assert window.session.current_span()["text"] == "Monday"
    keys(window, Qt.Key_V, Qt.Key_Right, Qt.Key_Right, Qt.Key_Right)
    start = TEXT_A.index("Monday")
    assert window.view.selected_range() == (start, start + 3)
    keys(window, Qt.Key_8)  # EVENT, over "Mon" -> the whole word
    assert analyst_spans(db_path, ids["a"]) == [(start, start + 6, "Monday", "EVENT", "accepted")]


def test_selection_extends_left_of_its_start_and_ctrl_home(window, project):
    db_path, ids = project
    keys(window, Qt.Key_J, Qt.Key_J, Qt.Key_J)  # "Minsk"
    minsk = TEXT_A.index("Minsk")
    keys(window, Qt.Key_V, (Qt.Key_Left, CTRL))
    # Left of the anchor the free end stops at word starts: "in " selected, the span will be "in".
    assert window.view.selected_range() == (minsk - 3, minsk)
    keys(window, (Qt.Key_Right, CTRL))  # back to the anchor before crossing it
    assert window.view.selected_range() is None  # empty: both ends on the anchor
    keys(window, (Qt.Key_Home, CTRL))
    assert window.view.selected_range() == (0, minsk)
    keys(window, Qt.Key_5)  # NORP
    text = "Vladimir Putin met Alexander Lukashenko in"
    assert analyst_spans(db_path, ids["a"]) == [(0, len(text), text, "NORP", "accepted")]


def test_character_precision_keeps_exact_offsets(window, project):
    db_path, ids = project
    keys(window, Qt.Key_C, Qt.Key_J, Qt.Key_V, Qt.Key_Right, Qt.Key_Right, Qt.Key_Right, Qt.Key_1)
    assert analyst_spans(db_path, ids["a"]) == [(0, 3, "Vla", "PERSON", "accepted")]


def test_without_a_current_span_starts_at_the_top(window, project):
    db_path, ids = project
    assert window.session.current_span() is None
    keys(window, Qt.Key_V, (Qt.Key_Right, CTRL), Qt.Key_1)
    assert analyst_spans(db_path, ids["a"]) == [(0, 8, "Vladimir", "PERSON", "accepted")]


def test_escape_cancels_and_shift_arrows_do_not_resize_while_selecting(window, project):
    db_path, ids = project
    keys(window, Qt.Key_J)
    putin = window.session.current_span()
    keys(window, Qt.Key_V, (Qt.Key_Right, Qt.ShiftModifier), (Qt.Key_Right, Qt.ShiftModifier))
    assert window.view.selected_range() == (0, 2)  # Shift+Right extended the selection...
    keys(window, Qt.Key_Escape)
    assert not window.view.keyboard_selecting
    assert window.view.selected_range() is None
    assert not window.selection_label.isVisible()
    db = store.open_db(db_path)
    try:
        span = store.get_row(db, "spans", putin["id"])
        assert (span["start"], span["end"], span["status"]) == (0, 14, "proposed")  # ...and resized nothing
        assert history.log(db) == []
    finally:
        db.close()
    assert analyst_spans(db_path, ids["a"]) == []
    keys(window, (Qt.Key_Right, Qt.ShiftModifier))  # out of the mode, Shift+Right resizes again
    assert window.session.current_span()["text"] == "Putin"


def test_a_label_key_with_nothing_selected_yet_relabels_nothing(window, project):
    db_path, ids = project
    keys(window, Qt.Key_J, Qt.Key_V, Qt.Key_2)
    assert window.session.current_span()["label"] == "PERSON"
    assert window.view.keyboard_selecting  # still selecting
    keys(window, Qt.Key_V)  # v again cancels
    assert not window.view.keyboard_selecting
    db = store.open_db(db_path)
    try:
        assert history.log(db) == []
    finally:
        db.close()


def test_moving_to_another_span_ends_the_selection(window):
    keys(window, Qt.Key_J, Qt.Key_V, Qt.Key_Right)
    keys(window, Qt.Key_J)
    assert not window.view.keyboard_selecting
    assert window.session.current_span()["text"] == "Alexander Lukashenko"


def test_help_lists_the_selection_key(window):
    keys(window, Qt.Key_Question)
    text = window.help_overlay.text_label.text()
    assert "v</b>" in text and "Esc cancels" in text
