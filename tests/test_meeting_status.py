"""A meeting's status beyond held and planned: cancelled and denied, through slots, events, counts and scores."""

from __future__ import annotations

import pytest

from desktop import store
from desktop.aggregate import FactFeed, MeetingCounts
from desktop.events import STATUS_CONFLICT, list_events, merged_held, rebuild_events
from desktop.facts import FactError, FactRules, extract_facts, validate_slots
from desktop.scoring import score


def add_fact(db, path, day, held):
    doc_id = store.insert_document(db, path=path, hash=path, text="They met.")
    row = {"doc_id": doc_id, "kind": "meeting", "status": "proposed", "source": "rule", "start": 0, "end": 9,
           "evidence": "They met.", "participants": ["lukashenko", "putin"], "date_start": day, "date_end": day,
           "precision": "day", "held": held}
    return db["facts"].insert(store.encode("facts", row)).last_pk


@pytest.mark.parametrize("held", ["held", "planned", "cancelled", "denied", None])
def test_the_held_slot_takes_every_meeting_status(db, held):
    assert validate_slots(db, "meeting", {"held": held})["held"] == held


def test_the_held_slot_names_the_statuses_it_takes(db):
    with pytest.raises(FactError, match="held, planned, cancelled, denied, not 'maybe'"):
        validate_slots(db, "meeting", {"held": "maybe"})


@pytest.mark.parametrize(("reports", "merged"), [
    pytest.param(["planned", "cancelled"], "cancelled", id="plans-then-cancelled"),
    pytest.param(["planned", "denied"], "denied", id="reports-then-denied"),
    pytest.param(["held", "denied"], "held", id="held-outweighs-a-denial"),
    pytest.param(["cancelled", "denied"], "cancelled", id="cancelled-before-denied"),
    pytest.param(["planned", None], "planned", id="unknown-is-no-news"),
])
def test_merged_status_of_several_reports(reports, merged):
    assert merged_held(reports) == merged


def test_an_event_reported_held_and_denied_is_flagged(db):
    held = add_fact(db, "tass.txt", "2023-09-15", "held")
    denied = add_fact(db, "other.txt", "2023-09-15", "denied")
    rebuild_events(db)
    [event] = list_events(db, kind="meeting")
    assert event["held"] == "held" and STATUS_CONFLICT in event["flags"]
    flags = {f["id"]: f["flags"] for f in store.list_facts(db, kind="meeting")}
    assert STATUS_CONFLICT in flags[held] and STATUS_CONFLICT in flags[denied]


def test_an_event_planned_then_cancelled_is_cancelled_and_not_counted(db):
    add_fact(db, "before.txt", "2023-09-15", "planned")
    add_fact(db, "after.txt", "2023-09-15", "cancelled")
    add_fact(db, "other.txt", "2023-09-20", "held")
    rebuild_events(db)
    assert sorted(e["held"] for e in list_events(db, kind="meeting")) == ["cancelled", "held"]
    counts = MeetingCounts.from_db(db)
    [row] = counts.table()
    assert (row["held_proposed"], row["planned_proposed"], row["total"]) == (1, 0, 1)


def test_the_feed_notices_a_status_changed_outside_the_history(db):
    fact = add_fact(db, "a.txt", "2023-09-15", "planned")
    counts = MeetingCounts.from_db(db)
    feed = FactFeed(db)
    assert feed.sync([counts]) is False
    db["facts"].update(fact, {"held": "cancelled"})
    assert feed.sync([counts]) is True
    assert counts.table() == MeetingCounts.from_db(db).table()
    assert all(r["total"] == 0 for r in counts.table())


def test_scores_match_a_cancelled_proposal_only_with_cancelled_gold():
    proposed = [{"kind": "meeting", "file": "a.txt", "participants": ["putin", "lukashenko"],
                 "date_start": "2023-09-15", "date_end": "2023-09-15", "held": "cancelled"}]
    held_gold = [{"kind": "meeting", "file": "a.txt", "date_start": "2023-09-15", "status": "held"}]
    assert score(proposed, held_gold)["meeting"]["recall"] == 0.0
    cancelled_gold = [dict(held_gold[0], status="cancelled")]
    assert score(proposed, cancelled_gold)["meeting"]["recall"] == 1.0
    proposed[0]["held"] = "planned"
    assert score(proposed, [dict(held_gold[0], status="planned")])["meeting"]["precision"] == 1.0


def test_the_cues_are_profile_data():
    """Another language's or domain's cues are another list, not other code."""
    table = {"participants": ["a", "b"], "phrases": {"meeting": ["met", "meeting"], "held": ["met"]}}
    aliases = {"a": ["Ann"], "b": ["Bob"]}
    text = "Ann hardly met Bob in Paris on 3 May. Talks of a meeting of Ann and Bob on 9 May were dismissed."
    plain = extract_facts(text, "2020-05-10", FactRules.from_dict(table), aliases=aliases)
    assert [(f["date_start"], f["held"]) for f in plain] == [("2020-05-03", "held"), ("2020-05-09", "held")]
    table["phrases"].update(negation=["hardly"], denial_after=["were dismissed"])
    cued = extract_facts(text, "2020-05-10", FactRules.from_dict(table), aliases=aliases)
    assert [(f["date_start"], f["held"]) for f in cued] == [("2020-05-09", "denied")]
