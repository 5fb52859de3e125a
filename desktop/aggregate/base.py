"""What both plot models share: the fact rows of some kinds, by id, followed one change at a time."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from desktop import store
from desktop.aggregate.sources import NO_RULES, DocumentInfo, StatisticsRules


class _FactModel:
    """Shared bookkeeping: the fact rows of some kinds, by id, and the articles they come from."""

    kinds: tuple[str, ...] = ()
    # Whether what is drawn depends on the articles (publisher, country): if not, none is read.
    uses_documents = True

    def __init__(self, rows: Iterable[dict[str, Any]] = (), docs: Iterable[DocumentInfo] = (), *,
                 sources: StatisticsRules | None = None):
        self.version = 0  # bumped on every change that alters what is drawn
        self.sources = sources or NO_RULES  # whose statistics a figure is (the trade series' countries)
        self._load(rows, docs)

    def _load(self, rows: Iterable[dict[str, Any]], docs: Iterable[DocumentInfo]) -> None:
        self._docs: dict[int, DocumentInfo] = {d.id: d for d in docs}
        self._rows: dict[int, dict[str, Any]] = {r["id"]: r for r in rows if r.get("kind") in self.kinds}
        self._rebuild()

    def reload(self, db: sqlite_utils.Database) -> None:
        """Read every fact again (the change feed no longer reaches back to the last look)."""
        rows = store.plot_facts(db, self.kinds)
        self._load(rows, self.documents_of(db, rows, self.sources))
        self.version += 1

    @classmethod
    def documents_of(cls, db: sqlite_utils.Database, rows: Iterable[dict[str, Any]],
                     sources: StatisticsRules) -> list[DocumentInfo]:
        """The articles of fact ``rows`` as the model needs them (none for a model that does not use them)."""
        if not cls.uses_documents:
            return []
        return [sources.document_info(d) for d in store.plot_documents(db, {r["doc_id"] for r in rows})]

    def _rebuild(self) -> None:
        raise NotImplementedError

    def add_documents(self, docs: Iterable[DocumentInfo]) -> None:
        """Make articles known (call before applying facts of new articles)."""
        for doc in docs:
            self._docs[doc.id] = doc

    def missing_documents(self, rows: Iterable[dict[str, Any] | None]) -> set[int]:
        """Doc ids of ``rows`` this model does not know yet."""
        if not self.uses_documents:
            return set()
        return {r["doc_id"] for r in rows if r and r.get("kind") in self.kinds and r.get("doc_id") not in self._docs}

    def row(self, fact_id: int) -> dict[str, Any] | None:
        """The fact row the model holds for ``fact_id``."""
        return self._rows.get(fact_id)

    def apply_fact_change(self, old_row: dict[str, Any] | None, new_row: dict[str, Any] | None) -> bool:
        """Follow one written fact (None for an insert's "before" or a delete's "after"); True if the plot changes."""
        fact_id = (new_row or old_row or {}).get("id")
        if fact_id is None:
            return False
        if new_row is not None and new_row.get("kind") not in self.kinds:
            new_row = None
        held = self._rows.pop(fact_id, None)
        if new_row is not None:
            self._rows[fact_id] = new_row
        if held is None and new_row is None:
            return False
        changed = self._update(fact_id, held, new_row)
        if changed:
            self.version += 1
        return changed

    def _update(self, fact_id: int, old: dict | None, new: dict | None) -> bool:
        raise NotImplementedError
