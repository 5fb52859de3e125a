"""The corpus-wide triage queue: spans grouped by text and label, decided a whole group at a time.

>>> from desktop.store import open_db, insert_document, insert_spans
>>> db = open_db(":memory:")
>>> for n, text in enumerate(["Talks in Minsk.", "Minsk said no.", "From MINSK, again Minsk."]):
...     doc = insert_document(db, path=f"{n}.txt", hash=str(n), text=text)
...     _ = insert_spans(db, [{"doc_id": doc, "start": i, "end": i + 5, "label": "GPE", "text": text[i:i + 5],
...                            "source": "model", "status": "proposed"}
...                           for i in range(len(text)) if text[i:i + 5].lower() == "minsk"])
>>> [(g.text, g.label, g.mentions, g.articles) for g in groups(db)]
[('Minsk', 'GPE', 4, 3)]
>>> decide(db, groups(db)[0].key, "accept")
Decision(mentions=4, articles=3)
>>> groups(db), [(g.text, g.mentions) for g in groups(db, Filters(status="accepted"))]
([], [('Minsk', 4)])

A group is every span with the same label and the same text up to ASCII case (SQLite's
``lower(text)``, the key of the ``spans_triage`` index), seen through :class:`Filters`
(status, label, linked entity, source, a text search). :func:`decide` accepts,
rejects, relabels or links a whole group, or the chosen mentions of it, as ONE
undoable action of :mod:`desktop.history`.

The counts shown come from two derived tables, ``triage_groups`` (per status,
label and text) and ``triage_parts`` (the same, split by source and entity), so
that a page of groups is an indexed read even at 100,000 articles. They are kept
current from the history's own record of changed rows (an undo, a redo, another
window's decision: :func:`sync`), and rebuilt from the spans when something
wrote spans outside the history (an ingest). Like the events, they are never
part of the undo history and can always be rebuilt (:func:`rebuild`).
"""

from __future__ import annotations

import json
import string
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from desktop import history, review, store

OPERATIONS = ("accept", "reject", "relabel", "link")
ORDERS = ("mentions", "articles", "text")
STATE_KEY = "triage_state"  # meta: the history entry and the largest span id the counts reflect
# Past this many changed span rows since the counts were last brought up to date, one rebuild is
# cheaper than a probe per changed row.
DELTA_LIMIT = 20_000
CONTEXT_CHARS = 60  # characters of text shown on each side of a mention
# Below this many spans a recount takes well under a second (about 0.4 s at 200,000 spans): do it at once.
QUICK_REBUILD_SPANS = 200_000

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


class TriageError(ValueError):
    """A triage decision the data does not allow (unknown operation, no label, no entity...)."""


def norm(text: str | None) -> str:
    """The group key of a span's text: SQLite's ``lower()``, which folds ASCII letters only.

    >>> norm("MINSK"), norm("Минск")
    ('minsk', 'Минск')
    """
    return (text or "").translate(_ASCII_LOWER)


@dataclass(frozen=True)
class GroupKey:
    """What makes a group: a label and a normalised text (see :func:`norm`)."""

    label: str
    norm: str


@dataclass(frozen=True)
class Filters:
    """Which spans the queue shows: one status; optionally a label, an entity, a source, a text search.

    ``entity`` is an entity id, ``""`` for mentions linked to no entity, or None for any;
    ``search`` matches anywhere in the group's text, ignoring ASCII case.
    """

    status: str = "proposed"
    label: str | None = None
    entity: str | None = None
    source: str | None = None
    search: str | None = None


@dataclass(frozen=True)
class Group:
    """A row of the queue: ``text`` is a surface form as written; ``entities`` the linked ids ("" for none)."""

    key: GroupKey
    text: str
    mentions: int
    articles: int
    entities: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.key.label

    def describe(self) -> str:
        """``Minsk · GPE · 412 mentions in 380 articles``."""
        return (f"{self.text} · {self.label} · {self.mentions} mention{'s' if self.mentions != 1 else ''} "
                f"in {self.articles} article{'s' if self.articles != 1 else ''}")


@dataclass(frozen=True)
class Mention:
    """One span of a group with its article and the text around it."""

    id: int
    doc_id: int
    path: str
    title: str | None
    start: int
    end: int
    text: str
    label: str
    status: str
    source: str
    entity_id: str | None
    before: str
    after: str


@dataclass(frozen=True)
class Decision:
    """What a decision touched (or would touch): spans and distinct articles."""

    mentions: int
    articles: int


# ---------------------------------------------------------------- reading the queue


def groups(
    db: sqlite_utils.Database,
    filters: Filters | None = None,
    *,
    order: str = "mentions",
    descending: bool = True,
    limit: int = 50,
    offset: int = 0,
    rebuild: bool = True,
) -> list[Group]:
    """A page of the queue: groups under ``filters``, largest first by default.

    ``order`` is ``mentions``, ``articles`` or ``text``. Brings the counts up to
    date first (:func:`sync`; with ``rebuild=False`` a recount is left to the caller).
    """
    filters = filters or Filters()
    if order not in ORDERS:
        raise TriageError(f"order must be one of {ORDERS}")
    sync(db, rebuild=rebuild)
    # Ties go by text, and the other way round when ascending: the orders of the triage_groups indexes.
    first, then = ("desc", "asc") if descending else ("asc", "desc")
    sort = {"mentions": f"mentions {first}, norm {then}", "articles": f"articles {first}, norm {then}",
            "text": f"norm {'desc' if descending else 'asc'}, label"}[order]
    table, where, params, grouped = _summary_query(filters)
    if grouped:
        sql = (f"select label, norm, sum(mentions) as mentions, sum(articles) as articles, count(*) as parts"
               f" from {table} where {where} group by label, norm order by {sort} limit ? offset ?")
    else:
        sql = (f"select label, norm, mentions, articles, 1 as parts from {table} where {where}"
               f" order by {sort} limit ? offset ?")
    rows = list(db.query(sql, [*params, int(limit), int(offset)]))
    return [_group(db, filters, row) for row in rows]


def count_groups(db: sqlite_utils.Database, filters: Filters | None = None, *, rebuild: bool = True) -> int:
    """How many groups :func:`groups` pages through under ``filters``."""
    filters = filters or Filters()
    sync(db, rebuild=rebuild)
    table, where, params, grouped = _summary_query(filters)
    if grouped:
        sql = f"select count(*) from (select 1 from {table} where {where} group by label, norm)"
    else:
        sql = f"select count(*) from {table} where {where}"
    return db.execute(sql, params).fetchone()[0]


def group(db: sqlite_utils.Database, key: GroupKey, filters: Filters | None = None) -> Group | None:
    """One group under ``filters`` (its counts now), or None when it has no mention left."""
    filters = filters or Filters()
    sync(db)
    table, where, params, grouped = _summary_query(filters)
    rows = list(db.query(
        f"select label, norm, sum(mentions) as mentions, sum(articles) as articles, count(*) as parts from {table}"
        f" where {where} and label = ? and norm = ? group by label, norm",
        [*params, key.label, key.norm]))
    return _group(db, filters, rows[0]) if rows and rows[0]["mentions"] else None


def labels(db: sqlite_utils.Database, *, rebuild: bool = True) -> list[str]:
    """The labels the queue has groups of (any status), in order."""
    sync(db, rebuild=rebuild)
    found: set[str] = set()
    for status in store.SPAN_STATUSES:
        label = ""
        # One index probe per label ("the next label after this one"), not a scan of every group.
        while (label := db.execute("select min(label) from triage_groups where status = ? and label > ?",
                                   [status, label]).fetchone()[0]) is not None:
            found.add(label)
    return sorted(found)


def mentions(
    db: sqlite_utils.Database, key: GroupKey, filters: Filters | None = None, *, limit: int = 50, offset: int = 0
) -> list[Mention]:
    """A page of a group's mentions in their articles' context (by source, entity, article)."""
    filters = filters or Filters()
    where, params = _span_where(key, filters)
    rows = db.query(
        f"""select s.id, s.doc_id, s.start, s."end", s.text, s.label, s.status, s.source, s.entity_id,
                   d.path, d.title,
                   substr(d.text, max(s.start - {CONTEXT_CHARS}, 0) + 1, s.start - max(s.start - {CONTEXT_CHARS}, 0))
                     as before,
                   substr(d.text, s."end" + 1, {CONTEXT_CHARS}) as after
            from spans s join documents d on d.id = s.doc_id
            where {where} order by s.source, s.entity_id, s.doc_id, s.id limit ? offset ?""",
        [*params, int(limit), int(offset)])
    return [Mention(id=r["id"], doc_id=r["doc_id"], path=r["path"], title=r["title"], start=r["start"],
                    end=r["end"], text=r["text"], label=r["label"], status=r["status"], source=r["source"],
                    entity_id=r["entity_id"], before=r["before"] or "", after=r["after"] or "")
            for r in rows]


def selection(
    db: sqlite_utils.Database, key: GroupKey, filters: Filters | None = None, *, span_ids: Iterable[int] | None = None
) -> Decision:
    """How many mentions and articles a decision on ``key`` (or on ``span_ids`` of it) would touch."""
    rows = _selected(db, key, filters or Filters(), span_ids)
    return Decision(len(rows), len({doc_id for _span_id, doc_id in rows}))


# ---------------------------------------------------------------- deciding


def decide(
    db: sqlite_utils.Database,
    key: GroupKey,
    operation: str,
    *,
    filters: Filters | None = None,
    span_ids: Iterable[int] | None = None,
    label: str | None = None,
    entity_id: str | None = None,
    new_entity: tuple[str, str] | None = None,
) -> Decision:
    """Accept, reject, relabel (to ``label``) or link (to ``entity_id``, or a ``new_entity`` (name, label)) a group.

    Every mention of ``key`` under ``filters``, or only those of ``span_ids``,
    in ONE undoable action; returns what it touched. As in the article view, a
    relabelled or linked mention counts as accepted, and linking makes the
    group's text an alias of the entity.
    """
    filters = filters or Filters()
    if operation not in OPERATIONS:
        raise TriageError(f"operation must be one of {OPERATIONS}")
    if operation == "relabel" and not label:
        raise TriageError("relabelling needs a label")
    if operation == "link":
        if new_entity is None and not entity_id:
            raise TriageError("linking needs an entity")
        if new_entity is not None and not (new_entity[0] or "").strip():
            raise TriageError("a new entity needs a name")
        if entity_id and store.get_row(db, "entities", entity_id) is None:
            raise TriageError(f"no entity {entity_id!r}")
    rows = _selected(db, key, filters, span_ids)
    if not rows:
        return Decision(0, 0)
    doc_ids = sorted({doc_id for _span_id, doc_id in rows})
    text = _surface(db, key, filters)
    target = {"accept": "", "reject": "", "relabel": f" -> {label}",
              "link": f" -> {new_entity[0] if new_entity else entity_id}"}[operation]
    summary = f"{operation} {len(rows)} × {text!r} ({key.label}){target} in {len(doc_ids)} articles"
    with history.action(db, f"triage {operation}", summary=summary) as act:
        if operation == "link" and new_entity is not None:
            entity_id = review.new_entity_id(db, new_entity[0])
            review.insert_entity(act, entity_id, new_entity[0].strip(), new_entity[1] or key.label, None)
        fields: dict[str, Any] = {"status": "rejected" if operation == "reject" else "accepted", "flag": None}
        if operation == "relabel":
            fields["label"] = label
        if operation == "link":
            fields["entity_id"] = entity_id
        for span_id, _doc_id in rows:
            act.update("spans", span_id, **fields)
        if operation == "link":
            _add_alias(act, db, entity_id, text)
        for doc_id in _new_documents(db, doc_ids):
            act.update("documents", doc_id, status="in review")
    sync(db, rebuild=False)  # the counts follow the decision; a recount already due stays the caller's
    return Decision(len(rows), len(doc_ids))


def _add_alias(act: history.Action, db: sqlite_utils.Database, entity_id: str, text: str) -> None:
    alias = store.normalise_alias(text)
    if alias and not store.alias_exists(db, alias, entity_id):
        act.insert("aliases", {"alias": alias, "entity_id": entity_id, "source": "analyst"})
        entity = store.get_row(db, "entities", entity_id)
        act.update("entities", entity_id, aliases=sorted(set(entity["aliases"] or []) | {text}))


def _new_documents(db: sqlite_utils.Database, doc_ids: list[int]) -> list[int]:
    # The first decision on a new article puts it "in review" (as in desktop.review, for many at once).
    found: list[int] = []
    for chunk in _chunks(doc_ids, 500):
        found += [r["id"] for r in db.query(
            f"select id from documents where status = 'new' and id in ({', '.join('?' * len(chunk))})", chunk)]
    return found


def _selected(db: sqlite_utils.Database, key: GroupKey, filters: Filters,
              span_ids: Iterable[int] | None) -> list[tuple[int, int]]:
    """``[(span id, doc id)]`` of the mentions a decision covers, in index order."""
    where, params = _span_where(key, filters)
    if span_ids is None:
        return [(r[0], r[1]) for r in db.execute(f"select s.id, s.doc_id from spans s where {where}", params)]
    rows: list[tuple[int, int]] = []
    for chunk in _chunks(sorted(set(span_ids)), 500):
        # Only ids still in the group: a stale selection never decides a span that left it.
        rows += [(r[0], r[1]) for r in db.execute(
            f"select s.id, s.doc_id from spans s where {where} and s.id in ({', '.join('?' * len(chunk))})",
            [*params, *chunk])]
    return rows


def _chunks(values: list, size: int) -> Iterable[list]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


# ---------------------------------------------------------------- queries


def _span_where(key: GroupKey, filters: Filters) -> tuple[str, list[Any]]:
    # These three comparisons are the leading columns of the spans_triage index, lower(text) included.
    where = ["s.status = ?", "s.label = ?", "lower(s.text) = ?"]
    params: list[Any] = [filters.status, key.label, key.norm]
    if filters.source:
        where.append("s.source = ?")
        params.append(filters.source)
    if filters.entity is not None:
        where.append("coalesce(s.entity_id, '') = ?")
        params.append(filters.entity)
    return " and ".join(where), params


def _summary_query(filters: Filters) -> tuple[str, str, list[Any], bool]:
    """(table, where, params, grouped): the whole-group counts, or the parts when source or entity filter them."""
    grouped = bool(filters.source) or filters.entity is not None
    where, params = ["status = ?"], [filters.status]
    if filters.label:
        where.append("label = ?")
        params.append(filters.label)
    if filters.source:
        where.append("source = ?")
        params.append(filters.source)
    if filters.entity is not None:
        where.append("entity_id = ?")
        params.append(filters.entity)
    if filters.search and filters.search.strip():
        escaped = norm(filters.search.strip()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("norm like ? escape '\\'")
        params.append(f"%{escaped}%")
    return ("triage_parts" if grouped else "triage_groups"), " and ".join(where), params, grouped


def _group(db: sqlite_utils.Database, filters: Filters, row: dict[str, Any]) -> Group:
    key = GroupKey(row["label"], row["norm"])
    articles = row["articles"]
    if row["parts"] > 1:
        # Parts of one group (two sources, or linked and unlinked) can share an article: count it once.
        where, params = _span_where(key, filters)
        articles = db.execute(f"select count(distinct s.doc_id) from spans s where {where}", params).fetchone()[0]
    parts = list(db.query(
        "select source, entity_id, sum(mentions) as n from triage_parts where status = ? and label = ? and norm = ?"
        " group by source, entity_id order by n desc", [filters.status, key.label, key.norm]))
    return Group(key=key, text=_surface(db, key, filters), mentions=row["mentions"], articles=articles,
                 entities=tuple(dict.fromkeys(p["entity_id"] for p in parts)),
                 sources=tuple(dict.fromkeys(p["source"] for p in parts)))


def _surface(db: sqlite_utils.Database, key: GroupKey, filters: Filters) -> str:
    """How the group is written: the commonest form among its first mentions, mixed case before capitals."""
    where, params = _span_where(key, filters)
    forms = Counter(r[0] for r in db.execute(f"select s.text from spans s where {where} limit 20", params))
    if not forms:
        return key.norm
    return max(forms, key=lambda form: (not form.isupper(), forms[form], form))


# ---------------------------------------------------------------- keeping the counts current


def rebuild(db: sqlite_utils.Database) -> None:
    """Recount every group from the spans (both derived tables), in one transaction."""
    with store.write_transaction(db):
        _rebuild(db)


def quick_to_rebuild(db: sqlite_utils.Database) -> bool:
    """Whether a recount is quick enough to run on the GUI thread (a small project)."""
    return _max_span_id(db) < QUICK_REBUILD_SPANS


def rebuild_steps(db_path: str | Path, cancelled: Callable[[], bool] = lambda: False) -> Iterator[str]:
    """Recount on this thread's own connection (a worker's): yields ``"recounting"``, then ``"rebuilt"``.

    Two SQL statements do the work, so there is nothing to stop half-way:
    ``cancelled`` is asked once, before they start.
    """
    yield "recounting"
    if cancelled():
        return
    db = store.open_db(db_path)
    try:
        rebuild(db)
    finally:
        db.close()
    yield "rebuilt"


def _rebuild(db: sqlite_utils.Database) -> None:
    db.execute("delete from triage_groups")
    db.execute("delete from triage_parts")
    # Both statements read the spans_triage index in its order: no sort, no table lookups.
    db.execute("""insert into triage_groups (status, label, norm, mentions, articles)
                  select status, label, lower(text), count(*), count(distinct doc_id) from spans
                  group by status, label, lower(text)""")
    db.execute("""insert into triage_parts (status, label, norm, source, entity_id, mentions, articles)
                  select status, label, lower(text), source, coalesce(entity_id, ''), count(*),
                         count(distinct doc_id)
                  from spans group by status, label, lower(text), source, entity_id""")
    _save_state(db, store.latest_action_id(db), _max_span_id(db))


def sync(db: sqlite_utils.Database, *, rebuild: bool = True) -> str:
    """Bring the counts up to date: ``"current"``, ``"updated"`` (from the history) or ``"rebuilt"``.

    With ``rebuild=False`` a recount from the spans is not done here: ``"stale"``
    says one is due (the window runs :func:`rebuild_steps` off the GUI thread).
    ``"held"``: the counts stay as last written while the project's damage check
    runs (``store.open_db(check_later=True)``), since a write would wait for it.
    """
    state = _state(db)
    if state is not None and state == (store.latest_action_id(db), _max_span_id(db)):
        return "current"
    if store.pending_check(db) is not None:
        return "held"
    with store.write_transaction(db):
        state = _state(db)  # again, under the write lock: another window may have synced meanwhile
        latest, max_span = store.latest_action_id(db), _max_span_id(db)
        if state == (latest, max_span):
            return "current"
        changes = _span_changes_since(db, state[0]) if state is not None else None
        if changes is None or len(changes) > DELTA_LIMIT or _written_outside_history(db, state[1], changes):
            if not rebuild:
                return "stale"
            _rebuild(db)
            return "rebuilt"
        _apply_changes(db, changes)
        _save_state(db, latest, max_span)
    return "updated"


def _state(db: sqlite_utils.Database) -> tuple[int, int] | None:
    raw = store.get_meta(db, STATE_KEY)
    if not raw:
        return None
    try:
        value = json.loads(raw)
        return int(value["action"]), int(value["max_span"])
    except (ValueError, KeyError, TypeError):
        return None


def _save_state(db: sqlite_utils.Database, action_id: int, max_span: int) -> None:
    store.set_meta(db, STATE_KEY, json.dumps({"action": action_id, "max_span": max_span}))


def _max_span_id(db: sqlite_utils.Database) -> int:
    return db.execute("select coalesce(max(id), 0) from spans").fetchone()[0]


def _span_changes_since(db: sqlite_utils.Database, action_id: int) -> list[tuple[dict | None, dict | None]] | None:
    """The span rows the history changed after ``action_id`` as (before, after), in order; None after a system entry."""
    actions = list(db.query("select id, kind, target from actions where id > ? order by id", [action_id]))
    if any(a["kind"] == "system" for a in actions):
        return None  # an ingest or import wrote spans the history does not hold
    wanted = sorted({a["target"] if a["kind"] in ("undo", "redo") else a["id"] for a in actions})
    by_action: dict[int, list[tuple[dict | None, dict | None]]] = {}
    for chunk in _chunks(wanted, 500):
        for r in db.query(
            f"select action_id, before, after from changes where tbl = 'spans'"
            f" and action_id in ({', '.join('?' * len(chunk))}) order by id", chunk,
        ):
            by_action.setdefault(r["action_id"], []).append(
                (json.loads(r["before"]) if r["before"] else None, json.loads(r["after"]) if r["after"] else None))
    result: list[tuple[dict | None, dict | None]] = []
    for a in actions:
        if a["kind"] == "undo":
            result += [(after, before) for before, after in reversed(by_action.get(a["target"], []))]
        else:
            result += by_action.get(a["target"] if a["kind"] == "redo" else a["id"], [])
    return result


def _written_outside_history(db: sqlite_utils.Database, max_span: int, changes) -> bool:
    """True when spans beyond ``max_span`` exist that no change of the history inserted (an ingest's)."""
    known = {after["id"] for _before, after in changes if after is not None}
    newer = [r[0] for r in db.execute("select id from spans where id > ? limit ?", [max_span, DELTA_LIMIT + 1])]
    return any(span_id not in known for span_id in newer)


def _apply_changes(db: sqlite_utils.Database, changes: list[tuple[dict | None, dict | None]]) -> None:
    """Move the counts by what ``changes`` did; the spans already hold the result."""
    # Net change of mentions per (group, article) and per (group part, article); a row whose
    # grouping columns did not move (a resize within the same text, a flag) nets to zero.
    per_group: Counter = Counter()
    per_part: Counter = Counter()
    for before, after in changes:
        for row, sign in ((before, -1), (after, 1)):
            if row is None:
                continue
            group_key = (row["status"], row["label"], norm(row.get("text")))
            per_group[(group_key, row["doc_id"])] += sign
            per_part[((*group_key, row.get("source") or "", row.get("entity_id") or ""), row["doc_id"])] += sign
    group_delta: dict[tuple, list[int]] = {}
    for (group_key, doc_id), delta in per_group.items():
        if delta == 0:
            continue
        status, label, text = group_key
        # The doc_id index, not spans_triage (the unary + keeps status out of the plan): an article's few spans.
        now = db.execute("select count(*) from spans where doc_id = ? and +status = ? and label = ?"
                         " and lower(text) = ?", [doc_id, status, label, text]).fetchone()[0]
        entry = group_delta.setdefault(group_key, [0, 0])
        entry[0] += delta
        entry[1] += (now > 0) - (now - delta > 0)
    part_delta: dict[tuple, list[int]] = {}
    for (part_key, doc_id), delta in per_part.items():
        if delta == 0:
            continue
        status, label, text, source, entity_id = part_key
        now = db.execute("select count(*) from spans where doc_id = ? and +status = ? and label = ?"
                         " and lower(text) = ? and source = ? and coalesce(entity_id, '') = ?",
                         [doc_id, status, label, text, source, entity_id]).fetchone()[0]
        entry = part_delta.setdefault(part_key, [0, 0])
        entry[0] += delta
        entry[1] += (now > 0) - (now - delta > 0)
    for key, (mentions_delta, articles_delta) in group_delta.items():
        db.execute("""insert into triage_groups (status, label, norm, mentions, articles) values (?, ?, ?, ?, ?)
                      on conflict (status, label, norm) do update
                      set mentions = mentions + excluded.mentions, articles = articles + excluded.articles""",
                   [*key, mentions_delta, articles_delta])
        db.execute("delete from triage_groups where status = ? and label = ? and norm = ? and mentions <= 0", list(key))
    for key, (mentions_delta, articles_delta) in part_delta.items():
        db.execute("""insert into triage_parts (status, label, norm, source, entity_id, mentions, articles)
                      values (?, ?, ?, ?, ?, ?, ?)
                      on conflict (status, label, norm, source, entity_id) do update
                      set mentions = mentions + excluded.mentions, articles = articles + excluded.articles""",
                   [*key, mentions_delta, articles_delta])
        db.execute("delete from triage_parts where status = ? and label = ? and norm = ? and source = ?"
                   " and entity_id = ? and mentions <= 0", list(key))


__all__ = ["Decision", "Filters", "Group", "GroupKey", "Mention", "TriageError", "count_groups", "decide", "group",
           "groups", "labels", "mentions", "norm", "rebuild", "rebuild_steps", "selection", "sync"]
