"""Import annotations made elsewhere: read the file, place each record in its article, apply.

>>> from desktop.store import open_db
>>> db = open_db(":memory:")
>>> import_file(db, "annotations.jsonl", dry_run=True).format  # doctest: +SKIP
'doccano'

The format is detected (:func:`desktop.exchange.reading.detect`) or named with
``fmt``; the report names it. A record is placed by its text: a whole article
(same text), or a sentence or paragraph found inside one, its offsets shifted to
the article's. A record that cannot be read or placed changes nothing and is
reported with its line (or item, file) and the reason. ``dry_run`` computes the
same report and rolls everything back.

Every record is read and checked before anything is applied: its JSON within
limits (depth, integer length), its spans' types and offsets on its text, its
labels among the project profile's. A record that fails any check is skipped
whole (applying the rest of it would reject, in the article, the span it could
not give), so a document whose records all fail is not touched. ``strict``
applies nothing when any record is skipped. Each document is then changed in
one transaction; the report says, record by record, what was accepted and what
was skipped and why (:attr:`ImportReport.outcomes`).
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator

import sqlite_utils

from desktop import history, store
from desktop.exchange.apply import COUNTS, apply_document
from desktop.exchange.common import ACCEPTED, EXAMPLES, IGNORED, SKIPPED, ExchangeError, ImportReport
from desktop.exchange.locate import Locator, Placement
from desktop.exchange.reading import FORMAT_NAMES, read
from desktop.exchange.records import Record

log = logging.getLogger(__name__)


class _RollBack(Exception):
    pass


def import_file(db: sqlite_utils.Database, path: str | Path, *, fmt: str = "auto",
                dry_run: bool = False, strict: bool = False) -> ImportReport:
    """Apply an annotation file (any format of :data:`~desktop.exchange.reading.FORMAT_NAMES`) as decisions.

    Each matched document is changed in one undoable action (see
    :mod:`desktop.exchange.apply`); its proposed facts are re-proposed in it.
    With ``strict``, a file with any record skipped changes nothing (``report.refused`` says why).
    """
    path = Path(path)
    if not path.exists():
        raise ExchangeError(f"no file {path}")
    labels = profile_labels(db)
    fmt, records = read(path, fmt)
    report = ImportReport(format=fmt, dry_run=dry_run)
    context = _fact_context(db, report)
    paths: dict[int, str] = {}

    def rows():
        for row in store.document_texts(db):
            paths[row["id"]] = row["path"]
            yield row["id"], row["path"], row["text"]
    locator = Locator(rows())
    entities = set(store.entity_names(db))
    plan: dict[int, list[tuple[Record, Placement]]] = {}
    outcome_of: dict[int, list[str]] = {}  # id(record) -> its outcome row, amended if its document fails
    # Every record is read and checked before the first change: a file that cannot be read, or a
    # record beyond a limit, stops or skips here with nothing applied.
    for record in records:
        check_labels(record, labels)
        places = _placements(record, locator, report)
        if places:
            outcome_of[id(record)] = report.outcomes[-1]
            report.outcomes[-1][2] = ", ".join(dict.fromkeys(paths[p.doc_id] for p in places))
        for place in places:
            plan.setdefault(place.doc_id, []).append((record, place))
    if strict and report.failed:
        report.refused = (f"{report.failed} of {report.records} record(s) cannot be applied; "
                          "nothing was imported (strict)")
        return report
    with _rolled_back(db) if dry_run else nullcontext():
        for doc_id, items in plan.items():
            _apply_guarded(db, doc_id, items, paths[doc_id], entities, report, context, outcome_of)
    report.documents = len(plan) - report.not_applied_documents
    if not dry_run:
        history.log_system(
            db, "import",
            f"import {path.name} ({FORMAT_NAMES[fmt]}): {report.matched} records matched, "
            f"{report.failed} not applied, {report.documents} documents",
        )
    return report


def _apply_guarded(db, doc_id: int, items, doc_path: str, entities, report: ImportReport, context,
                   outcome_of: dict[int, list[str]]) -> None:
    """Apply one document in its own transaction; a failure rolls back that document only and is reported."""
    counters = {name: getattr(report, name) for name in ("verified", *COUNTS)}
    changes = len(report.changes)
    try:
        apply_document(db, doc_id, items, entities=entities, report=report, context=context)
    except sqlite3.DatabaseError:
        raise  # the database itself is unwell: no other document would fare better
    except Exception as exc:  # noqa: BLE001 - one document's failure must not cost the others theirs
        log.exception("import: %s not applied", doc_path)
        for name, value in counters.items():  # its transaction rolled back: so do its counts
            setattr(report, name, value)
        del report.changes[changes:]
        reason = f"not applied to {doc_path}: {type(exc).__name__}: {exc}"
        report.not_applied_documents += 1
        for record, _ in items:
            outcome = outcome_of.get(id(record))
            if outcome is not None and outcome[1] == ACCEPTED:
                outcome[1:] = [SKIPPED, reason]
                report.matched -= 1
                report.not_applied += 1
                _example(report, record.where, reason)


def profile_labels(db: sqlite_utils.Database) -> set[str]:
    """The labels of the project's profile: the only ones an import may give a span."""
    from desktop.profile import ProfileError, load_profile

    try:
        profile = load_profile(store.get_meta(db, "profile") or None)
    except ProfileError as exc:
        raise ExchangeError(f"cannot check the labels against the project's profile: {exc}") from None
    return set(profile.label_names)


def check_labels(record: Record, labels: set[str]) -> None:
    """Fail ``record`` when one of its spans has a label the project's profile does not know."""
    if record.error or not record.spans:
        return
    unknown = sorted({span["label"] for span in record.spans} - labels)
    if unknown:
        record.fail(f"label {unknown[0]!r} is not in the project's profile (its labels: {', '.join(sorted(labels))})")


def _placements(record: Record, locator: Locator, report: ImportReport) -> list[Placement]:
    report.records += 1
    report.warnings.extend(record.warnings)
    if record.error:
        report.unreadable += 1
        _example(report, record.where, record.error)
        report.outcomes.append([record.where, SKIPPED, record.error])
        return []
    if record.answer == "ignore":
        report.ignored += 1
        report.outcomes.append([record.where, IGNORED, "its answer is ignore"])
        return []
    places = locator.place(record.text, hint=record.meta.get("file"))
    if not places:
        report.unmatched += 1
        preview = " ".join(record.text.split())[:40]
        reason = f"no document has this text ({preview!r})"
        _example(report, record.where, reason)
        report.outcomes.append([record.where, SKIPPED, reason])
        return []
    report.matched += 1
    report.outcomes.append([record.where, ACCEPTED, ""])
    if not places[0].whole:
        report.partial += 1
        if len(places) > 1:
            report.warnings.append(f"{record.where}: its text is in {len(places)} documents; applied to each")
    return places


def _example(report: ImportReport, where: str, reason: str) -> None:
    if len(report.examples) < EXAMPLES:
        report.examples.append([where, reason])


def _fact_context(db, report: ImportReport):
    from desktop.facts import fact_context
    from desktop.profile import ProfileError

    try:
        return fact_context(db)
    except ProfileError as exc:
        report.warnings.append(f"facts not re-proposed: {exc}")
        return None


@contextmanager
def _rolled_back(db) -> Iterator[None]:
    """Run the body in one transaction and undo all of it: a dry run writes nothing."""
    try:
        with store.write_transaction(db):
            yield
            raise _RollBack
    except _RollBack:
        pass
