"""A trade term naming no party right after another party's trade, in the same paragraph, goes on about that trade
("Kazakh-Chinese trade doubled in five years. Goods trade stood at $3.1 billion in 2019.") (blind batch 50, issue 10).

The class: a note on one side's trade with a third country, naming the other side of the pair in passing, proposed
the pair's figures from the bare "Trade in goods stood at ..." and its "it" sentence that followed the third country's
trade. Every sentence is ours: the other party's trade (a compound, a coordination, "with", "of"), crossed with bare
trade sentences and both profiles, in an article that names the pair too. Controls: a paragraph break, or the bare
sentence naming a side of the pair, keep the pair's figure.
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_phrasing_classes6 import _with_model_spans

MODEL = {"China": "GPE", "Chinese": "NORP", "Uzbekistan": "GPE", "Uzbek": "NORP"}
# The pair named in the lede; another side's trade with a third country.
LEDES = {"belarus": "Putin and Lukashenko spoke by phone on Friday.",
         "kazakhstan": "Putin and Tokayev spoke by phone on Friday."}
OTHER_TRADE = {
    "belarus": ["Belarus-China trade has doubled over five years.", "Trade between Belarus and China has doubled.",
                "Belarus' trade with Uzbekistan has doubled in five years.",
                "The foreign trade of Belarus and China has doubled in five years."],
    "kazakhstan": ["Kazakh-Chinese trade has doubled over five years.", "Trade between Kazakhstan and China has doubled.",
                   "Kazakhstan's trade with Uzbekistan has doubled in five years.",
                   "The foreign trade of Kazakhstan and China has doubled in five years."],
}
BARE = [
    ("Trade in goods stood at $3.1 billion in 2016.", [("2016-01-01", 3.1e9)]),
    ("In 2024 the turnover reached $7.4 billion.", [("2024-01-01", 7.4e9)]),
    ("Trade was $3.1 billion in 2016. In 2024 it came to $7.4 billion.", [("2016-01-01", 3.1e9),
                                                                              ("2024-01-01", 7.4e9)]),
]
SIDE = {"belarus": "Russia", "kazakhstan": "Russia"}


def _trade(extractor, text):
    return sorted((f["period_start"], f["value"]) for f in _with_model_spans(extractor, text, MODEL, "2025-03-14")
                  if f["kind"] == "trade")


@pytest.mark.parametrize(("profile", "other", "bare"), [
    (p, o, b) for p, others in OTHER_TRADE.items() for o, b in itertools.product(others, BARE)])
def test_bare_trade_after_another_partys_trade_is_theirs(request, profile, other, bare):
    text = f"{LEDES[profile]}\n\n{other} {bare[0]}"
    assert _trade(request.getfixturevalue(profile), text) == [], text


@pytest.mark.parametrize(("profile", "other", "bare"), [
    (p, o, b) for p, others in OTHER_TRADE.items() for o, b in itertools.product(others, BARE)])
def test_past_a_paragraph_break_or_naming_a_side_it_stays_the_pairs(request, profile, other, bare):
    extractor = request.getfixturevalue(profile)
    sentence, expected = bare
    text = f"{LEDES[profile]}\n\n{other}\n\n{sentence}"
    assert _trade(extractor, text) == expected, text
    named = sentence.replace("Trade ", f"Trade with {SIDE[profile]} ", 1).replace("the turnover ", f"the turnover with {SIDE[profile]} ", 1)
    text = f"{LEDES[profile]}\n\n{other} {named}"
    assert _trade(extractor, text) == expected, text
