"""The export dialog: widgets <-> options, an export on the worker thread, cancel, errors."""

from __future__ import annotations

import csv
import threading

import pytest

from desktop import exchange, review, store
from tests.test_exchange import add_fact, build_corpus

pytest.importorskip("PySide6")

from desktop.gui.export_dialog import ExportDialog  # noqa: E402


@pytest.fixture
def project(db_path):
    db = store.open_db(db_path)
    ids = build_corpus(db)
    review.mark_verified(db, ids["a.txt"])
    review.mark_verified(db, ids["b.txt"])
    add_fact(db, ids["a.txt"], "=HYPERLINK(\"x\")", 0, date_start="2021-12-28")
    db.close()
    return db_path


@pytest.fixture
def dialog(qtbot, project):
    widget = ExportDialog(project)
    qtbot.addWidget(widget)
    return widget


def test_formats_follow_what(dialog):
    dialog.set_options(what="spans", fmt="jsonl")
    formats = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert formats == ["jsonl", "spacy", "conll", "label-studio", "doccano", "brat", "huggingface"]
    assert not dialog.bom.isEnabled() and dialog.all.isEnabled()
    dialog.what.setCurrentIndex(dialog.what.findData("facts"))
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == ["csv", "jsonl"]
    assert dialog.format.currentData() == "jsonl"  # the format carries over when it fits
    assert not dialog.bom.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.bom.isEnabled()
    dialog.what.setCurrentIndex(dialog.what.findData("project"))
    assert dialog.format.currentData() == "sqlite"
    assert not dialog.all.isEnabled() and not dialog.bom.isEnabled()
    assert dialog.options() == {"what": "project", "fmt": "sqlite", "all": False, "bom": False}


def test_changing_format_changes_the_suffix(dialog, tmp_path):
    dialog.set_options(what="spans", fmt="jsonl", path=tmp_path / "train.jsonl")
    dialog.format.setCurrentIndex(dialog.format.findData("spacy"))
    assert dialog.path.text() == str(tmp_path / "train.spacy")


def test_dialog_exports_a_file(qtbot, dialog, tmp_path):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "spans.jsonl"
    dialog.set_options(what="spans", fmt="jsonl", path=target)
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as blocker:
        dialog.export_button.click()
        assert dialog.is_running() and not dialog.export_button.isEnabled()
    result = blocker.args[0]
    assert result.documents == 2 and result.path == str(target)
    records = exchange.read_jsonl(target)
    assert [r["meta"]["file"] for r in records] == ["a.txt", "b.txt"]
    assert dialog.progress.value() == dialog.progress.maximum()
    assert "Exported 2 document(s)" in dialog.status.text()
    assert dialog.export_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert dialog.last_result() is result


def test_dialog_exports_csv_with_bom(qtbot, dialog, tmp_path):
    target = tmp_path / "facts.csv"
    dialog.set_options(what="facts", fmt="csv", path=target, bom=True)
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.export_button.click()
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["evidence"].startswith("'=HYPERLINK(")


def test_missing_path_is_refused_without_running(dialog, tmp_path):
    dialog.set_options(what="spans", fmt="jsonl", path="")
    dialog.export_button.click()
    assert not dialog.is_running() and "Choose a file" in dialog.status.text()
    dialog.path.setText(str(tmp_path))
    dialog.export_button.click()
    assert not dialog.is_running() and "is a folder" in dialog.status.text()
    # An export never creates folders (issue 15): a mistyped folder is said at once.
    dialog.path.setText(str(tmp_path / "missing" / "spans.jsonl"))
    dialog.export_button.click()
    assert not dialog.is_running() and "no folder" in dialog.status.text()
    assert not (tmp_path / "missing").exists()


def test_failure_is_shown(qtbot, tmp_path):
    dialog = ExportDialog(tmp_path / "nowhere.sqlite")
    qtbot.addWidget(dialog)
    dialog.set_options(what="spans", fmt="jsonl", path=tmp_path / "x.jsonl")
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as blocker:
        dialog.export_button.click()
    assert "no database" in blocker.args[0]
    assert "Export failed" in dialog.status.text() and dialog.export_button.isEnabled()
    assert not (tmp_path / "x.jsonl").exists()


def test_cancel_leaves_no_file(qtbot, dialog, tmp_path, monkeypatch):
    started = threading.Event()
    real_export = exchange.export

    def slow_export(db, path, *, cancel, **options):
        # The real generator, held between documents until the test has pressed Cancel.
        def held():
            started.set()
            while not cancel():
                started.wait(0.01)
            return True

        yield from real_export(db, path, cancel=held, **options)

    monkeypatch.setattr(exchange, "export", slow_export)
    target = tmp_path / "spans.jsonl"
    dialog.set_options(what="spans", fmt="jsonl", path=target)
    with qtbot.waitSignal(dialog.cancelled, timeout=30_000):
        dialog.export_button.click()
        qtbot.waitUntil(started.is_set, timeout=30_000)
        assert dialog.cancel_button.isEnabled()
        dialog.cancel_button.click()
    assert not target.exists() and list(tmp_path.glob(".spans.jsonl.*")) == []
    assert "cancelled" in dialog.status.text() and dialog.last_result() is None
