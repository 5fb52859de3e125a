"""Mentions of the participants (names, roles, groups) and of places."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from desktop import store
from desktop.facts.phrase_scan import finditer, fold_for_scan
from desktop.facts.rules import FactRules, _phrase_regex
from desktop.facts.sentences import Sentence
from desktop.facts.text_tail import ends_before
from desktop.facts.titles import shared_titles



@dataclass
class Mention:
    start: int
    end: int
    entity_ids: tuple[str, ...]
    kind: str  # name | role | group | ambiguous


def _alias_regex(aliases: dict[str, list[str]]) -> list[tuple[str, re.Pattern]]:
    out = []
    for entity_id, names in aliases.items():
        forms = set()
        for name in names:
            name = fold_marks(name)  # matched against the folded text
            forms.add(name)
            words = name.split()
            if len(words) > 1 and words[-1][:1].isupper() and len(words[-1]) > 3:
                forms.add(words[-1])  # surnames: "Lukashenko" for "Alexander Lukashenko"
        pattern = _phrase_regex(forms, flags=0)
        if pattern is not None:
            out.append((entity_id, pattern))
    return out


_NAME_AFTER = re.compile(r",?\s+([A-Z][a-z]+(?:[\s-][A-Z][a-z'’-]+)+)")
_PRESIDENT_NAME = re.compile(r"\bPresident\s+((?:[A-Z][a-z'’-]+[\s-]?){2,3})")


def fold_marks(text: str) -> str:
    """``text`` with letters' diacritics dropped, one character for one ("Lukašenka" is "Lukasenka").

    Names are transliterated with and without marks; offsets stay those of the text.
    """
    return text if text.isascii() else text.translate(_FOLD)


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character (C speed after that)."""

    def __missing__(self, code: int) -> int:
        c = chr(code)
        base = unicodedata.normalize("NFKD", c)[0]
        folded = ord(base) if len(base) == 1 and base.isascii() and base.isalpha() and c.isalpha() else code
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def find_participants(text: str, rules: FactRules, alias_patterns: list[tuple[str, re.Pattern]], *,
                      locations: dict[str, str] | None = None) -> list[Mention]:
    """Mentions of the participants in the whole text: names, role phrases, group phrases (marks folded).

    ``locations`` (normalised place names) tell a country from an adjective in a title shared by a list of
    countries (:mod:`desktop.facts.titles`); None trusts every side's name there."""
    text = fold_marks(text)
    low = fold_for_scan(text)  # the case-ignoring phrase patterns run on it (phrase_scan), 5x faster
    found: list[Mention] = []
    taken = bytearray(len(text))  # characters already in a mention: overlap checks stay linear in long texts

    def add(start: int, end: int, ids: tuple[str, ...], kind: str) -> None:
        if not any(taken[start:end]):
            found.append(Mention(start, end, ids, kind))
            taken[start:end] = b"\x01" * (end - start)

    # "the presidents of Tajikistan, Kazakhstan and Russia": each side's leader, the pair when all are listed.
    for start, end, _ in shared_titles(text, low, rules, locations):
        add(start, end, tuple(rules.participants), "group")
    if rules.group:
        for m in finditer(rules.group, text, low):
            add(m.start(), m.end(), tuple(rules.participants), "group")
    names = [(m.start(), m.end(), entity_id) for entity_id, pattern in alias_patterns for m in pattern.finditer(text)]
    in_name = bytearray(len(text) + 1)
    for start, end, _ in names:
        in_name[start:end] = b"\x01" * (end - start)
    for entity_id, pattern in rules.roles.items():
        for m in finditer(pattern, text, low):
            # "his Belarusian counterpart Roman Golovchenko": the role belongs to the name that follows it.
            follower = _NAME_AFTER.match(text, m.end())
            if follower and not in_name[follower.start(1)]:
                continue
            add(m.start(), m.end(), (entity_id,), "role")
    for start, end, entity_id in names:
        add(start, end, (entity_id,), "name")
    found.sort(key=lambda x: x.start)
    if rules.plural:
        # "the presidents" are the participants when the article names them all, or names no other president.
        named = {i for f in found if f.kind == "name" for i in f.entity_ids}
        other_presidents = any(not in_name[m.start(1)] for m in _PRESIDENT_NAME.finditer(text))
        if set(rules.participants) <= named or not other_presidents:
            for m in finditer(rules.plural, text, low):
                add(m.start(), m.end(), tuple(rules.participants), "group")
            found.sort(key=lambda x: x.start)
    if rules.ambiguous:
        # "the head of state" is whoever of the participants was named last.
        for m in finditer(rules.ambiguous, text, low):
            if re.match(r"\s+of\b", text[m.end():m.end() + 4]):
                continue
            previous = [f for f in found if f.end <= m.start() and len(f.entity_ids) == 1]
            if previous:
                add(m.start(), m.end(), previous[-1].entity_ids, "ambiguous")
        found.sort(key=lambda x: x.start)
    return found


# The capitalised name just before a host verb ("Astana hosted", "St. Petersburg will host").
_HOST_SUBJECT = re.compile(r"(?<![\w'\u2019.-])(?!(?:It|He|She|They|We|This|That|Which|Who)\b)(?P<place>(?:St\.\s+)?[A-Z][\w'\u2019-]+(?:[\s-][A-Z][\w'\u2019-]+)?)\s+\Z")
_AT = re.compile(r"\b(?:in|at|to|near|outside|inside)\s+(?:the\s+)?$", re.IGNORECASE)


class PlaceSpans:
    """The GPE, LOC and FAC spans of a document by offset: which covers an offset, without reading them all."""

    def __init__(self, spans: list[dict[str, Any]]):
        places = sorted(((s["start"], i, s) for i, s in enumerate(spans) if s["label"] in ("GPE", "LOC", "FAC")),
                        key=lambda place: place[0])
        self._places = places
        self._starts = [start for start, _, _ in places]
        self._longest = max((s["end"] - s["start"] for _, _, s in places), default=0)

    def covering(self, pos: int) -> dict[str, Any] | None:
        """The first span (in the order given) with ``start <= pos < end``, or None."""
        lo = bisect.bisect_left(self._starts, pos - self._longest)  # a span starting earlier ends before pos
        hi = bisect.bisect_right(self._starts, pos)
        found = [(i, s) for _, i, s in self._places[lo:hi] if pos < s["end"]]
        return min(found, key=lambda item: item[0])[1] if found else None


def find_places(
    sentence: Sentence, spans: list[dict[str, Any]], locations: dict[str, str], rules: FactRules | None = None,
    *, place_spans: PlaceSpans | None = None, people: list[tuple[int, int]] = (),
) -> list[tuple[int, int, str]]:
    """Places in a sentence: the profile's venues as their city ("the Palace of Independence" is Minsk),
    GPE/LOC/FAC names after in/at/to/for: ``(start, end, name)``. ``place_spans`` is ``spans`` indexed
    (:class:`PlaceSpans`; a document's, made once: a long article has many places and many sentences);
    ``people`` are the participants' mentions (offsets), which no place name runs into ("in Sochi Putin")."""
    rules = rules or FactRules.from_dict({})
    place_spans = place_spans or PlaceSpans(spans)
    found: list[tuple[int, int, str]] = []
    text = sentence.text
    if rules.venues is not None:
        for m in rules.venues.finditer(text):
            if not ends_before(_AT, text, m.start(), letters=10):  # "outside the": 10 letters at most
                continue  # "the Kremlin said": a speaker, not a place
            found.append((sentence.start + m.start(), sentence.start + m.end(),
                          rules.venue_places[" ".join(m.group().casefold().split())]))
    def accept(name: str, start: int) -> None:
        first = re.split(r"[\s-]", name)[0].casefold()
        key = store.normalise_alias(name)
        if first in rules.not_places or key in rules.not_places:
            return
        if any(a <= start < b for a, b, _ in found):
            return  # a word of a venue ("the Kremlin Palace")
        end = start + len(name)
        words = [start + w.start() for w in re.finditer(r"[^\s-]+", name)]
        span = next((c for c in map(place_spans.covering, words) if c is not None), None)
        if key in locations:
            found.append((start, end, locations[key]))
        elif span is not None:
            a, b = _whole_name(sentence, spans, rules, start, end, span, people)
            whole = sentence.text[a - sentence.start:b - sentence.start]
            found.append((a, b, locations.get(store.normalise_alias(whole), whole)))
        elif not spans:
            # No model spans to check against (tests, plain text): trust the capitalised word.
            found.append((start, end, name))

    for m in rules.place_after.finditer(text):
        name = re.sub(r"(?:'s|’s|'|’)$", "", m.group("place").strip())  # "in Russia's Black Sea region": Russia
        accept(name, sentence.start + m.start("place"))
    for m in rules.host_verbs.finditer(text) if rules.host_verbs is not None else ():
        # "Astana hosted the summit", "Dushanbe will host the CIS summit": the host city is where it is.
        subject = _HOST_SUBJECT.search(text, 0, m.start())
        start = sentence.start + subject.start("place") if subject else None
        if subject and not any(p0 < start + len(subject.group("place")) and start < p1 for p0, p1 in people):
            before = len(found)
            accept(subject.group("place"), start)
            last = re.search(r"(?<=\s)[A-Z][\w'\u2019-]+$", subject.group("place"))
            if len(found) == before and last:  # "On 22 September Minsk will host": Minsk
                accept(last.group(), start + last.start())
    return sorted(found)


def _whole_name(sentence: Sentence, spans: list[dict[str, Any]], rules: FactRules, start: int, end: int,
                span: dict[str, Any], people: list[tuple[int, int]]) -> tuple[int, int]:
    """The offsets of a place whose span the model cut short: "Krasnaya Polyana" for a span "Krasnaya", "Veliky
    Novgorod" for "Novgorod". The capitalised name after in/at (``start``-``end``) reaches past the span over words
    no other entity's span (nor a participant) covers and that are no ``not_places`` word ("in Moscow Tuesday" is Moscow)."""
    a, b = min(start, span["start"]), max(end, span["end"])
    if (a, b) == (span["start"], span["end"]):
        return a, b
    for word in re.finditer(r"[^\s-]+", sentence.text[a - sentence.start:b - sentence.start]):
        w0, w1 = a + word.start(), a + word.end()
        if span["start"] <= w0 < span["end"]:
            continue
        other = any(s["start"] < w1 and w0 < s["end"] and s["label"] not in ("GPE", "LOC", "FAC") for s in spans)
        if other or word.group().casefold() in rules.not_places or any(p0 < w1 and w0 < p1 for p0, p1 in people):
            return span["start"], span["end"]  # another entity, or no place word: the span stands as it is
    return a, b



# "The Sochi meeting", "their St. Petersburg talks": a place named just before the meeting word.
_PLACE_BEFORE = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]heir|[Hh]is|[Oo]ur|[Aa]n?)\s+"
                           r"(?P<place>(?:St\.\s+)?[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?)\s+$")


def place_before(sentence: Sentence, pos: int, spans: list[dict[str, Any]], locations: dict[str, str]
                 ) -> tuple[int, int, str] | None:
    """The place named right before a meeting word at document offset ``pos`` ("the Sochi meeting"), if it is one
    of the profile's places or the pipeline's GPE/LOC span: ``(start, end, name)``."""
    m = _PLACE_BEFORE.search(sentence.text, 0, pos - sentence.start)
    if m is None:
        return None
    name = m.group("place")
    start = sentence.start + m.start("place")
    key = store.normalise_alias(name)
    if key in locations:
        return start, start + len(name), locations[key]
    span = next((s for s in spans if s["label"] in ("GPE", "LOC") and s["start"] == start
                 and s["end"] == start + len(name)), None)
    return (start, start + len(name), span["text"]) if span else None
