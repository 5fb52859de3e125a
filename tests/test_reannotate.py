"""Re-annotating unverified articles with a project model keeps every decision (issue 13, acceptance 3)."""

from __future__ import annotations

import pytest

from desktop import models, review, store
from desktop.cli import main
from desktop.reannotate import reannotate_steps

TEXT = "Officials in Minsk and Moscow met in Kazan. Sochi hosted talks. Minsk again. Vitebsk too."


def fake_model(db_path, name: str = "fake"):
    """A project model that proposes every city as GPE: a pipeline saved as training saves one."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", name="fake_ner")
    ruler.add_patterns([{"label": "GPE", "pattern": city} for city in ("Minsk", "Moscow", "Kazan", "Sochi", "Vitebsk")])
    nlp.meta["article_review"] = {"model": models.spec_for(name), "version": "test"}
    path = models.models_dir(db_path) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    return path


@pytest.fixture
def project(db_path):
    db = store.open_db(db_path)
    store.set_meta(db, "profile", "russia_belarus")
    doc = store.insert_document(db, path="a.txt", hash="a", text=TEXT)
    done = store.insert_document(db, path="b.txt", hash="b", text=TEXT)
    store.insert_spans(db, [
        {"doc_id": doc, "start": 13, "end": 18, "label": "ORG", "text": "Minsk", "source": "model", "status": "proposed",
         "model": "base"},
        {"doc_id": doc, "start": 23, "end": 29, "label": "GPE", "text": "Moscow", "source": "model", "status": "proposed",
         "model": "base"},
        {"doc_id": doc, "start": 37, "end": 42, "label": "PERSON", "text": "Kazan", "source": "model",
         "status": "proposed", "model": "base"},
        {"doc_id": done, "start": 13, "end": 18, "label": "ORG", "text": "Minsk", "source": "model",
         "status": "proposed", "model": "base"},
    ])
    spans = {s["text"]: s["id"] for s in store.spans_for_document(db, doc)}
    review.accept(db, spans["Moscow"])
    review.reject(db, spans["Kazan"])
    added = review.add_span(db, doc, 44, 49, "LOC")  # "Sochi", as the analyst wants it
    review.mark_verified(db, done)
    review.create_entity(db, "Vitebsk city", "GPE", aliases=["Vitebsk"])  # the project's own entity
    decided = {s["id"]: dict(s) for s in store.decided_spans(db, doc)}
    assert len(decided) == 3 and added in decided
    db.close()
    return db_path, doc, done, decided


def test_reannotate_keeps_decisions_and_names_the_new_model(project):
    db_path, doc, done, decided = project
    fake_model(db_path)
    steps = list(reannotate_steps(db_path, "project:fake"))
    summary = steps[-1].summary
    assert summary["documents"] == 1 and summary["model"] == "project:fake" and summary["kept"] == 3
    db = store.open_db(db_path)
    rows = {(s["start"], s["label"]): s for s in store.spans_for_document(db, doc)}
    for span_id, before in decided.items():  # every decision exactly as it was
        after = store.get_row(db, "spans", span_id)
        assert {k: after[k] for k in ("start", "end", "label", "status", "source", "model")} == \
               {k: before[k] for k in ("start", "end", "label", "status", "source", "model")}
    # The old proposal ("Minsk" as ORG) is replaced; the new ones name the new model; none over a decision.
    assert (13, "ORG") not in rows
    new = [s for s in rows.values() if s["status"] == "proposed"]
    assert {(s["text"], s["label"]) for s in new} == {("Minsk", "GPE"), ("Vitebsk", "GPE")}
    assert {s["model"] for s in new} == {"project:fake"} and {s["model_version"] for s in new} == {"test"}
    # The profile links Minsk; the alias the analyst gave the project links Vitebsk.
    assert {(s["text"], s["entity_id"]) for s in new} == {("Minsk", "minsk"), ("Vitebsk", "vitebsk-city")}
    # The verified article is untouched.
    assert [(s["label"], s["model"]) for s in store.spans_for_document(db, done)] == [("ORG", "base")]
    assert store.get_document(db, doc)["model"] == "project:fake"
    assert (store.get_meta(db, "model"), store.get_meta(db, "model_version")) == ("project:fake", "test")
    assert any(a["op"] == "reannotate" for a in db.query("select op from actions where kind = 'system'"))
    db.close()


def test_cli_reannotate_with_the_project_setting(project, capsys):
    db_path, doc, _done, _decided = project
    fake_model(db_path)
    assert main(["models", "--db", str(db_path), "--use", "fake"]) == 0
    assert main(["reannotate", "--db", str(db_path), "--quiet"]) == 0
    assert "1 unverified articles re-annotated with project:fake" in capsys.readouterr().out
    db = store.open_db(db_path)
    assert {s["model"] for s in store.spans_for_document(db, doc) if s["status"] == "proposed"} == {"project:fake"}
    db.close()


def test_unknown_project_model_is_one_line(project, capsys):
    db_path = project[0]
    assert main(["reannotate", "--db", str(db_path), "--model", "project:gone"]) == 2
    assert "no project model 'gone'" in capsys.readouterr().err


def test_ingest_with_a_project_model_records_its_name(tmp_path, db_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text("Talks in Sochi.\n\nThe leaders met in Sochi on Friday.", encoding="utf-8")
    fake_model(db_path, "cities")
    assert main(["ingest", str(folder), "--db", str(db_path), "--model", "project:cities", "--quiet"]) == 0
    db = store.open_db(db_path)
    sochi = [s for s in store.iter_spans(db) if s["text"] == "Sochi"]
    assert sochi and {s["model"] for s in sochi} == {"project:cities"}
    assert store.get_meta(db, "model") == "project:cities"
    db.close()
    assert main(["ingest", str(folder), "--db", str(db_path), "--model", "project:missing", "--quiet"]) == 2
    assert "no project model 'missing'" in capsys.readouterr().err
