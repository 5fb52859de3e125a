"""Creating an entity and linking a span to it: one undoable action (``review.create_and_link``)."""

from __future__ import annotations

import pytest

from desktop import history, review, store

TEXT_A = "Lukashenko met Putin in Minsk."
TEXT_B = "Minsk hosted the talks; Lukashenko spoke."


@pytest.fixture
def corpus(db):
    a = store.insert_document(db, path="a.txt", hash="ha", text=TEXT_A)
    b = store.insert_document(db, path="b.txt", hash="hb", text=TEXT_B)
    rows = []
    for doc_id, text in ((a, TEXT_A), (b, TEXT_B)):
        start = text.index("Minsk")
        rows.append({"doc_id": doc_id, "start": start, "end": start + 5, "label": "GPE", "text": "Minsk",
                     "source": "model", "status": "proposed", "created_at": store.now()})
    store.insert_spans(db, rows)
    spans = {s["doc_id"]: s["id"] for s in db.query("select id, doc_id from spans")}
    return {"a": a, "b": b, "span_a": spans[a], "span_b": spans[b]}


def span(db, span_id):
    return store.get_row(db, "spans", span_id)


def test_create_and_link_is_one_action_and_one_undo(db, corpus):
    entity_id, changed = review.create_and_link(db, corpus["span_a"], "Minsk City", "GPE", propagate=True)
    assert (entity_id, changed) == ("minsk-city", 2)
    assert store.get_row(db, "entities", "minsk-city")["name"] == "Minsk City"
    assert (span(db, corpus["span_a"])["entity_id"], span(db, corpus["span_a"])["status"]) == ("minsk-city", "accepted")
    assert (span(db, corpus["span_b"])["entity_id"], span(db, corpus["span_b"])["status"]) == ("minsk-city", "proposed")
    assert store.entity_for_alias(db, "Minsk") == "minsk-city"  # the mention became an alias
    assert [a["op"] for a in history.undoable(db)] == ["create and link"]

    history.undo(db)
    assert store.get_row(db, "entities", "minsk-city") is None
    assert list(db.query("select * from aliases where entity_id = 'minsk-city'")) == []
    for key in ("span_a", "span_b"):
        assert (span(db, corpus[key])["entity_id"], span(db, corpus[key])["status"]) == (None, "proposed")
    assert store.get_document(db, corpus["a"])["status"] == "new"

    history.redo(db)
    assert span(db, corpus["span_b"])["entity_id"] == "minsk-city"
    assert store.get_row(db, "entities", "minsk-city") is not None


def test_without_propagation_only_the_span_is_linked(db, corpus):
    entity_id, changed = review.create_and_link(db, corpus["span_a"], "Minsk", "GPE")
    assert (entity_id, changed) == ("minsk", 1)
    assert span(db, corpus["span_b"])["entity_id"] is None


def test_an_existing_id_gets_a_suffix(db, corpus):
    review.create_entity(db, "Minsk", "GPE")
    entity_id, _ = review.create_and_link(db, corpus["span_a"], "Minsk", "GPE")
    assert entity_id == "minsk-2"


@pytest.mark.parametrize(
    "span_key, name, message",
    [pytest.param("missing", "Minsk", "no span", id="unknown span"),
     pytest.param("span_a", "   ", "needs a name", id="blank name")],
)
def test_refusals_write_nothing(db, corpus, span_key, name, message):
    with pytest.raises(review.ReviewError, match=message):
        review.create_and_link(db, corpus.get(span_key, 10_000), name, "GPE")
    assert list(db.query("select * from entities")) == []
    assert history.undoable(db) == []


def test_create_entity_and_link_still_work_separately(db, corpus):
    entity_id = review.create_entity(db, "Minsk", "GPE", aliases=["Mensk"])
    assert review.link(db, corpus["span_a"], entity_id, propagate=True) == 2
    assert [a["op"] for a in history.undoable(db)] == ["link", "create entity"]
    assert store.entity_for_alias(db, "Mensk") == "minsk"
