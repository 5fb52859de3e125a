"""Where a meeting may be told in a sentence: the profile's trigger phrases and what kind of anchor each is.

An anchor is a match and its kind, which tells :mod:`desktop.facts.meetings` how to find who takes part:

- ``False``: a meeting word or a body's session ("talks", "a session of the Supreme State Council");
- ``True``: a weak verb whose subject are the participants ("Putin and Lukashenko agreed");
- ``"joint"``: a joint act of the participants named before it ("signed a joint statement");
- ``"subject"`` / ``"after"``: attendance, its attendees before ("will take part in the forum") or after it
  ("with the participation of");
- ``"conversation"``: a transcript's title ("Beginning of conversation with ..."), talks in person.
"""

from __future__ import annotations

import re
from typing import Any

from desktop.facts.document import Document
from desktop.facts.sentences import Sentence
from desktop.facts.transcripts import conversation_title

Anchor = tuple[re.Match, Any]


def anchor_patterns(rules) -> list[re.Pattern]:
    """Every pattern a call or a meeting may be anchored on (a sentence none matches proposes nothing)."""
    return [p for p in (rules.call, rules.meeting, rules.all_attend_bodies, rules.bodies, rules.weak_meeting,
                        rules.joint, rules.joint_attendance, rules.attended_by, rules.conversations,
                        rules.call_verbs)
            if p is not None]


def meeting_anchors(doc: Document, sentence: Sentence, calls: list[re.Match]) -> list[Anchor]:
    """The meeting anchors of ``sentence``, in the order they are tried; ``calls`` are its call anchors."""
    rules = doc.rules
    may = doc.hits.may_match  # False for a sentence the whole text's scan found no match in (phrase_scan)
    anchors: list[Anchor] = []
    for pattern in (rules.meeting, rules.all_attend_bodies, rules.bodies):
        if pattern and may(pattern, sentence):
            anchors += [(m, False) for m in pattern.finditer(sentence.text)]
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
