"""A second figure without its currency farther from the first (issue 10, batch 28 classes C5 and C6 together).

Every sentence is ours. Another source's number for the same turnover told after a longer aside ("and according
to Belarusian data, including services, it is 45 billion") is a figure of its own in the first one's currency,
up to the profile's ``[facts.trade] carry_words`` words after the first; crossed with asides, verbs and both
profiles. Controls: an aside longer than that, a sentence break, and a number of other things after it.
"""

from __future__ import annotations

import pytest

PARTNERS = {"belarus": "Belarus", "kazakhstan": "Kazakhstan"}
ASIDES = ["and according to {adj} data, including services, it is",
          "while by {adj} statistics, with services, it comes to",
          "and, by the {adj} side's count with services, it is"]
ADJ = {"belarus": "Belarusian", "kazakhstan": "Kazakh"}


def _values(extractor, text):
    return sorted(f["value"] for f in extractor.facts(text) if f["kind"] == "trade" and f["value"] is not None)


@pytest.mark.parametrize("profile", list(PARTNERS))
@pytest.mark.parametrize("aside", ASIDES)
def test_a_figure_after_a_long_aside_takes_the_first_ones_currency(request, profile, aside):
    text = (f"Trade between Russia and {PARTNERS[profile]} reached about 44 billion dollars this year, "
            f"{aside.format(adj=ADJ[profile])} 45 billion.")
    assert _values(request.getfixturevalue(profile), text) == [44e9, 45e9], text


@pytest.mark.parametrize("tail", [
    "and according to Belarusian data, which count services and some other items as well, the figure is 45 billion.",
    "Belarusian data differ. They say 45 billion.",
    "and according to Belarusian data, including services, it shipped 45 million tonnes of grain.",
])
def test_too_far_a_break_or_another_thing_is_no_figure(belarus, tail):
    text = f"Trade between Russia and Belarus reached about 44 billion dollars this year, {tail}"
    assert _values(belarus, text) == [44e9], text
