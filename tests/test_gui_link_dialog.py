"""The link dialog (`e`) preselects an entity only for a real candidate (issue 14).

Regression: on "Poroshenko" it opened with "Existing entity" checked and Alexander Lukashenko selected.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import store
from desktop.gui.entity_dialog import EntityDialog
from tests.gui_support import build_project, open_window, spans_by_text

LABELS = ["PERSON", "GPE", "ORG"]


@pytest.fixture
def project_db(db_path):
    build_project(db_path)
    db = store.open_db(db_path)
    yield db
    db.close()


def dialog_for(qtbot, db, span) -> EntityDialog:
    dialog = EntityDialog(db, span, LABELS)
    qtbot.addWidget(dialog)
    return dialog


def selected(dialog: EntityDialog) -> str | None:
    item = dialog.results.currentItem()
    return item.data(Qt.UserRole) if item is not None and item.isSelected() else None


@pytest.mark.parametrize("text", [pytest.param("Poroshenko", id="no entity at all"),
                                  pytest.param("Lukash", id="only a part of a name"),
                                  pytest.param("Vladimir", id="only a first name")])
def test_no_real_candidate_means_new_entity(qtbot, project_db, text):
    dialog = dialog_for(qtbot, project_db, {"text": text, "label": "PERSON"})
    assert dialog.pick_new.isChecked() and not dialog.pick_existing.isChecked()
    assert selected(dialog) is None
    assert dialog.results.count() > 0  # the similar names (or all) are there to pick from
    assert dialog.name.text() == text


@pytest.mark.parametrize("text, entity", [pytest.param("Lukashenko", "lukashenko", id="alias"),
                                          pytest.param("  LUKASHENKO ", "lukashenko", id="normalised alias"),
                                          pytest.param("Vladimir Putin", "putin", id="name"),
                                          pytest.param("minsk", "minsk", id="name, other case")])
def test_a_real_candidate_is_preselected(qtbot, project_db, text, entity):
    dialog = dialog_for(qtbot, project_db, {"text": text, "label": "PERSON"})
    assert dialog.pick_existing.isChecked()
    assert selected(dialog) == entity


def test_the_entity_a_span_names_already_is_preselected(qtbot, project_db):
    dialog = dialog_for(qtbot, project_db, {"text": "the Russian president", "label": "PERSON",
                                            "entity_id": "putin"})
    assert dialog.pick_existing.isChecked() and selected(dialog) == "putin"


def test_typing_a_search_picks_its_first_result(qtbot, project_db):
    dialog = dialog_for(qtbot, project_db, {"text": "Poroshenko", "label": "PERSON"})
    dialog.query.clear()
    QTest.keyClicks(dialog.query, "Alexander")
    assert dialog.pick_existing.isChecked() and selected(dialog) == "lukashenko"


def test_enter_on_poroshenko_creates_a_new_entity_not_a_wrong_link(qtbot, db_path):
    ids = build_project(db_path)
    db = store.open_db(db_path)
    text = store.get_document(db, ids["b"])["text"]
    start = text.index("Lukashenko")
    db.execute("update documents set text = ? where id = ?",
               [text[:start] + "Poroshenko" + text[start + len("Lukashenko"):], ids["b"]])
    db.execute("update spans set text = 'Poroshenko' where doc_id = ? and text = 'Lukashenko'", [ids["b"]])
    db.conn.commit()
    db.close()
    window = open_window(qtbot, db_path)
    window.open_document(ids["b"])
    for _ in range(6):
        QTest.keyClick(window.view, Qt.Key_J)
        if window.session.current_span()["text"] == "Poroshenko":
            break
    assert window.session.current_span()["text"] == "Poroshenko"
    QTest.keyClick(window.view, Qt.Key_E)
    dialog = window.entity_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.pick_new.isChecked()
    with qtbot.waitSignal(dialog.finished):
        QTest.keyClick(dialog.query, Qt.Key_Return)
    span = spans_by_text(db_path, ids["b"])["Poroshenko"]
    assert span["entity_id"] == "poroshenko"


def test_store_candidates_are_exact_not_substrings(project_db):
    assert store.entity_candidates(project_db, "Lukashenko") == ["lukashenko"]
    assert store.entity_candidates(project_db, "Lukash") == []
    assert store.entity_candidates(project_db, "") == []
