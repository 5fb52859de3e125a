"""A planned meeting with no date of its own is not dated by the publication day (blind batch 33, issue 10).

"The upcoming state visit", "preparations for the forthcoming talks", "will hold talks in Sochi": the day it
will be is unknown, and a fact cannot be dated by nothing (the scorer and the store match dates), so none is
proposed. Every sentence is ours, crossed with plan words, namings and both profiles; controls: a plan dated by
its own words ("today", "on Monday"), a meeting told in the present or as held, a trip under way to the talks
("left for Moscow to hold talks": the profile's departures), and the call whose topic the plan is, keep their dates.
"""

from __future__ import annotations

import pytest

from tests.test_facts_meetings_perturb import PUBLISHED
from tests.test_facts_phrasing_classes4 import _meetings

MONDAY, NEXT_FRIDAY = "2023-09-18", "2023-09-22"  # after Saturday 2023-09-16 (PUBLISHED)

# {a} and {b}: the two leaders; {b_side}: the guest's title; {host}: the host's country.
PLANS = [
    "{a} and {b} discussed preparations for the upcoming state visit of {b_side} to {host}.",
    "{a} and {b} discussed the agenda of the forthcoming talks.",
    "{b} will pay a state visit to {host}, the press service said.",
    "{a} and {b} will hold talks in Sochi, the press service said.",
    "{a} is expected to meet {b} in Sochi.",
    "{a} and {b} are set to hold a summit in Sochi.",
    "A visit of {b} to {host} is being prepared, {a} said.",
    "{a} invited {b} to visit {host} at a convenient time.",
]
NAMES = {
    "belarus": [("Putin", "Lukashenko", "the Belarusian president", "Russia"),
                ("the Russian leader", "Alexander Lukashenko", "the President of Belarus", "Moscow"),
                ("Lukashenko", "Putin", "the Russian president", "Belarus")],
    "kazakhstan": [("Putin", "Tokayev", "Kazakhstan's President", "Russia"),
                   ("the Russian leader", "Kassym-Jomart Tokayev", "the Kazakh president", "Moscow"),
                   ("Tokayev", "Putin", "the Russian president", "Kazakhstan")],
}
PARTICIPANTS = {"belarus": ("lukashenko", "putin"), "kazakhstan": ("putin", "tokayev")}


def _told(template, names):
    a, b, b_side, host = names
    text = template.format(a=a, b=b, b_side=b_side, host=host)
    return text[0].upper() + text[1:]


@pytest.mark.parametrize("template", PLANS)
@pytest.mark.parametrize(("profile", "names"), [(p, n) for p, names in NAMES.items() for n in names])
def test_an_undated_plan_in_the_lede_is_not_dated_by_the_article(request, profile, names, template):
    text = _told(template, names)
    found = [m for m in _meetings(request.getfixturevalue(profile), text) if m[2] == "planned"]
    assert found == [], text
    assert [m for m in _meetings(request.getfixturevalue(profile), text) if m[0] == PUBLISHED] == [], text


@pytest.mark.parametrize(("profile", "names"), [(p, n) for p, names in NAMES.items() for n in names])
def test_the_call_whose_topic_is_an_undated_plan_keeps_its_day(request, profile, names):
    a, b, b_side, host = names
    text = f"During a phone call, {a} and {b} discussed preparations for the upcoming state visit of {b_side} to {host}."
    extractor = request.getfixturevalue(profile)
    assert _meetings(extractor, text) == [], text
    calls = [f for f in extractor.facts(text) if f["kind"] == "call"]
    assert [(c["date_start"], tuple(c["participants"])) for c in calls] == [(PUBLISHED, PARTICIPANTS[profile])], text


# Controls: a plan dated by its own words, a meeting in the present or told as held keeps its date.
DATED = [
    ("{a} and {b} will meet today in Sochi.", PUBLISHED, "planned"),
    ("{a} will meet {b} in Sochi on Monday.", MONDAY, "planned"),
    ("The upcoming talks of {a} and {b} will be held on Friday in Sochi.", NEXT_FRIDAY, "planned"),
    ("Talks between {a} and {b} are under way in Sochi.", PUBLISHED, None),
    ("{a} and {b} held talks in Sochi.", PUBLISHED, "held"),
    # A trip under way to the talks: the plan is at hand, on the article's day.
    ("{b} left for {host} to hold talks with {a}.", PUBLISHED, "planned"),
    ("{b} is heading to {host} for talks with {a}.", PUBLISHED, "planned"),
]


@pytest.mark.parametrize(("template", "day", "held"), DATED)
@pytest.mark.parametrize(("profile", "names"), [(p, n) for p, names in NAMES.items() for n in names])
def test_a_plan_dated_by_its_own_words_and_a_meeting_in_the_present_keep_their_dates(request, profile, names,
                                                                                      template, day, held):
    text = _told(template, names)
    found = _meetings(request.getfixturevalue(profile), text)
    assert [(m[0], m[3]) for m in found] == [(day, PARTICIPANTS[profile])], (text, found)
    if held:
        assert found[0][2] == held, (text, found)
