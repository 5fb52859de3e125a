"""Benchmark of the triage queue on a synthetic 100,000-article project (not part of the test run).

    .venv/bin/python benchmarks/bench_triage.py [--docs 100000] [--spans 20] [--db PATH] [--repeat 15]

Goal (issue 14): the queue opens and pages in at most 200 ms (medians printed).
The project is built once with the real schema (migrations, FTS triggers, the
spans_triage index): ``--db PATH`` keeps it and reuses it on the next run. The
vocabulary is Zipf-distributed (a few names in most articles, a long tail of
rare ones, capitalised datelines), spans are 92% proposed, gazetteer forms
come from the rules and are linked to an entity.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop import history, review, store, triage  # noqa: E402
from desktop.triage import Filters, GroupKey  # noqa: E402

LABELS = ("GPE", "PERSON", "ORG", "DATE", "MONEY", "NORP", "LOC")
HEAD = [("Minsk", "GPE"), ("Russia", "GPE"), ("Belarus", "GPE"), ("Moscow", "GPE"), ("Putin", "PERSON"),
        ("Lukashenko", "PERSON"), ("Union State", "ORG"), ("BelTA", "ORG"), ("TASS", "ORG"), ("Russian", "NORP")]


def vocabulary(size: int, rng: random.Random) -> list[tuple[str, str, str, str | None]]:
    """(text, label, source, entity id) by rank: the first few hundred are gazetteer forms."""
    words = []
    for rank in range(size):
        if rank < len(HEAD):
            text, label = HEAD[rank]
        else:
            label = LABELS[rank % len(LABELS)]
            first = rng.choice("BCDGKLMNPRSTVZ")
            text = first + "".join(rng.choice("aeiouy") + rng.choice("klmnrstv") for _ in range(3))
            text += f" {rank}" if label in ("DATE", "MONEY") else ""
        gazetteer = rank < 300
        words.append((text, label, "rule" if gazetteer else "model", f"e{rank}" if gazetteer else None))
    return words


def build(db_path: Path, n_docs: int, spans_per_doc: int, seed: int = 14) -> None:
    """A project of ``n_docs`` articles with about ``spans_per_doc`` spans each."""
    rng = random.Random(seed)
    words = vocabulary(60_000, rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    db = store.open_db(db_path)
    conn = db.conn
    conn.execute("pragma cache_size = -400000")  # 400 MB: the indexes stay in memory while they grow
    with store.write_transaction(db):
        conn.executemany("insert into entities (id, name, label, aliases, source) values (?, ?, ?, '[]', 'profile')",
                         [(w[3], w[0], w[1]) for w in words if w[3]])
        doc_rows, span_rows = [], []
        for doc_id in range(1, n_docs + 1):
            parts, position = [], 0
            for text, label, source, entity in rng.choices(words, weights, k=spans_per_doc):
                filler = rng.choice((" said on Monday that ", ". Officials in ", " met the delegation of ", ", and "))
                if rng.random() < 0.05:
                    text = text.upper()  # datelines: "MINSK, 20 December"
                parts.append(filler)
                position += len(filler)
                status = rng.choices(("proposed", "accepted", "rejected"), (92, 6, 2))[0]
                span_rows.append((doc_id, position, position + len(text), label, text, entity, source, status))
                parts.append(text)
                position += len(text)
            parts.append(".")
            doc_rows.append((doc_id, f"{doc_id:06d}.txt", str(doc_id), f"Article {doc_id}", "".join(parts), "new"))
            if len(doc_rows) == 5000:
                _flush(conn, doc_rows, span_rows)
        _flush(conn, doc_rows, span_rows)
    db.close()


def _flush(conn, doc_rows: list, span_rows: list) -> None:
    conn.executemany("insert into documents (id, path, hash, title, text, status) values (?, ?, ?, ?, ?, ?)", doc_rows)
    conn.executemany('insert into spans (doc_id, start, "end", label, text, entity_id, source, status)'
                     " values (?, ?, ?, ?, ?, ?, ?, ?)", span_rows)
    doc_rows.clear()
    span_rows.clear()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed(function, repeat: int) -> tuple[float, float]:
    """(median, max) seconds of ``repeat`` calls."""
    values = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        function()
        values.append(time.perf_counter() - t0)
    return statistics.median(values), max(values)


def report(name: str, function, repeat: int, goal: str = "") -> None:
    median, worst = timed(function, repeat)
    print(f"{name}: median {ms(median)}, max {ms(worst)} over {repeat}{f' ({goal})' if goal else ''}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--spans", type=int, default=20, help="spans per article")
    parser.add_argument("--db", type=Path, help="keep the project here and reuse it when it exists")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "triage.sqlite"
        if not db_path.exists():
            t0 = time.perf_counter()
            build(db_path, args.docs, args.spans)
            print(f"built {args.docs:,} articles with {args.docs * args.spans:,} spans in "
                  f"{time.perf_counter() - t0:.1f} s")
        # The window holds its connection while the queue and the dock open their own, as in the app:
        # only this first one reads the whole file (the integrity check of store.open_db).
        t0 = time.perf_counter()
        window = store.open_db(db_path)
        print(f"the project opened by the window (with the file's integrity check): {ms(time.perf_counter() - t0)}")
        db = store.open_db(db_path)
        print(f"project: {store.count_documents(db)['total']:,} articles, "
              f"{db.execute('select count(*) from spans').fetchone()[0]:,} spans")
        t0 = time.perf_counter()
        triage.rebuild(db)
        print(f"counts rebuilt from the spans (once after an ingest): {ms(time.perf_counter() - t0)}")
        print(f"groups: {triage.count_groups(db):,} proposed")
        db.close()

        def open_queue():
            fresh = store.open_db(db_path)
            triage.groups(fresh, limit=50)
            triage.count_groups(fresh)
            fresh.close()

        report("open the queue (connect, first page of 50, group count)", open_queue, args.repeat, "goal <= 200 ms")
        db = store.open_db(db_path)
        total = triage.count_groups(db)
        rng = random.Random(1)
        report("a page of 50 groups at a random offset",
               lambda: triage.groups(db, limit=50, offset=rng.randrange(0, max(total - 50, 1))), args.repeat,
               "goal <= 200 ms")
        report("a page filtered by label (PERSON)", lambda: triage.groups(db, Filters(label="PERSON")), args.repeat)
        report("a page filtered by source (rule)", lambda: triage.groups(db, Filters(source="rule")), args.repeat)
        report("a page of unlinked groups", lambda: triage.groups(db, Filters(entity="")), args.repeat)
        report("a page searched by text ('ka')", lambda: triage.groups(db, Filters(search="ka")), args.repeat)
        report("a page sorted by text", lambda: triage.groups(db, order="text"), args.repeat)
        top = triage.groups(db, limit=1)[0]
        report(f"50 mentions in context of the largest group ({top.describe()})",
               lambda: triage.mentions(db, top.key, offset=rng.randrange(0, top.mentions - 50)), args.repeat)

        # A mid-sized group, decided, undone and redone: the action itself and the counts after it.
        middle = next(g for g in triage.groups(db, limit=500) if g.mentions <= 500)
        t0 = time.perf_counter()
        decision = triage.decide(db, middle.key, "accept")
        print(f"accept {decision.mentions} mentions in {decision.articles} articles as one action "
              f"(counts updated): {ms(time.perf_counter() - t0)}")
        for direction in ("undo", "redo", "undo"):
            t0 = time.perf_counter()
            getattr(history, direction)(db)
            applied = time.perf_counter() - t0
            t0 = time.perf_counter()
            triage.sync(db)
            print(f"{direction} it: {ms(applied)}, then the counts: {ms(time.perf_counter() - t0)}")

        # What the open queue pays after one decision in the article view.
        span_ids = [r[0] for r in db.execute(
            "select id from spans where status = 'proposed' and label = 'GPE' and lower(text) = 'minsk' limit 20")]
        values = []
        for span_id in span_ids:
            review.accept(db, span_id)
            t0 = time.perf_counter()
            triage.sync(db)
            triage.groups(db, limit=50)
            values.append(time.perf_counter() - t0)
        print(f"queue refreshed after one accept in the article view (a mention of {GroupKey('GPE', 'minsk').norm!r}):"
              f" median {ms(statistics.median(values))}, max {ms(max(values))} over {len(values)}")
        for _ in span_ids:
            history.undo(db)
        triage.sync(db)
        db.close()
        bench_dock(db_path, args.repeat)
        window.close()
    return 0


def bench_dock(db_path: Path, repeat: int) -> None:
    """The Triage dock itself: built and drawn, then a page read as the analyst scrolls."""
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:
        print("(PySide6 missing: the dock is not timed)")
        return
    app = QApplication.instance() or QApplication([])
    from desktop.gui.triage_dock import TriageDock

    docks = []

    def open_dock():
        dock = TriageDock(db_path)
        dock.resize(420, 900)
        dock.show()
        app.processEvents()
        dock.group_table.viewport().repaint()
        docks.append(dock)

    report("the Triage dock opened and drawn (first page of groups and of the largest group's mentions)",
           open_dock, repeat, "goal <= 200 ms")
    dock = docks[-1]

    def scroll():
        dock.group_table.scrollToBottom()  # the view asks the model for the next page
        app.processEvents()
        dock.group_table.viewport().repaint()

    report("the next page of groups read and drawn as the list scrolls to its end", scroll, repeat, "goal <= 200 ms")
    for widget in docks:
        widget.close()
        widget.deleteLater()
    app.processEvents()


if __name__ == "__main__":
    raise SystemExit(main())
