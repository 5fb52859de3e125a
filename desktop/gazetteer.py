"""The gazetteer learns: aliases the analyst linked to one entity in several articles, offered as profile additions.

>>> text = 'name = "x"\\n\\n[[entities]]\\nid = "putin"\\nname = "Vladimir Putin"\\nlabel = "PERSON"\\naliases = ["Putin"]\\n'
>>> print(add_to_profile_text(text, {"putin": ["President Putin"]}, []).splitlines()[-1])
aliases = ["Putin", "President Putin"]

A suggestion is a surface form linked to a canonical entity in accepted
mentions of at least ``min_articles`` articles, which the profile's own
linking would not give (not an alias of that entity, not its surname rule).
Accepting writes the project's copy of the profile
(``<project folder>/profile.toml``, made from the profile in use on first
need) and switches the project to it; the bundled profiles are never written.
The file is edited as text, so its comments and layout stay, and it is loaded
and checked before it replaces the old one.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop import models, store

MIN_ARTICLES = 2
PROFILE_FILE = "profile.toml"


class GazetteerError(ValueError):
    """The profile could not be updated; the message says why."""


@dataclass(frozen=True)
class Suggestion:
    """An alias to add: ``alias`` (as written) for ``entity_id``; ``new_entity`` when the profile lacks the entity."""

    entity_id: str
    entity_name: str
    label: str
    alias: str
    articles: int
    mentions: int
    new_entity: bool


def suggestions(db: Any, *, min_articles: int = MIN_ARTICLES, profile: Any = None) -> list[Suggestion]:
    """What the analyst's links teach the project's profile, most articles first."""
    from desktop.nlp import ProfileIndex
    from desktop.profile import load_profile, valid_entity_id

    profile = load_profile(profile or store.get_meta(db, "profile"))
    labels = set(profile.label_names)
    index = ProfileIndex(profile)
    in_profile = {e["id"] for e in profile.entities}
    profile_aliases = {store.normalise_alias(a) for e in profile.entities for a in e["aliases"]}
    found = []
    for row in store.linked_alias_counts(db):
        if row["articles"] < min_articles:
            continue
        text, entity_id = row["text"].strip(), row["entity_id"]
        if not text or store.normalise_alias(text) in profile_aliases:
            continue  # the profile knows this form (for this entity or, ambiguously, another)
        if entity_id in in_profile and index.link(text, row["entity_label"] or "") == entity_id:
            continue  # the profile's linking gives it already (a surname, "the ...")
        if entity_id not in in_profile and (not valid_entity_id(entity_id) or row["entity_label"] not in labels):
            continue  # the project's entity could not be written into the profile as it is
        found.append(Suggestion(entity_id, row["entity_name"], row["entity_label"] or "", text, row["articles"],
                                row["mentions"], entity_id not in in_profile))
    return found


def project_profile_path(db_path: str | Path) -> Path:
    """Where the project's own copy of its profile lives."""
    return models.project_folder(db_path) / PROFILE_FILE


def accept(db: Any, db_path: str | Path, chosen: list[Suggestion]) -> Path:
    """Write ``chosen`` into the project's copy of the profile, switch the project to it; returns its path."""
    from desktop.profile import ProfileError, load_profile

    if not chosen:
        raise GazetteerError("no suggestions chosen")
    current = load_profile(store.get_meta(db, "profile"))
    target = project_profile_path(db_path)
    source_text = current.path.read_text(encoding="utf-8")
    additions: dict[str, list[str]] = {}
    new: dict[str, dict[str, Any]] = {}
    for s in chosen:
        if s.new_entity:
            entity = new.setdefault(s.entity_id, {"id": s.entity_id, "name": s.entity_name, "label": s.label,
                                                  "aliases": []})
            entity["aliases"].append(s.alias)
        else:
            additions.setdefault(s.entity_id, []).append(s.alias)
    text = add_to_profile_text(source_text, additions, list(new.values()))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(text, encoding="utf-8")
    try:
        updated = load_profile(partial)
    except ProfileError as exc:
        partial.unlink()
        raise GazetteerError(f"the profile with these additions does not load: {exc}") from None
    for s in chosen:
        entity = updated.entity(s.entity_id)
        if entity is None or s.alias not in entity["aliases"]:
            partial.unlink()
            raise GazetteerError(f"could not add {s.alias!r} to {s.entity_id!r} in {current.path}")
    if target.exists() and target.resolve() != current.path.resolve():
        shutil.copy2(target, target.with_suffix(".toml.bak"))  # an older copy the project had left
    partial.replace(target)
    with store.write_transaction(db):
        for entity in updated.entities:
            if entity["id"] in additions or entity["id"] in new:
                store.upsert_entity(db, entity, source="profile")
        store.set_meta(db, "profile", str(target))
    return target


def _quoted(value: str) -> str:
    # A JSON string is a TOML basic string (the same escapes).
    return json.dumps(value, ensure_ascii=False)


def _closing_bracket(text: str, start: int) -> int:
    """Index of the ``]`` closing the array opened at ``text[start] == "["``, skipping strings and comments."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        if c in "\"'":
            quote, i = c, i + 1
            while i < len(text) and text[i] != quote:
                i += 2 if quote == '"' and text[i] == "\\" else 1
        elif c == "#":
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        elif c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise GazetteerError("an aliases array is not closed")


def add_to_profile_text(text: str, additions: dict[str, list[str]], new_entities: list[dict[str, Any]]) -> str:
    """The profile's TOML ``text`` with ``additions`` (entity id -> aliases) and ``new_entities`` appended."""
    for entity_id, aliases in additions.items():
        found = re.search(r'(?m)^\[\[entities\]\]\s*\n(?:(?!\[).*\n)*?id\s*=\s*"' + re.escape(entity_id) + r'"\s*$', text)
        if found is None:
            raise GazetteerError(f"entity {entity_id!r} not found in the profile")
        block_end = re.compile(r"(?m)^\s*\[").search(text, found.end())
        end = block_end.start() if block_end else len(text)
        key = re.compile(r"(?m)^aliases\s*=\s*\[").search(text, found.start(), end)
        quoted = ", ".join(_quoted(a) for a in aliases)
        if key is None:
            text = text[:found.end()] + f"\naliases = [{quoted}]" + text[found.end():]
            continue
        close = _closing_bracket(text, key.end() - 1)
        before = text[key.end():close].rstrip()
        if not before:
            insert = quoted
        elif before.endswith(","):
            insert = " " + quoted + ","
        else:
            insert = ", " + quoted
        at = key.end() + len(before)
        text = text[:at] + insert + text[at:]
    for entity in new_entities:
        block = (f"\n[[entities]]\nid = {_quoted(entity['id'])}\nname = {_quoted(entity['name'])}\n"
                 f"label = {_quoted(entity['label'])}\naliases = [{', '.join(_quoted(a) for a in entity['aliases'])}]\n")
        text = text.rstrip("\n") + "\n" + block
    return text
