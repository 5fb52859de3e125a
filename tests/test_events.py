"""Several articles reporting one meeting merge into one event; disagreeing sources are flagged."""

from __future__ import annotations

from desktop import history, store
from desktop.events import DATE_CONFLICT, PLACE_CONFLICT, VALUES_DIFFER, list_events, rebuild_events
from desktop.facts import propose_facts, reject_fact

ARTICLES = {
    "belta.txt": ("2019-12-08", "Aleksandr Lukashenko and Vladimir Putin met in Sochi on 7 December. "
                                "In 2018, trade between Belarus and Russia reached $35.5 billion."),
    "tass.txt": ("2019-12-08", "SOCHI, December 7. /TASS/. Vladimir Putin held talks with his Belarusian "
                               "counterpart Alexander Lukashenko in Sochi on Saturday. "
                               "Mutual trade amounted to $33.6 billion in 2018, Russian statistics show."),
    "reuters.txt": ("2019-12-09", "Putin and Lukashenko met in Sochi on December 6 for five hours of talks."),
    "belsat.txt": ("2019-12-10", "Lukashenka and Putin met in Minsk in early December, the opposition says."),
}


def _load(db, articles):
    store.upsert_entity(db, {"id": "putin", "name": "Vladimir Putin", "label": "PERSON", "aliases": ["Putin"]})
    store.upsert_entity(db, {"id": "lukashenko", "name": "Alexander Lukashenko", "label": "PERSON",
                             "aliases": ["Lukashenko", "Lukashenka", "Aleksandr Lukashenko"]})
    ids = [store.insert_document(db, path=path, hash=path, text=text, published=published)
           for path, (published, text) in articles.items()]
    propose_facts(db, ids)
    return ids


def test_one_meeting_from_several_articles_is_one_event(db):
    _load(db, {k: ARTICLES[k] for k in ("belta.txt", "tass.txt")})
    [event] = list_events(db, kind="meeting")
    assert event["n_sources"] == 2
    assert (event["date_start"], event["place"], event["flags"]) == ("2019-12-07", "Sochi", [])
    assert sorted(s["file"] for s in event["sources"]) == ["belta.txt", "tass.txt"]


def test_sources_disagreeing_on_the_date_or_place_are_flagged(db):
    _load(db, ARTICLES)
    [event] = list_events(db, kind="meeting")
    assert event["n_sources"] == 4
    assert DATE_CONFLICT in event["flags"] and PLACE_CONFLICT in event["flags"]
    flagged = {s["file"]: s["flags"] for s in event["sources"]}
    assert DATE_CONFLICT in flagged["reuters.txt"] and DATE_CONFLICT in flagged["belta.txt"]
    assert PLACE_CONFLICT in flagged["belsat.txt"]


def test_trade_figures_for_one_period_are_grouped_keeping_their_values(db):
    _load(db, {k: ARTICLES[k] for k in ("belta.txt", "tass.txt")})
    [event] = list_events(db, kind="trade")
    assert event["n_sources"] == 2 and event["flags"] == [VALUES_DIFFER]
    assert sorted(s["value"] for s in event["sources"]) == [33.6e9, 35.5e9]


def test_rejected_facts_leave_the_event_and_undo_restores_them(db):
    _load(db, ARTICLES)
    reuters = next(f for f in store.list_facts(db, kind="meeting") if f["file"] == "reuters.txt")
    reject_fact(db, reuters["id"])
    [event] = list_events(db, kind="meeting")
    assert event["n_sources"] == 3 and DATE_CONFLICT not in event["flags"]
    history.undo(db)  # the events follow in the undo's transaction
    [event] = list_events(db, kind="meeting")
    assert event["n_sources"] == 4 and DATE_CONFLICT in event["flags"]
    history.redo(db)
    assert store.get_row(db, "facts", reuters["id"])["status"] == "rejected"


def test_two_meetings_in_one_article_stay_apart(db):
    _load(db, {"a.txt": ("2021-12-24", "Putin and Lukashenko will meet on December 28. "
                                      "Putin and Lukashenko will also meet on December 29.")})
    assert len(list_events(db, kind="meeting")) == 2


def test_rebuild_is_stable(db):
    _load(db, ARTICLES)
    before = [dict(r) for r in db.query("select * from event_members order by fact_id")]
    events_before = [dict(r) for r in db.query("select * from events order by id")]
    rebuild_events(db)
    assert [dict(r) for r in db.query("select * from event_members order by fact_id")] == before
    assert [dict(r) for r in db.query("select * from events order by id")] == events_before
