"""A new kind of fact is one registration and a profile section (issue 10, acceptance 4).

The "visit" kind below is not known to the store, the panels, the CLI or the
scorer: they learn it from the registry. Its rules live in a profile section of
its own, checked by the schema the registration brings.
"""

from __future__ import annotations

import json

import pytest

from desktop import facts, store
from desktop.facts.dates import resolve_date
from desktop.facts.document import Document, _iso
from desktop.profile import ProfileError, load_profile, profile_path
from desktop.scoring import score

ARTICLE = ("Lukashenko visited Kazan on 12 March. He said he liked the city.\n"
           "Putin paid a visit to Minsk on 2 April 2021, his first since the spring.")


def _compile(section: dict) -> object:
    return facts._phrase_regex(section.get("verbs", []))


def extract_visits(doc: Document) -> list[dict]:
    """One visit per sentence with a visit verb, a participant before it and a date after it."""
    verbs = doc.rules.section("visit")
    out = []
    for sentence in doc.sentences:
        match = verbs.search(sentence.text) if verbs else None
        if not match:
            continue
        pos = sentence.start + match.start()
        who = {i for m in doc.people(sentence) if m.end <= pos for i in m.entity_ids}
        dates = [d for d in doc.dates(sentence) if d.start >= pos]
        resolved = resolve_date(dates[0], doc.published, "past") if dates else None
        if not who or resolved is None:
            continue
        places = [p for p in doc.locations.values() if p in sentence.text]
        out.append({
            "kind": "visit", "status": "proposed", "source": "rule",
            "date_start": _iso(resolved[0]), "date_end": _iso(resolved[1]), "precision": resolved[2],
            "place": places[0] if places else None, "participants": sorted(who), "held": "held",
            "evidence": sentence.text, "start": sentence.start, "end": sentence.end, "span_ids": [],
        })
    return out


VISIT = facts.FactKind("visit", "event", "Visit", section="visit", schema={"verbs": "phrases"},
                       extract=extract_visits, compile=_compile)


@pytest.fixture
def visit_kind():
    facts.register_kind(VISIT)
    yield VISIT
    facts.unregister_kind("visit")


def _profile_with(tmp_path, section: str) -> str:
    path = tmp_path / "visits.toml"
    path.write_text(profile_path().read_text(encoding="utf-8") + "\n" + section, encoding="utf-8")
    return str(path)


VISIT_SECTION = '[facts.visit]\nverbs = ["visited", "paid a visit to"]\n'


@pytest.fixture
def project(tmp_path, visit_kind):
    """A project on the visits profile, with one article, its facts proposed."""
    db_path = tmp_path / "project.sqlite"
    db = store.open_db(db_path)
    store.set_meta(db, "profile", _profile_with(tmp_path, VISIT_SECTION))
    for entity in load_profile(store.get_meta(db, "profile")).entities:
        store.upsert_entity(db, entity)
    doc_id = store.insert_document(db, path="visits.txt", hash="v", text=ARTICLE, published="2021-04-05")
    facts.propose_all(db)
    yield db_path, db, doc_id
    db.close()


def test_the_new_kind_is_proposed_and_stored(project):
    _, db, doc_id = project
    visits = [f for f in store.facts_for_document(db, doc_id) if f["kind"] == "visit"]
    assert [(f["participants"], f["date_start"], f["status"]) for f in visits] == [
        (["lukashenko"], "2021-03-12", "proposed"), (["putin"], "2021-04-02", "proposed")]
    assert visits[1]["evidence"].startswith("Putin paid a visit to Minsk")


def test_the_new_kind_is_confirmed_and_edited_like_any_other(project):
    _, db, doc_id = project
    visit = next(f for f in store.facts_for_document(db, doc_id) if f["kind"] == "visit")
    facts.edit_fact(db, visit["id"], place="Kazan")
    facts.confirm_fact(db, visit["id"])
    after = facts.get_fact(db, visit["id"])
    assert (after["status"], after["place"]) == ("confirmed", "Kazan")
    with pytest.raises(facts.FactError, match="no slot 'value'"):
        facts.edit_fact(db, visit["id"], value=3.0)


def test_the_facts_command_lists_the_new_kind(project, capsys):
    from desktop.cli import main

    db_path, _, _ = project
    assert main(["facts", "--db", str(db_path), "--kind", "visit", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["kind"], r["date_start"], r["participants"]) for r in rows] == [
        ("visit", "2021-03-12", ["Alexander Lukashenko"]), ("visit", "2021-04-02", ["Vladimir Putin"])]
    assert main(["facts", "--db", str(db_path), "--kind", "visit"]) == 0
    assert "visit   proposed  2021-03-12..2021-03-12" in capsys.readouterr().out


def test_the_facts_panel_shows_the_new_kind(qtbot, project):
    pytest.importorskip("pytestqt")
    from desktop.gui.facts_panel import FactsDock

    db_path, _, doc_id = project
    dock = FactsDock(db_path)
    qtbot.addWidget(dock)
    dock.set_document(doc_id)
    visits = [r for r in range(dock.table.rowCount()) if dock.table.item(r, 0).text() == "visit"]
    assert [dock.table.item(r, 2).text() for r in visits] == ["2021-03-12", "2021-04-02"]
    assert "Alexander Lukashenko" in dock.table.item(visits[0], 5).text()
    assert "visit" in [dock.kind_box.itemText(i) for i in range(dock.kind_box.count())]


def test_the_scorer_scores_the_new_kind_as_an_event(visit_kind):
    gold = [{"kind": "visit", "file": "a.txt", "date_start": "2021-04-02", "date_end": "2021-04-02"}]
    proposed = [{"kind": "visit", "file": "a.txt", "date_start": "2021-04-03", "date_end": "2021-04-03",
                 "participants": ["putin"]}]
    assert score(proposed, gold, participants={"putin"})["visit"]["recall"] == 1.0


def test_a_misspelt_key_of_the_new_section_names_the_key_and_the_file(tmp_path, visit_kind):
    path = _profile_with(tmp_path, '[facts.visit]\nverb = ["visited"]\n')
    with pytest.raises(ProfileError, match=r"visits\.toml: unknown key \[facts\.visit\] verb \(did you mean verbs\?\)"):
        load_profile(path)


def test_a_section_no_kind_registered_is_refused(tmp_path):
    with pytest.raises(ProfileError, match=r"unknown key \[facts\] visit"):
        load_profile(_profile_with(tmp_path, VISIT_SECTION))


def test_ingest_with_ones_own_profile_remembers_it_by_path(tmp_path, visit_kind):
    """A project ingested with a profile file keeps proposing from that file, not a bundled namesake."""
    from desktop.ingest import ingest

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "visits.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "metadata.csv").write_text("file,published\nvisits.txt,2021-04-05\n", encoding="utf-8")
    profile = _profile_with(tmp_path, VISIT_SECTION)
    for _ in ingest(folder, tmp_path / "p.sqlite", profile=profile, model="blank:en"):
        pass
    db = store.open_db(tmp_path / "p.sqlite")
    assert store.get_meta(db, "profile") == profile
    facts.propose_all(db)  # from the database: the profile is found again by its path
    assert [f["kind"] for f in store.list_facts(db, kind="visit")] == ["visit", "visit"]
