"""A date told in a reduced relative clause of another noun ("the elections held on November 20", "the treaty signed
on 8 December 1999") is that noun's, not the meeting's (blind batch 46, issue 10).

The class: "Putin will meet next Monday with Tokayev, who will pay a visit ... after the elections held on November
20" proposed a second visit on the next November 20; "met to discuss the treaty signed on 8 December 1999" a second
meeting in 1999 from the weak trigger "signed". Every sentence is ours: other nouns and participles after the
meeting word, with and without the meeting's own date, both profiles. Controls: a meeting word's own participle
("the talks held on Monday", "talks were held on Monday") and the event named before it ("The forum held on Monday
was attended by ...") keep their date.
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_phrasing_classes4 import _meetings

PUBLISHED = "2022-11-25"  # a Friday; Monday before is 2022-11-21, next Monday 2022-11-28
PAIRS = {"belarus": ("Lukashenko", ("lukashenko", "putin")), "kazakhstan": ("Tokayev", ("putin", "tokayev"))}
OTHER_NOUNS = [
    "the elections held on November 20",
    "the treaty signed on 8 December 1999",
    "the agreement concluded on 14 October 2021",
    "the parliament elected on September 19",
    "the accord which took place on 3 March 2020",
]
WITH_OWN_DATE = [
    ("Putin and {other} met on Monday to discuss {noun}.", ("2022-11-21", "held")),
    ("Putin will meet {other} next Monday in Moscow, a week after {noun}.", ("2022-11-28", "planned")),
    ("{other} is to come to Moscow on an official visit next Monday, following {noun}.", ("2022-11-28", "planned")),
]


@pytest.mark.parametrize(("sentence", "noun"), list(itertools.product(WITH_OWN_DATE, OTHER_NOUNS)))
@pytest.mark.parametrize("profile", list(PAIRS))
def test_another_nouns_date_does_not_date_the_meeting(request, profile, sentence, noun):
    other, ids = PAIRS[profile]
    template, (day, status) = sentence
    text = "Relations are close.\n\n" + template.format(other=other, noun=noun)
    assert _meetings(request.getfixturevalue(profile), text, PUBLISHED) == [(day, day, status, ids)], text


@pytest.mark.parametrize("noun", OTHER_NOUNS)
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_meeting_with_no_date_of_its_own_takes_none_from_another_noun(request, profile, noun):
    other, ids = PAIRS[profile]
    text = f"Putin and {other} met in Sochi to discuss {noun}."
    days = {m[0] for m in _meetings(request.getfixturevalue(profile), text, PUBLISHED)}
    assert days <= {PUBLISHED}, text  # the lede's own day at most, never the noun's


@pytest.mark.parametrize("sentence", [
    "The talks held on Monday between Putin and {other} were productive.",
    "Talks were held on Monday in Moscow between Putin and {other}.",
    "The forum held on Monday in Omsk was attended by Putin and {other}.",
    "The meeting which took place on Monday between Putin and {other} lasted three hours.",
])
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_meeting_words_own_participle_keeps_its_date(request, profile, sentence):
    other, ids = PAIRS[profile]
    text = sentence.format(other=other)
    assert _meetings(request.getfixturevalue(profile), text, PUBLISHED) == [("2022-11-21", "2022-11-21", "held", ids)]


# Another event right before the date (the profile's dated_events): "a month after the election on August 9".
EVENTS = ["a disputed vote on August 9", "the referendum on 27 February", "the protests in August"]


@pytest.mark.parametrize("event", EVENTS)
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_date_right_after_another_event_is_that_events(request, profile, event):
    other, ids = PAIRS[profile]
    extractor = request.getfixturevalue(profile)
    text = f"Putin and {other} have begun talks in Sochi, their first meeting in person since {event}."
    assert _meetings(extractor, text, "2020-09-14") == [("2020-09-14", "2020-09-14", "held", ids)], text
    text = f"Putin and {other} met in Sochi on Monday, weeks after {event}."
    assert _meetings(extractor, text, "2020-09-16") == [("2020-09-14", "2020-09-14", "held", ids)], text


@pytest.mark.parametrize("profile", list(PAIRS))
def test_an_event_both_attend_keeps_its_date(request, profile):
    other, ids = PAIRS[profile]
    text = f"Putin and {other} will attend the parade on May 9."
    assert _meetings(request.getfixturevalue(profile), text, "2020-05-04") == [("2020-05-09", "2020-05-09", "planned", ids)]
