"""What a date expression means on the calendar: its range against the publication date, and the tense.

>>> from desktop.dates import parse
>>> resolve(parse("on December 28-29"), _dt.date(2021, 12, 24))
(datetime.date(2021, 12, 28), datetime.date(2021, 12, 29), 'range')
>>> resolve(parse("Monday"), _dt.date(2024, 1, 31))[0], resolve(parse("Monday"), _dt.date(2024, 1, 31), "future")[0]
(datetime.date(2024, 1, 29), datetime.date(2024, 2, 5))

The other half of the one date grammar: :mod:`desktop.dates` finds a form, this
module gives each form's meaning (by the form's name). The conventions (the analyst
can correct any value):

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
from typing import Callable

from desktop.dates import DateMention, Range, day_number, day_parts, month_number, weekday_number

# Days counted from the day last named ("a day earlier"): the caller fixes them, or they stay open.
ANAPHORIC_DAYS = {"a day earlier": -1, "one day earlier": -1, "a day before": -1, "one day before": -1,
                  "the day before": -1, "the previous day": -1, "the next day": 1, "the following day": 1,
                  # The day last named itself: "Later in the day, Tokayev also called him."
                  "later in the day": 0, "earlier in the day": 0, "later that day": 0, "earlier that day": 0,
                  "the same day": 0, "that same day": 0}
FUTURE_WEIGHT = 2  # a date without a year (or a weekday) this many days ahead is as far as one day behind


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
        make = lambda y: (_dt.date(y - (m2 < m1), m1, d1), _dt.date(y, m2, d2))  # noqa: E731
        return _with_year(make, year, pub, direction, "range")
    if kind in ("part_m", "part_year"):
        days, months = _part(g["part"])
        if kind == "part_year":
            if not year and pub is None:
                return None
            y = year or _rel_year(g["rel"], pub)
            return _dt.date(y, months[0], 1), _month_end(y, months[1]), "range"
        m = month_number(g["m1"])
        make = lambda y: (_dt.date(y, m, days[0]),  # noqa: E731
                          _dt.date(y, m, days[1]) if days[1] else _month_end(y, m))
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
    if kind == "rel_month":
        if pub is None:
            return None
        m, near = month_number(g["m1"]), " ".join(g["near"].casefold().split())
        if near in ("last", "past", "this past"):
            year = pub.year if m < pub.month else pub.year - 1
        elif near in ("next", "coming", "this coming"):
            year = pub.year if m > pub.month else pub.year + 1
        else:
            year = pub.year
        return _dt.date(year, m, 1), _month_end(year, m), "month"
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
        rel = _words(g.get("rel"))
        if not (year or rel or g.get("first")):
            return None  # "nine months": a duration, no period
        if year:
            y = year
        elif rel in ("", "the"):
            # "the first nine months of the year": the latest such months that have ended by publication.
            y = pub.year if _month_end(pub.year, months) <= pub + _dt.timedelta(days=31) else pub.year - 1
        else:
            y = _rel_year(rel, pub)
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
    word = ordinal.casefold()
    index = int(word) if word.isdigit() else 12 // size if word == "last" else _ORDINALS[word]
    first, final = size * index - size + 1, size * index
    make = lambda y: (_dt.date(y, first, 1), _month_end(y, final))  # noqa: E731
    if not year and g.get("rel"):
        year = _rel_year(g["rel"], pub)
    return _with_year(make, year, pub, direction, precision)


def _relative(kind: str, g: dict, pub: _dt.date, direction: str | None) -> Range | None:
    """Forms that count from the publication date: "last year", "yesterday", "next week", "on Monday"."""
    rel = _words(g.get("rel"))
    if kind == "year_end":  # "by the end of the year": that year, whole (a past one read as the tense says)
        y = pub.year
        return _dt.date(y, 1, 1), _dt.date(y, 12, 31), "year"
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
