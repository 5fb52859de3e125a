"""The store's documents as an export sees them: one state, spaCy Docs, spans in content order."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import sqlite_utils

from desktop import store
from desktop.exchange.common import ExportResult


class Cancelled(Exception):
    """Raised inside a writer when the export's ``cancel()`` said so."""


def check(cancel: Callable[[], bool]) -> None:
    """Raise :class:`Cancelled` when ``cancel()`` is true (polled between records)."""
    if cancel():
        raise Cancelled


def export_documents(db: sqlite_utils.Database, *, all: bool) -> list[int]:
    """Ids of the documents an export holds, by path: the verified ones, or every one with ``all``."""
    return store.document_ids_by_path(db, status=None if all else "verified")


def export_spans(db: sqlite_utils.Database, doc_id: int, *, all: bool) -> list[dict[str, Any]]:
    """A document's spans (rejected ones too with ``all``), ordered by content."""
    spans = store.spans_for_document(db, doc_id, include_rejected=all)
    # Ordered by content, not by id, so the same annotations give the same file in any database.
    return sorted(spans, key=lambda s: (s["start"], s["end"], s["label"], s["id"]))


def span_pairs(nlp, row: dict[str, Any], spans: list[dict[str, Any]], result: ExportResult):
    """The document's spaCy Doc and its (Span, span row) pairs; spans outside the text are reported."""
    text = row["text"]
    doc = nlp(text)
    pairs = []
    for span in spans:
        start, end = span["start"], span["end"]
        sp = doc.char_span(start, end, label=span["label"], kb_id=span["entity_id"] or "",
                           alignment_mode="expand") if 0 <= start < end <= len(text) else None
        if sp is None:
            result.skipped.append([row["path"], f"span {start}..{end} {span['label']} is outside the text"])
            continue
        pairs.append((sp, span))
    return doc, pairs


def document_pairs(db, ids: list[int], nlp, result: ExportResult, *, all: bool,
                   cancel: Callable[[], bool]) -> Iterator[tuple[dict[str, Any], Any, list]]:
    """Each document of ``ids`` as (row, doc, pairs), checking ``cancel`` before each."""
    for doc_id in ids:
        check(cancel)
        row = store.get_document(db, doc_id)
        doc, pairs = span_pairs(nlp, row, export_spans(db, doc_id, all=all), result)
        yield row, doc, pairs


def training_pairs(pairs, *, all: bool):
    """The spans a training file holds (no rejected ones) and, with ``all``, the rejected ones apart."""
    kept = [(sp, row) for sp, row in pairs if row["status"] != "rejected"]
    rejected = [sp for sp, row in pairs if row["status"] == "rejected"] if all else []
    return [sp for sp, _ in kept], rejected


def document_rows(db, ids: list[int], result: ExportResult, *, all: bool,
                  cancel: Callable[[], bool]) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Each document of ``ids`` as (row, spans) without tokenising: spans outside the text are reported."""
    for doc_id in ids:
        check(cancel)
        row = store.get_document(db, doc_id)
        spans = []
        for span in export_spans(db, doc_id, all=True):
            if not 0 <= span["start"] < span["end"] <= len(row["text"]):
                result.skipped.append([row["path"], f"span {span['start']}..{span['end']} {span['label']} "
                                                    "is outside the text"])
                continue
            spans.append(span)
        yield row, spans


def decided_spans(row: dict[str, Any], spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The spans that count as accepted: every one not rejected in a verified document, else the accepted ones."""
    if row["status"] == "verified":
        return [s for s in spans if s["status"] != "rejected"]
    return [s for s in spans if s["status"] == "accepted"]
