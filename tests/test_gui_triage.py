"""The Triage dock: a group decided from the queue in one action, one Ctrl+Z, redo; keys, confirmation, paging.

Acceptance test of issue 14 (1): accept, relabel and link a group of mentions across several
articles from the window's triage queue, each undone with one Ctrl+Z and redone; the counts follow.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop import history, store, triage  # noqa: E402
from tests.gui_support import open_window  # noqa: E402

TEXTS = [
    "Lukashenko arrived in Minsk on Monday. Minsk was cold.",
    "Talks in Minsk: Putin and Lukashenko.",
    "From Moscow to Minsk, the delegation travelled by train.",
    "Minsk and Moscow agreed on gas prices.",
]
UNDO = (Qt.Key_Z, Qt.ControlModifier)
REDO = (Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)


def build(db_path: Path, extra_groups: int = 0) -> list[int]:
    """Four articles, five proposed "Minsk" (GPE) mentions; ``extra_groups`` one-mention groups to page through."""
    db = store.open_db(db_path)
    store.set_meta(db, "profile", "russia_belarus")
    store.upsert_entity(db, {"id": "minsk", "name": "Minsk", "label": "GPE"})
    store.upsert_entity(db, {"id": "lukashenko", "name": "Alexander Lukashenko", "label": "PERSON",
                             "aliases": ["Lukashenko"]})
    ids = []
    for n, text in enumerate(TEXTS + [f"Place{i} is far." for i in range(extra_groups)]):
        doc_id = store.insert_document(db, path=f"{n:03d}.txt", hash=str(n), text=text, title=f"Article {n}")
        rows = []
        for needle, label in (("Minsk", "GPE"), ("Moscow", "GPE"), ("Lukashenko", "PERSON"), ("Putin", "PERSON"),
                              (f"Place{n - len(TEXTS)}", "GPE")):
            start = text.find(needle)
            while start != -1:
                rows.append({"doc_id": doc_id, "start": start, "end": start + len(needle), "label": label,
                             "text": needle, "source": "model", "status": "proposed", "created_at": store.now()})
                start = text.find(needle, start + 1)
        store.insert_spans(db, rows)
        ids.append(doc_id)
    db.close()
    return ids


def minsk(db_path: Path, label: str = "GPE") -> list[dict]:
    db = store.open_db(db_path)
    try:
        return list(db.query("select * from spans where text = 'Minsk' and label = ? order by id", [label]))
    finally:
        db.close()


def statuses(db_path: Path, label: str = "GPE") -> set[str]:
    return {s["status"] for s in minsk(db_path, label)}


def shown_groups(dock) -> list[tuple[str, str, str, str]]:
    model = dock.group_model
    return [tuple(model.data(model.index(r, c)) for c in range(4)) for r in range(model.rowCount())]


def confirm(qtbot, dock, expected: str) -> None:
    """The confirmation names the count; Enter says yes."""
    qtbot.waitUntil(lambda: dock.message_box is not None and dock.message_box.isVisible())
    assert expected in dock.message_box.text()
    dock.message_box.activateWindow()
    qtbot.waitUntil(lambda: dock.message_box.isActiveWindow())
    QTest.keyClick(QApplication.focusWidget() or dock.message_box, Qt.Key_Return)
    qtbot.waitUntil(lambda: dock.message_box is None)
    dock.window().activateWindow()  # what the window manager does when the box closes
    qtbot.waitUntil(lambda: dock.window().isActiveWindow())


@pytest.fixture
def window_dock(qtbot, db_path):
    build(db_path)
    window = open_window(qtbot, db_path)
    window.wait_for_docks()
    dock = next(d for d in window.docks if d.objectName() == "TriageDock")
    dock.raise_()  # in front of the other right-hand tabs, so the window refreshes it at once
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty())
    dock.refresh()
    dock.group_table.setFocus()
    qtbot.waitUntil(lambda: dock.group_table.hasFocus())
    return window, dock


def test_accept_a_group_undo_with_one_ctrl_z_and_redo(qtbot, db_path, window_dock):
    window, dock = window_dock
    assert shown_groups(dock)[0] == ("Minsk", "GPE", "5", "4")
    assert dock.summary.text() == "Minsk · GPE · 5 mentions in 4 articles"
    assert dock.count_label.text() == "4 groups of proposed mentions"
    before = window.undo_stack.count()

    QTest.keyClick(dock.group_table, Qt.Key_A)
    confirm(qtbot, dock, "Accept 5 mentions of “Minsk” (GPE) in 4 articles?")
    assert statuses(db_path) == {"accepted"}
    assert window.undo_stack.count() == before + 1  # one action, one step
    assert [g[0] for g in shown_groups(dock)] == ["Lukashenko", "Moscow", "Putin"]
    assert dock.count_label.text() == "3 groups of proposed mentions"

    QTest.keyClick(dock.group_table, *UNDO)
    assert statuses(db_path) == {"proposed"}
    assert shown_groups(dock)[0] == ("Minsk", "GPE", "5", "4")
    assert window.undo_stack.index() == before

    QTest.keyClick(dock.group_table, *REDO)
    assert statuses(db_path) == {"accepted"}
    assert "Minsk" not in [g[0] for g in shown_groups(dock)]
    # The article view follows too: its Minsk spans are accepted.
    assert {s["status"] for s in window.session.spans if s["text"] == "Minsk"} == {"accepted"}


def test_relabel_a_group_with_a_label_key_and_undo(qtbot, db_path, window_dock):
    window, dock = window_dock
    QTest.keyClick(dock.group_table, Qt.Key_4)  # LOC in the profile
    confirm(qtbot, dock, "Relabel 5 mentions of “Minsk” (GPE) in 4 articles as LOC?")
    assert minsk(db_path) == [] and statuses(db_path, "LOC") == {"accepted"}
    dock.status_box.setCurrentIndex(dock.status_box.findData("accepted"))
    assert shown_groups(dock) == [("Minsk", "LOC", "5", "4")]
    dock.status_box.setCurrentIndex(dock.status_box.findData("proposed"))

    QTest.keyClick(dock.group_table, *UNDO)
    assert statuses(db_path) == {"proposed"} and minsk(db_path, "LOC") == []
    assert shown_groups(dock)[0] == ("Minsk", "GPE", "5", "4")
    QTest.keyClick(dock.group_table, *REDO)
    assert statuses(db_path, "LOC") == {"accepted"}


def test_link_a_group_with_e_and_undo(qtbot, db_path, window_dock):
    window, dock = window_dock
    QTest.keyClick(dock.group_table, Qt.Key_E)
    qtbot.waitUntil(lambda: dock._entity_dialog is not None and dock._entity_dialog.isVisible())
    dialog = dock._entity_dialog
    assert "5 mentions" in dialog.windowTitle() and "4 articles" in dialog.windowTitle()
    assert dialog.results.currentItem().data(Qt.UserRole) == "minsk"
    QTest.keyClick(dialog.query, Qt.Key_Return)
    qtbot.waitUntil(lambda: dock._entity_dialog is None)
    assert {(s["entity_id"], s["status"]) for s in minsk(db_path)} == {("minsk", "accepted")}
    assert dock.last_decision == triage.Decision(5, 4)

    QTest.keyClick(dock.group_table, *UNDO)
    assert {(s["entity_id"], s["status"]) for s in minsk(db_path)} == {(None, "proposed")}
    assert shown_groups(dock)[0] == ("Minsk", "GPE", "5", "4")
    QTest.keyClick(dock.group_table, *REDO)
    assert {s["entity_id"] for s in minsk(db_path)} == {"minsk"}


@pytest.fixture
def dock(qtbot, db_path):
    from desktop.gui.triage_dock import TriageDock

    ids = build(db_path, extra_groups=230)
    widget = TriageDock(db_path)
    qtbot.addWidget(widget)
    widget.resize(600, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.group_table.setFocus()
    widget.ids = ids
    return widget


def test_cancelling_the_confirmation_writes_nothing(qtbot, db_path, dock):
    QTest.keyClick(dock.group_table, Qt.Key_X)
    qtbot.waitUntil(lambda: dock.message_box is not None and dock.message_box.isVisible())
    assert "Reject 5 mentions" in dock.message_box.text()
    QTest.keyClick(dock.message_box, Qt.Key_Escape)
    qtbot.waitUntil(lambda: dock.message_box is None)
    assert statuses(db_path) == {"proposed"}
    assert history.undoable(dock.db) == []


def test_the_selected_mentions_only(qtbot, db_path, dock):
    dock.mention_table.setFocus()
    qtbot.waitUntil(lambda: dock.mention_table.hasFocus())
    dock.mention_table.selectRow(0)
    QTest.keyClick(dock.mention_table, Qt.Key_Down, Qt.ShiftModifier)  # two mentions selected
    QTest.keyClick(dock.mention_table, Qt.Key_X)
    confirm(qtbot, dock, "Reject 2 mentions of “Minsk” (GPE) in 1 article?")
    assert sorted(s["status"] for s in minsk(db_path)) == ["proposed"] * 3 + ["rejected"] * 2
    assert shown_groups(dock)[0] == ("Minsk", "GPE", "3", "3")
    assert dock.summary.text() == "Minsk · GPE · 3 mentions in 3 articles"


def test_mentions_show_their_context_and_open_in_the_article(qtbot, dock):
    model = dock.mention_model
    assert model.rowCount() == 5
    assert model.data(model.index(0, 1)) == "Lukashenko arrived in [Minsk] on Monday. Minsk was cold."
    assert model.data(model.index(0, 0)) == "Article 0"
    dock.mention_table.setFocus()
    dock.mention_table.selectRow(0)
    with qtbot.waitSignal(dock.evidence_requested) as signal:
        QTest.keyClick(dock.mention_table, Qt.Key_Return)
    assert signal.args == [dock.ids[0], TEXTS[0].index("Minsk"), TEXTS[0].index("Minsk") + 5]


def test_the_queue_pages_as_it_scrolls_and_filters(qtbot, dock):
    assert dock.group_model.total == 234 and dock.group_model.rowCount() == 100  # one page read
    dock.group_table.scrollToBottom()
    qtbot.waitUntil(lambda: dock.group_model.rowCount() > 100)
    dock.search.setText("place1")
    qtbot.waitUntil(lambda: dock.group_model.total == 1 + 10 + 100)  # Place1, Place10-19, Place100-199
    dock.search.setText("")
    dock.label_box.setCurrentIndex(dock.label_box.findData("PERSON"))
    assert [g[0] for g in shown_groups(dock)] == ["Lukashenko", "Putin"]
    dock.label_box.setCurrentIndex(0)
    dock.group_table.horizontalHeader().setSortIndicator(0, Qt.AscendingOrder)
    assert [g[0] for g in shown_groups(dock)][:3] == ["Lukashenko", "Minsk", "Moscow"]
    assert dock.count_label.text() == "234 groups of proposed mentions"


def test_the_status_source_and_entity_boxes_filter_the_queue_and_the_decision(qtbot, db_path):
    from desktop.gui.triage_dock import TriageDock

    ids = build(db_path)
    db = store.open_db(db_path)
    with db.conn:  # the first article's two Minsk from the gazetteer, linked; every Lukashenko linked
        db.execute("update spans set source = 'rule', entity_id = 'minsk' where text = 'Minsk' and doc_id = ?",
                   [ids[0]])
        db.execute("update spans set entity_id = 'lukashenko' where text = 'Lukashenko'")
    db.close()
    dock = TriageDock(db_path)
    qtbot.addWidget(dock)
    dock.resize(600, 700)
    dock.show()
    qtbot.waitExposed(dock)

    dock.source_box.setCurrentIndex(dock.source_box.findData("rule"))
    assert shown_groups(dock) == [("Minsk", "GPE", "2", "1")]
    dock.source_box.setCurrentIndex(0)
    dock.entity_box.setCurrentIndex(dock.entity_box.findData(""))  # not linked
    assert ("Minsk", "GPE", "3", "3") in shown_groups(dock)
    assert "Lukashenko" not in [g[0] for g in shown_groups(dock)]
    dock.entity_box.setCurrentIndex(dock.entity_box.findText("Alexander Lukashenko"))
    assert shown_groups(dock) == [("Lukashenko", "PERSON", "2", "2")]

    # A decision under a filter reaches only the mentions the filter shows.
    dock.entity_box.setCurrentIndex(dock.entity_box.findData("minsk"))
    assert dock.summary.text() == "Minsk · GPE · 2 mentions in 1 article"
    dock.group_table.setFocus()
    qtbot.waitUntil(lambda: dock.group_table.hasFocus())
    QTest.keyClick(dock.group_table, Qt.Key_A)
    confirm(qtbot, dock, "Accept 2 mentions of “Minsk” (GPE) in 1 article?")
    assert sorted(s["status"] for s in minsk(db_path)) == ["accepted"] * 2 + ["proposed"] * 3
    assert shown_groups(dock) == []
    dock.status_box.setCurrentIndex(dock.status_box.findData("accepted"))
    assert shown_groups(dock) == [("Minsk", "GPE", "2", "1")]
    dock.entity_box.setCurrentIndex(0)
    dock.status_box.setCurrentIndex(dock.status_box.findData("proposed"))
    assert ("Minsk", "GPE", "3", "3") in shown_groups(dock)


def test_a_refused_decision_is_a_message(qtbot, dock):
    group = dock.current
    assert dock.decide(group, "relabel") is None
    assert "label" in dock.message.text()


def test_a_large_project_is_recounted_off_the_gui_thread(qtbot, db_path, monkeypatch):
    from desktop.gui.triage_dock import TriageDock

    build(db_path)
    monkeypatch.setattr(triage, "QUICK_REBUILD_SPANS", 0)  # every project counts as large
    dock = TriageDock(db_path)
    qtbot.addWidget(dock)
    assert dock.recount is not None and dock.count_label.text().startswith("Recounting")
    qtbot.waitUntil(lambda: dock.recount is None, timeout=10_000)
    assert shown_groups(dock)[0] == ("Minsk", "GPE", "5", "4")
    assert dock.count_label.text() == "4 groups of proposed mentions"


def test_no_decision_while_recounting(qtbot, db_path, monkeypatch):
    from desktop.gui.triage_dock import TriageDock

    build(db_path)
    db = store.open_db(db_path)
    triage.rebuild(db)
    db.close()
    dock = TriageDock(db_path)
    qtbot.addWidget(dock)
    dock.recount = object()  # as if a recount were running
    dock._on_operation("accept")
    assert "Wait for the recount" in dock.message.text() and dock.message_box is None
    assert statuses(db_path) == {"proposed"}
