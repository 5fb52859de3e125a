"""Ingest throughput as the corpus grows, and the Dask engine next to the local worker pool (issue 16).

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000,5000,20000] [--model NAME] [--repeat 1]

For each size, a corpus of that many articles (``bench_ingest.build_corpus``: the samples in turn, each
with its own lead line) is ingested into fresh databases, in this one process, by:

1. ``--workers 2`` (the local engine: ingest's worker pool);
2. ``--engine dask`` on a ``LocalCluster`` of 1 worker, then of 2 (one single-threaded process a worker,
   what ``ingest --engine dask`` starts without ``--scheduler``).

Each cluster is started before its runs (its start-up is printed apart, as a real cluster is there before
the job); every run includes loading the pipeline in its workers. Printed: docs/s per run, the ratio of
Dask on 2 workers to ``--workers 2`` (goal: at least 0.9) and docs/s at the largest size against the
smallest (goal: within 10%). ``--repeat N`` alternates the engines N times and keeps each one's median.
The window at 100,000 documents is ``bench_window_scale.py``'s.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_ingest import build_corpus  # noqa: E402

from desktop.ingest import ingest  # noqa: E402


def run(folder: Path, db_path: Path, **options) -> tuple[float, dict]:
    started = time.perf_counter()
    for step in ingest(folder, db_path, **options):
        last = step
    return time.perf_counter() - started, last.summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="corpus sizes, comma-separated")
    parser.add_argument("--model", default=None, help="spaCy model (default: the settings, en_core_web_sm)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each engine per size (median kept)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from distributed import LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)  # silence_logs covers the start, not the close

    from desktop.cluster.engine import QUIET_SCHEDULER

    with tempfile.TemporaryDirectory(prefix="bench_scale_") as tmp:
        tmp_path = Path(tmp)
        os.environ["ARTICLE_REVIEW_HOME"] = str(tmp_path / "home")
        print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, model {args.model or '(settings)'}")
        clusters = {}
        for n in (1, 2):
            started = time.perf_counter()
            clusters[n] = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                       silence_logs=logging.ERROR, **QUIET_SCHEDULER)
            print(f"LocalCluster of {n} worker(s) started in {time.perf_counter() - started:.1f} s")
        engines = {
            "local --workers 2": {"workers": 2},
            "dask, 1 worker": {"engine": "dask", "scheduler": clusters[1].scheduler_address},
            "dask, 2 workers": {"engine": "dask", "scheduler": clusters[2].scheduler_address},
        }
        rates: dict[int, dict[str, float]] = {}
        try:
            for size in sizes:
                corpus = tmp_path / f"corpus_{size}"
                build_corpus(corpus, size)
                found: dict[str, list[float]] = {name: [] for name in engines}
                for attempt in range(args.repeat):
                    for name, options in engines.items():
                        db_path = tmp_path / f"{size}_{attempt}_{name.replace(' ', '_')}.sqlite"
                        seconds, summary = run(corpus, db_path, model=args.model, **options)
                        assert summary["added"] == size, summary
                        found[name].append(size / seconds)
                        print(f"  {size:>6} articles  {name:<18} {seconds:7.1f} s  {size / seconds:6.1f} docs/s  "
                              f"(facts {summary['facts']}, model {summary['model']})", flush=True)
                        if summary["facts_error"] or summary["facts_failed"] or summary["skipped"]:
                            print(f"    facts error: {summary['facts_error']}; facts failed for "
                                  f"{len(summary['facts_failed'])}, skipped {len(summary['skipped'])}: "
                                  f"{(summary['facts_failed'] or summary['skipped'])[:2]}", flush=True)
                        db_path.unlink()
                rates[size] = {name: statistics.median(values) for name, values in found.items()}
                ratio = rates[size]["dask, 2 workers"] / rates[size]["local --workers 2"]
                print(f"{size:>6} articles: " + ", ".join(f"{n} {r:.1f}" for n, r in rates[size].items())
                      + f" docs/s; dask 2 workers / --workers 2 = {ratio:.2f} (goal >= 0.9)", flush=True)
        finally:
            for cluster in clusters.values():
                cluster.close()
        if len(sizes) > 1:
            small, large = min(sizes), max(sizes)
            for name in engines:
                change = rates[large][name] / rates[small][name] - 1
                print(f"{name}: docs/s at {large} vs {small}: {change:+.1%} (goal within 10%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
