"""Money amounts and percentages in text (amounts through the one money grammar, desktop.normalise).

A percentage is never an amount: :func:`find_percents` gives its number
unsigned; whether it is a change, and of which sign, is for the caller's rules
(:mod:`desktop.facts.trade`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.normalise import bare_amounts, money_mentions, money_statements


# "12%", "2.3 percent", "7 per cent", and as an adjective "a 27-percent growth", "a 3.5-per-cent drop".
_PERCENT = re.compile(r"(?P<num>\d+(?:[.,]\d+)?)(?:\s?|-)(?:%|percent\b|per[\s-]+cent\b)", re.IGNORECASE)


@dataclass
class MoneyMention:
    start: int
    end: int
    text: str
    amount: float
    currency: str
    also: tuple[tuple[float, str], ...] = ()  # the same amount restated in other currencies


def find_money(text: str, offset: int = 0) -> list[MoneyMention]:
    """Money amounts ("$35.5 billion", "110 billion Russian rubles") in text order.

    The grammar is :func:`desktop.normalise.money_mentions`', the one MONEY spans are valued with.
    """
    return [MoneyMention(a + offset, b + offset, text[a:b], amount, currency)
            for a, b, amount, currency in money_mentions(text)]


def find_statements(text: str, offset: int = 0) -> list[MoneyMention]:
    """Amounts as stated (:func:`desktop.normalise.money_statements`): a range or a conversion is one mention."""
    return [MoneyMention(s.start + offset, s.end + offset, text[s.start:s.end], s.amount, s.currency, s.also)
            for s in money_statements(text)]


_FROM_END = re.compile(r"\bfrom\s+(?:about\s+|some\s+|around\s+)?$", re.IGNORECASE)
_TO_END = re.compile(r"\bto\s+$", re.IGNORECASE)


def carried_over(text: str, statements: list[MoneyMention], offset: int, *, joiners: re.Pattern | None,
                 followers: frozenset[str], gap_words: int = 8) -> list[MoneyMention]:
    """Amounts stated without their currency after one with it, in its currency.

    "$44 billion this year, and 45 billion by Belarusian figures": a number with a scale word, a few words
    (``gap_words``) after an amount with a joiner or a comma between, followed by the end of its clause or
    one of ``followers`` ("by", "according"): not "45 million tonnes of cargo".
    """
    out: list[MoneyMention] = []
    for k, first in enumerate(statements):
        start = first.end - offset
        stop = statements[k + 1].start - offset if k + 1 < len(statements) else len(text)
        for a, b, amount in bare_amounts(text, start, stop):
            gap = text[start:a]
            # "from $40 billion in 2021 to 44 billion": the two ends of a change, two figures.
            from_to = _TO_END.search(gap) and _FROM_END.search(text, max(0, first.start - offset - 30),
                                                               first.start - offset)
            if len(gap.split()) > gap_words or re.search(r"[.!?]\s", gap) or not (
                    "," in gap or from_to or (joiners is not None and joiners.search(gap))):
                continue
            after = re.match(r"\s*([\w'’-]+)?", text[b:])
            if after.group(1) and after.group(1).casefold() not in followers:
                continue
            out.append(MoneyMention(a + offset, b + offset, text[a:b], amount, first.currency))
            break  # one carried amount per stated one
    return out


@dataclass
class PercentMention:
    start: int
    end: int
    text: str
    number: float  # unsigned, as written: "2,3 %" is 2.3


# A change told as a fraction after "by" ("grew by a third", "fell by half"); "a third of trade" is a share, no change.
_FRACTION = re.compile(r"\bby\s+(?P<frac>(?:a|one)\s+(?:half|third|quarter|fifth)|half|two\s+thirds|three\s+quarters)\b",
                       re.IGNORECASE)
_FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "two thirds": 200 / 3,
              "three quarters": 75.0}


def find_percents(text: str, offset: int = 0) -> list[PercentMention]:
    """Percentages ("12%", "2.3 percent", "7 per cent") and fractions of a change ("by a third") in text order."""
    found = [PercentMention(m.start() + offset, m.end() + offset, m.group(),
                            float(m.group("num").replace(",", "."))) for m in _PERCENT.finditer(text)]
    for m in _FRACTION.finditer(text):
        words = " ".join(m.group("frac").casefold().split())
        words = words.split(" ", 1)[1] if words.startswith(("a ", "one ")) else words
        found.append(PercentMention(m.start("frac") + offset, m.end("frac") + offset, m.group("frac"),
                                    round(_FRACTIONS[words], 1)))
    return sorted(found, key=lambda p: p.start)
