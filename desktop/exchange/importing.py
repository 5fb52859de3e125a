"""Apply annotations made elsewhere as the analyst's decisions, one undoable action per document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import sqlite_utils

from desktop import history, store
from desktop.exchange.common import (
    ANSWERS, EXAMPLES, IMPORT_DOC_STATUSES, ExchangeError, ImportReport, text_hash,
)

def _read_records(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
    """``(line number, record or None, reason)`` for every non-empty line of a JSONL file."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ExchangeError(f"cannot read {path}: {exc.strerror or exc}") from None
    with handle:
        for number, raw in enumerate(handle, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                # Each line on its own: one bad line is reported, the others still apply.
                yield number, None, "not UTF-8 text"
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield number, None, f"not JSON ({exc.msg})"
                continue
            if not isinstance(record, dict):
                yield number, None, "not a JSON object"
                continue
            yield number, record, ""


def _record_spans(record: dict[str, Any], text: str, report: ImportReport, number: int) -> list[dict[str, Any]]:
    """The record's spans, checked against the text; bad ones are reported and skipped."""
    spans = record.get("spans") or []
    if not isinstance(spans, list):
        report.warnings.append(f"line {number}: 'spans' is not a list; ignored")
        return []
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    meta_entities = meta.get("entities") if isinstance(meta.get("entities"), list) else None
    if meta_entities is not None and len(meta_entities) != len(spans):
        meta_entities = None
    checked = []
    for i, span in enumerate(spans):
        if not isinstance(span, dict):
            report.warnings.append(f"line {number}: span {i} is not an object; skipped")
            continue
        start, end, label = span.get("start"), span.get("end"), span.get("label")
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(label, str) and label):
            report.warnings.append(f"line {number}: span {i} needs integer start/end and a label; skipped")
            continue
        if not (0 <= start < end <= len(text)) or not text[start:end].strip():
            report.warnings.append(f"line {number}: span {start}..{end} is outside the text or blank; skipped")
            continue
        item = {"start": start, "end": end, "label": label, "status": span.get("status", "accepted"),
                "source": span.get("source")}
        if item["status"] not in store.SPAN_STATUSES:
            item["status"] = "accepted"
        if "entity" in span:
            item["entity"] = span["entity"]
        elif meta_entities is not None:
            item["entity"] = meta_entities[i]
        checked.append(item)
    return checked


def import_file(db: sqlite_utils.Database, path: str | Path) -> ImportReport:
    """Apply a Prodigy/spaCy or Article Review JSONL file as analyst decisions.

    Records are matched to documents by the sha256 of their text. Each matched
    document is changed in one undoable action: for ``answer: accept`` the
    record's spans are accepted (added as analyst spans when missing, relabelled
    when the same offsets carry another label), the document's other spans are
    rejected, entity links are restored and the document becomes verified (or
    takes the status of our own ``--all`` export). ``answer: reject`` rejects
    the record's spans and leaves the rest; ``ignore`` is counted and skipped.
    """
    path = Path(path)
    if not path.is_file():
        raise ExchangeError(f"no file {path}")
    from desktop.facts import fact_context
    from desktop.profile import ProfileError

    warnings = []
    try:
        context = fact_context(db)
    except ProfileError as exc:
        context = None
        warnings.append(f"facts not re-proposed: {exc}")
    by_hash: dict[str, list[int]] = {}
    for row in store.document_texts(db):
        by_hash.setdefault(text_hash(row["text"]), []).append(row["id"])
    entities = set(store.entity_names(db))
    report = ImportReport(warnings=warnings)
    touched: set[int] = set()
    for number, record, reason in _read_records(path):
        report.records += 1
        if record is not None:
            reason = _unmatched_reason(record, by_hash)
        if reason:
            report.unmatched += 1
            if len(report.examples) < EXAMPLES:
                report.examples.append([number, reason])
            continue
        answer = record.get("answer", "accept")
        if answer == "ignore":
            report.ignored += 1
            continue
        report.matched += 1
        spans = _record_spans(record, record["text"], report, number)
        meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
        for doc_id in by_hash[text_hash(record["text"])]:
            _apply_record(db, doc_id, spans, answer, meta.get("status"), entities, report, number, context)
            touched.add(doc_id)
    report.documents = len(touched)
    history.log_system(
        db, "import",
        f"import {path.name}: {report.matched} records matched, {report.unmatched} unmatched, "
        f"{report.documents} documents",
    )
    return report


def _unmatched_reason(record: dict[str, Any], by_hash: dict[str, list[int]]) -> str:
    text = record.get("text")
    if not isinstance(text, str):
        return "no 'text' field"
    answer = record.get("answer", "accept")
    if answer not in ANSWERS:
        return f"answer {answer!r} is not accept, reject or ignore"
    if text_hash(text) not in by_hash:
        preview = " ".join(text.split())[:40]
        return f"no document has this text ({preview!r})"
    return ""


def _apply_record(db, doc_id: int, spans: list[dict[str, Any]], answer: str, doc_status: Any,
                  entities: set[str], report: ImportReport, number: int, context) -> None:
    doc = store.get_document(db, doc_id)
    existing = store.spans_for_document(db, doc_id)
    by_key: dict[tuple[int, int, str], list[dict[str, Any]]] = {}
    by_offsets: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for s in existing:
        by_key.setdefault((s["start"], s["end"], s["label"]), []).append(s)
        by_offsets.setdefault((s["start"], s["end"]), []).append(s)
    wanted = {(s["start"], s["end"], s["label"]) for s in spans}
    used: set[int] = set()
    with history.action(db, "import", summary=f"import annotations for {doc['path']}", doc_id=doc_id) as act:
        for span in spans:
            key = (span["start"], span["end"], span["label"])
            target_status = "rejected" if answer == "reject" else span["status"]
            same = by_key.get(key, [])
            # Duplicates (a model and a rule span on the same words) are matched one to one.
            row = next((s for s in same if s["id"] not in used), None)
            if row is None and answer == "accept":
                # Same offsets, another label the record does not keep: the analyst relabelled it.
                row = next((s for s in by_offsets.get(key[:2], [])
                            if s["id"] not in used and (s["start"], s["end"], s["label"]) not in wanted), None)
            entity = _entity_of(span, entities, report, number)
            if row is None:
                if answer == "reject":
                    continue
                if "entity" not in span:
                    entity = store.entity_for_alias(db, doc["text"][span["start"]:span["end"]])
                source = span["source"] if span["source"] in store.SPAN_SOURCES else "analyst"
                new_id = act.insert("spans", {
                    "doc_id": doc_id, "start": span["start"], "end": span["end"], "label": span["label"],
                    "text": doc["text"][span["start"]:span["end"]], "entity_id": entity, "source": source,
                    "status": target_status, "created_at": store.now()})
                used.add(new_id)
                report.added += 1
                continue
            used.add(row["id"])
            changes: dict[str, Any] = {}
            if row["label"] != span["label"]:
                changes["label"] = span["label"]
                report.relabelled += 1
            if row["status"] != target_status:
                changes["status"] = target_status
                report.accepted += target_status == "accepted"
                report.rejected += target_status == "rejected"
            if "entity" in span and entity != row["entity_id"] and answer == "accept":
                changes["entity_id"] = entity
                report.linked += 1
            if changes:
                act.update("spans", row["id"], flag=None, **changes)
        if answer == "accept":
            for row in existing:
                if row["id"] not in used and row["status"] != "rejected":
                    act.update("spans", row["id"], status="rejected", flag=None)
                    report.rejected += 1
            status = doc_status if doc_status in IMPORT_DOC_STATUSES else "verified"
        else:
            status = "in review" if doc["status"] == "new" else doc["status"]
        if doc["status"] != status:
            act.update("documents", doc_id, status=status)
        report.verified += status == "verified" and doc["status"] != "verified"
        if context is not None and act.changes:
            # Facts rest on the spans that are not rejected: re-propose them in the same undoable action.
            from desktop.events import rebuild_events
            from desktop.facts import repropose_in_action

            mark = act.changes
            repropose_in_action(act, db, doc_id, context)
            if act.changes != mark:
                rebuild_events(db, act=act)


def _entity_of(span: dict[str, Any], entities: set[str], report: ImportReport, number: int) -> str | None:
    entity = span.get("entity")
    if entity is None:
        return None
    if not isinstance(entity, str) or entity not in entities:
        report.warnings.append(f"line {number}: unknown entity {entity!r}; link not restored")
        span.pop("entity", None)
        return None
    return entity

