"""A transcript's own meeting, spoken of in the present by a participant (issue 10, blind batch 31 class).

Every sentence is ours. On a presidential site's transcript, the host says "we are meeting after our
governments have worked on it" or "let me begin our meeting": that is the meeting the transcript records,
held on the article's day, though no sentence of the lede dates it. Controls: the same words in a turn of
someone else, a meeting told as earlier or next, and a narrative with no turn.
"""

from __future__ import annotations

import itertools

import pytest

PUBLISHED = "2021-07-13"

SPEAKERS = {"belarus": ["President of Russia Vladimir Putin", "Vladimir Putin", "Alexander Lukashenko",
                        "President of Belarus Alexander Lukashenko"],
            "kazakhstan": ["President of Russia Vladimir Putin", "Vladimir Putin", "Kassym-Jomart Tokayev",
                           "President of Kazakhstan Kassym-Jomart Tokayev"]}
GUESTS = {"belarus": "Mr Lukashenko", "kazakhstan": "Mr Tokayev"}
PRESENT = [
    "As we agreed, we are meeting after our governments have prepared several economic proposals.",
    "We're meeting at a time when our economies face new difficulties.",
    "Allow me to begin our meeting with the results of the first half of the year.",
    "Let me open our talks by thanking you for coming.",
    "So we're holding talks at a good moment.",
]
TITLES = ["", "Talks in the Kremlin\n\n", "Working visit\n\n"]


def _events(extractor, text):
    return sorted((f["kind"], f["date_start"], f["held"]) for f in extractor.facts(text, PUBLISHED)
                  if f["kind"] in ("meeting", "call"))


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("line", "title"), list(itertools.product(PRESENT, TITLES)))
def test_a_participant_speaking_of_the_meeting_in_the_present_dates_it_by_the_article(request, profile, line, title):
    extractor = request.getfixturevalue(profile)
    for speaker in SPEAKERS[profile]:
        greeting = GUESTS[profile] if "Putin" in speaker else "Vladimir Vladimirovich"
        text = (f"{title}{speaker}: {greeting},\n\nThank you for accepting the invitation.\n\n"
                f"There were several difficult months behind us. {line}")
        assert _events(extractor, text) == [("meeting", PUBLISHED, "held")], (speaker, text)


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("line", PRESENT)
def test_the_same_words_of_someone_else_or_outside_a_turn_date_nothing(request, profile, line):
    extractor = request.getfixturevalue(profile)
    names = " and ".join(["Vladimir Putin", SPEAKERS[profile][2]])
    for text in [f"Dmitry Peskov: {GUESTS[profile]} is expected.\n\nThere were several difficult months. {line}",
                 f"Question: How are the relations of {names}?\n\nThere were several difficult months. {line}",
                 f"The governors of two regions spoke in Omsk.\n\nThere were several difficult months. {line}"]:
        assert _events(extractor, text) == [], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("line", ["We will continue this at our next meeting.",
                                  "We discussed this at our previous meeting.",
                                  "As we agreed the last time we met, the ministers will report."])
def test_a_meeting_told_as_earlier_or_next_in_a_turn_is_not_the_days(request, profile, line):
    extractor = request.getfixturevalue(profile)
    text = f"Vladimir Putin: {GUESTS[profile]},\n\nThank you for coming.\n\nThere were difficult months. {line}"
    assert ("meeting", PUBLISHED, "held") not in _events(extractor, text), text
