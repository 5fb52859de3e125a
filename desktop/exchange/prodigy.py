"""Prodigy / spaCy JSONL, one document a line, and our own superset of it.

>>> sorted(record_keys())
['_input_hash', '_task_hash', 'answer', 'meta', 'spans', 'text', 'tokens']
"""

from __future__ import annotations

import json
from typing import Any

from desktop.exchange import common
from desktop.exchange.common import ANSWERS, ExportProgress, ExportResult, atomic_write, blank_nlp, hash32
from desktop.exchange.documents import document_pairs, export_documents
from desktop.exchange.records import Record, checked_spans


def record_keys() -> tuple[str, ...]:
    """The top-level keys of an exported record."""
    return ("text", "spans", "tokens", "meta", "_input_hash", "_task_hash", "answer")


def document_record(row: dict[str, Any], doc, pairs, *, all: bool) -> dict[str, Any]:
    """The JSONL record of a document: text, spans with token indices, tokens, meta, Prodigy hashes."""
    text = row["text"]
    out_spans, entity_ids = [], []
    for sp, span in pairs:
        item = {"start": span["start"], "end": span["end"], "token_start": sp.start, "token_end": sp.end - 1,
                "label": span["label"], "text": text[span["start"]:span["end"]], "entity": span["entity_id"],
                "source": span["source"]}
        if all:
            item["status"] = span["status"]
        out_spans.append(item)
        entity_ids.append(span["entity_id"])
    tokens = [{"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
              for t in doc]
    meta = {"file": row["path"], "title": row["title"], "published": row["published"],
            "hash": row["hash"], "entities": entity_ids}
    if all:
        meta["status"] = row["status"]
    input_hash = hash32(text)
    return {
        "text": text,
        "spans": out_spans,
        "tokens": tokens,
        "meta": meta,
        "_input_hash": input_hash,
        "_task_hash": hash32(str(input_hash), json.dumps(out_spans, sort_keys=True)),
        "answer": "accept",
    }


def write_jsonl(db, path, result: ExportResult, *, all, cancel, **_):
    """Write every exported document as a Prodigy-shaped JSONL line."""
    ids = export_documents(db, all=all)
    nlp = blank_nlp()
    yield ExportProgress(0, len(ids), "tokenising")
    with atomic_write(path, newline="\n") as out:
        for n, (row, doc, pairs) in enumerate(document_pairs(db, ids, nlp, result, all=all, cancel=cancel), 1):
            out.write(common.json_line(document_record(row, doc, pairs, all=all)))
            result.documents += 1
            result.records += 1
            result.spans += len(pairs)
            yield ExportProgress(n, len(ids), row["path"])


# ---------------------------------------------------------------- reading


def read_item(item: Any, where: str) -> Record:
    """A Prodigy task (``ner_manual``, ``ner``...) or a record of our own export, as a :class:`Record`."""
    record = Record.of_text(item, where)
    if record.error:
        return record
    record.answer = item.get("answer", "accept")
    if record.answer not in ANSWERS:
        return record.fail(f"answer {record.answer!r} is not accept, reject or ignore")
    meta = item.get("meta") if isinstance(item.get("meta"), dict) else {}
    record.meta = {k: meta[k] for k in ("file", "status") if isinstance(meta.get(k), str)}
    # Prodigy's binary "ner" view: an accept says this span is right, nothing about the others.
    record.binary = item.get("_view_id") == "ner"
    if record.answer == "ignore":
        return record
    spans = item.get("spans")
    if spans is None:
        return record.fail("no 'spans' field: nothing says which spans are right")
    if not isinstance(spans, list):
        return record.fail("'spans' is not a list")
    record.spans = checked_spans(spans, record)
    if record.spans is None:
        return record
    entities = meta.get("entities")
    if isinstance(entities, list) and len(entities) == len(spans):
        for span, entity in zip(record.spans, entities):
            span.setdefault("entity", entity)
    return record
