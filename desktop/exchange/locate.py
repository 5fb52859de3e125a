"""Where a record's text sits in the project: a whole article, or a sentence or paragraph inside one.

>>> locator = Locator([(1, "a.txt", "Putin met Lukashenko.\\nThey talked.")])
>>> (place,) = locator.place("They  talked.", hint=None)
>>> place.doc_id, place.whole, place.lo, place.hi, place.span(0, 4)
(1, False, 22, 34, (22, 26))

Texts are compared exactly first; then with whitespace ignored, which is how a
CoNLL file (tokens joined by spaces) or a re-wrapped sentence finds its article.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.exchange.common import text_hash


def compact(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and where each of its characters sits in ``text``."""
    positions = [i for i, char in enumerate(text) if not char.isspace()]
    return "".join(text[i] for i in positions), positions


@dataclass
class Placement:
    """A record's text found in a document: ``lo..hi`` in the document, and how offsets map."""

    doc_id: int
    lo: int
    hi: int
    whole: bool
    shift: int | None = None  # exact match: document offset = record offset + shift
    record_positions: list[int] | None = None  # whitespace-insensitive match: both compact maps
    doc_positions: list[int] | None = None
    first: int = 0  # index of the record's first compact character in the document's compact text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The document offsets of the record's ``start..end``."""
        if self.shift is not None:
            return start + self.shift, end + self.shift
        first = bisect_left(self.record_positions, start)
        last = bisect_left(self.record_positions, end) - 1
        return self.doc_positions[self.first + first], self.doc_positions[self.first + last] + 1


class Locator:
    """Finds records' texts in the project's documents (``(id, path, text)`` rows)."""

    def __init__(self, documents: Iterable[tuple[int, str, str]]):
        self.texts: dict[int, str] = {}
        self.by_hash: dict[str, list[int]] = defaultdict(list)
        self.by_path: dict[str, int] = {}
        for doc_id, path, text in documents:
            self.texts[doc_id] = text
            self.by_hash[text_hash(text)].append(doc_id)
            self.by_path[path] = doc_id
        self._compact: dict[int, tuple[str, list[int]]] = {}
        self._used: dict[tuple[int, str], int] = defaultdict(int)  # occurrences already given out

    def _compact_of(self, doc_id: int) -> tuple[str, list[int]]:
        if doc_id not in self._compact:
            self._compact[doc_id] = compact(self.texts[doc_id])
        return self._compact[doc_id]

    def place(self, text: str, *, hint: str | None) -> list[Placement]:
        """Every document ``text`` belongs to (none: not found).

        A whole article's text gives every document with that text. A part of an
        article gives its next unused occurrence in each document holding it, so
        a file of sentence tasks fills an article's repeated sentences in order;
        ``hint`` (a file the record names) narrows the search to that document.
        """
        whole = self.by_hash.get(text_hash(text))
        if whole:
            return [Placement(d, 0, len(text), True, shift=0) for d in whole]
        if not text.strip():
            return []
        candidates = [self.by_path[hint]] if hint in self.by_path else list(self.texts)
        found = [p for d in candidates if (p := self._find(d, text)) is not None]
        if not found and hint in self.by_path:
            found = [p for d in self.texts if (p := self._find(d, text)) is not None]
        return found

    def _find(self, doc_id: int, text: str) -> Placement | None:
        doc_text = self.texts[doc_id]
        key = (doc_id, text_hash(text))
        nth = self._used[key]
        at = _nth(doc_text, text, nth)
        if at >= 0:
            self._used[key] += 1
            return Placement(doc_id, at, at + len(text), False, shift=at)
        if nth and doc_text.find(text) >= 0:
            return None  # exact occurrences, all used up: no looser match for this one
        chars, positions = compact(text)
        doc_chars, doc_positions = self._compact_of(doc_id)
        first = _nth(doc_chars, chars, nth)
        if first < 0:
            return None
        self._used[key] += 1
        lo, hi = doc_positions[first], doc_positions[first + len(chars) - 1] + 1
        whole = len(chars) == len(doc_chars)
        return Placement(doc_id, 0 if whole else lo, len(doc_text) if whole else hi, whole,
                         record_positions=positions, doc_positions=doc_positions, first=first)


def _nth(haystack: str, needle: str, nth: int) -> int:
    """Where the ``nth`` (0-based) occurrence of ``needle`` starts, or -1."""
    at = -1
    for _ in range(nth + 1):
        at = haystack.find(needle, at + 1)
        if at < 0:
            return -1
    return at
