"""A title shared by a list of countries: "the Presidents of Tajikistan, Kazakhstan and Russia", "the leaders of
Russia, Belarus and Armenia", "heads of state of Belarus, Kazakhstan and Russia".

The title (one of the profile's ``[facts.phrases] shared_titles``, in the plural) applies to each country the
list coordinates, so the list names each side's leader ([facts.sides], [facts.leaders]) whose country is in it:
when it names every side, the pair takes part with the others listed (a summit both attend,
../shared/PRODUCT.md). A list naming one side only, or none, is left to the other rules ("the presidents of
Kazakhstan and Uzbekistan" are others), and so is an adjective ("the leaders of Belarusian and Russian
companies"): a country is one of the gazetteer's places. Python holds the list grammar: items joined by commas and "and" ("&"),
each a side's name or a capitalised name, "the" allowed before one; or the sides' adjectives before the title ("the
Russian, Belarusian and Armenian leaders"), where no noun can follow.
"""

from __future__ import annotations

import re

from desktop import store
from desktop.facts.phrase_scan import finditer
from desktop.facts.rules import FactRules

_OF = re.compile(r"\s+of\s+")
_THE = re.compile(r"(?:the\s+)?")
_NAME = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?")  # a country of neither side: "Kyrgyz Republic"
_COMMA = re.compile(r"\s*,\s*(?:(?:and|&)\s+)?")
_AND = re.compile(r"\s+(?:and|&)\s+")


def shared_titles(text: str, low: str | None, rules: FactRules, locations: dict[str, str] | None = None
                  ) -> list[tuple[int, int, tuple[str, ...]]]:
    """``(start, end, leaders)`` of each shared title over a list of countries naming every side of the pair (the
    offsets cover the title and the list); ``low`` is ``text`` folded for the phrase scan (or None). A side's name
    in the list is a country when ``locations`` (the gazetteer's places, normalised) holds it: "the heads of
    Belarusian and Russian regions" lists no country (None: every side's name counts)."""
    if rules.shared_titles is None or len(rules.sides) < 2 or not rules.side_leaders:
        return []
    found = []
    for title in finditer(rules.shared_titles, text, low):
        before = _before(rules, text, title.start())
        if before is not None:
            found.append((before, title.end(), tuple(rules.side_leaders[side] for side, _ in rules.sides)))
            continue
        of = _OF.match(text, title.end())
        if of is None:
            continue
        sides, end, items, joined = set(), of.end(), 0, False
        pos = of.end()
        while True:
            pos = _THE.match(text, pos).end()
            item = _side_at(rules, text, pos) or _NAME.match(text, pos)
            if item is None:
                break
            items += 1
            if locations is None or store.normalise_alias(item.group()) in locations:
                sides.update(side for side, pattern in rules.sides if pattern.fullmatch(item.group()))
            end = item.end()
            sep = _COMMA.match(text, end) or _AND.match(text, end)
            if sep is None:
                break
            joined = joined or sep is not None and bool(re.search(r"\b(?:and)\b|&", sep.group()))
            pos = sep.end()
        leaders = tuple(rules.side_leaders[side] for side, _ in rules.sides if side in sides
                        and side in rules.side_leaders)
        if items >= 2 and joined and len(sides) == len(rules.sides) and set(rules.participants) <= set(leaders):
            start = title.start()
            the = re.search(r"\bthe\s+$", text[max(0, start - 4):start], re.IGNORECASE)
            found.append((start - len(the.group()) if the else start, end, leaders))
    return found


def _side_at(rules: FactRules, text: str, pos: int) -> re.Match | None:
    """The longest side's name starting at ``pos`` ("Russian Federation" before "Russia"), if one does."""
    matches = [m for _, pattern in rules.sides if (m := pattern.match(text, pos)) is not None]
    return max(matches, key=lambda m: m.end(), default=None)


# Adjectives (or names) before the title: "the Russian, Belarusian and Armenian leaders", "Kazakh & Russian presidents".
_ITEMS_BEFORE = re.compile(r"(?:(?<=\s)|^)(?:[Tt]he\s+)?(?P<items>[A-Z][\w'\u2019-]*(?:\s*,\s*[A-Z][\w'\u2019-]*)*"
                           r"\s*,?\s+(?:and|&)\s+[A-Z][\w'\u2019-]*)\s+\Z")


def _before(rules: FactRules, text: str, pos: int) -> int | None:
    """The start of a list before a title at ``pos`` that names every side ("the Russian, Kazakh and Kyrgyz
    presidents"): each item a side's name as written (its adjective), or a capitalised word; None if there is none."""
    m = _ITEMS_BEFORE.search(text, max(0, pos - 120), pos)
    if m is None or not rules.side_leaders or not set(rules.participants) <= set(rules.side_leaders.values()):
        return None
    items = [i for i in re.split(r"\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+", m.group("items")) if i]
    sides = {side for item in items for side, pattern in rules.sides if pattern.fullmatch(item)}
    return m.start() if len(items) >= 2 and len(sides) == len(rules.sides) else None
