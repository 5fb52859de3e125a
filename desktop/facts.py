"""Facts proposed from the articles: meetings, calls and trade figures, bound to evidence.

>>> rules = FactRules.from_dict({"participants": ["a", "b"], "phrases": {"meeting": ["met"]}})
>>> facts = extract_facts("Ann met Bob in Paris on 3 May.", "2020-05-10", rules,
...                       aliases={"a": ["Ann"], "b": ["Bob"]})
>>> facts[0]["kind"], facts[0]["date_start"], facts[0]["place"], facts[0]["held"]
('meeting', '2020-05-03', 'Paris', 'held')

Everything domain-specific (who must take part, trigger words, role phrases,
trade terms, qualifiers) comes from the profile's ``[facts]`` table, so another
domain needs configuration, not code. Extraction reads the document text, its
stored spans (linked entities, GPE/LOC places) and the publication date; it
splits sentences itself (cheap), never re-running the trained pipeline.
Dates are resolved here with the tense of the sentence (a "held" meeting on
"December 25" lies before the publication date, a "planned" one after), with
:func:`desktop.normalise.parse_date_range` as the fallback for DATE spans.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import datetime as _dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from desktop import store
from desktop.history import action
from desktop.normalise import iso_day, parse_date_range

log = logging.getLogger(__name__)

TRADE_QUALIFIERS = ("forecast", "growth_only", "approx", "record", "current_level")
PRECISIONS = ("day", "month", "quarter", "year", "range")
EVENT_KINDS = ("meeting", "call")
EVENT_SLOTS = ("date_start", "date_end", "precision", "place", "participants", "held")
TRADE_SLOTS = ("period_start", "period_end", "value", "currency", "qualifier")


class FactError(ValueError):
    """An analyst operation on facts the data does not allow (bad slot, unknown fact...)."""


# ---------------------------------------------------------------- configuration


def _phrase_regex(phrases: Iterable[str], *, flags: int = re.IGNORECASE) -> re.Pattern | None:
    """See :func:`_compile_phrases`; cached, since rules and alias patterns are built per batch and per document."""
    return _compile_phrases(frozenset(" ".join(p.split()) for p in phrases if p and p.strip()), flags)


@functools.lru_cache(maxsize=512)
def _compile_phrases(items: frozenset[str], flags: int) -> re.Pattern | None:
    """One regex for a list of phrases: whole words, any run of spaces between words, longest match first.

    Built as a character trie ("talk(?:s|ed)" rather than "talks|talked|...") with the
    left word boundary checked after the first character: a flat alternation whose
    branches open with a lookbehind makes ``re`` try every branch at every position,
    which cost ingest more than the extraction itself (benchmarks/bench_ingest.py).
    """
    if not items:
        return None
    fold = str.lower if flags & re.IGNORECASE else str
    trie: dict[str, Any] = {}
    for phrase in items:
        node = trie
        for char in fold(phrase):
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here

    def emit(node: dict[str, Any], last: str) -> str:
        # Continuations before the end, so the longest phrase wins as in a length-sorted alternation.
        alts = [(r"\s+" if char == " " else re.escape(char)) + emit(node[char], char) for char in sorted(node) if char]
        if "" in node:
            alts.append(r"(?!\w)" if last.isalnum() else "")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    top = [re.escape(char) + (r"(?<![\w'].)" if char.isalnum() else "") + emit(trie[char], char) for char in sorted(trie)]
    return re.compile("|".join(top), flags)


@dataclass
class FactRules:
    """The compiled ``[facts]`` table of a profile."""

    participants: list[str]
    roles: dict[str, re.Pattern]
    group: re.Pattern | None
    ambiguous: re.Pattern | None
    plural: re.Pattern | None
    attendance: re.Pattern | None
    meeting: re.Pattern | None
    weak_meeting: re.Pattern | None
    joint: re.Pattern | None
    call: re.Pattern | None
    all_attend_bodies: re.Pattern | None
    bodies: re.Pattern | None
    other_bodies: re.Pattern | None
    planned: re.Pattern | None
    held: re.Pattern | None
    definite: set[str]
    trade_terms: re.Pattern | None
    trade_excluded: re.Pattern | None
    trade_pronouns: re.Pattern | None
    anniversary_refs: re.Pattern | None
    growth: re.Pattern | None
    trade_total: re.Pattern | None
    trade_bilateral: re.Pattern | None
    trade_parties: frozenset[str]
    trade_comparison: re.Pattern | None
    qualifiers: list[tuple[str, re.Pattern]]
    max_event_days: int = 62
    lede_sentences: int = 2
    raw: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, table: dict[str, Any]) -> FactRules:
        """Compile a ``[facts]`` table (missing keys mean "nothing of that sort")."""
        phrases = table.get("phrases", {}) or {}
        trade = table.get("trade", {}) or {}
        quals = trade.get("qualifiers", {}) or {}
        roles = {}
        for entity_id, items in (table.get("roles", {}) or {}).items():
            pattern = _phrase_regex(items)
            if pattern is not None:
                roles[entity_id] = pattern
        qualifiers = []
        for name, items in quals.items():
            pattern = _phrase_regex(items)
            if pattern is not None:
                qualifiers.append((name, pattern))
        return cls(
            participants=list(table.get("participants", [])),
            roles=roles,
            group=_phrase_regex(phrases.get("group", [])),
            ambiguous=_phrase_regex(phrases.get("ambiguous", [])),
            plural=_phrase_regex(phrases.get("plural", [])),
            attendance=_phrase_regex(phrases.get("attendance", [])),
            meeting=_phrase_regex(phrases.get("meeting", [])),
            weak_meeting=_phrase_regex(phrases.get("weak_meeting", [])),
            joint=_phrase_regex(phrases.get("joint", [])),
            call=_phrase_regex(phrases.get("call", [])),
            all_attend_bodies=_phrase_regex(phrases.get("all_attend_bodies", [])),
            bodies=_phrase_regex(phrases.get("bodies", []), flags=0),
            other_bodies=_phrase_regex(phrases.get("other_bodies", [])),
            planned=_phrase_regex(phrases.get("planned", [])),
            held=_phrase_regex(phrases.get("held", [])),
            definite={w.casefold() for w in phrases.get("definite", [])},
            trade_terms=_phrase_regex(trade.get("terms", [])),
            trade_excluded=_phrase_regex(trade.get("excluded", [])),
            trade_pronouns=_phrase_regex(trade.get("pronouns", [])),
            anniversary_refs=_phrase_regex(trade.get("anniversary_refs", [])),
            growth=_phrase_regex(trade.get("growth", [])),
            trade_total=_phrase_regex(trade.get("total", [])),
            trade_bilateral=_phrase_regex(trade.get("bilateral", [])),
            trade_parties=frozenset(w.casefold() for p in trade.get("parties", []) for w in re.split(r"[\s-]+", p) if w),
            trade_comparison=_compile_tail(trade.get("comparison", [])),
            qualifiers=qualifiers,
            max_event_days=int(table.get("max_event_days", 62)),
            lede_sentences=int(table.get("lede_sentences", 2)),
            raw=table,
        )


def _compile_tail(phrases: Iterable[str]) -> re.Pattern | None:
    """A regex for text ending in one of the phrases and up to three more words ("compared with the same period")."""
    items = sorted({" ".join(p.split()) for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not items:
        return None
    alts = "|".join(r"\s+".join(map(re.escape, p.split())) for p in items)
    return re.compile(rf"(?<![\w'])(?:{alts})\s+(?:[\w'’-]+\s+){{0,3}}$", re.IGNORECASE)


def load_rules(profile: Any = None) -> FactRules:
    """The fact rules of a profile (a :class:`desktop.profile.Profile`, a name, a path or None)."""
    from desktop.profile import load_profile

    return FactRules.from_dict(load_profile(profile).facts)


# ---------------------------------------------------------------- sentences

_ABBREVIATIONS = {
    "st", "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "corp", "u.s",
    "u.k", "jr", "sr", "approx", "gov", "sen", "rep", "mt", "ft",
}
_SENTENCE_END = re.compile(r"[.!?]+[\"”’'\)\]]*(?=\s+[\"“‘'(\[/A-Z0-9А-Я])")


@dataclass
class Sentence:
    """A sentence (or headline) of a document: its offsets, paragraph, and place in the article."""

    start: int
    end: int
    text: str
    paragraph: int
    index: int
    is_title: bool = False


def split_sentences(text: str) -> list[Sentence]:
    """Cheap sentence splitting on the stored text: lines are paragraphs, then end punctuation.

    Short lines without end punctuation near the top are headlines (``is_title``).
    """
    sentences: list[Sentence] = []
    offset = 0
    paragraph = 0
    body_lines = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        line_start = offset + (len(line) - len(line.lstrip()))
        offset += len(line)
        if not stripped:
            continue
        paragraph += 1
        is_title = body_lines == 0 and len(stripped) < 200 and not re.search(r"[.!?\"”]$", stripped)
        if not is_title:
            body_lines += 1
        pieces: list[tuple[int, int]] = []
        last = 0
        for match in _SENTENCE_END.finditer(stripped):
            before = stripped[last:match.start()]
            word = re.findall(r"[\w.]+$", before)
            token = word[0].casefold().rstrip(".") if word else ""
            if match.group().startswith(".") and (token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())):
                continue
            pieces.append((last, match.end()))
            last = match.end()
        if last < len(stripped):
            pieces.append((last, len(stripped)))
        for a, b in pieces:
            chunk = stripped[a:b]
            lead = len(chunk) - len(chunk.lstrip())
            chunk = chunk.strip()
            if not chunk:
                continue
            start = line_start + a + lead
            sentences.append(Sentence(start, start + len(chunk), chunk, paragraph, len(sentences), is_title))
    return sentences


# ---------------------------------------------------------------- dates

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_M = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
      r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_D = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_DASH = r"(?:\s*[-–—]\s*|\s+(?:to|and|through|till|until)\s+)"
_Y = r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12,
}

_DATE_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("m_d_m_d", re.compile(rf"\b(?P<m1>{_M})\s+(?P<d1>{_D}){_DASH}(?P<m2>{_M})\s+(?P<d2>{_D})\b{_Y}")),
    ("d_m_d_m", re.compile(rf"\b(?P<d1>{_D})\s+(?P<m1>{_M}){_DASH}(?P<d2>{_D})\s+(?P<m2>{_M}){_Y}")),
    ("m_dd", re.compile(rf"\b(?P<m1>{_M})\s+(?P<d1>{_D}){_DASH}(?P<d2>{_D})\b{_Y}")),
    ("dd_m", re.compile(rf"\b(?P<d1>{_D}){_DASH}(?P<d2>{_D})\s+(?:of\s+)?(?P<m1>{_M}){_Y}")),
    ("m_d", re.compile(rf"\b(?P<m1>{_M})\s+(?P<d1>{_D})\b(?![:.]\d|\s*%|\s+(?:per|billion|million)){_Y}")),
    ("d_m", re.compile(rf"\b(?P<d1>{_D})\s+(?:of\s+)?(?P<m1>{_M})(?!\w){_Y}")),
    ("numeric", re.compile(r"\b(?P<d1>[0-3]?\d)\.(?P<m1>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)\b")),
    ("part_m", re.compile(
        rf"\b(?P<part>early|mid|middle of|late|the end of|end of|the beginning of|beginning of|the start of"
        rf"|start of)[\s-]+(?P<m1>{_M})(?!\s*\d){_Y}", re.IGNORECASE)),
    ("months_of", re.compile(
        r"\b(?:the\s+)?(?:first|past)\s+(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
        r"\s+months\s+of\s+(?:(?P<rel>this|last|the\s+previous|the\s+current)\s+year|(?P<year>(?:19|20)\d\d))",
        re.IGNORECASE)),
    ("m_m", re.compile(rf"\b(?:from\s+)?(?P<m1>{_M}){_DASH}(?P<m2>{_M})(?!\s*\d{{1,2}}\b){_Y}"
                      r"(?:\s+(?:of\s+)?(?P<rel>this|last|the\s+current|the\s+previous)\s+year\b)?")),
    ("quarter", re.compile(
        r"\b(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(?:(?P<rel>this|last|the"
        r"\s+current|the\s+previous)\s+year|(?P<year>(?:19|20)\d\d)))?", re.IGNORECASE)),
    ("q", re.compile(r"\bQ(?P<q>[1-4])\s+(?P<year>(?:19|20)\d\d)\b")),
    ("half", re.compile(
        r"\b(?:the\s+)?(?P<h>first|second)\s+half\s+of\s+(?:(?P<rel>this|last|the\s+current|the\s+previous|the)"
        r"\s+year|(?P<year>(?:19|20)\d\d))", re.IGNORECASE)),
    ("month_rel", re.compile(
        rf"\b(?P<m1>{_M})\s+(?:of\s+)?(?P<rel>this|last|next|the\s+current|the\s+previous)\s+year\b", re.IGNORECASE)),
    ("month", re.compile(rf"\b(?P<m1>{_M})(?!\s*[-–—]?\s*\d{{1,2}}\b)(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b)?")),
    ("year_range", re.compile(r"\b(?P<y1>(?:19|20)\d\d)\s*[-–—]\s*(?P<y2>(?:19|20)\d\d)\b")),
    ("year", re.compile(r"(?<![$€£\d.,])\b(?P<year>(?:19|20)\d\d)\b(?![-–.,]?\d|\s*(?:billion|million|tonnes|%))")),
    ("rel_year", re.compile(r"\b(?P<rel>last|this|next|the\s+past|the\s+previous|the\s+current|the\s+coming)\s+year\b",
                            re.IGNORECASE)),
    ("rel_day", re.compile(
        r"\b(?P<rel>today|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
        r"|(?:a|one)\s+day\s+(?:earlier|before)|the\s+day\s+before|the\s+previous\s+day|the\s+next\s+day"
        r"|the\s+following\s+day)\b", re.IGNORECASE)),
    ("rel_span", re.compile(r"\b(?P<rel>last|this|next)\s+(?P<unit>week|month)\b", re.IGNORECASE)),
    ("weekday", re.compile(
        r"\b(?:(?P<rel>last|this|next|on|coming)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
]


# Days counted from the day last named in the text ("a day earlier"), with their offset.
_ANAPHORIC_DAYS = {"a day earlier": -1, "one day earlier": -1, "a day before": -1, "one day before": -1,
                   "the day before": -1, "the previous day": -1, "the next day": 1, "the following day": 1}
_DATE_WORDS = re.compile(rf"^\s*(?:the\s+)?{_M}\s*$")


@dataclass
class DateMention:
    """A date expression in the text and the pattern that found it."""

    start: int
    end: int
    text: str
    kind: str
    groups: dict[str, str | None]
    fixed: tuple[_dt.date, _dt.date, str] | None = None  # already resolved (from a DATE span value)


# What each pattern cannot match without: a cheap test first spares most sentences most of the
# twenty scans (patterns that open with \b get no fast first-character skip in ``re``).
_HAS_DIGIT = re.compile(r"\d")
_HAS_MONTH = re.compile(_M, re.IGNORECASE)  # a superset of every pattern's month, whatever its flags
_NEEDS: dict[str, tuple[str, ...]] = {
    "m_d_m_d": ("digit", "month"), "d_m_d_m": ("digit", "month"), "m_dd": ("digit", "month"),
    "dd_m": ("digit", "month"), "m_d": ("digit", "month"), "d_m": ("digit", "month"), "numeric": ("digit",),
    "iso": ("digit",), "part_m": ("month",), "months_of": ("months",), "m_m": ("month",), "quarter": ("quarter",),
    "q": ("digit",), "half": ("half",), "month_rel": ("month", "year"), "month": ("month",),
    "year_range": ("digit",), "year": ("digit",), "rel_year": ("year",),
}


def _has(text: str, folded: str, need: str, memo: dict[str, bool]) -> bool:
    if need not in memo:
        if need == "digit":
            memo[need] = _HAS_DIGIT.search(text) is not None
        elif need == "month":
            memo[need] = _HAS_MONTH.search(text) is not None
        else:
            memo[need] = need in folded
    return memo[need]


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Date expressions in ``text`` (longest first wins where they overlap), in text order."""
    found: list[DateMention] = []
    folded = text.casefold()
    memo: dict[str, bool] = {}
    for kind, pattern in _DATE_PATTERNS:
        if not all(_has(text, folded, need, memo) for need in _NEEDS.get(kind, ())):
            continue
        for m in pattern.finditer(text):
            if kind == "month" and not m.group("year"):
                # A bare month is a date only after a preposition: "December marked the anniversary"
                # names a month, it does not date an event (and "may"/"march" are also words).
                before = text[max(0, m.start() - 12):m.start()].casefold()
                if not re.search(r"\b(?:in|since|until|by|for|of|from|during|early|late|mid|end)\s*$", before):
                    continue
            found.append(DateMention(m.start() + offset, m.end() + offset, m.group(), kind, m.groupdict()))
    found.sort(key=lambda d: (-(d.end - d.start), d.start))
    kept: list[DateMention] = []
    for mention in found:
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda d: d.start)


def _month(name: str | None) -> int:
    return _MONTHS[(name or "")[:3].casefold()]


def _day_num(text: str | None) -> int:
    return int(re.match(r"\d+", text or "0").group())


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _rel_year(rel: str | None, pub: _dt.date) -> int:
    rel = " ".join((rel or "this").casefold().split())
    if rel in ("last", "the past", "the previous"):
        return pub.year - 1
    if rel in ("next", "the coming"):
        return pub.year + 1
    return pub.year


def _pick_year(make, pub: _dt.date, direction: str | None) -> tuple[_dt.date, _dt.date] | None:
    """Choose the year for a date written without one, by the sentence's tense."""
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(make(year))
        except ValueError:
            continue
    if not candidates:
        return None
    if direction == "past":
        done = [c for c in candidates if c[1] <= pub] or [c for c in candidates if c[0] <= pub]
        if done:
            return max(done)
    elif direction == "future":
        ahead = [c for c in candidates if c[1] >= pub]
        if ahead:
            return min(ahead)
    return min(candidates, key=lambda c: (abs((c[0] - pub).days) + abs((c[1] - pub).days), -c[0].year))


def resolve_date(
    mention: DateMention, published: _dt.date | None, direction: str | None = None
) -> tuple[_dt.date, _dt.date, str] | None:
    """The calendar range of a date mention: ``(start, end, precision)`` or None.

    ``direction`` ("past", "future" or None) picks the year of dates written
    without one, and the weekday meant by "on Monday".
    """
    if mention.fixed:
        return mention.fixed
    g, kind = mention.groups, mention.kind
    year = int(g["year"]) if g.get("year") else None
    try:
        if kind in ("numeric", "iso"):
            day = _dt.date(year, int(g["m1"]), int(g["d1"]))
            return day, day, "day"
        if kind in ("m_d", "d_m"):
            make = lambda y: (_dt.date(y, _month(g["m1"]), _day_num(g["d1"])),) * 2  # noqa: E731
            return _with_year(make, year, published, direction, "day")
        if kind in ("m_dd", "dd_m"):
            m = _month(g["m1"])
            d1, d2 = _day_num(g["d1"]), _day_num(g["d2"])
            if d2 <= d1:
                return None
            make = lambda y: (_dt.date(y, m, d1), _dt.date(y, m, d2))  # noqa: E731
            return _with_year(make, year, published, direction, "range")
        if kind in ("m_d_m_d", "d_m_d_m"):
            m1, m2 = _month(g["m1"]), _month(g["m2"])
            d1, d2 = _day_num(g["d1"]), _day_num(g["d2"])
            make = lambda y: (_dt.date(y - (m2 < m1), m1, d1), _dt.date(y, m2, d2))  # noqa: E731
            return _with_year(make, year, published, direction, "range")
        if kind == "part_m":
            m = _month(g["m1"])
            part = g["part"].casefold()
            if "late" in part or "end" in part:
                days = (21, None)
            elif "mid" in part:
                days = (11, 20)
            else:
                days = (1, 10)
            make = lambda y: (_dt.date(y, m, days[0]),  # noqa: E731
                              _dt.date(y, m, days[1]) if days[1] else _month_end(y, m))
            return _with_year(make, year, published, direction, "range")
        if kind == "m_m":
            m1, m2 = _month(g["m1"]), _month(g["m2"])
            if m2 <= m1:
                return None
            make = lambda y: (_dt.date(y, m1, 1), _month_end(y, m2))  # noqa: E731
            if not year and g.get("rel") and published is not None:
                year = _rel_year(g["rel"], published)
            return _with_year(make, year, published, direction, "range")
        if kind == "month_rel":
            if published is None:
                return None
            y, m = _rel_year(g["rel"], published), _month(g["m1"])
            return _dt.date(y, m, 1), _month_end(y, m), "month"
        if kind == "month":
            m = _month(g["m1"])
            make = lambda y: (_dt.date(y, m, 1), _month_end(y, m))  # noqa: E731
            return _with_year(make, year, published, direction, "month")
        if kind == "months_of":
            n = g["n"]
            months = int(n) if n.isdigit() else _NUMBER_WORDS[n.casefold()]
            if not 1 <= months <= 12 or (published is None and not year):
                return None
            y = year or _rel_year(g.get("rel"), published)
            return _dt.date(y, 1, 1), _month_end(y, months), "range"
        if kind in ("quarter", "q"):
            q = int(g["q"]) if g["q"].isdigit() else _ORDINALS[g["q"].casefold()]
            if not year and published is None:
                return None
            if year or g.get("rel"):
                y = year or _rel_year(g.get("rel"), published)
                return _dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
            make = lambda y: (_dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q))  # noqa: E731
            return _with_year(make, None, published, direction or "past", "quarter")
        if kind == "half":
            h = 1 if g["h"].casefold() == "first" else 2
            if not year and published is None:
                return None
            y = year or _rel_year(g.get("rel"), published)
            return _dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "range"
        if kind == "year_range":
            y1, y2 = int(g["y1"]), int(g["y2"])
            if y2 <= y1:
                return None
            return _dt.date(y1, 1, 1), _dt.date(y2, 12, 31), "range"
        if kind == "year":
            return _dt.date(year, 1, 1), _dt.date(year, 12, 31), "year"
        if published is None:
            return None
        if kind == "rel_year":
            y = _rel_year(g["rel"], published)
            return _dt.date(y, 1, 1), _dt.date(y, 12, 31), "year"
        if kind == "rel_day":
            rel = " ".join(g["rel"].casefold().split())
            shift = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                     "the day after tomorrow": 2, "the next day": 1, "the following day": 1}.get(rel, -1)
            day = published + _dt.timedelta(days=shift)
            return day, day, "day"
        if kind == "rel_span":
            rel, unit = g["rel"].casefold(), g["unit"].casefold()
            step = {"last": -1, "this": 0, "next": 1}[rel]
            if unit == "week":
                monday = published - _dt.timedelta(days=published.weekday()) + _dt.timedelta(weeks=step)
                return monday, monday + _dt.timedelta(days=6), "range"
            y, m = published.year, published.month + step
            if m < 1:
                y, m = y - 1, 12
            elif m > 12:
                y, m = y + 1, 1
            return _dt.date(y, m, 1), _month_end(y, m), "month"
        if kind == "weekday":
            target = _WEEKDAYS.index(g["wd"].casefold())
            rel = (g.get("rel") or "").casefold()
            if rel == "next" or rel == "coming" or (direction == "future" and rel != "last"):
                ahead = (target - published.weekday()) % 7 or 7
                day = published + _dt.timedelta(days=ahead)
            else:
                back = (published.weekday() - target) % 7
                day = published - _dt.timedelta(days=back)
            return day, day, "day"
    except (ValueError, KeyError):
        return None
    return None


def _with_year(make, year, published, direction, precision):
    if year:
        start, end = make(year)
        return start, end, precision
    if published is None:
        return None
    picked = _pick_year(make, published, direction)
    return (picked[0], picked[1], precision) if picked else None


def _span_date(span: dict[str, Any], published: str | None) -> tuple[_dt.date, _dt.date, str] | None:
    """A DATE span's resolved range: normalise's parse first, the stored value second."""
    try:
        parsed = parse_date_range(span["text"], published)
    except Exception:  # noqa: BLE001 - a bad date string must not stop extraction
        parsed = None
    if parsed:
        return parsed[0], parsed[1], parsed[2]
    value = span.get("value") or ""
    parts = value.split("/")
    start, end = iso_day(parts[0]), iso_day(parts[-1])
    if start and end:
        return start, end, "day" if start == end else "range"
    return None


# ---------------------------------------------------------------- money

_SCALE = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bln": 1e9,
          "bn": 1e9, "b": 1e9, "trillion": 1e12, "trln": 1e12, "tn": 1e12}
_CUR_SYMBOL = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "rub": "RUB",
               "byn": "BYN", "cny": "CNY", "¥": "CNY"}
_CUR_WORDS = [
    (r"belarusian\s+(?:rubles?|roubles?)|byn", "BYN"),
    (r"russian\s+(?:rubles?|roubles?)|rubles?|roubles?|rub", "RUB"),
    (r"us\s+dollars?|dollars?|usd", "USD"),
    (r"euros?|eur", "EUR"),
    (r"yuan|cny", "CNY"),
]
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE_RE = r"(?:\s*(?P<scale>trillion|billion|million|thousand|trln|bln|mln|bn|mn|tn|b|m)\b\.?)?"
_MONEY_PREFIX = re.compile(rf"(?P<cur>US\$|\$|€|£|¥|\b(?:USD|EUR|RUB|BYN|CNY)\b)\s?{_NUM}{_SCALE_RE}", re.IGNORECASE)
_MONEY_SUFFIX = re.compile(
    rf"{_NUM}{_SCALE_RE}\s*(?P<word>{'|'.join(p for p, _ in _CUR_WORDS)})\b", re.IGNORECASE)
_PERCENT = re.compile(r"(?P<num>\d+(?:[.,]\d+)?)\s?(?:%|percent\b|per\s+cent\b)", re.IGNORECASE)


@dataclass
class MoneyMention:
    start: int
    end: int
    text: str
    amount: float
    currency: str


def find_money(text: str, offset: int = 0) -> list[MoneyMention]:
    """Money amounts ("$35.5 billion", "110 billion Russian rubles") in text order."""
    found: list[MoneyMention] = []
    for m in list(_MONEY_PREFIX.finditer(text)) + list(_MONEY_SUFFIX.finditer(text)):
        number = float(m.group("num").replace(",", ""))
        scale = _SCALE.get((m.group("scale") or "").casefold().rstrip("."), 1.0)
        if m.groupdict().get("cur"):
            currency = _CUR_SYMBOL.get(m.group("cur").casefold(), "USD")
        else:
            word = m.group("word").casefold()
            currency = next(code for pattern, code in _CUR_WORDS if re.fullmatch(pattern, word))
        mention = MoneyMention(m.start() + offset, m.end() + offset, m.group(), number * scale, currency)
        if all(mention.end <= f.start or mention.start >= f.end for f in found):
            found.append(mention)
    return sorted(found, key=lambda x: x.start)


# ---------------------------------------------------------------- mentions of participants and places


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


def find_participants(text: str, rules: FactRules, alias_patterns: list[tuple[str, re.Pattern]]) -> list[Mention]:
    """Mentions of the participants in the whole text: names, role phrases, group phrases."""
    found: list[Mention] = []
    taken = bytearray(len(text))  # characters already in a mention: overlap checks stay linear in long texts

    def add(start: int, end: int, ids: tuple[str, ...], kind: str) -> None:
        if not any(taken[start:end]):
            found.append(Mention(start, end, ids, kind))
            taken[start:end] = b"\x01" * (end - start)

    if rules.group:
        for m in rules.group.finditer(text):
            add(m.start(), m.end(), tuple(rules.participants), "group")
    names = [(m.start(), m.end(), entity_id) for entity_id, pattern in alias_patterns for m in pattern.finditer(text)]
    in_name = bytearray(len(text) + 1)
    for start, end, _ in names:
        in_name[start:end] = b"\x01" * (end - start)
    for entity_id, pattern in rules.roles.items():
        for m in pattern.finditer(text):
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
            for m in rules.plural.finditer(text):
                add(m.start(), m.end(), tuple(rules.participants), "group")
            found.sort(key=lambda x: x.start)
    if rules.ambiguous:
        # "the head of state" is whoever of the participants was named last.
        for m in rules.ambiguous.finditer(text):
            if re.match(r"\s+of\b", text[m.end():m.end() + 4]):
                continue
            previous = [f for f in found if f.end <= m.start() and len(f.entity_ids) == 1]
            if previous:
                add(m.start(), m.end(), previous[-1].entity_ids, "ambiguous")
        found.sort(key=lambda x: x.start)
    return found


_PLACE_AFTER = re.compile(
    r"\b(?:in|at|to|for|near|outside)\s+(?:the\s+)?(?P<place>(?:(?:St|Saint|Nizhny|Veliky|Novo|New|Nur|San|Los)\.?[\s-])?"
    r"[A-Z][a-z][\w'’-]*(?:[\s-](?:on-)?[A-Z][a-z][\w'’-]*)?)")
_NOT_PLACES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "the", "this", "his",
    "her", "their", "our", "union", "supreme", "president", "russian", "belarusian", "kremlin", "moscow time",
    "today", "talks", "order", "addition", "particular", "general", "turn", "russia", "belarus", "european",
}


def find_places(
    sentence: Sentence, spans: list[dict[str, Any]], locations: dict[str, str]
) -> list[tuple[int, int, str]]:
    """Places (GPE/LOC/FAC) in a sentence after in/at/to/for: ``(start, end, name)``."""
    found: list[tuple[int, int, str]] = []
    text = sentence.text
    for m in _PLACE_AFTER.finditer(text):
        name = m.group("place").strip()
        first = re.split(r"[\s-]", name)[0].casefold()
        key = store.normalise_alias(name)
        if first in _NOT_PLACES or key in _NOT_PLACES:
            continue
        start = sentence.start + m.start("place")
        end = start + len(name)
        in_span = [s for s in spans if s["label"] in ("GPE", "LOC", "FAC") and s["start"] <= start < s["end"]]
        if key in locations:
            found.append((start, end, locations[key]))
        elif in_span:
            span = in_span[0]
            found.append((span["start"], span["end"], locations.get(store.normalise_alias(span["text"]), span["text"])))
        elif not spans:
            # No model spans to check against (tests, plain text): trust the capitalised word.
            found.append((start, end, name))
    return found


# ---------------------------------------------------------------- extraction


def _clause_bounds(text: str, pos: int, base: int) -> tuple[int, int]:
    """The clause around offset ``pos`` (document offsets) in sentence ``text`` starting at ``base``."""
    rel = pos - base
    left = max(text.rfind(c, 0, rel) for c in (",", ";", " – ", " — ", ":"))
    right_candidates = [i for i in (text.find(c, rel) for c in (",", ";", " – ", " — ", ":")) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return base + left + 1, base + right


def _markers(pattern: re.Pattern | None, text: str) -> bool:
    return bool(pattern and pattern.search(text))


def _status_and_direction(rules: FactRules, window: str) -> tuple[str | None, str | None]:
    planned = _markers(rules.planned, window)
    held = _markers(rules.held, window)
    if planned:
        return "planned", "future"
    if held:
        return "held", "past"
    return None, None


def _days(start: _dt.date, end: _dt.date) -> int:
    return (end - start).days + 1


def _iso(d: _dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _overlap(a0, a1, b0, b1, slack: int = 0) -> bool:
    delta = _dt.timedelta(days=slack)
    return a0 <= b1 + delta and b0 <= a1 + delta


def _is_dateline(text: str) -> bool:
    """A dateline or byline fragment ("MOSCOW, February 18.", "/TASS/."): not a sentence of the lede."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return len(words) < 6 and not any(w[0].islower() for w in words)


class _Doc:
    """What extraction knows about one document while it works on it."""

    def __init__(self, text, published, rules, aliases, spans, locations):
        self._dates_by_sentence: dict[tuple[int, int], list[DateMention]] = {}
        self.text = text
        self.published_iso = published
        self.published = iso_day(published)
        self.rules = rules
        self.spans = [s for s in (spans or []) if s.get("status") != "rejected"]
        by_start = sorted(self.spans, key=lambda x: x["start"])
        self._date_spans = [s for s in by_start if s["label"] == "DATE"]
        self._date_starts = [s["start"] for s in self._date_spans]
        self._id_spans = [s for s in by_start if s.get("id") is not None]
        self._id_starts = [s["start"] for s in self._id_spans]
        self._longest_span = max((s["end"] - s["start"] for s in self._id_spans), default=0)
        self.locations = locations
        self.sentences = split_sentences(text)
        self.participants = find_participants(text, rules, _alias_regex(aliases))
        # PERSON spans that are not the participants: other people, sorted by start.
        self._other_people = [
            (span["start"], span["end"]) for span in sorted(self.spans, key=lambda x: x["start"])
            if span["label"] == "PERSON" and not any(m.start < span["end"] and span["start"] < m.end
                                                    for m in self.participants)]
        self._other_starts = [start for start, _ in self._other_people]
        self.other_groups = self._resolve_groups()
        self._mention_starts = [m.start for m in self.participants]
        self.body_index = {}
        n = 0
        for s in self.sentences:
            if not s.is_title and not _is_dateline(s.text):
                self.body_index[s.index] = n
                n += 1
        self.anchor_year = self._anniversary_year()

    def _others(self, start: int, end: int) -> bool:
        """Whether people other than the participants are named in ``[start, end)`` (PERSON spans)."""
        i = bisect.bisect_left(self._other_starts, start)
        return i < len(self._other_starts) and self._other_starts[i] < end

    def paired_with_others(self, sentence: Sentence, pos: int) -> bool:
        """Whether, before ``pos``, a participant is paired with someone else: "Putin and Xi", "Tokayev and Putin"."""
        lo, hi = bisect.bisect_left(self._other_starts, sentence.start), bisect.bisect_left(self._other_starts, pos)
        for start, end in self._other_people[lo:hi]:
            for m in self.people(sentence):
                if m.kind not in ("name", "role"):
                    continue
                between = self.text[m.end:start] if m.end <= start else self.text[end:m.start]
                if re.fullmatch(r"\s+and\s+(?:[A-Z][\w-]*\s+){0,2}", between):
                    return True
        return False

    def _resolve_groups(self) -> list[tuple[int, int]]:
        """Drop "the presidents" / "the two leaders" that stand for other people; returns their offsets.

        "the presidents of Kazakhstan and Uzbekistan" names others; after "Putin held talks with
        Tokayev", "the presidents" are Putin and Tokayev: the last sentence naming anyone decides.
        """
        if not self.spans and not any(m.kind == "group" for m in self.participants):
            return []
        starts = [s.start for s in self.sentences]
        wanted = set(self.rules.participants)
        dropped, kept = [], []
        for mention in self.participants:
            if mention.kind != "group":
                kept.append(mention)
                continue
            of = re.match(r"\s+of\s+(?!the\s+two\b)([^,;.]*)", self.text[mention.end:mention.end + 80])
            if of and not (self.rules.bodies and self.rules.bodies.search(of.group(1))):
                # "the presidents of Kazakhstan and Uzbekistan"; "the heads of state of the EAEU" include them.
                dropped.append((mention.start, mention.end))
                continue
            index = bisect.bisect_right(starts, mention.start) - 1
            verdict = None
            for back in range(index, max(-1, index - 4), -1):
                sentence = self.sentences[back]
                stop = mention.start if back == index else sentence.end
                named = {i for m in self.participants if sentence.start <= m.start < stop and m.kind in ("name", "role")
                         for i in m.entity_ids}
                if named:  # a sentence naming only other people (an official, a place misread) says nothing
                    verdict = wanted <= named or not self._others(sentence.start, stop)
                    break
            if verdict is False:
                dropped.append((mention.start, mention.end))
            else:
                kept.append(mention)
        self.participants = kept
        return dropped

    def _anniversary_year(self) -> int | None:
        # "we marked 20 years since the signing" dates "when we launched the process".
        if not self.published:
            return None
        m = re.search(r"\b(\d{1,3})(?:th)?\s+(?:years\s+since|years\s+ago|anniversary\s+of)", self.text)
        return self.published.year - int(m.group(1)) if m else None

    def lede_people(self, sentences: int = 5) -> set[str]:
        """Participants named in the first body sentences."""
        ids: set[str] = set()
        for s in self.sentences:
            if self.body_index.get(s.index, sentences) < sentences:
                ids.update(i for p in self.people(s) if p.kind in ("name", "role", "group") for i in p.entity_ids)
        return ids

    def is_person(self, pos: int) -> bool:
        """Whether a stored PERSON span covers offset ``pos``."""
        return any(span["label"] == "PERSON" and span["start"] <= pos < span["end"] for span in self.spans)

    def people(self, sentence: Sentence) -> list[Mention]:
        lo = bisect.bisect_left(self._mention_starts, sentence.start)
        hi = bisect.bisect_left(self._mention_starts, sentence.end)
        return self.participants[lo:hi]

    def dates(self, sentence: Sentence) -> list[DateMention]:
        # Asked once per trigger word: scan each sentence once (the date patterns are the costly part).
        key = (sentence.start, sentence.end)
        if key not in self._dates_by_sentence:
            self._dates_by_sentence[key] = self._find_sentence_dates(sentence)
        return list(self._dates_by_sentence[key])

    def _find_sentence_dates(self, sentence: Sentence) -> list[DateMention]:
        mentions = find_dates(sentence.text, sentence.start)
        for mention in mentions:
            shift = _ANAPHORIC_DAYS.get(" ".join(mention.text.casefold().split())) if mention.kind == "rel_day" else None
            if shift is not None:
                # "A day earlier" counts from the day last named, not from the publication date.
                day = self._last_day(sentence, mention.start, mentions)
                if day is not None:
                    day += _dt.timedelta(days=shift)
                    mention.fixed = (day, day, "day")
        lo = bisect.bisect_left(self._date_starts, sentence.start)
        hi = bisect.bisect_left(self._date_starts, sentence.end)
        for span in self._date_spans[lo:hi]:
            if any(not (span["end"] <= d.start or span["start"] >= d.end) for d in mentions):
                continue
            if find_dates(span["text"]) or _DATE_WORDS.search(span["text"]):
                # A form these patterns know and rejected here (a bare "December" as a subject).
                continue
            fixed = _span_date(span, self.published_iso)
            if fixed:
                mentions.append(DateMention(span["start"], span["end"], span["text"], "span", {}, fixed))
        return sorted(mentions, key=lambda d: d.start)

    def _last_day(self, sentence: Sentence, pos: int, here: list[DateMention]) -> _dt.date | None:
        """The last single day named before ``pos`` in this sentence (``here``) or the three before it."""
        for back in range(sentence.index, max(-1, sentence.index - 4), -1):
            before = self.sentences[back]
            found = here if back == sentence.index else self.dates(before)
            for mention in reversed(found):
                if mention.start >= pos or (mention.kind == "rel_day" and back == sentence.index):
                    continue
                if _CLOCK.match(self.text, mention.end):
                    continue
                rng = resolve_date(mention, self.published)
                if rng and rng[0] == rng[1]:
                    return rng[0]
        return None

    def span_ids(self, ranges: list[tuple[int, int]]) -> list[int]:
        ids = set()
        for a, b in ranges:
            # Spans are short: only those starting a little before ``a`` can reach into the range.
            lo = bisect.bisect_left(self._id_starts, a - self._longest_span)
            hi = bisect.bisect_left(self._id_starts, b)
            ids.update(span["id"] for span in self._id_spans[lo:hi] if a < span["end"])
        return sorted(ids)


def _choose_date(anchor: int, anchor_end: int, sentence: Sentence, dates, doc: _Doc, direction, max_days,
                 kind: str = "meeting"):
    """The date an anchor (trigger word) refers to: after it in its clause, else before it, else after.

    A date before it with a trigger of the other kind in between dates that one ("met in December,
    and have held phone calls since then, including on February 14").
    """
    resolved = []
    for mention in dates:
        rng = resolve_date(mention, doc.published, direction)
        if rng and _days(rng[0], rng[1]) <= max_days:
            resolved.append((mention, rng))
    if not resolved:
        return None
    clause_start, clause_end = _clause_bounds(sentence.text, anchor, sentence.start)
    after_in_clause = [r for r in resolved if anchor_end <= r[0].start < clause_end]
    if after_in_clause:
        return after_in_clause[0]
    other = doc.rules.meeting if kind == "call" else doc.rules.call
    before = [r for r in resolved if r[0].end <= anchor
              and not (other and other.search(doc.text[r[0].end:anchor]))]
    if before:
        return before[-1]
    after = [r for r in resolved if r[0].start >= anchor_end]
    return after[0] if after else None


_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,\s+[^,.()]{3,20}$")
_CLOCK = re.compile(r",?\s*\d{1,2}:\d{2}\b")
_SINCE = re.compile(r"\b(?:since|until|till)\s+(?:[A-Za-z]+\s+){0,6}$")
_WE_BEFORE = re.compile(r"\b(?:we|us)\s+(?:\w+\s+){0,3}$|\bour\s+(?:\w+,?\s+){0,5}$", re.IGNORECASE)
_THEIR_BEFORE = re.compile(r"\b(?:their|they)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_EACH_OTHER = re.compile(r"^\s+each\s+other\b|^\s+one\s+another\b", re.IGNORECASE)


_TURN = re.compile(r"^(?P<label>[^:]{2,80}?):\s")
_ASKER = re.compile(r"^(?:Question|Answer|Remark|Reply|Q|A|Moderator|Reporter|Journalist|Interviewer|Host)\b")


def _speaker(doc: _Doc, sentence: Sentence) -> bool | None:
    """Whether the transcript turn holding ``sentence`` ("Alexander Lukashenko: ...") is a participant's.

    None when no turn label opens this paragraph or one of the few before it.
    """
    paragraphs = 0
    for s in reversed(doc.sentences[:sentence.index + 1]):
        first = s.index == 0 or doc.sentences[s.index - 1].paragraph != s.paragraph
        if not first:
            continue
        turn = _TURN.match(s.text)
        if turn and len(turn.group("label").split()) <= 9:
            end = s.start + turn.end("label")
            if any(p.start < end and p.kind in ("name", "role") for p in doc.people(s)):
                return True
            if _ASKER.match(turn.group("label")) or doc._others(s.start, end):
                return False
        paragraphs += 1
        if paragraphs > 8:
            break
    return None


def _first_person(doc: _Doc, sentence: Sentence, anchor: re.Match) -> bool:
    """"we will meet again", "our talks", "saw each other" said by a participant, in an article naming them all."""
    before = sentence.text[:anchor.start()]
    if not (_WE_BEFORE.search(before) or _EACH_OTHER.match(sentence.text[anchor.end():])):
        return False
    named = {i for p in doc.participants if p.kind == "name" for i in p.entity_ids}
    if not set(doc.rules.participants) <= named:
        return False
    # The speaker: the participant whose transcript turn this is, or one named in the paragraph so far.
    turn = _speaker(doc, sentence)
    if turn is not None:
        return turn
    return any(p.kind in ("name", "role") for s in doc.sentences
               if s.paragraph == sentence.paragraph and s.index <= sentence.index for p in doc.people(s))


def _third_person(doc: _Doc, sentence: Sentence, anchor: re.Match) -> bool:
    """"Their previous round of talks": the participants, if the last sentence naming anyone names them all."""
    if not _THEIR_BEFORE.search(sentence.text[:anchor.start()]) or any(
            p.start < sentence.start + anchor.start() for p in doc.people(sentence)):
        return False
    for previous in reversed(doc.sentences[:sentence.index]):
        people = doc.people(previous)
        if people:
            ids = {i for p in people for i in p.entity_ids}
            return set(doc.rules.participants) <= ids
    return False


_WITH_NAME = re.compile(r"\s+with\s+(?:(?:the|[A-Z][\w-]+)\s+){0,3}?(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")
_RELATIVE = re.compile(r",\s+(?:who|which)\s+")


def _relative_clause(sentence: Sentence, anchor: re.Match) -> tuple[int, int] | None:
    """The ", who ... ," clause around an anchor (sentence offsets, from the comma), if it is in one."""
    opening = None
    for m in _RELATIVE.finditer(sentence.text, 0, anchor.start()):
        opening = m
    if opening is None or "," in sentence.text[opening.end():anchor.start()]:
        return None
    close = sentence.text.find(",", anchor.end())
    return opening.start(), close if close != -1 else len(sentence.text)


def _candidate(doc: _Doc, sentence: Sentence, kind: str, anchor: re.Match, *, weak: bool = False,
               joint: bool = False):
    rules = doc.rules
    a0, a1 = sentence.start + anchor.start(), sentence.start + anchor.end()
    by_default = False
    people = doc.people(sentence)
    relative = _relative_clause(sentence, anchor)
    if relative:
        # "Lukashenko, who returned from a visit to China, briefed Putin": the visit is the subject's alone.
        r0, r1 = sentence.start + relative[0], sentence.start + relative[1]
        people = [p for p in people if r0 <= p.start < r1 or r0 - 2 <= p.end <= r0]
    ids = set()
    for p in people:
        ids.update(p.entity_ids)
    named = {i for p in people if p.kind in ("name", "role", "group") for i in p.entity_ids}
    body_near = None
    partner = _WITH_NAME.match(sentence.text, anchor.end())
    if partner and not any(a1 <= p.start < sentence.start + partner.end() for p in people) and (
            " " in partner.group("name") or doc.is_person(sentence.start + partner.start("name"))):
        # "his talks with Chinese President Xi Jinping", "we met with Tokayev": a meeting with someone else.
        return None
    if kind == "meeting":
        # Meetings of other officials ("a meeting of the Council of Ministers") do not count.
        after = sentence.text[anchor.end():anchor.end() + 60]
        if rules.other_bodies and re.match(r"\s+(?:of|between)\s+", after):
            m = rules.other_bodies.search(after)
            if m and not (rules.all_attend_bodies and rules.all_attend_bodies.search(after[:m.start()])):
                return None
        near = sentence.text[max(0, anchor.start() - 40):anchor.end() + 60]
        if rules.all_attend_bodies and rules.all_attend_bodies.search(near):
            ids.update(rules.participants)
            body_near = True
    if weak or joint:
        # "Lukashenka and Putin agreed": the participants are the subject, named before the weak verb;
        # "a treaty signed by the presidents" is not a meeting of theirs.
        c0, _ = _clause_bounds(sentence.text, a0, sentence.start)
        before = {i for p in people if p.kind in ("name", "role", "group") and c0 <= p.start < a0
                  for i in p.entity_ids}
        if not set(rules.participants) <= before:
            return None
        ids.update(before)
    elif not set(rules.participants) <= ids and (
            _first_person(doc, sentence, anchor) or _third_person(doc, sentence, anchor)):
        ids.update(rules.participants)
    # "since the election on August 9" marks a starting point; "SOCHI, 15 February (BelTA) -" dates the report.
    # "Feb 09, 17:17 Lukashenko says..." is a list item's time stamp.
    dates = [d for d in doc.dates(sentence) if not _SINCE.search(doc.text[max(0, d.start - 60):d.start])
             and not _DATELINE.match(sentence.text[:d.end - sentence.start])
             and not _CLOCK.match(doc.text, d.end)]
    clause_start, clause_end = _clause_bounds(sentence.text, a0, sentence.start)
    local = doc.text[clause_start:clause_end]
    status, direction = _status_and_direction(rules, local)
    if status is None:
        status, direction = _status_and_direction(rules, sentence.text)
    chosen = _choose_date(a0, a1, sentence, dates, doc, direction, rules.max_event_days, kind)
    used = [(a0, a1)] + [(p.start, p.end) for p in people]
    if chosen is None:
        body_no = doc.body_index.get(sentence.index)
        lede = sentence.is_title or (body_no is not None and body_no < rules.lede_sentences)
        if not lede or not doc.published or weak or (
                not named and (not body_near or doc._others(sentence.start, a0))):
            # An undated lede dates its meeting by publication if it names someone taking part or is
            # a session of a body they all attend ("A session of the Supreme State Council began"), not
            # when someone else speaks about it ("the ambassador told TASS about the plans for the Council").
            return {"undated": True, "ids": ids, "sentence": sentence}
        start = end = doc.published
        precision = "day"
        by_default = True
    else:
        mention, (start, end, precision) = chosen
        used.append((mention.start, mention.end))
        # Re-pick the year now that the full sentence's tense is known.
        if chosen and direction is None:
            guess = "held" if end < doc.published else "planned" if start > doc.published else None
            status = status or guess
        upcoming = re.search(r"\b(?:upcoming|forthcoming|next|future|new)\s+$", sentence.text[:anchor.start()], re.I)
        attached = a1 <= mention.start < clause_end
        # "The meeting coincided with the anniversary of the treaty, signed on 8 December 1999": a definite
        # reference takes no date from a later clause, that date belongs to another verb.
        definite_ref = re.search(r"\b(?:the|this|that)\s+$", sentence.text[:anchor.start()], re.I)
        if definite_ref and mention.start >= clause_end:
            return {"undated": True, "ids": ids, "sentence": sentence}
        if upcoming and not attached:
            # "the upcoming meeting" refers back to a meeting; a date elsewhere in the sentence dates another verb.
            return {"undated": True, "ids": ids, "sentence": sentence}
        if weak and precision != "day":
            return None
    if weak and status == "planned":
        return None
    if status is None:
        status = "held"
    if status == "planned" and not by_default and doc.published and end < doc.published:
        status = "held"  # "asked whether he would attend the summit Putin hosted last month": reported speech
    places = find_places(sentence, doc.spans, doc.locations) if kind == "meeting" else []
    place = None
    if places:
        best = min(places, key=lambda p: min(abs(p[0] - a1), abs(p[0] - a0)))
        place = best[2]
        used.append((best[0], best[1]))
    definite = sentence.text[:anchor.start()].split()[-1:]
    return {
        "kind": kind,
        "ids": ids,
        "start_date": start,
        "end_date": end,
        "precision": precision if start != end else "day",
        "held": status,
        "place": place,
        "sentence": sentence,
        "anchor": (a0, a1),
        "definite": bool(definite and definite[0].casefold() in rules.definite),
        "body": body_near,
        "used": used,
        "by_default": by_default,
        "others": doc.paired_with_others(sentence, a0),
    }


def _event_candidates(doc: _Doc) -> list[dict[str, Any]]:
    rules = doc.rules
    out: list[dict[str, Any]] = []
    for sentence in doc.sentences:
        calls = list(rules.call.finditer(sentence.text)) if rules.call else []
        call_candidates = [c for c in (_candidate(doc, sentence, "call", m) for m in calls) if c]
        out.extend(c for c in call_candidates if not c.get("undated"))
        call_days = {(c["start_date"], c["end_date"]) for c in call_candidates if not c.get("undated")}
        anchors = []
        if rules.meeting:
            anchors += [(m, False) for m in rules.meeting.finditer(sentence.text)]
        if rules.all_attend_bodies:
            anchors += [(m, False) for m in rules.all_attend_bodies.finditer(sentence.text)]
        if rules.bodies:
            anchors += [(m, False) for m in rules.bodies.finditer(sentence.text)]
        # A call's own words ("agreed on a new meeting during a telephone conversation") are not a meeting.
        anchors = [(m, w) for m, w in anchors if not any(c.start() <= m.start() < c.end() for c in calls)]
        if not calls and rules.weak_meeting:
            anchors += [(m, True) for m in rules.weak_meeting.finditer(sentence.text)]
        if rules.joint:
            anchors += [(m, "joint") for m in rules.joint.finditer(sentence.text)]
        for match, weak in anchors:
            cand = _candidate(doc, sentence, "meeting", match, weak=weak is True, joint=weak == "joint")
            if not cand or cand.get("undated"):
                continue
            if calls and (cand["start_date"], cand["end_date"]) in call_days:
                continue
            if not set(rules.participants) <= cand["ids"]:
                cand["ids"] |= _attendees(doc, sentence)
            if sentence.is_title and cand["ids"] and not set(rules.participants) <= cand["ids"]:
                # "Meeting with President of Belarus Alexander Lukashenko": the host is named in the lede.
                cand["ids"] |= doc.lede_people()
            out.append(cand)
    return out


def _attendees(doc: _Doc, sentence: Sentence) -> set[str]:
    """Participants the next sentence adds to a summit: "Lukashenko was among the guests".

    The next sentence may name the summit again ("took part in that session"), not another meeting.
    """
    rules = doc.rules
    following = doc.sentences[sentence.index + 1] if sentence.index + 1 < len(doc.sentences) else None
    if (following is None or following.paragraph != sentence.paragraph or rules.attendance is None
            or not rules.attendance.search(following.text) or doc.dates(following)
            or (rules.meeting and any(not re.search(r"\b(?:that|this|the|its)\s+$", following.text[:m.start()], re.I)
                                      for m in rules.meeting.finditer(following.text)))
            or (rules.call and rules.call.search(following.text))):
        return set()
    return {i for p in doc.people(following) if p.kind in ("name", "role", "group") for i in p.entity_ids}


def _complete_participants(cands: list[dict[str, Any]], participants: set[str]) -> list[dict[str, Any]]:
    """Keep candidates where all participants take part, inheriting them from the same meeting nearby."""
    full = [c for c in cands if participants <= c["ids"]]
    kept = []
    for cand in cands:
        if participants <= cand["ids"]:
            kept.append(cand)
            continue
        if not cand["ids"]:
            # "the meeting" with a date: the meeting introduced just before, in the same paragraph.
            if not cand["definite"]:
                continue
            earlier = [f for f in full if f["kind"] == cand["kind"] and f["anchor"][0] < cand["anchor"][0]
                       and f["sentence"].paragraph == cand["sentence"].paragraph]
            if not earlier:
                continue
        if cand.get("others"):
            continue  # "Putin and Xi last met in Beijing in May": someone else's meeting, whatever its dates
        same = [f for f in full if f["kind"] == cand["kind"]
                and _overlap(f["start_date"], f["end_date"], cand["start_date"], cand["end_date"])]
        if same or not cand["ids"]:
            cand = dict(cand, ids=set(participants))
            if same and cand["place"] is None:
                cand["place"] = same[0]["place"]
            kept.append(cand)
    return kept


def _drop_lede_defaults(cands: list[dict[str, Any]], published: _dt.date | None) -> list[dict[str, Any]]:
    """An undated lede meeting is the one the article dates in the days just before publication."""
    if published is None:
        return cands
    window = (published - _dt.timedelta(days=3), published)
    kept = []
    for cand in cands:
        # An undated headline, or an undated "the talks lasted..." after the dated news, repeats that news.
        if cand["by_default"] and any(
                o["kind"] == cand["kind"] and not o["by_default"] and _days(o["start_date"], o["end_date"]) <= 7
                and o["start_date"] <= window[1] and o["end_date"] >= window[0]
                and (cand["sentence"].is_title or o["sentence"].index < cand["sentence"].index) for o in cands):
            continue
        kept.append(cand)
    return kept


def _dedupe_events(cands: list[dict[str, Any]], published: _dt.date | None) -> list[dict[str, Any]]:
    """One fact per meeting in a document; a range wholly split into narrower ones gives way to them."""
    result: list[dict[str, Any]] = []
    for cand in cands:
        twin = next((r for r in result if r["kind"] == cand["kind"] and r["start_date"] == cand["start_date"]
                     and r["end_date"] == cand["end_date"]), None)
        if twin is None:
            result.append(cand)
            continue
        if twin["place"] is None and cand["place"]:
            twin["place"] = cand["place"]
        if twin["held"] != cand["held"] and published is not None:
            twin["held"] = "held" if twin["end_date"] <= published and "held" in (twin["held"], cand["held"]) \
                else twin["held"]
    final = []
    for cand in result:
        inner = [r for r in result if r is not cand and r["kind"] == cand["kind"]
                 and cand["start_date"] <= r["start_date"] and r["end_date"] <= cand["end_date"]
                 and (r["start_date"], r["end_date"]) != (cand["start_date"], cand["end_date"])]
        for r in inner:
            if r["place"] is None and cand["place"]:
                r["place"] = cand["place"]
        covered = set()
        for r in inner:
            day = r["start_date"]
            while day <= r["end_date"]:
                covered.add(day)
                day += _dt.timedelta(days=1)
        if inner and len(covered) >= _days(cand["start_date"], cand["end_date"]):
            continue
        if any(r["held"] == cand["held"] and r["start_date"] == r["end_date"] and (cand["sentence"].is_title or (
                r["definite"] and r["sentence"].paragraph == cand["sentence"].paragraph
                and r["sentence"].index > cand["sentence"].index)) for r in inner):
            # A headline's "Lukashenka says he will meet Putin in February" is the lede's "on February 26";
            # "the summit Putin hosted last month ... The summit took place on December 26" is one summit.
            continue
        final.append(cand)
    return final


def _qualifier(rules: FactRules, window: str, skip: str | None = None) -> str | None:
    for name, pattern in rules.qualifiers:
        if name != skip and pattern.search(window):
            return name
    return None


def _nearest_term(rules: FactRules, sentence: Sentence, pos: int, end: int) -> str | None:
    """'trade', 'excluded' or 'foreign': which kind of word is nearest to the amount in its sentence.

    'foreign' is trade that names another party ("trade with Kazakhstan", "EU trade with Belarus").
    """
    best = None
    for label, pattern in (("trade", rules.trade_terms), ("excluded", rules.trade_excluded)):
        if pattern is None:
            continue
        for m in pattern.finditer(sentence.text):
            a, b = sentence.start + m.start(), sentence.start + m.end()
            # Words after the amount count less: the subject usually comes first.
            distance = pos - b if b <= pos else (a - end) * 2 + 10
            if distance < 0:
                continue
            if best is None or distance < best[0]:
                best = (distance, label, m)
    if best and best[1] == "trade" and _foreign_trade(rules, sentence.text, best[2]):
        return "foreign"
    return best[1] if best else None


_TRADE_MODIFIERS = {"foreign", "mutual", "bilateral", "total", "overall", "the", "goods", "commodity", "annual",
                    "its", "their", "our", "this", "that"}
_PARTY_FILLERS = {"the", "and", "its", "their", "our", "other", "two", "both", "member", "states", "countries",
                  "country", "partner", "partners", "of", "s", "republic"}
_NOT_PARTIES = {"the", "in", "last", "this", "our", "their", "its", "trade", "mutual", "total", "bilateral",
                "foreign", "according", "overall", "annual", "and", "but", "while", "a", "an"} | set(_MONTHS)


def _foreign_party(rules: FactRules, word: str) -> bool:
    for part in re.split(r"[-–]", re.sub(r"(?:'s|’s|'|’)$", "", word)):
        if part[:1].isupper() and part.casefold() not in rules.trade_parties \
                and part.casefold()[:3] not in _NOT_PARTIES and part.casefold() not in _NOT_PARTIES:
            return True
    return False


def _foreign_trade(rules: FactRules, text: str, term: re.Match) -> bool:
    """Whether a trade term names a party other than the profile's pair.

    The owner before it ("EU trade", "Belarus-China trade") and the partners after
    with/between/within ("trade with the CIS countries", "trade within the union").
    """
    if not rules.trade_parties:
        return False
    clause = re.split(r"[,;:()]", text[:term.start()])[-1]
    words = [w for w in re.findall(r"[\w'’.-]+", clause)]
    while words and words[-1].casefold() in _TRADE_MODIFIERS:
        words.pop()
    if words and (words[-1][:1].isupper() or re.search(r"(?:'s|’s|s'|s’)$", words[-1])) and _foreign_party(
            rules, words[-1]):
        return True
    last = term.group().split()[-1].casefold()
    if last in ("with", "between", "within", "among"):  # the term itself ends in one: "trade between"
        after = re.match(r"()([^,;:.()]*)", text[term.end():])
        prep = last
    else:
        after = re.match(r"\s+(?:turnover\s+|volume\s+)?(with|between|within|among)\s+([^,;:.()]*)",
                         text[term.end():])
        prep = after.group(1) if after else None
    if not after:
        return False
    named = []
    for word in re.findall(r"[\w'’-]+", after.group(2)):
        if word[:1].isupper():
            named.append(word)
        elif word.casefold() not in _PARTY_FILLERS:
            break
    if prep in ("within", "among") and not named:
        return True  # "trade within the union": a bloc's internal trade
    return any(_foreign_party(rules, w) for w in named)


def _trade_candidates(doc: _Doc) -> list[dict[str, Any]]:
    rules = doc.rules
    out: list[dict[str, Any]] = []
    if rules.trade_terms is None:
        return out
    previous_trade: Sentence | None = None
    previous_period = None
    for sentence in doc.sentences:
        moneys = find_money(sentence.text, sentence.start)
        term_here = bool(rules.trade_terms.search(sentence.text))
        follows_trade = (previous_trade is not None and previous_trade.paragraph == sentence.paragraph
                         and previous_trade.index == sentence.index - 1)

        def continued(pos: int) -> bool:
            # "Our trade is growing. Last year it was about $45 billion": "it" carries the previous sentence's topic.
            return bool(follows_trade and rules.trade_pronouns
                        and rules.trade_pronouns.search(sentence.text[:pos - sentence.start]))

        found_here = []
        # "The presidents said their countries' trade...": the presidents are others (see _resolve_groups).
        others_speak = any(sentence.start <= a < sentence.end for a, _ in doc.other_groups)
        for money in moneys:
            label = _nearest_term(rules, sentence, money.start, money.end)
            if others_speak or label in ("excluded", "foreign") or (label is None and not continued(money.start)) or _total_trade(
                    rules, sentence, money.start):
                continue
            window = sentence.text[max(0, money.start - sentence.start - 60):money.end - sentence.start + 10]
            qualifier = _qualifier(rules, window) or _qualifier(rules, sentence.text[:money.start - sentence.start])
            if qualifier == "growth_only":
                # "grew by 33% to a record $38.5 billion": the rate is a figure of its own, the amount is a level.
                qualifier = _qualifier(rules, window, skip="growth_only")
            direction = "future" if qualifier == "forecast" else "past"
            period = _trade_period(doc, sentence, money.start, money.end, direction)
            if period is None and previous_period and previous_trade and previous_trade.paragraph == sentence.paragraph:
                period = previous_period
            if period is None and doc.anchor_year and rules.anniversary_refs and rules.anniversary_refs.search(
                    sentence.text):
                y = doc.anchor_year
                period = (_dt.date(y, 1, 1), _dt.date(y, 12, 31), "year", None)
            if period is None:
                continue
            used = [(money.start, money.end)] + ([(period[3].start, period[3].end)] if period[3] else [])
            out.append({"kind": "trade", "period_start": period[0], "period_end": period[1], "value": money.amount,
                        "currency": money.currency, "qualifier": qualifier, "sentence": sentence, "used": used,
                        "precision": period[2]})
            found_here.append((period[0], period[1]))
            previous_period = period
        if rules.growth and (term_here or follows_trade):
            for pct in _PERCENT.finditer(sentence.text):
                pos, end = sentence.start + pct.start(), sentence.start + pct.end()
                # A growth rate is a figure of its own: "grew by 10 percent" (not "90% of payments").
                if not rules.growth.search(sentence.text[max(0, pct.start() - 40):pct.start()]):
                    continue
                label = _nearest_term(rules, sentence, pos, end)
                if label in ("excluded", "foreign") or (label is None and not continued(pos)):
                    continue
                period = _trade_period(doc, sentence, pos, end, "past")
                # "grew by 17.8% to $8.4 billion": the rate of a stated amount is not another figure.
                if period is None or (period[0], period[1]) in found_here:
                    continue
                out.append({"kind": "trade", "period_start": period[0], "period_end": period[1],
                            "value": float(pct.group("num").replace(",", ".")), "currency": "%",
                            "qualifier": "growth_only", "sentence": sentence, "precision": period[2],
                            "used": [(pos, end)]})
                found_here.append((period[0], period[1]))
        if found_here or term_here:
            previous_trade = sentence
        if term_here and not found_here and all(
                _foreign_trade(rules, sentence.text, m) for m in rules.trade_terms.finditer(sentence.text)):
            # "Trade with the Tver Oblast was $512 million. This year it grew by 20%": "it" is not theirs.
            previous_trade = None
    # One figure per (period, value, currency) in a document.
    unique: dict[tuple, dict[str, Any]] = {}
    for cand in out:
        key = (cand["period_start"], cand["period_end"], round(cand["value"], 2), cand["currency"])
        unique.setdefault(key, cand)
    return list(unique.values())


def _total_trade(rules: FactRules, sentence: Sentence, pos: int) -> bool:
    """"Belarus' foreign trade turnover reached $80 billion": the country's total, not the two countries'."""
    if rules.trade_total is None:
        return False
    rel = pos - sentence.start
    clause = sentence.text[max(sentence.text.rfind(c, 0, rel) for c in ",;") + 1:rel]
    return bool(rules.trade_total.search(clause)) and not (
        rules.trade_bilateral and rules.trade_bilateral.search(clause))


def _trade_period(doc: _Doc, sentence: Sentence, pos: int, end: int, direction: str):
    """The period a trade figure is for: the nearest period-like date, a day ("today") only if none.

    A date after the figure and past a comma ("$26.6 billion, which is the level of last year") belongs
    to another clause and comes last.
    """
    best = None
    for mention in doc.dates(sentence):
        rng = resolve_date(mention, doc.published, direction)
        if rng is None:
            continue
        if doc.rules.trade_comparison and doc.rules.trade_comparison.search(
                doc.text[max(sentence.start, mention.start - 60):mention.start]):
            continue  # "compared with the same period last year": the base of a comparison
        distance = abs(mention.start - pos)
        later_clause = mention.start >= end and bool(re.search(r"[,;:–—]", doc.text[end:mention.start]))
        rank = (rng[2] == "day", later_clause, distance)
        if best is None or rank < best[0]:
            best = (rank, (rng[0], rng[1], rng[2], mention))
    return best[1] if best else None


def extract_facts(
    text: str,
    published: str | None,
    rules: FactRules,
    *,
    aliases: dict[str, list[str]],
    spans: list[dict[str, Any]] | None = None,
    locations: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Propose facts (rows for the ``facts`` table, without doc_id) from one document.

    ``aliases`` maps each participant's entity id to its names; ``spans`` are the
    stored spans (ids are cited as evidence); ``locations`` maps normalised place
    aliases to canonical place names.
    """
    doc = _Doc(text, published, rules, aliases, spans, locations or {})
    participants = set(rules.participants)
    facts: list[dict[str, Any]] = []
    events = _event_candidates(doc)
    events = _complete_participants(events, participants) if participants else events
    events = _drop_lede_defaults(events, doc.published)
    events = _dedupe_events(events, doc.published)
    for cand in events:
        sentence = cand["sentence"]
        facts.append({
            "kind": cand["kind"], "status": "proposed", "source": "rule",
            "date_start": _iso(cand["start_date"]), "date_end": _iso(cand["end_date"]),
            "precision": cand["precision"], "place": cand["place"],
            "participants": sorted(cand["ids"] & participants) if participants else sorted(cand["ids"]),
            "held": cand["held"], "evidence": sentence.text, "start": sentence.start, "end": sentence.end,
            "span_ids": doc.span_ids(cand["used"]), "flags": [],
        })
    for cand in _trade_candidates(doc):
        sentence = cand["sentence"]
        precision = cand["precision"]
        facts.append({
            "kind": "trade", "status": "proposed", "source": "rule",
            "period_start": _iso(cand["period_start"]), "period_end": _iso(cand["period_end"]),
            "precision": precision, "value": cand["value"], "currency": cand["currency"],
            "qualifier": cand["qualifier"], "participants": [], "evidence": sentence.text,
            "start": sentence.start, "end": sentence.end, "span_ids": doc.span_ids(cand["used"]), "flags": [],
        })
    facts.sort(key=lambda f: (f["start"], f["kind"]))
    return facts


# ---------------------------------------------------------------- the database side


def fact_context(db: sqlite_utils.Database, rules: FactRules | None = None):
    """``(rules, aliases, locations)``: what :func:`extract_facts` needs for a database's profile.

    Raises :class:`desktop.profile.ProfileError` when the project's profile cannot be loaded.
    """
    profile = None
    if rules is None or not _db_aliases(db, rules.participants):
        from desktop.profile import load_profile

        profile = load_profile(store.get_meta(db, "profile") or None)
        rules = rules or FactRules.from_dict(profile.facts)
    aliases = _db_aliases(db, rules.participants)
    locations: dict[str, str] = {}
    for row in store.place_entities(db):
        for alias in (row["aliases"] or []) + [row["name"]]:
            locations[store.normalise_alias(alias)] = row["name"]
            locations[store.normalise_alias(alias.replace(".", ""))] = row["name"]
    if profile is not None:
        for entity in profile.entities:
            if entity["id"] in rules.participants and not aliases.get(entity["id"]):
                aliases[entity["id"]] = [entity["name"], *entity.get("aliases", [])]
            if entity.get("label") in ("GPE", "LOC", "FAC"):
                for alias in [entity["name"], *entity.get("aliases", [])]:
                    locations.setdefault(store.normalise_alias(alias), entity["name"])
                    locations.setdefault(store.normalise_alias(alias.replace(".", "")), entity["name"])
    return rules, aliases, locations


def _db_aliases(db: sqlite_utils.Database, participants: list[str]) -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {}
    for entity_id in participants:
        row = store.get_row(db, "entities", entity_id)
        if row:
            aliases[entity_id] = [row["name"], *(row["aliases"] or [])]
    return aliases


def same_fact(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether a proposal repeats a fact the analyst already decided (it is then not proposed again)."""
    if a["kind"] != b["kind"]:
        return False
    if a["kind"] == "trade":
        return (a.get("period_start"), a.get("period_end"), a.get("currency")) == (
            b.get("period_start"), b.get("period_end"), b.get("currency")) and abs(
            (a.get("value") or 0) - (b.get("value") or 0)) <= 0.01 * max(abs(a.get("value") or 0), 1)
    return (a.get("date_start"), a.get("date_end")) == (b.get("date_start"), b.get("date_end")) and sorted(
        a.get("participants") or []) == sorted(b.get("participants") or [])


def repropose_in_action(act, db: sqlite_utils.Database, doc_id: int, context) -> None:
    """Replace a document's proposed rule facts inside a history action (so one undo restores them).

    The analyst's facts (confirmed, rejected, added) stay, and a proposal equal to
    one of them is not made again; a proposal that did not change keeps its row
    and id, so a view's selection stays put. ``context`` is :func:`fact_context`'s.
    """
    rules, aliases, locations = context
    doc = store.get_document(db, doc_id)
    existing = store.facts_for_document(db, doc_id)
    kept = [f for f in existing if f["status"] != "proposed" or f["source"] != "rule"]
    stale = [f for f in existing if f not in kept]
    spans = store.spans_for_document(db, doc_id, include_rejected=False)
    for fact in extract_facts(doc["text"], doc["published"], rules, aliases=aliases, spans=spans,
                              locations=locations):
        if any(same_fact(fact, k) for k in kept):
            continue
        same = next((f for f in stale if all(f.get(k) == v for k, v in fact.items() if k != "flags")), None)
        if same is not None:
            stale.remove(same)
        else:
            act.insert("facts", dict(fact, doc_id=doc_id, created_at=store.now()))
    for fact in stale:
        act.delete("facts", fact["id"])


def propose_facts(
    db: sqlite_utils.Database, doc_ids: Iterable[int], *, rules: FactRules | None = None, events: bool = True,
    failures: list[tuple[str, str]] | None = None,
) -> int:
    """Re-propose the facts of ``doc_ids``; returns how many were proposed.

    Replaces the proposed rule facts of those documents, keeps what the analyst
    confirmed, rejected or added (a proposal equal to one of those is not made
    again), writes in one transaction, then rebuilds the merged events (unless
    ``events=False``: ingest rebuilds them once per run, not once per batch).
    """
    doc_ids = list(doc_ids)
    rules, aliases, locations = fact_context(db, rules)
    count = 0
    with db.atomic():
        for doc_id in doc_ids:
            doc = store.get_document(db, doc_id)
            if doc is None:
                continue
            spans = store.spans_for_document(db, doc_id, include_rejected=False)
            existing = store.facts_for_document(db, doc_id)
            kept = [f for f in existing if f["status"] != "proposed" or f["source"] != "rule"]
            try:
                proposed = extract_facts(doc["text"], doc["published"], rules, aliases=aliases, spans=spans,
                                         locations=locations)
            except Exception as exc:  # noqa: BLE001 - one article's failure must not cost the others their facts
                message = f"{type(exc).__name__}: {exc}"
                if failures is not None:  # the caller reports it (ingest summary, CLI line)
                    failures.append((doc["path"], message))
                    log.debug("extracting facts from %s failed", doc["path"], exc_info=True)
                else:
                    log.warning("extracting facts from %s failed: %s", doc["path"], message)
                continue
            store.delete_facts(db, [f["id"] for f in existing if f not in kept])
            rows = []
            for fact in proposed:
                if any(same_fact(fact, k) for k in kept):
                    continue
                rows.append(store.encode("facts", dict(fact, doc_id=doc_id, created_at=store.now())))
            store.insert_facts(db, rows)
            count += len(rows)
    if events:
        from desktop.events import rebuild_events

        rebuild_events(db)
    return count


def propose_all(db: sqlite_utils.Database, *, rules: FactRules | None = None,
                failures: list[tuple[str, str]] | None = None) -> int:
    """Re-propose the facts of every document (``failures`` as for :func:`propose_facts`)."""
    return propose_facts(db, store.document_ids(db), rules=rules, failures=failures)


# ---------------------------------------------------------------- analyst operations


def get_fact(db: sqlite_utils.Database, fact_id: int) -> dict[str, Any]:
    """One fact row; raises :class:`FactError` if there is none."""
    fact = store.get_row(db, "facts", fact_id)
    if fact is None:
        raise FactError(f"no fact {fact_id}")
    return fact


def _check_date(name: str, value: Any) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise FactError(f"{name} must be an ISO date (YYYY-MM-DD), not {value!r}")
    try:
        _dt.date.fromisoformat(value.strip())
    except ValueError:
        raise FactError(f"{name} {value!r} is not a calendar date") from None
    return value.strip()


def validate_slots(db: sqlite_utils.Database, kind: str, slots: dict[str, Any], current: dict[str, Any] | None = None
                   ) -> dict[str, Any]:
    """Check and normalise slot values for a fact of ``kind``; raises :class:`FactError`."""
    if kind not in store.FACT_KINDS:
        raise FactError(f"kind must be one of {', '.join(store.FACT_KINDS)}, not {kind!r}")
    allowed = EVENT_SLOTS if kind in EVENT_KINDS else TRADE_SLOTS
    unknown = sorted(set(slots) - set(allowed))
    if unknown:
        raise FactError(f"a {kind} fact has no slot {unknown[0]!r} (slots: {', '.join(allowed)})")
    out = dict(slots)
    for name in ("date_start", "date_end", "period_start", "period_end"):
        if name in out:
            out[name] = _check_date(name, out[name])
    current = current or {}
    prefix = "date" if kind in EVENT_KINDS else "period"
    start = out.get(f"{prefix}_start", current.get(f"{prefix}_start"))
    end = out.get(f"{prefix}_end", current.get(f"{prefix}_end"))
    if f"{prefix}_start" in out and f"{prefix}_end" not in out and start and (not end or end < start):
        out[f"{prefix}_end"] = end = start
    if start and end and end < start:
        raise FactError(f"{prefix}_end {end} is before {prefix}_start {start}")
    if "precision" in out and out["precision"] not in (None, *PRECISIONS):
        raise FactError(f"precision must be one of {', '.join(PRECISIONS)}")
    if "held" in out and out["held"] not in (None, "held", "planned"):
        raise FactError("held must be 'held' or 'planned'")
    if "place" in out:
        out["place"] = (out["place"] or "").strip() or None
    if "participants" in out:
        value = out["participants"]
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)):
            raise FactError("participants must be a list of entity ids")
        ids = []
        for item in value:
            entity = store.get_row(db, "entities", item) or _entity_by_name(db, item)
            if entity is None:
                raise FactError(f"unknown entity {item!r} in participants")
            ids.append(entity["id"])
        out["participants"] = sorted(set(ids))
    if "value" in out and out["value"] is not None:
        try:
            out["value"] = float(str(out["value"]).replace(",", ""))
        except ValueError:
            raise FactError(f"value must be a number, not {out['value']!r}") from None
        if out["value"] < 0:
            raise FactError("value cannot be negative")
    if "currency" in out and out["currency"] is not None:
        currency = str(out["currency"]).strip().upper()
        if not re.fullmatch(r"[A-Z]{3}|%", currency):
            raise FactError(f"currency must be an ISO code such as USD or RUB (or %), not {out['currency']!r}")
        out["currency"] = currency
    if "qualifier" in out and out["qualifier"] not in (None, "", *TRADE_QUALIFIERS):
        raise FactError(f"qualifier must be one of {', '.join(TRADE_QUALIFIERS)} or empty")
    if out.get("qualifier") == "":
        out["qualifier"] = None
    return out


def _entity_by_name(db: sqlite_utils.Database, name: str) -> dict[str, Any] | None:
    entity_id = store.entity_for_alias(db, name)
    return store.get_row(db, "entities", entity_id) if entity_id else None


def _after_change(db: sqlite_utils.Database, act) -> None:
    from desktop.events import rebuild_events

    rebuild_events(db, act=act)


def confirm_fact(db: sqlite_utils.Database, fact_id: int) -> dict[str, Any]:
    """Confirm a fact as proposed."""
    fact = get_fact(db, fact_id)
    with action(db, "confirm fact", summary=f"confirm {fact['kind']} #{fact_id}", doc_id=fact["doc_id"]) as act:
        after = act.update("facts", fact_id, status="confirmed")
        _after_change(db, act)
    return store.get_row(db, "facts", fact_id) or after


def reject_fact(db: sqlite_utils.Database, fact_id: int) -> dict[str, Any]:
    """Reject a fact: it stays, hidden from events, and is not proposed again."""
    fact = get_fact(db, fact_id)
    with action(db, "reject fact", summary=f"reject {fact['kind']} #{fact_id}", doc_id=fact["doc_id"]) as act:
        act.update("facts", fact_id, status="rejected", event_id=None, flags=[])
        _after_change(db, act)
    return get_fact(db, fact_id)


def edit_fact(db: sqlite_utils.Database, fact_id: int, **slots: Any) -> dict[str, Any]:
    """Correct slots of a fact (validated); editing confirms it."""
    fact = get_fact(db, fact_id)
    values = validate_slots(db, fact["kind"], slots, fact)
    names = ", ".join(sorted(values)) or "nothing"
    with action(db, "edit fact", summary=f"edit {fact['kind']} #{fact_id}: {names}", doc_id=fact["doc_id"]) as act:
        act.update("facts", fact_id, status="confirmed", **values)
        _after_change(db, act)
    return get_fact(db, fact_id)


def add_fact(db: sqlite_utils.Database, doc_id: int, kind: str, start: int, end: int, **slots: Any) -> int:
    """Add a fact by hand; its evidence is the text in ``[start, end)``. Returns its id."""
    doc = store.get_document(db, doc_id)
    if doc is None:
        raise FactError(f"no document {doc_id}")
    if not (0 <= start < end <= len(doc["text"])) or not doc["text"][start:end].strip():
        raise FactError(f"evidence offsets {start}..{end} do not select text (0..{len(doc['text'])})")
    values = validate_slots(db, kind, slots)
    if kind in EVENT_KINDS:
        values.setdefault("participants", [])
        values.setdefault("held", "held")
        if values.get("date_start") and not values.get("precision"):
            values["precision"] = "day" if values["date_start"] == values.get("date_end") else "range"
    else:
        values.setdefault("participants", [])
    span_ids = store.span_ids_in_range(db, doc_id, start, end)
    with action(db, "add fact", summary=f"add {kind} fact", doc_id=doc_id) as act:
        fact_id = act.insert("facts", {
            "doc_id": doc_id, "kind": kind, "status": "confirmed", "source": "analyst",
            "evidence": doc["text"][start:end], "start": start, "end": end, "span_ids": span_ids, "flags": [],
            "created_at": store.now(), **values,
        })
        _after_change(db, act)
    return fact_id
