"""Date expressions in sentences, resolved against the publication date and the tense."""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from desktop.normalise import iso_day, parse_date_range


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_M = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
      r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_D = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_DASH = r"(?:\s*[-–—]\s*|\s+(?:to|and|through|till|until)\s+)"
_Y = r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12,
}

_DATE_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("m_d_m_d", re.compile(rf"\b(?P<m1>{_M})\s+(?P<d1>{_D}){_DASH}(?P<m2>{_M})\s+(?P<d2>{_D})\b{_Y}")),
    ("d_m_d_m", re.compile(rf"\b(?P<d1>{_D})\s+(?P<m1>{_M}){_DASH}(?P<d2>{_D})\s+(?P<m2>{_M}){_Y}")),
    ("m_dd", re.compile(rf"\b(?P<m1>{_M})\s+(?P<d1>{_D}){_DASH}(?P<d2>{_D})\b{_Y}")),
    ("dd_m", re.compile(rf"\b(?P<d1>{_D}){_DASH}(?P<d2>{_D})\s+(?:of\s+)?(?P<m1>{_M}){_Y}")),
    ("m_d", re.compile(rf"\b(?P<m1>{_M})\s+(?P<d1>{_D})\b(?![:.]\d|\s*%|\s+(?:per|billion|million)){_Y}")),
    ("d_m", re.compile(rf"\b(?P<d1>{_D})\s+(?:of\s+)?(?P<m1>{_M})(?!\w){_Y}")),
    ("numeric", re.compile(r"\b(?P<d1>[0-3]?\d)\.(?P<m1>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)\b")),
    ("part_m", re.compile(
        rf"\b(?P<part>early|mid|middle of|late|the end of|end of|the beginning of|beginning of|the start of"
        rf"|start of)[\s-]+(?P<m1>{_M})(?!\s*\d){_Y}", re.IGNORECASE)),
    ("months_of", re.compile(
        r"\b(?:the\s+)?(?:first|past)\s+(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
        r"\s+months\s+of\s+(?:(?P<rel>this|last|the\s+previous|the\s+current)\s+year|(?P<year>(?:19|20)\d\d))",
        re.IGNORECASE)),
    ("m_m", re.compile(rf"\b(?:[Ff]rom\s+)?(?P<m1>{_M}){_DASH}(?P<m2>{_M})(?!\s*\d{{1,2}}\b){_Y}"
                      r"(?:\s+(?:of\s+)?(?P<rel>this|last|the\s+current|the\s+previous)\s+year\b)?")),
    ("quarter", re.compile(
        r"\b(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(?:(?P<rel>this|last|the"
        r"\s+current|the\s+previous)\s+year|(?P<year>(?:19|20)\d\d)))?", re.IGNORECASE)),
    ("q", re.compile(r"\bQ(?P<q>[1-4])\s+(?P<year>(?:19|20)\d\d)\b")),
    ("half", re.compile(
        r"\b(?:the\s+)?(?P<h>first|second)\s+half\s+of\s+(?:(?P<rel>this|last|the\s+current|the\s+previous|the)"
        r"\s+year|(?P<year>(?:19|20)\d\d))", re.IGNORECASE)),
    ("month_rel", re.compile(
        rf"\b(?P<m1>{_M})\s+(?:of\s+)?(?P<rel>this|last|next|the\s+current|the\s+previous)\s+year\b", re.IGNORECASE)),
    ("month", re.compile(rf"\b(?P<m1>{_M})(?!\s*[-–—]?\s*\d{{1,2}}\b)(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b)?")),
    ("year_range", re.compile(r"\b(?P<y1>(?:19|20)\d\d)\s*[-–—]\s*(?P<y2>(?:19|20)\d\d)\b")),
    ("year", re.compile(r"(?<![$€£\d.,])\b(?P<year>(?:19|20)\d\d)\b(?![-–.,]?\d|\s*(?:billion|million|tonnes|%))")),
    ("rel_year", re.compile(r"\b(?P<rel>last|this|next|the\s+past|the\s+previous|the\s+current|the\s+coming)\s+year\b",
                            re.IGNORECASE)),
    ("rel_day", re.compile(
        r"\b(?P<rel>today|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
        r"|(?:a|one)\s+day\s+(?:earlier|before)|the\s+day\s+before|the\s+previous\s+day|the\s+next\s+day"
        r"|the\s+following\s+day)\b", re.IGNORECASE)),
    ("rel_span", re.compile(r"\b(?P<rel>last|this|next)\s+(?P<unit>week|month)\b", re.IGNORECASE)),
    ("weekday", re.compile(
        r"\b(?:(?P<rel>last|this|next|on|coming)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
]


# Days counted from the day last named in the text ("a day earlier"), with their offset.
_ANAPHORIC_DAYS = {"a day earlier": -1, "one day earlier": -1, "a day before": -1, "one day before": -1,
                   "the day before": -1, "the previous day": -1, "the next day": 1, "the following day": 1}
_DATE_WORDS = re.compile(rf"^\s*(?:the\s+)?{_M}\s*$")


@dataclass
class DateMention:
    """A date expression in the text and the pattern that found it."""

    start: int
    end: int
    text: str
    kind: str
    groups: dict[str, str | None]
    fixed: tuple[_dt.date, _dt.date, str] | None = None  # already resolved (from a DATE span value)


# What each pattern cannot match without: a cheap test first spares most sentences most of the
# twenty scans (patterns that open with \b get no fast first-character skip in ``re``).
_HAS_DIGIT = re.compile(r"\d")
_HAS_MONTH = re.compile(_M, re.IGNORECASE)  # a superset of every pattern's month, whatever its flags
_NEEDS: dict[str, tuple[str, ...]] = {
    "m_d_m_d": ("digit", "month"), "d_m_d_m": ("digit", "month"), "m_dd": ("digit", "month"),
    "dd_m": ("digit", "month"), "m_d": ("digit", "month"), "d_m": ("digit", "month"), "numeric": ("digit",),
    "iso": ("digit",), "part_m": ("month",), "months_of": ("months",), "m_m": ("month",), "quarter": ("quarter",),
    "q": ("digit",), "half": ("half",), "month_rel": ("month", "year"), "month": ("month",),
    "year_range": ("digit",), "year": ("digit",), "rel_year": ("year",),
}


def _has(text: str, folded: str, need: str, memo: dict[str, bool]) -> bool:
    if need not in memo:
        if need == "digit":
            memo[need] = _HAS_DIGIT.search(text) is not None
        elif need == "month":
            memo[need] = _HAS_MONTH.search(text) is not None
        else:
            memo[need] = need in folded
    return memo[need]


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Date expressions in ``text`` (longest first wins where they overlap), in text order."""
    found: list[DateMention] = []
    folded = text.casefold()
    memo: dict[str, bool] = {}
    for kind, pattern in _DATE_PATTERNS:
        if not all(_has(text, folded, need, memo) for need in _NEEDS.get(kind, ())):
            continue
        for m in pattern.finditer(text):
            if kind == "month" and not m.group("year"):
                # A bare month is a date only after a preposition: "December marked the anniversary"
                # names a month, it does not date an event (and "may"/"march" are also words).
                before = text[max(0, m.start() - 12):m.start()].casefold()
                if not re.search(r"\b(?:in|since|until|by|for|of|from|during|early|late|mid|end)\s*$", before):
                    continue
            found.append(DateMention(m.start() + offset, m.end() + offset, m.group(), kind, m.groupdict()))
    found.sort(key=lambda d: (-(d.end - d.start), d.start))
    kept: list[DateMention] = []
    for mention in found:
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda d: d.start)


def _month(name: str | None) -> int:
    return _MONTHS[(name or "")[:3].casefold()]


def _day_num(text: str | None) -> int:
    return int(re.match(r"\d+", text or "0").group())


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _rel_year(rel: str | None, pub: _dt.date) -> int:
    rel = " ".join((rel or "this").casefold().split())
    if rel in ("last", "the past", "the previous"):
        return pub.year - 1
    if rel in ("next", "the coming"):
        return pub.year + 1
    return pub.year


def _pick_year(make, pub: _dt.date, direction: str | None) -> tuple[_dt.date, _dt.date] | None:
    """Choose the year for a date written without one, by the sentence's tense."""
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(make(year))
        except ValueError:
            continue
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
    return min(candidates, key=lambda c: (abs((c[0] - pub).days) + abs((c[1] - pub).days), -c[0].year))


def resolve_date(
    mention: DateMention, published: _dt.date | None, direction: str | None = None
) -> tuple[_dt.date, _dt.date, str] | None:
    """The calendar range of a date mention: ``(start, end, precision)`` or None.

    ``direction`` ("past", "future" or None) picks the year of dates written
    without one, and the weekday meant by "on Monday".
    """
    if mention.fixed:
        return mention.fixed
    g, kind = mention.groups, mention.kind
    year = int(g["year"]) if g.get("year") else None
    try:
        if kind in ("numeric", "iso"):
            day = _dt.date(year, int(g["m1"]), int(g["d1"]))
            return day, day, "day"
        if kind in ("m_d", "d_m"):
            make = lambda y: (_dt.date(y, _month(g["m1"]), _day_num(g["d1"])),) * 2  # noqa: E731
            return _with_year(make, year, published, direction, "day")
        if kind in ("m_dd", "dd_m"):
            m = _month(g["m1"])
            d1, d2 = _day_num(g["d1"]), _day_num(g["d2"])
            if d2 <= d1:
                return None
            make = lambda y: (_dt.date(y, m, d1), _dt.date(y, m, d2))  # noqa: E731
            return _with_year(make, year, published, direction, "range")
        if kind in ("m_d_m_d", "d_m_d_m"):
            m1, m2 = _month(g["m1"]), _month(g["m2"])
            d1, d2 = _day_num(g["d1"]), _day_num(g["d2"])
            make = lambda y: (_dt.date(y - (m2 < m1), m1, d1), _dt.date(y, m2, d2))  # noqa: E731
            return _with_year(make, year, published, direction, "range")
        if kind == "part_m":
            m = _month(g["m1"])
            part = g["part"].casefold()
            if "late" in part or "end" in part:
                days = (21, None)
            elif "mid" in part:
                days = (11, 20)
            else:
                days = (1, 10)
            make = lambda y: (_dt.date(y, m, days[0]),  # noqa: E731
                              _dt.date(y, m, days[1]) if days[1] else _month_end(y, m))
            return _with_year(make, year, published, direction, "range")
        if kind == "m_m":
            m1, m2 = _month(g["m1"]), _month(g["m2"])
            if m2 <= m1:
                return None
            make = lambda y: (_dt.date(y, m1, 1), _month_end(y, m2))  # noqa: E731
            if not year and g.get("rel") and published is not None:
                year = _rel_year(g["rel"], published)
            return _with_year(make, year, published, direction, "range")
        if kind == "month_rel":
            if published is None:
                return None
            y, m = _rel_year(g["rel"], published), _month(g["m1"])
            return _dt.date(y, m, 1), _month_end(y, m), "month"
        if kind == "month":
            m = _month(g["m1"])
            make = lambda y: (_dt.date(y, m, 1), _month_end(y, m))  # noqa: E731
            return _with_year(make, year, published, direction, "month")
        if kind == "months_of":
            n = g["n"]
            months = int(n) if n.isdigit() else _NUMBER_WORDS[n.casefold()]
            if not 1 <= months <= 12 or (published is None and not year):
                return None
            y = year or _rel_year(g.get("rel"), published)
            return _dt.date(y, 1, 1), _month_end(y, months), "range"
        if kind in ("quarter", "q"):
            q = int(g["q"]) if g["q"].isdigit() else _ORDINALS[g["q"].casefold()]
            if not year and published is None:
                return None
            if year or g.get("rel"):
                y = year or _rel_year(g.get("rel"), published)
                return _dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
            make = lambda y: (_dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q))  # noqa: E731
            return _with_year(make, None, published, direction or "past", "quarter")
        if kind == "half":
            h = 1 if g["h"].casefold() == "first" else 2
            if not year and published is None:
                return None
            y = year or _rel_year(g.get("rel"), published)
            return _dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "range"
        if kind == "year_range":
            y1, y2 = int(g["y1"]), int(g["y2"])
            if y2 <= y1:
                return None
            return _dt.date(y1, 1, 1), _dt.date(y2, 12, 31), "range"
        if kind == "year":
            return _dt.date(year, 1, 1), _dt.date(year, 12, 31), "year"
        if published is None:
            return None
        if kind == "rel_year":
            y = _rel_year(g["rel"], published)
            return _dt.date(y, 1, 1), _dt.date(y, 12, 31), "year"
        if kind == "rel_day":
            rel = " ".join(g["rel"].casefold().split())
            shift = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                     "the day after tomorrow": 2, "the next day": 1, "the following day": 1}.get(rel, -1)
            day = published + _dt.timedelta(days=shift)
            return day, day, "day"
        if kind == "rel_span":
            rel, unit = g["rel"].casefold(), g["unit"].casefold()
            step = {"last": -1, "this": 0, "next": 1}[rel]
            if unit == "week":
                monday = published - _dt.timedelta(days=published.weekday()) + _dt.timedelta(weeks=step)
                return monday, monday + _dt.timedelta(days=6), "range"
            y, m = published.year, published.month + step
            if m < 1:
                y, m = y - 1, 12
            elif m > 12:
                y, m = y + 1, 1
            return _dt.date(y, m, 1), _month_end(y, m), "month"
        if kind == "weekday":
            target = _WEEKDAYS.index(g["wd"].casefold())
            rel = (g.get("rel") or "").casefold()
            if rel == "next" or rel == "coming" or (direction == "future" and rel != "last"):
                ahead = (target - published.weekday()) % 7
                # "will visit on Wednesday" in Wednesday's news is that day; "next Wednesday" a week on.
                day = published + _dt.timedelta(days=ahead or (7 if rel in ("next", "coming") else 0))
            else:
                back = (published.weekday() - target) % 7
                day = published - _dt.timedelta(days=back)
            return day, day, "day"
    except (ValueError, KeyError):
        return None
    return None


def _with_year(make, year, published, direction, precision):
    if year:
        start, end = make(year)
        return start, end, precision
    if published is None:
        return None
    picked = _pick_year(make, published, direction)
    return (picked[0], picked[1], precision) if picked else None


def _span_date(span: dict[str, Any], published: str | None) -> tuple[_dt.date, _dt.date, str] | None:
    """A DATE span's resolved range: normalise's parse first, the stored value second."""
    try:
        parsed = parse_date_range(span["text"], published)
    except Exception:  # noqa: BLE001 - a bad date string must not stop extraction
        parsed = None
    if parsed:
        return parsed[0], parsed[1], parsed[2]
    value = span.get("value") or ""
    parts = value.split("/")
    start, end = iso_day(parts[0]), iso_day(parts[-1])
    if start and end:
        return start, end, "day" if start == end else "range"
    return None
_CLOCK = re.compile(r",?\s*\d{1,2}:\d{2}\b")
