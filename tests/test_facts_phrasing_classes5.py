"""Meeting, date, trade and place classes found in blind batch 27 and before (issue 10), each under perturbation.

Like tests/test_facts_phrasing_classes4.py: every sentence is ours, written for the class, never an
article's own; each class is crossed with wordings, names and dates, against near-misses that must keep
working. Spans come from the profile's gazetteer on a blank pipeline (tests/test_facts_meetings_perturb.py).
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_meetings_perturb import FRIDAY, PUBLISHED, THURSDAY, belarus, kazakhstan  # noqa: F401 (fixtures)


def _meetings(extractor, text, published=PUBLISHED):
    return sorted((f["date_start"], f["date_end"], f["held"], tuple(f["participants"]))
                  for f in extractor.facts(text, published) if f["kind"] == "meeting")


def _cap(text):
    return text[0].upper() + text[1:]


# ---------------------------------------------------------------- class 1: a leader meeting his own government

# A leader with his own government, cabinet or Security Council: a meeting of other officials, whatever is said of
# the other leader in the same sentence or the next.
OWN_GOVERNMENT = [
    "{x} held a meeting with the government members on Friday.",
    "On Friday, {x} held a meeting with members of the government.",
    "{x} met with the Security Council on Friday.",
    "{x} chaired a session of the cabinet on Friday.",
    "On Friday {x} held a meeting with the permanent members of the Security Council.",
    "{x} held a Security Council meeting on Friday.",
    "{x} held talks with the Council of Ministers on Friday.",
    "{x} convened a government meeting on Friday.",
]
LEADERS = [("Putin", "Lukashenko"), ("Lukashenko", "Putin"), ("the Belarusian leader", "the Russian president"),
           ("Alyaksandr Lukashenka", "Vladimir Putin")]
# What the same sentence or the next says of the other leader: no meeting of the two on that day.
ABOUT_THE_OTHER = [
    "",
    " The meeting discussed the agreements reached with {y}.",
    " The head of state spoke about his recent talks with {y}.",
]


def _own_government(template, x, y, tail):
    return _cap(template.format(x=x)) + tail.format(y=y)


@pytest.mark.parametrize(("template", "names", "tail"),
                         list(itertools.product(OWN_GOVERNMENT, LEADERS, ABOUT_THE_OTHER)))
def test_a_leaders_meeting_with_his_own_government_is_no_meeting_of_the_pair(belarus, template, names, tail):
    text = _own_government(template, *names, tail)
    assert _meetings(belarus, text) == [], text


@pytest.mark.parametrize("template", OWN_GOVERNMENT)
def test_a_government_meeting_on_the_talks_takes_neither_its_day_nor_the_articles(belarus, template):
    # "... to discuss the results of his talks with Putin": the talks are the topic, dated neither by Friday
    # (the government's day) nor by the publication day.
    text = _cap(template.format(x="Lukashenko")).rstrip(".") + " to discuss the results of his talks with Putin."
    assert _meetings(belarus, text) == [], text
    headline = "Meeting with government members\n" + _cap(template.format(x="Lukashenko")).replace(" on Friday", "")
    assert _meetings(belarus, headline + " He informed them about his talks with Putin.") == [], headline


@pytest.mark.parametrize("template", OWN_GOVERNMENT)
def test_the_pairs_meeting_beside_a_government_meeting_stays_one(belarus, template):
    # The two leaders met on Thursday; the next day one of them met his government: one meeting, Thursday's.
    text = "Putin and Lukashenko met in Sochi on Thursday. " + _cap(template.format(x="the Belarusian leader"))
    assert _meetings(belarus, text) == [(THURSDAY, THURSDAY, "held", ("lukashenko", "putin"))], text
    # The same day: the government meeting does not become a second source of that meeting's day either.
    same_day = "Putin and Lukashenko met in Sochi on Friday. " + _cap(template.format(x="Lukashenko"))
    assert _meetings(belarus, same_day) == [(FRIDAY, FRIDAY, "held", ("lukashenko", "putin"))], same_day


@pytest.mark.parametrize("text", [
    # The other leader is the first party named: their talks, the government joining them.
    "On Friday, Putin held talks with Lukashenko and members of the Belarusian government.",
    "Putin met with Lukashenko and the Security Council secretaries of both countries on Friday.",
    # The talks dated after their own word, a government meeting told after them.
    "Before the talks with Lukashenko on Friday, Putin held a meeting with the Security Council.",
    # Both leaders' body, whoever else takes part.
    "A session of the Supreme State Council with the participation of the Council of Ministers was held on Friday.",
    "Putin and Lukashenko held talks on Friday in an expanded format, with the participation of government members.",
    "The Supreme State Council meeting with the government members of both countries took place on Friday.",
    "Putin and Lukashenko met on Friday to discuss the work of the two governments.",
])
def test_the_pairs_meetings_with_government_words_near_stay(belarus, text):
    assert _meetings(belarus, text) == [(FRIDAY, FRIDAY, "held", ("lukashenko", "putin"))], text


@pytest.mark.parametrize("text", [
    "Tokayev held a meeting with the government members on Friday to discuss the agreements reached with Putin.",
    "Putin chaired a session of the Security Council on Friday, where he spoke about his talks with Tokayev.",
    "On Friday, the Kazakh leader held a meeting with the members of the government.",
])
def test_a_government_meeting_in_the_second_profile(kazakhstan, text):
    assert _meetings(kazakhstan, text) == [], text
    assert _meetings(kazakhstan, "Putin and Tokayev met in Astana on Friday. " + text) == [
        (FRIDAY, FRIDAY, "held", ("putin", "tokayev"))], text


# ---------------------------------------------------------------- class 2: an arrival at the other's invitation

# A leader arriving for a visit: told with the visit's talks, one meeting, the talks' (day and place: the city);
# told alone, the visit is a meeting held on the arrival day (a visit to the other side is one with its host).
ARRIVALS = [
    "{v} arrived in {city} on Thursday at the invitation of {h}.",
    "At the invitation of {h}, {v} arrived in {city} on Thursday.",
    "On Thursday, {v} arrived in {city} on a working visit.",
    "{v} flew to {city} on Thursday at the invitation of {h}.",
    "{v} arrived in {city} at the invitation of {h}.",  # undated: the publication day stands for it
]
VISIT_TALKS = [
    "On Friday, the two presidents held talks.",
    "The talks between {h} and {v} took place on Friday.",
    "{h} and {v} met one-on-one on Friday.",
    "The presidents held talks in narrow format on Friday, 15 September.",
]
VISITS_TO_RUSSIA = [("Lukashenko", "Putin", "Moscow"), ("the Belarusian leader", "Vladimir Putin", "Sochi"),
                    ("Alyaksandr Lukashenka", "the Russian president", "St. Petersburg")]


def _visit(template, v, h, city):
    return _cap(template.format(v=v, h=h, city=city))


@pytest.mark.parametrize(("arrival", "talks", "names"),
                         list(itertools.product(ARRIVALS, VISIT_TALKS, VISITS_TO_RUSSIA)))
def test_an_arrival_told_with_the_talks_is_the_talks(belarus, arrival, talks, names):
    text = _visit(arrival, *names) + " " + _visit(talks, *names)
    found = [f for f in belarus.facts(text) if f["kind"] == "meeting"]
    assert [(f["date_start"], f["date_end"], f["held"], f["place"]) for f in found] == [
        (FRIDAY, FRIDAY, "held", names[2])], text


@pytest.mark.parametrize(("arrival", "names"), list(itertools.product(ARRIVALS[:4], VISITS_TO_RUSSIA)))
def test_an_arrival_told_alone_is_the_visit_held_on_its_day(belarus, arrival, names):
    if "invitation" not in arrival:
        names = (names[0], names[1], "Moscow")  # a visit with no host named is the capital's (visits)
    text = _visit(arrival, *names)
    assert _meetings(belarus, text) == [(THURSDAY, THURSDAY, "held", ("lukashenko", "putin"))], text
    # Told on the day, with the talks planned for the next: one planned meeting, the talks'.
    planned = text + " The talks with " + names[1] + " will be held on Friday."
    assert _meetings(belarus, planned, THURSDAY) == [(FRIDAY, FRIDAY, "planned", ("lukashenko", "putin"))], planned


@pytest.mark.parametrize("after", [
    "On Friday, he held talks with Mishustin.",  # someone else's talks: the arrival is still the visit
    "The two leaders had met in Minsk in May.",  # another meeting, months before
    "Putin and Lukashenko will meet again in December.",
])
def test_an_arrival_beside_other_meetings_stays_a_meeting(belarus, after):
    text = "Lukashenko arrived in Moscow on Thursday at the invitation of Putin. " + after
    found = _meetings(belarus, text)
    assert (THURSDAY, THURSDAY, "held", ("lukashenko", "putin")) in found, text
    assert len(found) == (1 if "Mishustin" in after else 2), text


def test_an_arrival_in_the_second_profile(kazakhstan):
    text = "Tokayev arrived in Moscow on Thursday at the invitation of Putin. On Friday, the presidents held talks."
    assert _meetings(kazakhstan, text) == [(FRIDAY, FRIDAY, "held", ("putin", "tokayev"))], text
    assert _meetings(kazakhstan, text.split(" On Friday")[0]) == [(THURSDAY, THURSDAY, "held", ("putin", "tokayev"))]
