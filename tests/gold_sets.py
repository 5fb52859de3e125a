"""Shared steps of the tests that score facts on a folder with a gold file (genre dev sets)."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop import store
from desktop.scoring import load_gold, score


def ingest_gold_set(tmp_path_factory, source: Path):
    """Copy ``source`` (articles, metadata.csv, gold.jsonl), ingest it with the trained pipeline; (db, articles, gold)."""
    from desktop.ingest import ingest

    folder = tmp_path_factory.mktemp(source.name) / source.name
    shutil.copytree(source, folder)
    db_path = folder.parent / f"{source.name}.sqlite"
    for _ in ingest(folder, db_path):
        pass
    articles, gold = load_gold(source / "gold.jsonl")
    return store.open_db(db_path), articles, gold


def assert_metadata_dates(db, articles) -> None:
    """Every gold article was ingested, with the publication date its metadata.csv gives."""
    documents = {d["path"]: d for d in store.list_documents(db)}
    assert set(documents) == set(articles)
    for name, record in articles.items():
        assert documents[name]["published"] == record["published"], name


def assert_floors(db, gold, kind: str, floors: dict[str, tuple[float, float]]) -> None:
    """Recall and precision of ``kind`` reach ``floors[kind]`` (recall, precision)."""
    result = score(store.list_facts(db), gold)[kind]
    recall, precision = floors[kind]
    assert result["recall"] >= recall, (kind, result["recall"], result["missed"])
    assert result["precision"] >= precision, (kind, result["precision"], result["false_positives"])
