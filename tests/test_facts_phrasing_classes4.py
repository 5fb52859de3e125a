"""Meeting and date classes found in blind batch 24 (issue 10), each under perturbation.

Like tests/test_facts_phrasing_classes3.py: every sentence is ours, written for the class, never an
article's own; each class is crossed with wordings, names and dates, against near-misses that must stay
empty. Spans come from the profile's gazetteer on a blank pipeline (tests/test_facts_meetings_perturb.py).
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_meetings_perturb import FRIDAY, PUBLISHED, Extractor


@pytest.fixture(scope="module")
def belarus():
    return Extractor("russia_belarus")


@pytest.fixture(scope="module")
def kazakhstan():
    return Extractor("russia_kazakhstan")


def _meetings(extractor, text, published=PUBLISHED):
    return sorted((f["date_start"], f["date_end"], f["held"], tuple(f["participants"]))
                  for f in extractor.facts(text, published) if f["kind"] == "meeting")


# ---------------------------------------------------------------- a visit to the other side: the host implied

# One leader named, visiting the other side's country or capital: the host, that side's leader, takes part.
VISITS = [
    "{v} visited {place} on a state visit on Friday.",
    "On Friday, {v} paid an official visit to {place}.",
    "{v} arrived in {place} on a working visit on Friday.",
    "{v}'s state visit to {place} took place on Friday.",
    "{v} was on a two-day visit to {place} on 14-15 September.",
]
KZ_VISITS = [("Putin", "Kazakhstan"), ("Vladimir Putin", "Astana"), ("the Russian president", "the Republic of Kazakhstan"),
             ("Tokayev", "Russia"), ("Kassym-Jomart Tokayev", "Moscow"), ("the Kazakh president", "the Russian Federation")]


def _cap(text):
    return text[0].upper() + text[1:]


@pytest.mark.parametrize(("visit", "names"), list(itertools.product(VISITS, KZ_VISITS)))
def test_a_visit_to_the_other_side_is_a_meeting_with_its_leader(kazakhstan, visit, names):
    visitor, place = names
    text = _cap(visit.format(v=visitor, place=place)).replace("the Russian president's", "the Russian president's")
    found = _meetings(kazakhstan, text)
    assert len(found) == 1 and found[0][2:] == ("held", ("putin", "tokayev")), text
    assert found[0][0] <= FRIDAY <= found[0][1], text
    # Planned, in the future tense.
    planned = _cap(visit.replace("visited", "will visit").replace("paid", "will pay").replace("arrived", "will arrive")
                   .replace("took place", "will take place").replace("was on", "will be on")
                   .format(v=visitor, place=place)).replace("on Friday", "on 22 September").replace(
        "14-15 September", "21-22 September")
    assert [m[2:] for m in _meetings(kazakhstan, planned)] == [("planned", ("putin", "tokayev"))], planned


def test_a_visit_to_the_other_side_in_the_default_profile(belarus):
    for text in ("Lukashenko arrived in Moscow on an official visit on Friday.",
                 "On Friday, Putin paid a working visit to Belarus.",
                 "The Belarusian leader visited Russia on Friday."):
        assert _meetings(belarus, text) == [(FRIDAY, FRIDAY, "held", ("lukashenko", "putin"))], text


@pytest.mark.parametrize("text", [
    "Putin visited Kazakhstan on Friday and met Nazarbayev.",  # someone else named: the visit's clause has him
    "On Friday, Putin visited Kazakhstan, where Nazarbayev received him.",
    "Putin visited Kazakhstan's Mangistau region on Friday.",  # a part of the country, not its leader's
    "Putin visited Russia's Orenburg region on Friday.",  # his own side
    "Putin visited Moscow on Friday.",
    "Tokayev visited Astana's new airport on Friday.",
    "Putin visited China on Friday.",  # a third country
    "Mishustin paid an official visit to Astana on Friday.",  # a visitor who is no participant
    "Putin has never visited Kazakhstan on a state visit.",  # negated
    "Putin might visit Kazakhstan on Friday.",  # hypothetical
    "Tokayev visited the Russian pavilion at the Expo on Friday.",  # an adjective, no place
])
def test_visits_that_are_no_meeting_with_the_host(kazakhstan, text):
    assert _meetings(kazakhstan, text) == [], text


def test_a_union_state_visit_is_nobodys_host(belarus):
    assert _meetings(belarus, "Putin visited the Union State on Friday.") == []
