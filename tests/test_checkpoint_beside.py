"""WAL checkpoints beside the window (desktop/checkpoint.py): no commit of a connection opened while a
project is checkpointed beside copies the log back itself; the thread's passive checkpoint does."""

from __future__ import annotations

import sqlite3

from desktop import checkpoint, review, store


def _wal_frames(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]
    finally:
        conn.close()


def _project(tmp_path, spans=400):
    path = tmp_path / "p.sqlite"
    db = store.open_db(path)
    doc = store.insert_document(db, path="a.txt", hash="ha", text="x " * 2000, title="a")
    store.insert_spans(db, [{"doc_id": doc, "start": 2 * i, "end": 2 * i + 1, "label": "ORG", "text": "x",
                             "status": "proposed", "source": "model"} for i in range(spans)])
    db.close()
    return path


def test_connections_opened_beside_never_checkpoint_and_the_thread_does(tmp_path):
    path = _project(tmp_path)
    worker = checkpoint.beside(path, interval=3600)  # the test runs it by hand
    try:
        db = store.open_db(path)
        assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        ids = [r[0] for r in db.execute("select id from spans")]
        for span_id in ids:
            review.accept(db, span_id)
        # Past the default 1,000 pages no commit copied the log back: it holds every frame written.
        wal = path.with_name(path.name + "-wal")
        size_before = wal.stat().st_size
        page = db.execute("PRAGMA page_size").fetchone()[0]
        assert size_before > 1100 * page, size_before // page  # SQLite's own would have reset it at 1,000 pages
        assert worker.run_once() and worker.runs == 1
        assert wal.stat().st_size == size_before  # a passive checkpoint copies, it does not truncate
        assert store.open_db(path).execute("select count(*) from spans where status = 'accepted'").fetchone()[0] \
            == len(ids)
        db.close()
    finally:
        checkpoint.release(path)
    assert not checkpoint.is_beside(path)
    db = store.open_db(path)
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000  # released: SQLite's own again
    db.close()


def test_a_project_moved_away_is_never_created_again(tmp_path):
    path = _project(tmp_path, spans=3)
    worker = checkpoint.beside(path, interval=3600)
    try:
        moved = tmp_path / "moved.sqlite"
        path.rename(moved)
        assert worker.run_once() is False
        assert not path.exists()
    finally:
        checkpoint.release(path)


def test_two_windows_on_one_file_keep_it_beside_until_both_close(tmp_path):
    path = _project(tmp_path, spans=3)
    first = checkpoint.beside(path, interval=3600)
    assert checkpoint.beside(path, interval=3600) is first
    checkpoint.release(path)
    assert checkpoint.is_beside(path)
    checkpoint.release(path)
    assert not checkpoint.is_beside(path)
