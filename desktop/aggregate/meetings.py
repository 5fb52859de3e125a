"""The meetings plot's model: meetings per month, quarter or year, held or planned, verified or proposed.

Facts merged into one event (same ``event_id``, from ``event_members``) count once; facts without an event count
alone. An event is verified when at least one of its reports is confirmed (the analyst checked that it happened; the
other reports are duplicates), rejected when all are. It is counted at the earliest start date of the reports that
give it that status, as held if any of them reports it held, else planned; one they report cancelled or denied (and
none held) is not counted (:func:`desktop.facts.kinds.merged_held`).
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from desktop import store
from desktop.aggregate.base import _FactModel
from desktop.aggregate.periods import DEFAULT_STATUSES, PERIODS, AggregateError, Period, check_statuses, next_period, period_of
from desktop.aggregate.sources import DocumentInfo
from desktop.facts.kinds import MEETING_STATUSES, merged_held
from desktop.normalise import iso_day

MEETING_KINDS = ("meeting",)


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
        self.statuses = check_statuses(statuses)
        if kinds is not None:
            self.kinds = tuple(kinds)
        super().__init__(rows, docs)

    @classmethod
    def from_db(cls, db: sqlite_utils.Database, **options: Any) -> MeetingCounts:
        """Load every meeting fact (of ``kinds``, default meetings only)."""
        kinds = tuple(options.get("kinds") or cls.kinds)
        rows = store.plot_facts(db, kinds)
        return cls(rows, (), **options)  # counted without the articles (uses_documents)

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
            self.statuses = check_statuses(statuses)
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

