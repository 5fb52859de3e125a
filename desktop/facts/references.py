"""What a meeting word refers to, when it is not the pair's meeting told as news (issue 10's classes).

Someone else's meeting ("his talks with Erdogan": :data:`WITH_NAME`, :func:`someone_named`), the topic of a call
told with it (:func:`call_reference`), the earlier call a meeting came after (:func:`call_before_meeting`),
talks someone briefs on (:func:`briefed_on`), a session of a body named just before (:func:`back_to_body`), and
the meeting a transcript records, spoken of in the present by a participant (:func:`transcript_present`). The
words are the profile's; :mod:`desktop.facts.meetings` asks.
"""

from __future__ import annotations

import re

from desktop.facts.document import Document
from desktop.facts.participants import place_before
from desktop.facts.sentences import Sentence
from desktop.facts.voice import _speaker


WITH_NAME = re.compile(r"\s+with\s+(?:(?:the|[A-Z][\w-]+)\s+){0,3}?(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")


# "with Chancellor Scholz and President Putin": a list of partners after "with".
_LIST_GAP = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:(?:the|[A-Z][\w.'’-]*)(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+))*")


def listed_with(sentence: Sentence, partner: re.Match, people) -> bool:
    """Whether a participant is listed with the other partner after "with" ("spoke by phone with Merkel and
    Putin"): a talk with each of them, the participant's among them."""
    end = sentence.start + partner.end()
    following = next((p for p in people if p.start >= end), None)
    return following is not None and _LIST_GAP.fullmatch(sentence.text, partner.end(),
                                                         following.start - sentence.start) is not None


# "a meeting with a Russian diplomat", "talks with an envoy": someone unnamed; "talks with a view to" is no one.
_WITH_SOMEONE = re.compile(r"(?:\s+[\w-]+){0,3}?\s+with\s+(?:a|an)\s+(?!(?:view|eye|focus|particular|special|number|range|wide|broad|"
                           r"series|package|set|list|proposal|agenda|emphasis)\b)[\w-]+")
_CLAUSE_END = re.compile(r"[,;:.!?()]|\s[–—-]\s|\b(?:that|who|whom|which|where|but)\b|\band\b(?!\s+with\b)")


def with_someone(sentence: Sentence, anchor: re.Match, people, participants) -> bool:
    """Whether the meeting word is "with a/an ..." someone, no participant named in the rest of its clause, and
    the pair not both named before it ("Putin and Lukashenko met with a group of students" together)."""
    m = _WITH_SOMEONE.match(sentence.text, anchor.end())
    if m is None:
        return False
    before = {i for p in people if p.start < sentence.start + anchor.start() for i in p.entity_ids}
    if set(participants) <= before:
        return False
    stop = _CLAUSE_END.search(sentence.text, m.end())
    end = sentence.start + (stop.start() if stop else len(sentence.text))
    return not any(sentence.start + m.start() <= p.start < end for p in people)


_REFERENCE_TAIL = re.compile(r"\s+the\s+(?:[\w-]+\s+){0,2}$", re.I)


def someone_named(doc: Document, pos: int, name: str) -> bool:
    """Whether a lone capitalised word after "with" (no participant) is someone: a PERSON or ORG span, or a
    word no span tags that is no place and no side's name ("talks with Moscow" are the pair's)."""
    if doc.is_person(pos, ("PERSON", "ORG")):
        return True
    word = name.split()[0]
    return not doc.is_person(pos, ("GPE", "LOC", "NORP", "FAC", "DATE", "EVENT")) and not doc._of_a_side(word) \
        and " ".join(word.casefold().split()) not in doc.locations


def transcript_present(doc: Document, sentence: Sentence, anchor: re.Match, ids: set[str]) -> bool:
    """Whether a participant's transcript turn speaks of the meeting it records ("we are meeting", "our talks")."""
    rules = doc.rules
    if rules.transcript_present is None or not set(rules.participants) <= ids:
        return False
    speakers = _speaker(doc, sentence)
    if not speakers or not speakers & set(rules.participants):
        return False
    before = sentence.text[:anchor.start()]
    # The cue just before the word, or before a verb in -ing ("we are holding talks").
    return any(re.fullmatch(r"\s*(?:\s[a-z]+ing\s+)?", before[m.end():])
               for m in rules.transcript_present.finditer(before))


_POINT_TAIL = re.compile(r"\s+(?:the|our|your|their|his|her|its|this|that)\s+(?:[\w-]+\s+){0,2}$", re.I)


def call_before_meeting(doc: Document, sentence: Sentence, anchor: re.Match) -> bool:
    """Whether a call word is the earlier call a meeting told in its sentence came after, the sentence told in
    no future ("thank you for organising this visit so soon after our telephone conversation"): no call of its
    own. The cue is one of the profile's ``call_points``; a hedge ("would like to") is no future."""
    rules = doc.rules
    if rules.call_points is None or rules.meeting is None:
        return False
    text = sentence.text
    before = text[:anchor.start()]
    tail = _POINT_TAIL.search(before)
    if tail is None or not any(m.end() == tail.start() for m in rules.call_points.finditer(before)):
        return False
    calls = [(m.start(), m.end()) for m in rules.call.finditer(text)] if rules.call else []
    if all(any(a <= m.start() < b for a, b in calls) for m in rules.meeting.finditer(text)):
        return False  # no meeting told beside the call: "after the phone call, Putin told reporters" is the call
    hedges = [(m.start(), m.end()) for m in rules.hypothetical.finditer(text)] if rules.hypothetical else []
    return not any(not any(a < m.end() and m.start() < b for a, b in hedges)
                   for m in (rules.planned.finditer(text) if rules.planned else ()))


def call_reference(rules, sentence: Sentence, anchor: re.Match) -> bool:
    """Whether a meeting word is the event a call in its sentence was about ("after the summit")."""
    if rules.call is None or rules.call_refs is None or not rules.call.search(sentence.text):
        return False
    before = sentence.text[:anchor.start()]
    tail = _REFERENCE_TAIL.search(before)
    if tail is None:
        return False
    return any(m.end() == tail.start() for m in rules.call_refs.finditer(before))


def back_to_body(doc: Document, sentence: Sentence, anchor: re.Match) -> bool:
    """Whether a definite meeting word ("the meeting", "the session") refers back to a session of a body all the
    participants attend, named in one of the two sentences before: "Lukashenko suggested gathering the Supreme
    State Council in Minsk. ... According to the agreement with Putin, the meeting will be held in the first quarter"."""
    rules = doc.rules
    word = sentence.text[:anchor.start()].split()[-1:]
    if rules.all_attend_bodies is None or not word or word[0].casefold() not in rules.definite:
        return False
    return any(rules.all_attend_bodies.search(doc.sentences[i].text)
               for i in range(max(0, sentence.index - 2), sentence.index))


_REFERRING = re.compile(r"\b(?:the|those|these|that|this)\s+$", re.IGNORECASE)


def briefed_on(doc: Document, sentence: Sentence, anchor: re.Match) -> bool:
    """Whether the meeting word is what someone briefs on, told back ("hearing Tokayev's briefing on those talks in
    Washington", "Lukashenko briefed Putin on the talks"): talks the briefer held with someone else, unless the
    pair is named after the cue ("briefed him on the talks between Putin and Lukashenko")."""
    pattern = doc.rules.briefings
    if pattern is None:
        return False
    head = sentence.text[:anchor.start()]
    for cue in pattern.finditer(head, max(0, anchor.start() - 60)):
        gap = head[cue.end():]
        if len(gap.split()) > 4 or not _REFERRING.search(gap):
            continue
        after = {i for p in doc.people(sentence) if p.start >= sentence.start + cue.end() for i in p.entity_ids}
        return not set(doc.rules.participants) <= after
    return False


_BARE_PLACE = re.compile(r"(?<![\w.])(?P<place>[A-Z][\w'\u2019-]+)\s+$")


def _place_starts(doc: Document) -> frozenset[int]:
    """Where the document's GPE and LOC spans start (read once per document)."""
    if "place_starts" not in doc.memo:
        doc.memo["place_starts"] = frozenset(s["start"] for s in doc.spans if s["label"] in ("GPE", "LOC"))
    return doc.memo["place_starts"]


def abroad_by_name(doc: Document, sentence: Sentence, pos: int, named: set[str]) -> bool:
    """Whether a meeting word named by a place of neither side ("Tokayev considers the Alaska talks a
    breakthrough") is told with the pair not both named in its sentence: someone else's talks, not theirs
    completed from another sentence. ``pos``: the word's document offset; ``named``: who the sentence names."""
    if set(doc.rules.participants) <= named:
        return False
    place = place_before(sentence, pos, doc.spans, doc.locations)
    if place is None:  # a headline's "considers Alaska talks": no article before the place
        m = _BARE_PLACE.search(sentence.text, 0, pos - sentence.start)
        start = sentence.start + m.start("place") if m else None
        if m and (" ".join(m.group("place").casefold().split()) in doc.locations or start in _place_starts(doc)):
            place = (start, start + len(m.group("place")), m.group("place"))
    return place is not None and not doc._of_a_side(place[2])


def session_as_time(doc: Document, sentence: Sentence, anchor: re.Match) -> str | None:
    """``"before"`` or ``"after"`` when the meeting word (or body name) ``anchor`` is a session of one of the
    profile's bodies named as the time of another meeting told before it in the sentence ("Putin and Lukashenko
    met before a meeting of the Supreme State Council", "the talks took place ahead of the EAEU and CIS summits"):
    the session is a meeting of its own, the same day. The cues are the profile's ``before_refs`` and
    ``after_refs``, a few words at most before the session; "on the sidelines of" a summit is none of them."""
    rules = doc.rules
    text = sentence.text
    if rules.meeting is None or not _names_body(rules, text, anchor):
        return None
    head = text[:anchor.start()]
    for which, pattern in (("before", rules.before_refs), ("after", rules.after_refs)):
        for cue in (pattern.finditer(head, max(0, anchor.start() - 60)) if pattern is not None else ()):
            gap = head[cue.end():]
            if len(gap.split()) <= 4 and not re.search(r"[,;:.]", gap) and rules.meeting.search(text, 0, cue.start()):
                return which
    return None


def timed_body(rules, text: str, pos: int, body: int) -> bool:
    """Whether a body named at offset ``body`` after a meeting word ending at ``pos`` (offsets in ``text``) is the
    time of that meeting, a ``before_refs`` or ``after_refs`` cue between ("met before a meeting of the Supreme
    State Council"): its session is another meeting, whose participants are not the word's."""
    between = text[pos:body]
    return body >= pos and any(p is not None and p.search(between) for p in (rules.before_refs, rules.after_refs))


def _names_body(rules, text: str, anchor: re.Match) -> bool:
    """Whether ``anchor`` is a body's name or a meeting word of one: "a meeting of the Supreme State Council",
    "the EAEU and CIS summits"."""
    of = re.match(r"\s+of\s+(?:the\s+)?", text[anchor.end():])
    for body in (rules.all_attend_bodies, rules.bodies):
        if body is None:
            continue
        if body.fullmatch(anchor.group()) or (of and body.match(text, anchor.end() + of.end())):
            return True
        if any(len(text[m.end():anchor.start()].split()) <= 1
               for m in body.finditer(text, max(0, anchor.start() - 40), anchor.start())):
            return True
    return False
