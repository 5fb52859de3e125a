"""The day a plan was announced is not the plan's day: "On September 18, Peskov said that Putin would meet X" tells
a meeting of unknown date, not one on the next September 18 (blind batch 43, issue 10).

The class: the announcement's date, before the meeting word, was read as the plan's and resolved into the future
(next year's September 18, next Monday). Every sentence is ours: spokesmen and reporting verbs, the date opening
the sentence or right after the verb, weekdays and calendar days, plan phrasings, both profiles. Controls: the
plan's own date after its word, or a date before it with the reporting verb after, still dates it.
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_phrasing_classes4 import _meetings

PUBLISHED = "2023-09-20"  # a Wednesday
PAIRS = {"belarus": ("Lukashenko", ("lukashenko", "putin")), "kazakhstan": ("Tokayev", ("putin", "tokayev"))}
SPEAKERS = ["Kremlin spokesman Dmitry Peskov", "the presidential aide"]
VERBS = ["said", "told reporters", "announced"]
DATES = ["September 18", "Monday"]
PLANS = [
    "Putin would meet {other}",
    "the Kremlin expected Putin to have a meeting with {other} on the sidelines of the summit",
    "Putin and {other} would hold talks in Sochi",
]
SHAPES = ["On {date}, {speaker} {verb} that {plan}.", "{speaker} {verb} on {date} that {plan}."]


@pytest.mark.parametrize(("speaker", "verb", "date", "plan", "shape"),
                         list(itertools.product(SPEAKERS, VERBS, DATES, PLANS, SHAPES)))
@pytest.mark.parametrize("profile", list(PAIRS))
def test_the_day_a_plan_was_announced_is_not_its_day(request, profile, speaker, verb, date, plan, shape):
    other, ids = PAIRS[profile]
    text = shape.format(date=date, speaker=speaker, verb=verb, plan=plan.format(other=other))
    text = text[0].upper() + text[1:]
    assert _meetings(request.getfixturevalue(profile), text, PUBLISHED) == [], text


@pytest.mark.parametrize("sentence", [
    "Kremlin spokesman Dmitry Peskov said that Putin would meet {other} on September 28.",
    "On Monday, Peskov said that Putin would meet {other} on September 28.",
    "On September 28, Putin will meet {other}, Peskov said.",
])
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_plans_own_date_still_dates_it(request, profile, sentence):
    other, ids = PAIRS[profile]
    text = sentence.format(other=other)
    assert _meetings(request.getfixturevalue(profile), text, PUBLISHED) == [
        ("2023-09-28", "2023-09-28", "planned", ids)], text
