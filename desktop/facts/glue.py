"""Words a scraped page glued together ("visitMoscow", "talksin Sochi"), read apart for extraction.

>>> from desktop.facts.rules import FactRules
>>> rules = FactRules.from_dict({"glued": {"heads": ["visit", "talks"], "words": ["to", "in", "and"]}})
>>> unglued = unglue("Tokayev will visitMoscow, after talksin Sochi andCIS summits.", rules)
>>> unglued.text
'Tokayev will visit Moscow, after talks in Sochi and CIS summits.'
>>> unglued.back(unglued.text.index("Moscow"))
18

Pages whose markup lost a space between two words ("is set to visitMoscow on May 8", "Putin's visitto
Kazakhstan") hide a meeting word or a place from every phrase of the profile. Two kinds of join are read
apart, both from the profile's ``[facts.glued]`` lists: one of its ``heads`` (meeting and visit words) or
``words`` (short function words) followed by a capital ("visitMoscow", "andCIS"), and one of its ``heads``
followed by one of its ``words`` ending the run ("visitto", "talksin"). Two short words together are left as
they are ("into", "within" are words). Extraction runs on the text with a space put in at each join; its
offsets are mapped back to the stored text (:meth:`Unglued.back`), so facts cite the article as it is.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Any


@dataclass
class Unglued:
    """A text with spaces put in at its joins; ``inserted`` are their offsets in ``text`` (sorted)."""

    text: str
    inserted: list[int]
    _at: list[int]  # the joins' offsets in the stored text: a space goes before each

    def forward(self, pos: int, *, end: bool = False) -> int:
        """Offset ``pos`` of the stored text in ``text`` (an ``end`` offset stays before a space put in at it)."""
        return pos + (bisect.bisect_left(self._at, pos) if end else bisect.bisect_right(self._at, pos))

    def back(self, pos: int) -> int:
        """Offset ``pos`` of ``text`` in the stored text."""
        return pos - bisect.bisect_left(self.inserted, pos)


@functools.lru_cache(maxsize=32)
def _pattern(heads: frozenset[str], words: frozenset[str]) -> re.Pattern | None:
    if not heads and not words:
        return None
    alternation = lambda items: "|".join(sorted(map(re.escape, items), key=len, reverse=True))  # noqa: E731
    left = alternation(heads | words)
    after = rf"(?:{alternation(words)})(?![^\W\d_])" if words else r"(?!)"
    # The left word from a word's start, case ignored for it alone; then a capital, or a short word ending the run.
    return re.compile(rf"(?<![^\W\d_])(?i:(?P<left>{left}))(?=(?P<capital>[A-Z])|(?i:{after}))")


def _lists(rules: Any) -> tuple[frozenset[str], frozenset[str]]:
    table = (rules.raw.get("glued") or {}) if rules.raw else {}
    fold = lambda items: frozenset(w.casefold() for w in items if w and w.strip() and " " not in w.strip())  # noqa: E731
    return fold(table.get("heads", [])), fold(table.get("words", []))


def unglue(text: str, rules: Any) -> Unglued | None:
    """``text`` with a space at each join the profile's ``[facts.glued]`` lists tell, or None when it has none."""
    heads, words = _lists(rules)
    pattern = _pattern(heads, words)
    if pattern is None:
        return None
    at = []
    for m in pattern.finditer(text):
        left = m.group("left").casefold()
        if m.group("capital") is None and left not in heads:
            continue  # two short words: "into", "within"
        if m.group("capital") is not None and m.group("left")[-1].isupper():
            continue  # "ANDCIS" is a word in capitals, not a join
        at.append(m.end())
    if not at:
        return None
    pieces, last = [], 0
    for pos in at:
        pieces += [text[last:pos], " "]
        last = pos
    pieces.append(text[last:])
    return Unglued("".join(pieces), [pos + k for k, pos in enumerate(at)], at)
