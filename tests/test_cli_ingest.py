"""The ingest, docs, spans and stats commands: output shapes, errors, exit codes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.settings import default_db_path

ROOT = Path(__file__).resolve().parent.parent
RULES = "blank:en"


@pytest.fixture
def ingested(samples, db_path, capsys):
    assert main(["ingest", str(samples), "--db", str(db_path), "--model", RULES, "--quiet"]) == 0
    capsys.readouterr()
    return db_path


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_ingest_prints_a_summary(samples, db_path, capsys):
    assert main(["ingest", str(samples), "--db", str(db_path), "--model", RULES]) == 0
    captured = capsys.readouterr()
    assert "5 added, 0 changed, 0 unchanged, 0 missing, 0 skipped" in captured.out
    assert f"database: {db_path}" in captured.out
    # Not a terminal: plain progress lines, ending with the total.
    assert "Done: 5/5" in captured.err


def test_ingest_default_db_belongs_to_the_folder(samples, capsys):
    assert main(["ingest", str(samples), "--model", RULES, "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert default_db_path(samples).exists()


def test_docs_jsonl(ingested, capsys):
    assert main(["docs", "--db", str(ingested), "--format", "jsonl"]) == 0
    docs = jsonl(capsys.readouterr().out)
    assert [d["file"] for d in docs] == sorted(p.name for p in (ROOT / "resources" / "samples").glob("*.txt"))
    for doc in docs:
        assert {"file", "title", "published", "published_basis", "status", "spans"} <= set(doc)
        assert doc["title"] and doc["status"] == "new" and doc["spans"] > 0
    assert docs[1]["published"] is None and docs[3]["published"] == "2019-12-20"


def test_docs_table(ingested, capsys):
    assert main(["docs", "--db", str(ingested)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["file", "published", "status", "spans", "title"]
    assert len(lines) == 6 and "2019-12-20" in lines[4]


def test_spans_jsonl_for_one_file(ingested, samples, capsys):
    name = "004_4b1adfc936ba8d76.txt"
    assert main(["spans", "--db", str(ingested), "--file", name, "--format", "jsonl"]) == 0
    spans = jsonl(capsys.readouterr().out)
    text = (samples / name).read_text(encoding="utf-8")
    assert spans and {s["file"] for s in spans} == {name}
    keys = {"file", "start", "end", "label", "text", "entity", "entity_name", "value", "source", "status"}
    assert all(keys <= set(s) for s in spans)
    assert all(text[s["start"]:s["end"]] == s["text"] for s in spans)
    tass = next(s for s in spans if s["text"] == "TASS")
    assert (tass["label"], tass["entity"], tass["entity_name"], tass["source"], tass["status"]) == (
        "ORG", "tass", "TASS", "rule", "proposed")


def test_spans_all_and_unknown_file(ingested, capsys):
    assert main(["spans", "--db", str(ingested), "--format", "jsonl"]) == 0
    assert len({s["file"] for s in jsonl(capsys.readouterr().out)}) == 5
    assert main(["spans", "--db", str(ingested), "--file", "nope.txt"]) == 2
    assert capsys.readouterr().err.strip() == "article-review: error: no document 'nope.txt' in the database"


def test_stats(ingested, capsys):
    assert main(["stats", "--db", str(ingested)]) == 0
    out = capsys.readouterr().out
    assert "documents: 5 total, 5 new" in out and "profile:   russia_belarus" in out
    assert main(["stats", "--db", str(ingested), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["documents"]["total"] == 5 and stats["model"] == RULES


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_missing_folder(tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "x.sqlite")]) == 2
    assert one_error_line(capsys.readouterr().err) == f"article-review: error: no such folder: {tmp_path / 'nope'}"
    assert not (tmp_path / "x.sqlite").exists()


@pytest.mark.parametrize("command", [["ingest", "FOLDER"], ["docs"], ["spans"], ["stats"]])
def test_not_a_database(samples, tmp_path, capsys, command):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    argv = [str(samples) if part == "FOLDER" else part for part in command]
    assert main([*argv, "--db", str(bogus), "--model", RULES] if command[0] == "ingest" else [*argv, "--db", str(bogus)]) == 2
    assert "is not an Article Review database (not SQLite)" in one_error_line(capsys.readouterr().err)


def test_no_database_yet(tmp_path, capsys):
    assert main(["docs", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert one_error_line(capsys.readouterr().err) == f"article-review: error: no database at {tmp_path / 'none.sqlite'}"
    assert not (tmp_path / "none.sqlite").exists()


def test_locked_database(ingested, samples, capsys):
    (samples / "new.txt").write_text("Putin met Lukashenka in Minsk.\n", encoding="utf-8")
    holder = sqlite3.connect(ingested, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code = main(["ingest", str(samples), "--db", str(ingested), "--model", RULES, "--quiet"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    assert "is held by another process (database is locked)" in one_error_line(capsys.readouterr().err)
    # Once released, the same command works.
    assert main(["ingest", str(samples), "--db", str(ingested), "--model", RULES, "--quiet"]) == 0


def test_workers_must_be_positive(samples, db_path, capsys):
    assert main(["ingest", str(samples), "--db", str(db_path), "--workers", "0"]) == 2
    assert one_error_line(capsys.readouterr().err) == "article-review: error: --workers must be at least 1"


def test_bad_profile(samples, db_path, capsys):
    assert main(["ingest", str(samples), "--db", str(db_path), "--profile", "nope", "--model", RULES]) == 2
    assert "no profile 'nope'" in one_error_line(capsys.readouterr().err)


def test_console_errors_have_no_traceback(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "ingest", str(tmp_path / "nope")],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 2
    assert one_error_line(result.stderr).startswith("article-review: error: no such folder")


def test_progress_on_a_terminal_shows_rate_and_time_left():
    """Issue 12: the bar is tqdm's, not written by hand."""
    import io

    from desktop.cli.ingest import _ProgressLine

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    progress = _ProgressLine(stream)
    for done in range(0, 6):
        progress.show(done, 5, f"article {done}.txt")
    progress.close()
    out = stream.getvalue()
    assert "5/5" in out and "article/s" in out and "<" in out  # rate, elapsed<remaining
