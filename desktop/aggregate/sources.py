"""Whose statistics a trade figure is, from the profile's ``[facts.statistics]`` table.

The trade plot draws one series per side of the pair (the profile's ``[facts.sides]``: Belarus and Russia,
Kazakhstan and Russia), plus "unknown". The publisher tells whose figures a report quotes (BelTA and the
Belarusian president's office quote Belstat and Minsk officials, TASS and the Kremlin quote Rosstat and Moscow
officials); a statistics office named in the quoted sentence itself wins over the publisher. Which names are
whose is the profile's, never this module's:

>>> rules = StatisticsRules.from_facts({
...     "sides": {"Russia": ["Russia"], "Belarus": ["Belarus"]},
...     "statistics": {"offices": {"Russia": ["Rosstat"]}, "publishers": {"Belarus": ["BelTA", "belta.by"]},
...                    "agencies": {"belta": "BelTA"}}})
>>> rules.countries
('Belarus', 'Russia', 'unknown')
>>> doc = rules.document_info({"id": 1, "url": "https://www.belta.by/economics/view/1"})
>>> doc.publisher, doc.country
('belta.by', 'Belarus')
>>> rules.statistics_country("According to Rosstat, trade grew.", doc)
'Russia'

A publisher is found, in order, from the ``source`` column (metadata), the URL's host, an agency entity linked
in the first lines (the dateline), or an agency's dateline in the text ("(BelTA)", "/TASS/", "BelTA reports").
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from desktop.facts.rules import _phrase_regex

log = logging.getLogger(__name__)

UNKNOWN = "unknown"


@dataclass(frozen=True)
class DocumentInfo:
    """What a plot shows of an article: its path, title, publisher and whose statistics it quotes."""

    id: int
    path: str
    title: str | None = None
    publisher: str | None = None
    country: str = UNKNOWN


@dataclass(frozen=True, eq=False)  # compared (and cached) by identity: a profile's rules are built once
class StatisticsRules:
    """The profile's sides and the names (statistics offices, publishers, agencies) that tell whose figures are quoted."""

    sides: tuple[str, ...] = ()
    offices: tuple[tuple[re.Pattern, str], ...] = ()
    publishers: tuple[tuple[re.Pattern, str], ...] = ()
    agencies: dict[str, str] = field(default_factory=dict)  # entity id -> the agency's name
    dateline: re.Pattern | None = None

    @classmethod
    def from_facts(cls, facts: dict[str, Any]) -> StatisticsRules:
        """From a profile's ``[facts]`` table (checked by :mod:`desktop.facts.schema` when the profile loaded)."""
        table = facts.get("statistics") or {}
        sides = tuple(sorted(facts.get("sides") or {}))

        def patterns(key: str) -> tuple[tuple[re.Pattern, str], ...]:
            found = []
            for side, names in sorted((table.get(key) or {}).items()):
                pattern = _phrase_regex(names)
                if pattern is not None:
                    found.append((pattern, side))
            return tuple(found)

        agencies = dict(table.get("agencies") or {})
        dateline = None
        if agencies:
            names = "|".join(re.escape(n) for n in sorted(set(agencies.values()), key=len, reverse=True))
            dateline = re.compile(rf"\(({names})\)|/({names})/|\b({names}) reports\b", re.IGNORECASE)
        return cls(sides, patterns("offices"), patterns("publishers"), agencies, dateline)

    @property
    def countries(self) -> tuple[str, ...]:
        """The series the trade plot draws: each side, then "unknown"."""
        return (*self.sides, UNKNOWN)

    def publisher_country(self, name: str) -> str:
        """The side whose statistics a publisher (a name or a host) quotes, or "unknown"."""
        return _publisher_country(self, name)

    def document_info(self, row: dict[str, Any]) -> DocumentInfo:
        """An article's publisher and country from a ``store.plot_documents`` row."""
        candidates: list[str] = []
        if row.get("source"):
            candidates.append(str(row["source"]))
        if row.get("url"):
            host = urlsplit(str(row["url"])).hostname
            if host:
                candidates.append(host.removeprefix("www."))
        for entity_id in row.get("agencies") or ():
            if entity_id in self.agencies:
                candidates.append(self.agencies[entity_id])
        match = self.dateline.search(row.get("head") or "") if self.dateline else None
        if match:
            said = next(g for g in match.groups() if g)
            candidates.append(next((n for n in self.agencies.values() if n.lower() == said.lower()), said))
        publisher = candidates[0] if candidates else None
        country = UNKNOWN
        for candidate in candidates:
            country = self.publisher_country(candidate)
            if country != UNKNOWN:
                break
        return DocumentInfo(row["id"], row.get("path") or "", row.get("title"), publisher, country)

    def statistics_country(self, evidence: str | None, doc: DocumentInfo | None) -> str:
        """Whose statistics a trade figure is: a side, or "unknown"."""
        for pattern, side in self.offices:
            if evidence and pattern.search(evidence):
                return side
        return doc.country if doc else UNKNOWN


@functools.lru_cache(maxsize=4096)  # a few publishers and hosts, each named by thousands of articles
def _publisher_country(rules: StatisticsRules, name: str) -> str:
    for pattern, side in rules.publishers:
        if pattern.search(name):
            return side
    return UNKNOWN


NO_RULES = StatisticsRules()


@functools.lru_cache(maxsize=8)
def _rules_of(profile_ref: str | None, mtime: float) -> StatisticsRules:
    from desktop.profile import load_profile

    return StatisticsRules.from_facts(load_profile(profile_ref).facts)


def rules_for(db) -> StatisticsRules:
    """The statistics rules of the project's profile (the default profile when the project names none).

    A profile that cannot be read gives no rules (every figure "unknown") and a warning: the plot still draws.
    """
    from desktop import store
    from desktop.profile import ProfileError, profile_path

    ref = store.get_meta(db, "profile") or None
    try:
        try:
            mtime = profile_path(ref).stat().st_mtime
        except (OSError, ProfileError):
            mtime = 0.0
        return _rules_of(ref, mtime)
    except ProfileError as exc:
        log.warning("trade plot: whose statistics is unknown: %s", exc)
        return NO_RULES
