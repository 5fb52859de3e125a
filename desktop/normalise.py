"""Normalise DATE and MONEY span texts: dates resolved against the publication date.

>>> date_value("December 28-29", "2021-12-24")
'2021-12-28/2021-12-29'
>>> date_value("on Monday", "2024-01-28")
'2024-01-29'
>>> money_value("$35.5 billion")
'35500000000 USD'

A DATE span is read by the one date grammar, :mod:`desktop.dates` and
:mod:`desktop.date_ranges` (its conventions for yearless dates and weekdays hold
here, with no tense: the nearest reading); what the grammar does not know falls back to dateparser
(slow to import, so only then). An expression the grammar knows is never handed
to dateparser, even when it cannot be resolved ("December 28" in an undated
article). Money has one grammar too, :func:`money_mentions`, shared with
running text. Results are cached: ingest calls these once per span.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, NamedTuple

from desktop.date_ranges import resolve
from desktop.dates import YEAR_RE, Range, bare_expression, parse


def _iso(value: str | _dt.date | None) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    return value.isoformat()


def iso_day(value: Any) -> _dt.date | None:
    """The day an ISO date (or the start of an ISO range) names; None when it is not one."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# Spans that look like durations or ages, not dates: never handed to dateparser.
_NOT_A_DATE = re.compile(
    r"\b(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century)\b(?!\s+ago)"
    r"|\banniversary\b|\d+(?:st|nd|rd|th)\s+anniversary|^\d+$",
    re.I,
)


def _fallback(text: str, pub: _dt.date | None) -> Range | None:
    """dateparser for what the date grammar does not cover."""
    if _NOT_A_DATE.search(text) and not re.search(r"\bago\b", text, re.I):
        return None
    if pub is None and not re.search(YEAR_RE, text):
        return None
    from dateparser.date import DateDataParser

    base = _dt.datetime.combine(pub or _dt.date(2000, 1, 1), _dt.time(12))
    parser = DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False},
    )
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; an odd span is just unresolved
        return None
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    if found == base.date() and not re.search(r"\b(?:now|today|tonight|currently)\b", text, re.I):
        return None  # dateparser echoes the base date for some text it does not understand
    if data.period == "year":
        return _dt.date(found.year, 1, 1), _dt.date(found.year, 12, 31), "year"
    if data.period == "month":
        last = calendar.monthrange(found.year, found.month)[1]
        return _dt.date(found.year, found.month, 1), _dt.date(found.year, found.month, last), "month"
    if data.period in ("day", "time", None):
        return found, found, "day"
    return None


@lru_cache(maxsize=65536)
def _parse_cached(text: str, published: str | None) -> Range | None:
    pub = iso_day(published)
    mention = parse(text)
    if mention is not None:
        return resolve(mention, pub)
    clean = bare_expression(text)
    return _fallback(clean, pub) if clean else None


def parse_date_range(text: str, published: str | _dt.date | None) -> Range | None:
    """``(start, end, precision)`` for a DATE span text, or None when unresolvable.

    ``precision`` is day, month, quarter, year or range; ``published`` the
    article's ISO publication date (or None: then only dates with a year resolve).
    """
    if not text:
        return None
    return _parse_cached(text, _iso(published))


def date_value(text: str, published: str | _dt.date | None) -> str | None:
    """ISO value of a DATE span: ``"2021-12-28"`` or ``"2021-12-28/2021-12-29"``; None if unresolvable."""
    return range_value(parse_date_range(text, published))


def range_value(found: Range | None) -> str | None:
    """A calendar range as a stored value: ``"2021-12-28"`` for one day, else ``"2021-12-28/2021-12-29"``."""
    if found is None:
        return None
    start, end, _ = found
    return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"


# ---------------------------------------------------------------- money

_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₽": "RUB", "₴": "UAH", "₸": "KZT", "br": "BYN"}
_CODES = {"USD", "EUR", "RUB", "BYN", "BYR", "GBP", "CNY", "KZT", "UAH", "JPY", "CHF", "PLN", "TRY", "INR", "RUR"}
_CURRENCY_WORDS = [
    (r"belarusian\s+ro?ubles?|belarus\s+ro?ubles?|byn", "BYN"),
    (r"(?:russian\s+)?ro?ubles?|rub|rur", "RUB"),
    (r"(?:us|u\.s\.|american)?\s*dollars?|usd|bucks", "USD"),
    (r"euros?|eur", "EUR"),
    (r"(?:british\s+)?pounds?(?:\s+sterling)?|gbp", "GBP"),
    (r"(?:chinese\s+)?yuan|renminbi|cny", "CNY"),
    (r"tenge|kzt", "KZT"),
    (r"hryvnias?|hryvnia|uah", "UAH"),
    (r"yen|jpy", "JPY"),
    (r"swiss\s+francs?|chf", "CHF"),
    (r"zlotys?|pln", "PLN"),
]
# A scale word as written, misspellings a scraped page keeps included ("42.5 billon US dollars", "3 milion").
_SCALES = [
    (r"tril+i?ons?|trln|tln|tn|trn", Decimal(10) ** 12),
    (r"bil+i?ons?|bln|bn|b", Decimal(10) ** 9),
    (r"mil+i?ons?|mln|mn|mio|m", Decimal(10) ** 6),
    (r"thousands?|thou|k", Decimal(10) ** 3),
]
_CURRENCY_RE = "|".join(f"(?:{p})" for p, _ in _CURRENCY_WORDS)
_SCALE_RE = "|".join(f"(?:{p})" for p, _ in _SCALES)
_NUMBER_RE = r"\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
# "three trillion Russian rubles", "a billion dollars": a number word counts only before a scale word.
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                 "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}
_WORD_NUMBER_RE = (r"\b(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")(?=\s+(?:"
                   + "|".join(p for p, _ in (("trillions?|trln", 0), ("billions?|bln|bn", 0), ("millions?|mln", 0)))
                   + r")\b)")
# One grammar for money, in span texts and in running text (desktop.facts.money). A range ("$47-48 bln",
# "47 to 48 billion dollars") is its lower end, the whole range one mention.
_MONEY_RE = re.compile(
    r"(?P<pre>\bus\s?\$|\$\s?us\b|\$|€|£|¥|₽|₴|₸|\bbr\.?|\b(?:" + "|".join(_CODES) + r")\b)?\s*"
    r"(?<![\d.,])(?P<num>" + _NUMBER_RE + "|" + _WORD_NUMBER_RE + r")(?:\s*(?:-|–|—|to)\s*(?P<high>" + _NUMBER_RE
    + r"))?\s*"
    r"(?:(?P<scale>" + _SCALE_RE + r")\b\.?)?\s*"
    # "6 bln 400 mln U.S. dollars" (Kazinform's way): the smaller part after the scale adds to the amount.
    r"(?(scale)(?:(?P<num2>\d{1,3})\s*(?P<scale2>billions?|bln|bn|millions?|mln|mn|thousands?|thsd)\b\.?\s*)?)"
    r"(?:of\s+)?(?P<post>(?:" + _CURRENCY_RE + r")\b)?",
    re.I,
)


# Something a money amount needs: a currency sign, code or word. Checked before the full scan.
_MONEY_HINT = re.compile(r"[$€£¥₽₴₸]|\bbr\b|\b(?:" + "|".join(_CODES) + r")\b|(?:" + _CURRENCY_RE + r")\b", re.I)
# A part of every string _MONEY_HINT matches, casefolded: the signs, "br", the codes, and a piece of each
# currency word above ("rub" of "ruble", "roub" of "rouble", "dollar"...). Substring tests are ~20x cheaper
# than the hint's alternation, which has no first character to skip to (a 19 MB article paid ~15 s for it);
# the hint still decides. Kept a superset of the hint by tests/test_money_hint.py.
_MONEY_NEEDLES = tuple(dict.fromkeys([
    *"$€£¥₽₴₸", "br", *(code.casefold() for code in sorted(_CODES)),
    "rub", "roub", "dollar", "buck", "euro", "pound", "yuan", "renminbi", "tenge", "hryvnia", "yen", "franc", "zlot",
]))


def _may_name_money(text: str) -> bool:
    """Whether ``text`` may hold a currency (:data:`_MONEY_HINT`), its costly regex run only when a needle is there."""
    # casefold() is re.IGNORECASE's folding but for the dotless i, which the pattern's "i" also matches.
    folded = text.casefold().replace("\u0131", "i")
    return any(needle in folded for needle in _MONEY_NEEDLES) and _MONEY_HINT.search(text) is not None


def _number(text: str) -> Decimal | None:
    if text.casefold() in _NUMBER_WORDS:
        return Decimal(_NUMBER_WORDS[text.casefold()])
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?", text):
        text = text.replace(",", "").replace(" ", "")
    else:
        text = text.replace(",", ".")  # a decimal comma: "35,5 billion"
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _currency(pre: str | None, post: str | None) -> str | None:
    if pre:
        key = re.sub(r"\s+", "", pre.lower().rstrip("."))
        if key in ("$us", "us$"):
            return "USD"
        if key in _SYMBOLS:
            return _SYMBOLS[key]
        return {"BYR": "BYN", "RUR": "RUB"}.get(pre.upper(), pre.upper())
    if post:
        for pattern, code in _CURRENCY_WORDS:
            if re.fullmatch(pattern, post.strip(), re.I):
                return code
    return None


def _amount(match: re.Match) -> tuple[Decimal, str] | None:
    currency = _currency(match["pre"], match["post"])
    if not currency:
        return None
    number = _number(match["num"])
    if number is None:
        return None
    scale = _scale(match["scale"])
    amount = number * scale
    if match["num2"] and _scale(match["scale2"]) < scale:
        amount += Decimal(match["num2"]) * _scale(match["scale2"])  # "7 bln 500 mln": 7.5 billion
    return amount, currency


def _scale(word: str | None) -> Decimal:
    """The factor a scale word stands for ("bln": 10**9), 1 for none."""
    if word:
        for pattern, factor in _SCALES:
            if re.fullmatch(pattern, word, re.I):
                return factor
    return Decimal(1)


def _money_matches(text: str):
    """The grammar's matches in text, a "range" whose lower end exceeds its upper one read from the upper.

    "in January-August 2024 to 2.9 trillion rubles" is no range from 2024: the amount is 2.9 trillion.
    """
    for match in _MONEY_RE.finditer(text):
        if match["high"] and not match["pre"]:
            low, high = _number(match["num"]), _number(match["high"])
            if low is not None and high is not None and low > high:
                again = _MONEY_RE.match(text, match.start("high"))
                if again is not None:
                    yield again
                    continue
        yield match


@lru_cache(maxsize=65536)
def _money_cached(text: str) -> tuple[Decimal, str] | None:
    clean = re.sub(r"\s+", " ", text).strip()
    for match in _money_matches(clean):
        found = _amount(match)
        if found is not None:
            return found
    return None


def money_mentions(text: str) -> list[tuple[int, int, float, str]]:
    """``(start, end, amount, currency)`` of every amount with a currency in running text, in order.

    >>> money_mentions("Trade reached $35.5 billion, or 2.9 trillion Russian rubles; 5% more.")
    [(14, 27, 35500000000.0, 'USD'), (32, 59, 2900000000000.0, 'RUB')]
    """
    found = []
    if not _may_name_money(text):
        return found  # most sentences name no currency: skip the number-by-number scan
    for match in _money_matches(text):
        amount = _amount(match)
        if amount is None:
            continue
        start = match.start("pre") if match["pre"] else match.start("num")
        end = max(match.end(g) for g in ("num", "high", "scale", "scale2", "post") if match[g])
        if text[end - 1:end] == "." and match["scale"] and match.end("scale") == end:  # "$5 bln." ends a sentence
            end -= 1
        found.append((start, end, float(amount[0]), amount[1]))
    return found


class MoneyStatement(NamedTuple):
    """One amount as stated: a range's two ends or an amount with its restatements in other currencies.

    ``start``/``end`` cover the whole statement; ``amount``/``currency`` are the first amount's (a
    range's lower end); ``also`` holds the same amount restated in other currencies, in order.
    """

    start: int
    end: int
    amount: float
    currency: str
    also: tuple[tuple[float, str], ...] = ()


# Words that hedge a restated amount: "or more than 8 trillion rubles", "(about $29.5 billion)".
_HEDGE = (r"(?:(?:just|slightly|well|a\s+little)\s+)?(?:about|some|around|approximately|approx\.|roughly|nearly|"
          r"almost|over|under|above|below|more\s+than|less\s+than|close\s+to|circa|up\s+to|~)\s*")
# "$59 billion - $60 billion", "$59 billion to $60 billion", "$47 billion or $48 billion": one amount, its lower end.
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|or)\s*(?:about\s+|some\s+|around\s+)?", re.IGNORECASE)
# "Between $35 billion and $36 billion", "between $35 and $36 billion": a range too.
_AND_GAP = re.compile(r"\s*and\s*(?:about\s+|some\s+|around\s+)?", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:about\s+|some\s+|around\s+|roughly\s+)?$", re.IGNORECASE)
# "From X to Y" (two times) and "by X to Y" (a change, then the level it reached) are two amounts, no range.
_FROM_BEFORE = re.compile(r"\b(?:from|by)\s+(?:about\s+|some\s+|around\s+|almost\s+|nearly\s+|over\s+)?$",
                          re.IGNORECASE)
# "2.9 trillion rubles ($29.5 bln)", "3 trillion rubles, or about $35 billion,", "286 bln Belarusian rubles or
# more than 8 trillion Russian rubles", "2.9 trillion rubles, the equivalent of $29.5 billion": the same amount.
_RESTATE_GAP = re.compile(
    r"\s*(?:\(\s*(?:i\.e\.\s*|equivalent\s+to\s+|the\s+equivalent\s+of\s+)?|,?\s*(?:or|i\.e\.|that\s+is|"
    r"(?:or\s+)?(?:the\s+)?equivalent\s+(?:to|of)|equal\s+to|or\s+the\s+equivalent\s+of)\s+|,\s*)(?:" + _HEDGE + r")?",
    re.IGNORECASE)
_RESTATE_CLOSE = re.compile(r"\s*\)")


_SCALE_WORD = re.compile(r"(?<![\w.])(?:" + _SCALE_RE + r")\b", re.I)


def _scale_in(text: str) -> Decimal | None:
    """The scale word's factor in one amount's text ("$24.5 billion": 10**9), None when it names none."""
    match = _SCALE_WORD.search(text)
    if match is None:
        return None
    return next((factor for pattern, factor in _SCALES if re.fullmatch(pattern, match.group(), re.I)), None)


def _range_low(low_text: str, low: float, high_text: str, high: float) -> float:
    """A range's lower end, the upper end's scale shared when only it names one: "$24 to $24.5 billion" is
    24 billion (the grammar reads "$24" alone as 24 dollars); "$900 million to $1.2 billion" keeps its own."""
    factor = _scale_in(high_text)
    if factor is None or _scale_in(low_text) is not None:
        return low
    scaled = float(Decimal(str(low)) * factor)
    return scaled if scaled <= high else low


def money_statements(text: str) -> list[MoneyStatement]:
    """The amounts of running text as stated: a range and an amount with its conversions each one statement.

    A range ("$59 billion - $60 billion": one currency, only a dash, "to" or "or" between, no "from"
    before; or "between $35 and $36 billion") is its lower end, which shares the upper end's scale when
    only that names one ("$24 to $24.5 billion"). Amounts in other currencies right after one, each in a currency not
    yet used, in brackets or after "or" or a comma (hedged or not), restate it: "over 3 trillion rubles
    ($36.7 bln) or 111 bln Belarusian rubles" is one amount. "From X to Y" stays two: two times; so does "by X to Y": a change and the level it reached.

    >>> [(s.amount, s.currency, s.also) for s in money_statements(
    ...     "286 bln Belarusian rubles or more than 8 trillion Russian rubles, and $5 bln in 2020")]
    [(286000000000.0, 'BYN', ((8000000000000.0, 'RUB'),)), (5000000000.0, 'USD', ())]
    """
    mentions = money_mentions(text)
    out: list[MoneyStatement] = []
    i = 0
    while i < len(mentions):
        start, end, amount, currency = mentions[i]
        j = i + 1
        paired = j < len(mentions) and mentions[j][3] == currency
        dashed = paired and _RANGE_GAP.fullmatch(text, end, mentions[j][0]) is not None
        two = dashed and _FROM_BEFORE.search(text, max(0, start - 30), start) is not None
        if dashed or (paired and _AND_GAP.fullmatch(text, end, mentions[j][0])
                      and _BETWEEN_BEFORE.search(text, max(0, start - 30), start)):
            # "from $5 to $6 billion" is two amounts, the first in the second's scale too
            amount = _range_low(text[start:end], amount, text[mentions[j][0]:mentions[j][1]], mentions[j][2])
            if not two:
                end = mentions[j][1]
                j += 1
        also: list[tuple[float, str]] = []
        used = {currency}
        while j < len(mentions):
            a, b, other, code = mentions[j]
            gap = _RESTATE_GAP.fullmatch(text, end, a)
            if code in used or gap is None:
                break
            bracket = "(" in gap.group()
            close = _RESTATE_CLOSE.match(text, b) if bracket else None
            also.append((other, code))
            used.add(code)
            end = close.end() if close else b
            j += 1
            if bracket and not close:
                break  # "($36.7 bln, up 12%)": the bracket goes on with something else
        out.append(MoneyStatement(start, end, amount, currency, tuple(also)))
        i = j
    return out


# Scale words a bare amount needs to be read as one ("45 billion", not "45" or "45 m").
_BARE_SCALE = re.compile(r"trillions?|trln|tln|trn|billions?|bln|bn|millions?|mln|mn", re.I)


def bare_amounts(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, float]]:
    """``(start, end, amount)`` of numbers with a scale word and no currency in ``text[start:end]``.

    The caller decides whose currency they take ("$44 billion this year, and 45 billion by Belarusian
    figures"); alone they are no money.

    >>> bare_amounts("$44 billion this year, and 45 bln by Belarusian figures")
    [(27, 33, 45000000000.0)]
    """
    found = []
    part = text[start:end]
    for match in _money_matches(part):  # "in 2021 to 44 billion" is no range from 2021
        if match["pre"] or match["post"] or not match["scale"] or not _BARE_SCALE.fullmatch(match["scale"]):
            continue
        number = _number(match["num"])
        if number is None:
            continue
        scale = next(factor for pattern, factor in _SCALES if re.fullmatch(pattern, match["scale"], re.I))
        found.append((start + match.start("num"), start + match.end("scale"), float(number * scale)))
    return found


def parse_money(text: str) -> tuple[float, str] | None:
    """``(amount in units, ISO currency)`` for a MONEY span text, or None.

    >>> parse_money("110 billion Russian rubles")
    (110000000000.0, 'RUB')
    """
    if not text:
        return None
    found = _money_cached(text)
    return (float(found[0]), found[1]) if found else None


def money_value(text: str) -> str | None:
    """The stored value of a MONEY span: ``"35500000000 USD"``, or None."""
    if not text:
        return None
    found = _money_cached(text)
    if found is None:
        return None
    amount = found[0].normalize()
    return f"{amount:f} {found[1]}"
