r"""Whether a pattern anchored at its end (``...$``) matches just before an offset, reading only the text's tail.

>>> import re
>>> to_be = re.compile(r"\b(?:to|will)\s+be\s+$")
>>> ends_before(to_be, "The talks will be held.", 18, letters=6)
True

``pattern.search(text, 0, end)`` tries the pattern at every offset before ``end``: asked once per
marker of a long sentence (a 5 MB line is one sentence) that is quadratic. A match ending at ``end``
holds at most ``letters`` characters that are not spaces, so unless the last ``reach`` characters are
nearly all spaces it starts within them, and searching those alone says the same.
"""

from __future__ import annotations

import re

REACH = 200


def ends_before(pattern: re.Pattern, text: str, end: int, *, letters: int, reach: int = REACH) -> bool:
    """``bool(pattern.search(text, 0, end))`` for a ``$``-anchored ``pattern`` whose matches hold at most
    ``letters`` non-space characters (count them from the pattern), in time bounded by ``reach``."""
    start = max(0, end - reach)
    if start and sum(map(len, text[start:end].split())) <= letters:
        start = 0  # the tail is nearly all spaces: a match may begin before it
    return pattern.search(text, start, end) is not None
