"""Acceptance: facts proposed for the seed articles, scored against the hand-made gold."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop import store
from desktop.scoring import load_gold, score

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """The samples with a metadata.csv of the gold publication dates, ingested once."""
    import shutil

    from desktop.resources_path import samples_dir

    root = Path(__file__).resolve().parent.parent
    gold_path = root.parent / "shared" / "gold" / "seeds.jsonl"
    if not gold_path.exists():
        gold_path = root / "tests" / "data" / "gold_seeds.jsonl"
    articles, gold = load_gold(gold_path)
    folder = tmp_path_factory.mktemp("seeds") / "samples"
    shutil.copytree(samples_dir(), folder)
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "published"])
        for name, record in sorted(articles.items()):
            writer.writerow([name, record["published"]])
    from desktop.ingest import ingest

    db_path = folder.parent / "seeds.sqlite"
    for _ in ingest(folder, db_path):
        pass
    db = store.open_db(db_path)
    yield db, gold
    db.close()


@pytest.mark.parametrize("options", [pytest.param({}, id="strict"),
                                     pytest.param({"alternatives": True, "merged": True}, id="merged-reading")])
def test_seed_scores_meet_the_goal(seeded, options):
    db, gold = seeded
    result = score(store.list_facts(db), gold, **options)
    # Reached on the seeds: 1.00 everywhere; the acceptance goal is recall 0.9 / precision 0.85.
    for kind in ("meeting", "trade", "call"):
        assert result[kind]["recall"] == 1.0, (kind, result[kind]["missed"])
        assert result[kind]["precision"] == 1.0, (kind, result[kind]["false_positives"])


def test_every_fact_rests_on_its_sentence(seeded):
    db, _ = seeded
    for fact in store.list_facts(db):
        text = store.get_document(db, fact["doc_id"])["text"]
        assert text[fact["start"]:fact["end"]] == fact["evidence"]
        assert fact["event_id"] is not None


def test_scoring_counts_duplicates_and_borderline():
    gold = [
        {"kind": "meeting", "file": "a.txt", "date_start": "2024-01-29", "date_end": "2024-01-29"},
        {"kind": "meeting", "file": "a.txt", "date_start": "2024-03-01", "date_end": "2024-03-01", "borderline": True},
    ]
    proposal = dict(gold[0], participants=["putin", "lukashenko"], status="proposed")
    optional = dict(gold[1], participants=["putin", "lukashenko"], status="proposed")
    strict = score([proposal, dict(proposal)], gold)["meeting"]
    assert (strict["true_positives"], strict["proposed"], strict["precision"]) == (1, 2, 0.5)
    assert score([proposal, optional], gold)["meeting"] | {"missed": [], "false_positives": []} == {
        "gold": 1, "proposed": 1, "true_positives": 1, "matched_gold": 1, "recall": 1.0, "precision": 1.0,
        "missed": [], "false_positives": []}
    slack = dict(proposal, date_start="2024-01-30", date_end="2024-01-30")
    assert score([slack], gold)["meeting"]["recall"] == 1.0
    late = dict(proposal, date_start="2024-01-31", date_end="2024-01-31")
    assert score([late], gold)["meeting"]["recall"] == 0.0
    assert score([dict(proposal, participants=["putin"])], gold)["meeting"]["true_positives"] == 0
    merged = dict(proposal, date_start="2024-01-29", date_end="2024-03-01")
    two = gold[:1] + [dict(gold[1], borderline=False)]
    assert score([merged], two)["meeting"]["recall"] == 0.5
    assert score([merged], two, merged=True)["meeting"]["recall"] == 1.0
