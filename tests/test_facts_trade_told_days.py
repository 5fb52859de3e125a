"""Where a trade figure's period does not come from (blind batches 49 and 50, issue 10).

The classes: "could soon top $31 billion, the minister said on Monday" dated a forecast by the day it was told;
"ASTANA (Agency - 11th April, 2023) The trade turnover..." dated the lede's figures, and the next figures, by the
dateline; "there is potential for lifting it to $31 billion in the near future" was a figure of the year;
and an annual level told in the present early in a year ("mutual trade has reached a record $26.1 billion", in
April) was the year just begun, not the last one whose statistics are out. Every sentence is ours: reporting verbs,
dateline forms, forecast hedges and months of publication crossed with both profiles. Controls: a figure's own
period wins over all of these, and a present level from May on is the year of publication.
"""

from __future__ import annotations

import itertools

import pytest

PAIRS = {"belarus": "Russia and Belarus", "kazakhstan": "Kazakhstan and Russia"}


def _trade(extractor, text, published):
    return sorted((f["period_start"], f["period_end"], f["value"], f["qualifier"])
                  for f in extractor.facts(text, published) if f["kind"] == "trade")


SAYINGS = ["the minister said on Tuesday", "the minister told reporters on Tuesday", "he noted on Tuesday",
           "the deputy prime minister stated on Tuesday"]
FORECASTS = ["Trade between {pair} could soon top $31 billion",
             "Trade between {pair} has the potential to reach $30 billion",
             "{pair} see the prerequisites for lifting turnover to $31 billion in the near future",
             "{pair} hold the resources for growth of trade to $31 billion in the nearest future"]


@pytest.mark.parametrize("profile", list(PAIRS))
def test_the_day_a_level_was_confirmed_is_not_its_period(request, profile):
    # "Putin confirmed on Sunday that trade has reached $42 billion": no figure of that Sunday, and the weekday
    # before "that trade" names no trading party; told in the present, the level of the year.
    extractor = request.getfixturevalue(profile)
    for level in ("has reached $42 billion and keeps growing", "now stands at $42 billion"):
        for saying in ("confirmed on Tuesday", "said on Sunday", "reported on Wed."):
            text = f"Putin {saying} that trade between {PAIRS[profile]} {level}."
            assert [f[:3] for f in _trade(extractor, text, "2023-06-14")] == [("2023-01-01", "2023-12-31", 42e9)], text


@pytest.mark.parametrize(("forecast", "saying"), list(itertools.product(FORECASTS, SAYINGS)))
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_forecast_with_no_period_is_no_figure(request, profile, forecast, saying):
    text = f"{forecast.format(pair=PAIRS[profile])}, {saying}."
    assert _trade(request.getfixturevalue(profile), text, "2023-06-14") == [], text


@pytest.mark.parametrize("saying", SAYINGS)
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_forecast_with_its_own_period_stays(request, profile, saying):
    text = f"Trade between {PAIRS[profile]} has the potential to reach $30 billion by 2025, {saying}."
    assert _trade(request.getfixturevalue(profile), text, "2023-06-14") == [
        ("2025-01-01", "2025-12-31", 30e9, "forecast")], text
    text = f"Trade between {PAIRS[profile]} grew to $28 billion in January-May, {saying}."
    assert _trade(request.getfixturevalue(profile), text, "2023-06-14") == [
        ("2023-01-01", "2023-05-31", 28e9, None)], text


DATELINES = ["ASTANA (Agency News - 13th June, 2023)", "MINSK (Newswire, June 13, 2023)",
             "MOSCOW [Agency - 13 June 2023]"]


@pytest.mark.parametrize("dateline", DATELINES)
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_datelines_day_is_no_figures_period(request, profile, dateline):
    extractor = request.getfixturevalue(profile)
    text = f"{dateline} Trade between {PAIRS[profile]} could soon top $31 billion, the minister said."
    assert _trade(extractor, text, "2023-06-14") == [], text
    # Control: the figure's own period, after the dateline, is its period.
    text = f"{dateline} Trade between {PAIRS[profile]} reached $28 billion in 2022, the minister said."
    assert _trade(extractor, text, "2023-06-14") == [("2022-01-01", "2022-12-31", 28e9, None)], text


LEVELS = ["Mutual trade between {pair} has reached a record $26.1 billion",
          "Trade between {pair} now stands at about $26.1 billion",
          "Trade between {pair} amounts to $26.1 billion"]


# Month of publication -> the year a present level is of: January to April, the last year's statistics.
MONTHS = [("01", "2022"), ("03", "2022"), ("04", "2022"), ("05", "2023"), ("09", "2023"), ("12", "2023")]


@pytest.mark.parametrize(("level", "month"), list(itertools.product(LEVELS, MONTHS)))
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_present_level_is_of_the_last_year_early_in_a_year_and_of_that_year_later(request, profile, level, month):
    published, year = month
    text = f"{level.format(pair=PAIRS[profile])}, the minister said."
    assert [f[:3] for f in _trade(request.getfixturevalue(profile), text, f"2023-{published}-11")] == [
        (f"{year}-01-01", f"{year}-12-31", 26.1e9)], text
