"""``annotate``: pre-annotate a folder into Parquet, on this machine or a Dask cluster.

>>> main(["annotate", "corpus/", "-o", "annotations/", "--engine", "dask", "--workers", "2"])  # doctest: +SKIP

``article-review ingest --from DIR`` (in :mod:`desktop.cli.ingest`) brings the output into a project.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop.cli import CLIError
from desktop.model_info import model_label


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``annotate``."""
    p = subparsers.add_parser("annotate", help="run spaCy and the facts over a folder into Parquet (for ingest --from)")
    p.add_argument("folder", metavar="SOURCE", help="folder of .txt/.md/.html articles (recursive), a glob "
                   "(\"news/**/*.html\") or an fsspec URL (s3://bucket/news, memory://news)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                   help="output folder: manifest.json and documents/, spans/, facts/ Parquet parts")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="this machine's processes, or a Dask cluster (default: local)")
    p.add_argument("--workers", type=int, default=None,
                   help="processes (local) or local Dask workers (default: 1 local, one a core with dask)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: the scheduler (tcp://host:8786)")
    p.add_argument("--model", help="spaCy model name or path (default: the settings, en_core_web_sm)")
    p.add_argument("--profile", help="profile name or .toml path (default: the settings, russia_belarus)")
    p.add_argument("--doc-timeout", type=float, default=None, metavar="SECONDS",
                   help="give up a document whose analysis takes longer (default: the settings, 15; 0: no limit)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress and no summary, errors only")
    p.set_defaults(func=cmd_annotate)


def cmd_annotate(args: argparse.Namespace) -> int:
    from desktop.cli.ingest import _follow, _ProgressLine, _show_warnings
    from desktop.cluster import ClusterError
    from desktop.cluster.annotate import annotate
    from desktop.profile import ProfileError

    from desktop.cluster.source import is_remote

    folder = Path(args.folder).expanduser()
    if is_remote(args.folder) and not folder.is_dir():
        folder = args.folder  # listed and read through fsspec
    elif not folder.is_dir():
        raise CLIError(f"no such folder: {folder}" if not folder.exists() else f"not a folder: {folder}")
    workers = args.workers if args.workers is not None else (os.cpu_count() or 1) if args.engine == "dask" else 1
    if workers < 1:
        raise CLIError("--workers must be at least 1")
    from desktop.settings import doc_timeout_of, load_settings

    doc_timeout = args.doc_timeout if args.doc_timeout is not None else doc_timeout_of(load_settings())
    if doc_timeout < 0:
        raise CLIError("--doc-timeout must be 0 (no limit) or more seconds")
    _show_warnings()
    progress = None if args.quiet else _ProgressLine(sys.stderr)
    try:
        summary = _follow(annotate(folder, args.output, model=args.model, profile=args.profile, engine=args.engine,
                                   workers=workers, scheduler=args.scheduler, doc_timeout=doc_timeout), progress)
    except (ClusterError, ProfileError) as exc:
        raise CLIError(str(exc)) from None
    if not args.quiet:
        print(f"{summary['annotated']} annotated, {summary['unchanged']} unchanged, {len(summary['skipped'])} skipped "
              f"in {summary['seconds']:.1f} s ({summary['parts']} parts written)"
              + (" (cancelled)" if summary["cancelled"] else ""))
        print(f"model: {model_label(summary['model'], summary['model_version'])}")
        print(f"output: {args.output} ({summary['documents']} documents); "
              f"article-review ingest --from {args.output} brings them into a project")
        for path, reason in summary["skipped"]:
            print(f"  skipped {path}: {reason}")
    processed = summary["annotated"] + summary["unchanged"]
    return 1 if summary["skipped"] and not processed else 0
