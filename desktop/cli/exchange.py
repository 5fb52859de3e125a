"""``article-review export`` and ``article-review import``.

>>> main(["export", "--format", "jsonl", "-o", "verified.jsonl"])  # doctest: +SKIP
>>> main(["import", "annotations.jsonl"])  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli import CLIError, project_db
from desktop.exchange.common import FORMATS
from desktop.exchange.reading import IMPORT_FORMATS


def register(subparsers) -> None:
    export = subparsers.add_parser(
        "export",
        help="export verified spans, facts, entities or the whole project",
        description="Export what the analyst verified (everything, with a status, with --all). "
        "spans: jsonl | spacy | conll | label-studio | doccano | brat | huggingface; facts: csv | jsonl; "
        "entities: csv | jsonl; project: sqlite.",
    )
    export.add_argument("--db", help="project database (default: the current folder's)")
    export.add_argument("--what", default="spans", choices=("spans", "facts", "entities", "project"),
                        help="what to export (default: spans)")
    export.add_argument("--all", action="store_true",
                        help="every document / fact, with its status, not only verified ones")
    export.add_argument("--format", required=True, dest="fmt", help="file format",
                        choices=sorted({f for formats in FORMATS.values() for f in formats}))
    export.add_argument("--bom", action="store_true", help="start a CSV with a UTF-8 BOM (for Excel)")
    export.add_argument("--split", default="documents", choices=("documents", "sentences", "paragraphs"),
                        help="spacy, huggingface: a record per document (default), sentence or paragraph")
    export.add_argument("--dev", type=float, default=0.0, metavar="SHARE",
                        help="spacy: hold out this share of the articles (e.g. 0.2); -o is then a folder "
                        "that receives train.spacy and dev.spacy")
    export.add_argument("-o", "--output", required=True,
                        help="file to write (replaced atomically), '-' for standard output, "
                        "a folder for brat and for --dev")
    export.set_defaults(func=run_export)

    imp = subparsers.add_parser(
        "import",
        help="apply annotations from Prodigy, doccano, Label Studio, spaCy, brat or CoNLL as analyst decisions",
        description="Read an annotation file (format detected, or --format), place each record in its "
        "article by its text (a whole article, or a sentence or paragraph inside one) and apply its spans "
        "as undoable analyst decisions, one action per article.",
    )
    imp.add_argument("--db", help="project database (default: the current folder's)")
    imp.add_argument("--format", dest="fmt", default="auto", choices=IMPORT_FORMATS,
                     help="the file's format (default: detected and named in the report)")
    imp.add_argument("--dry-run", action="store_true", help="print what would change and change nothing")
    imp.add_argument("--strict", action="store_true",
                     help="apply nothing when any record cannot be applied (default: skip it and apply the rest)")
    imp.add_argument("-v", "--verbose", action="store_true",
                     help="a line per record: accepted (into which document) or skipped (and why)")
    imp.add_argument("file", help="annotation file, or a folder of brat .txt/.ann pairs")
    imp.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    from desktop import exchange

    try:
        exchange.check_combination(args.what, args.fmt, all=args.all, bom=args.bom, split=args.split,
                                   dev=args.dev, path=args.output)
    except exchange.ExchangeError as exc:
        raise CLIError(str(exc)) from None
    to_stdout = args.output == exchange.STDOUT
    output = Path(args.output)
    folder = args.fmt in exchange.FOLDER_FORMATS or args.dev
    if not to_stdout and output.is_dir() and not folder:
        raise CLIError(f"{output} is a folder; give a file name")
    with project_db(args) as db:
        try:
            result = exchange.export_file(db, args.output if to_stdout else output, what=args.what, fmt=args.fmt,
                                          all=args.all, bom=args.bom, split=args.split, dev=args.dev)
        except OSError as exc:
            raise CLIError(f"cannot write {output}: {exc.strerror or exc}") from None
        except exchange.ExchangeError as exc:
            raise CLIError(str(exc)) from None
    if args.what == "spans":
        summary = f"{result.documents} document(s), {result.spans} span(s)"
        if result.records != result.documents:
            summary += f" in {result.records} record(s)"
    elif args.what == "project":
        summary = f"project snapshot ({result.documents} document(s))"
    else:
        summary = f"{result.records} {args.what[:-1] if result.records == 1 else args.what}"
    # With -o -, the data owns standard output: the summary goes to standard error.
    where = "standard output" if to_stdout else str(output)
    also = f" (and {', '.join(result.files)})" if result.files else ""
    print(f"exported {summary} to {where}{also} in {result.seconds:.1f}s", file=sys.stderr if to_stdout else sys.stdout)
    if result.dropped_overlaps:
        print(f"article-review: {result.dropped_overlaps} overlapping span(s) left out of the "
              f"{args.fmt} entities (the longest span is kept)", file=sys.stderr)
    for path, reason in result.skipped[:10]:
        print(f"article-review: skipped in {path}: {reason}", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from desktop import exchange
    from desktop.exchange.reading import FORMAT_NAMES

    with project_db(args, write=True) as db:
        try:
            report = exchange.import_file(db, Path(args.file), fmt=args.fmt, dry_run=args.dry_run,
                                          strict=args.strict)
        except exchange.ExchangeError as exc:
            raise CLIError(str(exc)) from None
    how = "detected" if args.fmt == "auto" else "as asked"
    print(f"format: {FORMAT_NAMES[report.format]} ({how})")
    if args.verbose:
        for where, outcome, detail in report.outcomes:
            print(f"  {where}: {outcome}" + (f" ({detail})" if outcome == "accepted" else f": {detail}"))
    if report.refused:
        print(f"article-review: {report.refused}", file=sys.stderr)
        _print_failures(report, quoted=not args.verbose)
        return 1
    verb = "would import" if report.dry_run else "imported"
    print(
        f"{verb} {report.matched} of {report.records} record(s) into {report.documents} document(s): "
        f"{report.accepted} accepted, {report.rejected} rejected, {report.added} added, "
        f"{report.relabelled} relabelled, {report.linked} linked; {report.verified} document(s) verified"
        + (f"; {report.partial} record(s) placed inside an article" if report.partial else "")
        + (f"; {report.ignored} ignored" if report.ignored else "")
    )
    if report.dry_run:
        for change in report.changes:
            print("  " + describe_change(change))
        print("dry run: nothing was changed")
    _print_failures(report, quoted=not args.verbose)
    for warning in report.warnings[:10]:
        print(f"article-review: {warning}", file=sys.stderr)
    return 1 if report.records and not report.matched and not report.ignored else 0


def _print_failures(report, *, quoted: bool) -> None:
    """What was skipped, on standard error: the counts, and the first records' reasons unless listed already."""
    if report.unreadable:
        print(f"article-review: {report.unreadable} record(s) could not be read and changed nothing",
              file=sys.stderr)
    if report.unmatched:
        print(f"article-review: {report.unmatched} record(s) matched no document", file=sys.stderr)
    if report.not_applied:
        print(f"article-review: {report.not_applied} record(s) in {report.not_applied_documents} document(s) "
              "could not be applied; those documents are unchanged", file=sys.stderr)
    if not quoted:
        return
    for where, reason in report.examples:
        print(f"  {where}: {reason}", file=sys.stderr)
    if report.failed > len(report.examples):
        print(f"  … and {report.failed - len(report.examples)} more (--verbose lists every record)", file=sys.stderr)


def describe_change(change: dict) -> str:
    """One line for what an import does to a document: ``a.txt: 1 added, 3 accepted; new → verified``."""
    parts = [f"{change[k]} {k}" for k in ("added", "accepted", "rejected", "relabelled", "linked") if change[k]]
    before, after = change["status"]
    status = f"{before} → {after}" if before != after else after
    return f"{change['file']}: {', '.join(parts) or 'no span changes'}; {status}"
