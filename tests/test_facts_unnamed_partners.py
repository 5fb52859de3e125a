"""Someone unnamed met ("at a meeting with an envoy from Moscow"), attendees added in the next paragraph ("...
also participated in the meeting") and a change's base year told with "on" ("up 10 per cent on 2011") (blind
batches 57 and 58, issue 10).

The classes: a participant's meeting "with a/an" someone unnamed was read as the pair's when the other leader was
named later in the sentence; an attendance list opening the next paragraph, past a photo caption, did not join
the summit told just before it; "up 10% on 2011" read 2011 as the period of a second, change-only figure. Every
sentence is ours, both profiles. Controls: "talks with a delegation headed by Putin", "talks with a view to",
the pair together "with a group of students"; a next paragraph without "also"; "grew by 10% in 2012".
"""

from __future__ import annotations

import itertools

import pytest

PUBLISHED = "2022-10-07"  # a Friday
PAIRS = {"belarus": ("Lukashenko", "Vladimir Putin", ("lukashenko", "putin"), "Belarus"),
         "kazakhstan": ("Tokayev", "Vladimir Putin", ("putin", "tokayev"), "Kazakhstan")}
SOMEONE = ["{h} voiced that hope today at a meeting with an envoy from Moscow, who is a special envoy of "
           "{g}.",
           "{h} said today at a meeting with a group of students that {g} would come in the spring.",
           "{h} held talks today with an envoy of the Russian government, who passed on greetings from {g}."]
THEIRS = ["{h} held talks today with a Russian delegation headed by {g}.",
          "{h} and {g} held talks today with a view to raising trade.",
          "{h} and {g} met today with a group of students in Sochi."]


def _meetings(extractor, text):
    return sorted((f["date_start"], tuple(f["participants"]))
                  for f in extractor.facts(text, PUBLISHED) if f["kind"] == "meeting")


@pytest.mark.parametrize(("profile", "line"), list(itertools.product(PAIRS, SOMEONE)))
def test_a_meeting_with_someone_unnamed_is_not_the_pairs(request, profile, line):
    h, g, _, _ = PAIRS[profile]
    text = line.format(h=h, g=g)
    assert _meetings(request.getfixturevalue(profile), text) == [], text


@pytest.mark.parametrize(("profile", "line"), list(itertools.product(PAIRS, THEIRS)))
def test_a_meeting_with_a_phrase_naming_the_other_or_of_both_is_theirs(request, profile, line):
    h, g, ids, _ = PAIRS[profile]
    text = line.format(h=h, g=g)
    assert _meetings(request.getfixturevalue(profile), text) == [(PUBLISHED, ids)], text


ADDED = ["Lukashenko, Mirziyoyev and Russian President {g} also participated in the meeting.",
         "President of Uzbekistan Shavkat Mirziyoyev and Russian President {g} also took part in the summit."]


@pytest.mark.parametrize(("profile", "added", "caption"),
                         list(itertools.product(PAIRS, ADDED, ["", "Photo credit: the press service.\n\n"])))
def test_attendees_added_in_the_next_paragraph_join_the_summit(request, profile, added, caption):
    h, g, ids, _ = PAIRS[profile]
    text = (f"{h} came to Saint Petersburg on Oct. 7 for an informal summit of the CIS heads of "
            f"state.\n\n{caption}{added.format(g=g)}")
    assert _meetings(request.getfixturevalue(profile), text) == [(PUBLISHED, ids)], text


@pytest.mark.parametrize("profile", list(PAIRS))
def test_a_next_paragraph_without_also_adds_no_one(request, profile):
    h, g, _, _ = PAIRS[profile]
    text = (f"{h} came to Saint Petersburg on Oct. 7 for an informal summit of the CIS heads of "
            f"state.\n\nOn Thursday, Russian President {g} took part in a meeting of the Security Council.")
    assert _meetings(request.getfixturevalue(profile), text) == []


BASES = ["up 10 per cent on 2011", "up 10% on 2011", "up 10 percent on 2011", "a rise of 10 % on 2011"]


@pytest.mark.parametrize(("profile", "base"), list(itertools.product(PAIRS, BASES)))
def test_a_change_on_a_base_year_is_the_figures_change(request, profile, base):
    side = PAIRS[profile][3]
    text = f"Trade between Russia and {side} reached $45 billion in 2012, {base}, the ministry said."
    facts = request.getfixturevalue(profile).facts(text, "2013-03-16")
    assert sorted((f["period_start"], f["value"], f["change_pct"]) for f in facts if f["kind"] == "trade") == [
        ("2012-01-01", 45e9, 10.0)], text
    plain = f"Trade between Russia and {side} grew by 10% in 2012 to $45 billion."
    facts = request.getfixturevalue(profile).facts(plain, "2013-03-16")
    assert [(f["period_start"], f["value"], f["change_pct"]) for f in facts if f["kind"] == "trade"] == [
        ("2012-01-01", 45e9, 10.0)]
