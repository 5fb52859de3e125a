"""Facts proposed from the articles: meetings, calls and trade figures, bound to evidence.

>>> rules = FactRules.from_dict({"participants": ["a", "b"], "phrases": {"meeting": ["met"]}})
>>> facts = extract_facts("Ann met Bob in Paris on 3 May.", "2020-05-10", rules,
...                       aliases={"a": ["Ann"], "b": ["Bob"]})
>>> facts[0]["kind"], facts[0]["date_start"], facts[0]["place"], facts[0]["held"]
('meeting', '2020-05-03', 'Paris', 'held')

The package holds one concern a module: ``kinds`` (the registry of kinds,
their shapes and slots), ``schema`` (the profile's ``[facts]`` table checked),
``rules`` (that table compiled), ``sentences``, ``dates``,
``money``, ``participants`` (names, roles, places) with ``tenures`` (a role names a leader only in office) and ``titles`` (a title shared by a list of countries), ``bodies`` (meetings of other officials), ``joined_meetings`` (a meeting one was expected to join, put off), ``event_merge`` (one fact per meeting), ``visit_parts`` (a visit told in parts), ``document`` (one
document's context), ``quoted_days`` (a quoted "today" told in the past), ``narrative_years`` (a yearless date in a passage on a past year is that year's), ``pair_reference`` (the pair "the
two countries" stands for), ``first_person`` (the pair a speaker's "our trade" stands for), ``voice`` (who speaks),
``transcripts`` (a conversation title's talks), ``status`` (held, planned, cancelled, denied; negated,
hypothetical and counted meetings are none),
one extractor per shape of fact
(``meetings`` with ``meeting_anchors`` (where a sentence may tell one), ``trade`` with ``trade_figures`` and ``trade_changes``), ``extract`` (one document's facts), ``propose``
(the database side) and ``operations`` (the analyst's actions).

Everything domain-specific (who must take part, trigger words, role phrases,
trade terms, qualifiers) comes from the profile's ``[facts]`` table, so another
domain needs configuration, not code. Extraction reads the document text, its
stored spans (linked entities, GPE/LOC places) and the publication date; it
splits sentences itself (cheap), never re-running the trained pipeline.
Dates are read by the one date grammar (:mod:`desktop.dates`, :mod:`desktop.date_ranges`,
also behind DATE span values and publication dates) with the tense of the sentence (a
"held" meeting on "December 25" lies before the publication date, a "planned" one after).
"""

from desktop.facts.dates import DateMention, find_dates, resolve_date
from desktop.facts.extract import extract_facts
from desktop.facts.kinds import (
    EVENT_KINDS, EVENT_SLOTS, MEETING_STATUSES, PRECISIONS, TRADE_QUALIFIERS, TRADE_SLOTS, FactError, FactKind, get_kind, is_event,
    kind_names, kinds, register_kind, shape_of, unregister_kind,
)
from desktop.facts.money import MoneyMention, find_money
from desktop.facts.operations import add_fact, confirm_fact, edit_fact, get_fact, reject_fact, validate_slots
from desktop.facts.participants import Mention, find_participants, find_places
from desktop.facts.propose import fact_context, propose_all, propose_facts, repropose_in_action, same_fact
from desktop.facts.rules import FactRules, _phrase_regex, load_rules
from desktop.facts.sentences import Sentence, split_sentences

__all__ = [
    "EVENT_KINDS", "EVENT_SLOTS", "MEETING_STATUSES", "PRECISIONS", "TRADE_QUALIFIERS", "TRADE_SLOTS", "DateMention", "FactError",
    "FactKind", "FactRules", "get_kind", "is_event", "kind_names", "kinds", "register_kind", "shape_of",
    "unregister_kind", "Mention", "MoneyMention", "Sentence", "_phrase_regex", "add_fact", "confirm_fact", "edit_fact",
    "extract_facts", "fact_context", "find_dates", "find_money", "find_participants", "find_places", "get_fact",
    "load_rules", "propose_all", "propose_facts", "reject_fact", "repropose_in_action", "resolve_date", "same_fact",
    "split_sentences", "validate_slots",
]
