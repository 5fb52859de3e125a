"""Money amounts and percentages in text.

A percentage is never an amount: :func:`find_percents` gives its number
unsigned; whether it is a change, and of which sign, is for the caller's rules
(:mod:`desktop.facts.trade`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


_SCALE = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bln": 1e9,
          "bn": 1e9, "b": 1e9, "trillion": 1e12, "trln": 1e12, "tn": 1e12}
_CUR_SYMBOL = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "rub": "RUB",
               "byn": "BYN", "cny": "CNY", "¥": "CNY"}
_CUR_WORDS = [
    (r"belarusian\s+(?:rubles?|roubles?)|byn", "BYN"),
    (r"russian\s+(?:rubles?|roubles?)|rubles?|roubles?|rub", "RUB"),
    (r"us\s+dollars?|dollars?|usd", "USD"),
    (r"euros?|eur", "EUR"),
    (r"yuan|cny", "CNY"),
]
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE_RE = r"(?:\s*(?P<scale>trillion|billion|million|thousand|trln|bln|mln|bn|mn|tn|b|m)\b\.?)?"
_MONEY_PREFIX = re.compile(rf"(?P<cur>US\$|\$|€|£|¥|\b(?:USD|EUR|RUB|BYN|CNY)\b)\s?{_NUM}{_SCALE_RE}", re.IGNORECASE)
_MONEY_SUFFIX = re.compile(
    rf"{_NUM}{_SCALE_RE}\s*(?P<word>{'|'.join(p for p, _ in _CUR_WORDS)})\b", re.IGNORECASE)
_PERCENT = re.compile(r"(?P<num>\d+(?:[.,]\d+)?)\s?(?:%|percent\b|per\s+cent\b)", re.IGNORECASE)


@dataclass
class MoneyMention:
    start: int
    end: int
    text: str
    amount: float
    currency: str


def find_money(text: str, offset: int = 0) -> list[MoneyMention]:
    """Money amounts ("$35.5 billion", "110 billion Russian rubles") in text order."""
    found: list[MoneyMention] = []
    for m in list(_MONEY_PREFIX.finditer(text)) + list(_MONEY_SUFFIX.finditer(text)):
        number = float(m.group("num").replace(",", ""))
        scale = _SCALE.get((m.group("scale") or "").casefold().rstrip("."), 1.0)
        if m.groupdict().get("cur"):
            currency = _CUR_SYMBOL.get(m.group("cur").casefold(), "USD")
        else:
            word = m.group("word").casefold()
            currency = next(code for pattern, code in _CUR_WORDS if re.fullmatch(pattern, word))
        mention = MoneyMention(m.start() + offset, m.end() + offset, m.group(), number * scale, currency)
        if all(mention.end <= f.start or mention.start >= f.end for f in found):
            found.append(mention)
    return sorted(found, key=lambda x: x.start)


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
