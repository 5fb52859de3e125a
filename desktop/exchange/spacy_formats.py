"""spaCy's binary training format (DocBin, ``.spacy``).

Every span goes in ``doc.spans["sc"]``; the non-overlapping subset chosen by
:func:`spacy.util.filter_spans` (longest in tokens wins, ties go to the earlier
one) in ``doc.ents``, entity ids as ``kb_id``.
"""

from __future__ import annotations

from desktop.exchange.common import ExportProgress, ExportResult, atomic_write, blank_nlp
from desktop.exchange.documents import check, document_pairs, export_documents, training_pairs


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
