"""Meeting classes found in blind batch 23 and later (issue 10), each under perturbation.

Like tests/test_facts_phrasing_classes.py: every sentence is ours, written for the class, never an
article's own; each class is crossed with wordings, orders, names and dates, against controls that
must stay empty. Spans come from the profile's gazetteer on a blank pipeline (tests/test_facts_meetings_perturb.py).
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_meetings_perturb import FRIDAY, PUBLISHED


def _meetings(extractor, text, published=PUBLISHED):
    return sorted((f["date_start"], f["held"], tuple(f["participants"]), f["place"])
                  for f in extractor.facts(text, published) if f["kind"] == "meeting")


# ---------------------------------------------------------------- talks named by the two countries' words

# The talks named by both sides' words (a compound, two adjectives, "between"), the leaders in a sentence of
# their own, before or after, under any spelling or title.
PAIR_TALKS = [
    "The Belarus-Russia talks at the highest level were held on 15 September in Sochi.",
    "Russian-Belarusian negotiations took place in Sochi on September 15.",
    "On 15 September, the Russia-Belarus summit was held in Sochi.",
    "Talks between Belarus and Russia were held in Sochi on Friday, 15 September.",
    "Belarusian and Russian talks took place on September 15 in Sochi.",
]
LEADERS_AFTER = [
    "{b} and {a} discussed energy prices for five hours.",
    "{a} told {b} that the integration roadmaps were ready.",
    "Afterwards, {b} said {a} had agreed to keep the oil price.",
]
NAMES = [("Putin", "Lukashenka"), ("Vladimir Putin", "Alexander Lukashenko"),
         ("the Russian president", "Alyaksandr Lukashenka")]


def _told(template, a, b):
    text = template.format(a=a, b=b)
    return text[0].upper() + text[1:]


@pytest.mark.parametrize(("talks", "leaders", "names"), list(itertools.product(PAIR_TALKS, LEADERS_AFTER, NAMES)))
def test_talks_named_by_both_countries_are_the_leaders_named_next(belarus, talks, leaders, names):
    a, b = names
    text = talks + " " + _told(leaders, a, b)
    assert _meetings(belarus, text) == [(FRIDAY, "held", ("lukashenko", "putin"), "Sochi")], text
    # The leaders in a paragraph of their own, or in the sentence before the talks.
    assert _meetings(belarus, talks + "\n" + _told(leaders, a, b)) == [
        (FRIDAY, "held", ("lukashenko", "putin"), "Sochi")], text
    before = _told("{a} and {b} arrived on the Black Sea coast on Thursday.", a, b) + " " + talks
    assert [m[:3] for m in _meetings(belarus, before)] == [(FRIDAY, "held", ("lukashenko", "putin"))], before


@pytest.mark.parametrize("talks", PAIR_TALKS)
def test_talks_planned_or_negated_keep_their_status(belarus, talks):
    planned = (talks.replace("were held", "will be held").replace("took place", "will take place")
               .replace("was held", "will be held").replace("15 September", "20 September")
               .replace("September 15", "September 20").replace("Friday, ", ""))
    text = planned + " Putin and Lukashenka are to discuss gas prices."
    assert [m[:2] for m in _meetings(belarus, text)] == [("2023-09-20", "planned")], text
    negated = (talks.replace("were held", "were not held").replace("took place", "did not take place")
               .replace("was held", "was not held"))
    text = negated + " Putin and Lukashenka had fallen out over gas prices."
    assert _meetings(belarus, text) == [], text


OTHERS = [
    # Other officials' talks under the same words.
    ("Russian-Belarusian talks of the foreign ministers were held in Minsk on 15 September.",
     "Putin and Lukashenko had agreed on them in July."),
    ("Belarus-Russia talks at the level of prime ministers took place in Minsk on September 15.",
     "Lukashenko and Putin will review the results."),
    # No leader named near: the delegations' talks.
    ("The Belarus-Russia talks were held on 15 September in Sochi.", "The delegations discussed gas prices."),
    # Only one side's word: "Russian talks" are nobody's pair.
    ("The Russian talks were held on 15 September in Sochi.", "Putin and Lukashenka were not there."),
    # Another pair's talks, whoever is named next.
    ("The Kazakhstan-Russia talks were held on 15 September in Sochi.", "Putin and Tokayev discussed transit."),
    ("Belarus-China talks took place in Beijing on September 15.", "Lukashenko and Xi Jinping signed a plan."),
]


@pytest.mark.parametrize(("talks", "after"), OTHERS)
def test_talks_of_other_officials_or_pairs_are_no_leaders_meeting(belarus, talks, after):
    text = talks + " " + after
    assert [m for m in _meetings(belarus, text) if m[0] == FRIDAY] == [], text


@pytest.mark.parametrize(("talks", "leaders"), list(itertools.product(
    ["The Kazakhstan-Russia talks were held on 15 September in Astana.",
     "Russian-Kazakh negotiations took place in Astana on September 15.",
     "Talks between Kazakhstan and Russia were held in Astana on Friday, 15 September."],
    ["Tokayev and Putin discussed transit for four hours.", "Putin told Tokayev the pipeline was ready."])))
def test_the_kazakhstan_profile_reads_its_pairs_talks_from_configuration(kazakhstan, belarus, talks, leaders):
    text = talks + " " + leaders
    assert [m[:3] for m in _meetings(kazakhstan, text)] == [(FRIDAY, "held", ("putin", "tokayev"))], text
    assert _meetings(belarus, text) == [], text


FILLERS = ["The talks came after weeks of protests in Minsk.", "The governments had prepared the roadmaps for months.",
           "Gas prices and oil duties topped the agenda."]


@pytest.mark.parametrize(("talks", "fillers"), list(itertools.product(PAIR_TALKS, [1, 2])))
def test_the_leaders_may_be_named_a_few_sentences_on(belarus, talks, fillers):
    """Sentences naming no one between the talks and their leaders: the first one naming anyone decides."""
    between = " ".join(FILLERS[:fillers])
    text = f"{talks} {between} Presidents Lukashenka and Putin talked one-on-one and then with the delegations."
    assert [m[:3] for m in _meetings(belarus, text)] == [(FRIDAY, "held", ("lukashenko", "putin"))], text
    # Someone else named first: the premiers' talks, whoever is named after.
    text = f"{talks} {between} Mishustin and Golovchenko led the delegations. Putin and Lukashenka were briefed."
    assert [m for m in _meetings(belarus, text) if m[0] == FRIDAY] == [], text
    # Too far on: four sentences naming no one.
    text = f"{talks} {' '.join(FILLERS)} The press was kept out. Putin and Lukashenka spoke to reporters later."
    assert [m for m in _meetings(belarus, text) if m[0] == FRIDAY] == [], text


# ---------------------------------------------------------------- two days listed: one event a day, or one span

TWO_DAYS = [("on 11 and 12 September", ("2023-09-11", "2023-09-12")),
            ("on September 11 and 12", ("2023-09-11", "2023-09-12")),
            ("on September 11 and 12, 2023", ("2023-09-11", "2023-09-12")),
            ("on 31 August and 1 September", ("2023-08-31", "2023-09-01"))]
COUNTED_CALLS = ["During several telephone conversations {a} and {b} had {when}, they discussed oil supplies.",
                 "{a} and {b} held phone calls {when}.",
                 "{when}, {a} had two telephone conversations with {b}."]


@pytest.mark.parametrize(("frame", "when", "names"), list(itertools.product(COUNTED_CALLS, TWO_DAYS, NAMES)))
def test_calls_counted_on_two_listed_days_are_one_a_day(belarus, frame, when, names):
    (phrase, days), (a, b) = when, names
    text = _told(frame.replace("{when}", phrase), a, b)
    calls = sorted((f["date_start"], f["date_end"]) for f in belarus.facts(text) if f["kind"] == "call")
    assert calls == [(day, day) for day in days], text


@pytest.mark.parametrize(("when", "names"), list(itertools.product(TWO_DAYS, NAMES)))
def test_talks_on_two_consecutive_days_are_one_event_and_days_apart_two(belarus, when, names):
    (phrase, days), (a, b) = when, names
    text = _told("{a} and {b} held talks in Sochi " + phrase + ".", a, b)
    assert [(m[0], m[1]) for m in _meetings(belarus, text)] == [(days[0], "held")], text
    spans = [(f["date_start"], f["date_end"]) for f in belarus.facts(text) if f["kind"] == "meeting"]
    assert spans == [days], text
    apart = phrase.replace("11 and 12", "4 and 12").replace("31 August and 1", "28 August and 1")
    text = _told("{a} and {b} met in Sochi " + apart + ".", a, b)
    assert len(_meetings(belarus, text)) == 2, text
    between = _told("{a} and {b} met in Sochi " + apart.replace("on ", "between ", 1) + ".", a, b)
    assert len(_meetings(belarus, between)) == 1, between
