"""A leader's visit to the other side (blind batch 62, issue 10), under perturbation: two classes of phrasing.

- The sentence closes with its source: "..., his press secretary told journalists", "..., according to
  the aide", "..., an aide told reporters". The source named there is no host of the visit ("visited Kazakhstan,
  where Nazarbayev received him" is), so the visit is still a meeting with the host's leader.
- The destination is the capital told by its country: "Kazakhstan's capital Astana", "the Kazakh capital", "the
  Belarusian capital, Minsk". A region ("the Kazakh capital region", "Kazakhstan's Mangistau region") or another
  country's capital is not the host's.

Every sentence is ours. Spans come from the gazetteer on a blank pipeline plus the PERSON and GPE spans a trained
model adds (tests/test_facts_phrasing_classes6.py).
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_meetings_perturb import Extractor
from tests.test_facts_phrasing_classes6 import _with_model_spans

MODEL = {"Ruslan Zheldibai": "PERSON", "Yuri Ushakov": "PERSON", "Natalya Eismont": "PERSON", "Mangistau": "GPE",
         "Uzbek": "NORP", "Uzbekistan": "GPE", "Tashkent": "GPE", "Vitebsk": "GPE"}
PUBLISHED = "2022-10-12"  # a Wednesday: "on Friday" is October 14

SIDES = {
    "kazakhstan": {"profile": "russia_kazakhstan", "guest": ["Kassym-Jomart Tokayev", "The Kazakh president"],
                   "host": "Russia", "away": ["Putin", "Russian President Vladimir Putin"],
                   "capitals": ["Kazakhstan's capital Astana", "Kazakhstan\u2019s capital, Astana,",
                                "the Kazakh capital", "the Kazakh capital, Astana,"]},
    "belarus": {"profile": "russia_belarus", "guest": ["Alexander Lukashenko", "The Belarusian president"],
                "host": "Russia", "away": ["Putin", "Russian President Vladimir Putin"],
                "capitals": ["Belarus's capital Minsk", "the Belarusian capital", "the Belarusian capital, Minsk,"]},
}
SOURCES = [
    ", his press secretary Ruslan Zheldibai told journalists on Monday.",
    ", spokesperson Ruslan Zheldibai told reporters.",
    ", according to Kremlin aide Yuri Ushakov.",
    ", Natalya Eismont announced.",
]
VISITS = ["{guest} will pay an official visit to {host} on Friday{source}",
          "{guest} will visit {host} on Friday{source}"]


@pytest.fixture(scope="module")
def extractors():
    return {side: Extractor(spec["profile"]) for side, spec in SIDES.items()}


def _meetings(extractor, text):
    return sorted((f["date_start"], f["held"], tuple(f["participants"]))
                  for f in _with_model_spans(extractor, text, MODEL, PUBLISHED) if f["kind"] == "meeting")


def _pair(side):
    return ("lukashenko", "putin") if side == "belarus" else ("putin", "tokayev")


SOURCE_CASES = [pytest.param(side, visit, guest, source, id=f"{side}|{v}|{g}|{s}")
                for side, spec in SIDES.items()
                for (v, visit), (g, guest), (s, source)
                in itertools.product(enumerate(VISITS), enumerate(spec["guest"]), enumerate(SOURCES))]


@pytest.mark.parametrize(("side", "visit", "guest", "source"), SOURCE_CASES)
def test_a_visit_told_by_a_named_source_is_a_meeting(extractors, side, visit, guest, source):
    text = visit.format(guest=guest, host=SIDES[side]["host"], source=source)
    assert _meetings(extractors[side], text) == [("2022-10-14", "planned", _pair(side))]


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("rest", [", where Yuri Ushakov will receive him.", ", and Yuri Ushakov said he would meet him.",
                                  ", Yuri Ushakov will receive him."])
def test_someone_else_after_the_visit_who_is_no_source_may_be_the_host(extractors, side, rest):
    text = f"{SIDES[side]['guest'][0]} will visit Russia on Friday{rest}"
    assert _meetings(extractors[side], text) == []


CAPITAL_CASES = [pytest.param(side, away, capital, id=f"{side}|{a}|{c}")
                 for side, spec in SIDES.items()
                 for (a, away), (c, capital) in itertools.product(enumerate(spec["away"]), enumerate(spec["capitals"]))]


@pytest.mark.parametrize(("side", "away", "capital"), CAPITAL_CASES)
@pytest.mark.parametrize("visit", ["{away} will visit {capital} on Friday.",
                                   "{away} will carry on his visit to {capital} on Friday, joining the summit there."])
def test_a_visit_to_the_capital_told_by_its_country_is_a_meeting(extractors, side, away, capital, visit):
    text = visit.format(away=away, capital=capital)
    assert _meetings(extractors[side], text) == [("2022-10-14", "planned", _pair(side))]


@pytest.mark.parametrize(("side", "place"), [
    ("kazakhstan", "the Kazakh capital region"), ("kazakhstan", "Kazakhstan's Mangistau region"),
    ("kazakhstan", "the Uzbek capital"), ("kazakhstan", "Uzbekistan's capital Tashkent"),
    ("belarus", "the Belarusian capital region"), ("belarus", "Belarus's Vitebsk region"),
    ("belarus", "the Uzbek capital"),
])
def test_a_region_or_another_countrys_capital_is_no_visit_to_the_host(extractors, side, place):
    assert _meetings(extractors[side], f"Putin will visit {place} on Friday.") == []
