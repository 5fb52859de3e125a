"""``ingest``, ``docs``, ``spans`` and ``stats``: the headless side of the store.

>>> main(["ingest", "resources/samples", "--db", "/tmp/p.sqlite", "--quiet"])  # doctest: +SKIP

Without ``--db``, ``ingest`` uses the folder's own database in the app's data
folder (:func:`desktop.settings.default_db_path`), the one the window opens
for that folder; the other commands use the database of the current folder.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from desktop.cli import CLIError, print_jsonl, project_db, resolve_db
from desktop.model_info import model_label


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the four subcommands."""
    p = subparsers.add_parser("ingest", help="read an article folder (or annotate's output) into the project database")
    p.add_argument("folder", type=Path, nargs="?", help="folder of .txt/.md/.html articles (recursive)")
    p.add_argument("--from", dest="from_dir", type=Path, metavar="DIR",
                   help="instead of a folder: the Parquet output of `article-review annotate` (no spaCy run)")
    p.add_argument("--where", metavar="EXPR", help="with --from: which documents, e.g. \"published >= 2021-01-01 "
                   "and source = BelTA\" or \"entity = lukashenko\" (default: all)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where spaCy runs: this machine's processes, or a Dask cluster (needs requirements/cluster.lock)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the scheduler (tcp://host:8786); default: a local cluster of --workers "
                   "(one a core)")
    p.add_argument("--db", help="database file (default: the folder's database in the app's data folder)")
    p.add_argument("--model", help="spaCy model name or path (default: the settings, en_core_web_sm)")
    p.add_argument("--profile", help="profile name or .toml path (default: the settings, russia_belarus)")
    p.add_argument("--workers", type=int, default=None, help="processes running spaCy (default: the settings, 1)")
    p.add_argument("--doc-timeout", type=float, default=None, metavar="SECONDS",
                   help="give up a document whose analysis takes longer (default: the settings, 15; 0: no limit)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress and no summary, errors only")
    p.set_defaults(func=cmd_ingest)

    p = subparsers.add_parser("docs", help="list the documents")
    p.add_argument("--db", help="database file (default: the current folder's database)")
    p.add_argument("--format", choices=("table", "jsonl"), default="table")
    p.set_defaults(func=cmd_docs)

    p = subparsers.add_parser("spans", help="list the spans")
    p.add_argument("--db", help="database file (default: the current folder's database)")
    p.add_argument("--file", help="only the spans of this document (path relative to the folder)")
    p.add_argument("--format", choices=("table", "jsonl"), default="table")
    p.set_defaults(func=cmd_spans)

    p = subparsers.add_parser("stats", help="counts of documents, spans, entities, facts")
    p.add_argument("--db", help="database file (default: the current folder's database)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_stats)


# ---------------------------------------------------------------- ingest


class _ProgressLine:
    """A tqdm bar on a terminal (rate and time left), a plain line every few seconds otherwise."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.tty = stream.isatty()
        self.last = 0.0
        self.bar = None

    def show(self, done: int, total: int, message: str) -> None:
        if self.tty:
            self._show_bar(done, total, message)
            return
        now = time.monotonic()
        if now - self.last < 2.0 and not (total and done == total):
            return
        self.stream.write(f"{message}: {done}/{total}\n" if total else f"{message}\n")
        self.stream.flush()
        self.last = now

    def _show_bar(self, done: int, total: int, message: str) -> None:
        if self.bar is None:
            from tqdm import tqdm  # spaCy's own dependency; lazy, as only a terminal needs it

            self.bar = tqdm(total=total or None, file=self.stream, unit="article", dynamic_ncols=True,
                            mininterval=0.1)
        if total and self.bar.total != total:
            self.bar.total = total
        self.bar.set_postfix_str(message[:40], refresh=False)
        self.bar.update(max(0, done - self.bar.n))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time (tests swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(f"article-review: {record.levelname.lower()}: {record.getMessage()}\n")


def _show_warnings() -> None:
    """The core's warnings (model fallback, failed fact proposals) as one line each on stderr."""
    logger = logging.getLogger("desktop")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler(logging.WARNING)
        logger.addHandler(handler)


def cmd_ingest(args: argparse.Namespace) -> int:
    from desktop.ingest import IngestError, ingest
    from desktop.profile import ProfileError, load_profile
    from desktop.settings import doc_timeout_of, load_settings

    if args.from_dir is not None:
        return _ingest_from(args)
    if args.folder is None:
        raise CLIError("ingest needs a FOLDER (or --from DIR)")
    if args.where:
        raise CLIError("--where selects from annotations: it needs --from DIR")
    folder = args.folder.expanduser()
    if not folder.is_dir():
        raise CLIError(f"no such folder: {folder}" if not folder.exists() else f"not a folder: {folder}")
    db_path = resolve_db(args, folder=folder)
    if args.workers is not None:
        workers = args.workers
    elif args.engine == "dask" and not args.scheduler:  # a LocalCluster: one worker a core, as annotate
        workers = os.cpu_count() or 1
    else:
        workers = int(load_settings().get("workers") or 1)
    if workers < 1:
        raise CLIError("--workers must be at least 1")
    doc_timeout = args.doc_timeout if args.doc_timeout is not None else doc_timeout_of(load_settings())
    if doc_timeout < 0:
        raise CLIError("--doc-timeout must be 0 (no limit) or more seconds")
    try:  # before any progress output, so a typo is the only line printed
        profile = load_profile(args.profile or load_settings().get("profile"))
    except ProfileError as exc:
        raise CLIError(str(exc)) from None
    _show_warnings()
    progress = None if args.quiet else _ProgressLine(sys.stderr)
    try:
        summary = _follow(ingest(folder, db_path, model=args.model, profile=profile, workers=workers,
                                 doc_timeout=doc_timeout, engine=args.engine, scheduler=args.scheduler), progress)
    except (IngestError, ProfileError) as exc:
        raise CLIError(str(exc)) from None
    if not args.quiet:
        print(_summary_text(summary, db_path))
    return exit_status(summary)


def _follow(steps, progress: _ProgressLine | None) -> dict[str, Any]:
    """Run an ingest's steps, showing progress; its summary."""
    summary: dict[str, Any] | None = None
    try:
        for step in steps:
            if progress:
                progress.show(step.done, step.total, step.path or step.message)
            if step.summary is not None:
                summary = step.summary
    finally:
        if progress:
            progress.close()
    if summary is None:  # pragma: no cover - ingest always ends with a summary
        raise CLIError("ingest ended without a summary")
    return summary


def _ingest_from(args: argparse.Namespace) -> int:
    """``ingest --from DIR``: annotate's output into the project (the folder it was made from, or --db)."""
    from desktop.cluster import ClusterError
    from desktop.cluster.load import ingest_from
    from desktop.cluster.parts import read_manifest
    from desktop.cluster.source import is_remote
    from desktop.profile import ProfileError

    if args.folder is not None:
        raise CLIError("give a FOLDER or --from DIR, not both")
    if (args.engine != "local" or args.scheduler or args.model or args.profile or args.workers
            or args.doc_timeout is not None):
        raise CLIError("--from uses the annotations' model and profile: --engine, --scheduler, --model, --doc-timeout, "
                       "--profile and --workers do not apply (they are annotate's options)")
    try:
        manifest = read_manifest(args.from_dir)
        source = manifest.get("source")
        if not args.db and source and is_remote(source):
            raise CLIError(f"{args.from_dir} was annotated from {source}, not a folder: give the project with --db")
        db_path = resolve_db(args, folder=source)
        _show_warnings()
        progress = None if args.quiet else _ProgressLine(sys.stderr)
        summary = _follow(ingest_from(args.from_dir, db_path, where=args.where), progress)
    except (ClusterError, ProfileError) as exc:
        raise CLIError(str(exc)) from None
    if not args.quiet:
        print(_summary_text(summary, db_path))
    return exit_status(summary)


def exit_status(summary: dict[str, Any]) -> int:
    """1 when a step failed for every document (or as a whole), else 0: a script can tell."""
    processed = summary["added"] + summary["changed"]
    if summary.get("facts_error"):
        return 1
    if processed and len(summary.get("facts_failed") or []) >= processed:
        return 1
    if not processed and summary["skipped"] and not summary["unchanged"]:
        return 1  # nothing could be read
    return 0


def _summary_text(summary: dict[str, Any], db_path: Any) -> str:
    lines = [
        f"{summary['added']} added, {summary['changed']} changed, {summary['unchanged']} unchanged, "
        f"{summary['missing']} missing, {len(summary['skipped'])} skipped in {summary['seconds']:.1f} s"
        + (" (cancelled)" if summary.get("cancelled") else ""),
        f"model: {model_label(summary['model'], summary['model_version'])}",
        f"database: {db_path}",
    ]
    if summary["skipped"]:
        lines.append("skipped:")
        lines.extend(f"  {path}: {reason}" for path, reason in summary["skipped"])
    if summary.get("facts_failed"):
        lines.append("facts not extracted:")
        lines.extend(f"  {path}: {reason}" for path, reason in summary["facts_failed"])
    if summary.get("facts_error"):
        lines.append(f"failed: {summary['facts_error']}")
    if summary["skipped"] or summary.get("facts_failed") or summary.get("facts_error"):
        lines.append("(article-review problems lists these again)")
    return "\n".join(lines)


# ---------------------------------------------------------------- listings


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: list[list[Any]], headers: list[str], widths: list[int]) -> None:
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    for row in rows:
        print("  ".join(_cell(v, w).ljust(w) for v, w in zip(row, widths)).rstrip())


def cmd_docs(args: argparse.Namespace) -> int:
    from desktop import store

    with project_db(args) as db:
        docs = store.list_documents(db)
    if args.format == "jsonl":
        print_jsonl({
            "file": d["path"], "title": d["title"], "published": d["published"],
            "published_basis": d["published_basis"], "published_source": d["published_source"],
            "status": d["status"], "spans": d["spans"], "accepted": d["accepted"], "rejected": d["rejected"],
            "chars": d["chars"], "encoding": d["encoding"], "url": d["url"], "source": d["source"],
        } for d in docs)
        return 0
    _table(
        [[d["path"], d["published"] or "-", d["status"], d["spans"], d["title"]] for d in docs],
        ["file", "published", "status", "spans", "title"], [32, 10, 9, 5, 60],
    )
    return 0


def cmd_spans(args: argparse.Namespace) -> int:
    from desktop import store

    with project_db(args) as db:
        if args.file and store.document_by_path(db, args.file) is None:
            raise CLIError(f"no document {args.file!r} in the database")
        spans = list(store.iter_spans(db, path=args.file))
    if args.format == "jsonl":
        print_jsonl({
            "file": s["file"], "start": s["start"], "end": s["end"], "label": s["label"], "text": s["text"],
            "entity": s["entity_id"], "entity_name": s["entity_name"], "value": s["value"],
            "source": s["source"], "status": s["status"], "flag": s["flag"],
        } for s in spans)
        return 0
    _table(
        [[s["file"], s["start"], s["end"], s["label"], s["text"], s["entity_id"] or "", s["value"] or "",
          s["source"], s["status"]] for s in spans],
        ["file", "start", "end", "label", "text", "entity", "value", "source", "status"],
        [28, 6, 6, 6, 30, 18, 22, 7, 8],
    )
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from desktop import store

    with project_db(args) as db:
        stats = store.stats(db)
    stats["model_label"] = model_label(stats["model"], stats["model_version"])  # as the window names it
    if args.format == "json":
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    docs = stats["documents"]
    print(f"folder:    {stats['folder'] or '-'}")
    print(f"model:     {model_label(stats['model'], stats['model_version']) if stats['model'] else '-'}")
    print(f"profile:   {stats['profile'] or '-'}")
    print("documents: " + ", ".join(f"{docs[k]} {k}" for k in ("total", *store.DOC_STATUSES)))
    print("spans:     " + (", ".join(f"{n} {k}" for k, n in stats["spans"].items()) or "0"))
    print("labels:    " + (", ".join(f"{k} {n}" for k, n in stats["labels"].items()) or "-"))
    print(f"entities:  {stats['entities']}")
    print("facts:     " + (", ".join(f"{k} {n}" for k, n in stats["facts"].items()) or "0"))
    print(f"events:    {stats['events']}")
    print(f"actions:   {stats['actions']}")
    return 0
