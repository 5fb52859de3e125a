"""Meeting classes found in blind batches 29 and 30 (issue 10), each under perturbation.

Like tests/test_facts_phrasing_classes6.py: every sentence is ours, written for the class, never an
article's own; each class is crossed with wordings and names, against controls that must keep working.
Spans come from the profile's gazetteer on a blank pipeline (tests/test_facts_meetings_perturb.py).
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_meetings_perturb import FRIDAY
from tests.test_facts_phrasing_classes4 import _meetings

# ---------------------------------------------------------------- a group phrase in an article about others

# An article about someone else's talks (a headline naming the guest, no one of the pair named near), where
# "the two leaders" is the only mention of a leader after it: the pair of the profile is not meant when the
# article never names one of its leaders, by name or by title, and names someone else and a country of neither
# side before the group.
HEADS = {
    "belarus": ["Meeting with President of Kazakhstan Nursultan Nazarbayev", "Talks with Ilham Aliyev of Azerbaijan",
                "Visit of Shavkat Mirziyoyev of Uzbekistan to Moscow", "Nikol Pashinyan of Armenia arrived on Thursday."],
    "kazakhstan": ["Meeting with President of Belarus Alexander Lukashenko", "Talks with Alexander Lukashenko of Belarus",
                   "Visit of Alexander Lukashenko of Belarus to Moscow", "Belarus's Alexander Lukashenko arrived on Thursday."],
}
GROUPS = [
    "The two leaders held a one-on-one meeting on Friday before the plenary session of the forum.",
    "The presidents met in Sochi on Friday.",
    "On Friday the two heads of state held talks in the Kremlin.",
]
AFTER = ["", " Kazakhstan is Russia's second largest partner in the CIS after Belarus."]


@pytest.mark.parametrize(("profile", "head", "group", "after"), [
    (profile, head, group, after) for profile, heads in HEADS.items()
    for head, group, after in itertools.product(heads, GROUPS, AFTER)])
def test_the_two_leaders_after_someone_else_in_an_article_that_never_names_one_of_the_pair_are_not_the_pair(
        request, profile, head, group, after):
    text = f"{head}\n\n{group}{after}"
    assert _meetings(request.getfixturevalue(profile), text) == [], text


# Controls: the article names both (by name or title) somewhere, or one side travels to the other's capital, or
# no one else is named before the group (a lede about the pair that names one of them later). Officials of the
# pair's own countries before "the presidents" are tests/data/genre's g19 (tests/test_facts_genre.py).
NAMED_BEFORE = [
    ("Vladimir Putin met Alexander Lukashenko in Sochi in May.\n\nThe weather was fine.\n\nThe economy grew.", "belarus"),
    ("Lukashenko and his Russian counterpart spoke about gas in May.\n\nPrices rose.\n\nThe economy grew.", "belarus"),
    ("Talks of the Russian and Belarusian presidents\n\nPrices rose.", "belarus"),
    ("Putin and Tokayev spoke about oil in May.\n\nPrices rose.\n\nThe economy grew.", "kazakhstan"),
]


@pytest.mark.parametrize(("before", "profile"), NAMED_BEFORE)
@pytest.mark.parametrize("group", GROUPS)
def test_the_two_leaders_stay_the_pair_when_the_article_names_both(request, before, profile, group):
    extractor = request.getfixturevalue(profile)
    found = _meetings(extractor, f"{before}\n\n{group}")
    assert [m for m in found if m[0] == FRIDAY], (before, group, found)


@pytest.mark.parametrize("group", GROUPS)
def test_a_visit_to_the_other_capital_still_makes_the_group_the_pair(belarus, group):
    found = _meetings(belarus, f"Putin arrived in Minsk on Friday.\n\n{group}")
    assert [m for m in found if m[0] == FRIDAY and m[3] == ("lukashenko", "putin")], (group, found)


@pytest.mark.parametrize("group", GROUPS)
def test_a_group_before_anyone_else_is_named_stays_the_pair(belarus, group):
    found = _meetings(belarus, f"{group} Lukashenko also spoke with the Russian prime minister on Thursday.")
    assert [m for m in found if m[0] == FRIDAY and m[3] == ("lukashenko", "putin")], (group, found)
