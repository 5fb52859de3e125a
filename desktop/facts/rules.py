"""The ``[facts]`` table of a profile, compiled: phrase lists become fast regexes."""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from desktop.facts.phrase_scan import register
from desktop.facts.tenures import in_office, parse_tenures


def _phrase_regex(phrases: Iterable[str], *, flags: int = re.IGNORECASE) -> re.Pattern | None:
    """See :func:`_compile_phrases`; cached, since rules and alias patterns are built per batch and per document."""
    return _compile_phrases(frozenset(" ".join(p.split()) for p in phrases if p and p.strip()), flags)


@functools.lru_cache(maxsize=512)
def _compile_phrases(items: frozenset[str], flags: int) -> re.Pattern | None:
    """One regex for a list of phrases: whole words, any run of spaces between words, longest match first.

    Built as a character trie ("talk(?:s|ed)" rather than "talks|talked|...") with the
    left word boundary checked after the first character: a flat alternation whose
    branches open with a lookbehind makes ``re`` try every branch at every position,
    which cost ingest more than the extraction itself (benchmarks/bench_ingest.py).
    """
    if not items:
        return None
    fold = str.lower if flags & re.IGNORECASE else str
    trie: dict[str, Any] = {}
    for phrase in items:
        node = trie
        for char in fold(phrase):
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here

    def emit(node: dict[str, Any], last: str) -> str:
        # Continuations before the end, so the longest phrase wins as in a length-sorted alternation.
        alts = [(r"\s+" if char == " " else re.escape(char)) + emit(node[char], char) for char in sorted(node) if char]
        if "" in node:
            alts.append(r"(?!\w)" if last.isalnum() else "")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    top = [re.escape(char) + (r"(?<![\w'].)" if char.isalnum() else "") + emit(trie[char], char) for char in sorted(trie)]
    return register(re.compile("|".join(top), flags), items)


# The [facts.phrases] lists that decide a meeting's status or that it is none (see desktop.facts.status).
MODALITY_PHRASES = (
    "denial", "denial_after", "cancelled", "postponed", "negation", "negation_after", "not_negation", "hypothetical",
    "conditional", "hypothetical_after", "count", "count_units", "quantities", "cue_barriers", "earlier_refs",
    "prepared_refs",
    "call_refs", "call_points", "past_auxiliaries", "reporting_past",
)


@dataclass
class FactRules:
    """The compiled ``[facts]`` table of a profile."""

    participants: list[str]
    roles: dict[str, re.Pattern]
    group: re.Pattern | None
    ambiguous: re.Pattern | None
    plural: re.Pattern | None
    attendance: re.Pattern | None
    meeting: re.Pattern | None
    weak_meeting: re.Pattern | None
    joint: re.Pattern | None
    call: re.Pattern | None
    all_attend_bodies: re.Pattern | None
    bodies: re.Pattern | None
    other_bodies: re.Pattern | None
    planned: re.Pattern | None
    planned_past: re.Pattern | None
    planned_past_after: re.Pattern | None  # "the meeting would focus on": after the word, a plan told in the past
    held: re.Pattern | None
    denial: re.Pattern | None
    denial_after: re.Pattern | None
    cancelled: re.Pattern | None
    postponed: re.Pattern | None
    negation: re.Pattern | None
    negation_after: re.Pattern | None
    not_negation: re.Pattern | None
    hypothetical: re.Pattern | None
    conditional: re.Pattern | None
    hypothetical_after: re.Pattern | None
    count: re.Pattern | None
    count_units: re.Pattern | None
    quantities: re.Pattern | None
    cue_barriers: re.Pattern | None
    earlier_refs: re.Pattern | None  # "his recent talks": a meeting told before, never the day's news
    prepared_refs: re.Pattern | None  # "the agenda of the meeting": a meeting being prepared, never the day's news
    call_refs: re.Pattern | None  # "spoke by phone after the summit": the summit is what the call was about
    call_points: re.Pattern | None  # "this visit so soon after our telephone conversation": an earlier call
    past_auxiliaries: re.Pattern | None  # "why did they choose to meet on Sunday?": the infinitive told in the past
    reporting_past: re.Pattern | None  # '"we meet today," he began the talks': a quote's today is the day reported
    definite: set[str]
    trade_terms: re.Pattern | None
    trade_excluded: re.Pattern | None
    trade_pronouns: re.Pattern | None
    trade_openers: re.Pattern | None  # the pronouns' nouns without their article, opening a sentence
    anniversary_refs: re.Pattern | None
    increase: re.Pattern | None
    decrease: re.Pattern | None
    increase_after: re.Pattern | None
    decrease_after: re.Pattern | None
    change_level: re.Pattern | None
    change_copulas: re.Pattern | None
    figure_joiners: re.Pattern | None
    figure_breaks: re.Pattern | None  # between a date and a later figure: the date is another event's
    trade_total: re.Pattern | None
    trade_bilateral: re.Pattern | None
    trade_parties: frozenset[str]
    trade_party_names: re.Pattern | None  # the parties as written (capitalised), whole phrases
    trade_comparison: re.Pattern | None
    qualifiers: list[tuple[str, re.Pattern]]
    change_window: int = 40
    change_complements: re.Pattern | None = None  # "went down a little, by about 17 percent": "by" sizes a change
    complement_window: int = 120
    change_amount_links: re.Pattern | None = None  # "the growth is $2 billion": an amount that sizes a change
    # Domain words that are not grammar (the profile's [facts.places], [facts.trade], [facts.transcripts]).
    place_after: re.Pattern | None = None
    not_places: frozenset[str] = frozenset()
    host_verbs: re.Pattern | None = None  # "Astana hosted the summit": the capitalised place before one is where
    venues: re.Pattern | None = None
    venue_places: dict[str, str] = field(default_factory=dict)
    home_places: re.Pattern | None = None  # the pair's own towns: a trip there is no trip abroad
    home_of: dict[str, re.Pattern] = field(default_factory=dict)  # a side -> its own towns ("Sochi" is Russia's)
    trade_modifiers: frozenset[str] = frozenset()
    party_fillers: frozenset[str] = frozenset()
    not_parties: frozenset[str] = frozenset()
    askers: re.Pattern | None = None
    transcript_present: re.Pattern | None = None  # "we are meeting", "our talks today": the transcript's own
    conversations: re.Pattern | None = None  # "Conversation with ...": a transcript title of talks or of a call
    presence: re.Pattern | None = None  # "let me welcome you to Moscow": a turn showing the guest there
    max_event_days: int = 62
    max_plan_days: int = 0  # a plan told in the future may be dated by a range this wide (a quarter)
    lede_sentences: int = 2
    cue_words: int = 2
    scope_words: int = 6
    infinitive_words: int = 0
    held_participles: re.Pattern | None = None  # "approved at the talks on ...": a meeting told in a past participle
    dated_events: re.Pattern | None = None  # "following the election on August 9": another event's own date
    trade_year_refs: tuple[tuple[int, re.Pattern], ...] = ()  # "due to the pandemic": a year named by its event
    # Each side of the pair and the names that stand for it ("Moscow" for Russia), and its leader's entity id.
    sides: tuple[tuple[str, re.Pattern], ...] = ()
    side_leaders: dict[str, str] = field(default_factory=dict)
    countable: frozenset[str] = frozenset()  # "conversations on December 30 and 31": one event a day
    call_verbs: re.Pattern | None = None  # "Lukashenko called Putin": a call when a participant is the object
    repeats: re.Pattern | None = None  # "met on August 3 and again on August 25": the same word, another meeting
    joint_attendance: re.Pattern | None = None  # "Putin and Lukashenko will take part in the forum"
    receptions: re.Pattern | None = None  # "Tokayev welcomed Putin": a host's verb, a meeting when its object is a guest
    attended_by: re.Pattern | None = None  # "the forum, with the participation of Tokayev and Putin"
    before_refs: re.Pattern | None = None  # "met before a meeting of the Supreme State Council": a session of its own
    after_refs: re.Pattern | None = None
    shared_titles: re.Pattern | None = None  # "the presidents of Tajikistan, Kazakhstan and Russia": each one's
    attendance_lists: re.Pattern | None = None  # "The summit was attended by:" and a guest a line, after a summit
    visits: re.Pattern | None = None  # "Putin visited Kazakhstan": a visit to the other side is with its leader
    counterparts: re.Pattern | None = None  # "his Belarusian counterpart": of another side, someone else
    trips: re.Pattern | None = None  # "will travel to", "flew to": a trip, whose destination may be a third country
    arrivals: re.Pattern | None = None  # "arrived in Moscow at the invitation of Putin": the visit's talks, if told
    visit_bounds: re.Pattern | None = None  # "ended a visit ... on which he had gone on 12 May": its start or end
    arrival_days: int = 2  # how many days after an arrival its visit's talks may come
    sessions: re.Pattern | None = None  # "talks in a narrow format": one session of a visit's talks
    informal: re.Pattern | None = None  # "met informally the day before": a part of the visit of the next day's talks
    briefings: re.Pattern | None = None  # "his briefing on those talks": talks told about, someone else's
    departures: re.Pattern | None = None  # "left for Moscow to hold talks": a trip under way, its plan at hand
    joins: re.Pattern | None = None  # "had been expected to join Putin for talks": a meeting the joiner was to have
    schedule_refs: re.Pattern | None = None  # "originally scheduled for next week": the date a plan had
    postponed_to: re.Pattern | None = None  # "postponed to March 12": the words just before a postponement's new day
    wrap_words: frozenset[str] = frozenset()  # a line ending in one goes on on the next: "will travel to / Sochi"
    trade_present: re.Pattern | None = None  # "amounts to (about)", "now stands at": a level told in the present
    trade_targets: re.Pattern | None = None  # "the target is $50 billion": a goal, no level
    reply_words: int = 0  # a transcript's turn this short ("Indeed.") between two turns does not end their topic
    carry_followers: frozenset[str] = frozenset()  # "45 billion by Belarusian figures": the words after a bare amount
    trade_inclusive: re.Pattern | None = None  # "including services": an excluded word that excludes nothing
    carry_words: int = 8  # "$44 billion, and by Belarusian data, including services, it is 45 billion": the words between
    trade_unnamed_pair: re.Pattern | None = None  # "the two countries", "bilateral": the pair the text last named
    trade_first_person: re.Pattern | None = None  # "our trade" said by a participant: his side and the party spoken of
    passing_mentions: int = 1  # a side named this often or less, among many of another country, is named in passing
    # A leader's terms in office (entity id -> (first day, last day), None open): roles and sides name them only then.
    tenures: dict[str, tuple[tuple[_dt.date | None, _dt.date | None], ...]] = field(default_factory=dict)
    # A participant's seat held by others in their own terms (``[facts.holders]``: "tokayev" -> ("nazarbayev",)):
    # before March 2019 the Kazakh president whose meetings count is Nazarbayev.
    holders: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Whose country a leader is, in office or not (``[facts.leaders]`` and their seats' holders): in 2010 Prime
    # Minister Putin leads no side, yet "Putin meets Nazarbayev in Istanbul" names Russia and Kazakhstan.
    nationals: dict[str, str] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    _compiled: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def people(self) -> list[str]:
        """The participants and every other holder of their seats: whose names an extractor may need."""
        return [*self.participants, *(h for seat in self.participants for h in self.holders.get(seat, ())
                                      if h not in self.participants)]

    def in_office(self, day: _dt.date | None) -> FactRules:
        """These rules as of ``day``: see :func:`desktop.facts.tenures.in_office`."""
        return in_office(self, day)

    def section(self, kind_name: str) -> Any:
        """The rules of a registered kind: its ``[facts.<section>]`` table, compiled by the kind (once)."""
        if kind_name not in self._compiled:
            from desktop.facts.kinds import get_kind

            kind = get_kind(kind_name)
            table = (self.raw.get(kind.section) or {}) if kind.section else {}
            self._compiled[kind_name] = kind.compile(table) if kind.compile else table
        return self._compiled[kind_name]

    @classmethod
    def from_dict(cls, table: dict[str, Any]) -> FactRules:
        """Compile a ``[facts]`` table (missing keys mean "nothing of that sort")."""
        phrases = table.get("phrases", {}) or {}
        trade = table.get("trade", {}) or {}
        places = table.get("places", {}) or {}
        venues = places.get("venues", {}) or {}
        quals = trade.get("qualifiers", {}) or {}
        roles = {}
        for entity_id, items in (table.get("roles", {}) or {}).items():
            pattern = _phrase_regex(items)
            if pattern is not None:
                roles[entity_id] = pattern
        qualifiers = []
        for name, items in quals.items():
            pattern = _phrase_regex(items)
            if pattern is not None:
                qualifiers.append((name, pattern))
        return cls(
            participants=list(table.get("participants", [])),
            roles=roles,
            group=_phrase_regex(phrases.get("group", [])),
            ambiguous=_phrase_regex(phrases.get("ambiguous", [])),
            plural=_phrase_regex(phrases.get("plural", [])),
            attendance=_phrase_regex(phrases.get("attendance", [])),
            meeting=_phrase_regex(phrases.get("meeting", [])),
            weak_meeting=_phrase_regex(phrases.get("weak_meeting", [])),
            joint=_phrase_regex(phrases.get("joint", [])),
            call=_phrase_regex(phrases.get("call", [])),
            all_attend_bodies=_phrase_regex(phrases.get("all_attend_bodies", [])),
            bodies=_phrase_regex(phrases.get("bodies", []), flags=0),
            other_bodies=_phrase_regex(phrases.get("other_bodies", [])),
            planned=_phrase_regex(phrases.get("planned", [])),
            planned_past=_phrase_regex(phrases.get("planned_past", [])),
            planned_past_after=_phrase_regex(phrases.get("planned_past_after", [])),
            held=_phrase_regex(phrases.get("held", [])),
            held_participles=_phrase_regex(phrases.get("held_participles", [])),
            dated_events=_phrase_regex(phrases.get("dated_events", [])),
            **{name: _phrase_regex(phrases.get(name, [])) for name in MODALITY_PHRASES},
            definite={w.casefold() for w in phrases.get("definite", [])},
            countable=frozenset(p.split()[-1].casefold() for p in phrases.get("countable", []) if p.split()),
            visits=_phrase_regex(phrases.get("visits", [])),
            repeats=_phrase_regex(phrases.get("repeats", [])),
            call_verbs=_phrase_regex(phrases.get("call_verbs", [])),
            counterparts=_phrase_regex(phrases.get("counterparts", [])),
            arrivals=_phrase_regex(phrases.get("arrivals", [])),
            visit_bounds=_phrase_regex(phrases.get("visit_bounds", [])),
            trips=_phrase_regex(phrases.get("trips", [])),
            informal=_phrase_regex(phrases.get("informal", [])),
            briefings=_phrase_regex(phrases.get("briefings", [])),
            departures=_phrase_regex(phrases.get("departures", [])),
            joins=_phrase_regex(phrases.get("joins", [])),
            schedule_refs=_phrase_regex(phrases.get("schedule_refs", [])),
            postponed_to=_compile_tail(phrases.get("postponed_to", []), 0),
            sessions=_phrase_regex(phrases.get("sessions", [])),
            joint_attendance=_phrase_regex(phrases.get("joint_attendance", [])),
            receptions=_phrase_regex(phrases.get("receptions", [])),
            attended_by=_phrase_regex(phrases.get("attended_by", [])),
            attendance_lists=_phrase_regex(phrases.get("attendance_lists", [])),
            shared_titles=_phrase_regex(phrases.get("shared_titles", [])),
            before_refs=_phrase_regex(phrases.get("before_refs", [])),
            after_refs=_phrase_regex(phrases.get("after_refs", [])),
            trade_terms=_phrase_regex(trade.get("terms", [])),
            trade_excluded=_phrase_regex(trade.get("excluded", [])),
            trade_pronouns=_phrase_regex(trade.get("pronouns", [])),
            trade_openers=_phrase_regex(p.split(None, 1)[1] for p in trade.get("pronouns", [])
                                        if len(p.split()) > 1 and p.split()[0].casefold() in ("the", "this")),
            anniversary_refs=_phrase_regex(trade.get("anniversary_refs", [])),
            trade_year_refs=tuple((int(year), _phrase_regex(phrases))
                                  for year, phrases in sorted((trade.get("year_refs") or {}).items())
                                  if phrases and year.isdigit()),
            increase=_phrase_regex(trade.get("increase", [])),
            decrease=_phrase_regex(trade.get("decrease", [])),
            increase_after=_phrase_regex(trade.get("increase_after", [])),
            decrease_after=_phrase_regex(trade.get("decrease_after", [])),
            change_level=_phrase_regex(trade.get("level", [])),
            change_copulas=_copula_tail(trade.get("copulas", [])),
            change_complements=_copula_tail(trade.get("complements", [])),
            complement_window=int(trade.get("complement_window", 120)),
            change_amount_links=_copula_tail(trade.get("change_amounts", [])),
            figure_joiners=_phrase_regex(trade.get("joiners", [])),
            figure_breaks=_phrase_regex(trade.get("breaks", [])),
            trade_total=_phrase_regex(trade.get("total", [])),
            trade_bilateral=_phrase_regex(trade.get("bilateral", [])),
            trade_parties=frozenset(w.casefold() for p in _party_names(table) for w in re.split(r"[\s-]+", p) if w),
            trade_party_names=_phrase_regex(_party_names(table), flags=0),
            sides=tuple((side, _phrase_regex(names, flags=0)) for side, names in (table.get("sides") or {}).items()
                        if _phrase_regex(names, flags=0) is not None),
            side_leaders=dict(table.get("leaders") or {}),
            passing_mentions=int(trade.get("passing_mentions", 1)),
            trade_unnamed_pair=_phrase_regex(trade.get("unnamed_pair", [])),
            trade_first_person=_phrase_regex(trade.get("first_person", [])),
            carry_words=int(trade.get("carry_words", 8)),
            trade_comparison=_compile_tail(trade.get("comparison", [])),
            trade_present=_compile_tail(trade.get("present", []), 2),
            trade_targets=_phrase_regex(trade.get("targets", [])),
            trade_inclusive=_phrase_regex(trade.get("inclusive", [])),
            carry_followers=_folded(trade.get("carry_followers", [])),
            qualifiers=qualifiers,
            change_window=int(trade.get("change_window", 40)),
            place_after=_place_after(places.get("prefixes", []), places.get("kinds", [])),
            not_places=_folded(places.get("not_places", [])),
            host_verbs=_phrase_regex(places.get("hosts", [])),
            venues=_phrase_regex(venues),
            home_places=_phrase_regex([*places.get("home", []), *(t for towns in (places.get("home_of") or {}).values()
                                                                     for t in towns)], flags=0),
            home_of={side: pattern for side, towns in (places.get("home_of") or {}).items()
                     if (pattern := _phrase_regex(towns, flags=0)) is not None},
            venue_places={" ".join(k.casefold().split()): v for k, v in venues.items()},
            trade_modifiers=_folded(trade.get("modifiers", [])),
            party_fillers=_folded(trade.get("party_fillers", [])),
            not_parties=_folded(trade.get("not_parties", [])),
            askers=_phrase_regex(table.get("transcripts", {}).get("askers", []), flags=0),
            transcript_present=_phrase_regex(table.get("transcripts", {}).get("present", [])),
            conversations=_phrase_regex(table.get("transcripts", {}).get("conversations", [])),
            presence=_phrase_regex(table.get("transcripts", {}).get("presence", [])),
            reply_words=int(table.get("transcripts", {}).get("reply_words", 0)),
            wrap_words=_folded(table.get("wrap_words", [])),
            max_event_days=int(table.get("max_event_days", 62)),
            max_plan_days=int(table.get("max_plan_days", 0)),
            arrival_days=int(table.get("arrival_days", 2)),
            lede_sentences=int(table.get("lede_sentences", 2)),
            cue_words=int(table.get("cue_words", 2)),
            scope_words=int(table.get("scope_words", 6)),
            infinitive_words=int(table.get("infinitive_words", 0)),
            tenures=parse_tenures(table.get("tenures") or {}),
            holders={seat: tuple(ids) for seat, ids in (table.get("holders") or {}).items()},
            nationals=_nationals(table),
            raw=table,
        )


def _nationals(table: dict[str, Any]) -> dict[str, str]:
    """Each side's leader and the other holders of the leader's seat, to the side: {"putin": "Russia", ...}."""
    leaders = dict(table.get("leaders") or {})
    out = {leader: side for side, leader in leaders.items()}
    for seat, others in (table.get("holders") or {}).items():
        for other in others if seat in out else ():
            out.setdefault(other, out[seat])
    return out


def _party_names(table: dict[str, Any]) -> list[str]:
    """The trading parties' names: ``[facts.trade] parties`` and every side's names (``[facts.sides]``)."""
    names = list((table.get("trade") or {}).get("parties", []))
    for items in (table.get("sides") or {}).values():
        names.extend(n for n in items if n not in names)
    return names


def _copula_tail(phrases: Iterable[str]) -> re.Pattern | None:
    """A regex for a copula ending just before a percentage ("amounted to", "was"), searched up to it."""
    items = sorted({" ".join(p.split()) for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not items:
        return None
    alts = "|".join(r"\s+".join(map(re.escape, p.split())) for p in items)
    return re.compile(rf"(?<![\w'])(?:{alts})\s*(?:about|around|almost|nearly|some|over|more than|\+)?\s*$", re.I)


def _folded(words: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(w.casefold().split()) for w in words if w and w.strip())


def _place_after(prefixes: Iterable[str], kinds: Iterable[str] = ()) -> re.Pattern:
    """A capitalised place name after in/at/to/for/near/outside, with the profile's name prefixes ("St.", "Nizhny"),
    and after a kind of place of the profile's ``kinds``: "in the Black Sea resort of Sochi", "the city of Ufa"."""
    items = sorted({p.strip().rstrip(".") for p in prefixes if p and p.strip()}, key=len, reverse=True)
    prefix = rf"(?:(?:{'|'.join(map(re.escape, items))})\.?[\s-])?" if items else ""
    kinds = sorted({" ".join(k.split()) for k in kinds if k and k.strip()}, key=len, reverse=True)
    spaced = "|".join(r"\s+".join(map(re.escape, k.split())) for k in kinds)
    # Kinds may follow one another ("Russia's Black Sea resort city of Sochi": "resort city").
    kind = rf"(?:(?:[\w'’-]+\s+){{0,3}}?(?:{spaced})(?:\s+(?:{spaced}))*\s+of\s+)?" if kinds else ""
    # A possessive ends the name: "in Russia's Black Sea region" is no place "Russia's Black".
    return re.compile(rf"\b(?:in|at|to|for|near|outside)\s+(?:the\s+)?{kind}(?P<place>{prefix}"
                      r"[A-Z][a-z][\w'’-]*(?<!'s)(?<!’s)(?<!s')(?<!s’)(?:[\s-](?:on-)?[A-Z][a-z][\w'’-]*)?)")


def _compile_tail(phrases: Iterable[str], words: int = 4) -> re.Pattern | None:
    """A regex for text ending in one of the phrases and up to ``words`` more words ("than in the respective period")."""
    items = sorted({" ".join(p.split()) for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not items:
        return None
    # A phrase opening with a word starts at a word's start; one opening with a sign ("% on") right after a digit.
    alts = "|".join(("(?<![\\w'])" if p[0].isalnum() else "") + r"\s+".join(map(re.escape, p.split())) for p in items)
    return re.compile(rf"(?:{alts})\s+(?:[\w'’-]+\s+){{0,{words}}}$", re.IGNORECASE)


def load_rules(profile: Any = None) -> FactRules:
    """The fact rules of a profile (a :class:`desktop.profile.Profile`, a name, a path or None)."""
    from desktop.profile import load_profile

    return FactRules.from_dict(load_profile(profile).facts)
