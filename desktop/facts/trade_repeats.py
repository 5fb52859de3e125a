"""One trade figure per amount in a document: a repeat, a restatement in the other currency, a headline's conversion.

A repeat may add the change the first lacked. An amount stated with its conversion ("3 trillion rubles ($35
billion)") is the same figure as that amount stated in the other currency ("trade exceeding $35 billion in 2022");
a headline that gives only the conversion gives way to the body's amount stated with it. A headline's level told in
the present with no period ("Kazakh-Russian commerce tops $9 bln") rounds a body's figure within
:data:`_ROUNDING` of it ("in 2023 turnover rose 2% to $9.1 bln"): the body's figure, not another one.
"""

from __future__ import annotations

from typing import Any


def one_per_figure(out: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The candidates of :func:`desktop.facts.trade._trade_candidates`, one per (period, value, currency)."""
    unique: dict[tuple, dict[str, Any]] = {}
    kept: list[dict[str, Any]] = []
    restated: set[int] = set()  # headlines whose amount the body has stated first, as its own amount
    for cand in out:
        amounts = [(cand["value"], cand["currency"])] + list(cand["also"])
        keys = [(cand["period_start"], cand["period_end"], round(v, 2) if v is not None else None, c,
                 cand["change_pct"] if v is None else None) for v, c in amounts]
        first = next((unique[k] for k in keys if k in unique), None)
        if first is None:
            kept.append(cand)
            for key in keys:
                unique[key] = cand
            continue
        if first["sentence"].is_title and keys[0] == _key(first):
            restated.add(id(first))
        if first["sentence"].is_title and not first["also"] and cand["also"] and keys[0] not in unique \
                and id(first) not in restated:
            # "Trade tops $15.6 bln" (a headline gives the conversion alone), then the body's "1.5 trillion
            # rubles ($15.6 bln)": the figure is the body's, in the currency it states first; but once the body
            # has stated the headline's amount as its own ("2.9 trillion rubles ($33.6 bln)"), a later conversion
            # to it ("88 bln Belarusian rubles, or 2.6 trillion Russian") changes nothing.
            change = first["change_pct"]
            kept[kept.index(first)] = cand
            for key in keys:
                unique[key] = cand
            cand["change_pct"] = cand["change_pct"] if cand["change_pct"] is not None else change
        elif first["change_pct"] is None and cand["change_pct"] is not None:
            first["change_pct"] = cand["change_pct"]
    return [c for c in kept if not _rounds_body(c, kept)]


_ROUNDING = 0.05  # how far a headline's round level may be from the body's figure it restates


def _rounds_body(cand: dict[str, Any], kept: list[dict[str, Any]]) -> bool:
    """Whether ``cand`` is a headline's present level that rounds a figure the body states (module docstring)."""
    value = cand["value"]
    if not (cand["sentence"].is_title and cand.get("at_level") and value):
        return False
    return any(o is not cand and not o["sentence"].is_title and o["currency"] == cand["currency"] and o["value"]
               and abs(o["value"] - value) <= _ROUNDING * o["value"] for o in kept)


def _key(cand: dict[str, Any]) -> tuple:
    value = cand["value"]
    return (cand["period_start"], cand["period_end"], round(value, 2) if value is not None else None, cand["currency"],
            cand["change_pct"] if value is None else None)
