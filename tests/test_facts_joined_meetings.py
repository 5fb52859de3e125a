"""A participant expected to join another for a meeting the article puts off is the pair's cancelled meeting (blind
batch 35 class, issue 10), under perturbation.

Every sentence is ours. "X had also been expected to join Y (and Z) for talks in Tashkent", after the article tells
Y's visit postponed or called off and the meeting "originally scheduled for next week" (or "planned for September
20"): a meeting of X and Y, cancelled, on that date. Crossed with join wordings, meeting words, the other leader
joined or not, names and titles, who joins whom, postponement and schedule wordings and both profiles. Controls:
no postponement (a plan still ahead), no schedule and no date (nothing), a postponement to a new day, a negated
join, another leader's postponed visit with its own schedule, a join of something else.
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_meetings_perturb import PUBLISHED  # 2023-09-16, a Saturday
from tests.test_facts_phrasing_classes6 import _with_model_spans

MODEL = {"Uzbekistan": "GPE", "Uzbek": "NORP", "Tashkent": "GPE", "Shavkat Mirziyoyev": "PERSON",
         "Mirziyoyev": "PERSON", "China": "GPE", "Xi Jinping": "PERSON", "Belarusian": "NORP", "Kazakh": "NORP"}
NEXT_WEEK = ("2023-09-18", "2023-09-24")
SEPTEMBER_20 = ("2023-09-20", "2023-09-20")
PAIR = {"belarus": ("lukashenko", "putin"), "kazakhstan": ("putin", "tokayev")}
# (joiner, joined): the other side's leader joins Putin, or Putin joins him; names and titles.
WHO = {"belarus": [("The president of Belarus, Alexander Lukashenko,", "Putin"), ("Lukashenko", "Vladimir Putin"),
                   ("The Belarusian leader", "Putin"), ("Putin", "Lukashenko")],
       "kazakhstan": [("The president of Kazakhstan, Kassym-Jomart Tokayev,", "Putin"), ("Tokayev", "Vladimir Putin"),
                      ("The Kazakh president", "Putin"), ("Putin", "Tokayev")]}
JOINS = [
    "{x} had also been expected to join {y} and Mirziyoyev for talks in Tashkent.",
    "{x} was expected to join {y} for a meeting in Tashkent.",
    "{x} had been due to join {y} and the Uzbek leader for a summit in Tashkent.",
    "{x} was set to join {y} for talks in Tashkent to discuss trade and transport.",
]
# The article's postponement of the joined leader's visit, with the date the meeting had: (text, date).
POSTPONED = [
    ("{y} has postponed a visit to Uzbekistan, officials said on Friday. A spokesman announced the delay of the "
     "talks, first planned for next week, and gave no new date.", NEXT_WEEK),
    ("{y} postpones visit to Uzbekistan\n\nThe meeting had been planned for September 20.", SEPTEMBER_20),
    ("The summit in Tashkent, which had been scheduled for next week, was called off on Friday.", NEXT_WEEK),
    ("{y} has cancelled his visit to Uzbekistan, planned for September 20.", SEPTEMBER_20),
]


def _meetings(extractor, text):
    return sorted((f["date_start"], f["date_end"], f["held"], tuple(f["participants"]))
                  for f in _with_model_spans(extractor, text, MODEL, PUBLISHED) if f["kind"] == "meeting")


def _article(postponed: str, join: str, x: str, y: str, between: str = " The talks were to focus on trade.") -> str:
    return f"{postponed.format(y=y)}{between}\n\n{join.format(x=x, y=y)}"


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("postponed", "join"), list(itertools.product(POSTPONED, JOINS)))
def test_joining_a_meeting_put_off_is_the_pairs_cancelled_meeting(request, profile, postponed, join):
    extractor = request.getfixturevalue(profile)
    text_postponed, (start, end) = postponed
    for x, y in WHO[profile]:
        text = _article(text_postponed, join, x, y)
        assert (start, end, "cancelled", PAIR[profile]) in _meetings(extractor, text), text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("join", JOINS)
def test_joining_a_meeting_with_no_postponement_is_a_plan(request, profile, join):
    extractor = request.getfixturevalue(profile)
    x, y = WHO[profile][1]
    text = f"{y} will visit Uzbekistan. The meeting is scheduled for next week.\n\n{join.format(x=x, y=y)}"
    assert (*NEXT_WEEK, "planned", PAIR[profile]) in _meetings(extractor, text), text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("join", JOINS)
def test_joining_a_meeting_controls(request, profile, join):
    extractor = request.getfixturevalue(profile)
    x, y = WHO[profile][1]
    joined = join.format(x=x, y=y)
    pair = PAIR[profile]
    for text in [
        f"{y} has postponed a visit to Uzbekistan, officials said.\n\n{joined}",  # no date at all
        f"{y} has postponed the visit to Uzbekistan to September 28. It was originally scheduled for next week."
        f"\n\n{joined}",  # put off to a new day: not cancelled
        f"Xi Jinping has postponed a visit to China's south, originally scheduled for next week.\n\n"
        f"{join.replace(' and Mirziyoyev', '').format(x=x, y=y)}",  # another leader's visit and schedule
    ]:
        assert not [m for m in _meetings(extractor, text) if m[3] == pair and m[2] == "cancelled"], text
    negated = joined.replace("was expected", "was not expected").replace("had also been expected",
                                                                         "had never been expected")
    if negated != joined:
        text = f"{POSTPONED[0][0].format(y=y)}\n\n{negated}"
        assert not [m for m in _meetings(extractor, text) if m[3] == pair], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
def test_joining_something_else_is_no_meeting_of_the_pair(request, profile):
    extractor = request.getfixturevalue(profile)
    x, y = WHO[profile][1]
    text = (f"{POSTPONED[0][0].format(y=y)}\n\n{x} had also been expected to join the Uzbek delegation for talks "
            "in Tashkent.")
    assert not [m for m in _meetings(extractor, text) if m[3] == PAIR[profile]], text


# A postponement's new day follows "to", "until" ([facts.phrases] postponed_to); a day of another verb after the cue
# ("officials said on Friday") is no new day: the meeting is called off, not planned that day.
@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
def test_a_postponement_is_planned_only_on_its_new_day(request, profile):
    extractor = request.getfixturevalue(profile)
    a, b = {"belarus": ("Putin", "Lukashenko"), "kazakhstan": ("Putin", "Tokayev")}[profile]
    pair = PAIR[profile]
    for text in [f"{a} and {b} have postponed their talks, officials said on Friday.",
                 f"The talks between {a} and {b} were postponed, the Kremlin announced on Friday."]:
        assert [m[2] for m in _meetings(extractor, text) if m[3] == pair] in ([], ["cancelled"]), text
        assert not [m for m in _meetings(extractor, text) if m[2] == "planned"], text
    for text, day in [(f"The talks between {a} and {b} have been postponed to September 28.", "2023-09-28"),
                      (f"The talks between {a} and {b} have been rescheduled for September 28.", "2023-09-28")]:
        assert (day, day, "planned", pair) in _meetings(extractor, text), text
