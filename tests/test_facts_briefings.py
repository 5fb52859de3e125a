"""A leader's briefing on talks with a third party is no meeting of the pair (issue 10, batch 30 class).

Every sentence is ours. Briefing words (the profile's ``briefings``) before "the"/"those" and a meeting word are
crossed with wordings and both profiles; controls: the pair named after the cue, "his talks with" the other, and
a briefing given during the pair's own talks stay meetings.
"""

from __future__ import annotations

import pytest

from tests.test_facts_meetings_perturb import FRIDAY

PAIRS = {"belarus": ("Lukashenko", ("lukashenko", "putin")), "kazakhstan": ("Tokayev", ("putin", "tokayev"))}
BRIEFED = [
    "The Kremlin said on Friday that Putin wanted to hear {b}'s briefing on those talks in Washington.",
    "On Friday {b} briefed Putin on the talks in Beijing.",
    "Putin listened on Friday to {b}'s report on the summit in Tashkent.",
    "On Friday Putin was informed by {b} about the meeting in Baku.",
    "On Friday {b} gave Putin a briefing on those negotiations in Ankara.",
]


def _meetings(extractor, text):
    return [(f["date_start"], f["held"], tuple(f["participants"])) for f in extractor.facts(text)
            if f["kind"] == "meeting"]


@pytest.mark.parametrize("profile", list(PAIRS))
@pytest.mark.parametrize("template", BRIEFED)
def test_a_briefing_on_talks_told_back_is_no_meeting_of_the_pair(request, profile, template):
    text = template.format(b=PAIRS[profile][0])
    assert _meetings(request.getfixturevalue(profile), text) == [], text


@pytest.mark.parametrize("profile", list(PAIRS))
@pytest.mark.parametrize("template", [
    "On Friday Peskov briefed reporters on the talks between Putin and {b} in Sochi.",
    "On Friday {b} briefed the press on his talks with Putin in Sochi.",
    "On Friday {b} briefed Putin on the harvest during their talks in Sochi.",
    "Putin and {b} met in Sochi on Friday.\n\nPeskov briefed reporters on the meeting.",
])
def test_the_pairs_own_talks_stay_a_meeting(request, profile, template):
    b, pair = PAIRS[profile]
    text = template.format(b=b)
    assert _meetings(request.getfixturevalue(profile), text) == [(FRIDAY, "held", pair)], text
