"""Ingest and a review process on one project at once (issue 15, acceptance 2): counts, errors, latencies.

    PYTHONPATH=. python benchmarks/bench_concurrency.py [--seconds 60] [--docs 400]

A reviewer process accepts proposed spans for ``--seconds`` while ingest runs again and again (20 files
changed before each run, so each run writes). Prints ingest runs and failures, review operations, their
errors ("database is locked" must never be one; "no span" is a span a re-ingest replaced meanwhile) and
the accept latency (p50, p99, max), then the integrity check.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REVIEWER = textwrap.dedent("""
    import json, sys, time
    from desktop import review, store
    db = store.open_db(sys.argv[1]); end = time.monotonic() + float(sys.argv[2]); lat = []; errors = []
    while time.monotonic() < end:
        rows = list(db.query("select id from spans where status = 'proposed' order by random() limit 20"))
        for row in rows:
            started = time.monotonic()
            try:
                review.accept(db, row["id"])
            except Exception as exc:
                errors.append(str(exc))
            lat.append(time.monotonic() - started)
        if not rows:
            time.sleep(0.05)
    lat.sort()
    print(json.dumps({"ops": len(lat), "errors": errors, "p50": lat[len(lat) // 2], "p99": lat[int(len(lat) * .99)],
                      "max": lat[-1]}))
""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--docs", type=int, default=400)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        folder, db_path = Path(tmp) / "corpus", Path(tmp) / "project.sqlite"
        folder.mkdir()
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "resources" / "samples").glob("*.txt"))]
        for i in range(args.docs):
            (folder / f"a{i:04d}.txt").write_text(f"Article {i}.\n{texts[i % len(texts)]}", encoding="utf-8")
        ingest = [sys.executable, "-m", "desktop", "ingest", str(folder), "--db", str(db_path), "--quiet",
                  "--model", "blank:en"]
        subprocess.run(ingest, env=env, check=True, capture_output=True)
        reviewer = subprocess.Popen([sys.executable, "-c", REVIEWER, str(db_path), str(args.seconds)], env=env,
                                    stdout=subprocess.PIPE, text=True)
        started, runs, failures = time.monotonic(), 0, []
        while time.monotonic() - started < args.seconds - 5:
            for path in sorted(folder.glob("*.txt"))[runs % 10 * 20:][:20]:
                path.write_text(path.read_text(encoding="utf-8") + " x", encoding="utf-8")
            result = subprocess.run(ingest, env=env, capture_output=True, text=True)
            runs += 1
            if result.returncode:
                failures.append(result.stderr.strip().splitlines()[-1:])
        review = json.loads(reviewer.communicate()[0])
        conn = sqlite3.connect(db_path)
        integrity = conn.execute("pragma integrity_check").fetchone()[0]
        conn.close()
    locked = [e for e in review["errors"] if "locked" in e or "busy" in e]
    print(f"ingest runs {runs}, failed {len(failures)} {failures[:3]}")
    print(f"review accepts {review['ops']}, errors {len(review['errors'])} (locked/busy: {len(locked)}), "
          f"latency p50 {review['p50'] * 1000:.1f} ms, p99 {review['p99'] * 1000:.1f} ms, max {review['max'] * 1000:.0f} ms")
    print(f"integrity {integrity}")


if __name__ == "__main__":
    main()
