"""A change told by its verb, then sized past a clause of its own: "went down a little because of the
pandemic, by about 17 percent" (issue 10, blind batch 31 class). Every sentence is ours.

"By" just before the percentage (the profile's ``complements``) reaches back ``complement_window``
characters for the verb's sign. Controls: a percentage after "by" with no change told before it is none.
"""

from __future__ import annotations

import itertools

import pytest

PUBLISHED = "2021-07-13"
VERBS = [("went down", -1), ("fell", -1), ("declined", -1), ("grew", 1), ("rose", 1), ("increased", 1)]
ASIDES = ["a little because of the pandemic", "noticeably despite all the difficulties of the year",
          "somewhat, as the ministers have already reported", "for the reasons we know"]
AMOUNTS = [("by about 17 percent", 17.0), ("by 17%", 17.0), ("by over 12.5 per cent", 12.5)]
TRADES = {"belarus": ["our mutual trade", "trade between Russia and Belarus", "Belarusian-Russian trade"],
          "kazakhstan": ["our mutual trade", "trade between Russia and Kazakhstan", "Kazakh-Russian trade"]}


def _trade(extractor, text):
    return [(f["period_start"], f["period_end"], f["value"], f["change_pct"])
            for f in extractor.facts(text, PUBLISHED) if f["kind"] == "trade"]


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("verb", "aside"), list(itertools.product(VERBS, ASIDES)))
def test_by_sizes_a_change_told_before_its_own_clause(request, profile, verb, aside):
    extractor = request.getfixturevalue(profile)
    word, sign = verb
    for trade, (amount, number) in itertools.product(TRADES[profile], AMOUNTS):
        text = f"Last year {trade} {word} {aside}, {amount}."
        assert _trade(extractor, text) == [("2020-01-01", "2020-12-31", None, sign * number)], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("text", [
    "Last year {trade} was settled in national currencies by about 90 percent of the companies.",
    "Last year {trade} was carried by rail, by about 40 percent, and by road.",
])
def test_by_with_no_change_before_is_no_figure(request, profile, text):
    extractor = request.getfixturevalue(profile)
    for trade in TRADES[profile]:
        assert _trade(extractor, text.format(trade=trade)) == [], text
