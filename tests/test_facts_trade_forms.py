"""Trade figures in two more forms of real reports (blind batches 37 and 41, issue 10): a change sized after a
clause that holds a "to" of other words ("slightly declined due to the pandemic, by around 17%"), and an amount
told in two scales ("6 bln 400 mln U.S. dollars").

Every sentence is ours, crossed with the reasons and the amounts' forms, both profiles. Controls: a change word
right before "to" and the percentage is a level, no change ("rose to 60% of the total").
"""

from __future__ import annotations

import itertools

import pytest

PAIRS = {"belarus": "Russia and Belarus", "kazakhstan": "Kazakhstan and Russia"}
REASONS = ["due to the pandemic", "owing to sanctions", "thanks to new projects", "according to customs"]
VERBS = [("slightly declined", -1), ("went down", -1), ("grew", 1), ("increased somewhat", 1)]


def _trade(extractor, text, published="2021-07-13"):
    return [(f["period_start"], f["value"], f["currency"], f["change_pct"])
            for f in extractor.facts(text, published) if f["kind"] == "trade"]


@pytest.mark.parametrize(("reason", "verb"), list(itertools.product(REASONS, VERBS)))
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_change_sized_past_another_to_is_a_change(request, profile, reason, verb):
    word, sign = verb
    text = f"Last year trade between {PAIRS[profile]} {word} {reason}, by around 17%."
    assert _trade(request.getfixturevalue(profile), text) == [("2020-01-01", None, None, sign * 17.0)], text


@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_change_word_right_before_to_and_the_percentage_is_a_level(request, profile):
    for text in (f"The share of {PAIRS[profile]} in the region's trade rose to 60% last year.",
                 f"The share of {PAIRS[profile]} in the region's trade went up to about 60% last year."):
        assert _trade(request.getfixturevalue(profile), text) == [], text


AMOUNTS = [("6 bln 400 mln U.S. dollars", 6.4e9), ("$6 billion 400 million", 6.4e9), ("$6.4 bln", 6.4e9),
           ("7 billion 250 million US dollars", 7.25e9)]


@pytest.mark.parametrize(("amount", "value"), AMOUNTS)
@pytest.mark.parametrize("profile", list(PAIRS))
def test_an_amount_in_two_scales_is_one_amount(request, profile, amount, value):
    text = f"In H1 2015 goods turnover between {PAIRS[profile]} made {amount}."
    assert _trade(request.getfixturevalue(profile), text, "2015-10-15") == [("2015-01-01", value, "USD", None)], text


# The total's parts told in a later clause ("..., including exports of ...") leave the total the turnover's.
PARTS = [", including exports of {p}", ", including export - {p} and import - {q}", ", of which exports made {p}",
         " - exports {p}, imports {q}"]


@pytest.mark.parametrize(("amount", "value"), AMOUNTS[:2])
@pytest.mark.parametrize("parts", PARTS)
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_total_with_its_parts_after_it_is_the_turnover(request, profile, amount, value, parts):
    text = (f"In H1 2015 goods turnover between {PAIRS[profile]} made {amount}"
            + parts.format(p="1 bln 900 mln U.S. dollars", q="4 bln 500 mln U.S. dollars") + ".")
    assert _trade(request.getfixturevalue(profile), text, "2015-10-15") == [("2015-01-01", value, "USD", None)], text


@pytest.mark.parametrize("profile", list(PAIRS))
def test_exports_alone_are_no_turnover(request, profile):
    text = f"In H1 2015 exports between {PAIRS[profile]} made $2.3 bln, the trade ministry said."
    assert _trade(request.getfixturevalue(profile), text, "2015-10-15") == []
