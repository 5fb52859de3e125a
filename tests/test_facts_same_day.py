"""A call or meeting told "later in the day" / "the same day" is on the day last named (issue 10, batch 29 class).

Every sentence is ours. The day is named several sentences before the event (a story that goes on between), in
both profiles and with several anaphors; controls: the day named just before, no day named at all (the
publication day, as for "a day earlier"), and the same words before something that is no event.
"""

from __future__ import annotations

import pytest

from tests.test_facts_meetings_perturb import PUBLISHED, THURSDAY

STORY = "Putin flew to Kazan on Thursday.\n\nThe weather was mild.\n\nHe opened a new bridge.\n\nCrowds gathered." \
        "\n\nThe mayor spoke.\n\n"
ANAPHORS = ["Later in the day", "Later that day", "Earlier that day", "Earlier in the day", "The same day",
            "That same day"]
EVENTS = {
    "belarus": [("call", "{when}, Lukashenko also wished Putin a happy birthday by phone.", ["lukashenko", "putin"]),
                ("call", "{when}, Putin and Lukashenko held a telephone conversation.", ["lukashenko", "putin"]),
                ("meeting", "{when}, Putin had talks with Lukashenko.", ["lukashenko", "putin"])],
    "kazakhstan": [("call", "{when}, Tokayev also wished Putin a happy birthday by phone.", ["putin", "tokayev"]),
                   ("meeting", "{when}, Putin had talks with Tokayev.", ["putin", "tokayev"])],
}


def _events(extractor, text):
    return [(f["kind"], f["date_start"], f["date_end"], f["participants"]) for f in extractor.facts(text)
            if f["kind"] in ("call", "meeting")]


@pytest.mark.parametrize("when", ANAPHORS)
@pytest.mark.parametrize(("profile", "kind", "template", "pair"), [
    (profile, kind, template, pair) for profile, events in EVENTS.items() for kind, template, pair in events])
def test_the_same_day_is_the_day_last_named_however_far_back(request, profile, kind, template, pair, when):
    text = STORY + template.format(when=when)
    assert _events(request.getfixturevalue(profile), text) == [(kind, THURSDAY, THURSDAY, pair)], text


@pytest.mark.parametrize("when", ANAPHORS)
def test_the_day_named_just_before_and_no_day_named(belarus, when):
    event = f"{when}, Lukashenko phoned Putin."
    assert _events(belarus, f"Putin opened a bridge in Kazan on 12 September.\n\n{event}") == [
        ("call", "2023-09-12", "2023-09-12", ["lukashenko", "putin"])]
    # No day named before: the publication day, as "a day earlier" counts from it.
    assert _events(belarus, f"The weather was mild.\n\nCrowds gathered.\n\n{event}") == [
        ("call", PUBLISHED, PUBLISHED, ["lukashenko", "putin"])]


@pytest.mark.parametrize("when", ANAPHORS)
def test_the_same_words_before_no_event_tell_nothing(belarus, when):
    assert _events(belarus, f"{STORY}{when}, he visited a school with Lukashenko's envoy.") == []
