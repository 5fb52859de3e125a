"""The whole project as one SQLite file, with its foreign keys declared and a datasette ``metadata.json``.

``datasette project.sqlite -m project.metadata.json`` then links spans to
entities and documents, facts to events, and offers the canned queries below.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from desktop import project_file, store
from desktop.exchange.common import ExchangeError, ExportProgress, atomic_write, temporary_file
from desktop.exchange.documents import check

TABLES = {
    "documents": ("The articles: one row per file of the folder.", {
        "path": "file path relative to the folder", "hash": "sha256 of the file's bytes",
        "published": "publication date (ISO)", "published_basis": "the sentence the date was read from",
        "published_source": "metadata, text, filename or none", "text": "the text every offset refers to",
        "status": "new, in review, verified or missing"}),
    "spans": ("Annotated spans: proposals and the analyst's decisions.", {
        "start": "character offset into documents.text", "end": "character offset (exclusive)",
        "entity_id": "the canonical entity", "value": "normalised DATE (ISO) or MONEY (amount CUR) value",
        "source": "model, rule or analyst", "status": "proposed, accepted or rejected",
        "flag": "why a decision could not be placed after a re-ingest"}),
    "entities": ("Canonical entities (the profile's gazetteer and the analyst's own).", {}),
    "aliases": ("One row per folded surface form of an entity.", {}),
    "facts": ("Meetings, calls and trade figures, each bound to its evidence sentence.", {
        "kind": "meeting, call or trade", "status": "proposed, confirmed or rejected",
        "participants": "JSON list of entity ids", "evidence": "the sentence quoted",
        "start": "offset of the evidence in documents.text", "end": "end of the evidence",
        "span_ids": "JSON list of the span ids the fact rests on"}),
    "events": ("Derived: reports of one event merged across articles; id is the smallest id of its facts.", {
        "group_key": "kind and participants (or currency): facts merge only within one key",
        "span_start": "first day any of its facts gives", "span_end": "last day any of its facts gives",
        "n_sources": "how many facts (articles) report it", "flags": "date conflict, place conflict..."}),
    "event_members": ("Derived: the event each fact was merged into, and its flags.", {
        "fact_id": "the fact", "event_id": "its event", "flags": "JSON list: date conflict, place conflict"}),
    "actions": ("The append-only history: one row per analyst operation, undo or redo.", {}),
    "changes": ("Each action's rows before and after (JSON).", {}),
    "problems": ("Skipped files, failed extractions, failed background jobs.", {}),
    "meta": ("Project settings: folder, profile, model.", {}),
}

QUERIES = {
    "meetings_per_year": ("Confirmed meetings per year, with their sources", """
select substr(f.date_start, 1, 4) as year,
       count(distinct coalesce(m.event_id, -f.id)) as meetings,
       group_concat(distinct d.path) as sources
from facts f join documents d on d.id = f.doc_id left join event_members m on m.fact_id = f.id
where f.kind = 'meeting' and f.status = 'confirmed'
group by year order by year"""),
    "trade_figures": ("Confirmed trade turnover figures by period", """
select f.period_start, f.period_end, f.value, f.currency, f.qualifier, d.path as source, f.evidence
from facts f join documents d on d.id = f.doc_id
where f.kind = 'trade' and f.status = 'confirmed'
order by f.period_start"""),
    "mentions_per_entity": ("Accepted mentions per canonical entity", """
select e.id, e.name, e.label, count(s.id) as mentions, count(distinct s.doc_id) as articles
from entities e join spans s on s.entity_id = e.id
where s.status = 'accepted'
group by e.id order by mentions desc"""),
}


def metadata_path(path: Path) -> Path:
    """Where the datasette metadata of the snapshot ``path`` goes: ``project.sqlite`` → ``project.metadata.json``."""
    return path.with_suffix(".metadata.json")


def metadata(name: str) -> dict:
    """datasette metadata for the snapshot database called ``name`` (its file name without suffix)."""
    tables = {table: {"description": description, **({"columns": columns} if columns else {})}
              for table, (description, columns) in TABLES.items()}
    queries = {key: {"title": title, "sql": sql.strip()} for key, (title, sql) in QUERIES.items()}
    return {"title": "Article Review project",
            "description": "A snapshot of an Article Review project: articles, annotations, facts, history.",
            "databases": {name: {"tables": tables, "queries": queries}}}


def write_project(db, path, result, *, cancel, **_):
    """Copy the whole database (SQLite's backup API), declare its links, write its datasette metadata."""
    own = project_file.database_file(db)
    if own is not None and Path(path).resolve() == own.resolve():
        raise ExchangeError(f"{path} is the project's own database; give the snapshot another name")
    pages = store.page_count(db)
    yield ExportProgress(0, pages, "copying")
    fd, tmp = temporary_file(path)
    os.close(fd)
    try:
        store.copy_database(db, tmp)
        check(cancel)
        store.declare_snapshot_foreign_keys(tmp)
        check(cancel)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    with atomic_write(metadata_path(Path(path)), newline="\n") as out:
        out.write(json.dumps(metadata(Path(path).stem), ensure_ascii=False, indent=2) + "\n")
    result.files.append(str(metadata_path(Path(path))))
    result.records = 1
    result.documents = store.count_documents(db)["total"]
    yield ExportProgress(pages, pages, "copied")
