"""A transcript's own talks when its title calls them a conversation ("Beginning of conversation with ...").

A presidential site titles in-person talks "Conversation with NAME" as well as phone calls ("Telephone
conversation with NAME"). The title's conversation word (the profile's ``[facts.transcripts] conversations``)
is a meeting when no call word is in the title and the transcript tells no call in the present (one told in the
past or the future is none, nor is a call a meeting came after, "so soon after our telephone conversation":
:func:`desktop.facts.references.call_before_meeting`), and the guest is shown present: a participant's turn
says one of the profile's ``presence`` words ("let me welcome you to Moscow", "this visit", "glad to see you"), or
the header line under the title names a place ("April 3, 2019, The Kremlin, Moscow"), which is then the meeting's place. The title names
the guest; the participants speaking in the turns are the others.
"""

from __future__ import annotations

import re

from desktop.facts.document import Document
from desktop.facts.references import call_before_meeting
from desktop.facts.sentences import Sentence
from desktop.facts.status import tense
from desktop.facts.voice import _speaker, turn_speakers

__all__ = ["conversation_title", "header_place", "turn_speakers"]


def conversation_title(doc: Document, sentence: Sentence) -> re.Match | None:
    """The conversation word of a transcript's title that tells in-person talks, or None."""
    rules = doc.rules
    if not sentence.is_title or rules.conversations is None:
        return None
    found = rules.conversations.search(sentence.text)
    if found is None or (rules.call is not None and rules.call.search(sentence.text)) or _phoned(doc):
        return None
    if header_place(doc, sentence) is None and not _presence(doc):
        return None
    return found


def header_place(doc: Document, title: Sentence) -> str | None:
    """The place of the header line just under a title ("April 3, 2019, The Kremlin, Moscow"): the line holds a
    date and the last place named in it is the place."""
    at = title.index + 1
    if at >= len(doc.sentences) or not doc.sentences[at].is_title:
        return None
    header = doc.sentences[at]
    if not doc.dates(header):
        return None
    places = [(s["start"], doc.locations.get(" ".join(s["text"].casefold().split()), s["text"]))
              for s in doc._places if header.start <= s["start"] < header.end]
    if doc.rules.venues is not None:
        places += [(header.start + m.start(), doc.rules.venue_places.get(" ".join(m.group().casefold().split())))
                   for m in doc.rules.venues.finditer(header.text)]
    places = [p for p in places if p[1]]
    return max(places)[1] if places else None


def _phoned(doc: Document) -> bool:
    """Whether any sentence tells a call in the present ("we can talk by phone today", "thank you for this
    telephone conversation"): not one told in the past or the future ("we spoke by phone last week"), nor the
    earlier call a meeting came after."""
    call = doc.rules.call
    if call is None:
        return False
    return any(tense(doc.rules, s.text, m.span()) == (None, None) and not call_before_meeting(doc, s, m)
               for s in doc.sentences if call.search(s.text) for m in call.finditer(s.text))


def _presence(doc: Document) -> bool:
    """Whether a participant's turn shows the guest there ("let me welcome you to Moscow", "this visit")."""
    presence = doc.rules.presence
    if presence is None:
        return False
    wanted = set(doc.rules.participants)
    return any(presence.search(s.text) and (_speaker(doc, s) or set()) & wanted for s in doc.sentences)
