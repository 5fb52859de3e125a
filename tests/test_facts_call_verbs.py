"""A verb of dialling with a participant as its object is a call ([facts.phrases] call_verbs; issue 10).

The class: "Lukashenko called Putin on Thursday to congratulate him" gave nothing, having no phone word. Every
sentence is ours: verbs, names and roles, both profiles, past and future; controls where "called" names or asks.
"""

from __future__ import annotations

import itertools

import pytest

PUBLISHED = "2023-09-16"  # a Saturday
PAIRS = {
    "belarus": (["Lukashenko", "Alexander Lukashenko", "the Belarusian president"], ("lukashenko", "putin")),
    "kazakhstan": (["Tokayev", "Kassym-Jomart Tokayev", "the Kazakh president"], ("putin", "tokayev")),
}
DIALLED = [
    "Putin called {other} on Thursday to discuss gas prices.",
    "On Thursday Putin rang {other} to congratulate him on his birthday.",
    "{Other} called Vladimir Putin on Thursday, the Kremlin said.",
    "Putin phoned {other} on Thursday.",
]


def _kinds(extractor, text):
    return sorted((f["kind"], f["date_start"], f["held"], tuple(f["participants"]))
                  for f in extractor.facts(text, PUBLISHED))


@pytest.mark.parametrize(("profile", "sentence", "other"), [
    (profile, sentence, other) for profile, (others, _) in PAIRS.items()
    for sentence, other in itertools.product(DIALLED, others)])
def test_a_participant_dialled_is_a_call(request, profile, sentence, other):
    text = sentence.format(other=other, Other=other[0].upper() + other[1:])
    ids = PAIRS[profile][1]
    assert _kinds(request.getfixturevalue(profile), text) == [("call", "2023-09-14", "held", ids)], text


@pytest.mark.parametrize("profile", PAIRS)
def test_a_call_to_come_is_planned(request, profile):
    other = PAIRS[profile][0][1]
    text = f"Putin calls {other} on Monday."
    got = _kinds(request.getfixturevalue(profile), text)
    assert got == [("call", "2023-09-18", "planned", PAIRS[profile][1])], text


# Controls: "called" that names, asks or owns is no call.
NOT_CALLS = [
    "{Other} called Putin a true friend on Thursday.",
    "{Other} called on Putin on Thursday to lift the ban.",
    "{Other} called Putin's plan a good one on Thursday.",
    "{Other} called the Russian president \"a brother\" on Thursday.",
    "On Thursday {other} criticised the so-called Putin plan.",
]


@pytest.mark.parametrize(("profile", "sentence"), list(itertools.product(PAIRS, NOT_CALLS)))
def test_called_that_names_or_asks_is_no_call(request, profile, sentence):
    other = PAIRS[profile][0][1]
    text = sentence.format(other=other, Other=other)
    assert [k for k in _kinds(request.getfixturevalue(profile), text) if k[0] == "call"] == [], text
