"""``article-review problems``: what went wrong in the project and is still worth knowing.

>>> main(["problems", "--db", "project.sqlite"])  # doctest: +SKIP

Files the last ingest skipped and why, articles whose facts failed and why,
background jobs that failed; the same list as the window's Problems notice.
"""

from __future__ import annotations

import argparse

from desktop.cli import print_jsonl, project_db


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "problems",
        help="list skipped files, articles whose facts failed and failed jobs",
        description="List what went wrong in the project: skipped files, failed extractions, failed jobs.",
    )
    parser.add_argument("--db", help="project database (default: the current folder's)")
    parser.add_argument("--format", default="table", choices=("table", "jsonl"), help="output format")
    parser.set_defaults(func=run_problems)


def run_problems(args: argparse.Namespace) -> int:
    from desktop import problems

    with project_db(args, missing_hint="ingest a folder first (article-review ingest FOLDER)") as db:
        rows = problems.list_problems(db)
    if args.format == "jsonl":
        print_jsonl({k: r[k] for k in ("kind", "path", "message", "at")} for r in rows)
    elif not rows:
        print("no problems")
    else:
        for r in rows:
            print(f"{r['kind']:<8} {r['path']}: {r['message']}")
    return 0
