"""What the plots draw: trade series and meeting counts, built once and kept up to date.

>>> from desktop.store import open_db
>>> db = open_db(":memory:")
>>> counts = MeetingCounts.from_db(db, by="quarter")
>>> counts.table()
[]

Both models load the facts once (:meth:`TradeSeries.from_db`,
:meth:`MeetingCounts.from_db`) and then follow the analyst with
:meth:`apply_fact_change` (one fact row before and after), so a confirmation
costs a few dictionary operations, not a recomputation. One concern a module:
:mod:`~desktop.aggregate.periods`, :mod:`~desktop.aggregate.sources` (whose
statistics), :mod:`~desktop.aggregate.trade`, :mod:`~desktop.aggregate.meetings`;
this one follows the database and loads both. :class:`FactFeed`
reads which facts changed since the last look from the store's change feed
(every write to a fact, and every move of a fact between events, is numbered).

Rules (documented in the README):

- Statuses: confirmed facts are *verified*, proposed ones are not,
  rejected ones are left out unless asked for.
- Trade: one point per report of an amount, drawn over its period. Series are
  split by the side whose statistics the figure is, by the names the profile's
  ``[facts.statistics]`` gives (:mod:`desktop.aggregate.sources`).
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

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from desktop import store
from desktop.aggregate.base import _FactModel
from desktop.aggregate.meetings import COUNT_COLUMNS, COUNTED_HELD, MEETING_KINDS, MeetingCounts, MeetingGroup, MeetingReport
from desktop.aggregate.periods import DEFAULT_STATUSES, PERIODS, STATUSES, AggregateError, Period, next_period, period_of
from desktop.aggregate.sources import DocumentInfo, StatisticsRules, rules_for
from desktop.aggregate.trade import TRADE_COLUMNS, TRADE_KINDS, TradePoint, TradeSeries

__all__ = [
    "COUNTED_HELD", "COUNT_COLUMNS", "DEFAULT_STATUSES", "MEETING_KINDS", "PERIODS", "QUICK_PLOT_FACTS", "STATUSES",
    "TRADE_COLUMNS", "TRADE_KINDS", "AggregateError", "DocumentInfo", "FactFeed", "MeetingCounts", "MeetingGroup",
    "MeetingReport", "Period", "PlotModels", "StatisticsRules", "TradePoint", "TradeSeries", "load_plots",
    "load_plots_steps", "next_period", "period_of", "quick_to_load", "rules_for",
]


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
                model.add_documents(model.sources.document_info(d) for d in store.plot_documents(self.db, missing))
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
