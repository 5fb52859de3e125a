"""Events: the same meeting, call or trade period reported by several articles, merged.

>>> from desktop.store import open_db
>>> db = open_db(":memory:")
>>> rebuild_events(db)
0

Meetings and calls merge when they have the same kind and participants and
their date ranges overlap with a day's slack; two facts of one document with
disjoint dates stay apart (the article tells two meetings). Sources that
disagree on a day-precision date, on the place, or on whether it took place
(held against cancelled or denied) are flagged, on the event and on the facts.
Trade figures merge by currency and overlapping period (changes stated without
an amount among themselves); each keeps its own numbers and a difference is a
note ("values differ", "changes differ"), not a conflict. Rejected facts take
no part. Event ids are the smallest fact id of the cluster, so a rebuild of the
same facts gives the same rows: that keeps rebuilds inside an undoable action
consistent with undo and redo.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
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


class _Cluster:
    def __init__(self, fact: dict[str, Any]):
        self.facts = [fact]

    def compatible(self, other: _Cluster) -> bool:
        # Two facts of one article with disjoint dates are two meetings, never one.
        for a in self.facts:
            for b in other.facts:
                if a["doc_id"] == b["doc_id"] and (a["_end"] < b["_start"] or b["_end"] < a["_start"]):
                    return False
        return True


def _cluster(facts: list[dict[str, Any]], slack: _dt.timedelta) -> list[list[dict[str, Any]]]:
    """Single-linkage clusters of facts whose ranges overlap (with ``slack``), narrowest links first."""
    clusters = {f["id"]: _Cluster(f) for f in facts}
    owner = {f["id"]: f["id"] for f in facts}

    def find(fid: int) -> int:
        while owner[fid] != fid:
            owner[fid] = owner[owner[fid]]
            fid = owner[fid]
        return fid

    ordered = sorted(facts, key=lambda f: (f["_start"], f["_end"], f["id"]))
    pairs = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b["_start"] > a["_end"] + slack:
                break
            width = (a["_end"] - a["_start"]).days + (b["_end"] - b["_start"]).days
            pairs.append((width, abs((a["_start"] - b["_start"]).days), a["id"], b["id"]))
    for _, _, x, y in sorted(pairs):
        rx, ry = find(x), find(y)
        if rx == ry or not clusters[rx].compatible(clusters[ry]):
            continue
        keep, gone = min(rx, ry), max(rx, ry)
        clusters[keep].facts.extend(clusters[gone].facts)
        owner[gone] = keep
        del clusters[gone]
    return [c.facts for c in clusters.values()]


def _event_rows(kind: str, members: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[int, list[str]]]:
    """The event row of a cluster and the flags of each of its facts."""
    event_id = min(f["id"] for f in members)
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
        days = [f for f in members if f["_start"] == f["_end"]]
        conflicting = {
            f["id"] for f in days for g in days if f["doc_id"] != g["doc_id"] and f["_start"] != g["_start"]
        }
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
    row["n_sources"] = len({f["doc_id"] for f in members})
    row["flags"] = event_flags
    return row, fact_flags


def compute_events(facts: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[int, tuple[int | None, list[str]]]]:
    """Events from decoded fact rows, and ``{fact_id: (event_id, flags)}`` for every fact."""
    assignment: dict[int, tuple[int | None, list[str]]] = {f["id"]: (None, []) for f in facts}
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for fact in facts:
        if fact["status"] == "rejected":
            continue
        if not is_event(fact["kind"]):
            start, end = iso_day(fact.get("period_start")), iso_day(fact.get("period_end"))
            # Changes stated alone merge with one another, never with amounts (they have no currency).
            key = (fact["kind"], fact.get("currency"), fact.get("value") is None)
        else:
            start, end = iso_day(fact.get("date_start")), iso_day(fact.get("date_end"))
            key = (fact["kind"], tuple(sorted(fact.get("participants") or [])))
        if start is None or end is None:
            continue
        groups[key].append(dict(fact, _start=start, _end=max(start, end)))
    events = []
    for key, members in groups.items():
        slack = SLACK if is_event(key[0]) else _dt.timedelta(0)
        for cluster in _cluster(members, slack):
            row, flags = _event_rows(key[0], cluster)
            events.append(row)
            for fact in cluster:
                assignment[fact["id"]] = (row["id"], sorted(set(flags.get(fact["id"], []))))
    events.sort(key=lambda e: e["id"])
    return events, assignment


def rebuild_events(db: sqlite_utils.Database, *, act: Any = None) -> int:
    """Recompute the events table and each fact's ``event_id`` and ``flags``; returns the number of events.

    Inside an analyst action pass its recorder as ``act`` so the fact changes
    are part of the undoable action; the events table itself is derived data.
    """
    facts = store.facts_for_events(db)
    events, assignment = compute_events(facts)
    with db.atomic():
        store.replace_events(db, events)
        for fact in facts:
            event_id, flags = assignment[fact["id"]]
            if fact["event_id"] == event_id and (fact["flags"] or []) == flags:
                continue
            if act is not None:
                act.update("facts", fact["id"], event_id=event_id, flags=flags)
            else:
                store.set_fact_event(db, fact["id"], event_id, flags)
    return len(events)


def list_events(db: sqlite_utils.Database, *, kind: str | None = None) -> list[dict[str, Any]]:
    """Events with their source facts (file, published, evidence), newest first."""
    events = store.list_event_rows(db, kind=kind)
    sources = defaultdict(list)
    for fact in store.event_source_facts(db):
        sources[fact["event_id"]].append(fact)
    for event in events:
        event["sources"] = sources.get(event["id"], [])
    return events
