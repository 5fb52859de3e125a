"""A range of amounts is one figure at its lower end, in the upper end's scale when only it names one (issue 10).

Classes from blind batches: "$24 to $24.5 billion" came out as 24 dollars (the grammar reads "$24" alone), and
"between $35 billion and $36 billion" as two figures. Every sentence is ours; each range wording is crossed with
trade frames and both profiles; controls keep two amounts two figures, and a low end with its own scale.
"""

from __future__ import annotations

import itertools

import pytest

from desktop.normalise import money_statements

RANGES = [
    ("$24 to $24.5 billion", 24e9),
    ("$24-$24.5 billion", 24e9),
    ("$24 – $24.5 bln", 24e9),
    ("US$24 to US$24.5 billion", 24e9),
    ("between $24 and $24.5 billion", 24e9),
    ("between $24 billion and $24.5 billion", 24e9),
    ("24 to 24.5 billion dollars", 24e9),
    ("$24 billion to $24.5 billion", 24e9),
    ("between about $24 and $25 billion", 24e9),
    ("$900 million to $1.2 billion", 900e6),  # the low end's own scale stays
]
FRAMES = {
    "belarus": ["Trade between Russia and Belarus reached {amount} in 2021, the president said.",
                "In 2021 Belarusian-Russian trade amounted to {amount}.",
                "Putin said that last year trade with Belarus came to {amount}."],
    "kazakhstan": ["Trade between Russia and Kazakhstan reached {amount} in 2021, the president said.",
                   "In 2021 Kazakh-Russian trade amounted to {amount}.",
                   "Putin said that last year trade with Kazakhstan came to {amount}."],
}


def _trade(extractor, text, published="2022-03-10"):
    return [(f["period_start"], f["value"], f["currency"]) for f in extractor.facts(text, published)
            if f["kind"] == "trade"]


@pytest.mark.parametrize(("profile", "frame", "amount", "value"), [
    (profile, frame, amount, value) for profile, frames in FRAMES.items()
    for frame, (amount, value) in itertools.product(frames, RANGES)])
def test_a_range_is_one_figure_at_its_lower_end_in_its_scale(request, profile, frame, amount, value):
    text = frame.format(amount=amount)
    assert _trade(request.getfixturevalue(profile), text) == [("2021-01-01", value, "USD")], text


@pytest.mark.parametrize(("amount", "value"), RANGES)
def test_the_grammar_reads_the_range_as_one_amount(amount, value):
    [statement] = money_statements(amount)
    assert (statement.amount, statement.currency) == (value, "USD") and statement.end == len(amount)


# Controls: two amounts joined by "and" without "between", or "from X to Y", stay two.
@pytest.mark.parametrize("text", [
    "exports of $5 billion and imports of $6 billion",
    "$5 billion and $6 billion in 2020 and 2021",
    "grew from $5 to $6 billion",
    "between 2020 and 2021 it was $5 billion and then $6 billion",
])
def test_two_amounts_stay_two(text):
    assert len(money_statements(text)) == 2, text


@pytest.mark.parametrize("text", ["grew from $5 to $6 billion", "went up by $1 to $6 billion"])
def test_from_x_to_y_shares_the_scale_but_stays_two(text):
    assert [s.amount for s in money_statements(text)][1] == 6e9
    assert money_statements(text)[0].amount in (5e9, 1e9), text


def test_between_two_years_is_no_range_of_amounts(belarus):
    text = "Trade between Russia and Belarus was $35 billion in 2020 and $38 billion in 2021."
    assert sorted(_trade(belarus, text)) == [("2020-01-01", 35e9, "USD"), ("2021-01-01", 38e9, "USD")]
