"""A role or a side names a leader only while in office ([facts.tenures]); a seat's other holder takes part in his
stead then ([facts.holders]) (issue 10).

Blind batch 35's class: an article of 2015 on "a visit to Kazakhstan" was proposed as a Putin-Tokayev meeting,
though the Kazakh president then was Nazarbayev. Blind batches 37, 38 and 40's class: Putin's meetings with
Nazarbayev while he was president were no meetings of the Russia-Kazakhstan profile at all. Every sentence here is
ours. Each wording that names the Kazakh side by its country, capital or president's title is crossed with dates
before and during Tokayev's term; the controls name the leader, or are the Belarus profile (whose leader has been
in office since 1994, and whose Russian seat has no other holder).
"""

from __future__ import annotations

import pytest

from desktop.facts import FactRules
from desktop.profile import ProfileError, load_profile
from tests.profile_support import edited_profile
from tests.test_facts_phrasing_classes4 import _meetings

# The Kazakh side by place or title only, Putin by name.
UNNAMED_HOST = [
    "On Friday Vladimir Putin visited {country} on a state visit.",
    "Putin paid an official visit to {capital} on Friday.",
    "On Friday Putin held talks with the President of {country} in the Kremlin.",
    "The {adjective} president met Vladimir Putin in Sochi on Friday.",
    "Putin and the {adjective} leader held talks in Moscow on Friday.",
]
KAZAKH = {"country": "Kazakhstan", "capital": "Astana", "adjective": "Kazakh"}
BELARUSIAN = {"country": "Belarus", "capital": "Minsk", "adjective": "Belarusian"}
# (published, the Friday before it)
BEFORE_TERM = [("2015-03-14", "2015-03-13"), ("2018-10-13", "2018-10-12"), ("2019-03-16", "2019-03-15")]
IN_TERM = [("2019-03-23", "2019-03-22"), ("2023-09-16", "2023-09-15")]


@pytest.mark.parametrize("sentence", UNNAMED_HOST)
@pytest.mark.parametrize(("published", "friday"), BEFORE_TERM)
def test_the_kazakh_side_before_tokayevs_term_is_nazarbayev(kazakhstan, sentence, published, friday):
    text = sentence.format(**KAZAKH)
    assert _meetings(kazakhstan, text, published) == [(friday, friday, "held", ("nazarbayev", "putin"))], text


@pytest.mark.parametrize("sentence", UNNAMED_HOST)
@pytest.mark.parametrize(("published", "friday"), IN_TERM)
def test_the_kazakh_side_in_his_term_is_tokayev(kazakhstan, sentence, published, friday):
    text = sentence.format(**KAZAKH)
    assert _meetings(kazakhstan, text, published) == [(friday, friday, "held", ("putin", "tokayev"))], text


# By name: each president's meetings count in his own term, and neither's in the other's (Tokayev before 2019 and
# Nazarbayev after it held no seat of the pair's: the chairman of the Senate, the First President).
NAMED = [
    "Vladimir Putin met {name} in Moscow on Friday.",
    "On Friday {surname} and Putin held talks in Sochi.",
    "{name} had a telephone conversation with Vladimir Putin on Friday.",
    "Putin received {surname} in the Kremlin on Friday.",
]
TOKAYEV = {"name": "Kassym-Jomart Tokayev", "surname": "Tokayev"}
NAZARBAYEV = {"name": "Nursultan Nazarbayev", "surname": "Nazarbayev"}


def _events(kazakhstan, text, published):
    return sorted((f["date_start"], f["kind"], tuple(sorted(f["participants"])))
                  for f in kazakhstan.facts(text, published) if f["kind"] in ("meeting", "call"))


@pytest.mark.parametrize("sentence", NAMED)
@pytest.mark.parametrize(("published", "friday"), BEFORE_TERM + IN_TERM)
def test_each_president_by_name_counts_in_his_own_term(kazakhstan, sentence, published, friday):
    kind = "call" if "telephone" in sentence else "meeting"
    holder, other = (TOKAYEV, NAZARBAYEV) if published >= "2019-03-20" else (NAZARBAYEV, TOKAYEV)
    text = sentence.format(**holder)
    expected = [(friday, kind, tuple(sorted(("putin", holder["surname"].lower()))))]
    assert _events(kazakhstan, text, published) == expected, text
    text = sentence.format(**other)
    assert _events(kazakhstan, text, published) == [], text


# A later article on an earlier holder's meetings: a former president is no participant of the day's.
@pytest.mark.parametrize("text", [
    "On Friday Putin received Nursultan Nazarbayev in the Kremlin.",
    "Putin and Nazarbayev held talks in the Kremlin on Friday.",
])
def test_the_former_president_after_his_term_is_no_participant(kazakhstan, text):
    assert _events(kazakhstan, text, "2025-12-13") == []


@pytest.mark.parametrize("sentence", UNNAMED_HOST)
@pytest.mark.parametrize(("published", "friday"), BEFORE_TERM + IN_TERM)
def test_a_leader_in_office_all_along_is_named_by_his_side(belarus, sentence, published, friday):
    text = sentence.format(**BELARUSIAN)
    assert _meetings(belarus, text, published) == [(friday, friday, "held", ("lukashenko", "putin"))], text


# "The Russian president" while Putin was prime minister (2008-2012) is Medvedev; Putin by name is Putin.
@pytest.mark.parametrize(("text", "expected"), [
    ("The Russian president met Alexander Lukashenko in Minsk on Friday.", []),
    ("Putin met Alexander Lukashenko in Minsk on Friday.", [("2010-06-11", "2010-06-11", "held", ("lukashenko", "putin"))]),
])
def test_the_russian_president_while_putin_was_prime_minister_is_someone_else(belarus, text, expected):
    assert _meetings(belarus, text, "2010-06-12") == expected


def test_rules_as_of_a_day_keep_the_leaders_in_office():
    rules = FactRules.from_dict(load_profile("russia_kazakhstan").facts)
    import datetime as dt

    assert rules.in_office(dt.date(2024, 1, 1)) is rules
    before = rules.in_office(dt.date(2015, 1, 1))
    assert before.side_leaders == {"Russia": "putin", "Kazakhstan": "nazarbayev"} and "tokayev" not in before.roles
    assert before.participants == ["putin", "nazarbayev"] and before.roles["nazarbayev"].search("the Kazakh president")
    assert rules.people == ["putin", "tokayev", "nazarbayev"]
    assert rules.in_office(dt.date(2015, 6, 1)) is before  # built once per set of leaders out of office


def test_a_term_written_wrong_is_an_error_naming_the_key_and_the_file(tmp_path):
    broken = edited_profile(tmp_path, "russia_kazakhstan", 'tokayev = ["2019-03-20.."]', 'tokayev = ["since 2019"]')
    with pytest.raises(ProfileError, match=r"mine\.toml.*tenures.*tokayev"):
        load_profile(broken)


def test_a_seat_holder_takes_part_in_the_scores_participants_stead():
    from desktop.scoring import score

    gold = [{"kind": "meeting", "file": "a.txt", "date_start": "2015-10-15", "date_end": "2015-10-15"}]
    proposed = [{"kind": "meeting", "file": "a.txt", "date_start": "2015-10-15", "date_end": "2015-10-15",
                 "participants": ["nazarbayev", "putin"]}]
    rules = FactRules.from_dict(load_profile("russia_kazakhstan").facts)
    seats = {"participants": set(rules.participants), "holders": rules.holders}
    assert score(proposed, gold, **seats)["meeting"]["recall"] == 1.0
    assert score(proposed, gold, participants=set(rules.participants))["meeting"]["recall"] == 0.0
    other = [dict(proposed[0], participants=["lukashenko", "putin"])]
    assert score(other, gold, **seats)["meeting"]["recall"] == 0.0


def test_a_holder_written_wrong_is_an_error_naming_the_key_and_the_file(tmp_path):
    broken = edited_profile(tmp_path, "russia_kazakhstan", 'tokayev = ["nazarbayev"]', 'tokayev = "nazarbayev"')
    with pytest.raises(ProfileError, match=r"mine\.toml.*holders.*tokayev"):
        load_profile(broken)
