"""A change told as a fraction ("grew by a third", "fell by half") and one side's trade with several partners
("Russian trade turnover with these two countries") (blind batch 60, issue 10).

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
    text = f"Bilateral trade between Russia and {SIDES[profile]} {words} in the first four months of the year."
    assert _trade(extractor, text) == [("2013-01-01", "2013-04-30", None, change)], text
    text = f"Trade between Russia and {SIDES[profile]} {words} in 2012 to $15 billion."
    assert _trade(extractor, text) == [("2012-01-01", "2012-12-31", 15e9, change)], text


@pytest.mark.parametrize("profile", list(SIDES))
def test_a_share_is_no_change(request, profile):
    text = f"A third of the trade between Russia and {SIDES[profile]} in 2012 was energy."
    assert _trade(request.getfixturevalue(profile), text) == []


PLURAL = ["Russian trade turnover with these two countries", "Russia's trade with both countries",
          "Russian trade with the three states"]


@pytest.mark.parametrize(("profile", "subject"), list(itertools.product(SIDES, PLURAL)))
def test_one_sides_trade_with_several_partners_is_no_pairs_figure(request, profile, subject):
    extractor = request.getfixturevalue(profile)
    text = f"Last year, {subject} amounted to almost $60 billion."
    assert _trade(extractor, text, "2015-03-20") == [], text
    text = f"Last year, trade between the two countries amounted to almost $20 billion."
    assert _trade(extractor, text, "2015-03-20") == [("2014-01-01", "2014-12-31", 20e9, None)]


def test_a_spelling_of_the_president_is_his(kazakhstan):
    text = "Toqaev and Putin met in Astana on Thursday."
    facts = kazakhstan.facts(text, "2023-11-10")
    assert [(f["date_start"], f["participants"]) for f in facts if f["kind"] == "meeting"] == [
        ("2023-11-09", ["putin", "tokayev"])]
