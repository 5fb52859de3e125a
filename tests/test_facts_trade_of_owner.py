"""A trade term whose "of" names another owner ("the internal trade of the EAEU rose by 17%",
"trade of the CIS member states reached $80 billion") is that owner's trade, not the pair's (blind batch 48,
issue 10).

The class: the leaders of the pair, in a call, noted the growth of their bloc's foreign and mutual trade, and the
two percentages became two changes of the pair's trade. Every sentence is ours: owners (blocs by name and acronym,
their member states, another country) crossed with amount and change phrasings and both profiles. Controls: an
"of" naming the pair itself, an amount after "of" ("turnover of US$17 billion", "of USD 17 billion") and "of goods
between" the pair keep the pair's figure.
"""

from __future__ import annotations

import itertools

import pytest

PAIRS = {"belarus": ("Putin and Lukashenko", "Russia and Belarus"),
         "kazakhstan": ("Putin and Tokayev", "Russia and Kazakhstan")}
OWNERS = ["the Eurasian Economic Union", "the EAEU", "the EAEU members", "the CIS countries", "the CIS",
          "the Shanghai Cooperation Organisation", "China"]
PHRASES = [
    ("In 2022 the mutual trade of {owner} grew by 14.2%.", None, 14.2),
    ("They noted that in 2022 the foreign trade of {owner} rose by 9.5 percent.", None, 9.5),
    ("In 2022 trade of {owner} reached $81 billion.", 81e9, None),
    ("Last year the trade turnover of {owner} amounted to $81 billion, up 14.2%.", 81e9, 14.2),
]
LEADE = "{leaders} spoke by phone on Friday. "


def _trade(extractor, text):
    return sorted((f["period_start"], f["value"], f["change_pct"])
                  for f in extractor.facts(text, "2023-03-10") if f["kind"] == "trade")


@pytest.mark.parametrize(("owner", "phrase"), list(itertools.product(OWNERS, PHRASES)))
@pytest.mark.parametrize("profile", list(PAIRS))
def test_trade_of_another_owner_is_not_the_pairs(request, profile, owner, phrase):
    text = LEADE.format(leaders=PAIRS[profile][0]) + phrase[0].format(owner=owner)
    assert _trade(request.getfixturevalue(profile), text) == [], text


@pytest.mark.parametrize("phrase", PHRASES)
@pytest.mark.parametrize("profile", list(PAIRS))
def test_trade_of_the_pair_stays_the_pairs(request, profile, phrase):
    template, value, change = phrase
    text = LEADE.format(leaders=PAIRS[profile][0]) + template.format(owner=PAIRS[profile][1])
    assert _trade(request.getfixturevalue(profile), text) == [("2022-01-01", value, change)], text


@pytest.mark.parametrize("profile", list(PAIRS))
def test_an_amount_or_goods_after_of_keep_the_pairs_figure(request, profile):
    leaders, pair = PAIRS[profile]
    for sentence in ("In 2022 the trade turnover of US$17 billion was a record.",
                     "In 2022 the trade turnover of USD 17 billion was a record.",
                     f"In 2022 the turnover of goods between {pair} reached $17 billion."):
        text = LEADE.format(leaders=leaders) + sentence
        assert _trade(request.getfixturevalue(profile), text) == [("2022-01-01", 17e9, None)], text
