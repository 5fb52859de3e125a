"""Ingest throughput next to raw ``nlp.pipe`` throughput on the same texts and pipeline.

    .venv/bin/python benchmarks/bench_ingest.py [--docs 1000] [--skip-workers]

Builds a corpus of ``--docs`` articles from the bundled samples (each one varied
so every file has its own hash), then, in one run:
1. raw: ``nlp.pipe`` over the corpus texts with the pipeline ingest uses
   (``desktop.nlp.load_pipeline``: the model's ner plus the gazetteer ruler);
2. ingest with one worker into a fresh database (reading, NLP, span rows,
   dates/money normalised, writes, facts);
3. ingest with two worker processes into another fresh database.
Goals: ingest(1) >= 0.85 x raw, ingest(2) >= 1.6 x raw on two cores.

``--parser`` also times raw ``nlp.pipe`` with the model's dependency parser (and the
tok2vec it listens to) kept, alternating with the pipeline ingest uses: what
enabling the parser for fact extraction would cost (issue 10 asks to decide with numbers).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import ingest as ingest_module  # noqa: E402
from desktop.ingest import ingest  # noqa: E402
from desktop.nlp import UNUSED_PIPES, load_pipeline  # noqa: E402
from desktop.reader import read_article, scan_folder  # noqa: E402
from desktop.resources_path import samples_dir  # noqa: E402

VARIATIONS = [
    "Analysts in Minsk followed the talks closely.",
    "The Kremlin said more talks are planned.",
    "BelTA reported the news the same day.",
    "Trade between the two countries grew again.",
    "Officials in Moscow declined to comment.",
]


def build_corpus(folder: Path, count: int) -> None:
    """``count`` articles: the samples in turn, each with a numbered, varied lead line."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir().glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        lead = f"Report {i}. {VARIATIONS[i % len(VARIATIONS)]}\n"
        (folder / f"{i // 100:02d}" / f"article_{i:05d}.txt").parent.mkdir(exist_ok=True)
        (folder / f"{i // 100:02d}" / f"article_{i:05d}.txt").write_text(lead + texts[i % len(texts)], encoding="utf-8")


def run_ingest(folder: Path, db_path: Path, workers: int) -> tuple[float, dict]:
    started = time.perf_counter()
    for step in ingest(folder, db_path, workers=workers):
        last = step
    return time.perf_counter() - started, last.summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--skip-workers", action="store_true", help="leave out the two-worker run")
    parser.add_argument("--parser", action="store_true", help="only time raw nlp.pipe with and without the parser")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        tmp_path = Path(tmp)
        os.environ["ARTICLE_REVIEW_HOME"] = str(tmp_path / "home")
        corpus = tmp_path / "corpus"
        build_corpus(corpus, args.docs)
        texts = [read_article(corpus, p).text for p in scan_folder(corpus)]
        chars = sum(len(t) for t in texts)
        print(f"corpus: {len(texts)} articles, {chars / 1e6:.2f} M chars, {os.cpu_count()} CPUs")

        nlp, info = load_pipeline()
        print(f"pipeline: {info['model']} {info['model_version']}, pipes {info['pipes']}")
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        raw = time.perf_counter() - started
        raw_rate = len(texts) / raw
        print(f"raw nlp.pipe:                  {raw:7.1f} s  {raw_rate:7.1f} docs/s  {chars / raw / 1e3:8.1f} k chars/s")

        if args.parser:
            return time_parser(nlp, texts, chars)

        runs = [1] if args.skip_workers else [1, 2]
        hook, context = ingest_module.propose_facts, ingest_module.facts_context
        for facts in (True, False):
            # Without facts (no extraction in the workers, no proposals stored): what ingest itself adds
            # to nlp.pipe; the difference is desktop.facts' cost.
            ingest_module.propose_facts = hook if facts else (lambda db, doc_ids, **_: 0)
            ingest_module.facts_context = context if facts else (lambda db, profile, run: None)
            for workers in runs:
                seconds, summary = run_ingest(corpus, tmp_path / f"w{workers}{facts}.sqlite", workers)
                assert summary["added"] == len(texts), summary
                rate = len(texts) / seconds
                goal = 0.85 if workers == 1 else 1.6
                print(
                    f"ingest --workers {workers} {'with' if facts else 'w/o '} facts: {seconds:7.1f} s  {rate:7.1f} docs/s"
                    f"  {chars / seconds / 1e3:8.1f} k chars/s  = {rate / raw_rate:.2f} x raw (goal {goal})"
                )
        ingest_module.propose_facts, ingest_module.facts_context = hook, context
        seconds, summary = run_ingest(corpus, tmp_path / "w1True.sqlite", 1)
        print(f"re-run (nothing changed): {seconds:.2f} s, {summary['unchanged']} unchanged")
    return 0


def time_parser(nlp, texts: list[str], chars: int, rounds: int = 3) -> int:
    """Raw ``nlp.pipe`` with and without the parser, alternated ``rounds`` times; the medians and their ratio."""
    import statistics

    with_parser, info = load_pipeline(exclude=[p for p in UNUSED_PIPES if p != "parser"])
    print(f"with parser: pipes {info['pipes']}")
    times: dict[str, list[float]] = {"without": [], "with": []}
    for _ in range(rounds):
        for name, pipeline in (("without", nlp), ("with", with_parser)):
            started = time.perf_counter()
            for _doc in pipeline.pipe(texts, batch_size=32):
                pass
            times[name].append(time.perf_counter() - started)
    rates = {name: len(texts) / statistics.median(t) for name, t in times.items()}
    for name, rate in rates.items():
        print(f"raw nlp.pipe {name:7} parser: {rate:7.1f} docs/s  {chars * rate / len(texts) / 1e3:8.1f} k chars/s")
    print(f"the parser costs {1 - rates['with'] / rates['without']:.0%} of raw throughput "
          f"(with / without = {rates['with'] / rates['without']:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
