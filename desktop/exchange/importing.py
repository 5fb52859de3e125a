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
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator

import sqlite_utils

from desktop import history, store
from desktop.exchange.apply import apply_document
from desktop.exchange.common import EXAMPLES, ExchangeError, ImportReport
from desktop.exchange.locate import Locator, Placement
from desktop.exchange.reading import FORMAT_NAMES, read
from desktop.exchange.records import Record


class _RollBack(Exception):
    pass


def import_file(db: sqlite_utils.Database, path: str | Path, *, fmt: str = "auto",
                dry_run: bool = False) -> ImportReport:
    """Apply an annotation file (any format of :data:`~desktop.exchange.reading.FORMAT_NAMES`) as decisions.

    Each matched document is changed in one undoable action (see
    :mod:`desktop.exchange.apply`); its proposed facts are re-proposed in it.
    """
    path = Path(path)
    if not path.exists():
        raise ExchangeError(f"no file {path}")
    fmt, records = read(path, fmt)
    report = ImportReport(format=fmt, dry_run=dry_run)
    context = _fact_context(db, report)
    locator = Locator((row["id"], row["path"], row["text"]) for row in store.document_texts(db))
    entities = set(store.entity_names(db))
    plan: dict[int, list[tuple[Record, Placement]]] = {}
    for record in records:
        for place in _placements(record, locator, report):
            plan.setdefault(place.doc_id, []).append((record, place))
    with _rolled_back(db) if dry_run else nullcontext():
        for doc_id, items in plan.items():
            apply_document(db, doc_id, items, entities=entities, report=report, context=context)
    report.documents = len(plan)
    if not dry_run:
        history.log_system(
            db, "import",
            f"import {path.name} ({FORMAT_NAMES[fmt]}): {report.matched} records matched, "
            f"{report.failed} not applied, {report.documents} documents",
        )
    return report


def _placements(record: Record, locator: Locator, report: ImportReport) -> list[Placement]:
    report.records += 1
    report.warnings.extend(record.warnings)
    if record.error:
        report.unreadable += 1
        _example(report, record.where, record.error)
        return []
    if record.answer == "ignore":
        report.ignored += 1
        return []
    places = locator.place(record.text, hint=record.meta.get("file"))
    if not places:
        report.unmatched += 1
        preview = " ".join(record.text.split())[:40]
        _example(report, record.where, f"no document has this text ({preview!r})")
        return []
    report.matched += 1
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
