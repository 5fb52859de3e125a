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
sentence naming anyone.
"""

from __future__ import annotations

import re

from desktop.facts.document import Document
from desktop.facts.participants import Mention
from desktop.facts.sentences import Sentence

# Between the subject and the verb: auxiliaries, adverbs, a weekday or a time ("on Thursday", "in the evening").
_GAP = re.compile(
    r"^\s*(?:(?:will|would|shall|are|were|is|was|to|be|been|also|both|together|jointly|personally|then|later|"
    r"expected|scheduled|set|due|going|plan|plans|planned|have|has|had|already|each|again|"
    r"on\s+[A-Z]\w+|in\s+the\s+(?:morning|afternoon|evening)|[a-z]+ly),?\s+)*$")
_JOIN = re.compile(r"^[\s,]*(?:(?:and|&|as\s+well\s+as)[\s,]*)?$")


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
        if not following or not re.fullmatch(r"\s*(?:the\s+)?", text[a1:following[0].start]):
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
