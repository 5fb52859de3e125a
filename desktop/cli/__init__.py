"""The ``article-review`` command line.

>>> main(["stats", "--db", ":memory:"])  # doctest: +SKIP

Each concern registers its subcommands from its own module (``desktop.cli.<name>``
with ``register(subparsers)``); errors print one line and exit non-zero.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.store import StoreError, database_error

# Modules that add subcommands; a missing one is skipped so partial builds still run.
COMMAND_MODULES = ("ingest", "cluster", "facts", "problems", "plot", "exchange", "train", "window")


class CLIError(Exception):
    """A user error: printed as one line, exit status 2."""


def resolve_db(args: argparse.Namespace, *, folder: str | Path | None = None) -> Path | str:
    """``--db`` if given, else the default database of ``folder`` (or of the current folder)."""
    from desktop.settings import default_db_path

    if getattr(args, "db", None):
        return args.db if args.db == ":memory:" else Path(args.db)
    return default_db_path(folder or Path.cwd())


@contextmanager
def project_db(args: argparse.Namespace, *, missing_hint: str | None = None, write: bool = False) -> Iterator[Any]:
    """The existing database :func:`resolve_db` names, closed on exit; ``missing_hint`` ends a "no database" error.

    A command that changes the project passes ``write=True``: a read-only file is then refused at once; the
    others read a read-only file as it is. Facts still queued for the events merge (a project just migrated,
    an ingest killed before merging) are merged first when the file can be written, so every command reads
    current events.
    """
    from desktop import events, store

    path = resolve_db(args)
    if missing_hint and path != ":memory:" and not Path(path).exists():
        raise CLIError(f"no database at {path}; {missing_hint}")
    db = store.open_db(path, create=False, write=write)
    try:
        if not store.is_read_only(db):
            events.update_events(db)
        yield db
    finally:
        db.close()


def print_jsonl(records: Iterable[dict[str, Any]]) -> None:
    """One JSON object a line on stdout, non-ASCII text as is."""
    for record in records:
        print(json.dumps(record, ensure_ascii=False))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="article-review",
        description="Review news articles: spaCy pre-annotation, correction, facts, plots, export.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"desktop.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"desktop.cli.{name}":
                continue
            raise
        module.register(subparsers)
    parser.set_defaults(_commands=frozenset(subparsers.choices))
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    known = parser.get_default("_commands")
    # `article-review [FOLDER]` with no command opens the window.
    if "window" in known and (not argv or argv[0] not in known | {"-h", "--help", "--version"}):
        argv = ["window", *argv]
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except (CLIError, StoreError) as exc:
        print(f"article-review: error: {exc}", file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as exc:  # damaged, read-only or held database met after it opened
        print(f"article-review: error: {database_error(exc, getattr(args, 'db', None) or 'the project database')}",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("article-review: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
