"""Multilateral summits both leaders attend (issue 10, blind batches 33 and 34), each class under perturbation.

Like tests/test_facts_phrasing_classes7.py: every sentence is ours, written for the class, never an article's own;
each class is crossed with wordings, names and both profiles, against controls that must keep working. Spans come
from the profile's gazetteer on a blank pipeline (tests/test_facts_meetings_perturb.py).
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_meetings_perturb import FRIDAY, PUBLISHED
from tests.test_facts_phrasing_classes4 import _meetings

PLANNED_DAY = "2023-09-22"  # "on 22 September" in an article of 16 September: ahead
PAIRS = {"belarus": ("lukashenko", "putin"), "kazakhstan": ("putin", "tokayev")}
# The other leader of each profile, by name and by title with name, as a list of guests gives them.
GUESTS = {
    "belarus": ["Alexander Lukashenko", "President of Belarus Alexander Lukashenko", "Belarusian President Lukashenka"],
    "kazakhstan": ["Kassym-Jomart Tokayev", "President of Kazakhstan Kassym-Jomart Tokayev", "Kazakh President Tokayev"],
}
RUSSIAN = ["Vladimir Putin", "President of Russia Vladimir Putin", "Russian President Putin"]

# ---------------------------------------------------------------- a summit sentence, then its attendance list

# The summit sentence names neither leader; the list after it (one of the next two sentences) names both.
SUMMITS = [
    ("On Friday, Astana hosted the summit of the CIS heads of state.", "held"),
    ("The summit of the Council of CIS Heads of State was held in Minsk on Friday.", "held"),
    ("Dushanbe will host a summit of the CIS leaders on 22 September.", "planned"),
    ("On 22 September, an EAEU summit will take place in Bishkek.", "planned"),
]
REMARKS = ["", " For the first time in years, the leaders gathered in person."]
LISTS = [
    "The summit was attended by:\n- President of Armenia Nikol Pashinyan\n- {a}\n- {b}\n- Chairman of the "
    "Executive Committee Sergey Lebedev.",
    "The meeting was attended by:\n1. {b}\n2. {a}",
    "Participants:\n{a}\n{b}\nPrime Minister Nikol Pashinyan",
    "Expected participants include the Armenian prime minister, {a} and {b}.",
    "Taking part were {b}, {a} and the leaders of Central Asia.",
    "{a} and {b} are expected to attend.",
    "Among the participants are {a}, {b} and Prime Minister Nikol Pashinyan.",
]


@pytest.mark.parametrize("profile", list(PAIRS))
@pytest.mark.parametrize(("summit", "status"), SUMMITS)
@pytest.mark.parametrize("remark", REMARKS)
@pytest.mark.parametrize("listed", LISTS)
def test_an_attendance_list_after_a_summit_sentence_makes_it_the_pairs(request, profile, summit, status, remark,
                                                                        listed):
    for a, b in zip(GUESTS[profile], RUSSIAN):
        text = f"{summit}{remark}\n{listed.format(a=a, b=b)}"
        day = FRIDAY if status == "held" else PLANNED_DAY
        found = _meetings(request.getfixturevalue(profile), text)
        assert found == [(day, day, status, PAIRS[profile])], text


@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_list_in_the_next_paragraph_after_a_blank_line(request, profile):
    a, b = GUESTS[profile][1], RUSSIAN[1]
    text = f"Dushanbe will host a summit of the CIS leaders on 22 September.\n\nExpected participants include {a} and {b}."
    assert _meetings(request.getfixturevalue(profile), text) == [(PLANNED_DAY, PLANNED_DAY, "planned", PAIRS[profile])]


# Controls: the list names one of the pair, is negated or hypothetical, follows a sentence of another dated event or
# another meeting with someone named, or comes with no summit sentence before it.
@pytest.mark.parametrize("profile", list(PAIRS))
@pytest.mark.parametrize("text", [
    "On Friday, Astana hosted the summit of the CIS heads of state.\nThe summit was attended by:\n- {b}\n"
    "- President of Armenia Nikol Pashinyan",
    "On Friday, Astana hosted the summit of the CIS heads of state.\nTaking part were {b} and Nikol Pashinyan; {a} "
    "sent a message.",
    "Dushanbe will host a summit of the CIS leaders on 22 September.\n{a} and {b} are not expected to attend.",
    "Dushanbe will host a summit of the CIS leaders on 22 September.\nIt could be attended by {a} and {b}.",
    "Dushanbe will host a summit of the CIS leaders on 22 September.\nThe foreign ministers gathered on Thursday.\n"
    "Expected participants include {a} and {b}.",
    "On Friday, Astana hosted the summit of the CIS heads of state.\nLater, {b} met Nikol Pashinyan.\n"
    "The meeting was attended by:\n- {a}\n- {b}",
    "Gas prices rose by 5% on Friday.\nThe meeting was attended by:\n- {a}\n- {b}",
    "On Friday, Astana hosted the summit of the CIS heads of state.\nIt was calm.\nIt was sunny.\n"
    "Taking part were {a} and {b}.",
])
def test_an_attendance_list_that_joins_no_summit_to_the_pair(request, profile, text):
    extractor = request.getfixturevalue(profile)
    for a, b in zip(GUESTS[profile], RUSSIAN):
        told = text.format(a=a, b=b)
        assert [m for m in _meetings(extractor, told) if m[0] in (FRIDAY, PLANNED_DAY)] == [], told


# ---------------------------------------------------------------- a title shared by a list of countries

SHARED = [
    ("On 22 September, the Presidents of Tajikistan, {x}, Kyrgyzstan, Uzbekistan, and Russia will convene for the "
     "summit.", "planned"),
    ("The leaders of Russia, {x} and Armenia met in Minsk on Friday.", "held"),
    ("Heads of state of {x}, Kazakhstan & Russia gathered for the EAEU summit on Friday.", "held"),
    ("On Friday the heads of state of the Russian Federation, Uzbekistan and {x} held a summit.", "held"),
    ("A summit of the presidents of {x} and Russia and of the CIS secretary will take place on 22 September.",
     "planned"),
]
COUNTRIES = {"belarus": ["Belarus", "the Republic of Belarus"], "kazakhstan": ["Kazakhstan", "the Republic of Kazakhstan"]}


ADJECTIVES = {"belarus": ["Belarusian"], "kazakhstan": ["Kazakh", "Kazakhstani"]}
ADJECTIVE_SHARED = [
    ("The Russian, {x} and Armenian leaders met in Minsk on Friday.", "held"),
    ("On 22 September the {x}, Kyrgyz & Russian presidents will hold a summit.", "planned"),
    ("On Friday, the Uzbek, Russian and {x} heads of state held a summit.", "held"),
]




@pytest.mark.parametrize(("profile", "adjective"), [(p, a) for p, adjs in ADJECTIVES.items() for a in adjs])
@pytest.mark.parametrize("text", [
    "The Russian, Kyrgyz and Uzbek leaders met in Bishkek on Friday.",
    "The Russian and {x} business leaders met in Minsk on Friday.",
    "The Russian, {x} and Armenian leaders did not meet on Friday.",
])
def test_adjectives_before_a_title_that_make_no_meeting_of_the_pair(request, profile, adjective, text):
    told = text.format(x=adjective)
    assert _meetings(request.getfixturevalue(profile), told) == [], told


# A title shared by a list of the sides' countries ("the presidents of A, B and C") or after a list of their
# adjectives ("the Russian, Belarusian and Armenian leaders"): each one's.
SHARED_LISTS = [(profile, word, shared, status)
                for names, wordings in ((COUNTRIES, SHARED), (ADJECTIVES, ADJECTIVE_SHARED))
                for profile, words in names.items() for word in words for shared, status in wordings]


@pytest.mark.parametrize(("profile", "word", "shared", "status"), SHARED_LISTS)
def test_a_title_shared_by_a_list_of_the_sides_is_each_ones(request, profile, word, shared, status):
    text = shared.format(x=word)
    day = FRIDAY if status == "held" else PLANNED_DAY
    assert _meetings(request.getfixturevalue(profile), text) == [(day, day, status, PAIRS[profile])], text


# Controls: the list leaves out one side, the meeting is negated or hypothetical, the title is someone else's.
@pytest.mark.parametrize("profile", list(PAIRS))
@pytest.mark.parametrize("text", [
    "The presidents of Tajikistan, Kyrgyzstan and Uzbekistan met in Dushanbe on Friday.",
    "The leaders of Russia, China and India met in Kazan on Friday.",
    "The leaders of Russia, Belarus, Kazakhstan and Armenia did not meet on Friday.",
    "The presidents of Belarus, Kazakhstan and Russia could meet on Friday.",
    "The prime ministers of Belarus, Kazakhstan and Russia met in Minsk on Friday.",
    "The foreign ministers of Belarus, Kazakhstan and Russia met in Minsk on Friday.",
    "The heads of Belarusian, Russian and Kazakh regions met in Minsk on Friday.",
    "The leaders of Russian and Belarusian companies met in Minsk on Friday.",
])
def test_a_shared_title_that_makes_no_meeting_of_the_pair(request, profile, text):
    assert _meetings(request.getfixturevalue(profile), text) == [], text


@pytest.mark.parametrize(("profile", "text"), [
    ("belarus", "The presidents of Kazakhstan and Russia met in Astana on Friday."),
    ("kazakhstan", "The leaders of Russia, Belarus and Armenia met in Minsk on Friday."),
])
def test_a_list_of_the_other_profiles_countries_is_not_the_pair(request, profile, text):
    assert _meetings(request.getfixturevalue(profile), text) == [], text


# ---------------------------------------------------------------- a body's session as the time of the pair's meeting

# "A and B met before a meeting of <body>": the session of a body both belong to, named as the time of their meeting,
# is a meeting of its own that day (a second fact; on the day it is told, one told as coming is planned).
NAMINGS = {
    "belarus": [("Putin", "Lukashenko"), ("Vladimir Putin", "the Belarusian leader"),
                ("the Russian president", "Alexander Lukashenko"), ("the two presidents", "")],
    "kazakhstan": [("Putin", "Tokayev"), ("Vladimir Putin", "the Kazakh president"),
                   ("the Russian president", "Kassym-Jomart Tokayev"), ("the two presidents", "")],
}
SESSIONS = {
    "belarus": ["a meeting of the Supreme State Council", "the Supreme State Council session", "the EAEU summit",
                "the session of the Supreme Eurasian Economic Council", "the CSTO summit"],
    "kazakhstan": ["the EAEU summit", "a meeting of the Supreme Eurasian Economic Council", "the CIS summit",
                   "the SCO summit", "the session of the Forum of Interregional Cooperation"],
}
TIMED = [
    "On Friday, {s} met before {b}.",
    "{s} held talks ahead of {b} on Friday.",
    "On Friday {s} had a meeting prior to {b}.",
    "{s} met on the eve of {b} on Friday.",
    "On Friday, {s} held talks after {b}.",
    "{s} met one-on-one following {b} on Friday.",
]


def _subject(names):
    a, b = names
    return f"{a} and {b}" if b else a


def _cap(text):
    return text[0].upper() + text[1:]


@pytest.mark.parametrize("profile", list(PAIRS))
@pytest.mark.parametrize("timed", TIMED)
def test_a_bodys_session_as_the_time_of_the_pairs_meeting_is_a_meeting_of_its_own(request, profile, timed):
    extractor = request.getfixturevalue(profile)
    for names, body in itertools.product(NAMINGS[profile], SESSIONS[profile]):
        text = _cap(timed.format(s=_subject(names), b=body))
        assert _meetings(extractor, text) == [(FRIDAY, FRIDAY, "held", PAIRS[profile])] * 2, text


@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_session_told_as_coming_on_its_day_is_planned(request, profile):
    extractor = request.getfixturevalue(profile)
    for names, body in itertools.product(NAMINGS[profile], SESSIONS[profile]):
        text = _cap(f"{_subject(names)} met before {body}.")
        assert _meetings(extractor, text) == [(PUBLISHED, PUBLISHED, "held", PAIRS[profile]),
                                              (PUBLISHED, PUBLISHED, "planned", PAIRS[profile])], text
        planned = _cap(f"On 22 September, {_subject(names)} will meet ahead of {body}.")
        assert _meetings(extractor, planned) == [(PLANNED_DAY, PLANNED_DAY, "planned", PAIRS[profile])] * 2, planned


# Controls: talks on the sidelines of a summit, or at it, are one meeting; a session told after the talks is the
# session named before, not a third; no meeting told before the cue, another body's meeting, someone else's talks.
@pytest.mark.parametrize("profile", list(PAIRS))
@pytest.mark.parametrize(("text", "count"), [
    ("On Friday, {s} met on the sidelines of {b}.", 1),
    ("{s} held talks at {b} on Friday.", 1),
    ("{s} held talks during {b} on Friday.", 1),
    ("On Friday, {s} met before {b}. {B} opened in Minsk on Friday.", 2),
    ("On Friday, {s} met before the opening of the new bridge.", 1),
    ("On Friday, {s} met before a meeting of the Council of Ministers.", 1),
])
def test_a_session_named_otherwise_is_no_second_meeting(request, profile, text, count):
    extractor = request.getfixturevalue(profile)
    for names, body in itertools.product(NAMINGS[profile][:3], SESSIONS[profile]):
        told = _cap(text.format(s=_subject(names), b=body, B=_cap(body)))
        found = [m for m in _meetings(extractor, told) if m[3] == PAIRS[profile]]
        assert len(found) == count and all(m[0] == FRIDAY for m in found), (told, found)


@pytest.mark.parametrize("profile", list(PAIRS))
def test_someone_elses_talks_before_a_session_add_nothing_to_it(request, profile):
    extractor = request.getfixturevalue(profile)
    for body in SESSIONS[profile]:
        alone = [m for m in _meetings(extractor, _cap(f"{body} took place on Friday.")) if m[3] == PAIRS[profile]]
        told = f"On Friday, Putin met Nikol Pashinyan before {body}."
        assert [m for m in _meetings(extractor, told) if m[3] == PAIRS[profile]] == alone, told


# ---------------------------------------------------------------- the host city as the summit's place

CITIES = {"belarus": ["Minsk", "Moscow", "St. Petersburg", "Sochi"], "kazakhstan": ["Astana", "Almaty", "Moscow", "Sochi"]}
HOSTED = [
    ("On Friday, {c} hosted the summit of the CIS heads of state.", FRIDAY),
    ("{c} hosts the EAEU summit on 22 September.", PLANNED_DAY),
    ("On 22 September {c} will host the CSTO summit.", PLANNED_DAY),
    ("{c} is to host the CIS summit on 22 September.", PLANNED_DAY),
]


def _places(extractor, text):
    return [(f["date_start"], f["place"]) for f in extractor.facts(text, PUBLISHED) if f["kind"] == "meeting"]


@pytest.mark.parametrize("profile", list(PAIRS))
@pytest.mark.parametrize(("hosted", "day"), HOSTED)
def test_the_city_that_hosts_a_summit_is_its_place(request, profile, hosted, day):
    extractor = request.getfixturevalue(profile)
    for city in CITIES[profile]:
        text = hosted.format(c=city) + f"\nTaking part were {GUESTS[profile][0]} and {RUSSIAN[0]}."
        assert _places(extractor, text) == [(day, "St. Petersburg" if city.startswith("St") else city)], text


# Controls: a host who is a participant or a pronoun, or one of the pair's countries, is no place; a place after
# "in" still is.
@pytest.mark.parametrize(("profile", "text", "place"), [
    ("belarus", "Putin hosted Lukashenko on Friday.", None),
    ("belarus", "Putin hosted Lukashenko in Sochi on Friday.", "Sochi"),
    ("kazakhstan", "Tokayev hosted Putin on Friday.", None),
    ("kazakhstan", "It hosted talks between Putin and Tokayev on Friday.", None),
    ("belarus", "Russia will host talks between Putin and Lukashenko on 22 September.", None),
    ("kazakhstan", "The Kremlin hosted talks between Putin and Tokayev on Friday.", None),
])
def test_a_host_that_is_no_place(request, profile, text, place):
    found = _places(request.getfixturevalue(profile), text)
    assert len(found) == 1 and found[0][1] == place, (text, found)
