"""A percentage written as an adjective ("a 29-percent growth", "a 3.5-per-cent drop") is a change like "29 percent"
(blind batch 45, issue 10).

The class: "over January-April, a 29-percent growth was seen" found no change, and the period
it names went to the amount of the clause before ("Last year, trade rose by 40 percent to $39 billion"). Every
sentence is ours: hyphenated forms crossed with rise and fall words, both profiles, alone and after an amount of
another period. Controls: the spaced forms give the same figures.
"""

from __future__ import annotations

import itertools

import pytest

PAIRS = {"belarus": "Russia and Belarus", "kazakhstan": "Russia and Kazakhstan"}
FORMS = ["{n}-percent", "{n}-per-cent", "{n} percent", "{n}%"]
CHANGES = [("a {p} growth of trade between {pair} was registered", 1), ("trade between {pair} showed a {p} rise", 1),
           ("trade between {pair} saw a {p} drop", -1), ("a {p} decrease in trade between {pair} was recorded", -1)]


def _trade(extractor, text):
    return sorted((f["period_start"], f["period_end"], f["value"], f["change_pct"])
                  for f in extractor.facts(text, "2012-05-31") if f["kind"] == "trade")


@pytest.mark.parametrize(("form", "change"), list(itertools.product(FORMS, CHANGES)))
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_hyphenated_percentage_is_a_change(request, profile, form, change):
    phrase, sign = change
    text = "Over January-April 2012, " + phrase.format(p=form.format(n="27"), pair=PAIRS[profile]) + "."
    assert _trade(request.getfixturevalue(profile), text) == [("2012-01-01", "2012-04-30", None, sign * 27.0)], text


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("profile", list(PAIRS))
def test_the_later_clauses_period_stays_with_its_change(request, profile, form):
    text = (f"Last year, trade between {PAIRS[profile]} increased by 40 percent to $39 billion, while over "
            f"January-April 2012 trade showed a {form.format(n='3.5')} growth.")
    assert _trade(request.getfixturevalue(profile), text) == [
        ("2011-01-01", "2011-12-31", 39e9, 40.0), ("2012-01-01", "2012-04-30", None, 3.5)], text
