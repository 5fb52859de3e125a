"""The export generator: one state of the project, the writer for ``what`` / ``fmt``, progress.

>>> from desktop.store import open_db
>>> db = open_db(":memory:")
>>> export_file(db, "/tmp/spans.jsonl", what="spans", fmt="jsonl").documents  # doctest: +SKIP
0
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import sqlite_utils

from desktop import store
from desktop.exchange import (
    brat, conll, doccano, huggingface, label_studio, prodigy, snapshot, spacy_formats, tables,
)
from desktop.exchange.common import FOLDER_FORMATS, STDOUT, ExportProgress, ExportResult, check_combination, check_output
from desktop.exchange.documents import Cancelled

WRITERS = {
    ("spans", "jsonl"): prodigy.write_jsonl,
    ("spans", "spacy"): spacy_formats.write_docbin,
    ("spans", "conll"): conll.write_conll,
    ("spans", "label-studio"): label_studio.write_tasks,
    ("spans", "doccano"): doccano.write_jsonl,
    ("spans", "brat"): brat.write_folder,
    ("spans", "huggingface"): huggingface.write_huggingface,
    ("facts", "csv"): tables.write_facts,
    ("facts", "jsonl"): tables.write_facts,
    ("entities", "csv"): tables.write_entities,
    ("entities", "jsonl"): tables.write_entities,
    ("project", "sqlite"): snapshot.write_project,
}
# The files a format writes beside its target, checked with it before anything is written.
SIDE_FILES = {
    ("spans", "label-studio"): label_studio.config_path,
    ("spans", "huggingface"): huggingface.labels_path,
    ("project", "sqlite"): snapshot.metadata_path,
}


def export(
    db: sqlite_utils.Database,
    path: str | Path,
    *,
    what: str = "spans",
    fmt: str = "jsonl",
    all: bool = False,
    bom: bool = False,
    split: str = "documents",
    dev: float = 0.0,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[ExportProgress]:
    """Export ``what`` as ``fmt`` to ``path``, yielding progress; the last item carries the result.

    ``split`` (spacy, huggingface): a record per document, sentence or paragraph; ``dev`` (spacy): the
    share of articles written to ``dev.spacy`` beside ``train.spacy`` in the folder ``path``. ``path``
    ``-`` is standard output (text formats). ``cancel()`` is polled between records; a cancelled export
    leaves ``path`` untouched.
    """
    check_combination(what, fmt, all=all, bom=bom, split=split, dev=dev, path=path)
    check_targets(path, what=what, fmt=fmt, dev=dev)
    result = ExportResult(path=str(path), what=what, format=fmt)
    started = time.perf_counter()
    cancel = cancel or (lambda: False)
    try:
        # One state of the project even while the window commits on its own connection;
        # the project copy takes its own consistent state through SQLite's backup API.
        with nullcontext() if what == "project" else store.read_snapshot(db):
            target = path if str(path) == STDOUT else Path(path)
            yield from WRITERS[(what, fmt)](db, target, result, all=all, bom=bom, split=split, dev=dev,
                                            cancel=cancel)
    except Cancelled:
        result.cancelled = True
    result.seconds = round(time.perf_counter() - started, 3)
    yield ExportProgress(result.records, result.records, "cancelled" if result.cancelled else "done", result)


def check_targets(path: str | Path, *, what: str, fmt: str, dev: float = 0.0) -> None:
    """Refuse, before any work, a target (or a file written beside it) that cannot be written as it is.

    Its folder must exist; an existing target must be a regular file (a folder for
    brat and for ``dev``). See :func:`desktop.exchange.common.check_output`.
    """
    if str(path) == STDOUT:
        return
    check_output(path, folder=fmt in FOLDER_FORMATS or bool(dev))
    side = SIDE_FILES.get((what, fmt))
    if side is not None:
        check_output(side(Path(path)))


def export_file(db: sqlite_utils.Database, path: str | Path, **options: Any) -> ExportResult:
    """Run :func:`export` to the end and return its result (the CLI's entry point)."""
    last = None
    for last in export(db, path, **options):
        pass
    return last.result
