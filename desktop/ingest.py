"""Ingest an article folder into the project database: a generator that yields progress.

>>> for progress in ingest("resources/samples", "/tmp/project.sqlite"):  # doctest: +SKIP
...     print(progress.done, progress.total, progress.message)

Only new and changed files are processed (the file hash decides, before any
decoding). Each batch of documents, with its spans and its proposed facts, is
one transaction, so a run killed midway leaves a consistent database and the
next run finishes the job. A changed file keeps the analyst's decisions on
spans whose text is still there; the others are flagged ``text changed``.
Removed files are marked ``missing``, never deleted. spaCy is imported
lazily, and ``workers > 1`` runs one "spawn" process per worker, each with its
own pipeline, while this process reads the files and writes the database.

One document never costs the others their results: a file that cannot be read,
a document whose analysis raises or runs past ``doc_timeout`` seconds (a worker
process past it is killed and replaced: :mod:`desktop.worker_pool`) or whose
storing fails is skipped with its stage and reason, in the summary and the
problems table, and the run goes on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop import history, problems, store
from desktop.ingest_writer import BatchWriter, status_after
from desktop.profile import Profile, load_profile, profile_path
from desktop.reader import (
    HTML_TEXT_VERSION,
    MAX_BYTES,
    Article,
    ReadError,
    file_hash,
    load_metadata,
    read_article,
    scan_folder,
)

from desktop.events import update_events
from desktop.facts import FactRules, fact_context, propose_facts

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm")
TASK_DOCS = 8  # documents per task sent to a worker process
DOC_TIMEOUT = 15.0  # seconds one document may take to analyse (the default of the doc_timeout setting)


class IngestError(Exception):
    """An ingest that cannot start or go on (no such folder, a worker that failed)."""


@dataclass
class Progress:
    """One step of an ingest; the last one carries the run's ``summary``."""

    done: int
    total: int
    path: str | None
    message: str
    summary: dict[str, Any] | None = None


@dataclass
class Todo:
    """One article to read and analyse: its path, its name in the project, its row if it has one."""

    path: Path
    rel: str
    doc_id: int | None  # None: a new document
    analyst_date: tuple[str | None, str | None] | None = None  # kept over what the text says


@dataclass
class Run:
    """What one ingest run counted and met (skipped files, facts that failed): its summary's source."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0
    missing: int = 0
    moved: int = 0
    skipped: list[list[str]] = field(default_factory=list)
    facts: int = 0
    facts_error: str | None = None
    facts_failed: list[tuple[str, str]] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)


def ingest(
    folder: str | Path,
    db_path: str | Path,
    *,
    model: str | None = None,
    profile: str | Path | Profile | None = None,
    workers: int = 1,
    cancel: Callable[[], bool] | None = None,
    doc_timeout: float | None = DOC_TIMEOUT,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[Progress]:
    """Ingest ``folder`` into the database at ``db_path``, yielding :class:`Progress`.

    ``engine="dask"`` runs the per-document step on a Dask cluster (``scheduler``'s address, or a
    local cluster of ``workers`` processes); everything else is the same (:mod:`desktop.cluster`).

    ``cancel()`` is polled between documents; what is committed stays and a
    re-run finishes the job. A document whose analysis takes longer than
    ``doc_timeout`` seconds (None or 0: no limit) is skipped with that reason. The last Progress has ``summary`` = {added,
    changed, unchanged, missing, moved, skipped, seconds, model, model_version,
    fallback_warning, facts, cancelled}.
    """
    started = time.monotonic()
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise IngestError(f"no such folder: {folder}")
    cancel = cancel or (lambda: False)
    db = store.open_db(db_path)
    try:
        model = _model_for(db, db_path, model)
        runner = _runner(engine, scheduler, max(1, int(workers)))
        yield from _ingest(db, folder.resolve(), model, profile, max(1, int(workers)), cancel, started,
                           float(doc_timeout or 0) or None, runner)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise store.database_error(exc, db_path) from None
        raise
    finally:
        db.close()


def _model_for(db, db_path, model: str | None) -> str | None:
    """What to load: ``model``, else the model the project was switched to, else the settings'; a
    ``project:NAME`` resolved to its folder."""
    from desktop import models

    try:
        return models.resolve(models.chosen_spec(db, model), db_path)
    except models.ModelError as exc:
        raise IngestError(str(exc)) from None


def _runner(engine: str, scheduler: str | None, workers: int):
    """What runs the per-document step: this process, a pool of processes, or a Dask cluster."""
    if engine == "dask":
        from desktop.cluster.engine import dask_runner

        return dask_runner(scheduler)
    if engine != "local":
        raise IngestError(f"unknown engine {engine!r} (local or dask)")
    if scheduler:
        raise IngestError("a scheduler address needs --engine dask")
    return _run_in_process if workers == 1 else _run_in_workers


def _ingest(db, folder: Path, model, profile, workers: int, cancel, started: float,
            doc_timeout: float | None, runner) -> Iterator[Progress]:
    from desktop.settings import load_settings

    run = Run()
    yield Progress(0, 0, None, "Scanning folder")
    profile = load_profile(profile or load_settings().get("profile"))
    try:
        paths = scan_folder(folder, skipped=run.skipped)
    except ReadError as exc:
        raise IngestError(str(exc)) from None
    try:
        metadata = load_metadata(folder)
    except ReadError as exc:
        run.skipped.append(["metadata.csv", f"{exc} (metadata ignored)"])
        metadata = {}

    todo, missing_ids, moves, restored = yield from _plan(db, folder, paths, run)
    with store.write_transaction(db):
        for entity in profile.entities:
            store.upsert_entity(db, entity)
        store.set_meta(db, "folder", str(folder))
        # A bundled profile by name, one of the user's by path: what load_profile needs to find it again.
        bundled = profile_path(profile.name)
        name = profile.name if bundled.resolve() == profile.path.resolve() else str(profile.path)
        digest = _profile_digest(profile)
        old_name, old_digest = store.get_meta(db, "profile"), store.get_meta(db, "profile_digest")
        # A project from before the digest was stored is compared by the profile's name alone.
        profile_changed = old_digest != digest if old_digest is not None else old_name not in (None, name)
        store.set_meta(db, "profile", name)
        store.set_meta(db, "profile_digest", digest)
        now = store.now()
        for doc_id in missing_ids:
            store.update_document(db, doc_id, {"status": "missing", "updated_at": now})
        for doc_id, rel in moves:
            store.update_document(db, doc_id, {"path": rel, "status": status_after(db, doc_id, "missing"),
                                               "updated_at": now})
        for doc_id in restored:
            store.update_document(db, doc_id, {"status": status_after(db, doc_id, "missing"), "updated_at": now})
    run.missing = len(missing_ids)
    run.moved = len(moves)

    # Facts proposed under another profile (or another version of this one) are re-proposed for the
    # unchanged articles too, through the one re-proposal path, which keeps the analyst's decisions.
    if profile_changed:
        queued = {item.doc_id for item in todo}
        unchanged = [doc_id for doc_id in store.document_ids(db) if doc_id not in queued]
        if unchanged:
            yield Progress(0, len(todo), None, "Re-proposing facts under the changed profile")
            failures: list[tuple[str, str]] = []
            propose_facts(db, unchanged, rules=FactRules.from_dict(profile.facts), events=False, failures=failures)
            run.skipped.extend([path, f"facts not re-proposed: {reason}"] for path, reason in failures)

    cancelled = False
    if todo:
        context = facts_context(db, profile, run)
        cancelled = yield from runner(db, folder, todo, metadata, model, profile, workers, cancel, run, context,
                                      doc_timeout)

    if store.has_dirty_facts(db):
        yield Progress(len(todo), len(todo), None, "Merging events across articles")
    yield finish_run(db, run, cancelled=cancelled, total=len(todo), started=started, label=f"ingest {folder}")


def _profile_digest(profile: Profile) -> str:
    """What the stored facts were proposed with: the profile file's bytes (its rules, entities and aliases)."""
    try:
        data = profile.path.read_bytes()
    except OSError:
        data = json.dumps(profile.facts, sort_keys=True, default=str).encode()
    return hashlib.sha256(data).hexdigest()


def finish_run(db, run: Run, *, cancelled: bool, total: int, started: float, label: str) -> Progress:
    """After the documents: events merged, problems recorded, the run logged; the last Progress.

    Folder ingest and ``ingest --from`` (:mod:`desktop.cluster.load`) end the same way.
    """
    # Events are merged once per run, not per batch: a batch's facts reach the events of the whole
    # corpus that report the same meetings. The queue of facts to merge survives a killed run.
    if store.has_dirty_facts(db):
        try:
            with store.write_transaction(db):
                update_events(db)
                store.prune_change_feed(db)
        except sqlite3.DatabaseError:  # damaged, read-only: the run's one line (desktop.cli), never a per-document note
            raise
        except Exception as exc:  # noqa: BLE001 - the documents and facts are committed; report, do not lose them
            log.warning("merging events failed: %s", exc)
            run.facts_error = f"merging events failed: {exc}"

    if not cancelled:
        with store.write_transaction(db):
            store.set_meta(db, "html_text_version", str(HTML_TEXT_VERSION))
    _record_problems(db, run, cancelled)

    info = run.info
    if info:
        with store.write_transaction(db):
            store.set_meta(db, "model", info["model"])
            store.set_meta(db, "model_version", info["model_version"])
    summary = {
        "added": run.added,
        "changed": run.changed,
        "unchanged": run.unchanged,
        "missing": run.missing,
        "moved": run.moved,
        "skipped": run.skipped,
        "seconds": round(time.monotonic() - started, 3),
        "model": info.get("model") or store.get_meta(db, "model"),
        "model_version": info.get("model_version") or store.get_meta(db, "model_version"),
        "fallback_warning": info.get("fallback_warning"),
        "facts": run.facts,
        "facts_error": run.facts_error,
        "facts_failed": [list(item) for item in run.facts_failed],
        "cancelled": cancelled,
    }
    with store.write_transaction(db):
        history.log_system(
            db, "ingest",
            f"{label}: {run.added} added, {run.changed} changed, {run.unchanged} unchanged, "
            f"{run.missing} missing, {len(run.skipped)} skipped{' (cancelled)' if cancelled else ''}",
        )
    return Progress(total if not cancelled else run.added + run.changed, total, None,
                    "Cancelled" if cancelled else "Done", summary)


def _record_problems(db, run: Run, cancelled: bool) -> None:
    """The window's Problems list: this run's skipped files (a finished run replaces the last one's), a failed step."""
    with store.write_transaction(db):
        if not cancelled:
            problems.clear(db, problems.SKIPPED)
        for path, reason in run.skipped:
            problems.report(db, problems.SKIPPED, path, reason)
        if run.facts_error:
            problems.report(db, problems.JOB, "ingest", run.facts_error)
        else:
            problems.clear(db, problems.JOB, "ingest")


def _plan(db, folder: Path, paths: list[Path], run: Run):
    """Sort the folder's files into unchanged / new / changed / moved, and find the missing ones."""
    index = store.document_index(db)
    # A project read by an older HTML extraction re-reads its HTML pages (their bytes did not change).
    stale_html = store.get_meta(db, "html_text_version") != str(HTML_TEXT_VERSION)
    seen: set[str] = set()
    todo: list[Todo] = []
    restored: list[int] = []
    new: list[tuple[Path, str, str]] = []
    for number, path in enumerate(paths):
        rel = path.relative_to(folder).as_posix()
        seen.add(rel)
        if number % 500 == 499:
            yield Progress(0, 0, rel, f"Checking files ({number + 1}/{len(paths)})")
        try:
            digest = file_hash(path, max_bytes=MAX_BYTES)  # refused before reading: a known document stays as it was
        except ReadError as exc:
            run.skipped.append([rel, str(exc)])
            continue
        except OSError as exc:
            run.skipped.append([rel, f"cannot read: {exc.strerror or exc}"])
            continue
        known = index.get(rel)
        if known is None:
            new.append((path, rel, digest))
        elif known[1] == digest and not (stale_html and path.suffix.lower() in HTML_SUFFIXES):
            run.unchanged += 1
            if known[2] == "missing":
                restored.append(known[0])
        else:
            todo.append(Todo(path, rel, known[0], analyst_date_of(db, known[0])))
    gone = {rel: row for rel, row in index.items() if rel not in seen}
    missing_by_hash = {row[1]: (rel, row[0]) for rel, row in gone.items()}
    moves: list[tuple[int, str]] = []
    for path, rel, digest in new:
        moved = missing_by_hash.pop(digest, None)
        if moved is not None:
            # Same bytes under a new name: the document moved, with its decisions.
            moves.append((moved[1], rel))
            gone.pop(moved[0])
        else:
            todo.append(Todo(path, rel, None))
    missing_ids = [row[0] for row in gone.values() if row[2] != "missing"]
    todo.sort(key=lambda item: item.rel)
    return todo, missing_ids, moves, restored


def analyst_date_of(db, doc_id: int) -> tuple[str | None, str | None] | None:
    """The publication date and basis the analyst set on this document, kept over the text's; else None."""
    row = store.get_document(db, doc_id)
    if row and row.get("published_source") == "analyst":
        return row.get("published"), row.get("published_basis")
    return None


# ---------------------------------------------------------------- reading


def read_item(folder: Path, item: Todo, metadata: dict, run: Run) -> Article | None:
    """The article of ``item`` with the analyst's date kept, or None with the reason added to ``run.skipped``."""
    try:
        article = read_article(folder, item.path, metadata)
    except ReadError as exc:
        run.skipped.append([item.rel, str(exc)])
        return None
    except OSError as exc:
        run.skipped.append([item.rel, f"cannot read: {exc.strerror or exc}"])
        return None
    if item.analyst_date is not None:
        published, basis = item.analyst_date
        article = replace(article, published=published, published_basis=basis, published_source="analyst")
    return article


# ---------------------------------------------------------------- one process


def facts_context(db, profile, run: Run):
    """What extracting facts needs (rules, participants' names, places), or None when it cannot be had."""
    try:
        return fact_context(db, FactRules.from_dict(profile.facts))
    except sqlite3.DatabaseError:  # damaged, read-only: the run's one line (desktop.cli), never a per-document note
        raise
    except Exception as exc:  # noqa: BLE001 - spans are still worth ingesting; the summary says why facts are not
        log.warning("facts will not be extracted: %s", exc)
        run.facts_error = f"facts not extracted: {exc}"
        return None


def _run_in_process(db, folder, todo, metadata, model, profile, workers, cancel, run, context, doc_timeout
                    ) -> Iterator[Progress]:
    from desktop.analysis import Analyser

    total = len(todo)
    yield Progress(0, total, None, "Loading the spaCy model")
    analyser = Analyser(model, profile, context)
    run.info = analyser.info
    writer = BatchWriter(db, run)
    stop = False
    skipped0 = len(run.skipped)

    def texts() -> Iterator[tuple[str, str | None, bool, tuple[Todo, Article]]]:
        for item in todo:
            if stop:
                return
            article = read_item(folder, item, metadata, run)
            if article is not None:
                yield article.text, article.published, item.doc_id is None, (item, article)

    done = 0
    for rows, facts, (item, article) in analyser.run(texts(), time_limit=doc_timeout):
        writer.add(item, article, rows, facts)
        done += 1
        yield Progress(done + len(run.skipped) - skipped0 - writer.failed, total, item.rel, "Processing")
        if cancel():
            stop = True
            writer.flush()
            return True
    writer.flush()
    return False


# ---------------------------------------------------------------- worker processes

def run_chunk(analyser, items: list[tuple[int, str, str | None, bool]], time_limit: float | None = None
              ) -> tuple[dict[str, Any], list[tuple]]:
    """One task of a Dask worker (or this process, for ``annotate``): the chunk's results and the model's info.

    A document past ``time_limit`` seconds, or whose analysis raised, is a DocumentFailed in place of its rows.
    """
    out = [(key, rows, facts) for rows, facts, key in
           analyser.run(((text, published, new, key) for key, text, published, new in items), time_limit=time_limit)]
    return analyser.info, out


def _run_in_workers(db, folder, todo, metadata, model, profile, workers, cancel, run, context, doc_timeout
                    ) -> Iterator[Progress]:
    from desktop.worker_pool import WorkerPool

    total = len(todo)
    yield Progress(0, total, None, f"Starting {workers} worker processes")
    pool = WorkerPool(workers, model=model, profile_path=str(profile.path), context=context, time_limit=doc_timeout)
    try:
        return (yield from run_tasks(db, folder, todo, metadata, pool.submit, 2 * workers + 1, cancel, run))
    finally:
        pool.close()


def run_tasks(db, folder, todo, metadata, submit, window: int, cancel, run) -> Iterator[Progress]:
    """Send chunks of read articles to ``submit`` (``chunk -> future`` with ``ready()``, ``wait(s)``,
    ``get()``), ``window`` in flight, and write their results in order; True when cancelled.

    The pool of worker processes and a Dask cluster (:mod:`desktop.cluster.engine`) both run here.
    """
    total = len(todo)
    writer = BatchWriter(db, run)
    pending: dict[int, tuple[Todo, Article]] = {}
    inflight: deque = deque()
    chunks = _chunks(folder, todo, metadata, run, pending)
    done = 0
    skipped0 = len(run.skipped)
    exhausted = False
    while True:
        while not exhausted and len(inflight) < window:
            chunk = next(chunks, None)
            if chunk is None:
                exhausted = True
                break
            inflight.append(submit(chunk))
        if not inflight:
            break
        result = inflight.popleft()
        while not result.ready():
            result.wait(0.2)
            if cancel():
                writer.flush()
                return True
        try:
            info, rows_by_key = result.get()
        except Exception as exc:  # noqa: BLE001 - a worker's error ends the run with its message
            raise IngestError(f"a worker process failed: {exc}") from exc
        run.info = info
        for key, rows, facts in rows_by_key:
            item, article = pending.pop(key)
            writer.add(item, article, rows, facts)
            done += 1
            yield Progress(done + len(run.skipped) - skipped0 - writer.failed, total, item.rel, "Processing")
            if cancel():
                writer.flush()
                return True
    writer.flush()
    return False


def _chunks(folder, todo, metadata, run, pending) -> Iterator[list[tuple[int, str, str | None, bool]]]:
    chunk: list[tuple[int, str, str | None, bool]] = []
    for key, item in enumerate(todo):
        article = read_item(folder, item, metadata, run)
        if article is None:
            continue
        pending[key] = (item, article)
        chunk.append((key, article.text, article.published, item.doc_id is None))
        if len(chunk) >= TASK_DOCS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


