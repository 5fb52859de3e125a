"""File > Import…: a JSONL file of decisions applied on a worker, reported, and undone one article at a time."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import store
from desktop.gui import main_window
from tests.gui_support import TEXT_A, TEXT_B, build_project, document, open_window, spans_by_text

UNDO = (Qt.Key_Z, Qt.ControlModifier)


def prodigy_span(text: str, needle: str, label: str) -> dict:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), "label": label}


@pytest.fixture
def project(db_path):
    return db_path, build_project(db_path)


@pytest.fixture
def annotations(tmp_path):
    """Two records that match (a Prodigy accept and reject), one about another text, one broken line."""
    path = tmp_path / "reviewed.jsonl"
    records = [
        {"text": TEXT_A, "answer": "accept", "spans": [
            prodigy_span(TEXT_A, "Vladimir Putin", "PERSON"),
            prodigy_span(TEXT_A, "Alexander Lukashenko", "PERSON"),
            prodigy_span(TEXT_A, "Minsk", "GPE"),
            prodigy_span(TEXT_A, "2021", "DATE"),  # not proposed by the model: added
        ]},
        {"text": TEXT_B, "answer": "reject", "spans": [prodigy_span(TEXT_B, "Moscow", "GPE")]},
        {"text": "A text no article of the project has.", "answer": "accept", "spans": []},
    ]
    lines = [json.dumps(r) for r in records[:2]] + ["{not json"] + [json.dumps(records[2])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def choose_file(monkeypatch, path) -> list[tuple]:
    """Make the open dialog answer ``path``; returns the calls it got."""
    calls: list[tuple] = []

    def fake(*args, **kwargs):
        calls.append(args)
        return (str(path) if path else "", "")

    monkeypatch.setattr(main_window.QFileDialog, "getOpenFileName", staticmethod(fake))
    return calls


def run_import(qtbot, window):
    with qtbot.waitSignal(window.jobs.import_finished, timeout=20000) as blocker:
        window.import_action.trigger()
        assert window.jobs.progress.isVisible() and window.jobs.progress.maximum() == 0  # busy while the worker runs
        assert not window.import_action.isEnabled()
    return blocker.args[0]


def test_import_applies_reports_and_undoes_one_article_at_a_time(qtbot, project, annotations, monkeypatch):
    db_path, ids = project
    window = open_window(qtbot, db_path)
    calls = choose_file(monkeypatch, annotations)
    report = run_import(qtbot, window)
    assert len(calls) == 1

    # The database: A as the record says, and verified; in B only Moscow rejected.
    a = spans_by_text(db_path, ids["a"])
    assert {t: a[t]["status"] for t in ("Vladimir Putin", "Alexander Lukashenko", "Minsk", "2021")} == dict.fromkeys(
        ("Vladimir Putin", "Alexander Lukashenko", "Minsk", "2021"), "accepted")
    assert a["2021"]["source"] == "analyst"
    assert a["Monday"]["status"] == "rejected" and a["$35.5 billion"]["status"] == "rejected"
    assert document(db_path, ids["a"])["status"] == "verified"
    b = spans_by_text(db_path, ids["b"])
    assert b["Moscow"]["status"] == "rejected" and b["Minsk"]["status"] == "proposed"
    assert (report.matched, report.unreadable, report.unmatched, report.documents) == (2, 1, 1, 2)

    # The report box: what matched, what was applied, what was not and why.
    box = window.jobs.import_box
    assert box is not None and box.isVisible()
    text = box.text() + "\n" + box.informativeText()
    assert "Matched: 2 records, 2 articles" in text
    assert "Unreadable: 1. Unmatched: 1." in text and "line 3: not JSON" in text
    assert "no document has this text" in text
    assert "1 added" in text and "verified articles: 1" in text
    assert not window.jobs.progress.isVisible() and window.import_action.isEnabled()

    # The views follow: the open article shows the imported decisions, the list its status.
    assert window.session.doc["id"] == ids["a"]
    assert window.session.span(a["2021"]["id"])["status"] == "accepted"
    assert window.documents.model.row(window.documents.model.row_of(ids["a"]))["status"] == "verified"

    # One Ctrl+Z undoes one imported article, the last first.
    assert window.undo_stack.count() == 2
    box.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    QTest.keyClick(window.view, *UNDO)
    assert spans_by_text(db_path, ids["b"])["Moscow"]["status"] == "proposed"
    assert document(db_path, ids["a"])["status"] == "verified"
    QTest.keyClick(window.view, *UNDO)
    a = spans_by_text(db_path, ids["a"])
    assert "2021" not in a and a["Monday"]["status"] == "proposed"
    assert document(db_path, ids["a"])["status"] == "new"
    assert window.session.doc["id"] == ids["a"] and window.session.span(a["Vladimir Putin"]["id"])["status"] == "proposed"


def test_a_file_that_cannot_be_imported_is_a_clear_message(qtbot, project, tmp_path, monkeypatch):
    db_path, ids = project
    window = open_window(qtbot, db_path)
    choose_file(monkeypatch, tmp_path / "gone.jsonl")
    assert run_import(qtbot, window) is None
    assert "import failed" in window.last_error and "gone.jsonl" in window.last_error
    assert window.import_action.isEnabled() and not window.jobs.progress.isVisible()
    db = store.open_db(db_path)
    try:
        assert [a["op"] for a in db.query("select op from actions")] == []
    finally:
        db.close()


def test_cancelling_the_file_dialog_imports_nothing(qtbot, project, monkeypatch):
    db_path, _ids = project
    window = open_window(qtbot, db_path)
    choose_file(monkeypatch, None)
    window.import_action.trigger()
    assert window.jobs.import_worker is None and not window.jobs.progress.isVisible()


def test_the_automatic_ingest_waits_for_a_running_import(qtbot, project, tmp_path, monkeypatch):
    db_path, _ids = project
    window = open_window(qtbot, db_path)
    window.jobs.folder = tmp_path

    class Running:
        def is_running(self):
            return True

    window.jobs.import_worker = Running()
    assert window.jobs.start_ingest() is False and window.jobs.worker is None
    started = []
    monkeypatch.setattr(window.jobs, "start_ingest", lambda: started.append(True))
    window.jobs.auto_ingest = True  # what the window sets once its docks are up
    window.jobs.end_import()
    assert started == [True]
    window.jobs.import_worker = None  # the stand-in has nothing to stop when the window closes


def test_the_report_details_list_every_skipped_record():
    """Issue 15: the box's details give every record skipped and why, not only the first five."""
    from desktop.exchange import ImportReport
    from desktop.gui.jobs import import_report_text

    report = ImportReport(format="prodigy", records=9, matched=1, unreadable=8)
    report.outcomes = [["line 1", "accepted", "a.txt"]] + [[f"line {n}", "skipped", f"reason {n}"] for n in range(2, 10)]
    report.examples = [[w, r] for w, _, r in report.outcomes[1:6]]
    _summary, details = import_report_text(report, "x.jsonl")
    assert details.splitlines() == [f"line {n}: reason {n}" for n in range(2, 10)]
