"""Trade figures as data a user can plot: a signed ``change_pct``, one fact per figure, each with its own period.

Issue 10: a growth figure ("up 12%") was stored as a value in currency "%", a
decrease was stored positive, two figures for two times both took the first
one's period, and a period stated in a clause of its own was lost. The cases
are perturbations over a class of phrasing (synonym verbs, passive and nominal
forms, reordered clauses, the amount before or after the change, two figures
with two periods, a period in a clause of its own), not sentences from an
article: every sentence here is written for the test.
"""

from __future__ import annotations

import csv
import io
import itertools
import json

import pytest
import sqlite_utils

from desktop import aggregate, history, schema, store
from desktop.cli.facts import _table, fact_records
from desktop.events import CHANGES_DIFFER, compute_events
from desktop.facts import FactError, edit_fact, extract_facts, load_rules, propose_facts, same_fact
from desktop.profile import ProfileError
from desktop.scoring import GoldError, load_gold, matches, score

PUBLISHED = "2021-06-15"
INCREASE = ["grew", "increased", "rose", "went up", "climbed", "expanded", "jumped", "was up"]
DECREASE = ["fell", "decreased", "declined", "dropped", "contracted", "shrank", "went down", "was down"]
SUBJECTS = ["trade between Russia and Belarus", "bilateral trade", "mutual trade turnover", "Russian-Belarusian trade"]
# (as written, the period it resolves to against PUBLISHED)
PERIODS = [
    ("in 2020", ("2020-01-01", "2020-12-31")),
    ("last year", ("2020-01-01", "2020-12-31")),
    ("in January–March", ("2021-01-01", "2021-03-31")),
    ("in the first half of 2020", ("2020-01-01", "2020-06-30")),
]


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def trade(rules, text, published=PUBLISHED):
    """The trade facts of ``text`` as (period_start, period_end, value, currency, change_pct), in text order."""
    return [(f["period_start"], f["period_end"], f["value"], f["currency"], f["change_pct"])
            for f in extract_facts(text, published, rules, aliases={}) if f["kind"] == "trade"]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


# ---------------------------------------------------------------- changes stated alone

CHANGE_SHAPES = [
    "{S} {V} by {P}% {T}.",  # the period after the change
    "{Tc}, {s} {V} by {P} percent.",  # the period first, in a clause of its own
    "{S} {V} {P} per cent {T}, the statistics office said.",
]


def _change_cases():
    for sign, verbs, pct in ((1, INCREASE, 12), (-1, DECREASE, 2.3)):
        for i, (verb, shape, (when, period)) in enumerate(itertools.product(verbs, CHANGE_SHAPES, PERIODS)):
            subject = SUBJECTS[i % len(SUBJECTS)]
            text = shape.format(S=_cap(subject), s=subject, V=verb, P=pct, T=when, Tc=_cap(when))
            yield pytest.param(text, [(*period, None, None, sign * pct)], id=f"{verb}-{CHANGE_SHAPES.index(shape)}-{when}")


@pytest.mark.parametrize(("text", "expected"), list(_change_cases()))
def test_a_change_alone_is_a_signed_percentage_with_no_value(rules, text, expected):
    assert trade(rules, text) == expected


PASSIVE_SHAPES = [
    "{Noun} of {P}% in {s} was recorded {T}.",
    "A {P}% {noun} in {s} was registered {T}.",
    "{Tc}, {s} was {participle} by {P}%.",
]


def _passive_cases():
    for sign, pct, nouns, participles in ((1, 12, ["An increase", "Growth", "A rise"], ["increased", "boosted"]),
                                          (-1, 2.3, ["A decrease", "A decline", "A drop"], ["reduced", "decreased"])):
        for i, (shape, (when, period)) in enumerate(itertools.product(PASSIVE_SHAPES, PERIODS)):
            noun = nouns[i % len(nouns)]
            text = shape.format(Noun=noun, noun=noun.split()[-1].lower(), s=SUBJECTS[i % len(SUBJECTS)], P=pct,
                                T=when, Tc=_cap(when), participle=participles[i % 2])
            yield pytest.param(text, [(*period, None, None, sign * pct)], id=f"{noun}-{PASSIVE_SHAPES.index(shape)}-{when}")


@pytest.mark.parametrize(("text", "expected"), list(_passive_cases()))
def test_passive_and_nominal_changes_keep_their_sign(rules, text, expected):
    assert trade(rules, text) == expected


# ---------------------------------------------------------------- an amount and its change: one fact

AMOUNT_SHAPES = [  # the change before the amount, then after it
    "{S} {V} by {P}% to $50 billion {T}.",
    "{Tc}, {s} {V} by {P}% and amounted to $50 billion.",
    "{S} reached $50 billion {T}, {adverb} {P}%.",
    "{S} amounted to $50 billion {T}, which is {P}% {comparative} than a year before.",
    "{Tc}, {s} amounted to $50 billion, {noun} of {P}%.",
    "{Tc}, {s} stood at $50 billion after {noun2} of {P} percent.",
]
UP = {"adverb": "up", "comparative": "more", "noun": "an increase", "noun2": "growth"}
DOWN = {"adverb": "down", "comparative": "less", "noun": "a decrease", "noun2": "a decline"}


def _amount_cases():
    for sign, verbs, pct, words in ((1, INCREASE, 12, UP), (-1, DECREASE, 2.3, DOWN)):
        for i, (shape, (when, period)) in enumerate(itertools.product(AMOUNT_SHAPES, PERIODS)):
            subject = SUBJECTS[i % len(SUBJECTS)]
            text = shape.format(S=_cap(subject), s=subject, V=verbs[i % len(verbs)], P=pct, T=when, Tc=_cap(when),
                                **words)
            yield pytest.param(text, [(*period, 50e9, "USD", sign * pct)],
                               id=f"{'up' if sign > 0 else 'down'}-{AMOUNT_SHAPES.index(shape)}-{when}")


@pytest.mark.parametrize(("text", "expected"), list(_amount_cases()))
def test_an_amount_and_its_change_are_one_fact(rules, text, expected):
    assert trade(rules, text) == expected


# ---------------------------------------------------------------- each figure its own period

Y2019, Y2020 = ("2019-01-01", "2019-12-31"), ("2020-01-01", "2020-12-31")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Trade between Russia and Belarus reached $35.5 billion in 2019 and $29.5 billion in 2020.",
                     [(*Y2019, 35.5e9, "USD", None), (*Y2020, 29.5e9, "USD", None)], id="amount-then-year-twice"),
        pytest.param("Trade between Russia and Belarus reached $35.5 billion in 2019, and $29.5 billion in 2020.",
                     [(*Y2019, 35.5e9, "USD", None), (*Y2020, 29.5e9, "USD", None)], id="comma-and"),
        pytest.param("In 2019 bilateral trade was $35.5 billion, and in 2020 it was $29.5 billion.",
                     [(*Y2019, 35.5e9, "USD", None), (*Y2020, 29.5e9, "USD", None)], id="year-then-amount-twice"),
        pytest.param("In 2019 bilateral trade was $35.5 billion and in 2020 $29.5 billion.",
                     [(*Y2019, 35.5e9, "USD", None), (*Y2020, 29.5e9, "USD", None)], id="no-comma"),
        pytest.param("Bilateral trade amounted to $35.5 billion in 2019, while in 2020 it stood at $29.5 billion.",
                     [(*Y2019, 35.5e9, "USD", None), (*Y2020, 29.5e9, "USD", None)], id="while"),
        pytest.param("Mutual trade fell by 2.5% in 2019 and by 15% in 2020.",
                     [(*Y2019, None, None, -2.5), (*Y2020, None, None, -15.0)], id="two-changes-one-verb"),
        pytest.param("In 2019 mutual trade fell by 2.5%, and in 2020 it rose by 15%.",
                     [(*Y2019, None, None, -2.5), (*Y2020, None, None, 15.0)], id="two-changes-two-signs"),
        pytest.param("Trade between Russia and Belarus was $35.5 billion in 2019 and fell by 15% in 2020.",
                     [(*Y2019, 35.5e9, "USD", None), (*Y2020, None, None, -15.0)], id="amount-and-a-later-change"),
        pytest.param("Trade between Russia and Belarus grew by 5% to $37 billion in 2019 and dropped by 15% to "
                     "$29.5 billion in 2020.", [(*Y2019, 37e9, "USD", 5.0), (*Y2020, 29.5e9, "USD", -15.0)],
                     id="two-amounts-with-their-changes"),
        pytest.param("Trade between Russia and Belarus reached $35.5 billion in 2019, and grew by 5% to $37 billion "
                     "in 2020.", [(*Y2019, 35.5e9, "USD", None), (*Y2020, 37e9, "USD", 5.0)],
                     id="the-change-goes-with-the-amount-of-its-phrase"),
    ],
)
def test_two_figures_take_two_periods(rules, text, expected):
    assert trade(rules, text) == expected


Q1_2021 = ("2021-01-01", "2021-03-31")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("In January–March, trade between Russia and Belarus reached $8.4 billion.",
                     [(*Q1_2021, 8.4e9, "USD", None)], id="in-months"),
        pytest.param("From January to March, trade between Russia and Belarus reached $8.4 billion.",
                     [(*Q1_2021, 8.4e9, "USD", None)], id="from-to-is-no-comparison-base"),
        pytest.param("According to data for January–March, trade between Russia and Belarus reached $8.4 billion.",
                     [(*Q1_2021, 8.4e9, "USD", None)], id="according-to-data-for"),
        pytest.param("In the first quarter of this year, as the ministry reported, bilateral trade grew by 17.8%.",
                     [(*Q1_2021, None, None, 17.8)], id="an-aside-between"),
        pytest.param("Bilateral trade reached $8.4 billion, the ministry said of the first quarter.",
                     [(*Q1_2021, 8.4e9, "USD", None)], id="a-later-clause-when-no-other"),
        pytest.param("Over the first three months of this year, trade between Russia and Belarus grew by 17.8% to "
                     "$8.4 billion.", [(*Q1_2021, 8.4e9, "USD", 17.8)], id="over-the-months-is-no-approximation"),
    ],
)
def test_a_period_in_a_clause_of_its_own_is_kept(rules, text, expected):
    assert trade(rules, text) == expected


def test_over_the_months_is_not_an_approximate_figure(rules):
    [fact] = [f for f in extract_facts("Over the first three months of this year, trade between Russia and Belarus "
                                       "reached $8.4 billion.", PUBLISHED, rules, aliases={}) if f["kind"] == "trade"]
    assert fact["qualifier"] is None


# ---------------------------------------------------------------- what is no change, and what keeps its sign


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The share of the Russian ruble in trade between Russia and Belarus rose to 60% last year.", [],
                     id="rose-to-is-a-level"),
        pytest.param("In 2020 trade between Russia and Belarus was $29.5 billion, with national currencies "
                     "accounting for over 90% of payments.", [(*Y2020, 29.5e9, "USD", None)], id="a-share-is-no-figure"),
        pytest.param("Last year trade between Russia and Belarus fell by 15%, while Belarus' trade with China grew "
                     "by 20%.", [(*Y2020, None, None, -15.0)], id="another-party-s-change"),
        pytest.param("Last year Belarusian exports to Russia grew by 12%, and trade between the two countries fell "
                     "by 2.3%.", [(*Y2020, None, None, -2.3)], id="exports-are-not-turnover"),
        pytest.param("GDP grew by 3% last year, and trade between Russia and Belarus rose by 10%.",
                     [(*Y2020, None, None, 10.0)], id="gdp-is-not-trade"),
        pytest.param("Trade between Russia and Belarus grew by 5% in 2020, less than expected.",
                     [(*Y2020, None, None, 5.0)], id="a-later-comparative-does-not-flip"),
        pytest.param("Trade between Russia and Belarus fell by more than 15% in 2020.",
                     [(*Y2020, None, None, -15.0)], id="more-than-does-not-flip"),
        pytest.param("Trade between Russia and Belarus reached $29.5 billion in 2020. It fell by 15%.",
                     [(*Y2020, 29.5e9, "USD", -15.0)], id="it-in-the-next-sentence-is-the-same-figure"),
        pytest.param("Trade between Russia and Belarus is expected to grow by 5% next year.",
                     [("2022-01-01", "2022-12-31", None, None, 5.0)], id="a-forecast-change"),
    ],
)
def test_what_is_a_change_and_its_sign(rules, text, expected):
    assert trade(rules, text) == expected


def test_no_percentage_is_ever_a_value(rules):
    every = [f for cases in (_change_cases(), _passive_cases(), _amount_cases())
             for case in cases for f in extract_facts(case.values[0], PUBLISHED, rules, aliases={})]
    assert every and all(f["currency"] != "%" for f in every)
    assert all(f["value"] is None or f["value"] >= 1e6 for f in every if f["kind"] == "trade")


def test_the_change_words_are_the_profile_s(rules):
    """Another profile's words, not Python's, say what an increase is."""
    from desktop.facts import FactRules

    raw = dict(rules.raw, trade=dict(rules.raw["trade"], increase=["soared"], decrease=["sagged"]))
    mine = FactRules.from_dict(raw)
    assert trade(mine, "Bilateral trade soared by 12% in 2020.") == [(*Y2020, None, None, 12.0)]
    assert trade(mine, "Bilateral trade sagged by 12% in 2020.") == [(*Y2020, None, None, -12.0)]
    assert trade(mine, "Bilateral trade grew by 12% in 2020.") == []


@pytest.mark.parametrize(
    ("trade_table", "message"),
    [
        pytest.param({"growth": ["grew"]}, r"unknown key \[facts.trade\] growth", id="old-growth-key"),
        pytest.param({"qualifiers": {"growth_only": ["grew by"]}}, r"unknown key \[facts.trade.qualifiers\] growth_only",
                     id="growth-only-is-no-qualifier"),
        pytest.param({"change_window": "forty"}, "change_window must be a whole number", id="window-is-a-number"),
    ],
)
def test_retired_or_mistyped_trade_keys_are_errors_that_name_them(rules, trade_table, message):
    from desktop.facts.schema import validate_facts

    validate_facts(rules.raw, "mine.toml")  # the bundled profile's table passes
    with pytest.raises(ProfileError, match=message):
        validate_facts(dict(rules.raw, trade=dict(rules.raw["trade"], **trade_table)), "mine.toml")


# ---------------------------------------------------------------- the store: migration, slots, re-proposal


def test_a_database_of_the_first_schema_opens_with_its_data_and_gains_the_column(tmp_path):
    path = tmp_path / "old.sqlite"
    old = sqlite_utils.Database(path)
    schema.migrations.apply(old, stop_before="m002_trade_change_pct")
    assert "change_pct" not in old["facts"].columns_dict
    doc = store.insert_document(old, path="a.txt", hash="h", text="Trade fell by 2.5%. Trade was $35.5 billion.")
    base = {"doc_id": doc, "kind": "trade", "status": "proposed", "source": "rule", "period_start": "2019-01-01",
            "period_end": "2019-12-31", "participants": "[]", "flags": "[]", "start": 0, "end": 18}
    rate = old["facts"].insert(dict(base, value=2.5, currency="%", qualifier="growth_only",
                                    evidence="Trade fell by 2.5%.")).last_pk
    amount = old["facts"].insert(dict(base, value=35.5e9, currency="USD", qualifier="approx", start=19, end=44,
                                      evidence="Trade was $35.5 billion.")).last_pk
    # An undoable action from before the migration, recorded as the history of that schema did (today's
    # history also follows the derived events, whose tables that schema lacks).
    before = old["facts"].get(rate)
    old["facts"].update(rate, {"status": "confirmed"})
    action_id = old["actions"].insert({"ts": "2024-01-01T00:00:00+00:00", "op": "confirm fact",
                                       "summary": "confirm fact", "kind": "do", "state": "done", "doc_id": doc}).last_pk
    old["changes"].insert({"action_id": action_id, "tbl": "facts", "row_id": json.dumps([rate]),
                           "before": json.dumps(before), "after": json.dumps(old["facts"].get(rate))})
    old.close()

    db = store.open_db(path)
    applied = [m.name for m in schema.migrations.applied(db)]
    assert applied[:2] == ["m001_initial", "m002_trade_change_pct"] and schema.migrations.pending(db) == []
    assert db["facts"].columns_dict["change_pct"] is float
    assert store.get_document(db, doc)["text"].startswith("Trade fell")
    moved, kept = store.get_row(db, "facts", rate), store.get_row(db, "facts", amount)
    assert (moved["value"], moved["currency"], moved["qualifier"], moved["change_pct"]) == (None, None, None, 2.5)
    assert moved["status"] == "confirmed"
    assert (kept["value"], kept["currency"], kept["qualifier"], kept["change_pct"]) == (35.5e9, "USD", "approx", None)
    recorded = json.loads(db.execute("select after from changes").fetchone()[0])
    assert (recorded["change_pct"], recorded["currency"]) == (2.5, None)
    history.undo(db)  # the older action still undoes: its rows know the new column
    assert store.get_row(db, "facts", rate)["status"] == "proposed"
    db.close()
    assert schema.migrations.pending(store.open_db(path)) == []  # opening again applies nothing


def _trade_doc(db, text="Trade between Russia and Belarus fell by 2.3% to $29.5 billion in 2020.", path="a.txt"):
    doc = store.insert_document(db, path=path, hash=path, text=text, published=PUBLISHED)
    propose_facts(db, [doc])
    return doc, next(f for f in store.facts_for_document(db, doc) if f["kind"] == "trade")


def test_proposed_and_stored_with_the_sign(db):
    _, fact = _trade_doc(db)
    assert (fact["value"], fact["currency"], fact["change_pct"]) == (29.5e9, "USD", -2.3)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [pytest.param("-2.3%", -2.3, id="percent-sign"), pytest.param("+12", 12.0, id="plus"),
     pytest.param("−2,3", -2.3, id="minus-sign-and-decimal-comma"), pytest.param(-4, -4.0, id="number"),
     pytest.param(None, None, id="cleared")],
)
def test_edit_change_pct(db, typed, stored):
    _, fact = _trade_doc(db)
    assert edit_fact(db, fact["id"], change_pct=typed)["change_pct"] == stored


@pytest.mark.parametrize(
    ("slots", "message"),
    [pytest.param({"change_pct": "a lot"}, "signed number", id="not-a-number"),
     pytest.param({"currency": "%"}, "not a currency", id="percent-currency"),
     pytest.param({"value": "12%"}, "not a value", id="percent-value")],
)
def test_a_percentage_is_refused_anywhere_but_change_pct(db, slots, message):
    _, fact = _trade_doc(db)
    with pytest.raises(FactError, match=message):
        edit_fact(db, fact["id"], **slots)


def test_a_confirmed_change_is_not_proposed_again(db):
    doc, fact = _trade_doc(db, "Bilateral trade fell by 2.3% in 2020.")
    edit_fact(db, fact["id"], change_pct="-2.3")
    propose_facts(db, [doc])
    assert [f["change_pct"] for f in store.facts_for_document(db, doc)] == [-2.3]
    assert not same_fact({"kind": "trade", "change_pct": 2.3}, {"kind": "trade", "change_pct": -2.3})


def test_changes_alone_merge_among_themselves_and_a_difference_is_noted():
    rows = [{"id": i, "doc_id": i, "kind": "trade", "status": "proposed", "period_start": "2020-01-01",
             "period_end": "2020-12-31", "value": value, "currency": currency, "change_pct": change}
            for i, (value, currency, change) in enumerate([(None, None, -2.3), (None, None, 2.3),
                                                           (29.5e9, "USD", -2.3)], 1)]
    events, assignment = compute_events(rows)
    assert len(events) == 2 and assignment[1][0] == assignment[2][0] != assignment[3][0]
    assert CHANGES_DIFFER in next(e for e in events if e["id"] == 1)["flags"]


def test_listed_and_exported_with_the_sign(db, tmp_path):
    from desktop import exchange

    _trade_doc(db)
    [record] = [r for r in fact_records(db) if r["kind"] == "trade"]
    assert record["change_pct"] == -2.3
    out = tmp_path / "facts.csv"
    exchange.export_file(db, out, what="facts", fmt="csv", all=True)
    with open(out, encoding="utf-8", newline="") as handle:
        [row] = [r for r in csv.DictReader(handle) if r["kind"] == "trade"]
    assert (row["value"], row["currency"], row["change_pct"]) == ("29500000000.0", "USD", "-2.3")


def test_the_facts_table_shows_the_signed_change(db):
    _trade_doc(db)
    _trade_doc(db, "Bilateral trade grew by 12% in 2020.", path="b.txt")
    out = io.StringIO()
    _table(fact_records(db, kind="trade"), out)
    lines = out.getvalue().splitlines()
    assert "29500000000 USD -2.3%" in lines[0]
    assert lines[2].split("2020-12-31")[1].split() == ["+12%", "event=2"]


# ---------------------------------------------------------------- the plot


def test_the_plot_draws_amounts_only_and_never_a_percent_currency(db):
    doc = store.insert_document(db, path="a.txt", hash="a", text="x")
    base = {"doc_id": doc, "kind": "trade", "status": "proposed", "source": "rule", "period_start": "2020-01-01",
            "period_end": "2020-12-31", "evidence": "x", "start": 0, "end": 1}
    amount = db["facts"].insert(dict(base, value=29.5e9, currency="USD", change_pct=-2.3)).last_pk
    alone = db["facts"].insert(dict(base, value=None, currency=None, change_pct=12.0)).last_pk
    legacy = db["facts"].insert(dict(base, value=12.0, currency="%")).last_pk  # written around the validation
    series = aggregate.TradeSeries.from_db(db)
    assert [p.fact_id for p in series.points()] == [amount]
    assert series.currencies() == ["USD"]
    assert series.point(amount).change_pct == -2.3 and series.table()[0]["change_pct"] == -2.3
    assert series.changes_only == {alone} and series.skipped == {alone, legacy}


# ---------------------------------------------------------------- scoring: the sign decides

GOLD_CHANGE = {"kind": "trade", "file": "a.txt", "period_start": "2020-01-01", "period_end": "2020-12-31",
               "value": None, "currency": None, "change_pct": -2.3}


@pytest.mark.parametrize(
    ("proposed", "hit"),
    [
        pytest.param({"change_pct": -2.3}, True, id="same"),
        pytest.param({"change_pct": -2.32}, True, id="within-one-percent"),
        pytest.param({"change_pct": 2.3}, False, id="sign-flipped"),
        pytest.param({"change_pct": -2.4}, False, id="off-by-more"),
        pytest.param({"change_pct": None, "value": 2.3, "currency": "%"}, False, id="old-percent-value"),
        pytest.param({"change_pct": -2.3, "period_start": "2019-01-01", "period_end": "2019-12-31"}, False,
                     id="other-period"),
        pytest.param({"change_pct": -2.3, "value": 29.5e9, "currency": "USD"}, True, id="stated-with-an-amount"),
    ],
)
def test_a_change_only_gold_figure_matches_by_its_signed_percentage(proposed, hit):
    fact = {**GOLD_CHANGE, **proposed}
    assert matches(fact, GOLD_CHANGE, participants=set()) is hit


def test_a_value_gold_figure_is_not_matched_by_a_change_alone():
    gold = dict(GOLD_CHANGE, value=29.5e9, currency="USD")
    assert not matches(dict(GOLD_CHANGE), gold, participants=set())
    assert matches(dict(GOLD_CHANGE, value=29.6e9, currency="USD", change_pct=None), gold, participants=set())


def test_score_counts_a_flipped_sign_as_a_miss_and_a_false_positive():
    proposed = [dict(GOLD_CHANGE, change_pct=2.3, status="proposed")]
    result = score(proposed, [GOLD_CHANGE])["trade"]
    assert (result["recall"], result["precision"]) == (0.0, 0.0)
    assert score([dict(GOLD_CHANGE, status="proposed")], [GOLD_CHANGE])["trade"]["recall"] == 1.0


def test_gold_with_a_percent_currency_is_refused(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(dict(GOLD_CHANGE, value=2.3, currency="%")) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match="gold.jsonl:1: a percentage is not a value"):
        load_gold(path)
