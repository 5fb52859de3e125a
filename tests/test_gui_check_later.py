"""The window shows before its project's damage check has passed (issue 16), and writes nothing until then.

At launch the check (``PRAGMA quick_check``, issue 15) reads the whole file on a thread while the window is up.
A key pressed meanwhile waits for the verdict: saved once the check passed, refused if it failed. A damaged file
found so is one box with the one line; the window closes, and the file is byte for byte as it was.
"""

from __future__ import annotations

import os
import sqlite3
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import store
from desktop.cli import main
from tests.check_later_support import damage, digest, hold_background_check, until
from tests.gui_support import build_project


@pytest.fixture
def gate(monkeypatch):
    """The background check waits before it reads until ``gate.set()``."""
    event = hold_background_check(monkeypatch)
    yield event
    event.set()


def _shown_window(qtbot, db_path):
    from desktop.gui.main_window import MainWindow

    window = MainWindow(db_path, ingest=False, check_in_background=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _release_when_held(check, gate) -> threading.Thread:
    """Open the gate once a writer waits for the check (the GUI thread is then blocked in it)."""
    releaser = threading.Thread(target=lambda: (until(lambda: check.waiting >= 1), gate.set()))
    releaser.start()
    return releaser


def _status(db_path, doc_id: int) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("select status from documents where id = ?", [doc_id]).fetchone()[0]
    finally:
        conn.close()


def test_a_key_pressed_before_the_check_passed_is_held_then_saved(qtbot, db_path, gate):
    ids = build_project(db_path)
    window = _shown_window(qtbot, db_path)
    check = store.pending_check(window.db)
    assert check is not None and not check.done  # on screen, and the check has not even begun reading
    assert window.session.doc["id"] == ids["a"]
    releaser = _release_when_held(check, gate)
    with qtbot.waitSignal(window.file_checked) as verdict:  # queued to the window after its own handler
        QTest.keyClick(window.view, Qt.Key_Return)  # verify the article: its write waits for the verdict
    releaser.join()
    assert check.passed and verdict.args == [""]
    assert _status(db_path, ids["a"]) == "verified" and window.count_label.text() == "Verified 2 / 3"
    assert not window.closed and window.check_failed is None and window.last_error is None


def test_a_damage_found_after_the_window_showed_is_one_box_nothing_written_and_the_window_closes(
        qtbot, db_path, gate, message_boxes):
    ids = build_project(db_path)
    damage(db_path, "documents_fts_data")  # nothing the window reads at start: only the check finds it
    before = digest(db_path)
    window = _shown_window(qtbot, db_path)
    check = store.pending_check(window.db)
    releaser = _release_when_held(check, gate)
    QTest.keyClick(window.view, Qt.Key_Return)  # held, then refused: the file is damaged
    releaser.join()
    assert window.last_error.startswith(f"{db_path} is damaged (")
    qtbot.waitUntil(lambda: window.closed)
    assert message_boxes == [window.check_failed] and window.check_failed.startswith(f"{db_path} is damaged (")
    assert "sqlite3" in window.check_failed and ".recover" in window.check_failed
    window.close_connections()
    assert _status(db_path, ids["a"]) == "new" and digest(db_path) == before
    assert sorted(n for n in os.listdir(db_path.parent) if n.startswith(db_path.name)) == [db_path.name]


def test_the_window_command_on_a_file_found_damaged_after_showing_exits_2_with_one_box_and_the_line(
        db_path, gate, message_boxes, capsys):
    from desktop.gui import app

    build_project(db_path)
    damage(db_path, "documents_fts_data")
    before = digest(db_path)
    opened = len(app._windows)
    # The check is held until the window is on the app's list (it is shown right after): then it fails.
    releaser = threading.Thread(target=lambda: (until(lambda: len(app._windows) > opened), gate.set()))
    releaser.start()
    assert main(["window", "--no-ingest", "--db", str(db_path)]) == 2
    releaser.join()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(message_boxes) == 1 and message_boxes[0].startswith(f"{db_path} is damaged (")
    assert err == [f"article-review: error: {message_boxes[0]}"]
    assert digest(db_path) == before
    assert sorted(n for n in os.listdir(db_path.parent) if n.startswith(db_path.name)) == [db_path.name]
