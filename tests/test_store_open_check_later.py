"""The damage check run beside an open (``open_db(check_later=True)``, issue 16): writes wait for it.

The window shows while ``PRAGMA quick_check`` reads the file (issue 15's bad-database check): until the
check has passed nothing is written (a write asked for meanwhile waits, and goes ahead once it passed), and a
damaged file found so refuses every write of every connection with the one line, byte for byte untouched.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from desktop import store
from tests.check_later_support import damage, digest, hold_background_check, until
from tests.gui_support import build_project


@pytest.fixture
def gate(monkeypatch):
    """The background check waits before it reads until ``gate.set()``."""
    event = hold_background_check(monkeypatch)
    yield event
    event.set()


def _meta(path: Path, key: str) -> str | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("select value from meta where key = ?", [key]).fetchone()
    finally:
        conn.close()
    return row[0] if row else None


def test_a_write_asked_for_before_the_check_passed_waits_and_is_then_saved(db_path, gate):
    build_project(db_path)
    db = store.open_db(db_path, check_later=True)
    check = store.pending_check(db)
    assert check is not None and not check.done
    assert store.get_meta(db, "profile") == "russia_belarus"  # reading does not wait
    writer = threading.Thread(target=lambda: (store.set_meta(db, "note", "written"), None))
    writer.start()
    until(lambda: check.waiting == 1)  # held in before_write, nothing begun
    assert _meta(db_path, "note") is None
    gate.set()
    writer.join()
    assert check.passed and store.pending_check(db) is None
    assert _meta(db_path, "note") == "written"  # committed, seen by another connection
    other = store.open_db(db_path)  # the file is known sound now: no second check
    assert store.pending_check(other) is None
    other.close()
    db.close()


def test_a_damaged_file_found_by_the_background_check_refuses_every_write_and_stays_untouched(db_path, gate):
    build_project(db_path)
    damage(db_path, "documents_fts_data")  # a table no read here touches: only the check finds it
    before = digest(db_path)
    db = store.open_db(db_path, check_later=True)
    second = store.open_db(db_path, check_later=True)  # a dock's connection meanwhile joins the same check
    check = store.pending_check(db)
    assert store.pending_check(second) is check
    assert store.get_meta(db, "profile") == "russia_belarus"
    refused: list[str] = []

    def write() -> None:
        try:
            store.set_meta(second, "note", "never")
        except store.StoreError as exc:
            refused.append(str(exc))

    writer = threading.Thread(target=write)
    writer.start()
    until(lambda: check.waiting == 1)
    gate.set()
    writer.join()
    assert len(refused) == 1 and refused[0].startswith(f"{db_path} is damaged (")
    assert "sqlite3" in refused[0] and ".recover" in refused[0]  # how to recover it, as on open
    with pytest.raises(store.StoreError, match="is damaged"):
        store.set_meta(db, "note", "never")  # every later write of every connection too
    with pytest.raises(store.StoreError, match="is damaged"):
        store.open_db(db_path)  # and the next open, at once
    db.close()
    second.close()
    assert digest(db_path) == before
    assert sorted(os.listdir(db_path.parent)) == ["project.sqlite"]  # no -wal or -shm left beside it


@pytest.mark.parametrize("how", [
    pytest.param("PRAGMA journal_mode = DELETE", id="not-in-wal"),
    pytest.param("PRAGMA user_version = 1", id="older-schema"),
])
def test_an_open_that_must_write_checks_first(db_path, gate, how):
    """Switching to WAL or upgrading writes: the check runs before, on the caller's thread, as without check_later."""
    build_project(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(how)
    conn.commit()
    conn.close()
    damage(db_path, "documents_fts_data")
    before = digest(db_path)
    with pytest.raises(store.StoreError, match="is damaged"):
        store.open_db(db_path, check_later=True)  # the gate holds only a background check: none ran
    assert digest(db_path) == before


def test_a_sound_file_opened_to_check_later_passes_and_is_not_checked_again(db_path):
    build_project(db_path)
    db = store.open_db(db_path, check_later=True)
    check = store.pending_check(db)
    if check is not None:
        check.wait()
    store.set_meta(db, "note", "written")
    assert store.pending_check(db) is None and _meta(db_path, "note") == "written"
    db.close()


def test_a_check_waiting_to_start_starts_when_begun_or_when_a_writer_waits():
    """The window begins the check once its docks are up; a write asked for before starts it at once."""
    from desktop.file_check import PendingCheck

    started: list[str] = []
    by_begin = PendingCheck(lambda: started.append("begun"), start_within=600)
    by_writer = PendingCheck(lambda: started.append("waited for"), start_within=600)
    assert not by_begin.done and not by_writer.done and started == []
    by_begin.begin()
    until(lambda: by_begin.done)
    assert started == ["begun"] and not by_writer.done
    by_writer.wait()  # would wait ten minutes if waiting did not start it
    assert started == ["begun", "waited for"] and by_writer.passed
