"""A trade level told in the present with no date of its own: the level at publication.

"Trade between Russia and Belarus amounts to about $44 billion", "now stands at nearly 44 billion
dollars" state the current level, an annual one: the year of publication (it holds the day "... today"
gives), or the year before in an article of January to April, when the level told is the last year's, whose
statistics have just come out ("mutual trade has reached a record $26.1 billion", said in April); qualifier ``current_level`` unless the figure has its own hedge. The present-tense verbs are the profile's ``[facts.trade] present``
(a verb then at most two words before the amount); a goal (``targets``: "the target is $50 billion") or a
forecast is no level.
"""

from __future__ import annotations

import datetime as _dt

from desktop.facts.document import Document
from desktop.facts.sentences import Sentence


_LAST_YEARS_MONTHS = 4  # January to April: a year's level told then is the year before's


def present_level(doc: Document, sentence: Sentence, start: int, end: int, qualifier: str | None):
    """The publication year as a period for an amount at ``[start, end)`` told as the present level, else None."""
    rules = doc.rules
    if doc.published is None or rules.trade_present is None or qualifier == "forecast":
        return None
    rel = start - sentence.start
    clause = max(sentence.text.rfind(c, 0, rel) for c in ",;:") + 1
    if not rules.trade_present.search(sentence.text, clause, rel):
        return None
    if rules.trade_targets and rules.trade_targets.search(sentence.text, clause, end - sentence.start):
        return None
    year = doc.published.year - (1 if doc.published.month <= _LAST_YEARS_MONTHS else 0)
    return _dt.date(year, 1, 1), _dt.date(year, 12, 31), "year", None
