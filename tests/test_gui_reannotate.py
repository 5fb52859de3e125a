"""Model → Re-annotate runs as a window job: progress and Cancel in the status bar, errors in the window."""

from __future__ import annotations

from desktop import problems, store
from desktop.settings import save_settings
from tests.gui_support import build_project, open_window


def _action(window, text: str):
    menu = window._model_menu
    menu.menu.aboutToShow.emit()  # the menu is built when it opens
    return next(a for a in menu.menu.actions() if a.text().startswith(text))


def test_reannotate_from_the_model_menu_runs_as_a_job(qtbot, db_path):
    ids = build_project(db_path)
    save_settings({"model": "blank:en"})  # the profile's rules only: no trained pipeline needed
    window = open_window(qtbot, db_path)
    with qtbot.waitSignal(window.jobs.reannotate_finished, timeout=60_000) as finished:
        _action(window, "Re-annotate").trigger()
        assert window.jobs.writing() and window.jobs.cancel_button.isVisible()
        assert not _action(window, "Re-annotate").isEnabled()  # one writing job at a time
    summary = finished.args[0]
    assert summary["documents"] == 2 and summary["model"] == "blank:en" and not summary["cancelled"]
    assert "2 unverified articles re-annotated with blank:en" in window.statusBar().currentMessage()
    assert not window.jobs.progress.isVisible() and _action(window, "Re-annotate").isEnabled()
    assert "blank:en" in window.model_label.text()  # the window re-read the project
    db = store.open_db(db_path)
    proposed = [s for s in store.spans_for_document(db, ids["a"]) if s["status"] == "proposed"]
    assert proposed and {s["model"] for s in proposed} == {"blank:en"}
    db.close()


def test_a_failed_reannotation_is_shown_and_kept_in_the_problems(qtbot, db_path, monkeypatch):
    build_project(db_path)
    import desktop.reannotate as reannotate

    def broken(_path, model=None, *, cancel):
        raise reannotate.models.ModelError("spaCy model 'xx' could not be loaded; using 'blank:en' instead.")
        yield  # a generator, as the real one

    monkeypatch.setattr(reannotate, "reannotate_steps", broken)
    window = open_window(qtbot, db_path)
    with qtbot.waitSignal(window.jobs.reannotate_finished, timeout=30_000) as finished:
        assert window._model_menu.reannotate()
    assert finished.args[0] is None
    assert window.statusBar().currentMessage().startswith("Re-annotation failed: spaCy model 'xx' could not")
    assert window.problems_button.text() == "⚠ 1 problem"
    db = store.open_db(db_path)
    assert [(p["kind"], p["path"]) for p in problems.list_problems(db)] == [("job", "re-annotate")]
    db.close()
