"""Which date a meeting or call word refers to: the sentence's dates it may take, the one it takes, and two
days listed ("phone conversations on December 30 and 31") as an event a day."""

from __future__ import annotations

import re
from typing import Any

from desktop.facts.bodies import officials_before
from desktop.facts.dates import _CLOCK, DateMention, resolve_date
from desktop.facts.narrative_years import reference_day, told_in
from desktop.facts.document import Document, _clause_bounds, _days
from desktop.facts.quoted_days import reported_today
from desktop.facts.sentences import Sentence

# "SOCHI, 15 February", "MOSCOW, Nov. 1": a place in capitals and the report's day (an abbreviated month's dot kept).
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,\s+(?:[A-Z][a-z]{2,3}\.\s*)?[^,.()]{1,20}$")
_SINCE = re.compile(r"\b(?:since|until|till)\s+(?:[A-Za-z]+\s+){0,6}$")
_SINCE_WORD = re.compile(r"\bsince\b", re.IGNORECASE)


def candidate_dates(doc: Document, sentence: Sentence, anchor: re.Match) -> list[DateMention]:
    """The sentence's dates a meeting word may take.

    "since the election on August 9" marks a starting point ("since your visit last March" dates the visit);
    "SOCHI, 15 February (BelTA) -" dates the report; "Feb 09, 17:17 Lukashenko says..." is a list item's time stamp; "their first talks since a wave of protests
    erupted ... last month": a date of the since-clause after the meeting word (no comma between) is that
    event's, however long the clause; a quoted "today" reported in the past is the narrative's day
    (:mod:`desktop.facts.quoted_days`).
    """
    since_at = [sentence.start + m.start() for m in _SINCE_WORD.finditer(sentence.text, anchor.end())]
    a0, a1 = sentence.start + anchor.start(), sentence.start + anchor.end()
    return [d for d in reported_today(doc, sentence, doc.dates(sentence)) if not _since_other(doc, d, a0, a1)
            and not any(s < d.start and not re.search(r"[,;]", doc.text[s:d.start]) for s in since_at)
            and not _DATELINE.match(sentence.text[:d.end - sentence.start])
            and not _CLOCK.match(doc.text, d.end)]


def _since_other(doc: Document, mention: DateMention, a0: int, a1: int) -> bool:
    """Whether a "since" phrase ends in the date ``mention`` and the meeting word ``[a0, a1)`` is not in it: "their
    first talks since the election on August 9" (the election's day); "since your visit last March" is the visit's."""
    lo = max(0, mention.start - 60)
    since = _SINCE.search(doc.text[lo:mention.start])
    return since is not None and not (lo + since.start() < a0 and a1 <= mention.start)


def choose_date(anchor: int, anchor_end: int, sentence: Sentence, dates, doc: Document, direction, max_days,
                kind: str = "meeting"):
    """The date an anchor (trigger word) refers to: after it in its clause, else before it, else after.

    A date with a trigger of the other kind between it and the anchor dates that one ("met in December,
    and have held phone calls since then, including on February 14"; "spoke by phone and agreed to meet on
    29 September"), and a meeting of other officials told
    before it takes the dates before it ("On Friday, he chaired a session of the cabinet on his talks with Putin"), as
    does one of the other kind nearer to the date ("had a phone call on Saturday to discuss the coming summit").
    """
    resolved = []
    # A plan may be dated as loosely as a quarter ("will be held in the first quarter of 2016"); a held meeting not.
    plan_days = max(max_days, doc.rules.max_plan_days) if direction == "future" else max_days
    for mention in dates:
        if _another_nouns(doc, mention, anchor, anchor_end):
            continue  # "after the elections held on May 4", "the treaty signed on 8 December 1999"
        # "In 2018, they met often. On November 9, ...": a yearless date of a retrospective passage is its year's.
        rng = resolve_date(mention, *reference_day(doc, sentence, mention, direction))
        if rng and _days(rng[0], rng[1]) <= (plan_days if rng[2] in ("quarter", "month", "range") else max_days):
            resolved.append((mention, rng))
        elif rng and rng[2] == "year" and direction != "past" and doc.published and rng[0] > doc.published \
                and doc.rules.max_plan_days > 0 and (mention.kind == "rel_year" or told_in(doc, mention)):
            # "invited Putin to visit Kazakhstan in 2026", "will visit next year": a plan for a whole year to come.
            resolved.append((mention, rng))
    if not resolved:
        return None
    clause_start, clause_end = _clause_bounds(sentence.text, anchor, sentence.start)
    other = doc.rules.meeting if kind == "call" else doc.rules.call
    # "spoke by phone and agreed to meet in Sochi on 29 September": a date after a trigger of the other kind is its.
    after_own = [r for r in resolved if r[0].start >= anchor_end
                 and not (other and other.search(doc.text[anchor_end:r[0].start]))]
    after_in_clause = [r for r in after_own if r[0].start < clause_end]
    if after_in_clause:
        return after_in_clause[0]
    # "On Friday, Lukashenko held a meeting with the government to discuss his talks with Putin": a date before
    # the word is the other officials' meeting's, told first.
    officials = officials_before(doc, sentence, anchor - sentence.start)
    before = [r for r in resolved if r[0].end <= anchor and not officials
              and not (direction == "future" and _said_on(doc, r[0], anchor))
              and not (other and other.search(doc.text[r[0].end:anchor]))
              and not (other and _nearer_other(other, sentence, r[0], anchor))]
    if before:
        return before[-1]
    after = after_own
    return after[0] if after else None


# A noun and the participle of a reduced relative clause just before a date: "the elections held on", "the treaty
# signed on", "the summit that took place in". An auxiliary is no noun ("talks were held on Friday").
_REDUCED = re.compile(r"\b([a-z][\w-]*)\s+(?:held|signed|adopted|concluded|elected|(?:which|that)\s+took\s+place)"
                      r"\s+(?:on\s+|in\s+)?$")
_AUXILIARY = frozenset({"was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "will", "would",
                        "also", "successfully", "jointly", "then", "recently", "first"})


def _another_nouns(doc: Document, mention: DateMention, anchor: int, anchor_end: int) -> bool:
    """Whether a date is another noun's, told in a reduced relative clause ("Tokayev, who will visit Moscow after
    the elections held on November 20"): neither the meeting word itself nor another meeting word ("the talks held
    on Friday") is that noun. A meeting word that is the participle itself (a weak "signed") dates nothing. An event
    of the profile's ``dated_events`` after the meeting word takes the date right after it ("the election on August
    9")."""
    lo = max(0, mention.start - 60)
    events = doc.rules.dated_events
    if events is not None and mention.start > anchor_end:
        # "where the two leaders are meeting ... after the disputed vote on August 9"
        last = None
        for last in events.finditer(doc.text, max(anchor_end, lo), mention.start):
            pass
        if last is not None and re.fullmatch(r"\s+(?:on|in|of)\s+(?:the\s+)?", doc.text[last.end():mention.start]):
            return True
    m = _REDUCED.search(doc.text[lo:mention.start])
    if m is None or m.group(1) in _AUXILIARY:
        return False
    noun_end, end = lo + m.end(1), lo + m.end()
    meeting = doc.rules.meeting
    if meeting and meeting.search(m.group(1)):
        return False  # "the talks held on Friday": a meeting word's own date
    # The meeting word the participle ("to discuss the treaty signed on 8 December 1999", a weak "signed") has no
    # date of its own, nor one whose noun comes after it ("will visit Moscow after the elections held on"); a noun
    # before it may be the event itself ("The forum held on Monday was attended by Putin and Tokayev").
    return noun_end <= anchor < end or lo + m.start() >= anchor_end


def _said_on(doc: Document, mention: DateMention, anchor: int) -> bool:
    """Whether a date before a plan's word is the day it was announced: "On September 18, Peskov said that Putin
    would meet ...", "Peskov said on Monday that ..." (a reporting verb in the past, ``reporting_past``, just before
    the date or between it and the word). The plan's own day is then unknown."""
    said = doc.rules.reporting_past
    if said is None:
        return False
    if said.search(doc.text, mention.end, anchor):
        return True
    lead = re.search(r"(\S+(?:\s+\S+)?)\s+(?:(?:on|in)\s+)?$", doc.text[max(0, mention.start - 40):mention.start])
    return bool(lead and said.search(lead.group(1)))


def _nearer_other(other: re.Pattern, sentence: Sentence, mention: DateMention, anchor: int) -> bool:
    """Whether a trigger of the other kind before the date is nearer to it than the anchor after it: "had a
    phone call on Saturday to discuss the forthcoming meeting" - Saturday is the call's."""
    rel = mention.start - sentence.start
    reach = anchor - mention.end  # only a trigger ending nearer than the anchor counts: read no further back
    return any(rel - m.end() < reach for m in other.finditer(sentence.text, max(0, rel - reach - 40), rel))


# "30 and 31 December", "December 30 and 31", "30 December and 2 January": two days listed, not a span.
_TWO_DAYS = re.compile(r"\d(?:st|nd|rd|th)?\s+(?:[A-Za-z.]+\s+)?and\s+(?:[A-Za-z.]+\s+)?\d")


def listed_days(doc: Document, anchor: re.Match, mention: DateMention, start, end) -> list | None:
    """The two days of "on 5 and 9 May" (two meetings), or of "phone conversations on December 30 and 31"
    (one a day: the profile's ``countable`` words); None for a span ("between 5 and 9 May", "the summit on 28
    and 29 December" is one two-day summit)."""
    if start == end or not _TWO_DAYS.search(mention.text) or (end - start).days > 31:
        return None
    if re.search(r"\bbetween\s+$", doc.text[max(0, mention.start - 12):mention.start], re.IGNORECASE):
        return None
    countable = anchor.group().split()[-1].casefold() in doc.rules.countable
    if (end - start).days == 1 and not countable:
        return None
    return [start, end]


# From "again" to the repeat's date only its place and a preposition: "again in Minsk on", "once more on"; "to
# discuss again the treaty signed on" is no repeat.
_TO_THE_DATE = re.compile(r"\s*,?\s*(?:(?:in|at)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:[\s-][A-Z][\w'’.-]*)*\s*,?\s*)?"
                          r"(?:on|in|at|during)?\s*$")


def repeated_dates(doc: Document, sentence: Sentence, anchor: re.Match, chosen: DateMention, dates, direction,
                   max_days: int) -> list[tuple]:
    """The dates of the same meeting word's repeats: "met in Sochi on August 3 and again in Minsk on August 25",
    "have met twice: in January in Moscow and again in February" are two meetings. A later date of the sentence
    counts when the words between it and the one the meeting took hold one of the profile's ``repeats`` ("again",
    "once more") and no meeting or call word, no other clause (";") and no one else. Each repeat is
    ``(start, end, precision, part)``: its part of the sentence begins at ``part`` (its place is told there)."""
    rules = doc.rules
    if rules.repeats is None:
        return []
    out = []
    last = chosen
    for mention in dates:
        if mention.start < last.end:
            continue
        gap = doc.text[last.end:mention.start]
        cue = rules.repeats.search(gap)
        if len(gap) > 80 or ";" in gap or cue is None or not _TO_THE_DATE.match(gap, cue.end()) or (
                rules.meeting and rules.meeting.search(gap)) or (rules.call and rules.call.search(gap)):
            break
        if doc._others(last.end, mention.start):
            break
        rng = resolve_date(mention, *reference_day(doc, sentence, mention, direction))
        if rng is None or _days(rng[0], rng[1]) > max_days:
            break
        out.append((*rng, last.end + cue.start()))  # the repeat's part of the sentence starts at its "again"
        last = mention
    return out


def split_days(cands: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A candidate on two listed days is one event on each; one with repeats ("and again on May 9") one more each."""
    out = []
    for cand in cands:
        if cand.get("days"):
            out.extend(dict(cand, start_date=day, end_date=day, precision="day", days=None) for day in cand["days"])
        else:
            out.append(cand)
        for start, end, precision, place in cand.get("repeats") or ():
            out.append(dict(cand, start_date=start, end_date=end, precision=precision if start != end else "day",
                            place=place, days=None, repeats=None))
    return out


# A caption's place-and-date line: "Sochi, Russia, May 28, 2021." (optionally "Photo: ..." after it).
_CAPTION_PLACES = re.compile(r"^(?:(?:St\.\s+)?[A-Z][\w'’-]*(?:[\s-][A-Z][\w'’-]*)*,\s+){1,3}$")
_CAPTION_TAIL = re.compile(r"^[.\s]*(?:(?:Photo|Photograph|Image|Picture)\b.*)?$", re.IGNORECASE)


def caption_dates(doc: Document, sentence: Sentence) -> list:
    """The date of a caption's own line just after an undated sentence: "Lukashenka and Putin during the talks.
    Sochi, Russia, May 28, 2021." The line is places and one day and nothing else, in the same paragraph."""
    following = doc.sentences[sentence.index + 1] if sentence.index + 1 < len(doc.sentences) else None
    if following is None or following.paragraph != sentence.paragraph:
        return []
    found = doc.dates(following)
    if len(found) != 1:
        return []
    date = found[0]
    head = doc.text[following.start:date.start]
    tail = doc.text[date.end:following.end]
    if not _CAPTION_PLACES.match(head) or not _CAPTION_TAIL.match(tail):
        return []
    rng = resolve_date(date, doc.published)
    return [date] if rng and rng[0] == rng[1] else []


# A series of calls the lede dates: "made a round of phone calls on 12-13 May".
_SERIES = re.compile(r"(?:conversations|calls)$", re.IGNORECASE)


def lede_series(doc: Document, kind: str, sentence: Sentence) -> tuple[DateMention, tuple] | None:
    """The date of a series of calls the lede tells ("Tokayev made a round of phone calls on 12-13
    May"), for an undated call of the body that is one of them ("The summit was also discussed during a
    telephone conversation between Lukashenko and Putin"): the lede's first such sentence with a date, before
    ``sentence``, as ``(mention, (start, end, precision))``; None when the lede tells no dated series."""
    pattern = doc.rules.call if kind == "call" else None
    if pattern is None:
        return None
    for lede in doc.sentences[:sentence.index]:
        if doc.body_index.get(lede.index, doc.rules.lede_sentences) >= doc.rules.lede_sentences:
            continue
        if not any(_SERIES.search(m.group()) for m in pattern.finditer(lede.text)):
            continue
        for mention in doc.dates(lede):
            rng = resolve_date(mention, *reference_day(doc, lede, mention, "past"))
            if rng is not None:
                return mention, rng
    return None
