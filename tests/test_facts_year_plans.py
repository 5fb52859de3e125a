"""A plan for a whole year to come ("invited Putin to visit Kazakhstan in 2026", "will meet next year") is a planned
meeting over that year (blind batches 35 and 40, issue 10).

The class: a year was wider than any plan's date, so an invitation or announcement dated only by a coming year was
not proposed. Every sentence is ours: plan phrasings crossed with the year's forms, both profiles. Controls: "this
year" (under way), a past year, and a year that is a deadline ("by 2030", "until 2027") date no plan.
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_phrasing_classes4 import _meetings

PUBLISHED = "2025-11-12"
PAIRS = {"belarus": ("Lukashenko", "Belarus", ("lukashenko", "putin")),
         "kazakhstan": ("Tokayev", "Kazakhstan", ("putin", "tokayev"))}
PLANS = [
    "{other} asked Putin to come to {country} on a state visit {year}.",
    "Putin will visit {country} {year}, the Kremlin said.",
    "Putin and {other} agreed to hold talks in Moscow {year}.",
]
YEARS = ["in 2026", "next year", "during 2026"]


@pytest.mark.parametrize(("plan", "year"), list(itertools.product(PLANS, YEARS)))
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_plan_for_a_year_to_come_is_planned_over_that_year(request, profile, plan, year):
    other, country, ids = PAIRS[profile]
    text = "Relations are close.\n\n" + plan.format(other=other, country=country, year=year)
    assert _meetings(request.getfixturevalue(profile), text, PUBLISHED) == [
        ("2026-01-01", "2026-12-31", "planned", ids)], text


@pytest.mark.parametrize("sentence", [
    "Putin will visit {country} this year, the Kremlin said.",
    "Putin and {other} agreed to raise trade by 2030 and will meet in Moscow.",
    "A programme until 2027 was discussed, and Putin will visit {country}.",
    "Putin visited {country} in 2024.",
])
@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_year_under_way_past_or_a_deadline_dates_no_plan(request, profile, sentence):
    other, country, ids = PAIRS[profile]
    text = "Relations are close.\n\n" + sentence.format(other=other, country=country)
    assert _meetings(request.getfixturevalue(profile), text, PUBLISHED) == [], text
