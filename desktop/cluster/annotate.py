"""``annotate FOLDER -o DIR``: run the per-document step over a folder into Parquet parts, restartably.

>>> for step in annotate("corpus/", "annotations/", engine="dask", workers=2):  # doctest: +SKIP
...     print(step.done, step.total, step.message)

This process lists and reads the articles (with ingest's reader: ``metadata.csv``, dates,
HTML) and writes the parts; the engine's workers run the Analyser, where the time goes. A part
holds :data:`PART_DOCS` articles and is written atomically (:mod:`desktop.cluster.parts`), so
a killed run keeps its finished parts and a re-run processes only articles no finished part
holds (by path and file hash): re-running on an unchanged folder writes nothing. An output
folder keeps one model, profile and facts context: another one is refused, not mixed in.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from desktop.analysis import DocumentFailed
from desktop.cluster import ClusterError
from desktop.cluster.parts import Output, document_keys, part_rows
from desktop.ingest import Progress

PART_DOCS = 256  # articles a part (and a task): big enough for Parquet, small enough to lose little


def annotate(
    folder: str | Path,
    out_dir: str | Path,
    *,
    model: str | None = None,
    profile: Any = None,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    cancel: Callable[[], bool] | None = None,
    part_docs: int = PART_DOCS,
    doc_timeout: float | None = None,
) -> Iterator[Progress]:
    """Annotate ``folder`` into ``out_dir``, yielding :class:`~desktop.ingest.Progress`.

    The last step's ``summary``: {annotated, unchanged, skipped, parts, documents, seconds, model,
    model_version, cancelled}. ``cancel()`` is polled between parts; finished parts stay. A document
    whose analysis fails or takes longer than ``doc_timeout`` seconds (None: ingest's default, 0: no
    limit) is skipped with the reason, as ingest skips it, and tried again by the next run.
    """
    from desktop.analysis import context_digest, profile_context
    from desktop.cluster.source import RemoteSource, is_remote
    from desktop.ingest import DOC_TIMEOUT
    from desktop.profile import load_profile
    from desktop.reader import HTML_TEXT_VERSION, ReadError
    from desktop.settings import load_settings

    started = time.monotonic()
    cancel = cancel or (lambda: False)
    remote = None
    if not Path(folder).expanduser().is_dir() and is_remote(str(folder)):
        remote = RemoteSource(str(folder))  # a glob or an fsspec URL
    else:
        folder = Path(folder).expanduser()
        if not folder.is_dir():
            raise ClusterError(f"no such folder: {folder}")
        folder = folder.resolve()
    profile = load_profile(profile or load_settings().get("profile"))
    model = model or load_settings().get("model")
    context = profile_context(profile)
    output = Output(out_dir)
    previous = output.read_manifest()
    identity = {"model_requested": model, "profile": _profile_ref(profile),
                "facts_digest": context_digest(profile, context), "html_text_version": HTML_TEXT_VERSION}
    if previous is not None:
        differs = [key for key, value in identity.items() if previous.get(key) != value]
        if differs:
            raise ClusterError(f"{output.root} holds annotations made with another "
                               f"{', '.join(k.replace('_', ' ') for k in differs)} "
                               f"({', '.join(f'{previous.get(k)!r}' for k in differs)}); "
                               "annotate into another folder, or delete this one")
    output.clean()
    manifest = {**(previous or {}), **identity, "source": str(folder), "complete": False}
    output.write_manifest(manifest)

    yield Progress(0, 0, None, "Scanning folder")
    skipped: list[list[str]] = []
    done = {(row["path"], row["hash"]) for _part, row in document_keys(output.root)}
    counted = {"unchanged": 0}
    if remote is not None:  # listed, not read: an unchanged file is known once read (its hash)
        try:
            metadata = remote.metadata()
        except ReadError as exc:
            skipped.append(["metadata.csv", f"{exc} (metadata ignored)"])
            metadata = {}
        todo = list(remote.paths)
        reader = _remote_reader(remote, metadata, skipped, done, counted)
    else:
        todo, metadata = _scan(folder, skipped, done, counted)
        reader = _folder_reader(folder, metadata, skipped)
    total = len(todo)
    run = {"annotated": 0, "parts": 0, "info": {}}
    cancelled = False
    if todo:
        from desktop.cluster.engine import executor

        yield Progress(0, total, None, "Starting the workers" if engine == "dask" or workers > 1
                       else "Loading the spaCy model")
        with executor(engine, workers=max(1, int(workers)), model=model, profile=profile, context=context,
                      scheduler=scheduler, time_limit=DOC_TIMEOUT if doc_timeout is None else doc_timeout or None
                      ) as (submit, window):
            parts = _parts(reader, todo, part_docs, output.next_part())
            cancelled = yield from _run_parts(parts, submit, window, output, profile, run, total, skipped, cancel,
                                              counted)
    unchanged = counted["unchanged"]

    documents = sum(1 for _ in document_keys(output.root, ("path",)))
    info = run["info"]
    manifest.update({
        "model": info.get("model") or manifest.get("model"),
        "model_version": info.get("model_version") or manifest.get("model_version"),
        "documents": documents, "skipped": skipped, "complete": not cancelled,
    })
    output.write_manifest(manifest)
    summary = {"annotated": run["annotated"], "unchanged": unchanged, "skipped": skipped, "parts": run["parts"],
               "documents": documents, "seconds": round(time.monotonic() - started, 3),
               "model": manifest["model"], "model_version": manifest["model_version"], "cancelled": cancelled}
    yield Progress(run["annotated"], total, None, "Cancelled" if cancelled else "Done", summary)


def _scan(folder: Path, skipped: list, done: set, counted: dict):
    """A local folder's articles not in a finished part (by path and file hash), and its metadata."""
    from desktop.reader import MAX_BYTES, ReadError, file_hash, load_metadata, scan_folder

    try:
        paths = scan_folder(folder, skipped=skipped)
    except ReadError as exc:
        raise ClusterError(str(exc)) from None
    try:
        metadata = load_metadata(folder)
    except ReadError as exc:
        skipped.append(["metadata.csv", f"{exc} (metadata ignored)"])
        metadata = {}
    todo: list[Path] = []
    for path in paths:
        rel = path.relative_to(folder).as_posix()
        try:
            digest = file_hash(path, max_bytes=MAX_BYTES)
        except ReadError as exc:
            skipped.append([rel, str(exc)])
            continue
        except OSError as exc:
            skipped.append([rel, f"cannot read: {exc.strerror or exc}"])
            continue
        if (rel, digest) in done:
            counted["unchanged"] += 1
        else:
            todo.append(path)
    return todo, metadata


def _profile_ref(profile) -> str:
    """How a project names its profile: a bundled one by name, another by path (as ingest stores it)."""
    from desktop.profile import profile_path

    return profile.name if profile_path(profile.name).resolve() == profile.path.resolve() else str(profile.path)


def _folder_reader(folder: Path, metadata: dict, skipped: list) -> Callable[[Any], Any]:
    """``read(path)``: the Article, or None with the reason in ``skipped`` (ingest's own reading)."""
    from desktop.ingest import Run, Todo, read_item

    run = Run(skipped=skipped)  # read_item appends what it cannot read to run.skipped
    return lambda path: read_item(folder, Todo(path, path.relative_to(folder).as_posix(), None), metadata, run)


def _remote_reader(remote, metadata: dict, skipped: list, done: set, counted: dict) -> Callable[[str], Any]:
    """``read(rel)`` for a glob or URL: None too for an article a finished part holds (counted unchanged)."""
    def read(rel: str):
        article = remote.read(rel, metadata, skipped)
        if article is not None and (article.path, article.hash) in done:
            counted["unchanged"] += 1
            return None
        return article

    return read


def _parts(read, todo, part_docs: int, first: int):
    """``(name, articles, chunk)`` for each part: the read articles and the chunk a worker runs."""
    number, articles = first, []
    for path in todo:
        article = read(path)
        if article is not None:
            articles.append(article)
        if len(articles) >= part_docs:
            yield _part(number, articles)
            number, articles = number + 1, []
    if articles:
        yield _part(number, articles)


def _part(number: int, articles: list) -> tuple[str, list, list]:
    chunk = [(key, a.text, a.published, True) for key, a in enumerate(articles)]
    return f"part-{number:05d}", articles, chunk


def _run_parts(parts, submit, window: int, output: Output, profile, run: dict, total: int, skipped: list,
               cancel, counted: dict) -> Iterator[Progress]:
    """Keep ``window`` parts in flight and write each as it comes back, in order; True when cancelled."""
    inflight: deque = deque()
    skipped0, unchanged0 = len(skipped), counted["unchanged"]
    exhausted = False
    while True:
        while not exhausted and len(inflight) < window:
            part = next(parts, None)
            if part is None:
                exhausted = True
                break
            inflight.append((part, submit(part[2])))
        if not inflight:
            return False
        (name, articles, _chunk), task = inflight.popleft()
        while not task.ready():
            task.wait(0.2)
            if cancel():
                return True
        try:
            info, results = task.get()
        except Exception as exc:  # noqa: BLE001 - a worker's error ends the run; finished parts stay
            raise ClusterError(f"a worker failed on {name}: {type(exc).__name__}: {exc}") from exc
        run["info"] = info
        by_key = {key: (rows, facts) for key, rows, facts in results}
        kept, results_kept = [], []
        for key, article in enumerate(articles):
            rows, facts = by_key[key]
            if isinstance(rows, DocumentFailed):  # skipped as ingest skips it; the next run tries it again
                skipped.append([article.path, rows.message()])
                continue
            kept.append(article)
            results_kept.append((rows, facts))
        if kept:
            output.write_part(name, part_rows(kept, results_kept, model=info["model"],
                                              model_version=info["model_version"], profile=_profile_ref(profile)))
            run["parts"] += 1
        run["annotated"] += len(kept)
        yield Progress(run["annotated"] + len(skipped) - skipped0 + counted["unchanged"] - unchanged0, total,
                       articles[-1].path, "Annotating")
        if cancel():
            return True


__all__ = ["PART_DOCS", "annotate"]
