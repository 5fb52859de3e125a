"""Facts and entities as CSV or JSONL.

CSV is UTF-8 (optionally with a BOM for Excel), written by the one CSV writer
(:mod:`desktop.exchange.csv_table`: RFC 4180 line ends, no cell a spreadsheet runs).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from desktop import store
from desktop.exchange import common
from desktop.exchange.common import ExportProgress, atomic_write
from desktop.exchange.csv_table import CsvTable
from desktop.exchange.documents import check

FACT_COLUMNS = (
    "fact_id", "kind", "status", "source", "date_start", "date_end", "precision", "place", "held",
    "participants", "participant_names", "period_start", "period_end", "value", "currency", "change_pct", "qualifier",
    "evidence", "file", "start", "end", "published", "event_id", "flags",
)
ENTITY_COLUMNS = ("id", "name", "label", "aliases", "mentions", "accepted", "source")


def _fact_row(fact: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    participants = fact.get("participants") or []
    return {
        "fact_id": fact["id"], "kind": fact["kind"], "status": fact["status"], "source": fact["source"],
        "date_start": fact["date_start"], "date_end": fact["date_end"], "precision": fact["precision"],
        "place": fact["place"], "held": fact["held"],
        "participants": participants, "participant_names": [names.get(p, p) for p in participants],
        "period_start": fact["period_start"], "period_end": fact["period_end"], "value": fact["value"],
        "currency": fact["currency"], "change_pct": fact.get("change_pct"), "qualifier": fact["qualifier"],
        "evidence": fact["evidence"],
        "file": fact["file"], "start": fact["start"], "end": fact["end"], "published": fact["published"],
        "event_id": fact["event_id"], "flags": fact.get("flags") or [],
    }


def _entity_row(entity: dict[str, Any]) -> dict[str, Any]:
    return {"id": entity["id"], "name": entity["name"], "label": entity["label"],
            "aliases": entity.get("aliases") or [], "mentions": entity["mentions"],
            "accepted": entity["accepted"], "source": entity["source"]}


def write_facts(db, path, result, *, all, bom, cancel, **_):
    """Write the confirmed facts (every fact with ``all``) as CSV or JSONL."""
    facts = store.list_facts(db, status=None if all else "confirmed")
    names = store.entity_names(db)
    columns = [c for c in FACT_COLUMNS if all or c != "status"]
    rows = (_fact_row(f, names) for f in facts)
    yield from _write_table(path, rows, len(facts), columns, result, fmt=result.format, bom=bom, cancel=cancel)


def write_entities(db, path, result, *, all, bom, cancel, **_):
    """Write the canonical entities with their mention counts as CSV or JSONL."""
    entities = sorted(store.list_entities(db), key=lambda e: e["id"])
    rows = (_entity_row(e) for e in entities)
    yield from _write_table(path, rows, len(entities), ENTITY_COLUMNS, result, fmt=result.format, bom=bom,
                            cancel=cancel)


def _write_table(path, rows: Iterable[dict[str, Any]], total: int, columns, result, *, fmt, bom, cancel):
    yield ExportProgress(0, total, "writing")
    encoding = "utf-8-sig" if bom else "utf-8"
    # csv wants newline="": the table writes \r\n line ends itself, as RFC 4180 and Excel expect.
    with atomic_write(path, encoding=encoding, newline="" if fmt == "csv" else "\n") as out:
        table = CsvTable(out, columns) if fmt == "csv" else None
        for n, row in enumerate(rows, 1):
            check(cancel)
            row = {c: row[c] for c in columns}
            if table:
                table.write(row)
            else:
                out.write(common.json_line(row))
            result.records += 1
            if n % 200 == 0 or n == total:
                yield ExportProgress(n, total, "writing")
