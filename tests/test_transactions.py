"""One writer discipline (issue 15): BEGIN IMMEDIATE, busy retried with a bounded back-off, the test-time guard."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from desktop import problems, store, transactions


@pytest.fixture
def project(db_path):
    db = store.open_db(db_path, timeout=0.05)
    yield db
    db.close()


def hold_lock(path, seconds: float) -> threading.Thread:
    """Another connection holding the write lock for ``seconds``."""
    started = threading.Event()

    def run():
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("insert into meta (key, value) values ('other', 'x')")
        started.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    thread = threading.Thread(target=run)
    thread.start()
    started.wait(5)
    return thread


def test_a_write_waits_for_another_writer_beyond_the_busy_timeout(project, db_path):
    holder = hold_lock(db_path, 0.6)  # twelve times the connection's busy timeout
    store.set_meta(project, "mine", "y")
    holder.join()
    assert store.get_meta(project, "mine") == "y" and store.get_meta(project, "other") == "x"


def test_a_writer_held_out_too_long_gets_one_clear_error_and_changes_nothing(project, db_path):
    holder = hold_lock(db_path, 1.0)
    with pytest.raises(transactions.DatabaseBusy, match="database is locked: another process"):
        with store.write_transaction(project, wait=0.3):
            store.set_meta(project, "mine", "y")
    holder.join()
    assert store.get_meta(project, "mine") is None
    assert not transactions.is_busy(transactions.DatabaseBusy("database is locked"))  # never retried again


def test_a_deferred_transaction_that_upgrades_fails_where_immediate_waits(project, db_path):
    # The bug ingest had: read first, write later, and another process committed in between.
    reader = sqlite3.connect(db_path, timeout=5, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("select count(*) from meta").fetchone()
    store.set_meta(project, "between", "z")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        reader.execute("insert into meta (key, value) values ('late', 'w')")  # fails at once, no wait
    reader.execute("ROLLBACK")
    reader.close()


def test_nested_write_transactions_are_savepoints(project):
    with store.write_transaction(project):
        store.set_meta(project, "outer", "1")
        with pytest.raises(RuntimeError):
            with store.write_transaction(project):
                store.set_meta(project, "inner", "2")
                raise RuntimeError("inner fails")
    assert store.get_meta(project, "outer") == "1" and store.get_meta(project, "inner") is None


def test_the_guard_refuses_an_application_write_in_a_deferred_transaction(project, monkeypatch):
    assert transactions.checking(), "tests/conftest.py sets ARTICLE_REVIEW_CHECK_WRITES"
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        with project.atomic():  # a plain BEGIN
            problems.report(project, problems.JOB, "ingest", "x")
    problems.report(project, problems.JOB, "ingest", "x")  # its own BEGIN IMMEDIATE: allowed
    assert [p["path"] for p in problems.list_problems(project)] == ["ingest"]


def test_the_back_off_is_jittered_and_bounded():
    delays = [transactions._backoff(attempt) for attempt in range(30) for _ in range(5)]
    assert max(delays) <= transactions.BACKOFF_MAX and len(set(delays)) > 100
