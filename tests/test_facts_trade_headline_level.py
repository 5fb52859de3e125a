"""A headline's round level in the present ("Kazakh-Russian commerce tops $9 bln") restates the
body's figure ("in 2023 turnover rose 2% to $9.1 bln"): one figure, the body's (blind batch 55, issue 10).

The class: the headline was read as this year's level, a second figure beside last year's. Every sentence is ours:
headline verbs and qualifiers, both profiles. Controls: a headline level far from every body figure stays a
figure of its own, and so does a headline level in an article whose body states none.
"""

from __future__ import annotations

import itertools

import pytest

PUBLISHED = "2024-11-07"
SIDES = {"belarus": "Belarus", "kazakhstan": "Kazakhstan"}
HEADLINES = ["Trade between Russia and {side} is over $21 bln", "Russia-{side} trade stands at about $21.5 billion",
             "Trade between Russia and {side} exceeds $21 billion", "Russian-{side} trade is nearly $22 bln"]
BODY = ("The two presidents opened the forum in Omsk on Thursday. Last year, trade between the two countries grew "
        "by 3.1% to $21.4 bln, the ministry said.")


def _trade(extractor, text):
    return sorted((f["period_start"], f["period_end"], f["value"], f["change_pct"])
                  for f in extractor.facts(text, PUBLISHED) if f["kind"] == "trade")


@pytest.mark.parametrize(("profile", "headline"), list(itertools.product(SIDES, HEADLINES)))
def test_a_headline_level_rounding_the_body_figure_is_that_figure(request, profile, headline):
    text = headline.format(side=SIDES[profile]) + "\n\n" + BODY
    assert _trade(request.getfixturevalue(profile), text) == [("2023-01-01", "2023-12-31", 21.4e9, 3.1)], text


@pytest.mark.parametrize("profile", list(SIDES))
def test_a_headline_level_of_its_own_stays(request, profile):
    extractor = request.getfixturevalue(profile)
    far = f"Trade between Russia and {SIDES[profile]} is over $30 bln\n\n" + BODY
    assert _trade(extractor, far) == [("2023-01-01", "2023-12-31", 21.4e9, 3.1),
                                      ("2024-01-01", "2024-12-31", 30e9, None)]
    alone = (f"Trade between Russia and {SIDES[profile]} is over $21 bln\n\n"
             "The two presidents opened the forum in Omsk on Thursday.")
    assert _trade(extractor, alone) == [("2024-01-01", "2024-12-31", 21e9, None)]
