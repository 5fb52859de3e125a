"""Date expressions in sentences: fact extraction's side of the one date grammar (:mod:`desktop.dates`).

>>> [m.text for m in find_dates("The presidents met on December 28 and will meet again next month.")]
['December 28', 'next month']
>>> resolve_date(find_dates("They met on December 28.")[0], _dt.date(2022, 1, 5), "past")[0]
datetime.date(2021, 12, 28)

Sentences are prose (:func:`desktop.dates.find`); the tense a caller reads from
the sentence (``direction``) picks the year of a date written without one and the
day meant by "on Monday" (:func:`desktop.date_ranges.resolve`). A DATE span the grammar does not find in prose is
valued by :func:`desktop.normalise.parse_date_range`, the same grammar read as a span.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from desktop.date_ranges import ANAPHORIC_DAYS, resolve
from desktop.dates import MONTHS, PROSE_MONTH_RE, DateMention, Range, find
from desktop.normalise import iso_day, parse_date_range

__all__ = ["DateMention", "find_dates", "resolve_date"]

_MONTHS = {name: number for name, number in MONTHS.items() if len(name) == 3}  # "jan": 1 ... "dec": 12
_ANAPHORIC_DAYS = ANAPHORIC_DAYS
_DATE_WORDS = re.compile(rf"^\s*(?:the\s+)?{PROSE_MONTH_RE}\s*$")  # a bare month name: no date on its own
_CLOCK = re.compile(r",?\s*\d{1,2}:\d{2}\b")


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Date expressions in ``text`` (longest first wins where they overlap), in text order."""
    return find(text, offset)


def resolve_date(mention: DateMention, published: _dt.date | None, direction: str | None = None) -> Range | None:
    """The calendar range of a date mention: ``(start, end, precision)`` or None.

    ``direction`` ("past", "future" or None) picks the year of dates written
    without one, and the weekday meant by "on Monday".
    """
    return resolve(mention, published, direction)


def _span_date(span: dict[str, Any], published: str | None) -> Range | None:
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
