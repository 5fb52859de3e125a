"""One fact per meeting in a document: candidates completed with their participants, undated lede defaults that
repeat the dated news dropped, and reports of the same meeting merged (:func:`desktop.facts.meetings.extract_events`
runs them in that order)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from desktop.facts.document import _days, _overlap
from desktop.facts.kinds import merged_held


def complete_participants(cands: list[dict[str, Any]], participants: set[str]) -> list[dict[str, Any]]:
    """Keep candidates where all participants take part, inheriting them from the same meeting nearby."""
    full = [c for c in cands if participants <= c["ids"]]
    kept = []
    for cand in cands:
        if participants <= cand["ids"]:
            kept.append(cand)
            continue
        if not cand["ids"]:
            # "the meeting" with a date: the meeting introduced just before, in the same paragraph.
            if not cand["definite"]:
                continue
            earlier = [f for f in full if f["kind"] == cand["kind"] and f["anchor"][0] < cand["anchor"][0]
                       and f["sentence"].paragraph == cand["sentence"].paragraph]
            if not earlier:
                continue
        if cand.get("others"):
            continue  # "Putin and Xi last met in Beijing in May": someone else's meeting, whatever its dates
        # A body's session named as the time of talks ("met before a meeting of the Supreme State Council") is
        # another meeting: the talks take no participants from it.
        same = [f for f in full if f["kind"] == cand["kind"] and bool(f.get("session")) == bool(cand.get("session"))
                and _overlap(f["start_date"], f["end_date"], cand["start_date"], cand["end_date"])]
        if same or not cand["ids"]:
            cand = dict(cand, ids=set(participants), completed=True)
            if same and cand["place"] is None:
                cand["place"] = same[0]["place"]
            kept.append(cand)
    return kept


def drop_lede_defaults(cands: list[dict[str, Any]], published: _dt.date | None) -> list[dict[str, Any]]:
    """An undated lede meeting is the one the article dates in the days just before publication.

    An undated headline ("Putin and Lukashenko hold talks in Sochi") is the first meeting of its
    kind the body tells, when the body dates it, whenever that was: a weekly review is not dated by
    its own day. An undated plan is the plan the article dates, if it dates one.
    """
    if published is None:
        return cands
    window = (published - _dt.timedelta(days=3), published)
    # Grouped once per kind (linear in the candidates; a 1 MB article has thousands of them).
    others: dict[str, set[int]] = {}
    first_near: dict[str, int] = {}  # per kind: the lowest sentence index of a dated meeting near publication
    first_body: dict[tuple, dict[str, Any]] = {}  # per (kind, held): the first meeting the body tells
    for o in cands:
        if not o["sentence"].is_title:
            first_body.setdefault((o["kind"], o["held"]), o)
        if o["by_default"] or _days(o["start_date"], o["end_date"]) > 7:
            continue
        others.setdefault(o["kind"], set()).add(id(o))
        if o["start_date"] <= window[1] and o["end_date"] >= window[0]:
            first_near[o["kind"]] = min(first_near.get(o["kind"], o["sentence"].index), o["sentence"].index)
    kept = []
    for cand in cands:
        if cand["by_default"]:
            # An undated headline, or an undated "the talks lasted..." after the dated news, repeats that news.
            near = first_near.get(cand["kind"])
            if near is not None and (cand["sentence"].is_title or near < cand["sentence"].index):
                continue
            # ... the first meeting of its status the body dates: a photo caption of an old meeting may come first.
            body = first_body.get((cand["kind"], cand["held"]))
            if cand["sentence"].is_title and body is not None and id(body) in others.get(cand["kind"], ()):
                continue
            # "Putin and Lukashenko will hold talks in Sochi on Friday ... the two presidents will meet in Sochi":
            # an undated plan restates the plan the article dates, not one on the publication day.
            if cand["held"] == "planned" and any(o["held"] == "planned" and id(o) in others.get(cand["kind"], ())
                                                 for o in cands):
                continue
        kept.append(cand)
    return kept


def dedupe_events(cands: list[dict[str, Any]], published: _dt.date | None) -> list[dict[str, Any]]:
    """One fact per meeting in a document; a range wholly split into narrower ones gives way to them."""
    result: list[dict[str, Any]] = []
    for cand in cands:
        # "They met before a meeting of the Supreme State Council": the session is a meeting of its own that day.
        twin = next((r for r in result if r["kind"] == cand["kind"] and r["start_date"] == cand["start_date"]
                     and r["end_date"] == cand["end_date"] and bool(r.get("session")) == bool(cand.get("session"))),
                    None)
        if twin is None:
            result.append(cand)
            continue
        if twin.get("completed") and not cand.get("completed"):
            # "Tokayev made a round of phone calls on 12-13 May. ... In his call with Putin, Tokayev
            # raised energy": the evidence is the sentence naming them all.
            twin.update(sentence=cand["sentence"], used=cand["used"], anchor=cand["anchor"], completed=False)
        if twin["place"] is None and cand["place"]:
            twin["place"] = cand["place"]
        said = (twin["held"], cand["held"])
        if set(said) & {"cancelled", "denied"}:
            twin["held"] = merged_held(said)  # "They will meet on Friday. Friday's meeting was called off."
        elif twin["held"] != cand["held"] and published is not None:
            twin["held"] = "held" if twin["end_date"] <= published and "held" in said else twin["held"]
    final = []
    for cand in result:
        inner = [r for r in result if r is not cand and r["kind"] == cand["kind"]
                 and cand["start_date"] <= r["start_date"] and r["end_date"] <= cand["end_date"]
                 and (r["start_date"], r["end_date"]) != (cand["start_date"], cand["end_date"])]
        for r in inner:
            if r["place"] is None and cand["place"]:
                r["place"] = cand["place"]
        covered = set()
        for r in inner:
            day = r["start_date"]
            while day <= r["end_date"]:
                covered.add(day)
                day += _dt.timedelta(days=1)
        if inner and len(covered) >= _days(cand["start_date"], cand["end_date"]):
            continue
        if any(r["held"] == cand["held"] and r["start_date"] == r["end_date"] and (cand["sentence"].is_title or (
                r["definite"] and r["sentence"].paragraph == cand["sentence"].paragraph
                and r["sentence"].index > cand["sentence"].index)) for r in inner):
            # A headline's "Lukashenka says he will meet Putin in February" is the lede's "on February 26";
            # "the summit Putin hosted last month ... The summit took place on December 26" is one summit.
            continue
        if cand["held"] == "planned" and _days(cand["start_date"], cand["end_date"]) <= 31 and any(
                r["held"] == "planned" and r["start_date"] == r["end_date"] for r in inner):
            # "They will meet next week ... in Sochi on September 14": a plan is announced once, vaguely then exactly.
            continue
        final.append(cand)
    return final
