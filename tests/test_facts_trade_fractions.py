"""A change told as a fraction ("grew by a third", "fell by half") and one side's trade with several partners
("Moscow's turnover with those two nations") (blind batch 60, issue 10).

The classes: a fraction after "by" was no change at all, so a change-only figure was lost; a side's total with two
or more partners was read as the pair's turnover. Every sentence is ours, both profiles. Controls: a share ("a
third of trade") is no change; "trade between the two countries" stays the pair's.
"""

from __future__ import annotations

import itertools

import pytest

SIDES = {"belarus": "Belarus", "kazakhstan": "Kazakhstan"}
FRACTIONS = [("grew by a third", 33.3), ("increased by one third", 33.3), ("fell by half", -50.0),
             ("decreased by a half", -50.0), ("rose by a quarter", 25.0), ("grew by two thirds", 66.7),
             ("dropped by a fifth", -20.0)]


def _trade(extractor, text, published="2013-05-08"):
    return sorted((f["period_start"], f["period_end"], f["value"], f["change_pct"])
                  for f in extractor.facts(text, published) if f["kind"] == "trade")


@pytest.mark.parametrize(("profile", "fraction"), list(itertools.product(SIDES, FRACTIONS)))
def test_a_change_told_as_a_fraction_is_signed(request, profile, fraction):
    words, change = fraction
    extractor = request.getfixturevalue(profile)
    text = f"Bilateral trade between Russia and {SIDES[profile]} {words} from January to April."
    assert _trade(extractor, text) == [("2013-01-01", "2013-04-30", None, change)], text
    text = f"Trade between Russia and {SIDES[profile]} {words} in 2012 to $15 billion."
    assert _trade(extractor, text) == [("2012-01-01", "2012-12-31", 15e9, change)], text


@pytest.mark.parametrize("profile", list(SIDES))
def test_a_share_is_no_change(request, profile):
    text = f"A third of the trade between Russia and {SIDES[profile]} in 2012 was energy."
    assert _trade(request.getfixturevalue(profile), text) == []


PLURAL = ["Moscow's turnover with those two nations", "Russia's trade with both countries",
          "Russian trade with the three states"]


@pytest.mark.parametrize(("profile", "subject"), list(itertools.product(SIDES, PLURAL)))
def test_one_sides_trade_with_several_partners_is_no_pairs_figure(request, profile, subject):
    extractor = request.getfixturevalue(profile)
    text = f"Last year, {subject} amounted to almost $60 billion."
    assert _trade(extractor, text, "2015-03-20") == [], text
    text = "Last year, trade between the two countries amounted to almost $20 billion."
    assert _trade(extractor, text, "2015-03-20") == [("2014-01-01", "2014-12-31", 20e9, None)]


def test_a_spelling_of_the_president_is_his(kazakhstan):
    text = "Toqaev and Putin met in Astana on Thursday."
    facts = kazakhstan.facts(text, "2023-11-10")
    assert [(f["date_start"], f["participants"]) for f in facts if f["kind"] == "meeting"] == [
        ("2023-11-09", ["putin", "tokayev"])]


@pytest.mark.parametrize("town", ["Ust-Kamenogorsk", "Nur-Sultan", "Petropavlovsk"])
def test_a_hyphenated_town_of_a_side_names_no_other_party(town):
    # The model tags the town a GPE: it is Kazakhstan's own, so "bilateral trade" after it stays the pair's.
    from desktop.facts import extract_facts, load_rules

    rules = load_rules("russia_kazakhstan")
    aliases = {"putin": ["Vladimir Putin", "Putin"], "tokayev": ["Kassym-Jomart Tokayev", "Tokayev"]}
    text = (f"Putin met Tokayev in Moscow on Monday. Governors of the regions of Kazakhstan gather in {town} in June. "
            "Bilateral trade grew by a third from January to April.")
    spans = [{"id": 1, "start": text.index(town), "end": text.index(town) + len(town), "label": "GPE", "text": town,
              "status": "proposed"},
             {"id": 2, "start": text.index("Kazakhstan"), "end": text.index("Kazakhstan") + 10, "label": "GPE",
              "text": "Kazakhstan", "status": "proposed"}]
    facts = extract_facts(text, "2022-06-08", rules, aliases=aliases, spans=spans)
    assert [(f["period_start"], f["change_pct"]) for f in facts if f["kind"] == "trade"] == [("2022-01-01", 33.3)]
