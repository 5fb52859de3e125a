"""Which pair a speaker's first person stands for: "our trade", "trade between our countries" said by a participant.

"Our trade" is the speaker's side and the party the text is about there, not always the profile's pair: a leader
quoted in an article on his visit to a third country ("Our trade is about a billion dollars, we can do better")
speaks of his country and his host. The phrase is one of the profile's ``[facts.trade] first_person``; it is
spoken in a participant's transcript turn (:func:`desktop.facts.voice._speaker`) or inside a quote whose
paragraph names its speaker outside the quotes (else one of the two paragraphs before: "Lukashenko said:"). The
speaker's side is the one his leader stands for (``[facts.leaders]``). The other party is

- the pair the text last named (:func:`desktop.facts.pair_reference.pair_named`), when it holds the speaker's
  side: its other parties ("Lukashenko met Putin in Moscow" before the quote is Russia);
- else the party named nearest before the phrase in its paragraph and the one before (else first after it in
  its paragraph): the host of the visit, the interviewer's country, "relations between our states" after
  naming the host.

The figure is the profile's pair when the other party holds the profile's other side, another pair's when it
holds only others. With no speaker, speakers of both sides, or no other party named, nothing is said (None): the
caller keeps its article-wide reading.
"""

from __future__ import annotations

import re

from desktop.facts.pair_reference import party_mentions, pair_named
from desktop.facts.quoted_days import paragraph_bounds, quoted
from desktop.facts.voice import _speaker

# "our trade with Russia", "our turnover with the Turkish side": the partner named, not implied.
_NAMED_AFTER = re.compile(r"\s+(?:turnover\s+|volume\s+)?(?:with|between)\s+(?:the\s+)?[A-Z]")
_PARAGRAPHS_BACK = 2  # paragraphs before a quote where its speaker ("Lukashenko said:") or its other party is named


def first_person_pair(doc, sentence, phrase: re.Match) -> bool | None:
    """Whether a first-person trade phrase ("our trade", matched in ``sentence.text``) is the profile's pair: True
    when the speaker's other party is the profile's other side, False when it is another country, None when
    unknown or named with it ("our trade with Russia": the name decides, as for any trade term)."""
    rules = doc.rules
    sides = {side for side, _ in rules.sides}
    if len(sides) < 2 or not rules.side_leaders or _NAMED_AFTER.match(sentence.text, phrase.end()):
        return None
    pos = sentence.start + phrase.start()
    side = _speaker_side(doc, sentence, pos)
    if side is None:
        return None
    others = _other_party(doc, sentence, pos, side)
    if not others:
        return None
    return sides - {side} <= others


def _paragraphs(doc, sentence, back: int) -> list[list]:
    """The sentences of ``sentence``'s paragraph (all of it), then of up to ``back`` paragraphs before it."""
    out: list[list] = []
    index = sentence.index
    while index + 1 < len(doc.sentences) and doc.sentences[index + 1].paragraph == sentence.paragraph:
        index += 1
    while index >= 0 and len(out) <= back:
        paragraph = doc.sentences[index].paragraph
        here = []
        while index >= 0 and doc.sentences[index].paragraph == paragraph:
            here.append(doc.sentences[index])
            index -= 1
        out.append(here[::-1])
    return out


def _speaker_side(doc, sentence, pos: int) -> str | None:
    """The side of the participant who says the words at ``pos``: his transcript turn's, or his quote's."""
    leader_side = {leader: side for side, leader in doc.rules.side_leaders.items()}
    speakers = _speaker(doc, sentence)
    if speakers is None:
        if not quoted(doc, sentence, pos):
            return None  # the narrative's "our": the outlet's own country, or no one's
        speakers = frozenset()
        for paragraph in _paragraphs(doc, sentence, _PARAGRAPHS_BACK):
            speakers = frozenset(i for s in paragraph for p in doc.people(s) if p.kind in ("name", "role")
                                 and not quoted(doc, s, p.start) for i in p.entity_ids)
            if speakers:
                break
    found = {leader_side[i] for i in speakers if i in leader_side}
    return next(iter(found)) if len(found) == 1 else None


def _other_party(doc, sentence, pos: int, side: str) -> frozenset[str]:
    """The parties the speaker's "our" joins his side with: the pair last named, else the party named nearest."""
    named = pair_named(doc, sentence, pos)
    if named and side in named and named - {side}:
        return named - {side}
    paragraphs = _paragraphs(doc, sentence, _PARAGRAPHS_BACK)
    start = paragraphs[-1][0].start
    own_start, own_end = paragraph_bounds(doc, sentence)
    mentions = [m for m in party_mentions(doc, start, own_end) if m.parties - {side}]
    before = [m for m in mentions if m.end <= pos]
    if before:
        return before[-1].parties - {side}
    after = [m for m in mentions if m.start >= pos and m.start >= own_start]
    return after[0].parties - {side} if after else frozenset()
