"""The analyst's operations on spans and documents, each one undoable transaction.

>>> from desktop.store import open_db, insert_document
>>> db = open_db(":memory:")
>>> doc = insert_document(db, path="a.txt", hash="h", text="Putin met Lukashenko.")
>>> span = add_span(db, doc, 10, 20, "PERSON")
>>> get_span(db, span)["text"], get_span(db, span)["status"]
('Lukashenko', 'accepted')

The window calls these; so do import and the tests. Undo and redo are
:func:`desktop.history.undo` / :func:`desktop.history.redo`.
"""

from __future__ import annotations

import logging

from typing import Any

import sqlite_utils

from desktop import store
from desktop.history import action



log = logging.getLogger(__name__)

class ReviewError(ValueError):
    """An operation the data does not allow (bad offsets, unknown span...)."""


def get_span(db: sqlite_utils.Database, span_id: int) -> dict[str, Any]:
    """One span row; raises :class:`ReviewError` if there is none."""
    span = store.get_row(db, "spans", span_id)
    if span is None:
        raise ReviewError(f"no span {span_id}")
    return span


def _doc(db: sqlite_utils.Database, doc_id: int) -> dict[str, Any]:
    doc = store.get_document(db, doc_id)
    if doc is None:
        raise ReviewError(f"no document {doc_id}")
    return doc


def _repropose(act, db: sqlite_utils.Database, doc_id: int) -> None:
    """The article's proposed facts follow a span decision, in the same undoable action (the one re-proposal path).

    A rejected PERSON no longer makes its meeting; a relabelled or resized DATE re-dates it. Decided facts
    stay; one resting on a rejected span shows the "evidence rejected" flag. A profile that cannot be
    loaded leaves the proposals as they are: the span decision itself always goes through.
    """
    from desktop.facts import fact_context, repropose_in_action
    from desktop.profile import ProfileError

    try:
        context = fact_context(db)
    except ProfileError as exc:
        log.warning("facts not re-proposed after a span decision: %s", exc)
        return
    repropose_in_action(act, db, doc_id, context)


def _touch_document(act, db: sqlite_utils.Database, doc_id: int) -> None:
    # The first decision on a new document puts it "in review".
    doc = store.get_document(db, doc_id)
    if doc and doc["status"] == "new":
        act.update("documents", doc_id, status="in review")


def set_span_status(db: sqlite_utils.Database, span_id: int, status: str) -> dict[str, Any]:
    """Accept or reject a span (or put it back to proposed)."""
    if status not in store.SPAN_STATUSES:
        raise ReviewError(f"status must be one of {store.SPAN_STATUSES}")
    span = get_span(db, span_id)
    with action(db, status if status != "proposed" else "unreview", summary=f"{status} {span['text']!r}",
                doc_id=span["doc_id"]) as act:
        after = act.update("spans", span_id, status=status, flag=None)
        _touch_document(act, db, span["doc_id"])
        if "rejected" in (span["status"], status):
            # Extraction reads every span but rejected ones: accepting a proposal changes nothing it reads,
            # so the commonest key press (a) costs no extraction on the GUI thread.
            _repropose(act, db, span["doc_id"])
    return after


def accept(db: sqlite_utils.Database, span_id: int) -> dict[str, Any]:
    """Accept a span."""
    return set_span_status(db, span_id, "accepted")


def reject(db: sqlite_utils.Database, span_id: int) -> dict[str, Any]:
    """Reject a span (it stays in the database, hidden in the view)."""
    return set_span_status(db, span_id, "rejected")


def relabel(db: sqlite_utils.Database, span_id: int, label: str) -> dict[str, Any]:
    """Give a span another label; the analyst's choice counts as accepting it."""
    span = get_span(db, span_id)
    with action(db, "relabel", summary=f"relabel {span['text']!r} {span['label']} -> {label}",
                doc_id=span["doc_id"]) as act:
        after = act.update("spans", span_id, label=label, status="accepted", flag=None)
        _touch_document(act, db, span["doc_id"])
        if label != span["label"] or span["status"] == "rejected":
            _repropose(act, db, span["doc_id"])
    return after


def resize(db: sqlite_utils.Database, span_id: int, start: int, end: int) -> dict[str, Any]:
    """Move a span's ends to ``start``/``end`` (character offsets)."""
    span = get_span(db, span_id)
    doc = _doc(db, span["doc_id"])
    _check_offsets(doc["text"], start, end)
    with action(db, "resize", summary=f"resize {span['text']!r} -> {doc['text'][start:end]!r}",
                doc_id=span["doc_id"]) as act:
        after = act.update("spans", span_id, start=start, end=end, text=doc["text"][start:end],
                           status="accepted", flag=None)
        _touch_document(act, db, span["doc_id"])
        _repropose(act, db, span["doc_id"])
    return after


def _check_offsets(text: str, start: int, end: int) -> None:
    if not (0 <= start < end <= len(text)):
        raise ReviewError(f"offsets {start}..{end} are outside the text (0..{len(text)})")
    if not text[start:end].strip():
        raise ReviewError("a span cannot be only whitespace")


def add_span(
    db: sqlite_utils.Database, doc_id: int, start: int, end: int, label: str, *, entity_id: str | None = None
) -> int:
    """Add an analyst span (accepted) and return its id; links it to an entity by alias if one fits."""
    doc = _doc(db, doc_id)
    _check_offsets(doc["text"], start, end)
    text = doc["text"][start:end]
    if entity_id is None:
        entity_id = store.entity_for_alias(db, text)
    with action(db, "add", summary=f"add {label} {text!r}", doc_id=doc_id) as act:
        span_id = act.insert(
            "spans",
            {"doc_id": doc_id, "start": start, "end": end, "label": label, "text": text, "entity_id": entity_id,
             "source": "analyst", "status": "accepted", "created_at": store.now()},
        )
        _touch_document(act, db, doc_id)
    return span_id


def delete_span(db: sqlite_utils.Database, span_id: int) -> None:
    """Delete a span the analyst added (model spans are rejected, not deleted)."""
    span = get_span(db, span_id)
    if span["source"] != "analyst":
        raise ReviewError("only spans the analyst added can be deleted; reject a proposed span instead")
    with action(db, "delete", summary=f"delete {span['text']!r}", doc_id=span["doc_id"]) as act:
        act.delete("spans", span_id)
        _repropose(act, db, span["doc_id"])


def accept_all(db: sqlite_utils.Database, doc_id: int) -> int:
    """Accept every proposed span of a document; returns how many."""
    ids = store.proposed_span_ids(db, doc_id)
    if not ids:
        return 0
    with action(db, "accept all", summary=f"accept {len(ids)} spans", doc_id=doc_id) as act:
        for span_id in ids:
            act.update("spans", span_id, status="accepted", flag=None)
        _touch_document(act, db, doc_id)
    return len(ids)


def new_entity_id(db: sqlite_utils.Database, name: str) -> str:
    """A free entity id made from ``name`` ("Minsk City" -> ``minsk-city``, then ``minsk-city-2``)."""
    base = "-".join(store.normalise_alias(name).replace(".", "").split()) or "entity"
    entity_id, n = base, 1
    while store.get_row(db, "entities", entity_id) is not None:
        n += 1
        entity_id = f"{base}-{n}"
    return entity_id


def insert_entity(act, entity_id: str, name: str, label: str, aliases: list[str] | None) -> None:
    """Inside ``act``: a new analyst entity with its name and ``aliases`` in the alias table."""
    all_aliases = sorted({name, *(aliases or [])})
    act.insert("entities", {"id": entity_id, "name": name, "label": label, "aliases": all_aliases,
                            "source": "analyst"})
    # "Minsk" and "MINSK" are two forms listed but one key: the alias table holds each key once.
    for key in dict.fromkeys(store.normalise_alias(alias) for alias in all_aliases):
        act.insert("aliases", {"alias": key, "entity_id": entity_id, "source": "analyst"})


def create_entity(db: sqlite_utils.Database, name: str, label: str, *, aliases: list[str] | None = None) -> str:
    """Create a canonical entity (undoable) and return its id."""
    entity_id = new_entity_id(db, name)
    with action(db, "create entity", summary=f"create entity {name}") as act:
        insert_entity(act, entity_id, name, label, aliases)
    return entity_id


def _link_rows(act, db: sqlite_utils.Database, span: dict[str, Any], entity_id: str | None, propagate: bool) -> int:
    """Link a span (and with ``propagate`` its unreviewed mentions) inside ``act``; returns how many spans."""
    span_id = span["id"]
    act.update("spans", span_id, entity_id=entity_id, status="accepted", flag=None)
    changed = 1
    if propagate and entity_id is not None:
        alias = store.normalise_alias(span["text"])
        for other in store.proposed_spans_like(db, span["text"], except_id=span_id):
            if store.normalise_alias(other["text"]) == alias:
                act.update("spans", other["id"], entity_id=entity_id)
                changed += 1
        if not store.alias_exists(db, alias, entity_id):
            act.insert("aliases", {"alias": alias, "entity_id": entity_id, "source": "analyst"})
            entity = store.get_row(db, "entities", entity_id)
            names = sorted(set(entity["aliases"] or []) | {span["text"]})
            act.update("entities", entity_id, aliases=names)
    _touch_document(act, db, span["doc_id"])
    return changed


def link(db: sqlite_utils.Database, span_id: int, entity_id: str | None, *, propagate: bool = False) -> int:
    """Link a span to a canonical entity (None unlinks); returns the number of spans changed.

    With ``propagate``, every unreviewed (proposed) mention of the same text in
    the corpus is linked too, and the text becomes an alias of the entity.
    """
    span = get_span(db, span_id)
    if entity_id is not None and store.get_row(db, "entities", entity_id) is None:
        raise ReviewError(f"no entity {entity_id!r}")
    with action(db, "link", summary=f"link {span['text']!r} -> {entity_id}", doc_id=span["doc_id"]) as act:
        return _link_rows(act, db, span, entity_id, propagate)


def create_and_link(
    db: sqlite_utils.Database, span_id: int, name: str, label: str, *, aliases: list[str] | None = None,
    propagate: bool = False,
) -> tuple[str, int]:
    """Create an entity and link a span to it as ONE undoable action; returns (entity id, spans changed).

    >>> from desktop.store import open_db, insert_document
    >>> db = open_db(":memory:")
    >>> doc = insert_document(db, path="a.txt", hash="h", text="Putin met Lukashenko.")
    >>> create_and_link(db, add_span(db, doc, 10, 20, "PERSON"), "Alexander Lukashenko", "PERSON")
    ('alexander-lukashenko', 1)
    """
    span = get_span(db, span_id)
    if not name.strip():
        raise ReviewError("a new entity needs a name")
    entity_id = new_entity_id(db, name)
    with action(db, "create and link", summary=f"link {span['text']!r} -> new entity {name}",
                doc_id=span["doc_id"]) as act:
        insert_entity(act, entity_id, name, label, aliases)
        changed = _link_rows(act, db, span, entity_id, propagate)
    return entity_id, changed


def set_published(db: sqlite_utils.Database, doc_id: int, published: str | None) -> dict[str, Any]:
    """Correct a document's publication date (ISO or None); its DATE spans and proposed facts follow.

    One undoable action: the date, the re-resolved DATE span values and the
    re-proposed rule facts (confirmed, rejected and analyst facts stay); the
    merged events follow.
    """
    from desktop.facts import fact_context, repropose_in_action
    from desktop.normalise import date_value  # lazy: pulls in dateparser
    from desktop.profile import ProfileError

    doc = _doc(db, doc_id)
    try:
        context = fact_context(db)  # before the transaction: a broken profile refuses the change cleanly
    except ProfileError as exc:
        raise ReviewError(f"cannot re-propose the facts: {exc}") from None
    with action(db, "set date", summary=f"publication date {doc['published']} -> {published}", doc_id=doc_id) as act:
        act.update("documents", doc_id, published=published, published_source="analyst",
                   published_basis="set by the analyst" if published else "cleared by the analyst")
        for span in store.date_spans(db, doc_id):
            value = date_value(span["text"], published)
            if value != span["value"]:
                act.update("spans", span["id"], value=value)
        repropose_in_action(act, db, doc_id, context)
        _touch_document(act, db, doc_id)
    return _doc(db, doc_id)


def set_document_status(db: sqlite_utils.Database, doc_id: int, status: str) -> dict[str, Any]:
    """Mark a document new / in review / verified."""
    if status not in store.DOC_STATUSES:
        raise ReviewError(f"status must be one of {store.DOC_STATUSES}")
    doc = _doc(db, doc_id)
    with action(db, "status", summary=f"{doc['path']}: {doc['status']} -> {status}", doc_id=doc_id) as act:
        return act.update("documents", doc_id, status=status)


def mark_verified(db: sqlite_utils.Database, doc_id: int) -> dict[str, Any]:
    """Mark a document verified."""
    return set_document_status(db, doc_id, "verified")
