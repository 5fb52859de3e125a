"""Acceptance beyond the seeds: facts proposed for the genre development set, scored against its gold.

``tests/data/genre`` holds 37 articles written in the genre (agencies, datelines, planned and held
meetings, summits, calls, trade figures, and distractors: other officials' meetings, other leaders'
calls, exports, loans, gas prices), a ``metadata.csv`` with their publication dates, and a gold file
written before the extractor was run on them (g*: the first batch; h* and i*: two later batches
scored blind before the rules were extended for them). The floors are what the extractor reaches, with a
little room for changes elsewhere (model spans, normalisation); the product goal is 0.9 / 0.85.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop import store
from desktop.scoring import load_gold, score

pytestmark = pytest.mark.model

GENRE = Path(__file__).resolve().parent / "data" / "genre"
FLOORS = {  # kind: (recall, precision); reached: 1.00 / 1.00 for every kind
    "meeting": (0.95, 0.95),
    "trade": (0.95, 0.95),
    "call": (0.9, 0.9),
}


@pytest.fixture(scope="module")
def genre(tmp_path_factory):
    """The development set (with its metadata.csv) ingested once with the trained pipeline."""
    from desktop.ingest import ingest

    folder = tmp_path_factory.mktemp("genre") / "genre"
    shutil.copytree(GENRE, folder)
    db_path = folder.parent / "genre.sqlite"
    for _ in ingest(folder, db_path):
        pass
    db = store.open_db(db_path)
    articles, gold = load_gold(GENRE / "gold.jsonl")
    yield db, articles, gold
    db.close()


def test_the_gold_covers_every_article_with_its_metadata_date(genre):
    db, articles, _ = genre
    documents = {d["path"]: d for d in store.list_documents(db)}
    assert set(documents) == set(articles)
    for name, record in articles.items():
        assert documents[name]["published"] == record["published"], name


@pytest.mark.parametrize("kind", list(FLOORS))
def test_genre_scores_meet_the_floors(genre, kind):
    db, _, gold = genre
    result = score(store.list_facts(db), gold)[kind]
    recall, precision = FLOORS[kind]
    assert result["recall"] >= recall, (kind, result["recall"], result["missed"])
    assert result["precision"] >= precision, (kind, result["precision"], result["false_positives"])


def test_distractors_give_no_facts(genre):
    """An article about the prime ministers' gas and loan talks states no leaders' meeting and no turnover."""
    db, _, _ = genre
    doc = store.document_by_path(db, "g19_interfax_pms_2020.txt")
    facts = store.facts_for_document(db, doc["id"])
    assert [f["kind"] for f in facts] == ["meeting"]  # only the presidents' Sochi meeting it mentions
    assert (facts[0]["date_start"], facts[0]["date_end"]) == ("2020-09-01", "2020-09-30")
