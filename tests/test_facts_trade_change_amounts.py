"""An amount that sizes a change is no turnover (issue 10, blind batch 32 class). Every sentence is ours.

"The expected growth is $2 billion", "an increase of $1.5 billion", "grew by $2 billion to $38 billion": the
amount after an increase or decrease word and one of the profile's ``change_amounts`` is by how much trade
changed, never a figure of trade itself; the level it reached stays one ("to $38 billion"), and "by X to Y" is
no range (desktop.normalise). Controls: the same amounts as levels.
"""

from __future__ import annotations

import itertools

import pytest

from desktop.normalise import money_statements

PUBLISHED = "2023-03-01"
TRADES = {"belarus": ["trade between Russia and Belarus", "Russian-Belarusian trade", "mutual trade"],
          "kazakhstan": ["trade between Russia and Kazakhstan", "Kazakh-Russian trade", "mutual trade"]}
CHANGES = [
    ("Last year {trade} was $38 billion, an increase of ${d} billion.", 38e9),
    ("Last year {trade} grew by ${d} billion to $38 billion.", 38e9),
    ("Last year {trade} fell by about ${d} billion, to $38 billion.", 38e9),
    ("In 2021 {trade} reached $36 billion, and last year the growth was ${d} billion.", 36e9),
    ("Last year {trade} came to $38 billion; the decline amounted to ${d} billion.", 38e9),
]


def _values(extractor, text):
    return sorted(f["value"] for f in extractor.facts(text, PUBLISHED) if f["kind"] == "trade" and f["value"])


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("template", "d"), list(itertools.product(CHANGES, ["2", "1.5", "4"])))
def test_an_amount_that_sizes_a_change_is_no_figure(request, profile, template, d):
    extractor = request.getfixturevalue(profile)
    sentence, level = template
    for trade in TRADES[profile]:
        text = sentence.format(trade=trade, d=d)
        text = text[0].upper() + text[1:]
        assert _values(extractor, text) == [level], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
def test_the_same_amounts_as_levels_stay(request, profile):
    extractor = request.getfixturevalue(profile)
    for trade in TRADES[profile]:
        for text in [f"Last year {trade} was $38 billion, and in 2021 it was $2 billion more than in 2020.",
                     f"Last year {trade} increased to $38 billion.", f"In 2022 {trade} grew and reached $38 billion."]:
            assert 38e9 in _values(extractor, text), text


def test_by_an_amount_to_another_is_no_range():
    assert [s.amount for s in money_statements("Trade grew by $2 billion to $38 billion.")] == [2e9, 38e9]
    assert [s.amount for s in money_statements("Trade grew from $2 billion to $38 billion.")] == [2e9, 38e9]
    assert [s.amount for s in money_statements("Trade will be $59 billion to $60 billion.")] == [59e9]
