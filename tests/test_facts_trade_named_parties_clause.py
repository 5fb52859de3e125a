"""A change in a later clause with a period of its own stays its own figure when its clause names the trading
parties ("..., and from January to June this year turnover between Russia and Belarus rose 7%")
(blind batch 49, issue 10).

The class: the "and" of "Russia and Kazakhstan" was read as a joiner starting another figure's phrase, so the
later clause's period went to the amount before it and the change was paired with that amount (one 2021 figure,
$24.5 billion up 5%, instead of the amount and a change of January-September). Every sentence is ours: the later
clause's period, its named parties and its change word crossed with both profiles. Controls: without the named
parties the figures were already two; an amount and a change of one clause ("$24.5 billion in 2021, up 5%") stay
one figure.
"""

from __future__ import annotations

import itertools

import pytest

PAIRS = {"belarus": ("Russia and Belarus", "Belarus and Russia"), "kazakhstan": ("Russia and Kazakhstan",
                                                                                 "Kazakhstan and Russia")}
FIRST = ["In 2021 trade between the two countries reached $24.5 billion",
         "Mutual trade reached a record $24.5 billion in 2021"]
PERIODS = [("between January and September this year", "2022-01-01", "2022-09-30"),
           ("from January to June this year", "2022-01-01", "2022-06-30"),
           ("in the first nine months of 2022", "2022-01-01", "2022-09-30")]
CHANGES = [("trade between {pair} grew 5%", 5.0), ("trade between {pair} fell by 5%", -5.0),
           ("the turnover of {pair} rose by 5 percent", 5.0)]


def _trade(extractor, text):
    return sorted((f["period_start"], f["period_end"], f["value"], f["change_pct"])
                  for f in extractor.facts(text, "2022-11-28") if f["kind"] == "trade")


@pytest.mark.parametrize(("first", "period", "change"), list(itertools.product(FIRST, PERIODS, CHANGES)))
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_later_clauses_change_naming_the_parties_is_its_own_figure(request, profile, first, period, change):
    words, start, end = period
    phrase, pct = change
    for pair in PAIRS[profile]:
        text = f"{first}, and {words} {phrase.format(pair=pair)}."
        assert _trade(request.getfixturevalue(profile), text) == [
            ("2021-01-01", "2021-12-31", 24.5e9, None), (start, end, None, pct)], text


@pytest.mark.parametrize("profile", list(PAIRS))
def test_an_amount_and_its_change_in_one_clause_stay_one_figure(request, profile):
    pair = PAIRS[profile][0]
    for text in (f"In 2021 trade between {pair} reached $24.5 billion, up 5%.",
                 f"Trade between {pair} grew by 5% to $24.5 billion in 2021."):
        assert _trade(request.getfixturevalue(profile), text) == [("2021-01-01", "2021-12-31", 24.5e9, 5.0)], text
