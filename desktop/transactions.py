"""One writer discipline: every write transaction takes SQLite's write lock first, waiting its turn.

>>> import sqlite_utils
>>> db = sqlite_utils.Database(memory=True)
>>> with immediate(db):
...     _ = db["notes"].insert({"text": "one"})
>>> db["notes"].count
1

Several processes write one project at once: an ingest, the window, a CLI
import or review. SQLite lets one of them write at a time. A transaction
opened with a plain ``BEGIN`` reads first and asks for the write lock later;
when another connection committed in between, that upgrade fails at once
with "database is locked" (SQLite cannot wait: the reader's snapshot is
stale), whatever the busy timeout. :func:`immediate` opens every write
transaction with ``BEGIN IMMEDIATE`` instead, so the only wait is for the
lock itself, before anything was read. It waits SQLite's busy timeout per
attempt and retries with a jittered back-off, up to :data:`WAIT_SECONDS` in
all; then :class:`DatabaseBusy` says who to blame, in one line. Nested use
becomes a savepoint of the enclosing transaction.

Tests run with ``ARTICLE_REVIEW_CHECK_WRITES=1`` (``tests/conftest.py``): every
connection :func:`desktop.store.open_db` makes then refuses a write inside a
transaction :func:`immediate` did not open (:func:`guard`), so a stray deferred
transaction fails loudly in the suite instead of once in ten thousand runs.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import time
import contextlib
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import sqlite_utils

# The longest a writer waits for the lock in all (its attempts and back-off) before giving up.
WAIT_SECONDS = 30.0
BACKOFF_FIRST = 0.01  # seconds before the second attempt; doubles up to BACKOFF_MAX, jittered
BACKOFF_MAX = 0.5
CHECK_ENV = "ARTICLE_REVIEW_CHECK_WRITES"

# Connections (by id) inside a transaction immediate() opened; only ever touched by their own thread.
_OURS: set[int] = set()

_WRITES = frozenset({
    sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE,
    sqlite3.SQLITE_CREATE_TABLE, sqlite3.SQLITE_CREATE_INDEX, sqlite3.SQLITE_CREATE_TRIGGER,
    sqlite3.SQLITE_CREATE_VIEW, sqlite3.SQLITE_CREATE_VTABLE, sqlite3.SQLITE_DROP_TABLE,
    sqlite3.SQLITE_DROP_INDEX, sqlite3.SQLITE_DROP_TRIGGER, sqlite3.SQLITE_DROP_VIEW,
    sqlite3.SQLITE_DROP_VTABLE, sqlite3.SQLITE_ALTER_TABLE, sqlite3.SQLITE_REINDEX, sqlite3.SQLITE_ANALYZE,
})


class DatabaseBusy(sqlite3.OperationalError):
    """Another process held the write lock longer than :data:`WAIT_SECONDS`.

    An ``OperationalError`` whose message says "database is locked", so every
    handler that turns a locked database into one line handles it too.
    """


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite's "database is locked" / "database is busy" (worth waiting out)."""
    if not isinstance(exc, sqlite3.OperationalError) or isinstance(exc, DatabaseBusy):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


def _backoff(attempt: int) -> float:
    # Full jitter: writers that collided do not all come back at the same moment.
    return random.uniform(0, min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** attempt))


def _retrying(step, what: str, wait: float) -> None:
    """Run ``step()`` until it stops being busy or ``wait`` seconds have passed."""
    started = time.monotonic()
    attempt = 0
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            waited = time.monotonic() - started
            if waited >= wait:
                raise DatabaseBusy(
                    f"database is locked: another process (an ingest, a window, an import) kept the project busy "
                    f"for {waited:.0f} s; nothing was changed ({what}), try again") from exc
            time.sleep(min(_backoff(attempt), max(0.0, wait - waited)))
            attempt += 1


@contextmanager
def immediate(db: sqlite_utils.Database, *, wait: float | None = None) -> Iterator[sqlite_utils.Database]:
    """One write transaction started with ``BEGIN IMMEDIATE``; busy is retried for up to ``wait`` seconds.

    Inside another transaction it is a savepoint of that one. The body runs
    once: once the lock is held, nothing in it waits on another writer.
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    before_write = getattr(db, "before_write", None)  # the store's: refuses a file removed or replaced since
    if before_write is not None:
        before_write()
    wait = WAIT_SECONDS if wait is None else wait
    _retrying(lambda: conn.execute("BEGIN IMMEDIATE"), "starting a write", wait)
    _OURS.add(id(conn))
    try:
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        # In WAL mode a commit needs no other lock; in rollback-journal mode it waits for readers.
        _retrying(conn.commit, "committing", wait)
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    finally:
        _OURS.discard(id(conn))


F = TypeVar("F", bound=Callable[..., Any])


def writes(function: F) -> F:
    """Decorate a store function whose first argument is the database: it runs in :func:`immediate`.

    Called alone it is one write transaction; called inside one it is a savepoint of it.
    """

    @functools.wraps(function)
    def wrapper(db: sqlite_utils.Database, *args: Any, **kwargs: Any) -> Any:
        with immediate(db):
            return function(db, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def in_immediate(conn: sqlite3.Connection) -> bool:
    """Whether ``conn`` is inside a transaction :func:`immediate` opened."""
    return id(conn) in _OURS and conn.in_transaction


def checking() -> bool:
    """Whether connections are to refuse writes outside :func:`immediate` (``ARTICLE_REVIEW_CHECK_WRITES``)."""
    return os.environ.get(CHECK_ENV, "") not in ("", "0")


_SCHEMA_TABLES = ("sqlite_master", "sqlite_schema")
_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep
_PASSING = (os.path.dirname(os.path.abspath(sqlite_utils.__file__)) + os.sep, os.path.abspath(__file__),
            os.path.abspath(contextlib.__file__))


def _written_by_the_application() -> bool:
    """Whether the code that wrote (the first caller outside sqlite-utils and this module) is the application's.

    A test that plants rows behind the application's back (another process, an old version) may.
    """
    frame = sys._getframe(2)
    while frame is not None:
        name = os.path.abspath(frame.f_code.co_filename)
        if not name.startswith(_PASSING):
            return name.startswith(_PACKAGE)
        frame = frame.f_back
    return False


def guard(conn: sqlite3.Connection) -> None:
    """Make ``conn`` refuse every write inside a transaction that :func:`immediate` did not open.

    A deferred ``BEGIN`` that writes is the upgrade that fails under a second
    writer (sqlite-utils opens one around every lone ``insert``/``update``).
    Only the application's own code (``desktop/``) is held to it: a test that
    plants rows behind its back, as another program would, passes. SQLite asks the
    authorizer when it prepares a statement: ``conn`` must be opened with
    ``cached_statements=0`` for every execution to be checked.
    """

    def authorize(action: int, table: str | None, _arg2, database: str | None, _trigger) -> int:
        # An FTS5 table being connected asks about sqlite_master; a real schema change has its own action.
        if (action in _WRITES and database != "temp" and table not in _SCHEMA_TABLES
                and conn.in_transaction and id(conn) not in _OURS):
            return sqlite3.SQLITE_DENY if _written_by_the_application() else sqlite3.SQLITE_OK
        return sqlite3.SQLITE_OK

    conn.set_authorizer(authorize)
