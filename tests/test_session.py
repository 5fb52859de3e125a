"""The session model (desktop.session): what is current, and the events widgets follow; no Qt needed."""

from __future__ import annotations

import pytest

from desktop import review, store
from desktop.session import EventEmitter, Refused, Session
from tests.gui_support import build_project


@pytest.fixture
def session(db_path):
    ids = build_project(db_path)
    db = store.open_db(db_path)
    yield Session(db), ids
    db.close()


def record(session, *names):
    """Every event of ``names`` as (type, fields) tuples, in order."""
    seen = []
    for name in names:
        getattr(session.events, name).connect(
            lambda e: seen.append((e.type, {k: v for k, v in vars(e).items() if k not in ("type", "source")})))
    return seen


def test_opening_an_article_emits_its_spans_and_keeps_a_known_span_only(session):
    session, ids = session
    seen = record(session, "document")
    session.open_document(ids["a"])
    putin = next(s["id"] for s in session.spans if s["text"] == "Vladimir Putin")
    session.open_document(ids["a"], span_id=putin)
    session.open_document(ids["b"], span_id=putin)  # not a span of b: no current span
    assert [e[1]["doc"]["id"] for e in seen] == [ids["a"], ids["a"], ids["b"]]
    assert [e[1]["same_text"] for e in seen] == [False, True, False]
    assert [e[1]["current_span"] for e in seen] == [None, putin, None]
    assert seen[0][1]["spans"][0]["text"] == "Vladimir Putin"  # text order
    session.open_document(None)
    assert session.doc is None and session.spans == [] and session.doc_id is None


def test_stepping_skips_rejected_spans_unless_shown(session):
    session, ids = session
    session.open_document(ids["a"])
    spans = {s["text"]: s["id"] for s in session.spans}
    session.patch_span(session.run(review.reject, spans["Alexander Lukashenko"]))
    seen = record(session, "current_span")
    assert session.step_span(1) and session.step_span(1)
    assert [e[1]["span_id"] for e in seen] == [spans["Vladimir Putin"], spans["Minsk"]]
    assert session.next_after(spans["Vladimir Putin"]) == spans["Minsk"]
    session.set_show_rejected(True)
    assert session.next_after(spans["Vladimir Putin"]) == spans["Alexander Lukashenko"]
    session.open_document(ids["c"])
    session.open_document(None)
    assert session.step_span(1) is False  # no article, no spans


def test_a_write_emits_the_patched_span_then_the_article_row_with_its_counts(session):
    session, ids = session
    session.open_document(ids["a"])
    minsk = next(s["id"] for s in session.spans if s["text"] == "Minsk")
    seen = record(session, "spans", "reviewed")
    session.patch_span(session.run(review.accept, minsk))
    session.after_write(reload=False, changed=(minsk,))
    (kind, spans), (kind2, reviewed) = seen
    assert (kind, kind2) == ("spans", "reviewed")
    assert spans["changed"] == (minsk,) and session.span(minsk)["status"] == "accepted"
    assert reviewed["counts"] == {"proposed": 4, "accepted": 1}
    assert reviewed["doc"]["status"] == "in review"


def test_a_refusal_is_a_message_not_a_crash(session):
    session, ids = session
    session.open_document(ids["c"])
    with pytest.raises(Refused, match="span"):
        session.run(review.accept, 999_999)


def test_filters_change_once_and_reject_unknown_names(session):
    session, _ids = session
    seen = record(session, "filters")
    session.set_filters(status="verified")
    session.set_filters(status="verified")  # unchanged: no event
    session.set_filters(search="Minsk")
    assert [e[1] for e in seen] == [{"status": "verified", "search": ""}, {"status": "verified", "search": "Minsk"}]
    with pytest.raises(TypeError, match="colour"):
        session.set_filters(colour="red")


def test_catching_up_reopens_an_article_whose_spans_a_job_changed(session, db_path):
    session, ids = session
    session.open_document(ids["b"])
    seen = record(session, "corpus", "document")
    other = store.open_db(db_path)  # a worker's own connection
    try:
        start = session.doc["text"].index("Union State")
        review.add_span(other, ids["b"], start, start + len("Union State"), "ORG")
    finally:
        other.close()
    assert session.changed_elsewhere()
    session.catch_up(in_progress=True)
    assert [e[0] for e in seen] == ["corpus", "document"] and seen[0][1]["in_progress"] is True
    assert "Union State" in [s["text"] for s in session.spans]
    assert not session.changed_elsewhere()


def test_one_failing_listener_does_not_stop_the_others(caplog):
    emitter = EventEmitter(source=None, type="thing")
    calls = []
    emitter.connect(lambda e: 1 / 0)
    emitter.connect(lambda e: calls.append(e.value))
    emitter(value=3)
    assert calls == [3] and "thing" in caplog.text
    emitter.disconnect()
    emitter(value=4)
    assert calls == [3]


def test_a_database_gone_bad_under_the_session_is_said_and_later_writes_are_committed(db_path):
    # A read that fails on a bad page left sqlite-utils' savepoint transaction open: a later write joined it
    # and was never committed (lost when the window closed).
    import os
    import sqlite3

    build_project(db_path)
    conn = sqlite3.connect(db_path)
    roots = [r[0] for r in conn.execute("select rootpage from sqlite_master where tbl_name = 'spans' and rootpage")]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    handle = os.open(db_path, os.O_RDWR)  # closed after the connection: closing drops this process's locks
    db = store.open_db(db_path)
    try:
        session = Session(db)
        seen = record(session, "database")
        failing = []
        session.events.corpus.connect(lambda e: failing.append(store.spans_for_document(db, 1)))  # a widget's read
        for root in roots:
            os.pwrite(handle, bytes(page_size), (root - 1) * page_size)
        session.catch_up()  # never raises into the caller (a slot)
        assert seen and len({e[1]["message"] for e in seen}) == 1, seen  # the listener's and catch_up's own reads
        assert seen[0][1]["message"].startswith(f"{db_path} is damaged (database disk image is malformed); ")
        assert not db.conn.in_transaction
        with store.write_transaction(db):
            store.set_meta(db, "folder", "written after the failure")
        other = sqlite3.connect(db_path)
        assert other.execute("select value from meta where key = 'folder'").fetchone()[0] == "written after the failure"
        other.close()
    finally:
        db.close()
        os.close(handle)
