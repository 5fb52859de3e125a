"""Who speaks: transcript turns, "we" and "our talks" said by a participant, "their talks"."""

from __future__ import annotations

import re

from desktop.facts.document import Document
from desktop.facts.sentences import Sentence


_WE_BEFORE = re.compile(r"\b(?:we|us)\s+(?:\w+\s+){0,3}$|\bour\s+(?:\w+,?\s+){0,5}$", re.IGNORECASE)
_THEIR_BEFORE = re.compile(r"\b(?:their|they)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_EACH_OTHER = re.compile(r"^\s+each\s+other\b|^\s+one\s+another\b", re.IGNORECASE)
_TURN = re.compile(r"^(?P<label>[^:]{2,80}?):\s")
_ASKER = re.compile(r"^(?:Question|Answer|Remark|Reply|Q|A|Moderator|Reporter|Journalist|Interviewer|Host)\b")


def _speaker(doc: Document, sentence: Sentence) -> bool | None:
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


def _first_person(doc: Document, sentence: Sentence, anchor: re.Match) -> bool:
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


def _third_person(doc: Document, sentence: Sentence, anchor: re.Match) -> bool:
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
