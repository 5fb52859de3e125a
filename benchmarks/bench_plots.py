"""Benchmark of the plot dock on 10,000 synthetic facts (not part of the test run).

    .venv/bin/python benchmarks/bench_plots.py [--facts 10000] [--changes 30] [--frames 120]

Goals (issue 5): a refresh after one analyst change takes at most 100 ms;
panning stays fluid (reported as frames per second of setXRange + repaint).
Runs offscreen unless a display is set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from desktop import aggregate, events, history, store  # noqa: E402


def build(db_path: Path, n_facts: int, seed: int = 7) -> list[int]:
    """A project with ``n_facts`` facts: 60% meetings (mostly reported in threes: merged into events), 40% trade."""
    rng = random.Random(seed)
    db = store.open_db(db_path)
    with db.atomic():
        docs = [
            store.insert_document(db, path=f"{i:05d}.txt", hash=str(i), text="x" * 400,
                                  source=rng.choice(["BelTA", "TASS", "Belsat", None]))
            for i in range(max(n_facts // 5, 1))
        ]
        n_meetings = n_facts * 6 // 10
        rows = []
        day = dt.date(2000, 1, 1)
        for i in range(n_meetings):
            if i % 3 == 0 or rng.random() < 0.2:  # a new meeting, or a report of the last one
                day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000))
            rows.append({"doc_id": rng.choice(docs), "kind": "meeting", "status": rng.choice(["proposed", "confirmed"]),
                         "source": "rule", "date_start": day.isoformat(), "date_end": day.isoformat(),
                         "held": rng.choice(["held", "planned"]), "participants": '["lukashenko", "putin"]',
                         "evidence": "Putin met Lukashenko.", "start": 0, "end": 20})
        for _ in range(n_facts - n_meetings):
            year = rng.randrange(2000, 2025)
            rows.append({"doc_id": rng.choice(docs), "kind": "trade", "status": rng.choice(["proposed", "confirmed"]),
                         "source": "rule", "period_start": f"{year}-01-01", "period_end": f"{year}-12-31",
                         "value": rng.uniform(1e10, 5e10), "currency": "USD", "evidence": "Trade grew.",
                         "start": 0, "end": 11})
        db["facts"].insert_all(rows, batch_size=1000)
    events.update_events(db)
    ids = [r["id"] for r in db.query("select id from facts")]
    db.close()
    return ids


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--frames", type=int, default=120)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from desktop.gui.plot_dock import PlotDock

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.sqlite"
        t0 = time.perf_counter()
        fact_ids = build(db_path, args.facts)
        print(f"built {len(fact_ids)} facts in {time.perf_counter() - t0:.2f} s")

        db = store.open_db(db_path)
        t0 = time.perf_counter()
        counts = aggregate.MeetingCounts.from_db(db)
        series = aggregate.TradeSeries.from_db(db)
        print(f"full aggregation (both models from the DB): {ms(time.perf_counter() - t0)}")

        t0 = time.perf_counter()
        dock = PlotDock(db_path)
        dock.resize(1100, 700)
        dock.show()
        app.processEvents()
        print(f"dock opened and drawn: {ms(time.perf_counter() - t0)}")

        rng = random.Random(1)
        timings: dict[str, list[float]] = {"trade": [], "meetings": []}
        for i in range(args.changes):
            tab = "trade" if i % 2 == 0 else "meetings"
            dock.tabs.setCurrentIndex(0 if tab == "trade" else 1)
            app.processEvents()
            kind = "trade" if tab == "trade" else "meeting"
            fact_id = rng.choice([r["id"] for r in db.query("select id from facts where kind = ? and status = 'proposed' limit 200", [kind])])
            with history.action(db, "confirm fact") as act:
                act.update("facts", fact_id, status="confirmed")
            t0 = time.perf_counter()
            dock.refresh()
            dock.current_plot().viewport().repaint()  # the change on screen, not only in the model
            timings[tab].append(time.perf_counter() - t0)
        for tab, values in timings.items():
            print(f"refresh after one change ({tab} tab shown, incl. repaint): median {ms(statistics.median(values))}, "
                  f"max {ms(max(values))} over {len(values)} changes (goal <= 100 ms)")

        t0 = time.perf_counter()
        for _ in range(10):
            dock.refresh()
        print(f"refresh with nothing changed: {ms((time.perf_counter() - t0) / 10)}")

        t0 = time.perf_counter()
        counts2 = aggregate.MeetingCounts.from_db(db)
        series2 = aggregate.TradeSeries.from_db(db)
        full = time.perf_counter() - t0
        assert counts2.table() == dock.meetings.table() and series2.table() == dock.trade.table()
        print(f"(a full recomputation instead would cost {ms(full)} before drawing; incremental result identical)")

        for index, name in ((0, "trade"), (1, "meetings")):
            dock.tabs.setCurrentIndex(index)
            app.processEvents()
            plot = dock.current_plot()
            plot.viewport().repaint()
            (x0, x1), _ = plot.plotItem.vb.viewRange()
            span = (x1 - x0) / 4
            plot.setXRange(x0, x0 + span, padding=0)
            plot.viewport().repaint()
            step = (x1 - x0 - span) / args.frames
            t0 = time.perf_counter()
            for frame in range(args.frames):
                plot.setXRange(x0 + frame * step, x0 + frame * step + span, padding=0)
                plot.viewport().repaint()
            seconds = time.perf_counter() - t0
            print(f"panning the {name} plot: {args.frames / seconds:.0f} frames/s "
                  f"({ms(seconds / args.frames)} a frame, {len(dock.trade.points()) if index == 0 else len(dock.meetings.table())} "
                  f"{'reports' if index == 0 else 'bars'})")
        dock.close()
        db.close()
        del counts, series
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
