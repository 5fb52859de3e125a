"""Which pair an unnamed pair phrase stands for: "the two countries", "bilateral trade", "the two leaders".

Such a phrase refers to the pair the text last named: in its own sentence (before it, else after it),
then in the sentences before, back to the head of the article. A text names a pair

- by coordination: "Kazakhstan and China", "the presidents of Belarus and Russia", "Putin and Tokayev",
  "Belarus, China and Russia";
- by a compound: "Kazakh-Chinese", "the Belarus-Russia talks";
- by a meeting, visit, trip or trade (the profile's meeting, visit, trip, arrival and trade words) in one
  clause with two parties, the other country after a preposition or opening the clause: "Tokayev held talks
  with the President of Uzbekistan", "Putin will visit India", "China is a key trade partner of Kazakhstan";
- by naming both sides anywhere in one sentence: "Russia is Belarus's main partner".

Its parties are the profile's sides (``[facts.sides]`` names, capitals, adjectives; ``[facts.leaders]``
mentions) and other countries, cities and nationalities (the pipeline's GPE and NORP spans naming no side,
nor one of the profile's ``[facts.places] home`` towns). The phrase is the profile's pair when the pair
last named has both sides among its parties, another pair's when it has not; when the text names no pair,
:func:`refers_to_pair` says None and callers keep their article-wide reading
(:func:`desktop.facts.pairs.article_scope`, :mod:`desktop.facts.groups`).

The document is read once (``doc.memo``): its party mentions, the namings of each sentence, and for each
sentence the last naming up to it, so a long article with many phrases costs one pass.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Between two coordinated parties: "and", "&", a comma of a list, a hyphen or dash of a compound.
# A spaced dash is a clause's break ("BEIJING \u2013 Lukashenko arrived"), no compound.
_COORDINATION = re.compile(r"(?:\s*,\s*(?:and\s+|&\s+)?|\s*and\s+|\s*&\s+|[-\u2013\u2014/])(?:the\s+)?", re.IGNORECASE)
_JOINED = re.compile(r"and|&|[-\u2013\u2014/]", re.IGNORECASE)
# A clause break: the parties of one meeting or trip are in one clause.
_CLAUSE = re.compile(r"[,;:()]|\s[\u2013\u2014-]\s")
# The other country of a meeting or trip: after one of these (within four words), or opening its clause.
_RELATION = re.compile(r"\b(?:with|to|in|by|between|from|at|of|for|and)\s+(?:[\w'\u2019.-]+\s+){0,3}$", re.IGNORECASE)
_OPENING = re.compile(r"^\W*(?:[\w'\u2019.-]+\s+){0,2}$")
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")  # "Russia's", "Belarus'"


@dataclass(frozen=True)
class _Party:
    start: int
    end: int
    parties: frozenset[str]
    side: bool  # one of the profile's sides (a name or a leader), not another country


def _parties(doc) -> list[_Party]:
    """The document's mentions of parties, in text order: the sides' names and leaders, other places' spans."""
    rules = doc.rules
    sides = [side for side, _ in rules.sides]
    # A leader out of office is still of his country ("Prime Minister Putin" is Russia's).
    leader_side = {**rules.nationals, **{leader: side for side, leader in rules.side_leaders.items()}}
    found: list[_Party] = []
    for span in doc.spans:
        if span.get("label") not in ("GPE", "NORP"):
            continue
        text = doc.text[span["start"]:span["end"]]
        named: set[str] = set()
        foreign: set[str] = set()
        whole = _POSSESSIVE.sub("", text.strip())
        if rules.home_places and rules.home_places.fullmatch(whole):
            continue  # "Ust-Kamenogorsk", "Nur-Sultan": one of the pair's own towns, hyphen and all
        for part in re.split(r"[-\u2013]", text):  # "Kazakh-Chinese": two parties in one span
            part = _POSSESSIVE.sub("", part.strip())
            if not part[:1].isupper():
                continue
            own = {side for side, pattern in rules.sides if pattern.fullmatch(part) or pattern.search(part)}
            if own:
                named |= own
            elif not (rules.home_places and rules.home_places.fullmatch(part)):
                foreign.add(part.split()[-1].casefold()[:4])
        if foreign:
            found.append(_Party(span["start"], span["end"], frozenset(named | foreign), False))
    taken = sorted((p.start, p.end) for p in found)  # spans do not nest: sorted by start, their ends rise too
    starts = [a for a, _ in taken]

    def free(start: int, end: int) -> bool:
        # Of the spans starting before ``end``, the last ends last: it alone may reach past ``start``.
        at = bisect.bisect_left(starts, end)
        return at == 0 or taken[at - 1][1] <= start

    for side, pattern in rules.sides:
        for m in pattern.finditer(doc.text):
            if free(m.start(), m.end()):
                found.append(_Party(m.start(), m.end(), frozenset({side}), True))
    for mention in doc.participants:
        ids = [leader_side[i] for i in mention.entity_ids if i in leader_side]
        if mention.kind in ("name", "role") and ids and free(mention.start, mention.end):
            found.append(_Party(mention.start, mention.end, frozenset(ids), True))
        elif mention.kind == "group" and len(set(ids)) >= len(sides) >= 2 and doc._names_both_sides(mention):
            found.append(_Party(mention.start, mention.end, frozenset(ids), True))  # "the Russian and Kazakh presidents"
    found.sort(key=lambda p: (p.start, -p.end))
    out: list[_Party] = []
    for p in found:  # "the Russian president" and "Russian": the longer mention stands
        if out and p.start < out[-1].end:
            if p.parties - out[-1].parties:
                out[-1] = _Party(out[-1].start, max(out[-1].end, p.end), out[-1].parties | p.parties, out[-1].side)
            continue
        out.append(p)
    return out


def _namings(doc, text: str, base: int, parties: list[_Party]) -> list[tuple[int, frozenset[str]]]:
    """The pairs one sentence names: ``(offset, parties)`` in text order (the offset where the naming ends)."""
    rules = doc.rules
    found: list[tuple[int, frozenset[str]]] = []
    for p in parties:
        if len(p.parties) >= 2:
            found.append((p.end, p.parties))  # "Kazakh-Chinese", "the Union State"
    # Coordination: a run of parties joined by commas, "and" or hyphens, one of them a conjunction or hyphen.
    run: list[_Party] = []
    joined = False
    for p in parties + [None]:
        if p is not None and run:
            gap = text[run[-1].end - base:p.start - base]
            link = _COORDINATION.fullmatch(gap)
            if link:
                run.append(p)
                joined = joined or bool(_JOINED.search(gap))
                continue
        if len(run) >= 2 and joined:
            union = frozenset().union(*(r.parties for r in run))
            if len(union) >= 2:
                found.append((run[-1].end, union))
        run, joined = ([p] if p is not None else []), False
    # Both sides in one sentence, however: "Russia is Belarus's main partner", "In Minsk, Putin said".
    own = [p for p in parties if p.side]
    sides = frozenset().union(*(p.parties for p in own)) if own else frozenset()
    if len(sides) >= 2 and len(sides) >= len(rules.sides):
        found.append((own[-1].end, sides))
    # A meeting, visit, trip or trade with two parties in one clause.
    words = [w for w in (rules.meeting, rules.visits, rules.trips, rules.arrivals, rules.trade_terms) if w is not None]
    if words and len(parties) >= 2:
        bounds = [0] + [m.end() for m in _CLAUSE.finditer(text)] + [len(text)]
        for c0, c1 in zip(bounds, bounds[1:]):
            inside = [p for p in parties if c0 <= p.start - base < c1]
            if len(inside) < 2 or not any(w.search(text, c0, c1) for w in words):
                continue
            kept = [p for p in inside if p.side or _RELATION.search(text, c0, p.start - base)
                    or _OPENING.match(text[c0:p.start - base])]
            union = frozenset().union(*(p.parties for p in kept)) if kept else frozenset()
            if len(union) >= 2:
                found.append((kept[-1].end, union))
    return sorted(found, key=lambda f: f[0])


def _party_list(doc) -> tuple[list[_Party], list[int]]:
    """Per document, once: its party mentions in text order and their starts."""
    found = doc.memo.get("pair_parties")
    if found is None:
        parties = _parties(doc)
        found = doc.memo["pair_parties"] = (parties, [p.start for p in parties])
    return found


def party_mentions(doc, start: int, end: int) -> list[_Party]:
    """The document's mentions of parties (sides, their leaders, other places) starting in ``[start, end)``."""
    parties, starts = _party_list(doc)
    return parties[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


def _reading(doc):
    """Per document, once: the sentences' namings and, for each sentence, the last naming before it."""
    reading = doc.memo.get("pair_reference")
    if reading is None:
        parties, starts = _party_list(doc)
        namings, last, before = [], [], None
        for sentence in doc.sentences:
            lo, hi = bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)
            here = _namings(doc, sentence.text, sentence.start, parties[lo:hi])
            namings.append(here)
            last.append(before)
            if here:
                before = here[-1][1]
        reading = doc.memo["pair_reference"] = (namings, last)
    return reading


def pair_named(doc, sentence, pos: int) -> frozenset[str] | None:
    """The parties of the pair the text last named before offset ``pos``: in ``sentence`` before it, else after
    it, else in the sentences before; None when no pair is named."""
    if len(doc.rules.sides) < 2:
        return None
    namings, last = _reading(doc)
    here = namings[sentence.index]
    before = [parties for end, parties in here if end <= pos]
    if before:
        return before[-1]
    after = [parties for end, parties in here if end > pos]
    return after[0] if after else last[sentence.index]


def refers_to_pair(doc, sentence, pos: int) -> bool | None:
    """Whether an unnamed pair phrase at ``pos`` ("the two countries") is the profile's pair: True when the pair
    last named has both sides, False when it is another pair, None when the text names no pair."""
    parties = pair_named(doc, sentence, pos)
    if parties is None:
        return None
    return {side for side, _ in doc.rules.sides} <= parties
