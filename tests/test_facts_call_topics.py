"""A call about another event, and a briefing on someone else's meeting (issue 10, blind batch 31 classes).

Every sentence is ours, written for the class. A call "after the summit" is about the summit, not a meeting of
the pair; "his summit with Trump" is a meeting with someone else, whether the model tags the surname a PERSON
or (as in a headline) an ORG. Controls: the pair's own meeting told beside a call stays a meeting.
"""

from __future__ import annotations

import itertools

import pytest

from desktop.facts import extract_facts, load_rules

PUBLISHED = "2025-08-17"  # a Sunday
ALIASES = {"putin": ["Vladimir Putin", "Putin"], "lukashenko": ["Alexander Lukashenko", "Lukashenko", "Lukashenka"]}

CALLS = ["Putin and Lukashenko spoke by phone on Saturday {ref} on Friday.",
         "Lukashenko held a telephone conversation with Putin on Saturday {ref} on Friday.",
         "On Saturday, Putin had a phone conversation with his Belarusian counterpart Alexander Lukashenko {ref} "
         "on Friday.",
         "The two presidents, Putin and Lukashenko, had a phone call on Saturday that focused on the region {ref} "
         "on Friday."]
REFERENCES = ["after the Alaska summit", "after the summit in Alaska", "following the Geneva talks",
              "on the outcome of the meeting in Anchorage", "on the results of the summit held in Alaska"]


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def _events(rules, text, spans=None):
    return sorted((f["kind"], f["date_start"]) for f in extract_facts(text, PUBLISHED, rules, aliases=ALIASES,
                                                                         spans=spans)
                  if f["kind"] in ("meeting", "call"))


@pytest.mark.parametrize(("call", "ref"), list(itertools.product(CALLS, REFERENCES)))
def test_a_call_about_another_event_is_a_call_only(rules, call, ref):
    text = call.format(ref=ref)
    assert _events(rules, text) == [("call", "2025-08-16")], text


@pytest.mark.parametrize("call", CALLS)
def test_the_pairs_own_talks_told_with_a_call_stay_a_meeting(rules, call):
    # "ahead of their talks" says whose talks they are; so does a meeting of theirs in a sentence of its own.
    text = call.format(ref="ahead of their talks in Minsk").replace(" on Friday.", " next Friday.")
    assert ("meeting", "2025-08-22") in _events(rules, text), text
    text = call.format(ref="after the Alaska summit") + " Putin and Lukashenko met in Minsk on Friday."
    assert _events(rules, text) == [("call", "2025-08-16"), ("meeting", "2025-08-15")], text


OTHERS = ["Trump", "Erdogan", "Macron"]
BRIEFINGS = ["Putin informs Lukashenko about Alaska summit with {name}",
             "Putin told Lukashenko about his talks with {name} on Sunday.",
             "On Sunday Putin briefed Lukashenko on the results of his meeting with {name}."]


@pytest.mark.parametrize(("briefing", "name", "label"),
                         list(itertools.product(BRIEFINGS, OTHERS, ["PERSON", "ORG", None])))
def test_a_briefing_on_a_meeting_with_someone_else_is_no_meeting_of_the_pair(rules, briefing, name, label):
    # The surname tagged a PERSON, an ORG (the model, in a headline), or not at all.
    text = briefing.format(name=name) + "\n\nThe Kremlin said nothing more."
    at = text.index(name)
    other = [{"id": 1, "start": at, "end": at + len(name), "label": label, "text": name, "status": "proposed"}]
    assert [k for k, _ in _events(rules, text, spans=other if label else None)] == [], text


@pytest.mark.parametrize("word", ["Moscow", "Minsk", "Russia", "Belarus"])
def test_talks_with_a_side_stay_the_pairs(rules, word):
    # Control: a side's name after "with" is no one else ("Lukashenko will hold talks with Moscow").
    text = f"Lukashenko will hold talks with {word} on Friday, Putin said."
    assert _events(rules, text) == [("meeting", "2025-08-22")], text


@pytest.mark.parametrize("briefing", BRIEFINGS)
def test_a_meeting_with_a_participant_after_with_stays(rules, briefing):
    # Control: the name after "with" is one of the pair.
    text = briefing.format(name="Lukashenko").replace("Putin informs Lukashenko about", "Putin speaks about").replace(
        "Putin told Lukashenko about", "Putin spoke about").replace("Putin briefed Lukashenko on", "Putin spoke of")
    assert [k for k, _ in _events(rules, text)] == ["meeting"], text


# "His Belarusian counterpart" in an article on Russia and Kazakhstan is someone else: "the two leaders" after
# it are Putin and him. Spans come from each profile's gazetteer (tests/conftest.py's fixtures).
COUNTERPART_SENTENCES = [
    "Putin met his {adj} counterpart on Sunday, and the two leaders discussed bilateral relations.",
    "Putin welcomed his {adj} counterpart to Sochi on Sunday, and the two leaders held talks on trade.",
    "On Sunday Putin received his {adj} colleague in the Kremlin. The two presidents held talks for three hours.",
]
OTHER_NATIONS = {"kazakhstan": ["Belarusian", "Chinese", "Uzbek", "Turkish"],
                 "belarus": ["Kazakh", "Chinese", "Armenian", "Turkish"]}
OWN_NATION = {"kazakhstan": "Kazakh", "belarus": "Belarusian"}


@pytest.mark.parametrize("profile", ["kazakhstan", "belarus"])
@pytest.mark.parametrize("sentence", COUNTERPART_SENTENCES)
def test_a_counterpart_of_another_country_is_not_the_pair(request, profile, sentence):
    extractor = request.getfixturevalue(profile)
    for adj in OTHER_NATIONS[profile]:
        text = sentence.format(adj=adj)
        assert extractor.meetings(text, PUBLISHED) == [], (profile, text)
    text = sentence.format(adj=OWN_NATION[profile])  # control: the pair's own counterpart
    assert [held for *_, held in extractor.meetings(text, PUBLISHED)] == ["held"], (profile, text)


# Talks named by a place of neither side, told by one participant ("Tokayev considers the Alaska talks a
# breakthrough"), are someone else's, though the other participant is named in the next sentence.
PAIRS = {"russia_belarus": ("Lukashenko", {"putin": ["Vladimir Putin", "Putin"],
                                           "lukashenko": ["Alexander Lukashenko", "Lukashenko"]}),
         "russia_kazakhstan": ("Tokayev", {"putin": ["Vladimir Putin", "Putin"],
                                           "tokayev": ["Kassym-Jomart Tokayev", "Tokayev"]})}
ABROAD = ["Alaska", "Geneva", "Helsinki", "Anchorage"]
COMMENTS = ["{leader} considers {det}{place} talks a breakthrough for the region",
            "{leader} welcomed {det}{place} summit on Sunday.",
            "{leader} called {det}{place} meeting a success"]


def _place_span(text, place):
    at = text.index(place)
    return [{"id": 1, "start": at, "end": at + len(place), "label": "GPE", "text": place, "status": "proposed"}]


@pytest.mark.parametrize("profile", list(PAIRS))
@pytest.mark.parametrize(("comment", "det"), list(itertools.product(COMMENTS, ["", "the "])))
def test_talks_named_by_a_place_abroad_told_by_one_participant_are_someone_elses(profile, comment, det):
    rules = load_rules(profile)
    leader, aliases = PAIRS[profile]
    for place in ABROAD:
        text = comment.format(leader=leader, det=det, place=place) + "\n\nPutin thanked the hosts on Sunday."
        facts = extract_facts(text, PUBLISHED, rules, aliases=aliases, spans=_place_span(text, place))
        assert [f for f in facts if f["kind"] == "meeting"] == [], text


@pytest.mark.parametrize("profile", list(PAIRS))
def test_talks_named_by_a_side_or_with_both_named_stay(profile):
    # Controls: a place of one side ("the Astana talks"), or both named in the sentence.
    rules = load_rules(profile)
    leader, aliases = PAIRS[profile]
    for text, place in [(f"{leader} and Putin held the Geneva talks on Sunday.", "Geneva"),
                        (f"Putin and {leader} welcomed the Moscow summit on Sunday.", "Moscow")]:
        facts = extract_facts(text, PUBLISHED, rules, aliases=aliases, spans=_place_span(text, place))
        assert [f["date_start"] for f in facts if f["kind"] == "meeting"] == ["2025-08-17"], text
