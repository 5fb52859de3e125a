"""What the plots draw: trade series and meeting counts, built once and kept up to date.

>>> from desktop.store import open_db
>>> db = open_db(":memory:")
>>> counts = MeetingCounts.from_db(db, by="quarter")
>>> counts.table()
[]

Both models load the facts once (:meth:`TradeSeries.from_db`,
:meth:`MeetingCounts.from_db`) and then follow the analyst with
:meth:`apply_fact_change` (one fact row before and after), so a confirmation
costs a few dictionary operations, not a recomputation. :class:`FactFeed`
reads which facts changed since the last look from the store's change feed
(every write to a fact, and every move of a fact between events, is numbered).

Rules (documented in the README):

- Statuses: confirmed facts are *verified*, proposed ones are not,
  rejected ones are left out unless asked for.
- Trade: one point per report of an amount, drawn over its period. Series are
  split by the country whose statistics the figure is (:func:`statistics_country`).
  A change stated without an amount ("fell by 2.3%") is no turnover and is not
  drawn (:attr:`TradeSeries.changes_only` counts them); a percentage is never
  a currency, so a row still holding one in "%" is not drawn either.
- Meetings: facts merged into one event (same ``event_id``, from ``event_members``) count once;
  facts without an event count alone. An event is verified when at least
  one of its reports is confirmed (the analyst checked that it happened;
  the other reports are duplicates), rejected when all are. It is counted
  at the earliest start date of the reports that give it that status, as
  held if any of them reports it held, else planned; one they report cancelled
  or denied (and none held) is not counted (:func:`desktop.facts.kinds.merged_held`).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlite_utils

from desktop import store
from desktop.facts.kinds import MEETING_STATUSES, merged_held
from desktop.normalise import iso_day

PERIODS = ("month", "quarter", "year")
STATUSES = ("confirmed", "proposed", "rejected")
DEFAULT_STATUSES = ("confirmed", "proposed")
COUNTRIES = ("Belarus", "Russia", "unknown")
TRADE_COLUMNS = ("fact_id", "file", "publisher", "statistics", "period_start", "period_end", "value", "currency",
                 "change_pct", "status", "qualifier", "evidence", "evidence_start", "evidence_end")
MEETING_KINDS = ("meeting",)
TRADE_KINDS = ("trade",)


class AggregateError(ValueError):
    """A plot option the aggregation does not know."""


# ---------------------------------------------------------------- periods


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


def _check_statuses(statuses: Iterable[str]) -> tuple[str, ...]:
    statuses = tuple(dict.fromkeys(statuses))
    unknown = [s for s in statuses if s not in STATUSES]
    if unknown or not statuses:
        raise AggregateError(f"status must be among {', '.join(STATUSES)}, not {', '.join(unknown) or 'nothing'}")
    return statuses


# ---------------------------------------------------------------- whose statistics


# The publisher tells whose figures a report quotes: BelTA and the Belarusian
# president's office quote Belstat and Minsk officials, TASS and the Kremlin
# quote Rosstat and Moscow officials. A statistics office named in the quoted
# sentence itself wins over the publisher.
_EVIDENCE_COUNTRY = (
    (re.compile(r"\bbelstat\b|belarusian statistic|statistical committee of belarus|belarusian customs", re.I), "Belarus"),
    (re.compile(r"\brosstat\b|russian statistic|federal customs service|russian customs", re.I), "Russia"),
)
_AGENCY_COUNTRY = {
    "belta": "Belarus",
    "tass": "Russia",
}
_PUBLISHER_COUNTRY = (
    (re.compile(r"\bbelta\b|president\.gov\.by|\bsb\.by\b|belarus today|belarus segodnya|\bmfa\.gov\.by", re.I), "Belarus"),
    (re.compile(r"\btass\b|kremlin|\bria\b|ria novosti|interfax|\brg\.ru\b|rossiyskaya gazeta|\bmid\.ru\b", re.I), "Russia"),
)
_PUBLISHER_NAMES = {"belta": "BelTA", "tass": "TASS"}
_DATELINE_AGENCY = re.compile(r"\((BelTA)\)|/(TASS)/|\b(BelTA) reports\b|\b(TASS) reports\b", re.I)


@dataclass(frozen=True)
class DocumentInfo:
    """What a plot shows of an article: its path, title, publisher and whose statistics it quotes."""

    id: int
    path: str
    title: str | None = None
    publisher: str | None = None
    country: str = "unknown"


def document_info(row: dict[str, Any]) -> DocumentInfo:
    """Find an article's publisher and country from ``store.plot_documents`` row.

    In order: the ``source`` column (metadata), the URL's host, the agency
    entity linked in the first lines (the dateline), an agency dateline in
    the text ("(BelTA)", "/TASS/").
    """
    candidates: list[str] = []
    if row.get("source"):
        candidates.append(str(row["source"]))
    if row.get("url"):
        host = urlsplit(str(row["url"])).hostname
        if host:
            candidates.append(host.removeprefix("www."))
    for entity_id in row.get("agencies") or ():
        if entity_id in _AGENCY_COUNTRY:
            candidates.append(_PUBLISHER_NAMES[entity_id])
    match = _DATELINE_AGENCY.search(row.get("head") or "")
    if match:
        candidates.append(next(g for g in match.groups() if g))
    publisher = candidates[0] if candidates else None
    country = "unknown"
    for candidate in candidates:
        country = _publisher_country(candidate)
        if country != "unknown":
            break
    return DocumentInfo(row["id"], row.get("path") or "", row.get("title"), publisher, country)


@functools.lru_cache(maxsize=4096)  # a few publishers and hosts, each named by thousands of articles
def _publisher_country(name: str) -> str:
    for pattern, country in _PUBLISHER_COUNTRY:
        if pattern.search(name):
            return country
    return "unknown"


def statistics_country(evidence: str | None, doc: DocumentInfo | None) -> str:
    """Whose statistics a trade figure is: "Belarus", "Russia" or "unknown".

    >>> statistics_country("According to Rosstat, trade grew.", None)
    'Russia'
    """
    for pattern, country in _EVIDENCE_COUNTRY:
        if evidence and pattern.search(evidence):
            return country
    return doc.country if doc else "unknown"


# ---------------------------------------------------------------- trade


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


class _FactModel:
    """Shared bookkeeping: the fact rows of some kinds, by id, and the articles they come from."""

    kinds: tuple[str, ...] = ()
    # Whether what is drawn depends on the articles (publisher, country): if not, none is read.
    uses_documents = True

    def __init__(self, rows: Iterable[dict[str, Any]] = (), docs: Iterable[DocumentInfo] = ()):
        self.version = 0  # bumped on every change that alters what is drawn
        self._load(rows, docs)

    def _load(self, rows: Iterable[dict[str, Any]], docs: Iterable[DocumentInfo]) -> None:
        self._docs: dict[int, DocumentInfo] = {d.id: d for d in docs}
        self._rows: dict[int, dict[str, Any]] = {r["id"]: r for r in rows if r.get("kind") in self.kinds}
        self._rebuild()

    def reload(self, db: sqlite_utils.Database) -> None:
        """Read every fact again (the change feed no longer reaches back to the last look)."""
        rows = store.plot_facts(db, self.kinds)
        self._load(rows, self.documents_of(db, rows))
        self.version += 1

    @classmethod
    def documents_of(cls, db: sqlite_utils.Database, rows: Iterable[dict[str, Any]]) -> list[DocumentInfo]:
        """The articles of fact ``rows`` as the model needs them (none for a model that does not use them)."""
        if not cls.uses_documents:
            return []
        return [document_info(d) for d in store.plot_documents(db, {r["doc_id"] for r in rows})]

    def _rebuild(self) -> None:
        raise NotImplementedError

    def add_documents(self, docs: Iterable[DocumentInfo]) -> None:
        """Make articles known (call before applying facts of new articles)."""
        for doc in docs:
            self._docs[doc.id] = doc

    def missing_documents(self, rows: Iterable[dict[str, Any] | None]) -> set[int]:
        """Doc ids of ``rows`` this model does not know yet."""
        if not self.uses_documents:
            return set()
        return {r["doc_id"] for r in rows if r and r.get("kind") in self.kinds and r.get("doc_id") not in self._docs}

    def row(self, fact_id: int) -> dict[str, Any] | None:
        """The fact row the model holds for ``fact_id``."""
        return self._rows.get(fact_id)

    def apply_fact_change(self, old_row: dict[str, Any] | None, new_row: dict[str, Any] | None) -> bool:
        """Follow one written fact (None for an insert's "before" or a delete's "after"); True if the plot changes."""
        fact_id = (new_row or old_row or {}).get("id")
        if fact_id is None:
            return False
        if new_row is not None and new_row.get("kind") not in self.kinds:
            new_row = None
        held = self._rows.pop(fact_id, None)
        if new_row is not None:
            self._rows[fact_id] = new_row
        if held is None and new_row is None:
            return False
        changed = self._update(fact_id, held, new_row)
        if changed:
            self.version += 1
        return changed

    def _update(self, fact_id: int, old: dict | None, new: dict | None) -> bool:
        raise NotImplementedError


class TradeSeries(_FactModel):
    """Trade reports as points over their periods, one series per statistics country.

    >>> series = TradeSeries([{"id": 1, "doc_id": 1, "kind": "trade", "status": "proposed",
    ...     "period_start": "2019-01-01", "period_end": "2019-12-31", "value": 3.5e10, "currency": "USD"}])
    >>> [(p.start.year, p.value) for p in series.points()]
    [(2019, 35000000000.0)]
    """

    kinds = TRADE_KINDS

    def __init__(self, rows: Iterable[dict[str, Any]] = (), docs: Iterable[DocumentInfo] = (), *,
                 statuses: Sequence[str] = DEFAULT_STATUSES):
        self.statuses = _check_statuses(statuses)
        super().__init__(rows, docs)

    @classmethod
    def from_db(cls, db: sqlite_utils.Database, **options: Any) -> TradeSeries:
        """Load every trade fact and its article."""
        rows = store.plot_facts(db, cls.kinds)
        return cls(rows, cls.documents_of(db, rows), **options)

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
            country=statistics_country(row.get("evidence"), doc),
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
        self.statuses = _check_statuses(statuses)
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
        """``{country: points}`` for every country in :data:`COUNTRIES` (empty lists included), unordered."""
        result: dict[str, list[TradePoint]] = {c: [] for c in COUNTRIES}
        shown = self.statuses
        for point in self._points.values():
            if point.status in shown and (currency is None or point.currency == currency):
                result.setdefault(point.country, []).append(point)
        return result

    def table(self, currency: str | None = None) -> list[dict[str, Any]]:
        """The CSV table: a row per shown report."""
        return [p.as_row() for p in self.points(currency)]


# ---------------------------------------------------------------- meetings


@dataclass(frozen=True)
class MeetingReport:
    """One meeting fact as the counts see it."""

    fact_id: int
    doc_id: int
    event_id: int | None
    status: str
    day: _dt.date | None
    held: str
    participants: frozenset[str]
    place: str | None
    evidence: str | None
    start: int | None
    end: int | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> MeetingReport:
        participants = row.get("participants") or []
        if isinstance(participants, str):
            participants = store.decode("facts", {"participants": participants})["participants"] or []
        return cls(
            fact_id=row["id"], doc_id=row["doc_id"], event_id=row.get("event_id"),
            status=row.get("status") or "proposed", day=iso_day(row.get("date_start")),
            held=row["held"] if row.get("held") in MEETING_STATUSES else "held",
            participants=frozenset(p for p in participants if isinstance(p, str)),
            place=row.get("place"), evidence=row.get("evidence"), start=row.get("start"), end=row.get("end"),
        )


@dataclass(frozen=True)
class MeetingGroup:
    """A merged event (or a lone fact) as counted: its status, day, held/planned and reports."""

    key: tuple[str, int]
    status: str
    day: _dt.date | None
    held: str
    participants: frozenset[str]
    reports: tuple[MeetingReport, ...] = field(default=())  # those that give it its status, earliest first

    @property
    def verified(self) -> bool:
        return self.status == "confirmed"

    @property
    def place(self) -> str | None:
        return next((r.place for r in self.reports if r.place), None)

    @property
    def evidence(self) -> MeetingReport:
        """The report to open when the analyst asks for this event's evidence."""
        return self.reports[0]


def _group_key(report: MeetingReport) -> tuple[str, int]:
    return ("event", report.event_id) if report.event_id is not None else ("fact", report.fact_id)


def _make_group(key: tuple[str, int], reports: Iterable[MeetingReport]) -> MeetingGroup | None:
    reports = list(reports)
    for status in ("confirmed", "proposed", "rejected"):
        chosen = [r for r in reports if r.status == status]
        if chosen:
            break
    else:
        return None
    chosen.sort(key=lambda r: (r.day or _dt.date.max, r.fact_id))
    participants = frozenset().union(*(r.participants for r in chosen))
    held = merged_held(r.held for r in chosen)
    return MeetingGroup(key, status, chosen[0].day, held, participants, tuple(chosen))


COUNTED_HELD = ("held", "planned")
COUNT_COLUMNS = ("held_verified", "held_proposed", "planned_verified", "planned_proposed")


class MeetingCounts(_FactModel):
    """Meetings per month, quarter or year: held/planned by verified/proposed, merged events once.

    ``participant`` keeps the events an entity id takes part in; ``statuses``
    the events whose status (see the module notes) is among them.
    """

    kinds = MEETING_KINDS
    uses_documents = False  # counted by event, day and participants: an article's publisher never shows

    def __init__(self, rows: Iterable[dict[str, Any]] = (), docs: Iterable[DocumentInfo] = (), *,
                 by: str = "month", participant: str | None = None,
                 statuses: Sequence[str] = DEFAULT_STATUSES, kinds: Sequence[str] | None = None):
        if by not in PERIODS:
            raise AggregateError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
        self.by = by
        self.participant = participant or None
        self.statuses = _check_statuses(statuses)
        if kinds is not None:
            self.kinds = tuple(kinds)
        super().__init__(rows, docs)

    @classmethod
    def from_db(cls, db: sqlite_utils.Database, **options: Any) -> MeetingCounts:
        """Load every meeting fact (of ``kinds``, default meetings only)."""
        kinds = tuple(options.get("kinds") or cls.kinds)
        rows = store.plot_facts(db, kinds)
        return cls(rows, cls.documents_of(db, rows), **options)

    # -- bookkeeping

    def _rebuild(self) -> None:
        self._reports: dict[int, MeetingReport] = {}
        self._members: dict[tuple[str, int], set[int]] = {}
        self._groups: dict[tuple[str, int], MeetingGroup] = {}
        for fact_id, row in self._rows.items():
            report = MeetingReport.from_row(row)
            self._reports[fact_id] = report
            self._members.setdefault(_group_key(report), set()).add(fact_id)
        for key, members in self._members.items():
            group = _make_group(key, (self._reports[m] for m in members))
            if group is not None:
                self._groups[key] = group
        self._recount()

    def _recount(self) -> None:
        self._counts: Counter[tuple[str, str, str]] = Counter()
        self._periods: dict[str, Period] = {}
        self._in_period: dict[str, set[tuple[str, int]]] = {}
        for group in self._groups.values():
            self._count(group, +1)

    def _shown(self, group: MeetingGroup) -> bool:
        # A cancelled or denied meeting is a fact to review, not a meeting to count.
        return (group.status in self.statuses and group.day is not None and group.held in COUNTED_HELD
                and (self.participant is None or self.participant in group.participants))

    def _count(self, group: MeetingGroup, sign: int) -> None:
        if not self._shown(group):
            return
        period = period_of(group.day, self.by)
        cell = (period.key, group.held, "verified" if group.verified else "proposed")
        self._counts[cell] += sign
        members = self._in_period.setdefault(period.key, set())
        if sign > 0:
            self._periods[period.key] = period
            members.add(group.key)
        else:
            if self._counts[cell] <= 0:
                del self._counts[cell]
            members.discard(group.key)
            if not members:
                del self._in_period[period.key]
                del self._periods[period.key]

    def _update(self, fact_id: int, old: dict | None, new: dict | None) -> bool:
        touched: set[tuple[str, int]] = set()
        report = self._reports.pop(fact_id, None)
        if report is not None:
            key = _group_key(report)
            touched.add(key)
            self._members[key].discard(fact_id)
        if new is not None:
            report = MeetingReport.from_row(new)
            self._reports[fact_id] = report
            key = _group_key(report)
            touched.add(key)
            self._members.setdefault(key, set()).add(fact_id)
        changed = False
        for key in touched:
            before = self._groups.pop(key, None)
            members = self._members.get(key, set())
            after = _make_group(key, (self._reports[m] for m in members))
            if not members:
                self._members.pop(key, None)
            if after is not None:
                self._groups[key] = after
            if before != after:
                if before is not None:
                    self._count(before, -1)
                if after is not None:
                    self._count(after, +1)
                changed = True
        return changed

    # -- options

    def set_options(self, *, by: str | None = None, participant: str | None = ...,  # type: ignore[assignment]
                    statuses: Sequence[str] | None = None) -> None:
        """Change the period, participant filter or statuses: recounts from memory, no reload."""
        if by is not None:
            if by not in PERIODS:
                raise AggregateError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
            self.by = by
        if participant is not ...:
            self.participant = participant or None
        if statuses is not None:
            self.statuses = _check_statuses(statuses)
        self._recount()
        self.version += 1

    # -- views

    @property
    def undated(self) -> int:
        """Events left out of the counts because no report gives a date."""
        return sum(1 for g in self._groups.values() if g.day is None and g.status in self.statuses)

    def participants(self) -> list[str]:
        """Entity ids taking part in any counted (non-rejected) event, sorted."""
        return sorted(set().union(*(g.participants for g in self._groups.values() if g.status != "rejected")))

    def groups(self) -> list[MeetingGroup]:
        """Every counted event (after filters), by day."""
        return sorted((g for g in self._groups.values() if self._shown(g)), key=lambda g: (g.day, g.key))

    def periods(self) -> list[Period]:
        """The periods with at least one counted event, in order."""
        return sorted(self._periods.values())

    def count(self, period_key: str, held: str, verified: bool) -> int:
        """Events of one stack cell."""
        return self._counts.get((period_key, held, "verified" if verified else "proposed"), 0)

    def groups_in(self, period_key: str, *, held: str | None = None, verified: bool | None = None) -> list[MeetingGroup]:
        """The events counted in a period (one bar), optionally one stack of it, by day."""
        found = [self._groups[k] for k in self._in_period.get(period_key, ())]
        found = [g for g in found if (held is None or g.held == held) and (verified is None or g.verified == verified)]
        return sorted(found, key=lambda g: (g.day, g.key))

    def table(self, *, fill_gaps: bool = True) -> list[dict[str, Any]]:
        """A row per period (empty periods between the first and the last included) with its counts."""
        return [self._row(p) for p in self._span(fill_gaps)]

    def _span(self, fill_gaps: bool) -> Iterator[Period]:
        periods = self.periods()
        if not fill_gaps or not periods:
            yield from periods
            return
        current, last = periods[0], periods[-1]
        while current <= last:
            yield current
            current = next_period(current, self.by)

    def _row(self, period: Period) -> dict[str, Any]:
        row: dict[str, Any] = {"period": period.key, "period_start": period.start.isoformat(),
                               "period_end": period.end.isoformat()}
        for column in COUNT_COLUMNS:
            held, status = column.split("_")
            row[column] = self._counts.get((period.key, held, status), 0)
        row["total"] = sum(row[c] for c in COUNT_COLUMNS)
        return row


# ---------------------------------------------------------------- following the database


class FactFeed:
    """Reads which facts changed since the last look, for models built from the same database.

    >>> from desktop.store import open_db
    >>> feed = FactFeed(open_db(":memory:"))
    >>> feed.sync([])
    False

    Every write to a fact (through the history or not: ingest, an import,
    another window) and every move of a fact between merged events is an
    entry of the store's change feed, numbered; the feed remembers the last
    number it saw, so a look when nothing changed is one indexed query.
    """

    def __init__(self, db: sqlite_utils.Database, *, seq: int | None = None):
        self.db = db
        self.seq = store.latest_change(db) if seq is None else seq

    def sync(self, models: Sequence[_FactModel]) -> bool:
        """Bring ``models`` up to date; True when any drawn value changed."""
        changes = store.changes_since(self.db, self.seq)
        if changes is None:
            self.seq = store.latest_change(self.db)
            for model in models:
                model.reload(self.db)
            return True
        self.seq, changed = changes
        fact_ids = list(dict.fromkeys([*changed.get("facts", ()), *changed.get("event_members", ())]))
        if not fact_ids:
            return False
        result = False
        for model in models:
            rows = {r["id"]: r for r in store.plot_facts(self.db, model.kinds, ids=fact_ids)}
            missing = model.missing_documents(rows.values())
            if missing:
                model.add_documents(document_info(d) for d in store.plot_documents(self.db, missing))
            for fact_id in fact_ids:
                old, new = model.row(fact_id), rows.get(fact_id)
                if old is not None or new is not None:
                    result |= model.apply_fact_change(old, new)
        return result


# Above this many facts the window reads its plots on a worker (about 0.5 s of Python at 6,000 facts).
QUICK_PLOT_FACTS = 2000


def quick_to_load(db: sqlite_utils.Database) -> bool:
    """Whether :func:`load_plots` is quick enough for the GUI thread (a small project)."""
    return store.fact_count(db) < QUICK_PLOT_FACTS


@dataclass
class PlotModels:
    """Both plots' models and the change-feed entry they are as of (give it to :class:`FactFeed`)."""

    seq: int
    trade: TradeSeries
    meetings: MeetingCounts


def load_plots(db: sqlite_utils.Database) -> PlotModels:
    """Read both plots' models (meetings per month, every option at its default).

    The feed's position is read first: a change written while the facts are read
    is after it, and :meth:`FactFeed.sync` applies it again from the row as it
    is then (it compares rows), so none is lost and none counted twice.
    """
    seq = store.latest_change(db)
    return PlotModels(seq, TradeSeries.from_db(db), MeetingCounts.from_db(db, by="month"))


def load_plots_steps(db_path: str | Path, cancelled: Callable[[], bool] = lambda: False) -> Iterator[PlotModels]:
    """:func:`load_plots` on this thread's own connection (a worker's); yields the models once."""
    db = store.open_db(db_path, create=False)
    try:
        if not cancelled():
            yield load_plots(db)
    finally:
        db.close()
