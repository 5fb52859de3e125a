"""The project's problems: files skipped and why, articles whose facts failed and why, jobs that failed.

>>> from desktop.store import open_db
>>> db = open_db(":memory:")
>>> report(db, SKIPPED, "broken.html", "not UTF-8, cp1251 or latin-1 text")
>>> [(p["kind"], p["path"]) for p in list_problems(db)]
[('skipped', 'broken.html')]
>>> clear(db, SKIPPED)
>>> count(db)
0

A problem is kept in the database (so it survives a restart and the window can
show it on the article) until what caused it is gone: a file skipped by the
last ingest, an article whose facts failed until its next successful
extraction, a background job until it runs again without failing. One row per
kind and path: reporting again replaces the message.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from desktop import store

SKIPPED = "skipped"  # a file ingest could not read (path relative to the folder)
FACTS = "facts"  # an article whose fact extraction raised
JOB = "job"  # a background job that failed (path: the job's name)
KINDS = (SKIPPED, FACTS, JOB)


def report(db: sqlite_utils.Database, kind: str, path: str, message: str, *, doc_id: int | None = None) -> None:
    """Record (or update) a problem; written at once."""
    if kind not in KINDS:
        raise ValueError(f"problem kind must be one of {', '.join(KINDS)}, not {kind!r}")
    with store.write_transaction(db):
        db.execute(
            "INSERT INTO problems (kind, path, doc_id, message, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (kind, path) DO UPDATE SET doc_id = excluded.doc_id, message = excluded.message, "
            "at = excluded.at", [kind, path, doc_id, message, store.now()])


def clear(db: sqlite_utils.Database, kind: str, path: str | None = None, *, doc_ids: list[int] | None = None) -> None:
    """Forget the problems of a kind: all of them, one path's, or those of some documents."""
    with store.write_transaction(db):
        if doc_ids is not None:
            for i in range(0, len(doc_ids), 500):
                chunk = doc_ids[i:i + 500]
                db.execute(f"DELETE FROM problems WHERE kind = ? AND doc_id IN ({','.join('?' * len(chunk))})",
                           [kind, *chunk])
        elif path is not None:
            db.execute("DELETE FROM problems WHERE kind = ? AND path = ?", [kind, path])
        else:
            db.execute("DELETE FROM problems WHERE kind = ?", [kind])


def list_problems(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every problem, newest first; ``doc_id`` is also filled for a file that is a document (to open it)."""
    return list(db.query(
        "SELECT p.id, p.kind, p.path, coalesce(p.doc_id, d.id) AS doc_id, p.message, p.at FROM problems p "
        "LEFT JOIN documents d ON d.path = p.path ORDER BY p.at DESC, p.id DESC"))


def count(db: sqlite_utils.Database) -> int:
    """How many problems there are."""
    return db.execute("SELECT count(*) FROM problems").fetchone()[0]


def for_documents(db: sqlite_utils.Database) -> dict[int, str]:
    """``{doc_id: message}`` of the articles whose facts failed (the document list marks them)."""
    return {r["doc_id"]: r["message"] for r in db.query(
        "SELECT doc_id, message FROM problems WHERE kind = ? AND doc_id IS NOT NULL", [FACTS])}
