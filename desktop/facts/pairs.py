"""Which pair a passage is about: whose trade a figure is, whose talks "the Belarus-Russia talks" are.

The pair's sides and the names that stand for them (a capital for its country:
"Moscow" is Russia, "Minsk" Belarus) come from the profile's ``[facts.sides]``,
their leaders from ``[facts.leaders]``; other places are the pipeline's GPE
and NORP spans that name no side. For trade, three scopes:

- a term that names another party ("trade with Kazakhstan", "EU trade", "Minsk and
  Beijing ... trade turnover") is that party's trade (:func:`foreign_trade`);
- an article that never names one side, or names it only in passing among many
  mentions of another country, is about another pair: its "bilateral trade",
  "trade between our countries" are theirs (:func:`article_scope`);
- a country's total ("Belarus' foreign trade") is not the pair's (:func:`total_trade`).

For meetings, talks named by both sides' words ("the Belarus-Russia talks were held
in Sochi", "talks between Russia and Belarus") are their leaders' when the sentence
or one next to it names those leaders (:func:`pair_talks_leaders`).
"""

from __future__ import annotations

import re
from collections import Counter

from desktop.facts.dates import _MONTHS
from desktop.facts.document import Document
from desktop.facts.rules import FactRules
from desktop.facts.sentences import Sentence


_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
                       "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"))


def _not_party(rules: FactRules, word: str) -> bool:
    """Capitalised words that name no trading party: the profile's list, months and weekdays (and their
    abbreviations): "Putin said on Tuesday that trade..." names no party before the trade term."""
    return (word in rules.not_parties or word[:3] in rules.not_parties or word in _MONTHS or word[:3] in _MONTHS
            or word.rstrip(".") in _WEEKDAYS)


def foreign_party(rules: FactRules, word: str) -> bool:
    """Whether a capitalised word (or a part of "Belarus-China") names a party that is neither side."""
    for part in re.split(r"[-–]", re.sub(r"(?:'s|’s|'|’)$", "", word)):
        if part[:1].isupper() and part.casefold() not in rules.trade_parties \
                and not _not_party(rules, part.casefold()):
            return True
    return False


def _is_party(rules: FactRules, word: str) -> bool:
    return re.sub(r"(?:'s|’s|'|’)$", "", word).casefold() in rules.trade_parties


# "Minsk and Beijing", "Belarus, China and Russia": capitalised names joined by "and".
_COORDINATED = re.compile(r"(?<![\w'’-])([A-Z][\w'’.-]*)(?:\s*,\s*[A-Z][\w'’.-]*)*\s+(?:and|&)\s+(?:the\s+)?"
                          r"([A-Z][\w'’.-]*)")


def foreign_trade(rules: FactRules, text: str, term: re.Match) -> bool:
    """Whether a trade term names a party other than the profile's pair.

    The owner before it ("EU trade", "Belarus-China trade"), a side joined with
    another party in its clause ("Minsk and Beijing reached records in trade"), and
    the partners after with/between/within ("trade with the CIS countries", "trade
    within the union").
    """
    if not rules.trade_parties:
        return False
    clause = re.split(r"[,;:()]", text[:term.start()])[-1]
    words = [w for w in re.findall(r"[\w'’.-]+", clause)]
    while words and words[-1].casefold() in rules.trade_modifiers:
        words.pop()
    # The word owning the term: "EU trade", "Russia's trade", "the Kazakhs' trade".
    owner = bool(words) and (words[-1][:1].isupper() or bool(re.search(r"(?:'s|’s|s'|s’)$", words[-1])))
    if owner and foreign_party(rules, words[-1]):
        return True
    for m in _COORDINATED.finditer(clause):
        names = re.findall(r"[A-Z][\w'’.-]*", m.group())
        if any(_is_party(rules, n) for n in names) and any(
                not _is_party(rules, n) and foreign_party(rules, n) for n in names):
            return True
    if _foreign_owner_after(rules, text, term.end()):
        return True
    last = term.group().split()[-1].casefold()
    if last in ("with", "between", "within", "among"):  # the term itself ends in one: "trade between"
        after = re.match(r"()([^,;:.()]*)", text[term.end():])
        prep = last
    else:
        # "trade turnover with", "the turnover of goods between", "the volume of trade within": the partners after.
        after = re.match(r"\s+(?:turnover\s+|volume\s+)?(?:of\s+(?:[a-z][\w-]*\s+){1,3})?(with|between|within|among)"
                         r"\s+([^,;:.()]*)", text[term.end():])
        prep = after.group(1) if after else None
    if not after:
        return False
    if prep == "with" and owner and _PLURAL_PARTNERS.match(after.group(2)):
        return True  # "Moscow's turnover with those two nations": one side's trade with several, no pair's
    named = []
    for word in re.findall(r"[\w'’-]+", after.group(2)):
        if word[:1].isupper():
            named.append(word)
        elif word.casefold() not in rules.party_fillers:
            break
    if prep in ("within", "among") and not named:
        return True  # "trade within the union": a bloc's internal trade
    return any(foreign_party(rules, w) for w in named)


# "trade with these two countries", "with both countries", "with the three states": a total over several partners.
_PLURAL_PARTNERS = re.compile(r"\s*(?:(?:these|those|the|both|all)\s+)?(?:(?:two|three|four|both)\s+)?"
                              r"(?:countries|states|nations|republics)\b", re.IGNORECASE)


# "the internal trade of the EAEU", "trade of the CIS countries": an owner after "of".
_OF_OWNER = re.compile(r"\s+of\s+(?:the\s+)?(?=[A-Z])")
_AMOUNT_NEXT = re.compile(r"\s*[$€£\d]")


def _foreign_owner_after(rules: FactRules, text: str, end: int) -> bool:
    """Whether an "of" right after a trade term names its owner, and that owner is or holds another party: a bloc
    ("the internal trade of the EAEU rose by 17%"), another country, another pair. The names run over the profile's
    ``party_fillers`` ("of the CIS member countries") up to a number or a currency ("turnover of US$20 billion")."""
    of = _OF_OWNER.match(text, end)
    if of is None:
        return False
    named = []
    for m in re.finditer(r"[\w'’-]+", text[of.end():of.end() + 80]):
        word = m.group()
        if _AMOUNT_NEXT.match(text, of.end() + m.end()) or word[:1].isdigit():
            break  # a currency code before its amount: "US$", "USD 20"
        if word[:1].isupper():
            named.append(word)
        elif word.casefold() not in rules.party_fillers:
            break
        if re.match(r"[^\w\s'’-]", text[of.end() + m.end():of.end() + m.end() + 1]):
            break  # the names end at a comma or a stop
    return any(foreign_party(rules, w) for w in named)


def sides_named(rules: FactRules, text: str) -> set[str]:
    """The sides of the pair a text names ("Moscow" names Russia).

    Without ``sides`` in the profile, two party names are two sides when their
    first words differ in their first four letters.
    """
    if rules.sides:
        return {side for side, pattern in rules.sides if pattern.search(text)}
    if rules.trade_party_names is None:
        return set()
    return {m.group().split()[0][:4].casefold() for m in rules.trade_party_names.finditer(text)}


def names_both(rules: FactRules, clause: str) -> bool:
    """Whether a clause names both sides: "the foreign trade turnover of Belarus and Russia" is theirs."""
    return len(sides_named(rules, clause)) >= 2


def _side_counts(doc: Document) -> Counter:
    """How often the article names each side: its names and its leader's mentions."""
    rules = doc.rules
    counts: Counter = Counter()
    if rules.sides:
        for side, pattern in rules.sides:
            counts[side] = sum(1 for _ in pattern.finditer(doc.text))
    elif rules.trade_party_names is not None:
        for m in rules.trade_party_names.finditer(doc.text):
            counts[m.group().split()[0][:4].casefold()] += 1
    for side, leader in rules.side_leaders.items():
        if side in counts:
            counts[side] += sum(1 for m in doc.participants if leader in m.entity_ids and m.kind in ("name", "role"))
    return counts


def _foreign_counts(doc: Document) -> Counter:
    """How often the article names each other country or place (GPE and NORP spans; "China", "Chinese" one)."""
    rules = doc.rules
    counts: Counter = Counter()
    for span in doc.spans:
        if span.get("label") not in ("GPE", "NORP"):
            continue
        words = re.findall(r"[\w'’-]+", doc.text[span["start"]:span["end"]])
        if not words or any(_is_party(rules, w) for w in words) or not foreign_party(rules, words[-1]):
            continue
        counts[words[-1].casefold()[:4]] += 1
    return counts


def _leaders_together(doc: Document) -> bool:
    """Whether one sentence names both leaders ("Putin and Lukashenko met in Sochi", "Putin thanked the
    Belarusian president"): each named apart ("Lukashenko had visited Astana a week earlier" in an article on
    Putin and Tokayev) is no meeting of the pair."""
    wanted = set(doc.rules.participants)
    if not wanted:
        return False
    for sentence in doc.sentences:
        named = {i for m in doc.people(sentence) for i in m.entity_ids}
        if wanted <= named:
            return True
    return False


def _leaders_named(doc: Document) -> bool:
    """Whether the article names any of the pair's leaders (by name or role)."""
    wanted = set(doc.rules.participants) | set(doc.rules.side_leaders.values())
    return any(wanted & set(m.entity_ids) for m in doc.participants if m.kind in ("name", "role"))


def article_scope(doc: Document) -> tuple[str, str | None]:
    """``("pair", None)``, ``("other", None)`` or ``("passing", side)``: whose trade the article's figures are.

    "other": one side is never named (nor its leader) and other places are (an article on Belarus and
    Uzbekistan), or "the two leaders" are others ("Modi will visit Russia, where the two leaders..."). "passing": one side (``side``) is named at most ``passing_mentions``
    times, its leader included, and other places (countries, capitals: they split their mentions) at least
    three times as often:
    only a sentence that names that side is about the pair. Both leaders named in one
    sentence, or no side's name at all (a note on the leaders' talks in Sochi: a city is
    no other country), is the pair; but no side's name, no leader's and other countries named is "other".
    """
    rules = doc.rules
    if rules.trade_party_names is None:
        return "pair", None
    if _leaders_together(doc):
        return "pair", None  # both leaders take part: "Putin and Lukashenko met in Sochi ... Trade reached ..."
    if not sides_named(rules, doc.text) and not doc.other_groups:
        # Neither side, nor either leader, and other countries named (a note on Kazakh-Uzbek trade under the
        # Belarus profile): its "trade turnover exceeded $1 billion" is theirs, not the pair's.
        if not _leaders_named(doc) and sum(_foreign_counts(doc).values()) >= 2:
            return "other", None
        return "pair", None  # no side's name (leaders only: "Putin and Lukashenko met in Sochi")
    sides = _side_counts(doc)
    expected = len(rules.sides) if rules.sides else 2
    weakest = min(sides.values()) if len(sides) >= expected else 0
    foreign = _foreign_counts(doc)
    if weakest == 0 and (foreign or doc.other_groups):
        # One side never named, nor its leader, and other places or other leaders ("the two leaders" of
        # "Modi will visit Russia"): "bilateral trade", "trade between the two countries" are another pair's.
        return "other", None
    if not foreign:
        return "pair", None
    if weakest <= rules.passing_mentions and sum(foreign.values()) >= 3 * weakest:
        return "passing", min(sides, key=lambda s: sides[s])
    return "pair", None


def names_side(doc: Document, sentence: Sentence, side: str) -> bool:
    """Whether a sentence names ``side``: one of its names or its leader."""
    rules = doc.rules
    if side in sides_named(rules, sentence.text):
        return True
    leader = rules.side_leaders.get(side)
    return bool(leader) and any(leader in m.entity_ids for m in doc.people(sentence))


def total_trade(rules: FactRules, sentence: Sentence, pos: int) -> bool:
    """"Belarus' foreign trade turnover reached $80 billion": the country's total, not the two countries'."""
    if rules.trade_total is None:
        return False
    rel = pos - sentence.start
    clause = sentence.text[max(sentence.text.rfind(c, 0, rel) for c in ",;") + 1:rel]
    return bool(rules.trade_total.search(clause)) and not (
        rules.trade_bilateral and rules.trade_bilateral.search(clause)) and not names_both(rules, clause)


# The words just before a meeting word, within its clause: "the Belarus-Russia talks", "Russian and Belarusian talks".
_BEFORE = re.compile(r"((?:[\w'’.&-]+\s+){1,4})$")
# After it: "talks between Russia and Belarus", "negotiations between the Belarusian and Russian sides".
_AFTER = re.compile(r"\s+between\s+((?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:and|&)\s+(?:the\s+)?[\w'’-]+)")


def pair_talks_leaders(doc: Document, sentence: Sentence, anchor: re.Match) -> set[str]:
    """The leaders of talks named by both sides' words, when the sentence or one next to it names them.

    "The Belarus-Russia talks were held on 7 December in Sochi. Lukashenka and Putin
    spoke for five hours": the talks are the two leaders'. Talks of other officials
    ("at the level of foreign ministers", the profile's ``other_bodies``) and talks
    whose leaders are not named near are nobody's here.
    """
    rules = doc.rules
    if len(rules.sides) < 2 or not rules.side_leaders:
        return set()
    text = sentence.text
    clause_start = max(text.rfind(c, 0, anchor.start()) for c in ",;:()") + 1
    before = _BEFORE.search(text[clause_start:anchor.start()])
    after = _AFTER.match(text, anchor.end())
    named = sides_named(rules, before.group(1)) if before else set()
    if len(named) < 2 and after:
        named = sides_named(rules, after.group(1))
    if len(named) < 2:
        return set()
    clause_end = min([i for i in (text.find(c, anchor.end()) for c in ",;:") if i != -1] or [len(text)])
    if rules.other_bodies and rules.other_bodies.search(text[clause_start:clause_end]):
        return set()
    leaders = {rules.side_leaders[s] for s in named if s in rules.side_leaders}
    if len(leaders) < 2:
        return set()
    # The sentence itself or the one before (not a headline); else the first of the next few sentences that
    # names anyone decides ("The talks lasted ... Presidents Lukashenka and Putin talked one-on-one"), as a
    # wire's paragraphs, often one sentence long, go on about the same talks.
    if leaders <= _named(doc, sentence):
        return leaders
    if sentence.index > 0 and not doc.sentences[sentence.index - 1].is_title \
            and leaders <= _named(doc, doc.sentences[sentence.index - 1]):
        return leaders
    for later in doc.sentences[sentence.index + 1:sentence.index + 1 + _FOLLOWING]:
        named = _named(doc, later)
        if named or doc._others(later.start, later.end):
            return leaders if leaders <= named else set()
    return set()


_FOLLOWING = 3  # how many sentences after talks may name their leaders


def _named(doc: Document, sentence: Sentence) -> set[str]:
    return {i for m in doc.people(sentence) if m.kind in ("name", "role", "group") for i in m.entity_ids}


# Where a visit goes: just after the visit word ("visited Kazakhstan", "a state visit to the Republic of
# Kazakhstan", "visit in Astana", "a visit by Nazarbayev to Moscow"), or before it in its clause ("arrived in Moscow
# on an official visit").
_PLACE = r"(?P<place>(?:St\.\s+)?[A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z][\w-]*){0,3})"
# The capital told by its country: "to Kazakhstan's capital Astana", "to the Kazakh capital" (then the country's
# adjective is the place, one of the sides' names).
_DESTINATION_AFTER = re.compile(rf"\s+(?:by\s+(?:[A-Z][\w.'’-]*\s+){{1,4}}to\s+|(?:to|in)\s+)?(?:the\s+)?"
                                rf"(?:[A-Z][\w-]*['’]s\s+capital,?\s+)?{_PLACE}(?P<capital>\s+capital\b"
                                r"(?!\s+(?:region|area|district|oblast|province|suburbs?)\b))?"
                                r"(?![\w'’-])(?!\s+[A-Z])")
_DESTINATION_BEFORE = re.compile(rf"\b(?:in|to)\s+(?:the\s+)?{_PLACE}\s+(?:on|for)\s+(?:[\w-]+\s+){{0,3}}$")


def visit_host(doc: Document, sentence: Sentence, anchor: re.Match, ids: set[str]) -> set[str]:
    """The host of one participant's visit to the other side: "Putin visited Kazakhstan on a state visit" is a
    meeting with Tokayev.

    The visit word is one of the profile's ``visits``; its destination a place of the gazetteer that one side's
    names (``[facts.sides]``: a country or its capital) stands for, and the visitor the other side's leader
    (``[facts.leaders]``). No host when someone else is named after the visitor ("visited Kazakhstan, where Nazarbayev
    received him") or the place is a part of the country ("visited Kazakhstan's Mangistau region").
    """
    rules = doc.rules
    if rules.visits is None or len(rules.sides) < 2 or not rules.side_leaders \
            or not rules.visits.fullmatch(anchor.group()):
        return set()
    text = sentence.text
    clause_start = max(text.rfind(c, 0, anchor.start()) for c in ",;:()") + 1
    ends = [i for i in (text.find(c, anchor.end()) for c in ",;:()") if i != -1]
    clause_end = min(ends) if ends else len(text)
    if re.search(r"['\u2019]s\s+capital$", text[anchor.end():clause_end]):  # "to Kazakhstan's capital, Astana,"
        later = [i for i in (text.find(c, clause_end + 1) for c in ",;:()") if i != -1]
        clause_end = min(later) if later else len(text)
    place = _DESTINATION_AFTER.match(text, anchor.end(), clause_end) or _DESTINATION_BEFORE.search(
        text, clause_start, anchor.start())
    if place is None:
        return set()
    canonical = doc.locations.get(" ".join(place.group("place").replace("\u2019", "'").split()).casefold())
    if canonical is None and place.groupdict().get("capital"):
        canonical = place.group("place")  # "the Kazakh capital"
    if canonical is None:
        return set()
    hosts = {side for side, pattern in rules.sides if pattern.fullmatch(canonical) or pattern.fullmatch(
        place.group("place"))}
    if len(hosts) != 1:
        return set()  # "the Union State" is both sides: no one's host
    host = rules.side_leaders.get(next(iter(hosts)))
    visitors = {leader for side, leader in rules.side_leaders.items() if side not in hosts}
    if not host or host in ids or not (visitors & ids):
        return set()
    # Someone else named from the visitor on ("Putin visited Kazakhstan, where Nazarbayev received him") may be
    # the host; a speaker before ("the spokesman told TASS that Tokayev's visit ...") is not.
    # A source closing the sentence ("..., his press secretary told journalists", "..., according to
    # Ushakov") is no host either.
    starts = [m.start for m in doc.people(sentence) if visitors & set(m.entity_ids) and m.kind in ("name", "role")]
    if not starts or doc._others(min(starts), sentence.start + _source_clause(rules, text)):
        return set()
    return {host}


_SOURCE = re.compile(r",\s+(?!(?:where|when|and|who|whom|which|while)\b)(?P<clause>[^,;:]*)$")


def _source_clause(rules: FactRules, text: str) -> int:
    """Where a sentence's closing source clause starts (", Ushakov told reporters.", ", according to TASS."), else its
    length: a last clause that reports (``reporting_past``) or opens with "according to"."""
    m = _SOURCE.search(text.rstrip(" .!?\"\u201d'"))
    if m is None:
        return len(text)
    clause = m.group("clause")
    if re.match(r"according\s+to\b", clause, re.IGNORECASE) or (
            rules.reporting_past is not None and rules.reporting_past.search(clause)):
        return m.start()
    return len(text)
