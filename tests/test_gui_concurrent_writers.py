"""The window is the third writer: ingest runs, a review process accepts, the window accepts (issue 15, acceptance 2).

ARTICLE_REVIEW_CONCURRENCY_SECONDS sets how long the three run (10 s by default; the acceptance figure is 60 s).
The window accepts spans through its own actions (next span, accept, next article), as the keys do.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop import store
from desktop.ingest import ingest
from tests.gui_support import open_window

ROOT = Path(__file__).resolve().parent.parent

# Accepts the proposed spans of even-numbered documents (the window takes the odd ones) and prints their ids.
REVIEWER = textwrap.dedent("""
    import json, sys, time
    from desktop import review, store
    db = store.open_db(sys.argv[1])
    end = time.monotonic() + float(sys.argv[2])
    done, errors = [], []
    while time.monotonic() < end or not done and time.monotonic() < end + 120:  # one accept, however slow
        rows = list(db.query("select id from spans where status = 'proposed' and doc_id % 2 = 0 "
                             "order by random() limit 10"))
        for row in rows:
            try:
                review.accept(db, row["id"])
                done.append(row["id"])
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
        time.sleep(0.02)
    print(json.dumps({"done": done, "errors": errors}))
""")

# Ingest again and again while the others review: ten new articles before each run, so each run writes.
INGESTER = textwrap.dedent("""
    import json, subprocess, sys, time
    from pathlib import Path
    folder, db, seconds = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    text = (folder / "a000.txt").read_text(encoding="utf-8")
    end, runs, failures, number = time.monotonic() + seconds, 0, [], 1000
    while time.monotonic() < end or runs < 2:  # two runs, however slow the machine
        for _ in range(10):
            (folder / f"n{number}.txt").write_text(f"New article {number}.\\n{text}", encoding="utf-8")
            number += 1
        result = subprocess.run([sys.executable, "-m", "desktop", "ingest", str(folder), "--db", db, "--quiet",
                                 "--model", "blank:en"], capture_output=True, text=True)
        runs += 1
        if result.returncode or result.stderr.strip():
            failures.append([result.returncode, result.stderr[-500:]])
    print(json.dumps({"runs": runs, "failures": failures, "files": number - 1000}))
""")


@pytest.mark.slow
def test_ingest_a_review_process_and_the_window_write_one_project_at_once(qtbot, samples, db_path):
    seconds = float(os.environ.get("ARTICLE_REVIEW_CONCURRENCY_SECONDS", "10"))
    folder = samples.parent / "corpus"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples.glob("*.txt"))]
    for i in range(30):
        (folder / f"a{i:03d}.txt").write_text(f"Article {i}.\n{texts[i % len(texts)]}", encoding="utf-8")
    for _ in ingest(folder, db_path, model="blank:en"):
        pass
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    reviewer = subprocess.Popen([sys.executable, "-c", REVIEWER, str(db_path), str(seconds)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ingester = subprocess.Popen([sys.executable, "-c", INGESTER, str(folder), str(db_path), str(seconds)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    window = open_window(qtbot, db_path)
    accepted: list[int] = []
    end = time.monotonic() + seconds
    looked = 0.0
    while time.monotonic() < end or not accepted and time.monotonic() < end + 120:  # one accept, however slow
        if time.monotonic() - looked > 0.5:
            window.check_external_changes()  # what activating the window does: show the others' commits
            looked = time.monotonic()
        doc = window.session.doc
        if doc is None or doc["id"] % 2 == 0 or not any(s["status"] == "proposed" for s in window.session.spans):
            window.actions["next_document"].trigger()
            if window.session.doc_id == (doc or {}).get("id"):  # the last article: start again at the top
                window.open_document(store.first_unverified_document(window.db))
            qtbot.wait(10)
            continue
        span = window.session.current_span()
        if span is None or span["status"] != "proposed":  # accepting moves on to the next span itself
            window.actions["next_span"].trigger()
            if window.session.current_span() in (None, span):  # past the last span: the next article
                window.actions["next_document"].trigger()
            qtbot.wait(10)
            continue
        window.actions["accept"].trigger()
        accepted.append(span["id"])
        qtbot.wait(10)
    assert window.last_error is None, window.last_error  # no message reached the analyst

    review_out, review_err = reviewer.communicate(timeout=300)
    ingest_out, ingest_err = ingester.communicate(timeout=300)
    assert reviewer.returncode == 0, review_err
    assert ingester.returncode == 0, ingest_err
    review_result, ingest_result = json.loads(review_out), json.loads(ingest_out)
    assert review_result["errors"] == []
    assert ingest_result["runs"] >= 2 and ingest_result["failures"] == []
    assert accepted and review_result["done"]

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("select count(*) from documents").fetchone()[0] == 30 + ingest_result["files"]
        statuses = dict(conn.execute("select id, status from spans"))
        logged = {json.loads(r[0])[0] for r in conn.execute(
            "select c.row_id from changes c join actions a on a.id = c.action_id "
            "where c.tbl = 'spans' and a.op = 'accepted'")}
    finally:
        conn.close()
    lost = {who: [i for i in ids if statuses.get(i) != "accepted" or i not in logged]
            for who, ids in (("window", accepted), ("reviewer", review_result["done"]))}
    print(f"\nconcurrency {seconds:.0f} s: window accepts {len(accepted)}, review process accepts "
          f"{len(review_result['done'])}, ingest runs {ingest_result['runs']} ({ingest_result['files']} new articles); "
          f"errors 0; lost writes {sum(map(len, lost.values()))}")
    assert lost == {"window": [], "reviewer": []}
