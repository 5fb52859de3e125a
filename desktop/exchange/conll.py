"""CoNLL-style IOB2 columns, the way ``spacy convert --converter ner`` and seqeval read them.

CoNLL cannot hold overlapping spans: it keeps the subset ``doc.ents`` would
(:func:`spacy.util.filter_spans`) and reports how many it dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from desktop.exchange.common import ExportProgress, ExportResult, atomic_write, blank_nlp
from desktop.exchange.documents import document_pairs, export_documents, training_pairs
from desktop.exchange.records import Record, checked_spans, read_text
from desktop.exchange.segments import token_ranges


DOCSTART = "-DOCSTART- -X- O O"  # the document line spaCy's ner converter (and CoNLL-2003) expects


def write_conll(db, path, result: ExportResult, *, all, cancel, **_):
    """Write the exported documents as CoNLL: a ``-DOCSTART-`` line, then ``token TAG`` lines."""
    from spacy.util import filter_spans

    ids = export_documents(db, all=all)
    nlp = blank_nlp()
    yield ExportProgress(0, len(ids), "tokenising")
    with atomic_write(path, newline="\n") as out:
        for n, (row, doc, pairs) in enumerate(document_pairs(db, ids, nlp, result, all=all, cancel=cancel), 1):
            spans, _ = training_pairs(pairs, all=all)
            ents = filter_spans(spans)
            result.dropped_overlaps += len(spans) - len(ents)
            out.write(DOCSTART + "\n\n")
            out.write(conll_lines(doc, ents))
            result.documents += 1
            result.records += 1
            result.spans += len(ents)
            yield ExportProgress(n, len(ids), row["path"])


def iob_tags(doc, ents) -> list[str]:
    """The IOB2 tag of every token of ``doc`` for the non-overlapping ``ents``."""
    tags = ["O"] * len(doc)
    for ent in ents:
        for i in range(ent.start, ent.end):
            tags[i] = ("B-" if i == ent.start else "I-") + ent.label_
    return tags


def conll_lines(doc, ents) -> str:
    """``token TAG`` lines (IOB2), a blank line after each sentence as our reader splits them.

    Two columns, so spaCy's converter reads no placeholder as a part-of-speech
    tag. Whitespace tokens have no place in a column format and are left out; a
    sentence boundary inside an entity is dropped so no entity is split.
    """
    tags = iob_tags(doc, ents)
    lines: list[str] = []
    for start, end in token_ranges(doc, ents, by="sentences"):
        sentence = [f"{t.text} {tags[t.i]}" for t in doc[start:end] if t.text.strip()]
        if sentence:
            lines.extend(sentence)
            lines.append("")
    return "".join(line + "\n" for line in lines)


# ---------------------------------------------------------------- reading

_TAG = re.compile(r"^(?:O|[BIESLU]-\S+)$")


def read_path(path: Path) -> Iterator[Record]:
    """A :class:`Record` for each ``-DOCSTART-`` block (each sentence when there is none).

    The record's text is its tokens joined by spaces, a line per sentence: the
    import finds it in the article by its characters, whitespace aside.
    """
    lines = read_text(path).splitlines()
    has_docstart = any(line.split()[:1] == ["-DOCSTART-"] for line in lines)
    block: list[tuple[int, list[str]]] = []  # (line number, columns); [] marks a sentence break
    start_line = 1
    for number, line in enumerate(lines, 1):
        columns = line.split()
        if columns[:1] == ["-DOCSTART-"]:
            if any(block):
                yield _block_record(block, f"document at line {start_line}")
            block, start_line = [], number
            continue
        if not columns:
            if not has_docstart and any(block):
                yield _block_record(block, f"sentence at line {start_line}")
                block = []
            elif block and block[-1][1]:
                block.append((number, []))
            if not has_docstart:
                start_line = number + 1
            continue
        if not block and not has_docstart:
            start_line = number
        block.append((number, columns))
    if any(cols for _, cols in block):
        yield _block_record(block, f"{'document' if has_docstart else 'sentence'} at line {start_line}")


def looks_like(text: str) -> bool:
    """Whether the first lines of ``text`` are token columns ending in IOB tags."""
    rows = [line.split() for line in text.splitlines()[:200] if line.strip()]
    rows = [r for r in rows if r[0] != "-DOCSTART-"]
    return bool(rows) and all(len(r) >= 2 for r in rows) and sum(bool(_TAG.match(r[-1])) for r in rows) >= len(rows) * 0.9


def _block_record(block: list[tuple[int, list[str]]], where: str) -> Record:
    record = Record(where)
    pieces: list[str] = []
    offset = 0
    spans: list[tuple[int, int, str]] = []
    current: list = []  # [start, end, label] of the open entity
    for number, columns in block:
        if not columns:
            if pieces:
                pieces[-1] += "\n"
            current = []
            continue
        if len(columns) < 2 or not _TAG.match(columns[-1]):
            tag = columns[-1] if len(columns) >= 2 else "(none)"
            return record.fail(f"line {number}: tag {tag!r} is not O, B-, I-, E-, S- (IOB2, IOB1 or BILUO)")
        if pieces and not pieces[-1].endswith("\n"):
            pieces[-1] += " "
        offset = sum(len(p) for p in pieces)
        token, tag = columns[0], columns[-1]
        pieces.append(token)
        end = offset + len(token)
        prefix, _, label = tag.partition("-")
        if prefix == "O":
            current = []
            continue
        continues = prefix in ("I", "E", "L") and current and current[2] == label
        if continues:
            current[1] = end
        else:  # B, S, U, or an I that follows something else (IOB1)
            current = [offset, end, label]
            spans.append(current)
        if prefix in ("E", "L", "S", "U"):
            current = []
    record.text = "".join(pieces)
    record.spans = checked_spans([tuple(s) for s in spans], record)
    return record
