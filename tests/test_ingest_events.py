"""Events are merged once per ingest run, and a run killed before that leaves its facts queued for the next."""

from desktop import store
from desktop.ingest import ingest

UNMERGED = """select count(*) from facts f left join event_members m on m.fact_id = f.id
              where f.status != 'rejected' and m.fact_id is null"""


def run(folder, db_path):
    *_, last = ingest(folder, db_path, model="blank:en")
    return last.summary


def test_events_merged_after_ingest_and_after_an_interrupted_run(samples, db_path):
    summary = run(samples, db_path)
    assert summary["facts"] > 0
    db = store.open_db(db_path)
    events = db["events"].count
    assert events > 0
    assert not store.has_dirty_facts(db)
    assert db.execute(UNMERGED).fetchone()[0] == 0
    # As if a run was killed after committing batches but before merging events: the triggers on
    # facts queued the batches' facts, and the queue was committed with them.
    db.execute("delete from event_members")
    db.execute("delete from events")
    db.execute("insert into events_dirty (fact_id) select id from facts")
    db.conn.commit()
    summary = run(samples, db_path)
    assert summary["added"] == summary["changed"] == 0
    assert db["events"].count == events
    assert not store.has_dirty_facts(db)
    assert db.execute(UNMERGED).fetchone()[0] == 0


def test_html_pages_are_reread_when_the_extraction_changed(tmp_path, db_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Putin met Lukashenko in Minsk on 7 December 2019.", encoding="utf-8")
    (folder / "b.html").write_text(
        "<html><body><nav>Menu</nav><main><h1>Talks</h1><p>Putin met Lukashenko in Sochi.</p></main></body></html>",
        encoding="utf-8")
    run(folder, db_path)
    db = store.open_db(db_path)
    assert store.get_meta(db, "html_text_version") is not None
    assert run(folder, db_path)["changed"] == 0
    store.set_meta(db, "html_text_version", "0")  # as if ingested by an older reader
    db.conn.commit()
    summary = run(folder, db_path)
    assert (summary["changed"], summary["unchanged"]) == (1, 1)  # only the HTML page is re-read
    assert store.get_meta(db, "html_text_version") != "0"
    assert "Menu" not in store.document_by_path(db, "b.html")["text"]
