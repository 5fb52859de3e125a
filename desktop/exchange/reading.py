"""Which format an import file is in, and its records.

>>> FORMAT_NAMES["doccano"]
'doccano JSONL'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop.exchange import brat, conll, doccano, label_studio, prodigy, spacy_formats
from desktop.exchange.common import ExchangeError
from desktop.exchange.records import Record, item_shape, json_items, read_bytes

FORMAT_NAMES = {
    "jsonl": "Article Review JSONL",
    "prodigy": "Prodigy JSONL",
    "doccano": "doccano JSONL",
    "label-studio": "Label Studio JSON",
    "spacy": "spaCy (start, end, label) records",
    "docbin": "spaCy DocBin",
    "brat": "brat standoff",
    "conll": "CoNLL / IOB",
}
IMPORT_FORMATS = ("auto", *FORMAT_NAMES)
ITEM_READERS = {
    "jsonl": prodigy.read_item,
    "prodigy": prodigy.read_item,
    "doccano": doccano.read_item,
    "label-studio": label_studio.read_item,
    "spacy": spacy_formats.read_item,
}
SNIFF_ITEMS = 50


def read(path: Path, fmt: str = "auto") -> tuple[str, Iterator[Record]]:
    """The format of ``path`` (``fmt``, or detected when ``auto``) and its records."""
    if fmt not in IMPORT_FORMATS:
        raise ExchangeError(f"unknown import format {fmt!r}: choose one of {', '.join(IMPORT_FORMATS)}")
    if fmt == "auto":
        fmt = detect(path)
    if path.is_dir() and fmt != "brat":
        raise ExchangeError(f"{path} is a folder: only brat standoff is read from a folder")
    if fmt == "brat":
        return fmt, brat.read_path(path)
    if fmt == "conll":
        return fmt, conll.read_path(path)
    if fmt == "docbin":
        return fmt, spacy_formats.read_docbin(path)
    reader = ITEM_READERS[fmt]
    return fmt, (Record(where).fail(reason) if reason else reader(item, where)
                 for where, item, reason in json_items(path))


def detect(path: Path) -> str:
    """The import format ``path`` looks like; :class:`ExchangeError` when it looks like none."""
    if path.is_dir() or path.suffix == ".ann":
        return "brat"
    head = read_bytes(path)[:1 << 16]
    if path.suffix == ".spacy" or head[:2] in (b"\x78\x01", b"\x78\x5e", b"\x78\x9c", b"\x78\xda"):
        # A DocBin is zlib-compressed msgpack: the zlib header gives it away.
        return "docbin"
    text = head.decode("utf-8-sig", errors="replace")
    if text.lstrip()[:1] in ("[", "{"):
        return _json_shape(path)
    if conll.looks_like(text):
        return "conll"
    raise ExchangeError(f"cannot tell the format of {path.name}: not JSON, JSONL, CoNLL, brat or a DocBin; "
                        "name it with --format")


def _json_shape(path: Path) -> str:
    votes: Counter[str] = Counter()
    ours = 0
    for n, (_, item, _) in enumerate(json_items(path)):
        if n >= SNIFF_ITEMS:
            break
        shape = item_shape(item)
        if shape:
            votes[shape] += 1
        ours += shape == "prodigy" and _is_ours(item)
    if not votes:
        return "prodigy"  # the reader says, record by record, what is missing
    shape = votes.most_common(1)[0][0]
    return "jsonl" if shape == "prodigy" and ours * 2 >= votes[shape] else shape


def _is_ours(item: Any) -> bool:
    meta = item.get("meta")
    return isinstance(meta, dict) and "file" in meta and "hash" in meta
