"""A call about an event to come, a call with a list of partners, and a plan that never happened (blind batches 55 and
56, issue 10).

The classes: "discussed the upcoming summit during a telephone conversation on Wednesday" read the call as planned
(the summit's "upcoming" set its tense) and dated it the next Wednesday; a wire dateline's day ("MOSCOW, Nov. 1
(Xinhua) --") dated the summit; a headline's "presidents talk over preparations for Supreme Eurasian Economic
Council session" proposed a meeting held that day; "spoke by phone with Merkel and Putin" was read as a call with
someone else; "an expected visit by Tokayev to Moscow on 3 June never came to pass" proposed nothing. Every
sentence is ours. Controls: a call that is itself upcoming stays planned; "did not meet" stays no meeting; a call
with someone else alone proposes nothing.
"""

from __future__ import annotations

import itertools

import pytest

PUBLISHED = "2023-11-02"  # a Thursday: "on Wednesday" is November 1
PAIRS = {"belarus": ("Lukashenko", "Vladimir Putin", ("lukashenko", "putin"), "Minsk", "Supreme State Council"),
         "kazakhstan": ("Tokayev", "Vladimir Putin", ("putin", "tokayev"), "Astana", "Supreme Eurasian Economic "
                                                                                     "Council")}
TOPICS = ["the upcoming summit of the CSTO", "the forthcoming CIS summit", "preparations for the next summit",
          "the coming session of the Collective Security Council", "the agenda of the upcoming EAEU summit"]
CALLS = ["{g} discussed {topic} during a telephone conversation with {h} on Wednesday.",
         "{g} and {h} discussed {topic} by phone on Wednesday.",
         "MOSCOW, Nov. 1 (Xinhua) -- {g} discussed {topic} during a telephone conversation with {h} on Wednesday.",
         "On Wednesday, {h} and {g} held a phone call and discussed {topic}."]


def _events(extractor, text, published=PUBLISHED):
    return sorted((f["kind"], f["date_start"], f["held"], tuple(f["participants"]))
                  for f in extractor.facts(text, published) if f["kind"] in ("meeting", "call"))


@pytest.mark.parametrize(("profile", "call", "topic"), list(itertools.product(PAIRS, CALLS, TOPICS)))
def test_a_call_about_an_upcoming_event_was_held(request, profile, call, topic):
    h, g, ids, _, _ = PAIRS[profile]
    text = call.format(g=g, h=h, topic=topic) + " The weather was cold."
    assert _events(request.getfixturevalue(profile), text) == [("call", "2023-11-01", "held", ids)], text


@pytest.mark.parametrize("profile", list(PAIRS))
def test_an_upcoming_call_and_a_dated_summit_keep_their_own_days(request, profile):
    h, g, ids, city, _ = PAIRS[profile]
    extractor = request.getfixturevalue(profile)
    text = f"{g} and {h} will hold an upcoming telephone conversation on Monday."
    assert _events(extractor, text) == [("call", "2023-11-06", "planned", ids)]
    text = (f"MOSCOW, Nov. 1 (Xinhua) -- {g} discussed the upcoming summit during a telephone conversation with {h} "
            f"on Wednesday. The two presidents also went over the agenda of the CSTO session that will take place "
            f"in {city} on Nov. 23.")
    assert _events(extractor, text) == [("call", "2023-11-01", "held", ids), ("meeting", "2023-11-23", "planned", ids)]


@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_headline_on_preparations_for_a_session_is_no_meeting_held(request, profile):
    _, _, _, _, body = PAIRS[profile]
    side = {"belarus": "Belarus", "kazakhstan": "Kazakhstan"}[profile]
    for line in [f"Presidents of {side} and Russia discuss preparations for {body} meeting",
                 f"Presidents of {side} and Russia discuss agenda for {body} meeting"]:
        text = f"{line}\n\nThe weather was cold."
        assert [e for e in _events(request.getfixturevalue(profile), text) if e[2] == "held"] == [], line


LISTS = ["{h} talked over the crisis by phone with German Chancellor Olaf Scholz and Russian President {g} on "
         "Wednesday.",
         "On Wednesday, {h} held phone talks with Angela Merkel and {g}.",
         "{h} had telephone conversations with Emmanuel Macron, Angela Merkel and {g} on Wednesday."]


@pytest.mark.parametrize(("profile", "line"), list(itertools.product(PAIRS, LISTS)))
def test_a_call_with_a_list_of_partners_is_one_with_the_participant(request, profile, line):
    h, g, ids, _, _ = PAIRS[profile]
    text = line.format(h=h, g=g)
    assert _events(request.getfixturevalue(profile), text) == [("call", "2023-11-01", "held", ids)], text


@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_call_with_someone_else_alone_is_none_of_theirs(request, profile):
    h, g, ids, _, _ = PAIRS[profile]
    text = f"{h} held phone talks with Angela Merkel on Wednesday. {g} was in Sochi."
    assert _events(request.getfixturevalue(profile), text) == []


NEVER = ["An expected visit by {h} to Moscow on November 11 never materialized.",
         "A planned visit by {h} to Moscow on November 11 did not take place.",
         "{h}'s expected visit to Moscow on November 11 never took place.",
         "The scheduled visit by {h} to Moscow on November 11 failed to materialise.",
         "An expected visit by {h} to Moscow on November 11 never came to pass."]


@pytest.mark.parametrize(("profile", "line"), list(itertools.product(PAIRS, NEVER)))
def test_a_planned_visit_that_never_happened_was_called_off(request, profile, line):
    h, _, ids, _, _ = PAIRS[profile]
    text = line.format(h=h) + " The weather was cold."
    assert _events(request.getfixturevalue(profile), text, "2023-11-14") == [
        ("meeting", "2023-11-11", "cancelled", ids)], text
    # Told the day before: the nearest November 11, not the year's before.
    assert _events(request.getfixturevalue(profile), text, "2023-11-10") == [
        ("meeting", "2023-11-11", "cancelled", ids)], text


@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_meeting_that_did_not_happen_is_no_meeting(request, profile):
    h, g, _, _, _ = PAIRS[profile]
    extractor = request.getfixturevalue(profile)
    for line in [f"A meeting between {h} and {g} on November 11 never took place.",
                 f"{h} and {g} did not meet on November 11."]:
        assert _events(extractor, line, "2023-11-14") == [], line


def test_a_spelling_of_the_first_president_is_his(kazakhstan):
    text = "On Wednesday, Nazarbaev spoke by phone with Russian President Vladimir Putin."
    assert _events(kazakhstan, text, "2014-03-13") == [("call", "2014-03-12", "held", ("nazarbayev", "putin"))]
