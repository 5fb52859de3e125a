"""A call of the body that is one of a series the lede dates ("Tokayev made a round of phone calls on 12-13 May.
... In his call with Putin, Tokayev raised energy prices")
takes the series' date; and a headline's "talks to X over phone" is a call (blind batch 51, issue 10).

The class: a presidential press office's round-up of calls dated them once, in the lede, and told each call further
down without a date; the pair's call, outside the lede and undated, was dropped, and the headline's "talks ... over
phone" was read as talks in person. Every sentence is ours: series ledes (plural call phrases, day ranges, single
days), body calls in several forms, both profiles. Controls: a lede telling a single call, or no series, leaves an
undated body call out as before; a body call with its own date keeps it; the evidence is the body's sentence.
"""

from __future__ import annotations

import itertools

import pytest

PUBLISHED = "2022-08-31"
LEADERS = {"belarus": ("Lukashenko", "Putin", ("lukashenko", "putin")),
           "kazakhstan": ("Tokayev", "Putin", ("putin", "tokayev"))}
SERIES = [("{a} made a round of telephone conversations on 12-13 May.", "2022-05-12", "2022-05-13"),
          ("On August 30 {a} held several phone calls with foreign leaders.", "2022-08-30", "2022-08-30"),
          ("{a} had a series of telephone conversations on Tuesday.", "2022-08-30", "2022-08-30")]
BODY_CALLS = ["Energy prices came up too in the telephone conversation between {a} and {b}.",
              "In a phone call with {b}, {a} discussed trade and energy.",
              "{a} and {b} discussed the schedule of contacts by telephone."]
FILLER = "Regional issues were discussed with the Uzbek president. The sides also touched upon the harvest."


def _calls(extractor, text):
    return [(f["date_start"], f["date_end"], tuple(f["participants"]), f["evidence"])
            for f in extractor.facts(text, PUBLISHED) if f["kind"] == "call"]


@pytest.mark.parametrize(("series", "body"), list(itertools.product(SERIES, BODY_CALLS)))
@pytest.mark.parametrize("profile", list(LEADERS))
def test_a_body_call_of_the_ledes_series_takes_its_date(request, profile, series, body):
    a, b, ids = LEADERS[profile]
    template, start, end = series
    told = body.format(a=a, b=b)
    text = f"{template.format(a=a)}\n\n{FILLER}\n\n{told[0].upper()}{told[1:]}"
    assert _calls(request.getfixturevalue(profile), text) == [(start, end, ids, told[0].upper() + told[1:])], text


@pytest.mark.parametrize("body", BODY_CALLS)
@pytest.mark.parametrize("profile", list(LEADERS))
def test_without_a_dated_series_an_undated_body_call_stays_out(request, profile, body):
    a, b, ids = LEADERS[profile]
    extractor = request.getfixturevalue(profile)
    told = body.format(a=a, b=b)
    told = told[0].upper() + told[1:]
    for lede in (f"{a} held a telephone conversation with the Uzbek president on 30 August.",
                 f"{a} chaired a meeting on the harvest on 30 August."):
        text = f"{lede}\n\n{FILLER}\n\n{told}"
        assert _calls(extractor, text) == [], text
    # A body call with a date of its own keeps it, series or not.
    dated = told[:-1] + " on Monday."
    text = f"{SERIES[0][0].format(a=a)}\n\n{FILLER}\n\n{dated}"
    assert [c[:3] for c in _calls(extractor, text)] == [("2022-08-29", "2022-08-29", ids)], text


HEADLINES = ["{a} talks to {b} over phone", "{a}, {b} talk via phone", "{a} talks to three leaders over phone"]


@pytest.mark.parametrize("headline", HEADLINES)
@pytest.mark.parametrize("profile", list(LEADERS))
def test_talks_over_phone_in_a_headline_is_a_call(request, profile, headline):
    a, b, ids = LEADERS[profile]
    extractor = request.getfixturevalue(profile)
    text = f"{headline.format(a=a, b=b)}\n\n{a} and {b} discussed trade by telephone on Tuesday."
    assert [f["kind"] for f in extractor.facts(text, PUBLISHED)] == ["call"], text
