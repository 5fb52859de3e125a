"""Apply an article's imported records as the analyst's decisions, in one undoable action.

For an ``accept`` the record's spans are accepted (added as analyst spans when
missing, relabelled when the same offsets carry another label) and the other
spans of the text it covers are rejected: the whole article for a whole-article
record, the sentence's or paragraph's range for a part of one. An accept of
Prodigy's binary ``ner`` view accepts its spans and says nothing of the rest.
``reject`` rejects the spans it shows. A whole-article accept verifies the
article (or gives it the status of our own ``--all`` export); parts of an
article verify it once together they cover all of its text.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from desktop import history, store
from desktop.exchange.common import IMPORT_DOC_STATUSES, ImportReport
from desktop.exchange.locate import Placement
from desktop.exchange.records import Record

COUNTS = ("accepted", "rejected", "added", "relabelled", "linked")


def apply_document(db, doc_id: int, items: list[tuple[Record, Placement]], *, entities: set[str],
                   report: ImportReport, context) -> None:
    """Apply ``items`` (records placed in this document) in one action; counts go to ``report``."""
    doc = store.get_document(db, doc_id)
    counts: Counter[str] = Counter()
    with history.action(db, "import", summary=f"import annotations for {doc['path']}", doc_id=doc_id) as act:
        status = None
        covered: list[tuple[int, int]] = []
        for record, place in items:
            spans = [_placed(span, place) for span in record.spans]
            _apply_record(act, db, doc, spans, record, place, entities, counts, report)
            if record.answer == "accept" and not record.binary:
                if place.whole:
                    wanted = record.meta.get("status")
                    status = wanted if wanted in IMPORT_DOC_STATUSES else "verified"
                else:
                    covered.append((place.lo, place.hi))
        if status is None:
            if covered and _covers(doc["text"], covered):
                status = "verified"
            else:
                status = "in review" if doc["status"] == "new" else doc["status"]
        if doc["status"] != status:
            act.update("documents", doc_id, status=status)
        report.verified += status == "verified" and doc["status"] != "verified"
        if context is not None and act.changes:
            # Facts rest on the spans that are not rejected: re-propose them in the same undoable action.
            from desktop.facts import repropose_in_action

            repropose_in_action(act, db, doc_id, context)
    for name in COUNTS:
        setattr(report, name, getattr(report, name) + counts[name])
    report.changes.append({"file": doc["path"], **{name: counts[name] for name in COUNTS},
                           "status": [doc["status"], status], "records": len(items)})


def _placed(span: dict[str, Any], place: Placement) -> dict[str, Any]:
    start, end = place.span(span["start"], span["end"])
    return {**span, "start": start, "end": end}


def _covers(text: str, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``ranges`` together cover every non-whitespace character of ``text``."""
    position = 0
    for lo, hi in sorted(ranges):
        if lo > position and text[position:lo].strip():
            return False
        position = max(position, hi)
    return not text[position:].strip()


def _apply_record(act, db, doc: dict[str, Any], spans: list[dict[str, Any]], record: Record, place: Placement,
                  entities: set[str], counts: Counter, report: ImportReport) -> None:
    answer = record.answer
    existing = store.spans_for_document(db, doc["id"])
    by_key: dict[tuple[int, int, str], list[dict[str, Any]]] = {}
    by_offsets: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for s in existing:
        by_key.setdefault((s["start"], s["end"], s["label"]), []).append(s)
        by_offsets.setdefault((s["start"], s["end"]), []).append(s)
    wanted = {(s["start"], s["end"], s["label"]) for s in spans}
    used: set[int] = set()
    for span in spans:
        key = (span["start"], span["end"], span["label"])
        target_status = "rejected" if answer == "reject" else span["status"]
        # Duplicates (a model and a rule span on the same words) are matched one to one.
        row = next((s for s in by_key.get(key, []) if s["id"] not in used), None)
        if row is None and answer == "accept":
            # Same offsets, another label the record does not keep: the analyst relabelled it.
            row = next((s for s in by_offsets.get(key[:2], [])
                        if s["id"] not in used and (s["start"], s["end"], s["label"]) not in wanted), None)
        entity = _entity_of(span, entities, report, record.where)
        if row is None:
            if answer == "reject":
                continue
            if "entity" not in span:
                entity = store.entity_for_alias(db, doc["text"][span["start"]:span["end"]])
            source = span.get("source") if span.get("source") in store.SPAN_SOURCES else "analyst"
            used.add(act.insert("spans", {
                "doc_id": doc["id"], "start": span["start"], "end": span["end"], "label": span["label"],
                "text": doc["text"][span["start"]:span["end"]], "entity_id": entity, "source": source,
                "status": target_status, "created_at": store.now()}))
            counts["added"] += 1
            continue
        used.add(row["id"])
        changes: dict[str, Any] = {}
        if row["label"] != span["label"]:
            changes["label"] = span["label"]
            counts["relabelled"] += 1
        if row["status"] != target_status:
            changes["status"] = target_status
            counts["accepted"] += target_status == "accepted"
            counts["rejected"] += target_status == "rejected"
        if "entity" in span and entity != row["entity_id"] and answer == "accept":
            changes["entity_id"] = entity
            counts["linked"] += 1
        if changes:
            act.update("spans", row["id"], flag=None, **changes)
    if answer == "accept" and not record.binary:
        for row in existing:
            inside = place.lo <= row["start"] and row["end"] <= place.hi
            if inside and row["id"] not in used and row["status"] != "rejected":
                act.update("spans", row["id"], status="rejected", flag=None)
                counts["rejected"] += 1


def _entity_of(span: dict[str, Any], entities: set[str], report: ImportReport, where: str) -> str | None:
    entity = span.get("entity")
    if entity is None:
        return None
    if not isinstance(entity, str) or entity not in entities:
        report.warnings.append(f"{where}: unknown entity {entity!r}; link not restored")
        span.pop("entity", None)
        return None
    return entity
