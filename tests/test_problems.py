"""Problems are visible and kept: skipped files, failed extractions, failed steps (issues 10 and 11)."""

from __future__ import annotations

from desktop import facts, problems, store
from desktop.cli import main
from desktop.ingest import ingest
from tests.faults import break_extraction  # noqa: E402

RULES = "blank:en"
MEETING = "Putin and Lukashenko met in Sochi on 7 December 2019."


def _folder(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(MEETING, encoding="utf-8")
    (folder / "bad.txt").write_text("BOOM. " + MEETING, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder



def _run(folder, db_path):
    for step in ingest(folder, db_path, model=RULES):
        last = step
    return last.summary


def test_ingest_records_skipped_files_and_failed_extractions(tmp_path, monkeypatch):
    break_extraction(monkeypatch, "BOOM")
    folder = _folder(tmp_path)
    summary = _run(folder, tmp_path / "p.sqlite")
    assert summary["facts_failed"] == [["bad.txt", "TypeError: broken"]]
    db = store.open_db(tmp_path / "p.sqlite")
    rows = {(p["kind"], p["path"]): p for p in problems.list_problems(db)}
    assert set(rows) == {("skipped", "empty.txt"), ("facts", "bad.txt")}
    assert rows[("skipped", "empty.txt")]["message"] == "empty file"
    assert set(problems.for_documents(db).values()) == {"TypeError: broken"}
    assert len(store.document_ids(db)) == 2 and [f["kind"] for f in store.list_facts(db)] == ["meeting"]


def test_a_problem_ends_when_its_cause_does(tmp_path, monkeypatch):
    break_extraction(monkeypatch, "BOOM")
    folder = _folder(tmp_path)
    _run(folder, tmp_path / "p.sqlite")
    monkeypatch.undo()  # the extractor is fixed
    (folder / "empty.txt").unlink()
    _run(folder, tmp_path / "p.sqlite")  # nothing skipped any more
    db = store.open_db(tmp_path / "p.sqlite")
    assert [p["path"] for p in problems.list_problems(db)] == ["bad.txt"]
    facts.propose_all(db)  # re-proposing succeeds now
    assert problems.count(db) == 0
    assert sorted(f["kind"] for f in store.list_facts(db)) == ["meeting", "meeting"]


def test_the_problems_command_lists_them(tmp_path, monkeypatch, capsys):
    break_extraction(monkeypatch, "BOOM")
    _run(_folder(tmp_path), tmp_path / "p.sqlite")
    assert main(["problems", "--db", str(tmp_path / "p.sqlite")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert sorted(out) == ["facts    bad.txt: TypeError: broken", "skipped  empty.txt: empty file"]


def test_ingest_exits_non_zero_when_extraction_failed_for_every_article(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(facts.propose, "extract_facts", lambda *a, **k: (_ for _ in ()).throw(TypeError("broken")))
    folder = tmp_path / "all_bad"
    folder.mkdir()
    (folder / "a.txt").write_text(MEETING, encoding="utf-8")
    (folder / "b.txt").write_text(MEETING, encoding="utf-8")
    assert main(["ingest", str(folder), "--db", str(tmp_path / "p.sqlite"), "--model", RULES, "--quiet"]) == 1
    one = tmp_path / "one_bad"
    one.mkdir()
    (one / "a.txt").write_text(MEETING, encoding="utf-8")
    monkeypatch.undo()
    assert main(["ingest", str(one), "--db", str(tmp_path / "q.sqlite"), "--model", RULES, "--quiet"]) == 0


def test_a_failing_extraction_does_not_refuse_the_analysts_date_change(tmp_path, monkeypatch):
    from desktop import review

    db = store.open_db(tmp_path / "p.sqlite")
    store.upsert_entity(db, {"id": "putin", "name": "Vladimir Putin", "label": "PERSON", "aliases": ["Putin"]})
    store.upsert_entity(db, {"id": "lukashenko", "name": "Alexander Lukashenko", "label": "PERSON",
                             "aliases": ["Lukashenko"]})
    doc_id = store.insert_document(db, path="bad.txt", hash="b", published="2019-12-08", text="BOOM. " + MEETING)
    break_extraction(monkeypatch, "BOOM")
    assert review.set_published(db, doc_id, "2019-12-09")["published"] == "2019-12-09"
    assert [(p["kind"], p["path"]) for p in problems.list_problems(db)] == [("facts", "bad.txt")]
