"""Normalise DATE and MONEY span texts: dates resolved against the publication date.

>>> date_value("December 28-29", "2021-12-24")
'2021-12-28/2021-12-29'
>>> date_value("on Monday", "2024-01-28")
'2024-01-29'
>>> money_value("$35.5 billion")
'35500000000 USD'

Conventions (the analyst can correct any value):

- A day or month without a year takes the year that puts it nearest the
  publication date, where days ahead count double: news reports the past more
  than it announces the far future. So "December" in a January article and
  "December 25" in a July article are last December; "July 18" in a July
  article and "April-May" in a February one are this year's.
- A bare weekday is the nearest such day to the publication date, at most three
  days either way ("on Monday" in a Sunday article is the next day); "last
  Monday" is the one before, "next Monday" the one after.
- "early", "mid" and "late" split a month into days 1-10, 11-20 and 21-end, and
  a year into January-April, May-August and September-December; "the end of"
  and "the beginning of" count as late and early.
- Without a publication date only dates that state their year resolve.

Common patterns are handled here; the rest falls back to dateparser (slow to
import, so only then). Results are cached: ingest calls these once per span.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from desktop.pubdate import DAY_RE, MONTH_RE, WEEKDAY_RE, month_number, weekday_number

Range = tuple[_dt.date, _dt.date, str]

# News mostly reports what happened: a yearless date ahead of publication counts as this many times
# farther than one behind it (so "December 25" in a July article is last December, "July 18" is this July).
FUTURE_WEIGHT = 2

_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4}
_FILLER = re.compile(
    r"^(?:(?:on|in|at|of|by|from|since|until|till|during|for|around|about|before|after|as of|"
    r"the|this past|(?:the\s+)?(?:morning|evening|afternoon|night)\s+of)\s+)+",
    re.I,
)
_YEAR = r"(?:19|20)\d{2}"


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


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _nearest_year(make, pub: _dt.date | None) -> Range | None:
    """Call ``make(year)`` for the publication year and its neighbours; keep the range nearest publication."""
    if pub is None:
        return None
    best = None
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            found = make(year)
        except ValueError:
            continue
        if found is None:
            continue
        start, end, _ = found
        if start <= pub <= end:
            distance = 0
        elif start > pub:
            distance = FUTURE_WEIGHT * (start - pub).days
        else:
            distance = (pub - end).days
        if best is None or distance < best[0]:
            best = (distance, found)
    return best[1] if best else None


def _part_of_month(part: str, year: int, month: int) -> Range:
    last = calendar.monthrange(year, month)[1]
    spans = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}
    first, final = spans[part]
    return _dt.date(year, month, first), _dt.date(year, month, final), "range"


def _part_of_year(part: str, year: int) -> Range:
    months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
    first, final = months[part]
    return _dt.date(year, first, 1), _month_end(year, final), "range"


def _part_word(word: str) -> str:
    word = word.lower()
    if word in ("late", "end", "the end", "end of", "close"):
        return "late"
    if word in ("mid", "middle", "mid-"):
        return "mid"
    return "early"


def _weekday(name: str, pub: _dt.date | None, direction: str | None) -> Range | None:
    if pub is None:
        return None
    target = weekday_number(name)
    forward = (target - pub.weekday()) % 7
    if direction in ("last", "past", "previous"):
        delta = -(7 - forward) if forward else -7
    elif direction in ("next", "coming", "this coming"):
        delta = forward or 7
    else:
        delta = forward if forward <= 3 else forward - 7
    day = pub + _dt.timedelta(days=delta)
    return day, day, "day"


_RELATIVE_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this evening": 0, "this afternoon": 0,
                  "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}
_NUMBERS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}


def _relative(text: str, pub: _dt.date | None) -> Range | None:
    """today, yesterday, last year, this month, next week, two days ago..."""
    low = text.lower()
    if pub is None:
        return None
    if low in _RELATIVE_DAYS:
        day = pub + _dt.timedelta(days=_RELATIVE_DAYS[low])
        return day, day, "day"
    match = re.fullmatch(r"(last|past|previous|this|current|next|coming)\s+(year|month|week)", low)
    if match:
        which, unit = match.groups()
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
        if unit == "year":
            year = pub.year + step
            return _dt.date(year, 1, 1), _dt.date(year, 12, 31), "year"
        if unit == "month":
            month_index = pub.year * 12 + pub.month - 1 + step
            year, month = divmod(month_index, 12)
            return _dt.date(year, month + 1, 1), _month_end(year, month + 1), "month"
        monday = pub - _dt.timedelta(days=pub.weekday()) + _dt.timedelta(weeks=step)
        return monday, monday + _dt.timedelta(days=6), "range"
    match = re.fullmatch(r"(\d+|" + "|".join(_NUMBERS) + r")\s+(day|week)s?\s+ago", low)
    if match:
        count = _NUMBERS.get(match[1]) or int(match[1])
        day = pub - _dt.timedelta(days=count * (7 if match[2] == "week" else 1))
        return day, day, "day" if match[2] == "day" else "range"
    return None


def _absolute_or_partial(text: str, pub: _dt.date | None) -> Range | None:
    """Patterns with explicit days, months, quarters or years."""
    t = text
    # 20.12.2019, 2019-12-20, 20/12/2019 (day first: the sources are European).
    m = re.fullmatch(rf"({_YEAR})[-./](\d{{1,2}})[-./](\d{{1,2}})", t)
    if m:
        day = _dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day, "day"
    m = re.fullmatch(rf"(\d{{1,2}})[./-](\d{{1,2}})[./-]({_YEAR})", t)
    if m:
        first, second = int(m[1]), int(m[2])
        day, month = (second, first) if second > 12 else (first, second)
        found = _dt.date(int(m[3]), month, day)
        return found, found, "day"
    # the 1990s
    m = re.fullmatch(r"(?:the\s+)?((?:19|20)\d)0'?s", t, re.I)
    if m:
        decade = int(m[1]) * 10
        return _dt.date(decade, 1, 1), _dt.date(decade + 9, 12, 31), "range"
    # 2024-2026, 2019 to 2021
    m = re.fullmatch(rf"({_YEAR})\s*(?:-|–|—|to|through|until)\s*({_YEAR}|\d{{2}})", t, re.I)
    if m:
        first = int(m[1])
        last = int(m[2]) if len(m[2]) == 4 else first // 100 * 100 + int(m[2])
        if last > first:
            return _dt.date(first, 1, 1), _dt.date(last, 12, 31), "range"
        return None
    m = re.fullmatch(rf"(?:the\s+)?(?:year\s+)?({_YEAR})(?:\s+year)?", t, re.I)
    if m:
        year = int(m[1])
        return _dt.date(year, 1, 1), _dt.date(year, 12, 31), "year"
    # the first quarter of 2024, Q1 2024, the first half of 2023
    m = re.fullmatch(
        rf"(?:(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?P<unit>quarter|half)|Q(?P<q>[1-4])|H(?P<h>[12]))"
        rf"(?:\s+(?:of\s+)?(?:the\s+year\s+)?(?P<y>{_YEAR}))?",
        t,
        re.I,
    )
    if m:
        if m["q"] or (m["unit"] or "").lower() == "quarter":
            index = int(m["q"]) if m["q"] else _ORDINALS[m["ord"].lower()]
            months, precision = (3 * index - 2, 3 * index), "quarter"
        else:
            index = int(m["h"]) if m["h"] else min(_ORDINALS[m["ord"].lower()], 2)
            months, precision = (6 * index - 5, 6 * index), "range"

        def make(year: int) -> Range:
            return _dt.date(year, months[0], 1), _month_end(year, months[1]), precision

        return make(int(m["y"])) if m["y"] else _nearest_year(make, pub)
    # December 28-29, 28-29 December, December 28 - January 3 (, 2021)
    m = re.fullmatch(
        rf"(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE})\s*(?:-|–|—|to|and|through)\s*(?:(?P<m2>{MONTH_RE})\s+)?(?P<d2>{DAY_RE})"
        rf"(?:,?\s+(?P<y>{_YEAR}))?"
        rf"|(?P<d3>{DAY_RE})\s*(?:-|–|—|to|and|through)\s*(?P<d4>{DAY_RE})\s+(?P<m3>{MONTH_RE})(?:,?\s+(?P<y2>{_YEAR}))?",
        t,
        re.I,
    )
    if m:
        if m["m1"]:
            m_start, d_start, d_end, year_text = month_number(m["m1"]), _day(m["d1"]), _day(m["d2"]), m["y"]
            m_end = month_number(m["m2"]) if m["m2"] else m_start
        else:
            m_start = m_end = month_number(m["m3"])
            d_start, d_end, year_text = _day(m["d3"]), _day(m["d4"]), m["y2"]

        def make(year: int) -> Range | None:
            start = _dt.date(year, m_start, d_start)
            end = _dt.date(year + (1 if m_end < m_start else 0), m_end, d_end)
            return (start, end, "range") if end > start else None

        return make(int(year_text)) if year_text else _nearest_year(make, pub)
    # (Friday,) December 24(th)(, 2021) / 24 December (2021)
    m = re.fullmatch(
        rf"(?:(?P<wd>{WEEKDAY_RE}),?\s+)?(?:(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE})|(?P<d2>{DAY_RE})(?:\s+of)?\s+(?P<m2>{MONTH_RE}))"
        rf"(?:,?\s+(?P<y>{_YEAR}))?",
        t,
        re.I,
    )
    if m:
        month = month_number(m["m1"] or m["m2"])
        day_num = _day(m["d1"] or m["d2"])
        if m["y"]:
            found = _dt.date(int(m["y"]), month, day_num)
            return found, found, "day"
        weekday = weekday_number(m["wd"]) if m["wd"] else None

        def make(year: int) -> Range | None:
            found = _dt.date(year, month, day_num)
            if weekday is not None and found.weekday() != weekday:
                return None
            return found, found, "day"

        return _nearest_year(make, pub)
    # April-May, January-October 2023, from April to June
    m = re.fullmatch(
        rf"(?:between\s+)?(?P<m1>{MONTH_RE})\s*(?:-|–|—|to|and|through|until)\s*(?P<m2>{MONTH_RE})(?:,?\s+(?P<y>{_YEAR}))?",
        t,
        re.I,
    )
    if m:
        first, last = month_number(m["m1"]), month_number(m["m2"])

        def make(year: int) -> Range | None:
            end_year = year + (1 if last < first else 0)
            return _dt.date(year, first, 1), _month_end(end_year, last), "range"

        if m["y"]:
            # "December-January 2024": the stated year is the end's when the range wraps.
            year = int(m["y"]) - (1 if last < first else 0)
            return make(year)
        return _nearest_year(make, pub)
    # late December (2019), the end of 2018, early 2023, mid-June
    m = re.fullmatch(
        rf"(?P<part>early|late|mid|middle|end|beginning|start|close)(?:\s*-\s*|\s+)(?:of\s+)?(?:the\s+)?"
        rf"(?:(?P<m>{MONTH_RE})(?:,?\s+(?P<y>{_YEAR}))?|(?P<y2>{_YEAR})|(?P<rel>this|last|next|the)\s+year)",
        t,
        re.I,
    )
    if m:
        part = _part_word(m["part"])
        if m["m"]:
            month = month_number(m["m"])
            if m["y"]:
                return _part_of_month(part, int(m["y"]), month)
            return _nearest_year(lambda year: _part_of_month(part, year, month), pub)
        if m["y2"]:
            return _part_of_year(part, int(m["y2"]))
        if pub is None:
            return None
        step = {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
        return _part_of_year(part, pub.year + step)
    # December 2019, December
    m = re.fullmatch(rf"(?P<m>{MONTH_RE})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?", t, re.I)
    if m:
        month = month_number(m["m"])
        if m["y"]:
            year = int(m["y"])
            return _dt.date(year, month, 1), _month_end(year, month), "month"
        return _nearest_year(lambda year: (_dt.date(year, month, 1), _month_end(year, month), "month"), pub)
    # Monday, last Monday, next Friday
    m = re.fullmatch(rf"(?:(?P<dir>last|past|previous|next|coming|this coming|this)\s+)?(?P<wd>{WEEKDAY_RE})", t, re.I)
    if m:
        return _weekday(m["wd"], pub, (m["dir"] or "").lower() or None)
    return None


# Spans that look like durations or ages, not dates: never handed to dateparser.
_NOT_A_DATE = re.compile(
    r"\b(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century)\b(?!\s+ago)"
    r"|\banniversary\b|\d+(?:st|nd|rd|th)\s+anniversary|^\d+$",
    re.I,
)


def _fallback(text: str, pub: _dt.date | None) -> Range | None:
    """dateparser for what the patterns above do not cover."""
    if _NOT_A_DATE.search(text) and not re.search(r"\bago\b", text, re.I):
        return None
    if pub is None and not re.search(_YEAR, text):
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
        return _dt.date(found.year, found.month, 1), _month_end(found.year, found.month), "month"
    if data.period in ("day", "time", None):
        return found, found, "day"
    return None


@lru_cache(maxsize=65536)
def _parse_cached(text: str, published: str | None) -> Range | None:
    pub = iso_day(published)
    clean = re.sub(r"\s+", " ", text).strip().strip(".,;:()[]\"'“”‘’")
    clean = _FILLER.sub("", clean).strip()
    if not clean:
        return None
    try:
        found = _relative(clean, pub) or _absolute_or_partial(clean, pub)
    except ValueError:  # 31 February and the like
        return None
    if found is None:
        found = _fallback(clean, pub)
    return found


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
    found = parse_date_range(text, published)
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
_SCALES = [
    (r"trillions?|trln|tln|tn|trn", Decimal(10) ** 12),
    (r"billions?|bln|bn|b", Decimal(10) ** 9),
    (r"millions?|mln|mn|mio|m", Decimal(10) ** 6),
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
    r"(?:of\s+)?(?P<post>(?:" + _CURRENCY_RE + r")\b)?",
    re.I,
)


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
    scale = Decimal(1)
    if match["scale"]:
        for pattern, factor in _SCALES:
            if re.fullmatch(pattern, match["scale"], re.I):
                scale = factor
                break
    return number * scale, currency


@lru_cache(maxsize=65536)
def _money_cached(text: str) -> tuple[Decimal, str] | None:
    clean = re.sub(r"\s+", " ", text).strip()
    for match in _MONEY_RE.finditer(clean):
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
    for match in _MONEY_RE.finditer(text):
        amount = _amount(match)
        if amount is None:
            continue
        start = match.start("pre") if match["pre"] else match.start("num")
        end = max(match.end(g) for g in ("num", "high", "scale", "post") if match[g])
        if text[end - 1:end] == "." and match["scale"] and match.end("scale") == end:  # "$5 bln." ends a sentence
            end -= 1
        found.append((start, end, float(amount[0]), amount[1]))
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
