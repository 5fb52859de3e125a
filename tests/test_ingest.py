"""Ingest: the seeds, re-runs, edits, removals, odd encodings, crashes, workers, cancel."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from desktop import review, store
from desktop.ingest import IngestError, Progress, ingest
from tests.faults import kill_after_first_batch, make_corpus

ROOT = Path(__file__).resolve().parent.parent
RULES = "blank:en"  # the gazetteer alone: fast, no trained model needed


def run(folder, db_path, **options) -> dict:
    steps = list(ingest(folder, db_path, **options))
    assert all(isinstance(step, Progress) for step in steps)
    assert [s for s in steps if s.summary is not None] == steps[-1:]
    return steps[-1].summary


def dump(db_path) -> list[str]:
    """Everything but the run log (each run appends one 'system' entry)."""
    conn = sqlite3.connect(db_path)
    try:
        return [line for line in conn.iterdump() if '"actions"' not in line and "INSERT INTO \"meta\"" not in line]
    finally:
        conn.close()


def spans_of(db, path):
    doc = store.document_by_path(db, path)
    return store.spans_for_document(db, doc["id"])


@pytest.mark.model
def test_seeds_acceptance(samples, db_path):
    summary = run(samples, db_path)
    assert (summary["added"], summary["skipped"], summary["fallback_warning"]) == (5, [], None)
    assert summary["model"].startswith("en_core_web_sm")
    db = store.open_db(db_path)
    docs = {d["path"][:3]: d for d in store.list_documents(db)}
    assert len(docs) == 5 and all(d["title"] for d in docs.values())
    assert {k: d["published"] for k, d in docs.items()} == {
        "000": "2021-12-24", "001": None, "002": "2019-07-03", "003": "2019-12-20", "004": "2024-01-28",
    }
    assert all(d["published_source"] == "text" for k, d in docs.items() if k != "001")
    spans = list(store.iter_spans(db))
    lukashenko = [s for s in spans if "lukashenk" in s["text"].lower()]
    assert len(lukashenko) >= 15
    assert {(s["label"], s["entity_id"]) for s in lukashenko} == {("PERSON", "lukashenko")}
    assert {s["label"] for s in spans if s["text"] in ("BelTA", "TASS")} == {"ORG"}
    # Dates are normalised against the publication date; model and version are recorded.
    dates = [s for s in spans if s["label"] == "DATE" and s["file"].startswith("000")]
    assert any(s["text"] == "December 29" and s["value"] == "2021-12-29" for s in dates)
    assert {(s["model"], s["model_version"]) for s in spans} == {(summary["model"], summary["model_version"])}
    assert store.get_meta(db, "folder") == str(samples.resolve())
    assert store.get_meta(db, "profile") == "russia_belarus"
    assert store.get_meta(db, "model") == summary["model"]
    assert db["entities"].count >= 13 and store.entity_for_alias(db, "Alyaksandr Lukashenka") == "lukashenko"
    assert [a["op"] for a in db.query("select op from actions where kind = 'system'")] == ["ingest"]


@pytest.mark.model
def test_rerun_changes_nothing_and_analyses_nothing(samples, db_path, monkeypatch):
    run(samples, db_path)
    before = dump(db_path)
    import desktop.analysis

    def no_analysis(*args, **kwargs):
        raise AssertionError("a re-run of unchanged files analysed text")

    # What made a re-run fast, asserted as structure rather than time: no text goes through the pipeline again.
    monkeypatch.setattr(desktop.analysis.Analyser, "run", no_analysis)
    summary = run(samples, db_path)
    assert (summary["added"], summary["changed"], summary["unchanged"]) == (0, 0, 5)
    assert dump(db_path) == before


def test_edit_one_file_keeps_decisions(samples, db_path):
    run(samples, db_path, model=RULES)
    db = store.open_db(db_path)
    other = next(s for s in spans_of(db, "000_04b2388141acea16.txt") if s["text"] == "Kremlin")
    review.accept(db, other["id"])
    edited = "003_10aafd9e9cee7e56.txt"
    spans = spans_of(db, edited)
    sochi = next(s for s in spans if s["text"] == "Sochi")
    ukraine = next(s for s in spans if s["text"] == "Ukraine")
    medvedev = next(s for s in spans if s["text"] == "Dmitry Medvedev")
    review.accept(db, sochi["id"])
    review.reject(db, ukraine["id"])
    added = review.add_span(db, sochi["doc_id"], medvedev["start"], medvedev["end"], "PERSON")
    other_before = store.get_row(db, "spans", other["id"])
    db.close()

    path = samples / edited
    text = path.read_text(encoding="utf-8")
    assert text.count("Ukraine") == 1
    path.write_text("A new first line about Minsk.\n" + text.replace("Ukraine", "Moldova"), encoding="utf-8")
    summary = run(samples, db_path, model=RULES)
    assert (summary["added"], summary["changed"], summary["unchanged"]) == (0, 1, 4)

    db = store.open_db(db_path)
    doc = store.document_by_path(db, edited)
    assert doc["text"].startswith("A new first line")
    assert store.get_row(db, "spans", other["id"]) == other_before
    moved = store.get_row(db, "spans", sochi["id"])
    assert moved["status"] == "accepted" and moved["flag"] is None
    assert doc["text"][moved["start"]:moved["end"]] == "Sochi" and moved["start"] == sochi["start"] + 30
    lost = store.get_row(db, "spans", ukraine["id"])
    assert (lost["status"], lost["flag"]) == ("rejected", "text changed")
    mine = store.get_row(db, "spans", added)
    assert mine["source"] == "analyst" and doc["text"][mine["start"]:mine["end"]] == "Dmitry Medvedev"
    current = spans_of(db, edited)
    # New proposals came in for the new text, none on top of a decided span.
    assert any(s["text"] == "Minsk" and s["start"] < 30 for s in current)
    assert [s["id"] for s in current if s["start"] == moved["start"]] == [sochi["id"]]
    assert [s["id"] for s in current if s["start"] < mine["end"] and s["end"] > mine["start"]] == [added]
    assert doc["status"] == "in review"


def test_removed_file_is_missing_then_comes_back(samples, db_path):
    run(samples, db_path, model=RULES)
    removed = samples / "001_a0035844017bdda8.txt"
    data = removed.read_bytes()
    removed.unlink()
    summary = run(samples, db_path, model=RULES)
    assert (summary["missing"], summary["unchanged"]) == (1, 4)
    db = store.open_db(db_path)
    doc = store.document_by_path(db, "001_a0035844017bdda8.txt")
    assert doc["status"] == "missing" and spans_of(db, doc["path"])
    db.close()
    removed.write_bytes(data)
    summary = run(samples, db_path, model=RULES)
    assert (summary["missing"], summary["unchanged"], summary["added"]) == (0, 5, 0)
    db = store.open_db(db_path)
    assert store.document_by_path(db, "001_a0035844017bdda8.txt")["status"] == "new"


def test_moved_file_keeps_its_document(samples, db_path):
    run(samples, db_path, model=RULES)
    db = store.open_db(db_path)
    doc = store.document_by_path(db, "004_4b1adfc936ba8d76.txt")
    span = next(s for s in spans_of(db, doc["path"]) if s["text"] == "TASS")
    review.accept(db, span["id"])
    db.close()
    (samples / "sub").mkdir()
    shutil.move(samples / "004_4b1adfc936ba8d76.txt", samples / "sub" / "renamed.txt")
    summary = run(samples, db_path, model=RULES)
    assert (summary["moved"], summary["added"], summary["missing"]) == (1, 0, 0)
    db = store.open_db(db_path)
    assert store.get_document(db, doc["id"])["path"] == "sub/renamed.txt"
    assert store.get_row(db, "spans", span["id"])["status"] == "accepted"


def test_analyst_date_survives_an_edit(samples, db_path):
    run(samples, db_path, model=RULES)
    db = store.open_db(db_path)
    doc = store.document_by_path(db, "001_a0035844017bdda8.txt")
    review.set_published(db, doc["id"], "2022-02-17")
    db.close()
    path = samples / doc["path"]
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert run(samples, db_path, model=RULES)["changed"] == 1
    db = store.open_db(db_path)
    after = store.get_document(db, doc["id"])
    assert (after["published"], after["published_source"]) == ("2022-02-17", "analyst")


def write_mixed(folder: Path) -> None:
    folder.mkdir()
    (folder / "cp1251.txt").write_bytes(
        "Лукашенко встретился с Путиным в Минске.\nПереговоры прошли в Москве, сообщает БелТА.\n".encode("cp1251")
    )
    (folder / "utf16.txt").write_bytes("Lukashenka met Putin in Minsk — «Союзное государство».\n".encode("utf-16"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "page.html").write_text(
        "<html><head><title>Talks in Minsk</title><script>var secret = 'Lukashenko';</script>"
        "<style>p {color: red}</style></head><body><h1>Talks in Minsk</h1><p>Putin met Lukashenko.</p></body></html>",
        encoding="utf-8",
    )


def test_mixed_encodings(tmp_path, db_path, capsys):
    from desktop.cli import main

    folder = tmp_path / "mixed"
    write_mixed(folder)
    assert main(["ingest", str(folder), "--db", str(db_path), "--model", RULES]) == 0
    out = capsys.readouterr().out
    assert "3 added" in out and "2 skipped" in out
    assert "empty.txt: empty file" in out and "binary.txt:" in out
    db = store.open_db(db_path)
    docs = {d["path"]: store.get_document(db, d["id"]) for d in store.list_documents(db)}
    assert set(docs) == {"cp1251.txt", "utf16.txt", "page.html"}
    assert docs["cp1251.txt"]["text"].startswith("Лукашенко встретился с Путиным")
    assert "«Союзное государство»" in docs["utf16.txt"]["text"]
    assert "secret" not in docs["page.html"]["text"] and "color" not in docs["page.html"]["text"]
    assert docs["page.html"]["title"] == "Talks in Minsk"
    assert [(s["text"], s["entity_id"]) for s in spans_of(db, "page.html")] == [
        ("Minsk", "minsk"), ("Putin", "putin"), ("Lukashenko", "lukashenko"),
    ]


def test_missing_folder_is_an_error(tmp_path, db_path):
    with pytest.raises(IngestError, match="no such folder"):
        next(ingest(tmp_path / "nope", db_path))


def test_cancel_leaves_a_consistent_db_and_rerun_finishes(samples, db_path):
    seen = []

    def cancel() -> bool:
        return len(seen) >= 2

    for step in ingest(samples, db_path, model=RULES, cancel=cancel):
        if step.message == "Processing":
            seen.append(step.path)
        last = step
    assert last.summary["cancelled"] and last.summary["added"] == 2
    db = store.open_db(db_path)
    assert store.integrity_ok(db) and store.count_documents(db)["total"] == 2
    db.close()
    summary = run(samples, db_path, model=RULES)
    assert (summary["added"], summary["unchanged"], summary["cancelled"]) == (3, 2, False)


def test_facts_are_proposed_after_ingest(samples, db_path):
    pytest.importorskip("desktop.facts")
    summary = run(samples, db_path)
    db = store.open_db(db_path)
    assert summary["facts"] > 0 and summary["facts_error"] is None
    assert db["facts"].count == summary["facts"]


@pytest.mark.model
@pytest.mark.slow
def test_two_workers_give_the_same_spans(samples, tmp_path):
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    run(samples, one)
    summary = run(samples, two, workers=2)
    assert summary["added"] == 5 and summary["model"].startswith("en_core_web_sm")
    query = """select d.path, s.start, s.end, s.label, s.text, s.entity_id, s.value, s.source
               from spans s join documents d on d.id = s.doc_id order by 1, 2, 3, 4"""
    rows_one = list(sqlite3.connect(one).execute(query))
    assert rows_one and rows_one == list(sqlite3.connect(two).execute(query))




@pytest.mark.model
@pytest.mark.slow
def test_sigkill_midway_then_rerun_finishes(tmp_path, db_path):
    folder = tmp_path / "corpus"
    make_corpus(folder, 200)
    kill_after_first_batch([sys.executable, "-m", "desktop", "ingest", str(folder), "--db", str(db_path), "--quiet"],
                           db_path, 200)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("select count(*) from documents").fetchone()[0] == 200
    assert conn.execute(
        "select count(*) from documents d where not exists (select 1 from spans s where s.doc_id = d.id)"
    ).fetchone()[0] == 0
    conn.close()


@pytest.mark.model
def test_model_fallback_warns(samples, db_path, capsys):
    from desktop.cli import main

    assert main(["ingest", str(samples), "--db", str(db_path), "--model", "does_not_exist", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "does_not_exist" in err and "Traceback" not in err
    db = store.open_db(db_path)
    assert store.get_meta(db, "model").startswith("en_core_web_sm")
    assert store.count_documents(db)["total"] == 5
