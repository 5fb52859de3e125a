"""An article that names neither side of the pair nor either leader, but other countries, has none of the pair's
trade: its bare "trade turnover exceeded $1 billion" is theirs (blind batch 42, issue 10).

The class: a note on two other countries' trade (their prime ministers' call, a business council) proposed a
Russia-Belarus figure from a headline whose partners the extractor did not read. Every sentence is ours. The
other countries are named by country, adjective or capital, in the head or the body, crossed with bare trade
sentences and both profiles. Controls: the same trade with the pair's leaders or one of its sides named, and a
note naming no country at all, keep their figure.
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_phrasing_classes6 import _with_model_spans

MODEL = {"Uzbekistan": "GPE", "Uzbek": "NORP", "Kyrgyzstan": "GPE", "Kyrgyz": "NORP", "Tashkent": "GPE",
         "Bishkek": "GPE", "China": "GPE", "Chinese": "NORP", "Beijing": "GPE", "Minsk": "GPE", "Belarusian": "NORP",
         "Kazakh": "NORP", "Armenia": "GPE", "Armenian": "NORP", "Yerevan": "GPE"}

# Two other countries, for each profile (neither of its sides).
OTHERS = {
    "belarus": [
        ("The Kazakh and Uzbek prime ministers spoke by phone on Friday.", "Kazakhstan, Uzbekistan boost trade"),
        ("A Kyrgyz delegation held talks in Tashkent on Friday.", "Uzbek-Kyrgyz trade keeps growing"),
        ("Armenian and Chinese ministers met in Beijing on Friday.", "China and Armenia sum up the quarter"),
    ],
    "kazakhstan": [
        ("The Belarusian and Uzbek prime ministers spoke by phone on Friday.", "Belarus, Uzbekistan boost trade"),
        ("A Kyrgyz delegation held talks in Tashkent on Friday.", "Uzbek-Kyrgyz trade keeps growing"),
        ("Armenian and Chinese ministers met in Beijing on Friday.", "China and Armenia sum up the quarter"),
    ],
}
BARE_TRADE = [
    "Trade turnover exceeded $1.2 billion in the first quarter of 2022.",
    "In January-March 2022 trade grew by 27% to $1.2 billion.",
    "Mutual trade reached $1.2 billion in the first quarter of 2022, the ministers said.",
]


def _trade(extractor, text):
    return sorted((f["period_start"], f["value"]) for f in _with_model_spans(extractor, text, MODEL, "2022-05-04")
                  if f["kind"] == "trade")


@pytest.mark.parametrize(("profile", "others", "trade"), [
    (profile, others, trade) for profile, pairs in OTHERS.items()
    for others, trade in itertools.product(pairs, BARE_TRADE)])
def test_bare_trade_in_a_note_on_other_countries_is_not_the_pairs(request, profile, others, trade):
    extractor = request.getfixturevalue(profile)
    body, head = others
    for text in (f"{body} {trade}", f"{head}\n\n{body}\n\n{trade}", f"{head}\n\n{trade}"):
        assert _trade(extractor, text) == [], text


# Controls: the pair's leaders or a side named, or no country at all, keep the figure.
OWN = {
    "belarus": ["Putin and Lukashenko spoke by phone on Friday.", "The Belarusian leader spoke to Putin on Friday.",
                "A Russian delegation held talks in Minsk on Friday."],
    "kazakhstan": ["Putin and Tokayev spoke by phone on Friday.", "The Kazakh president spoke to Putin on Friday.",
                   "A Russian delegation held talks in Astana on Friday."],
}


@pytest.mark.parametrize(("profile", "own", "trade"), [
    (profile, own, trade) for profile, items in OWN.items() for own, trade in itertools.product(items, BARE_TRADE)])
def test_bare_trade_with_the_pair_named_stays_the_pairs(request, profile, own, trade):
    assert _trade(request.getfixturevalue(profile), f"{own} {trade}") == [("2022-01-01", 1.2e9)]


@pytest.mark.parametrize("trade", BARE_TRADE)
def test_bare_trade_with_no_country_named_stays_the_pairs(belarus, kazakhstan, trade):
    for extractor in (belarus, kazakhstan):
        assert _trade(extractor, f"The ministers spoke by phone on Friday. {trade}") == [("2022-01-01", 1.2e9)]
