"""An ingest under a changed profile re-proposes the facts of every article, keeping the analyst's decisions."""

from __future__ import annotations

from pathlib import Path

from desktop import store
from desktop.facts import confirm_fact
from desktop.ingest import ingest

GENRE = Path(__file__).parent / "data" / "genre"


def facts_after(db_path, profile) -> list[dict]:
    for _ in ingest(GENRE, db_path, profile=profile):
        pass
    db = store.open_db(db_path)
    try:
        return store.list_facts(db)
    finally:
        db.close()


def keys(facts) -> set:
    return {(f["doc_id"], f["kind"], f.get("evidence")) for f in facts if f["status"] == "proposed"}


def test_changed_profile_reproposes_unchanged_articles(tmp_path):
    fresh = facts_after(tmp_path / "fresh.sqlite", "russia_kazakhstan")
    db_path = tmp_path / "switched.sqlite"
    first = facts_after(db_path, "russia_belarus")
    assert len(first) > len(fresh)  # the two profiles propose different facts on this folder
    db = store.open_db(db_path)
    kept = first[0]
    confirm_fact(db, kept["id"])
    db.close()
    switched = facts_after(db_path, "russia_kazakhstan")
    # The Belarus profile's proposals are gone from the unchanged articles; the Kazakhstan ones are there.
    assert keys(switched) == keys(fresh)
    assert any(f["id"] == kept["id"] and f["status"] == "confirmed" for f in switched)
    # The same profile again: nothing re-proposed, ids stay.
    again = facts_after(db_path, "russia_kazakhstan")
    assert {f["id"] for f in again} == {f["id"] for f in switched}
