"""Changes of trade in percent, signed: "grew by 12%" is 12, "fell by 2.3%" and "a 5% drop" are negative.

The sign comes from the profile's ``[facts.trade]`` ``increase`` and ``decrease`` words before the percentage
(within ``change_window`` characters) or their ``*_after`` forms just after it; "rose to 60%" is a level
(``level``), no change; "The increase in January-March amounted to 22%" takes its change noun however far back
its copula (``copulas``). A percentage with no such word near is a share or a rate, and no figure at all. A
change stated alone that restates another figure's is that figure (:func:`drop_restated_changes`).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from desktop.facts.money import MoneyMention, find_percents
from desktop.facts.rules import FactRules
from desktop.facts.sentences import Sentence


def _sign_before(rules: FactRules, text: str, floor: int, pos: int) -> int | None:
    """+1 or -1 from the nearest increase or decrease word in ``text[floor:pos]``; 0 when it makes a level."""
    best = None
    for sign, pattern in ((1, rules.increase), (-1, rules.decrease)):
        if pattern is None:
            continue
        for m in pattern.finditer(text, floor, pos):
            if best is None or m.end() > best[1].end():
                best = (sign, m)
    if best is None:
        return None
    # "rose to 60%", "up to 90% of payments": the percentage is where it got, not by how much; but in
    # "the growth in January-March amounted to 22%" the "to" is the copula's, far from the change word.
    level = rules.change_level.search(text, best[1].end(), pos) if rules.change_level else None
    # ... and "declined due to the pandemic, by around 17%": a "to" of other words, far from the percentage, is none.
    if level and len(text[best[1].end():level.start()].split()) <= 1 and len(text[level.end():pos].split()) <= 1:
        return 0
    return best[0]


def _sign_after(rules: FactRules, text: str, end: int) -> int | None:
    """+1 or -1 from an increase or decrease word just after a percentage ("12% more", "a 5% year-on-year drop")."""
    first = re.compile(r"[ \t]*").match(text, end).end()
    word = re.compile(r"[\w-]+[ \t]+").match(text, first)
    for at in (first, word.end() if word else None):
        if at is None:
            continue
        for sign, pattern in ((1, rules.increase_after), (-1, rules.decrease_after)):
            if pattern is not None and pattern.match(text, at):
                return sign
    return None


def signed_changes(rules: FactRules, sentence: Sentence, moneys: list[MoneyMention]) -> list[tuple[int, int, float]]:
    """The percentages of a sentence that are changes, signed, as ``(start, end, change)`` in document offsets;
    every other percentage is no figure at all."""
    text, base = sentence.text, sentence.start
    money_ends = sorted(m.end - base for m in moneys)
    out: list[tuple[int, int, float]] = []
    last: tuple[int, int] | None = None  # (end, sign) of the previous change
    for pct in find_percents(text):
        ends = [e for e in money_ends if e <= pct.start] + ([last[0]] if last else [])
        previous = max(ends, default=None)
        # Words before an amount stated in between speak of that amount ("fell to $29.5 billion, 2.3% less").
        floor = max(pct.start - rules.change_window, previous if previous is not None else 0)
        sign = _sign_before(rules, text, floor, pct.start)
        after = _sign_after(rules, text, pct.end)
        if after and sign != 0:
            # The change's own word right after it wins over one further back: "a rise in 2021 after
            # the 12% drop in 2020" is a fall.
            sign = after
        if sign is None and rules.change_copulas and rules.change_copulas.search(text, floor, pct.start):
            # "The increase in January-March of this year amounted to 22%": the change noun is the
            # subject, as far back as its clause begins.
            clause = max([text.rfind(c, 0, pct.start) for c in ",;:"] + [previous or 0, -1]) + 1
            sign = _sign_before(rules, text, clause, pct.start)
        if sign is None:
            sign = _sign_after(rules, text, pct.end)
        if sign is None and rules.change_complements and rules.change_complements.search(text, floor, pct.start):
            # "went down a little because of the pandemic, by about 17 percent": "by" sizes the change its
            # verb told further back, past a clause of its own (no amount between).
            reach = max(pct.start - rules.complement_window, previous if previous is not None else 0)
            sign = _sign_before(rules, text, reach, pct.start) or None
        if sign is None and last and previous == last[0] and pct.start - last[0] <= rules.change_window:
            sign = last[1]  # "fell by 3% in 2019 and by 5% in 2020"
        if sign:
            out.append((base + pct.start, base + pct.end, sign * pct.number))
            last = (pct.end, sign)
    return out


def sized_change(rules: FactRules, sentence: Sentence, pos: int) -> bool:
    """Whether the amount at document offset ``pos`` sizes a change told just before it: an increase or decrease
    word, then one of the profile's ``change_amounts`` ("the growth is $2 billion", "an increase of", "fell by")."""
    if rules.change_amount_links is None:
        return False
    head = sentence.text[:pos - sentence.start]
    link = rules.change_amount_links.search(head)
    if link is None:
        return False
    stem = head[:link.start()].rstrip()
    for pattern in (rules.increase, rules.decrease):
        if pattern is None:
            continue
        if any(m.end() == len(stem) for m in pattern.finditer(stem, max(0, len(stem) - 30))):
            return True
    return False


def drop_restated_changes(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A change stated alone that repeats another figure's change for an overlapping period is that figure.

    Headlines and summaries restate the news: "trade fell 2.3% in Q1" above "trade was $10.4 billion in Q1,
    2.3% lower"; "this year the decrease was about 12%" after "$7.6 billion in January-April, 12% down";
    "increased by more than 20 per cent" above "increased by 22%, making up $15 billion" (rounded down).
    Of two changes alone that agree, the one with the narrower period stays.
    """
    def overlap(f: dict[str, Any], g: dict[str, Any]) -> bool:
        return bool(f["period_start"] and g["period_start"] and f["period_start"] <= g["period_end"]
                    and g["period_start"] <= f["period_end"])

    def same_change(f: dict[str, Any], g: dict[str, Any]) -> bool:
        a, b = f["change_pct"], g["change_pct"]
        if abs(a - b) <= 0.05:
            return True
        # A restatement rounds toward zero ("more than 20%" for 22%), never past the figure.
        return a * b > 0 and abs(a) < abs(b) and abs(b) - abs(a) <= 0.1 * abs(b)

    alone = [f for f in facts if f["value"] is None and f["change_pct"] is not None]
    stated = [g for g in facts if g["value"] is not None and g["change_pct"] is not None]
    dropped = set()
    for f in alone:
        if any(overlap(f, g) and same_change(f, g) for g in stated):
            dropped.add(id(f))
            continue
        narrower = [g for g in alone if g is not f and id(g) not in dropped and overlap(f, g)
                    and abs(g["change_pct"] - f["change_pct"]) <= 0.05 and _days_of(g) < _days_of(f)]
        if narrower:
            dropped.add(id(f))
    return [f for f in facts if id(f) not in dropped]


def _days_of(f: dict[str, Any]) -> int:
    return (_dt.date.fromisoformat(f["period_end"]) - _dt.date.fromisoformat(f["period_start"])).days
