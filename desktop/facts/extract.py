"""One document's facts: every registered kind's extractor run over one document context."""

from __future__ import annotations

from typing import Any

from desktop.facts.document import Document
from desktop.facts.kinds import kinds
from desktop.facts.rules import FactRules


def extract_facts(
    text: str,
    published: str | None,
    rules: FactRules,
    *,
    aliases: dict[str, list[str]],
    spans: list[dict[str, Any]] | None = None,
    locations: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Propose facts (rows for the ``facts`` table, without doc_id) from one document.

    ``aliases`` maps each participant's entity id to its names; ``spans`` are the
    stored spans (ids are cited as evidence); ``locations`` maps normalised place
    aliases to canonical place names. Each distinct extractor runs once (the
    meeting extractor proposes calls too).
    """
    doc = Document(text, published, rules, aliases, spans, locations or {})
    facts: list[dict[str, Any]] = []
    done = set()
    for kind in kinds():
        if kind.extract is None or kind.extract in done:
            continue
        done.add(kind.extract)
        facts.extend(kind.extract(doc))
    facts.sort(key=lambda f: (f["start"], f["kind"]))
    return facts
