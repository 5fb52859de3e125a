"""Events are merged once per ingest run, and a run killed before that leaves a flag the next run honours."""

from desktop import store
from desktop.ingest import ingest


def run(folder, db_path):
    *_, last = ingest(folder, db_path, model="blank:en")
    return last.summary


def test_events_merged_after_ingest_and_rebuilt_after_an_interrupted_run(samples, db_path):
    summary = run(samples, db_path)
    assert summary["facts"] > 0
    db = store.open_db(db_path)
    events = db["events"].count
    assert events > 0
    assert store.get_meta(db, "events_stale") is None
    assert db.execute("select count(*) from facts where status != 'rejected' and event_id is null").fetchone()[0] == 0
    # As if a run was killed after committing batches but before merging events.
    db.execute("update facts set event_id = null")
    db.execute("delete from events")
    store.set_meta(db, "events_stale", "1")
    db.conn.commit()
    summary = run(samples, db_path)
    assert summary["added"] == summary["changed"] == 0
    assert db["events"].count == events
    assert store.get_meta(db, "events_stale") is None
