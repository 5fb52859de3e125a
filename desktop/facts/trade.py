"""Trade figures: amounts and growth rates of the pair's trade, with their periods."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from desktop.facts.dates import _MONTHS, resolve_date
from desktop.facts.document import Document, _iso
from desktop.facts.kinds import TRADE_QUALIFIERS, FactKind, register_kind
from desktop.facts.money import _PERCENT, find_money
from desktop.facts.rules import FactRules
from desktop.facts.sentences import Sentence


def _qualifier(rules: FactRules, window: str, skip: str | None = None) -> str | None:
    for name, pattern in rules.qualifiers:
        if name != skip and pattern.search(window):
            return name
    return None


def _nearest_term(rules: FactRules, sentence: Sentence, pos: int, end: int) -> str | None:
    """'trade', 'excluded' or 'foreign': which kind of word is nearest to the amount in its sentence.

    'foreign' is trade that names another party ("trade with Kazakhstan", "EU trade with Belarus").
    """
    best = None
    for label, pattern in (("trade", rules.trade_terms), ("excluded", rules.trade_excluded)):
        if pattern is None:
            continue
        for m in pattern.finditer(sentence.text):
            a, b = sentence.start + m.start(), sentence.start + m.end()
            # Words after the amount count less: the subject usually comes first.
            distance = pos - b if b <= pos else (a - end) * 2 + 10
            if distance < 0:
                continue
            if best is None or distance < best[0]:
                best = (distance, label, m)
    if best and best[1] == "trade" and _foreign_trade(rules, sentence.text, best[2]):
        return "foreign"
    return best[1] if best else None


_TRADE_MODIFIERS = {"foreign", "mutual", "bilateral", "total", "overall", "the", "goods", "commodity", "annual",
                    "its", "their", "our", "this", "that"}
_PARTY_FILLERS = {"the", "and", "its", "their", "our", "other", "two", "both", "member", "states", "countries",
                  "country", "partner", "partners", "of", "s", "republic"}
_NOT_PARTIES = {"the", "in", "last", "this", "our", "their", "its", "trade", "mutual", "total", "bilateral",
                "foreign", "according", "overall", "annual", "and", "but", "while", "a", "an"} | set(_MONTHS)


def _foreign_party(rules: FactRules, word: str) -> bool:
    for part in re.split(r"[-–]", re.sub(r"(?:'s|’s|'|’)$", "", word)):
        if part[:1].isupper() and part.casefold() not in rules.trade_parties \
                and part.casefold()[:3] not in _NOT_PARTIES and part.casefold() not in _NOT_PARTIES:
            return True
    return False


def _foreign_trade(rules: FactRules, text: str, term: re.Match) -> bool:
    """Whether a trade term names a party other than the profile's pair.

    The owner before it ("EU trade", "Belarus-China trade") and the partners after
    with/between/within ("trade with the CIS countries", "trade within the union").
    """
    if not rules.trade_parties:
        return False
    clause = re.split(r"[,;:()]", text[:term.start()])[-1]
    words = [w for w in re.findall(r"[\w'’.-]+", clause)]
    while words and words[-1].casefold() in _TRADE_MODIFIERS:
        words.pop()
    if words and (words[-1][:1].isupper() or re.search(r"(?:'s|’s|s'|s’)$", words[-1])) and _foreign_party(
            rules, words[-1]):
        return True
    last = term.group().split()[-1].casefold()
    if last in ("with", "between", "within", "among"):  # the term itself ends in one: "trade between"
        after = re.match(r"()([^,;:.()]*)", text[term.end():])
        prep = last
    else:
        after = re.match(r"\s+(?:turnover\s+|volume\s+)?(with|between|within|among)\s+([^,;:.()]*)",
                         text[term.end():])
        prep = after.group(1) if after else None
    if not after:
        return False
    named = []
    for word in re.findall(r"[\w'’-]+", after.group(2)):
        if word[:1].isupper():
            named.append(word)
        elif word.casefold() not in _PARTY_FILLERS:
            break
    if prep in ("within", "among") and not named:
        return True  # "trade within the union": a bloc's internal trade
    return any(_foreign_party(rules, w) for w in named)


def _trade_candidates(doc: Document) -> list[dict[str, Any]]:
    rules = doc.rules
    out: list[dict[str, Any]] = []
    if rules.trade_terms is None:
        return out
    previous_trade: Sentence | None = None
    previous_period = None
    for sentence in doc.sentences:
        moneys = find_money(sentence.text, sentence.start)
        term_here = bool(rules.trade_terms.search(sentence.text))
        follows_trade = (previous_trade is not None and previous_trade.paragraph == sentence.paragraph
                         and previous_trade.index == sentence.index - 1)

        def continued(pos: int) -> bool:
            # "Our trade is growing. Last year it was about $45 billion": "it" carries the previous sentence's topic.
            return bool(follows_trade and rules.trade_pronouns
                        and rules.trade_pronouns.search(sentence.text[:pos - sentence.start]))

        found_here = []
        # "The presidents said their countries' trade...": the presidents are others (see _resolve_groups).
        others_speak = any(sentence.start <= a < sentence.end for a, _ in doc.other_groups)
        for money in moneys:
            label = _nearest_term(rules, sentence, money.start, money.end)
            if others_speak or label in ("excluded", "foreign") or (label is None and not continued(money.start)) or _total_trade(
                    rules, sentence, money.start):
                continue
            window = sentence.text[max(0, money.start - sentence.start - 60):money.end - sentence.start + 10]
            qualifier = _qualifier(rules, window) or _qualifier(rules, sentence.text[:money.start - sentence.start])
            if qualifier == "growth_only":
                # "grew by 33% to a record $38.5 billion": the rate is a figure of its own, the amount is a level.
                qualifier = _qualifier(rules, window, skip="growth_only")
            direction = "future" if qualifier == "forecast" else "past"
            period = _trade_period(doc, sentence, money.start, money.end, direction)
            if period is None and previous_period and previous_trade and previous_trade.paragraph == sentence.paragraph:
                period = previous_period
            if period is None and doc.anchor_year and rules.anniversary_refs and rules.anniversary_refs.search(
                    sentence.text):
                y = doc.anchor_year
                period = (_dt.date(y, 1, 1), _dt.date(y, 12, 31), "year", None)
            if period is None:
                continue
            used = [(money.start, money.end)] + ([(period[3].start, period[3].end)] if period[3] else [])
            out.append({"kind": "trade", "period_start": period[0], "period_end": period[1], "value": money.amount,
                        "currency": money.currency, "qualifier": qualifier, "sentence": sentence, "used": used,
                        "precision": period[2]})
            found_here.append((period[0], period[1]))
            previous_period = period
        if rules.growth and (term_here or follows_trade):
            for pct in _PERCENT.finditer(sentence.text):
                pos, end = sentence.start + pct.start(), sentence.start + pct.end()
                # A growth rate is a figure of its own: "grew by 10 percent" (not "90% of payments").
                if not rules.growth.search(sentence.text[max(0, pct.start() - 40):pct.start()]):
                    continue
                label = _nearest_term(rules, sentence, pos, end)
                if label in ("excluded", "foreign") or (label is None and not continued(pos)):
                    continue
                period = _trade_period(doc, sentence, pos, end, "past")
                # "grew by 17.8% to $8.4 billion": the rate of a stated amount is not another figure.
                if period is None or (period[0], period[1]) in found_here:
                    continue
                out.append({"kind": "trade", "period_start": period[0], "period_end": period[1],
                            "value": float(pct.group("num").replace(",", ".")), "currency": "%",
                            "qualifier": "growth_only", "sentence": sentence, "precision": period[2],
                            "used": [(pos, end)]})
                found_here.append((period[0], period[1]))
        if found_here or term_here:
            previous_trade = sentence
        if term_here and not found_here and all(
                _foreign_trade(rules, sentence.text, m) for m in rules.trade_terms.finditer(sentence.text)):
            # "Trade with the Tver Oblast was $512 million. This year it grew by 20%": "it" is not theirs.
            previous_trade = None
    # One figure per (period, value, currency) in a document.
    unique: dict[tuple, dict[str, Any]] = {}
    for cand in out:
        key = (cand["period_start"], cand["period_end"], round(cand["value"], 2), cand["currency"])
        unique.setdefault(key, cand)
    return list(unique.values())


def _total_trade(rules: FactRules, sentence: Sentence, pos: int) -> bool:
    """"Belarus' foreign trade turnover reached $80 billion": the country's total, not the two countries'."""
    if rules.trade_total is None:
        return False
    rel = pos - sentence.start
    clause = sentence.text[max(sentence.text.rfind(c, 0, rel) for c in ",;") + 1:rel]
    return bool(rules.trade_total.search(clause)) and not (
        rules.trade_bilateral and rules.trade_bilateral.search(clause))


def _trade_period(doc: Document, sentence: Sentence, pos: int, end: int, direction: str):
    """The period a trade figure is for: the nearest period-like date, a day ("today") only if none.

    A date after the figure and past a comma ("$26.6 billion, which is the level of last year") belongs
    to another clause and comes last.
    """
    best = None
    for mention in doc.dates(sentence):
        rng = resolve_date(mention, doc.published, direction)
        if rng is None:
            continue
        if doc.rules.trade_comparison and doc.rules.trade_comparison.search(
                doc.text[max(sentence.start, mention.start - 60):mention.start]):
            continue  # "compared with the same period last year": the base of a comparison
        distance = abs(mention.start - pos)
        later_clause = mention.start >= end and bool(re.search(r"[,;:–—]", doc.text[end:mention.start]))
        rank = (rng[2] == "day", later_clause, distance)
        if best is None or rank < best[0]:
            best = (rank, (rng[0], rng[1], rng[2], mention))
    return best[1] if best else None


def extract_trade(doc: Document) -> list[dict[str, Any]]:
    """The trade figures of one document, as fact rows."""
    facts = []
    for cand in _trade_candidates(doc):
        sentence = cand["sentence"]
        facts.append({
            "kind": "trade", "status": "proposed", "source": "rule",
            "period_start": _iso(cand["period_start"]), "period_end": _iso(cand["period_end"]),
            "precision": cand["precision"], "value": cand["value"], "currency": cand["currency"],
            "qualifier": cand["qualifier"], "participants": [], "evidence": sentence.text,
            "start": sentence.start, "end": sentence.end, "span_ids": doc.span_ids(cand["used"]), "flags": [],
        })
    return facts


# The profile's [facts.trade]: what the trade extractor looks for.
TRADE_SCHEMA = {
    **{name: "phrases" for name in ("terms", "excluded", "total", "bilateral", "parties", "comparison", "pronouns",
                                    "growth", "anniversary_refs")},
    "qualifiers": {name: "phrases" for name in TRADE_QUALIFIERS},
}
register_kind(FactKind("trade", "figure", "Trade figure", section="trade", schema=TRADE_SCHEMA, extract=extract_trade))
