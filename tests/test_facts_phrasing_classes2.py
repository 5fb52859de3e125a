"""Classes of phrasing found in blind batch 23 (issue 10), each under perturbation.

Like tests/test_facts_phrasing_classes.py: the sentences are ours, written for the
class, never the articles' own; each class is checked over its variants and
against a control that must keep its facts.
"""

from __future__ import annotations

import itertools

import pytest

from desktop.facts import extract_facts, load_rules
from desktop.normalise import money_statements

ALIASES = {"putin": ["Vladimir Putin", "Putin"], "lukashenko": ["Alexander Lukashenko", "Lukashenko", "Lukashenka"]}


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def _facts(rules, text, published="2024-05-24", spans=None):
    return extract_facts(text, published, rules, aliases=ALIASES, spans=spans)


def _trade(rules, text, published="2024-05-24", spans=None):
    return sorted(((f["period_start"], f["value"], f["currency"], f["change_pct"])
                   for f in _facts(rules, text, published, spans) if f["kind"] == "trade"), key=repr)


# ---------------------------------------------------------------- one amount restated in two more currencies

# The same amount in three currencies: brackets, "or", hedges on any of them, in any order.
RESTATED_THRICE = [
    "over 3 trillion Russian rubles ($36 bln) or 110 bln Belarusian rubles",
    "more than 3 trillion rubles (about $36 billion), or some 110 billion Belarusian rubles",
    "110 bln Belarusian rubles or more than 3 trillion Russian rubles ($36 bln)",
    "$36 billion, or almost 3 trillion Russian rubles, or nearly 110 billion Belarusian rubles",
    "3 trillion rubles, the equivalent of $36 billion or roughly BYN 110 billion",
]
RESTATED_TWICE = [
    "110 bln Belarusian rubles or more than 3 trillion Russian rubles",
    "3 trillion Russian rubles or just over 110 billion Belarusian rubles",
    "3 trillion rubles (equivalent to $36 billion)",
    "BYN 110 billion (over 3 trillion rubles)",
]
FRAMES = [
    "Last year, our mutual trade grew by 12% and was {amount}, the prime minister said.",
    "Trade between Russia and Belarus amounted to {amount} in 2023.",
    "In 2023 the turnover of goods between our countries reached {amount}.",
]
FIRST_VALUES = {3e12, 110e9, 36e9}


@pytest.mark.parametrize(("frame", "amount"), list(itertools.product(FRAMES, RESTATED_THRICE + RESTATED_TWICE)))
def test_an_amount_restated_in_other_currencies_is_one_figure(rules, frame, amount):
    text = frame.format(amount=amount)
    facts = _trade(rules, text)
    assert len(facts) == 1, (text, facts)
    period, value, _, _ = facts[0]
    assert period == "2023-01-01" and value in FIRST_VALUES, (text, facts)


@pytest.mark.parametrize("amount", RESTATED_THRICE)
def test_the_grammar_keeps_each_restatement(amount):
    [statement] = money_statements(amount)
    assert len(statement.also) == 2 and len({statement.currency, *(c for _, c in statement.also)}) == 3, amount
    assert statement.end == len(amount), amount


@pytest.mark.parametrize("restated", ["3 trillion rubles", "over 3 trillion Russian rubles",
                                      "about 3 trillion rubles ($36 billion)"])
def test_a_later_restatement_in_either_currency_is_the_same_figure(rules, restated):
    text = ("Trade between Russia and Belarus reached 110 billion Belarusian rubles or 3 trillion Russian rubles "
            f"in 2023. Last year the turnover was {restated}, the minister added.")
    assert len(_trade(rules, text)) == 1, text


# Controls: two figures stay two.
TWO_FIGURES = [
    ("Trade between Russia and Belarus was 2.9 trillion rubles in 2022 and $36 billion in 2023.",
     [("2022-01-01", 2.9e12), ("2023-01-01", 36e9)]),
    ("Russia-Belarus trade grew from 2.9 trillion rubles in 2022 to $36 billion in 2023.",
     [("2022-01-01", 2.9e12), ("2023-01-01", 36e9)]),
    ("Russia-Belarus trade was 110 bln Belarusian rubles in 2022 or, in 2023, 3 trillion Russian rubles.",
     [("2022-01-01", 110e9), ("2023-01-01", 3e12)]),
]


@pytest.mark.parametrize(("text", "expected"), TWO_FIGURES)
def test_two_amounts_for_two_times_stay_two_figures(rules, text, expected):
    assert sorted((p, v) for p, v, _, _ in _trade(rules, text)) == expected, text


def test_a_second_amount_in_a_currency_already_used_is_no_restatement():
    found = money_statements("3 trillion rubles ($36 billion) or $40 billion")
    assert [(s.amount, s.currency, s.also) for s in found] == [(3e12, "RUB", ((36e9, "USD"),)), (40e9, "USD", ())]
    found = money_statements("3 trillion rubles ($36 billion), $40 billion")
    assert [s.currency for s in found] == ["RUB", "USD"]


def test_a_bracket_that_goes_on_keeps_its_change(rules):
    text = "Russia-Belarus trade was 3 trillion rubles ($36 billion, up 12%) in 2023."
    assert _trade(rules, text) == [("2023-01-01", 3e12, "RUB", 12.0)], text


# ---------------------------------------------------------------- another pair's trade

def _place_spans(text, *words):
    """GPE spans where the pipeline would put them: every occurrence of each word."""
    spans = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            spans.append({"id": len(spans) + 1, "start": at, "end": at + len(word), "label": "GPE", "text": word,
                          "status": "proposed"})
            at = text.find(word, at + 1)
    return spans


# (partner country, its capital, its leader): the other pair's side.
PARTNERS = [("Kazakhstan", "Astana", "Tokayev"), ("Uzbekistan", "Tashkent", "Mirziyoyev"),
            ("China", "Beijing", "Xi Jinping"), ("Azerbaijan", "Baku", "Aliyev")]
THEIR_TRADE = ['"Last year, the volume of trade between our countries reached a record $24.5 billion," {leader} said.',
               "Bilateral trade grew by 8% last year to $24.5 billion, {leader} noted.",
               "Mutual trade turnover exceeded $24.5 billion in 2023, according to {leader}."]


@pytest.mark.parametrize(("partner", "sentence"), list(itertools.product(PARTNERS, THEIR_TRADE)))
def test_one_side_and_its_capital_are_one_side_of_another_pair(rules, partner, sentence):
    """Russia and Moscow (or Belarus and Minsk) are one side: an article naming them and another country is theirs."""
    country, _, leader = partner
    for host, capital in (("Putin", "Moscow"), ("Lukashenko", "Minsk")):
        side = "Russia" if host == "Putin" else "Belarus"
        text = (f"{host} met {leader} in {capital} on Monday. {side} remains the largest investor in {country}. "
                + sentence.format(leader=leader))
        assert _trade(rules, text, spans=_place_spans(text, country, capital)) == [], text


COORDINATED = ["Last year, {a} and {b} reached record highs in trade turnover, nearly six billion dollars.",
               "{a} and {b} saw their trade turnover climb to $6 billion in 2023.",
               "In 2023 {a} and {b} set a record in mutual trade, $6 billion."]
OTHER_SIDES = ["Beijing", "China", "Hanoi", "Tashkent", "the EU"]


@pytest.mark.parametrize(("frame", "side", "other"), list(itertools.product(COORDINATED, ["Minsk", "Belarus", "Moscow"],
                                                                          OTHER_SIDES)))
def test_a_side_joined_with_another_party_is_their_trade(rules, frame, side, other):
    text = frame.format(a=side, b=other)
    assert _trade(rules, text) == [], text
    swapped = frame.format(a=other[0].upper() + other[1:], b=side)
    assert _trade(rules, swapped) == [], swapped


@pytest.mark.parametrize(("frame", "a", "b"), [(f, a, b) for f in COORDINATED
                                               for a, b in (("Minsk", "Moscow"), ("Belarus", "Russia"),
                                                            ("Russia", "Minsk"))])
def test_the_two_sides_joined_are_the_pairs_trade(rules, frame, a, b):
    text = frame.format(a=a, b=b)
    assert [(p, v) for p, v, _, _ in _trade(rules, text)] == [("2023-01-01", 6e9)], text


PASSING = ["Belarus, Armenia and Kyrgyzstan also sent delegations.",
           "Lukashenko had visited Astana a week earlier.",
           "The Belarusian delegation arrived on Sunday."]
KAZAKH_ARTICLE = ("Putin and Kazakh President Tokayev held talks in Astana on Monday. Kazakhstan is Russia's key "
                  "partner in Central Asia, Putin said, and Russian firms invest heavily in Kazakhstan. {passing} "
                  "{trade}")


@pytest.mark.parametrize(("passing", "sentence"), list(itertools.product(PASSING, THEIR_TRADE)))
def test_a_side_named_in_passing_leaves_the_article_to_another_pair(rules, passing, sentence):
    text = KAZAKH_ARTICLE.format(passing=passing, trade=sentence.format(leader="Tokayev"))
    assert _trade(rules, text, "2024-05-27", spans=_place_spans(text, "Kazakhstan", "Astana")) == [], text


@pytest.mark.parametrize("passing", PASSING)
def test_a_sentence_naming_the_side_in_passing_is_still_the_pairs(rules, passing):
    text = KAZAKH_ARTICLE.format(passing="", trade="Russia's trade with Belarus, by contrast, reached $50 billion "
                                                   "in 2023, Putin noted.")
    assert [(p, v) for p, v, _, _ in _trade(rules, text, "2024-05-27",
                                             spans=_place_spans(text, "Kazakhstan", "Astana"))] == [
        ("2023-01-01", 50e9)], text


@pytest.mark.parametrize("sentence", THEIR_TRADE)
def test_the_pairs_article_naming_another_country_often_keeps_its_trade(rules, sentence):
    """Belarus named once but Lukashenko twice: the side is no passing mention."""
    text = ("Lukashenko arrived in Moscow for talks with Putin on Monday. Kazakhstan, Kazakhstan's leader and "
            "the Kazakhstan summit were also discussed, Lukashenko told Belarus reporters. "
            + sentence.format(leader="Putin"))
    assert len(_trade(rules, text, spans=_place_spans(text, "Kazakhstan"))) == 1, text
