"""Issue 11: merged events are derived data, out of the facts and out of the undo history.

Undo and redo check only the rows the analyst's operations wrote, so an ingest
that re-merges an event, or another window reading the events, never makes an
older decision impossible to undo. The events are updated for the facts a change
reaches, and the result is the one a full rebuild gives.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop import aggregate, events, history, review, schema, store
from desktop.events import DATE_CONFLICT
from desktop.facts import confirm_fact, edit_fact, reject_fact
from desktop.ingest import ingest

M001_PROJECT = Path(__file__).parent / "data" / "m001_project.sqlite"

SOCHI = "Vladimir Putin and Alexander Lukashenko met in Sochi on 7 December 2019 for talks on integration.\n"
REUTERS = "Putin and Lukashenko met in Sochi on December 6, 2019, Reuters reported.\n"


def run_ingest(folder, db_path):
    *_, last = ingest(folder, db_path, model="blank:en")
    return last.summary


def sochi_meeting(db, path):
    return next(f for f in store.list_facts(db, kind="meeting") if f["file"] == path)


@pytest.fixture
def confirmed_then_ingested(tmp_path, db_path):
    """Issue 11, acceptance 1: a confirmed meeting, then an ingest adds a report of it with another day."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "belta.txt").write_text(SOCHI, encoding="utf-8")
    run_ingest(folder, db_path)
    db = store.open_db(db_path)
    fact = sochi_meeting(db, "belta.txt")
    confirm_fact(db, fact["id"])
    (folder / "reuters.txt").write_text(REUTERS, encoding="utf-8")
    assert run_ingest(folder, db_path)["added"] == 1
    yield db, fact["id"]
    db.close()


def test_confirm_undoes_and_redoes_after_an_ingest_merged_its_event(confirmed_then_ingested):
    db, fact_id = confirmed_then_ingested
    [event] = events.list_events(db, kind="meeting")
    assert sorted(s["file"] for s in event["sources"]) == ["belta.txt", "reuters.txt"]
    assert DATE_CONFLICT in sochi_meeting(db, "belta.txt")["flags"]  # the ingest's merge flagged the fact
    assert history.undo(db)["op"] == "confirm fact"
    assert store.get_row(db, "facts", fact_id)["status"] == "proposed"
    assert history.redo(db)["op"] == "confirm fact"
    assert store.get_row(db, "facts", fact_id)["status"] == "confirmed"
    assert DATE_CONFLICT in sochi_meeting(db, "belta.txt")["flags"]


def test_confirm_undoes_after_another_window_read_the_events(confirmed_then_ingested, db_path):
    db, fact_id = confirmed_then_ingested
    other = store.open_db(db_path)  # another window: its Events dock and plots read
    before = other.conn.total_changes
    assert events.list_events(other)
    events.events_changed_since(other, 0)
    aggregate.FactFeed(other).sync([aggregate.MeetingCounts.from_db(other)])
    assert other.conn.total_changes == before  # reading wrote nothing
    other.close()
    history.undo(db)
    history.redo(db)
    assert store.get_row(db, "facts", fact_id)["status"] == "confirmed"


def test_the_history_records_no_event_data(confirmed_then_ingested):
    db, _fact_id = confirmed_then_ingested
    reject_fact(db, sochi_meeting(db, "reuters.txt")["id"])  # the event loses a source and its conflict
    assert DATE_CONFLICT not in sochi_meeting(db, "belta.txt")["flags"]
    tables = {r[0] for r in db.execute("select distinct tbl from changes")}
    assert tables <= set(history.UNDOABLE_TABLES) and "facts" in tables
    for row in db.query("select before, after from changes where tbl = 'facts'"):
        assert "event_id" not in (row["before"] or "") and "flags" not in (row["after"] or "")
    history.undo(db)  # the conflict comes back with the source
    assert DATE_CONFLICT in sochi_meeting(db, "belta.txt")["flags"]


# ---------------------------------------------------------------- a project made by main at 4a51cec (m001)


def rows(path, table, order="id"):
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in connection.execute(f"select * from {table} order by {order}")]
    finally:
        connection.close()


def recorded(change):
    """A history entry with its rows as the m001 schema recorded them (m002 adds change_pct to fact rows)."""
    sides = {}
    for side in ("before", "after"):
        row = json.loads(change[side]) if change[side] else None
        if row is not None and change["tbl"] == "facts" and row.get("change_pct", 0) is None:
            del row["change_pct"]
        sides[side] = row
    return dict(change, **sides)


def test_a_project_made_by_the_m001_schema_keeps_every_decision(tmp_path):
    """Issue 11, acceptance 5 (tests/data/make_m001_project.py made the file)."""
    path = tmp_path / "old.sqlite"
    shutil.copy(M001_PROJECT, path)
    old = {table: rows(path, table) for table in ("documents", "spans", "facts", "actions", "changes")}
    db = store.open_db(path)
    assert {m.name for m in schema.migrations.applied(db)} >= {"m001_initial", "m003_derived_events"}
    for table in ("documents", "spans", "actions"):
        assert [dict(r) for r in db.query(f"select * from {table} order by id")] == old[table], table
    # Facts lose the derived columns; m002 gives them change_pct (no trade here is a bare percentage).
    facts = [dict(r) for r in db.query("select * from facts order by id")]
    assert {f.pop("change_pct") for f in facts} == {None}
    assert facts == [{k: v for k, v in f.items() if k not in ("event_id", "flags")} for f in old["facts"]]
    changes = [dict(r) for r in db.query("select * from changes order by id")]
    assert [recorded(c) for c in changes] == [recorded(c) for c in old["changes"]]
    assert {f["status"] for f in facts} == {"proposed", "confirmed", "rejected"}
    assert any(f["source"] == "analyst" for f in facts) and any(f["place"] == "Minsk" for f in facts)

    # The events are recomputed from the facts, once, by the first writer (here the update itself).
    assert store.has_dirty_facts(db)
    events.update_events(db)
    [sochi] = [e for e in events.list_events(db, kind="meeting") if e["place"] == "Sochi"]
    assert sochi["n_sources"] == 2 and DATE_CONFLICT in sochi["flags"]

    # The old log replays: the undone confirm redoes, then every action undoes, the confirm too
    # (in that code it could not: the ingest's event merge had rewritten its row), and redoes.
    assert history.redo(db)["summary"] == "confirm trade #9"
    undone = []
    while (action := history.undo(db)) is not None:
        undone.append(action["op"])
    assert undone == ["confirm fact", "status", "set date", "accepted", "add fact", "edit fact", "reject fact",
                      "confirm fact"]
    assert {r["status"] for r in db.query("select status from facts")} == {"proposed"}
    while history.redo(db) is not None:
        pass
    assert [{k: v for k, v in r.items() if k != "change_pct"} for r in db.query("select * from facts order by id")] == [
        dict(f, status="confirmed") if f["id"] == 9 else f for f in facts]
    assert store.integrity_ok(db)
    db.close()


# ---------------------------------------------------------------- incremental == full rebuild


PARTICIPANTS = (["lukashenko", "putin"], ["putin", "tokayev"], ["lukashenko", "putin", "tokayev"])
PLACES = (None, "Sochi", "Minsk", "St. Petersburg", "Saint Petersburg")


def random_fact(rng, docs):
    if rng.random() < 0.25:
        year = rng.choice((2019, 2020))
        quarter = rng.randrange(4)
        start = dt.date(year, quarter * 3 + 1, 1)
        end = dt.date(year, 12, 31) if rng.random() < 0.3 else dt.date(year, quarter * 3 + 3, 28)
        return {"kind": "trade", "doc_id": rng.choice(docs), "status": rng.choice(("proposed", "confirmed")),
                "source": "rule", "period_start": start.isoformat(), "period_end": end.isoformat(),
                "value": rng.choice((3.0e10, 3.01e10, 3.5e10)), "currency": rng.choice(("USD", "USD", "RUB")),
                "participants": []}
    day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(60))
    width = rng.choice((0, 0, 0, 0, 1, 2, 9, 30))
    return {"kind": rng.choice(("meeting", "meeting", "call")), "doc_id": rng.choice(docs),
            "status": rng.choice(("proposed", "confirmed", "rejected")), "source": "rule",
            "date_start": day.isoformat(), "date_end": (day + dt.timedelta(days=width)).isoformat(),
            "participants": rng.choice(PARTICIPANTS), "place": rng.choice(PLACES),
            "held": rng.choice(("held", "planned"))}


def change(rng, db, docs):
    """One write, as ingest, the analyst or an undo would make it."""
    ids = [r[0] for r in db.execute("select id from facts")]
    op = rng.randrange(7)
    if op == 0 or not ids:
        db["facts"].insert(store.encode("facts", random_fact(rng, docs)))
    elif op == 1:
        db["facts"].delete(rng.choice(ids))
    elif op == 2:
        fact = store.get_row(db, "facts", rng.choice(ids))
        fresh = random_fact(rng, docs)
        if fresh["kind"] == fact["kind"] or rng.random() < 0.3:
            db["facts"].update(fact["id"], store.encode("facts", fresh))
    elif op == 3:
        db["facts"].update(rng.choice(ids), {"status": rng.choice(store.FACT_STATUSES)})
    elif op == 4:
        db["facts"].update(rng.choice(ids), {"place": rng.choice(PLACES), "doc_id": rng.choice(docs)})
    elif op == 5:
        fact = store.get_row(db, "facts", rng.choice(ids))
        if fact["kind"] != "trade":
            start = dt.date.fromisoformat(fact["date_start"]) + dt.timedelta(days=rng.choice((-2, -1, 1, 2)))
            db["facts"].update(fact["id"], {"date_start": start.isoformat(),
                                            "date_end": max(start.isoformat(), fact["date_end"])})
    else:
        db["facts"].update(rng.choice(ids), {"evidence": "reworded"})  # nothing the merge reads


def derived_tables(db):
    return ([dict(r) for r in db.query("select * from events order by id")],
            [dict(r) for r in db.query("select * from event_members order by fact_id")])


@pytest.mark.parametrize("seed", [pytest.param(seed, id=f"seed{seed}") for seed in range(8)])
def test_incremental_updates_give_what_a_full_rebuild_gives(db, seed):
    rng = random.Random(seed)
    docs = [store.insert_document(db, path=f"{i}.txt", hash=str(i), text="x") for i in range(12)]
    for _ in range(120):
        db["facts"].insert(store.encode("facts", random_fact(rng, docs)))
    events.update_events(db)
    for step in range(150):
        for _ in range(rng.choice((1, 1, 1, 3))):
            change(rng, db, docs)
        events.update_events(db)
        if step % 10 == 9:
            incremental = derived_tables(db)
            events.rebuild_events(db)
            assert derived_tables(db) == incremental, f"step {step}"


def test_a_change_reads_only_the_events_it_can_reach(db, monkeypatch):
    docs = [store.insert_document(db, path=f"{i}.txt", hash=str(i), text="x") for i in range(3)]
    for week in range(200):  # 200 meetings a week apart, each reported by three articles
        day = (dt.date(2015, 1, 5) + dt.timedelta(weeks=week)).isoformat()
        for doc in docs:
            db["facts"].insert(store.encode("facts", {
                "kind": "meeting", "doc_id": doc, "status": "proposed", "source": "rule", "date_start": day,
                "date_end": day, "participants": ["lukashenko", "putin"]}))
    assert events.update_events(db) == 600
    assert db["events"].count == 200
    loaded = []
    original = store.merge_facts

    def counting(*args, **kwargs):
        found = original(*args, **kwargs)
        loaded.extend(found)
        return found

    monkeypatch.setattr(store, "merge_facts", counting)
    fact = store.list_facts(db, kind="meeting")[50]
    confirm_fact(db, fact["id"])
    assert loaded == []  # a confirm changes nothing the merge reads: nothing is recomputed
    day = (dt.date.fromisoformat(fact["date_start"]) + dt.timedelta(days=1)).isoformat()
    edit_fact(db, fact["id"], date_start=day, date_end=day)
    assert 0 < len(loaded) <= 6  # the edited fact and its event's two other reports
    assert db["events"].count == 200
    assert DATE_CONFLICT in store.get_row(db, "events", fact["event_id"])["flags"]


def test_the_change_feed_names_what_readers_must_redraw(db):
    doc = store.insert_document(db, path="a.txt", hash="a", text="x")
    other = store.insert_document(db, path="b.txt", hash="b", text="y")
    first = db["facts"].insert(store.encode("facts", {
        "kind": "meeting", "doc_id": doc, "status": "proposed", "source": "rule", "date_start": "2020-02-02",
        "date_end": "2020-02-02", "participants": ["lukashenko", "putin"]})).last_pk
    events.update_events(db)
    seq = store.latest_change(db)
    assert events.events_changed_since(db, seq) == (seq, set())
    confirm_fact(db, first)  # the event stays; its source's status changed
    seq, ids = events.events_changed_since(db, seq)
    assert ids == {first}
    with history.action(db, "add fact", doc_id=other) as act:
        second = act.insert("facts", {"kind": "meeting", "doc_id": other, "status": "confirmed", "source": "analyst",
                                      "date_start": "2020-02-03", "date_end": "2020-02-03",
                                      "participants": ["lukashenko", "putin"]})
    seq, ids = events.events_changed_since(db, seq)
    assert ids == {first} and store.event_memberships(db, [second])[second][0] == first
    history.undo(db)
    assert events.events_changed_since(db, seq)[1] == {first}
    store.prune_change_feed(db, keep=0)
    assert events.events_changed_since(db, seq)[1] is None  # too far back: read everything again


def test_decisions_during_an_ingest_leave_its_facts_to_its_merge(db):
    doc = store.insert_document(db, path="a.txt", hash="a", text="Putin met Lukashenko.")
    store.insert_spans(db, [{"doc_id": doc, "start": 0, "end": 5, "label": "PERSON", "text": "Putin",
                             "source": "model", "status": "proposed"}])
    # Analyst facts: the span decision below re-proposes the article's rule proposals, and keeps these.
    fact = {"kind": "meeting", "doc_id": doc, "status": "proposed", "source": "analyst", "date_start": "2020-02-02",
            "date_end": "2020-02-02", "participants": ["lukashenko", "putin"]}
    first = db["facts"].insert(store.encode("facts", fact)).last_pk
    events.update_events(db)
    db["facts"].insert(store.encode("facts", fact))  # an ingest batch, committed, not merged yet
    review.accept(db, db.execute("select id from spans").fetchone()[0])
    confirm_fact(db, first)
    assert store.has_dirty_facts(db) and db["event_members"].count == 1  # neither paid for the batch
    reject_fact(db, first)  # this one changes the merge: the queue goes with it
    assert not store.has_dirty_facts(db) and db["event_members"].count == 1


def test_triggers_dropped_by_a_table_rebuild_come_back_and_requeue_every_fact(db):
    doc = store.insert_document(db, path="a.txt", hash="a", text="x")
    db["facts"].insert({"kind": "meeting", "doc_id": doc, "status": "proposed", "source": "rule"})
    events.update_events(db)
    db["facts"].transform(types={"value": float})  # what a later migration might do
    assert db["facts"].triggers == []
    assert schema.ensure_fact_triggers(db) is True
    assert {t.name for t in db["facts"].triggers} == {"facts_feed_insert", "facts_feed_delete", "facts_feed_update",
                                                        "facts_events_update"}
    assert store.dirty_fact_ids(db) == [r[0] for r in db.execute("select id from facts")]
    assert schema.ensure_fact_triggers(db) is False
