"""A participant's "our trade" is his side's trade with the party the text speaks of there (blind batch 35 class,
issue 10), under perturbation.

Every sentence is ours. A leader quoted (or speaking in a transcript turn) on a visit to a third country, or to
its news agency, says "our trade", "trade between our countries", "our turnover": his country and his host's, no
figure of the profile's pair. The other party is the pair the text last named, else the country named nearest
around the quote (the destination, the agency's country, the host named before "relations between our states").
Crossed with quote forms (attribution after, before, a colon, the paragraph before, a transcript turn), names
and titles, third countries, the speaker of either side and both profiles. Controls: the same words with the
profile's other side as host or partner (in Moscow, with Putin, a Kremlin transcript of the pair's talks), the
partner named with the phrase ("our trade with Russia"), and the pair last named before a passing mention of
another country.
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_phrasing_classes6 import _with_model_spans

# What en_core_web_sm tags in these sentences beyond the gazetteer.
MODEL = {"Turkey": "GPE", "Turkish": "NORP", "Ankara": "GPE", "Recep Tayyip Erdogan": "PERSON", "Erdogan": "PERSON",
         "India": "GPE", "Indian": "NORP", "New Delhi": "GPE", "Narendra Modi": "PERSON", "Uzbekistan": "GPE",
         "Uzbek": "NORP", "Tashkent": "GPE", "China": "GPE", "Minsk": "GPE", "Belarusian": "NORP", "Kazakh": "NORP"}

# Who speaks (names and titles of each profile's side other than Russia), and Putin, in both profiles.
SPEAKERS = {"belarus": ["Lukashenko", "Alexander Lukashenko", "the Belarusian leader"],
            "kazakhstan": ["Tokayev", "Kassym-Jomart Tokayev", "the Kazakh president"]}
PUTIN = ["Putin", "Vladimir Putin", "the Russian president"]
# Third countries the speaker visits or speaks to: (the visit's sentence, the interview's sentence).
HOSTS = [
    ("{s} arrived in Turkey on an official visit on Tuesday.",
     "In an interview with a Turkish news agency, {s} spoke about the coming talks."),
    ("{s} held talks with Turkish President Recep Tayyip Erdogan in Ankara on Tuesday.",
     "Speaking to Turkish journalists, {s} praised the talks."),
    ("{s} paid a state visit to India on Tuesday.", "{s} gave an interview to an Indian newspaper."),
    ("{s} is in Tashkent for talks with the Uzbek leadership.", "In Tashkent, {s} spoke to reporters."),
]
TRADES = [
    "Our trade stands at about a billion dollars, and it could be far larger.",
    "Last year our mutual trade came to about $1 billion.",
    "Trade between our countries reached $1 billion last year.",
    "Our turnover is about $1 billion, and that is not enough.",
    "Trade between our states stood at $1 billion last year.",
    "Our trade keeps growing. Last year it reached $1 billion.",
]
# How the words are quoted: {s} the speaker, {t} the trade sentence.
QUOTES = [
    '"{t}" {s} said.',
    '{s} said: "{t}"',
    '"Relations between our states are warm. {t} We should aim for balance," {s} noted.',
    '{s} told the agency:\n\n"{t}"',
]


def _trade(extractor, text):
    return sorted(f["value"] for f in _with_model_spans(extractor, text, MODEL) if f["kind"] == "trade")


def _told(template: str, speaker: str) -> str:
    text = template.format(s=speaker)
    return text[0].upper() + text[1:]


def _article(lead: str, quote: str, speaker: str, trade: str) -> str:
    return f"{_told(lead, speaker)}\n\n{_told(quote.format(s=speaker, t=trade), speaker)}"


# ---------------------------------------------------------------- a third country's host: not the profile's pair

@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("host", "quote"), list(itertools.product(HOSTS, QUOTES)))
def test_our_trade_said_on_a_visit_elsewhere_is_not_the_pairs(request, profile, host, quote):
    extractor = request.getfixturevalue(profile)
    for speaker, trade, lead in itertools.product(SPEAKERS[profile] + PUTIN, TRADES, host):
        text = _article(lead, quote, speaker, trade)
        assert _trade(extractor, text) == [], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("trade", TRADES)
def test_our_trade_after_the_visit_and_a_paragraph_more_is_not_the_pairs(request, profile, trade):
    extractor = request.getfixturevalue(profile)
    for speaker in SPEAKERS[profile]:
        text = (f"{_told(HOSTS[0][0], speaker)} The talks will cover energy and transport.\n\n"
                f"{_told(HOSTS[0][1], speaker)}\n\n\"Frankly speaking, our political ties have outpaced the "
                f"economy. {trade}\" {speaker} said.")
        assert _trade(extractor, text) == [], text


# A transcript of talks in a third country: the speaker's turn.
@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("trade", TRADES)
def test_our_trade_in_a_turn_of_talks_elsewhere_is_not_the_pairs(request, profile, trade):
    extractor = request.getfixturevalue(profile)
    label = {"belarus": "Alexander Lukashenko", "kazakhstan": "Kassym-Jomart Tokayev"}[profile]
    text = (f"{label} held talks with Turkish President Recep Tayyip Erdogan in Ankara.\n\n"
            f"Recep Tayyip Erdogan: Welcome to Ankara.\n\n{label}: Thank you. {trade}")
    assert _trade(extractor, text) == [], text


# ---------------------------------------------------------------- controls: the other side is the host or partner

OWN = {
    "belarus": ["{s} arrived in Moscow on a working visit on Tuesday.",
                "{s} held talks with Vladimir Putin in Sochi on Tuesday.",
                "In an interview with a Russian news agency, {s} spoke about the coming talks.",
                "Putin and Lukashenko met in Minsk on Tuesday."],
    "kazakhstan": ["{s} arrived in Moscow on a working visit on Tuesday.",
                   "{s} held talks with Vladimir Putin in Sochi on Tuesday.",
                   "In an interview with a Russian news agency, {s} spoke about the coming talks.",
                   "Putin and Tokayev met in Astana on Tuesday."],
}


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("lead", "quote"), [(lead, quote) for lead in range(4) for quote in QUOTES])
def test_our_trade_with_the_other_side_as_host_is_the_pairs(request, profile, lead, quote):
    extractor = request.getfixturevalue(profile)
    for speaker, trade in itertools.product(SPEAKERS[profile], TRADES):
        text = _article(OWN[profile][lead], quote, speaker, trade)
        assert _trade(extractor, text) == [1e9], text


# Putin as the host of the other side's leader, and his turn in a Kremlin-style transcript of the pair's talks.
@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("trade", TRADES)
def test_putins_our_trade_with_his_guest_is_the_pairs(request, profile, trade):
    extractor = request.getfixturevalue(profile)
    guest = {"belarus": "President of Belarus Alexander Lukashenko",
             "kazakhstan": "President of Kazakhstan Kassym-Jomart Tokayev"}[profile]
    transcript = (f"Talks with {guest}\n\nVladimir Putin held talks with {guest} in the Kremlin.\n\n"
                  f"President of Russia Vladimir Putin: Mr President, friends, welcome to Moscow. {trade}")
    quote = f"Putin welcomed {guest.split(' ', 3)[-1]} in Moscow on Tuesday.\n\n\"{trade}\" Putin said."
    for text in (transcript, quote):
        assert _trade(extractor, text) == [1e9], text


# The partner named with the phrase decides; the pair last named wins over a country named in passing after it.
@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
def test_our_trade_with_the_partner_named_or_the_pair_named_last(request, profile):
    extractor = request.getfixturevalue(profile)
    speaker = SPEAKERS[profile][0]
    pair = OWN[profile][3]
    for text in [
        f"{_told(HOSTS[0][0], speaker)}\n\n\"Our trade with Russia reached $1 billion last year,\" {speaker} said.",
        f"{pair}\n\n{speaker}, who flew in from China, said: \"Our trade reached $1 billion last year.\"",
    ]:
        assert _trade(extractor, text) == [1e9], text
    for text in [
        f"{pair}\n\n\"Our trade with Turkey reached $1 billion last year,\" {speaker} said.",
    ]:
        assert _trade(extractor, text) == [], text


# Outside a quote, or said by someone who is no participant, "our trade" keeps the article-wide reading.
@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
def test_our_trade_with_no_participant_speaking_keeps_its_reading(request, profile):
    extractor = request.getfixturevalue(profile)
    for text in ["Our trade reached $1 billion last year, the Russian ministry said.",
                 "\"Our trade reached $1 billion last year,\" the Russian minister said."]:
        assert _trade(extractor, text) == [1e9], text


# Reordered: the quote first, its host named only after it, in its own sentence or the head.
@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("trade", TRADES)
def test_our_trade_with_the_host_named_after_the_quote(request, profile, trade):
    extractor = request.getfixturevalue(profile)
    for speaker in SPEAKERS[profile]:
        elsewhere = [f"\"{trade}\" {speaker} told Turkish journalists in Ankara on Tuesday.",
                     f"{_told('{s} to boost ties with Turkey', speaker)}\n\n\"{trade}\" {speaker} said."]
        home = [f"\"{trade}\" {speaker} told Russian journalists in Moscow on Tuesday.",
                f"{_told('{s} to boost ties with Russia', speaker)}\n\n\"{trade}\" {speaker} said."]
        for text in elsewhere:
            assert _trade(extractor, text) == [], text
        for text in home:
            assert _trade(extractor, text) == [1e9], text
