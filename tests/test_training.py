"""Training on the verified articles: the split, the scores, the thresholds, the saved report (issue 13)."""

from __future__ import annotations

import json

import pytest

from desktop import models, review, store, training
from desktop.cli import main


def test_split_holds_out_whole_articles_fixed_by_the_seed():
    ids = list(range(1, 41))
    train, dev = training.split_documents(ids, dev=0.2, seed=7)
    assert len(dev) == 8 and sorted(train + dev) == ids and not set(train) & set(dev)
    assert training.split_documents(reversed(ids), dev=0.2, seed=7) == (train, dev)
    assert training.split_documents(ids, dev=0.2, seed=8)[1] != dev


def test_split_keeps_a_dev_set_of_at_least_two_articles():
    train, dev = training.split_documents(range(10), dev=0.05, seed=0)
    assert len(dev) == training.MIN_DEV_ARTICLES and len(train) == 8


def test_scores_per_label_count_exact_bounds_and_label():
    gold = [(1, 0, 5, "GPE"), (1, 9, 14, "PERSON"), (2, 0, 4, "PERSON")]
    predicted = [(1, 0, 5, "GPE"), (1, 9, 13, "PERSON"), (2, 0, 4, "ORG")]
    scores = training.score_spans(gold, predicted)
    assert scores["labels"]["GPE"]["f"] == 1.0
    assert scores["labels"]["PERSON"] == {"p": 0.0, "r": 0.0, "f": 0.0, "gold": 2, "predicted": 1, "correct": 0}
    assert scores["labels"]["ORG"]["predicted"] == 1 and scores["labels"]["ORG"]["gold"] == 0
    assert scores["overall"]["p"] == pytest.approx(1 / 3, abs=1e-4)


def test_corrected_labels_are_those_where_the_base_differs():
    gold = {(1, 0, 5, "GPE"), (1, 9, 14, "PERSON")}
    base = {(1, 0, 5, "GPE"), (1, 9, 14, "ORG")}
    assert training.corrected_labels(gold, base) == ["ORG", "PERSON"]


def _project(db_path, *, verified: int, spans_each: int):
    db = store.open_db(db_path)
    for n in range(verified):
        text = " ".join(["Minsk"] * spans_each)
        doc_id = store.insert_document(db, path=f"a{n}.txt", hash=f"h{n}", text=text)
        store.insert_spans(db, [{"doc_id": doc_id, "start": i * 6, "end": i * 6 + 5, "label": "GPE", "text": "Minsk",
                                 "source": "model", "status": "proposed"} for i in range(spans_each)])
        review.mark_verified(db, doc_id)
    return db


def test_too_little_data_says_how_much_more_is_needed(db_path, capsys):
    _project(db_path, verified=6, spans_each=10).close()
    with pytest.raises(training.NotEnoughData) as caught:
        next(training.train_steps(db_path))
    assert caught.value.articles_needed == 4 and caught.value.spans_needed == 40
    assert main(["train", "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert "4 more verified articles and 40 more spans in verified articles needed" in err
    assert not models.models_dir(db_path).exists()


def test_enough_articles_but_too_few_spans(db_path):
    db = _project(db_path, verified=12, spans_each=3)
    assert training.data_needed(db).spans_needed == 64 and training.data_needed(db).articles_needed == 0
    db.close()


def test_rejected_spans_and_unverified_articles_are_not_training_data(db_path):
    db = _project(db_path, verified=2, spans_each=2)
    doc = store.insert_document(db, path="new.txt", hash="x", text="Minsk")
    review.add_span(db, doc, 0, 5, "GPE")
    first = store.spans_for_document(db, 1)[0]["id"]
    review.reject(db, first)
    documents = store.training_documents(db)
    assert [d["path"] for d in documents] == ["a0.txt", "a1.txt"]
    assert [len(d["spans"]) for d in documents] == [1, 2]
    db.close()


def test_train_refuses_a_blank_base(db_path, capsys):
    _project(db_path, verified=12, spans_each=10).close()
    assert main(["train", "--db", str(db_path), "--base", "blank:en"]) == 2
    assert "never from scratch" in capsys.readouterr().err


def test_warnings_name_a_worse_model_and_a_drop_in_agreement():
    scores = lambda f: {"overall": {"f": f}, "labels": {}}  # noqa: E731
    agreement = {"overall": {"f": 0.6}, "labels": {"GPE": {"gold": 20, "f": 0.5}, "LOC": {"gold": 2, "f": 0.0},
                                                   "ORG": {"gold": 30, "f": 0.4}}}
    on_dev = {"overall": {"f": 0.75}, "labels": {"GPE": {"f": 0.9}, "ORG": {"f": 0.45}}}
    report = {"base": scores(0.8), "trained": scores(0.7), "worse_than_base": True, "worse_on_corrected": ["GPE"],
              "agreement": agreement, "agreement_dev": on_dev, "agreement_articles": 30}
    found = training.warnings(report)
    assert any("worse than the base model" in w for w in found)
    assert any("corrected label(s): GPE" in w for w in found)
    assert any("60%" in w and "30 unverified" in w for w in found)
    # GPE departs from the base far more than on the dev articles; ORG as much as the corrections there made it.
    assert any(w.startswith("GPE: agreement") for w in found)
    assert not any(w.startswith(("LOC", "ORG")) for w in found)
    # Departing from the base on unverified articles as much as on the dev articles is no warning.
    calm = dict(report, worse_than_base=False, worse_on_corrected=[],
                agreement={"overall": {"f": 0.7}, "labels": {"ORG": {"gold": 30, "f": 0.4}}})
    assert training.warnings(calm) == []


def test_models_lists_reports_and_refuses_unknown_names(db_path, capsys):
    _project(db_path, verified=1, spans_each=1).close()
    folder = models.models_dir(db_path) / "m1"
    folder.mkdir(parents=True)
    (folder / "meta.json").write_text("{}")
    (folder / "report.json").write_text(json.dumps({
        "created": "2026-01-01T00:00:00", "base_model": "en_core_web_sm", "worse_than_base": True,
        "base": {"overall": {"f": 0.9}}, "trained": {"overall": {"f": 0.8}}, "warnings": ["w"],
        "train_ids": [1, 2], "dev_ids": [3]}))
    assert main(["models", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "project:m1" in out and "0.900 -> 0.800" in out and "worse than base: not offered" in out
    assert main(["models", "--db", str(db_path), "--use", "m1"]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["models", "--db", str(db_path), "--use", "m1", "--force"]) == 0
    assert main(["models", "--db", str(db_path), "--use", "project:nope"]) == 2
    assert "no project model 'nope'" in capsys.readouterr().err
    db = store.open_db(db_path)
    assert models.project_setting(db) == "project:m1"
    db.close()
    with pytest.raises(models.ModelError):
        models.resolve("project:../x", db_path)
