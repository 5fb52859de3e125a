"""The project's SQLite store: opening a project file and every query.

>>> db = open_db(":memory:")
>>> doc_id = insert_document(db, path="a.txt", hash="h", text="Putin met Lukashenko.")
>>> get_document(db, doc_id)["status"]
'new'

All SQL of the application lives here (see STYLE.md, convention 4), but for the schema and its
migrations, which :mod:`desktop.schema` holds (as sqlite-utils keeps ``migrations.py``); what a file is
before it is opened (ours, newer, damaged, read-only) is told by :mod:`desktop.project_file`. One
``Database`` per thread: a worker opens its own with :func:`open_db`.
Analyst changes go through :mod:`desktop.history`, which records them for undo.
Derived tables (``events``, ``event_members``) are written by :mod:`desktop.events`
only, never through the history; triggers on ``facts`` queue what they must
recompute (``events_dirty``) and number every change for readers
(``change_feed``).
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
import json
import logging
import operator
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.db import jsonify_if_needed, quote_identifier

from desktop import checkpoint, file_check, project_file, schema, transactions
from desktop.file_check import CheckLater, PendingCheck
# The store's errors, raised by its functions and named by its callers as store.StoreError, store.database_error.
from desktop.project_file import StoreError, database_error

log = logging.getLogger(__name__)

# How long a connection waits for a lock another process holds before "database is locked" (SQLite's busy timeout).
BUSY_SECONDS = 5.0

DOC_STATUSES = ("new", "in review", "verified", "missing")
SPAN_STATUSES = ("proposed", "accepted", "rejected")
SPAN_SOURCES = ("model", "rule", "analyst")
FACT_STATUSES = ("proposed", "confirmed", "rejected")

# Columns stored as JSON text and decoded on read.
JSON_COLUMNS = {
    "entities": ("aliases",),
    "facts": ("participants", "span_ids", "flags"),  # flags: joined from event_members on read
    "events": ("participants", "flags"),
    "event_members": ("flags",),
}


def now() -> str:
    """The current UTC time as ISO text (seconds)."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def end_stray_transaction(db: sqlite_utils.Database) -> None:
    """Roll back a transaction a failed statement left open outside :func:`write_transaction`.

    A read that fails on a damaged page can leave sqlite-utils' savepoint, hence a
    transaction, open: every later write would join it and never be committed.
    """
    conn = db.conn
    if conn.in_transaction and not transactions.in_immediate(conn):
        try:
            conn.rollback()
        except sqlite3.DatabaseError:
            log.warning("could not roll back a failed read", exc_info=True)


def pending_check(db: sqlite_utils.Database) -> PendingCheck | None:
    """The damage check ``db``'s writes still wait for (``open_db(check_later=True)``), or None."""
    check = getattr(db, "pending_check", None)
    return None if check is None or check.passed else check


def open_db(path: str | Path, *, timeout: float | None = None, create: bool = True,
            write: bool = True, check_later: bool = False) -> sqlite_utils.Database:
    """Open (and migrate) the project database at ``path``.

    A new database is marked as ours (``PRAGMA application_id``) and with its
    schema version (``PRAGMA user_version``). Raises :class:`StoreError` with a
    one-line message, and without writing to the file, for a file that is not a
    database or is another application's, a database from a newer version, a
    damaged one (``PRAGMA quick_check``; the message says how to recover it), one
    another process holds longer than ``timeout`` (default :data:`BUSY_SECONDS`), or a folder path. A read-only file opens read-only
    (writes then fail, see :func:`database_error`) when ``write`` is False, and is
    refused when it is True.

    ``check_later`` lets the damage check, which reads the whole file, run on a
    thread while the caller goes on (the window shows meanwhile), when opening
    writes nothing (a current project in WAL mode). Every write of every
    connection to the file then waits for the check and is refused if it fails
    (:func:`pending_check` says whether it is still running).
    """
    timeout = BUSY_SECONDS if timeout is None else timeout
    check: PendingCheck | CheckLater | None = None
    memory = str(path) == ":memory:"
    read_only = False
    app_id = user_version = 0
    if not memory:
        path = Path(path)
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file")
        if not path.exists() and not create:
            raise StoreError(f"no database at {path}")
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = None
    try:
        if not memory and path.exists():
            app_id, user_version, check = project_file.inspect_file(path, timeout, later=check_later)
            reason = project_file.read_only_reason(path)
            read_only = reason is not None
            if read_only and write:
                what = "the file" if reason == f"{path} is read-only" else "its folder"
                raise StoreError(f"{reason} and this needs to change it; make {what} writable "
                                 "(chmod u+w) or work on a copy")
        conn = project_file.connect(path, timeout, read_only=read_only)
        db = sqlite_utils.Database(conn)
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        if isinstance(check, CheckLater):
            # Switching the file to WAL is a write: the check waits only for a file already in WAL.
            if not read_only and conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                check = file_check.start(path, functools.partial(project_file.check_file, path, timeout),
                                         immutable=check.immutable)
            else:
                identity = file_check.file_identity(path)
                project_file.quick_check(conn, path)
                file_check.mark_sound(path, identity)
                check = None
        if read_only:
            conn.execute("PRAGMA query_only = ON")
        elif not memory:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            if checkpoint.is_beside(path):
                conn.execute("PRAGMA wal_autocheckpoint = 0")  # a thread checkpoints (desktop/checkpoint.py)
        conn.execute("PRAGMA foreign_keys = ON")
        if schema.migrations.pending(db):
            if read_only:
                raise StoreError(f"{path} is read-only and has an older schema (version {user_version}; this "
                                 f"Article Review writes version {schema.schema_version()}); make it writable once to upgrade it")
            # One transaction holding the write lock: a second process opening the same new project
            # waits, then finds nothing left to migrate.
            with transactions.immediate(db):
                if schema.migrations.pending(db):
                    schema.migrations.apply(db)
                    schema.ensure_fact_triggers(db)
        if not read_only:
            if app_id != schema.APPLICATION_ID:
                conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
            if user_version != schema.schema_version():
                conn.execute(f"PRAGMA user_version = {schema.schema_version()}")
        missing = sorted(schema.expected_tables() - set(db.table_names()))
        if missing:
            raise StoreError(f"{path} is damaged (table {', '.join(missing)} missing); {project_file.recover_hint(path)}")
    except (sqlite3.DatabaseError, StoreError) as exc:
        if conn is not None:
            conn.close()
        if isinstance(exc, StoreError):
            raise
        raise database_error(exc, path) from None
    if not memory:
        info = path.stat()
        db.opened_file = (path, info.st_dev, info.st_ino)  # see file_gone
        db.pending_check = check  # a PendingCheck, or None: checked
        db.before_write = functools.partial(project_file.before_write, db)  # transactions.immediate calls it
    return db


def is_read_only(db: sqlite_utils.Database) -> bool:
    """Whether ``db`` was opened read-only (its file cannot be written)."""
    return bool(db.execute("PRAGMA query_only").fetchone()[0])


@contextmanager
def write_transaction(db: sqlite_utils.Database, *, wait: float | None = None) -> Iterator[sqlite_utils.Database]:
    """A write transaction that takes SQLite's write lock at once (``BEGIN IMMEDIATE``), waiting its turn.

    Every write of the application goes through it (see :mod:`desktop.transactions`): a
    deferred ``BEGIN`` that upgrades to a write fails at once with "database is locked"
    when another connection committed meanwhile. Busy is retried for up to ``wait``
    seconds (:data:`desktop.transactions.WAIT_SECONDS`). Nested use becomes a savepoint.
    """
    with transactions.immediate(db, wait=wait):
        yield db


def integrity_ok(db: sqlite_utils.Database) -> bool:
    """True when SQLite's integrity check passes."""
    return db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# ---------------------------------------------------------------- rows


def decode(table: str, row: dict[str, Any] | None) -> dict[str, Any] | None:
    """Decode the JSON columns of a row read from ``table``."""
    if row is None:
        return None
    row = dict(row)
    for column in JSON_COLUMNS.get(table, ()):
        value = row.get(column)
        if isinstance(value, str):
            row[column] = json.loads(value)
    return row


def encode(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """Encode the JSON columns of a row about to be written to ``table``."""
    row = dict(row)
    for column in JSON_COLUMNS.get(table, ()):
        if column in row and row[column] is not None and not isinstance(row[column], str):
            row[column] = json.dumps(row[column], ensure_ascii=False)
    return row


def get_row(db: sqlite_utils.Database, table: str, row_id: Any) -> dict[str, Any] | None:
    """One decoded row by primary key, or None."""
    pk = "id"
    rows = list(db.query(f"select * from [{table}] where [{pk}] = ?", [row_id]))
    return decode(table, rows[0]) if rows else None


# ---------------------------------------------------------------- meta


def get_meta(db: sqlite_utils.Database, key: str, default: str | None = None) -> str | None:
    """A project-level setting stored in the database (folder, profile, model...)."""
    rows = list(db.query("select value from meta where key = ?", [key]))
    return rows[0]["value"] if rows else default


@transactions.writes
def set_meta(db: sqlite_utils.Database, key: str, value: str | None) -> None:
    """Store a project-level setting."""
    db["meta"].upsert({"key": key, "value": value}, pk="key")


# ---------------------------------------------------------------- documents


@transactions.writes
def insert_document(db: sqlite_utils.Database, **fields: Any) -> int:
    """Insert a document row and return its id."""
    fields.setdefault("status", "new")
    fields.setdefault("ingested_at", now())
    fields.setdefault("updated_at", fields["ingested_at"])
    return db["documents"].insert(fields).last_pk


def get_document(db: sqlite_utils.Database, doc_id: int) -> dict[str, Any] | None:
    """A document row with its text."""
    return get_row(db, "documents", doc_id)


def document_by_path(db: sqlite_utils.Database, path: str) -> dict[str, Any] | None:
    """A document row by its relative path."""
    rows = list(db.query("select * from documents where path = ?", [path]))
    return rows[0] if rows else None


def documents_by_hash(db: sqlite_utils.Database, hash_: str) -> list[dict[str, Any]]:
    """Documents whose content hash is ``hash_`` (same text, maybe several paths)."""
    return list(db.query("select * from documents where hash = ? order by id", [hash_]))


def document_index(db: sqlite_utils.Database) -> dict[str, tuple[int, str, str]]:
    """``{path: (id, hash, status)}`` for every document: what a re-run compares against."""
    return {r["path"]: (r["id"], r["hash"], r["status"]) for r in db.query("select id, path, hash, status from documents")}


def list_documents(
    db: sqlite_utils.Database,
    *,
    status: str | None = None,
    search: str | None = None,
    order_by: str = "path",
) -> list[dict[str, Any]]:
    """Documents without their text, with span counts per status.

    ``search`` is a user query run through FTS (quoted, so any text is safe).
    """
    allowed_order = {"path", "title", "published", "status", "id"}
    if order_by not in allowed_order:
        raise ValueError(f"order_by must be one of {sorted(allowed_order)}")
    where, params = [], []
    if status:
        where.append("d.status = ?")
        params.append(status)
    if search:
        where.append("d.id in (select rowid from documents_fts where documents_fts match ?)")
        params.append(db.quote_fts(search))
    sql = f"""
        select d.id, d.path, d.hash, d.title, d.published, d.published_basis, d.published_source,
               d.status, d.encoding, d.size, d.url, d.source, d.model, length(d.text) as chars,
               coalesce(sum(s.status = 'proposed'), 0) as proposed,
               coalesce(sum(s.status = 'accepted'), 0) as accepted,
               coalesce(sum(s.status = 'rejected'), 0) as rejected,
               count(s.id) as spans
        from documents d left join spans s on s.doc_id = d.id
        {"where " + " and ".join(where) if where else ""}
        group by d.id order by d.{order_by}, d.id
    """
    return list(db.query(sql, params))


# The article list's orders (desktop.gui.document_list): a column, then the path, so ties keep the path order.
LIST_ORDERS = {
    "path": None,
    "published": "coalesce(d.published, '')",
    "status": "d.status",
    "proposed": "coalesce(c.proposed, 0)",
    "accepted": "coalesce(c.accepted, 0)",
}
_SPAN_COUNTS = """left join (select doc_id, sum(status = 'proposed') as proposed, sum(status = 'accepted') as accepted
                      from spans group by doc_id) c on c.doc_id = d.id"""


def document_order(db: sqlite_utils.Database, order: str = "path", *, descending: bool = False) -> list[int]:
    """Every document's id in the list's ``order`` (a key of :data:`LIST_ORDERS` or "title"), ties by path.

    "title" sorts by the casefolded title (the path without one) in Python: SQLite's NOCASE folds ASCII only.
    """
    if order == "title":
        rows = db.execute("select id, coalesce(title, path) from documents order by path, id").fetchall()
        rows.sort(key=lambda r: r[1].casefold(), reverse=descending)  # stable: ties keep the path order
        return [r[0] for r in rows]
    if order not in LIST_ORDERS:
        raise ValueError(f"order must be title or one of {sorted(LIST_ORDERS)}")
    key = LIST_ORDERS[order]
    if key is None:
        direction = " desc" if descending else ""
        sql = f"select id from documents d order by d.path{direction}, d.id{direction}"
    else:
        joins = _SPAN_COUNTS if order in ("proposed", "accepted") else ""
        sql = f"select d.id from documents d {joins} order by {key}{' desc' if descending else ''}, d.path, d.id"
    return [r[0] for r in db.execute(sql)]


def document_ids_where(db: sqlite_utils.Database, *, status: str | None = None,
                       search: str | None = None) -> list[int]:
    """Ids (in no order) of the documents with ``status`` whose title or text match ``search`` (FTS, quoted)."""
    if search:
        sql, params = "select rowid as id from documents_fts where documents_fts match ?", [db.quote_fts(search)]
        if status:
            sql = f"select id from documents where status = ? and id in ({sql})"
            params.insert(0, status)
    elif status:
        sql, params = "select id from documents where status = ?", [status]
    else:
        sql, params = "select id from documents", []
    # One JSON array, not a row per id: 100,000 ids in 14 ms instead of 29 (a search for "the").
    return json.loads(db.execute(f"select json_group_array(id) from ({sql})", params).fetchone()[0])


def document_list_rows(db: sqlite_utils.Database, ids: list[int]) -> list[dict[str, Any]]:
    """The list's rows of ``ids`` (in that order; a deleted one is left out): title, date, status, span counts."""
    found: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        for row in db.query(f"""
                select d.id, d.path, d.title, d.published, d.status,
                       (select count(*) from spans s where s.doc_id = d.id and s.status = 'proposed') as proposed,
                       (select count(*) from spans s where s.doc_id = d.id and s.status = 'accepted') as accepted
                from documents d where d.id in ({", ".join("?" * len(chunk))})""", chunk):
            found[row["id"]] = row
    return [found[i] for i in ids if i in found]


def unfinished_documents(db: sqlite_utils.Database, ids: Iterable[int]) -> set[int]:
    """Those of ``ids`` that are neither verified nor missing."""
    out: set[int] = set()
    for chunk in _chunks(ids):
        out.update(r[0] for r in db.execute(
            f"select id from documents where status not in ('verified', 'missing')"
            f" and id in ({', '.join('?' * len(chunk))})", chunk))
    return out


def first_unverified_document(db: sqlite_utils.Database) -> int | None:
    """Id of the first document (by path) that is neither verified nor missing."""
    rows = list(
        db.query("select id from documents where status not in ('verified', 'missing') order by path, id limit 1")
    )
    return rows[0]["id"] if rows else None


def count_documents(db: sqlite_utils.Database) -> dict[str, int]:
    """``{status: count}`` plus ``total``."""
    counts = {s: 0 for s in DOC_STATUSES}
    for row in db.query("select status, count(*) as n from documents group by status"):
        counts[row["status"]] = row["n"]
    counts["total"] = sum(counts[s] for s in DOC_STATUSES)
    return counts


# ---------------------------------------------------------------- spans


def spans_for_document(db: sqlite_utils.Database, doc_id: int, *, include_rejected: bool = True) -> list[dict[str, Any]]:
    """The spans of a document in text order, with their entity's name."""
    extra = "" if include_rejected else "and s.status != 'rejected'"
    return list(
        db.query(
            f"""select s.*, e.name as entity_name from spans s left join entities e on e.id = s.entity_id
                where s.doc_id = ? {extra} order by s.start, s.end, s.id""",
            [doc_id],
        )
    )


def iter_spans(db: sqlite_utils.Database, *, path: str | None = None) -> Iterator[dict[str, Any]]:
    """Every span with its document's path and entity name, in document then text order."""
    where, params = "", []
    if path:
        where, params = "where d.path = ?", [path]
    yield from db.query(
        f"""select d.path as file, s.*, e.name as entity_name from spans s
            join documents d on d.id = s.doc_id left join entities e on e.id = s.entity_id
            {where} order by d.path, s.start, s.end, s.id""",
        params,
    )


@transactions.writes
def insert_spans(db: sqlite_utils.Database, spans: Iterable[dict[str, Any]]) -> int | None:
    """Bulk insert of span rows (no history: used by ingest); returns the first row's id.

    The rows get consecutive ids in their order (SQLite gives a new row the
    largest id plus one); None when nothing was inserted or the ids are not
    consecutive after all.
    """
    spans = list(spans)
    if not spans:
        return None
    before = db.execute("SELECT coalesce(max(id), 0) FROM spans").fetchone()[0]
    _insert_rows(db, "spans", spans)
    after = db.execute("SELECT coalesce(max(id), 0) FROM spans").fetchone()[0]
    return before + 1 if after - before == len(spans) else None


_SQLITE_TYPES = {str, int, float, type(None)}  # stored as they are (bytes too, but sqlite-utils leaves none)


def _insert_rows(db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]]) -> None:
    """``INSERT`` of ``rows`` in their order, one ``executemany`` per run of rows with the same keys.

    What ``insert_all`` does for rows of known columns, without its per-value Python work, which was half
    of storing a long article's spans (390,000 rows for 19 MB); a value that is no SQLite type is stored as
    sqlite-utils stores it (JSON for a list or dict).
    """
    start = 0
    while start < len(rows):
        keys = rows[start].keys()
        end = start + 1
        while end < len(rows) and rows[end].keys() == keys:
            end += 1
        columns = list(keys)
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote_identifier(table), ", ".join(quote_identifier(c) for c in columns), ", ".join("?" * len(columns)))
        values = [tuple(row[c] for c in columns) for row in rows[start:end]] if len(columns) == 1 \
            else list(map(operator.itemgetter(*columns), rows[start:end]))
        if not set(map(type, itertools.chain.from_iterable(values))) <= _SQLITE_TYPES:
            values = [tuple(v if type(v) in _SQLITE_TYPES else jsonify_if_needed(v) for v in row) for row in values]
        db.conn.executemany(sql, values)
        start = end


# ---------------------------------------------------------------- entities


@transactions.writes
def upsert_entity(db: sqlite_utils.Database, entity: dict[str, Any], *, source: str = "profile") -> None:
    """Create or update a canonical entity and its aliases (no history: profile loading)."""
    aliases = sorted({a for a in entity.get("aliases", [])} | {entity["name"]})
    db["entities"].upsert(
        encode("entities", {"id": entity["id"], "name": entity["name"], "label": entity.get("label"),
                            "aliases": aliases, "source": source}),
        pk="id",
    )
    db["aliases"].upsert_all(
        [{"alias": normalise_alias(a), "entity_id": entity["id"], "source": source} for a in aliases],
        pk=("alias", "entity_id"),
    )


def normalise_alias(text: str) -> str:
    """The key under which a surface form is looked up: case- and space-folded."""
    return " ".join(text.replace("\u2019", "'").split()).casefold()


def list_entities(db: sqlite_utils.Database, *, query: str | None = None) -> list[dict[str, Any]]:
    """Canonical entities with mention counts; ``query`` matches name or alias substrings."""
    params: list[Any] = []
    where = ""
    if query:
        where = "where e.id in (select entity_id from aliases where alias like ?) or e.name like ?"
        params = [f"%{normalise_alias(query)}%", f"%{query}%"]
    rows = db.query(
        f"""select e.*, (select count(*) from spans s where s.entity_id = e.id) as mentions,
                   (select count(*) from spans s where s.entity_id = e.id and s.status = 'accepted') as accepted
            from entities e {where} order by e.name""",
        params,
    )
    return [decode("entities", r) for r in rows]


def entity_for_alias(db: sqlite_utils.Database, text: str) -> str | None:
    """The canonical entity id a surface form links to, if exactly one does."""
    rows = list(db.query("select entity_id from aliases where alias = ?", [normalise_alias(text)]))
    return rows[0]["entity_id"] if len(rows) == 1 else None


def entity_candidates(db: sqlite_utils.Database, text: str) -> list[str]:
    """Entity ids a mention could really be: its normalised text is the entity's name or one of its aliases.

    Substring matches ("Lukashenko" in "Viktor Lukashenko") are not candidates: the link dialog
    preselects only these, so one Enter never links a mention to a merely similar name.
    """
    key = normalise_alias(text)
    if not key:
        return []
    rows = db.query(
        """select id from entities where id in (select entity_id from aliases where alias = ?)
           union select id from entities where name = ? collate nocase""", [key, " ".join(text.split())])
    return sorted(r["id"] for r in rows)


# ---------------------------------------------------------------- facts

# A fact as readers see it: its row, with the event the merge put it in and the flags it gave it.
_FACT_VIEW = "f.*, m.event_id as event_id, coalesce(m.flags, '[]') as flags"
_FACT_JOIN = "left join event_members m on m.fact_id = f.id"


EVIDENCE_REJECTED = "evidence rejected"


def _with_evidence_flags(db: sqlite_utils.Database, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A decided fact resting on a span the analyst rejected since is flagged for review (derived, never stored)."""
    cited = sorted({i for f in facts if f["status"] != "proposed" for i in (f.get("span_ids") or [])})
    rejected: set[int] = set()
    for start in range(0, len(cited), 500):
        chunk = cited[start:start + 500]
        rejected.update(r[0] for r in db.execute(
            f"select id from spans where status = 'rejected' and id in ({','.join('?' * len(chunk))})", chunk))
    if rejected:
        for f in facts:
            if f["status"] != "proposed" and rejected.intersection(f.get("span_ids") or []):
                f["flags"] = [*(f.get("flags") or []), EVIDENCE_REJECTED]
    return facts


def facts_for_document(db: sqlite_utils.Database, doc_id: int) -> list[dict[str, Any]]:
    """The facts of a document in text order, with their event and flags."""
    return _with_evidence_flags(db, [decode("facts", r) for r in db.query(
        f"select {_FACT_VIEW} from facts f {_FACT_JOIN} where f.doc_id = ? order by f.start, f.id", [doc_id])])


def list_facts(
    db: sqlite_utils.Database, *, kind: str | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    """Facts with their event, flags, document's path and publication date."""
    where, params = [], []
    if kind:
        where.append("f.kind = ?")
        params.append(kind)
    if status:
        where.append("f.status = ?")
        params.append(status)
    sql = f"""select {_FACT_VIEW}, d.path as file, d.published as published from facts f {_FACT_JOIN}
              join documents d on d.id = f.doc_id {"where " + " and ".join(where) if where else ""}
              order by d.path, f.start, f.id"""
    return _with_evidence_flags(db, [decode("facts", r) for r in db.query(sql, params)])


def plot_facts(db: sqlite_utils.Database, kinds: Iterable[str], *, ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Facts of ``kinds`` (every status), or only those with ``ids``, with ``event_id``; JSON columns not decoded."""
    kinds = list(kinds)
    where = f"f.kind in ({', '.join('?' * len(kinds))})"
    params: list[Any] = list(kinds)
    if ids is not None:
        ids = list(ids)
        if not ids:
            return []
        where += f" and f.id in ({', '.join('?' * len(ids))})"
        params += ids
    return list(db.query(f"select f.*, m.event_id as event_id from facts f {_FACT_JOIN} where {where} order by f.id",
                         params))


@transactions.writes
def delete_facts(db: sqlite_utils.Database, fact_ids: Iterable[int]) -> None:
    """Delete facts by id (the caller holds the transaction)."""
    for fact_id in fact_ids:
        db["facts"].delete(fact_id)


@transactions.writes
def insert_facts(db: sqlite_utils.Database, rows: list[dict[str, Any]]) -> None:
    """Insert fact rows (encoded by the caller with :func:`encode`)."""
    if rows:
        db["facts"].insert_all(rows, batch_size=500)


def span_ids_in_range(db: sqlite_utils.Database, doc_id: int, start: int, end: int) -> list[int]:
    """Ids of a document's spans, not rejected, that overlap ``[start, end)``."""
    return [r["id"] for r in db.query(
        "select id from spans where doc_id = ? and start < ? and end > ? and status != 'rejected'",
        [doc_id, end, start])]


_MERGE_COLUMNS = ("id, doc_id, kind, status, date_start, date_end, place, participants, held, period_start,"
                  " period_end, value, currency, change_pct")


def merge_facts(db: sqlite_utils.Database, *, ids: Iterable[int] | None = None,
                events: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Facts with the columns the events merge reads, decoded: every one, those with ``ids``, or the members of ``events``."""
    if ids is None and events is None:
        return [decode("facts", r) for r in db.query(f"select {_MERGE_COLUMNS} from facts")]
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(ids if ids is not None else events):
        marks = ", ".join("?" * len(chunk))
        sql = (f"select {_MERGE_COLUMNS} from facts where id in ({marks})" if ids is not None else
               f"select {_MERGE_COLUMNS} from facts where id in"
               f" (select fact_id from event_members where event_id in ({marks}))")
        rows += [decode("facts", r) for r in db.query(sql, chunk)]
    return rows


def fact_count(db: sqlite_utils.Database) -> int:
    """How many facts the project has."""
    return db.execute("select count(*) from facts").fetchone()[0]


def _chunks(values: Iterable[Any], size: int = 500) -> Iterator[list[Any]]:
    # SQLite limits the number of parameters of one statement.
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i:i + size]


# ---------------------------------------------------------------- events and event_members (derived: desktop.events)


def dirty_fact_ids(db: sqlite_utils.Database) -> list[int]:
    """Facts written since the events were last updated (queued by triggers on ``facts``)."""
    return [r[0] for r in db.execute("select fact_id from events_dirty order by fact_id")]


def has_dirty_facts(db: sqlite_utils.Database) -> bool:
    """Whether the events wait for an update."""
    return db.execute("select exists (select 1 from events_dirty)").fetchone()[0] == 1


def any_dirty_fact(db: sqlite_utils.Database, fact_ids: Iterable[int]) -> bool:
    """Whether one of ``fact_ids`` waits for the events update."""
    return any(db.execute(f"select exists (select 1 from events_dirty where fact_id in ({', '.join('?' * len(chunk))}))",
                          chunk).fetchone()[0] for chunk in _chunks(fact_ids))


@transactions.writes
def clear_dirty_facts(db: sqlite_utils.Database) -> None:
    """Empty the queue (the caller has just brought the events up to date)."""
    db.execute("delete from events_dirty")


def event_memberships(db: sqlite_utils.Database, fact_ids: Iterable[int] | None = None) -> dict[int, tuple[int, list[str]]]:
    """``{fact_id: (event_id, flags)}`` of every member, or of the facts ``fact_ids``."""
    if fact_ids is None:
        rows = db.execute("select fact_id, event_id, flags from event_members").fetchall()
    else:
        rows = []
        for chunk in _chunks(fact_ids):
            rows += db.execute(f"select fact_id, event_id, flags from event_members where fact_id in"
                               f" ({', '.join('?' * len(chunk))})", chunk).fetchall()
    return {r[0]: (r[1], json.loads(r[2]) if r[2] else []) for r in rows}


def event_rows(db: sqlite_utils.Database, event_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Events as stored, decoded: every one, or those with ``event_ids``."""
    if event_ids is None:
        return [decode("events", r) for r in db.query("select * from events")]
    rows = []
    for chunk in _chunks(event_ids):
        rows += [decode("events", r) for r in db.query(
            f"select * from events where id in ({', '.join('?' * len(chunk))})", chunk)]
    return rows


def events_overlapping(db: sqlite_utils.Database, group_key: str, start: str, end: str) -> list[dict[str, Any]]:
    """Events of ``group_key`` whose facts' hull overlaps ``[start, end]`` (ISO days): ``id, span_start, span_end``."""
    return list(db.query(
        "select id, span_start, span_end from events where group_key = ? and span_start <= ? and span_end >= ?",
        [group_key, end, start]))


@transactions.writes
def replace_events(db: sqlite_utils.Database, event_ids: Iterable[int], events: list[dict[str, Any]],
                   fact_ids: Iterable[int], members: dict[int, tuple[int, list[str]]]) -> None:
    """Delete the events ``event_ids`` and the memberships of ``fact_ids``, then write ``events`` and ``members``.

    The caller holds the transaction. Derived data: no history entry.
    """
    for chunk in _chunks(event_ids):
        db.execute(f"delete from events where id in ({', '.join('?' * len(chunk))})", chunk)
    for chunk in _chunks(fact_ids):
        db.execute(f"delete from event_members where fact_id in ({', '.join('?' * len(chunk))})", chunk)
    if events:
        db["events"].insert_all([encode("events", e) for e in events], batch_size=500)
    if members:
        db["event_members"].insert_all(
            ({"fact_id": f, "event_id": e, "flags": json.dumps(flags)} for f, (e, flags) in members.items()),
            batch_size=1000)


def list_event_rows(db: sqlite_utils.Database, *, kind: str | None = None,
                    ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Events, newest first, decoded (of ``kind``, or only those with ``ids``)."""
    where, params = [], []
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if ids is not None:
        ids = list(ids)
        if not ids:
            return []
        where.append(f"id in ({', '.join('?' * len(ids))})")
        params += ids
    return [decode("events", r) for r in db.query(
        f"select * from events {'where ' + ' and '.join(where) if where else ''} order by date_start desc, id",
        params)]


def event_source_facts(db: sqlite_utils.Database, event_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Facts that belong to an event (or to one of ``event_ids``), with their event, flags, file and publication date."""
    where, params = "", []
    if event_ids is not None:
        params = list(event_ids)
        if not params:
            return []
        where = f"where m.event_id in ({', '.join('?' * len(params))})"
    return [decode("facts", r) for r in db.query(
        f"""select f.*, m.event_id as event_id, m.flags as flags, d.path as file, d.published as published
            from event_members m join facts f on f.id = m.fact_id join documents d on d.id = f.doc_id
            {where} order by d.published, d.path, f.start""", params)]


def events_of_facts(db: sqlite_utils.Database, fact_ids: Iterable[int]) -> set[int]:
    """The events the facts ``fact_ids`` belong to now."""
    return {e for e, _flags in event_memberships(db, fact_ids).values()}


# ---------------------------------------------------------------- change_feed (what readers follow)


def latest_change(db: sqlite_utils.Database) -> int:
    """The number of the newest entry of the change feed (0 when none yet)."""
    row = db.execute("select seq from sqlite_sequence where name = 'change_feed'").fetchone()
    return row[0] if row else 0


def log_changes(db: sqlite_utils.Database, table: str, row_ids: Iterable[int]) -> None:
    """Number a change of derived data for readers: the events of ``row_ids``, or the event links of facts."""
    db.conn.executemany("insert into change_feed (tbl, row_id) values (?, ?)", [(table, r) for r in row_ids])


def changes_since(db: sqlite_utils.Database, seq: int) -> tuple[int, dict[str, list[int]]] | None:
    """``(latest, {table: [row ids]})`` changed after ``seq``, each id once in the order first changed.

    None when the feed no longer reaches back to ``seq`` (see :func:`prune_change_feed`): reload everything.
    """
    if seq < int(get_meta(db, "change_feed_floor") or 0):
        return None
    latest = seq
    changed: dict[str, dict[int, None]] = {}
    for number, table, row_id in db.execute("select seq, tbl, row_id from change_feed where seq > ? order by seq",
                                            [seq]):
        changed.setdefault(table, {})[row_id] = None
        latest = number
    return latest, {table: list(ids) for table, ids in changed.items()}


@transactions.writes
def prune_change_feed(db: sqlite_utils.Database, *, keep: int = 100_000) -> None:
    """Forget all but the newest ``keep`` entries; a reader that is further behind reloads."""
    floor = latest_change(db) - keep
    if floor > int(get_meta(db, "change_feed_floor") or 0):
        db.execute("delete from change_feed where seq <= ?", [floor])
        set_meta(db, "change_feed_floor", str(floor))


def latest_action_id(db: sqlite_utils.Database) -> int:
    """The id of the newest entry of the history (0 when empty)."""
    return db.execute("select coalesce(max(id), 0) from actions").fetchone()[0]


def data_version(db: sqlite_utils.Database) -> int:
    """SQLite's ``data_version``: changes when another connection commits (a second window, a worker)."""
    return db.execute("PRAGMA data_version").fetchone()[0]


# ---------------------------------------------------------------- stats


def stats(db: sqlite_utils.Database) -> dict[str, Any]:
    """Counts for the ``stats`` command and the status bar."""
    docs = count_documents(db)
    spans = {r["status"]: r["n"] for r in db.query("select status, count(*) as n from spans group by status")}
    labels = {r["label"]: r["n"] for r in db.query("select label, count(*) as n from spans group by label order by n desc")}
    facts = {
        f'{r["kind"]}:{r["status"]}': r["n"]
        for r in db.query("select kind, status, count(*) as n from facts group by kind, status")
    }
    return {
        "documents": docs,
        "spans": spans,
        "labels": labels,
        "entities": db["entities"].count,
        "facts": facts,
        "events": db["events"].count,
        "actions": db.execute("select count(*) from actions where kind != 'system'").fetchone()[0],
        "model": get_meta(db, "model"),
        "model_version": get_meta(db, "model_version"),
        "profile": get_meta(db, "profile"),
        "folder": get_meta(db, "folder"),
    }


# ---------------------------------------------------------------- plots (desktop.aggregate)


def plot_documents(db: sqlite_utils.Database, doc_ids: Iterable[int] | None = None, *, head: int = 600) -> list[dict[str, Any]]:
    """Documents without their text (only its first ``head`` characters), with the entity ids linked near the top.

    ``agencies`` lists the entity ids of the non-rejected spans in that head: the dateline's agency.
    """
    where, params = "", []
    if doc_ids is not None:
        doc_ids = list(doc_ids)
        if not doc_ids:
            return []
        where = f"where d.id in ({', '.join('?' * len(doc_ids))})"
        params = doc_ids
    docs = {
        r["id"]: dict(r, agencies=[])
        for r in db.query(
            f"select d.id, d.path, d.title, d.source, d.url, d.published, substr(d.text, 1, {int(head)}) as head "
            f"from documents d {where}",
            params,
        )
    }
    span_where = where.replace("d.id", "s.doc_id")
    joiner = "and" if span_where else "where"
    for r in db.query(
        f"""select s.doc_id, s.entity_id from spans s {span_where} {joiner} s.start < {int(head)}
            and s.entity_id is not null and s.status != 'rejected' order by s.doc_id, s.start""",
        params,
    ):
        if r["doc_id"] in docs:
            docs[r["doc_id"]]["agencies"].append(r["entity_id"])
    return list(docs.values())


# ---------------------------------------------------------------- fact extraction (facts)


def place_entities(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Entities that are places (GPE, LOC, FAC), aliases decoded: the names a meeting's place is resolved to."""
    return [decode("entities", r) for r in db.query(
        "select id, name, label, aliases, source from entities where label in ('GPE', 'LOC', 'FAC')")]


def document_ids(db: sqlite_utils.Database) -> list[int]:
    """Every document's id, in id order."""
    return [r["id"] for r in db.query("select id from documents order by id")]


# ---------------------------------------------------------------- ingest, exchange and review (STYLE rule 4)


@contextmanager
def read_snapshot(db: sqlite_utils.Database) -> Iterator[None]:
    """One read transaction: in WAL mode the reader sees one state while other connections commit."""
    if db.conn.in_transaction:
        yield
        return
    db.execute("begin")
    try:
        yield
    finally:
        db.conn.rollback()  # nothing was written: ending the read is all this does


@transactions.writes
def update_document(db: sqlite_utils.Database, doc_id: int, fields: dict[str, Any]) -> None:
    """Change a document's columns (no history: ingest)."""
    db["documents"].update(doc_id, fields)


@transactions.writes
def update_span(db: sqlite_utils.Database, span_id: int, fields: dict[str, Any]) -> None:
    """Change a span's columns (no history: ingest)."""
    db["spans"].update(span_id, fields)


def decided_span_count(db: sqlite_utils.Database, doc_id: int) -> int:
    """How many of a document's spans the analyst decided on or added."""
    return db.execute(
        "select count(*) from spans where doc_id = ? and (status != 'proposed' or source = 'analyst')", [doc_id]
    ).fetchone()[0]


@transactions.writes
def delete_proposed_spans(db: sqlite_utils.Database, doc_id: int) -> None:
    """Drop a document's undecided model and rule proposals (its text changed)."""
    db.execute("delete from spans where doc_id = ? and status = 'proposed' and source != 'analyst'", [doc_id])


def span_rows(db: sqlite_utils.Database, doc_id: int) -> list[dict[str, Any]]:
    """A document's span rows as stored, by start then id."""
    return list(db.query("select * from spans where doc_id = ? order by start, id", [doc_id]))


def proposed_span_ids(db: sqlite_utils.Database, doc_id: int) -> list[int]:
    """Ids of a document's spans still proposed."""
    return [r["id"] for r in db.query("select id from spans where doc_id = ? and status = 'proposed'", [doc_id])]


def proposed_spans_like(db: sqlite_utils.Database, text: str, *, except_id: int) -> list[dict[str, Any]]:
    """Proposed spans (id, text) anywhere whose text equals ``text`` ignoring ASCII case."""
    return list(db.query(
        "select id, text from spans where status = 'proposed' and id != ? and lower(text) = lower(?)",
        [except_id, text],
    ))


def date_spans(db: sqlite_utils.Database, doc_id: int) -> list[dict[str, Any]]:
    """A document's DATE spans (id, text, value)."""
    return list(db.query("select id, text, value from spans where doc_id = ? and label = 'DATE'", [doc_id]))


def alias_exists(db: sqlite_utils.Database, alias: str, entity_id: str) -> bool:
    """Whether the normalised ``alias`` already links to ``entity_id``."""
    return bool(list(db.query("select 1 from aliases where alias = ? and entity_id = ?", [alias, entity_id])))


def entity_names(db: sqlite_utils.Database) -> dict[str, str]:
    """``{entity id: canonical name}``, without the mention counts of :func:`list_entities`."""
    return {r["id"]: r["name"] for r in db.query("select id, name from entities")}


def document_ids_by_path(db: sqlite_utils.Database, *, status: str | None = None) -> list[int]:
    """Document ids in path order, optionally only those with ``status``."""
    where, params = ("where status = ?", [status]) if status else ("", [])
    return [r["id"] for r in db.query(f"select id from documents {where} order by path, id", params)]


def document_texts(db: sqlite_utils.Database) -> Iterator[dict[str, Any]]:
    """Every document's id, path and text, in id order."""
    yield from db.query("select id, path, text from documents order by id")


def copy_database(db: sqlite_utils.Database, target: str | Path) -> None:
    """Copy the whole database to the file ``target`` as one self-contained file (no -wal/-shm)."""
    copy = sqlite3.connect(str(target))
    try:
        # The backup API copies a consistent state even while other connections write.
        db.conn.backup(copy, pages=256)
        copy.execute("pragma journal_mode = delete")
        copy.commit()
    finally:
        copy.close()


def page_count(db: sqlite_utils.Database) -> int:
    """The database's size in pages (a copy's progress total)."""
    return db.execute("pragma page_count").fetchone()[0]


def proposed_labels(db: sqlite_utils.Database) -> dict[int, str]:
    """The label each span had before the analyst's first change to it (a relabel leaves its trace here).

    Spans never changed are not listed: their label is still the proposed one.
    """
    rows = db.query(
        "select row_id, before from changes where id in "
        "(select min(id) from changes where tbl = 'spans' group by row_id) and before is not null")
    labels = {}
    for row in rows:
        (span_id,) = json.loads(row["row_id"])
        labels[span_id] = json.loads(row["before"]).get("label")
    return labels


# Links the live schema leaves implicit (events are rebuilt wholesale, entities come and go with profiles);
# a snapshot declares them so datasette and other readers can follow them.
SNAPSHOT_FOREIGN_KEYS = (
    ("spans", "entity_id", "entities", "id"),
    ("event_members", "fact_id", "facts", "id"),
    ("event_members", "event_id", "events", "id"),
    ("changes", "action_id", "actions", "id"),
    ("actions", "doc_id", "documents", "id"),
    ("problems", "doc_id", "documents", "id"),
)


def declare_snapshot_foreign_keys(path: str | Path) -> None:
    """Add :data:`SNAPSHOT_FOREIGN_KEYS` to the snapshot at ``path`` (never the live project)."""
    copy = sqlite_utils.Database(str(path))
    try:
        existing = {(t, fk.column) for t in copy.table_names() for fk in copy[t].foreign_keys}
        wanted = [fk for fk in SNAPSHOT_FOREIGN_KEYS
                  if fk[0] in copy.table_names() and (fk[0], fk[1]) not in existing]
        with copy.atomic():
            copy.add_foreign_keys(wanted)
        copy.execute("vacuum")
    finally:
        copy.close()


# ---------------------------------------------------------------- training and re-annotation


def training_documents(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Verified documents (``id, path, text, published``) with ``spans``: the ones not rejected, in text order.

    In a verified article every span not rejected counts as accepted: these are
    what a model is trained and scored on.
    """
    docs = {r["id"]: dict(r, spans=[]) for r in db.query(
        "select id, path, text, published from documents where status = 'verified' order by id")}
    for r in db.query(
        """select s.doc_id, s.start, s.end, s.label, s.source, s.entity_id from spans s
           join documents d on d.id = s.doc_id
           where d.status = 'verified' and s.status != 'rejected' order by s.doc_id, s.start, s.end, s.id"""
    ):
        docs[r["doc_id"]]["spans"].append({k: r[k] for k in ("start", "end", "label", "source", "entity_id")})
    return list(docs.values())


def unverified_documents(db: sqlite_utils.Database, *, limit: int | None = None,
                         ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Documents neither verified nor missing (``id, path, text, published``) in id order, or those of ``ids``."""
    where, params = "status not in ('verified', 'missing')", []
    if ids is not None:
        chosen = list(ids)
        where += f" and id in ({', '.join('?' * len(chosen))})" if chosen else " and 0"
        params += chosen
    sql = f"select id, path, text, published from documents where {where} order by id"
    if limit is not None:
        sql += f" limit {int(limit)}"
    return list(db.query(sql, params))


def unverified_document_ids(db: sqlite_utils.Database) -> list[int]:
    """Ids of the documents neither verified nor missing, in id order."""
    return [r["id"] for r in db.query(
        "select id from documents where status not in ('verified', 'missing') order by id")]


def decided_spans(db: sqlite_utils.Database, doc_id: int) -> list[dict[str, Any]]:
    """A document's spans the analyst decided on or added (what re-annotation must keep)."""
    return list(db.query(
        "select * from spans where doc_id = ? and (status != 'proposed' or source = 'analyst') order by start, id",
        [doc_id]))


def linked_alias_counts(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Accepted mentions linked to an entity, grouped by entity and text up to ASCII case.

    Rows ``entity_id, entity_name, entity_label, entity_source, text`` (the
    commonest spelling; on a tie the last in code-point order, "Minsk" before
    "MINSK"), ``articles, mentions``, most articles first.
    """
    return list(db.query(
        """with linked as (
               select entity_id, lower(text) as norm, text, doc_id from spans
               where status = 'accepted' and entity_id is not null),
           spellings as (
               select entity_id, norm, text, row_number() over (
                   partition by entity_id, norm order by count(*) desc, text desc) as rank
               from linked group by entity_id, norm, text)
           select g.entity_id, e.name as entity_name, e.label as entity_label, e.source as entity_source,
                  w.text, g.articles, g.mentions
           from (select entity_id, norm, count(distinct doc_id) as articles, count(*) as mentions
                 from linked group by entity_id, norm) g
           join spellings w on w.entity_id = g.entity_id and w.norm = g.norm and w.rank = 1
           join entities e on e.id = g.entity_id
           order by g.articles desc, g.mentions desc, g.entity_id"""))


def training_counts(db: sqlite_utils.Database) -> tuple[int, int]:
    """``(verified articles, spans not rejected in them)``: what training would learn from, counted only."""
    row = db.execute(
        """select (select count(*) from documents where status = 'verified'),
                  (select count(*) from spans s join documents d on d.id = s.doc_id
                   where d.status = 'verified' and s.status != 'rejected')""").fetchone()
    return row[0], row[1]
