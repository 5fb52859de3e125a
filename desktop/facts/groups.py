"""Who a group phrase stands for ("the two leaders", "the presidents"), and who else an article names.

The reading :class:`desktop.facts.document.Document` does once per document (:meth:`GroupReading._resolve_groups`):
"the presidents of Kazakhstan and Uzbekistan" name others; after "Putin held talks with Tokayev", "the presidents"
are Putin and Tokayev; in "Modi will visit Russia, where the two leaders..." someone else travels. A mixin of
``Document``: it reads the document's text, participants, PERSON and place spans, and the profile's rules.
"""

from __future__ import annotations

import bisect
import itertools
import re

from desktop.facts.pair_reference import refers_to_pair
from desktop.facts.participants import Mention

_WORD = re.compile(r"[\w'\u2019-]+")
_COUNTERPART_HEAD = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?P<adj>[A-Z][\w-]+)\s+$")
# A capitalised name right before a trip word, with a modal between: "Modi will visit", "Xi is set to travel to".
_SUBJECT = re.compile(r"(?<![\w.])(?!(?:He|She|They|It|We|I|The|This|That)\b)[A-Z][\w'-]+"
                      r"\s+(?:(?:will|would|is\s+(?:set\s+|due\s+)?to|plans\s+to|has|had)\s+)?\Z")


def _overlaps_any(mentions: list[Mention], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``mentions`` (sorted by start, ``starts`` theirs).

    Mentions do not overlap, so their ends are in order too: the last one starting before ``end`` is the
    one that can reach past ``start`` (a 1 MB article has thousands of mentions and of PERSON spans).
    """
    i = bisect.bisect_left(starts, end)
    return i > 0 and mentions[i - 1].end > start


class GroupReading:
    """The group-phrase and other-people rules of a :class:`desktop.facts.document.Document`."""

    def _resolve_groups(self) -> list[tuple[int, int]]:
        """Drop "the presidents" / "the two leaders" that stand for other people; returns their offsets.

        "the presidents of Kazakhstan and Uzbekistan" names others; after "Putin held talks with
        Tokayev", "the presidents" are Putin and Tokayev: the last sentence naming anyone decides.
        In "Modi will visit Russia, where the two leaders..." someone else travels or meets; in "Putin
        will visit India, where the two leaders..." one participant is named and the article never
        names the other: neither is the pair. When no sentence near names anyone, a group after someone else is named
        is the pair only if the article names both somewhere. "The Russian and Belarusian presidents" name it themselves.
        """
        if not self.spans and not any(m.kind == "group" for m in self.participants):
            return []
        starts = [s.start for s in self.sentences]
        named_ones = sorted((m for m in self.participants if m.kind in ("name", "role")), key=lambda m: m.start)
        named_starts = [m.start for m in named_ones]  # bisected: a 1 MB article has thousands of mentions
        wanted = set(self.rules.participants)
        named_all = wanted <= {i for m in named_ones for i in m.entity_ids} or any(
            m.kind == "group" and self._names_both_sides(m) for m in self.participants)
        if not named_all and named_ones and self._side_never_named(named_ones):
            # "Lukashenko and Putin met in St Petersburg ... the presidents" under the Russia-Kazakhstan profile:
            # an article naming Putin but neither Tokayev (nor his title) nor Kazakhstan anywhere has no pair to mean.
            dropped = [(m.start, m.end) for m in self.participants if m.kind == "group"]
            self.participants = [m for m in self.participants if m.kind != "group"]
            return dropped
        dropped, kept = [], []
        for mention in self.participants:
            if mention.kind != "group":
                kept.append(mention)
                continue
            of = re.match(r"\s+of\s+(?!the\s+two\b)([^,;.]*)", self.text[mention.end:mention.end + 80])
            if of and not (self.rules.bodies and self.rules.bodies.search(of.group(1))):
                # "the presidents of Kazakhstan and Uzbekistan"; "the heads of state of the EAEU" include them.
                dropped.append((mention.start, mention.end))
                continue
            index = bisect.bisect_right(starts, mention.start) - 1
            verdict = True if self._names_both_sides(mention) else None
            if verdict is None and refers_to_pair(self, self.sentences[index], mention.start) is False:
                # "Kazakhstan and China signed ... The two leaders": the pair the text last named is another.
                dropped.append((mention.start, mention.end))
                continue
            for back in range(index, max(-1, index - 4) if verdict is None else index, -1):
                sentence = self.sentences[back]
                stop = mention.start if back == index else sentence.end
                lo, hi = bisect.bisect_left(named_starts, sentence.start), bisect.bisect_left(named_starts, stop)
                named = {i for m in named_ones[lo:hi] for i in m.entity_ids}
                if named:  # a sentence naming only other people (an official, a place misread) says nothing...
                    # "Putin will visit India, where the two leaders will discuss trade": one participant's trip
                    # abroad, the other never named in the article (nor his title), is he and his host.
                    verdict = wanted <= named or not (self._others(sentence.start, stop) or (
                        not named_all and self._trip_abroad(sentence.start, stop)) or (
                        back == index and self._named_trip(sentence.start, stop)))
                    break
                if self._others_trip(sentence.start, stop) or (back == index and self._unnamed_trip(sentence.start, stop)):
                    verdict = False  # ... unless they travel or meet: "Modi will visit Russia, where the two leaders"
                    break
            if verdict is False or (verdict is None and not named_all and self._others(0, mention.start)
                                    and self._third_place(0, mention.start)):
                # Nothing near decides, the article never names one of the pair (by name or title), and names
                # someone else and a country of neither side before: after a head such as "Armenia's Nikol
                # Pashinyan spent Thursday in Moscow", "the two leaders" are the guest and his host, not the pair.
                # (Two prime ministers of the pair's own countries before "the presidents" leave them the pair.)
                dropped.append((mention.start, mention.end))
            else:
                kept.append(mention)
        self.participants = kept
        return dropped

    def _other_counterparts(self, starts: list[int]) -> list[tuple[int, int]]:
        """ "His Belarusian counterpart" where neither side is Belarus: someone else, though no PERSON span says so.

        The nationality is the capitalised word before one of the profile's ``counterparts`` words; the sides'
        own ("his Kazakh counterpart") are participants' roles and never someone else.
        """
        if self.rules.counterparts is None or not self.rules.sides:
            return []
        found = []
        for m in self.rules.counterparts.finditer(self.text):
            head = _COUNTERPART_HEAD.search(self.text, max(0, m.start() - 40), m.start())
            if head is None or any(side.search(head.group("adj")) for _, side in self.rules.sides):
                continue
            if not _overlaps_any(self.participants, starts, head.start("adj"), m.end()):
                found.append((head.start("adj"), m.end()))
        return found

    def _side_never_named(self, named_ones: list[Mention]) -> bool:
        """Whether one of the profile's sides is named nowhere in the article: not by its names, capital or
        adjective (``[facts.sides]``), its own towns (``[facts.places.home_of]``: "arrived in Sochi" names Russia),
        nor by its leader's name or title. A home town of no side given (``[facts.places] home``) names either."""
        rules = self.rules
        if len(rules.sides) < 2:
            return False
        assigned = {t.casefold() for pattern in rules.home_of.values() for t in pattern.findall(self.text)}
        if rules.home_places and any(t.casefold() not in assigned for t in rules.home_places.findall(self.text)):
            return False
        leaders = {i for m in named_ones for i in m.entity_ids}
        return any(rules.side_leaders.get(side) not in leaders and not pattern.search(self.text)
                   and not (side in rules.home_of and rules.home_of[side].search(self.text))
                   for side, pattern in rules.sides)

    def _names_both_sides(self, mention: Mention) -> bool:
        """Whether a group phrase names the pair's sides itself: "the Russian and Belarusian presidents"."""
        words = self.text[mention.start:mention.end]
        return len({side for side, pattern in self.rules.sides if pattern.search(words)}) >= 2

    def _trip_words(self, *, meetings: bool = True) -> list[re.Pattern]:
        """The profile's trip, visit and arrival words, and its meeting words unless ``meetings`` is false."""
        rules = self.rules
        return [p for p in (rules.trips, rules.visits, rules.arrivals, rules.meeting if meetings else None)
                if p is not None]

    def _others_trip(self, start: int, stop: int) -> bool:
        """Whether someone else travels or meets in ``[start, stop)``: another person a few words before a trip or
        meeting word ("Modi will visit Russia", "Aliyev arrived in Minsk", "Modi will hold talks with Putin")."""
        i = bisect.bisect_left(self._other_starts, start)
        for o_start, o_end in self._other_people[i:]:
            if o_start >= stop:
                break
            # The other person's next words: the trip or meeting word among the first four.
            for word in itertools.islice(_WORD.finditer(self.text, o_end, stop), 4):
                if any(p.match(self.text, word.start()) for p in self._trip_words()):
                    return True
        return False

    def _unnamed_trip(self, start: int, stop: int) -> bool:
        """Whether the group's own sentence tells a trip by no participant before it: "Modi will visit Russia,
        where the two leaders..." (a name the model did not tag); "He will visit Russia, where..." is left to
        the sentences before."""
        for pattern in self._trip_words(meetings=False):
            m = pattern.search(self.text, start, stop)
            if m is not None:
                return not re.search(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Hh]is|[Hh]er|[Tt]heir)\b", self.text[start:m.start()])
        return False

    def _third_place(self, start: int, stop: int) -> bool:
        """Whether a GPE or LOC span in ``[start, stop)`` is of neither side (nor the profile's ``home`` places)."""
        rules = self.rules
        if not rules.sides:
            return False
        for place in self._places[bisect.bisect_left(self._place_starts, start):]:
            if place["start"] >= stop:
                break
            if not self._of_a_side(place["text"]):
                return True
        return False

    def _of_a_side(self, name: str) -> bool:
        """Whether a place name is one of the sides' names or the profile's ``home`` places."""
        canonical = self.locations.get(" ".join(name.casefold().split()), name)
        return any(p is not None and (p.search(name) or p.fullmatch(canonical))
                   for p in [side for _, side in self.rules.sides] + [self.rules.home_places])

    def _named_trip(self, start: int, stop: int) -> bool:
        """Whether the group's own sentence tells a trip whose subject is a name that is no participant: "At the
        invitation of Russian President Putin, Modi will visit Russia, wherein the two leaders..." (the guest's
        name untagged by the model, the host named before him)."""
        for pattern in self._trip_words(meetings=False):
            for m in pattern.finditer(self.text, start, stop):
                subject = _SUBJECT.search(self.text, start, m.start())
                if subject and not any(p.start <= subject.start() < p.end for p in self.participants):
                    return True
        return False

    def _trip_abroad(self, start: int, stop: int) -> bool:
        """Whether ``[start, stop)`` tells a trip to a place of neither side: "will visit India", "arrived in Beijing".

        The place is the first GPE or LOC span a few words after a trip or arrival word, in its clause; the sides'
        names ("Moscow") and the profile's ``[facts.places] home`` ("Sochi") are no place abroad.
        """
        rules = self.rules
        if not rules.sides:
            return False
        i = bisect.bisect_left(self._place_starts, start)
        for pattern in self._trip_words(meetings=False):  # not meeting words: "talks in Sochi on Ukraine"
            for m in pattern.finditer(self.text, start, stop):
                reach = m.end() + len(re.match(r"[^,;:.]{0,40}", self.text[m.end():stop]).group())
                j = bisect.bisect_left(self._place_starts, m.end(), i)
                if j == len(self._places) or self._places[j]["start"] >= reach:
                    continue
                if not self._of_a_side(self._places[j]["text"]):
                    return True
        return False
