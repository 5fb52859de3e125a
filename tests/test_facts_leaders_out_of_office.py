"""A leader out of office is still of his country (blind batch 60, issue 10), under perturbation.

From May 2008 to May 2012 Putin was prime minister: he leads no side then (tests/test_facts_tenures.py), yet
"Prime Minister Putin meets Nazarbayev in <a city abroad>" names Russia and Kazakhstan, so the city is the
meeting's venue and "bilateral trade" further on is the pair's. Before, Putin named no party, the pair the
headline named was {Kazakhstan, the venue}, and the trade figure was dropped as another pair's. Every sentence
is ours. Controls: with someone else in the meeting the trade is that pair's and stays out, and a 2015 article
(both in office) reads as before.
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_meetings_perturb import Extractor
from tests.test_facts_phrasing_classes6 import _with_model_spans

# What en_core_web_sm tags here beyond the gazetteer.
MODEL = {"Istanbul": "GPE", "Baku": "GPE", "Dushanbe": "GPE", "Yerevan": "GPE", "Erdogan": "PERSON",
         "Recep Tayyip Erdogan": "PERSON", "Turkish": "NORP", "Kazakh": "NORP", "Belarusian": "NORP"}

HEADLINES = {
    "kazakhstan": [
        "Prime Minister Putin meets with Kazakhstan's President Nazarbayev in {city}",
        "Vladimir Putin held talks with Nursultan Nazarbayev in {city}",
        "Putin and Nazarbayev met in {city} on the sidelines of the summit",
    ],
    "belarus": [
        "Prime Minister Putin meets with Belarus's President Lukashenko in {city}",
        "Vladimir Putin held talks with Alexander Lukashenko in {city}",
        "Putin and Lukashenko met in {city} on the sidelines of the summit",
    ],
}
TRADE = [
    "Putin noted that bilateral trade grew by 25 percent in the first quarter of the year.",
    "In the first quarter of the year, bilateral trade rose by 25%, the prime minister said.",
]
CITIES = ["Istanbul", "Baku", "Dushanbe", "Yerevan"]
PROFILES = {"kazakhstan": "russia_kazakhstan", "belarus": "russia_belarus"}


@pytest.fixture(scope="module")
def extractors():
    return {side: Extractor(name) for side, name in PROFILES.items()}


def _trade(extractor, text, published):
    return sorted((f["period_start"], f["period_end"], f["change_pct"])
                  for f in _with_model_spans(extractor, text, MODEL, published) if f["kind"] == "trade")


CASES = [pytest.param(side, headline, city, trade, id=f"{side}|{h}|{city}|{t}")
         for side in HEADLINES for (h, headline), city, (t, trade)
         in itertools.product(enumerate(HEADLINES[side]), CITIES, enumerate(TRADE))]


@pytest.mark.parametrize(("side", "headline", "city", "trade"), CASES)
def test_a_prime_ministers_meeting_abroad_keeps_the_pairs_trade(extractors, side, headline, city, trade):
    text = headline.format(city=city) + "\n\nJune 8, 2010\n\n" + trade
    assert _trade(extractors[side], text, "2010-06-08") == [("2010-01-01", "2010-03-31", 25.0)]


@pytest.mark.parametrize("city", CITIES)
@pytest.mark.parametrize("trade", TRADE)
def test_with_another_leader_the_trade_is_that_pairs(extractors, city, trade):
    text = (f"Prime Minister Vladimir Putin meets with Turkish Prime Minister Recep Tayyip Erdogan in {city}"
            f"\n\nJune 8, 2010\n\n{trade}")
    for extractor in extractors.values():
        assert _trade(extractor, text, "2010-06-08") == []


@pytest.mark.parametrize("city", CITIES)
def test_in_office_the_reading_is_unchanged(extractors, city):
    text = f"Vladimir Putin held talks with Nursultan Nazarbayev in {city}\n\nJune 8, 2015\n\n{TRADE[0]}"
    assert _trade(extractors["kazakhstan"], text, "2015-06-08") == [("2015-01-01", "2015-03-31", 25.0)]
