"""Meetings of other officials: a meeting word whose parties are a body of the profile's ``other_bodies``.

>>> from desktop.facts.rules import FactRules
>>> rules = FactRules.from_dict({"phrases": {"meeting": ["meeting"], "other_bodies": ["Security Council"]}})
>>> text = "Putin held a meeting with the permanent members of the Security Council."
>>> officials_meeting(rules, text, rules.meeting.search(text))
True
>>> text = "Putin held a Security Council meeting."
>>> officials_meeting(rules, text, rules.meeting.search(text))
True

A meeting "of" or "between" such a body ("a meeting of the Council of Ministers"), "with" it as the
first party named ("held a meeting with the government members", "met with the Security Council",
"chaired a session of the cabinet") or with the body before the word ("a Security Council meeting") is
theirs, not the participants' (../shared/PRODUCT.md: meetings between the leaders). A body the
participants all attend named first ("the session of the Supreme State Council with the Council of
Ministers") keeps the meeting theirs. The words are the profile's; Python holds how they are placed.
"""

from __future__ import annotations

import re

from desktop.facts.rules import FactRules

_PREPOSITION = re.compile(r"\s+(of|between|with)\s+", re.IGNORECASE)
_OWNER = re.compile(r"(?:'s|’s)?\s+$")
_REACH = 60  # characters after the meeting word where its body may stand ("of the permanent members of the ...")
_WITH_WORDS = 5  # words that may come between "with" and the body: "with the permanent members of the"


def officials_meeting(rules: FactRules, text: str, anchor: re.Match, mentions: list[tuple[int, int]] = ()) -> bool:
    """Whether the meeting word ``anchor`` (a match in ``text``) tells a meeting of other officials' body.

    ``mentions`` are the participants' offsets in ``text``: one between the word and the body is the
    first party ("talks with Putin and the government delegation" are the leaders').
    """
    if rules.other_bodies is None:
        return False
    prep = _PREPOSITION.match(text, anchor.end())
    if prep:
        body = rules.other_bodies.search(text, prep.end(), anchor.end() + _REACH)
        gap = text[prep.end():body.start()] if body else ""
        if body and prep.group(1).casefold() == "with" and (len(gap.split()) > _WITH_WORDS or re.search(r"[,;:]", gap)):
            body = None  # "talks with Lukashenko, after which the Council of Ministers met": another clause's
        if body and not any(anchor.end() <= m0 < body.start() for m0, _ in mentions) and not (
                rules.all_attend_bodies and rules.all_attend_bodies.search(text, anchor.end(), body.start())) and not (
                rules.attended_by and rules.attended_by.search(text, anchor.end(), body.start())):
            return True
    # "a Security Council meeting", "the government's session": the body names the meeting.
    before = text[max(0, anchor.start() - _REACH):anchor.start()]
    owner = _OWNER.search(before)
    return bool(owner) and any(m.end() == owner.start() for m in rules.other_bodies.finditer(before))


def officials_before(doc, sentence, pos: int) -> bool:
    """Whether a meeting of other officials is told in ``sentence`` before offset ``pos`` (in its text): "On
    Friday, Lukashenko held a meeting with the government to discuss his talks with Putin" - Friday and the news
    are theirs. Each sentence is read once per document."""
    starts = _officials_starts(doc, sentence)
    return bool(starts) and starts[0] < pos


def _officials_starts(doc, sentence) -> list[int]:
    memo = doc.memo.setdefault("officials", {})
    if sentence.index not in memo:
        rules, text = doc.rules, sentence.text
        memo[sentence.index] = [m.start() for m in rules.meeting.finditer(text)
                                if officials_meeting(rules, text, m)] if rules.meeting else []
    return memo[sentence.index]


def officials_news(doc, sentence, pos: int) -> bool:
    """Whether the lede's news up to ``pos`` (offset in ``sentence.text``) is a meeting of other officials: told
    in this sentence before it, or in the headline or a lede sentence before this one ("Lukashenko held a meeting
    with the government members. He spoke about his talks with Putin": those talks are not the day's news)."""
    if officials_before(doc, sentence, pos):
        return True
    if "lede_officials" not in doc.memo:
        rules = doc.rules
        doc.memo["lede_officials"] = [
            s.index for s in doc.sentences
            if (s.is_title or doc.body_index.get(s.index, rules.lede_sentences) < rules.lede_sentences)
            and _officials_starts(doc, s)]
    return any(i < sentence.index for i in doc.memo["lede_officials"])
