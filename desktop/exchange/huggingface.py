"""A Hugging Face–ready JSONL: ``tokens`` and integer ``ner_tags``, the tag names beside it.

Each line is ``{"id", "file", "tokens": [...], "ner_tags": [...]}`` (one per
document, or per sentence or paragraph with ``split``); the tag names, index by
index, are written to ``<name>.labels.json`` so the column can become a
``ClassLabel``::

    names = json.load(open("spans.labels.json"))
    features = Features({"id": Value("string"), "file": Value("string"),
                         "tokens": Sequence(Value("string")), "ner_tags": Sequence(ClassLabel(names=names))})
    load_dataset("json", data_files="spans.jsonl", features=features)

>>> tag_names({"PERSON", "GPE"})
['O', 'B-GPE', 'I-GPE', 'B-PERSON', 'I-PERSON']
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.exchange import common
from desktop.exchange.common import STDOUT, ExportProgress, ExportResult, atomic_write, blank_nlp
from desktop.exchange.conll import iob_tags
from desktop.exchange.documents import check, document_pairs, export_documents, training_pairs
from desktop.exchange.segments import token_ranges


def tag_names(labels) -> list[str]:
    """The IOB2 tag names for ``labels``: ``O`` first, then ``B-``/``I-`` per label in name order."""
    names = ["O"]
    for label in sorted(labels):
        names += [f"B-{label}", f"I-{label}"]
    return names


def labels_path(path: Path) -> Path:
    """Where the tag names of the export ``path`` go: ``spans.jsonl`` → ``spans.labels.json``."""
    return path.with_name(path.name.removesuffix(".jsonl") + ".labels.json")


def write_huggingface(db, path, result: ExportResult, *, all, cancel, split: str = "documents", **_):
    """Write the token/tag rows, then the tag names beside them (not for standard output)."""
    from spacy.util import filter_spans

    ids = export_documents(db, all=all)
    nlp = blank_nlp()
    rows, labels = [], set()
    yield ExportProgress(0, len(ids), "tokenising")
    for n, (row, doc, pairs) in enumerate(document_pairs(db, ids, nlp, result, all=all, cancel=cancel), 1):
        spans, _ = training_pairs(pairs, all=all)
        ents = filter_spans(spans)
        result.dropped_overlaps += len(spans) - len(ents)
        labels.update(e.label_ for e in ents)
        tags = iob_tags(doc, ents)
        pieces = [(0, len(doc))] if split == "documents" else token_ranges(doc, ents, by=split)
        for i, (start, end) in enumerate(pieces):
            kept = [t for t in doc[start:end] if t.text.strip()]
            rows.append({"id": row["path"] if split == "documents" else f"{row['path']}#{i}",
                         "file": row["path"], "tokens": [t.text for t in kept],
                         "tag_names": [tags[t.i] for t in kept]})
        result.documents += 1
        result.spans += len(ents)
        yield ExportProgress(n, len(ids), row["path"])
    check(cancel)
    names = tag_names(labels)
    index = {name: i for i, name in enumerate(names)}
    with atomic_write(path, newline="\n") as out:
        for item in rows:
            tags = item.pop("tag_names")
            out.write(common.json_line({**item, "ner_tags": [index[t] for t in tags]}))
            result.records += 1
    if str(path) != STDOUT:
        with atomic_write(labels_path(Path(path)), newline="\n") as out:
            out.write(json.dumps(names, ensure_ascii=False) + "\n")
        result.files.append(str(labels_path(Path(path))))
    else:
        result.skipped.append(["-", "tag names not written (standard output): " + json.dumps(names)])
