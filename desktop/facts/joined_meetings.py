"""A participant expected to join another for a meeting the article tells as put off: that meeting, called off.

"X had also been expected to join Y (and Z) for talks in Astana", after "Y has postponed a visit to Kazakhstan ...
the meeting, originally scheduled for next week": X and Y were to meet there. The cue is one of the profile's
``[facts.phrases] joins`` ("expected to join", "due to join", "set to join"), not negated, between X, a
participant named before it, and Y, named after it before the meeting word. The meeting's date is its own
phrase's, else the date just after one of ``schedule_refs`` ("scheduled for next week", "planned for March 16")
in a sentence with a meeting word, this one or up to ``_REACH`` before it (a future date: the plan's). It is
cancelled when one of ``postponed`` or ``cancelled`` stands within ``cue_words`` words before a meeting word (or
after it in its sentence) in this sentence or one before it; a sentence counts for the meeting when it names Y,
someone joined with him (by surname), or no one ("Y postpones visit to Kazakhstan", "the summit was called off").
A postponement to a new day (after one of ``postponed_to``) is left to the other rules. Without a cancellation,
a plan whose day is ahead is planned; undated, dated only by the article's day, or of a day passed, it is none.
"""

from __future__ import annotations

import re
from typing import Any

from desktop.facts.dates import resolve_date
from desktop.facts.participants import find_places
from desktop.facts.text_tail import ends_before

_REACH = 10  # sentences before the joiner's where the meeting's schedule or its postponement is told


def joined_meeting(doc, cand: dict[str, Any]) -> dict[str, Any] | None:
    """``cand`` (a meeting candidate, dated or not) read as the meeting a participant was expected to join, with
    its date and status; None when it is no such meeting, or nothing dates it."""
    rules = doc.rules
    if rules.joins is None or cand.get("kind") != "meeting" or not set(rules.participants) <= cand["ids"]:
        return None
    sentence = cand["sentence"]
    a0, a1 = cand["anchor"]
    joined = _joined(doc, sentence, a0)
    if joined is None:
        return None
    called_off = _called_off(doc, sentence, joined)
    if called_off is None:
        return None  # put off to a new day: the other rules read that day
    if not cand.get("undated") and not cand.get("by_default"):
        return dict(cand, held="cancelled") if called_off else None
    # Undated, or dated only by the article's day ("was expected to join Putin for talks" is no meeting today).
    scheduled = _scheduled(doc, sentence, joined)
    if scheduled is None:
        return dict(cand, undated=True)
    mention, (start, end, precision) = scheduled
    if not called_off and not (doc.published and start > doc.published):
        return dict(cand, undated=True)  # a plan whose day has passed, not told as put off: its fate is untold
    people = [(p.start, p.end) for p in doc.people(sentence)]
    places = [p for p in find_places(sentence, doc.spans, doc.locations, rules, place_spans=doc.place_spans,
                                     people=people) if p[0] >= a1 and not any(a < p[1] and p[0] < b for a, b in people)]
    place = places[0][2] if places else cand.get("place")
    return {
        "kind": "meeting", "ids": set(cand["ids"]), "start_date": start, "end_date": end,
        "precision": precision if start != end else "day", "held": "cancelled" if called_off else "planned",
        "place": place, "sentence": sentence, "anchor": (a0, a1), "definite": cand.get("definite", False),
        "body": None, "used": [(a0, a1), (mention.start, mention.end)] + people, "by_default": False,
        "arrival": False, "session": None, "bound": False, "relative_day": False, "others": False, "days": None,
        "repeats": None,
    }


def _joined(doc, sentence, a0: int) -> set[str] | None:
    """The participants named after the join cue before the meeting word at ``a0`` (Y, with the surnames of
    others named there), when another is named before the cue (X): "Lukashenko had also been expected to join
    Putin and Nazarbayev for talks"."""
    cues = [m for m in doc.rules.joins.finditer(sentence.text, 0, a0 - sentence.start)]
    if not cues:
        return None
    cue = cues[-1]
    j0, j1 = sentence.start + cue.start(), sentence.start + cue.end()
    rules = doc.rules
    head = sentence.text[:cue.start()].split()[-(rules.cue_words + 1):]
    if rules.negation is not None and rules.negation.search(" ".join(head)):
        return None  # "was not expected to join", "had never been due to join"
    people = [p for p in doc.people(sentence) if p.kind in ("name", "role")]
    before = {i for p in people if p.end <= j0 for i in p.entity_ids}
    after = {i for p in people if j1 <= p.start < a0 for i in p.entity_ids}
    if not before or not after or before & after:
        return None
    # Others joined with Y ("join Putin and Nazarbayev"): a sentence naming one of them tells the same meeting.
    others = {_surname(doc.text[o0:o1]) for o0, o1 in doc._other_people if j1 <= o0 < a0}
    return after | others


def _called_off(doc, sentence, joined: set[str]) -> bool | None:
    """Whether the article puts off or calls off the meeting: a cue of ``postponed`` or ``cancelled`` by a
    meeting word in this sentence or one before that names ``joined`` (Y) or no one; None when put off to a new
    day told just after the cue ("postponed to March 20")."""
    rules = doc.rules
    cues = [p for p in (rules.postponed, rules.cancelled) if p is not None]
    if not cues or rules.meeting is None:
        return False
    for s in doc.sentences[max(0, sentence.index - _REACH):sentence.index + 1]:
        if not _of_joined(doc, s, joined):
            continue
        words = [(m.start(), m.end()) for m in rules.meeting.finditer(s.text)]
        for pattern in cues:
            for cue in pattern.finditer(s.text):
                if not any(_near(s.text, cue, w, rules.cue_words) for w in words):
                    continue
                after = [d for d in doc.dates(s) if d.start - s.start >= cue.end() and rules.postponed_to
                         and ends_before(rules.postponed_to, doc.text, d.start, letters=20)]
                return None if after and pattern is rules.postponed else True
    return False


def _surname(name: str) -> str:
    return name.split()[-1].casefold() if name.split() else ""


def _of_joined(doc, s, joined: set[str]) -> bool:
    """Whether a sentence may tell the meeting joined: it names a participant joined (Y) or someone else joined
    with him (by surname), or no one at all."""
    named = {i for p in doc.people(s) for i in p.entity_ids}
    others = {_surname(doc.text[o0:o1]) for o0, o1 in doc._other_people if s.start <= o0 < s.end}
    return bool(joined & (named | others)) if named or others else True


def _near(text: str, cue: re.Match, word: tuple[int, int], reach: int) -> bool:
    """A cue at most ``reach`` words before the meeting word, or anywhere after it in its sentence ("the summit,
    which had been scheduled for next week, was called off"), as the status module reads them."""
    if cue.end() <= word[0]:
        return len(text[cue.end():word[0]].split()) <= reach and not re.search(r"[;.]", text[cue.end():word[0]])
    return cue.start() >= word[1] and not re.search(r";", text[word[1]:cue.start()])


def _scheduled(doc, sentence, joined: set[str]):
    """``(mention, range)``: the future date just after a ``schedule_refs`` phrase in a sentence with a meeting
    word that may tell the joined participant's meeting, this one or the nearest before it within ``_REACH``."""
    rules = doc.rules
    if rules.schedule_refs is None or rules.meeting is None:
        return None
    for s in reversed(doc.sentences[max(0, sentence.index - _REACH):sentence.index + 1]):
        if not rules.meeting.search(s.text) or not _of_joined(doc, s, joined):
            continue
        for ref in rules.schedule_refs.finditer(s.text):
            for mention in doc.dates(s):
                gap = s.text[ref.end():mention.start - s.start]
                if mention.start - s.start >= ref.end() and not gap.strip():
                    rng = resolve_date(mention, doc.published, "future")
                    if rng is not None:
                        return mention, rng
    return None
