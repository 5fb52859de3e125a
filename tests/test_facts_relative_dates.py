"""A date in a relative clause after the meeting word is the clause's (issue 10, blind batch 32 class).

Every sentence is ours. "Putin met Tokayev, who will chair the summit in Astana on July 4": July 4 is the
summit's; the meeting told in the lede is the article's day. Controls: a date of the meeting's own clause stays.
"""

from __future__ import annotations

import itertools

import pytest

PUBLISHED = "2024-07-03"
GUESTS = {"belarus": ["Alexander Lukashenko", "President of Belarus Alexander Lukashenko"],
          "kazakhstan": ["Kassym-Jomart Tokayev", "President of Kazakhstan Kassym-Jomart Tokayev"]}
RELATIVES = ["who will chair the summit of the regional organisation on July 4",
             "who is to host the forum on Friday", "who will fly to the summit on July 5",
             "who had visited the exhibition on June 30"]
MAIN = ["Vladimir Putin met {guest}, {rel}.", "Vladimir Putin held talks with {guest}, {rel}.",
        "Vladimir Putin met with {guest} in the capital, {rel}."]


def _meetings(extractor, text):
    return [(f["date_start"], f["held"]) for f in extractor.facts(text, PUBLISHED) if f["kind"] == "meeting"]


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("main", "rel"), list(itertools.product(MAIN, RELATIVES)))
def test_a_relative_clauses_date_does_not_date_the_meeting(request, profile, main, rel):
    extractor = request.getfixturevalue(profile)
    for guest in GUESTS[profile]:
        text = "Talks in the capital\n\n" + main.format(guest=guest, rel=rel)
        assert (PUBLISHED, "held") in _meetings(extractor, text), text
        assert all(date == PUBLISHED for date, held in _meetings(extractor, text) if held == "held"), text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
def test_the_meetings_own_date_stays(request, profile):
    extractor = request.getfixturevalue(profile)
    for guest in GUESTS[profile]:
        text = f"Talks in the capital\n\nVladimir Putin met {guest} on July 1, who will chair the forum on July 4."
        assert ("2024-07-01", "held") in _meetings(extractor, text), text
        # "which" after the meeting is the meeting itself: its date is the meeting's.
        text = (f"Talks in the capital\n\n{guest} will take part in talks with Vladimir Putin, which will be held "
                f"in the capital on July 9.")
        assert ("2024-07-09", "planned") in _meetings(extractor, text), text
