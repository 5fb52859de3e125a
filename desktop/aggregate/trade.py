"""The trade plot's model: one point per report of an amount, drawn over its period, a series per side.

A change stated without an amount ("fell by 2.3%") is no turnover and is not drawn (:attr:`TradeSeries.changes_only`
counts them); a percentage is never a currency, so a row still holding one in "%" is not drawn either. Whose
statistics a figure is comes from the profile (:mod:`desktop.aggregate.sources`).
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from desktop import store
from desktop.aggregate.base import _FactModel
from desktop.aggregate.periods import DEFAULT_STATUSES, check_statuses
from desktop.aggregate.sources import DocumentInfo, StatisticsRules, rules_for
from desktop.normalise import iso_day

TRADE_COLUMNS = ("fact_id", "file", "publisher", "statistics", "period_start", "period_end", "value", "currency",
                 "change_pct", "status", "qualifier", "evidence", "evidence_start", "evidence_end")
TRADE_KINDS = ("trade",)


@dataclass(frozen=True)
class TradePoint:
    """One trade report: a value over a period, bound to its evidence."""

    fact_id: int
    doc_id: int
    start: _dt.date
    end: _dt.date
    value: float
    currency: str
    status: str
    country: str
    publisher: str | None
    file: str
    title: str | None
    qualifier: str | None
    evidence: str | None
    evidence_start: int | None
    evidence_end: int | None
    change_pct: float | None = None  # the change stated with the amount, signed

    @property
    def verified(self) -> bool:
        return self.status == "confirmed"

    def as_row(self) -> dict[str, Any]:
        """The CSV row of this report (columns :data:`TRADE_COLUMNS`)."""
        return {
            "fact_id": self.fact_id,
            "file": self.file,
            "publisher": self.publisher or "",
            "statistics": self.country,
            "period_start": self.start.isoformat(),
            "period_end": self.end.isoformat(),
            "value": self.value,
            "currency": self.currency,
            "change_pct": self.change_pct,
            "status": self.status,
            "qualifier": self.qualifier or "",
            "evidence": self.evidence or "",
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
        }


class TradeSeries(_FactModel):
    """Trade reports as points over their periods, one series per statistics country.

    >>> series = TradeSeries([{"id": 1, "doc_id": 1, "kind": "trade", "status": "proposed",
    ...     "period_start": "2019-01-01", "period_end": "2019-12-31", "value": 3.5e10, "currency": "USD"}])
    >>> [(p.start.year, p.value) for p in series.points()]
    [(2019, 35000000000.0)]
    """

    kinds = TRADE_KINDS

    @property
    def countries(self) -> tuple[str, ...]:
        """The series drawn: each side of the profile's pair, then "unknown"."""
        return self.sources.countries

    def __init__(self, rows: Iterable[dict[str, Any]] = (), docs: Iterable[DocumentInfo] = (), *,
                 statuses: Sequence[str] = DEFAULT_STATUSES, sources: StatisticsRules | None = None):
        self.statuses = check_statuses(statuses)
        super().__init__(rows, docs, sources=sources)

    @classmethod
    def from_db(cls, db: sqlite_utils.Database, **options: Any) -> TradeSeries:
        """Load every trade fact and its article, with the project's profile's rules of whose statistics."""
        sources = options.pop("sources", None) or rules_for(db)
        rows = store.plot_facts(db, cls.kinds)
        return cls(rows, cls.documents_of(db, rows, sources), sources=sources, **options)

    def _rebuild(self) -> None:
        self._points: dict[int, TradePoint] = {}
        self.skipped: set[int] = set()  # facts without a usable period or value
        self.changes_only: set[int] = set()  # of those, changes stated without an amount: no turnover to draw
        for fact_id, row in self._rows.items():
            self._place(fact_id, row)

    def _place(self, fact_id: int, row: dict[str, Any]) -> TradePoint | None:
        point = self._point(row)
        if point is None:
            self.skipped.add(fact_id)
            if row.get("value") is None and row.get("change_pct") is not None:
                self.changes_only.add(fact_id)
        else:
            self._points[fact_id] = point
        return point

    def _point(self, row: dict[str, Any]) -> TradePoint | None:
        start, end = iso_day(row.get("period_start")), iso_day(row.get("period_end"))
        value = row.get("value")
        if start is None or not isinstance(value, (int, float)) or (row.get("currency") or "").strip() == "%":
            return None
        end = end if end is not None and end >= start else start
        doc = self._docs.get(row["doc_id"])
        status = row.get("status") or "proposed"
        return TradePoint(
            fact_id=row["id"], doc_id=row["doc_id"], start=start, end=end, value=float(value),
            currency=(row.get("currency") or "?").upper(), status=status,
            country=self.sources.statistics_country(row.get("evidence"), doc),
            publisher=doc.publisher if doc else None, file=doc.path if doc else "", title=doc.title if doc else None,
            qualifier=row.get("qualifier"), evidence=row.get("evidence"),
            evidence_start=row.get("start"), evidence_end=row.get("end"), change_pct=row.get("change_pct"),
        )

    def _update(self, fact_id: int, old: dict | None, new: dict | None) -> bool:
        before = self._points.pop(fact_id, None)
        self.skipped.discard(fact_id)
        self.changes_only.discard(fact_id)
        after = self._place(fact_id, new) if new is not None else None
        shown = self.statuses
        return before != after and (
            (before is not None and before.status in shown) or (after is not None and after.status in shown)
        )

    def set_statuses(self, statuses: Sequence[str]) -> None:
        """Which statuses the series show (no reload)."""
        self.statuses = check_statuses(statuses)
        self.version += 1

    def point(self, fact_id: int) -> TradePoint | None:
        """The point of one fact, shown or not."""
        return self._points.get(fact_id)

    def points(self, currency: str | None = None) -> list[TradePoint]:
        """The shown reports (in ``currency`` if given), by period then fact id."""
        return sorted(
            (p for p in self._points.values()
             if p.status in self.statuses and (currency is None or p.currency == currency)),
            key=lambda p: (p.start, p.end, p.fact_id),
        )

    def currency_counts(self) -> Counter[str]:
        """Shown reports per currency."""
        return Counter(p.currency for p in self._points.values() if p.status in self.statuses)

    def currencies(self) -> list[str]:
        """Currencies of the shown reports, the most reported first."""
        counts = self.currency_counts()
        return [c for c, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]

    def series(self, currency: str | None = None) -> dict[str, list[TradePoint]]:
        """``{country: points}`` for every country of :attr:`countries` (empty lists included), unordered."""
        result: dict[str, list[TradePoint]] = {c: [] for c in self.countries}
        shown = self.statuses
        for point in self._points.values():
            if point.status in shown and (currency is None or point.currency == currency):
                result.setdefault(point.country, []).append(point)
        return result

    def table(self, currency: str | None = None) -> list[dict[str, Any]]:
        """The CSV table: a row per shown report."""
        return [p.as_row() for p in self.points(currency)]

