"""Importing decisions re-proposes the article's facts inside the same undoable action."""

import json

from desktop import exchange, history, store
from desktop.profile import load_profile

TEXT = "Vladimir Putin met Alexander Lukashenko in Sochi on 7 December 2019. They discussed integration."


def test_import_reproposes_facts_and_undo_takes_them_back(db, tmp_path):
    for entity in load_profile().entities:
        store.upsert_entity(db, entity)
    doc = store.insert_document(db, path="a.txt", hash="h", text=TEXT, published="2019-12-09")
    store.insert_spans(db, [
        {"doc_id": doc, "start": 0, "end": 14, "label": "PERSON", "text": "Vladimir Putin", "entity_id": "putin",
         "source": "model", "status": "proposed"},
    ])
    assert store.facts_for_document(db, doc) == []  # nothing proposed yet
    record = {"text": TEXT, "answer": "accept", "spans": [
        {"start": 0, "end": 14, "label": "PERSON"}, {"start": 19, "end": 39, "label": "PERSON"}]}
    path = tmp_path / "decisions.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")

    report = exchange.import_file(db, path)

    assert report.matched == 1 and report.added == 1
    (fact,) = store.facts_for_document(db, doc)
    assert (fact["kind"], fact["date_start"], fact["place"]) == ("meeting", "2019-12-07", "Sochi")
    assert sorted(fact["participants"]) == ["lukashenko", "putin"]
    assert fact["event_id"] is not None
    assert history.undo(db)["op"] == "import"
    assert store.facts_for_document(db, doc) == []
    assert store.get_document(db, doc)["status"] == "new"
