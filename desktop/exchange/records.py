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
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop import store
from desktop.exchange.common import ExchangeError

# What an import reads at all: beyond these a file or a record is refused with its reason, before
# anything is applied (a parser must never recurse, or convert digits, without bound).
MAX_IMPORT_BYTES = 2 * 1024**3  # one file
MAX_JSON_DEPTH = 100  # Label Studio's export, the deepest we read, nests 8 levels
MAX_INT_DIGITS = 20  # an offset or a hash; SQLite's integers have 19 digits
MAX_LABEL_CHARS = 100


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
        if not (_is_int(start) and _is_int(end) and isinstance(label, str)):
            record.fail(f"span {i} needs integer start and end and a label")
            return None
        reason = label_problem(label)
        if reason:
            record.fail(f"span {i}: {reason}")
            return None
        if not 0 <= start < end <= len(text):
            record.fail(f"span {start}..{end} {label} is outside the text")
            return None
        if not text[start:end].strip():
            record.fail(f"span {start}..{end} {label} covers only whitespace")
            return None
        quoted = item.get("text") if isinstance(item, dict) else None
        if isinstance(quoted, str) and quoted.split() != text[start:end].split():
            # The span says which words it covers: offsets that point elsewhere are a wrong file, not a span.
            record.fail(f"span {start}..{end} {label} says {quoted[:40]!r} but the text there is "
                        f"{text[start:end][:40]!r}")
            return None
        span = {"start": start, "end": end, "label": label.strip(), **extra}
        if span.get("status") not in store.SPAN_STATUSES:
            span["status"] = "accepted"
        spans.append(span)
    return spans


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def label_problem(label: str) -> str:
    """Why ``label`` cannot be a span label (``""`` when it can): empty, too long, a line break or control.

    >>> label_problem("PERSON")
    ''
    >>> print(label_problem("PER\\nSON"))
    label 'PER\\nSON' holds a line break or a control character
    """
    name = label.strip()
    if not name:
        return "empty label"
    if len(name) > MAX_LABEL_CHARS:
        return f"label of {len(name):,} characters (the limit is {MAX_LABEL_CHARS})"
    if not name.isprintable():  # line breaks (\n, \r, U+2028...), tabs, control and format characters
        return f"label {name[:40]!r} holds a line break or a control character"
    return ""


# ---------------------------------------------------------------- JSON within limits

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_PAIR = re.compile(r"\[\]|\{\}")


class JSONLimitError(ValueError):
    """JSON that parses, but beyond what an import reads (too deep, an integer too long)."""


def _deeper_than(text: str, limit: int) -> bool:
    """Whether ``text``'s brackets nest more than ``limit`` levels (strings aside), in linear passes."""
    skeleton = _NOT_BRACKET.sub("", _STRING.sub("", text))
    for _ in range(limit):  # each pass removes the innermost level
        shorter = _PAIR.sub("", skeleton)
        if shorter == skeleton:
            return False
        skeleton = shorter
    return _PAIR.search(skeleton) is not None


def _bounded_int(digits: str) -> int:
    length = len(digits.lstrip("-"))
    if length > MAX_INT_DIGITS:
        raise JSONLimitError(f"an integer of {length:,} digits (the limit is {MAX_INT_DIGITS})")
    return int(digits)


def load_json(text: str) -> Any:
    """``json.loads`` within the import's limits.

    Raises :class:`JSONLimitError` for nesting deeper than :data:`MAX_JSON_DEPTH`
    or an integer longer than :data:`MAX_INT_DIGITS`, ``json.JSONDecodeError``
    for what is not JSON.

    >>> load_json('{"start": 0}')
    {'start': 0}
    >>> try:
    ...     load_json("[" * 101 + "]" * 101)
    ... except JSONLimitError as exc:
    ...     print(exc)
    nested more than 100 levels deep
    """
    if _deeper_than(text, MAX_JSON_DEPTH):
        raise JSONLimitError(f"nested more than {MAX_JSON_DEPTH} levels deep")
    try:
        return json.loads(text, parse_int=_bounded_int)
    except RecursionError:  # cannot happen under the depth limit; kept so no traceback ever can
        raise JSONLimitError("nested too deep to read") from None


def _reason(exc: ValueError) -> str:
    if isinstance(exc, JSONLimitError):
        return str(exc)
    return f"not JSON ({getattr(exc, 'msg', None) or exc})"


# ---------------------------------------------------------------- JSON and JSONL files


def json_items(path: Path) -> Iterator[tuple[str, Any, str]]:
    """``(where, item, reason)`` for every item of a JSON array, a JSON object or a JSONL file.

    An unreadable line gives ``item`` None and the reason; the other lines still count.
    A file none of whose lines can be read because of a limit (a JSON document
    nested too deep, an integer of thousands of digits) is one
    :class:`ExchangeError` naming it.
    """
    data = read_bytes(path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    stripped = data.lstrip()
    limit = ""
    if stripped[:1] in (b"[", b"{"):
        try:
            whole = load_json(data.decode("utf-8"))
        except JSONLimitError as exc:
            whole, limit = None, str(exc)  # JSONL with one bad line, or a document beyond a limit: see below
        except ValueError:
            whole = None  # JSONL (or broken JSON): read line by line below
        else:
            if isinstance(whole, list) and not _is_training_tuple(whole):
                for n, item in enumerate(whole, 1):
                    yield f"item {n}", item, ""
                return
            yield "line 1" if data.count(b"\n") <= 1 else "item 1", whole, ""
            return
    lines = list(_json_lines(data))
    if limit and not any(isinstance(item, (dict, list)) for _, item, _ in lines):  # no line is a record
        raise ExchangeError(f"cannot read {path.name}: its JSON is {limit}; nothing was imported")
    yield from lines


def _json_lines(data: bytes) -> Iterator[tuple[str, Any, str]]:
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
            yield f"line {number}", load_json(line), ""
        except ValueError as exc:
            yield f"line {number}", None, _reason(exc)


def _is_training_tuple(value: list) -> bool:
    # spaCy v2's ["text", {"entities": [...]}] is a list too, but one record, not an array of them.
    return len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], dict)


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file up to :data:`MAX_IMPORT_BYTES`, or :class:`ExchangeError` saying why not.

    A FIFO or a device (``/dev/zero``) is refused before it is opened: reading one never ends.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ExchangeError(f"cannot read {path}: not a regular file")
        if info.st_size > MAX_IMPORT_BYTES:
            raise ExchangeError(f"cannot read {path}: {info.st_size / 1024**3:.1f} GB, the limit for an import "
                                f"file is {MAX_IMPORT_BYTES // 1024**3} GB")
        with path.open("rb") as handle:
            return handle.read(MAX_IMPORT_BYTES + 1)
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
