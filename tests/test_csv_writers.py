"""Every CSV the CLI writes on hostile text holds no live spreadsheet formula (issue 15, acceptance 4)."""
from __future__ import annotations

import argparse
import contextlib
import csv
import io

from desktop import aggregate
from desktop.cli import facts as facts_cli
from desktop.cli import plot as plot_cli
from desktop.exchange.common import FORMULA_STARTS

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "=1+1"]


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _live(cells) -> list[str]:
    """Cells a spreadsheet would run: a formula start that is not a plain number such as -5."""
    return [c for c in cells if c.startswith(FORMULA_STARTS) and not _number(c)]


def _records():
    for n, text in enumerate(HOSTILE):
        record = {name: None for name in facts_cli.FIELDS}
        record.update(id=n, kind="trade", status="proposed", file=text, place=text, evidence=text,
                      participants=[text], qualifier=text, value=-5.0)
        yield record


def test_facts_csv_neutralises_hostile_cells(monkeypatch, capsys):
    monkeypatch.setattr(facts_cli, "project_db", lambda *a, **k: contextlib.nullcontext(None))
    monkeypatch.setattr(facts_cli, "fact_records", lambda db, **k: list(_records()))
    args = argparse.Namespace(db=None, kind=None, status=None, format="csv", repropose=False)
    assert facts_cli.run_facts(args) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(HOSTILE) + 1
    body = [cell for row in rows[1:] for cell in row]
    assert _live(body) == []
    assert "'=HYPERLINK(\"http://x\",\"y\")" in body
    # A number stays a number: -5 is not a formula.
    assert "-5" in body


class _Model:
    def table(self):
        return [{c: text for c in aggregate.TRADE_COLUMNS} for text in HOSTILE]


def test_plot_csv_neutralises_hostile_cells_and_is_atomic(tmp_path):
    out = tmp_path / "trade.csv"
    assert plot_cli._write_csv(_Model(), out, "trade") == len(HOSTILE)
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(aggregate.TRADE_COLUMNS)
    assert _live([c for row in rows[1:] for c in row]) == []
    assert [p.name for p in tmp_path.iterdir()] == ["trade.csv"]  # no temporary left


def test_plot_csv_failure_leaves_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "trade.csv"
    out.write_text("old\n", encoding="utf-8")
    calls = []

    def failing(value):
        calls.append(value)
        if len(calls) > 20:  # fail midway, after part of the file is written
            raise OSError("disk full")
        return value
    monkeypatch.setattr(plot_cli, "neutralise", failing)
    try:
        plot_cli._write_csv(_Model(), out, "trade")
    except OSError:
        pass
    else:
        raise AssertionError("the failure did not reach the caller")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["trade.csv"]


def test_a_target_that_is_no_regular_file_is_refused_and_kept(tmp_path):
    import os

    import pytest

    from desktop.exchange.common import ExchangeError, atomic_write

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
    import os
    import time

    from desktop.exchange.common import atomic_write

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
