"""Re-annotate the unverified articles with another model, keeping every decision the analyst made.

>>> from desktop.store import open_db
>>> db = open_db(":memory:")
>>> keep_new_rows([{"start": 0, "end": 5}, {"start": 9, "end": 14}], [{"start": 3, "end": 7}])
[{'start': 9, 'end': 14}]

For each article neither verified nor missing, the undecided proposals of the
model and the rules are replaced by the new model's; accepted, rejected and
added spans stay as they are, and a new proposal overlapping one of them is not
made (it would undo the decision). Every new span row names the model that
proposed it (``model``, ``model_version``: ``project:NAME`` for a model trained
in the project) and is linked by the profile or, failing that, by an alias the
analyst gave the project. Facts are re-proposed from the new spans (decided facts stay),
events merged once at the end. Span rows are derived from the model, so this
is no undoable analyst action: it is logged as a system entry, like an ingest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop import history, models, store

BATCH_DOCS = 50


@dataclass
class Step:
    """Progress: ``done`` of ``total`` articles; the last step has ``summary``."""

    done: int
    total: int
    message: str
    summary: dict[str, Any] | None = field(default=None)


def describe(summary: dict[str, Any]) -> str:
    """The one line a finished run reports (the CLI prints it, the window's status bar shows it)."""
    return (f"{summary['documents']} unverified articles re-annotated with {summary['model']}: {summary['spans']} "
            f"spans proposed, {summary['kept']} decided spans kept{' (cancelled)' if summary['cancelled'] else ''}")


def keep_new_rows(rows: Iterable[dict[str, Any]], decided: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The new proposals that overlap no decided span."""
    taken = [(s["start"], s["end"]) for s in decided]
    return [r for r in rows if not any(r["start"] < end and r["end"] > start for start, end in taken)]


def reannotate_steps(db_path: str | Path, model: str | None = None, *, cancel: Callable[[], bool] = lambda: False,
                     doc_ids: Iterable[int] | None = None) -> Iterator[Step]:
    """Re-annotate the unverified articles (or those of ``doc_ids`` still unverified) with ``model``.

    ``model`` is a package name, a path or ``project:NAME``; None takes the
    project's model, else the settings'. Each batch is one transaction; a
    cancelled run keeps the batches done and reports ``cancelled``.
    """
    from desktop.events import update_events
    from desktop.facts import propose_facts
    from desktop.nlp import ProfileIndex, load_pipeline, pipe_spans
    from desktop.profile import load_profile

    db = store.open_db(db_path, create=False)
    try:
        spec = models.chosen_spec(db, model)
        target = models.resolve(spec, db_path)
        profile = load_profile(store.get_meta(db, "profile"))
        ids = store.unverified_document_ids(db) if doc_ids is None else [
            d["id"] for d in store.unverified_documents(db, ids=doc_ids)]
        yield Step(0, len(ids), f"Loading {spec}")
        nlp, info = load_pipeline(target, profile)
        if info["fallback_warning"]:  # re-annotating with another model than the one asked for helps nobody
            raise models.ModelError(info["fallback_warning"])
        index = ProfileIndex(profile)
        done = spans = kept = 0
        cancelled = False
        failures: list[tuple[str, str]] = []
        for start in range(0, len(ids), BATCH_DOCS):
            if cancel():
                cancelled = True
                break
            documents = store.unverified_documents(db, ids=ids[start:start + BATCH_DOCS])
            items = ((d["text"], d["published"], d["id"]) for d in documents)
            found = list(pipe_spans(nlp, items, index, model=info["model"], model_version=info["model_version"]))
            now = store.now()
            with store.write_transaction(db):
                for rows, doc_id in found:
                    decided = store.decided_spans(db, doc_id)
                    kept += len(decided)
                    store.delete_proposed_spans(db, doc_id)
                    new = keep_new_rows(rows, decided)
                    for row in new:
                        row.update(doc_id=doc_id, created_at=now)
                        if row["entity_id"] is None and row["label"] not in ("DATE", "MONEY"):
                            # An alias the analyst taught the project (not in the profile) links it too.
                            row["entity_id"] = store.entity_for_alias(db, row["text"])
                    store.insert_spans(db, new)
                    store.update_document(db, doc_id, {"model": info["model"], "updated_at": now})
                    spans += len(new)
                propose_facts(db, [doc_id for _rows, doc_id in found], events=False, failures=failures)
            done += len(found)
            yield Step(done, len(ids), f"Re-annotating with {info['model']}")
        yield Step(done, len(ids), "Merging events across articles")
        with store.write_transaction(db):
            update_events(db)
            if not cancelled:  # what the status bar and stats name as the project's model, as after an ingest
                store.set_meta(db, "model", info["model"])
                store.set_meta(db, "model_version", info["model_version"])
            history.log_system(db, "reannotate", f"re-annotated {done} unverified articles with {info['model']}: "
                                                 f"{spans} spans proposed, {kept} decided spans kept"
                                                 f"{' (cancelled)' if cancelled else ''}")
        from desktop import triage

        triage.sync(db, rebuild=triage.quick_to_rebuild(db))
        summary = {"documents": done, "spans": spans, "kept": kept, "model": info["model"],
                   "model_version": info["model_version"], "fallback_warning": info["fallback_warning"],
                   "facts_failed": [list(f) for f in failures], "cancelled": cancelled}
        yield Step(done, len(ids), "Cancelled" if cancelled else "Done", summary)
    finally:
        db.close()
