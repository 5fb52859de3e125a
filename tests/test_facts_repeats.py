"""A meeting word told again at a later date of its sentence is a second meeting (issue 10).

The class: "met on August 3 in Sochi and again on August 25 in Moscow" gave one meeting, and "have met twice:
in January and again in February" one in January. Every sentence is ours; wordings cross both profiles, days and
months, held and planned; each meeting takes the place told in its own part. Controls: dates without "again",
a call word between, a date of something else.
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_phrasing_classes4 import _meetings

PUBLISHED = "2023-09-16"
PAIRS = {"belarus": ("Alexander Lukashenko", ("lukashenko", "putin")),
         "kazakhstan": ("Kassym-Jomart Tokayev", ("putin", "tokayev"))}
HELD = [
    ("Putin and {guest} met on August 3 in Sochi and again on August 25 in Moscow.",
     [("2023-08-03", "Sochi"), ("2023-08-25", "Moscow")]),
    ("Putin and {guest} met in Sochi on August 3 and again in Moscow on August 25.",
     [("2023-08-03", "Sochi"), ("2023-08-25", "Moscow")]),
    ("Vladimir Putin held talks with {guest} in Sochi on 3 August and once again in Moscow on 25 August.",
     [("2023-08-03", "Sochi"), ("2023-08-25", "Moscow")]),
    ("{guest} and Putin have met twice this year: in January in Moscow and again in February in Sochi.",
     [("2023-01", "Moscow"), ("2023-02", "Sochi")]),
]


def _by_day(found):
    return sorted((start if start == end else start[:7], held) for start, end, held, _ in found)


@pytest.mark.parametrize(("profile", "sentence", "expected"), [
    (profile, sentence, expected) for profile, (sentence, expected) in itertools.product(PAIRS, HELD)])
def test_again_at_a_later_date_is_a_second_meeting(request, profile, sentence, expected):
    guest, ids = PAIRS[profile]
    extractor = request.getfixturevalue(profile)
    text = sentence.format(guest=guest)
    facts = [f for f in extractor.facts(text, PUBLISHED) if f["kind"] == "meeting"]
    got = sorted((f["date_start"] if f["date_start"] == f["date_end"] else f["date_start"][:7], f["place"],
                  tuple(f["participants"])) for f in facts)
    assert got == [(day, place, ids) for day, place in expected], text


@pytest.mark.parametrize("profile", PAIRS)
def test_a_plan_told_again_is_two_plans(request, profile):
    guest, ids = PAIRS[profile]
    text = f"Putin will meet {guest} in Sochi on September 20 and again in Moscow on October 12."
    assert _by_day(_meetings(request.getfixturevalue(profile), text, PUBLISHED)) == [
        ("2023-09-20", "planned"), ("2023-10-12", "planned")]


# Controls: no "again" (one meeting), a call word between (a meeting and a call), a date of something else.
@pytest.mark.parametrize("profile", PAIRS)
@pytest.mark.parametrize(("sentence", "meetings"), [
    ("Putin and {guest} met in Sochi on August 3, a week after the forum of July 27.", [("2023-08-03", "held")]),
    ("Putin and {guest} met in Sochi on August 3 and spoke by phone again on August 25.", [("2023-08-03", "held")]),
    ("Putin met {guest} on August 3 and raised again the gas price set on July 1.", [("2023-08-03", "held")]),
])
def test_controls_stay_one_meeting(request, profile, sentence, meetings):
    guest, _ = PAIRS[profile]
    text = sentence.format(guest=guest)
    assert _by_day(_meetings(request.getfixturevalue(profile), text, PUBLISHED)) == meetings, text
