"""The window and a database it cannot use (issue 15): a box with the one line, and the window carries on.

Opening such a project (File > Open recent, File > Open folder, the command line) shows a box saying why
and leaves the window that asked on its project; the file is left byte for byte as it was. A database
error met later (a page gone bad under a running window) is refused with the same line, never a traceback.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import recent, review, schema, store, transactions
from desktop.cli import main
from tests.gui_support import build_project


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("create table users (id integer primary key, name)")
    conn.execute("insert into users values (1, 'ann')")
    conn.commit()
    conn.close()


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"my notes\n" * 500)


def _ours(path: Path, *statements: str) -> None:
    build_project(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")  # folds the WAL in: the file alone is the project
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    _ours(path, f"PRAGMA user_version = {schema.schema_version() + 1}")


def _corrupt(path: Path) -> None:
    _ours(path)
    conn = sqlite3.connect(path)
    root, page_size = conn.execute("select rootpage, (select page_size from pragma_page_size) from sqlite_master "
                                   "where name = 'spans'").fetchone()
    conn.close()
    with open(path, "r+b") as handle:  # a b-tree page of garbage, as a bad sector leaves
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d" + bytes(range(256)) * (page_size // 256 - 1))


def _read_only(path: Path) -> None:
    _ours(path)
    path.chmod(0o444)


def _read_only_folder(path: Path) -> None:
    _ours(path)
    path.parent.chmod(0o555)


def _dropped_table(path: Path) -> None:
    _ours(path, "drop table spans")


def _other_application(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("create table things (id)")
    conn.commit()
    conn.close()


def _unknown_migration(path: Path) -> None:
    _ours(path, "insert into _sqlite_migrations (migration_set, name, applied_at) "
                "values ('article_review', 'm099_future', '')")


HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
sys.stdin.read()
"""

CASES = {
    "foreign": (_foreign, "is not an Article Review database (it belongs to another application: tables users)"),
    "not-sqlite": (_not_sqlite, "is not an Article Review database (not SQLite)"),
    "newer": (_newer, f"written by a newer Article Review (schema version {schema.schema_version() + 1}; "
                      f"this one knows schema version {schema.schema_version()})"),
    "unknown-table": (lambda path: _ours(path, "create table future_notes (id integer primary key)"),
                      "with tables this one does not know: future_notes"),
    "corrupt": (_corrupt, "is damaged"),
    "read-only": (_read_only, "is read-only and this needs to change it"),
    "read-only-folder": (_read_only_folder, "is in a read-only folder ("),
    "dropped-table": (_dropped_table, "is damaged (table spans missing)"),
    "other-application-id": (_other_application, "belongs to another application: application id 0x4d2"),
    "unknown-migration": (_unknown_migration, "with m099_future; this one knows schema version"),
    "locked": (_ours, "is held by another process (database is locked)"),
}


@pytest.fixture(params=list(CASES))
def bad(request, tmp_path, monkeypatch):
    """(folder, its project database, expected text): a project the window cannot use.

    The database is where the folder's project lives (the data dir); a lock is held by another process meanwhile.
    """
    from desktop.settings import default_db_path

    make, expected = CASES[request.param]
    folder = tmp_path / "articles"
    folder.mkdir()
    path = default_db_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    holder = None
    if request.param == "locked":
        monkeypatch.setattr(store, "BUSY_SECONDS", 0.2)
        monkeypatch.setattr(transactions, "WAIT_SECONDS", 0.4)
        holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        assert holder.stdout.readline().strip() == "held"
    try:
        yield folder, path, expected
    finally:
        if holder is not None:
            holder.stdin.close()
            holder.wait(timeout=30)
        path.parent.chmod(0o755)
        path.chmod(0o644)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("route", ["recent", "folder"])
def test_opening_a_bad_project_shows_a_box_and_the_window_stays_on_its_own(qtbot, db_path, bad, message_boxes, route):
    from desktop.gui import app

    folder, path, expected = bad
    ids = build_project(db_path)
    window = app.open_project(None, db_path, ingest=False)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    before, beside = _digest(path), sorted(os.listdir(path.parent))
    windows = list(app._windows)

    if route == "recent":
        window.recent_menu.chosen.emit(None, path)  # File > Open recent
    else:
        window.open_folder_requested.emit(folder)  # File > Open folder…
    assert len(message_boxes) == 1 and message_boxes[0].startswith(str(path)), message_boxes
    assert expected in message_boxes[0]
    assert window in windows and app._windows == windows  # no other window opened
    assert window.isVisible() and not window.closed
    assert window.db_path == db_path and window.session.doc["id"] == ids["a"]
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.view, Qt.Key_Return)  # and it still works on its own project
    assert window.count_label.text() == "Verified 2 / 3"
    assert _digest(path) == before and sorted(os.listdir(path.parent)) == beside
    assert all(item["db"] != str(path) for item in recent.recent_projects())  # not offered again as a project


@pytest.mark.parametrize("how", ["db", "folder"])
def test_the_command_shows_the_box_and_prints_the_line(bad, message_boxes, capsys, how):
    folder, path, expected = bad
    before = _digest(path)
    assert main(["window", "--no-ingest", *(["--db", str(path)] if how == "db" else [str(folder)])]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(message_boxes) == 1 and expected in message_boxes[0], message_boxes
    assert err == [f"article-review: error: {message_boxes[0]}"]
    assert _digest(path) == before


def test_a_database_error_under_a_running_window_is_one_clear_line(qtbot, db_path, monkeypatch):
    from tests.gui_support import open_window

    build_project(db_path)
    window = open_window(qtbot, db_path)

    def page_gone_bad(db, doc_id):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(review, "mark_verified", page_gone_bad)
    QTest.keyClick(window.view, Qt.Key_Return)
    assert window.last_error.startswith(f"{db_path} is damaged (database disk image is malformed); ")
    assert f"sqlite3 {db_path} .recover" in window.last_error
    assert not window.closed and window.count_label.text() == "Verified 1 / 3"


# A background job meeting a database gone bad: on opening its own connection (the file changed since the
# window checked it), or half-way (a page goes bad once the job has opened the project).
JOBS = {
    "ingest": ("Ingest", "ingest_finished", lambda jobs, tmp: jobs.start_ingest()),
    "repropose": ("Re-propose facts", "repropose_finished", lambda jobs, tmp: jobs.start_repropose()),
    "reannotate": ("Re-annotate", "reannotate_finished", lambda jobs, tmp: jobs.start_reannotate()),
    "import": ("Import", "import_finished", lambda jobs, tmp: jobs.start_import(_annotations(tmp))),
}


def _annotations(tmp_path: Path) -> Path:
    import json

    from tests.gui_support import TEXT_A

    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": TEXT_A, "spans": [{"start": 0, "end": 14, "label": "PERSON"}]}) + "\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("when", ["on-open", "half-way", "held"])
@pytest.mark.parametrize("job", list(JOBS))
def test_a_job_the_database_stops_says_so_in_the_window(qtbot, db_path, tmp_path, monkeypatch, job, when):
    import threading

    from desktop.settings import save_settings
    from tests.gui_support import TEXT_A, open_window

    save_settings({"model": "blank:en"})
    build_project(db_path)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "d.txt").write_text(TEXT_A + "\nPutin flew to Minsk again.\n", encoding="utf-8")
    conn = sqlite3.connect(db_path)
    roots = [r[0] for r in conn.execute("select rootpage from sqlite_master where tbl_name = 'spans' and rootpage")]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    # Opened before the window and closed after it: closing a descriptor drops this process's locks on the file.
    handle = os.open(db_path, os.O_RDWR)

    def damage():
        for root in roots:  # the spans table's and its indexes' root pages zeroed
            os.pwrite(handle, bytes(page_size), (root - 1) * page_size)

    holder = None
    try:
        window = open_window(qtbot, db_path, folder=folder)
        said: list[str] = []
        show_error = window.show_error
        monkeypatch.setattr(window, "show_error", lambda message: (said.append(message), show_error(message)))
        if when == "on-open":
            damage()
        elif when == "held":  # another process holds the write lock (the window's reads go on: WAL)
            monkeypatch.setattr(store, "BUSY_SECONDS", 0.2)
            monkeypatch.setattr(transactions, "WAIT_SECONDS", 0.4)
            holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True)
            assert holder.stdout.readline().strip() == "held"
        else:
            real_open = store.open_db

            def open_then_damage(*args, **kwargs):
                opened = real_open(*args, **kwargs)
                if threading.current_thread() is not threading.main_thread():  # the job's own connection
                    damage()
                return opened

            monkeypatch.setattr(store, "open_db", open_then_damage)
        name, signal, start = JOBS[job]
        with qtbot.waitSignal(getattr(window.jobs, signal), timeout=60_000) as finished:
            assert start(window.jobs, tmp_path)
        assert finished.args[0] is None
        prefix = f"{name} failed: " if job != "import" else "import failed: "
        expected = (f"{db_path} is held by another process (database is locked); close it and retry" if when == "held"
                    else f"{db_path} is damaged (")
        failed = [m for m in said if m.startswith(f"{prefix}{expected}")]
        assert len(failed) == 1, said  # said once, in a box, not only logged
        if when != "held":
            assert f"sqlite3 {db_path} .recover" in failed[0]  # how to recover, as the commands say
        assert window._error_box.isVisible() and expected in window._error_box.text()
        assert expected in window.statusBar().currentMessage()
        assert not window.closed and window.isVisible()
        assert not window.session.db.conn.in_transaction  # no failed read left a transaction open
    finally:
        if holder is not None:
            holder.stdin.close()
            holder.wait(timeout=30)
        os.close(handle)


@pytest.mark.parametrize("how", ["removed", "replaced"])
def test_a_project_removed_or_replaced_under_the_window_is_said_and_not_written(qtbot, db_path, tmp_path, how):
    from tests.gui_support import open_window

    ids = build_project(db_path)
    window = open_window(qtbot, db_path, folder=tmp_path)
    if how == "removed":
        db_path.rename(tmp_path / "moved-away.sqlite")  # a file manager's move; the window's connection keeps the inode
    else:
        copy = tmp_path / "other.sqlite"
        build_project(copy)
        os.replace(copy, db_path)  # a restore or a sync tool put another file in its place
    before = _digest(tmp_path / "moved-away.sqlite" if how == "removed" else db_path)
    expected = f"{db_path} {'was removed or moved' if how == 'removed' else 'was replaced by another file'} while it was open"

    window.check_external_changes()  # what activating the window does
    assert window.last_error.startswith(expected) and "nothing more is saved to it" in window.last_error
    assert window._error_box.isVisible()
    window.last_error = None
    QTest.keyClick(window.view, Qt.Key_Return)  # verify the article: refused, not written to a file that is gone
    assert window.last_error is not None and window.last_error.startswith(expected)
    assert window.session.doc["id"] == ids["a"] and window.count_label.text() == "Verified 1 / 3"
    with qtbot.waitSignal(window.jobs.ingest_finished, timeout=10_000) as finished:
        assert window.jobs.start_ingest()  # an ingest would write to (or create) another file: refused
        assert not window.jobs.writing()
    assert finished.args[0] is None and window.last_error.startswith(expected)
    assert _digest(tmp_path / "moved-away.sqlite" if how == "removed" else db_path) == before
    assert (db_path.exists()) == (how == "replaced")  # nothing created in its place
    assert not window.closed
