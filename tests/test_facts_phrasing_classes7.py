"""Meeting classes found in batches 29 and 30 (issue 10), each under perturbation.

Like tests/test_facts_phrasing_classes6.py: every sentence is ours, written for the class, never an
article's own; each class is crossed with wordings and names, against controls that must keep working.
Spans come from the profile's gazetteer on a blank pipeline (tests/test_facts_meetings_perturb.py).
"""

from __future__ import annotations

import itertools

import pytest

from desktop.facts.document import Document
from tests.test_facts_meetings_perturb import FRIDAY, PUBLISHED
from tests.test_facts_phrasing_classes4 import _meetings

# ---------------------------------------------------------------- a group phrase in an article about others

# An article on someone else's visit: a head naming the guest and his country, then "the two leaders" as the
# only mention of a leader. When the article never names one of the profile's pair (by name or by title) and no
# sentence near the group names anyone, the group is the guest and his host, not the pair.
HEADS = {
    "belarus": ["Nursultan Nazarbayev of Kazakhstan in the Russian capital",
                "Ilham Aliyev of Azerbaijan: a long day in Moscow",
                "Shavkat Mirziyoyev brings an Uzbekistan delegation to Moscow",
                "Armenia's Nikol Pashinyan spent Thursday in Moscow."],
    "kazakhstan": ["Alexander Lukashenko of Belarus in the Russian capital",
                   "Belarus's Alexander Lukashenko spent Thursday in Moscow.",
                   "Alexander Lukashenko brings a Belarus delegation to Moscow",
                   "A long day in Moscow for Belarus and Alexander Lukashenko"],
}
GROUPS = [
    "On Friday the two leaders met one-on-one before the forum opened.",
    "The presidents held a meeting in Sochi on Friday.",
    "The two heads of state sat down for talks in the Kremlin on Friday.",
]
AFTER = ["", " Russia counts Kazakhstan and Belarus among its main partners."]


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
    ("Vladimir Putin and Alexander Lukashenko spoke in Minsk in May.\n\nThe harvest was good.\n\nPrices fell.",
     "belarus"),
    ("Lukashenko and his Russian counterpart discussed oil in May.\n\nThe rouble fell.\n\nPrices fell.", "belarus"),
    ("The Russian and Belarusian presidents to meet\n\nThe rouble fell.", "belarus"),
    ("Putin and Tokayev discussed grain in May.\n\nThe rouble fell.\n\nPrices fell.", "kazakhstan"),
]


@pytest.mark.parametrize(("before", "profile"), NAMED_BEFORE)
@pytest.mark.parametrize("group", GROUPS)
def test_the_two_leaders_stay_the_pair_when_the_article_names_both(request, before, profile, group):
    found = _meetings(request.getfixturevalue(profile), f"{before}\n\n{group}")
    assert [m for m in found if m[0] == FRIDAY], (before, group, found)


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("visit", ["Putin arrived in Minsk on Friday.", "Putin flew to Minsk on Friday."])
def test_a_visit_to_the_other_capital_still_makes_the_group_the_pair(belarus, visit, group):
    found = _meetings(belarus, f"{visit}\n\n{group}")
    assert [m for m in found if m[0] == FRIDAY and m[3] == ("lukashenko", "putin")], (group, found)


@pytest.mark.parametrize("group", GROUPS)
def test_a_group_before_anyone_else_is_named_stays_the_pair(belarus, group):
    found = _meetings(belarus, f"{group} Lukashenko also spoke with the Russian prime minister on Thursday.")
    assert [m for m in found if m[0] == FRIDAY and m[3] == ("lukashenko", "putin")], (group, found)


# ---------------------------------------------------------------- the same reading from stored spans

# Re-proposing under another profile reads spans an earlier profile's gazetteer made ("Minsk" a GPE under
# russia_belarus, which a fresh russia_kazakhstan ingest leaves to the model). A place a gazetteer tagged counts
# only when the profile in use knows it; the model's own places and the analyst's always count.
@pytest.mark.parametrize(("source", "counted"), [("rule", False), ("model", True), ("analyst", True)])
def test_a_place_another_profiles_gazetteer_tagged_is_no_place(kazakhstan, source, counted):
    text = "Alexander Lukashenko came from Minsk.\n\nThe presidents held a meeting in Sochi on Friday."
    at = text.index("Minsk")
    spans = [{"start": at, "end": at + 5, "label": "GPE", "text": "Minsk", "source": source, "status": "proposed"}]
    doc = Document(text, PUBLISHED, kazakhstan.rules, kazakhstan.aliases, spans, kazakhstan.locations)
    assert doc._third_place(0, len(text)) is counted


def test_the_places_of_a_profile_used_before_are_not_the_current_ones(db):
    from desktop import store
    from desktop.facts import FactRules, fact_context
    from desktop.profile import load_profile

    for entity in load_profile("russia_belarus").entities:
        store.upsert_entity(db, entity)
    store.upsert_entity(db, {"id": "grodno", "name": "Grodno", "label": "GPE", "aliases": []}, source="analyst")
    kazakhstan = load_profile("russia_kazakhstan")
    for entity in kazakhstan.entities:
        store.upsert_entity(db, entity)
    store.set_meta(db, "profile", "russia_kazakhstan")
    _, _, locations = fact_context(db, FactRules.from_dict(kazakhstan.facts))
    assert "minsk" not in locations  # the earlier profile's gazetteer place
    assert locations["astana"] == "Astana" and locations["grodno"] == "Grodno"


# ---------------------------------------------------------------- a guest's trip in the group's own sentence

# The host (one of the pair) named before a guest whose name the model may not tag, the guest's trip, then the group:
# the group is the guest and his host ("At the invitation of Putin, Modi will visit Russia, wherein the two leaders").
GUESTS = ["Modi will visit Russia", "Erdogan is set to travel to Moscow", "Prime Minister Modi will visit Sochi",
          "Narendra Modi visited Russia"]
GUEST_GROUPS = ["wherein the two leaders will discuss trade.", "where the presidents held talks.",
                "where the two heads of state are to meet."]


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("guest", GUESTS)
@pytest.mark.parametrize("group", GUEST_GROUPS)
def test_a_guests_trip_in_the_groups_own_sentence_makes_the_group_his(request, profile, guest, group):
    text = f"At the invitation of Russian President Putin, {guest} on 21 September, {group}"
    assert _meetings(request.getfixturevalue(profile), text) == [], text


@pytest.mark.parametrize("guest", ["Lukashenko will visit Russia", "the Belarusian leader will visit Moscow",
                                   "Alexander Lukashenko is set to travel to Sochi"])
def test_the_other_leaders_own_trip_keeps_the_group_the_pair(belarus, guest):
    text = f"At the invitation of Russian President Putin, {guest} on 21 September, where the two leaders will meet."
    found = _meetings(belarus, text)
    assert [m for m in found if m[0] == "2023-09-21" and m[3] == ("lukashenko", "putin")], (text, found)
