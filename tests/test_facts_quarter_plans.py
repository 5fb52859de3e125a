"""A plan dated by quarter, where "the meeting" refers back to a Supreme State Council (issue 10, batch 30 class).

Every sentence is ours. A proposal to convene the body (the profile's ``prepared_refs``: "proposed holding",
"suggests gathering") followed by "the meeting" / "the session" dated by a quarter is one planned session of
both, over the quarter; the proposal itself is not dated by the publication day. Controls: no body before, a
meeting with others, and a held session dated by a quarter (no plan) stay as they were.
"""

from __future__ import annotations

import pytest

PROPOSALS = ["Lukashenko proposed holding the Supreme State Council in Minsk.",
             "Lukashenko suggests gathering the Higher Council of the Union State in Minsk.",
             "Lukashenko has suggested convening the Supreme State Council in Minsk."]
PLANS = ["As agreed with Putin, the meeting will take place in the first quarter of 2024.",
         "The meeting will be held in the first quarter of 2024.",
         "The session is to be held in the first quarter of 2024, Putin agreed."]
Q1 = ("2024-01-01", "2024-03-31", "planned", ["lukashenko", "putin"])


def _meetings(extractor, text):
    return [(f["date_start"], f["date_end"], f["held"], f["participants"]) for f in extractor.facts(text)
            if f["kind"] == "meeting"]


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("proposal", PROPOSALS)
@pytest.mark.parametrize("between", ["\n\n", " ", "\n\nHe spoke of it on Friday.\n\n"])
def test_the_meeting_after_a_proposed_council_is_its_session_over_the_quarter(belarus, proposal, plan, between):
    text = proposal + between + plan
    assert _meetings(belarus, text) == [Q1], text


@pytest.mark.parametrize("text", [
    "Lukashenko spoke of gas prices.\n\nAs agreed with Putin, the meeting will take place in the first quarter of 2024.",
    "Lukashenko proposed holding the Supreme State Council in Minsk.\n\nThe meeting with the governors will take place"
    " in the first quarter of 2024.",
    "Lukashenko proposed holding the Supreme State Council in Minsk.",
])
def test_no_body_before_or_a_meeting_with_others_is_no_session(belarus, text):
    assert _meetings(belarus, text) == [], text


def test_a_held_meeting_is_not_dated_by_a_quarter(belarus):
    found = _meetings(belarus, "Putin and Lukashenko met in Minsk in the first quarter of 2023.")
    assert not [m for m in found if (m[0], m[1]) == ("2023-01-01", "2023-03-31")], found
