"""A leader's arrival for a visit: the visit's talks when the article tells them, else a meeting of its own.

"Lukashenko arrived in Moscow on Thursday at the invitation of Putin. On Friday, the two presidents held
talks in the Kremlin": one meeting (../shared/PRODUCT.md: a meeting is the talks between the leaders, and
what an article tells twice is one meeting), the talks', on Friday, in Moscow. Told alone, the arrival at
the other's invitation or on a visit to the other side is the visit, a meeting held on the arrival day.

A candidate is an arrival when its meeting word is one of the profile's ``arrivals`` ("invitation",
"invited") or one of its ``visits`` with an arrival word in its clause ("arrived in Moscow on a working
visit"). It gives way to a meeting or talks of the same participants (or of some of them, which it completes)
that the article dates from the arrival day to ``arrival_days`` after it (as many days either side of an
arrival the publication day dates).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from desktop.facts.rules import FactRules


def is_arrival(rules: FactRules, text: str, anchor: re.Match, clause: tuple[int, int]) -> bool:
    """Whether the meeting word ``anchor`` (a match in ``text``) tells an arrival; ``clause`` is its clause in
    ``text``."""
    if rules.arrivals is None:
        return False
    if rules.arrivals.fullmatch(anchor.group()):
        return True  # "at the invitation of Putin"
    return bool(rules.visits and rules.visits.fullmatch(anchor.group()) and rules.arrivals.search(text, *clause))


def fold_arrivals(cands: list[dict[str, Any]], rules: FactRules) -> list[dict[str, Any]]:
    """Arrivals that talks told in the article stand for are dropped, the talks taking the arrival's place when
    they name none, and its participants when they name only some ("The talks with Putin will be held on
    Friday" after "Lukashenko arrived in Moscow"). Runs before participants are completed."""
    reach = _dt.timedelta(days=rules.arrival_days)
    wanted = set(rules.participants)
    kept = []
    for cand in cands:
        if cand.get("arrival") and cand["held"] in ("held", "planned") and cand["ids"]:
            before = reach if cand["by_default"] else _dt.timedelta(0)
            talks = [o for o in cands if not o.get("arrival") and o["kind"] == cand["kind"] and not o.get("others")
                     and o["held"] in ("held", "planned")
                     and (o["ids"] >= wanted or (o["ids"] and o["ids"] <= cand["ids"]))
                     and cand["start_date"] - before <= o["start_date"] <= cand["end_date"] + reach]
            if any(o["ids"] >= wanted for o in talks) or (cand["ids"] >= wanted and talks):
                for o in talks:
                    o["place"] = o["place"] or cand["place"]
                    o["ids"] = o["ids"] | cand["ids"]
                continue
        kept.append(cand)
    return kept
