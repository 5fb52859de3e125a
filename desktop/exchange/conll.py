"""CoNLL-2003-style IOB2 columns.

CoNLL cannot hold overlapping spans: it keeps the subset ``doc.ents`` would
(:func:`spacy.util.filter_spans`) and reports how many it dropped.
"""

from __future__ import annotations

from desktop.exchange.common import ExportProgress, ExportResult, atomic_write, blank_nlp
from desktop.exchange.documents import document_pairs, export_documents, training_pairs


def write_conll(db, path, result: ExportResult, *, all, cancel, **_):
    """Write the exported documents as CoNLL, a ``-DOCSTART-`` line before each."""
    from spacy.util import filter_spans

    ids = export_documents(db, all=all)
    nlp = blank_nlp(sentences=True)
    yield ExportProgress(0, len(ids), "tokenising")
    with atomic_write(path, newline="\n") as out:
        for n, (row, doc, pairs) in enumerate(document_pairs(db, ids, nlp, result, all=all, cancel=cancel), 1):
            spans, _ = training_pairs(pairs, all=all)
            ents = filter_spans(spans)
            result.dropped_overlaps += len(spans) - len(ents)
            out.write("-DOCSTART- -X- -X- O\n\n")
            out.write(conll_lines(doc, ents))
            result.documents += 1
            result.records += 1
            result.spans += len(ents)
            yield ExportProgress(n, len(ids), row["path"])


def conll_lines(doc, ents) -> str:
    """``token _ _ TAG`` lines (IOB2), a blank line after each sentence.

    Whitespace tokens have no place in a column format and are left out; a
    sentence boundary that falls inside an entity is ignored so no entity is split.
    """
    tags = ["O"] * len(doc)
    inside = [False] * len(doc)
    for ent in ents:
        for i in range(ent.start, ent.end):
            tags[i] = ("B-" if i == ent.start else "I-") + ent.label_
            inside[i] = i != ent.start
    lines: list[str] = []
    sentence: list[str] = []
    for token in doc:
        if token.is_sent_start and not inside[token.i] and sentence:
            lines.extend(sentence)
            lines.append("")
            sentence = []
        if token.text.isspace() or not token.text:
            continue
        sentence.append(f"{token.text} _ _ {tags[token.i]}")
    if sentence:
        lines.extend(sentence)
        lines.append("")
    return "".join(line + "\n" for line in lines)
