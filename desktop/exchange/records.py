"""What every import format is read into: a :class:`Record` (a text, its spans, an answer).

>>> record = Record("line 1", text="Putin met Lukashenko.")
>>> record.spans = checked_spans([(0, 5, "PERSON"), {"start": 10, "end": 20, "label": "PERSON"}], record)
>>> [(s["start"], s["end"], s["label"]) for s in record.spans], record.error
([(0, 5, 'PERSON'), (10, 20, 'PERSON')], '')
>>> checked_spans([(0, 99, "PERSON")], record), record.error
(None, 'span 0..99 PERSON is outside the text')

A record whose spans cannot be read is an error for the whole record: applying
the rest would reject, in the article, the span that could not be read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop import store
from desktop.exchange.common import ExchangeError


@dataclass
class Record:
    """One annotated text of an import file, in the article's terms.

    ``spans`` holds dicts with ``start``, ``end`` (offsets into ``text``), ``label``
    and optionally ``status``, ``source``, ``entity``. ``binary``: an accept says
    only that these spans are right, nothing about the rest of the text (Prodigy's
    ``ner`` view). ``error`` says why the record cannot be applied.
    """

    where: str
    text: str | None = None
    spans: list[dict[str, Any]] | None = None
    answer: str = "accept"
    meta: dict[str, Any] = field(default_factory=dict)
    binary: bool = False
    error: str = ""
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def of_text(cls, item: Any, where: str) -> "Record":
        """A record for a JSON object with a ``text`` field (failed when it is no object or has none)."""
        record = cls(where)
        if not isinstance(item, dict):
            return record.fail("not a JSON object")
        record.text = item.get("text")
        if not isinstance(record.text, str):
            return record.fail("no 'text' field")
        return record

    def fail(self, reason: str) -> "Record":
        """Mark the record unreadable (the first reason wins) and return it."""
        if not self.error:
            self.error = reason
        self.spans = None
        return self


def checked_spans(raw: Iterable[Any], record: Record) -> list[dict[str, Any]] | None:
    """Spans given as ``(start, end, label)`` or dicts, checked against ``record.text``.

    Returns ``None`` (and sets ``record.error``) when any of them cannot be read.
    """
    text = record.text or ""
    spans = []
    for i, item in enumerate(raw):
        if isinstance(item, dict):
            start, end, label = item.get("start"), item.get("end"), item.get("label")
            extra = {k: item[k] for k in ("status", "source", "entity") if k in item}
        elif isinstance(item, (list, tuple)) and len(item) >= 3:
            start, end, label = item[0], item[1], item[2]
            extra = {}
        else:
            record.fail(f"span {i} is neither an object nor a (start, end, label) triple")
            return None
        if not (_is_int(start) and _is_int(end) and isinstance(label, str) and label.strip()):
            record.fail(f"span {i} needs integer start and end and a label")
            return None
        if not 0 <= start < end <= len(text):
            record.fail(f"span {start}..{end} {label} is outside the text")
            return None
        if not text[start:end].strip():
            record.fail(f"span {start}..{end} {label} covers only whitespace")
            return None
        span = {"start": start, "end": end, "label": label.strip(), **extra}
        if span.get("status") not in store.SPAN_STATUSES:
            span["status"] = "accepted"
        spans.append(span)
    return spans


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# ---------------------------------------------------------------- JSON and JSONL files


def json_items(path: Path) -> Iterator[tuple[str, Any, str]]:
    """``(where, item, reason)`` for every item of a JSON array, a JSON object or a JSONL file.

    An unreadable line gives ``item`` None and the reason; the other lines still count.
    """
    data = read_bytes(path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    stripped = data.lstrip()
    if stripped[:1] in (b"[", b"{"):
        try:
            whole = json.loads(data.decode("utf-8"))
        except ValueError:
            whole = None  # JSONL (or broken JSON): read line by line below
        else:
            if isinstance(whole, list) and not _is_training_tuple(whole):
                for n, item in enumerate(whole, 1):
                    yield f"item {n}", item, ""
                return
            yield "line 1" if data.count(b"\n") <= 1 else "item 1", whole, ""
            return
    for number, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            # Each line on its own: one bad line is reported, the others still apply.
            yield f"line {number}", None, "not UTF-8 text"
            continue
        try:
            yield f"line {number}", json.loads(line), ""
        except ValueError as exc:
            yield f"line {number}", None, f"not JSON ({exc.msg})"


def _is_training_tuple(value: list) -> bool:
    # spaCy v2's ["text", {"entities": [...]}] is a list too, but one record, not an array of them.
    return len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], dict)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or :class:`ExchangeError` with the OS's reason."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ExchangeError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_text(path: Path) -> str:
    """A UTF-8 text file exactly as written (line ends kept: offsets count them)."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExchangeError(f"{path} is not UTF-8 text") from None


def item_shape(item: Any) -> str:
    """The format a JSON item looks like: prodigy, doccano, label-studio, spacy, or ``""``."""
    if isinstance(item, list):
        return "spacy" if _is_training_tuple(item) else ""
    if not isinstance(item, dict):
        return ""
    if isinstance(item.get("data"), dict):
        return "label-studio"
    entities = item.get("entities")
    if isinstance(entities, list) and entities:
        if all(isinstance(e, dict) and "start_offset" in e for e in entities):
            return "doccano"
        if all(isinstance(e, (list, tuple)) for e in entities):
            return "spacy"
    for key in ("label", "labels"):
        value = item.get(key)
        if isinstance(value, list) and value and all(isinstance(v, (list, tuple)) for v in value):
            return "doccano"
    if any(isinstance(v, list) and v and all(isinstance(x, dict) and "labels" in x and "start" in x for x in v)
           for v in item.values()):
        return "label-studio"  # JSON-MIN: the spans sit under the labelling config's from_name
    if "spans" in item:
        return "prodigy"
    if isinstance(entities, list):
        return "spacy"
    if isinstance(item.get("label"), list) and "text" in item:
        return "doccano"  # every "label" list is empty, or holds categories (the reader says which)
    return ""
