"""brat standoff: a ``.txt`` file and its ``.ann`` beside it, read from a folder and written to one.

Text-bound annotations (``T1<TAB>LABEL START END<TAB>text``) are spans; a
normalization (``N1<TAB>Reference T1 article-review:ENTITY<TAB>name``) carries
the canonical entity. Offsets are code points into the ``.txt`` read as it is
(line ends included). A span over a line end is written as fragments split
there (``0 5;6 14``), as brat does; a discontinuous annotation with words in its
gap has no span to become, and its file is an error.

>>> record = Record("a.ann", text="Putin met Lukashenko.")
>>> parse_ann("T1\\tPERSON 0 5\\tPutin\\nN1\\tReference T1 article-review:putin\\tPutin\\n", record)
>>> [(s["start"], s["end"], s["label"], s["entity"]) for s in record.spans]
[(0, 5, 'PERSON', 'putin')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from desktop.exchange.common import ExchangeError, ExportProgress, ExportResult, atomic_folder
from desktop.exchange.documents import check, decided_spans, document_rows, export_documents
from desktop.exchange.records import Record, checked_spans, read_text

NAMESPACE = "article-review"  # the normalization database name our export writes


def read_path(path: Path) -> Iterator[Record]:
    """A :class:`Record` for every ``.ann`` under ``path`` (a folder), or for ``path`` itself (an ``.ann``)."""
    if path.is_dir():
        anns = sorted(p for p in path.rglob("*.ann") if not any(part.startswith(".") for part in p.parts))
        if not anns:
            raise ExchangeError(f"{path} holds no brat .ann files")
        root = path
    else:
        anns, root = [path], path.parent
    for ann in anns:
        where = ann.relative_to(root).as_posix()
        txt = ann.with_suffix(".txt")
        record = Record(where, meta={"file": txt.relative_to(root).as_posix()})
        if not txt.is_file():
            yield record.fail(f"no {txt.name} beside it: brat offsets need the text")
            continue
        try:
            record.text = read_text(txt)
            parse_ann(read_text(ann), record)
        except ExchangeError as exc:
            record.fail(str(exc))
        yield record


def parse_ann(content: str, record: Record) -> None:
    """Read the ``.ann`` lines into ``record.spans`` (or ``record.error``)."""
    spans: dict[str, tuple[int, int, str]] = {}
    entities: dict[str, str] = {}
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        ident = fields[0]
        if ident.startswith("T"):
            if len(fields) < 2:
                record.fail(f"line {number}: a text-bound annotation needs 'LABEL START END'")
                return
            label, _, offsets = fields[1].partition(" ")
            try:
                fragments = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
                if any(len(f) != 2 for f in fragments):
                    raise ValueError
            except ValueError:
                record.fail(f"line {number}: cannot read offsets {offsets!r}")
                return
            gaps = [record.text[a[1]:b[0]] for a, b in zip(fragments, fragments[1:])]
            if any(gap.strip() for gap in gaps):
                # brat splits a span at line ends; only a gap holding words is truly discontinuous.
                record.fail(f"line {number}: {ident} is discontinuous ({offsets}); a span has one start and end")
                return
            spans[ident] = (fragments[0][0], fragments[-1][1], label)
        elif ident.startswith("N") and len(fields) >= 2:
            parts = fields[1].split()
            if len(parts) == 3 and parts[2].startswith(NAMESPACE + ":"):
                entities[parts[1]] = parts[2][len(NAMESPACE) + 1:]
        # Relations (R), events (E), attributes (A/M) and notes (#) say nothing about spans.
    checked = checked_spans(list(spans.values()), record)
    if checked is None:
        return
    for ident, span in zip(spans, checked):
        if ident in entities:
            span["entity"] = entities[ident]
    record.spans = checked


# ---------------------------------------------------------------- writing


def file_names(paths: list[str]) -> dict[str, str]:
    """A ``.txt``/``.ann`` stem for each document path: the path without its suffix, unique.

    >>> file_names(["a.txt", "a.html", "sub/b.md"])
    {'a.txt': 'a', 'a.html': 'a_html', 'sub/b.md': 'sub/b'}
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for path in paths:
        stem = PurePosixPath(path).with_suffix("").as_posix()
        if stem in taken:
            stem = PurePosixPath(path).as_posix().replace(".", "_")
        taken.add(stem)
        names[path] = stem
    return names


def ann_lines(text: str, spans: list[dict[str, Any]]) -> str:
    """The ``.ann`` content: a T line per span (split at line ends), an N line per entity link."""
    lines = []
    for n, span in enumerate(spans, 1):
        fragments, start = [], span["start"]
        for match in re.finditer(r"\s*\n\s*", text[span["start"]:span["end"]]):
            fragments.append((start, span["start"] + match.start()))
            start = span["start"] + match.end()
        fragments.append((start, span["end"]))
        offsets = ";".join(f"{a} {b}" for a, b in fragments)
        surface = " ".join(text[a:b] for a, b in fragments)
        lines.append(f"T{n}\t{span['label']} {offsets}\t{surface}")
    links = [(n, span) for n, span in enumerate(spans, 1) if span.get("entity_id")]
    for k, (n, span) in enumerate(links, 1):
        lines.append(f"N{k}\tReference T{n} {NAMESPACE}:{span['entity_id']}\t{span['entity_id']}")
    return "".join(line + "\n" for line in lines)


def write_folder(db, path, result: ExportResult, *, all, cancel, **_):
    """A brat folder: ``<file>.txt`` and ``<file>.ann`` per document, and ``annotation.conf``."""
    ids = export_documents(db, all=all)
    yield ExportProgress(0, len(ids), "reading")
    labels: set[str] = set()
    with atomic_folder(path) as folder:
        rows = list(document_rows(db, ids, result, all=all, cancel=cancel))
        names = file_names([row["path"] for row, _ in rows])
        for n, (row, spans) in enumerate(rows, 1):
            check(cancel)
            decided = decided_spans(row, spans)
            labels.update(s["label"] for s in decided)
            target = folder / names[row["path"]]
            target.parent.mkdir(parents=True, exist_ok=True)
            # newline="": the offsets count the text's own line ends.
            target.with_name(target.name + ".txt").write_text(row["text"], encoding="utf-8", newline="")
            target.with_name(target.name + ".ann").write_text(ann_lines(row["text"], decided),
                                                              encoding="utf-8", newline="")
            result.documents += 1
            result.records += 1
            result.spans += len(decided)
            yield ExportProgress(n, len(ids), row["path"])
        conf = "[entities]\n" + "".join(f"{label}\n" for label in sorted(labels))
        (folder / "annotation.conf").write_text(conf + "\n[relations]\n\n[events]\n\n[attributes]\n",
                                                encoding="utf-8")
