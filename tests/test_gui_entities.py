"""The Entities dock: merge two entities and undo it with Ctrl+Z (mentions follow); rename, aliases, split, jump.

Acceptance test of issue 14 (2).
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop import history, store  # noqa: E402
from tests.gui_support import open_window  # noqa: E402

TEXTS = ["Lukashenka met Putin in Minsk.", "Alexander Lukashenko and Lukashenka are one man.",
         "Viktor Lukashenko spoke."]
LINKS = {"Lukashenka": "lukashenka", "Alexander Lukashenko": "lukashenko", "Putin": "putin",
         "Viktor Lukashenko": "lukashenko"}
UNDO = (Qt.Key_Z, Qt.ControlModifier)
REDO = (Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)


def build(db_path: Path) -> list[int]:
    db = store.open_db(db_path)
    store.set_meta(db, "profile", "russia_belarus")
    for entity in ({"id": "lukashenko", "name": "Alexander Lukashenko", "label": "PERSON",
                    "aliases": ["Viktor Lukashenko"]},
                   {"id": "lukashenka", "name": "Lukashenka", "label": "PERSON"},
                   {"id": "putin", "name": "Vladimir Putin", "label": "PERSON", "aliases": ["Putin"]}):
        store.upsert_entity(db, entity)
    ids = []
    for n, text in enumerate(TEXTS):
        doc_id = store.insert_document(db, path=f"{n}.txt", hash=str(n), text=text, title=f"Article {n}")
        rows = []
        for needle, entity_id in LINKS.items():
            start = text.find(needle)
            if start != -1:
                rows.append({"doc_id": doc_id, "start": start, "end": start + len(needle), "label": "PERSON",
                             "text": needle, "entity_id": entity_id, "source": "rule", "status": "proposed",
                             "created_at": store.now()})
        store.insert_spans(db, rows)
        ids.append(doc_id)
    db.close()
    return ids


def linked(db_path: Path, entity_id: str) -> list[str]:
    db = store.open_db(db_path)
    try:
        return sorted(r["text"] for r in db.query("select text from spans where entity_id = ?", [entity_id]))
    finally:
        db.close()


def entity(db_path: Path, entity_id: str):
    db = store.open_db(db_path)
    try:
        return store.get_row(db, "entities", entity_id)
    finally:
        db.close()


def names(dock) -> list[str]:
    return [row["name"] for row in dock.entity_model.rows]


def answer_yes(qtbot, dialog) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key_Return)


def test_merge_in_the_entity_view_and_undo_with_ctrl_z(qtbot, db_path):
    build(db_path)
    window = open_window(qtbot, db_path)
    window.wait_for_docks()
    dock = next(d for d in window.docks if d.objectName() == "EntityDock")
    dock.raise_()
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty())
    dock.refresh()
    assert names(dock) == ["Alexander Lukashenko", "Lukashenka", "Vladimir Putin"]
    dock.select_entity("lukashenka")
    assert dock.mention_model.rowCount() == 2

    dock.merge_button.click()
    qtbot.waitUntil(lambda: dock.chooser is not None and dock.chooser.isVisible())
    QTest.keyClicks(dock.chooser.query, "alexander")
    assert dock.chooser.results.count() == 1
    answer_yes(qtbot, dock.chooser)
    qtbot.waitUntil(lambda: dock.message_box is not None and dock.message_box.isVisible())
    assert "Merge “Lukashenka” (2 mentions) into “Alexander Lukashenko”?" in dock.message_box.text()
    answer_yes(qtbot, dock.message_box)
    qtbot.waitUntil(lambda: dock.message_box is None)
    assert linked(db_path, "lukashenko") == ["Alexander Lukashenko", "Lukashenka", "Lukashenka", "Viktor Lukashenko"]
    assert entity(db_path, "lukashenka") is None
    assert names(dock) == ["Alexander Lukashenko", "Vladimir Putin"]
    assert dock.current["id"] == "lukashenko" and dock.mention_model.rowCount() == 4
    assert "Lukashenka" in [dock.alias_list.item(i).data(Qt.UserRole) for i in range(dock.alias_list.count())]

    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    QTest.keyClick(dock.entity_table, *UNDO)
    assert linked(db_path, "lukashenka") == ["Lukashenka", "Lukashenka"]
    assert names(dock) == ["Alexander Lukashenko", "Lukashenka", "Vladimir Putin"]
    QTest.keyClick(dock.entity_table, *REDO)
    assert entity(db_path, "lukashenka") is None
    assert linked(db_path, "lukashenko")[1:3] == ["Lukashenka", "Lukashenka"]


@pytest.fixture
def dock(qtbot, db_path):
    from desktop.gui.entity_dock import EntityDock

    ids = build(db_path)
    widget = EntityDock(db_path)
    qtbot.addWidget(widget)
    widget.resize(520, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.ids = ids
    return widget


def test_rename_with_f2_and_enter(qtbot, db_path, dock):
    dock.select_entity("putin")
    dock.entity_table.setFocus()
    QTest.keyClick(dock.entity_table, Qt.Key_F2)
    assert dock.name_edit.hasFocus()
    QTest.keyClicks(dock.name_edit, "Vladimir V. Putin")
    with qtbot.waitSignal(dock.changed):
        QTest.keyClick(dock.name_edit, Qt.Key_Return)
    assert entity(db_path, "putin")["name"] == "Vladimir V. Putin"
    assert "Vladimir V. Putin" in names(dock)
    history.undo(dock.db)
    dock.refresh()
    assert entity(db_path, "putin")["name"] == "Vladimir Putin" and dock.name_edit.text() == "Vladimir Putin"


def test_add_remove_and_split_off_aliases(qtbot, db_path, dock):
    dock.select_entity("lukashenko")
    QTest.keyClicks(dock.alias_edit, "Lukashenko")
    QTest.keyClick(dock.alias_edit, Qt.Key_Return)
    aliases = [dock.alias_list.item(i).data(Qt.UserRole) for i in range(dock.alias_list.count())]
    assert aliases == ["Alexander Lukashenko", "Lukashenko", "Viktor Lukashenko"]
    dock.alias_list.setFocus()
    dock.alias_list.setCurrentRow(1)
    QTest.keyClick(dock.alias_list, Qt.Key_Delete)
    assert entity(db_path, "lukashenko")["aliases"] == ["Alexander Lukashenko", "Viktor Lukashenko"]

    dock.alias_list.setCurrentRow(1)  # Viktor, the son
    dock.split_button.click()
    assert linked(db_path, "viktor-lukashenko") == ["Viktor Lukashenko"]
    assert dock.current["id"] == "viktor-lukashenko"
    assert "Split off" in dock.message.text()
    assert [a["op"] for a in history.undoable(dock.db)] == ["split entity", "remove alias", "add alias"]


def test_refusals_are_messages(qtbot, dock):
    dock.select_entity("putin")
    dock.alias_list.setCurrentRow(1)  # the name itself
    assert dock.selected_alias() == "Vladimir Putin"
    dock.split_button.click()
    assert "name of the entity" in dock.message.text()


def test_a_mention_opens_in_its_article(qtbot, dock):
    dock.select_entity("lukashenka")
    dock.mention_table.setFocus()
    dock.mention_table.selectRow(1)
    with qtbot.waitSignal(dock.evidence_requested) as signal:
        QTest.keyClick(dock.mention_table, Qt.Key_Return)
    start = TEXTS[1].index("Lukashenka")
    assert signal.args == [dock.ids[1], start, start + len("Lukashenka")]


def test_the_search_filters_names_and_aliases(qtbot, dock):
    dock.search.setText("viktor")
    qtbot.waitUntil(lambda: names(dock) == ["Alexander Lukashenko"])
    assert dock.count_label.text() == "1 entity"
