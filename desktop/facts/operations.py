"""The analyst's operations on facts: confirm, reject, edit, add (each one undoable action).

The merged events follow on their own: the history brings them up to date in
each action's transaction (:func:`desktop.events.update_events`).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import sqlite_utils

from desktop import store
from desktop.facts.kinds import MEETING_STATUSES, PRECISIONS, TRADE_QUALIFIERS, FactError, get_kind
from desktop.history import action


def get_fact(db: sqlite_utils.Database, fact_id: int) -> dict[str, Any]:
    """One fact row; raises :class:`FactError` if there is none."""
    fact = store.get_row(db, "facts", fact_id)
    if fact is None:
        raise FactError(f"no fact {fact_id}")
    return fact


def _check_date(name: str, value: Any) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise FactError(f"{name} must be an ISO date (YYYY-MM-DD), not {value!r}")
    try:
        _dt.date.fromisoformat(value.strip())
    except ValueError:
        raise FactError(f"{name} {value!r} is not a calendar date") from None
    return value.strip()


def validate_slots(db: sqlite_utils.Database, kind: str, slots: dict[str, Any], current: dict[str, Any] | None = None
                   ) -> dict[str, Any]:
    """Check and normalise slot values for a fact of ``kind``; raises :class:`FactError`."""
    registered = get_kind(kind)  # FactError for a kind nobody registered
    allowed = registered.slots
    unknown = sorted(set(slots) - set(allowed))
    if unknown:
        raise FactError(f"a {kind} fact has no slot {unknown[0]!r} (slots: {', '.join(allowed)})")
    out = dict(slots)
    for name in ("date_start", "date_end", "period_start", "period_end"):
        if name in out:
            out[name] = _check_date(name, out[name])
    current = current or {}
    prefix = "date" if registered.shape == "event" else "period"
    start = out.get(f"{prefix}_start", current.get(f"{prefix}_start"))
    end = out.get(f"{prefix}_end", current.get(f"{prefix}_end"))
    if f"{prefix}_start" in out and f"{prefix}_end" not in out and start and (not end or end < start):
        out[f"{prefix}_end"] = end = start
    if start and end and end < start:
        raise FactError(f"{prefix}_end {end} is before {prefix}_start {start}")
    if "precision" in out and out["precision"] not in (None, *PRECISIONS):
        raise FactError(f"precision must be one of {', '.join(PRECISIONS)}")
    if "held" in out and out["held"] not in (None, *MEETING_STATUSES):
        raise FactError(f"held must be one of {', '.join(MEETING_STATUSES)}, not {out['held']!r}")
    if "place" in out:
        out["place"] = (out["place"] or "").strip() or None
    if "participants" in out:
        value = out["participants"]
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)):
            raise FactError("participants must be a list of entity ids")
        ids = []
        for item in value:
            entity = store.get_row(db, "entities", item) or _entity_by_name(db, item)
            if entity is None:
                raise FactError(f"unknown entity {item!r} in participants")
            ids.append(entity["id"])
        out["participants"] = sorted(set(ids))
    if "value" in out and out["value"] is not None:
        if isinstance(out["value"], str) and out["value"].strip().endswith("%"):
            raise FactError("a percentage is not a value: put a change such as +12 or -2.3 in change_pct")
        try:
            out["value"] = float(str(out["value"]).replace(",", ""))
        except ValueError:
            raise FactError(f"value must be a number, not {out['value']!r}") from None
        if out["value"] < 0:
            raise FactError("value cannot be negative")
    if "currency" in out and out["currency"] is not None:
        currency = str(out["currency"]).strip().upper() or None
        if currency == "%":
            raise FactError("a percentage is not a currency: put a change such as +12 or -2.3 in change_pct")
        if currency is not None and not re.fullmatch(r"[A-Z]{3}", currency):
            raise FactError(f"currency must be an ISO code such as USD or RUB, not {out['currency']!r}")
        out["currency"] = currency
    if "change_pct" in out and out["change_pct"] is not None:
        out["change_pct"] = _percent(out["change_pct"])
    if "qualifier" in out and out["qualifier"] not in (None, "", *TRADE_QUALIFIERS):
        raise FactError(f"qualifier must be one of {', '.join(TRADE_QUALIFIERS)} or empty")
    if out.get("qualifier") == "":
        out["qualifier"] = None
    return out


def _percent(value: Any) -> float:
    """A signed change in percent from a number or text: 12, "+12", "-2.3%", "−2,3" (a decimal comma)."""
    if isinstance(value, bool):
        raise FactError(f"change_pct must be a signed number of percent such as 12 or -2.3, not {value!r}")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace("\u2212", "-").removesuffix("%").strip().replace(" ", "")
        if re.fullmatch(r"[+-]?\d+,\d+", text):
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise FactError(f"change_pct must be a signed number of percent such as 12 or -2.3, not {value!r}") from None
    if number != number or abs(number) == float("inf"):
        raise FactError(f"change_pct must be a finite number, not {value!r}")
    return number


def _entity_by_name(db: sqlite_utils.Database, name: str) -> dict[str, Any] | None:
    entity_id = store.entity_for_alias(db, name)
    return store.get_row(db, "entities", entity_id) if entity_id else None


def confirm_fact(db: sqlite_utils.Database, fact_id: int) -> dict[str, Any]:
    """Confirm a fact as proposed."""
    fact = get_fact(db, fact_id)
    with action(db, "confirm fact", summary=f"confirm {fact['kind']} #{fact_id}", doc_id=fact["doc_id"]) as act:
        act.update("facts", fact_id, status="confirmed")
    return get_fact(db, fact_id)


def reject_fact(db: sqlite_utils.Database, fact_id: int) -> dict[str, Any]:
    """Reject a fact: it stays, hidden from events, and is not proposed again."""
    fact = get_fact(db, fact_id)
    with action(db, "reject fact", summary=f"reject {fact['kind']} #{fact_id}", doc_id=fact["doc_id"]) as act:
        act.update("facts", fact_id, status="rejected")
    return get_fact(db, fact_id)


def edit_fact(db: sqlite_utils.Database, fact_id: int, **slots: Any) -> dict[str, Any]:
    """Correct slots of a fact (validated); editing confirms it."""
    fact = get_fact(db, fact_id)
    values = validate_slots(db, fact["kind"], slots, fact)
    names = ", ".join(sorted(values)) or "nothing"
    with action(db, "edit fact", summary=f"edit {fact['kind']} #{fact_id}: {names}", doc_id=fact["doc_id"]) as act:
        act.update("facts", fact_id, status="confirmed", **values)
    return get_fact(db, fact_id)


def add_fact(db: sqlite_utils.Database, doc_id: int, kind: str, start: int, end: int, **slots: Any) -> int:
    """Add a fact by hand; its evidence is the text in ``[start, end)``. Returns its id."""
    doc = store.get_document(db, doc_id)
    if doc is None:
        raise FactError(f"no document {doc_id}")
    if not (0 <= start < end <= len(doc["text"])) or not doc["text"][start:end].strip():
        raise FactError(f"evidence offsets {start}..{end} do not select text (0..{len(doc['text'])})")
    values = validate_slots(db, kind, slots)
    if get_kind(kind).shape == "event":
        values.setdefault("participants", [])
        values.setdefault("held", "held")
        if values.get("date_start") and not values.get("precision"):
            values["precision"] = "day" if values["date_start"] == values.get("date_end") else "range"
    else:
        values.setdefault("participants", [])
    span_ids = store.span_ids_in_range(db, doc_id, start, end)
    with action(db, "add fact", summary=f"add {kind} fact", doc_id=doc_id) as act:
        fact_id = act.insert("facts", {
            "doc_id": doc_id, "kind": kind, "status": "confirmed", "source": "analyst",
            "evidence": doc["text"][start:end], "start": start, "end": end, "span_ids": span_ids,
            "created_at": store.now(), **values,
        })
    return fact_id
