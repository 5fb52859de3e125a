"""The triage queue's core (desktop.triage): groups, filters, paging, decisions as one undo step, exact counts."""

from __future__ import annotations

import random

import pytest

from desktop import history, review, store, triage
from desktop.triage import Filters, GroupKey

TEXTS = [
    "Lukashenko arrived in Minsk. Minsk greeted him.",
    "MINSK, 20 December. Talks in Minsk with Putin.",
    "Putin flew to Minsk from Moscow.",
    "Moscow and Minsk signed the roadmaps.",
]
MINSK = GroupKey("GPE", "minsk")


def _spans(doc_id: int, text: str) -> list[dict]:
    rows = []
    for needle, label, source, entity in (("Minsk", "GPE", "model", None), ("MINSK", "GPE", "rule", "minsk"),
                                          ("Moscow", "GPE", "model", None), ("Putin", "PERSON", "rule", "putin"),
                                          ("Lukashenko", "PERSON", "model", None)):
        start = text.find(needle)
        while start != -1:
            rows.append({"doc_id": doc_id, "start": start, "end": start + len(needle), "label": label,
                         "text": needle, "source": source, "entity_id": entity, "status": "proposed",
                         "created_at": store.now()})
            start = text.find(needle, start + 1)
    return rows


@pytest.fixture
def corpus(db):
    for entity in ({"id": "minsk", "name": "Minsk", "label": "GPE"},
                   {"id": "putin", "name": "Vladimir Putin", "label": "PERSON", "aliases": ["Putin"]},
                   {"id": "lukashenko", "name": "Alexander Lukashenko", "label": "PERSON"}):
        store.upsert_entity(db, entity)
    ids = []
    for n, text in enumerate(TEXTS):
        doc_id = store.insert_document(db, path=f"{n}.txt", hash=str(n), text=text)
        store.insert_spans(db, _spans(doc_id, text))
        ids.append(doc_id)
    return ids


def shown(db, filters=None, **options):
    return [(g.text, g.label, g.mentions, g.articles) for g in triage.groups(db, filters, **options)]


def statuses(db, key=MINSK):
    return sorted(r["status"] for r in db.query("select status from spans where label = ? and lower(text) = ?",
                                                 [key.label, key.norm]))


def assert_counts_exact(db):
    """The counts kept up to date from the history equal a recount from the spans."""
    triage.sync(db)
    kept = (sorted(map(tuple, db.execute("select * from triage_groups").fetchall())),
            sorted(map(tuple, db.execute("select * from triage_parts").fetchall())))
    triage.rebuild(db)
    recounted = (sorted(map(tuple, db.execute("select * from triage_groups").fetchall())),
                 sorted(map(tuple, db.execute("select * from triage_parts").fetchall())))
    assert kept == recounted


def test_groups_by_label_and_text_ignoring_case_largest_first(db, corpus):
    assert shown(db) == [("Minsk", "GPE", 6, 4), ("Moscow", "GPE", 2, 2), ("Putin", "PERSON", 2, 2),
                         ("Lukashenko", "PERSON", 1, 1)]
    assert triage.count_groups(db) == 4
    assert triage.groups(db)[0].describe() == "Minsk · GPE · 6 mentions in 4 articles"
    assert set(triage.groups(db)[0].sources) == {"model", "rule"}
    assert set(triage.groups(db)[0].entities) == {"", "minsk"}
    assert triage.labels(db) == ["GPE", "PERSON"]


@pytest.mark.parametrize(
    "filters, expected",
    [
        pytest.param(Filters(label="PERSON"), [("Putin", "PERSON", 2, 2), ("Lukashenko", "PERSON", 1, 1)], id="label"),
        pytest.param(Filters(source="rule"), [("Putin", "PERSON", 2, 2), ("MINSK", "GPE", 1, 1)], id="source"),
        pytest.param(Filters(entity=""), [("Minsk", "GPE", 5, 4), ("Moscow", "GPE", 2, 2),
                                          ("Lukashenko", "PERSON", 1, 1)], id="unlinked"),
        pytest.param(Filters(entity="putin"), [("Putin", "PERSON", 2, 2)], id="entity"),
        pytest.param(Filters(search="os"), [("Moscow", "GPE", 2, 2)], id="search"),
        pytest.param(Filters(search="MIN"), [("Minsk", "GPE", 6, 4)], id="search ignores case"),
        pytest.param(Filters(search="%"), [], id="search is literal"),
        pytest.param(Filters(status="accepted"), [], id="status"),
    ],
)
def test_filters(db, corpus, filters, expected):
    assert shown(db, filters) == expected
    assert triage.count_groups(db, filters) == len(expected)


def test_orders_and_pages(db, corpus):
    assert [g[0] for g in shown(db, order="text", descending=False)] == ["Lukashenko", "Minsk", "Moscow", "Putin"]
    assert [g[0] for g in shown(db, order="articles")][0] == "Minsk"
    assert [g[0] for g in shown(db, order="mentions", descending=False)][0] == "Lukashenko"
    pages = [shown(db, limit=3, offset=0), shown(db, limit=3, offset=3)]
    assert [len(p) for p in pages] == [3, 1] and pages[0] + pages[1] == shown(db)
    with pytest.raises(triage.TriageError, match="order"):
        triage.groups(db, order="random")


def test_mentions_come_with_their_context(db, corpus):
    found = triage.mentions(db, MINSK)
    assert len(found) == 6 and {m.text for m in found} == {"Minsk", "MINSK"}
    first = next(m for m in found if m.doc_id == corpus[0])
    assert (first.before, first.text, first.after[:10]) == ("Lukashenko arrived in ", "Minsk", ". Minsk gr")
    assert first.path == "0.txt"
    assert [m.id for m in triage.mentions(db, MINSK, limit=2, offset=2)] == [m.id for m in found[2:4]]


def test_accepting_a_group_is_one_action_undone_and_redone_at_once(db, corpus):
    assert triage.selection(db, MINSK) == triage.Decision(6, 4)
    assert triage.group(db, MINSK).describe() == "Minsk · GPE · 6 mentions in 4 articles"
    assert triage.decide(db, MINSK, "accept") == triage.Decision(6, 4)
    assert statuses(db) == ["accepted"] * 6
    assert triage.group(db, MINSK) is None and triage.group(db, MINSK, Filters(status="accepted")).mentions == 6
    assert [a["op"] for a in history.undoable(db)] == ["triage accept"]
    assert {store.get_document(db, d)["status"] for d in corpus} == {"in review"}
    assert shown(db)[0][0] != "Minsk"
    assert shown(db, Filters(status="accepted")) == [("Minsk", "GPE", 6, 4)]

    history.undo(db)
    assert statuses(db) == ["proposed"] * 6
    assert {store.get_document(db, d)["status"] for d in corpus} == {"new"}
    assert shown(db)[0] == ("Minsk", "GPE", 6, 4)
    assert shown(db, Filters(status="accepted")) == []

    history.redo(db)
    assert statuses(db) == ["accepted"] * 6
    assert_counts_exact(db)


def test_reject_and_relabel(db, corpus):
    assert triage.decide(db, GroupKey("GPE", "moscow"), "reject") == triage.Decision(2, 2)
    assert statuses(db, GroupKey("GPE", "moscow")) == ["rejected", "rejected"]
    assert triage.decide(db, MINSK, "relabel", label="LOC") == triage.Decision(6, 4)
    assert statuses(db) == [] and statuses(db, GroupKey("LOC", "minsk")) == ["accepted"] * 6
    assert shown(db, Filters(status="accepted", label="LOC")) == [("Minsk", "LOC", 6, 4)]
    history.undo(db)
    assert statuses(db) == ["proposed"] * 6
    assert_counts_exact(db)


def test_link_makes_the_text_an_alias_and_is_undone_with_it(db, corpus):
    key = GroupKey("PERSON", "lukashenko")
    assert triage.decide(db, key, "link", entity_id="lukashenko") == triage.Decision(1, 1)
    span = next(db.query("select * from spans where text = 'Lukashenko'"))
    assert (span["entity_id"], span["status"]) == ("lukashenko", "accepted")
    assert store.entity_for_alias(db, "LUKASHENKO") == "lukashenko"
    assert "Lukashenko" in store.get_row(db, "entities", "lukashenko")["aliases"]
    history.undo(db)
    assert store.entity_for_alias(db, "Lukashenko") is None
    assert next(db.query("select entity_id from spans where text = 'Lukashenko'"))["entity_id"] is None


def test_link_to_a_new_entity_creates_it_in_the_same_action(db, corpus):
    triage.decide(db, GroupKey("GPE", "moscow"), "link", new_entity=("Moscow", "GPE"))
    assert store.get_row(db, "entities", "moscow")["name"] == "Moscow"
    assert {r["entity_id"] for r in db.query("select entity_id from spans where text = 'Moscow'")} == {"moscow"}
    assert len(history.undoable(db)) == 1
    history.undo(db)
    assert store.get_row(db, "entities", "moscow") is None


def test_only_the_selected_mentions_and_only_while_they_are_in_the_group(db, corpus):
    minsk = [m.id for m in triage.mentions(db, MINSK)]
    moscow = [m.id for m in triage.mentions(db, GroupKey("GPE", "moscow"))]
    decision = triage.decide(db, MINSK, "reject", span_ids=minsk[:2] + moscow)
    assert decision.mentions == 2
    assert statuses(db) == ["proposed"] * 4 + ["rejected"] * 2
    assert statuses(db, GroupKey("GPE", "moscow")) == ["proposed", "proposed"]
    assert triage.decide(db, MINSK, "accept", span_ids=minsk[:2]) == triage.Decision(0, 0)  # not proposed any more
    assert_counts_exact(db)


def test_filters_narrow_the_decision(db, corpus):
    assert triage.decide(db, MINSK, "accept", filters=Filters(source="rule")) == triage.Decision(1, 1)
    assert statuses(db) == ["accepted"] + ["proposed"] * 5
    assert shown(db)[0] == ("Minsk", "GPE", 5, 4)


@pytest.mark.parametrize(
    "options, message",
    [
        pytest.param({"operation": "merge"}, "operation", id="unknown operation"),
        pytest.param({"operation": "relabel"}, "label", id="relabel without label"),
        pytest.param({"operation": "link"}, "entity", id="link without entity"),
        pytest.param({"operation": "link", "entity_id": "nobody"}, "no entity", id="unknown entity"),
        pytest.param({"operation": "link", "new_entity": (" ", "GPE")}, "name", id="nameless new entity"),
    ],
)
def test_refusals_write_nothing(db, corpus, options, message):
    with pytest.raises(triage.TriageError, match=message):
        triage.decide(db, MINSK, **options)
    assert history.undoable(db) == [] and statuses(db) == ["proposed"] * 6


def test_an_empty_group_is_no_action(db, corpus):
    assert triage.decide(db, GroupKey("GPE", "kyiv"), "accept") == triage.Decision(0, 0)
    assert history.undoable(db) == []


def test_decisions_made_elsewhere_update_the_counts(db, corpus):
    triage.groups(db)  # counts built
    one = triage.mentions(db, MINSK)[0]
    review.accept(db, one.id)
    assert triage.sync(db) == "updated"
    assert one.doc_id == corpus[0] and shown(db)[0] == ("Minsk", "GPE", 5, 4)  # its article has another
    review.resize(db, triage.mentions(db, GroupKey("GPE", "moscow"))[0].id, 0, 6)
    assert_counts_exact(db)


def test_spans_written_outside_the_history_trigger_a_rebuild(db, corpus):
    triage.groups(db)
    doc_id = store.insert_document(db, path="new.txt", hash="n", text="Minsk again.")
    store.insert_spans(db, _spans(doc_id, "Minsk again."))  # what an ingest does
    assert triage.sync(db) == "rebuilt"
    assert shown(db)[0] == ("Minsk", "GPE", 7, 5)
    history.log_system(db, "ingest", "ingest")
    assert triage.sync(db) == "rebuilt"
    assert triage.sync(db) == "current"


def test_a_recount_can_be_left_to_a_worker(db, corpus, tmp_path):
    assert triage.sync(db, rebuild=False) == "stale"  # never counted
    assert triage.groups(db, rebuild=False) == []  # read as they are
    path = tmp_path / "project.sqlite"
    db.execute(f"vacuum into '{path}'")
    assert list(triage.rebuild_steps(path)) == ["recounting", "rebuilt"]
    copy = store.open_db(path)
    assert triage.sync(copy, rebuild=False) == "current"
    assert shown(copy)[0] == ("Minsk", "GPE", 6, 4)
    assert list(triage.rebuild_steps(path, lambda: True)) == ["recounting"]  # cancelled before it starts
    copy.close()


def test_random_decisions_undos_and_redos_keep_the_counts_exact(db, corpus):
    rng = random.Random(14)
    keys = [GroupKey("GPE", "minsk"), GroupKey("GPE", "moscow"), GroupKey("PERSON", "putin"),
            GroupKey("PERSON", "lukashenko"), GroupKey("LOC", "minsk")]
    for _ in range(60):
        choice = rng.random()
        if choice < 0.2 and history.undoable(db):
            history.undo(db)
        elif choice < 0.3 and history.redoable(db):
            history.redo(db)
        elif choice < 0.5:
            span = rng.choice(list(db.query("select id from spans")))
            rng.choice([review.accept, review.reject])(db, span["id"])
        else:
            key = rng.choice(keys)
            status = rng.choice(["proposed", "accepted", "rejected"])
            ids = [m.id for m in triage.mentions(db, key, Filters(status=status))]
            operation = rng.choice(["accept", "reject", "relabel", "link"])
            triage.decide(db, key, operation, filters=Filters(status=status),
                          span_ids=rng.sample(ids, k=min(len(ids), rng.randint(1, 3))) if ids and rng.random() < 0.5
                          else None,
                          label=rng.choice(["GPE", "LOC"]), entity_id="minsk")
        if rng.random() < 0.5:
            triage.sync(db)
    assert_counts_exact(db)
