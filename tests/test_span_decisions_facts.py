"""Span decisions reach facts through the one re-proposal path, in the same undo step (issue 11, acceptance 3)."""

from __future__ import annotations

from desktop import history, review, store
from desktop.facts import confirm_fact, propose_facts

TEXT = "Putin and Lukashenko met in Sochi on 7 December. Trade reached $35.5 billion in 2018."


def _project(db):
    for entity in ({"id": "putin", "name": "Vladimir Putin", "label": "PERSON", "aliases": ["Putin"]},
                   {"id": "lukashenko", "name": "Alexander Lukashenko", "label": "PERSON", "aliases": ["Lukashenko"]}):
        store.upsert_entity(db, entity)
    doc = store.insert_document(db, path="a.txt", hash="a", text=TEXT, published="2019-12-20")

    def span(needle, label, entity_id=None, value=None):
        start = TEXT.index(needle)
        return {"doc_id": doc, "start": start, "end": start + len(needle), "label": label, "text": needle,
                "entity_id": entity_id, "value": value, "source": "model", "status": "proposed"}

    store.insert_spans(db, [span("Putin", "PERSON", "putin"), span("Lukashenko", "PERSON", "lukashenko"),
                            span("Sochi", "GPE"), span("7 December", "DATE", value="2019-12-07")])
    propose_facts(db, [doc])
    ids = {s["text"]: s["id"] for s in store.spans_for_document(db, doc)}
    return doc, ids


def _kinds(db, doc):
    return sorted((f["kind"], f["status"]) for f in store.facts_for_document(db, doc))


def test_rejecting_the_person_a_meeting_rests_on_proposes_it_away_in_one_undo_step(db):
    doc, spans = _project(db)
    assert _kinds(db, doc) == [("meeting", "proposed"), ("trade", "proposed")]
    review.reject(db, spans["Lukashenko"])
    assert _kinds(db, doc) == [("trade", "proposed")]
    history.undo(db)  # Ctrl+Z brings both back: the span and the meeting
    assert store.get_row(db, "spans", spans["Lukashenko"])["status"] == "proposed"
    assert _kinds(db, doc) == [("meeting", "proposed"), ("trade", "proposed")]
    history.redo(db)
    assert _kinds(db, doc) == [("trade", "proposed")]


def test_a_confirmed_fact_whose_evidence_span_is_rejected_is_flagged_not_dropped(db):
    doc, spans = _project(db)
    meeting = next(f for f in store.facts_for_document(db, doc) if f["kind"] == "meeting")
    assert spans["Lukashenko"] in meeting["span_ids"]
    confirm_fact(db, meeting["id"])
    review.reject(db, spans["Lukashenko"])
    after = next(f for f in store.facts_for_document(db, doc) if f["id"] == meeting["id"])
    assert after["status"] == "confirmed" and store.EVIDENCE_REJECTED in after["flags"]
    history.undo(db)
    after = next(f for f in store.facts_for_document(db, doc) if f["id"] == meeting["id"])
    assert store.EVIDENCE_REJECTED not in after["flags"]


def test_a_proposal_cites_no_span_the_analyst_rejected(db):
    doc, spans = _project(db)
    start = TEXT.index("7 December")
    review.resize(db, spans["7 December"], start, start + len("7 December"))  # the same: nothing changes
    assert [f["date_start"] for f in store.facts_for_document(db, doc) if f["kind"] == "meeting"] == ["2019-12-07"]
    meeting = next(f for f in store.facts_for_document(db, doc) if f["kind"] == "meeting")
    assert spans["Sochi"] in meeting["span_ids"]
    review.reject(db, spans["Sochi"])
    meeting = next(f for f in store.facts_for_document(db, doc) if f["kind"] == "meeting")
    assert spans["Sochi"] not in meeting["span_ids"]


def test_accepting_a_proposed_span_leaves_the_facts_alone(db):
    doc, spans = _project(db)
    before = store.facts_for_document(db, doc)
    review.accept(db, spans["Lukashenko"])
    last = db.execute("select id from actions order by id desc limit 1").fetchone()[0]
    tables = {r[0] for r in db.execute("select distinct tbl from changes where action_id = ?", [last])}
    assert "facts" not in tables and store.facts_for_document(db, doc) == before
    review.reject(db, spans["Lukashenko"])  # a rejection does reach them
    assert [f["kind"] for f in store.facts_for_document(db, doc)] == ["trade"]
