"""Calendar periods (month, quarter, year) and the statuses a plot may show."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass

PERIODS = ("month", "quarter", "year")
STATUSES = ("confirmed", "proposed", "rejected")
DEFAULT_STATUSES = ("confirmed", "proposed")


class AggregateError(ValueError):
    """A plot option the aggregation does not know."""


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month, quarter or year: ``key`` is "2021-12", "2021-Q4" or "2021"."""

    start: _dt.date
    end: _dt.date
    key: str


def period_of(day: _dt.date, by: str) -> Period:
    """The month, quarter or year containing ``day``.

    >>> period_of(_dt.date(2021, 12, 29), "quarter").key
    '2021-Q4'
    """
    if by == "month":
        start = day.replace(day=1)
        key = f"{day.year}-{day.month:02d}"
        months = 1
    elif by == "quarter":
        quarter = (day.month - 1) // 3
        start = _dt.date(day.year, quarter * 3 + 1, 1)
        key = f"{day.year}-Q{quarter + 1}"
        months = 3
    elif by == "year":
        start = _dt.date(day.year, 1, 1)
        key = str(day.year)
        months = 12
    else:
        raise AggregateError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    month = start.month - 1 + months
    following = _dt.date(start.year + month // 12, month % 12 + 1, 1)
    return Period(start, following - _dt.timedelta(days=1), key)


def next_period(period: Period, by: str) -> Period:
    """The period right after ``period``."""
    return period_of(period.end + _dt.timedelta(days=1), by)


def check_statuses(statuses: Iterable[str]) -> tuple[str, ...]:
    statuses = tuple(dict.fromkeys(statuses))
    unknown = [s for s in statuses if s not in STATUSES]
    if unknown or not statuses:
        raise AggregateError(f"status must be among {', '.join(STATUSES)}, not {', '.join(unknown) or 'nothing'}")
    return statuses

