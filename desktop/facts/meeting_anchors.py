"""Where a meeting may be told in a sentence: the profile's trigger phrases and what kind of anchor each is.

An anchor is a match and its kind, which tells :mod:`desktop.facts.meetings` how to find who takes part:

- ``False``: a meeting word or a body's session ("talks", "a session of the Supreme State Council");
- ``True``: a weak verb whose subject are the participants ("Putin and Lukashenko agreed");
- ``"joint"``: a joint act of the participants named before it ("signed a joint statement");
- ``"subject"`` / ``"after"``: attendance, its attendees before ("will take part in the forum") or after it
  ("with the participation of");
- ``"conversation"``: a transcript's title ("Beginning of conversation with ..."), talks in person.

A host's verb (the profile's ``receptions``: "received", "welcomed", "greeted") anchors a meeting only when a
guest is its object: a participant named right after it ("Tokayev welcomes his guest Putin to Astana"), "him"
or "her", or its passive subject ("Putin was warmly greeted by Tokayev"). A thing received ("received a letter
from Putin", "welcomed Putin's proposal") is no meeting.
"""

from __future__ import annotations

import re
from typing import Any

from desktop.facts.document import Document
from desktop.facts.sentences import Sentence
from desktop.facts.transcripts import conversation_title

Anchor = tuple[re.Match, Any]

# Between a host's verb and its guest: a few words with no stop and no preposition ("the visiting", "his Russian
# counterpart"); "a letter from", "the proposal of", "congratulations on" make the object a thing.
_THING_GAP = re.compile(r"[,;:()\"“”]|\b(?:from|of|for|on|about|with|to|at|in|by|that)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PRONOUN = re.compile(r"\s+(?:him|her)\b", re.IGNORECASE)


def received_guest(doc: Document, sentence: Sentence, verb: re.Match) -> bool:
    """Whether the host's verb ``verb`` has a guest as its object (see the module's docstring)."""
    text = sentence.text
    passive = not verb.group().endswith("ing") and _PASSIVE.search(text[max(0, verb.start() - 30):verb.start()])
    if passive or _PRONOUN.match(text, verb.end()):
        return True
    for person in doc.people(sentence):
        at = person.start - sentence.start
        if at < verb.end():
            continue
        gap = text[verb.end():at]
        if len(gap.split()) > 5 or _THING_GAP.search(gap):
            return False
        return not text.startswith(("'s", "\u2019s"), person.end - sentence.start)
    return False


def anchor_patterns(rules) -> list[re.Pattern]:
    """Every pattern a call or a meeting may be anchored on (a sentence none matches proposes nothing)."""
    return [p for p in (rules.call, rules.meeting, rules.all_attend_bodies, rules.bodies, rules.weak_meeting,
                        rules.joint, rules.joint_attendance, rules.attended_by, rules.conversations,
                        rules.call_verbs, rules.receptions)
            if p is not None]


def meeting_anchors(doc: Document, sentence: Sentence, calls: list[re.Match]) -> list[Anchor]:
    """The meeting anchors of ``sentence``, in the order they are tried; ``calls`` are its call anchors."""
    rules = doc.rules
    may = doc.hits.may_match  # False for a sentence the whole text's scan found no match in (phrase_scan)
    anchors: list[Anchor] = []
    hosts = rules.receptions
    for pattern in (rules.meeting, rules.all_attend_bodies, rules.bodies):
        if pattern and may(pattern, sentence):
            anchors += [(m, False) for m in pattern.finditer(sentence.text)
                        if not (hosts and hosts.fullmatch(m.group()) and not received_guest(doc, sentence, m))]
    if hosts and may(hosts, sentence):
        taken = {m.start() for m, _ in anchors}
        anchors += [(m, False) for m in hosts.finditer(sentence.text)
                    if m.start() not in taken and received_guest(doc, sentence, m)]
    # A call's own words ("agreed on a new meeting during a telephone conversation") are not a meeting.
    anchors = [(m, w) for m, w in anchors if not any(c.start() <= m.start() < c.end() for c in calls)]
    if sentence.is_title and (talks := conversation_title(doc, sentence)) is not None:
        anchors.append((talks, "conversation"))  # "Beginning of conversation with ...": in-person talks
    if not calls and rules.weak_meeting and may(rules.weak_meeting, sentence):
        anchors += [(m, True) for m in rules.weak_meeting.finditer(sentence.text)]
    for pattern, kind in ((rules.joint, "joint"), (rules.joint_attendance, "subject"), (rules.attended_by, "after")):
        if pattern and may(pattern, sentence):
            anchors += [(m, kind) for m in pattern.finditer(sentence.text)]
    return anchors
