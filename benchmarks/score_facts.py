"""Score the facts proposed for an article folder against gold JSONL: recall and precision per kind.

    python benchmarks/score_facts.py resources/samples --gold ../shared/gold/seeds.jsonl
    python benchmarks/score_facts.py FOLDER --db project.sqlite   # reuse (or fill) that database
    python benchmarks/score_facts.py FOLDER --profile russia_kazakhstan   # a bundled profile, or a path

The folder is ingested into the database (new or changed articles only, so a
second run reuses it). When the folder has no metadata.csv, the publication
dates of the gold's "article" records are written to a temporary copy so dates
resolve as the gold assumes. Prints the strict score, the score with the gold's
alternative periods, and the "merged reading" (one proposal may cover several
gold records).
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import store  # noqa: E402
from desktop.scoring import format_scores, load_gold, score  # noqa: E402


def prepare_folder(folder: Path, articles: dict, workdir: Path) -> Path:
    """The folder itself, or a copy with a metadata.csv of the gold's publication dates."""
    if (folder / "metadata.csv").exists() or not articles:
        return folder
    copy = workdir / folder.name
    shutil.copytree(folder, copy)
    with open(copy / "metadata.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "published"])
        for name, record in sorted(articles.items()):
            if record.get("published"):
                writer.writerow([name, record["published"]])
    return copy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold" / "seeds.jsonl")
    parser.add_argument("--db", type=Path, help="database to use (default: a temporary one)")
    parser.add_argument("--profile", help="profile to ingest with: a bundled name or a path (default: the settings')")
    parser.add_argument("--show", action="store_true", help="list misses and false positives")
    args = parser.parse_args(argv)

    from desktop.facts import load_rules
    from desktop.ingest import ingest
    from desktop.profile import ProfileError, load_profile

    if args.profile:
        try:
            load_profile(args.profile)
        except ProfileError as error:
            print(f"score_facts: {error}", file=sys.stderr)
            return 2

    articles, gold = load_gold(args.gold)
    with tempfile.TemporaryDirectory() as tmp:
        folder = prepare_folder(args.folder, articles, Path(tmp))
        db_path = args.db or Path(tmp) / "score.sqlite"
        started = time.perf_counter()
        for _ in ingest(folder, db_path, profile=args.profile):
            pass
        seconds = time.perf_counter() - started
        db = store.open_db(db_path)
        proposed = store.list_facts(db)
        rules = load_rules(store.get_meta(db, "profile") or None)
        participants, holders = set(rules.participants), rules.holders
        # Every article the gold covers is scored, including those whose gold has no facts: a fact
        # proposed for an article that must yield nothing is a false positive, not ignored.
        files = set(articles) | {g["file"] for g in gold}
        print(f"{len(proposed)} facts from {store.count_documents(db)['total']} documents ({seconds:.1f} s ingest)")
        for title, options in (("strict", {}), ("with alternative periods", {"alternatives": True}),
                               ("merged reading", {"alternatives": True, "merged": True})):
            result = score(proposed, gold, participants=participants, holders=holders, files=files, **options)
            print()
            print(format_scores(result, title=title))
            if args.show and not options:
                for kind, row in result.items():
                    for miss in row["missed"]:
                        print(f"  MISSED {kind} {miss['file']}: {miss.get('evidence', '')[:100]}")
                    for fp in row["false_positives"]:
                        print(f"  FALSE  {kind} {fp['file']}: {fp.get('evidence', '')[:100]}")
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
