"""Export verified data in the formats the field uses, and import annotations back.

>>> from desktop.store import open_db
>>> db = open_db(":memory:")
>>> result = export_file(db, "/tmp/spans.jsonl", what="spans", fmt="jsonl")  # doctest: +SKIP
>>> import_file(db, "/tmp/spans.jsonl").matched  # doctest: +SKIP

Formats (``what`` / ``fmt``):

* spans: ``jsonl`` (Prodigy / spaCy shape, one document a line), ``spacy``
  (DocBin for ``spacy train``), ``conll`` (CoNLL-2003-style IOB2);
* facts: ``csv``, ``jsonl``; entities: ``csv``, ``jsonl``;
* project: ``sqlite`` (a consistent snapshot made with SQLite's backup API).

Only verified documents and confirmed facts leave the app unless ``all=True``,
which adds every document/fact and a ``status`` field or column. In a verified
document every span not rejected counts as accepted: verifying the document is
the analyst's statement that what is left is right.

Span edges inside a token: the exact character offsets are kept, and the token
indices come from ``doc.char_span(..., alignment_mode="expand")`` (the smallest
run of tokens covering the span). Overlapping spans: JSONL holds them all; the
DocBin puts every span in ``doc.spans["sc"]`` and the non-overlapping subset
chosen by :func:`spacy.util.filter_spans` (longest in tokens wins, ties go to
the earlier one) in ``doc.ents``; CoNLL holds the same subset as ``doc.ents``
and reports how many spans it dropped.

Every file is written to a temporary file in the target's folder and renamed
into place (:func:`atomic_write`), so an interrupted export leaves no half file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import sqlite_utils

from desktop import history, store

FORMATS: dict[str, tuple[str, ...]] = {
    "spans": ("jsonl", "spacy", "conll"),
    "facts": ("csv", "jsonl"),
    "entities": ("csv", "jsonl"),
    "project": ("sqlite",),
}
SUFFIXES = {"jsonl": ".jsonl", "spacy": ".spacy", "conll": ".conll", "csv": ".csv", "sqlite": ".sqlite"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ANSWERS = ("accept", "reject", "ignore")
# Import statuses a record may put a document in (a fresh folder's file is never "missing").
IMPORT_DOC_STATUSES = ("new", "in review", "verified")
EXAMPLES = 5  # how many unmatched records an import report quotes

FACT_COLUMNS = (
    "fact_id", "kind", "status", "source", "date_start", "date_end", "precision", "place", "held",
    "participants", "participant_names", "period_start", "period_end", "value", "currency", "change_pct", "qualifier",
    "evidence", "file", "start", "end", "published", "event_id", "flags",
)
ENTITY_COLUMNS = ("id", "name", "label", "aliases", "mentions", "accepted", "source")


class ExchangeError(ValueError):
    """An export or import that cannot run: bad combination, unreadable file..."""


@dataclass
class ExportResult:
    """What an export wrote."""

    path: str
    what: str
    format: str
    records: int = 0  # lines, rows or documents written
    documents: int = 0
    spans: int = 0
    dropped_overlaps: int = 0  # spans CoNLL (or doc.ents) could not hold
    skipped: list[list[str]] = field(default_factory=list)  # [file, reason]
    cancelled: bool = False
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ExportProgress:
    """One step of an export: ``done`` of ``total``; the last one carries ``result``."""

    done: int
    total: int
    message: str = ""
    result: ExportResult | None = None


@dataclass
class ImportReport:
    """What an import applied, and the records it could not."""

    records: int = 0
    matched: int = 0
    ignored: int = 0
    documents: int = 0
    verified: int = 0
    accepted: int = 0
    rejected: int = 0
    added: int = 0
    relabelled: int = 0
    linked: int = 0
    unmatched: int = 0
    examples: list[list[Any]] = field(default_factory=list)  # [line, reason] of the first unmatched
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# ---------------------------------------------------------------- helpers


def check_combination(what: str, fmt: str, *, all: bool = False, bom: bool = False) -> None:
    """Raise :class:`ExchangeError` (one line) for an export that makes no sense."""
    if what not in FORMATS:
        raise ExchangeError(f"cannot export {what!r}: choose one of {', '.join(FORMATS)}")
    if fmt not in FORMATS[what]:
        raise ExchangeError(f"{what} cannot be exported as {fmt}: use {' or '.join(FORMATS[what])}")
    if bom and fmt != "csv":
        raise ExchangeError("--bom applies to CSV only")
    if all and what in ("entities", "project"):
        raise ExchangeError(f"--all does not apply to {what} (they are always exported whole)")


def text_hash(text: str) -> str:
    """sha256 of a text as UTF-8: how an import finds the document a record is about."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _hash32(*parts: str) -> int:
    # Prodigy's _input_hash/_task_hash are signed 32-bit ints; any stable digest will do.
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:4], "big", signed=True)


def neutralise(value: Any) -> Any:
    """A CSV cell that cannot run as a spreadsheet formula (OWASP: prefix ``'``).

    Only text is touched: numbers stay numbers, so -5 in a numeric column is -5.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _json_line(record: dict[str, Any]) -> str:
    # U+2028/2029 are line breaks to some JSONL readers (and str.splitlines): keep them escaped.
    line = json.dumps(record, ensure_ascii=False)
    return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def _temporary_name(path: Path) -> Path:
    return path.parent / f".{path.name}.{secrets.token_hex(4)}.part"


def _temporary_file(path: Path) -> tuple[int, Path]:
    # Not tempfile.mkstemp: its files are 0600; an export gets the usual umask-based mode.
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = _temporary_name(path)
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue


@contextmanager
def atomic_write(path: str | Path, *, mode: str = "w", encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO]:
    """Write ``path`` through a temporary file in its folder, renamed into place on success.

    If the body raises (or a generator holding it is closed), the temporary file
    is removed and ``path`` is left as it was.
    """
    path = Path(path)
    fd, tmp = _temporary_file(path)
    try:
        if "b" in mode:
            handle = os.fdopen(fd, mode)
        else:
            handle = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _blank_nlp(*, sentences: bool = False):
    import spacy  # lazy: the window shows before spaCy loads

    nlp = spacy.blank("en")
    nlp.max_length = 10**9  # tokenizer only: long articles cost no model memory
    if sentences:
        nlp.add_pipe("sentencizer")
    return nlp


# ---------------------------------------------------------------- reading the store


def _export_documents(db: sqlite_utils.Database, *, all: bool) -> list[int]:
    return store.document_ids_by_path(db, status=None if all else "verified")


def _export_spans(db: sqlite_utils.Database, doc_id: int, *, all: bool) -> list[dict[str, Any]]:
    spans = store.spans_for_document(db, doc_id, include_rejected=all)
    # Ordered by content, not by id, so the same annotations give the same file in any database.
    return sorted(spans, key=lambda s: (s["start"], s["end"], s["label"], s["id"]))


def _document_record(nlp, doc_row: dict[str, Any], spans: list[dict[str, Any]], *, all: bool,
                     result: ExportResult) -> tuple[dict[str, Any], Any, list[tuple[Any, dict[str, Any]]]]:
    """The JSONL record of a document, its spaCy Doc and its (Span, row) pairs."""
    text = doc_row["text"]
    doc = nlp(text)
    out_spans, entity_ids, pairs = [], [], []
    for span in spans:
        start, end = span["start"], span["end"]
        sp = doc.char_span(start, end, label=span["label"], kb_id=span["entity_id"] or "",
                           alignment_mode="expand") if 0 <= start < end <= len(text) else None
        if sp is None:
            result.skipped.append([doc_row["path"], f"span {start}..{end} {span['label']} is outside the text"])
            continue
        item = {"start": start, "end": end, "token_start": sp.start, "token_end": sp.end - 1,
                "label": span["label"], "text": text[start:end], "entity": span["entity_id"],
                "source": span["source"]}
        if all:
            item["status"] = span["status"]
        out_spans.append(item)
        entity_ids.append(span["entity_id"])
        pairs.append((sp, span))
    tokens = [{"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
              for t in doc]
    meta = {"file": doc_row["path"], "title": doc_row["title"], "published": doc_row["published"],
            "hash": doc_row["hash"], "entities": entity_ids}
    if all:
        meta["status"] = doc_row["status"]
    input_hash = _hash32(text)
    record = {
        "text": text,
        "spans": out_spans,
        "tokens": tokens,
        "meta": meta,
        "_input_hash": input_hash,
        "_task_hash": _hash32(str(input_hash), json.dumps(out_spans, sort_keys=True)),
        "answer": "accept",
    }
    return record, doc, pairs


# ---------------------------------------------------------------- export


class _Cancelled(Exception):
    pass


def export(
    db: sqlite_utils.Database,
    path: str | Path,
    *,
    what: str = "spans",
    fmt: str = "jsonl",
    all: bool = False,
    bom: bool = False,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[ExportProgress]:
    """Export ``what`` as ``fmt`` to ``path``, yielding progress; the last item carries the result.

    ``cancel()`` is polled between records; a cancelled export leaves ``path`` untouched.
    """
    check_combination(what, fmt, all=all, bom=bom)
    result = ExportResult(path=str(path), what=what, format=fmt)
    started = time.perf_counter()
    cancel = cancel or (lambda: False)
    writers = {
        ("spans", "jsonl"): _spans_jsonl,
        ("spans", "spacy"): _spans_docbin,
        ("spans", "conll"): _spans_conll,
        ("facts", "csv"): _facts_table,
        ("facts", "jsonl"): _facts_table,
        ("entities", "csv"): _entities_table,
        ("entities", "jsonl"): _entities_table,
        ("project", "sqlite"): _project_sqlite,
    }
    try:
        # One state of the project even while the window commits on its own connection;
        # the project copy takes its own consistent state through SQLite's backup API.
        with nullcontext() if what == "project" else store.read_snapshot(db):
            yield from writers[(what, fmt)](db, Path(path), result, all=all, bom=bom, cancel=cancel)
    except _Cancelled:
        result.cancelled = True
    result.seconds = round(time.perf_counter() - started, 3)
    yield ExportProgress(result.records, result.records, "cancelled" if result.cancelled else "done", result)


def export_file(db: sqlite_utils.Database, path: str | Path, **options: Any) -> ExportResult:
    """Run :func:`export` to the end and return its result (the CLI's entry point)."""
    last = None
    for last in export(db, path, **options):
        pass
    return last.result


def _check(cancel: Callable[[], bool]) -> None:
    if cancel():
        raise _Cancelled


def _document_records(db, ids: list[int], nlp, result: ExportResult, *, all: bool, cancel):
    """Each document of ``ids`` as (row, record, doc, pairs), checking ``cancel`` before each."""
    for doc_id in ids:
        _check(cancel)
        row = store.get_document(db, doc_id)
        record, doc, pairs = _document_record(nlp, row, _export_spans(db, doc_id, all=all), all=all, result=result)
        yield row, record, doc, pairs


def _spans_jsonl(db, path, result, *, all, bom, cancel):
    ids = _export_documents(db, all=all)
    nlp = _blank_nlp()
    yield ExportProgress(0, len(ids), "tokenising")
    with atomic_write(path, newline="\n") as out:
        records = _document_records(db, ids, nlp, result, all=all, cancel=cancel)
        for n, (row, record, _, pairs) in enumerate(records, 1):
            out.write(_json_line(record))
            result.documents += 1
            result.records += 1
            result.spans += len(pairs)
            yield ExportProgress(n, len(ids), row["path"])


def _training_pairs(pairs, *, all: bool):
    # Training files hold no negative examples: rejected spans stay out of ents and "sc".
    kept = [(sp, row) for sp, row in pairs if row["status"] != "rejected"]
    rejected = [sp for sp, row in pairs if row["status"] == "rejected"] if all else []
    return [sp for sp, _ in kept], rejected


def _spans_docbin(db, path, result, *, all, bom, cancel):
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    ids = _export_documents(db, all=all)
    nlp = _blank_nlp()
    doc_bin = DocBin(store_user_data=True)
    yield ExportProgress(0, len(ids), "tokenising")
    records = _document_records(db, ids, nlp, result, all=all, cancel=cancel)
    for n, (row, _, doc, pairs) in enumerate(records, 1):
        spans, rejected = _training_pairs(pairs, all=all)
        ents = filter_spans(spans)
        doc.ents = ents
        doc.spans["sc"] = spans
        if all:
            doc.spans["rejected"] = rejected
        doc.user_data["meta"] = {"file": row["path"], "title": row["title"], "published": row["published"],
                                 "hash": row["hash"], "status": row["status"]}
        doc_bin.add(doc)
        result.documents += 1
        result.records += 1
        result.spans += len(spans)
        result.dropped_overlaps += len(spans) - len(ents)
        yield ExportProgress(n, len(ids), row["path"])
    _check(cancel)
    with atomic_write(path, mode="wb", encoding=None) as out:
        out.write(doc_bin.to_bytes())


def _spans_conll(db, path, result, *, all, bom, cancel):
    from spacy.util import filter_spans

    ids = _export_documents(db, all=all)
    nlp = _blank_nlp(sentences=True)
    yield ExportProgress(0, len(ids), "tokenising")
    with atomic_write(path, newline="\n") as out:
        records = _document_records(db, ids, nlp, result, all=all, cancel=cancel)
        for n, (row, _, doc, pairs) in enumerate(records, 1):
            spans, _ = _training_pairs(pairs, all=all)
            ents = filter_spans(spans)
            result.dropped_overlaps += len(spans) - len(ents)
            out.write("-DOCSTART- -X- -X- O\n\n")
            out.write(_conll_lines(doc, ents))
            result.documents += 1
            result.records += 1
            result.spans += len(ents)
            yield ExportProgress(n, len(ids), row["path"])


def _conll_lines(doc, ents) -> str:
    """``token _ _ TAG`` lines (IOB2), a blank line after each sentence.

    Whitespace tokens have no place in a column format and are left out; a
    sentence boundary that falls inside an entity is ignored so no entity is split.
    """
    tags = ["O"] * len(doc)
    inside = [False] * len(doc)
    for ent in ents:
        for i in range(ent.start, ent.end):
            tags[i] = ("B-" if i == ent.start else "I-") + ent.label_
            inside[i] = i != ent.start
    lines: list[str] = []
    sentence: list[str] = []
    for token in doc:
        if token.is_sent_start and not inside[token.i] and sentence:
            lines.extend(sentence)
            lines.append("")
            sentence = []
        if token.text.isspace() or not token.text:
            continue
        sentence.append(f"{token.text} _ _ {tags[token.i]}")
    if sentence:
        lines.extend(sentence)
        lines.append("")
    return "".join(line + "\n" for line in lines)


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


def _facts_table(db, path, result, *, all, bom, cancel):
    facts = store.list_facts(db, status=None if all else "confirmed")
    names = store.entity_names(db)
    columns = [c for c in FACT_COLUMNS if all or c != "status"]
    rows = (_fact_row(f, names) for f in facts)
    yield from _write_table(path, rows, len(facts), columns, result, fmt=result.format, bom=bom, cancel=cancel)


def _entities_table(db, path, result, *, all, bom, cancel):
    entities = sorted(store.list_entities(db), key=lambda e: e["id"])
    rows = (_entity_row(e) for e in entities)
    yield from _write_table(path, rows, len(entities), ENTITY_COLUMNS, result, fmt=result.format, bom=bom,
                            cancel=cancel)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        value = "; ".join("" if v is None else str(v) for v in value)
    if value is None:
        return ""
    return neutralise(value)


def _write_table(path, rows: Iterable[dict[str, Any]], total: int, columns, result, *, fmt, bom, cancel):
    yield ExportProgress(0, total, "writing")
    encoding = "utf-8-sig" if bom else "utf-8"
    # csv wants newline="" and writes \r\n line ends, as RFC 4180 and Excel expect.
    with atomic_write(path, encoding=encoding, newline="" if fmt == "csv" else "\n") as out:
        writer = csv.writer(out) if fmt == "csv" else None
        if writer:
            writer.writerow(columns)
        for n, row in enumerate(rows, 1):
            _check(cancel)
            row = {c: row[c] for c in columns}
            if writer:
                writer.writerow([_csv_cell(row[c]) for c in columns])
            else:
                out.write(_json_line(row))
            result.records += 1
            if n % 200 == 0 or n == total:
                yield ExportProgress(n, total, "writing")


def _project_sqlite(db, path, result, *, all, bom, cancel):
    pages = store.page_count(db)
    yield ExportProgress(0, pages, "copying")
    fd, tmp = _temporary_file(path)
    os.close(fd)
    try:
        store.copy_database(db, tmp)
        _check(cancel)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    result.records = 1
    result.documents = store.count_documents(db)["total"]
    yield ExportProgress(pages, pages, "copied")


# ---------------------------------------------------------------- import


def _read_records(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
    """``(line number, record or None, reason)`` for every non-empty line of a JSONL file."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ExchangeError(f"cannot read {path}: {exc.strerror or exc}") from None
    with handle:
        for number, raw in enumerate(handle, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                # Each line on its own: one bad line is reported, the others still apply.
                yield number, None, "not UTF-8 text"
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield number, None, f"not JSON ({exc.msg})"
                continue
            if not isinstance(record, dict):
                yield number, None, "not a JSON object"
                continue
            yield number, record, ""


def _record_spans(record: dict[str, Any], text: str, report: ImportReport, number: int) -> list[dict[str, Any]]:
    """The record's spans, checked against the text; bad ones are reported and skipped."""
    spans = record.get("spans") or []
    if not isinstance(spans, list):
        report.warnings.append(f"line {number}: 'spans' is not a list; ignored")
        return []
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    meta_entities = meta.get("entities") if isinstance(meta.get("entities"), list) else None
    if meta_entities is not None and len(meta_entities) != len(spans):
        meta_entities = None
    checked = []
    for i, span in enumerate(spans):
        if not isinstance(span, dict):
            report.warnings.append(f"line {number}: span {i} is not an object; skipped")
            continue
        start, end, label = span.get("start"), span.get("end"), span.get("label")
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(label, str) and label):
            report.warnings.append(f"line {number}: span {i} needs integer start/end and a label; skipped")
            continue
        if not (0 <= start < end <= len(text)) or not text[start:end].strip():
            report.warnings.append(f"line {number}: span {start}..{end} is outside the text or blank; skipped")
            continue
        item = {"start": start, "end": end, "label": label, "status": span.get("status", "accepted"),
                "source": span.get("source")}
        if item["status"] not in store.SPAN_STATUSES:
            item["status"] = "accepted"
        if "entity" in span:
            item["entity"] = span["entity"]
        elif meta_entities is not None:
            item["entity"] = meta_entities[i]
        checked.append(item)
    return checked


def import_file(db: sqlite_utils.Database, path: str | Path) -> ImportReport:
    """Apply a Prodigy/spaCy or Article Review JSONL file as analyst decisions.

    Records are matched to documents by the sha256 of their text. Each matched
    document is changed in one undoable action: for ``answer: accept`` the
    record's spans are accepted (added as analyst spans when missing, relabelled
    when the same offsets carry another label), the document's other spans are
    rejected, entity links are restored and the document becomes verified (or
    takes the status of our own ``--all`` export). ``answer: reject`` rejects
    the record's spans and leaves the rest; ``ignore`` is counted and skipped.
    """
    path = Path(path)
    if not path.is_file():
        raise ExchangeError(f"no file {path}")
    from desktop.facts import fact_context
    from desktop.profile import ProfileError

    warnings = []
    try:
        context = fact_context(db)
    except ProfileError as exc:
        context = None
        warnings.append(f"facts not re-proposed: {exc}")
    by_hash: dict[str, list[int]] = {}
    for row in store.document_texts(db):
        by_hash.setdefault(text_hash(row["text"]), []).append(row["id"])
    entities = set(store.entity_names(db))
    report = ImportReport(warnings=warnings)
    touched: set[int] = set()
    for number, record, reason in _read_records(path):
        report.records += 1
        if record is not None:
            reason = _unmatched_reason(record, by_hash)
        if reason:
            report.unmatched += 1
            if len(report.examples) < EXAMPLES:
                report.examples.append([number, reason])
            continue
        answer = record.get("answer", "accept")
        if answer == "ignore":
            report.ignored += 1
            continue
        report.matched += 1
        spans = _record_spans(record, record["text"], report, number)
        meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
        for doc_id in by_hash[text_hash(record["text"])]:
            _apply_record(db, doc_id, spans, answer, meta.get("status"), entities, report, number, context)
            touched.add(doc_id)
    report.documents = len(touched)
    history.log_system(
        db, "import",
        f"import {path.name}: {report.matched} records matched, {report.unmatched} unmatched, "
        f"{report.documents} documents",
    )
    return report


def _unmatched_reason(record: dict[str, Any], by_hash: dict[str, list[int]]) -> str:
    text = record.get("text")
    if not isinstance(text, str):
        return "no 'text' field"
    answer = record.get("answer", "accept")
    if answer not in ANSWERS:
        return f"answer {answer!r} is not accept, reject or ignore"
    if text_hash(text) not in by_hash:
        preview = " ".join(text.split())[:40]
        return f"no document has this text ({preview!r})"
    return ""


def _apply_record(db, doc_id: int, spans: list[dict[str, Any]], answer: str, doc_status: Any,
                  entities: set[str], report: ImportReport, number: int, context) -> None:
    doc = store.get_document(db, doc_id)
    existing = store.spans_for_document(db, doc_id)
    by_key: dict[tuple[int, int, str], list[dict[str, Any]]] = {}
    by_offsets: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for s in existing:
        by_key.setdefault((s["start"], s["end"], s["label"]), []).append(s)
        by_offsets.setdefault((s["start"], s["end"]), []).append(s)
    wanted = {(s["start"], s["end"], s["label"]) for s in spans}
    used: set[int] = set()
    with history.action(db, "import", summary=f"import annotations for {doc['path']}", doc_id=doc_id) as act:
        for span in spans:
            key = (span["start"], span["end"], span["label"])
            target_status = "rejected" if answer == "reject" else span["status"]
            same = by_key.get(key, [])
            # Duplicates (a model and a rule span on the same words) are matched one to one.
            row = next((s for s in same if s["id"] not in used), None)
            if row is None and answer == "accept":
                # Same offsets, another label the record does not keep: the analyst relabelled it.
                row = next((s for s in by_offsets.get(key[:2], [])
                            if s["id"] not in used and (s["start"], s["end"], s["label"]) not in wanted), None)
            entity = _entity_of(span, entities, report, number)
            if row is None:
                if answer == "reject":
                    continue
                if "entity" not in span:
                    entity = store.entity_for_alias(db, doc["text"][span["start"]:span["end"]])
                source = span["source"] if span["source"] in store.SPAN_SOURCES else "analyst"
                new_id = act.insert("spans", {
                    "doc_id": doc_id, "start": span["start"], "end": span["end"], "label": span["label"],
                    "text": doc["text"][span["start"]:span["end"]], "entity_id": entity, "source": source,
                    "status": target_status, "created_at": store.now()})
                used.add(new_id)
                report.added += 1
                continue
            used.add(row["id"])
            changes: dict[str, Any] = {}
            if row["label"] != span["label"]:
                changes["label"] = span["label"]
                report.relabelled += 1
            if row["status"] != target_status:
                changes["status"] = target_status
                report.accepted += target_status == "accepted"
                report.rejected += target_status == "rejected"
            if "entity" in span and entity != row["entity_id"] and answer == "accept":
                changes["entity_id"] = entity
                report.linked += 1
            if changes:
                act.update("spans", row["id"], flag=None, **changes)
        if answer == "accept":
            for row in existing:
                if row["id"] not in used and row["status"] != "rejected":
                    act.update("spans", row["id"], status="rejected", flag=None)
                    report.rejected += 1
            status = doc_status if doc_status in IMPORT_DOC_STATUSES else "verified"
        else:
            status = "in review" if doc["status"] == "new" else doc["status"]
        if doc["status"] != status:
            act.update("documents", doc_id, status=status)
        report.verified += status == "verified" and doc["status"] != "verified"
        if context is not None and act.changes:
            # Facts rest on the spans that are not rejected: re-propose them in the same undoable action.
            from desktop.events import rebuild_events
            from desktop.facts import repropose_in_action

            mark = act.changes
            repropose_in_action(act, db, doc_id, context)
            if act.changes != mark:
                rebuild_events(db, act=act)


def _entity_of(span: dict[str, Any], entities: set[str], report: ImportReport, number: int) -> str | None:
    entity = span.get("entity")
    if entity is None:
        return None
    if not isinstance(entity, str) or entity not in entities:
        report.warnings.append(f"line {number}: unknown entity {entity!r}; link not restored")
        span.pop("entity", None)
        return None
    return entity


def default_suffix(fmt: str) -> str:
    """The usual file suffix of a format (``.jsonl``...)."""
    return SUFFIXES[fmt]


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Every record of a JSONL file (for tests and scripts)."""
    with io.open(path, encoding="utf-8-sig") as handle:
        return [json.loads(line) for line in handle if line.strip()]
