"""A quoted "today" told in the past: the day of the meeting reported, not the article's.

'"We are meeting today, as we agreed," the Russian leader began the talks' in an article published days after:
"today" is the day of the talks. In a paragraph that reports its quote with one of the profile's
``[facts.phrases] reporting_past`` verbs outside the quotes ("began", "noted", "said"), a "today" (or
"tonight", "this morning") inside the quote dates a meeting by the last single day the narrative names (outside
quotes) in its sentence or the few before it, when that day is not after the publication; with none named, it
dates no meeting, which is then dated only as an undated one would be (:mod:`desktop.facts.meetings`), never by the
quote. A trade figure's "Today it is $35.5 billion" keeps the article's day (the speaker's present).
"""

from __future__ import annotations

import dataclasses
import re

from desktop.facts.dates import DateMention, resolve_date

_TODAY = {"today", "tonight", "this morning", "this afternoon", "this evening"}
_QUOTED = re.compile(r'"[^"]*"?|“[^”]*”?')  # a quote, or one the paragraph leaves open
_REACH = 5  # sentences before the quote's where the narrative's day is looked for


def reported_today(doc, sentence, mentions: list[DateMention]) -> list[DateMention]:
    """``mentions`` (a sentence's dates for a meeting word) with a quoted "today" reported in the past read as the
    narrative's day named before, or left out."""
    out = []
    for mention in mentions:
        if not _is_today(mention) or not _reported(doc, sentence, mention.start):
            out.append(mention)
            continue
        day = _narrative_day(doc, sentence, mention.start)
        if day is not None:
            out.append(dataclasses.replace(mention, fixed=(day, day, "day")))
    return out


def _is_today(mention: DateMention) -> bool:
    return mention.kind == "rel_day" and " ".join(mention.text.casefold().split()) in _TODAY


def paragraph_bounds(doc, sentence) -> tuple[int, int]:
    first = last = sentence.index
    while first > 0 and doc.sentences[first - 1].paragraph == sentence.paragraph:
        first -= 1
    while last + 1 < len(doc.sentences) and doc.sentences[last + 1].paragraph == sentence.paragraph:
        last += 1
    return doc.sentences[first].start, doc.sentences[last].end


def quoted(doc, sentence, pos: int) -> bool:
    """Whether offset ``pos`` lies inside a quote of its paragraph (a long paragraph: none)."""
    start, end = paragraph_bounds(doc, sentence)
    if end - start > 3000:
        return False
    return any(start + q.start() < pos < start + q.end() for q in _QUOTED.finditer(doc.text[start:end]))


def _reported(doc, sentence, pos: int) -> bool:
    """Whether ``pos`` is inside a quote its paragraph reports with a past reporting verb outside the quotes."""
    rules = doc.rules
    if rules.reporting_past is None or not quoted(doc, sentence, pos):
        return False
    start, end = paragraph_bounds(doc, sentence)
    return bool(rules.reporting_past.search(_QUOTED.sub(" ", doc.text[start:end])))


def _narrative_day(doc, sentence, pos: int):
    """The last single day named outside quotes before ``pos``, in its sentence or the few before (or the day of a
    reported "today" found first), if not after the publication."""
    for back in range(sentence.index, max(-1, sentence.index - _REACH - 1), -1):
        before = doc.sentences[back]
        for mention in reversed(doc.dates(before)):
            if mention.start >= pos:
                continue
            if _is_today(mention) and _reported(doc, before, mention.start):
                # Another reported "today" of the same talks: its day is this one's.
                return _narrative_day(doc, before, mention.start)
            if _is_today(mention) or quoted(doc, before, mention.start):
                continue
            rng = resolve_date(mention, doc.published)
            if rng and rng[0] == rng[1]:
                return rng[0] if doc.published is None or rng[0] <= doc.published else None
    return None
