"""The one date grammar: how dates are written, found in prose or read from a DATE span.

>>> [(m.text, m.kind) for m in find("They met on Friday, 28-29 December and will meet again in mid-May 2024.")]
[('on Friday', 'weekday'), ('28-29 December', 'dd_m'), ('mid-May 2024', 'part_m')]
>>> parse("on the evening of Dec. 28").kind, parse("next Monday").groups["rel"], parse("the talks")
('m_d', 'next', None)

Each form of date is one named pattern in :data:`FORMS`; what each form means on the
calendar is :func:`desktop.date_ranges.resolve`, keyed by the form's name. Publication
dates (:mod:`desktop.pubdate`), DATE span values (:mod:`desktop.normalise`) and the dates
of facts (:mod:`desktop.facts.dates`) all read dates through these two modules. The
patterns are compiled twice, for two readings:

- prose (:func:`find`): month and weekday names as prose writes them (capitalised,
  weekdays in full: "may" and "march" are words, "Sun" is a newspaper), a bare month
  only after a preposition ("December marked the anniversary" dates nothing), and no
  parts of years ("by the end of 2023" is a deadline: prose reads its year);
- a span (:func:`parse`, ``find(prose=False)``): any case, abbreviated weekdays too,
  for text the recogniser or a header line already presents as a date.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

Range = tuple[_dt.date, _dt.date, str]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _trie(words) -> str:
    """``words`` as one alternation shaped as a character trie, longest first: "jan(?:uary)?" for jan|january.

    ``re`` then reads each character once, where a flat list of names is tried name by name
    at every position of every sentence.
    """
    heads: dict[str, list[str]] = {}
    for word in words:
        if word:
            heads.setdefault(word[0], []).append(word[1:])
    alts = [re.escape(head) + _trie(rest) for head, rest in sorted(heads.items())]
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return "" if not alts else f"(?:{body})?" if "" in words else body


# Case-insensitive on their own, so patterns can still demand capitals elsewhere (datelines).
MONTH_RE = r"(?i:" + _trie(MONTHS) + r")\b\.?"
WEEKDAY_RE = r"(?i:" + _trie(WEEKDAYS) + r")\b\.?"
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_RE = r"(?:19|20)\d{2}"
# "December 24", "the 24th of Dec.": the day and month of datelines and header lines.
DAY_MONTH_RE = rf"(?:{MONTH_RE}\s+{DAY_RE}|(?:the\s+)?{DAY_RE}(?:\s+of)?\s+{MONTH_RE})"
PROSE_MONTH_RE = _trie([name.capitalize() for name in MONTHS]) + r"\b\.?"
_PROSE_WEEKDAY = _trie(WEEKDAY_NAMES) + r"\b"

# The forms, in the order that breaks ties. {M}, {WD}: a month, a weekday (prose or span spelling);
# {D}: a day; {Y}: an optional year after a date; {YEAR}: a year; {DASH}: what joins a range.
_PART = r"(?P<part>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle|close)\s+of)(?:\s*-\s*|\s+)(?:the\s+)?"
_REL = r"(?P<rel>this|last|next|the\s+current|the\s+previous)"
FORMS: list[tuple[str, str, int]] = [
    ("m_d_m_d", r"\b(?P<m1>{M})\s+(?P<d1>{D}){DASH}(?P<m2>{M})\s+(?P<d2>{D})\b{Y}", 0),
    ("d_m_d_m", r"\b(?P<d1>{D})\s+(?P<m1>{M}){DASH}(?P<d2>{D})\s+(?P<m2>{M}){Y}", 0),
    ("m_dd", r"\b(?P<m1>{M})\s+(?P<d1>{D}){DASH}(?P<d2>{D})\b{Y}", 0),
    ("dd_m", r"\b(?P<d1>{D}){DASH}(?P<d2>{D})\s+(?:of\s+)?(?P<m1>{M}){Y}", 0),
    ("m_d", r"\b(?:(?P<wd>{WD}),?\s+)?(?P<m1>{M})\s+(?P<d1>{D})\b(?![:.]\d|\s*%|\s+(?:per|billion|million)){Y}", 0),
    ("d_m", r"\b(?:(?P<wd>{WD}),?\s+(?:the\s+)?)?(?P<d1>{D})\s+(?:of\s+)?(?P<m1>{M})(?!\w){Y}", 0),
    # "on May, 21": a comma after the month, only after "on" ("In May, 21 people were detained" is no date).
    ("m_d", r"(?<=\b[Oo]n\s)(?P<m1>{M}),\s+(?P<d1>{D})\b(?![:.]\d|\s*%|\s+(?:per|billion|million|people|of)\b){Y}", 0),
    # "In the afternoon of 28, May": a comma after the day, only after "of"/"on" ("aged 28, May said" is no date).
    ("d_m", r"(?<=\b[Oo][nf]\s)(?P<d1>{D}),\s+(?P<m1>{M})(?!\w)(?!['’]s){Y}", 0),
    # Day first unless the second number cannot be a month (12/20/2019): the sources are European.
    ("numeric", r"(?<!\d)(?<!\d\.)(?P<d1>[12]\d|3[01]|0?[1-9])[./-](?P<m1>[12]\d|3[01]|0?[1-9])[./-]"
                r"(?P<year>{YEAR})(?![\d.]\d)", 0),
    ("iso", r"(?<!\d)(?<!\d\.)(?P<year>{YEAR})[-./](?P<m1>0?[1-9]|1[0-2])[-./](?P<d1>[12]\d|3[01]|0?[1-9])(?!\d)", 0),
    ("part_m", r"\b" + _PART + r"(?P<m1>{M})(?!\s*\d{{1,2}}\b){Y}", re.I),
    ("part_year", r"\b" + _PART + r"(?:(?P<year>{YEAR})\b|(?P<rel>this|last|next|the)\s+year\b)", re.I),
    # "the first nine months of 2023", "nine months of the year", "over the first 9 months": one of "first"
    # and a year is needed ("nine months" alone is a duration).
    ("months_of", r"\b(?:the\s+)?(?:(?P<first>first|past|last)\s+)?(?P<n>\d{{1,2}}|two|three|four|five|six|seven|eight"
                  r"|nine|ten|eleven|twelve)\s+months(?:\s+of\s+(?:(?P<rel>this|last|the\s+previous|the\s+current"
                  r"|the)\s+year|(?P<year>{YEAR})))?\b", re.I),
    ("m_m", r"\b(?:[Ff]rom\s+|between\s+)?(?P<m1>{M}){DASH}(?P<m2>{M})(?!\s*\d{{1,2}}\b){Y}"
            r"(?:\s+(?:of\s+)?" + _REL + r"\s+year\b)?", 0),
    ("quarter", r"\b(?:the\s+)?(?P<q>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+quarter"
                r"(?:\s+(?:of\s+)?(?:" + _REL + r"\s+year|(?:the\s+year\s+)?(?P<year>{YEAR})\b))?", re.I),
    ("q", r"(?<![\w-])Q(?P<q>[1-4])(?:\s+(?:of\s+)?(?P<year>{YEAR}))?\b", 0),
    ("h", r"(?<![\w-])H(?P<h>[12])(?:\s+(?:of\s+)?(?P<year>{YEAR}))?\b", 0),
    ("half", r"\b(?:the\s+)?(?P<h>first|second|last|1st|2nd)\s+half"
             r"(?:\s+(?:of\s+)?(?:(?P<rel>this|last|the\s+current|the\s+previous|the)\s+year"
             r"|(?:the\s+year\s+)?(?P<year>{YEAR})\b))?",
     re.I),
    ("month_rel", r"\b(?P<m1>{M})\s+(?:of\s+)?" + _REL + r"\s+year\b", re.I),
    # "last November", "next March", "this June": the nearest such month before, after or in the publication's year
    # ("at last May agreed" is no date).
    ("rel_month", r"(?<![Aa]t\s)\b(?P<near>(?i:this\s+past|this\s+coming|last|past|next|coming|this))\s+(?P<m1>{M})"
                  r"(?!\s*[-–—]?\s*\d{{1,2}}\b)(?!['’]s)", 0),
    ("month", r"\b(?P<m1>{M})(?!\s*[-–—]?\s*\d{{1,2}}\b)(?:,?\s+(?:of\s+)?(?P<year>{YEAR})\b)?", 0),
    ("decade", r"\b(?:the\s+)?(?P<decade>(?:19|20)\d)0'?s\b", re.I),
    ("year_range", r"(?<![$€£\d.,])\b(?P<y1>{YEAR})(?:\s*[-–—]\s*|\s+(?:to|through|until)\s+)"
                   r"(?P<y2>{YEAR}|\d{{2}})\b"
                   r"(?![-–.,]?\d|\s*(?:billion|million|tonnes|%))", re.I),
    ("year", r"(?<![$€£\d.,])\b(?:(?:the\s+)?year\s+)?(?P<year>{YEAR})\b"
             r"(?![-–.,]?\d|\s*(?:billion|million|tonnes|%))"
             r"(?:\s+year\b)?", re.I),
    ("rel_year", r"\b(?P<rel>last|this|next|(?:the\s+)?(?:past|previous|current|coming))\s+year\b", re.I),
    # "expected to reach $21 billion by the end of the year", "by year-end": the year spoken of (the publication's,
    # or a retrospective passage's: desktop.facts.narrative_years), whole.
    ("year_end", r"\b(?:the\s+)?end\s+of\s+the\s+year\b|\byear[-\s]end\b", re.I),
    ("rel_day", r"\b(?P<rel>today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|tomorrow"
                r"|(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow)|(?:a|one)\s+day\s+(?:earlier|before)"
                r"|the\s+day\s+before|the\s+previous\s+day|the\s+next\s+day|the\s+following\s+day"
                r"|(?:later|earlier)\s+(?:in\s+the|that)\s+day|(?:the|that)\s+same\s+day)\b", re.I),
    ("rel_span", r"\b(?P<rel>last|past|previous|this|current|next|coming)\s+(?P<unit>week|month)\b", re.I),
    ("ago", r"\b(?P<n>\d+|one|a|an|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>day|week)s?\s+ago\b", re.I),
    ("weekday", r"\b(?:(?P<rel>last|past|previous|this\s+coming|this|next|coming|on)\s+)?(?P<wd>{WD})", 0),
]


def _compile(prose: bool) -> list[tuple[str, re.Pattern]]:
    words = {"M": PROSE_MONTH_RE if prose else MONTH_RE, "WD": _PROSE_WEEKDAY if prose else WEEKDAY_RE,
             "D": DAY_RE, "YEAR": YEAR_RE, "DASH": r"(?:\s*[-–—]\s*|\s+(?:to|and|through|till|until)\s+)"}
    words["Y"] = r"(?:,?\s+(?P<year>" + YEAR_RE + r")\b)?"
    return [(kind, re.compile(source.format(**words), flags | (0 if prose else re.I))) for kind, source, flags in FORMS]


# What each form cannot match without (DIGIT, MONTH, or letters in any case, "|" for either): a
# cheap test first spares most sentences most of the scans (patterns opening with \b get no fast skip in ``re``).
_NEEDS: dict[str, tuple[str, ...]] = {
    "m_d_m_d": ("DIGIT", "MONTH"), "d_m_d_m": ("DIGIT", "MONTH"), "m_dd": ("DIGIT", "MONTH"),
    "dd_m": ("DIGIT", "MONTH"), "m_d": ("DIGIT", "MONTH"), "d_m": ("DIGIT", "MONTH"), "numeric": ("DIGIT",),
    "iso": ("DIGIT",), "part_m": ("MONTH",), "part_year": ("DIGIT|year",), "months_of": ("months",),
    "m_m": ("MONTH",), "quarter": ("quarter",), "q": ("DIGIT",), "h": ("DIGIT",), "half": ("half",),
    "month_rel": ("MONTH", "year"), "rel_month": ("MONTH",), "month": ("MONTH",), "decade": ("DIGIT",), "year_range": ("DIGIT",),
    "year": ("DIGIT",), "rel_year": ("year",), "year_end": ("year",), "rel_day": ("day|tonight|morning|afternoon|evening|tomorrow",),
    "rel_span": ("week|month",), "ago": ("ago",), "weekday": ("day|mon|tue|wed|thu|fri|sat|sun",),
}
_TESTS = {need: re.compile("|".join({"DIGIT": r"\d", "MONTH": MONTH_RE}.get(part, re.escape(part))
                                    for part in need.split("|")), re.I)
          for needs in _NEEDS.values() for need in needs}
# A part of a year in prose is a deadline or a season ("by the end of 2023" sets a target for 2023): too
# long for an event, and no reporting period. Prose reads its year; a DATE span says what it spans.
_SPAN_ONLY = {"part_year"}
_PROSE = [(kind, pattern, _NEEDS[kind]) for kind, pattern in _compile(prose=True) if kind not in _SPAN_ONLY]
_SPAN = [(kind, pattern, _NEEDS[kind]) for kind, pattern in _compile(prose=False)]
# A bare month in prose dates something only after one of these.
_BEFORE_BARE_MONTH = re.compile(r"\b(?:in|since|until|by|for|of|from|during|early|late|mid|end)\s*$")
_FILLER = re.compile(
    r"^(?:(?:on|in|at|of|by|from|since|until|till|during|for|around|about|before|after|as of|"
    r"the|this past|(?:the\s+)?(?:morning|evening|afternoon|night)\s+of)\s+)+",
    re.I,
)


@dataclass
class DateMention:
    """A date expression in the text and the form that found it (``groups``: its named parts)."""

    start: int
    end: int
    text: str
    kind: str
    groups: dict[str, str | None]
    fixed: Range | None = None  # already resolved (from a DATE span's value, or "a day earlier" counted)


def _needs_met(text: str, needs: tuple[str, ...], memo: dict[str, bool]) -> bool:
    for need in needs:
        met = memo.get(need)
        if met is None:
            met = memo[need] = _TESTS[need].search(text) is not None
        if not met:
            return False
    return True


def find(text: str, offset: int = 0, *, prose: bool = True, kinds: tuple[str, ...] | None = None) -> list[DateMention]:
    """The date expressions in ``text``, in text order; where two overlap the longer wins.

    ``prose=False`` reads names in any case and bare months anywhere (a header line, a
    span); ``kinds`` keeps only those forms; offsets are shifted by ``offset``.
    """
    found: list[DateMention] = []
    memo: dict[str, bool] = {}
    for kind, pattern, needs in _PROSE if prose else _SPAN:
        if (kinds is not None and kind not in kinds) or not _needs_met(text, needs, memo):
            continue
        for m in pattern.finditer(text):
            if prose and kind == "month" and not m["year"]:
                if not _BEFORE_BARE_MONTH.search(text[max(0, m.start() - 12):m.start()].casefold()):
                    continue
            found.append(DateMention(m.start() + offset, m.end() + offset, m.group(), kind, m.groupdict()))
    found.sort(key=lambda d: (-(d.end - d.start), d.start))
    kept: list[DateMention] = []
    for mention in found:
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda d: d.start)


def bare_expression(text: str) -> str:
    """A span's text without the words around a date: "on the evening of February 5th." -> "February 5th"."""
    clean = re.sub(r"\s+", " ", text).strip().strip(".,;:()[]\"'“”‘’")
    return _FILLER.sub("", clean).strip()


def parse(text: str) -> DateMention | None:
    """The date expression that is the whole of ``text`` (a DATE span), read in any case; else None.

    Where two forms would both be the whole text, the first in :data:`FORMS` is, as in :func:`find`.
    """
    clean = bare_expression(text)
    memo: dict[str, bool] = {}
    for kind, pattern, needs in _SPAN if clean else ():
        if _needs_met(clean, needs, memo) and (m := pattern.fullmatch(clean)):
            return DateMention(0, len(clean), clean, kind, m.groupdict())
    return None


def month_number(name: str) -> int:
    """1..12 for a month name or its abbreviation ("Sept.", "december")."""
    return MONTHS[name.lower().rstrip(".")]


def weekday_number(name: str) -> int:
    """0 (Monday)..6 for a weekday name or abbreviation."""
    return WEEKDAYS[name.lower().rstrip(".")]


def day_parts(g: dict[str, str | None]) -> tuple[int | None, int, int, int | None]:
    """``(year or None, month, day, weekday or None)`` from the groups of a one-day form (m_d, d_m, numeric, iso)."""
    day, month = day_number(g["d1"]), g["m1"]
    if month.isdigit():
        month = int(month)
        if month > 12 >= day:  # 12/20/2019
            day, month = month, day
    else:
        month = month_number(month)
    return int(g["year"]) if g.get("year") else None, month, day, weekday_number(g["wd"]) if g.get("wd") else None


def day_number(text: str) -> int:
    """The day of the month a day as written ("3rd", "03") names."""
    return int(re.match(r"\d+", text).group())
