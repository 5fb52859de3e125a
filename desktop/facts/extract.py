"""One document's facts: every extractor run over one document context."""

from __future__ import annotations

from typing import Any

from desktop.facts.document import Document, _iso
from desktop.facts.meetings import _complete_participants, _dedupe_events, _drop_lede_defaults, _event_candidates
from desktop.facts.rules import FactRules
from desktop.facts.trade import _trade_candidates


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
    aliases to canonical place names.
    """
    doc = Document(text, published, rules, aliases, spans, locations or {})
    participants = set(rules.participants)
    facts: list[dict[str, Any]] = []
    events = _event_candidates(doc)
    events = _complete_participants(events, participants) if participants else events
    events = _drop_lede_defaults(events, doc.published)
    events = _dedupe_events(events, doc.published)
    for cand in events:
        sentence = cand["sentence"]
        facts.append({
            "kind": cand["kind"], "status": "proposed", "source": "rule",
            "date_start": _iso(cand["start_date"]), "date_end": _iso(cand["end_date"]),
            "precision": cand["precision"], "place": cand["place"],
            "participants": sorted(cand["ids"] & participants) if participants else sorted(cand["ids"]),
            "held": cand["held"], "evidence": sentence.text, "start": sentence.start, "end": sentence.end,
            "span_ids": doc.span_ids(cand["used"]), "flags": [],
        })
    for cand in _trade_candidates(doc):
        sentence = cand["sentence"]
        precision = cand["precision"]
        facts.append({
            "kind": "trade", "status": "proposed", "source": "rule",
            "period_start": _iso(cand["period_start"]), "period_end": _iso(cand["period_end"]),
            "precision": precision, "value": cand["value"], "currency": cand["currency"],
            "qualifier": cand["qualifier"], "participants": [], "evidence": sentence.text,
            "start": sentence.start, "end": sentence.end, "span_ids": doc.span_ids(cand["used"]), "flags": [],
        })
    facts.sort(key=lambda f: (f["start"], f["kind"]))
    return facts
