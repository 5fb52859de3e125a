"""The selection of ``ingest --from DIR --where EXPR``: conditions on a document, joined by ``and``.

>>> where = parse_where("published >= 2021-01-01 and source = 'BelTA' and entity = lukashenko")
>>> [(c.field, c.op, c.value) for c in where]
[('published', '>=', '2021-01-01'), ('source', '=', 'BelTA'), ('entity', '=', 'lukashenko')]
>>> matches(where[:2], {"published": "2021-05-01", "source": "BelTA"})
True
>>> parse_where("all")
[]

A field is a document column (``path``, ``title``, ``published``, ``published_source``,
``source``, ``url``), or ``entity`` / ``label``: the document has a span linked to that entity
or with that label (only ``=``). Operators: ``=``, ``!=``, ``<``, ``<=``, ``>``, ``>=`` (as
text: ISO dates compare as dates) and ``~`` (contains, any case). A document without the field
matches no condition on it but ``!=``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from desktop.cluster import ClusterError

DOCUMENT_FIELDS = ("path", "title", "published", "published_source", "source", "url")
SPAN_FIELDS = {"entity": "entity_id", "label": "label"}
_TERM = re.compile(r"""\s*([A-Za-z_]+)\s*(<=|>=|!=|=|<|>|~)\s*("[^"]*"|'[^']*'|[^\s'"]+)\s*""")
_AND = re.compile(r"\s*and\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Condition:
    """``field op value``."""

    field: str
    op: str
    value: str


def parse_where(text: str | None) -> list[Condition]:
    """The conditions of ``text`` (empty or ``all``: every document); a bad one raises ClusterError."""
    text = (text or "").strip()
    if not text or text.lower() == "all":
        return []
    conditions, at = [], 0
    while True:
        match = _TERM.match(text, at)
        if match is None:
            raise ClusterError(f"--where: cannot read {text[at:]!r} (expected FIELD OP VALUE, e.g. "
                               "published >= 2021-01-01; joined by 'and')")
        field, op, value = match.group(1).lower(), match.group(2), match.group(3)
        if field not in DOCUMENT_FIELDS and field not in SPAN_FIELDS:
            raise ClusterError(f"--where: unknown field {field!r} (one of "
                               f"{', '.join(DOCUMENT_FIELDS + tuple(SPAN_FIELDS))})")
        if field in SPAN_FIELDS and op != "=":
            raise ClusterError(f"--where: {field} takes only '=' (a document has a span with that {field})")
        if value[:1] in "'\"":
            value = value[1:-1]
        conditions.append(Condition(field, op, value))
        at = match.end()
        if at == len(text):
            return conditions
        joiner = _AND.match(text, at)
        if joiner is None:
            raise ClusterError(f"--where: expected 'and' before {text[at:]!r}")
        at = joiner.end()


def document_conditions(conditions: list[Condition]) -> list[Condition]:
    """The conditions on document columns (the others need the spans)."""
    return [c for c in conditions if c.field in DOCUMENT_FIELDS]


def span_conditions(conditions: list[Condition]) -> list[tuple[str, str]]:
    """``(span column, value)`` of the conditions on spans."""
    return [(SPAN_FIELDS[c.field], c.value) for c in conditions if c.field in SPAN_FIELDS]


def matches(conditions: list[Condition], document: dict[str, Any]) -> bool:
    """Whether a document row meets every condition on its columns."""
    return all(_holds(c, document.get(c.field)) for c in conditions)


def _holds(condition: Condition, value: Any) -> bool:
    if value is None:
        return condition.op == "!="
    value, wanted = str(value), condition.value
    op = condition.op
    if op == "~":
        return wanted.casefold() in value.casefold()
    return {"=": value == wanted, "!=": value != wanted, "<": value < wanted, "<=": value <= wanted,
            ">": value > wanted, ">=": value >= wanted}[op]


__all__ = ["Condition", "document_conditions", "matches", "parse_where", "span_conditions"]
