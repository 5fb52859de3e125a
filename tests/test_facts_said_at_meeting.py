"""A meeting that is the setting of a past act of speech ("X said at a meeting with Y") was held, whatever the rest
of the sentence tells in the future (blind batches 39 and 42, issue 10).

The class: a lede "The governments will sign ten agreements, the president said while meeting his Russian
counterpart" read the meeting in the future of "will sign", and an undated plan is never proposed. Every sentence
is ours: reporting verbs crossed with the prepositions that set them at the meeting, the speech before or after,
both profiles. Controls: a speech about a meeting to come ("said he would raise it at a meeting with"), a
reporting verb in the future, and a speech ahead of the meeting stay without a held meeting.
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_phrasing_classes4 import _meetings

PUBLISHED = "2023-11-09"
PAIRS = {"belarus": ("Alexander Lukashenko", "his Russian counterpart Vladimir Putin", ("lukashenko", "putin")),
         "kazakhstan": ("Kassym-Jomart Tokayev", "his Russian counterpart Vladimir Putin", ("putin", "tokayev"))}
VERBS = ["said", "noted", "stressed", "announced"]
SETTINGS = ["at a meeting with", "while meeting with", "during talks with", "at the talks with", "after talks with"]
SHAPES = [
    "The governments will sign ten agreements at the forum, {speaker} {verb} {setting} {other}.",
    "{speaker} {verb} {setting} {other} that the two governments will sign ten agreements.",
    "ASTANA. Next year trade will grow further, President {speaker} {verb} {setting} {other}, the agency reports.",
]


@pytest.mark.parametrize(("verb", "setting", "shape"), list(itertools.product(VERBS, SETTINGS, SHAPES)))
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_meeting_where_something_was_said_was_held(request, profile, verb, setting, shape):
    speaker, other, ids = PAIRS[profile]
    text = shape.format(speaker=speaker, verb=verb, setting=setting, other=other)
    assert _meetings(request.getfixturevalue(profile), text, PUBLISHED) == [(PUBLISHED, PUBLISHED, "held", ids)], text


@pytest.mark.parametrize("sentence", [
    "{speaker} said he would raise the issue at a meeting with {other}.",
    "{speaker} will say at a meeting with {other} that prices must fall.",
    "{speaker} said in an interview ahead of his meeting with {other} that gas prices will fall.",
])
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_speech_about_a_meeting_to_come_has_no_held_meeting(request, profile, sentence):
    speaker, other, ids = PAIRS[profile]
    text = sentence.format(speaker=speaker, other=other)
    assert [m for m in _meetings(request.getfixturevalue(profile), text, PUBLISHED) if m[2] == "held"] == [], text
