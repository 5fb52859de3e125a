"""A host's verb with the guest as its object ("Tokayev welcomes Putin to Astana", "was greeted by") is a meeting;
with a thing as its object ("received a letter from Putin", "welcomed Putin's proposal") it is none (blind batch
54, issue 10).

The class: "welcomed" and "greeted" were no meeting words, so a lede telling the host's welcome proposed nothing,
while "received" was one whatever was received. Every sentence is ours: verbs, tenses, titles before the guest,
passive and pronoun forms, both profiles. Controls: letters, messages, proposals, congratulations and calls
received or welcomed propose no meeting.
"""

from __future__ import annotations

import itertools

import pytest

PUBLISHED = "2023-11-09"  # a Thursday
PAIRS = {"belarus": ("Lukashenko", "Vladimir Putin", "Minsk", ("lukashenko", "putin")),
         "kazakhstan": ("Tokayev", "Vladimir Putin", "Astana", ("putin", "tokayev"))}
RECEPTIONS = [
    "{h} welcomes Russian President {g} to {city} with an official ceremony.",
    "{h} welcomed {g} at the airport of {city} on Thursday.",
    "{h} greeted his Russian counterpart {g} in {city} on Thursday.",
    "{h} received {g} in {city} on Thursday.",
    "{g} was warmly welcomed by {h} in {city} on Thursday.",
    "{g} was greeted by {h} at the palace in {city} on Thursday.",
    "{g} flew to {city} on Thursday, where {h} welcomed him at the airport.",
]
THINGS = [
    "{h} welcomed {g}'s proposal on Thursday.",
    "{h} received a letter from {g} on Thursday.",
    "{h} received {g}'s message on Thursday.",
    "{h} welcomed the agreement reached by {g} on Thursday.",
    "{h} received congratulations from {g} on Thursday.",
    "{h} is welcoming the decision of {g} on Thursday.",
]


def _meetings(extractor, text):
    return sorted((f["date_start"], f["held"], tuple(f["participants"]))
                  for f in extractor.facts(text, PUBLISHED) if f["kind"] == "meeting")


@pytest.mark.parametrize(("profile", "reception"), list(itertools.product(PAIRS, RECEPTIONS)))
def test_a_host_welcoming_the_guest_is_a_meeting(request, profile, reception):
    h, g, city, ids = PAIRS[profile]
    text = reception.format(h=h, g=g, city=city) + " The weather was cold."
    assert _meetings(request.getfixturevalue(profile), text) == [(PUBLISHED, "held", ids)], text


@pytest.mark.parametrize(("profile", "thing"), list(itertools.product(PAIRS, THINGS)))
def test_a_thing_received_or_welcomed_is_no_meeting(request, profile, thing):
    h, g, city, ids = PAIRS[profile]
    text = thing.format(h=h, g=g) + " The weather was cold."
    assert _meetings(request.getfixturevalue(profile), text) == [], text
