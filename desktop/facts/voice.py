"""Who speaks: transcript turns, "I", "we" and "our talks" said by a participant, "your visit", "their talks"."""

from __future__ import annotations

import re

from desktop.facts.document import Document
from desktop.facts.sentences import Sentence


# "we", "we're", "we've", "we'll" (and "I'm", "I'll", "I've"): the contraction is no word between.
_WE_BEFORE = re.compile(r"\b(?:we(?:['’](?:re|ve|ll|d))?|us)\s+(?:\w+\s+){0,3}$|\bour\s+(?:\w+,?\s+){0,5}$",
                        re.IGNORECASE)
_I_BEFORE = re.compile(r"\bI(?:['’](?:m|ll|ve|d))?\s+(?:\w+\s+){0,3}$|\b(?:[Mm]y|me)\s+(?:\w+,?\s+){0,3}$")
_THEIR_BEFORE = re.compile(r"\b(?:their|they)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_EACH_OTHER = re.compile(r"^\s+each\s+other\b|^\s+one\s+another\b", re.IGNORECASE)
_TURN = re.compile(r"^(?P<label>[^:]{2,80}?):\s")
# A turn label that is a name ("Dmitry Peskov", "Prime Minister Mikhail Mishustin"): someone speaks.
_NAME_LABEL = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){1,4}[A-Z][\w.'’-]*$")


def _speaker(doc: Document, sentence: Sentence) -> frozenset[str] | None:
    """Who speaks in the transcript turn holding ``sentence`` ("Alexander Lukashenko: ..."): the participants the
    turn label names, an empty set when someone else speaks, None when no turn label opens this paragraph or one
    of the few before it."""
    paragraphs = 0
    for s in reversed(doc.sentences[:sentence.index + 1]):
        first = s.index == 0 or doc.sentences[s.index - 1].paragraph != s.paragraph
        if not first:
            continue
        turn = _TURN.match(s.text)
        if turn and len(turn.group("label").split()) <= 9:
            end = s.start + turn.end("label")
            speakers = frozenset(i for p in doc.people(s) if p.start < end and p.kind in ("name", "role")
                                 for i in p.entity_ids)
            if speakers:
                return speakers
            label = turn.group("label").strip()
            if (doc.rules.askers is not None and doc.rules.askers.match(label)) or doc._others(s.start, end) or _NAME_LABEL.match(label):
                return frozenset()
        paragraphs += 1
        if paragraphs > 8:
            break
    return None


def _paragraph_so_far(doc: Document, sentence: Sentence) -> list[Sentence]:
    """The sentences of ``sentence``'s paragraph up to it (read back from it: a page-long paragraph is not rescanned)."""
    out = []
    for index in range(sentence.index, -1, -1):
        s = doc.sentences[index]
        if s.paragraph != sentence.paragraph:
            break
        out.append(s)
    return out


def _first_person(doc: Document, sentence: Sentence, anchor: re.Match) -> set[str]:
    """Participants the first person stands for: the speaker of "I will meet the President of Belarus", every
    participant for "we will meet again", "our talks", "saw each other" said by one of them when the others are
    named or implied (a role, "the two presidents") somewhere in the article."""
    before = sentence.text[:anchor.start()]
    plural = bool(_WE_BEFORE.search(before) or _EACH_OTHER.match(sentence.text[anchor.end():]))
    if not plural and not _I_BEFORE.search(before):
        return set()
    # The speaker: the participant whose transcript turn this is, or one named in the paragraph so far.
    speakers = _speaker(doc, sentence)
    if speakers is None:
        if not plural:
            return set()  # "I" outside a transcript turn: the quote's speaker is named in the sentence, or unknown
        speakers = frozenset(i for s in _paragraph_so_far(doc, sentence)
                             for p in doc.people(s) if p.kind in ("name", "role") for i in p.entity_ids)
    if not speakers:
        return set()
    if not plural:
        return set(speakers)
    named = {i for p in doc.participants if p.kind in ("name", "role", "group") for i in p.entity_ids}
    wanted = set(doc.rules.participants)
    return wanted if wanted <= named | speakers else set()


# "your visit", "your important, indeed landmark, visit": "your" and the visit's adjectives, no preposition.
_YOUR_BEFORE = re.compile(r"\byour\s+(?:(?!(?:for|of|at|in|on|with|to|from|by|about|and|or|that)\b)"
                          r"[\w–—'’-]+,?\s+){0,7}$", re.IGNORECASE)


# "you visited Astana", "you have paid a visit": "you" the subject, no preposition or comma between.
_YOU_BEFORE = re.compile(r"\byou\s+(?:(?!(?:for|of|at|in|on|with|to|from|by|about|and|or|that|know|said|say)\b)"
                         r"[\w'’-]+\s+){0,3}$", re.IGNORECASE)
_YOU_AFTER = re.compile(r"\s+you\b(?!['’]|\s+(?:and|or)\b)", re.IGNORECASE)  # "when I visited you", "met you"


def turn_speakers(doc: Document) -> set[str]:
    """The participants who speak in the transcript's turns (the host a title leaves unnamed)."""
    if "speakers" not in doc.memo:
        doc.memo["speakers"] = {i for s in doc.sentences for i in (_speaker(doc, s) or ())} & set(
            doc.rules.participants)
    return doc.memo["speakers"]


def _second_person(doc: Document, sentence: Sentence, anchor: re.Match) -> set[str]:
    """Participants "your visit", "you visited", "met you" stand for, said in a participant's transcript turn: the
    speaker and the one he speaks to, the other participant, when the transcript's title or lede names him or he
    speaks in its turns ("Putin: ... since your visit last November")."""
    before = sentence.text[:anchor.start()]
    if not (_YOUR_BEFORE.search(before) or _YOU_BEFORE.search(before) or _YOU_AFTER.match(sentence.text,
                                                                                            anchor.end())):
        return set()
    wanted = set(doc.rules.participants)
    speakers = (_speaker(doc, sentence) or frozenset()) & wanted
    if len(speakers) != 1:
        return set()
    titled = {i for s in doc.sentences if s.is_title for p in doc.people(s) if p.kind in ("name", "role")
              for i in p.entity_ids}
    return wanted if wanted - speakers <= titled | turn_speakers(doc) | doc.lede_people() else set()


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


_HE_BEFORE = re.compile(r"\b(?:he|she)\s+(?:[\w'’]+\s+){0,4}$", re.IGNORECASE)


def _he(doc: Document, sentence: Sentence, anchor: re.Match) -> set[str]:
    """The participant "he" stands for a few words before the meeting word: the last person named before it (in
    this sentence or the two before), if that is a participant ("Trade is growing, Putin said. 'We will do more,'
    he said at a meeting with his Kazakh counterpart Tokayev")."""
    m = _HE_BEFORE.search(sentence.text, 0, anchor.start())
    if m is None:
        return set()
    at = sentence.start + m.start()
    for back in range(sentence.index, max(-1, sentence.index - 3), -1):
        s = doc.sentences[back]
        stop = at if back == sentence.index else s.end
        # Any mention counts as the last one named ("the head of state said as he met with students" is him).
        named = [p for p in doc.people(s) if p.end <= stop and p.kind != "group"]
        others = [o for o in doc._other_people if s.start <= o[0] and o[1] <= stop]
        last_named = named[-1].end if named else -1
        last_other = others[-1][1] if others else -1
        if last_other > last_named:
            return set()  # someone else was named last: "Lukashenko said ... he met Tokayev"
        if named:
            return set(named[-1].entity_ids) if len(named[-1].entity_ids) == 1 else set()
    return set()
