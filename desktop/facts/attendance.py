"""Joint attendance: the participants taking part in an event together, with no meeting word.

"Putin and Lukashenko will take part in the Forum of Regions on Thursday", "the two
presidents will return to St. Petersburg, where on Thursday they will take part in
the forum", "the forum, with the participation of Tokayev and Putin, opened in
Orenburg": a summit or event both attend is a meeting (../shared/PRODUCT.md). The
words are the profile's ``[facts.phrases] joint_attendance`` (verbs whose subject is
the participants) and ``attended_by`` (phrases the participants follow). Python
holds only how a subject or an object is read: the participants joined by "and" or
commas, then at most a few auxiliaries ("will", "are to", "also") before the verb;
"they" stands for the participants named before it in the sentence, or in the last
sentence naming anyone. A summit sentence naming neither (or one) of them takes those an
attendance list right after it names (:func:`listed_attendees`, the profile's
``attendance_lists``: "Dushanbe will host the CIS summit on Friday. Expected participants
include ...", "The summit was attended by:" and a guest a line).
"""

from __future__ import annotations

import itertools
import re

from desktop.facts.document import Document
from desktop.facts.participants import Mention
from desktop.facts.sentences import Sentence

# Between the subject and the verb: auxiliaries, adverbs, a weekday or a time ("on Thursday", "in the evening").
_GAP = re.compile(
    r"^\s*(?:(?:will|would|shall|are|were|is|was|to|be|been|also|both|together|jointly|personally|then|later|"
    r"expected|scheduled|set|due|going|plan|plans|planned|have|has|had|already|each|again|"
    r"on\s+[A-Z]\w+|in\s+the\s+(?:morning|afternoon|evening)|[a-z]+ly),?\s+)*$")
# "with the participation of President Tokayev and President Putin": a title before a name stays in the list.
_TITLE = r"(?:(?:President|Presidents|Prime\s+Minister|Mr\.?)\s+)?"
_JOIN = re.compile(r"^[\s,]*(?:(?:and|&|as\s+well\s+as)[\s,]*)?" + _TITLE + "$")


def _named(mentions: list[Mention]) -> set[str]:
    return {i for m in mentions if m.kind in ("name", "role", "group") for i in m.entity_ids}


def _between(doc: Document, start: int, end: int) -> str:
    """The text between two mentions, other people named there left out: a summit's other guests ("Putin, Xi
    and Lukashenko attended") stand beside the participants."""
    text = doc.text[start:end]
    for o0, o1 in doc._other_people:
        if start <= o0 and o1 <= end:
            text = text.replace(doc.text[o0:o1], ",", 1)
    return text


def _run(doc: Document, mentions: list[Mention], last: int | None = None) -> list[Mention]:
    """The mentions joined by "and" or commas with the last of ``mentions`` (or the first, reading on from
    ``last``: "Putin and his Belarusian counterpart Lukashenko")."""
    if last is not None:
        run = mentions[:1]
        for m in mentions[1:]:
            if not _JOIN.match(_between(doc, run[-1].end, m.start)):
                break
            run.append(m)
        return run
    run = mentions[-1:]
    for m in reversed(mentions[:-1]):
        if not _JOIN.match(_between(doc, m.end, run[0].start)):
            break
        run.insert(0, m)
    return run


def _they(doc: Document, sentence: Sentence, at: int) -> set[str]:
    """The participants "they" at ``at`` stands for: named before it in the sentence, else in the last sentence
    naming anyone."""
    wanted = set(doc.rules.participants)
    before = [m for m in doc.people(sentence) if m.end <= at]
    if before:
        return wanted if wanted <= _named(_run(doc, before)) else set()
    for previous in reversed(doc.sentences[max(0, sentence.index - 3):sentence.index]):
        people = doc.people(previous)
        if people or doc._others(previous.start, previous.end):
            return wanted if wanted <= _named(people) and not doc._others(previous.start, previous.end) else set()
    return set()


def joint_attendees(doc: Document, sentence: Sentence, anchor: re.Match, *, after: bool) -> set[str]:
    """The participants who attend the event ``anchor`` names together: its subject (``after`` False: "Putin
    and Lukashenko will take part in") or the mentions right after it ("with the participation of Tokayev and
    Putin"); empty unless all of them are there (others may attend with them: a summit's other guests)."""
    wanted = set(doc.rules.participants)
    a0, a1 = sentence.start + anchor.start(), sentence.start + anchor.end()
    text = doc.text
    if after:
        following = [m for m in doc.people(sentence) if m.start >= a1]
        if not following or not re.fullmatch(r"\s*(?:the\s+)?" + _TITLE, text[a1:following[0].start]):
            return set()
        run = _run(doc, following, last=0)
        return wanted if wanted <= _named(run) else set()
    # A list of names has commas ("Lukashenka, Tokayev and Putin attended"): the subject is read by its joins.
    clause_start = max([sentence.start] + [text.rfind(c, sentence.start, a0) + 1 for c in ";:"])
    before = [m for m in doc.people(sentence) if clause_start <= m.start and m.end <= a0]
    if not before:
        # "where on Thursday they will take part in": "they" a few auxiliaries before the verb.
        they = None
        for m in re.finditer(r"\bthey\b", text[clause_start:a0], re.IGNORECASE):
            they = m
        if they is None or not _GAP.match(text[clause_start + they.end():a0]):
            return set()
        return _they(doc, sentence, clause_start + they.start())
    if not _GAP.match(_between(doc, before[-1].end, a0).lstrip(", ")):
        return set()
    return wanted if wanted <= _named(_run(doc, before)) else set()


# A line of a list: a bullet or a number opens it ("- President of Belarus ...", "2) ...").
_ITEM = re.compile(r"[-\u2013\u2014\u2022\u00b7*\u25aa\u25e6\u2023]\s*|\d{1,2}[.)]\s+")
_LIST_REACH = 2  # sentences after the summit's: its own remark ("The event was held face to face.") may come first
_ITEM_WORDS = 12  # an unmarked line of a list after "attended by:" is short: a title and a name


def listed_attendees(doc: Document, sentence: Sentence) -> set[str]:
    """The participants an attendance list right after a summit sentence names: "The summit was attended by:" and a
    line a guest ("- President of Belarus Alexander Lukashenko"), or "Expected participants include A, B and C".

    The list opens with one of the profile's ``[facts.phrases] attendance_lists`` in one of the next two sentences;
    a sentence between that tells anything dated, a call or a meeting other than "the summit" says the list is
    another event's. A negated or hypothetical cue ("Putin is not expected to attend") lists no one; the cue's
    sentence names no date of its own (then it is an event of its own). Who the list names counts, in the cue's
    sentence and, after a colon, in the lines of the list below it."""
    rules = doc.rules
    if rules.attendance_lists is None:
        return set()
    for following in doc.sentences[sentence.index + 1:sentence.index + 1 + _LIST_REACH]:
        cue = rules.attendance_lists.search(following.text)
        if doc.dates(following) or (rules.call and rules.call.search(following.text)):
            return set()  # "The foreign ministers met on Thursday.": what comes after is theirs
        if cue is None:
            if _another_meeting(doc, following) and (doc.people(following) or doc._others(following.start,
                                                                                          following.end)):
                return set()  # "Putin also met Xi.": a list after it is of that meeting
            continue
        if _another_meeting(doc, following) or _not_attending(doc, following, cue):
            return set()
        # Who the cue's part of the sentence names: "Taking part were Putin and Aliyev; Lukashenko sent a message."
        s0 = following.start + following.text.rfind(";", 0, cue.start()) + 1
        s1 = following.text.find(";", cue.end())
        s1 = following.end if s1 == -1 else following.start + s1
        ids = _named([p for p in doc.people(following) if s0 <= p.start < s1])
        if following.text.rstrip().endswith(":"):
            ids |= _list_lines(doc, following)
        return ids
    return set()


def _another_meeting(doc: Document, sentence: Sentence) -> bool:
    """Whether ``sentence`` tells a meeting of its own: a meeting word not referring back ("the summit", "this
    CIS meeting")."""
    meeting = doc.rules.meeting
    return meeting is not None and any(not _DEFINITE_BEFORE.search(sentence.text, 0, m.start())
                                       for m in meeting.finditer(sentence.text))


_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|its)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _not_attending(doc: Document, sentence: Sentence, cue: re.Match) -> bool:
    """Whether the list's cue is negated or hypothetical: "Putin is not expected to attend", "could be attended by"."""
    from desktop.facts.status import HYPOTHETICAL, NEGATED, NEVER_HELD, modality

    base = sentence.start
    mood = modality(doc.rules, sentence.text, (cue.start(), cue.end()), (0, len(sentence.text)),
                    mentions=[(p.start - base, p.end - base) for p in doc.people(sentence)],
                    dates=[(d.start - base, d.end - base) for d in doc.dates(sentence)])
    return mood in (NEGATED, NEVER_HELD, HYPOTHETICAL)


def _list_lines(doc: Document, header: Sentence) -> set[str]:
    """Who the lines of a list under ``header`` name: lines opened by a bullet or a number, or short lines each
    naming someone; the list ends at the first line that is neither. A line is a paragraph ("1. Vladimir Putin"
    may be two sentences of one)."""
    ids: set[str] = set()
    lines = itertools.groupby(doc.sentences[header.index + 1:], key=lambda s: s.paragraph)
    for paragraph, sentences in lines:
        if paragraph == header.paragraph:
            break  # the header's own paragraph goes on: no list below it
        sentences = list(sentences)
        text = doc.text[sentences[0].start:sentences[-1].end]
        people = [p for s in sentences for p in doc.people(s)]
        marked = bool(_ITEM.match(text))
        if not marked and not (len(text.split()) <= _ITEM_WORDS and (people or doc._others(sentences[0].start,
                                                                                            sentences[-1].end))):
            break
        ids |= _named(people)
    return ids
