"""An earlier call named as the time a meeting came after is no call of its own (issue 10, blind batch 33 class).

Every sentence is ours. "Thank you for arranging this visit so soon after our telephone conversation": the
visit is the news, the call a point in time before it; undated, it is no call at all (it was proposed as a
planned call on the article's day). Controls: a call told as the news, alone or before someone speaks of it,
a call told in the future, and a call with a date of its own after the cue.
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_meetings_perturb import PUBLISHED

PAIRS = {"belarus": [("Vladimir Putin", "Alexander Lukashenko"), ("the Russian president", "the Belarusian leader")],
         "kazakhstan": [("Vladimir Putin", "Kassym-Jomart Tokayev"), ("the Russian president", "the Kazakh leader")]}
CUES = ["after", "so soon after", "shortly after", "following", "only a week after"]
DETERMINERS = ["our", "the", "our last", "the recent"]
CALLS = ["telephone conversation", "phone call", "telephone talks"]
# A meeting told with the call as its point in time: in a turn, in a report, in the present perfect.
TOLD = [
    "{b}: Mr President, thank you for arranging this visit {cue} {det} {call}.",
    "{b}: I am glad that we meet in person {cue} {det} {call}.",
    "{a} and {b} held talks in Sochi {cue} {det} {call}.",
    "The visit of {b} came {cue} {det} {call} with {a}.",
]


def _calls(extractor, text):
    return sorted((f["date_start"], f["held"]) for f in extractor.facts(text, PUBLISHED) if f["kind"] == "call")


def _told(template, a, b, cue, det, call):
    text = template.format(a=a, b=b, cue=cue, det=det, call=call)
    return text[0].upper() + text[1:]


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("template", "cue", "det", "call"), list(itertools.product(TOLD, CUES, DETERMINERS, CALLS)))
def test_an_earlier_call_a_meeting_came_after_is_no_call(request, profile, template, cue, det, call):
    extractor = request.getfixturevalue(profile)
    for a, b in PAIRS[profile]:
        text = _told(template, a, b, cue, det, call)
        assert _calls(extractor, text) == [], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("call", CALLS)
def test_the_call_a_meeting_came_after_keeps_a_date_of_its_own(request, profile, call):
    extractor = request.getfixturevalue(profile)
    for a, b in PAIRS[profile]:
        text = _told("{a} and {b} held talks in Sochi a week after their {call} on 5 September.", a, b, "", "", call)
        assert _calls(extractor, text) == [("2023-09-05", "held")], text


# Controls: the call is the news (no meeting beside it), or told in the future.
@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("call", CALLS)
def test_a_call_told_as_the_news_or_a_plan_stays_a_call(request, profile, call):
    extractor = request.getfixturevalue(profile)
    for a, b in PAIRS[profile]:
        assert _calls(extractor, _told("{a} and {b} will have a {call} tomorrow.", a, b, "", "", call)) == [
            ("2023-09-17", "planned")]
        assert _calls(extractor, _told("{a} and {b} held a {call} on Friday.", a, b, "", "", call)) == [
            ("2023-09-15", "held")]
        text = _told("{a} and {b} held a {call} on Friday. After the {call}, {a} told reporters that the talks "
                     "went well.", a, b, "", "", call)
        assert _calls(extractor, text) == [("2023-09-15", "held")], text
        text = _told("{a} and {b} will hold talks in Minsk after their {call} on Monday.", a, b, "", "", call)
        assert _calls(extractor, text) == [("2023-09-18", "planned")], text
