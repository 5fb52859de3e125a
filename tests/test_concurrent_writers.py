"""Ingest and a review process write one project at the same time (issue 15, acceptance 2).

ARTICLE_REVIEW_CONCURRENCY_SECONDS sets how long the reviewer runs (the acceptance figure is 60 s).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop import store

ROOT = Path(__file__).resolve().parent.parent

REVIEWER = textwrap.dedent("""
    import json, sys, time
    from desktop import review, store
    db = store.open_db(sys.argv[1])
    end = time.monotonic() + float(sys.argv[2])
    done = []
    while time.monotonic() < end or not done and time.monotonic() < end + 120:  # one accept, however slow
        rows = list(db.query("select id from spans where status = 'proposed' order by id limit 20"))
        for row in rows:
            review.accept(db, row["id"])
            done.append(row["id"])
        if not rows:
            time.sleep(0.05)
    print(json.dumps(done))
""")


@pytest.mark.slow
def test_ingest_and_review_at_once_lose_nothing_and_show_no_error(samples, db_path):
    seconds = float(os.environ.get("ARTICLE_REVIEW_CONCURRENCY_SECONDS", "10"))
    folder = samples.parent / "corpus"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples.glob("*.txt"))]
    for i in range(60):
        (folder / f"a{i:03d}.txt").write_text(f"Article {i}.\n{texts[i % len(texts)]}", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    store.open_db(db_path).close()  # the schema exists before both start
    reviewer = subprocess.Popen([sys.executable, "-c", REVIEWER, str(db_path), str(seconds)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ingest = subprocess.run([sys.executable, "-m", "desktop", "ingest", str(folder), "--db", str(db_path),
                             "--quiet", "--model", "blank:en"], env=env, capture_output=True, text=True, timeout=600)
    out, err = reviewer.communicate(timeout=seconds + 300)
    assert ingest.returncode == 0, ingest.stderr
    assert reviewer.returncode == 0, err
    accepted = json.loads(out)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("select count(*) from documents").fetchone()[0] == 60
    statuses = dict(conn.execute("select id, status from spans"))
    assert accepted and all(statuses[i] == "accepted" for i in accepted)
    logged = {json.loads(r[0])[0] for r in conn.execute(
        "select c.row_id from changes c join actions a on a.id = c.action_id where c.tbl = 'spans' and a.op = 'accepted'")}
    assert set(accepted) <= logged
