"""Helpers for the tests of the damage check run beside an open (``store.open_db(check_later=True)``)."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

from desktop import project_file


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage(path: Path, table: str) -> None:
    """A b-tree page of garbage in ``table``, as a bad sector leaves (the file stays in WAL mode)."""
    conn = sqlite3.connect(path)
    root, page_size = conn.execute("select rootpage, (select page_size from pragma_page_size) from sqlite_master "
                                   "where name = ?", [table]).fetchone()
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d" + bytes(range(256)) * (page_size // 256 - 1))


def hold_background_check(monkeypatch) -> threading.Event:
    """Hold every background check before it reads, until the event returned is set; on-open checks run."""
    event = threading.Event()
    real = project_file.quick_check

    def held(conn, path):
        if threading.current_thread().name.startswith("quick_check"):
            event.wait()
        real(conn, path)

    monkeypatch.setattr(project_file, "quick_check", held)
    return event


def until(condition) -> None:
    """Wait for ``condition()`` (another thread's progress); a guard against a hang, not a timing."""
    pause = threading.Event()
    for _ in range(60_000):
        if condition():
            return
        pause.wait(0.001)
    raise AssertionError("never happened")
