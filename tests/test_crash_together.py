"""SIGKILL an ingest and a review process writing one project at once (issue 15, acceptance 5).

Three rounds, each with 100 new articles: both start, both are killed mid-work (ingest after a batch
committed, review after some accepts; each round waits for both however slow the machine). Afterwards the database passes its integrity check, one more ingest converges to what a
clean run of the same folder gives (every document, every span at its offsets), and every accept the
reviewer logged after it returned is accepted in the spans and in the history.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
RULES = "blank:en"

# Logs each accepted span id once review.accept has returned (committed), one line each, unbuffered.
REVIEWER = textwrap.dedent("""
    import os, sys, time
    from desktop import review, store
    db = store.open_db(sys.argv[1])
    log = os.open(sys.argv[2], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    while True:
        rows = list(db.query("select id from spans where status = 'proposed' order by random() limit 10"))
        for row in rows:
            review.accept(db, row["id"])
            os.write(log, f"{row['id']}\\n".encode())
        if not rows:
            time.sleep(0.02)
""")

CONTENT = """select d.path, d.hash, d.text, s.start, s.end, s.label, s.text
             from documents d join spans s on s.doc_id = d.id order by 1, 4, 5, 6"""


def _count(db_path: Path) -> int:
    try:
        conn = sqlite3.connect(db_path, timeout=1)
        try:
            return conn.execute("select count(*) from documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def _lines(path: Path) -> int:
    return path.read_text().count("\n") if path.exists() else 0


@pytest.mark.slow
def test_killing_ingest_and_review_together_loses_nothing(samples, tmp_path, db_path):
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples.glob("*.txt"))]
    folder = tmp_path / "corpus"
    folder.mkdir()

    def write(first: int, last: int) -> None:
        for i in range(first, last):
            (folder / f"a{i:04d}.txt").write_text(f"Article {i}.\n{texts[i % len(texts)]}", encoding="utf-8")

    write(0, 40)
    for _ in ingest(folder, db_path, model=RULES):  # the reviewer has spans from the start
        pass

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "desktop", "ingest", str(folder), "--db", str(db_path), "--quiet",
               "--model", RULES]
    log = tmp_path / "accepted.log"
    rng = random.Random(15)
    ingest_kills = 0
    for round_ in range(3):
        write(40 + 100 * round_, 140 + 100 * round_)  # new articles each round: every ingest has work to be killed in
        before, logged = _count(db_path), _lines(log)
        ingester = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        reviewer = subprocess.Popen([sys.executable, "-c", REVIEWER, str(db_path), str(log)], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 300  # however slow the machine: both have written, or the ingest is done
        while time.monotonic() < deadline and reviewer.poll() is None:
            if (_count(db_path) > before or ingester.poll() is not None) and _lines(log) > logged + 5:
                break
            time.sleep(0.02)  # polling other processes: there is no signal to wait on
        assert reviewer.poll() is None, reviewer.stderr.read()
        time.sleep(rng.uniform(0, 0.3))
        pair = [ingester, reviewer]
        rng.shuffle(pair)
        for process in pair:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                ingest_kills += process is ingester
            process.wait()
        assert reviewer.returncode == -signal.SIGKILL  # it never ends by itself: killed in every round
        assert _lines(log) > logged + 5
        conn = sqlite3.connect(db_path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    assert ingest_kills >= 1  # killed amid its 100 new articles (a machine fast enough may finish some rounds)
    clean = tmp_path / "clean.sqlite"  # what one uninterrupted run of the final folder gives
    for _ in ingest(folder, clean, model=RULES):
        pass

    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    conn, reference = sqlite3.connect(db_path), sqlite3.connect(clean)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert list(conn.execute(CONTENT)) == list(reference.execute(CONTENT))
        accepted = [int(line) for line in log.read_text().split()]
        statuses = dict(conn.execute("select id, status from spans"))
        in_history = {json.loads(r[0])[0] for r in conn.execute(
            "select c.row_id from changes c join actions a on a.id = c.action_id "
            "where c.tbl = 'spans' and a.op = 'accepted'")}
    finally:
        conn.close()
        reference.close()
    assert len(accepted) > 15
    assert [i for i in accepted if statuses.get(i) != "accepted"] == []
    assert set(accepted) <= in_history
