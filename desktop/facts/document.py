"""What extraction knows about one document while it works on it."""

from __future__ import annotations

import bisect
import datetime as _dt
import re

from desktop.facts.dates import _ANAPHORIC_DAYS, _CLOCK, _DATE_WORDS, DateMention, _span_date, find_dates, resolve_date
from desktop.facts.groups import GroupReading, _overlaps_any
from desktop.facts.phrase_scan import SentenceHits
from desktop.facts.participants import Mention, PlaceSpans, _alias_regex, find_participants
from desktop.facts.sentences import Sentence, split_sentences
from desktop.normalise import iso_day


def _clause_bounds(text: str, pos: int, base: int) -> tuple[int, int]:
    """The clause around offset ``pos`` (document offsets) in sentence ``text`` starting at ``base``."""
    rel = pos - base
    left = max(text.rfind(c, 0, rel) for c in (",", ";", " – ", " — ", ":"))
    right_candidates = [i for i in (text.find(c, rel) for c in (",", ";", " – ", " — ", ":")) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return base + left + 1, base + right


def _days(start: _dt.date, end: _dt.date) -> int:
    return (end - start).days + 1


def _iso(d: _dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _overlap(a0, a1, b0, b1, slack: int = 0) -> bool:
    delta = _dt.timedelta(days=slack)
    return a0 <= b1 + delta and b0 <= a1 + delta


def _is_dateline(text: str) -> bool:
    """A dateline or byline fragment ("MOSCOW, February 18.", "/TASS/."): not a sentence of the lede."""
    words = []
    for match in _WORD.finditer(text):  # six words are enough to say no: a long sentence is not read to its end
        if len(words) == 5:
            return False
        words.append(match.group())
    return not any(w[0].islower() for w in words)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


_WORD = re.compile(r"[\w'\u2019-]+")


def _name_glue(text: str, mentions: list[Mention]) -> frozenset[int]:
    """Newlines inside a name or between a role and its name ("Russian President / Vladimir Putin")."""
    glue = set()
    for m in mentions:
        at = text.find("\n", m.start, m.end)
        if at != -1:
            glue.add(at)
    for first, second in zip(mentions, mentions[1:]):
        gap = text[first.end:second.start]
        if first.kind == "role" and second.kind == "name" and gap.count("\n") == 1 and not gap.strip():
            glue.add(first.end + gap.index("\n"))
    return frozenset(glue)


def _flattened(text: str, sentences: list[Sentence]) -> str:
    """``text`` with the newlines inside its sentences read as spaces (same length, same offsets)."""
    pieces, last = [], 0
    for s in sentences:
        if "\n" in text[s.start:s.end]:
            pieces += [text[last:s.start], s.text]
            last = s.end
    return "".join(pieces) + text[last:] if pieces else text


class Document(GroupReading):
    """What extraction knows about one document while it works on it."""

    def __init__(self, text, published, rules, aliases, spans, locations):
        self._dates_by_sentence: dict[tuple[int, int], list[DateMention]] = {}
        self.memo: dict = {}  # what a rule module reads once per document (desktop.facts.bodies: officials' meetings)
        self.text = text
        self.published_iso = published
        self.published = iso_day(published)
        self.rules = rules
        self.spans = [s for s in (spans or []) if s.get("status") != "rejected"]
        by_start = sorted(self.spans, key=lambda x: x["start"])
        self._date_spans = [s for s in by_start if s["label"] == "DATE"]
        self._date_starts = [s["start"] for s in self._date_spans]
        # Places a gazetteer tagged are read only when this profile knows them: a span the previous
        # profile's gazetteer made ("MINSK" a GPE, kept from a russia_belarus ingest) is one the model
        # reads otherwise in a fresh ingest under this one (an ORG there), and both must give the same facts.
        self._places = [s for s in by_start if s["label"] in ("GPE", "LOC")
                        and (s.get("source") != "rule" or _folded(s["text"]) in locations)]
        self._place_starts = [s["start"] for s in self._places]
        self._id_spans = [s for s in by_start if s.get("id") is not None]
        self._id_starts = [s["start"] for s in self._id_spans]
        self._longest_span = max((s["end"] - s["start"] for s in self._id_spans), default=0)
        self.locations = locations
        self.participants = find_participants(text, rules, _alias_regex(aliases), locations=locations)
        self.sentences = split_sentences(text, glue=_name_glue(text, self.participants), open_words=rules.wrap_words)
        if "\n" in text:
            # A hard-wrapped sentence reads its newlines as spaces, at the same offsets.
            self.text = _flattened(text, self.sentences)
        self.hits = SentenceHits(self.text, self.sentences)
        # A mention the analyst rejected ("Putin" tagged in a quote about a namesake) names no participant.
        rejected = [(s["start"], s["end"]) for s in (spans or []) if s.get("status") == "rejected"]
        if rejected:
            kept = [(s["start"], s["end"]) for s in self.spans]
            self.participants = [m for m in self.participants
                                 if not any(a < m.end and m.start < b for a, b in rejected)
                                 or any(a < m.end and m.start < b for a, b in kept)]
        # PERSON spans that are not the participants: other people, sorted by start.
        starts = [m.start for m in self.participants]
        self._other_people = [(span["start"], span["end"]) for span in sorted(self.spans, key=lambda x: x["start"])
                              if span["label"] == "PERSON"
                              and not _overlaps_any(self.participants, starts, span["start"], span["end"])]
        self._other_people = sorted(self._other_people + self._other_counterparts(starts))
        self._place_spans: PlaceSpans | None = None
        self._other_starts = [start for start, _ in self._other_people]
        self.other_groups = self._resolve_groups()  # in text order
        self._other_group_starts = [start for start, _ in self.other_groups]
        self._mention_starts = [m.start for m in self.participants]
        self.body_index = {}
        n = 0
        seen: set[str] = set()
        for s in self.sentences:
            # Page furniture before the lede is no sentence of it: datelines, the headline repeated
            # ("What Putin and Lukashenka spoke about?" twice above the text).
            folded = _folded(s.text)
            repeated = folded in seen
            seen.add(folded)
            if not s.is_title and not _is_dateline(s.text) and not repeated:
                self.body_index[s.index] = n
                n += 1
        self.anchor_year = self._anniversary_year()

    @property
    def place_spans(self) -> PlaceSpans:
        """The document's GPE, LOC and FAC spans by offset (made when a meeting first asks where it was)."""
        if self._place_spans is None:
            self._place_spans = PlaceSpans(self.spans)
        return self._place_spans

    def others_grouped(self, sentence: Sentence) -> bool:
        """Whether a group phrase in ``sentence`` stands for other people ("the presidents of Kazakhstan and ...")."""
        i = bisect.bisect_left(self._other_group_starts, sentence.start)
        return i < len(self._other_group_starts) and self._other_group_starts[i] < sentence.end

    def _others(self, start: int, end: int) -> bool:
        """Whether people other than the participants are named in ``[start, end)`` (PERSON spans)."""
        i = bisect.bisect_left(self._other_starts, start)
        return i < len(self._other_starts) and self._other_starts[i] < end

    def paired_with_others(self, sentence: Sentence, pos: int) -> bool:
        """Whether, before ``pos``, a participant is paired with someone else: "Putin and Xi", "Tokayev and Putin"."""
        lo, hi = bisect.bisect_left(self._other_starts, sentence.start), bisect.bisect_left(self._other_starts, pos)
        for start, end in self._other_people[lo:hi]:
            for m in self.people(sentence):
                if m.kind not in ("name", "role"):
                    continue
                between = self.text[m.end:start] if m.end <= start else self.text[end:m.start]
                if re.fullmatch(r"\s+and\s+(?:[A-Z][\w-]*\s+){0,2}", between):
                    return True
        return False

    def _anniversary_year(self) -> int | None:
        # "we marked 20 years since the signing" dates "when we launched the process".
        if not self.published:
            return None
        m = re.search(r"\b(\d{1,3})(?:th)?\s+(?:years\s+since|years\s+ago|anniversary\s+of)", self.text)
        return self.published.year - int(m.group(1)) if m else None

    def lede_people(self, sentences: int = 5) -> set[str]:
        """Participants named in the first body sentences."""
        ids: set[str] = set()
        for s in self.sentences:
            if self.body_index.get(s.index, sentences) < sentences:
                ids.update(i for p in self.people(s) if p.kind in ("name", "role", "group") for i in p.entity_ids)
        return ids

    def is_person(self, pos: int, labels: tuple[str, ...] = ("PERSON",)) -> bool:
        """Whether a stored PERSON span (or one of ``labels``) covers offset ``pos``."""
        return any(span["label"] in labels and span["start"] <= pos < span["end"] for span in self.spans)

    def people(self, sentence: Sentence) -> list[Mention]:
        lo = bisect.bisect_left(self._mention_starts, sentence.start)
        hi = bisect.bisect_left(self._mention_starts, sentence.end)
        return self.participants[lo:hi]

    def dates(self, sentence: Sentence) -> list[DateMention]:
        # Asked once per trigger word: scan each sentence once (the date patterns are the costly part).
        key = (sentence.start, sentence.end)
        if key not in self._dates_by_sentence:
            self._dates_by_sentence[key] = self._find_sentence_dates(sentence)
        return list(self._dates_by_sentence[key])

    def _find_sentence_dates(self, sentence: Sentence) -> list[DateMention]:
        mentions = find_dates(sentence.text, sentence.start)
        for mention in mentions:
            shift = _ANAPHORIC_DAYS.get(" ".join(mention.text.casefold().split())) if mention.kind == "rel_day" else None
            if shift is not None:
                # "A day earlier" counts from the day last named, else from the publication date.
                # "Later in the day" / "the same day" is the day last named, however far back the story went on.
                day = self._last_day(sentence, mention.start, mentions, reach=10 if shift == 0 else 3) or self.published
                if day is not None:
                    day += _dt.timedelta(days=shift)
                    mention.fixed = (day, day, "day")
        lo = bisect.bisect_left(self._date_starts, sentence.start)
        hi = bisect.bisect_left(self._date_starts, sentence.end)
        for span in self._date_spans[lo:hi]:
            if any(not (span["end"] <= d.start or span["start"] >= d.end) for d in mentions):
                continue
            if find_dates(span["text"]) or _DATE_WORDS.search(span["text"]):
                # A form these patterns know and rejected here (a bare "December" as a subject).
                continue
            fixed = _span_date(span, self.published_iso)
            if fixed:
                mentions.append(DateMention(span["start"], span["end"], span["text"], "span", {}, fixed))
        return sorted(mentions, key=lambda d: d.start)

    def _last_day(self, sentence: Sentence, pos: int, here: list[DateMention], *, reach: int = 3) -> _dt.date | None:
        """The last single day named before ``pos`` in this sentence (``here``) or the ``reach`` before it."""
        for back in range(sentence.index, max(-1, sentence.index - reach - 1), -1):
            before = self.sentences[back]
            found = here if back == sentence.index else self.dates(before)
            for mention in reversed(found):
                if mention.start >= pos or (mention.kind == "rel_day" and back == sentence.index):
                    continue
                if _CLOCK.match(self.text, mention.end):
                    continue
                rng = resolve_date(mention, self.published)
                if rng and rng[0] == rng[1]:
                    return rng[0]
        return None

    def span_ids(self, ranges: list[tuple[int, int]]) -> list[int]:
        ids = set()
        for a, b in ranges:
            # Spans are short: only those starting a little before ``a`` can reach into the range.
            lo = bisect.bisect_left(self._id_starts, a - self._longest_span)
            hi = bisect.bisect_left(self._id_starts, b)
            ids.update(span["id"] for span in self._id_spans[lo:hi] if a < span["end"])
        return sorted(ids)
