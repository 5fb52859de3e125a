"""The year a retrospective passage is in: a date written without its year there takes the year last named.

"In 2018, the two leaders met often. On November 9, they attended the forum together." in an article of 2025:
November 9 is 2018's, not the last November 9 before publication. The year comes from the nearest date before
the yearless one, in its sentence or in the sentences before it in its paragraph; a yearless date between
carries the same year on ("On 5 March 2017 they met in Sochi. On March 10 they met again. On March 12 ...").
A date counted from the present ("on Monday", "last year", "today") ends the passage, and so does a paragraph
break. Only a year before the publication's counts (a passage in the publication's year resolves as before),
and only for what is told in the past: a plan ("On December 5 they will meet") is dated from publication.

>>> import datetime as dt
>>> from desktop.dates import find
>>> passage_year([find("In 2018, they met often.")[0]], dt.date(2025, 12, 29))
2018
>>> passage_year([find("They met on Monday.")[0]], dt.date(2025, 12, 29)) is None
True
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from desktop.facts.dates import DateMention, resolve_date

# Forms that name a calendar day, month or part of a year without the year ("November 9", "in March",
# "January-March", "the first eight months"): they take the passage's year.
_YEARLESS = frozenset({"m_d", "d_m", "m_dd", "dd_m", "m_d_m_d", "d_m_d_m", "month", "m_m", "part_m", "months_of",
                       "year_end"})
_IN = re.compile(r"\b(?:in|during|throughout)\s+(?:early|mid|late|the\s+(?:spring|summer|autumn|fall|winter)\s+of\s+)?"
                 r"-?\s*$", re.IGNORECASE)
_SENTENCES_BACK = 3  # how many sentences before, in the paragraph, the year may be named
# A forecast made back then: "was expected to reach $21 billion by the end of the year".
_PAST_FORECAST = re.compile(r"\b(?:was|were|had\s+been)\s+(?:expected|forecast|projected|set|due|likely)\b|\bwould\b",
                            re.IGNORECASE)


def yearless(mention: DateMention) -> bool:
    """Whether a mention names a day, month or span of months with no year of its own nor one counted from now."""
    return (mention.fixed is None and mention.kind in _YEARLESS and not mention.groups.get("year")
            and not mention.groups.get("rel") and (mention.groups.get("first") or "first").casefold() == "first")


def passage_year(before: list[DateMention], published: _dt.date | None) -> int | None:
    """The year the nearest of ``before`` (in text order) names, if written and before ``published``'s year;
    yearless ones are passed over; one counted from the present ends the search."""
    if published is None:
        return None
    for mention in reversed(before):
        if yearless(mention):
            continue
        year = mention.groups.get("year") if mention.fixed is None else None
        if mention.kind == "year" or year:
            value = int(year or mention.groups.get("year"))
            return value if value < published.year else None
        return None  # "on Monday", "last year", "today": the passage is back in the present
    return None


def reference_day(doc: Any, sentence: Any, mention: DateMention, direction: str | None) -> tuple[Any, Any]:
    """``(day, direction)`` to resolve ``mention`` against: the article's publication, or for a yearless date
    told in the past inside a retrospective passage, the last day of the passage's year (read as past)."""
    if direction == "future" and mention.kind == "year_end" and _PAST_FORECAST.search(
            doc.text, max(sentence.start, mention.start - 120), mention.start):
        direction = None  # "was expected to reach $21 billion by the end of the year": a forecast made back then
    if direction == "future" or not yearless(mention) or doc.published is None:
        return doc.published, direction
    year = passage_year(_dates_before(doc, sentence, mention.start), doc.published)
    if year is None:
        return doc.published, direction
    return _dt.date(year, 12, 31), "past"


def _dates_before(doc: Any, sentence: Any, pos: int) -> list[DateMention]:
    """The date mentions before ``pos``: the sentence's own, after those of up to three sentences before it in its
    paragraph (the document's own per-sentence dates, scanned once)."""
    out: list[DateMention] = []
    first = max(0, sentence.index - _SENTENCES_BACK)
    for other in doc.sentences[first:sentence.index + 1]:
        if other.paragraph != sentence.paragraph or other.is_title:
            out = []
            continue
        out.extend(m for m in doc.dates(other) if m.start < pos)
    return out


def told_in(doc: Any, mention: DateMention, floor: int = 0) -> bool:
    """Whether a date is the time of its clause, "in 2018", "during 2026", "in early 2017" (not a noun's, "the
    1999 treaty", nor a deadline's, "by 2030"); ``floor`` bounds the look back."""
    return bool(_IN.search(doc.text[max(floor, mention.start - 30):mention.start]))


def loosely_past(doc: Any, sentence: Any, dates: list[DateMention], clause: tuple[int, int], max_days: int) -> bool:
    """Whether the meeting's clause, or the sentence's opening words, date it by a span too wide to be one
    meeting's that ended before publication ("In 2018 the presidents met in Omsk", "Last year they met in Sochi"):
    it is no undated news of the article's day, whatever lede it opens."""
    if doc.published is None:
        return False
    for mention in dates:
        if not (clause[0] <= mention.start < clause[1] or len(doc.text[sentence.start:mention.start].split()) <= 2):
            continue
        # The time of the clause: "in 2018", "during 2017", "last year"; not a noun's ("the 1999 treaty").
        if mention.kind != "rel_year" and not told_in(doc, mention, sentence.start):
            continue
        rng = resolve_date(mention, doc.published, "past")
        if rng and rng[1] < doc.published and (rng[1] - rng[0]).days + 1 > max_days:
            return True
    return False
