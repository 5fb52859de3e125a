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

from desktop import recent, review, store, transactions
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
    _ours(path, f"PRAGMA user_version = {store.schema_version() + 1}")


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
    "newer": (_newer, f"written by a newer Article Review (schema version {store.schema_version() + 1}; "
                      f"this one knows schema version {store.schema_version()})"),
    "corrupt": (_corrupt, "is damaged"),
    "read-only": (_read_only, "is read-only and this needs to change it"),
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
