"""Meeting, date, trade and place classes found in blind batch 27 and before (issue 10), each under perturbation.

Like tests/test_facts_phrasing_classes4.py: every sentence is ours, written for the class, never an
article's own; each class is crossed with wordings, names and dates, against near-misses that must keep
working. Spans come from the profile's gazetteer on a blank pipeline (tests/test_facts_meetings_perturb.py).
"""

from __future__ import annotations

import itertools

import pytest

from desktop.facts import extract_facts, load_rules
from tests.test_facts_meetings_perturb import FRIDAY, PUBLISHED, THURSDAY
from tests.test_facts_phrasing_classes2 import ALIASES, _place_spans
from tests.test_facts_phrasing_classes4 import _meetings


def _cap(text):
    return text[0].upper() + text[1:]


# ---------------------------------------------------------------- class 1: a leader meeting his own government

# A leader with his own government, cabinet or Security Council: a meeting of other officials, whatever is said of
# the other leader in the same sentence or the next.
OWN_GOVERNMENT = [
    "{x} held a meeting with the government members on Friday.",
    "On Friday, {x} held a meeting with members of the government.",
    "{x} met with the Security Council on Friday.",
    "{x} chaired a session of the cabinet on Friday.",
    "On Friday {x} held a meeting with the permanent members of the Security Council.",
    "{x} held a Security Council meeting on Friday.",
    "{x} held talks with the Council of Ministers on Friday.",
    "{x} convened a government meeting on Friday.",
]
LEADERS = [("Putin", "Lukashenko"), ("Lukashenko", "Putin"), ("the Belarusian leader", "the Russian president"),
           ("Alyaksandr Lukashenka", "Vladimir Putin")]
# What the same sentence or the next says of the other leader: no meeting of the two on that day.
ABOUT_THE_OTHER = [
    "",
    " The meeting discussed the agreements reached with {y}.",
    " The head of state spoke about his recent talks with {y}.",
]


def _own_government(template, x, y, tail):
    return _cap(template.format(x=x)) + tail.format(y=y)


@pytest.mark.parametrize(("template", "names", "tail"),
                         list(itertools.product(OWN_GOVERNMENT, LEADERS, ABOUT_THE_OTHER)))
def test_a_leaders_meeting_with_his_own_government_is_no_meeting_of_the_pair(belarus, template, names, tail):
    text = _own_government(template, *names, tail)
    assert _meetings(belarus, text) == [], text


@pytest.mark.parametrize("template", OWN_GOVERNMENT)
def test_a_government_meeting_on_the_talks_takes_neither_its_day_nor_the_articles(belarus, template):
    # "... to discuss the results of his talks with Putin": the talks are the topic, dated neither by Friday
    # (the government's day) nor by the publication day.
    text = _cap(template.format(x="Lukashenko")).rstrip(".") + " to discuss the results of his talks with Putin."
    assert _meetings(belarus, text) == [], text
    headline = "Meeting with government members\n" + _cap(template.format(x="Lukashenko")).replace(" on Friday", "")
    assert _meetings(belarus, headline + " He informed them about his talks with Putin.") == [], headline


@pytest.mark.parametrize("template", OWN_GOVERNMENT)
def test_the_pairs_meeting_beside_a_government_meeting_stays_one(belarus, template):
    # The two leaders met on Thursday; the next day one of them met his government: one meeting, Thursday's.
    text = "Putin and Lukashenko met in Sochi on Thursday. " + _cap(template.format(x="the Belarusian leader"))
    assert _meetings(belarus, text) == [(THURSDAY, THURSDAY, "held", ("lukashenko", "putin"))], text
    # The same day: the government meeting does not become a second source of that meeting's day either.
    same_day = "Putin and Lukashenko met in Sochi on Friday. " + _cap(template.format(x="Lukashenko"))
    assert _meetings(belarus, same_day) == [(FRIDAY, FRIDAY, "held", ("lukashenko", "putin"))], same_day


@pytest.mark.parametrize("text", [
    # The other leader is the first party named: their talks, the government joining them.
    "On Friday, Putin held talks with Lukashenko and members of the Belarusian government.",
    "Putin met with Lukashenko and the Security Council secretaries of both countries on Friday.",
    # The talks dated after their own word, a government meeting told after them.
    "Before the talks with Lukashenko on Friday, Putin held a meeting with the Security Council.",
    # Both leaders' body, whoever else takes part.
    "A session of the Supreme State Council with the participation of the Council of Ministers was held on Friday.",
    "Putin and Lukashenko held talks on Friday in an expanded format, with the participation of government members.",
    "The Supreme State Council meeting with the government members of both countries took place on Friday.",
    "Putin and Lukashenko met on Friday to discuss the work of the two governments.",
])
def test_the_pairs_meetings_with_government_words_near_stay(belarus, text):
    assert _meetings(belarus, text) == [(FRIDAY, FRIDAY, "held", ("lukashenko", "putin"))], text


@pytest.mark.parametrize("text", [
    "Tokayev held a meeting with the government members on Friday to discuss the agreements reached with Putin.",
    "Putin chaired a session of the Security Council on Friday, where he spoke about his talks with Tokayev.",
    "On Friday, the Kazakh leader held a meeting with the members of the government.",
])
def test_a_government_meeting_in_the_second_profile(kazakhstan, text):
    assert _meetings(kazakhstan, text) == [], text
    assert _meetings(kazakhstan, "Putin and Tokayev met in Astana on Friday. " + text) == [
        (FRIDAY, FRIDAY, "held", ("putin", "tokayev"))], text


# ---------------------------------------------------------------- class 2: an arrival at the other's invitation

# A leader arriving for a visit: told with the visit's talks, one meeting, the talks' (day and place: the city);
# told alone, the visit is a meeting held on the arrival day (a visit to the other side is one with its host).
ARRIVALS = [
    "{v} arrived in {city} on Thursday at the invitation of {h}.",
    "At the invitation of {h}, {v} arrived in {city} on Thursday.",
    "On Thursday, {v} arrived in {city} on a working visit.",
    "{v} flew to {city} on Thursday at the invitation of {h}.",
    "{v} arrived in {city} at the invitation of {h}.",  # undated: the publication day stands for it
]
VISIT_TALKS = [
    "On Friday, the two presidents held talks.",
    "The talks between {h} and {v} took place on Friday.",
    "{h} and {v} met one-on-one on Friday.",
    "The presidents held talks in narrow format on Friday, 15 September.",
]
VISITS_TO_RUSSIA = [("Lukashenko", "Putin", "Moscow"), ("the Belarusian leader", "Vladimir Putin", "Sochi"),
                    ("Alyaksandr Lukashenka", "the Russian president", "St. Petersburg")]


def _visit(template, v, h, city):
    return _cap(template.format(v=v, h=h, city=city))


@pytest.mark.parametrize(("arrival", "talks", "names"),
                         list(itertools.product(ARRIVALS, VISIT_TALKS, VISITS_TO_RUSSIA)))
def test_an_arrival_told_with_the_talks_is_the_talks(belarus, arrival, talks, names):
    text = _visit(arrival, *names) + " " + _visit(talks, *names)
    found = [f for f in belarus.facts(text) if f["kind"] == "meeting"]
    assert [(f["date_start"], f["date_end"], f["held"], f["place"]) for f in found] == [
        (FRIDAY, FRIDAY, "held", names[2])], text


@pytest.mark.parametrize(("arrival", "names"), list(itertools.product(ARRIVALS[:4], VISITS_TO_RUSSIA)))
def test_an_arrival_told_alone_is_the_visit_held_on_its_day(belarus, arrival, names):
    if "invitation" not in arrival:
        names = (names[0], names[1], "Moscow")  # a visit with no host named is the capital's (visits)
    text = _visit(arrival, *names)
    assert _meetings(belarus, text) == [(THURSDAY, THURSDAY, "held", ("lukashenko", "putin"))], text
    # Told on the day, with the talks planned for the next: one planned meeting, the talks'.
    planned = text + " The talks with " + names[1] + " will be held on Friday."
    assert _meetings(belarus, planned, THURSDAY) == [(FRIDAY, FRIDAY, "planned", ("lukashenko", "putin"))], planned


@pytest.mark.parametrize("after", [
    "On Friday, he held talks with Mishustin.",  # someone else's talks: the arrival is still the visit
    "The two leaders had met in Minsk in May.",  # another meeting, months before
    "Putin and Lukashenko will meet again in December.",
])
def test_an_arrival_beside_other_meetings_stays_a_meeting(belarus, after):
    text = "Lukashenko arrived in Moscow on Thursday at the invitation of Putin. " + after
    found = _meetings(belarus, text)
    assert (THURSDAY, THURSDAY, "held", ("lukashenko", "putin")) in found, text
    assert len(found) == (1 if "Mishustin" in after else 2), text


def test_an_arrival_in_the_second_profile(kazakhstan):
    text = "Tokayev arrived in Moscow on Thursday at the invitation of Putin. On Friday, the presidents held talks."
    assert _meetings(kazakhstan, text) == [(FRIDAY, FRIDAY, "held", ("putin", "tokayev"))], text
    assert _meetings(kazakhstan, text.split(" On Friday")[0]) == [(THURSDAY, THURSDAY, "held", ("putin", "tokayev"))]


# ---------------------------------------------------------------- class 3: an informal meeting the day before the talks

# One visit: the talks and an informal meeting the day before (dated from the talks, or told informal) are one
# meeting over both days, in the talks' city.
VISIT_DAY = [
    "{a} and {b} held talks in Sochi on Friday.",
    "On Friday, {a} held official talks with {b} in Sochi.",
    "The talks between {a} and {b} took place in Sochi on 15 September.",
]
DAY_BEFORE = [
    "The day before, the two leaders met informally.",
    "A day earlier, the presidents had an informal meeting.",
    "The previous day, they met informally over dinner.",
    "On Thursday evening, the two leaders met informally.",
    "On Thursday, {a} and {b} had an unofficial meeting.",
    "A day before, {b} and {a} met.",
]
PAIRS = [("Putin", "Lukashenko"), ("the Russian president", "Alyaksandr Lukashenka"),
         ("Vladimir Putin", "the Belarusian leader")]
BOTH_DAYS = (THURSDAY, FRIDAY, "held", ("lukashenko", "putin"))


@pytest.mark.parametrize(("talks", "before", "names"), list(itertools.product(VISIT_DAY, DAY_BEFORE, PAIRS)))
def test_an_informal_meeting_the_day_before_the_talks_is_the_same_meeting(belarus, talks, before, names):
    a, b = names
    text = _cap(talks.format(a=a, b=b)) + " " + _cap(before.format(a=a, b=b))
    found = [f for f in belarus.facts(text) if f["kind"] == "meeting"]
    assert [(f["date_start"], f["date_end"], f["held"], tuple(f["participants"]), f["place"]) for f in found] == [
        (*BOTH_DAYS, "Sochi")], text


@pytest.mark.parametrize("text", [
    "On Thursday evening, Putin and Lukashenko met informally in Sochi. The next day, the two leaders held talks.",
    "Putin and Lukashenko met informally in Sochi on Thursday. On Friday, the presidents held official talks.",
    "On 14 September the presidents had an informal dinner meeting in Sochi. The following day, Putin and "
    "Lukashenko held talks.",
])
def test_the_informal_meeting_told_first_joins_the_talks_after_it(belarus, text):
    assert _meetings(belarus, text) == [BOTH_DAYS], text


@pytest.mark.parametrize(("after", "expected"), [
    # Two days apart: two meetings.
    ("They had met in Moscow on Wednesday.", [("2023-09-13", "2023-09-13"), (FRIDAY, FRIDAY)]),
    # Consecutive days, each with its own day and place and nothing informal: two meetings.
    ("On Thursday, Putin and Lukashenko met in Minsk.", [(THURSDAY, THURSDAY), (FRIDAY, FRIDAY)]),
    # Someone else the day before: one.
    ("A day earlier, Putin met Tokayev in Astana.", [(FRIDAY, FRIDAY)]),
    ("The day before, the Belarusian leader met informally with the governor of the Krasnodar region.",
     [(FRIDAY, FRIDAY)]),
])
def test_other_meetings_near_the_talks_stay_apart(belarus, after, expected):
    text = "Putin and Lukashenko held talks in Sochi on Friday. " + after
    assert [m[:2] for m in _meetings(belarus, text)] == expected, text


def test_a_call_the_day_before_is_no_part_of_the_visit(belarus):
    text = "Putin and Lukashenko held talks in Sochi on Friday. The day before, the two presidents spoke by phone."
    assert [(f["kind"], f["date_start"], f["date_end"]) for f in belarus.facts(text)] == [
        ("meeting", FRIDAY, FRIDAY), ("call", THURSDAY, THURSDAY)]


def test_an_informal_meeting_the_day_before_in_the_second_profile(kazakhstan):
    text = "Putin and Tokayev held talks in Astana on Friday. The day before, the two leaders met informally."
    assert _meetings(kazakhstan, text) == [(THURSDAY, FRIDAY, "held", ("putin", "tokayev"))], text


def test_an_informal_summit_the_day_before_stays_a_meeting_of_its_own(belarus):
    text = ("Lukashenko will arrive in St. Petersburg on 28 September, where he and Putin will take part in an "
            "informal summit of the CIS heads of state. Putin and Lukashenko will hold talks on 29 September.")
    assert [m[:3] for m in _meetings(belarus, text)] == [
        ("2023-09-28", "2023-09-28", "planned"), ("2023-09-29", "2023-09-29", "planned")], text


# ---------------------------------------------------------------- class 5: past calls are dated backward

MONDAY, SATURDAY_BEFORE = "2023-09-18", "2023-09-16"
# A call told in the past tense, with words of a plan elsewhere in the sentence ("the upcoming summit", "plans for
# next year", "the forthcoming meeting"): the call's own verb decides, so "Saturday" is the one before publication.
PAST_CALLS = [
    "On {d}, {a} and {b} held a phone call.",
    "On {d}, the presidents held a phone call, during which they discussed the upcoming summit.",
    "{a} and {b} had a phone call on {d} to discuss the forthcoming meeting of the Supreme State Council.",
    "On {d}, {a} and {b} spoke by phone and discussed plans for next year.",
    "{a} had a telephone conversation with {b} on {d} ahead of the next session of the Supreme State Council.",
    "On {d}, {a} and {b} discussed by phone the upcoming CIS summit.",
]


@pytest.mark.parametrize(("call", "names"), list(itertools.product(PAST_CALLS, PAIRS)))
def test_a_past_call_on_a_weekday_is_the_one_before_publication(belarus, call, names):
    text = _cap(call.format(a=names[0], b=names[1], d="Saturday"))
    found = [(f["kind"], f["date_start"], f["held"]) for f in belarus.facts(text, MONDAY)]
    assert found == [("call", SATURDAY_BEFORE, "held")], text


@pytest.mark.parametrize(("call", "names"), list(itertools.product(PAST_CALLS, PAIRS)))
def test_a_past_call_in_december_told_in_january_is_last_years(belarus, call, names):
    text = _cap(call.format(a=names[0], b=names[1], d="December 28"))
    found = [(f["kind"], f["date_start"], f["held"]) for f in belarus.facts(text, "2024-01-10")]
    assert found == [("call", "2023-12-28", "held")], text


@pytest.mark.parametrize(("text", "expected"), [
    # Planned calls and meetings stay planned, forward.
    ("Putin and Lukashenko will hold a phone call on Saturday.", [("call", "2023-09-23", "planned")]),
    ("The presidents are expected to talk by phone on December 28.", [("call", "2023-12-28", "planned")]),
    # A meeting the call arranged keeps its own date after its own word.
    ("On Saturday, Putin and Lukashenko spoke by phone and agreed to meet in Sochi on 29 September.",
     [("call", SATURDAY_BEFORE, "held"), ("meeting", "2023-09-29", "planned")]),
    # The topic told in the future: "will be discussed at the talks" is planned, and dated by its own words.
    ("The issue will be discussed at the talks between Putin and Lukashenko scheduled for 29 September.",
     [("meeting", "2023-09-29", "planned")]),
    ("Putin and Lukashenko met in Minsk on Saturday and will meet again in Sochi on 29 September.",
     [("meeting", SATURDAY_BEFORE, "held"), ("meeting", "2023-09-29", "planned")]),
])
def test_plans_near_past_calls_keep_their_tense(belarus, text, expected):
    published = "2023-12-20" if "December" in text else MONDAY
    found = sorted((f["kind"], f["date_start"], f["held"]) for f in belarus.facts(text, published))
    assert found == sorted(expected), text


def test_a_past_call_in_the_second_profile(kazakhstan):
    text = "On Saturday, Putin and Tokayev held a phone call, during which they discussed the upcoming EAEU summit."
    assert [(f["kind"], f["date_start"], f["held"]) for f in kazakhstan.facts(text, MONDAY)] == [
        ("call", SATURDAY_BEFORE, "held")]


# ---------------------------------------------------------------- class 8: a place of several words

# The model's place span may hold one word of a name ("Krasnaya" of "Krasnaya Polyana", "Novgorod" of "Veliky
# Novgorod"): the place is the whole capitalised name after in/at.
PLACES = ["Krasnaya Polyana", "Veliky Novgorod", "Nizhny Novgorod", "Bolshoye Zavidovo"]
MEETINGS_AT = [
    "Putin and Lukashenko met in {p} on Friday.",
    "On Friday, the talks between Putin and Lukashenko took place in {p}.",
    "Putin hosted Lukashenko at {p} on Friday, where the two held talks.",
]


def _places(text, *words):
    return [f["place"] for f in extract_facts(text, PUBLISHED, load_rules(), aliases=ALIASES,
                                              spans=_place_spans(text, *words)) if f["kind"] == "meeting"]


@pytest.mark.parametrize(("place", "template"), list(itertools.product(PLACES, MEETINGS_AT)))
@pytest.mark.parametrize("cut", ["first", "last", "whole", "none"])
def test_a_place_of_several_words_is_whole_however_the_span_cuts_it(place, template, cut):
    text = template.format(p=place)
    words = {"first": [place.split()[0]], "last": [place.split()[-1]], "whole": [place], "none": []}[cut]
    assert _places(text, *words) == [place], (text, words)


@pytest.mark.parametrize(("text", "span", "place"), [
    ("Putin and Lukashenko met in Moscow Tuesday.", "Moscow", "Moscow"),  # a weekday is no word of the place
    ("Putin and Lukashenko met in Minsk Friday, the Kremlin said.", "Minsk", "Minsk"),
    ("Putin and Lukashenko met in Sochi on Friday.", "Sochi", "Sochi"),
    ("Putin and Lukashenko met in St. Petersburg on Friday.", "St. Petersburg", "St. Petersburg"),
])
def test_a_place_name_stops_where_the_name_does(text, span, place):
    assert _places(text, span) == [place], text


# ---------------------------------------------------------------- class 7: trade across a paragraph break, lower bounds

NINE_MONTHS = ("2023-01-01", "2023-09-30")


def _figures(text, published="2024-02-10"):
    return sorted((f["period_start"], f["period_end"], f["value"], f["change_pct"], f["qualifier"])
                  for f in extract_facts(text, published, load_rules(), aliases=ALIASES) if f["kind"] == "trade")


# The trade and its period in one paragraph, the amount in the next (wires make a paragraph of each sentence).
TRADE_SUBJECTS = [
    "Trade between Russia and Belarus grew by 8% in January-September 2023.",
    "Bilateral trade kept growing in January-September 2023, the ministry said.",
    "Lukashenko spoke about mutual trade in January-September 2023.",
    "In January-September 2023, Russian-Belarusian trade turnover increased.",
]
AMOUNTS_NEXT = [
    "It came to $35 billion.",
    "It amounted to $35 billion, the ministry added.",
    "In value terms, it reached $35 billion.",
    "The figure stood at $35 billion.",
]


@pytest.mark.parametrize(("subject", "amount"), list(itertools.product(TRADE_SUBJECTS, AMOUNTS_NEXT)))
def test_the_amount_in_the_paragraph_after_the_trade_takes_its_period(subject, amount):
    text = subject + "\n\n" + amount
    found = _figures(text)
    assert [f[:3] for f in found if f[2] is not None] == [(*NINE_MONTHS, 35e9)], text
    if "8%" in subject:
        assert found == [(*NINE_MONTHS, 35e9, 8.0, None)], text  # the change and its amount: one figure


@pytest.mark.parametrize("items", [
    ["Trade turnover between the two countries amounted to $35 billion."],
    ["Mutual trade: $35 billion.", "Bilateral trade grew by 8%."],
])
def test_a_period_leading_a_list_is_its_figures(items):
    text = "According to Belstat, in January-September 2023:\n\n" + "\n\n".join(items)
    assert (*NINE_MONTHS, 35e9) in [f[:3] for f in _figures(text)], text


@pytest.mark.parametrize("text", [
    # Another paragraph between: the period is too far.
    "Trade between Russia and Belarus grew by 8% in January-September 2023.\n\nThe presidents met in Sochi on "
    "Friday.\n\nIt came to $35 billion.",
    # A target is not of the period just stated.
    "Trade between Russia and Belarus grew by 8% in January-September 2023.\n\n\"We must bring it to $35 billion "
    "in the coming years,\" Lukashenko said.",
    # "it" deep in the next paragraph's sentence is someone else's.
    "Trade between Russia and Belarus grew by 8% in January-September 2023.\n\nGazprom says Belarus owes it $35 "
    "billion.",
    # A lead-in's list ends at a paragraph without figures.
    "In January-September 2023:\n\nThe presidents discussed energy prices.\n\nTrade turnover amounted to $35 billion.",
])
def test_a_period_further_away_or_another_topic_gives_no_nine_months_figure(text):
    assert (*NINE_MONTHS, 35e9) not in [f[:3] for f in _figures(text)], text


# A lower bound ("exceeded $45 billion") is approximate (PRODUCT.md: "more than..."); a plan stays a forecast.
LOWER_BOUNDS = ["exceeded", "exceeds", "has exceeded", "surpassed", "topped", "went beyond", "was in excess of",
                "passed the"]


@pytest.mark.parametrize("verb", LOWER_BOUNDS)
@pytest.mark.parametrize("frame", ["Trade between Russia and Belarus {v} $45 billion in 2023.",
                                   "In 2023, bilateral trade turnover {v} $45 billion, a record.",
                                   "Mutual trade {v} $45 billion last year, up 8%."])
def test_a_lower_bound_is_approximate(verb, frame):
    text = frame.format(v=verb)
    assert [(f[2], f[4]) for f in _figures(text)] == [(45e9, "approx")], text


@pytest.mark.parametrize(("verb", "qualifier"), [("will exceed", "forecast"), ("is expected to exceed", "forecast"),
                                                 ("amounted to", None), ("reached a record", "record")])
def test_other_verbs_keep_their_qualifier(verb, qualifier):
    text = f"Trade between Russia and Belarus {verb} $45 billion in 2024."
    assert [(f[2], f[4]) for f in _figures(text, "2024-05-10")] == [(45e9, qualifier)], text


# -------------------------------------------------------- class 6: "would" after the meeting word, restated plans

# "would" after the meeting word is a plan told in the past: read after the day, the meeting was held on the
# nearest such day; said on the publication day, it is ahead.
WOULD_AFTER = [
    "The Kremlin said on Thursday that the meeting between {a} and {b} on Friday would focus on trade.",
    "{a} and {b} met in Sochi on Friday, a meeting that would last five hours.",
    "The talks between {a} and {b} on Friday, which would last five hours, were held in Sochi.",
    "According to Peskov, the talks of {a} and {b} on Friday would be devoted to energy.",
]


@pytest.mark.parametrize(("template", "names"), list(itertools.product(WOULD_AFTER, PAIRS)))
def test_would_after_the_meeting_word_read_after_the_day_is_held(belarus, template, names):
    text = _cap(template.format(a=names[0], b=names[1]))
    assert _meetings(belarus, text) == [(FRIDAY, FRIDAY, "held", ("lukashenko", "putin"))], text


@pytest.mark.parametrize(("text", "published", "expected"), [
    # Said on the publication day: ahead.
    ("Peskov said on Monday the meeting between Putin and Lukashenko would take place on Friday.", MONDAY,
     ("2023-09-22", "planned")),
    ("Peskov said today that the talks between Putin and Lukashenko would be held on Friday.", MONDAY,
     ("2023-09-22", "planned")),
    # Read before the day: ahead.
    ("The meeting between Putin and Lukashenko would take place on Friday, Peskov said.", "2023-09-13",
     (FRIDAY, "planned")),
    # "would" before the meeting word stays a plan.
    ("Peskov said Putin and Lukashenko would meet in Minsk on 22 September.", PUBLISHED, ("2023-09-22", "planned")),
    ("Putin said on Friday that he would meet Lukashenko on 22 September.", PUBLISHED, ("2023-09-22", "planned")),
])
def test_would_near_a_plan_still_ahead_stays_planned(belarus, text, published, expected):
    assert [m[::2][:2] for m in _meetings(belarus, text, published)] == [expected], text


# An undated plan after the dated one (a dateline's report, "as reported earlier") restates it: one planned meeting,
# not a second one on the publication day.
DATED_PLANS = [
    "{a} and {b} will hold talks in Sochi on Friday, the Kremlin said.",
    "MOSCOW, September 16. /TASS/. {a} and {b} will meet in Sochi on 22 September.",
]
RESTATED = [
    "As reported earlier, the two presidents will meet in Sochi.",
    "The leaders are expected to discuss energy at the talks.",
    "{b} will also hold talks with {a} on the integration programmes.",
]


@pytest.mark.parametrize(("dated", "restated", "names"), list(itertools.product(DATED_PLANS, RESTATED, PAIRS)))
def test_an_undated_plan_restates_the_dated_one(belarus, dated, restated, names):
    a, b = names
    text = _cap(dated.format(a=a, b=b)) + "\n" + _cap(restated.format(a=a, b=b))
    assert _meetings(belarus, text) == [("2023-09-22", "2023-09-22", "planned", ("lukashenko", "putin"))], text


def test_an_undated_plan_alone_is_not_dated_by_publication(belarus):
    # Its day is unknown: no meeting on the article's day (tests/test_facts_undated_plans.py, blind batch 33).
    text = "Putin and Lukashenko will hold talks in Sochi, the Kremlin said."
    assert _meetings(belarus, text) == [], text


# ---------------------------------------------------------------- class 4: a visit told as sessions, epithet subjects

# Talks in a narrow format, then an expanded one, told with epithets ("the Kazakh leader", "the head of state"):
# one meeting of both participants, over both days when the sessions are on two.
KZ_SESSIONS_ONE_DAY = [
    "On Friday, the Kazakh leader and the Russian president held talks in a narrow format. Then the talks "
    "continued in an expanded format with the participation of the delegations.",
    "Tokayev received Putin in Astana on Friday. The heads of state first talked one-on-one. The talks then "
    "continued with the participation of the delegations.",
    "On Friday, the Kazakh head of state held talks with his Russian counterpart in a narrow format. The talks "
    "continued in an expanded format.",
    "Putin held talks with Tokayev in Astana on Friday. The head of state then held talks in an expanded format.",
    "On Friday, Putin arrived in Astana on a state visit. The Kazakh leader and the Russian president first held "
    "talks in a narrow format. Then the talks continued in an expanded format.",
]
KZ_SESSIONS_TWO_DAYS = [
    "On Thursday, Putin and Tokayev met one-on-one. On Friday, the Kazakh leader held expanded talks with Putin.",
    "Putin and Tokayev held talks in a narrow format on Thursday. On Friday, the head of state continued the talks "
    "in an expanded format.",
    "The Kazakh leader met the Russian president in Astana on Thursday. After the narrow-format talks, the two "
    "leaders held expanded talks on Friday.",
    "Putin's state visit to Kazakhstan took place on 14-15 September. On 14 September the presidents held talks in "
    "a narrow format, and on 15 September the Kazakh leader and his Russian counterpart held talks in an expanded "
    "format.",
]


@pytest.mark.parametrize("text", KZ_SESSIONS_ONE_DAY)
def test_sessions_of_one_days_talks_are_one_meeting(kazakhstan, text):
    assert _meetings(kazakhstan, text) == [(FRIDAY, FRIDAY, "held", ("putin", "tokayev"))], text


@pytest.mark.parametrize("text", KZ_SESSIONS_TWO_DAYS)
def test_sessions_on_two_days_are_one_meeting_over_both(kazakhstan, text):
    assert _meetings(kazakhstan, text) == [(THURSDAY, FRIDAY, "held", ("putin", "tokayev"))], text


@pytest.mark.parametrize(("text", "expected"), [
    # Sessions in the default profile, the epithet resolved to the wrong leader: still both.
    ("On Thursday, the Belarusian leader and the Russian president held talks in a narrow format in Sochi. On "
     "Friday, the head of state held expanded talks with Putin.", [(THURSDAY, FRIDAY)]),
    # Two meetings days apart, each told as a session, stay two.
    ("On 11 September, Putin and Lukashenko met one-on-one in Minsk. On 15 September, the two presidents held "
     "talks in an expanded format in Sochi.", [("2023-09-11", "2023-09-11"), (FRIDAY, FRIDAY)]),
    # The talks one-on-one the day before a Supreme State Council session: the session is a meeting of its own.
    ("On Thursday, the two presidents held talks one-on-one in the Kremlin. A session of the Supreme State Council "
     "took place in the Kremlin on Friday with Putin and Lukashenko taking part.", [(THURSDAY, THURSDAY),
                                                                                   (FRIDAY, FRIDAY)]),
    # One leader's session with someone else the next day is no part of the visit.
    ("Putin and Lukashenko held talks in a narrow format on Thursday. On Friday, Putin held expanded talks with "
     "Tokayev.", [(THURSDAY, THURSDAY)]),
])
def test_sessions_and_near_misses_in_the_default_profile(belarus, text, expected):
    assert [m[:2] for m in _meetings(belarus, text)] == expected, text
