"""The window shows problems (notice, list, marked article) and re-proposes facts in the background."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import problems, store
from tests.gui_support import build_project, open_window
from tests.faults import break_extraction  # noqa: E402


@pytest.fixture
def project(db_path):
    return db_path, build_project(db_path)



def test_repropose_from_the_facts_menu_shows_the_failing_article(qtbot, project, monkeypatch):
    db_path, ids = project
    break_extraction(monkeypatch, "The Supreme State Council")
    window = open_window(qtbot, db_path)
    assert not window.problems_button.isVisible()
    with qtbot.waitSignal(window.jobs.repropose_finished, timeout=30000) as finished:
        QTest.keyClick(window, Qt.Key_R, Qt.ControlModifier | Qt.AltModifier)
    summary = finished.args[0]
    assert summary["documents"] == 3 and summary["failures"] == [("b.txt", "TypeError: broken")]
    assert "not extracted from b.txt (TypeError: broken)" in window.statusBar().currentMessage()
    assert window.problems_button.isVisible() and window.problems_button.text() == "⚠ 1 problem"
    db = store.open_db(db_path)
    assert [f["kind"] for f in store.facts_for_document(db, ids["a"])] == ["meeting", "trade"]
    # The failing article is marked in the list, with the reason in its tooltip.
    model = window.documents.model
    row = model.row_of(ids["b"])
    assert model.data(model.index(row, 0)).startswith("⚠ ")
    assert "facts not extracted: TypeError: broken" in model.data(model.index(row, 0), Qt.ToolTipRole)


def test_the_problems_list_opens_the_article(qtbot, project):
    db_path, ids = project
    db = store.open_db(db_path)
    problems.report(db, problems.FACTS, "b.txt", "TypeError: broken", doc_id=ids["b"])
    problems.report(db, problems.SKIPPED, "empty.txt", "empty file")
    window = open_window(qtbot, db_path)
    assert window.problems_button.text() == "⚠ 2 problems"
    window.problems_button.click()
    dialog = window.problems_dialog
    assert dialog.isVisible() and dialog.table.rowCount() == 2
    texts = sorted(dialog.table.item(r, 1).text() for r in range(2))
    assert texts == ["b.txt", "empty.txt"]
    row = next(r for r in range(2) if dialog.table.item(r, 1).text() == "b.txt")
    assert dialog.table.item(row, 0).text() == "Facts not extracted"
    dialog.table.cellDoubleClicked.emit(row, 0)
    assert window.session.doc["id"] == ids["b"]


def test_repropose_can_be_cancelled(qtbot, project, monkeypatch):
    db_path, _ = project
    window = open_window(qtbot, db_path)
    import desktop.facts.propose as propose

    real = propose.repropose_steps
    monkeypatch.setattr(propose, "repropose_steps", lambda path, cancel: real(path, cancel, chunk=1))
    with qtbot.waitSignal(window.jobs.repropose_finished, timeout=30000) as finished:
        assert window.jobs.start_repropose()
        window.jobs.cancel()
    summary = finished.args[0]
    assert summary["cancelled"] or summary["documents"] == 3  # cancelled at a chunk boundary, or done first
    assert not window.jobs.progress.isVisible()


def test_a_failed_job_is_kept_in_the_problems(qtbot, project):
    db_path, _ = project
    window = open_window(qtbot, db_path)
    window.jobs._on_repropose_failed("database is locked")
    assert window.problems_button.text() == "⚠ 1 problem"
    db = store.open_db(db_path)
    assert [(p["kind"], p["path"], p["message"]) for p in problems.list_problems(db)] == [
        ("job", "re-propose facts", "database is locked")]
