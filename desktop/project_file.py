"""A project file before and while it is open: what it is, and the one line a user gets for its failures.

>>> print(database_error(sqlite3.DatabaseError("file is not a database"), "notes.sqlite"))
notes.sqlite is not an Article Review database (not SQLite)

:func:`inspect_file` refuses, before anything is written to it, a file that is not ours, is newer than this
version, or is damaged (``PRAGMA quick_check``, on open or beside it through :mod:`desktop.file_check`);
:func:`before_write` is the hook every write of a connection passes (held until the check passed, refused
once the file is gone). :func:`desktop.store.open_db` assembles them; the queries are in :mod:`desktop.store`.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

from desktop import file_check, schema, transactions
from desktop.file_check import CheckLater, PendingCheck

log = logging.getLogger(__name__)


class StoreError(Exception):
    """A database that cannot be used: not SQLite, locked, newer schema..."""


def recover_hint(path: Path | str) -> str:
    path = Path(path)
    return (f"restore your last snapshot (article-review export --what project), or recover what is left with: "
            f"sqlite3 {path} .recover | sqlite3 {path.with_name(path.stem + '-recovered.sqlite')}")


# What the one line for a database another process keeps locked says (nothing can be written meanwhile).
HELD = "is held by another process"


def database_error(exc: sqlite3.DatabaseError, path: Path | str) -> StoreError:
    """The one line a user gets for an SQLite error on the database at ``path``."""
    message = str(exc)
    if "not a database" in message or "file is encrypted" in message:
        return StoreError(f"{path} is not an Article Review database (not SQLite)")
    if "locked" in message or "busy" in message:
        return StoreError(f"{path} {HELD} (database is locked); close it and retry")
    if "readonly" in message or "read-only" in message:
        return StoreError(f"{path} is read-only: the change was not saved; make the file writable or work on a copy")
    if "disk is full" in message:
        return StoreError(f"{path}: the disk is full ({message}); the change that failed was not saved, "
                          "free some space and retry")
    if "malformed" in message or "corrupt" in message or "no such table" in message or "no such column" in message:
        return StoreError(f"{path} is damaged ({message}); {recover_hint(path)}")
    return StoreError(f"cannot use {path}: {message}")


def read_only_reason(path: Path) -> str | None:
    """Why the file may not be changed, or None: its permissions or its folder's (SQLite writes its journal
    beside it). Read-only bits count even for root, who could write anyway: the user made it read-only."""
    if not (path.stat().st_mode & 0o222 and os.access(path, os.W_OK)):
        return f"{path} is read-only"
    folder = path.parent
    if not (folder.stat().st_mode & 0o222 and os.access(folder, os.W_OK)):
        return f"{path} is in a read-only folder ({folder})"
    return None


def connect(path: Path | str, timeout: float, *, read_only: bool, immutable: bool | None = None) -> sqlite3.Connection:
    """A connection; read-only ones leave no ``-wal``/``-shm`` files behind when there is no WAL to read."""
    if not read_only:
        conn = sqlite3.connect(str(path), timeout=timeout, check_same_thread=False,
                               **({"cached_statements": 0} if transactions.checking() else {}))
        if transactions.checking():
            transactions.guard(conn)  # the test suite: a write outside BEGIN IMMEDIATE fails loudly
        return conn
    if immutable is None:
        # With no -wal file the database file is all there is: read it as it is, creating nothing beside it.
        immutable = not Path(f"{path}-wal").exists()
    uri = Path(path).resolve().as_uri() + ("?immutable=1" if immutable else "?mode=ro")
    return sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)


def inspect_file(path: Path, timeout: float, *, later: bool = False) -> tuple[int, int, PendingCheck | CheckLater | None]:
    """Refuse, before anything is written to it, a file that is not ours, is newer than us, or is damaged.

    Returns its ``(application_id, user_version)`` and where its damage check
    stands: None (passed), a :class:`PendingCheck` running to join, or
    :class:`~desktop.file_check.CheckLater` when ``later`` let it wait (see
    :func:`desktop.store.open_db`). Reads through a read-only connection, so a
    file that is not ours is never switched to WAL, migrated or checkpointed. Never through Python's own ``open()``: closing any file
    descriptor of the database drops every POSIX lock this process holds on
    it, so another process would take itself for the last one and remove the
    WAL under this process's connections ("disk I/O error"). SQLite's own
    files know about each other and keep the locks.
    """
    if path.stat().st_size == 0:
        return 0, 0, None  # an empty file: a new database
    error = file_check.failed(path)
    if error is not None:
        # Found damaged by a check run beside an open, and not changed since. Said before any connection:
        # a read-only one closing last would leave the -wal and -shm the checked open made.
        file_check.tidy_beside(path)
        raise StoreError(str(error))
    wal = Path(f"{path}-wal")
    immutable = not wal.exists()
    try:
        return _inspect_with(path, timeout, immutable=immutable, later=later)
    except (sqlite3.DatabaseError, _Damaged) as exc:
        if "not a database" in str(exc) or not (immutable and wal.exists()):
            raise
        # Read as immutable, the file was opened meanwhile by a process that may have changed it: look again.
        return _inspect_with(path, timeout, immutable=False, later=later)


class _Damaged(StoreError):
    """``PRAGMA quick_check`` found the file damaged."""


def _inspect_with(path: Path, timeout: float, *, immutable: bool,
                  later: bool) -> tuple[int, int, PendingCheck | CheckLater | None]:
    conn = connect(path, timeout, read_only=True, immutable=immutable)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table' order by name")]
        applied: list[str] = []
        if Migrations.migrations_table in tables:
            applied = [r[0] for r in conn.execute(
                f"select name from [{Migrations.migrations_table}] where migration_set = ? order by rowid",
                [schema.migrations.name])]
        ours = app_id == schema.APPLICATION_ID or (app_id == 0 and bool(applied))  # or one from before application_id
        if not ours and (app_id != 0 or tables):
            shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
            owner = f"application id {app_id:#x}" if app_id else f"tables {shown}"
            raise StoreError(f"{path} is not an Article Review database (it belongs to another application: {owner}); "
                             "it was not changed")
        unknown = [name for name in applied if name not in schema.known_migrations()]
        # A project at our schema with tables we never make was written by a newer version (an older one's
        # tables may be ones a later migration drops: only a fully migrated file is held to it). One missing
        # a table is damaged: said here, before the file is opened for writing (switched to WAL).
        current = not unknown and list(applied) == list(schema.known_migrations())
        strange = ([name for name in tables if name not in schema.expected_tables() and not name.startswith("sqlite_")]
                   if current else [])
        missing = sorted(schema.expected_tables() - set(tables)) if current else []
        if missing and not strange and user_version <= schema.schema_version():
            raise StoreError(f"{path} is damaged (table {', '.join(missing)} missing); {recover_hint(path)}")
        if user_version > schema.schema_version() or unknown or strange:
            theirs = f"schema version {max(user_version, len(applied))}"
            if unknown:
                theirs += f", with {', '.join(unknown)}"
            if strange:
                theirs += f", with tables this one does not know: {', '.join(strange[:5])}"
            raise StoreError(f"{path} was written by a newer Article Review ({theirs}; this one knows schema version "
                             f"{schema.schema_version()}); update Article Review to open it")
        identity = file_check.file_identity(path)
        if file_check.is_sound(path, identity):
            return app_id, user_version, None
        check = file_check.running(path)
        if check is not None:
            return app_id, user_version, check  # this connection's writes wait for the same check
        error = file_check.failed(path, identity)
        if error is not None:
            raise StoreError(str(error))  # found damaged, and not changed since
        # Only a current project of ours may be opened before the check: opening it then writes nothing.
        if later and current and app_id == schema.APPLICATION_ID and user_version == schema.schema_version():
            return app_id, user_version, CheckLater(immutable)
        quick_check(conn, path)
        file_check.mark_sound(path, identity)
        return app_id, user_version, None
    finally:
        conn.close()


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Raise :class:`_Damaged` when ``PRAGMA quick_check`` finds a problem (the first is enough to refuse)."""
    check = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    if check != "ok":
        detail = "; ".join(line for line in check.splitlines() if line and not line.startswith("*** "))
        raise _Damaged(f"{path} is damaged ({detail}); {recover_hint(path)}")


def check_file(path: Path, timeout: float, immutable: bool) -> None:
    """The damage check run beside an open (:func:`desktop.file_check.start`), on a read-only connection of its own."""
    try:
        conn = connect(path, timeout, read_only=True, immutable=immutable)
        try:
            quick_check(conn, path)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise database_error(exc, path) from None


def file_gone(db: sqlite_utils.Database) -> str | None:
    """Why the file ``db`` was opened from is no longer there, or None (a stat: cheap enough before each write).

    A connection keeps writing to a file removed, moved or replaced under it, and all of it is lost with the
    connection: a window says so instead of carrying on.
    """
    opened = getattr(db, "opened_file", None)
    if opened is None:
        return None
    path, device, inode = opened
    try:
        info = path.stat()
    except FileNotFoundError:
        happened = "was removed or moved"
    except OSError as exc:
        happened = f"cannot be reached ({exc.strerror or exc})"
    else:
        if (info.st_dev, info.st_ino) == (device, inode):
            return None
        happened = "was replaced by another file"
    return (f"{path} {happened} while it was open: nothing more is saved to it; put the project back (or restore "
            "your last snapshot, article-review export --what project) and open it again")


def before_write(db: sqlite_utils.Database) -> None:
    """Hold a write until the file's damage check has passed (refused if it failed), and refuse it to a file gone."""
    check = getattr(db, "pending_check", None)
    if check is not None:
        try:
            check.wait()
        except StoreError as exc:
            raise StoreError(str(exc)) from None  # a fresh one per writer: they run on several threads
        db.pending_check = None
    _refuse_if_gone(db)


def _refuse_if_gone(db: sqlite_utils.Database) -> None:
    gone = file_gone(db)
    if gone is not None:
        raise StoreError(gone)


def database_file(db: sqlite_utils.Database) -> Path | None:
    """The file the project database lives in (None in memory)."""
    name = db.execute("pragma database_list").fetchone()[2]
    return Path(name) if name else None
