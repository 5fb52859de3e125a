"""brat standoff: a ``.txt`` file and its ``.ann`` beside it.

Text-bound annotations (``T1<TAB>LABEL START END<TAB>text``) are spans; a
normalization (``N1<TAB>Reference T1 article-review:ENTITY<TAB>name``) carries
the canonical entity. Offsets are code points into the ``.txt`` read as it is
(line ends included). A discontinuous annotation (``0 5;9 14``) has no span to
become: its file is an error.

>>> record = Record("a.ann", text="Putin met Lukashenko.")
>>> parse_ann("T1\\tPERSON 0 5\\tPutin\\nN1\\tReference T1 article-review:putin\\tPutin\\n", record)
>>> [(s["start"], s["end"], s["label"], s["entity"]) for s in record.spans]
[(0, 5, 'PERSON', 'putin')]
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from desktop.exchange.common import ExchangeError
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
            if ";" in offsets:
                record.fail(f"line {number}: {ident} is discontinuous ({offsets}); a span has one start and end")
                return
            try:
                start, end = (int(x) for x in offsets.split())
            except ValueError:
                record.fail(f"line {number}: cannot read offsets {offsets!r}")
                return
            spans[ident] = (start, end, label)
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
