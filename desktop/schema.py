"""The project database's schema: its migrations, the triggers on ``facts``, and how a file is known as ours.

>>> import sqlite_utils
>>> db = sqlite_utils.Database(memory=True)
>>> migrations.apply(db)
>>> len(migrations.applied(db)) == schema_version()
True

Every schema change is a new function under ``@migrations()`` (sqlite-utils' ``Migrations``), applied by
:func:`desktop.store.open_db` on open; a migration is never edited once released. The queries live in
:mod:`desktop.store`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable

import sqlite_utils
from sqlite_utils import Migrations

# PRAGMA application_id of every project database ("ARV1"): how a file is known to be ours.
APPLICATION_ID = 0x41525631

migrations = Migrations("article_review")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["documents"].create(
        {
            "id": int,
            "path": str,  # relative to the project folder, POSIX separators
            "hash": str,  # sha256 of the file's bytes
            "title": str,
            "published": str,  # ISO date or NULL
            "published_basis": str,  # human-readable: where the date came from
            "published_source": str,  # metadata | page | text | filename | analyst | none
            "text": str,
            "status": str,
            "encoding": str,
            "size": int,
            "url": str,
            "source": str,
            "model": str,
            "ingested_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"path", "hash", "text", "status"},
        defaults={"status": "new"},
    )
    db["documents"].create_index(["path"], unique=True)
    db["documents"].create_index(["hash"])
    db["documents"].create_index(["status"])
    db["entities"].create(
        {"id": str, "name": str, "label": str, "aliases": str, "source": str},
        pk="id",
        not_null={"name"},
    )
    # One row per lower-cased surface form: links mentions to canonical entities.
    db["aliases"].create(
        {"alias": str, "entity_id": str, "source": str},
        pk=("alias", "entity_id"),
        foreign_keys=[("entity_id", "entities", "id")],
    )
    db["spans"].create(
        {
            "id": int,
            "doc_id": int,
            "start": int,
            "end": int,
            "label": str,
            "text": str,
            "entity_id": str,
            "value": str,  # normalised value: ISO date/range for DATE, "amount CUR" for MONEY
            "source": str,  # model | rule | analyst
            "status": str,  # proposed | accepted | rejected
            "model": str,
            "model_version": str,
            "flag": str,  # e.g. "text changed": set when a re-ingest could not place an analyst decision
            "created_at": str,
        },
        pk="id",
        not_null={"doc_id", "start", "end", "label", "status", "source"},
        defaults={"status": "proposed"},
        foreign_keys=[("doc_id", "documents", "id")],
    )
    db["spans"].create_index(["doc_id", "start"])
    db["spans"].create_index(["entity_id"])
    db["facts"].create(
        {
            "id": int,
            "doc_id": int,
            "kind": str,  # meeting | call | trade
            "status": str,  # proposed | confirmed | rejected
            "source": str,  # rule | analyst
            "date_start": str,
            "date_end": str,
            "precision": str,  # day | month | range | quarter | year
            "place": str,
            "participants": str,  # JSON list of entity ids
            "held": str,  # held | planned | cancelled | denied (events; facts.kinds.MEETING_STATUSES)
            "period_start": str,
            "period_end": str,
            "value": float,  # the amount, in currency (never a percentage: see m002_trade_change_pct)
            "currency": str,
            "qualifier": str,
            "evidence": str,  # the sentence quoted
            "start": int,  # offsets of the evidence in the document text
            "end": int,
            "span_ids": str,  # JSON list of span ids the fact rests on
            "event_id": int,
            "flags": str,  # JSON list
            "created_at": str,
        },
        pk="id",
        not_null={"doc_id", "kind", "status"},
        defaults={"status": "proposed"},
        foreign_keys=[("doc_id", "documents", "id")],
    )
    db["facts"].create_index(["doc_id"])
    db["facts"].create_index(["kind", "status"])
    db["events"].create(
        {
            "id": int,
            "kind": str,
            "date_start": str,
            "date_end": str,
            "place": str,
            "participants": str,
            "held": str,
            "n_sources": int,
            "flags": str,
        },
        pk="id",
    )
    # The append-only history. An action is one analyst operation (or an undo/redo of one);
    # its changes hold whole rows before and after, so undo and redo can replay them.
    db["actions"].create(
        {
            "id": int,
            "ts": str,
            "op": str,
            "summary": str,
            "kind": str,  # do | undo | redo | system
            "target": int,  # for undo/redo: the action undone or redone
            "state": str,  # for do: done | undone | dropped (derived index of the log)
            "doc_id": int,
        },
        pk="id",
    )
    db["actions"].create_index(["kind", "state"])
    db["changes"].create(
        {"id": int, "action_id": int, "tbl": str, "row_id": str, "before": str, "after": str},
        pk="id",
        foreign_keys=[("action_id", "actions", "id")],
    )
    db["changes"].create_index(["action_id"])
    db["documents"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")


@migrations()
def m002_trade_change_pct(db: sqlite_utils.Database) -> None:
    """Trade facts gain ``change_pct``, a signed change in percent ("up 12%" is 12.0, "down 2.3%" is -2.3).

    A growth rate used to be stored as a value in currency "%": such rows move
    to ``change_pct`` with no value, currency or "growth_only" qualifier (the
    sign they lost cannot be told from the row; re-proposal extracts proposed
    ones again). The history's recorded rows are rewritten the same way, so an
    undo of an older action neither conflicts with the new column nor brings
    a "%" value back.
    """
    db["facts"].add_column("change_pct", float)
    db.execute("""update facts set change_pct = value, value = null, currency = null,
                  qualifier = nullif(qualifier, 'growth_only') where kind = 'trade' and currency = '%'""")
    for change in list(db.query("select id, before, after from changes where tbl = 'facts'")):
        sides = {side: _with_change_pct(change[side]) for side in ("before", "after")}
        if sides != {side: change[side] for side in ("before", "after")}:
            db["changes"].update(change["id"], sides)


def _with_change_pct(recorded: str | None) -> str | None:
    """A fact row recorded in the history (JSON) as :func:`m002_trade_change_pct` leaves it."""
    if not recorded:
        return recorded
    row = json.loads(recorded)
    row.setdefault("change_pct", None)
    if row.get("kind") == "trade" and row.get("currency") == "%":
        row.update(change_pct=row.get("value"), value=None, currency=None,
                   qualifier=None if row.get("qualifier") == "growth_only" else row.get("qualifier"))
    return json.dumps(row, ensure_ascii=False)


# What the events are computed from: a change to any of these columns (or to whether the fact is
# rejected) queues the fact for the events update; a confirm or an edited evidence quote does not.
EVENT_INPUTS = ("kind", "doc_id", "date_start", "date_end", "place", "participants", "held", "period_start",
                "period_end", "value", "currency", "change_pct")


@migrations()
def m003_derived_events(db: sqlite_utils.Database) -> None:
    """Events and their flags leave the facts for derived tables, kept out of the undo history.

    ``facts.event_id`` and ``facts.flags`` held only what the events rebuild
    wrote; they are dropped (history entries that recorded them replay without
    them, see :mod:`desktop.history`) and every fact is queued, so the next
    :func:`desktop.events.update_events` computes the events again.
    """
    db.execute("alter table facts drop column event_id")
    db.execute("alter table facts drop column flags")
    db["events"].drop()
    db["events"].create(
        {
            "id": int,  # the smallest id of its facts: stable across updates
            "kind": str,
            "group_key": str,  # kind and participants (or currency): facts merge only within one key
            "span_start": str,  # the hull of its facts' dates, to find the events a change can touch
            "span_end": str,
            "date_start": str,
            "date_end": str,
            "place": str,
            "participants": str,
            "held": str,
            "n_sources": int,
            "flags": str,
        },
        pk="id",
    )
    db["events"].create_index(["group_key", "span_start"])
    db["events"].create_index(["date_start"])
    # A fact's event and the flags the merge gave it (date or place conflict).
    db["event_members"].create({"fact_id": int, "event_id": int, "flags": str}, pk="fact_id",
                               not_null={"event_id"})
    db["event_members"].create_index(["event_id"])
    db["events_dirty"].create({"fact_id": int}, pk="fact_id")
    db.execute("insert into events_dirty (fact_id) select id from facts")
    # Every write to a fact gets a number: readers (plots, the Events dock, another window) ask for
    # what changed after the number they last saw. AUTOINCREMENT: numbers are never reused.
    db.execute("create table change_feed (seq integer primary key autoincrement, tbl text not null,"
               " row_id integer not null)")
    ensure_fact_triggers(db)


def _fact_triggers(columns: Iterable[str]) -> dict[str, str]:
    inputs = " or ".join(f"old.[{c}] is not new.[{c}]" for c in EVENT_INPUTS if c in columns)
    return {
        "facts_feed_insert": """create trigger facts_feed_insert after insert on facts begin
               insert into change_feed (tbl, row_id) values ('facts', new.id);
               insert or ignore into events_dirty (fact_id) values (new.id);
           end""",
        "facts_feed_delete": """create trigger facts_feed_delete after delete on facts begin
               insert into change_feed (tbl, row_id) values ('facts', old.id);
               insert or ignore into events_dirty (fact_id) values (old.id);
           end""",
        "facts_feed_update": """create trigger facts_feed_update after update on facts begin
               insert into change_feed (tbl, row_id) values ('facts', new.id);
           end""",
        "facts_events_update": f"""create trigger facts_events_update after update on facts
               when {inputs} or (old.status = 'rejected') is not (new.status = 'rejected') begin
               insert or ignore into events_dirty (fact_id) values (new.id);
           end""",
    }


def ensure_fact_triggers(db: sqlite_utils.Database) -> bool:
    """Create the triggers on ``facts`` that are missing; True if any was.

    A migration that rebuilds ``facts`` (sqlite-utils' ``transform``) drops
    its triggers silently: :func:`desktop.store.open_db` calls this after migrating, and
    queues every fact, since writes made meanwhile were not.
    """
    have = {t.name for t in db["facts"].triggers}
    missing = {name: sql for name, sql in _fact_triggers(db["facts"].columns_dict).items() if name not in have}
    for sql in missing.values():  # one statement at a time: executescript would commit a migration half-way
        db.execute(sql)
    if missing:
        db.execute("insert or ignore into events_dirty (fact_id) select id from facts")
    return bool(missing)


@migrations()
def m005_problems(db: sqlite_utils.Database) -> None:
    """What went wrong and stays worth showing: skipped files, failed extractions, failed jobs (desktop.problems)."""
    db["problems"].create(
        {"id": int, "kind": str, "path": str, "doc_id": int, "message": str, "at": str},
        pk="id",
        not_null={"kind", "path", "message"},
    )
    db["problems"].create_index(["kind", "path"], unique=True)
    db["problems"].create_index(["doc_id"])


@migrations()
def m006_triage_queue(db: sqlite_utils.Database) -> None:
    """The corpus-wide triage queue (desktop.triage): an index over spans by group, and its derived counts."""
    # The group key is lower(text): an expression index needs a built-in function, so that any
    # connection (the sqlite3 shell, datasette) can still write spans. In this column order both
    # rebuilds of the counts read the index in order, without sorting.
    db.execute("create index if not exists spans_triage on spans"
               " (status, label, lower(text), source, entity_id, doc_id)")
    db["triage_groups"].create(
        {"status": str, "label": str, "norm": str, "mentions": int, "articles": int},
        pk=("status", "label", "norm"),
    )
    # One index per order the queue pages in (ties by text), so a page is a walk, never a sort.
    for columns in (("status", "mentions desc", "norm"), ("status", "label", "mentions desc", "norm"),
                    ("status", "articles desc", "norm"), ("status", "norm", "label")):
        db.execute(f"create index triage_groups_{'_'.join(c.split()[0] for c in columns)}"
                   f" on triage_groups ({', '.join(columns)})")
    db["triage_parts"].create(
        {"status": str, "label": str, "norm": str, "source": str, "entity_id": str, "mentions": int,
         "articles": int},
        pk=("status", "label", "norm", "source", "entity_id"),
    )
    db["triage_parts"].create_index(["status", "source"])
    db["triage_parts"].create_index(["status", "entity_id"])


@migrations()
def m007_spans_entity_status(db: sqlite_utils.Database) -> None:
    """An entity's mention counts from one index (the Entities dock): spans by entity, then status.

    Replaces the index on ``entity_id`` alone (its prefix), whose lookups read every span's row for its
    status: at 100,000 articles the planner preferred scanning the triage index, 0.6 s per page of entities.
    """
    db.execute("create index if not exists spans_entity_status on spans (entity_id, status)")
    db.execute("drop index if exists idx_spans_entity_id")


def schema_version() -> int:
    """The schema this version writes: how many migrations it knows (a database's ``PRAGMA user_version``)."""
    return len(known_migrations())


@functools.lru_cache(maxsize=1)
def known_migrations() -> tuple[str, ...]:
    """The names of the migrations this version knows, in order."""
    return tuple(m.name for m in migrations.pending(sqlite_utils.Database(memory=True)))


@functools.lru_cache(maxsize=1)
def expected_tables() -> frozenset[str]:
    """The tables every migrated database has (those of a fresh one)."""
    fresh = sqlite_utils.Database(memory=True)
    migrations.apply(fresh)
    return frozenset(fresh.table_names())
