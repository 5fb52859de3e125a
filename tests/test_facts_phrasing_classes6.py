"""Classes found in a blind batch of real articles (issue 10), each under perturbation.

Like tests/test_facts_phrasing_classes4.py: every sentence is ours, written for the class, never an
article's own; each class is crossed with wordings, names and dates, against near-misses that must stay
empty. Spans come from the profile's gazetteer on a blank pipeline (tests/test_facts_meetings_perturb.py).
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_meetings_perturb import FRIDAY, PUBLISHED
from tests.test_facts_phrasing_classes4 import _meetings

# The belarus and kazakhstan fixtures (a profile's facts on our sentences) are tests/conftest.py's.


def _calls(extractor, text, published=PUBLISHED):
    return sorted((f["date_start"], f["held"]) for f in extractor.facts(text, published) if f["kind"] == "call")


# ---------------------------------------------------------------- C3: a line break inside a sentence

# Hard-wrapped text: one newline inside a sentence does not cut it; a blank line still does.
WRAPPED_CALLS = [
    "Belarusian leader\nAlexander Lukashenko spoke with Russian President\nVladimir Putin by phone on Friday.",
    "Alexander Lukashenko spoke with\nVladimir Putin by phone on Friday.",
    "Alexander Lukashenko and Vladimir Putin had a telephone\nconversation on Friday.",
    "On Friday, the Belarusian president\nspoke with Putin by phone.",
    "Vladimir Putin held a phone call with his Belarusian counterpart Alexander\nLukashenko on Friday.",
]
WRAPPED_MEETINGS = [
    "Alexander Lukashenko will travel to Sochi\non September 22 to meet Vladimir Putin.",
    "Alexander Lukashenko will travel to\nSochi on September 22 to meet Vladimir Putin.",
    "Russian President\nVladimir Putin will meet Alexander Lukashenko in Sochi on September 22.",
    "Putin and Lukashenko will hold talks in Sochi\non September 22, the Kremlin said.",
]
LEDE = "Talks in the south\n\n"  # a headline, then a blank line: the sentence is the body's


@pytest.mark.parametrize("text", WRAPPED_CALLS)
@pytest.mark.parametrize("lead", ["", LEDE, "The two presidents keep in touch.\n"])
def test_a_newline_inside_a_sentence_keeps_the_call(belarus, text, lead):
    assert _calls(belarus, lead + text) == [(FRIDAY, "held")], lead + text


@pytest.mark.parametrize("text", WRAPPED_MEETINGS)
@pytest.mark.parametrize("lead", ["", LEDE, "The two presidents keep in touch.\n"])
def test_a_newline_inside_a_sentence_keeps_the_meeting(belarus, text, lead):
    assert _meetings(belarus, lead + text) == [("2023-09-22", "2023-09-22", "planned", ("lukashenko", "putin"))], \
        lead + text


def _wrap(paragraph: str, width: int) -> str:
    """``paragraph`` hard-wrapped at ``width`` characters, greedily, as a plain-text mail or a wire's feed."""
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


ARTICLE = [
    "Belarusian President Alexander Lukashenko and Russian President Vladimir Putin discussed gas prices, the "
    "Union State and regional security at their talks in Sochi on Friday, the press service of the Belarusian "
    "leader said.",
    "The two presidents agreed to keep in close touch and to prepare a session of the Supreme State Council "
    "before the end of the year.",
    "They also spoke by phone on Sunday, the Belarusian leader's office added later.",
]


@pytest.mark.parametrize("width", [40, 55, 62, 70, 78])
def test_a_hard_wrapped_article_gives_what_the_unwrapped_one_does(belarus, width):
    flat = "Lukashenko in Sochi\n\n" + "\n\n".join(ARTICLE)
    wrapped = "Lukashenko in Sochi\n\n" + "\n\n".join(_wrap(p, width) for p in ARTICLE)
    assert "\n" in wrapped.split("\n\n")[1]

    def shape(text):
        return [(f["kind"], f["date_start"], f["held"], f["place"], tuple(f["participants"]), f["evidence"])
                for f in belarus.facts(text)]

    expected = shape(flat)
    assert [f[:4] for f in expected] == [("meeting", FRIDAY, "held", "Sochi"), ("call", SUNDAY_AFTER, "held", None)]
    got = shape(wrapped)
    assert got == expected
    # The evidence is the sentence as stored, at its offsets: the newlines read as spaces.
    for fact in belarus.facts(wrapped):
        quote = wrapped[fact["start"]:fact["end"]]
        assert quote.replace("\n", " ") == fact["evidence"]


SUNDAY_AFTER = "2023-09-10"  # "on Sunday" in a held call before the Saturday of publication


@pytest.mark.parametrize("text", [
    # A headline with no end punctuation, then the body on the next line: two sentences, as before.
    "Putin and Lukashenko meet in Sochi\nThe two leaders discussed gas prices.",
    # Lines of a page's furniture: each is its own.
    "Read also\nLukashenko, Putin to discuss gas - 30.10.2023\nPutin and Tokayev meet in Astana - 29.10.2023",
])
def test_lines_that_are_not_wraps_stay_apart(belarus, text):
    from desktop.facts.document import Document

    doc = Document(text, PUBLISHED, belarus.rules, belarus.aliases, [], {})
    assert [s.text for s in doc.sentences] == text.split("\n")


def test_a_blank_line_still_ends_a_sentence(belarus):
    # "...spoke with" / blank line / "Vladimir Putin ...": a paragraph break is never a wrap.
    text = "Alexander Lukashenko spoke with\n\nVladimir Putin by phone on Friday."
    assert _calls(belarus, text) == []


# ---------------------------------------------------------------- C1: "the two leaders" of someone else's visit

def _with_model_spans(extractor, text, tagged, published=PUBLISHED):
    """Facts on ``text`` with the gazetteer's spans and those a trained model adds (``tagged``: word -> label,
    "Modi" PERSON, "India" GPE), as ingest with en_core_web_sm has them."""
    import re

    from desktop.facts import extract_facts
    from desktop.nlp import spans_for_doc

    spans = spans_for_doc(extractor.nlp(text), published, extractor.index)
    for word, label in tagged.items():
        for m in re.finditer(rf"\b{re.escape(word)}\b", text):
            if not any(s["start"] < m.end() and m.start() < s["end"] for s in spans):
                spans.append({"start": m.start(), "end": m.end(), "label": label, "text": word, "entity_id": None,
                              "value": None, "source": "model", "status": "proposed"})
    spans = [dict(s, id=i) for i, s in enumerate(sorted(spans, key=lambda s: s["start"]), 1)]
    return extract_facts(text, published, extractor.rules, aliases=extractor.aliases, spans=spans,
                         locations=extractor.locations)


INDIA = {"Modi": "PERSON", "Narendra Modi": "PERSON", "India": "GPE", "Indian": "NORP", "New Delhi": "GPE",
         "China": "GPE"}
# Someone else's visit, then "the two leaders": the visitor and his host, never the profile's pair.
OTHERS_VISIT = [
    "{o} will visit {side} on September 22, where the two leaders will discuss trade.",
    "{o} will travel to {side} on September 22. The two leaders will discuss trade and energy.",
    "{o} arrived in {side} on Friday, and the two presidents held talks on trade.",
    "On Friday {o} paid a state visit to {side}, where both leaders discussed energy.",
]
PAIR_VISITS = [  # the pair's own leader visiting a third country: "the two leaders" are he and its host
    "{p} will visit {foreign} on September 22, where the two leaders will discuss trade.",
    "{p} arrived in {foreign} on Friday, and the two presidents held talks on trade.",
    "{p} will travel to {foreign} on September 22. The two leaders will discuss trade and energy.",
]
VISITORS = [("Aliyev", "Russia"), ("Narendra Modi", "Russia"), ("Modi", "Belarus"), ("Pashinyan", "Minsk"),
            ("Indian Prime Minister Narendra Modi", "Moscow")]
THIRD = [("Putin", "India"), ("Vladimir Putin", "China"), ("Lukashenko", "Azerbaijan"), ("the Belarusian leader", "New Delhi"),
         ("Putin", "Armenia")]


def _events(facts):
    return [(f["kind"], f["date_start"], tuple(f["participants"])) for f in facts if f["kind"] in ("meeting", "call")]


@pytest.mark.parametrize("template", OTHERS_VISIT)
@pytest.mark.parametrize(("visitor", "side"), VISITORS)
def test_the_two_leaders_of_someone_elses_visit_are_no_meeting_of_the_pair(belarus, template, visitor, side):
    text = template.format(o=visitor, side=side)
    assert _events(_with_model_spans(belarus, text, INDIA)) == [], text


@pytest.mark.parametrize("template", PAIR_VISITS)
@pytest.mark.parametrize(("leader", "foreign"), THIRD)
def test_the_two_leaders_of_a_visit_to_a_third_country_are_no_meeting_of_the_pair(belarus, template, leader, foreign):
    text = _cap(template.format(p=leader, foreign=foreign))
    assert _events(_with_model_spans(belarus, text, INDIA)) == [], text


@pytest.mark.parametrize(("visitor", "side", "foreign"), [("Tokayev", "Russia", "India"), ("Putin", "India", "China"),
                                                          ("Modi", "Russia", "China")])
def test_the_two_leaders_in_another_profile(kazakhstan, visitor, side, foreign):
    for text in (f"{visitor} will visit {side} on September 22, where the two leaders will discuss trade.",
                 f"Putin will visit {foreign} on September 22, where the two leaders will discuss trade."):
        if "Tokayev will visit Russia" in text:
            continue  # that one is the pair's own visit (below)
        assert _events(_with_model_spans(kazakhstan, text, INDIA)) == [], text


def _cap(text):
    return text[0].upper() + text[1:]


# The pair's own visits and talks: "the two leaders" stay the pair.
PAIR_KEPT = [
    ("Lukashenko will visit Russia on September 22, where the two leaders will discuss trade.",
     [("meeting", "2023-09-22", ("lukashenko", "putin"))]),
    ("Putin will visit Minsk on September 22. The two leaders will discuss trade and energy.",
     [("meeting", "2023-09-22", ("lukashenko", "putin"))]),
    ("Putin hosted Lukashenko in Sochi on Friday. The two leaders discussed trade.",
     [("meeting", FRIDAY, ("lukashenko", "putin"))]),
    ("Putin and Lukashenko met in Sochi on Friday. They spoke about the war in Ukraine. The two leaders also discussed "
     "gas prices.", [("meeting", FRIDAY, ("lukashenko", "putin"))]),
    ("Vladimir Putin held talks in Sochi with the Belarusian president on Friday. India was not on the agenda. The two "
     "leaders discussed gas prices.", [("meeting", FRIDAY, ("lukashenko", "putin"))]),
]


@pytest.mark.parametrize(("text", "expected"), PAIR_KEPT)
def test_the_two_leaders_of_the_pairs_own_visit_stay_the_pair(belarus, text, expected):
    assert _events(_with_model_spans(belarus, text, INDIA)) == expected, text


def test_the_two_leaders_after_a_named_other_are_not_the_pair(belarus, kazakhstan):
    text = "Indian Prime Minister Modi will hold talks with Putin next week. The two leaders will meet in Sochi on May 21."
    assert _events(_with_model_spans(belarus, text, INDIA)) == []
    assert _events(_with_model_spans(kazakhstan, text, INDIA)) == []


# ---------------------------------------------------------------- C2: that pair's trade is theirs

TRADE_AFTER = [
    " Indian data show that last year bilateral trade rose 21% and reached $9.4 billion.",
    " Bilateral trade grew by 21% last year to $9.4 billion, the ministry said.",
    " Last year, trade between the two countries reached $9.4 billion.",
]


@pytest.mark.parametrize("trade", TRADE_AFTER)
@pytest.mark.parametrize("lead", [OTHERS_VISIT[0].format(o="Modi", side="Russia"),
                                  PAIR_VISITS[0].format(p="Putin", foreign="India")])
def test_the_trade_of_someone_elses_visit_is_not_the_pairs(belarus, kazakhstan, lead, trade):
    for extractor in (belarus, kazakhstan):
        facts = _with_model_spans(extractor, lead + trade, INDIA)
        assert [f for f in facts if f["kind"] == "trade"] == [], lead + trade


@pytest.mark.parametrize("trade", TRADE_AFTER)
def test_the_pairs_trade_after_its_own_visit_stays(belarus, trade):
    text = "Lukashenko will visit Russia on September 22, where the two leaders will discuss trade." + trade
    facts = [(f["period_start"], f["value"]) for f in _with_model_spans(belarus, text, INDIA) if f["kind"] == "trade"]
    assert facts == [("2022-01-01", 9.4e9)], text


# ---------------------------------------------------------------- C4: the present level, no date phrase

def _trade(extractor, text, published=PUBLISHED):
    return [(f["period_start"], f["period_end"], f["value"], f["currency"], f["change_pct"], f["qualifier"])
            for f in extractor.facts(text, published) if f["kind"] == "trade"]


LEVEL_VERBS = ["amounts to", "stands at", "is", "totals", "now stands at", "is currently", "currently amounts to",
               "exceeds", "makes up"]
LEVEL_SUBJECTS = ["Trade between Russia and Belarus", "Bilateral trade", "Russian-Belarusian trade turnover",
                  "Mutual trade"]
LEVEL_AMOUNTS = [("about $44 billion", "approx"), ("nearly 44 billion dollars", "approx"), ("$44 billion", None),
                 ("some $44 bln", "approx")]


@pytest.mark.parametrize(("verb", "subject", "amount"), list(itertools.product(LEVEL_VERBS, LEVEL_SUBJECTS,
                                                                               LEVEL_AMOUNTS)))
def test_a_present_level_with_no_date_is_the_level_at_publication(belarus, verb, subject, amount):
    words, qualifier = amount
    text = f"{subject} {verb} {words}."
    # The current level (or the hedge stated with it), of the year of publication: it holds the day "... today" gives.
    [today] = _trade(belarus, f"{subject} {verb} {words} today.")
    if verb == "exceeds":
        qualifier = "approx"  # "more than $44 billion"
    expected = [("2023-01-01", "2023-12-31", 44e9, "USD", None, qualifier or "current_level")]
    assert _trade(belarus, text) == expected, text
    assert expected[0][0] <= today[0] <= today[1] <= expected[0][1] and today[2:5] == expected[0][2:5]


@pytest.mark.parametrize("text", [
    "Trade between Russia and Belarus amounted to about $44 billion.",  # a past level with no date: no period
    "Trade between Russia and Belarus reached $44 billion.",
    "Trade between Russia and Belarus could be $44 billion.",  # no level, a possibility
    "The target for bilateral trade is $50 billion.",  # a goal, not a level
    "The goal is to bring mutual trade to $50 billion.",
    "Bilateral trade is expected to reach $50 billion.",
    "Russian exports to Belarus amount to $25 billion.",  # not turnover
])
def test_what_is_no_present_level(belarus, text):
    assert _trade(belarus, text) == [], text


def test_a_present_level_after_a_dated_figure_keeps_that_period(belarus):
    text = "In 2022, trade between Russia and Belarus grew by 12%. It now stands at about $44 billion."
    assert _trade(belarus, text) == [("2022-01-01", "2022-12-31", 44e9, "USD", 12.0, "approx")]


# ---------------------------------------------------------------- C5: services included are no sector figure

INCLUSIVE = ["including services", "services included", "in goods and services", "of goods and services",
             "including trade in services", "taking into account services", "with services"]
INCLUSIVE_FRAMES = [
    "Trade between Russia and Belarus, {inc}, is $45 billion this year.",
    "Bilateral trade {inc} reached $45 billion in 2022.",
    "In 2022, mutual trade {inc} amounted to $45 billion.",
    "Russian-Belarusian trade turnover ({inc}) grew by 8% to $45 billion in 2022.",
]


@pytest.mark.parametrize(("frame", "inc"), list(itertools.product(INCLUSIVE_FRAMES, INCLUSIVE)))
def test_trade_including_services_is_total_turnover(belarus, frame, inc):
    text = frame.format(inc=inc)
    found = [(t[0], t[2]) for t in _trade(belarus, text)]
    assert found == [("2023-01-01" if "this year" in text else "2022-01-01", 45e9)], text


@pytest.mark.parametrize("text", [
    "Trade in services between Russia and Belarus reached $7 billion this year.",
    "Russia and Belarus' trade in services amounted to $7 billion in 2022.",
    "Services trade between the two countries grew to $7 billion in 2022.",
    "Bilateral trade in services, excluding goods, was $7 billion in 2022.",
    "Exports of services from Russia to Belarus reached $7 billion in 2022.",
])
def test_a_services_figure_stays_excluded(belarus, text):
    assert _trade(belarus, text) == [], text


def test_a_sector_figure_beside_the_total_including_services(belarus):
    text = ("Trade between Russia and Belarus, including services, reached $45 billion in 2022; "
            "trade in services alone was $7 billion.")
    assert [(t[0], t[2]) for t in _trade(belarus, text)] == [("2022-01-01", 45e9)]


# ---------------------------------------------------------------- C6: a second figure without its currency

# Another source's figure for the same period, its currency not repeated: a figure of its own (README: figures of
# overlapping periods in one currency are grouped, each keeping its number), in the first one's currency.
SECOND_SOURCE = [
    "Trade between Russia and Belarus reached {a} this year, and {b} by Belarusian figures.",
    "Trade between Russia and Belarus reached {a} this year, while Belstat puts it at {b}.",
    "Bilateral trade was {a} this year according to Rosstat, but {b} according to Belstat.",
    "This year mutual trade amounted to {a} by Russian data and to {b} by Belarusian data.",
    "Trade between Russia and Belarus reached {a} this year, or {b}, according to the Belarusian side.",
]
CURRENCIES = [("$44 billion", "45 billion", "USD", 44e9, 45e9), ("3.5 trillion rubles", "3.6 trillion", "RUB", 3.5e12, 3.6e12),
              ("44 billion dollars", "45 bln", "USD", 44e9, 45e9), ("€40 bln", "41 bln", "EUR", 40e9, 41e9)]


@pytest.mark.parametrize(("frame", "amounts"), list(itertools.product(SECOND_SOURCE, CURRENCIES)))
def test_a_second_figure_takes_the_first_ones_currency(belarus, frame, amounts):
    a, b, currency, first, second = amounts
    text = frame.format(a=a, b=b)
    found = sorted((t[0], t[1], t[2], t[3]) for t in _trade(belarus, text))
    assert found == [("2023-01-01", "2023-12-31", first, currency), ("2023-01-01", "2023-12-31", second, currency)], text


@pytest.mark.parametrize("text", [
    # A number of something else after the amount: no second figure.
    "Trade between Russia and Belarus reached $44 billion this year, and gas supplies 20 billion cubic meters.",
    "Trade between Russia and Belarus reached $44 billion this year, and 45 million tonnes of cargo crossed the border.",
    "Trade between Russia and Belarus reached $44 billion this year, and 9 million people visited Minsk.",
    # A bare number in another sentence, or without a scale word.
    "Trade between Russia and Belarus reached $44 billion this year. Some 45 billion was spent on gas.",
    "Trade between Russia and Belarus reached $44 billion this year, and 45 by another count.",
])
def test_what_takes_no_currency_over(belarus, text):
    assert [(t[2], t[3]) for t in _trade(belarus, text)] == [(44e9, "USD")], text


def test_from_one_figure_to_another_without_its_currency(belarus):
    text = "Trade between Russia and Belarus grew from $40 billion in 2021 to 44 billion in 2022."
    assert sorted((t[0], t[2], t[3]) for t in _trade(belarus, text)) == [("2021-01-01", 40e9, "USD"),
                                                                         ("2022-01-01", 44e9, "USD")]


# ---------------------------------------------------------------- C7: trade carried over a one-line reply

TURNS_BEFORE = ["{s}: Our trade keeps growing. Last year it rose by 19.7 percent.",
                "{s}: Last year our trade turnover grew by 19.7 percent."]
REPLIES = ["Indeed.", "Yes, that is right.", "Thank you.", "Absolutely, I agree.", "Good."]
TURNS_AFTER = ["{s}: It has reached nearly $20 billion.", "{s}: And it came to almost $20 billion."]
SPEAKERS = [("russia_belarus", "Putin", "Lukashenko"), ("russia_kazakhstan", "Putin", "Nazarbayev"),
            ("russia_kazakhstan", "Tokayev", "Putin")]


def _extractor(belarus, kazakhstan, profile):
    return belarus if profile == "russia_belarus" else kazakhstan


@pytest.mark.parametrize(("before", "reply", "after", "speakers"),
                         list(itertools.product(TURNS_BEFORE, REPLIES, TURNS_AFTER, SPEAKERS)))
def test_the_trade_goes_on_over_a_one_line_reply(belarus, kazakhstan, before, reply, after, speakers):
    profile, first, other = speakers
    extractor = _extractor(belarus, kazakhstan, profile)
    text = f"{before.format(s=first)}\n\n{other}: {reply}\n\n{after.format(s=first)}"
    expected = [("2022-01-01", "2022-12-31", 20e9, "USD", 19.7)]
    assert [t[:5] for t in _trade(extractor, text)] == expected, text
    # As without the reply.
    alone = f"{before.format(s=first)}\n\n{after.format(s=first)}"
    assert [t[:5] for t in _trade(extractor, alone)] == expected, alone


@pytest.mark.parametrize("reply", [
    "{o}: What about the prices of gas? We pay more than anyone else in the region, and that must change.",  # long
    "{o}: And gas?",  # a question: the next turn may answer it
    "{o}: Our investment keeps growing too.",  # another topic with its own subject
])
def test_a_reply_that_says_more_ends_the_trade(belarus, reply):
    text = (f"Putin: Our trade keeps growing. Last year it rose by 19.7 percent.\n\n{reply.format(o='Lukashenko')}\n\n"
            "Putin: It has reached nearly $20 billion.")
    assert [t[:5] for t in _trade(belarus, text)] == [("2022-01-01", "2022-12-31", None, None, 19.7)], text


# ---------------------------------------------------------------- D1: "on May, 21" (a comma between month and day)

@pytest.mark.parametrize("text", [
    "Putin and Lukashenko will meet in Sochi on September, 22.",
    "Putin and Lukashenko will meet in Sochi on September, 22nd.",
    "On September, 22, Putin will hold talks with Lukashenko in Sochi.",
    "Putin will meet Lukashenko in Sochi on Sept., 22, 2023.",
    "Lukashenko said he would meet Putin in Sochi on September, 22.",
])
def test_a_comma_between_month_and_day_is_still_the_day(belarus, text):
    assert _meetings(belarus, text) == [("2023-09-22", "2023-09-22", "planned", ("lukashenko", "putin"))], text


def test_a_month_a_comma_and_a_count_is_no_day():
    from desktop.dates import find

    for text in ("In September, 22 people were detained.", "Until May, 21 of them stayed in Minsk.",
                 "Born in May, 21 years ago."):
        assert [m for m in find(text) if m.kind == "m_d"] == [], text


# ---------------------------------------------------------------- P1, P2: places named before the meeting word, or
# as "the Russian capital"

def _places(extractor, text, published=PUBLISHED):
    return [(f["date_start"], f["place"]) for f in extractor.facts(text, published) if f["kind"] == "meeting"]


@pytest.mark.parametrize(("text", "place"), [
    ("Putin and Lukashenko held talks on Friday. The Sochi meeting lasted five hours.", "Sochi"),
    ("Putin and Lukashenko held talks on Friday. The Minsk talks lasted five hours.", "Minsk"),
    ("The Sochi talks between Putin and Lukashenko on Friday lasted five hours.", "Sochi"),
    ("Putin and Lukashenko met on Friday; their St. Petersburg meeting lasted five hours.", "St. Petersburg"),
    ("Putin met Lukashenko on Friday, who arrived in the Russian capital Moscow on Thursday.", "Moscow"),
    ("Putin met Lukashenko on Friday, who had flown to the Russian capital the day before.", "Moscow"),
    ("Lukashenko held talks with Putin in the Belarusian capital on Friday.", "Minsk"),
])
def test_a_place_before_the_meeting_word_or_as_the_capital_is_the_meetings(belarus, text, place):
    assert _places(belarus, text) == [(FRIDAY, place)], text


@pytest.mark.parametrize("text", [
    "Putin and Lukashenko held talks on Friday. The Russian meeting of ministers is due in May.",
    "Putin and Lukashenko held talks on Friday. The Belarusian leader said the talks were useful.",
    "Putin and Lukashenko held talks on Friday, a day after the Belarusian capital hosted a forum.",
])
def test_no_place_from_words_that_are_not_the_meetings_place(belarus, text):
    assert _places(belarus, text) == [(FRIDAY, None)], text


@pytest.mark.parametrize("text", [
    "Modi will visit Russia on September 22, where the two leaders will discuss trade.",  # "Modi" untagged
    "The Indian prime minister will visit Moscow on September 22, where both leaders will discuss energy.",
    "Next week Erdogan travels to Russia, where the two presidents will meet on September 22.",
])
def test_a_trip_by_no_participant_in_the_groups_sentence_is_someone_elses(belarus, text):
    assert _events(belarus.facts(text)) == [], text


def test_a_trip_by_he_is_left_to_the_sentence_before(belarus):
    text = ("Lukashenko said he was ready for talks. He will visit Russia on September 22, where the two leaders will "
            "discuss trade.")
    assert _events(belarus.facts(text)) == [("meeting", "2023-09-22", ("lukashenko", "putin"))]
