"""ends_before reads only a text's tail and says what a search of the whole text says (issue 15: a 5 MB line).

The three end-anchored patterns it serves, on tails written to defeat the shortcut: the words far apart
across long runs of spaces, tabs and newlines, near misses, and ends in the middle of words.
"""

from __future__ import annotations

import random

import pytest

from desktop.facts.meetings import _THAT_BEFORE
from desktop.facts.participants import _AT
from desktop.facts.status import _FUTURE_AUX
from desktop.facts.text_tail import ends_before


def _texts(rng: random.Random, words: list[str]) -> list[str]:
    spaces = [" ", "  ", "\t", "\n", " " * 150, " " * 400, "\u00a0" * 250, " \n " * 90]
    out = []
    for _ in range(300):
        parts = [rng.choice(["Lukashenko met Putin.", "x" * rng.randint(1, 300), "talks"])]
        for _ in range(rng.randint(1, 8)):
            parts.append(rng.choice(spaces))
            parts.append(rng.choice(words))
        parts.append(rng.choice(spaces))
        out.append("".join(parts))
    return out


@pytest.mark.parametrize(("pattern", "letters", "words"), [
    (_FUTURE_AUX, 16, ["to", "will", "would", "shall", "'ll", "not", "be", "have", "been", "Will", "bee", "tobe"]),
    (_AT, 10, ["in", "at", "to", "near", "outside", "inside", "the", "The", "inn", "at"]),
    (_THAT_BEFORE, 4, ["that", "this", "the", "its", "thats", "it"]),
], ids=["future-aux", "at", "that-before"])
def test_same_answer_as_a_search_of_the_whole_text(pattern, letters, words):
    rng = random.Random(15)
    seen = {True: 0, False: 0}
    for text in _texts(rng, words):
        for end in {len(text), len(text) - 1, rng.randrange(len(text) + 1)}:
            expected = pattern.search(text, 0, end) is not None
            assert ends_before(pattern, text, end, letters=letters) is expected, (text[-60:], end)
            seen[expected] += 1
    assert seen[True] > 20 and seen[False] > 20


def test_a_match_across_a_long_run_of_spaces_is_found():
    text = "It said the talks will" + " " * 500 + "be "
    assert ends_before(_FUTURE_AUX, text, len(text), letters=16)
    assert not ends_before(_FUTURE_AUX, "x" * 1000 + " will be held", 1013, letters=16)
