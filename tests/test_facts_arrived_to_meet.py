"""A guest who has arrived to meet his host ("Tokayev arrived in Kazan to see Putin there") meets him
that day: a held meeting on the article's day, in the lede (blind batch 53, issue 10).

The class: the infinitive "to meet" read as a plan with no date of its own, so the lede's meeting was dropped.
Every sentence is ours: arrival verbs, purposes ("to meet with", "to hold talks with", "for talks with") and places,
both profiles. Controls: a departure ("left for Sochi to meet") stays a plan at hand; an arrival told with a day of
the meeting keeps that day; an arrival with no meeting word in its clause ("arrived in Sochi. He will meet Putin
later") proposes no held meeting.
"""

from __future__ import annotations

import itertools

import pytest

PUBLISHED = "2021-02-22"
PAIRS = {"belarus": ("Lukashenko", "Vladimir Putin", "Sochi", ("lukashenko", "putin")),
         "kazakhstan": ("Tokayev", "Vladimir Putin", "Sochi", ("putin", "tokayev"))}
ARRIVALS = ["{g} arrived in {city} to meet with {h}.", "{g} has arrived in {city} to hold talks with {h}.",
            "{g} flew to {city} to meet {h}.", "{g} landed in {city} to hold talks with {h}."]


def _meetings(extractor, text):
    return sorted((f["date_start"], f["held"], tuple(f["participants"]))
                  for f in extractor.facts(text, PUBLISHED) if f["kind"] == "meeting")


@pytest.mark.parametrize(("profile", "arrival"), list(itertools.product(PAIRS, ARRIVALS)))
def test_an_arrival_to_meet_is_a_meeting_held_that_day(request, profile, arrival):
    g, h, city, ids = PAIRS[profile]
    text = arrival.format(g=g, h=h, city=city) + " The weather in the mountains was cold."
    assert _meetings(request.getfixturevalue(profile), text) == [(PUBLISHED, "held", ids)], text


@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_departure_or_a_later_day_is_no_meeting_held_on_arrival(request, profile):
    g, h, city, ids = PAIRS[profile]
    extractor = request.getfixturevalue(profile)
    assert _meetings(extractor, f"{g} left for {city} to meet with {h}.") == [(PUBLISHED, "planned", ids)]
    assert _meetings(extractor, f"{g} arrived in {city} to meet with {h} on Wednesday.") == [
        ("2021-02-24", "planned", ids)]
    assert _meetings(extractor, f"{g} arrived in {city}. He has no plans this week.") == []
