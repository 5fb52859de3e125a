"""The append-only change history that undo and redo replay.

>>> from desktop.store import open_db, insert_document
>>> db = open_db(":memory:")
>>> doc = insert_document(db, path="a.txt", hash="h", text="x")
>>> with action(db, "set title", doc_id=doc) as act:
...     _ = act.update("documents", doc, title="A")
>>> undo(db)["op"]
'set title'

Every analyst operation runs inside :func:`action`: one SQLite transaction
that writes the rows and records, for each row touched, the whole row before
and after. :func:`undo` writes the "before" rows back and :func:`redo` the
"after" rows, each as a new entry of the log, so the log is never rewritten
and undo survives a restart. ``actions.state`` is a derived index of the log
(done / undone / dropped) kept in the same transaction so that finding the
next action to undo is one indexed query.

Only what the analyst's operations wrote is recorded, so undo and redo check
only those rows: derived data (the merged events) is brought up to date by
:func:`desktop.events.update_events` in the same transaction, when the write
changed what the merge reads, and never enters the log. A change recorded before a column was dropped (``facts.event_id``
before m003) replays without it; one recorded before a column was added
leaves that column as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlite_utils

from desktop import store

UNDOABLE_TABLES = ("documents", "spans", "entities", "aliases", "facts")


class HistoryError(Exception):
    """An undo or redo that cannot be applied (nothing to undo, or changed elsewhere)."""


def _pk(table: str) -> tuple[str, ...]:
    return ("alias", "entity_id") if table == "aliases" else ("id",)


def _key(table: str, row_id: Any) -> str:
    return json.dumps(row_id if isinstance(row_id, (list, tuple)) else [row_id])


def _fetch(db: sqlite_utils.Database, table: str, row_id: Any) -> dict[str, Any] | None:
    pk = _pk(table)
    values = list(row_id) if isinstance(row_id, (list, tuple)) else [row_id]
    where = " and ".join(f"[{c}] = ?" for c in pk)
    rows = list(db.query(f"select * from [{table}] where {where}", values))
    return dict(rows[0]) if rows else None


class Action:
    """The recorder handed out by :func:`action`; every write goes through it."""

    def __init__(self, db: sqlite_utils.Database, action_id: int):
        self.db = db
        self.id = action_id
        self.changes = 0
        self.fact_ids: set[int] = set()  # facts written: the events follow if they changed what the merge reads

    def _record(self, table: str, row_id: Any, before: dict | None, after: dict | None) -> None:
        if before == after:
            return
        self.db["changes"].insert(
            {
                "action_id": self.id,
                "tbl": table,
                "row_id": _key(table, row_id),
                "before": json.dumps(before, ensure_ascii=False) if before is not None else None,
                "after": json.dumps(after, ensure_ascii=False) if after is not None else None,
            }
        )
        self.changes += 1
        if table == "facts":
            self.fact_ids.add(row_id)

    def insert(self, table: str, row: dict[str, Any]) -> Any:
        """Insert a row; returns its primary key."""
        row = store.encode(table, row)
        pk = _pk(table)
        if pk == ("id",):
            inserted = self.db[table].insert(row).last_pk
            # Text-keyed tables (entities) report the rowid as last_pk: key the change by the row's own id.
            row_id = row["id"] if row.get("id") is not None else inserted
        else:
            self.db[table].insert(row, pk=pk)
            row_id = [row[c] for c in pk]
        self._record(table, row_id, None, _fetch(self.db, table, row_id))
        return row_id

    def update(self, table: str, row_id: Any, **fields: Any) -> dict[str, Any]:
        """Update columns of one row; returns the row after."""
        before = _fetch(self.db, table, row_id)
        if before is None:
            raise HistoryError(f"no row {row_id!r} in {table}")
        fields = store.encode(table, fields)
        if table == "documents" and "updated_at" not in fields:
            fields["updated_at"] = store.now()
        self.db[table].update(row_id, fields)
        after = _fetch(self.db, table, row_id)
        self._record(table, row_id, before, after)
        return after

    def delete(self, table: str, row_id: Any) -> None:
        """Delete one row."""
        before = _fetch(self.db, table, row_id)
        if before is None:
            return
        self.db[table].delete(row_id)
        self._record(table, row_id, before, None)


@contextmanager
def action(db: sqlite_utils.Database, op: str, *, summary: str = "", doc_id: int | None = None) -> Iterator[Action]:
    """Run one analyst operation as one transaction with its history entry.

    A new action clears the redo branch, as in any editor.
    """
    with store.write_transaction(db):
        action_id = db["actions"].insert(
            {"ts": store.now(), "op": op, "summary": summary or op, "kind": "do", "state": "done", "doc_id": doc_id}
        ).last_pk
        act = Action(db, action_id)
        yield act
        if act.changes == 0:
            # Nothing changed: leave no trace and keep the redo branch.
            db.execute("delete from actions where id = ?", [action_id])
            return
        db.execute("update actions set state = 'dropped' where kind = 'do' and state = 'undone'")
        _follow_events(db, act.fact_ids)


def _follow_events(db: sqlite_utils.Database, fact_ids: set[int]) -> None:
    # Merge only when this write queued one of its facts (a confirm or a span decision does not):
    # while an ingest runs, the facts of its committed batches wait for its end-of-run merge
    # instead of making every decision of the analyst pay for them.
    if fact_ids and store.any_dirty_fact(db, fact_ids):
        # Imported here: desktop.events needs desktop.facts, whose operations need this module.
        from desktop.events import update_events

        update_events(db)


def log_system(db: sqlite_utils.Database, op: str, summary: str) -> None:
    """Record a non-undoable event (an ingest run, an import) in the log."""
    with store.write_transaction(db):
        db["actions"].insert({"ts": store.now(), "op": op, "summary": summary, "kind": "system", "state": None})


# direction: (the side the row must look like now, the side written, the state the action takes)
_DIRECTIONS = {"undo": ("after", "before", "undone"), "redo": ("before", "after", "done")}


def _columns(db: sqlite_utils.Database, table: str, cache: dict[str, set[str]]) -> set[str]:
    if table not in cache:
        cache[table] = {c.name for c in db[table].columns}
    return cache[table]


def _side(change: dict[str, Any], side: str, columns: set[str]) -> dict[str, Any] | None:
    row = json.loads(change[side]) if change[side] else None
    return None if row is None else {k: v for k, v in row.items() if k in columns}


def _apply(db: sqlite_utils.Database, changes: list[dict[str, Any]], *, direction: str) -> None:
    """Write the 'before' (undo) or 'after' (redo) side of each change, checking for conflicts.

    A row conflicts when its recorded columns differ from what the other side
    recorded: someone else changed what this action wrote.
    """
    expect_side, write_side, _state = _DIRECTIONS[direction]
    columns: dict[str, set[str]] = {}
    for change in reversed(changes) if direction == "undo" else changes:
        table = change["tbl"]
        known = _columns(db, table, columns)
        expected, target = _side(change, expect_side, known), _side(change, write_side, known)
        if expected == target:
            continue  # it changed only columns that are gone (derived data before m003)
        row_id = json.loads(change["row_id"])
        row_id = row_id[0] if len(row_id) == 1 else row_id
        current = _fetch(db, table, row_id)
        recorded = set((expected or target or {}).keys())
        if _comparable(table, current, recorded) != _comparable(table, expected, recorded):
            raise HistoryError(
                f"cannot {direction} '{change['op']}': the {table[:-1]} was changed since (by another window?)"
            )
        if target is None:
            db[table].delete(row_id)
        elif current is None:
            db[table].insert(target, pk=_pk(table) if len(_pk(table)) > 1 else "id")
        else:
            db[table].update(row_id, target)


def _comparable(table: str, row: dict | None, columns: set[str]) -> dict | None:
    # Compare only the columns the change recorded; updated_at moves on every write and would turn
    # every undo into a conflict.
    if row is None:
        return None
    return {k: v for k, v in row.items() if k in columns and not (table == "documents" and k == "updated_at")}


def _changes(db: sqlite_utils.Database, action_id: int, op: str) -> list[dict[str, Any]]:
    return [
        dict(r, op=op) for r in db.query("select * from changes where action_id = ? order by id", [action_id])
    ]


def undoable(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Actions that undo would revert, most recent first."""
    return list(db.query("select * from actions where kind = 'do' and state = 'done' order by id desc"))


def redoable(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Actions that redo would re-apply, next first (reverse order of their undoing)."""
    return list(
        db.query(
            """select a.* from actions a
               join (select target, max(id) as undone_at from actions where kind = 'undo' group by target) u
                 on u.target = a.id
               where a.kind = 'do' and a.state = 'undone' order by u.undone_at desc"""
        )
    )


def _replay(db: sqlite_utils.Database, direction: str) -> dict[str, Any] | None:
    """Undo or redo the next action: its rows, its log entry and the events, in one transaction."""
    with store.write_transaction(db):
        candidates = undoable(db) if direction == "undo" else redoable(db)
        if not candidates:
            return None
        target = candidates[0]
        changes = _changes(db, target["id"], target["op"])
        _apply(db, changes, direction=direction)
        db["actions"].insert(
            {"ts": store.now(), "op": target["op"], "summary": f"{direction} {target['summary']}", "kind": direction,
             "target": target["id"], "doc_id": target["doc_id"]}
        )
        db.execute("update actions set state = ? where id = ?", [_DIRECTIONS[direction][2], target["id"]])
        _follow_events(db, {json.loads(c["row_id"])[0] for c in changes if c["tbl"] == "facts"})
        return target


def undo(db: sqlite_utils.Database) -> dict[str, Any] | None:
    """Revert the most recent action still done; returns it, or None if nothing to undo."""
    return _replay(db, "undo")


def redo(db: sqlite_utils.Database) -> dict[str, Any] | None:
    """Re-apply the most recently undone action; returns it, or None if nothing to redo."""
    return _replay(db, "redo")


def log(db: sqlite_utils.Database, *, limit: int = 100) -> list[dict[str, Any]]:
    """The most recent entries of the log (audit trail), newest first."""
    return list(db.query("select * from actions order by id desc limit ?", [limit]))
