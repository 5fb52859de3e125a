"""The fact extractor as a spaCy component: added by name, saved with the pipeline, isolated per doc."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from desktop import store  # noqa: E402
from desktop.facts import propose  # noqa: E402
from desktop.ingest import ingest  # noqa: E402
from desktop.nlp import add_gazetteer, load_pipeline  # noqa: E402
from desktop.profile import profile_path  # noqa: E402

MEETING = "Putin and Lukashenko met in Sochi on 7 December."


def _key(fact: dict) -> tuple:
    return (fact["kind"], fact.get("date_start"), fact.get("date_end"), fact.get("period_start"),
            fact.get("value"), fact.get("place"), tuple(fact.get("participants") or []), fact["start"])


def _blank():
    nlp = spacy.blank("en")
    add_gazetteer(nlp)
    return nlp


def test_the_component_finds_what_ingest_stores(tmp_path, samples):
    """One extractor, two ways in: the component on the Doc and ingest's proposals agree on the samples."""
    for _ in ingest(samples, tmp_path / "p.sqlite"):
        pass
    db = store.open_db(tmp_path / "p.sqlite")
    nlp, _ = load_pipeline()
    nlp.add_pipe("article_facts")
    checked = 0
    for doc_row in store.list_documents(db):
        stored = store.facts_for_document(db, doc_row["id"])
        doc = nlp.make_doc(store.get_document(db, doc_row["id"])["text"])
        doc._.published = doc_row["published"]
        doc = nlp(doc)
        assert doc._.facts_error is None
        assert sorted(map(_key, doc._.facts)) == sorted(map(_key, stored)), doc_row["path"]
        checked += len(stored)
    assert checked >= 10  # the samples hold meetings and trade figures: the comparison is not vacuous


def test_span_ids_index_the_docs_span_rows():
    from desktop.nlp import ProfileIndex, spans_for_doc

    nlp = _blank()
    nlp.add_pipe("article_facts")
    doc = nlp.make_doc(MEETING)
    doc._.published = "2021-12-10"
    doc = nlp(doc)
    rows = spans_for_doc(doc, "2021-12-10", ProfileIndex())
    (fact,) = doc._.facts
    assert {rows[i]["text"] for i in fact["span_ids"]} >= {"Putin", "Lukashenko", "Sochi"}


def test_the_profile_is_saved_with_the_pipeline(tmp_path):
    """A saved pipeline keeps its profile's rules even when the profile file is gone."""
    mine = tmp_path / "mine.toml"
    mine.write_text(profile_path().read_text(encoding="utf-8").replace(
        'participants = ["putin", "lukashenko"]', 'participants = ["putin", "tokayev"]'), encoding="utf-8")
    nlp = _blank()
    nlp.add_pipe("article_facts", config={"profile": str(mine)})
    nlp.to_disk(tmp_path / "pipeline")
    mine.unlink()
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe("article_facts").rules.participants == ["putin", "tokayev"]
    again = spacy.blank("en").add_pipe("article_facts")
    again.from_bytes(loaded.get_pipe("article_facts").to_bytes())
    assert again.rules.participants == ["putin", "tokayev"]


def test_a_failing_doc_costs_no_other_doc_its_facts(monkeypatch):
    nlp = _blank()
    nlp.add_pipe("article_facts")
    real = propose.extract_facts

    def flaky(text, *args, **kwargs):
        if text.startswith("BOOM"):
            raise TypeError("broken")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(propose, "extract_facts", flaky)
    docs = []
    for text in ("BOOM. " + MEETING, MEETING):
        doc = nlp.make_doc(text)
        doc._.published = "2021-12-10"
        docs.append(doc)
    bad, good = list(nlp.pipe(docs))
    assert (bad._.facts, bad._.facts_error) == ([], "TypeError: broken")
    assert [f["kind"] for f in good._.facts] == ["meeting"] and good._.facts_error is None


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_extracts_from_the_doc_what_the_database_path_extracts(tmp_path, samples, workers):
    """Ingest proposes facts from each new Doc's spans (in the worker); re-proposing from the stored
    text and spans gives the same facts, evidence span ids included."""
    path = tmp_path / "p.sqlite"
    for _ in ingest(samples, path, workers=workers):
        pass
    db = store.open_db(path)

    def facts_now():
        return sorted((_key(f), tuple(f["span_ids"]), f["evidence"]) for f in store.list_facts(db))

    from_docs = facts_now()
    assert len(from_docs) >= 10 and all(span_ids for _, span_ids, _ in from_docs)
    propose.propose_all(db)
    assert facts_now() == from_docs
