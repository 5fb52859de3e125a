"""Trade figures of the pair: amounts and signed changes in percent, each with the period its phrase gives.

A sentence's money amounts and changes ("up 12%", "fell by 2.3%": the sign
from the profile's increase and decrease words) are its figures; each date
goes to the figure whose phrase states it; an amount and the change stated
with it become one fact (value and ``change_pct``), a change with no amount a
fact with no value. A percentage is never a value.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import Any

from desktop.facts.document import Document, _iso
from desktop.facts.first_person import first_person_pair
from desktop.facts.kinds import TRADE_QUALIFIERS, FactKind, register_kind
from desktop.facts.money import carried_over, find_statements
from desktop.facts.pair_reference import refers_to_pair
from desktop.facts.pairs import article_scope, foreign_trade, names_side, sides_named, total_trade
from desktop.facts.rules import FactRules
from desktop.facts.schema import MapOf
from desktop.facts.trade_figures import (
    Figure, assign_dates, figure_period, from_to, money_figures, pair_changes, stated_period,
)
from desktop.facts.trade_blocks import TURN_LABEL, replies_between, continues_talk
from desktop.facts.trade_level import present_level
from desktop.facts.trade_repeats import one_per_figure
from desktop.facts.trade_changes import drop_restated_changes, signed_changes, sized_change
from desktop.facts.sentences import Sentence


def _qualifier(rules: FactRules, window: str, skip: str | None = None) -> str | None:
    for name, pattern in rules.qualifiers:
        if name != skip and pattern.search(window):
            return name
    return None


@functools.lru_cache(maxsize=8)
def _term_matches(trade_terms: re.Pattern | None, trade_excluded: re.Pattern | None, text: str,
                  inclusive: re.Pattern | None = None) -> tuple[tuple[str, re.Match], ...]:
    """The trade and excluded terms of a sentence, in that order: read once per sentence, not once per figure
    (a 1 MB line is one sentence with a thousand figures). An excluded word inside one of the profile's
    ``inclusive`` phrases excludes nothing: "trade, including services, is $45 billion" is the total."""
    kept = [m.span() for m in inclusive.finditer(text)] if inclusive is not None else []
    return tuple((label, m) for label, pattern in (("trade", trade_terms), ("excluded", trade_excluded))
                 if pattern is not None for m in pattern.finditer(text)
                 if label == "trade" or not any(a <= m.start() and m.end() <= b for a, b in kept))


def _nearest_term(rules: FactRules, sentence: Sentence, pos: int, end: int) -> str | None:
    """'trade', 'excluded' or 'foreign': which kind of word is nearest to the amount in its sentence.

    'foreign' is trade that names another party ("trade with Kazakhstan", "EU trade with Belarus").
    """
    best = None
    for label, m in _term_matches(rules.trade_terms, rules.trade_excluded, sentence.text, rules.trade_inclusive):
        a, b = sentence.start + m.start(), sentence.start + m.end()
        # Words after the amount count less: the subject usually comes first.
        distance = pos - b if b <= pos else (a - end) * 2 + 10
        if distance < 0:
            continue
        if b > pos and re.search(r"[,;:]|\s[-–—]\s", sentence.text[end - sentence.start:m.start()]):
            distance += 100  # "turnover made $6.4 bln, including exports of $1.9 bln": a later clause's word, a part
        if best is None or distance < best[0]:
            best = (distance, label, m)
    if best and best[1] == "trade" and foreign_trade(rules, sentence.text, best[2]):
        return "foreign"
    return best[1] if best else None


def _trade_candidates(doc: Document) -> list[dict[str, Any]]:
    rules = doc.rules
    out: list[dict[str, Any]] = []
    if rules.trade_terms is None:
        return out
    scope, weak_side = article_scope(doc)
    if scope == "other":
        return out
    previous_trade: Sentence | None = None
    previous_others = False  # the previous trade sentence's trade was another pair's: its "it" is theirs too
    foreign_topic: Sentence | None = None  # the last sentence whose trade terms were all another party's
    previous_period = None
    previous_facts: list[dict[str, Any]] = []
    lead_period = None  # "In January-September 2023:" over the list of figures after it
    for sentence in doc.sentences:
        moneys = find_statements(sentence.text, sentence.start)
        if moneys and rules.carry_followers:
            moneys = sorted(moneys + carried_over(sentence.text, moneys, sentence.start, joiners=rules.figure_joiners,
                                                  followers=rules.carry_followers, gap_words=rules.carry_words),
                            key=lambda m: m.start)
        term_here = doc.hits.may_match(rules.trade_terms, sentence) and bool(rules.trade_terms.search(sentence.text))
        same_block = previous_trade is not None and continues_talk(doc, previous_trade, sentence)
        follows_trade = same_block and (previous_trade.index == sentence.index - 1
                                        or replies_between(doc, previous_trade, sentence))
        across = same_block and previous_trade.paragraph != sentence.paragraph and not TURN_LABEL.match(sentence.text)

        def continued(pos: int) -> bool:
            # "Our trade is growing. Last year it was about $45 billion": "it" carries the previous sentence's topic.
            if not follows_trade:
                return False
            head = sentence.text[:pos - sentence.start]
            pronoun = rules.trade_pronouns.search(head) if rules.trade_pronouns else None
            # Past a paragraph break (not a dialogue's turn) only a subject opening the sentence carries the topic:
            # "It came to $35 billion", not "Gazprom says Belarus owes it $165 million".
            if pronoun and (not across or _OPENING.match(head[:pronoun.start()])):
                return True
            # "Growth this year is above 12%": the noun without its article, as the sentence's subject.
            opening = re.match(r"[\s\"“‘']*", head).end()
            return bool(rules.trade_openers and rules.trade_openers.match(head, opening))

        # "The expected growth is $2 billion", "an increase of $1.5 billion": an amount that sizes a change is no turnover.
        figures = [f for f in money_figures(moneys) if not sized_change(rules, sentence, f.start)]
        if term_here or follows_trade:
            figures += [Figure(c0, c1, change=change) for c0, c1, change in signed_changes(rules, sentence, moneys)
                        if all(c1 <= m.start or c0 >= m.end for m in moneys)]
        figures.sort(key=lambda f: f.start)
        if sentence.text.endswith(":"):
            lead_period = stated_period(doc, sentence)  # "In January-September 2023:" over the list after it
        elif not figures:
            lead_period = None  # the list ended
        if not figures and not term_here:
            continue  # nothing below reads or changes anything for it (most sentences of a long article)
        # "The presidents said their countries' trade...": the presidents are others (see _resolve_groups).
        others_speak = doc.others_grouped(sentence)
        # "Kazakhstan and China ... trade between the two countries": the pair the text last named is theirs.
        unnamed = rules.trade_unnamed_pair.search(sentence.text) if rules.trade_unnamed_pair else None
        named_pair = refers_to_pair(doc, sentence, sentence.start + unnamed.start()) if unnamed else None
        # "Our trade is a billion dollars", said by a participant on a visit to a third country: his and his host's.
        first = rules.trade_first_person.search(sentence.text) if rules.trade_first_person else None
        spoken = first_person_pair(doc, sentence, first) if first else None
        named_pair = named_pair if spoken is None else spoken
        others_speak = others_speak or named_pair is False
        # "Kazakh-Chinese trade doubled in five years. Goods trade stood at $3.1 billion in 2019.": a trade term naming no
        # party right after another party's trade, in its paragraph, goes on about that trade.
        others_speak = others_speak or (
            term_here and foreign_topic is not None and foreign_topic.index == sentence.index - 1
            and foreign_topic.paragraph == sentence.paragraph and named_pair is None and not sides_named(rules, sentence.text))
        # In an article on another pair naming one side in passing, only a sentence naming that side is the pair's
        # (or one whose "two countries" are the pair named last).
        others_speak = others_speak or (scope == "passing" and not names_side(doc, sentence, weak_side)
                                        and named_pair is not True)
        for fig in figures:
            label = _nearest_term(rules, sentence, fig.start, fig.end)
            fig.trade = not (others_speak or label in ("excluded", "foreign") or (
                label is None and (previous_others or not continued(fig.start))) or total_trade(rules, sentence, fig.start))
            rel_start, rel_end = fig.start - sentence.start, fig.end - sentence.start
            # Qualifiers come from the figure's own clause: "Over the first three months, trade grew..."
            # is no approximation.
            clause = max(sentence.text.rfind(c, 0, rel_start) for c in ",;:") + 1
            if fig.money:
                window = sentence.text[max(clause, rel_start - 60):rel_end + 10]
            else:
                window = sentence.text[max(clause, rel_start - 60):rel_end]  # "12% more than" is a change
            fig.qualifier = _qualifier(rules, window) or _qualifier(rules, sentence.text[clause:rel_start])
        assign_dates(doc, sentence, figures)
        for fig in figures:
            fig.period = figure_period(doc, sentence, fig, "future" if fig.qualifier == "forecast" else "past")
        pair_changes(figures)

        found_here = []
        for fig in figures:
            if not fig.trade or (fig.change is not None and fig.partner):
                continue  # a paired change is stated by its amount's fact
            change = fig.partner if fig.money else fig
            period = fig.period or (fig.partner.period if fig.partner else None)
            if period is None:
                # A figure whose phrase names no period shares its neighbour's, the one before first.
                near = sorted((o for o in figures if o is not fig and o.period and not from_to(doc.text, o, fig)),
                              key=lambda o: (o.start > fig.start, abs(o.start - fig.start)))
                period = near[0].period if near else None
            if period is None and fig.money and fig.qualifier != "forecast":
                # A target ("We must bring it to $60 billion") is not of the period just stated.
                if previous_period and previous_trade and same_block:
                    period = previous_period
                elif lead_period:
                    period = lead_period
                elif doc.anchor_year and rules.anniversary_refs and rules.anniversary_refs.search(sentence.text):
                    y = doc.anchor_year
                    period = (_dt.date(y, 1, 1), _dt.date(y, 12, 31), "year", None)
            if period is None and rules.trade_year_refs:
                # "fell by 17% due to the pandemic": the year the profile says the event names.
                y = next((year for year, pattern in rules.trade_year_refs if pattern.search(sentence.text)), None)
                if y is not None and (doc.published is None or y <= doc.published.year):
                    period = (_dt.date(y, 1, 1), _dt.date(y, 12, 31), "year", None)
            at_level = False
            if period is None and fig.money and (level := present_level(doc, sentence, fig.start, fig.end,
                                                                        fig.qualifier)):
                period, fig.qualifier = level, fig.qualifier or "current_level"  # "trade amounts to $44 billion"
                at_level = True
            if period is None and fig.money is None:
                # "Trade reached $45 billion in 2022. It grew by 10%.": the change of the figure just stated.
                target = next((f for f in reversed(previous_facts) if f["value"] is not None
                               and f["change_pct"] is None), None) if (follows_trade and continued(fig.start)) else None
                if target is not None:
                    target["change_pct"] = fig.change
                    target["used"].append((fig.start, fig.end))
                continue
            if period is None:
                continue
            if fig.money and change is None and follows_trade and continued(fig.start):
                # "Trade grew by 10% last year. / And it reached $35 billion": the amount of the change just stated.
                target = next((f for f in reversed(previous_facts) if f["value"] is None and f["change_pct"] is not None
                               and (f["period_start"], f["period_end"]) == (period[0], period[1])), None)
                if target is not None:
                    target.update(value=fig.money.amount, currency=fig.money.currency, also=fig.also,
                                  qualifier=target["qualifier"] or fig.qualifier)
                    target["used"].append((fig.start, fig.end))
                    continue
            used = [(f.start, f.end) for f in (fig, fig.partner) if f] + ([(period[3].start, period[3].end)]
                                                                          if period[3] else [])
            out.append({"kind": "trade", "period_start": period[0], "period_end": period[1],
                        "value": fig.money.amount if fig.money else None,
                        "currency": fig.money.currency if fig.money else None,
                        "change_pct": change.change if change is not None else None,
                        "qualifier": fig.qualifier, "sentence": sentence, "used": used, "precision": period[2],
                        "also": fig.also if fig.money else [], "at_level": at_level})
            found_here.append(out[-1])
            previous_period = period
        # Whether every trade term of the sentence is another party's: read once, for the two uses below.
        all_foreign = term_here and all(foreign_trade(rules, sentence.text, m)
                                        for m in rules.trade_terms.finditer(sentence.text))
        if term_here:
            foreign_topic = sentence if others_speak or all_foreign else None
        if found_here or term_here:
            previous_trade, previous_others = sentence, others_speak
            previous_facts = found_here
        if term_here and not found_here:
            # "Trade hit a record last year. It rose by 5% to 3.9 trillion rubles.": the period the
            # trade sentence names is the next figure's, not the one of a figure further back.
            stated = stated_period(doc, sentence)
            previous_period = stated or previous_period
        if term_here and not found_here and all_foreign:
            # "Trade with the Tver Oblast was $512 million. This year it grew by 20%": "it" is not theirs.
            previous_trade = None
    return one_per_figure(out)


_OPENING = re.compile(r"^[\s\"“‘']*(?:[\w'’-]+,?\s+){0,3}$")  # at most three words ("In value terms,") before
def extract_trade(doc: Document) -> list[dict[str, Any]]:
    """The trade figures of one document, as fact rows."""
    facts = []
    for cand in _trade_candidates(doc):
        sentence = cand["sentence"]
        facts.append({
            "kind": "trade", "status": "proposed", "source": "rule",
            "period_start": _iso(cand["period_start"]), "period_end": _iso(cand["period_end"]),
            "precision": cand["precision"], "value": cand["value"], "currency": cand["currency"],
            "change_pct": cand["change_pct"], "qualifier": cand["qualifier"], "participants": [],
            "evidence": sentence.text, "start": sentence.start, "end": sentence.end,
            "span_ids": doc.span_ids(cand["used"]),
        })
    return drop_restated_changes(facts)


# The profile's [facts.trade]: what the trade extractor looks for.
TRADE_SCHEMA = {
    **{name: "phrases" for name in ("terms", "excluded", "total", "bilateral", "parties", "comparison", "pronouns",
                                    "anniversary_refs", "increase", "decrease", "increase_after", "decrease_after",
                                    "level", "joiners", "present", "targets", "inclusive", "carry_followers", "breaks", "modifiers", "party_fillers", "not_parties", "copulas")},
    "change_window": "int",
    "complements": "phrases",
    "complement_window": "int",
    "change_amounts": "phrases",
    "passing_mentions": "int",
    "unnamed_pair": "phrases",  # "the two countries", "bilateral": the pair the text last named (facts.pair_reference)
    "first_person": "phrases",  # "our trade" said by a participant: his side and the party spoken of (facts.first_person)
    "carry_words": "int",  # how many words may stand between a stated amount and one carried in its currency
    "year_refs": MapOf("phrases"),  # a year -> the phrases that name it by its event ("due to the pandemic")
    "qualifiers": {name: "phrases" for name in TRADE_QUALIFIERS},
}
register_kind(FactKind("trade", "figure", "Trade figure", section="trade", schema=TRADE_SCHEMA, extract=extract_trade))
