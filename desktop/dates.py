"""The one date grammar: date expressions found in prose or read from a DATE span, and their calendar ranges.

>>> [(m.text, m.kind) for m in find("They met on Friday, 28-29 December and will meet again in mid-May 2024.")]
[('on Friday', 'weekday'), ('28-29 December', 'dd_m'), ('mid-May 2024', 'part_m')]
>>> resolve(parse("on December 28-29"), _dt.date(2021, 12, 24))
(datetime.date(2021, 12, 28), datetime.date(2021, 12, 29), 'range')
>>> resolve(parse("Monday"), _dt.date(2024, 1, 31)), resolve(parse("Monday"), _dt.date(2024, 1, 31), "future")
((datetime.date(2024, 1, 29), datetime.date(2024, 1, 29), 'day'), (datetime.date(2024, 2, 5), datetime.date(2024, 2, 5), 'day'))

Each form of date is one named pattern in :data:`FORMS` with one resolution in
:func:`resolve`; publication dates (:mod:`desktop.pubdate`), DATE span values
(:mod:`desktop.normalise`) and the dates of facts (:mod:`desktop.facts.dates`) all
read dates through them. The patterns are compiled twice, for two readings:

- prose (:func:`find`): month and weekday names as prose writes them (capitalised,
  weekdays in full: "may" and "march" are words, "Sun" is a newspaper), a bare month
  only after a preposition ("December marked the anniversary" dates nothing), and no
  parts of years ("by the end of 2023" is a deadline: prose reads its year);
- a span (:func:`parse`, ``find(prose=False)``): any case, abbreviated weekdays too,
  for text the recogniser or a header line already presents as a date.

Resolution against the publication date (the analyst can correct any value):

- A date without a year, and a bare weekday, follow the sentence's tense when the
  caller knows it (``direction``): "past" is the latest such date by publication,
  "future" the first on or after it. Without a tense, the reading nearest publication,
  where days ahead count double (:data:`FUTURE_WEIGHT`: news reports the past more than
  it announces the future): "December 25" in a July article is last December's, "July
  18" this July's; "Monday" is at most two days ahead, else the one before. "last
  Monday" is always the one before, "next Monday" the one after; a weekday given with
  a day ("Friday, December 24") picks the year it fits, if one does; "last quarter" is
  the one before publication's.
- "early", "mid" and "late" split a month into days 1-10, 11-20 and 21-end and a
  year into January-April, May-August and September-December; "the end of" and "the
  beginning of" count as late and early. The year written after a range that wraps
  ("December 30 - January 2, 2022", "December-January 2024") is its end's.
- Without a publication date only dates that state their year resolve; "a day
  earlier" counts from a day the caller knows (:attr:`DateMention.fixed`), else none.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from typing import Callable

Range = tuple[_dt.date, _dt.date, str]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Days counted from the day last named ("a day earlier"): the caller fixes them, or they stay open.
ANAPHORIC_DAYS = {"a day earlier": -1, "one day earlier": -1, "a day before": -1, "one day before": -1,
                  "the day before": -1, "the previous day": -1, "the next day": 1, "the following day": 1}
FUTURE_WEIGHT = 2  # a date without a year (or a weekday) this many days ahead is as far as one day behind

_LONGEST_FIRST = sorted(MONTHS, key=len, reverse=True)  # so "September" is not read as "Sep" + "tember"
# Case-insensitive on their own, so patterns can still demand capitals elsewhere (datelines).
MONTH_RE = r"(?i:" + "|".join(_LONGEST_FIRST) + r")\b\.?"
WEEKDAY_RE = r"(?i:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b\.?"
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_RE = r"(?:19|20)\d{2}"
DAY_MONTH_RE = rf"(?:{MONTH_RE}\s+{DAY_RE}|(?:the\s+)?{DAY_RE}(?:\s+of)?\s+{MONTH_RE})"  # "December 24", "the 24th of Dec."
PROSE_MONTH_RE = "(?:" + "|".join(name.capitalize() for name in _LONGEST_FIRST) + r")\b\.?"
_PROSE_WEEKDAY = "(?:" + "|".join(WEEKDAY_NAMES) + r")\b"

# The forms, in the order that breaks ties. {M}, {WD}: a month, a weekday (prose or span spelling);
# {D}: a day; {Y}: an optional year after a date; {YEAR}: a year; {DASH}: what joins a range.
_PART = r"(?P<part>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle|close)\s+of)(?:\s*-\s*|\s+)(?:the\s+)?"
_REL = r"(?P<rel>this|last|next|the\s+current|the\s+previous)"
FORMS: list[tuple[str, str, int]] = [
    ("m_d_m_d", r"\b(?P<m1>{M})\s+(?P<d1>{D}){DASH}(?P<m2>{M})\s+(?P<d2>{D})\b{Y}", 0),
    ("d_m_d_m", r"\b(?P<d1>{D})\s+(?P<m1>{M}){DASH}(?P<d2>{D})\s+(?P<m2>{M}){Y}", 0),
    ("m_dd", r"\b(?P<m1>{M})\s+(?P<d1>{D}){DASH}(?P<d2>{D})\b{Y}", 0),
    ("dd_m", r"\b(?P<d1>{D}){DASH}(?P<d2>{D})\s+(?:of\s+)?(?P<m1>{M}){Y}", 0),
    ("m_d", r"\b(?:(?P<wd>{WD}),?\s+)?(?P<m1>{M})\s+(?P<d1>{D})\b(?![:.]\d|\s*%|\s+(?:per|billion|million)){Y}", 0),
    ("d_m", r"\b(?:(?P<wd>{WD}),?\s+(?:the\s+)?)?(?P<d1>{D})\s+(?:of\s+)?(?P<m1>{M})(?!\w){Y}", 0),
    # Day first unless the second number cannot be a month (12/20/2019): the sources are European.
    ("numeric", r"(?<!\d)(?<!\d\.)(?P<d1>[12]\d|3[01]|0?[1-9])[./-](?P<m1>[12]\d|3[01]|0?[1-9])[./-](?P<year>{YEAR})(?![\d.]\d)", 0),
    ("iso", r"(?<!\d)(?<!\d\.)(?P<year>{YEAR})[-./](?P<m1>0?[1-9]|1[0-2])[-./](?P<d1>[12]\d|3[01]|0?[1-9])(?!\d)", 0),
    ("part_m", r"\b" + _PART + r"(?P<m1>{M})(?!\s*\d{{1,2}}\b){Y}", re.I),
    ("part_year", r"\b" + _PART + r"(?:(?P<year>{YEAR})\b|(?P<rel>this|last|next|the)\s+year\b)", re.I),
    ("months_of", r"\b(?:the\s+)?(?:first|past)\s+(?P<n>\d{{1,2}}|two|three|four|five|six|seven|eight|nine|ten|eleven"
                  r"|twelve)\s+months\s+of\s+(?:(?P<rel>this|last|the\s+previous|the\s+current)\s+year|(?P<year>{YEAR}))", re.I),
    ("m_m", r"\b(?:[Ff]rom\s+|between\s+)?(?P<m1>{M}){DASH}(?P<m2>{M})(?!\s*\d{{1,2}}\b){Y}"
            r"(?:\s+(?:of\s+)?" + _REL + r"\s+year\b)?", 0),
    ("quarter", r"\b(?:the\s+)?(?P<q>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+quarter"
                r"(?:\s+(?:of\s+)?(?:" + _REL + r"\s+year|(?:the\s+year\s+)?(?P<year>{YEAR})\b))?", re.I),
    ("q", r"(?<![\w-])Q(?P<q>[1-4])(?:\s+(?:of\s+)?(?P<year>{YEAR}))?\b", 0),
    ("h", r"(?<![\w-])H(?P<h>[12])(?:\s+(?:of\s+)?(?P<year>{YEAR}))?\b", 0),
    ("half", r"\b(?:the\s+)?(?P<h>first|second|last|1st|2nd)\s+half"
             r"(?:\s+(?:of\s+)?(?:(?P<rel>this|last|the\s+current|the\s+previous|the)\s+year|(?:the\s+year\s+)?(?P<year>{YEAR})\b))?",
     re.I),
    ("month_rel", r"\b(?P<m1>{M})\s+(?:of\s+)?" + _REL + r"\s+year\b", re.I),
    ("month", r"\b(?P<m1>{M})(?!\s*[-–—]?\s*\d{{1,2}}\b)(?:,?\s+(?:of\s+)?(?P<year>{YEAR})\b)?", 0),
    ("decade", r"\b(?:the\s+)?(?P<decade>(?:19|20)\d)0'?s\b", re.I),
    ("year_range", r"(?<![$€£\d.,])\b(?P<y1>{YEAR})(?:\s*[-–—]\s*|\s+(?:to|through|until)\s+)(?P<y2>{YEAR}|\d{{2}})\b"
                   r"(?![-–.,]?\d|\s*(?:billion|million|tonnes|%))", re.I),
    ("year", r"(?<![$€£\d.,])\b(?:(?:the\s+)?year\s+)?(?P<year>{YEAR})\b(?![-–.,]?\d|\s*(?:billion|million|tonnes|%))"
             r"(?:\s+year\b)?", re.I),
    ("rel_year", r"\b(?P<rel>last|this|next|(?:the\s+)?(?:past|previous|current|coming))\s+year\b", re.I),
    ("rel_day", r"\b(?P<rel>today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|tomorrow"
                r"|(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow)|(?:a|one)\s+day\s+(?:earlier|before)"
                r"|the\s+day\s+before|the\s+previous\s+day|the\s+next\s+day|the\s+following\s+day)\b", re.I),
    ("rel_span", r"\b(?P<rel>last|past|previous|this|current|next|coming)\s+(?P<unit>week|month)\b", re.I),
    ("ago", r"\b(?P<n>\d+|one|a|an|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>day|week)s?\s+ago\b", re.I),
    ("weekday", r"\b(?:(?P<rel>last|past|previous|this\s+coming|this|next|coming|on)\s+)?(?P<wd>{WD})", 0),
]


def _compile(prose: bool) -> list[tuple[str, re.Pattern]]:
    words = {"M": PROSE_MONTH_RE if prose else MONTH_RE, "WD": _PROSE_WEEKDAY if prose else WEEKDAY_RE,
             "D": DAY_RE, "YEAR": YEAR_RE, "DASH": r"(?:\s*[-–—]\s*|\s+(?:to|and|through|till|until)\s+)"}
    words["Y"] = r"(?:,?\s+(?P<year>" + YEAR_RE + r")\b)?"
    return [(kind, re.compile(source.format(**words), flags | (0 if prose else re.I))) for kind, source, flags in FORMS]


# A part of a year in prose is a deadline or a season ("by the end of 2023" sets a target for 2023): too
# long for an event, and no reporting period. Prose reads its year; a DATE span says what it spans.
_SPAN_ONLY = {"part_year"}
_PROSE = [(kind, pattern) for kind, pattern in _compile(prose=True) if kind not in _SPAN_ONLY]
_SPAN = _compile(prose=False)
# What each form cannot match without (a substring, "|" for either, DIGIT or MONTH): a cheap
# test first spares most sentences most of the scans (patterns opening with \b get no fast skip in ``re``).
_NEEDS: dict[str, tuple[str, ...]] = {
    "m_d_m_d": ("DIGIT", "MONTH"), "d_m_d_m": ("DIGIT", "MONTH"), "m_dd": ("DIGIT", "MONTH"),
    "dd_m": ("DIGIT", "MONTH"), "m_d": ("DIGIT", "MONTH"), "d_m": ("DIGIT", "MONTH"), "numeric": ("DIGIT",),
    "iso": ("DIGIT",), "part_m": ("MONTH",), "part_year": ("DIGIT|year",), "months_of": ("months",),
    "m_m": ("MONTH",), "quarter": ("quarter",), "q": ("DIGIT",), "h": ("DIGIT",), "half": ("half",),
    "month_rel": ("MONTH", "year"), "month": ("MONTH",), "decade": ("DIGIT",), "year_range": ("DIGIT",),
    "year": ("DIGIT",), "rel_year": ("year",), "rel_day": ("day|tonight|morning|afternoon|evening|tomorrow",),
    "rel_span": ("week|month",), "ago": ("ago",), "weekday": ("day",),
}
_HAS = {"DIGIT": re.compile(r"\d"), "MONTH": re.compile(MONTH_RE)}  # capitals: folded text has none
# A bare month in prose dates something only after one of these.
_BEFORE_BARE_MONTH = re.compile(r"\b(?:in|since|until|by|for|of|from|during|early|late|mid|end)\s*$")
_FILLER = re.compile(
    r"^(?:(?:on|in|at|of|by|from|since|until|till|during|for|around|about|before|after|as of|"
    r"the|this past|(?:the\s+)?(?:morning|evening|afternoon|night)\s+of)\s+)+",
    re.I,
)


@dataclass
class DateMention:
    """A date expression in the text and the form that found it (``groups``: its named parts)."""

    start: int
    end: int
    text: str
    kind: str
    groups: dict[str, str | None]
    fixed: Range | None = None  # already resolved (from a DATE span's value, or "a day earlier")


def _has(text: str, folded: str, need: str, memo: dict[str, bool]) -> bool:
    if need not in memo:
        memo[need] = any(_HAS[part].search(text) is not None if part in _HAS else part in folded
                         for part in need.split("|"))
    return memo[need]


def find(text: str, offset: int = 0, *, prose: bool = True, kinds: tuple[str, ...] | None = None) -> list[DateMention]:
    """The date expressions in ``text``, in text order; where two overlap the longer wins.

    ``prose=False`` reads names in any case and bare months anywhere (a header line, a
    span); ``kinds`` keeps only those forms; offsets are shifted by ``offset``.
    """
    found: list[DateMention] = []
    folded = text.casefold()
    memo: dict[str, bool] = {}
    for kind, pattern in _PROSE if prose else _SPAN:
        if (kinds is not None and kind not in kinds) or not all(_has(text, folded, n, memo) for n in _NEEDS[kind]):
            continue
        for m in pattern.finditer(text):
            if prose and kind == "month" and not m["year"]:
                if not _BEFORE_BARE_MONTH.search(text[max(0, m.start() - 12):m.start()].casefold()):
                    continue
            found.append(DateMention(m.start() + offset, m.end() + offset, m.group(), kind, m.groupdict()))
    found.sort(key=lambda d: (-(d.end - d.start), d.start))
    kept: list[DateMention] = []
    for mention in found:
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda d: d.start)


def bare_expression(text: str) -> str:
    """A span's text without the words around a date: "on the evening of February 5th." -> "February 5th"."""
    clean = re.sub(r"\s+", " ", text).strip().strip(".,;:()[]\"'“”‘’")
    return _FILLER.sub("", clean).strip()


def parse(text: str) -> DateMention | None:
    """The one date expression that is the whole of ``text`` (a DATE span), read in any case; else None."""
    clean = bare_expression(text)
    mentions = find(clean, prose=False) if clean else []
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(clean):
        return mentions[0]
    return None


def month_number(name: str) -> int:
    """1..12 for a month name or its abbreviation ("Sept.", "december")."""
    return MONTHS[name.lower().rstrip(".")]


def weekday_number(name: str) -> int:
    """0 (Monday)..6 for a weekday name or abbreviation."""
    return WEEKDAYS[name.lower().rstrip(".")]


def day_parts(g: dict[str, str | None]) -> tuple[int | None, int, int, int | None]:
    """``(year or None, month, day, weekday or None)`` from the groups of a one-day form (m_d, d_m, numeric, iso)."""
    day, month = day_number(g["d1"]), g["m1"]
    if month.isdigit():
        month = int(month)
        if month > 12 >= day:  # 12/20/2019
            day, month = month, day
    else:
        month = month_number(month)
    return int(g["year"]) if g.get("year") else None, month, day, weekday_number(g["wd"]) if g.get("wd") else None


def day_number(text: str) -> int:
    """The day of the month a day as written ("3rd", "03") names."""
    return int(re.match(r"\d+", text).group())


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _words(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _rel_year(rel: str | None, pub: _dt.date) -> int:
    rel = _words(rel).removeprefix("the ")
    return pub.year + {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)


def _distance(found: tuple[_dt.date, _dt.date], pub: _dt.date) -> int:
    start, end = found
    if start <= pub <= end:
        return 0
    return FUTURE_WEIGHT * (start - pub).days if start > pub else (pub - end).days


def _pick_year(make: Callable[[int], tuple[_dt.date, _dt.date] | None], pub: _dt.date, direction: str | None):
    """The range ``make(year)`` gives for the year around publication that fits the tense (see the module)."""
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            found = make(year)
        except ValueError:  # 29 February
            continue
        if found is not None:
            candidates.append(found)
    if not candidates:
        return None
    if direction == "past":
        done = [c for c in candidates if c[1] <= pub] or [c for c in candidates if c[0] <= pub]
        if done:
            return max(done)
    elif direction == "future":
        ahead = [c for c in candidates if c[1] >= pub]
        if ahead:
            return min(ahead)
    return min(candidates, key=lambda c: _distance(c, pub))  # ties: the earlier year


def _with_year(make, year: int | None, pub: _dt.date | None, direction: str | None, precision: str) -> Range | None:
    if year:
        found = make(year)
    elif pub is None:
        return None
    else:
        found = _pick_year(make, pub, direction)
    return (found[0], found[1], precision) if found else None


def _part(words: str) -> tuple[tuple[int, int | None], tuple[int, int]]:
    """The days of a month and the months of a year that "early", "mid" or "late" (and synonyms) mean."""
    words = words.casefold()
    if "late" in words or "end" in words or "close" in words:
        return (21, None), (9, 12)
    if "mid" in words:
        return (11, 20), (5, 8)
    return (1, 10), (1, 4)


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_NUMBERS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_DAY_SHIFTS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "yesterday": -1,
               "tomorrow": 1, "day before yesterday": -2, "day after tomorrow": 2}


def resolve(mention: DateMention, published: _dt.date | None, direction: str | None = None) -> Range | None:
    """The calendar range of a mention: ``(start, end, precision)``, or None when it cannot be known.

    ``precision`` is day, month, quarter, year or range; ``direction`` ("past",
    "future" or None) is the tense that picks the year of a date written without one
    and the day meant by "on Monday" (see the module's conventions).
    """
    if mention.fixed:
        return mention.fixed
    try:
        return _resolve(mention.kind, mention.groups, published, direction)
    except (ValueError, KeyError):  # 31 February, a thirteenth month
        return None


def _resolve(kind: str, g: dict, pub: _dt.date | None, direction: str | None) -> Range | None:
    year = int(g["year"]) if g.get("year") else None
    if kind in ("m_d", "d_m", "numeric", "iso"):
        _, month, day, weekday = day_parts(g)
        if year:
            return _dt.date(year, month, day), _dt.date(year, month, day), "day"

        def make(y, check=weekday is not None):
            found = _dt.date(y, month, day)
            return None if check and found.weekday() != weekday else (found, found)
        # A weekday no nearby year fits is a slip: the day and month still stand.
        return (_with_year(make, None, pub, direction, "day")
                or _with_year(lambda y: make(y, False), None, pub, direction, "day"))
    if kind in ("m_dd", "dd_m", "m_d_m_d", "d_m_d_m"):
        m1, d1, d2 = month_number(g["m1"]), day_number(g["d1"]), day_number(g["d2"])
        m2 = month_number(g["m2"]) if g.get("m2") else m1
        if m1 == m2 and d2 <= d1:
            return None
        # The year written after a range that wraps is its end's: December 30 - January 2, 2022.
        return _with_year(lambda y: (_dt.date(y - (m2 < m1), m1, d1), _dt.date(y, m2, d2)), year, pub, direction, "range")
    if kind in ("part_m", "part_year"):
        days, months = _part(g["part"])
        if kind == "part_year":
            if not year and pub is None:
                return None
            y = year or _rel_year(g["rel"], pub)
            return _dt.date(y, months[0], 1), _month_end(y, months[1]), "range"
        m = month_number(g["m1"])
        make = lambda y: (_dt.date(y, m, days[0]), _dt.date(y, m, days[1]) if days[1] else _month_end(y, m))  # noqa: E731
        return _with_year(make, year, pub, direction, "range")
    if kind == "m_m":
        m1, m2 = month_number(g["m1"]), month_number(g["m2"])
        if not year and g.get("rel") and pub is not None:
            year = _rel_year(g["rel"], pub)
        return _with_year(lambda y: (_dt.date(y - (m2 < m1), m1, 1), _month_end(y, m2)), year, pub, direction, "range")
    if kind in ("month", "month_rel"):
        m = month_number(g["m1"])
        if kind == "month_rel":
            if pub is None:
                return None
            year = _rel_year(g["rel"], pub)
        return _with_year(lambda y: (_dt.date(y, m, 1), _month_end(y, m)), year, pub, direction, "month")
    if kind in ("quarter", "q", "half", "h", "months_of"):
        return _period(kind, g, year, pub, direction)
    if kind == "decade":
        decade = int(g["decade"]) * 10
        return _dt.date(decade, 1, 1), _dt.date(decade + 9, 12, 31), "range"
    if kind == "year_range":
        first, last = int(g["y1"]), g["y2"]
        short = int(last)
        last = short if len(last) == 4 else first // 100 * 100 + short
        if last > first:
            return _dt.date(first, 1, 1), _dt.date(last, 12, 31), "range"
        if len(g["y2"]) == 2 and 1 <= short <= 12:  # no later year: a year and month, "2020-02"
            return _dt.date(first, short, 1), _month_end(first, short), "month"
        return None
    if kind == "year":
        return _dt.date(year, 1, 1), _dt.date(year, 12, 31), "year"
    if pub is None:
        return None
    return _relative(kind, g, pub, direction)


def _period(kind: str, g: dict, year: int | None, pub: _dt.date | None, direction: str | None) -> Range | None:
    """Quarters, halves and "the first N months" of a year."""
    if not year and pub is None:
        return None
    if kind == "months_of":
        n = g["n"].casefold()
        months = int(n) if n.isdigit() else _NUMBERS[n]
        if not 1 <= months <= 12:
            return None
        y = year or _rel_year(g.get("rel"), pub)
        return _dt.date(y, 1, 1), _month_end(y, months), "range"
    ordinal = g.get("q") or g["h"]
    if kind in ("quarter", "q"):
        size, precision = 3, "quarter"
        if ordinal.casefold() == "last" and not year and not g.get("rel"):
            index = (pub.month - 1) // 3  # the quarter before publication's
            y, index = (pub.year, index) if index else (pub.year - 1, 4)
            return _dt.date(y, 3 * index - 2, 1), _month_end(y, 3 * index), precision
    else:
        size, precision = 6, "range"
    index = int(ordinal) if ordinal.isdigit() else {"last": 12 // size}.get(ordinal.casefold()) or _ORDINALS[ordinal.casefold()]
    first, final = size * index - size + 1, size * index
    make = lambda y: (_dt.date(y, first, 1), _month_end(y, final))  # noqa: E731
    if not year and g.get("rel"):
        year = _rel_year(g["rel"], pub)
    return _with_year(make, year, pub, direction, precision)


def _relative(kind: str, g: dict, pub: _dt.date, direction: str | None) -> Range | None:
    """Forms that count from the publication date: "last year", "yesterday", "next week", "on Monday"."""
    rel = _words(g.get("rel"))
    if kind == "rel_year":
        y = _rel_year(rel, pub)
        return _dt.date(y, 1, 1), _dt.date(y, 12, 31), "year"
    if kind == "rel_day":
        shift = _DAY_SHIFTS.get(rel.removeprefix("the "))
        if shift is None:  # "a day earlier": from a day only the caller knows
            return None
        day = pub + _dt.timedelta(days=shift)
        return day, day, "day"
    if kind == "rel_span":
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        if g["unit"].casefold() == "week":
            monday = pub - _dt.timedelta(days=pub.weekday()) + _dt.timedelta(weeks=step)
            return monday, monday + _dt.timedelta(days=6), "range"
        year, month = divmod(pub.year * 12 + pub.month - 1 + step, 12)
        return _dt.date(year, month + 1, 1), _month_end(year, month + 1), "month"
    if kind == "ago":
        count = _NUMBERS.get(g["n"].casefold()) or int(g["n"])
        weeks = g["unit"].casefold() == "week"
        day = pub - _dt.timedelta(days=count * (7 if weeks else 1))
        return day, day, "range" if weeks else "day"
    if kind == "weekday":
        ahead = (weekday_number(g["wd"]) - pub.weekday()) % 7
        if rel in ("last", "past", "previous"):
            delta = ahead - 7 if ahead else -7
        elif rel in ("next", "coming", "this coming"):
            delta = ahead or 7
        elif direction == "future":
            delta = ahead  # "will visit on Wednesday" in Wednesday's news is that day
        elif direction == "past":
            delta = ahead - 7 if ahead else 0
        else:
            delta = ahead if FUTURE_WEIGHT * ahead < 7 - ahead else ahead - 7
        day = pub + _dt.timedelta(days=delta)
        return day, day, "day"
    return None
