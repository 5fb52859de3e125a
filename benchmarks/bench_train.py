"""Benchmark of training on the analyst's corrections (issue 13; not part of the test run).

    .venv/bin/python benchmarks/bench_train.py [--articles 120] [--verified 80] [--epochs 10] [--seed 0] [--keep DIR]

Builds a corpus we write (``tests/train_corpus.py``: template articles with
invented people and companies), ingests it with the base model, lets a
simulated analyst correct ``--verified`` articles to their true spans (accept,
relabel, reject, add, then verify, all through the review operations), trains
and prints the dev F before and after per label, the time per epoch and the
agreement with the base on the unverified articles. Exit status 1 when the
trained model is worse than the base on the dev split for a label the analyst
corrected (the goal: it never is).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import store  # noqa: E402
from desktop.cli.train import format_report  # noqa: E402
from desktop.ingest import ingest  # noqa: E402
from desktop.training import Options, train_steps  # noqa: E402
from tests.train_corpus import correct_to, write_corpus  # noqa: E402


def unseen_names(work: Path, report: dict, args) -> tuple[dict, dict]:
    """Both models' scores on articles outside the project whose invented names training never saw."""
    from desktop.nlp import ProfileIndex, load_pipeline, pipe_spans
    from desktop.training import score_spans

    truth = write_corpus(work / "unseen", args.unseen, seed=args.seed + 1, pool="unseen")
    texts = {name: (work / "unseen" / name).read_text(encoding="utf-8") for name in truth}
    gold = {(name, *span) for name, spans in truth.items() for span in spans}
    index = ProfileIndex()
    scores = []
    for model in (report["base_model"], report["path"]):
        nlp, _info = load_pipeline(model)
        found = set()
        for rows, name in pipe_spans(nlp, ((texts[n], "2024-06-15", n) for n in texts), index):
            found.update((name, r["start"], r["end"], r["label"]) for r in rows)
        scores.append(score_spans(gold, found))
    return scores[0], scores[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--verified", type=int, default=80)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--unseen", type=int, default=40, help="held-out articles with names never seen")
    parser.add_argument("--keep", help="build the project in this folder and keep it")
    args = parser.parse_args(argv)

    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-train-"))
    folder = work / "articles"
    # The project's articles name two thirds of the invented people and companies; the held-out set the rest.
    truth = write_corpus(folder, args.articles, seed=args.seed, pool="seen")
    db_path = work / "project.sqlite"
    began = time.monotonic()
    for _ in ingest(folder, db_path):
        pass
    ingest_seconds = time.monotonic() - began

    db = store.open_db(db_path)
    totals = {"accepted": 0, "relabelled": 0, "rejected": 0, "added": 0}
    began = time.monotonic()
    for document in store.list_documents(db)[:args.verified]:
        for key, value in correct_to(db, document["id"], truth[document["path"]]).items():
            totals[key] += value
    review_seconds = time.monotonic() - began
    db.close()
    chars = sum(len((folder / name).read_text(encoding="utf-8")) for name in truth)
    print(f"corpus: {args.articles} articles we wrote ({chars:,} characters), {args.verified} verified; "
          f"ingest {ingest_seconds:.1f} s, review {review_seconds:.1f} s")
    print("analyst's corrections: " + ", ".join(f"{v} {k}" for k, v in totals.items()))

    report = None
    for step in train_steps(db_path, Options(max_epochs=args.epochs, seed=args.seed)):
        if step.stage == "epoch":
            print(f"  {step.message} ({step.seconds:.1f} s)")
        report = step.report or report
    print(format_report(report))
    before, after = unseen_names(work, report, args)
    print(f"held-out articles naming only people and companies never seen in training ({args.unseen} articles): "
          f"F before {before['overall']['f']:.3f}, after {after['overall']['f']:.3f} "
          f"(ORG {before['labels'].get('ORG', {}).get('f', 0):.3f} -> {after['labels'].get('ORG', {}).get('f', 0):.3f}, "
          f"PERSON {before['labels'].get('PERSON', {}).get('f', 0):.3f} -> "
          f"{after['labels'].get('PERSON', {}).get('f', 0):.3f})")
    worse = report["worse_on_corrected"]
    print(f"dev F before {report['base']['overall']['f']:.3f}, after {report['trained']['overall']['f']:.3f}; "
          f"{report['seconds_per_epoch']:.1f} s per epoch on {len(report['train_ids'])} articles "
          f"({report['train_spans']} spans); total {report['seconds']:.0f} s")
    print("corrected labels: " + ", ".join(report["corrected_labels"]) + "; "
          + ("worse than the base on " + ", ".join(worse) if worse else "none worse than the base"))
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
