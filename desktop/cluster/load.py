"""``ingest --from DIR [--where EXPR]``: bring annotate's output into a project, with ingest's rules.

>>> for step in ingest_from("annotations/", "project.sqlite", where="published >= 2021-01-01"):  # doctest: +SKIP
...     print(step.done, step.total, step.message)

A document is known by its path and file hash, as in a folder ingest: an unknown path is added,
the same bytes are left alone, other bytes replace the text and proposals while the analyst's
decisions stay (the ingest's writer, ``desktop.ingest_writer``, does both, in batches of one transaction each). The
pre-extracted facts are used when the project's facts context (profile rules, names, places)
is the one the annotations were made with, else facts are extracted again from the stored spans:
either way the rows equal a folder ingest's. Documents go in path order, so a run killed midway
leaves a prefix and the re-run finishes it with the ids a clean run gives. What the selection
does not hold is not marked missing (it may be a selection), and a renamed file is a new document.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop import store
from desktop.cluster import ClusterError
from desktop.cluster.parts import document_keys, part_paths_where, read_manifest, read_part
from desktop.cluster.where import document_conditions, matches, parse_where, span_conditions
from desktop.ingest import Progress

log = logging.getLogger(__name__)


def ingest_from(source: str | Path, db_path: str | Path, *, where: str | None = None,
                cancel: Callable[[], bool] | None = None) -> Iterator[Progress]:
    """Ingest the annotations in ``source`` (all, or those ``where`` selects) into ``db_path``.

    Yields :class:`~desktop.ingest.Progress`; the last one's ``summary`` is a folder ingest's
    (``missing`` and ``moved`` stay 0). ``cancel()`` is polled between documents.
    """
    from desktop.profile import load_profile
    from desktop.reader import HTML_TEXT_VERSION

    started = time.monotonic()
    root = Path(source).expanduser()
    manifest = read_manifest(root)
    conditions = parse_where(where)
    if manifest.get("html_text_version") != HTML_TEXT_VERSION:
        raise ClusterError(f"{root} was annotated with an older HTML text extraction; annotate the folder again")
    profile = load_profile(manifest["profile"])
    db = store.open_db(db_path)
    try:
        yield from _ingest_from(db, root, manifest, profile, conditions, cancel or (lambda: False), started)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise store.StoreError(f"{db_path} is held by another process (database is locked); close it and retry") from None
        raise
    finally:
        db.close()


def _ingest_from(db, root: Path, manifest: dict, profile, conditions, cancel, started: float) -> Iterator[Progress]:
    from desktop.analysis import context_digest
    from desktop.ingest import analyst_date_of, facts_context, Run, Todo, finish_run
    from desktop.ingest_writer import BatchWriter, status_after

    run = Run(skipped=[list(item) for item in manifest.get("skipped") or []])
    run.info = {"model": manifest.get("model"), "model_version": manifest.get("model_version"),
                "fallback_warning": None}
    yield Progress(0, 0, None, "Reading the annotations")
    selected = select(root, conditions)
    index = store.document_index(db)
    todo: list[tuple[Any, str]] = []
    restored: list[int] = []
    for path in sorted(selected):
        part, digest = selected[path]
        known = index.get(path)
        if known is None:
            todo.append((Todo(Path(path), path, None), part))
        elif known[1] == digest:
            run.unchanged += 1
            if known[2] == "missing":
                restored.append(known[0])
        else:
            todo.append((Todo(Path(path), path, known[0], analyst_date_of(db, known[0])), part))
    with store.write_transaction(db):
        for entity in profile.entities:
            store.upsert_entity(db, entity)
        store.set_meta(db, "folder", manifest.get("source"))
        store.set_meta(db, "profile", manifest["profile"])
        for doc_id in restored:
            store.update_document(db, doc_id, {"status": status_after(db, doc_id, "missing"), "updated_at": store.now()})

    cancelled = False
    if todo:
        context = facts_context(db, profile, run)
        keep_facts = context is not None and context_digest(profile, context) == manifest.get("facts_digest")
        if not keep_facts:
            log.info("the project's facts context differs from the annotations': facts are extracted again")
        cancelled = yield from _write(db, root, todo, keep_facts, cancel, run, BatchWriter(db, run))
    if store.has_dirty_facts(db):
        yield Progress(len(todo), len(todo), None, "Merging events across articles")
    yield finish_run(db, run, cancelled=cancelled, total=len(todo), started=started, label=f"ingest --from {root}")


def _write(db, root: Path, todo, keep_facts: bool, cancel, run, writer) -> Iterator[Progress]:
    """Each document of ``todo`` (in order) through ingest's writer; True when cancelled."""
    from desktop.reader import Article

    wanted: dict[str, set[str]] = {}
    for item, part in todo:
        wanted.setdefault(part, set()).add(item.rel)
    cache: dict[str, dict[str, Any]] = {}
    for done, (item, part) in enumerate(todo, 1):
        if part not in cache:
            if len(cache) >= 2:  # parts come in path order: the oldest one is done with
                cache.pop(next(iter(cache)))
            data = read_part(root, part, wanted[part])
            data["by_path"] = {d["path"]: d for d in data["documents"]}
            cache[part] = data
        data = cache[part]
        row = data["by_path"][item.rel]
        article = Article(**{name: row[name] for name in ("path", "text", "hash", "title", "encoding", "size",
                                                           "published", "published_basis", "published_source",
                                                           "url", "source")})
        rows = [dict(span) for span in data["spans"][item.rel]]
        if item.analyst_date is not None:
            published, basis = item.analyst_date
            if published != article.published:
                rows = _redated(rows, published)
            article = replace(article, published=published, published_basis=basis, published_source="analyst")
        facts = data["facts"][item.rel] if keep_facts and item.doc_id is None else None
        writer.add(item, article, rows, facts)
        yield Progress(done, len(todo), item.rel, "Processing")
        if cancel():
            writer.flush()
            return True
    writer.flush()
    return False


def _redated(rows: list[dict], published: str | None) -> list[dict]:
    """DATE values normalised against the analyst's publication date, as a folder ingest does."""
    from desktop.nlp import _date_value

    return [dict(row, value=_date_value(row["text"], published)) if row["label"] == "DATE" else row for row in rows]


def select(root: str | Path, conditions) -> dict[str, tuple[str, str]]:
    """``{path: (part, hash)}`` of the documents the conditions select; a later part supersedes an earlier."""
    on_document = document_conditions(conditions)
    on_spans = span_conditions(conditions)
    columns = tuple(dict.fromkeys(("path", "hash", *(c.field for c in on_document))))
    latest: dict[str, tuple[str, dict]] = {}
    for part, row in document_keys(root, columns):
        latest[row["path"]] = (part, row)
    out = {path: (part, row["hash"]) for path, (part, row) in latest.items() if matches(on_document, row)}
    if on_spans:
        by_part: dict[str, set[str]] = {}
        for path, (part, _hash) in out.items():
            by_part.setdefault(part, set()).add(path)
        for part, paths in by_part.items():
            keep = set(paths)
            for column, value in on_spans:
                keep &= part_paths_where(root, part, column, value)
            for path in paths - keep:
                del out[path]
    return out


__all__ = ["ingest_from", "select"]
