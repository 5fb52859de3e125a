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
from dataclasses import dataclass

from desktop.facts.dates import DateMention, resolve_date
from desktop.facts.document import Document
from desktop.facts.rules import FactRules
from desktop.facts.sentences import Sentence
from desktop.facts.text_tail import ends_before

# Offsets are relative to the text handed in: a sentence, with its clause and the trigger inside it.
Range = tuple[int, int]

# What a cue makes of the meeting word, in the order they are tried: a denial or cancellation of a
# meeting still names one; a negated, hypothetical one is none.
NEGATED, HYPOTHETICAL, DENIED, CANCELLED, POSTPONED = "negated", "hypothetical", "denied", "cancelled", "postponed"
NEVER_HELD = "never held"  # "an expected visit ... never materialized": a plan told as not happened, called off
_WORD = re.compile(r"\S+")
_FIGURE = re.compile(r"(?<![\w.,$€£-])\d+(?![\w.,%-])")  # "12 meetings", not "$1.5", "2-day", "10%"


PLAN_IN_PAST = "plan in past"  # "he was to meet Putin on 28 May": the date decides, the nearest such day
PLAN_REPORTED = "plan reported"  # "the meeting would focus on trade": a plan in the past unless said on the day
PAST_AUXILIARY = "past auxiliary"  # "why did the two presidents choose to meet on Sunday?": past, the date decides


def tense(rules: FactRules, window: str, at: tuple[int, int] | None = None) -> tuple[str | None, str | None]:
    """``(status, direction)`` from the planned and held markers in ``window``.

    A plan told in the past ("was to meet", the profile's ``planned_past``) is :data:`PLAN_IN_PAST` with no
    direction: a report after the day tells the plan of a meeting held since (or called off, which its own cue
    says), so a date without a year is the nearest such day, not the next year's. Otherwise, with the meeting
    word at ``at`` in the window, the marker of its own verb decides: one in the word itself ("met", "to meet"),
    else the nearest before it ("had a phone call on Saturday to discuss the forthcoming summit" was held;
    "discussed the upcoming summit" is planned), else the nearest after it ("the talks will be held"); without
    ``at``, or at the same distance, planned wins. A held marker after a future auxiliary ("will be discussed
    at the talks") is planned; a ``planned_past_after`` marker deciding from after the word ("the meeting would
    focus on trade") is a plan told in the past.
    """
    if rules.planned_past and rules.planned_past.search(window):
        return PLAN_IN_PAST, None
    # The nearest markers decide: those around the word only (a one-line article is one sentence of megabytes).
    lo, hi = (0, len(window)) if at is None else (max(0, at[0] - _TENSE_REACH), at[1] + _TENSE_REACH)
    found = [(m, "planned", "future") for m in (rules.planned.finditer(window, lo, hi) if rules.planned else ())]
    found += [(m, "held", "past") for m in (rules.held.finditer(window, lo, hi) if rules.held else ())]
    if not found:
        return None, None
    # "will be discussed at the talks": a participle after a future auxiliary is the future's.
    found = [(m, "planned", "future") if status == "held" and ends_before(_FUTURE_AUX, window, m.start(), letters=16)
             else (m, status, d) for m, status, d in found]
    if at is None:
        best = min(found, key=lambda f: f[1] != "planned")
    else:
        own = [f for f in found if f[0].start() < at[1] and f[0].end() > at[0]]  # "met", "to meet": the word's own
        before = [f for f in found if f[0].start() < at[0] and f not in own]
        after = [f for f in found if f[0].start() >= at[1]]
        # "discussed the upcoming summit during a phone call": a marker of another event's noun, unless it is all.
        before = [f for f in before if not _modifies_another(rules, window, f, at)] or ([] if after else before)
        if own:
            best = min(own, key=lambda f: f[1] != "planned")
            if best[1] == "planned" and _did_before(rules, window, best[0], found):
                return PAST_AUXILIARY, None
        elif before:
            best = max(before, key=lambda f: (f[0].end(), f[1] == "planned"))
            if best[1] == "planned" and _did_before(rules, window, best[0], found):
                return PAST_AUXILIARY, None  # "why did they agree to hold talks on Sunday?"
        else:
            best = min(after, key=lambda f: (f[0].start(), f[1] != "planned"))
            if best[1] == "planned" and rules.planned_past_after and rules.planned_past_after.fullmatch(
                    best[0].group()):
                # "the meeting on Friday would focus on trade": a plan told in the past, the date decides.
                return PLAN_REPORTED, None
    return best[1], best[2]


# "the upcoming summit", "an expected visit": a planned marker in a noun phrase, after its determiner.
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", re.IGNORECASE)
_ATTRIBUTIVE = frozenset({"upcoming", "forthcoming"})


def _modifies_another(rules: FactRules, window: str, marker: tuple, at: tuple[int, int]) -> bool:
    """Whether a planned marker before the call word at ``at`` modifies a meeting's noun between them: in
    "discussed the upcoming summit of the CSTO during a telephone conversation" the summit is ahead, the call
    held. Only a marker in a noun phrase ("the upcoming", "upcoming", "the next", "the planned") is one; before
    a meeting word or a body's name ("the coming session of the Collective Security Council") it is that one's."""
    m, status, _ = marker
    if status != "planned" or rules.call is None or not rules.call.fullmatch(window, *at) or (
            m.group().casefold() not in _ATTRIBUTIVE
            and not _DETERMINER_BEFORE.search(window[max(0, m.start() - 8):m.start()])):
        return False
    nouns = [p for p in (rules.meeting, rules.bodies, rules.all_attend_bodies) if p is not None]
    return any(p.search(window, m.end(), at[0]) for p in nouns)


_AUX_GAP = re.compile(r"\s+(?:[\w'’.-]+\s+){0,10}$")  # "did | the two presidents decide | to meet": no clause break


def _did_before(rules: FactRules, window: str, marker: re.Match, found: list) -> bool:
    """Whether an infinitive marker of the meeting word ("to meet") follows a past auxiliary (the profile's
    ``past_auxiliaries``: "did") and its verb, no other planned marker between: "why did the presidents decide
    to meet on Sunday?" told a decision taken, and the meeting's date is read as past."""
    if rules.past_auxiliaries is None or not marker.group().casefold().startswith("to "):
        return False
    lo = max(0, marker.start() - 80)
    for aux in rules.past_auxiliaries.finditer(window, lo, marker.start()):
        if _AUX_GAP.match(window, aux.end(), marker.start()) and not any(
                status == "planned" and aux.end() <= m.start() < marker.start() for m, status, _ in found):
            return True
    return False


# At most 16 letters ("shall not have been"): see text_tail.ends_before.
_TENSE_REACH = 400  # characters either side of the meeting word where its tense markers are read
_FUTURE_AUX = re.compile(r"\b(?:to|will|would|shall|'ll)\s+(?:not\s+)?(?:be|have\s+been)\s+$", re.IGNORECASE)


_TO_INFINITIVE = re.compile(r"\bto\s+$", re.IGNORECASE)  # searched in text[c0:t0]: "to" just before the word


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


# How far, in characters, ``words`` words may reach: a word (or a mention, which counts as one) of at most
# _WORD_CHARS characters and its space, and a cue of at most _CUE_CHARS. Scanning only there keeps a meeting word
# in a sentence of megabytes (a page with no full stops) from reading its whole clause for every cue list.
_WORD_CHARS, _CUE_CHARS = 80, 120


def _reach(words: int) -> int:
    return (words + 1) * _WORD_CHARS + _CUE_CHARS


def _before(pattern, text, lo, t0, words, mentions, blocked, barriers=None) -> list[re.Match]:
    """Cues in ``text[lo:t0]`` with at most ``words`` words between them and the trigger at ``t0``, and none of
    ``barriers`` ("failed to agree in talks": the cue is another verb's)."""
    lo = max(lo, t0 - _reach(words))
    return [m for m in _hits(pattern, text, lo, t0, blocked) if _words(text, m.end(), t0, mentions) <= words
            and not _hits(barriers, text, m.end(), t0, mentions)]


def _after(pattern, text, t1, hi, words, mentions, blocked) -> list[re.Match]:
    """Cues in ``text[t1:hi]`` with at most ``words`` words between the trigger ending at ``t1`` and them."""
    hi = min(hi, t1 + _reach(words))
    return [m for m in _hits(pattern, text, t1, hi, blocked) if _words(text, t1, m.start(), mentions) <= words]


def modality(rules: FactRules, text: str, trigger: Range, clause: Range, *,
             mentions: Sequence[Range] = (), dates: Sequence[Range] = ()) -> str | None:
    """What the cues around a meeting word make of it: ``"denied"``, ``"cancelled"``, ``"postponed"``,
    ``"negated"``, ``"never held"`` (a plan told as not having happened), ``"hypothetical"`` or None (a plain statement; its tense decides held or planned).

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
    # "did not come to meet him": the negated verb's purpose is the meeting, a few words further back.
    reach = near + (rules.infinitive_words if _TO_INFINITIVE.search(text, c0, t0) else 0)
    negations = [m for m in _before(rules.negation, text, c0, t0, reach, mentions, blocked, barriers)
                 if not any(e.start() <= m.start() and m.end() <= e.end() for e in excepted)]
    if negations:
        return NEGATED
    if _hits(rules.negation_after, text, t1, c1, blocked):
        # "An expected visit to Moscow on 3 June never came to pass": a plan that did not happen was called off.
        return NEVER_HELD if _before(rules.planned, text, c0, t0, near, mentions, blocked) else NEGATED
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
        figures = [m for m in _FIGURE.finditer(text, max(c0, end - _reach(1)), end)
                   if _words(text, m.end(), end, mentions) <= 1
                   and not any(b0 < m.end() and m.start() < b1 for b0, b1 in blocked)]
        return bool(words or figures)

    if _after(rules.count, text, t1, c1, rules.scope_words, mentions, blocked):
        return True
    if any(quantity_before(m.start()) for m in _after(rules.count_units, text, t1, c1, rules.scope_words, mentions,
                                                       blocked)):
        return True
    return quantity_before(t0)



@dataclass
class Reading:
    """What a sentence says of the meeting its trigger word tells."""

    status: str | None  # held | planned | cancelled | denied; None: the date decides (before publication: held)
    direction: str | None  # past | future | None: how dates without a year resolve
    stated: bool  # a cue said cancelled or denied: only the article's own words date it
    counted: bool  # a count of meetings: never dated by the article's day
    dates: list[DateMention]  # the dates that may be the meeting's
    earlier: bool = False  # referred to as told before ("his recent talks"): never dated by the article's day


# "approved at the talks on": the participle's phrase, which a complement clause ("announced on Monday that Putin
# would meet") does not continue.
_PARTICIPLE_TAIL = re.compile(r"^\s+(?:by|at|during|in|on|following)\s+(?:(?!(?:that|which|who)\s)[\w'’-]+\s+){0,4}$",
                              re.IGNORECASE)
_TO_BE = re.compile(r"\b(?:to|will|would|shall|should|must|can|could|may)\s+(?:be\s+|have\s+been\s+)?$", re.IGNORECASE)


def _past_participle_before(rules: FactRules, text: str, at: int) -> bool:
    """Whether the meeting word at ``at`` ends a past participle's phrase: "approved by the ..., "agreed at their"."""
    if rules.held_participles is None:
        return False
    window = text[max(0, at - 80):at]
    for m in rules.held_participles.finditer(window):
        if _PARTICIPLE_TAIL.match(window[m.end():]) and not _TO_BE.search(window[:m.start()]):
            return True
    return False


# "said at a meeting with", "noted during the talks with", "stressed while meeting": the meeting is the setting of
# a past act of speech, however the rest of the sentence is told ("the governments will sign ten agreements").
_SETTING_TAIL = re.compile(r"^\s+(?:at|during|while|after)\s+(?:(?:a|an|the|his|her|their|its|our|this)\s+)?"
                           r"(?:[\w'’-]+\s+)?$", re.IGNORECASE)


def _said_at(rules: FactRules, text: str, at: int) -> bool:
    """Whether the meeting word at ``at`` is where a reporting verb in the past (``reporting_past``) was said."""
    if rules.reporting_past is None:
        return False
    window = text[max(0, at - 50):at]
    return any(_SETTING_TAIL.match(window[m.end():]) for m in rules.reporting_past.finditer(window))


_QUOTE = re.compile(r'"[^"]*"|“[^”]*”')


def _unquoted(text: str, at: int) -> str:
    """The sentence without the quotes that do not hold offset ``at``: '"We will do more," he said at a meeting
    with Tokayev' - the quote's tense is the speaker's, not the meeting's."""
    return _QUOTE.sub(lambda m: m.group() if m.start() <= at < m.end() else " ", text)


def read_status(doc: Document, sentence: Sentence, anchor: re.Match, clause: Range, dates: list[DateMention], *,
                counts: bool = True) -> Reading | None:
    """The status of the meeting told by ``anchor`` (a match in ``sentence.text``), or None when the sentence
    tells no meeting (negated, hypothetical). ``clause`` is in document offsets; ``dates`` are the sentence's
    candidates for the meeting's date, narrowed here when a cue's own day is among them."""
    rules, base, text = doc.rules, sentence.start, sentence.text
    a0, a1 = base + anchor.start() - clause[0], base + anchor.end() - clause[0]
    status, direction = tense(rules, doc.text[clause[0]:clause[1]], (a0, a1))
    if status is None:
        status, direction = tense(rules, _unquoted(text, anchor.start()), (anchor.start(), anchor.end()))
    if status == PLAN_REPORTED:
        # "Peskov said on Monday the meeting would take place on Friday" in Monday's news is ahead; said on a day
        # before ("said on Thursday that the meeting on Friday would focus on trade", read on Saturday), or on no
        # day named, the date decides.
        said_today = doc.published is not None and any(
            d.end <= base + anchor.start() and (resolve_date(d, doc.published, "past") or (None,))[0] == doc.published
            for d in doc.dates(sentence))
        status, direction = ("planned", "future") if said_today else (PLAN_IN_PAST, None)
    if status == PLAN_IN_PAST:
        status, direction = None, None
    elif status == PAST_AUXILIARY:
        status, direction = None, "past"  # "why did they choose to meet on Sunday?": the Sunday before, held
    if status == "planned" and _said_at(rules, text, anchor.start()):
        status, direction = "held", "past"  # "will sign ten agreements, Tokayev said at a meeting with Putin"
    if status == "planned" and _past_participle_before(rules, text, anchor.start()):
        # "The programmes approved by the Supreme State Council on November 4 will be implemented": the
        # meeting is told in a past participle; the future is the programmes'.
        status, direction = "held", "past"
    cues = {"mentions": [(p.start - base, p.end - base) for p in doc.people(sentence)],
            "dates": [(d.start - base, d.end - base) for d in doc.dates(sentence)]}
    trigger, local = (anchor.start(), anchor.end()), (clause[0] - base, clause[1] - base)
    mood = modality(rules, text, trigger, local, **cues)
    if mood in (NEGATED, HYPOTHETICAL):
        return None
    if mood == NEVER_HELD:
        mood, direction = CANCELLED, None  # "the visit planned for March 11 did not take place": the nearest one
    if mood == POSTPONED:
        # "postponed to March 12": planned on the new date; "postponed" alone: cancelled on the old one.
        cue = rules.postponed.search(_fold(text), *local)
        # The new day follows one of the profile's postponed_to ("to", "until"): in "postponed a visit, officials
        # said on Friday" Friday is the saying's, and the visit is called off.
        later = [d for d in dates if d.start >= base + cue.end() and (
            rules.postponed_to is None or ends_before(rules.postponed_to, doc.text, d.start, letters=20))] if cue else []
        if later:
            dates, mood, status, direction = later, None, "planned", "future"
        else:
            mood = CANCELLED
    if mood is not None:
        status = mood
        # "The meeting was cancelled on Wednesday", "Peskov on Monday denied...": those days are the
        # cancellation's and the denial's; the meeting's date follows its word ("talks scheduled for Friday").
        dates = [d for d in dates if d.start >= base + anchor.end()
                 and not cue_of(rules, mood, text, anchor.end(), d.start - base)]
    # "have met five times this year", "regular meetings": no one meeting, so none dated by the article's
    # day; "several meetings in late December" still stands for those days.
    counted = counts and is_count(rules, text, trigger, local, **cues)
    earlier = bool(_before(rules.earlier_refs, text, local[0], trigger[0], rules.cue_words, cues["mentions"],
                           cues["dates"]))
    # A body's name counts as one word: "preparations for Supreme Eurasian Economic Council session".
    named = cues["mentions"] + [(m.start(), m.end()) for p in (rules.bodies, rules.all_attend_bodies) if p is not None
                                for m in p.finditer(text, local[0], trigger[0])]
    if mood is None and _before(rules.prepared_refs, text, local[0], trigger[0], rules.cue_words, named,
                                cues["dates"]):
        # "The agenda of the meeting is being formed", "announced the preparations for a meeting": a meeting
        # being prepared is planned; a day before its word is the announcement's, and the article's day none.
        status, direction = "planned", "future"
        dates = [d for d in dates if d.start >= base + anchor.end()]
        earlier = True
    return Reading(status, direction, mood is not None, counted, dates, earlier)
