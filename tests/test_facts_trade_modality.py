"""A figure the text says trade is heading for is a forecast (batch 24 class: "has all the signs of reaching $X").

Sentences written for the test: paraphrases of the class, and near-misses (a figure reached) that stay as they were.
"""

from __future__ import annotations

import pytest

from desktop.facts import extract_facts, load_rules

PUBLISHED = "2024-05-24"
PROFILES = [("russia_belarus", "Russia and Belarus"), ("russia_kazakhstan", "Russia and Kazakhstan")]
CUES = ["has all the signs of reaching", "shows every sign of reaching", "is on track to reach",
        "is on course to reach", "is poised to reach", "is likely to reach", "is heading for"]


@pytest.fixture(scope="module")
def all_rules():
    return {name: load_rules(name) for name, _ in PROFILES}


def _qualifiers(rules, text):
    return [f.get("qualifier") for f in extract_facts(text, PUBLISHED, rules, aliases={}) if f["kind"] == "trade"]


@pytest.mark.parametrize(("profile", "sides"), PROFILES)
@pytest.mark.parametrize("cue", CUES)
def test_a_figure_trade_is_heading_for_is_a_forecast(all_rules, profile, sides, cue):
    text = f"This year trade between {sides} {cue} $30 billion, the minister said."
    assert _qualifiers(all_rules[profile], text) == ["forecast"]


@pytest.mark.parametrize(("profile", "sides"), PROFILES)
@pytest.mark.parametrize("verb", ["reached", "amounted to", "totalled"])
def test_a_figure_reached_is_no_forecast(all_rules, profile, sides, verb):
    text = f"Last year trade between {sides} {verb} $30 billion, the minister said."
    assert _qualifiers(all_rules[profile], text) == [None]


# A sector's figure is not total bilateral turnover (batch 24 class 6: "trade in services reached $7 bln").
SECTORS = ["trade in services between {S} reached $7 billion in 2023.",
           "In 2023 trade in services between {S} reached $7 billion.",
           "In 2023 trade between {S} in agricultural products reached $7 billion.",
           "Agri-food trade between {S} reached $7 billion in 2023."]


@pytest.mark.parametrize(("profile", "sides"), PROFILES)
@pytest.mark.parametrize("shape", SECTORS)
def test_a_sectors_trade_is_no_total_turnover(all_rules, profile, sides, shape):
    text = shape.format(S=sides)
    assert _qualifiers(all_rules[profile], text[0].upper() + text[1:]) == []


@pytest.mark.parametrize(("profile", "sides"), PROFILES)
@pytest.mark.parametrize("text", [
    "In 2023 trade between {S} reached $50 billion, including services.",
    "In 2023 trade between {S} reached $50 billion, and trade in services $7 billion.",
])
def test_the_total_beside_a_sector_stays(all_rules, profile, sides, text):
    facts = [f for f in extract_facts(text.format(S=sides), PUBLISHED, all_rules[profile], aliases={})
             if f["kind"] == "trade"]
    assert [f["value"] for f in facts] == [50e9]
