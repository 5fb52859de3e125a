"""Gazetteer suggestions from the analyst's links, written to the project's copy of the profile (issue 13)."""

from __future__ import annotations

import hashlib

from desktop import gazetteer, review, store
from desktop.cli import main
from desktop.profile import load_profile, profile_path

TEXT = "Batka spoke. The Belarusian leader met Vladimir Putin. Lukashenko agreed."


def _at(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def _linked_project(db_path, articles: int = 3):
    db = store.open_db(db_path)
    store.set_meta(db, "profile", "russia_belarus")
    for entity in load_profile("russia_belarus").entities:
        store.upsert_entity(db, entity)
    for n in range(articles):
        doc = store.insert_document(db, path=f"a{n}.txt", hash=f"h{n}", text=TEXT)
        batka = review.add_span(db, doc, 0, 5, "PERSON")
        review.link(db, batka, "lukashenko")
        leader = review.add_span(db, doc, *_at("The Belarusian leader"), "PERSON")
        review.link(db, leader, "lukashenko")
        putin = review.add_span(db, doc, *_at("Vladimir Putin"), "PERSON")  # a profile alias: nothing to suggest
        review.link(db, putin, "putin")
        lukashenko = review.add_span(db, doc, *_at("Lukashenko"), "PERSON")  # linked by the profile's own rule
        review.link(db, lukashenko, "lukashenko")
    mikhail = store.insert_document(db, path="m.txt", hash="m", text="Mikhail Ivanov and Ivanov.")
    new_id, _ = review.create_and_link(db, review.add_span(db, mikhail, 0, 14, "PERSON"), "Mikhail Ivanov", "PERSON")
    return db, new_id


def test_suggestions_are_aliases_linked_in_several_articles_the_profile_lacks(db_path):
    db, _ = _linked_project(db_path)
    found = gazetteer.suggestions(db)
    assert [(s.alias, s.entity_id, s.articles, s.new_entity) for s in found] == [
        ("Batka", "lukashenko", 3, False), ("The Belarusian leader", "lukashenko", 3, False)]
    assert gazetteer.suggestions(db, min_articles=4) == []
    db.close()


def test_one_article_is_not_enough(db_path):
    db, _ = _linked_project(db_path, articles=1)
    assert gazetteer.suggestions(db) == []
    db.close()


def test_accepting_writes_the_project_copy_never_the_bundled_profile(db_path, capsys):
    bundled = profile_path("russia_belarus")
    before = hashlib.sha256(bundled.read_bytes()).hexdigest()
    db, _ = _linked_project(db_path)
    db.close()
    assert main(["aliases", "--db", str(db_path)]) == 0
    assert "'Batka'" in capsys.readouterr().out
    assert main(["aliases", "--db", str(db_path), "--accept"]) == 0
    assert hashlib.sha256(bundled.read_bytes()).hexdigest() == before
    copy = gazetteer.project_profile_path(db_path)
    db = store.open_db(db_path)
    assert store.get_meta(db, "profile") == str(copy)
    profile = load_profile(copy)
    assert {"Batka", "The Belarusian leader"} <= set(profile.entity("lukashenko")["aliases"])
    assert len(profile.entities) == len(load_profile("russia_belarus").entities)
    assert gazetteer.suggestions(db) == []  # nothing left to offer
    assert store.entity_for_alias(db, "batka") == "lukashenko"
    # The copy's comments and layout are the bundled file's.
    assert copy.read_text(encoding="utf-8").splitlines()[0] == bundled.read_text(encoding="utf-8").splitlines()[0]
    db.close()


def test_an_entity_the_profile_lacks_is_offered_whole(db_path):
    db, new_id = _linked_project(db_path)
    for n in range(2):
        doc = store.insert_document(db, path=f"i{n}.txt", hash=f"i{n}", text="Minister Ivanov spoke.")
        review.link(db, review.add_span(db, doc, 9, 15, "PERSON"), new_id)
    offered = [s for s in gazetteer.suggestions(db) if s.new_entity]
    assert [(s.alias, s.entity_id) for s in offered] == [("Ivanov", new_id)]
    # An entity whose id a profile cannot hold is not offered (it could not be written as it is).
    odd, _ = review.create_and_link(db, review.add_span(db, doc, 9, 15, "PERSON"), "Ivanov (junior)", "PERSON")
    other = store.insert_document(db, path="j.txt", hash="j", text="Minister Ivanov spoke.")
    review.link(db, review.add_span(db, other, 9, 15, "PERSON"), odd)
    assert [s.entity_id for s in gazetteer.suggestions(db) if s.new_entity] == [new_id]
    path = gazetteer.accept(db, db_path, offered)
    entity = load_profile(path).entity(new_id)
    assert entity["name"] == "Mikhail Ivanov" and "Ivanov" in entity["aliases"]
    db.close()


def test_the_suggested_spelling_is_the_commonest_one(db_path):
    # Batka twice, batka once, BATKA three times: max(text) used to give the rarest, "batka".
    db, _ = _linked_project(db_path, articles=2)
    for n, spelling in enumerate(["batka", "BATKA", "BATKA", "BATKA"]):
        doc = store.insert_document(db, path=f"caps{n}.txt", hash=f"caps{n}", text=f"{spelling} spoke.")
        review.link(db, review.add_span(db, doc, 0, 5, "PERSON"), "lukashenko")
    rows = {row["text"].lower(): row for row in store.linked_alias_counts(db)}
    assert (rows["batka"]["text"], rows["batka"]["articles"], rows["batka"]["mentions"]) == ("BATKA", 6, 6)
    db.close()
