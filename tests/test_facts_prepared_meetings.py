"""A meeting being prepared ("the agenda of the meeting is being formed") is no held meeting (issue 10, batch 29 class).

Every sentence is ours. Cues of preparation before the meeting word (the profile's ``prepared_refs``) are crossed
with wordings, a day told for the announcement and both profiles: no meeting is dated by the announcement's day or
the publication day. Controls: a date after the meeting word dates the plan, and "the agenda of" something else
leaves a held meeting held.
"""

from __future__ import annotations

import pytest

from tests.test_facts_meetings_perturb import FRIDAY

PAIRS = {"belarus": "Lukashenko", "kazakhstan": "Tokayev"}
PREPARED = [
    "The agenda of the meeting between Putin and {b} is still being drafted, Peskov said on Friday.",
    "On Friday, Peskov announced the preparations for a meeting of Putin and {b}.",
    "The Kremlin is preparing the talks of Putin and {b}, Peskov said on Friday.",
    "Peskov said on Friday that the topics of the upcoming talks between Putin and {b} are not yet known.",
    "The day before, aides began the preparation of the summit of Putin and {b}.",
    "Peskov on Friday declined to discuss the agenda for the talks between Putin and {b}.",
]


def _events(extractor, text):
    return [(f["date_start"], f["date_end"], f["held"]) for f in extractor.facts(text) if f["kind"] == "meeting"]


@pytest.mark.parametrize("profile", list(PAIRS))
@pytest.mark.parametrize("template", PREPARED)
def test_a_meeting_being_prepared_is_not_dated_by_the_announcement(request, profile, template):
    text = template.format(b=PAIRS[profile])
    assert _events(request.getfixturevalue(profile), text) == [], text


@pytest.mark.parametrize("profile", list(PAIRS))
@pytest.mark.parametrize("template", [
    "Preparations for the talks between Putin and {b} on 22 September are under way.",
    "Peskov said on Friday that the agenda of the meeting of Putin and {b} on 22 September is being drafted.",
])
def test_a_date_after_the_meeting_word_dates_the_plan(request, profile, template):
    text = template.format(b=PAIRS[profile])
    assert _events(request.getfixturevalue(profile), text) == [("2023-09-22", "2023-09-22", "planned")], text


@pytest.mark.parametrize("template", [
    "Putin and {b} discussed the agenda of the Union State on Friday in talks in Sochi.",
    "Putin and {b} met in Sochi on Friday to discuss the agenda of the Union State.",
    "Putin and {b} met in Sochi on Friday after weeks of preparation.",
])
def test_an_agenda_of_something_else_leaves_the_meeting_held(belarus, template):
    text = template.format(b="Lukashenko")
    assert _events(belarus, text) == [(FRIDAY, FRIDAY, "held")], text
