"""The facts docks: confirm, reject, edit and add facts through the dock; undo; events and evidence."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from desktop import history, store  # noqa: E402
from desktop.facts import propose_facts  # noqa: E402
from desktop.gui.facts_panel import COLUMNS, EventsDock, FactsDock  # noqa: E402

TEXT = ("Putin and Lukashenko met in Sochi on 7 December. "
        "Trade turnover between the two countries reached $35.5 billion in 2018.")


@pytest.fixture
def project(db_path):
    db = store.open_db(db_path)
    store.upsert_entity(db, {"id": "putin", "name": "Vladimir Putin", "label": "PERSON", "aliases": ["Putin"]})
    store.upsert_entity(db, {"id": "lukashenko", "name": "Alexander Lukashenko", "label": "PERSON",
                             "aliases": ["Lukashenko"]})
    doc_id = store.insert_document(db, path="a.txt", hash="h", text=TEXT, published="2019-12-20")
    other = store.insert_document(db, path="b.txt", hash="h2", published="2019-12-08",
                                  text="Vladimir Putin and Alexander Lukashenko held talks in Sochi on 8 December.")
    propose_facts(db, [doc_id, other])
    yield db, doc_id
    db.close()


@pytest.fixture
def dock(qtbot, project, db_path):
    widget = FactsDock(db_path)
    qtbot.addWidget(widget)
    widget.set_document(project[1])
    return widget


def _fact(db, doc_id, kind):
    return next(f for f in store.facts_for_document(db, doc_id) if f["kind"] == kind)


def test_lists_the_facts_of_the_article(dock, project):
    db, doc_id = project
    assert dock.table.rowCount() == 2
    assert [dock.table.item(r, 0).text() for r in range(2)] == ["meeting", "trade"]
    assert dock.table.item(0, 2).text() == "2019-12-07"
    assert "Vladimir Putin" in dock.table.item(0, 5).text()
    dock.set_document(None)
    assert dock.table.rowCount() == 0


def test_confirm_and_reject_with_undo(qtbot, dock, project):
    db, doc_id = project
    meeting, trade = _fact(db, doc_id, "meeting"), _fact(db, doc_id, "trade")
    dock.select_fact(meeting["id"])
    with qtbot.waitSignal(dock.changed):
        dock.confirm_button.click()
    assert store.get_row(db, "facts", meeting["id"])["status"] == "confirmed"
    assert dock.table.item(0, 1).text() == "confirmed"
    dock.select_fact(trade["id"])
    with qtbot.waitSignal(dock.changed):
        dock.reject_button.click()
    assert store.get_row(db, "facts", trade["id"])["status"] == "rejected"
    history.undo(db)
    dock.refresh()
    assert store.get_row(db, "facts", trade["id"])["status"] == "proposed"
    assert dock.table.item(1, 1).text() == "proposed"


def test_edit_a_slot_inline(qtbot, dock, project):
    db, doc_id = project
    meeting = _fact(db, doc_id, "meeting")
    with qtbot.waitSignal(dock.changed):
        dock.edit_slot(meeting["id"], "place", "Krasnaya Polyana")
    row = store.get_row(db, "facts", meeting["id"])
    assert (row["place"], row["status"]) == ("Krasnaya Polyana", "confirmed")
    dock.edit_slot(meeting["id"], "date_start", "not a date")
    assert "ISO date" in dock.message.text()
    assert store.get_row(db, "facts", meeting["id"])["date_start"] == "2019-12-07"
    assert dock.table.item(0, 2).text() == "2019-12-07"
    trade = _fact(db, doc_id, "trade")
    dock.edit_slot(trade["id"], "value", "35,600,000,000")
    assert store.get_row(db, "facts", trade["id"])["value"] == 35.6e9
    history.undo(db)
    history.undo(db)
    assert store.get_row(db, "facts", meeting["id"])["place"] == "Sochi"


def test_a_trade_change_is_shown_signed_and_edited_in_its_column(qtbot, dock, project):
    """Issue 10: the change stated with a figure is its own slot, signed; meetings have no such cell to edit."""
    db, doc_id = project
    column = COLUMNS.index("Change %")
    trade = _fact(db, doc_id, "trade")
    row = [f["id"] for f in dock.facts].index(trade["id"])
    assert dock.table.item(row, column).text() == ""
    with qtbot.waitSignal(dock.changed):
        dock.edit_slot(trade["id"], "change_pct", "-2.3%")
    assert store.get_row(db, "facts", trade["id"])["change_pct"] == -2.3
    assert dock.table.item(row, column).text() == "-2.3%"
    dock.edit_slot(trade["id"], "currency", "%")
    assert "not a currency" in dock.message.text()
    meeting_row = [f["kind"] for f in dock.facts].index("meeting")
    assert not dock.table.item(meeting_row, column).flags() & Qt.ItemIsEditable


def test_add_from_selection_and_evidence(qtbot, dock, project):
    db, doc_id = project
    start, end = 0, TEXT.index(".") + 1
    dock.kind_box.setCurrentText("call")
    with qtbot.waitSignal(dock.changed):
        fact_id = dock.add_from_selection(start, end)
    fact = store.get_row(db, "facts", fact_id)
    assert (fact["kind"], fact["source"], fact["evidence"]) == ("call", "analyst", TEXT[start:end])
    assert dock.current_fact_id() == fact_id
    with qtbot.waitSignal(dock.evidence_requested) as blocker:
        dock.evidence_button.click()
    assert blocker.args == [doc_id, start, end]
    history.undo(db)
    assert store.get_row(db, "facts", fact_id) is None
    assert dock.add_from_selection(5, 5) is None and "offsets" in dock.message.text()


def test_events_dock_lists_merged_events_and_jumps_to_sources(qtbot, project, db_path):
    db, doc_id = project
    events = EventsDock(db_path)
    qtbot.addWidget(events)
    events.refresh()
    meetings = [events.tree.topLevelItem(i) for i in range(events.tree.topLevelItemCount())
                if events.tree.topLevelItem(i).text(0).startswith("meeting")]
    [meeting] = meetings
    assert meeting.text(3) == "2" and "date conflict" in meeting.text(4)
    child = next(meeting.child(i) for i in range(meeting.childCount()) if meeting.child(i).text(0) == "a.txt")
    fact = _fact(db, doc_id, "meeting")
    with qtbot.waitSignal(events.evidence_requested) as blocker:
        events.tree.itemDoubleClicked.emit(child, 0)
    assert blocker.args == [doc_id, fact["start"], fact["end"]]
    events.set_document(doc_id)
    assert meeting.font(0).bold()


def _tree(dock):
    return [[dock.tree.topLevelItem(i).text(c) for c in range(5)]
            + [[top.child(j).text(c) for c in range(5)] for top in [dock.tree.topLevelItem(i)]
               for j in range(top.childCount())]
            for i in range(dock.tree.topLevelItemCount())]


def test_events_dock_only_reads_and_redraws_what_changed(qtbot, project, db_path):
    """Issue 11: refreshing the Events dock writes nothing; the writers keep the events up to date."""
    from desktop.facts import confirm_fact, reject_fact

    db, doc_id = project
    events = EventsDock(db_path)
    qtbot.addWidget(events)
    events.refresh()
    written = events.db.conn.total_changes
    meeting = _fact(db, doc_id, "meeting")
    confirm_fact(db, meeting["id"])  # another connection: the window's
    events.refresh()
    [top] = [events.tree.topLevelItem(i) for i in range(events.tree.topLevelItemCount())
             if events.tree.topLevelItem(i).text(0).startswith("meeting")]
    assert {top.child(j).text(0): top.child(j).text(3) for j in range(top.childCount())}["a.txt"] == "confirmed"
    reject_fact(db, next(f for f in store.list_facts(db, kind="meeting") if f["file"] == "b.txt")["id"])
    events.refresh()
    fresh = EventsDock(db_path)
    qtbot.addWidget(fresh)
    fresh.refresh()
    assert _tree(events) == _tree(fresh)
    [top] = [events.tree.topLevelItem(i) for i in range(events.tree.topLevelItemCount())
             if events.tree.topLevelItem(i).text(0).startswith("meeting")]
    assert top.text(3) == "1" and top.text(4) == ""  # one source left, no conflict
    history.undo(db)
    events.refresh()
    assert _tree(events) != _tree(fresh)
    fresh._seq = None
    fresh.refresh()
    assert _tree(events) == _tree(fresh)
    assert events.db.conn.total_changes == written


def test_a_dock_closed_and_shown_again_still_reads(qtbot, project, db_path):
    """Closing a dock hides it (View brings it back): its connection stays open."""
    db, doc_id = project
    for widget in (FactsDock(db_path), EventsDock(db_path)):
        qtbot.addWidget(widget)
        widget.show()
        widget.close()
        widget.show()
        widget.set_document(doc_id)
        widget.refresh()  # "Cannot operate on a closed database" before
    assert widget.tree.topLevelItemCount() >= 1


def _bold_and_expected(dock, doc_id):
    """Per event shown: (bold?, has a source in ``doc_id``?), read from the tree itself."""
    result = []
    for i in range(dock.tree.topLevelItemCount()):
        top = dock.tree.topLevelItem(i)
        mine = any((top.child(j).data(0, Qt.UserRole) or (None,))[0] == doc_id for j in range(top.childCount()))
        result.append((top.font(0).bold(), bool(mine and doc_id is not None)))
    return result


def test_events_of_the_current_article_stay_bold_across_switches_and_changes(qtbot, project, db_path):
    """The bold events follow the article (only the events of the two articles are restyled, not every source)."""
    from desktop.facts import reject_fact

    db, doc_id = project
    other = next(d["id"] for d in db.query("select id from documents where path = 'b.txt'"))
    third = store.insert_document(db, path="c.txt", hash="h3", published="2020-03-01",
                                  text="Trade turnover between the two countries reached $30 billion in 2019.")
    propose_facts(db, [third])
    events = EventsDock(db_path)
    qtbot.addWidget(events)
    events.show()  # read when first shown
    qtbot.waitUntil(lambda: events.tree.topLevelItemCount() >= 2)

    def check(current):
        events.set_document(current)
        state = _bold_and_expected(events, current)
        assert [bold for bold, _ in state] == [mine for _, mine in state], (current, state)
        return sum(bold for bold, _ in state)

    assert check(doc_id) >= 2  # its meeting and its trade figure
    assert check(third) >= 1 and check(None) == 0 and check(other) >= 1
    reject_fact(db, _fact(db, other, "meeting")["id"])  # the meeting loses b.txt as a source
    events.refresh()
    assert check(other) == 0 and check(doc_id) >= 2
    history.undo(db)
    events.refresh()  # the meeting's item is built again, with b.txt
    state = _bold_and_expected(events, doc_id)
    assert [bold for bold, _ in state] == [mine for _, mine in state]
    assert check(other) >= 1


def test_events_dock_behind_a_tab_reads_nothing_until_shown(qtbot, project, db_path):
    """At 100,000 articles the Events dock's sources were half a second of the window's start, behind the Spans tab."""
    from tests.gui_support import open_window

    db, doc_id = project
    window = open_window(qtbot, db_path)
    window.wait_for_docks()
    events = next(d for d in window.docks if d.objectName() == "EventsDock")
    qtbot.wait(50)
    assert not window.span_dock.visibleRegion().isEmpty() and events.visibleRegion().isEmpty()
    assert events.tree.topLevelItemCount() == 0
    events.raise_()
    qtbot.waitUntil(lambda: events.tree.topLevelItemCount() >= 2)
    window.open_document(doc_id)
    qtbot.waitUntil(lambda: any(events.tree.topLevelItem(i).font(0).bold()
                                for i in range(events.tree.topLevelItemCount())))


def test_a_fact_confirmed_in_the_window_redraws_the_plots_and_does_not_re_read_the_article_list(
        qtbot, project, db_path, monkeypatch):
    """At 100,000 articles the list's order (55 ms) was read again after every fact confirmed: facts change no row."""
    from tests.gui_support import open_window

    db, doc_id = project
    window = open_window(qtbot, db_path)
    window.wait_for_docks()
    window.open_document(doc_id)
    facts_dock = next(d for d in window.docks if d.objectName() == "FactsDock")
    plots = next(d for d in window.docks if d.objectName() == "PlotDock")
    facts_dock.raise_()
    plots.raise_()
    qtbot.waitUntil(lambda: not plots.visibleRegion().isEmpty())
    trade = _fact(db, doc_id, "trade")
    assert [p.fact_id for p in plots.trade.points() if p.verified] == []
    orders = []
    real = store.document_order
    monkeypatch.setattr(store, "document_order", lambda *a, **k: orders.append(a) or real(*a, **k))
    facts_dock.select_fact(trade["id"])
    facts_dock._on_confirm()
    assert store.get_row(db, "facts", trade["id"])["status"] == "confirmed"
    assert [p.fact_id for p in plots.trade.points() if p.verified] == [trade["id"]]  # the plot followed
    assert orders == []  # the list was not read again
    window.session.corpus_changed()  # any other change (another window, a triage decision) is followed
    assert len(orders) == 1
