"""A sentence's trade figures: one per amount or change, the dates each phrase states, an amount paired with
the change stated with it ("grew by 8% to $50 billion").

The extractor (:mod:`desktop.facts.trade`) decides which figures are the pair's trade; this module reads their
periods: each date of a sentence goes to the figure whose phrase states it, a figure's period is its nearest
period-like date outside comparisons, and "from X to Y" are two times, never one period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.facts.dates import DateMention, resolve_date
from desktop.facts.narrative_years import reference_day
from desktop.facts.document import Document
from desktop.facts.money import MoneyMention
from desktop.facts.rules import FactRules
from desktop.facts.sentences import Sentence


@dataclass
class Figure:
    """A money amount or a change of trade in one sentence, with the dates of its own phrase."""

    start: int  # document offsets
    end: int
    money: MoneyMention | None = None
    change: float | None = None  # signed percent
    trade: bool = False  # the pair's bilateral trade (not exports, not another party's, not a total)
    qualifier: str | None = None
    dates: list[DateMention] = field(default_factory=list)
    period: tuple | None = None  # (start, end, precision, mention or None)
    partner: Figure | None = None  # the change stated with an amount, or the amount of a change
    also: list[tuple[float, str]] = field(default_factory=list)  # the same amount converted ("($29.5 bln)")


def money_figures(moneys: list[MoneyMention]) -> list[Figure]:
    """One figure per amount as stated (the money grammar folds ranges and conversions into one mention).

    A converted amount is kept in ``also`` so a restatement in that currency is the same figure.
    """
    return [Figure(m.start, m.end, money=m, also=list(m.also)) for m in moneys]


def assign_dates(doc: Document, sentence: Sentence, figures: list[Figure]) -> None:
    """Give each date of the sentence to the figure whose phrase states it.

    Between two figures a date goes left when a joiner ("and", "while", a comma)
    follows it in the gap, right when one precedes it, else to the nearer figure:
    "$35.5 billion in 2019 and $29.5 billion in 2020", "in 2019 $35.5 billion and in 2020 $29.5 billion".
    """
    if not figures:
        return  # the date scan is the costly part: only for sentences with figures
    text = doc.text
    for mention in doc.dates(sentence):
        before = [f for f in figures if f.end <= mention.start]
        after = [f for f in figures if f.start >= mention.end]
        if not before and not after:
            continue  # a date inside a figure's text
        if not before or not after:
            (after[0] if not before else before[-1]).dates.append(mention)
            continue
        left, right = before[-1], after[0]
        joined_before = _joiner_in(doc.rules, text, left.end, mention.start)
        joined_after = _joiner_in(doc.rules, text, mention.end, right.start)
        if joined_before != joined_after:
            (right if joined_before else left).dates.append(mention)
        else:
            (left if mention.start - left.end <= right.start - mention.end else right).dates.append(mention)


_NAME_BEFORE = re.compile(r"(?<![\w'\u2019-])[A-Z][\w'\u2019-]*\s+$")
_NAME_AFTER = re.compile(r"\s+[A-Z]")


def _joiner_in(rules: FactRules, text: str, start: int, end: int) -> bool:
    if re.search(r"[,;:–—]", text[start:end]):
        return True
    if rules.figure_joiners is None:
        return False
    # "turnover between Russia and Belarus rose 7%": an "and" between two names coordinates the parties, and starts
    # no other figure's phrase.
    return any(not (_NAME_BEFORE.search(text, start, m.start()) and _NAME_AFTER.match(text, m.end(), end))
               for m in rules.figure_joiners.finditer(text, start, end))


def figure_period(doc: Document, sentence: Sentence, figure: Figure, direction: str):
    """The period of a figure's own phrase: its nearest period-like date, a day ("today") only if none.

    A date after the figure and past a comma ("$26.6 billion, which is the level of last year") belongs
    to another clause and comes last; a date just after "compared with" is the base of a comparison.
    """
    best = None
    for mention in figure.dates:
        # "In 2018 ... trade had reached $13 billion over the first eight months": the passage's year.
        rng = resolve_date(mention, *reference_day(doc, sentence, mention, direction))
        if rng is None or (rng[2] == "day" and (_saying_day(doc, mention) or _in_dateline(doc, sentence, mention))):
            continue
        if doc.rules.trade_comparison and doc.rules.trade_comparison.search(
                doc.text[max(sentence.start, mention.start - 60):mention.start]):
            continue
        distance = mention.start - figure.end if mention.start >= figure.end else figure.start - mention.end
        later_clause = mention.start >= figure.end and bool(re.search(r"[,;:–—]", doc.text[figure.end:mention.start]))
        # "a rise in 2021 after the 12% drop in 2020": a date before "after" is the other event's.
        later_clause = later_clause or (mention.end <= figure.start and bool(
            doc.rules.figure_breaks and doc.rules.figure_breaks.search(doc.text, mention.end, figure.start)))
        rank = (rng[2] == "day", later_clause, distance)
        if best is None or rank < best[0]:
            best = (rank, (rng[0], rng[1], rng[2], mention))
    return best[1] if best else None


def _saying_day(doc: Document, mention) -> bool:
    """Whether a day is the one a figure was told on: "could soon top $31 billion, the minister said on Monday",
    "told reporters on Friday" (one of the profile's ``reporting_past`` verbs in the two words before it)."""
    said = doc.rules.reporting_past
    lead = re.search(r"(\S+(?:\s+\S+)?)\s+(?:on\s+)?$", doc.text[max(0, mention.start - 40):mention.start])
    return bool(said is not None and lead and said.search(lead.group(1)))


# "MINSK (Newswire - 3rd May, 2021) Bilateral trade...": capitalised words, then brackets.
_DATELINE_HEAD = re.compile(r"[\s\W]*(?:[A-Z][\w.'’-]*[\s,]+){1,4}[(\[][^()\[\]]*[)\]]")


def _in_dateline(doc: Document, sentence: Sentence, mention) -> bool:
    """Whether a day is the dateline's, in brackets after the place opening the sentence: the report's day."""
    m = _DATELINE_HEAD.match(sentence.text)
    return bool(m and mention.end <= sentence.start + m.end())


def stated_period(doc: Document, sentence: Sentence):
    """The first period (not a day) a sentence without figures names, outside comparisons, or None."""
    for mention in doc.dates(sentence):
        rng = resolve_date(mention, *reference_day(doc, sentence, mention, "past"))
        if rng is None or rng[2] == "day":
            continue
        if doc.rules.trade_comparison and doc.rules.trade_comparison.search(
                doc.text[max(sentence.start, mention.start - 60):mention.start]):
            continue
        return rng[0], rng[1], rng[2], mention
    return None


def _same_period(a: tuple | None, b: tuple | None) -> bool:
    return a is None or b is None or (a[0], a[1]) == (b[0], b[1])


def pair_changes(figures: list[Figure]) -> None:
    """An amount and the change stated with it are one figure: "grew by 8% to $50 billion", "$50 billion, up 12%".

    A change pairs with an amount next to it unless each has a period of its own and they differ
    ("$35.5 billion in 2019 and grew by 5% in 2020" are two figures); a change whose period is an
    unpaired amount's elsewhere in the sentence pairs with that one.
    """
    for i, fig in enumerate(figures):
        if fig.change is None or not fig.trade or fig.partner:
            continue
        options = []
        for j in (i - 1, i + 1):
            other = figures[j] if 0 <= j < len(figures) else None
            if other and other.money and other.trade and not other.partner and _same_period(fig.period, other.period):
                a, b = (other, fig) if j < i else (fig, other)
                gap = b.start - a.end
                options.append((gap > 40, gap, other))
        if options:
            other = min(options, key=lambda o: o[:2])[2]
            fig.partner, other.partner = other, fig
    for fig in figures:
        if fig.change is None or not fig.trade or fig.partner or fig.period is None:
            continue
        other = next((o for o in figures if o.money and o.trade and not o.partner and o.period
                      and (o.period[0], o.period[1]) == (fig.period[0], fig.period[1])), None)
        if other:
            fig.partner, other.partner = other, fig


_FROM = re.compile(r"\bfrom\s+(?:about\s+|some\s+|around\s+)?$", re.IGNORECASE)
_TO = re.compile(r"\bto\s+(?:about\s+|some\s+|around\s+|almost\s+|nearly\s+|over\s+)?$", re.IGNORECASE)


def from_to(text: str, a: Figure, b: Figure) -> bool:
    """Whether two figures are the ends of "from X (in 1999) to Y": two times, never one period."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return bool(_FROM.search(text, max(0, first.start - 30), first.start)
                and _TO.search(text, first.end, second.start))
