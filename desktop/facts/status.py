"""A meeting's status: held, planned, cancelled or denied; or no meeting at all (negated, hypothetical, a count).

>>> rules = FactRules.from_dict({"phrases": {"negation": ["not"], "held": ["did"]}})
>>> text = "Ann and Bob did not meet."
>>> trigger = (text.index("meet"), text.index("meet") + 4)
>>> modality(rules, text, trigger, (0, len(text)))
'negated'

The cues are the profile's (``[facts.phrases]``). Before the meeting word,
``negation``, ``hypothetical``, ``cancelled`` and ``postponed`` reach at most
``cue_words`` words, ``denial`` and ``conditional`` at most ``scope_words``;
negation and hypothetical stop at a ``cue_barriers`` word ("failed to agree in
talks" negates the agreeing). After it, the ``*_after`` phrases, ``cancelled``
and ``postponed`` act anywhere in its clause. Words are counted with each
mention of a participant as one word ("if Russian President Vladimir Putin and
Alexander Lukashenko meet" puts "if" three words before "meet"), and a cue
inside a date ("in May") or a mention is no cue. Python holds only this mechanism.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop.facts.rules import FactRules

# Offsets are relative to the text handed in: a sentence, with its clause and the trigger inside it.
Range = tuple[int, int]

# What a cue makes of the meeting word, in the order they are tried: a denial or cancellation of a
# meeting still names one; a negated, hypothetical one is none.
NEGATED, HYPOTHETICAL, DENIED, CANCELLED, POSTPONED = "negated", "hypothetical", "denied", "cancelled", "postponed"
_WORD = re.compile(r"\S+")
_FIGURE = re.compile(r"(?<![\w.,$€£-])\d+(?![\w.,%-])")  # "12 meetings", not "$1.5", "2-day", "10%"


def tense(rules: FactRules, window: str) -> tuple[str | None, str | None]:
    """``(status, direction)`` from the planned and held markers in ``window``: planned wins."""
    if rules.planned and rules.planned.search(window):
        return "planned", "future"
    if rules.held and rules.held.search(window):
        return "held", "past"
    return None, None


def _fold(text: str) -> str:
    # Typographic apostrophes as the profile writes them ("didn’t" is "didn't"); same length, same offsets.
    return text.replace("\u2019", "'")


def _words(text: str, lo: int, hi: int, units: Sequence[Range]) -> int:
    """How many words ``text[lo:hi]`` holds, a unit (a mention) counting as one word."""
    count, last = 0, None
    for m in _WORD.finditer(text, lo, hi):
        unit = next((u for u in units if u[0] <= m.start() < u[1]), None)
        if unit is None or unit != last:
            count += 1
        last = unit
    return count


def _hits(pattern: re.Pattern | None, text: str, lo: int, hi: int, blocked: Sequence[Range]) -> list[re.Match]:
    """Matches of ``pattern`` wholly inside ``text[lo:hi]`` and outside every ``blocked`` range."""
    if pattern is None or hi <= lo:
        return []
    return [m for m in pattern.finditer(text, lo, hi)
            if not any(b0 < m.end() and m.start() < b1 for b0, b1 in blocked)]


def _before(pattern, text, lo, t0, words, mentions, blocked, barriers=None) -> list[re.Match]:
    """Cues in ``text[lo:t0]`` with at most ``words`` words between them and the trigger at ``t0``, and none of
    ``barriers`` ("failed to agree in talks": the cue is another verb's)."""
    return [m for m in _hits(pattern, text, lo, t0, blocked) if _words(text, m.end(), t0, mentions) <= words
            and not _hits(barriers, text, m.end(), t0, mentions)]


def _after(pattern, text, t1, hi, words, mentions, blocked) -> list[re.Match]:
    """Cues in ``text[t1:hi]`` with at most ``words`` words between the trigger ending at ``t1`` and them."""
    return [m for m in _hits(pattern, text, t1, hi, blocked) if _words(text, t1, m.start(), mentions) <= words]


def modality(rules: FactRules, text: str, trigger: Range, clause: Range, *,
             mentions: Sequence[Range] = (), dates: Sequence[Range] = ()) -> str | None:
    """What the cues around a meeting word make of it: ``"denied"``, ``"cancelled"``, ``"postponed"``,
    ``"negated"``, ``"hypothetical"`` or None (a plain statement; its tense decides held or planned).

    ``text`` is the sentence, ``trigger`` the meeting word and ``clause`` its clause in it;
    ``mentions`` (participants) count as one word and ``dates`` hold no cue.
    """
    text = _fold(text)
    (t0, t1), (c0, c1) = trigger, clause
    blocked = [*mentions, *dates]
    near, scope = rules.cue_words, rules.scope_words
    if (_before(rules.denial, text, c0, t0, scope, mentions, blocked)
            or _hits(rules.denial_after, text, t1, c1, blocked)):
        return DENIED
    # "cancelled his trip to Paris and met Putin": a cancellation before the word reaches it only nearby.
    if _before(rules.cancelled, text, c0, t0, near, mentions, blocked) or _hits(rules.cancelled, text, t1, c1, blocked):
        return CANCELLED
    if _before(rules.postponed, text, c0, t0, near, mentions, blocked) or _hits(rules.postponed, text, t1, c1, blocked):
        return POSTPONED
    excepted = _hits(rules.not_negation, text, c0, c1, ())
    barriers = rules.cue_barriers
    negations = [m for m in _before(rules.negation, text, c0, t0, near, mentions, blocked, barriers)
                 if not any(e.start() <= m.start() and m.end() <= e.end() for e in excepted)]
    if negations or _hits(rules.negation_after, text, t1, c1, blocked):
        return NEGATED
    if (_before(rules.hypothetical, text, c0, t0, near, mentions, blocked, barriers)
            or _before(rules.conditional, text, c0, t0, scope, mentions, blocked)
            or _hits(rules.hypothetical_after, text, t1, c1, blocked)):
        return HYPOTHETICAL
    return None


def cue_of(rules: FactRules, mood: str, text: str, lo: int, hi: int) -> bool:
    """Whether a cue that made ``mood`` (denied, cancelled, postponed) lies in ``text[lo:hi]``."""
    patterns = {DENIED: (rules.denial, rules.denial_after), CANCELLED: (rules.cancelled, rules.postponed),
                POSTPONED: (rules.postponed,)}.get(mood, ())
    return any(p is not None and p.search(_fold(text), lo, hi) for p in patterns)


def is_count(rules: FactRules, text: str, trigger: Range, clause: Range, *,
             mentions: Sequence[Range] = (), dates: Sequence[Range] = ()) -> bool:
    """Whether the meeting word counts meetings ("have met five times", "held 12 meetings") rather than tells one.

    A ``count`` cue ("twice") at most ``scope_words`` words after the word, a
    ``count_units`` word ("times") there with a quantity just before it, or a
    quantity just before the word itself; a quantity is a ``quantities`` word or a
    figure, one word may come between ("five face-to-face meetings"), and one
    joined by a hyphen ("two-day talks") is no quantity.
    """
    text = _fold(text)
    (t0, t1), (c0, c1) = trigger, clause
    blocked = [*mentions, *dates]

    def quantity_before(end: int) -> bool:
        words = [m for m in _before(rules.quantities, text, c0, end, 1, mentions, blocked)
                 if not text.startswith("-", m.end())]
        figures = [m for m in _FIGURE.finditer(text, c0, end) if _words(text, m.end(), end, mentions) <= 1
                   and not any(b0 < m.end() and m.start() < b1 for b0, b1 in blocked)]
        return bool(words or figures)

    if _after(rules.count, text, t1, c1, rules.scope_words, mentions, blocked):
        return True
    if any(quantity_before(m.start()) for m in _after(rules.count_units, text, t1, c1, rules.scope_words, mentions,
                                                       blocked)):
        return True
    return quantity_before(t0)

