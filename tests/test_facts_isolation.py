"""One article whose extraction raises costs no other article its facts (issue 10, failure isolation)."""

from __future__ import annotations

from desktop import facts, store
from tests.faults import break_extraction  # noqa: E402

MEETING = "Lukashenko and Putin met in Sochi on 7 December."


def _leaders_and_two_articles(db) -> tuple[int, int]:
    """Two leaders and two articles: ``good.txt`` and ``bad.txt``, whose text starts with BOOM."""
    store.upsert_entity(db, {"id": "putin", "name": "Vladimir Putin", "label": "PERSON", "aliases": ["Putin"]})
    store.upsert_entity(db, {"id": "lukashenko", "name": "Alexander Lukashenko", "label": "PERSON",
                             "aliases": ["Lukashenko"]})
    good = store.insert_document(db, path="good.txt", hash="g", published="2019-12-08", text=MEETING)
    bad = store.insert_document(db, path="bad.txt", hash="b", published=None, text="BOOM. " + MEETING)
    return good, bad



def test_a_failing_article_is_skipped_and_reported(db, monkeypatch):
    good, bad = _leaders_and_two_articles(db)
    break_extraction(monkeypatch, "BOOM", TypeError("'<' not supported between 'datetime.date' and 'NoneType'"))
    failures: list = []
    facts.propose_facts(db, [bad, good], failures=failures)
    assert [f["kind"] for f in store.facts_for_document(db, good)] == ["meeting"]
    assert store.facts_for_document(db, bad) == []
    assert failures == [("bad.txt", "TypeError: '<' not supported between 'datetime.date' and 'NoneType'")]


def test_repropose_reports_the_failing_article_in_one_line(tmp_path, monkeypatch, capsys):
    from desktop.cli import main

    path = tmp_path / "project.sqlite"
    db = store.open_db(path)
    _leaders_and_two_articles(db)
    db.close()
    break_extraction(monkeypatch, "BOOM", TypeError("broken"))
    assert main(["facts", "--db", str(path), "--repropose", "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    assert err.strip() == "facts not extracted from bad.txt: TypeError: broken"
    assert "good.txt" in out


def test_the_window_names_an_article_whose_facts_failed():
    from desktop.gui.jobs import ingest_message

    summary = {"added": 2, "skipped": [], "facts_failed": [["bad.txt", "TypeError: broken"], ["worse.txt", "X"]]}
    message = ingest_message(summary)
    assert message.startswith("Ingest: 2 added, 0 changed")
    assert message.endswith("facts not extracted from bad.txt (TypeError: broken) and 1 more")
    assert "facts not extracted" not in ingest_message({"added": 2, "skipped": []})
