"""Fact extraction on hand-written articles in the genre, and the analyst's fact operations."""

from __future__ import annotations

import pytest

from desktop import history, store
from desktop.facts import (
    FactError, add_fact, confirm_fact, edit_fact, extract_facts, find_money, load_rules, propose_facts,
    reject_fact, split_sentences,
)

ALIASES = {"putin": ["Vladimir Putin", "Putin"], "lukashenko": ["Alexander Lukashenko", "Lukashenko", "Lukashenka"]}


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def extract(rules, text, published):
    return extract_facts(text, published, rules, aliases=ALIASES, locations={"st. petersburg": "St. Petersburg",
                                                                            "st petersburg": "St. Petersburg"})


def meetings(facts, kind="meeting"):
    return [(f["date_start"], f["date_end"], f["held"]) for f in facts if f["kind"] == kind]


def test_sentences_keep_abbreviations_and_headlines():
    text = "Putin meets Lukashenko\nThey met in St. Petersburg on Friday. Talks lasted long.\n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Putin meets Lukashenko", "They met in St. Petersburg on Friday.",
                                           "Talks lasted long."]
    assert sentences[0].is_title and not sentences[1].is_title
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_day_range_planned_with_place(rules):
    text = ("Russian President Vladimir Putin and his Belarusian counterpart Alexander Lukashenko will meet "
            "in St. Petersburg on December 28-29, the Kremlin said.")
    [fact] = extract(rules, text, "2021-12-24")
    assert (fact["date_start"], fact["date_end"], fact["precision"]) == ("2021-12-28", "2021-12-29", "range")
    assert fact["held"] == "planned" and fact["place"] == "St. Petersburg"
    assert fact["participants"] == ["lukashenko", "putin"]
    assert text[fact["start"]:fact["end"]] == fact["evidence"]


def test_month_range_and_supreme_state_council_needs_no_names(rules):
    text = "The Supreme State Council is tentatively scheduled to be held in April-May."
    assert meetings(extract(rules, text, "2023-02-17")) == [("2023-04-01", "2023-05-31", "planned")]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        pytest.param("On May 29, Vladimir Putin and Alexander Lukashenko met in Minsk.", "2019-07-03",
                     ("2019-05-29", "2019-05-29", "held"), id="past-day"),
        pytest.param("Putin and Lukashenko held talks on December 25.", "2019-07-03",
                     ("2018-12-25", "2018-12-25", "held"), id="held-takes-previous-year"),
        pytest.param("In late December, there were several meetings of Lukashenka and Putin.", "2019-07-03",
                     ("2018-12-21", "2018-12-31", "held"), id="late-december"),
        pytest.param("Putin and Lukashenko will meet at a session of the Supreme State Council on Monday.",
                     "2024-01-28", ("2024-01-29", "2024-01-29", "planned"), id="on-monday"),
        pytest.param("Lukashenko and Putin met on Friday, a day after the forum.", "2024-03-04",
                     ("2024-03-01", "2024-03-01", "held"), id="last-friday"),
        pytest.param("Putin and Lukashenko are meeting in Sochi today.", "2021-09-09",
                     ("2021-09-09", "2021-09-09", "held"), id="today"),
    ],
)
def test_meeting_dates_resolve_against_publication(rules, text, published, expected):
    assert meetings(extract(rules, text, published)) == [expected]


def test_meeting_needs_both_leaders(rules):
    text = ("On 10 December, Alexander Lukashenko met with the Prime Minister of Kazakhstan in Minsk. "
            "The head of state said as he met with students on 13 December that the work goes on.")
    assert extract(rules, text, "2019-12-20") == []


def test_group_phrase_and_earlier_meetings(rules):
    text = ("Lukashenko welcomes progress\n"
            "Alexander Lukashenko said as he met with his Russian counterpart in Sochi on 7 December that a lot "
            "was done. The two presidents previously met in Minsk on 20 November.\n"
            "The upcoming meeting is due in February.")
    facts = extract(rules, text, "2019-12-08")
    assert meetings(facts) == [("2019-12-07", "2019-12-07", "held"), ("2019-11-20", "2019-11-20", "held")]
    assert [f["place"] for f in facts] == ["Sochi", "Minsk"]


def test_phone_call_is_not_a_meeting(rules):
    text = ("The heads of state agreed on a new meeting during a telephone conversation on the evening of "
            "February 5th. Lukashenko also held a telephone conversation with the Russian Prime Minister on 10 "
            "February.")
    facts = extract(rules, text, "2023-02-17")
    assert meetings(facts, "call") == [("2023-02-05", "2023-02-05", "held")]
    assert meetings(facts) == []


def test_other_officials_meeting_is_excluded(rules):
    text = "A meeting of the Union State Council of Ministers is scheduled for February, in Minsk."
    assert extract(rules, text, "2023-01-10") == []


def test_undated_meeting_in_the_lede_is_on_the_publication_day(rules):
    text = "Lukashenko headed to Moscow for talks with Putin\nThe president left for Moscow, BelTA reports."
    [fact] = extract(rules, text, "2023-02-17")
    assert (fact["date_start"], fact["held"], fact["place"]) == ("2023-02-17", "planned", "Moscow")


@pytest.mark.parametrize(
    ("text", "published", "period", "value", "currency", "qualifier", "change"),
    [
        pytest.param("Last year saw a significant increase in mutual trade, approaching a record $50 billion.",
                     "2024-01-28", ("2023-01-01", "2023-12-31"), 50e9, "USD", "approx", None, id="approx-record"),
        pytest.param("In January-October 2023, trade turnover between Belarus and Russia amounted to $39.2 billion.",
                     "2023-12-01", ("2023-01-01", "2023-10-31"), 39.2e9, "USD", None, None, id="months"),
        pytest.param("Bilateral trade is expected to reach 3.5 trillion Russian rubles next year.", "2023-06-01",
                     ("2024-01-01", "2024-12-31"), 3.5e12, "RUB", "forecast", None, id="forecast"),
        pytest.param("In the first quarter of 2022, trade between the two countries reached €5.1 billion.",
                     "2022-05-01", ("2022-01-01", "2022-03-31"), 5.1e9, "EUR", None, None, id="quarter"),
        pytest.param("In 2022 mutual trade grew by 10%, the ministry said.", "2023-02-01",
                     ("2022-01-01", "2022-12-31"), None, None, None, 10.0, id="growth-is-a-change-not-a-value"),
    ],
)
def test_trade_figures(rules, text, published, period, value, currency, qualifier, change):
    [fact] = [f for f in extract(rules, text, published) if f["kind"] == "trade"]
    assert (fact["period_start"], fact["period_end"]) == period
    assert fact["value"] == (pytest.approx(value) if value is not None else None)
    assert (fact["currency"], fact["qualifier"], fact["change_pct"]) == (currency, qualifier, change)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("In 2023, Belarusian exports to Russia reached $25 billion.", id="exports"),
        pytest.param("Russia granted Belarus a loan of $1.5 billion in 2023.", id="loan"),
        pytest.param("At the forum in 2023 contracts worth a record 110 billion Russian rubles were signed.", id="contracts"),
        pytest.param("The debt to Gazprom was about $300 million in 2023.", id="debt"),
    ],
)
def test_not_trade_turnover(rules, text):
    assert [f for f in extract(rules, text, "2024-01-10") if f["kind"] == "trade"] == []


def test_trade_continued_by_pronoun(rules):
    text = "In 2018, the trade was $30 billion. Today it is $35.5 billion."
    facts = extract(rules, text, "2019-12-20")
    assert [(f["period_start"], f["value"], f["qualifier"]) for f in facts] == [
        ("2018-01-01", 30e9, None), ("2019-12-20", 35.5e9, "current_level")]


def test_money_amounts():
    found = find_money("It was $35.5 billion, then 110 billion Russian rubles ($122,883,197) and BYN 2 mln.")
    assert [(m.amount, m.currency) for m in found] == [
        (35.5e9, "USD"), (110e9, "RUB"), (122883197.0, "USD"), (2e6, "BYN")]


# ---------------------------------------------------------------- database and analyst operations

TEXT = ("Putin and Lukashenko met in Sochi on 7 December. "
        "Trade turnover between the two countries reached $35.5 billion in 2018.")


@pytest.fixture
def doc(db):
    store.upsert_entity(db, {"id": "putin", "name": "Vladimir Putin", "label": "PERSON", "aliases": ["Putin"]})
    store.upsert_entity(db, {"id": "lukashenko", "name": "Alexander Lukashenko", "label": "PERSON",
                             "aliases": ["Lukashenko"]})
    doc_id = store.insert_document(db, path="a.txt", hash="h", text=TEXT, published="2019-12-20")
    span_id = db["spans"].insert({"doc_id": doc_id, "start": 0, "end": 5, "label": "PERSON", "text": "Putin",
                                  "entity_id": "putin", "source": "model", "status": "proposed"}).last_pk
    assert propose_facts(db, [doc_id]) == 2
    return doc_id, span_id


def test_propose_facts_writes_evidence_and_events(db, doc):
    doc_id, span_id = doc
    facts = store.facts_for_document(db, doc_id)
    assert [f["kind"] for f in facts] == ["meeting", "trade"]
    meeting = facts[0]
    assert meeting["evidence"] == TEXT[meeting["start"]:meeting["end"]]
    assert span_id in meeting["span_ids"]
    assert all(f["event_id"] for f in facts) and db["events"].count == 2


def test_repropose_keeps_reviewed_facts(db, doc):
    doc_id, _ = doc
    meeting, trade = store.facts_for_document(db, doc_id)
    confirm_fact(db, meeting["id"])
    reject_fact(db, trade["id"])
    assert propose_facts(db, [doc_id]) == 0
    facts = store.facts_for_document(db, doc_id)
    assert [(f["id"], f["status"]) for f in facts] == [(meeting["id"], "confirmed"), (trade["id"], "rejected")]
    assert facts[1]["event_id"] is None


def test_confirm_reject_edit_add_and_undo(db, doc):
    doc_id, _ = doc
    meeting, trade = store.facts_for_document(db, doc_id)
    edited = edit_fact(db, meeting["id"], date_start="2019-12-08", place="Sochi")
    assert (edited["status"], edited["date_start"], edited["date_end"]) == ("confirmed", "2019-12-08", "2019-12-08")
    history.undo(db)
    restored = store.get_row(db, "facts", meeting["id"])
    assert (restored["status"], restored["date_start"]) == ("proposed", "2019-12-07")
    reject_fact(db, trade["id"])
    assert store.get_row(db, "facts", trade["id"])["status"] == "rejected"
    assert db["events"].count == 1
    new_id = add_fact(db, doc_id, "trade", TEXT.index("Trade"), len(TEXT), period_start="2018-01-01",
                      period_end="2018-12-31", value="35.5e9", currency="usd")
    added = store.get_row(db, "facts", new_id)
    assert (added["source"], added["status"], added["currency"], added["value"]) == ("analyst", "confirmed", "USD", 35.5e9)
    assert added["evidence"].startswith("Trade turnover")
    history.undo(db)
    assert store.get_row(db, "facts", new_id) is None
    history.redo(db)
    assert store.get_row(db, "facts", new_id)["status"] == "confirmed"


@pytest.mark.parametrize(
    ("slots", "message"),
    [
        pytest.param({"date_start": "7 Dec"}, "ISO date", id="not-iso"),
        pytest.param({"date_start": "2019-02-30"}, "calendar date", id="no-such-day"),
        pytest.param({"date_start": "2019-12-08", "date_end": "2019-12-01"}, "before", id="end-before-start"),
        pytest.param({"value": 3}, "no slot", id="trade-slot-on-meeting"),
        pytest.param({"participants": ["nobody"]}, "unknown entity", id="unknown-participant"),
        pytest.param({"held": "maybe"}, "held", id="held"),
    ],
)
def test_edit_validates_slots(db, doc, slots, message):
    doc_id, _ = doc
    meeting = store.facts_for_document(db, doc_id)[0]
    with pytest.raises(FactError, match=message):
        edit_fact(db, meeting["id"], **slots)
    assert store.get_row(db, "facts", meeting["id"])["status"] == "proposed"


def test_add_fact_rejects_bad_offsets(db, doc):
    doc_id, _ = doc
    with pytest.raises(FactError, match="offsets"):
        add_fact(db, doc_id, "meeting", 5, 5000)
    with pytest.raises(FactError, match="kind"):
        add_fact(db, doc_id, "visit", 0, 5)
