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
    office then is named by no role and leads no side. The rules themselves when everyone is in office or the day is
    unknown; else a copy, built once per set of leaders out of office.
    """
    if day is None or not rules.tenures:
        return rules
    out = frozenset(entity for entity, terms in rules.tenures.items()
                    if not any((a is None or a <= day) and (b is None or day <= b) for a, b in terms))
    if not out:
        return rules
    key = ("out of office", out)
    if key not in rules._compiled:
        rules._compiled[key] = dataclasses.replace(
            rules, roles={e: p for e, p in rules.roles.items() if e not in out},
            side_leaders={side: e for side, e in rules.side_leaders.items() if e not in out}, _compiled={})
    return rules._compiled[key]
