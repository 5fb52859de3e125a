"""A retrospective report of one meeting: a past question, a quoted "today" and the visit's bounds (issue 10,
blind batch 33 classes).

Every sentence is ours. An article published days after a visit tells its talks once with their day and then
again: as a question in the past ("Why did the two presidents choose to meet on Sunday?", once read as the next
Sunday, planned), through a quote reported in the past ('"We are meeting today," the Russian leader began the
talks', once dated by publication) and by the visit's start or end ("ended a working visit to Russia where he
went on 10 September", once a meeting on the arrival day). Each is the one meeting of the day the article names.
Controls: the future, a present report, a quote with no day named, a visit told alone or far from the talks.
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_meetings_perturb import PUBLISHED  # Saturday, 2023-09-16
from tests.test_facts_phrasing_classes4 import _meetings

SUNDAY_BEFORE, NEXT_SUNDAY = "2023-09-10", "2023-09-17"
PAIRS = {"belarus": [("Vladimir Putin", "Alexander Lukashenko"), ("the Russian president", "the Belarusian leader"),
                     ("Putin", "Lukashenka")],
         "kazakhstan": [("Vladimir Putin", "Kassym-Jomart Tokayev"), ("the Russian president", "the Kazakh leader"),
                        ("Putin", "Tokayev")]}
PAIR_IDS = {"belarus": ("lukashenko", "putin"), "kazakhstan": ("putin", "tokayev")}
HOME = {"belarus": "Belarus", "kazakhstan": "Kazakhstan"}


def _cap(text):
    return text[0].upper() + text[1:]


def _told(template, a, b, **more):
    return _cap(template.format(a=a, b=b, **more))


# ---------------------------------------------------------------- "did" and a verb before the infinitive

DATED = "{a} and {b} held talks in St. Petersburg on Sunday, 10 September."
QUESTIONS = [
    "Why did the two presidents choose to meet on Sunday?",
    "Why did {a} and {b} choose to meet on Sunday?",
    "How did the two leaders come to meet on Sunday?",
    "Why did the two leaders agree to hold talks on Sunday?",
    "When did {b} decide to travel to meet {a} on Sunday?",
]


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("question", "first"), list(itertools.product(QUESTIONS, [True, False])))
def test_a_question_in_the_past_dates_the_meeting_back(request, profile, question, first):
    extractor = request.getfixturevalue(profile)
    for a, b in PAIRS[profile]:
        lines = [_told(DATED, a, b), _told(question, a, b)]
        text = "\n\n".join(lines if first else lines[::-1])
        assert _meetings(extractor, text) == [(SUNDAY_BEFORE, SUNDAY_BEFORE, "held", PAIR_IDS[profile])], text
        assert _meetings(extractor, "The harvest was good.\n\n" + _told(question, a, b)) in (
            [], [(SUNDAY_BEFORE, SUNDAY_BEFORE, "held", PAIR_IDS[profile])]), question


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("line", [
    "Why will the presidents meet on Sunday?",
    "Why are {a} and {b} going to meet on Sunday?",
    "{a} and {b} decided to meet on Sunday.",
    "Why did the presidents decide to meet next Sunday?",
    "{a} and {b} will hold talks on Sunday.",
])
def test_the_future_and_a_plan_told_without_did_stay_ahead(request, profile, line):
    extractor = request.getfixturevalue(profile)
    for a, b in PAIRS[profile]:
        text = _told(line, a, b)
        assert _meetings(extractor, text) == [(NEXT_SUNDAY, NEXT_SUNDAY, "planned", PAIR_IDS[profile])], text


# ---------------------------------------------------------------- a quoted "today" reported in the past

THURSDAY_BEFORE = "2023-09-14"
DATED_THURSDAY = "{a} and {b} held talks in Sochi on Thursday, 14 September."
FILLER = "There was nothing unusual about that. The schedules of both allowed it."
QUOTES = [
    '"{greeting}, we are meeting today as we agreed," {a} {verb} the talks.',
    '“{greeting}, we are meeting today as we agreed,” {a} {verb} the conversation.',
    '{a} {verb}: “{greeting}, we are meeting today. The weather is good.”',
    '"It is true," {a} {verb}. "We are meeting in Sochi today, and we always have much to discuss."',
]
VERBS = ["began", "noted", "said", "remarked"]


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("quote", "verb"), list(itertools.product(QUOTES, VERBS)))
def test_a_quoted_today_reported_in_the_past_is_the_day_named_before(request, profile, quote, verb):
    extractor = request.getfixturevalue(profile)
    for a, b in PAIRS[profile]:
        said = _told(quote, a, b, verb=verb, greeting="My friend")
        text = f"{_told(DATED_THURSDAY, a, b)} {FILLER}\n\n{said}"
        assert _meetings(extractor, text) == [(THURSDAY_BEFORE, THURSDAY_BEFORE, "held", PAIR_IDS[profile])], text
        # No day named before: the quote dates nothing (the lede is elsewhere).
        text = f"The harvest was good. {FILLER}\n\n{said}"
        assert _meetings(extractor, text) == [], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
def test_today_told_in_the_present_or_outside_a_quote_is_the_articles_day(request, profile):
    extractor = request.getfixturevalue(profile)
    for a, b in PAIRS[profile]:
        for line in ["{a} and {b} are meeting in Sochi today.",
                     "{a} and {b} met in Sochi today, the press service said.",
                     '"We are meeting today," {a} says as the talks with {b} begin.',
                     'On Saturday, {a} and {b} held talks in Sochi. "We are meeting today," {a} said.']:
            text = _told(line, a, b)
            assert _meetings(extractor, text) == [(PUBLISHED, PUBLISHED, "held", PAIR_IDS[profile])], text


# ---------------------------------------------------------------- the visit's start or end is not its talks

BOUNDS = [
    "On 14 September {b} ended a working visit to Russia where he went on 10 September.",
    "{b} completed his visit to Russia on 13 September.",
    "{b}'s visit to Russia, which began on 10 September, ended on 14 September.",
    "{b} went on a working visit to Russia on 10 September.",
]
TALKS = ["On Monday, 11 September, {a} and {b} held talks in St. Petersburg.",
         "The talks of {a} and {b} took place on 12 September."]


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("bound", "talks"), list(itertools.product(BOUNDS, TALKS)))
def test_a_visits_start_or_end_gives_way_to_its_talks(request, profile, bound, talks):
    extractor = request.getfixturevalue(profile)
    for a, b in PAIRS[profile][:2]:
        text = f"{_told(bound, a, b)} {_told(talks, a, b)}"
        found = _meetings(extractor, text)
        day = "2023-09-11" if "11 September" in talks else "2023-09-12"
        assert found == [(day, day, "held", PAIR_IDS[profile])], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("bound", BOUNDS[:2])
def test_a_visit_told_alone_or_far_from_the_talks_stays(request, profile, bound):
    extractor = request.getfixturevalue(profile)
    for a, b in PAIRS[profile][:2]:
        alone = _meetings(extractor, _told(bound, a, b))
        assert [m[2:] for m in alone] == [("held", PAIR_IDS[profile])], bound
        far = _meetings(extractor, f"{_told(bound, a, b)} {_told('{a} and {b} held talks in Sochi on 2 September.', a, b)}")
        assert len(far) == 2 and "2023-09-02" in [m[0] for m in far], bound
