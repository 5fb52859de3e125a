"""A past visit told in the second person in a transcript turn is the pair's meeting (issue 10, blind batch 34 class).

Every sentence is ours. In a participant's turn, "since your visit last March" (or "since you visited us", "since
I met you") is a meeting with the one he speaks to, the other participant: a held meeting of the pair, dated by the
relative month (precision month). Controls: the same words in a turn of someone else or of an asker, outside any
turn, "your" as the owner of something else ("your support for the visit"), "thank you for the invitation", and a
turn whose counterpart neither speaks nor is named in a title or the lede (an article naming him later).
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_phrasing_classes4 import _meetings

MARCH = ("2023-03-01", "2023-03-31", "held")
SPEAKERS = {"belarus": [("Vladimir Putin", "Alexander Lukashenko"), ("President of Russia Vladimir Putin",
                                                                    "President of Belarus Alexander Lukashenko")],
            "kazakhstan": [("Vladimir Putin", "Kassym-Jomart Tokayev"), ("President of Russia Vladimir Putin",
                                                                         "President of Kazakhstan Kassym-Jomart Tokayev")]}
PAIR_IDS = {"belarus": ("lukashenko", "putin"), "kazakhstan": ("putin", "tokayev")}
YOUR = [
    "Trade has been growing since your visit last March.",
    "Trade has been growing since your important, indeed landmark, visit last March.",
    "The projects agreed during your state visit in March are on track.",
    "I remember your visit to our country last March very well.",
    "A lot has changed since you visited us last March.",
    "Much has been done since you paid a visit to us last March.",
    "Much has been done since I met you last March.",
]
TITLES = ["", "Working visit\n\n", "Talks in the Kremlin\n\n"]


def _transcript(title, speaker, other, line, *, host_first=True):
    first, second = (speaker, other) if host_first else (other, speaker)
    return (f"{title}{first}: Dear friend, thank you for coming.\n\n{second}: Thank you.\n\n"
            f"{speaker}: {line}")


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("line", "title"), list(itertools.product(YOUR, TITLES)))
def test_your_visit_in_a_participants_turn_is_the_pairs_meeting(request, profile, line, title):
    extractor = request.getfixturevalue(profile)
    for (a, b), host_first in itertools.product(SPEAKERS[profile], [True, False]):
        for speaker, other in [(a, b), (b, a)]:
            text = _transcript(title, speaker, other, line, host_first=host_first)
            assert (*MARCH, PAIR_IDS[profile]) in _meetings(extractor, text), text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("line", YOUR)
def test_your_visit_said_by_someone_else_or_outside_a_turn_is_not_the_pairs(request, profile, line):
    extractor = request.getfixturevalue(profile)
    a, b = SPEAKERS[profile][0]
    for text in [f"Dmitry Peskov: Good afternoon.\n\n{b}: Thank you.\n\nDmitry Peskov: {line}",
                 f"Question: {a}, thank you for the interview.\n\n{a}: Thank you.\n\nQuestion: {line}",
                 f"The governors met in Omsk. {a} and {b} sent greetings.\n\n{line}"]:
        assert (*MARCH, PAIR_IDS[profile]) not in _meetings(extractor, text), text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
def test_your_as_the_owner_of_something_else_or_no_one_to_speak_to_is_no_meeting(request, profile):
    extractor = request.getfixturevalue(profile)
    a, b = SPEAKERS[profile][0]
    line = "Thank you for your support for the visit of our ministers last March."
    assert _meetings(extractor, _transcript("", a, b, line)) == [], line
    # The speaker's counterpart is named nowhere, or only far from the title, the lede and the turns: "your" is
    # the audience's.
    for after in ["", "\n\nThe harvest was good. Prices fell. The rouble rose. Wages grew. " + f"{b} sent a letter."]:
        text = (f"{a}: Dear friends, thank you for coming.\n\n{a}: Welcome.\n\n{a}: Let us begin.\n\n"
                f"{a}: Trade has been growing since your visit last March.{after}")
        assert _meetings(extractor, text) == [], text
    line = "Thank you for the invitation, we discussed it last March."
    assert _meetings(extractor, _transcript("", a, b, line)) == [], line


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("line", YOUR)
def test_your_visit_said_to_the_one_the_lede_names_is_the_pairs(request, profile, line):
    extractor = request.getfixturevalue(profile)
    for a, b in SPEAKERS[profile]:
        # Only the guest speaks; the host is named in the lede, not in a turn or the title.
        text = f"Meeting with {b}\n\n{a} met with {b} in the Kremlin.\n\n{b}: Dear friend, thank you.\n\n{b}: {line}"
        assert (*MARCH, PAIR_IDS[profile]) in _meetings(extractor, text), text
