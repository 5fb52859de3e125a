"""A publication-date correction moves the proposed facts' dates with it, in one undoable action."""

from __future__ import annotations

import pytest

from desktop import facts, history, review, store

TEXT = "Vladimir Putin met Alexander Lukashenko in Minsk on Monday. Trade reached $35.5 billion in 2021."
# 2021-12-20 is a Monday; from Wednesday 2021-12-29, "on Monday" is 2021-12-27.
FIRST, CORRECTED = "2021-12-20", "2021-12-29"
FIRST_MONDAY, CORRECTED_MONDAY = "2021-12-20", "2021-12-27"


def build(db) -> int:
    """One article with a meeting "on Monday", its DATE span, and the rule facts ingest proposes."""
    for entity in (
        {"id": "putin", "name": "Vladimir Putin", "label": "PERSON", "aliases": ["Putin"]},
        {"id": "lukashenko", "name": "Alexander Lukashenko", "label": "PERSON", "aliases": ["Lukashenko"]},
        {"id": "minsk", "name": "Minsk", "label": "GPE", "aliases": []},
    ):
        store.upsert_entity(db, entity)
    doc_id = store.insert_document(db, path="a.txt", hash="ha", text=TEXT, published=FIRST,
                                   published_basis="metadata.csv", published_source="metadata")
    start = TEXT.index("Monday")
    store.insert_spans(db, [{"doc_id": doc_id, "start": start, "end": start + 6, "label": "DATE", "text": "Monday",
                             "value": FIRST_MONDAY, "source": "model", "status": "proposed",
                             "created_at": store.now()}])
    facts.propose_facts(db, [doc_id])
    return doc_id


def meetings(db, doc_id) -> list[dict]:
    return [f for f in store.facts_for_document(db, doc_id) if f["kind"] == "meeting"]


def monday_value(db, doc_id) -> str:
    return next(s for s in store.spans_for_document(db, doc_id) if s["text"] == "Monday")["value"]


def event_dates(db) -> list[tuple[str, str]]:
    return [(e["date_start"], e["date_end"]) for e in store.list_event_rows(db, kind="meeting")]


def test_the_meeting_date_follows_the_publication_date_and_undo_restores_it(db):
    doc_id = build(db)
    (before,) = meetings(db, doc_id)
    assert (before["date_start"], before["status"], before["source"]) == (FIRST_MONDAY, "proposed", "rule")
    assert event_dates(db) == [(FIRST_MONDAY, FIRST_MONDAY)]
    trade_before = [f for f in store.facts_for_document(db, doc_id) if f["kind"] == "trade"]

    review.set_published(db, doc_id, CORRECTED)
    (after,) = meetings(db, doc_id)
    assert (after["date_start"], after["date_end"]) == (CORRECTED_MONDAY, CORRECTED_MONDAY)
    assert monday_value(db, doc_id) == CORRECTED_MONDAY
    assert after["event_id"] is not None and event_dates(db) == [(CORRECTED_MONDAY, CORRECTED_MONDAY)]
    # A fact the date does not touch keeps its row.
    assert [f for f in store.facts_for_document(db, doc_id) if f["kind"] == "trade"] == trade_before
    assert [a["op"] for a in history.undoable(db)] == ["set date"]

    history.undo(db)
    assert meetings(db, doc_id) == [before]  # the very row, id, date and event link
    assert monday_value(db, doc_id) == FIRST_MONDAY
    assert store.get_document(db, doc_id)["published"] == FIRST

    history.redo(db)
    assert [m["date_start"] for m in meetings(db, doc_id)] == [CORRECTED_MONDAY]


def test_the_analysts_facts_stay_as_they_were(db):
    doc_id = build(db)
    (meeting,) = meetings(db, doc_id)
    confirmed = facts.confirm_fact(db, meeting["id"])
    start = TEXT.index("Trade")
    added = facts.add_fact(db, doc_id, "call", 0, start - 1, date_start="2021-12-18", date_end="2021-12-18")
    added_row = store.get_row(db, "facts", added)

    review.set_published(db, doc_id, CORRECTED)
    rows = {f["id"]: f for f in store.facts_for_document(db, doc_id)}
    assert rows[meeting["id"]]["date_start"] == FIRST_MONDAY and rows[meeting["id"]]["status"] == "confirmed"
    assert rows[added]["date_start"] == added_row["date_start"] and rows[added]["source"] == "analyst"
    # The new date proposes the meeting on the new Monday, next to the analyst's decision.
    proposed = [f for f in rows.values() if f["kind"] == "meeting" and f["status"] == "proposed"]
    assert [f["date_start"] for f in proposed] == [CORRECTED_MONDAY]
    assert confirmed["status"] == "confirmed"


def test_a_proposal_equal_to_a_rejected_fact_is_not_made_again(db):
    doc_id = build(db)
    review.set_published(db, doc_id, CORRECTED)
    (meeting,) = meetings(db, doc_id)
    facts.reject_fact(db, meeting["id"])
    review.set_published(db, doc_id, CORRECTED)  # the same date again: nothing new to propose
    assert [(f["id"], f["status"]) for f in meetings(db, doc_id)] == [(meeting["id"], "rejected")]


def test_a_broken_profile_refuses_the_change_and_leaves_the_date(db):
    doc_id = build(db)
    store.set_meta(db, "profile", "no-such-profile")
    with pytest.raises(review.ReviewError, match="no-such-profile"):
        review.set_published(db, doc_id, CORRECTED)
    assert store.get_document(db, doc_id)["published"] == FIRST
    assert history.undoable(db) == []


# ---------------------------------------------------------------- the window


@pytest.fixture
def window(qtbot, db_path, monkeypatch):
    pytest.importorskip("pytestqt")
    from PySide6.QtCore import Qt

    from desktop.gui import dock_host
    from tests.gui_support import open_window

    # Only the facts dock: the plots (pyqtgraph) have nothing to do with this.
    monkeypatch.setattr(dock_host, "DOCK_CLASSES", (("desktop.gui.facts_panel:FactsDock", Qt.RightDockWidgetArea),))
    db = store.open_db(db_path)
    doc_id = build(db)
    db.close()
    window = open_window(qtbot, db_path)
    window.wait_for_docks()
    assert window.session.doc["id"] == doc_id
    (dock,) = window.docks
    dock.raise_()  # in front of the spans tab, so the window refreshes it at once
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty())
    return window, dock, doc_id


def dock_meeting_dates(dock) -> list[str]:
    """The From column of the facts dock's meeting rows, as the analyst sees it."""
    from desktop.gui.facts_panel import COLUMNS

    kind, start = COLUMNS.index("Kind"), COLUMNS.index("From")
    return [dock.table.item(row, start).text() for row in range(dock.table.rowCount())
            if dock.table.item(row, kind).text() == "meeting"]


def test_the_window_date_field_moves_the_fact_and_ctrl_z_brings_it_back(qtbot, window, db_path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window, dock, doc_id = window
    assert dock_meeting_dates(dock) == [FIRST_MONDAY]
    window.published_bar.edit.setText(CORRECTED)
    window.published_bar.button.click()
    db = store.open_db(db_path)
    try:
        assert [m["date_start"] for m in meetings(db, doc_id)] == [CORRECTED_MONDAY]
        assert dock_meeting_dates(dock) == [CORRECTED_MONDAY]
        assert window.undo_stack.count() == 1

        QTest.keyClick(window.view, Qt.Key_Z, Qt.ControlModifier)
        assert [m["date_start"] for m in meetings(db, doc_id)] == [FIRST_MONDAY]
        assert store.get_document(db, doc_id)["published"] == FIRST
        assert window.published_bar.edit.text() == FIRST
        assert dock_meeting_dates(dock) == [FIRST_MONDAY]
    finally:
        db.close()
