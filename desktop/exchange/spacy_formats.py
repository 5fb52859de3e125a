"""spaCy's formats: the binary training format (DocBin, ``.spacy``) out, ``(start, end, label)`` records in.

Every span goes in ``doc.spans["sc"]``; the non-overlapping subset chosen by
:func:`spacy.util.filter_spans` (longest in tokens wins, ties go to the earlier
one) in ``doc.ents``, entity ids as ``kb_id``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop import store
from desktop.exchange.common import ExchangeError, ExportProgress, ExportResult, atomic_folder, atomic_write, blank_nlp
from desktop.exchange.documents import check, document_pairs, export_documents, training_pairs
from desktop.exchange.records import Record, checked_spans, read_bytes
from desktop.exchange.segments import token_ranges


def write_docbin(db, path, result: ExportResult, *, all, cancel, split: str = "documents", dev: float = 0.0, **_):
    """Write the exported documents as one DocBin, or with ``dev`` a folder with ``train.spacy`` and ``dev.spacy``.

    ``split`` makes a Doc of each sentence or paragraph (as ``data-to-spacy``
    does), so ``spacy debug data`` counts examples, not articles. The dev share is
    drawn by article, never by sentence: no article is in both files.
    """
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    ids = export_documents(db, all=all)
    nlp = blank_nlp()
    dev_ids = dev_documents(db, ids, dev) if dev else set()
    pieces: dict[str, list] = {"train": [], "dev": []}
    yield ExportProgress(0, len(ids), "tokenising")
    for n, (row, doc, pairs) in enumerate(document_pairs(db, ids, nlp, result, all=all, cancel=cancel), 1):
        spans, rejected = training_pairs(pairs, all=all)
        ents = filter_spans(spans)
        doc.ents = ents
        doc.spans["sc"] = spans
        if all:
            doc.spans["rejected"] = rejected
        meta = {"file": row["path"], "title": row["title"], "published": row["published"],
                "hash": row["hash"], "status": row["status"]}
        pieces["dev" if row["id"] in dev_ids else "train"].extend(_pieces(doc, ents, split, meta))
        result.documents += 1
        result.spans += len(spans)
        result.dropped_overlaps += len(spans) - len(ents)
        yield ExportProgress(n, len(ids), row["path"])
    check(cancel)
    # A sentence two articles share (a dateline, a stock phrase) is kept out of dev when train has it:
    # an evaluation example seen in training measures nothing.
    seen = {piece.text for piece in pieces["train"]}
    kept = [piece for piece in pieces["dev"] if piece.text not in seen]
    if len(kept) < len(pieces["dev"]):
        result.skipped.append(["dev.spacy", f"{len(pieces['dev']) - len(kept)} example(s) also in train.spacy "
                                            "left out of dev"])
    pieces["dev"] = kept
    bins = {}
    for name, docs in pieces.items():
        bins[name] = DocBin(store_user_data=True)
        for piece in docs:
            bins[name].add(piece)
        result.records += len(docs)
    if not dev:
        with atomic_write(path, mode="wb", encoding=None) as out:
            out.write(bins["train"].to_bytes())
        return
    with atomic_folder(path) as folder:
        for name, doc_bin in bins.items():
            (folder / f"{name}.spacy").write_bytes(doc_bin.to_bytes())
    result.files += [str(Path(path) / "train.spacy"), str(Path(path) / "dev.spacy")]


def dev_documents(db, ids: list[int], share: float) -> set[int]:
    """The articles held out for evaluation: a fixed draw by text hash, at least one, never all."""
    if len(ids) < 2:
        raise ExchangeError(f"--dev needs at least two documents to split; the export has {len(ids)}")
    count = min(len(ids) - 1, max(1, round(len(ids) * share)))
    # Ordered by a hash of the text, not the path: the draw does not follow file naming, and is the same
    # in any database holding these articles.
    order = sorted(ids, key=lambda i: hashlib.sha256(store.get_document(db, i)["hash"].encode()).hexdigest())
    return set(order[:count])


def _pieces(doc, ents, split: str, meta: dict[str, Any]):
    if split == "documents":
        doc.user_data["meta"] = meta
        yield doc
        return
    for i, (start, end) in enumerate(token_ranges(doc, ents, by=split)):
        piece = doc[start:end].as_doc()
        piece.spans["sc"] = [piece.char_span(s.start_char - doc[start].idx, s.end_char - doc[start].idx,
                                             label=s.label_, kb_id=s.kb_id_)
                             for s in doc.spans["sc"] if start <= s.start and s.end <= end]
        piece.user_data["meta"] = {**meta, "segment": i, "start": doc[start].idx}
        yield piece


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
