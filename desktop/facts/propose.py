"""The database side: what extraction needs from a project, and the one way to replace proposals."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from desktop import problems, store
from desktop.facts.extract import extract_facts
from desktop.facts.kinds import is_event
from desktop.facts.rules import FactRules

log = logging.getLogger(__name__)


def fact_context(db: sqlite_utils.Database, rules: FactRules | None = None):
    """``(rules, aliases, locations)``: what :func:`extract_facts` needs for a database's profile.

    Raises :class:`desktop.profile.ProfileError` when the project's profile cannot be loaded.
    """
    profile = None
    if rules is None or not _db_aliases(db, rules.people):
        profile, compiled = _project_profile(store.get_meta(db, "profile") or None)
        rules = rules or compiled
    aliases = _db_aliases(db, rules.people)
    locations: dict[str, str] = {}
    for row in _current_places(db):
        for alias in (row["aliases"] or []) + [row["name"]]:
            locations[store.normalise_alias(alias)] = row["name"]
            locations[store.normalise_alias(alias.replace(".", ""))] = row["name"]
    if profile is not None:
        add_profile_names(profile, rules, aliases, locations)
    return rules, aliases, locations


def _current_places(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """The project's place entities, without those an earlier profile's gazetteer left behind.

    Entities are upserted from the profile at each ingest and never deleted: after a switch from
    russia_belarus to russia_kazakhstan the table still holds "Minsk". A fresh ingest under the new profile
    does not know it, so re-proposing under it must not either (the facts of both must be the same). The
    analyst's own entities stay whatever the profile.
    """
    rows = store.place_entities(db)
    name = store.get_meta(db, "profile")
    if not name or not any(row.get("source") == "profile" for row in rows):
        return rows
    from desktop.profile import ProfileError

    try:
        profile, _ = _project_profile(name)
    except (ProfileError, OSError):  # a profile that cannot be loaded: every place, as before
        return rows
    current = {entity["id"] for entity in profile.entities}
    return [row for row in rows if row.get("source") != "profile" or row["id"] in current]


def add_profile_names(profile, rules: FactRules, aliases: dict[str, list[str]], locations: dict[str, str]) -> None:
    """Fill in what the database lacks from the profile's gazetteer: participants' names, place aliases."""
    for entity in profile.entities:
        if entity["id"] in rules.people and not aliases.get(entity["id"]):
            aliases[entity["id"]] = [entity["name"], *entity.get("aliases", [])]
        if entity.get("label") in ("GPE", "LOC", "FAC"):
            for alias in [entity["name"], *entity.get("aliases", [])]:
                locations.setdefault(store.normalise_alias(alias), entity["name"])
                locations.setdefault(store.normalise_alias(alias.replace(".", "")), entity["name"])


_PROFILES: dict[tuple[str, int], tuple[Any, FactRules]] = {}


def _project_profile(name: str | None) -> tuple[Any, FactRules]:
    """The project's profile and its compiled rules, read again only when the file changes.

    A span decision re-proposes its article's facts: loading and checking the TOML each time would
    cost more than the extraction.
    """
    from desktop.profile import load_profile, profile_path

    path = profile_path(name)
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        key = None
    if key is None or key not in _PROFILES:
        profile = load_profile(name)
        found = (profile, FactRules.from_dict(profile.facts))
        if key is None:
            return found
        _PROFILES.clear()
        _PROFILES[key] = found
    return _PROFILES[key]


def _db_aliases(db: sqlite_utils.Database, participants: list[str]) -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {}
    for entity_id in participants:
        row = store.get_row(db, "entities", entity_id)
        if row:
            aliases[entity_id] = [row["name"], *(row["aliases"] or [])]
    return aliases


def same_fact(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether a proposal repeats a fact the analyst already decided (it is then not proposed again)."""
    if a["kind"] != b["kind"]:
        return False
    if not is_event(a["kind"]):
        if (a.get("period_start"), a.get("period_end"), a.get("currency")) != (
                b.get("period_start"), b.get("period_end"), b.get("currency")):
            return False
        if a.get("value") is None and b.get("value") is None:  # two changes alone: the same when the change is
            x, y = a.get("change_pct"), b.get("change_pct")
            return x is not None and y is not None and (x < 0) == (y < 0) and abs(x - y) <= 0.01 * max(abs(x), 1)
        return abs((a.get("value") or 0) - (b.get("value") or 0)) <= 0.01 * max(abs(a.get("value") or 0), 1)
    return (a.get("date_start"), a.get("date_end")) == (b.get("date_start"), b.get("date_end")) and sorted(
        a.get("participants") or []) == sorted(b.get("participants") or [])


def repropose_in_action(act, db: sqlite_utils.Database, doc_id: int, context) -> None:
    """Replace a document's proposed rule facts inside a history action (so one undo restores them).

    The analyst's facts (confirmed, rejected, added) stay, and a proposal equal to
    one of them is not made again; a proposal that did not change keeps its row
    and id, so a view's selection stays put. ``context`` is :func:`fact_context`'s.
    """
    rules, aliases, locations = context
    doc = store.get_document(db, doc_id)
    existing = store.facts_for_document(db, doc_id)
    spans = store.spans_for_document(db, doc_id, include_rejected=True)
    try:
        proposed = extract_facts(doc["text"], doc["published"], rules, aliases=aliases, spans=spans,
                                 locations=locations)
    except Exception as exc:  # noqa: BLE001 - the analyst's change goes through; the proposals stay as they were
        log.warning("extracting facts from %s failed: %s: %s", doc["path"], type(exc).__name__, exc)
        problems.report(db, problems.FACTS, doc["path"], f"{type(exc).__name__}: {exc}", doc_id=doc_id)
        return
    problems.clear(db, problems.FACTS, doc["path"])
    inserts, deletes = replacement(existing, proposed)
    for fact in inserts:
        act.insert("facts", dict(fact, doc_id=doc_id, created_at=store.now()))
    for fact_id in deletes:
        act.delete("facts", fact_id)


def replacement(existing: list[dict[str, Any]], proposed: list[dict[str, Any]]
                ) -> tuple[list[dict[str, Any]], list[int]]:
    """What re-proposing an article changes: ``(facts to insert, ids of facts to delete)``.

    The one rule, whoever re-proposes (ingest, a span decision, a date correction, an import, the Facts
    menu): the analyst's facts (confirmed, rejected, edited, added) stay and are not proposed again; a rule
    proposal that did not change keeps its row and id; the other rule proposals go.
    """
    kept = [f for f in existing if f["status"] != "proposed" or f["source"] != "rule"]
    stale = [f for f in existing if f["status"] == "proposed" and f["source"] == "rule"]
    inserts = []
    for fact in proposed:
        if any(same_fact(fact, k) for k in kept):
            continue
        same = next((f for f in stale if all(f.get(k) == v for k, v in fact.items())), None)
        if same is not None:
            stale.remove(same)
        else:
            inserts.append(fact)
    return inserts, [f["id"] for f in stale]


def propose_facts(
    db: sqlite_utils.Database, doc_ids: Iterable[int], *, rules: FactRules | None = None, events: bool = True,
    failures: list[tuple[str, str]] | None = None, extracted: dict[int, list[dict[str, Any]] | str] | None = None,
) -> int:
    """Re-propose the facts of ``doc_ids``; returns how many were proposed.

    Replaces the proposed rule facts of those documents, keeps what the analyst
    confirmed, rejected or added (a proposal equal to one of those is not made
    again), writes in one transaction, then updates the merged events (unless
    ``events=False``: ingest updates them once per run, not once per batch).
    ``extracted`` holds facts already extracted from a document's spaCy Doc
    (ingest's workers do that, see :func:`extract_for_ingest`), or the error
    that extraction raised; the other documents are extracted here.
    """
    doc_ids = list(doc_ids)
    extracted = extracted or {}
    rules, aliases, locations = fact_context(db, rules) if set(doc_ids) - set(extracted) else (None, None, None)
    count = 0
    succeeded: list[int] = []
    with store.write_transaction(db):
        for doc_id in doc_ids:
            doc = store.get_document(db, doc_id)
            if doc is None:
                continue
            existing = store.facts_for_document(db, doc_id)
            try:
                if doc_id in extracted:
                    proposed = extracted[doc_id]
                    if isinstance(proposed, str):  # the worker's extraction raised: report it like ours
                        raise _Reported(proposed)
                else:
                    spans = store.spans_for_document(db, doc_id, include_rejected=True)
                    proposed = extract_facts(doc["text"], doc["published"], rules, aliases=aliases, spans=spans,
                                             locations=locations)
            except sqlite3.DatabaseError:  # the database, not the article: the caller's one line
                raise
            except Exception as exc:  # noqa: BLE001 - one article's failure must not cost the others their facts
                message = str(exc) if isinstance(exc, _Reported) else f"{type(exc).__name__}: {exc}"
                problems.report(db, problems.FACTS, doc["path"], message, doc_id=doc_id)
                if failures is not None:  # the caller reports it (ingest summary, CLI line)
                    failures.append((doc["path"], message))
                    log.debug("extracting facts from %s failed", doc["path"], exc_info=True)
                else:
                    log.warning("extracting facts from %s failed: %s", doc["path"], message)
                continue
            succeeded.append(doc_id)
            inserts, deletes = replacement(existing, proposed)
            store.delete_facts(db, deletes)
            store.insert_facts(db, [store.encode("facts", dict(fact, doc_id=doc_id, created_at=store.now()))
                                    for fact in inserts])
            count += len(inserts)
        problems.clear(db, problems.FACTS, doc_ids=succeeded)  # extracted now: an earlier failure is over
    if events:
        from desktop.events import update_events

        update_events(db)
    return count


class _Reported(Exception):
    """An extraction error already described elsewhere (a worker process)."""


def extract_for_ingest(context, text: str, published: str | None, rows: list[dict[str, Any]]
                       ) -> list[dict[str, Any]] | str:
    """The facts of a new document from the span rows ingest is about to store, or the error raised.

    ``context`` is :func:`fact_context`'s for the project; ``span_ids`` in the
    result are positions in ``rows`` (ingest turns them into row ids once stored).
    Runs in ingest's worker processes, on the Doc's spans, so the text is not read back.
    """
    rules, aliases, locations = context
    spans = [dict(row, id=i) for i, row in enumerate(rows)]
    try:
        return extract_facts(text, published, rules, aliases=aliases, spans=spans, locations=locations)
    except Exception as exc:  # noqa: BLE001 - reported through propose_facts(extracted=...)
        log.debug("extracting facts failed", exc_info=True)
        return f"{type(exc).__name__}: {exc}"


@dataclass
class ReproposeStep:
    """Progress of :func:`repropose_steps` (the last one carries ``summary``)."""

    done: int
    total: int
    message: str
    summary: dict[str, Any] | None = None


def repropose_steps(db_path, cancel: Callable[[], bool] = lambda: False, *, chunk: int = 50
                    ) -> Iterator[ReproposeStep]:
    """Re-propose every article's facts in the background: commits each chunk, stops when cancelled.

    What the analyst decided stays (see :func:`propose_facts`); events are merged
    again at the end, cancelled or not, so they match the facts. The summary:
    ``{documents, facts, failures: [(path, reason)], cancelled}``; failures are
    also in :mod:`desktop.problems`.
    """
    from desktop.events import update_events

    db = store.open_db(db_path, create=False)
    try:
        ids = store.document_ids(db)
        failures: list[tuple[str, str]] = []
        done = count = 0
        cancelled = False
        yield ReproposeStep(0, len(ids), "Re-proposing facts")
        for start in range(0, len(ids), chunk):
            if cancel():
                cancelled = True
                break
            part = ids[start:start + chunk]
            with store.write_transaction(db):
                count += propose_facts(db, part, events=False, failures=failures)
            done += len(part)
            yield ReproposeStep(done, len(ids), "Re-proposing facts")
        yield ReproposeStep(done, len(ids), "Merging events across articles")
        update_events(db)  # the facts re-proposed were queued by the triggers on facts
        summary = {"documents": done, "facts": count, "failures": failures, "cancelled": cancelled}
        yield ReproposeStep(done, len(ids), "Cancelled" if cancelled else "Done", summary)
    finally:
        db.close()


def propose_all(db: sqlite_utils.Database, *, rules: FactRules | None = None,
                failures: list[tuple[str, str]] | None = None) -> int:
    """Re-propose the facts of every document (``failures`` as for :func:`propose_facts`)."""
    return propose_facts(db, store.document_ids(db), rules=rules, failures=failures)
