"""The profile's phrase patterns run on lower-cased text, without IGNORECASE: the same matches, ~5x faster.

>>> from desktop.facts.rules import _phrase_regex
>>> talks = _phrase_regex(["talks", "summit"])
>>> text = "The Summit ended. Talks went on."
>>> [m.group() for m in finditer(talks, text, fold_for_scan(text))]
['Summit', 'Talks']

A phrase pattern (:func:`desktop.facts.rules._compile_phrases`) is a trie of lower-case characters
compiled with IGNORECASE, and ``re`` cannot skip ahead to the letters a trie starts with when case is
ignored: it tries the trie at every character of the text. Compiled without IGNORECASE (its *twin*) and
run on the text lower-cased character for character, it skips, and finds the same matches at the same
offsets (a 19 MB article: its meeting anchors alone went from ~3 s to ~0.6 s). That holds when every
character of the text and of the pattern folds under IGNORECASE as ``str.lower`` folds it; a text with a
character that does not (the long s, the dotless i, a capital sigma, a letter that lowers to two) is
scanned as before (:func:`fold_for_scan` gives None). Every match handed out is the original pattern's own,
matched again at the twin's offset.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@functools.lru_cache(maxsize=8192)
def _folds_plainly(char: str) -> bool:
    """Whether IGNORECASE matches ``char`` exactly to the characters whose ``str.lower`` is its own."""
    low = char.lower()
    if len(low) != 1 or char in "\u03a3\u03c2\u03c3":  # two characters; sigma's lower case depends on the word
        return False
    for other in {char.upper(), char.casefold(), char.title(), low.upper(), char.upper().lower()}:
        # IGNORECASE also joins characters whose lower cases differ ("ſ" and "s" through "S"): not plain.
        if len(other) == 1 and other.lower() != low and re.fullmatch(re.escape(other), char, re.IGNORECASE):
            return False
    return True


def fold_for_scan(text: str) -> str | None:
    """``text`` lower-cased for the twins (same length, same offsets), or None when it has a character
    IGNORECASE folds otherwise than ``str.lower`` (then patterns are run on the text as they are)."""
    if not text.isascii() and not all(_folds_plainly(c) for c in set(_NON_ASCII.findall(text))):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


_PHRASE_PATTERNS: dict[re.Pattern, frozenset[str]] = {}  # made by rules._compile_phrases (cached there, so few)


def register(pattern: re.Pattern, phrases: frozenset[str]) -> re.Pattern:
    """Mark ``pattern`` as the trie of ``phrases`` (literals, ``\\s+``, ``(?<![\\w'].)``, ``(?!\\w)``): twins
    are made only of those, whose matches depend on nothing but the characters they cover and their neighbours."""
    _PHRASE_PATTERNS[pattern] = phrases
    return pattern


@functools.lru_cache(maxsize=64)
def _union(patterns: tuple[re.Pattern, ...], case: bool) -> re.Pattern | None:
    """One trie of all the phrases of ``patterns`` (case-keeping ones if ``case``, else case-ignoring ones,
    lower-cased, for the lower-cased text): where one of them matches, it matches too."""
    from desktop.facts.rules import _compile_phrases

    chosen = [p for p in patterns if bool(p.flags & re.IGNORECASE) != case]
    if case:
        phrases = frozenset(phrase for p in chosen for phrase in _PHRASE_PATTERNS[p])
    else:
        phrases = frozenset(phrase.lower() for p in chosen for phrase in _PHRASE_PATTERNS[p])
        if not all(_folds_plainly(c) for phrase in phrases for c in phrase if not c.isascii()):
            return None
    return _compile_phrases(phrases, 0) if phrases else None


@functools.lru_cache(maxsize=512)
def twin(pattern: re.Pattern) -> re.Pattern | None:
    """``pattern`` without IGNORECASE, for lower-cased text; None when it is not a case-ignoring phrase trie
    or holds a character that does not fold plainly."""
    if pattern not in _PHRASE_PATTERNS or not pattern.flags & re.IGNORECASE:
        return None
    if not all(_folds_plainly(c) for c in set(pattern.pattern) if not c.isascii()):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def finditer(pattern: re.Pattern, text: str, low: str | None) -> list[re.Match]:
    """``list(pattern.finditer(text))``, found through the twin on ``low`` (:func:`fold_for_scan` of ``text``)."""
    fast = twin(pattern) if low is not None else None
    if fast is None:
        return list(pattern.finditer(text))
    found = []
    for hit in fast.finditer(low):
        match = pattern.match(text, hit.start())
        if match is None or match.end() != hit.end():  # never, if the folding above is right: be exact anyway
            return list(pattern.finditer(text))
        found.append(match)
    return found


class SentenceHits:
    """Which sentences of a document a phrase pattern can match in: one scan of the whole text per pattern.

    A phrase trie's match inside a sentence is found by a scan of the whole text too, or a match of the
    whole text overlaps that sentence (the sentence's neighbours are spaces, which its edges' assertions
    treat as they treat the sentence's ends; a hard-wrapped sentence's text reads its newlines as spaces,
    which a trie's ``\\s+`` and assertions treat alike); so a sentence no match of the whole text touches has none.
    A case-keeping trie is scanned as it is; other patterns, and case-ignoring tries on a text that does not
    fold plainly, are run on every sentence as before.
    """

    def __init__(self, text: str, sentences: Iterable[Any]):
        self.text = text
        self.low = fold_for_scan(text)
        self.sentences = list(sentences)
        self._starts = [s.start for s in self.sentences]
        self._hits: dict[re.Pattern, set[int] | None] = {}

    def may_match(self, pattern: re.Pattern, sentence: Any) -> bool:
        """False only when ``pattern`` has no match in ``sentence.text``."""
        if pattern not in self._hits:
            self._hits[pattern] = self._scan(pattern)
        hits = self._hits[pattern]
        return hits is None or sentence.index in hits

    def any_may_match(self, patterns: Iterable[re.Pattern]) -> set[int] | None:
        """The sentences (indices) one of ``patterns`` may match in, or None for all of them.

        One scan of the trie of all their phrases, not one per pattern: a phrase of one of them that
        matches in a sentence is a phrase of that trie (its longer phrases tried first, then it).
        """
        patterns = tuple(patterns)
        if not all(p in _PHRASE_PATTERNS for p in patterns):
            return None
        if any(p.flags & re.IGNORECASE for p in patterns):
            if self.low is None:
                return None
            ignoring = _union(patterns, False)
            if ignoring is None:
                return None
        else:
            ignoring = None
        keeping = _union(patterns, True)
        found = self._sentences_touched(ignoring, self.low) if ignoring is not None else set()
        return found | self._sentences_touched(keeping, self.text) if keeping is not None else found

    def _scan(self, pattern: re.Pattern) -> set[int] | None:
        if pattern in _PHRASE_PATTERNS and not pattern.flags & re.IGNORECASE:
            fast, text = pattern, self.text  # case kept: re skips to its first letters already
        else:
            fast, text = (twin(pattern), self.low) if self.low is not None else (None, None)
        if fast is None:
            return None
        return self._sentences_touched(fast, text)

    def _sentences_touched(self, fast: re.Pattern, text: str) -> set[int]:
        import bisect

        hits: set[int] = set()
        for match in fast.finditer(text):
            # Every sentence [start, end) the match [a, b) overlaps (an empty match: the one it is in).
            a, b = match.span()
            i = max(0, bisect.bisect_right(self._starts, a) - 1)
            while i < len(self.sentences) and self.sentences[i].start < max(b, a + 1):
                if self.sentences[i].end >= a:
                    hits.add(self.sentences[i].index)
                i += 1
        return hits
