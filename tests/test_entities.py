"""Entity operations (desktop.entities): rename, merge, split off an alias, add and remove aliases; each one undo."""

from __future__ import annotations

import pytest

from desktop import entities, history, review, store
from desktop.facts import add_fact

TEXT = "Lukashenko met Putin. Lukashenka said Alexander Lukashenko and Viktor Lukashenko agreed."


@pytest.fixture
def corpus(db):
    store.upsert_entity(db, {"id": "lukashenko", "name": "Alexander Lukashenko", "label": "PERSON",
                             "aliases": ["Lukashenko"]})
    store.upsert_entity(db, {"id": "lukashenka", "name": "Lukashenka", "label": "PERSON"})
    store.upsert_entity(db, {"id": "putin", "name": "Vladimir Putin", "label": "PERSON", "aliases": ["Putin"]})
    doc_id = store.insert_document(db, path="a.txt", hash="h", text=TEXT, published="2021-01-01")
    rows = []
    for needle, entity_id in (("Lukashenko met", "lukashenko"), ("Putin", "putin"), ("Lukashenka", "lukashenka"),
                              ("Alexander Lukashenko", "lukashenko"), ("Viktor Lukashenko", None)):
        start = TEXT.index(needle)
        text = needle.replace(" met", "")
        rows.append({"doc_id": doc_id, "start": start, "end": start + len(text), "label": "PERSON", "text": text,
                     "entity_id": entity_id, "source": "rule", "status": "proposed", "created_at": store.now()})
    store.insert_spans(db, rows)
    # Viktor, the son, was linked to his father by the surname: the case for a split.
    viktor = next(db.query("select id from spans where text = 'Viktor Lukashenko'"))["id"]
    db["spans"].update(viktor, {"entity_id": "lukashenko"})
    return doc_id


def linked(db, entity_id):
    return sorted(r["text"] for r in db.query("select text from spans where entity_id = ?", [entity_id]))


def keys(db, entity_id):
    return sorted(r["alias"] for r in db.query("select alias from aliases where entity_id = ?", [entity_id]))


def snapshot(db):
    return [list(map(tuple, db.execute(f"select * from {table} order by 1, 2").fetchall()))
            for table in ("entities", "aliases", "spans", "facts")]


def test_rename_keeps_the_old_name_as_an_alias(db, corpus):
    before = snapshot(db)
    entity = entities.rename(db, "lukashenko", "Aliaksandr Lukashenka")
    assert entity["name"] == "Aliaksandr Lukashenka"
    assert {"Alexander Lukashenko", "Aliaksandr Lukashenka"} <= set(entity["aliases"])
    assert "alexander lukashenko" in keys(db, "lukashenko") and "aliaksandr lukashenka" in keys(db, "lukashenko")
    assert [a["op"] for a in history.undoable(db)] == ["rename entity"]
    history.undo(db)
    assert snapshot(db) == before


def test_merge_moves_mentions_aliases_and_facts_and_one_undo_restores_it(db, corpus):
    fact_id = add_fact(db, corpus, "meeting", 0, 21, participants=["lukashenka", "putin"])
    before = snapshot(db)
    merged = entities.merge(db, "lukashenko", "lukashenka")
    assert merged == entities.Merged(mentions=1, aliases=1, facts=1)
    assert store.get_row(db, "entities", "lukashenka") is None
    assert linked(db, "lukashenko") == ["Alexander Lukashenko", "Lukashenka", "Lukashenko", "Viktor Lukashenko"]
    assert store.entity_for_alias(db, "LUKASHENKA") == "lukashenko"
    assert store.get_row(db, "facts", fact_id)["participants"] == ["lukashenko", "putin"]
    assert "Lukashenka" in store.get_row(db, "entities", "lukashenko")["aliases"]
    history.undo(db)
    assert snapshot(db) == before
    assert linked(db, "lukashenka") == ["Lukashenka"]
    history.redo(db)
    assert store.get_row(db, "entities", "lukashenka") is None


def test_split_off_an_alias_takes_its_mentions(db, corpus):
    entities.add_alias(db, "lukashenko", "Viktor Lukashenko")  # the wrong alias an analyst once added
    before = snapshot(db)
    new_id, moved = entities.split_alias(db, "lukashenko", "viktor lukashenko", name="Viktor Lukashenko")
    assert (new_id, moved) == ("viktor-lukashenko", 1)
    assert linked(db, "viktor-lukashenko") == ["Viktor Lukashenko"]
    assert "viktor lukashenko" not in keys(db, "lukashenko")
    assert "Viktor Lukashenko" not in store.get_row(db, "entities", "lukashenko")["aliases"]
    assert store.entity_for_alias(db, "Viktor Lukashenko") == "viktor-lukashenko"
    assert store.get_row(db, "entities", new_id)["label"] == "PERSON"
    history.undo(db)
    assert snapshot(db) == before


def test_add_and_remove_an_alias(db, corpus):
    entities.add_alias(db, "putin", "  Vladimir  Vladimirovich ")
    assert store.entity_for_alias(db, "vladimir vladimirovich") == "putin"
    assert "Vladimir Vladimirovich" in store.get_row(db, "entities", "putin")["aliases"]
    entities.remove_alias(db, "putin", "PUTIN")
    assert "putin" not in keys(db, "putin")
    assert "Putin" not in store.get_row(db, "entities", "putin")["aliases"]
    assert linked(db, "putin") == ["Putin"]  # linked mentions stay linked
    assert [a["op"] for a in history.undoable(db)] == ["remove alias", "add alias"]
    history.undo(db)
    assert store.entity_for_alias(db, "Putin") == "putin"
    history.undo(db)
    assert store.entity_for_alias(db, "vladimir vladimirovich") is None


@pytest.mark.parametrize(
    "operation, args, message",
    [
        pytest.param(entities.rename, ("nobody", "X"), "no entity", id="unknown entity"),
        pytest.param(entities.rename, ("putin", "  "), "needs a name", id="blank name"),
        pytest.param(entities.merge, ("putin", "putin"), "itself", id="merge with itself"),
        pytest.param(entities.merge, ("putin", "nobody"), "no entity", id="merge unknown"),
        pytest.param(entities.add_alias, ("putin", "Putin"), "already has", id="alias twice"),
        pytest.param(entities.add_alias, ("putin", " "), "empty", id="empty alias"),
        pytest.param(entities.remove_alias, ("putin", "Vladimir Putin"), "name of the entity", id="remove the name"),
        pytest.param(entities.remove_alias, ("putin", "Vova"), "no alias", id="remove a missing alias"),
        pytest.param(entities.split_alias, ("putin", "vladimir putin"), "name of the entity", id="split the name"),
        pytest.param(entities.split_alias, ("putin", "Vova"), "no alias", id="split a missing alias"),
    ],
)
def test_refusals_write_nothing(db, corpus, operation, args, message):
    before = snapshot(db)
    with pytest.raises(entities.EntityError, match=message):
        operation(db, *args)
    assert snapshot(db) == before and history.undoable(db) == []


def test_listing_counts_mentions_and_pages(db, corpus):
    rows = entities.entity_rows(db)
    assert [(r["name"], r["mentions"]) for r in rows] == [("Alexander Lukashenko", 3), ("Lukashenka", 1),
                                                           ("Vladimir Putin", 1)]
    assert [r["name"] for r in entities.entity_rows(db, query="vladimir")] == ["Vladimir Putin"]
    assert [r["name"] for r in entities.entity_rows(db, limit=1, offset=1)] == ["Lukashenka"]
    assert entities.count_entities(db) == 3 and entities.count_entities(db, query="lukash") == 2
    review.reject(db, next(db.query("select id from spans where text = 'Putin'"))["id"])
    assert entities.entity_rows(db, query="putin")[0]["mentions"] == 0  # rejected mentions do not count


def test_mentions_come_in_context(db, corpus):
    found = entities.mentions_of(db, "lukashenko")
    assert [m["text"] for m in found] == ["Lukashenko", "Alexander Lukashenko", "Viktor Lukashenko"]
    assert found[1]["before"].endswith("Lukashenka said ") and found[1]["after"].startswith(" and Viktor")


def test_an_entity_named_twice_in_one_key_is_created(db, corpus):
    entity_id = review.create_entity(db, "Minsk", "GPE", aliases=["MINSK"])
    assert keys(db, entity_id) == ["minsk"]


def _count_plan(db) -> list[str]:
    return [row[3] for row in db.execute("explain query plan " + entities.ENTITY_ROWS_SQL.format(where="", page=""))]


def test_mention_counts_read_one_index_not_every_span(db, corpus):
    """The Entities dock's counts: an index search per entity (and status), never a scan of the spans.

    Also after ANALYZE on a project whose spans are mostly unlinked (every unlinked span shares one NULL
    entity id, so the statistics make a lookup by entity look as costly as a scan).
    """
    doc_id = store.insert_document(db, path="many.txt", hash="m", text="x" * 4000)
    store.insert_spans(db, [{"doc_id": doc_id, "start": i, "end": i + 1, "label": "GPE", "text": "x",
                             "source": "model", "status": ("proposed", "rejected", "accepted")[i % 3],
                             "created_at": store.now()} for i in range(3000)])
    for analysed in (False, True):
        if analysed:
            db.execute("analyze")
        plan = _count_plan(db)
        span_steps = [step for step in plan if " s " in f" {step} "]
        assert span_steps and all(step.startswith("SEARCH s USING COVERING INDEX spans_entity_status (entity_id=?")
                                  for step in span_steps), plan
    assert [(r["name"], r["mentions"], r["accepted"]) for r in entities.entity_rows(db)] == [
        ("Alexander Lukashenko", 3, 0), ("Lukashenka", 1, 0), ("Vladimir Putin", 1, 0)]
