"""Write an ingest's analysed documents: each batch, with its spans and proposed facts, in one transaction.

A changed document keeps the analyst's decisions: a decided span moves to the occurrence of its text
nearest its old offset, or stays, flagged ``text changed``. One document's data that SQLite refuses costs
only that document (skipped at the storing stage); the database's own failures end the run. Used by
:mod:`desktop.ingest` and the cluster's load (:mod:`desktop.cluster.load`).
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from desktop import store
from desktop.analysis import DocumentFailed
from desktop.facts import propose_facts
from desktop.reader import Article

if TYPE_CHECKING:
    from desktop.ingest import Run, Todo

log = logging.getLogger(__name__)

BATCH_DOCS = 64  # documents per transaction
BATCH_SECONDS = 2.0  # ...or fewer, so a slow corpus still commits often
TEXT_CHANGED = "text changed"


def status_after(db, doc_id: int, status: str) -> str:
    """The status of a document that comes back (reappears) or changed text."""
    if status not in ("missing", "verified"):
        return status
    return "in review" if store.decided_span_count(db, doc_id) else "new"


class BatchWriter:
    """Collects processed documents and writes each batch in one transaction."""

    def __init__(self, db, run: Run):
        self.db = db
        self.run = run
        self.items: list[tuple[Todo, Article, list[dict], list[dict] | str | None]] = []
        self.last = time.monotonic()
        self.failed = 0  # documents analysed or stored in vain (they are in run.skipped)

    def add(self, item: Todo, article: Article, rows: list[dict] | DocumentFailed,
            facts: list[dict] | str | None) -> None:
        """One processed document: its span rows and, for a new one, the facts extracted from its Doc."""
        if isinstance(rows, DocumentFailed):
            self._fail(item, rows)
        else:
            self.items.append((item, article, rows, facts))
        if len(self.items) >= BATCH_DOCS or time.monotonic() - self.last > BATCH_SECONDS:
            self.flush()

    def _fail(self, item: Todo, failure: DocumentFailed) -> None:
        log.info("%s: %s", item.rel, failure.message())
        self.run.skipped.append([item.rel, failure.message()])
        self.failed += 1

    def flush(self) -> None:
        """Write the collected documents in one transaction; if that fails for a document's sake,
        each alone, so only the document that cannot be stored is skipped (the storing stage)."""
        items, self.items = self.items, []
        if not items:
            return
        try:
            self._write(items)
        except Exception as exc:  # noqa: BLE001 - sorted below: the database's own failures end the run
            if not _document_error(exc):
                raise
            if len(items) == 1:
                self._fail(items[0][0], DocumentFailed("storing", f"{type(exc).__name__}: {exc}"))
            else:
                for one in items:
                    try:
                        self._write([one])
                    except Exception as exc_one:  # noqa: BLE001
                        if not _document_error(exc_one):
                            raise
                        self._fail(one[0], DocumentFailed("storing", f"{type(exc_one).__name__}: {exc_one}"))
        self.last = time.monotonic()

    def _write(self, items) -> None:
        db, now, doc_ids, new_rows = self.db, store.now(), [], []
        added = changed = 0
        extracted: dict[int, tuple[list[dict] | str, int]] = {}  # doc id -> (facts, position of its first row)
        with store.write_transaction(db):
            for item, article, rows, facts in items:
                if item.doc_id is None:
                    doc_id = store.insert_document(db, **_document_fields(article), ingested_at=now, updated_at=now)
                    added += 1
                    if facts is not None:
                        extracted[doc_id] = (facts, len(new_rows))
                else:
                    doc_id = item.doc_id
                    rows = _replace_document(db, doc_id, article, rows, now)
                    changed += 1
                for row in rows:
                    row["doc_id"] = doc_id
                    row["created_at"] = now
                new_rows.extend(rows)
                doc_ids.append(doc_id)
            first_id = store.insert_spans(db, new_rows)
            if first_id is None and not new_rows:
                first_id = 0  # no span rows, so no fact cites one: the facts extracted stand (not extracted again)
            try:
                with db.atomic():  # a savepoint: a failing extractor must not lose the documents
                    # Events are merged once per run (see _ingest), from the facts queued meanwhile.
                    self.run.facts += int(propose_facts(db, doc_ids, events=False, failures=self.run.facts_failed,
                                                        extracted=_with_span_ids(extracted, first_id)) or 0)
            except sqlite3.DatabaseError:  # damaged, read-only: the run's one line (desktop.cli), never a per-document note
                raise
            except Exception as exc:  # noqa: BLE001
                log.warning("proposing facts failed: %s", exc)
                log.debug("proposing facts failed", exc_info=True)
                self.run.facts_error = f"proposing facts failed: {exc}"
        self.run.added += added
        self.run.changed += changed


def _document_error(exc: Exception) -> bool:
    """True for an error one document's data causes (a value SQLite refuses, a constraint), not the database's
    (busy, full, read-only, corrupt: those end the run, as every other document would fail alike)."""
    if isinstance(exc, (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.DataError)):
        return True
    return not isinstance(exc, (sqlite3.DatabaseError, OSError, MemoryError))


def _with_span_ids(extracted: dict[int, tuple[list[dict] | str, int]], first_id: int | None
                   ) -> dict[int, list[dict] | str]:
    """Facts whose ``span_ids`` are positions in their document's rows, with the stored rows' ids instead."""
    if first_id is None:  # ids not known: those documents are extracted again from the database
        return {}
    out: dict[int, list[dict] | str] = {}
    for doc_id, (facts, base) in extracted.items():
        out[doc_id] = facts if isinstance(facts, str) else [
            dict(f, span_ids=[first_id + base + i for i in f["span_ids"]]) for f in facts]
    return out


def _document_fields(article: Article) -> dict[str, Any]:
    return {
        "path": article.path,
        "hash": article.hash,
        "title": article.title,
        "published": article.published,
        "published_basis": article.published_basis,
        "published_source": article.published_source,
        "text": article.text,
        "encoding": article.encoding,
        "size": article.size,
        "url": article.url,
        "source": article.source,
    }


def _replace_document(db, doc_id: int, article: Article, rows: list[dict], now: str) -> list[dict]:
    """Store the new text of a changed document; return the new span rows still to insert.

    Proposed model/rule spans are replaced. Decided spans (accepted, rejected,
    or added by the analyst) move to the occurrence of their text nearest the
    old offset, or stay where they were, flagged ``text changed``.
    """
    old = store.get_document(db, doc_id)
    fields = _document_fields(article)
    fields.pop("path")
    fields["status"] = status_after(db, doc_id, old["status"])
    fields["updated_at"] = now
    store.update_document(db, doc_id, fields)
    store.delete_proposed_spans(db, doc_id)
    placed: list[tuple[int, int]] = []
    for span in store.span_rows(db, doc_id):
        where = _nearest(article.text, span["text"] or "", span["start"], placed)
        if where is None:
            store.update_span(db, span["id"], {"flag": TEXT_CHANGED})
            continue
        placed.append(where)
        store.update_span(db, span["id"], {"start": where[0], "end": where[1], "flag": None})
    # A new proposal over a decided span would undo the analyst's decision.
    return [r for r in rows if not any(r["start"] < end and r["end"] > start for start, end in placed)]


def _nearest(text: str, needle: str, old_start: int, taken: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    if not needle:
        return None
    taken = set(taken)
    best = None
    for match in re.finditer(re.escape(needle), text):
        where = (match.start(), match.end())
        if where in taken:
            continue
        if best is None or abs(where[0] - old_start) < abs(best[0] - old_start):
            best = where
    return best
