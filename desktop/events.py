"""Events: the same meeting, call or trade period reported by several articles, merged.

>>> from desktop.store import open_db
>>> db = open_db(":memory:")
>>> update_events(db)
0

Meetings and calls merge when they have the same kind and participants and
their date ranges overlap with a day's slack; two facts of one document with
disjoint dates stay apart (the article tells two meetings). Sources that
disagree on a day-precision date, on the place, or on whether it took place
(held against cancelled or denied) are flagged, on the event and on the facts.
Trade figures merge by currency and overlapping period (changes stated without
an amount among themselves); each keeps its own numbers and a difference is a
note ("values differ", "changes differ"), not a conflict. Rejected facts take
no part. Event ids are the smallest fact id of the cluster, so recomputing the
same facts gives the same rows.

Events are derived data (STYLE.md, rule 13): they live in ``events`` and
``event_members``, never in the facts and never in the undo history. Triggers
on ``facts`` queue every fact whose merge inputs changed; :func:`update_events`
recomputes only the events those facts can reach (their group key, and there
the chain of overlapping dates around them), in the writer's transaction.
:func:`rebuild_events` recomputes everything and gives the same rows.
"""

from __future__ import annotations

import datetime as _dt
import gc
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlite_utils

from desktop import store
from desktop.facts.kinds import is_event, merged_held
from desktop.normalise import iso_day

DATE_CONFLICT = "date conflict"
PLACE_CONFLICT = "place conflict"
STATUS_CONFLICT = "status conflict"  # one source says it took place, another that it was cancelled or denied
VALUES_DIFFER = "values differ"
CHANGES_DIFFER = "changes differ"
SLACK = _dt.timedelta(days=1)


def _place_key(place: str | None) -> str | None:
    if not place:
        return None
    return store.normalise_alias(place.replace(".", "").replace("Saint ", "St "))


def _prepare(fact: dict[str, Any]) -> dict[str, Any] | None:
    """The fact with its group key and day range (``_key``, ``_start``, ``_end``), or None if it takes no part."""
    if fact["status"] == "rejected":
        return None
    if not is_event(fact["kind"]):
        start, end = iso_day(fact.get("period_start")), iso_day(fact.get("period_end"))
        # Changes stated alone merge with one another, never with amounts (they have no currency).
        key = json.dumps([fact["kind"], fact.get("currency"), fact.get("value") is None])
    else:
        start, end = iso_day(fact.get("date_start")), iso_day(fact.get("date_end"))
        key = json.dumps([fact["kind"], sorted(fact.get("participants") or [])])
    if start is None or end is None:
        return None
    return dict(fact, _key=key, _start=start, _end=max(start, end))


def _slack(group_key: str) -> _dt.timedelta:
    return SLACK if is_event(json.loads(group_key)[0]) else _dt.timedelta(0)


class _Cluster:
    """Facts merged so far, with the distinct ranges each document gives (what compatibility checks)."""

    __slots__ = ("facts", "ranges")

    def __init__(self, facts: list[dict[str, Any]]):
        self.facts = facts
        self.ranges: dict[int, set[tuple[_dt.date, _dt.date]]] = defaultdict(set)
        for fact in facts:
            self.ranges[fact["doc_id"]].add((fact["_start"], fact["_end"]))

    def compatible(self, other: _Cluster) -> bool:
        # Two facts of one article with disjoint dates are two meetings, never one. Only the
        # articles both clusters cite can disagree: walk the smaller cluster's.
        small, large = (self, other) if len(self.ranges) <= len(other.ranges) else (other, self)
        for doc_id, ranges in small.ranges.items():
            theirs = large.ranges.get(doc_id)
            if theirs:
                for start, end in ranges:
                    for other_start, other_end in theirs:
                        if end < other_start or other_end < start:
                            return False
        return True

    def absorb(self, other: _Cluster) -> None:
        self.facts.extend(other.facts)
        for doc_id, ranges in other.ranges.items():
            self.ranges[doc_id] |= ranges


def _cluster(facts: list[dict[str, Any]], slack: _dt.timedelta) -> list[list[dict[str, Any]]]:
    """Single-linkage clusters of facts whose ranges overlap (with ``slack``), narrowest links first.

    Facts giving exactly the same range start in one cluster (they cannot
    contradict each other), so the candidate links are between distinct
    ranges: a thousand reports of one summit cost a thousand appends, not
    half a million pairs.
    """
    bins: dict[tuple[_dt.date, _dt.date], list[dict[str, Any]]] = defaultdict(list)
    for fact in facts:
        bins[(fact["_start"], fact["_end"])].append(fact)
    ranges = sorted(bins)
    clusters = {r: _Cluster(bins[r]) for r in ranges}
    owner = {r: r for r in ranges}

    def find(r):
        while owner[r] != r:
            owner[r] = owner[owner[r]]
            r = owner[r]
        return r

    pairs = []
    for i, a in enumerate(ranges):
        for b in ranges[i + 1:]:
            if b[0] > a[1] + slack:
                break
            pairs.append(((a[1] - a[0]).days + (b[1] - b[0]).days, abs((a[0] - b[0]).days), a, b))
    pairs.sort()
    for _, _, a, b in pairs:
        ra, rb = find(a), find(b)
        if ra == rb or not clusters[ra].compatible(clusters[rb]):
            continue
        keep, gone = (ra, rb) if len(clusters[ra].facts) >= len(clusters[rb].facts) else (rb, ra)
        clusters[keep].absorb(clusters.pop(gone))
        owner[gone] = keep
    return [c.facts for c in clusters.values()]


def _date_conflicts(days: list[dict[str, Any]]) -> set[int]:
    """Day-precision facts contradicted by another article's different day (linear, not pairwise)."""
    pairs = {(f["doc_id"], f["_start"]) for f in days}
    by_doc = Counter(doc for doc, _ in pairs)
    by_day = Counter(day for _, day in pairs)
    # The (doc, day) pairs with another doc and another day: all, less this doc's, less this day's, plus itself.
    return {f["id"] for f in days if len(pairs) - by_doc[f["doc_id"]] - by_day[f["_start"]] + 1 > 0}


def _event_rows(kind: str, members: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[int, list[str]]]:
    """The event row of a cluster and the flags of each of its facts."""
    # In id order, so ties (the most given place, period) fall the same way however the cluster was built.
    members = sorted(members, key=lambda f: f["id"])
    event_id = members[0]["id"]
    fact_flags: dict[int, list[str]] = defaultdict(list)
    event_flags: list[str] = []
    if not is_event(kind):
        values = {round(f["value"], 6) for f in members if f.get("value") is not None}
        if values and (max(values) - min(values)) > 0.01 * max(values):
            event_flags.append(VALUES_DIFFER)
        changes = {round(f["change_pct"], 6) for f in members if f.get("change_pct") is not None}
        if changes and (max(changes) - min(changes)) > 0.01 * max(abs(c) for c in changes):
            event_flags.append(CHANGES_DIFFER)
        best = Counter((f["period_start"], f["period_end"]) for f in members).most_common(1)[0][0]
        row = {"id": event_id, "kind": kind, "date_start": best[0], "date_end": best[1], "place": None,
               "participants": [], "held": None}
    else:
        conflicting = _date_conflicts([f for f in members if f["_start"] == f["_end"]])
        if conflicting:
            event_flags.append(DATE_CONFLICT)
            for fid in conflicting:
                fact_flags[fid].append(DATE_CONFLICT)
        places = {_place_key(f.get("place")) for f in members} - {None}
        if len(places) > 1:
            event_flags.append(PLACE_CONFLICT)
            for f in members:
                if f.get("place"):
                    fact_flags[f["id"]].append(PLACE_CONFLICT)
        # The event's date: the narrowest range most sources give.
        counts = Counter((f["date_start"], f["date_end"]) for f in members)
        best = min(counts, key=lambda k: ((iso_day(k[1]) - iso_day(k[0])).days, -counts[k], k[0]))
        place_counts = Counter(f["place"] for f in members if f.get("place"))
        held = merged_held(f.get("held") for f in members)
        said = {f.get("held") for f in members}
        if "held" in said and said & {"cancelled", "denied"}:
            event_flags.append(STATUS_CONFLICT)
            for f in members:
                if f.get("held") in ("held", "cancelled", "denied"):
                    fact_flags[f["id"]].append(STATUS_CONFLICT)
        row = {"id": event_id, "kind": kind, "date_start": best[0], "date_end": best[1],
               "place": place_counts.most_common(1)[0][0] if place_counts else None,
               "participants": sorted({p for f in members for p in (f.get("participants") or [])}), "held": held}
    row["group_key"] = members[0]["_key"]
    row["span_start"] = min(f["_start"] for f in members).isoformat()
    row["span_end"] = max(f["_end"] for f in members).isoformat()
    row["n_sources"] = len({f["doc_id"] for f in members})
    row["flags"] = event_flags
    return row, fact_flags


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    # The merge allocates many small containers and frees none of them until it ends: the cyclic
    # collector would walk the whole heap again and again for nothing, and made the cost per fact
    # grow with the corpus (6 us at 2k facts, 13 us at 40k; flat at 7.5 us without it).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _merge(prepared: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[int, tuple[int, list[str]]]]:
    """Events and ``{fact_id: (event_id, flags)}`` of prepared facts (see :func:`_prepare`)."""
    with _without_cyclic_gc():
        return _merge_groups(prepared)


def _merge_groups(prepared: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[int, tuple[int, list[str]]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fact in prepared:
        groups[fact["_key"]].append(fact)
    events, members = [], {}
    for key, facts in groups.items():
        kind = json.loads(key)[0]
        for cluster in _cluster(facts, _slack(key)):
            row, flags = _event_rows(kind, cluster)
            events.append(row)
            for fact in cluster:
                members[fact["id"]] = (row["id"], sorted(set(flags.get(fact["id"], []))))
    events.sort(key=lambda e: e["id"])
    return events, members


def compute_events(facts: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[int, tuple[int | None, list[str]]]]:
    """Events from decoded fact rows, and ``{fact_id: (event_id, flags)}`` for every fact (None: in no event)."""
    events, members = _merge([p for p in map(_prepare, facts) if p is not None])
    assignment: dict[int, tuple[int | None, list[str]]] = {f["id"]: (None, []) for f in facts}
    assignment.update(members)
    return events, assignment


# ---------------------------------------------------------------- keeping the tables up to date


def rebuild_events(db: sqlite_utils.Database) -> int:
    """Recompute every event from the facts; returns the number of events (the same rows :func:`update_events` keeps)."""
    with store.write_transaction(db):
        events, members = _merge([p for p in map(_prepare, store.merge_facts(db)) if p is not None])
        _write(db, store.event_rows(db), store.event_memberships(db), events, members)
        store.clear_dirty_facts(db)
    return len(events)


def update_events(db: sqlite_utils.Database) -> int:
    """Bring the events up to date with the facts written since the last update; returns how many facts that was.

    Call it in the transaction of the write (the history does, after every
    action, undo and redo; ingest once per run): readers then only read.
    """
    if not store.has_dirty_facts(db):
        return 0
    with store.write_transaction(db):
        dirty = store.dirty_fact_ids(db)
        if not dirty:
            return 0
        if 2 * len(dirty) >= store.fact_count(db):
            # Most facts changed (a first ingest, a migration): one pass over all is cheaper.
            rebuild_events(db)
            return len(dirty)
        _update(db, dirty)
        store.clear_dirty_facts(db)
    return len(dirty)


def _update(db: sqlite_utils.Database, dirty: list[int]) -> None:
    """Recompute the events the facts ``dirty`` took part in or can join, and nothing else.

    A changed fact can only change the clusters of its group key that chain
    to its old or new dates through overlapping ranges: start from those dates
    and the hulls of the events it left, and widen to every event whose hull
    overlaps (with the slack) until no new one is found. Those events' other
    facts did not change, so their rows as stored are what a rebuild would see.
    """
    dirty_set = set(dirty)
    current = {f["id"]: f for f in map(_prepare, store.merge_facts(db, ids=dirty)) if f is not None}
    old_members = store.event_memberships(db, dirty)
    windows: dict[str, list[tuple[_dt.date, _dt.date]]] = defaultdict(list)
    for fact in current.values():
        windows[fact["_key"]].append((fact["_start"], fact["_end"]))
    for event in store.event_rows(db, {e for e, _ in old_members.values()}):
        windows[event["group_key"]].append((iso_day(event["span_start"]), iso_day(event["span_end"])))
    reached: dict[int, dict[str, Any]] = {}
    for key, spans in windows.items():
        slack = _slack(key)
        todo = list(spans)
        while todo:
            start, end = todo.pop()
            for event in store.events_overlapping(db, key, (start - slack).isoformat(), (end + slack).isoformat()):
                if event["id"] not in reached:
                    reached[event["id"]] = event
                    todo.append((iso_day(event["span_start"]), iso_day(event["span_end"])))
    facts = [f for f in map(_prepare, store.merge_facts(db, events=reached)) if f is not None and f["id"] not in dirty_set]
    events, members = _merge(facts + list(current.values()))
    old_events = store.event_rows(db, reached)
    _write(db, old_events, store.event_memberships(db, [f["id"] for f in facts] + dirty), events, members)


def _write(db: sqlite_utils.Database, old_events: list[dict[str, Any]], old_members: dict[int, tuple[int, list[str]]],
           events: list[dict[str, Any]], members: dict[int, tuple[int, list[str]]]) -> None:
    """Replace the old events and memberships by the new ones, writing and logging only what differs."""
    old = {e["id"]: e for e in old_events}
    new = {e["id"]: e for e in events}
    by_event_old: dict[int, set[int]] = defaultdict(set)
    by_event_new: dict[int, set[int]] = defaultdict(set)
    for fact_id, (event_id, _flags) in old_members.items():
        by_event_old[event_id].add(fact_id)
    for fact_id, (event_id, _flags) in members.items():
        by_event_new[event_id].add(fact_id)
    changed_events = [e for e in sorted(old.keys() | new.keys())
                      if old.get(e) != new.get(e) or by_event_old.get(e) != by_event_new.get(e)]
    changed_facts = [f for f in sorted(old_members.keys() | members.keys()) if old_members.get(f) != members.get(f)]
    if not changed_events and not changed_facts:
        return
    store.replace_events(db, [e for e in changed_events if e in old], [new[e] for e in changed_events if e in new],
                         [f for f in changed_facts if f in old_members],
                         {f: members[f] for f in changed_facts if f in members})
    store.log_changes(db, "events", changed_events)
    store.log_changes(db, "event_members", changed_facts)


# ---------------------------------------------------------------- reading


def list_events(db: sqlite_utils.Database, *, kind: str | None = None, ids: Any = None) -> list[dict[str, Any]]:
    """Events with their source facts (file, published, evidence, flags), newest first; only ``ids`` if given."""
    events = store.list_event_rows(db, kind=kind, ids=ids)
    sources = defaultdict(list)
    for fact in store.event_source_facts(db, None if ids is None else [e["id"] for e in events]):
        sources[fact["event_id"]].append(fact)
    for event in events:
        event["sources"] = sources.get(event["id"], [])
    return events


def events_changed_since(db: sqlite_utils.Database, seq: int) -> tuple[int, set[int] | None]:
    """``(latest, event ids)`` whose row or sources changed after ``seq`` of the change feed.

    None instead of the ids when the feed does not reach back that far: read them all again.
    """
    changes = store.changes_since(db, seq)
    if changes is None:
        return store.latest_change(db), None
    latest, changed = changes
    ids = set(changed.get("events", ()))
    # A confirm or an edited quote changes what a source shows without moving it.
    ids |= store.events_of_facts(db, changed.get("facts", ()))
    return latest, ids
