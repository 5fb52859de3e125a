"""doccano's sequence-labelling JSONL: both of its shapes read, the ``label`` shape written.

* ``{"text": ..., "label": [[start, end, "LABEL"], ...]}`` (doccano 1.x, and its import format);
* ``{"text": ..., "entities": [{"id", "label", "start_offset", "end_offset"}, ...], "relations": [...]}``
  (doccano with relations).

>>> record = read_item({"text": "Putin met Lukashenko.", "label": [[0, 5, "PER"]]}, "line 1")
>>> [(s["start"], s["end"], s["label"]) for s in record.spans]
[(0, 5, 'PER')]
>>> read_item({"text": "Putin met Lukashenko.", "label": ["politics"]}, "line 2").error
"'label' holds categories, not spans (a text classification export?)"
"""

from __future__ import annotations

from typing import Any

from desktop.exchange import common
from desktop.exchange.common import ExportProgress, ExportResult, atomic_write
from desktop.exchange.documents import decided_spans, document_rows, export_documents
from desktop.exchange.records import Record, checked_spans


def read_item(item: Any, where: str) -> Record:
    """A doccano record as a :class:`Record`; doccano has no answers: every record is accepted whole."""
    record = Record.of_text(item, where)
    if record.error:
        return record
    meta = item.get("meta") if isinstance(item.get("meta"), dict) else {}
    if isinstance(meta.get("file"), str):
        record.meta["file"] = meta["file"]
    entities = item.get("entities")
    if isinstance(entities, list):
        triples = []
        for i, entity in enumerate(entities):
            if not isinstance(entity, dict):
                return record.fail(f"entity {i} is not an object")
            triples.append((entity.get("start_offset"), entity.get("end_offset"), entity.get("label")))
        record.spans = checked_spans(triples, record)
        return record
    key = "label" if "label" in item else "labels" if "labels" in item else None
    if key is None:
        return record.fail("no 'label' or 'entities' field: nothing says which spans are right")
    value = item[key]
    if not isinstance(value, list):
        return record.fail(f"'{key}' is not a list")
    if any(isinstance(v, str) for v in value):
        return record.fail(f"'{key}' holds categories, not spans (a text classification export?)")
    record.spans = checked_spans(value, record)
    return record


def write_jsonl(db, path, result: ExportResult, *, all, cancel, **_):
    """doccano's import shape: ``{"text", "label": [[start, end, "LABEL"], ...], "meta": {...}}`` a line."""
    ids = export_documents(db, all=all)
    yield ExportProgress(0, len(ids), "reading")
    with atomic_write(path, newline="\n") as out:
        for n, (row, spans) in enumerate(document_rows(db, ids, result, all=all, cancel=cancel), 1):
            decided = decided_spans(row, spans)
            meta = {"file": row["path"], "title": row["title"], "published": row["published"]}
            if all:
                meta["status"] = row["status"]
            out.write(common.json_line({"text": row["text"],
                                        "label": [[s["start"], s["end"], s["label"]] for s in decided],
                                        "meta": meta}))
            result.documents += 1
            result.records += 1
            result.spans += len(decided)
            yield ExportProgress(n, len(ids), row["path"])
