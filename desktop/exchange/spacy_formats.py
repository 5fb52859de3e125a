"""spaCy's formats: the binary training format (DocBin, ``.spacy``) out, ``(start, end, label)`` records in.

Every span goes in ``doc.spans["sc"]``; the non-overlapping subset chosen by
:func:`spacy.util.filter_spans` (longest in tokens wins, ties go to the earlier
one) in ``doc.ents``, entity ids as ``kb_id``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from desktop.exchange.common import ExchangeError, ExportProgress, ExportResult, atomic_write, blank_nlp
from desktop.exchange.documents import check, document_pairs, export_documents, training_pairs
from desktop.exchange.records import Record, checked_spans, read_bytes


def write_docbin(db, path, result: ExportResult, *, all, cancel, **_):
    """Write the exported documents as one DocBin."""
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    ids = export_documents(db, all=all)
    nlp = blank_nlp()
    doc_bin = DocBin(store_user_data=True)
    yield ExportProgress(0, len(ids), "tokenising")
    for n, (row, doc, pairs) in enumerate(document_pairs(db, ids, nlp, result, all=all, cancel=cancel), 1):
        spans, rejected = training_pairs(pairs, all=all)
        ents = filter_spans(spans)
        doc.ents = ents
        doc.spans["sc"] = spans
        if all:
            doc.spans["rejected"] = rejected
        doc.user_data["meta"] = {"file": row["path"], "title": row["title"], "published": row["published"],
                                 "hash": row["hash"], "status": row["status"]}
        doc_bin.add(doc)
        result.documents += 1
        result.records += 1
        result.spans += len(spans)
        result.dropped_overlaps += len(spans) - len(ents)
        yield ExportProgress(n, len(ids), row["path"])
    check(cancel)
    with atomic_write(path, mode="wb", encoding=None) as out:
        out.write(doc_bin.to_bytes())


# ---------------------------------------------------------------- reading


def read_item(item: Any, where: str) -> Record:
    """spaCy's ``(start, end, label)`` training records as a :class:`Record`.

    Either ``["text", {"entities": [[start, end, "LABEL"], ...]}]`` (spaCy v2's
    training tuples) or ``{"text": ..., "entities": [...]}``.
    """
    record = Record(where)
    if isinstance(item, list) and len(item) == 2 and isinstance(item[1], dict):
        record.text, annotations = item
    elif isinstance(item, dict):
        record.text, annotations = item.get("text"), item
    else:
        return record.fail("neither [text, {\"entities\": ...}] nor an object with 'text' and 'entities'")
    if not isinstance(record.text, str):
        return record.fail("no text")
    entities = annotations.get("entities")
    if entities is None:
        return record.fail("no 'entities' field: nothing says which spans are right")
    if not isinstance(entities, list):
        return record.fail("'entities' is not a list")
    record.spans = checked_spans(entities, record)
    return record


def read_docbin(path) -> Iterator[Record]:
    """A :class:`Record` for each Doc of a DocBin: ``doc.spans["sc"]`` when present, else ``doc.ents``."""
    import spacy
    from spacy.tokens import DocBin

    try:
        docs = list(DocBin(store_user_data=True).from_bytes(read_bytes(path)).get_docs(spacy.blank("xx").vocab))
    except ExchangeError:
        raise
    except Exception as exc:  # a corrupt or foreign file: msgpack and zlib raise their own kinds
        raise ExchangeError(f"{path.name} is not a spaCy DocBin ({type(exc).__name__})") from None
    for n, doc in enumerate(docs, 1):
        record = Record(f"doc {n}", text=doc.text)
        meta = doc.user_data.get("meta") if isinstance(doc.user_data.get("meta"), dict) else {}
        record.meta = {k: meta[k] for k in ("file", "status") if isinstance(meta.get(k), str)}
        spans = doc.spans["sc"] if "sc" in doc.spans else doc.ents
        triples = [{"start": s.start_char, "end": s.end_char, "label": s.label_,
                    **({"entity": s.kb_id_} if s.kb_id_ else {})} for s in spans]
        record.spans = checked_spans(triples, record)
        yield record
