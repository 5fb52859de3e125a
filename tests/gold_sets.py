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


def verify_from_gold(db, articles, gold) -> dict[str, int]:
    """Review every gold article (``articles``, by path) as an analyst would from its gold facts; mark it verified.

    Each place a gold meeting names is made a span with exactly its bounds
    (the right one accepted, a wrong one rejected and the place added), so the
    articles carry real corrections; the rest of the proposals stand, as they do
    in a verified article. Returns the counts of each kind of decision.
    """
    import re

    from desktop import review

    places: dict[str, set[str]] = {}
    for fact in gold:
        if fact.get("place"):
            places.setdefault(fact["file"], set()).add(fact["place"])
    counts = {"accepted": 0, "rejected": 0, "added": 0, "verified": 0}
    for document in store.list_documents(db):
        if document["path"] not in articles:
            continue
        doc_id = document["id"]
        text = store.get_document(db, doc_id)["text"]
        for place in sorted(places.get(document["path"], ())):
            pattern = r"\b" + re.escape(place).replace(r"\.", r"\.?").replace(r"\ ", r"\s+") + r"\b"
            for match in re.finditer(pattern, text):
                start, end = match.span()
                spans = [s for s in store.spans_for_document(db, doc_id, include_rejected=False)
                         if s["start"] < end and s["end"] > start]
                exact = [s for s in spans if (s["start"], s["end"]) == (start, end) and s["label"] in ("GPE", "LOC", "FAC")]
                if exact:
                    if exact[0]["status"] != "accepted":
                        review.accept(db, exact[0]["id"])
                        counts["accepted"] += 1
                    continue
                for span in spans:
                    review.reject(db, span["id"])
                    counts["rejected"] += 1
                review.add_span(db, doc_id, start, end, "GPE")
                counts["added"] += 1
        review.mark_verified(db, doc_id)
        counts["verified"] += 1
    return counts
