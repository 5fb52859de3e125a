"""Each hostile case of issue 15 in its own folder beside the five samples: exit code, seconds, outcome.

    PYTHONPATH=. python benchmarks/bench_hostile.py [--model blank:en] [--depth 100000] [--workers 1]
                                                    [--only NAME ...]

Builds the hostile folder (tests/hostile_folder.py, full sizes: 100,000 nested levels, a 19 MB article),
then for each hostile file ingests a folder of the five samples plus that file into a project that
already holds the samples, so the time is the file's own (plus the model's load, printed first as
"samples only"). Prints per case: exit code, wall seconds, and what became of it (stored with N spans,
or the reason it was skipped or failed). Acceptance 1: every exit 0, no case over 30 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile_folder import SAMPLES, build  # noqa: E402


def _ingest(folder: Path, db_path: Path, args) -> tuple[int, float, str]:
    command = [sys.executable, "-m", "desktop", "ingest", str(folder), "--db", str(db_path), "--quiet",
               "--model", args.model, "--workers", str(args.workers)]
    started = time.monotonic()
    result = subprocess.run(command, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True)
    return result.returncode, time.monotonic() - started, result.stderr.strip().splitlines()[-1:]


def _outcome(db_path: Path, name: str) -> str:
    conn = sqlite3.connect(db_path)
    try:
        row = conn.execute("select id, length(text), encoding from documents where path = ?", [name]).fetchone()
        if row:
            spans = conn.execute("select count(*) from spans where doc_id = ?", [row[0]]).fetchone()[0]
            return f"stored: {row[1]:,} chars, {row[2]}, {spans} spans"
        problem = conn.execute("select kind, message from problems where path = ?", [name]).fetchone()
        return f"{problem[0]}: {problem[1]}" if problem else "NOT REPORTED"
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="blank:en")
    parser.add_argument("--depth", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--only", nargs="*", help="run these cases only")
    args = parser.parse_args()
    worst = 0.0
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        expect = build(tmp / "hostile", depth=args.depth)
        base_db = tmp / "base.sqlite"
        samples = tmp / "samples"
        samples.mkdir()
        for sample in SAMPLES.iterdir():
            shutil.copy(sample, samples / sample.name)
        code, seconds, _ = _ingest(samples, base_db, args)
        print(f"{'samples only (first run)':40s} exit {code}  {seconds:6.1f} s")
        code, seconds, _ = _ingest(samples, base_db, args)
        print(f"{'samples only (re-run, model load)':40s} exit {code}  {seconds:6.1f} s")
        for name in sorted(os.listdir(tmp / "hostile")):
            if name in {s.name for s in SAMPLES.iterdir()}:
                continue
            shown = os.fsencode(name).decode("utf-8", "backslashreplace")
            if args.only and shown not in args.only:
                continue
            folder = tmp / "case"
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(samples, folder)
            source = tmp / "hostile" / name
            if source.is_symlink() or not source.is_file():
                os.rename(source, folder / name)  # links and pipes move as they are
            else:
                shutil.copy(source, folder / name)
            db_path = tmp / "case.sqlite"
            shutil.copy(base_db, db_path)
            code, seconds, tail = _ingest(folder, db_path, args)
            worst = max(worst, seconds)
            failed += code != 0
            outcome = _outcome(db_path, shown) if code == 0 else f"FAILED {tail}"
            if shown not in expect:
                outcome += " (not an expected case)"
            print(f"{shown:40s} exit {code}  {seconds:6.1f} s  {outcome}", flush=True)
    print(f"worst case {worst:.1f} s, {failed} runs failed")
    return 1 if failed or worst > 30 else 0


if __name__ == "__main__":
    sys.exit(main())
