"""Money amounts and percentages in text (amounts through the one money grammar, desktop.normalise).

A percentage is never an amount: :func:`find_percents` gives its number
unsigned; whether it is a change, and of which sign, is for the caller's rules
(:mod:`desktop.facts.trade`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.normalise import money_mentions, money_statements


_PERCENT = re.compile(r"(?P<num>\d+(?:[.,]\d+)?)\s?(?:%|percent\b|per\s+cent\b)", re.IGNORECASE)


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


@dataclass
class PercentMention:
    start: int
    end: int
    text: str
    number: float  # unsigned, as written: "2,3 %" is 2.3


def find_percents(text: str, offset: int = 0) -> list[PercentMention]:
    """Percentages ("12%", "2.3 percent", "7 per cent") in text order."""
    return [PercentMention(m.start() + offset, m.end() + offset, m.group(),
                           float(m.group("num").replace(",", "."))) for m in _PERCENT.finditer(text)]
