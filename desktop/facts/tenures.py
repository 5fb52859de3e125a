"""Leaders' terms in office (``[facts.tenures]``): a role or a side names a leader only while he holds office.

"The Kazakh president" in an article of 2015 is Nazarbayev, and "Putin visited Kazakhstan" then is no meeting with
Tokayev; "the Russian president" of 2010 is Medvedev. A name still names its person whenever the article is from.

>>> terms = parse_tenures({"tokayev": ["2019-03-20.."], "putin": ["1999-12-31..2008-05-06", "2012-05-07.."]})
>>> terms["putin"][1]
(datetime.date(2012, 5, 7), None)
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from typing import Any

Term = tuple[_dt.date | None, _dt.date | None]  # first and last day in office, None open


def parse_tenures(table: dict[str, list[str]]) -> dict[str, tuple[Term, ...]]:
    """``[facts.tenures]``: entity id -> terms written "2019-03-20..", "2000-05-07..2008-05-07" (an end may be open).

    Raises ValueError naming the entity and the term for one written wrong (the schema turns it into a
    :class:`~desktop.profile.ProfileError` naming the file).
    """
    result = {}
    for entity, terms in table.items():
        parsed = []
        for term in terms:
            first, sep, last = term.partition("..")
            try:
                if not sep:
                    raise ValueError
                parsed.append((_dt.date.fromisoformat(first.strip()) if first.strip() else None,
                               _dt.date.fromisoformat(last.strip()) if last.strip() else None))
            except ValueError:
                raise ValueError(f"[facts.tenures] {entity}: {term!r} is no term; write 'YYYY-MM-DD..YYYY-MM-DD' "
                                 "(either end may be left open)") from None
        result[entity] = tuple(parsed)
    return result


def in_office(rules: Any, day: _dt.date | None) -> Any:
    """``rules`` (a :class:`~desktop.facts.rules.FactRules`) as of ``day``, an article's publication: a leader out of
    office then is named by no role and leads no side. A participant out of office whose seat another holder
    (``[facts.holders]``) held then is replaced by that holder, who takes the seat's roles and side: in 2015 "the
    Kazakh president" is Nazarbayev, and his meetings with Putin are the profile's. The rules themselves when everyone
    is in office or the day is unknown; else a copy, built once per set of leaders out of office.
    """
    if day is None or not rules.tenures:
        return rules

    def serving(entity: str) -> bool:
        terms = rules.tenures.get(entity)
        return terms is None or any((a is None or a <= day) and (b is None or day <= b) for a, b in terms)

    # Out of office and in a seat, a role or a side (an earlier holder's own term's end changes nothing).
    named = {*rules.participants, *rules.roles, *rules.side_leaders.values()}
    out = frozenset(entity for entity in rules.tenures if entity in named and not serving(entity))
    if not out:
        return rules
    stand_ins = {seat: next((h for h in rules.holders.get(seat, ()) if h in rules.tenures and serving(h)), None)
                 for seat in rules.participants if seat in out}
    stand_ins = {seat: holder for seat, holder in stand_ins.items() if holder}
    key = ("out of office", out, tuple(sorted(stand_ins.items())))
    if key not in rules._compiled:
        roles = {e: p for e, p in rules.roles.items() if e not in out}
        for seat, holder in stand_ins.items():
            if seat in rules.roles:
                roles[holder] = _either(rules.roles[seat], roles.get(holder))
        side_leaders = {side: stand_ins.get(e, e) for side, e in rules.side_leaders.items()}
        rules._compiled[key] = dataclasses.replace(
            rules, participants=[stand_ins.get(p, p) for p in rules.participants], roles=roles,
            side_leaders={side: e for side, e in side_leaders.items() if e not in out}, _compiled={})
    return rules._compiled[key]


def _either(pattern: re.Pattern, other: re.Pattern | None) -> re.Pattern:
    """A pattern matching what either matches (a seat's role phrases and the holder's own)."""
    if other is None:
        return pattern
    return re.compile(f"(?:{pattern.pattern})|(?:{other.pattern})", pattern.flags & ~re.UNICODE)
