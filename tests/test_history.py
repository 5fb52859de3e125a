"""The analyst's operations and the undo/redo history, on a real on-disk store."""

from __future__ import annotations

import pytest

from desktop import history, review, store


@pytest.fixture
def doc(db):
    return store.insert_document(db, path="a.txt", hash="h1", text="Putin met Lukashenko in Minsk on Monday.")


@pytest.fixture
def span(db, doc):
    store.insert_spans(db, [{"doc_id": doc, "start": 10, "end": 20, "label": "PERSON", "text": "Lukashenko",
                             "source": "model", "status": "proposed"}])
    return db.execute("select id from spans").fetchone()[0]


def test_accept_then_undo_redo(db, doc, span):
    review.accept(db, span)
    assert review.get_span(db, span)["status"] == "accepted"
    assert store.get_document(db, doc)["status"] == "in review"
    undone = history.undo(db)
    assert undone["op"] == "accepted"
    assert review.get_span(db, span)["status"] == "proposed"
    assert store.get_document(db, doc)["status"] == "new"
    history.redo(db)
    assert review.get_span(db, span)["status"] == "accepted"


def test_undo_survives_reopening(db_path):
    db = store.open_db(db_path)
    doc = store.insert_document(db, path="a.txt", hash="h", text="Putin met Lukashenko.")
    span = review.add_span(db, doc, 10, 20, "PERSON")
    review.relabel(db, span, "ORG")
    db.close()
    db = store.open_db(db_path)
    assert history.undo(db)["op"] == "relabel"
    assert review.get_span(db, span)["label"] == "PERSON"
    assert history.undo(db)["op"] == "add"
    assert store.get_row(db, "spans", span) is None
    assert history.redo(db)["op"] == "add"
    assert review.get_span(db, span)["label"] == "PERSON"


def test_new_action_drops_the_redo_branch(db, doc, span):
    review.accept(db, span)
    history.undo(db)
    review.reject(db, span)
    assert history.redoable(db) == []
    assert history.redo(db) is None


def test_undo_refuses_when_row_changed_elsewhere(db, doc, span):
    review.accept(db, span)
    db["spans"].update(span, {"label": "GPE"})  # another process, outside the history
    with pytest.raises(history.HistoryError, match="changed since"):
        history.undo(db)
    assert review.get_span(db, span)["status"] == "accepted"  # nothing half-applied


def test_delete_only_analyst_spans(db, doc, span):
    with pytest.raises(review.ReviewError):
        review.delete_span(db, span)
    added = review.add_span(db, doc, 0, 5, "PERSON")
    review.delete_span(db, added)
    assert store.get_row(db, "spans", added) is None
    history.undo(db)
    assert review.get_span(db, added)["text"] == "Putin"


def test_link_propagates_to_unreviewed_mentions(db, doc):
    other = store.insert_document(db, path="b.txt", hash="h2", text="Lukashenka said. Lukashenka left.")
    store.insert_spans(db, [
        {"doc_id": other, "start": 0, "end": 10, "label": "PERSON", "text": "Lukashenka", "source": "model", "status": "proposed"},
        {"doc_id": other, "start": 17, "end": 27, "label": "PERSON", "text": "Lukashenka", "source": "model", "status": "rejected"},
    ])
    entity = review.create_entity(db, "Alexander Lukashenko", "PERSON")
    first = db.execute("select id from spans where start = 0").fetchone()[0]
    span_b = review.add_span(db, doc, 10, 20, "PERSON")  # "Lukashenko": no alias yet
    assert review.link(db, first, entity, propagate=True) == 1  # the rejected mention is a decision: untouched
    assert store.entity_for_alias(db, "LUKASHENKA") == entity
    assert review.get_span(db, span_b)["entity_id"] is None
    history.undo(db)
    assert store.entity_for_alias(db, "Lukashenka") is None


def test_offsets_are_checked(db, doc):
    with pytest.raises(review.ReviewError, match="outside"):
        review.add_span(db, doc, 5, 500, "PERSON")
    with pytest.raises(review.ReviewError, match="whitespace"):
        review.add_span(db, doc, 5, 6, "PERSON")


def test_accept_all_and_verify(db, doc, span):
    assert review.accept_all(db, doc) == 1
    review.mark_verified(db, doc)
    assert store.count_documents(db)["verified"] == 1
    history.undo(db)
    history.undo(db)
    assert review.get_span(db, span)["status"] == "proposed"


def test_open_db_rejects_non_database(tmp_path):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("this is not sqlite" * 100)
    with pytest.raises(store.StoreError, match="not an Article Review database"):
        store.open_db(bogus)


def test_fts_search(db, doc):
    store.insert_document(db, path="b.txt", hash="h2", text="Trade reached $35.5 billion.")
    found = store.list_documents(db, search='trade "35.5')
    assert [d["path"] for d in found] == ["b.txt"]
    assert store.integrity_ok(db)


def test_action_takes_the_write_lock_up_front(db_path):
    """A deferred BEGIN fails at once with "locked" when another connection commits first: actions take the lock."""
    import sqlite3

    db = store.open_db(db_path)
    doc = store.insert_document(db, path="a.txt", hash="h", text="Putin met Lukashenko.")
    other = sqlite3.connect(db_path, timeout=0)
    with review.action(db, "probe", doc_id=doc) as act:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        act.update("documents", doc, title="T")
    other.execute("BEGIN IMMEDIATE")  # released after the action committed
    other.rollback()
    assert store.get_document(db, doc)["title"] == "T"


def test_undo_removes_a_created_entity(db):
    """Entities are keyed by text ids: their inserts must be recorded under that id (regression)."""
    entity = review.create_entity(db, "Mikhail Myasnikovich", "PERSON", aliases=["Myasnikovich"])
    assert store.get_row(db, "entities", entity)["name"] == "Mikhail Myasnikovich"
    history.undo(db)
    assert store.get_row(db, "entities", entity) is None
    assert store.entity_for_alias(db, "Myasnikovich") is None
    history.redo(db)
    assert store.entity_for_alias(db, "myasnikovich") == entity
