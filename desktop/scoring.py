"""Score proposed facts against hand-made ground truth (recall and precision per kind).

>>> gold = [{"kind": "trade", "file": "a.txt", "period_start": "2023-01-01", "period_end": "2023-12-31",
...          "value": 5e10, "currency": "USD"}]
>>> proposed = [{"kind": "trade", "file": "a.txt", "period_start": "2023-01-01", "period_end": "2023-12-31",
...              "value": 4.98e10, "currency": "USD"}]
>>> score(proposed, gold)["trade"]["recall"]
1.0

The rule (PRODUCT.md): a proposed meeting or call matches a gold one of the
same file and kind when all the profile's participants take part and the date
ranges overlap with a day's slack; a trade figure matches when its period
overlaps the gold period and its value is within 1% (same currency when both
state one); a gold change-only figure (``"value": null`` and a signed
``"change_pct"``) matches a proposal whose period overlaps and whose
``change_pct`` has the same sign and is within 1% of it. A meeting proposed as
cancelled or denied matches only a gold record of one of those statuses, and a
held or planned one only a record of neither. Matching is one-to-one (a maximum
bipartite matching), so a duplicate proposal counts as a false positive.

Borderline gold records (``"borderline": true``) are optional: a proposal
that matches only borderline records is left out of precision, and borderline
records are left out of recall. Two looser readings are available:
``alternatives`` also accepts a gold record's ``alt_period_start/end``, and
``merged`` lets one proposal match several gold records of its file (the
"merged reading" of a two-day visit as one range).
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from desktop.facts.kinds import is_event, kind_names
from desktop.normalise import iso_day

NOT_HAPPENED = ("cancelled", "denied")  # statuses of meetings that did not take place
SLACK = _dt.timedelta(days=1)


class GoldError(ValueError):
    """A gold file that cannot be read."""


def load_gold(path: str | Path) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """``(articles by file, fact records)`` from a gold JSONL file; bad lines raise :class:`GoldError`."""
    articles: dict[str, dict[str, Any]] = {}
    facts: list[dict[str, Any]] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldError(f"cannot read gold file {path}: {exc.strerror}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise GoldError(f"{path}:{number}: not a JSON object") from None
        if not isinstance(record, dict) or "kind" not in record or "file" not in record:
            raise GoldError(f"{path}:{number}: needs 'kind' and 'file'")
        if record.get("currency") == "%" and not is_event(record["kind"]):
            raise GoldError(f"{path}:{number}: a percentage is not a value in currency '%': "
                            "give the change as a signed change_pct (and no value)")
        if record["kind"] == "article":
            articles[record["file"]] = record
        elif record["kind"] in kind_names():
            facts.append(record)
    return articles, facts


def _overlap(a0, a1, b0, b1, slack=_dt.timedelta(0)) -> bool:
    if None in (a0, a1, b0, b1):
        return False
    return a0 <= b1 + slack and b0 <= a1 + slack


def matches(proposed: dict[str, Any], gold: dict[str, Any], *, participants: set[str],
            alternatives: bool = False, holders: dict[str, tuple[str, ...]] | None = None) -> bool:
    """Whether one proposed fact matches one gold record (same file and kind assumed).

    ``holders`` (a profile's ``[facts.holders]``) lets another holder of a participant's seat take part in his
    stead: a Putin-Nazarbayev meeting of 2015 is the Russia-Kazakhstan profile's.
    """
    if is_event(proposed["kind"]):
        present = set(proposed.get("participants") or [])
        if not all(p in present or present & set((holders or {}).get(p, ())) for p in participants):
            return False
        if (proposed.get("held") in NOT_HAPPENED) != (gold.get("status") in NOT_HAPPENED):
            return False  # "the Kremlin denied they would meet on Friday" is not the meeting held on Friday
        return _overlap(iso_day(proposed.get("date_start")), iso_day(proposed.get("date_end")),
                        iso_day(gold.get("date_start")), iso_day(gold.get("date_end") or gold.get("date_start")), SLACK)
    target = gold.get("value")
    if target is None:
        # A change-only figure: the signed percentage within 1% of it (a decrease never matches an increase).
        change, wanted = proposed.get("change_pct"), gold.get("change_pct")
        if change is None or wanted is None or (change < 0) != (wanted < 0) or abs(change - wanted) > 0.01 * abs(wanted):
            return False
    else:
        value = proposed.get("value")
        if value is None or abs(value - target) > 0.01 * abs(target):
            return False
        if proposed.get("currency") and gold.get("currency") and proposed["currency"] != gold["currency"]:
            return False
    periods = [(gold.get("period_start"), gold.get("period_end"))]
    if alternatives and gold.get("alt_period_start"):
        periods.append((gold["alt_period_start"], gold.get("alt_period_end") or gold["alt_period_start"]))
    p0, p1 = iso_day(proposed.get("period_start")), iso_day(proposed.get("period_end"))
    return any(_overlap(p0, p1, iso_day(a), iso_day(b)) for a, b in periods)


def _max_matching(edges: dict[int, list[int]]) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths): ``{gold index: proposed index}``."""
    owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in edges.get(p, []):
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = p
                return True
        return False

    for p in edges:
        augment(p, set())
    return owner


def score(
    proposed: list[dict[str, Any]],
    gold: list[dict[str, Any]],
    *,
    participants: set[str] | None = None,
    alternatives: bool = False,
    merged: bool = False,
    files: set[str] | None = None,
    holders: dict[str, tuple[str, ...]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Recall and precision per kind, with the counts and the misses.

    ``files`` limits scoring to those files (default: the files the gold covers); ``holders`` as in
    :func:`matches`.
    """
    participants = set(participants or {"putin", "lukashenko"})
    files = files if files is not None else {g["file"] for g in gold}
    result: dict[str, dict[str, Any]] = {}
    for kind in kind_names():
        golds = [g for g in gold if g["kind"] == kind and g["file"] in files]
        props = [p for p in proposed if p["kind"] == kind and p.get("file") in files and p.get("status") != "rejected"]
        required = [i for i, g in enumerate(golds) if not g.get("borderline")]
        edges: dict[int, list[int]] = defaultdict(list)
        optional_hit: set[int] = set()
        for pi, p in enumerate(props):
            for gi, g in enumerate(golds):
                if g["file"] == p["file"] and matches(p, g, participants=participants, alternatives=alternatives,
                                                      holders=holders):
                    if g.get("borderline"):
                        optional_hit.add(pi)
                    else:
                        edges[pi].append(gi)
        if merged:
            hit_gold = {g for gs in edges.values() for g in gs}
            tp_props = {p for p, gs in edges.items() if gs}
        else:
            owner = _max_matching(edges)
            hit_gold = set(owner)
            tp_props = set(owner.values())
        ignored = {p for p in optional_hit if p not in tp_props}
        fp = [p for i, p in enumerate(props) if i not in tp_props and i not in ignored]
        counted = len(props) - len(ignored)
        result[kind] = {
            "gold": len(required),
            "proposed": counted,
            "true_positives": len(tp_props),
            "matched_gold": len(hit_gold),
            "recall": round(len(hit_gold) / len(required), 4) if required else None,
            "precision": round(len(tp_props) / counted, 4) if counted else None,
            "missed": [golds[i] for i in required if i not in hit_gold],
            "false_positives": fp,
        }
    return result


def score_db(db: Any, gold_path: str | Path, **options: Any) -> dict[str, dict[str, Any]]:
    """Score the non-rejected facts of a project database against a gold file."""
    from desktop import store

    _, gold = load_gold(gold_path)
    proposed = store.list_facts(db)
    return score(proposed, gold, **options)


def format_scores(scores: dict[str, dict[str, Any]], *, title: str = "") -> str:
    """A small table of recall and precision per kind."""
    lines = [title] if title else []
    lines.append(f"{'kind':<8} {'gold':>5} {'proposed':>9} {'recall':>7} {'precision':>9}")
    for kind, row in scores.items():
        recall = "-" if row["recall"] is None else f"{row['recall']:.2f}"
        precision = "-" if row["precision"] is None else f"{row['precision']:.2f}"
        lines.append(f"{kind:<8} {row['gold']:>5} {row['proposed']:>9} {recall:>7} {precision:>9}")
    return "\n".join(lines)
