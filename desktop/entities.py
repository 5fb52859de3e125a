"""Canonical entities: rename, merge, split off an alias, add or remove aliases, each one undoable action.

>>> from desktop.store import open_db, upsert_entity
>>> db = open_db(":memory:")
>>> upsert_entity(db, {"id": "lukashenko", "name": "Alexander Lukashenko", "label": "PERSON"})
>>> upsert_entity(db, {"id": "lukashenka", "name": "Lukashenka", "label": "PERSON"})
>>> merge(db, "lukashenko", "lukashenka")
Merged(mentions=0, aliases=1, facts=0)
>>> [(e["name"], e["aliases"]) for e in entity_rows(db)]
[('Alexander Lukashenko', ['Alexander Lukashenko', 'Lukashenka'])]

An entity is a row of ``entities`` (its name and the surface forms it is
written as, ``aliases``) plus one row of the ``aliases`` table per normalised
form, which is what links a mention to it (:func:`desktop.store.entity_for_alias`).
Every operation keeps the two in step and runs inside :func:`desktop.history.action`,
so one undo takes it all back. Mentions follow: a merge moves the other entity's
mentions and its place in the facts' participants; a split moves the mentions
written as the alias.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from desktop import history, review, store


class EntityError(ValueError):
    """An entity operation the data does not allow (unknown entity, its own name, an alias it lacks...)."""


@dataclass(frozen=True)
class Merged:
    """What a merge moved onto the entity kept."""

    mentions: int
    aliases: int
    facts: int


# The counts read the (entity_id, status) index alone (store migration m007), a search per entity.
ENTITY_ROWS_SQL = """select e.*,
    (select count(*) from spans s where s.entity_id = e.id and s.status != 'rejected') as mentions,
    (select count(*) from spans s where s.entity_id = e.id and s.status = 'accepted') as accepted
  from entities e {where} order by e.name collate nocase, e.id {page}"""


def _entity_filter(query: str | None) -> tuple[str, list[Any]]:
    """The where clause of a search by name or alias substring (empty without a query)."""
    if not (query and query.strip()):
        return "", []
    return ("where e.id in (select entity_id from aliases where alias like ?) or e.name like ?",
            [f"%{store.normalise_alias(query)}%", f"%{query.strip()}%"])


def entity_rows(db: sqlite_utils.Database, *, query: str | None = None, limit: int | None = None,
                offset: int = 0) -> list[dict[str, Any]]:
    """Entities by name with ``aliases`` decoded and their ``mentions`` and ``accepted`` counts; ``query`` filters."""
    where, params = _entity_filter(query)
    page = f"limit {int(limit)} offset {int(offset)}" if limit is not None else ""
    rows = db.query(ENTITY_ROWS_SQL.format(where=where, page=page), params)
    return [store.decode("entities", r) for r in rows]


def count_entities(db: sqlite_utils.Database, *, query: str | None = None) -> int:
    """How many entities :func:`entity_rows` pages through."""
    where, params = _entity_filter(query)
    return db.execute(f"select count(*) from entities e {where}", params).fetchone()[0]


def mentions_of(db: sqlite_utils.Database, entity_id: str, *, limit: int = 100, offset: int = 0,
                context: int = 50) -> list[dict[str, Any]]:
    """An entity's mentions (not rejected) in article order, with their article and ``before``/``after`` text."""
    return list(db.query(
        f"""select s.id, s.doc_id, s.start, s."end", s.text, s.label, s.status, d.path, d.title,
                   substr(d.text, max(s.start - {int(context)}, 0) + 1, s.start - max(s.start - {int(context)}, 0))
                     as before,
                   substr(d.text, s."end" + 1, {int(context)}) as after
            from spans s join documents d on d.id = s.doc_id
            where s.entity_id = ? and s.status != 'rejected' order by d.path, s.start limit ? offset ?""",
        [entity_id, int(limit), int(offset)]))


def _entity(db: sqlite_utils.Database, entity_id: str) -> dict[str, Any]:
    entity = store.get_row(db, "entities", entity_id)
    if entity is None:
        raise EntityError(f"no entity {entity_id!r}")
    return entity


def _alias_keys(db: sqlite_utils.Database, entity_id: str) -> list[str]:
    return [r["alias"] for r in db.query("select alias from aliases where entity_id = ? order by alias", [entity_id])]


def _add_alias_rows(act: history.Action, db: sqlite_utils.Database, entity_id: str, names: list[str],
                    written: list[str]) -> int:
    """Inside ``act``: give the entity the normalised forms of ``written`` and list them in its ``aliases``."""
    added = 0
    for text in written:
        key = store.normalise_alias(text)
        if key and not store.alias_exists(db, key, entity_id):
            act.insert("aliases", {"alias": key, "entity_id": entity_id, "source": "analyst"})
            added += 1
    listed = sorted(set(names) | set(written))
    if listed != names:
        act.update("entities", entity_id, aliases=listed)
    return added


def rename(db: sqlite_utils.Database, entity_id: str, name: str) -> dict[str, Any]:
    """Give an entity a new canonical name; the old one stays an alias, so its mentions stay linked."""
    entity = _entity(db, entity_id)
    name = " ".join(name.split())
    if not name:
        raise EntityError("an entity needs a name")
    if name == entity["name"]:
        return entity
    with history.action(db, "rename entity", summary=f"rename entity {entity['name']} -> {name}") as act:
        act.update("entities", entity_id, name=name)
        _add_alias_rows(act, db, entity_id, entity["aliases"] or [], [entity["name"], name])
    return _entity(db, entity_id)


def add_alias(db: sqlite_utils.Database, entity_id: str, alias: str) -> dict[str, Any]:
    """Add a surface form the entity is written as (case and spacing do not matter)."""
    entity = _entity(db, entity_id)
    alias = " ".join(alias.split())
    if not alias:
        raise EntityError("an alias cannot be empty")
    key = store.normalise_alias(alias)
    if store.alias_exists(db, key, entity_id) and alias in (entity["aliases"] or []):
        raise EntityError(f"{entity['name']} already has the alias {alias!r}")
    with history.action(db, "add alias", summary=f"alias {alias!r} -> {entity['name']}") as act:
        _add_alias_rows(act, db, entity_id, entity["aliases"] or [], [alias])
    return _entity(db, entity_id)


def _drop_alias(act: history.Action, db: sqlite_utils.Database, entity: dict[str, Any], key: str) -> None:
    """Inside ``act``: the normalised form ``key`` no longer links to ``entity``, nor is it listed."""
    if store.alias_exists(db, key, entity["id"]):
        act.delete("aliases", [key, entity["id"]])
    listed = [a for a in entity["aliases"] or [] if store.normalise_alias(a) != key]
    if listed != (entity["aliases"] or []):
        act.update("entities", entity["id"], aliases=listed)


def remove_alias(db: sqlite_utils.Database, entity_id: str, alias: str) -> dict[str, Any]:
    """Remove a surface form (never the canonical name); mentions already linked stay linked."""
    entity = _entity(db, entity_id)
    key = store.normalise_alias(alias)
    if key == store.normalise_alias(entity["name"]):
        raise EntityError(f"{alias!r} is the name of the entity: rename it first")
    listed = {store.normalise_alias(a) for a in entity["aliases"] or []}
    if key not in listed and not store.alias_exists(db, key, entity_id):
        raise EntityError(f"{entity['name']} has no alias {alias!r}")
    with history.action(db, "remove alias", summary=f"remove alias {alias!r} of {entity['name']}") as act:
        _drop_alias(act, db, entity, key)
    return _entity(db, entity_id)


def merge(db: sqlite_utils.Database, keep_id: str, other_id: str) -> Merged:
    """Merge ``other_id`` into ``keep_id``: its aliases, mentions and facts move over, and it is deleted.

    The merged entity's events follow in the same transaction (a meeting of the
    two ids becomes a meeting of one): the history updates them, outside the log.
    """
    if keep_id == other_id:
        raise EntityError("an entity cannot be merged with itself")
    keep, other = _entity(db, keep_id), _entity(db, other_id)
    spans = [r["id"] for r in db.query("select id from spans where entity_id = ?", [other_id])]
    facts = [store.decode("facts", r) for r in db.query(
        "select id, participants from facts where participants like ?", [f'%"{other_id}"%'])]
    facts = [f for f in facts if other_id in (f["participants"] or [])]
    with history.action(db, "merge entities", summary=f"merge {other['name']} into {keep['name']}") as act:
        for span_id in spans:
            act.update("spans", span_id, entity_id=keep_id)
        for fact in facts:
            participants = sorted({keep_id if p == other_id else p for p in fact["participants"]})
            act.update("facts", fact["id"], participants=participants)
        keys = _alias_keys(db, other_id)
        for key in keys:
            act.delete("aliases", [key, other_id])
        written = [other["name"], *(other["aliases"] or [])]
        added = _add_alias_rows(act, db, keep_id, keep["aliases"] or [], written)
        for key in keys:  # forms of the other entity only in the alias table (a profile's folded aliases)
            if not store.alias_exists(db, key, keep_id):
                act.insert("aliases", {"alias": key, "entity_id": keep_id, "source": "analyst"})
                added += 1
        act.delete("entities", other_id)
    return Merged(mentions=len(spans), aliases=added, facts=len(facts))


def split_alias(db: sqlite_utils.Database, entity_id: str, alias: str, *, name: str | None = None,
                label: str | None = None) -> tuple[str, int]:
    """Make ``alias`` an entity of its own; the mentions written as it move there. Returns (new id, mentions moved).

    For a form that names someone else ("Lukashenko" linking the son to the father).
    """
    entity = _entity(db, entity_id)
    key = store.normalise_alias(alias)
    if key == store.normalise_alias(entity["name"]):
        raise EntityError(f"{alias!r} is the name of the entity: split off another alias, or rename it")
    listed = [a for a in entity["aliases"] or [] if store.normalise_alias(a) == key]
    if not listed and not store.alias_exists(db, key, entity_id):
        raise EntityError(f"{entity['name']} has no alias {alias!r}")
    name = " ".join((name or (listed[0] if listed else alias)).split())
    new_id = review.new_entity_id(db, name)
    moving = [r["id"] for r in db.query("select id, text from spans where entity_id = ?", [entity_id])
              if store.normalise_alias(r["text"] or "") == key]
    with history.action(db, "split entity", summary=f"split {alias!r} off {entity['name']} as {name}") as act:
        _drop_alias(act, db, entity, key)
        review.insert_entity(act, new_id, name, label or entity["label"], listed or [alias])
        for span_id in moving:
            act.update("spans", span_id, entity_id=new_id)
    return new_id, len(moving)


__all__ = ["EntityError", "Merged", "add_alias", "count_entities", "entity_rows", "mentions_of", "merge",
           "remove_alias", "rename", "split_alias"]
