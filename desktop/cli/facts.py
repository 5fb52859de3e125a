"""``article-review facts``: list the proposed and reviewed facts, one a line.

>>> main(["facts", "--db", "project.sqlite", "--kind", "meeting", "--format", "csv"])  # doctest: +SKIP

``--repropose`` runs the extraction again over every document first (keeping
what the analyst confirmed, rejected or added).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop import store
from desktop.cli import print_jsonl, project_db
from desktop.exchange.csv_table import write_csv
from desktop.facts.kinds import format_change, is_event, kind_names

FIELDS = (
    "id", "kind", "status", "file", "published", "date_start", "date_end", "precision", "place", "participants",
    "held", "period_start", "period_end", "value", "currency", "change_pct", "qualifier", "evidence", "start", "end",
    "event",
    "flags", "source",
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "facts",
        help="list the facts (meetings, calls, trade figures) with their evidence",
        description="List the facts proposed from the articles and reviewed by the analyst, one a line.",
    )
    parser.add_argument("--db", help="project database (default: the current folder's)")
    parser.add_argument("--kind", choices=kind_names(), help="only facts of this kind")
    parser.add_argument("--status", choices=store.FACT_STATUSES, help="only facts with this status")
    parser.add_argument("--format", default="table", choices=("table", "jsonl", "csv"), help="output format")
    parser.add_argument("--repropose", action="store_true", help="extract the facts of every document again first")
    parser.set_defaults(func=run_facts)


def fact_records(db, *, kind: str | None = None, status: str | None = None) -> list[dict[str, Any]]:
    """The facts as flat records with the CLI's fields (participants as canonical names)."""
    names = store.entity_names(db)
    records = []
    for fact in store.list_facts(db, kind=kind, status=status):
        record = {name: fact.get(name) for name in FIELDS}
        record["participants"] = [names.get(p, p) for p in (fact.get("participants") or [])]
        record["event"] = fact.get("event_id")
        record["flags"] = fact.get("flags") or []
        records.append(record)
    return records


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:g}"
    return str(value)


def run_facts(args: argparse.Namespace) -> int:
    with project_db(args, missing_hint="ingest a folder first (article-review ingest FOLDER)",
                    write=args.repropose) as db:
        if args.repropose:
            from desktop.facts import propose_all

            failures: list[tuple[str, str]] = []
            propose_all(db, failures=failures)
            for path, reason in failures:
                print(f"facts not extracted from {path}: {reason}", file=sys.stderr)
        records = fact_records(db, kind=args.kind, status=args.status)
    out = sys.stdout
    if args.format == "jsonl":
        print_jsonl(records)
    elif args.format == "csv":
        # A quote or a name is third-party text: the one CSV writer lets no cell run as a formula.
        write_csv(out, FIELDS, records)
    else:
        _table(records, out)
    return 0


def _table(records: list[dict[str, Any]], out) -> None:
    if not records:
        out.write("no facts\n")
        return
    for r in records:
        event = is_event(r["kind"])
        when = f"{r['date_start']}..{r['date_end']}" if event else f"{r['period_start']}..{r['period_end']}"
        if not event:
            what = " ".join(p for p in (_cell(r["value"]), r["currency"] or "", format_change(r["change_pct"]),
                                        r["qualifier"] or "") if p)
        else:
            what = f"{', '.join(r['participants'])} @ {r['place'] or '?'} ({r['held'] or '?'})"
        flags = f" [{', '.join(r['flags'])}]" if r["flags"] else ""
        evidence = " ".join((r["evidence"] or "").split())
        if len(evidence) > 90:
            evidence = evidence[:87] + "..."
        out.write(f"{r['id']:>5} {r['kind']:<7} {r['status']:<9} {when:<22} {what}  event={_cell(r['event'])}{flags}\n"
                  f"      {r['file']} @{r['start']}-{r['end']}: {evidence}\n")
