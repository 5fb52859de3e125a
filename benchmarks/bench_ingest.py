"""Ingest throughput next to raw ``nlp.pipe`` throughput on the same texts and pipeline.

    .venv/bin/python benchmarks/bench_ingest.py [--docs 1000] [--skip-workers] [--repeat 3]

Builds a corpus of ``--docs`` articles from the bundled samples (each one varied
so every file has its own hash), then, in one run:
1. raw: ``nlp.pipe`` over the corpus texts with the pipeline ingest uses
   (``desktop.nlp.load_pipeline``: the model's ner plus the gazetteer ruler);
2. ingest with one worker into a fresh database (reading, NLP, span rows,
   dates/money normalised, writes, facts);
3. ingest with two worker processes into another fresh database.
Goals: ingest(1) >= 0.85 x raw, ingest(2) >= 1.6 x raw on two cores.
``--repeat N`` runs N rounds of raw, ingest(1) and ingest(2) with facts (the runs
without facts only in the first), each ratio against its own round's raw run, and
prints the medians: the machine's speed drifts over minutes, a single round can
be off by more than the margin.

``--parser`` also times raw ``nlp.pipe`` with the model's dependency parser (and the
tok2vec it listens to) kept, alternating with the pipeline ingest uses: what
enabling the parser for fact extraction would cost (issue 10 asks to decide with numbers).
"""

from __future__ import annotations

import argparse
import os
import statistics
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

GOALS = {1: 0.85, 2: 1.6}

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
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of raw + ingest with facts, alternated; prints each round's ratios and their median")
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
        if args.parser:
            time_raw(nlp, texts, chars)
            return time_parser(nlp, texts, chars)

        runs = [1] if args.skip_workers else [1, 2]
        ratios: dict[int, list[float]] = {w: [] for w in runs}
        hook, context = ingest_module.propose_facts, ingest_module.facts_context
        for round_ in range(args.repeat):
            if args.repeat > 1:
                print(f"-- round {round_ + 1} of {args.repeat}")
            # Raw again each round, right before the ingests it is compared with: on a shared machine the
            # speed drifts over minutes, so a ratio is only fair between runs close in time.
            raw_rate = time_raw(nlp, texts, chars)
            for facts in (True, False) if round_ == 0 else (True,):
                # Without facts (no extraction in the workers, no proposals stored): what ingest itself adds
                # to nlp.pipe; the difference is desktop.facts' cost.
                ingest_module.propose_facts = hook if facts else (lambda db, doc_ids, **_: 0)
                ingest_module.facts_context = context if facts else (lambda db, profile, run: None)
                for workers in runs:
                    db = tmp_path / f"w{workers}{facts}r{round_}.sqlite"
                    seconds, summary = run_ingest(corpus, db, workers)
                    assert summary["added"] == len(texts), summary
                    rate = len(texts) / seconds
                    if facts:
                        ratios[workers].append(rate / raw_rate)
                    print(
                        f"ingest --workers {workers} {'with' if facts else 'w/o '} facts: {seconds:7.1f} s"
                        f"  {rate:7.1f} docs/s  {chars / seconds / 1e3:8.1f} k chars/s  = {rate / raw_rate:.2f} x raw"
                        f" (goal {GOALS[workers]})"
                    )
            ingest_module.propose_facts, ingest_module.facts_context = hook, context
        if args.repeat > 1:
            for workers, values in ratios.items():
                print(f"median over {args.repeat} rounds, --workers {workers} with facts: "
                      f"{statistics.median(values):.2f} x raw (goal {GOALS[workers]}; rounds "
                      f"{', '.join(f'{v:.2f}' for v in values)})")
        seconds, summary = run_ingest(corpus, tmp_path / "w1Truer0.sqlite", 1)
        print(f"re-run (nothing changed): {seconds:.2f} s, {summary['unchanged']} unchanged")
    return 0


def time_raw(nlp, texts: list[str], chars: int) -> float:
    """Raw ``nlp.pipe`` over the texts once, printed; its documents per second."""
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    raw = time.perf_counter() - started
    print(f"raw nlp.pipe:                  {raw:7.1f} s  {len(texts) / raw:7.1f} docs/s  {chars / raw / 1e3:8.1f} k chars/s")
    return len(texts) / raw


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
