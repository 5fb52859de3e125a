"""Where a full-text search's words occur in one article, to mark them (Qt-free).

>>> text = "Putin met Lukashenko. The leaders meet again; meetings follow."
>>> [text[s:e] for s, e in find_hits(text, "meeting")]
['meet', 'meetings']
>>> find_hits(text, "")
[]

The article list searches with SQLite FTS5 and the ``porter`` tokenizer (every
word of the query, any order, stemmed), so a hit here is a word whose stem is a
query word's stem, by a light suffix rule close to Porter's for English news.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)
# Longest first: "meetings" -> "meet", "reported" -> "report", "talks" -> "talk".
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s")
MAX_HITS = 5000  # a one-letter query in a long article: enough to page through, never a frozen view


def stem(word: str) -> str:
    """A word folded and its common English suffix removed (``"Meetings"`` -> ``"meet"``)."""
    word = word.casefold()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouslz":
                word = word[:-1]  # "planned" -> "plann" -> "plan"
            break
    # A final e goes, as in Porter's last step: "trade" and "trading" are one stem.
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def query_stems(query: str) -> set[str]:
    """The stems of a query's words (FTS operators and quotes are just words here)."""
    return {stem(w) for w in _WORD.findall(query or "")}


def find_hits(text: str, query: str, *, limit: int = MAX_HITS) -> list[tuple[int, int]]:
    """``(start, end)`` of each word of ``text`` matching a word of ``query``, in text order."""
    stems = query_stems(query)
    if not stems or not text:
        return []
    hits = []
    for match in _WORD.finditer(text):
        if stem(match.group()) in stems:
            hits.append((match.start(), match.end()))
            if len(hits) >= limit:
                break
    return hits
