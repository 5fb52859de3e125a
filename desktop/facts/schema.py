"""The schema of a profile's ``[facts]`` table, checked when the profile loads.

An unknown or misspelt key is an error naming the key and the file, never a
rule silently switched off:

>>> from pathlib import Path
>>> validate_facts({"phrases": {"meetng": ["met"]}}, Path("mine.toml"))
Traceback (most recent call last):
...
desktop.profile.ProfileError: mine.toml: unknown key [facts.phrases] meetng (did you mean meeting?)

Types are written as data: ``"phrases"`` (a list of strings matched as words),
``"ids"`` (a list of entity ids), ``"int"`` (a whole number, 0 or more),
``"string"``, ``"terms"`` (terms in office, "2019-03-20.."), a dict (a sub-table with exactly those keys) or :class:`MapOf`
(a sub-table whose keys are free, each holding one type). The common keys are
below; each registered kind (:mod:`desktop.facts.kinds`) adds the schema of
its own section.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.profile import ProfileError


@dataclass(frozen=True)
class MapOf:
    """A sub-table with free keys (entity ids, qualifier names), each value of type ``item``."""

    item: Any


COMMON = {
    "participants": "ids",  # who must take part in an event (entity ids)
    "max_event_days": "int",  # longer ranges are not one event
    "max_plan_days": "int",  # ... but a plan told in the future may be dated by a range this wide (a quarter)
    "arrival_days": "int",  # how many days after an arrival its visit's talks may come (desktop.facts.visit_parts)
    "lede_sentences": "int",  # sentences that count as the lede
    "cue_words": "int",  # how far a negation or hypothetical cue reaches (desktop.facts.status)
    "scope_words": "int",  # how far a denial or conditional cue reaches
    "wrap_words": "phrases",  # a line ending in one goes on on the next line (hard-wrapped text)
    "infinitive_words": "int",  # how much further a negation reaches a meeting word after "to"
    "roles": MapOf("phrases"),  # entity id -> role phrases that name it ("the Belarusian leader")
    # Places: capitalised words after "in"/"at" that are no place, name prefixes ("St.", "Nizhny"), and
    # venues that stand for their city ("the Palace of Independence" = Minsk) after in/at.
    # "home": the pair's own towns beyond its sides' names, so a trip there is no trip abroad ("arrived in Sochi");
    # "home_of": the same by side (a side -> its towns), so naming "Sochi" names Russia (desktop.facts.groups).
    "places": {"prefixes": "phrases", "not_places": "phrases", "venues": MapOf("string"), "home": "phrases",
               "home_of": MapOf("phrases"),
               # "the Black Sea resort of Sochi": a kind of place before "of" and its name; "hosts": verbs whose
               # subject is the place ("Astana hosted the summit").
               "kinds": "phrases", "hosts": "phrases"},
    # Turn labels that are no speaker of the article ("Question", "Q"); how many words a one-line reply has at most
    # ("Indeed."): between two turns it does not end their topic (desktop.facts.trade).
    # A title's conversation word ("Conversation with ...") is talks when a turn shows the guest there ("presence").
    "transcripts": {"askers": "phrases", "reply_words": "int", "present": "phrases", "conversations": "phrases",
                    "presence": "phrases"},
    # The pair's sides: a side -> the names that stand for it (country, adjective, capital: "Moscow" is Russia),
    # and a side -> its leader's entity id (desktop.facts.pairs: whose trade, whose talks).
    "sides": MapOf("phrases"),
    # Words a scraped page glues to the next one (desktop.facts.glue): meeting and visit words ("visitMoscow",
    # "talksin Sochi") and short words ("andCIS"), read apart before a capital or a short word ending the run.
    "glued": {"heads": "phrases", "words": "phrases"},
    "leaders": MapOf("string"),
    # Whose statistics a trade figure is (desktop.aggregate.sources, the trade plot's series): a side -> the
    # statistics offices and customs services a sentence may name, a side -> the publishers (names, hosts) that quote
    # its figures, and an agency's entity id -> its name (linked in a dateline, or "(NAME)", "/NAME/" there).
    # A leader's terms in office: entity id -> ["2019-03-20..", "2000-05-07..2008-05-07"]. Before and after them a
    # role ("the Kazakh president") or a side ("visited Kazakhstan") is someone else (desktop.facts.rules.in_office).
    "tenures": MapOf("terms"),
    # A participant's seat held by others in their terms: entity id -> ["nazarbayev"]. On a day the participant is out
    # of office and one of these in, that one takes part in the participant's stead, with the participant's roles.
    "holders": MapOf("ids"),
    "statistics": {"offices": MapOf("phrases"), "publishers": MapOf("phrases"), "agencies": MapOf("string")},
}


def facts_schema() -> dict[str, Any]:
    """The schema of the whole ``[facts]`` table: the common keys and every registered kind's section."""
    from desktop.facts.kinds import kinds

    schema: dict[str, Any] = dict(COMMON)
    for kind in kinds():
        if kind.section is None:
            continue
        section = schema.setdefault(kind.section, {})
        if not isinstance(section, dict):
            raise ValueError(f"fact kind {kind.name!r}: section {kind.section!r} is a common key")
        section.update(kind.schema)
    return schema


def validate_facts(table: dict[str, Any], path: Path | str) -> None:
    """Raise :class:`ProfileError` naming the file and the key for anything the schema does not allow."""
    _check(table, facts_schema(), ["facts"], Path(path).name)


def _check(value: Any, kind: Any, where: list[str], file: str) -> None:
    name = _name(where) if isinstance(kind, (dict, MapOf)) else _key(where)
    if isinstance(kind, dict):
        if not isinstance(value, dict):
            raise ProfileError(f"{file}: {name} must be a table")
        for key, item in value.items():
            if key not in kind:
                close = difflib.get_close_matches(key, list(kind), n=1)
                hint = f" (did you mean {close[0]}?)" if close else f" (known: {', '.join(sorted(kind))})"
                raise ProfileError(f"{file}: unknown key {_name(where)} {key}{hint}")
            _check(item, kind[key], [*where, key], file)
    elif isinstance(kind, MapOf):
        if not isinstance(value, dict):
            raise ProfileError(f"{file}: {name} must be a table")
        for key, item in value.items():
            _check(item, kind.item, [*where, key], file)
    elif kind in ("phrases", "ids"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ProfileError(f"{file}: {name} must be a list of strings")
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ProfileError(f"{file}: {name} must be a whole number (0 or more), not {value!r}")
    elif kind == "string":
        if not isinstance(value, str):
            raise ProfileError(f"{file}: {name} must be a string")
    elif kind == "terms":
        from desktop.facts.tenures import parse_tenures

        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ProfileError(f"{file}: {name} must be a list of strings")
        try:
            parse_tenures({where[-1]: value})
        except ValueError as exc:
            raise ProfileError(f"{file}: {exc}") from None
    else:  # a schema written wrong is the programmer's error, not the profile's
        raise ValueError(f"unknown schema type {kind!r} for {name}")


def _name(where: list[str]) -> str:
    """``[facts.trade]``: a table as TOML writes its header."""
    return "[" + ".".join(where) + "]"


def _key(where: list[str]) -> str:
    """``[facts.trade] terms``: a key in its table."""
    return f"{_name(where[:-1])} {where[-1]}"
