"""Acceptance on a real X server: the app on the ingested seeds, driven by real key presses.

Under Xvfb with Qt's xcb plugin, ``j`` then ``a`` (sent by xdotool through XTEST, like a keyboard)
accepts one span in the database and ``Ctrl+Z`` undoes it; ``Ctrl+Q`` quits cleanly. Skipped only
when Xvfb or xdotool is missing (``make system`` installs both).
"""

from __future__ import annotations

import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import store

pytestmark = [
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed (make system installs xvfb)"),
    pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed (make system installs it)"),
]

POLL = 0.1  # seconds between looks at the database or the X server


def wait_for(predicate, timeout: float, what: str):
    """Poll ``predicate`` until it returns something truthy; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(POLL)


@pytest.fixture
def display():
    """A private Xvfb server (1400x900); yields its DISPLAY string, stops it afterwards."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1400x900x24", "-nolisten", "tcp", "-noreset"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    os.close(write_fd)
    try:
        # Xvfb picks a free display number itself and writes it to the pipe once it accepts clients.
        # A selector, not select.select: the suite holds over 1,024 descriptors by now, beyond select()'s range.
        with selectors.DefaultSelector() as selector:
            selector.register(read_fd, selectors.EVENT_READ)
            ready = selector.select(30)
        number = os.read(read_fd, 64).decode().strip() if ready else ""
        if not number:
            server.kill()
            pytest.fail(f"Xvfb did not start: {server.communicate(timeout=10)[1].decode(errors='replace')[-500:]}")
        yield f":{number}"
    finally:
        os.close(read_fd)
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)


def xdotool(env: dict[str, str], *args: str, timeout: float = 20) -> str:
    result = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def read_spans(db_path: Path) -> list[dict]:
    """Every span, read on a fresh connection (the app writes through its own)."""
    db = store.open_db(db_path)
    try:
        return list(db.query("select id, doc_id, start, status from spans order by doc_id, start, id"))
    finally:
        db.close()


def test_real_keys_accept_and_undo_on_the_seeds(samples, tmp_path, display, app_home):
    db_path = tmp_path / "project.sqlite"
    ingested = subprocess.run(
        [sys.executable, "-m", "desktop", "ingest", str(samples), "--db", str(db_path), "--quiet"],
        capture_output=True, text=True, timeout=600,
    )
    assert ingested.returncode == 0, ingested.stderr
    spans = read_spans(db_path)
    assert spans and all(s["status"] == "proposed" for s in spans)
    db = store.open_db(db_path)
    try:
        first_doc = store.first_unverified_document(db)
    finally:
        db.close()
    first_span = next(s for s in spans if s["doc_id"] == first_doc)  # j selects it: the first in the text

    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", ARTICLE_REVIEW_HOME=str(app_home))
    env.pop("XAUTHORITY", None)  # our Xvfb runs without authorization
    env.pop("WAYLAND_DISPLAY", None)
    log_path = tmp_path / "app.log"
    with log_path.open("wb") as log:
        app = subprocess.Popen([sys.executable, "-m", "desktop", "--db", str(db_path), str(samples)],
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        def window_id():
            if app.poll() is not None:
                pytest.fail(f"the app exited ({app.returncode}): {log_path.read_text(errors='replace')[-2000:]}")
            # By WM_CLASS: the title names the project (its WM_NAME lacks the " — Article Review" Qt adds).
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--class", "^Article Review$"],
                                   env=env, capture_output=True, text=True, timeout=20)
            return found.stdout.split()[0] if found.returncode == 0 and found.stdout.split() else None

        wid = wait_for(window_id, 60, "the window to be shown")
        # Qt appends the app's name to the title bar (_NET_WM_NAME); the window's own title must not say it
        # again (issue 14: "Article Review — samples — Article Review").
        title = xdotool(env, "getwindowname", wid)
        assert title.startswith("samples (") and title.count("Article Review") == 1, title
        # No window manager on Xvfb: give the window the input focus directly and check it has it.
        xdotool(env, "windowfocus", "--sync", wid)
        wait_for(lambda: xdotool(env, "getwindowfocus") == wid, 20, "the window to have the keyboard focus")

        xdotool(env, "key", "--delay", "100", "j", "a")
        accepted = wait_for(lambda: [s for s in read_spans(db_path) if s["status"] == "accepted"] or None,
                            30, "a span to be accepted")
        assert [s["id"] for s in accepted] == [first_span["id"]]  # exactly one: the first article's first span

        xdotool(env, "key", "ctrl+z")
        wait_for(lambda: all(s["status"] == "proposed" for s in read_spans(db_path)), 30,
                 "Ctrl+Z to put the span back to proposed")

        xdotool(env, "key", "ctrl+q")
        try:
            code = app.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("Ctrl+Q did not close the app within 60 s")
        assert code == 0, log_path.read_text(errors="replace")[-2000:]
    finally:
        if app.poll() is None:
            app.send_signal(signal.SIGTERM)
            try:
                app.wait(timeout=15)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait(timeout=15)

    db = store.open_db(db_path)
    try:
        assert store.integrity_ok(db)
        ops = [(a["kind"], a["op"]) for a in db.query("select kind, op from actions where kind in ('do', 'undo') "
                                                       "order by id")]
        assert ops == [("do", "accepted"), ("undo", "accepted")]  # one accept and its undo, nothing else
    finally:
        db.close()
