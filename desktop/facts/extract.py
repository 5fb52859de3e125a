"""One document's facts: every registered kind's extractor run over one document context."""

from __future__ import annotations

from typing import Any

from desktop.facts.document import Document
from desktop.facts.glue import unglue
from desktop.facts.kinds import kinds
from desktop.facts.rules import FactRules
from desktop.normalise import iso_day


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
    # A role or a side names a leader only while in office: "the Kazakh president" of 2015 is not Tokayev.
    # A seat held by someone else then ([facts.holders]) is his: in 2015 Nazarbayev's meetings are the profile's.
    rules = rules.in_office(iso_day(published))
    # Only the names of those taking part as of that day: Nazarbayev in 2023 is no participant's name.
    aliases = {entity: names for entity, names in aliases.items() if entity in rules.participants}
    # Words a scraped page glued together ("visitMoscow") are read apart; offsets come back to the stored text.
    unglued = unglue(text, rules)
    if unglued is not None:
        spans = [dict(s, start=unglued.forward(s["start"]), end=unglued.forward(s["end"], end=True))
                 for s in spans or []]
    doc = Document(unglued.text if unglued else text, published, rules, aliases, spans, locations or {})
    facts: list[dict[str, Any]] = []
    done = set()
    for kind in kinds():
        if kind.extract is None or kind.extract in done:
            continue
        done.add(kind.extract)
        facts.extend(kind.extract(doc))
    if unglued is not None:
        for fact in facts:
            start, end = unglued.back(fact["start"]), unglued.back(fact["end"])
            evidence = text[start:end]
            if "\n" not in fact["evidence"]:  # a hard-wrapped sentence's evidence reads its newlines as spaces
                evidence = evidence.replace("\n", " ")
            fact.update(start=start, end=end, evidence=evidence)
    facts.sort(key=lambda f: (f["start"], f["kind"]))
    return facts
