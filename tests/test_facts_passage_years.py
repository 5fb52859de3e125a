"""A date written without its year in a retrospective passage takes the passage's year; a lede sentence dated by a
past year is no news of the publication day (blind batch 38, issue 10).

The class: an article of 2025 looking back ("In 2018, the two leaders met often. On November 9, they attended the
forum together.") dated the forum 2025-11-09, its "trade had reached $13 billion over the first eight months" 2025's,
and "In 2018 the presidents met in Omsk" as its opening sentence the publication day. Every sentence here is ours:
passages opened by a year, a month and year or a full date, crossed with yearless days, months and periods, both
profiles and two publication dates. Controls: a paragraph break, a plan and a passage in the publication's own year
resolve from publication as before; a year that is a noun's ("the 1999 treaty") leaves the lede's day alone.
"""

from __future__ import annotations

import pytest

from tests.test_facts_phrasing_classes4 import _meetings

PAIRS = {"belarus": ("Putin and Lukashenko", ("lukashenko", "putin"), "Minsk"),
         "kazakhstan": ("Putin and Tokayev", ("putin", "tokayev"), "Astana")}
PUBLISHED = ["2025-12-29", "2024-06-20"]
YEAR = 2021

# Openings naming the year, with the meeting each tells itself (None: none).
OPENINGS = [
    ("In {y}, {pair} met often.", None),
    ("Back in {y}, relations between the two presidents were warm.", None),
    ("In March {y}, {pair} held talks in Sochi.", ("03-01", "03-31")),
    ("On 5 March {y} {pair} held talks in Sochi.", ("03-05", "03-05")),
]
# Yearless dates of the next sentence: (sentence, start, end).
FOLLOWERS = [
    ("On November 9, they attended the forum together in {city}.", "11-09", "11-09"),
    ("On 10 March the two presidents held talks in {city}.", "03-10", "03-10"),
    ("The presidents met again in {city} on September 14.", "09-14", "09-14"),
]


@pytest.mark.parametrize("published", PUBLISHED)
@pytest.mark.parametrize(("opening", "own"), OPENINGS)
@pytest.mark.parametrize(("follower", "start", "end"), FOLLOWERS)
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_yearless_date_after_a_past_year_is_that_years(request, profile, opening, own, follower, start, end,
                                                          published):
    pair, ids, city = PAIRS[profile]
    text = (f"The archive\n\nRelations have a long history. {opening.format(y=YEAR, pair=pair)} "
            f"{follower.format(city=city)}")
    expected = [(f"{YEAR}-{a}", f"{YEAR}-{b}", "held", ids) for a, b in ([own] if own else []) + [(start, end)]]
    assert _meetings(request.getfixturevalue(profile), text, published) == sorted(expected), text


@pytest.mark.parametrize("published", PUBLISHED)
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_chain_of_yearless_dates_keeps_the_year(request, profile, published):
    pair, ids, city = PAIRS[profile]
    text = (f"The archive\n\nRelations have a long history. On 5 March {YEAR} {pair} held talks in Sochi. On March 10 "
            f"they met again in {city}. On April 2 the presidents held talks in Moscow.")
    days = [m[0] for m in _meetings(request.getfixturevalue(profile), text, published)]
    assert days == [f"{YEAR}-03-05", f"{YEAR}-03-10", f"{YEAR}-04-02"], text


# Controls: a paragraph break, a plan, the publication's own year.
@pytest.mark.parametrize("profile", list(PAIRS))
def test_past_a_paragraph_break_the_date_is_the_publications(request, profile):
    pair, ids, city = PAIRS[profile]
    text = (f"The archive\n\nRelations are old. In {YEAR}, {pair} met often.\n\n"
            f"On November 9, the presidents held talks in {city}.")
    assert _meetings(request.getfixturevalue(profile), text, "2025-12-29") == [("2025-11-09", "2025-11-09", "held", ids)]


@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_plan_after_a_past_year_is_dated_from_publication(request, profile):
    pair, ids, city = PAIRS[profile]
    text = f"The archive\n\nRelations are old. In {YEAR}, {pair} met often. On December 5 they will meet in {city}."
    assert _meetings(request.getfixturevalue(profile), text, "2025-11-20") == [
        ("2025-12-05", "2025-12-05", "planned", ids)]


@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_passage_in_the_publications_year_resolves_as_before(request, profile):
    pair, ids, city = PAIRS[profile]
    text = (f"The archive\n\nRelations are old. In 2025, relations between the two presidents were warm. "
            f"On November 9, {pair} held talks in {city}.")
    assert _meetings(request.getfixturevalue(profile), text, "2025-12-29") == [("2025-11-09", "2025-11-09", "held", ids)]


# Trade: a yearless period in the passage.
TRADE = [
    ("Trade had reached $13 billion over the first eight months, the president said then.", "01-01", "08-31"),
    ("In January-March trade grew by 12% to $13 billion.", "01-01", "03-31"),
]


@pytest.mark.parametrize(("sentence", "start", "end"), TRADE)
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_yearless_trade_period_in_the_passage_is_its_years(request, profile, sentence, start, end):
    pair, ids, city = PAIRS[profile]
    extractor = request.getfixturevalue(profile)
    text = f"The archive\n\nRelations are old. In {YEAR}, {pair} met often. {sentence}"
    periods = [(f["period_start"], f["period_end"]) for f in extractor.facts(text, "2025-12-29") if f["kind"] == "trade"]
    assert periods == [(f"{YEAR}-{start}", f"{YEAR}-{end}")], text
    alone = f"The archive\n\nRelations are old. {pair} met often. {sentence}"
    periods = [(f["period_start"], f["period_end"]) for f in extractor.facts(alone, "2025-12-29") if f["kind"] == "trade"]
    assert periods == [(f"2025-{start}", f"2025-{end}")], alone


# A lede sentence dated only by a past year, season or "last year" is not the publication day's news.
LEDE_PAST = ["In {y} {pair} met in {city}.", "In early {y} {pair} held talks in {city}.",
             "Last year {pair} met in {city}.", "During {y} {pair} held talks in {city}."]


@pytest.mark.parametrize("sentence", LEDE_PAST)
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_lede_dated_by_a_past_year_is_not_the_publication_day(request, profile, sentence):
    pair, ids, city = PAIRS[profile]
    text = sentence.format(y=YEAR, pair=pair, city=city)
    assert _meetings(request.getfixturevalue(profile), text, "2025-12-29") == [], text


@pytest.mark.parametrize("sentence", ["{pair} met in {city}.", "{pair} met in {city} to mark the 1999 treaty.",
                                      "{pair} met in {city} this year."])
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_lede_with_no_past_year_of_its_own_is_the_publication_day(request, profile, sentence):
    pair, ids, city = PAIRS[profile]
    text = sentence.format(pair=pair, city=city)
    assert _meetings(request.getfixturevalue(profile), text, "2025-12-29") == [("2025-12-29", "2025-12-29", "held", ids)]


@pytest.mark.parametrize("period", ["Over the last nine months", "Over the past nine months"])
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_period_counted_from_now_stays_the_publications(request, profile, period):
    pair, ids, city = PAIRS[profile]
    text = f"The archive\n\nRelations are old. In {YEAR}, {pair} met often. {period}, trade grew by 12% to $13 billion."
    periods = [(f["period_start"], f["period_end"]) for f in request.getfixturevalue(profile).facts(text, "2025-11-20")
               if f["kind"] == "trade"]
    assert periods == [("2025-01-01", "2025-09-30")], text


# "by the end of the year" is the whole year spoken of: the publication's, or a past forecast's passage year.
FORECASTS = ["is expected to reach $21 billion by the end of the year", "should reach $21 billion by year-end",
             "will reach $21 billion by the end of the year"]


@pytest.mark.parametrize("forecast", FORECASTS)
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_forecast_to_the_end_of_the_year_covers_the_year(request, profile, forecast):
    pair, ids, city = PAIRS[profile]
    text = f"Relations are old. Trade reached $13 billion over the first eight months and {forecast}."
    found = sorted((f["period_start"], f["period_end"], f["value"]) for f in request.getfixturevalue(profile).facts(
        text, "2025-10-20") if f["kind"] == "trade")
    assert found == [("2025-01-01", "2025-08-31", 13e9), ("2025-01-01", "2025-12-31", 21e9)], text


@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_past_forecast_in_the_passage_covers_the_passages_year(request, profile):
    pair, ids, city = PAIRS[profile]
    text = (f"The archive\n\nRelations are old. In {YEAR}, {pair} met often. The president said then that trade had "
            "reached $13 billion over the first eight months; it was expected to reach $21 billion by the end of the year.")
    found = sorted((f["period_start"], f["period_end"], f["value"]) for f in request.getfixturevalue(profile).facts(
        text, "2025-12-29") if f["kind"] == "trade")
    assert found == [(f"{YEAR}-01-01", f"{YEAR}-08-31", 13e9), (f"{YEAR}-01-01", f"{YEAR}-12-31", 21e9)], text
