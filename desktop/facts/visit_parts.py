"""A visit told in parts: an arrival, an informal meeting the day before the talks, one meeting.

**Arrivals.**

"Lukashenko arrived in Moscow on Thursday at the invitation of Putin. On Friday, the two presidents held
talks in the Kremlin": one meeting (../shared/PRODUCT.md: a meeting is the talks between the leaders, and
what an article tells twice is one meeting), the talks', on Friday, in Moscow. Told alone, the arrival at
the other's invitation or on a visit to the other side is the visit, a meeting held on the arrival day.

A candidate is an arrival when its meeting word is one of the profile's ``arrivals`` ("invitation",
"invited") or one of its ``visits`` with an arrival word in its clause ("arrived in Moscow on a working
visit"). It gives way to a meeting or talks of the same participants (or of some of them, which it completes)
that the article dates from the arrival day to ``arrival_days`` after it (as many days either side of an
arrival the publication day dates).

A visit word told with the visit's start or end (the profile's ``visit_bounds``: "ended a working visit to
Russia, on which he had gone on 12 May") is an arrival too, whose talks may come up to ``arrival_days`` either side of its
day: "On Sunday, 23 July, the two presidents met" is the meeting, the visit's day of arrival none of its own.

**The day before.** "Putin and Lukashenko held talks in Sochi on Friday. The day before, the two leaders
met informally": one visit, one meeting over both days (a date range, 14-15 September). Two meetings of the
same participants and status on consecutive days join when one is dated from the other ("the day before",
"a day earlier", "the next day") or told with one of the profile's ``informal`` words ("met informally on
Thursday evening") or ``sessions`` words ("talks in a narrow format" on one day, "in an expanded format" the
next: sessions of one visit's talks; a session told with one participant's epithet, "the head of state
continued the talks", is both participants': :func:`complete_sessions`). Other meetings days apart, on
consecutive days told each with its own day and no such word, or a summit or session of one of the profile's ``bodies`` or ``all_attend_bodies`` ("an informal meeting of
the heads of the CIS states on December 28, the talks on December 29"), stay apart.
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


def is_visit_bound(rules: FactRules, text: str, anchor: re.Match) -> bool:
    """Whether the visit word ``anchor`` is told with its start or end ("ended a working visit to Russia where
    he went on 12 May", "the visit, which began on 10 September, ended on 14 September": the profile's
    ``visit_bounds`` in its sentence ``text``), not with its talks."""
    return bool(rules.visit_bounds and rules.visits and rules.visits.fullmatch(anchor.group())
                and rules.visit_bounds.search(text))


def fold_arrivals(cands: list[dict[str, Any]], rules: FactRules) -> list[dict[str, Any]]:
    """Arrivals that talks told in the article stand for are dropped, the talks taking the arrival's place when
    they name none, and its participants when they name only some ("The talks with Putin will be held on
    Friday" after "Lukashenko arrived in Moscow"). Runs before participants are completed."""
    reach = _dt.timedelta(days=rules.arrival_days)
    wanted = set(rules.participants)
    kept = []
    for cand in cands:
        if cand.get("arrival") and cand["held"] in ("held", "planned") and cand["ids"]:
            # A visit's end ("concluded a visit on 25 July") comes after its talks as its start comes before them.
            before = reach if cand["by_default"] or cand.get("bound") else _dt.timedelta(0)
            # Talks the article leaves undated (dated by publication) do not date a dated arrival's visit.
            talks = [o for o in cands if not o.get("arrival") and o["kind"] == cand["kind"] and not o.get("others")
                     and o["held"] in ("held", "planned") and (cand["by_default"] or not o["by_default"])
                     and (o["ids"] >= wanted or (o["ids"] and o["ids"] <= cand["ids"]))
                     and cand["start_date"] - before <= o["start_date"] <= cand["end_date"] + reach]
            if any(o["ids"] >= wanted for o in talks) or (cand["ids"] >= wanted and talks):
                for o in talks:
                    o["place"] = o["place"] or cand["place"]
                    o["ids"] = o["ids"] | cand["ids"]
                continue
        kept.append(cand)
    return kept


def join_visit_days(cands: list[dict[str, Any]], rules: FactRules) -> list[dict[str, Any]]:
    """Meetings of one visit on consecutive days, one dated from the other or told informal, as one meeting
    over both days (the first told keeps its evidence; see the module)."""
    one_day = _dt.timedelta(days=1)
    joined: set[int] = set()
    for cand in cands:
        if id(cand) in joined or cand["kind"] != "meeting" or cand["start_date"] != cand["end_date"]:
            continue
        for other in cands:
            if other is cand or id(other) in joined or other["kind"] != cand["kind"] or other["ids"] != cand["ids"] \
                    or other["held"] != cand["held"] or other["start_date"] != other["end_date"] \
                    or abs(other["start_date"] - cand["start_date"]) != one_day:
                continue
            if not any(c.get("relative_day") or _informal(rules, c) or _session(rules, c) for c in (cand, other)) \
                    or any(_body(rules, c) for c in (cand, other)):
                # "an informal meeting of the heads of the CIS states" on the eve, the Supreme State Council's
                # session the day after the talks: a summit or a session of its own.
                continue
            first, second = sorted((cand, other), key=lambda c: c["sentence"].index)
            days = sorted((cand["start_date"], other["start_date"]))
            first.update(start_date=days[0], end_date=days[1], precision="range",
                         place=first["place"] or second["place"], used=first["used"] + second["used"])
            joined.add(id(second))
            break
    return [c for c in cands if id(c) not in joined]


def complete_sessions(cands: list[dict[str, Any]], rules: FactRules) -> list[dict[str, Any]]:
    """A session told with only one participant named ("On Saturday, the head of state continued the talks in an
    expanded format") on the day of a meeting of all participants or next to it, either told as a session, is a
    session of that meeting: it takes its participants (and :func:`join_visit_days` joins the days). Runs before
    participants are completed, which keeps only sessions on the same day."""
    wanted = set(rules.participants)
    one_day = _dt.timedelta(days=1)
    full = [c for c in cands if c["ids"] >= wanted and c["kind"] == "meeting"]
    for cand in cands:
        if cand["kind"] != "meeting" or not cand["ids"] or cand["ids"] >= wanted or cand.get("others") \
                or not cand["ids"] <= wanted:
            continue
        if any(abs(f["start_date"] - cand["start_date"]) <= one_day and f["held"] == cand["held"]
               and (_session(rules, cand) or _session(rules, f)) and (_session(rules, cand) or _told_after(f, cand))
               for f in full):
            cand["ids"] = set(wanted)
    return cands


def _told_after(first: dict[str, Any], cand: dict[str, Any]) -> bool:
    """Whether ``cand`` is told in the few sentences after ``first`` (a session's sequel)."""
    return 0 < cand["sentence"].index - first["sentence"].index <= 2


def _informal(rules: FactRules, cand: dict[str, Any]) -> bool:
    return bool(rules.informal and rules.informal.search(cand["sentence"].text))


def _body(rules: FactRules, cand: dict[str, Any]) -> bool:
    text = cand["sentence"].text
    return any(p is not None and p.search(text) for p in (rules.bodies, rules.all_attend_bodies))


def _session(rules: FactRules, cand: dict[str, Any]) -> bool:
    """"talks in a narrow format", "expanded talks", "met one-on-one": one session of a visit's talks."""
    return bool(rules.sessions and rules.sessions.search(cand["sentence"].text))
