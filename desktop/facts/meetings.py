"""Meetings and calls: candidates from trigger words, their participants, dates, places and status."""

from __future__ import annotations

import re
from typing import Any

from desktop.facts.attendance import joint_attendees, listed_attendees
from desktop.facts.bodies import officials_meeting, officials_news
from desktop.facts.call_verbs import dialled_calls
from desktop.facts.dates import _ANAPHORIC_DAYS
from desktop.facts.document import Document, _clause_bounds, _iso
from desktop.facts.event_dates import (
    caption_dates, candidate_dates, choose_date, lede_series, listed_days, repeated_dates, split_days,
)
from desktop.facts.event_merge import complete_participants, dedupe_events, drop_lede_defaults
from desktop.facts.joined_meetings import joined_meeting
from desktop.facts.kinds import FactKind, register_kind
from desktop.facts.meeting_anchors import anchor_patterns, meeting_anchors
from desktop.facts.narrative_years import loosely_past
from desktop.facts.pairs import pair_talks_leaders, visit_host
from desktop.facts.participants import find_places, place_before
from desktop.facts.rules import MODALITY_PHRASES
from desktop.facts.sentences import Sentence
from desktop.facts.text_tail import ends_before
from desktop.facts.transcripts import header_place, turn_speakers
from desktop.facts.status import read_status
from desktop.facts.visit_parts import complete_sessions, fold_arrivals, is_arrival, is_visit_bound, join_visit_days
from desktop.facts.references import (WITH_NAME, abroad_by_name, back_to_body, briefed_on, call_before_meeting,
                                       call_reference, listed_with, session_as_time, someone_named, timed_body,
                                       transcript_present, with_someone)
from desktop.facts.voice import _first_person, _he, _second_person, _third_person


_RELATIVE = re.compile(r",\s+(?:who|which)\s+")
_WHO = re.compile(r",\s+who\s+")


def _relative_clause(sentence: Sentence, anchor: re.Match) -> tuple[int, int] | None:
    """The ", who ... ," clause around an anchor (sentence offsets, from the comma), if it is in one."""
    opening = None
    for m in _RELATIVE.finditer(sentence.text, 0, anchor.start()):
        opening = m
    if opening is None or "," in sentence.text[opening.end():anchor.start()]:
        return None
    close = sentence.text.find(",", anchor.end())
    return opening.start(), close if close != -1 else len(sentence.text)


def _candidate(doc: Document, sentence: Sentence, kind: str, anchor: re.Match, *, weak: bool = False,
               joint: bool = False, attend: str | None = None):
    rules = doc.rules
    a0, a1 = sentence.start + anchor.start(), sentence.start + anchor.end()
    by_default = False
    people = doc.people(sentence)
    relative = _relative_clause(sentence, anchor)
    if relative:
        # "Lukashenko, who returned from a visit to China, briefed Putin": the visit is the subject's alone.
        r0, r1 = sentence.start + relative[0], sentence.start + relative[1]
        people = [p for p in people if r0 <= p.start < r1 or r0 - 2 <= p.end <= r0]
    ids = set()
    for p in people:
        ids.update(p.entity_ids)
    named = {i for p in people if p.kind in ("name", "role", "group") for i in p.entity_ids}
    body_near = None
    partner = WITH_NAME.match(sentence.text, anchor.end())
    if partner and not any(a1 <= p.start < sentence.start + partner.end() for p in people) and not listed_with(
            sentence, partner, people) and (
            " " in partner.group("name") or someone_named(doc, sentence.start + partner.start("name"),
                                                           partner.group("name"))):
        # "his talks with Chinese President Xi Jinping", "we met with Tokayev": a meeting with someone else
        # (a surname alone the model may tag an ORG, or not at all, as in a headline's "summit with Trump").
        return None
    if with_someone(sentence, anchor, people, rules.participants):
        return None  # "at a meeting with an envoy from Moscow, who ...": someone unnamed, not the pair
    if kind == "meeting" and call_reference(rules, sentence, anchor):
        # "Putin and Lukashenko spoke by phone after the Alaska summit on Friday": the call is the news, the
        # summit what it was about, not a meeting of theirs ("ahead of their talks" is one: it says whose).
        return None
    if kind == "meeting" and briefed_on(doc, sentence, anchor):
        return None
    if kind == "meeting":
        # Meetings of other officials ("a meeting of the Council of Ministers", "held a meeting with the
        # government members", "a Security Council meeting") do not count.
        if officials_meeting(rules, sentence.text, anchor, [(p.start - sentence.start, p.end - sentence.start)
                                                            for p in people]):
            return None
        n0 = max(0, anchor.start() - 40)
        body = rules.all_attend_bodies.search(sentence.text[n0:anchor.end() + 60]) if rules.all_attend_bodies else None
        if body and not timed_body(rules, sentence.text, anchor.end(), n0 + body.start()):
            # ... but in "Putin met Aliyev before a meeting of the Supreme State Council" the session is another one.
            ids.update(rules.participants)
            body_near = True
        elif abroad_by_name(doc, sentence, a0, named):
            return None
    if attend:
        # "Putin and Lukashenko will take part in the forum", "with the participation of Tokayev and Putin".
        together = joint_attendees(doc, sentence, anchor, after=attend == "after")
        if not together:
            return None
        ids.update(together)
    elif weak or joint:
        # "Lukashenka and Putin agreed": the participants are the subject, named before the weak verb;
        # "a treaty signed by the presidents" is not a meeting of theirs.
        c0, _ = _clause_bounds(sentence.text, a0, sentence.start)
        before = {i for p in people if p.kind in ("name", "role", "group") and c0 <= p.start < a0
                  for i in p.entity_ids}
        if not set(rules.participants) <= before:
            return None
        ids.update(before)
    elif not set(rules.participants) <= ids:
        ids.update(_first_person(doc, sentence, anchor))
        if not set(rules.participants) <= ids:
            ids.update(_second_person(doc, sentence, anchor))  # "since your visit last November", said by Putin
        if not set(rules.participants) <= ids and _third_person(doc, sentence, anchor):
            ids.update(rules.participants)
        if not set(rules.participants) <= ids:
            ids.update(_he(doc, sentence, anchor))  # "..., he said at a meeting with Tokayev"
        if not set(rules.participants) <= ids:
            ids.update(pair_talks_leaders(doc, sentence, anchor))  # "the Belarus-Russia talks ... Putin and ..."
        if not set(rules.participants) <= ids:
            ids.update(visit_host(doc, sentence, anchor, ids))  # "Putin visited Kazakhstan": Tokayev hosts
    if kind == "meeting" and not set(rules.participants) <= ids and back_to_body(doc, sentence, anchor):
        ids.update(rules.participants)  # "... gathering the Supreme State Council in Minsk. ... the meeting will be"
    dates = candidate_dates(doc, sentence, anchor)
    captioned = not dates and bool(dates := caption_dates(doc, sentence))  # "... during the talks. Sochi, May 28."
    if relative:
        # "Lukashenko, who had met Putin days earlier, returned to Minsk on Sunday": Sunday is the return's.
        dates = [d for d in dates if r0 <= d.start < r1]
    elif (later := _WHO.search(sentence.text, anchor.end())) is not None:
        # "Putin met Tokayev, who will chair the summit on July 4": July 4 is the summit's, not the meeting's
        # ("a meeting ..., which will be held on December 26" is the meeting's own: "which" is left alone).
        close = sentence.text.find(",", later.end())
        l0, l1 = sentence.start + later.start(), sentence.start + (close if close != -1 else len(sentence.text))
        dates = [d for d in dates if not l0 <= d.start < l1]
    clause_start, clause_end = _clause_bounds(sentence.text, a0, sentence.start)
    earlier_call = kind == "call" and call_before_meeting(doc, sentence, anchor)
    if earlier_call:
        # "this visit so soon after our telephone conversation": only a date of the call's own clause is the call's.
        dates = [d for d in dates if a1 <= d.start < clause_end]
    bound = kind == "meeting" and is_visit_bound(rules, sentence.text, anchor)
    arrival = kind == "meeting" and is_arrival(rules, sentence.text, anchor, (clause_start - sentence.start,
                                                                          clause_end - sentence.start))
    reading = read_status(doc, sentence, anchor, (clause_start, clause_end), dates, counts=kind == "meeting")
    if reading is None:
        return None  # "did not meet", "no meeting was held", "if they meet", "could meet": no meeting to propose
    status, direction, dates, counted = reading.status, reading.direction, reading.dates, reading.counted
    chosen = choose_date(a0, a1, sentence, dates, doc, direction, rules.max_event_days, kind)
    used = [(a0, a1)] + [(p.start, p.end) for p in people]
    definite = sentence.text[:anchor.start()].split()[-1:]
    definite = bool(definite and definite[0].casefold() in rules.definite)
    named_place = place_before(sentence, a0, doc.spans, doc.locations) if kind == "meeting" else None
    undated = {"undated": True, "ids": ids, "sentence": sentence, "kind": kind, "held": status, "definite": definite,
               "anchor": (a0, a1), "place": named_place[2] if named_place else None}
    if chosen is None and kind == "call" and named and not (weak or counted or relative or earlier_call or reading.stated
                                                         or reading.earlier or status == "planned"):
        chosen = lede_series(doc, kind, sentence)  # one of the calls the lede dates: "made a round of calls on 12-13 May"
        in_series = chosen is not None
    else:
        in_series = False
    # "Tokayev arrived in Kazan to see Putin": the guest is there, the meeting at hand and held that day.
    arrived = chosen is None and status == "planned" and bool(_ARRIVED.search(doc.text, clause_start, a0))
    if arrived:
        status = "held"
    if chosen is None:
        body_no = doc.body_index.get(sentence.index)
        lede = sentence.is_title or (body_no is not None and body_no < rules.lede_sentences)
        call_topic = kind == "meeting" and rules.call is not None and bool(rules.call.search(sentence.text))
        # "We are meeting after our governments...", said in a participant's turn: the transcript's own meeting.
        present = not weak and not relative and transcript_present(doc, sentence, anchor, ids)
        if not (lede or present) or not doc.published or weak or counted or reading.stated or relative or loosely_past(
                doc, sentence, dates, (clause_start, clause_end), rules.max_event_days) or (
                not named and not present and (not body_near or doc._others(sentence.start, a0))) or officials_news(
                doc, sentence, anchor.start()) or reading.earlier or call_topic or earlier_call or (
                status == "planned" and not (rules.departures and rules.departures.search(doc.text, clause_start, a0))):
            # An undated lede dates its meeting by publication if it names someone taking part or is
            # a session of a body they all attend ("A session of the Supreme State Council began"), not
            # when someone else speaks about it ("the ambassador told TASS about the plans for the Council").
            # A denied or cancelled meeting is dated only by the article's own words, and so is one told in a
            # relative clause ("Lukashenko, who had met Putin, said...") or after a meeting of other officials
            # ("held a meeting with the government on his talks with Putin"): the main clause is the news; and
            # one referred to as earlier ("his recent talks with Putin", "their previous meeting"), or the topic
            # of a call told with it ("discussed by phone the upcoming summit", "agreed on a new meeting during a
            # telephone conversation"), or the earlier call a meeting came after ("this visit so soon after our
            # telephone conversation"). A plan with no date of its own ("the upcoming state visit", "will hold
            # talks in Sochi") is not on the article's day: the day it will be is unknown, and nothing is proposed;
            # a trip under way in its clause ("left for Moscow to hold talks", "is heading to Sochi") is at hand.
            return undated
        start = end = doc.published
        precision = "day"
        by_default = True
    else:
        mention, (start, end, precision) = chosen
        if not in_series:  # the series' date is the lede's: the evidence stays the call's own sentence
            used.append((mention.start, mention.end))
        relative_day = mention.kind == "rel_day" and " ".join(mention.text.casefold().split()) in _ANAPHORIC_DAYS
        # Re-pick the year now that the full sentence's tense is known.
        if status is None and doc.published:
            status = "held" if end < doc.published else "planned" if start > doc.published else None
        upcoming = re.search(r"\b(?:upcoming|forthcoming|next|future|new)\s+$", sentence.text[:anchor.start()], re.I)
        attached = a1 <= mention.start < clause_end
        # "The meeting coincided with the anniversary of the treaty, signed on 8 December 1999": a definite
        # reference takes no date from a later clause, that date belongs to another verb.
        definite_ref = re.search(r"\b(?:the|this|that)\s+$", sentence.text[:anchor.start()], re.I)
        if definite_ref and mention.start >= clause_end and not captioned and not arrival:
            # ... but "At the invitation of Putin, Lukashenko arrived in Sochi on Thursday" is dated by the arrival.
            return undated
        if upcoming and not attached and not captioned:
            # "the upcoming meeting" refers back to a meeting; a date elsewhere in the sentence dates another verb.
            return undated
        if weak and precision != "day":
            return None
        days = listed_days(doc, anchor, mention, start, end)
        repeats = repeated_dates(doc, sentence, anchor, mention, dates, direction, rules.max_event_days)
    if weak and status not in (None, "held"):
        return None
    if status is None:
        status = "held"
    if status == "planned" and not by_default and doc.published and end < doc.published:
        status = "held"  # "asked whether he would attend the summit Putin hosted last month": reported speech
    session = session_as_time(doc, sentence, anchor) if kind == "meeting" else None
    if session == "before" and status == "held" and doc.published and end >= doc.published:
        status = "planned"  # "met before a meeting of the Supreme State Council" today: the session is still to come
    places = (find_places(sentence, doc.spans, doc.locations, rules, place_spans=doc.place_spans,
                          people=[(p.start, p.end) for p in doc.people(sentence)]) if kind == "meeting" else [])
    # "denied plans for Putin to meet": a participant is not where the meeting is.
    places = [p for p in places if not any(m.start < p[1] and p[0] < m.end for m in doc.people(sentence))
              and (not relative or r0 <= p[0] < r1)]
    if not places and kind == "meeting" and (before := place_before(sentence, a0, doc.spans, doc.locations)):
        places = [before]  # "The Sochi meeting lasted five hours"
    place = None
    if chosen is not None and repeats:
        # "met on August 3 in Sochi and again on August 25 in Minsk": each meeting's place is told in its part.
        parts = [r[3] for r in repeats] + [sentence.end]
        repeats = [(*r[:3], next((p[2] for p in places if parts[i] <= p[0] < parts[i + 1]), None))
                   for i, r in enumerate(repeats)]
        places = [p for p in places if p[0] < parts[0]]
    if places:
        best = min(places, key=lambda p: min(abs(p[0] - a1), abs(p[0] - a0)))
        place = best[2]
        used.append((best[0], best[1]))
    return {
        "kind": kind,
        "ids": ids,
        "start_date": start,
        "end_date": end,
        "precision": precision if start != end else "day",
        "held": status,
        "place": place,
        "sentence": sentence,
        "anchor": (a0, a1),
        "definite": definite,
        "body": body_near,
        "used": used,
        "by_default": by_default,
        "arrival": arrival or bound,
        "session": session,  # a body's session named as the time of the pair's meeting: a meeting of its own
        "bound": bound,  # the visit's start or end: its talks may come before it
        "relative_day": chosen is not None and relative_day,  # "the day before": dated from another day told
        "others": doc.paired_with_others(sentence, a0),
        "days": days if chosen is not None else None,
        "repeats": repeats if chosen is not None else None,
    }


def _event_candidates(doc: Document) -> list[dict[str, Any]]:
    rules = doc.rules
    out: list[dict[str, Any]] = []
    may = doc.hits.may_match  # False for a sentence the whole text's scan found no match in (phrase_scan)
    anchored = anchor_patterns(rules)
    anchored_sentences = doc.hits.any_may_match(anchored)
    for sentence in doc.sentences:
        if anchored_sentences is not None and sentence.index not in anchored_sentences:
            continue  # no call and no anchor: nothing below is proposed for it
        calls = list(rules.call.finditer(sentence.text)) if rules.call and may(rules.call, sentence) else []
        calls += [m for m in dialled_calls(doc, sentence) if not any(c.start() <= m.start() < c.end() for c in calls)]
        call_candidates = [c for c in (_candidate(doc, sentence, "call", m) for m in calls) if c]
        for cand in call_candidates:
            if cand.get("undated"):
                _call_off(out, cand)
            elif sentence.is_title and cand["ids"] and not set(rules.participants) <= cand["ids"]:
                cand["ids"] |= turn_speakers(doc)  # "Telephone conversation with Tokayev": the host speaks in turns
        out.extend(c for c in call_candidates if not c.get("undated"))
        call_days = {(c["start_date"], c["end_date"]) for c in call_candidates if not c.get("undated")}
        anchors = meeting_anchors(doc, sentence, calls)
        for match, weak in anchors:
            cand = _candidate(doc, sentence, "meeting", match, weak=weak is True, joint=weak == "joint",
                              attend=weak if weak in ("subject", "after") else None)
            if cand and (joined := joined_meeting(doc, cand)) is not None:
                cand = joined  # "had also been expected to join Putin for talks", the talks put off
            if cand and cand.get("undated"):
                _call_off(out, cand)
                _place_of_reference(out, cand)
            if not cand or cand.get("undated"):
                continue
            if weak == "conversation":
                cand["ids"] |= turn_speakers(doc)  # the host, who speaks in the turns
            if sentence.is_title and cand["place"] is None and (weak == "conversation" or turn_speakers(doc)):
                # A transcript's header under its title: "April 3, 2019, The Kremlin, Moscow" (a news page's
                # dateline under a headline is the report's place, not the meeting's: no turns there).
                cand["place"] = header_place(doc, sentence)
            if calls and (cand["start_date"], cand["end_date"]) in call_days:
                continue
            if not set(rules.participants) <= cand["ids"]:
                # "Lukashenko was among the guests"; "The summit was attended by:" and a guest a line.
                cand["ids"] |= _attendees(doc, sentence) | listed_attendees(doc, sentence)
            if sentence.is_title and cand["ids"] and not set(rules.participants) <= cand["ids"]:
                # "Meeting with President of Belarus Alexander Lukashenko": the host is named in the lede.
                cand["ids"] |= doc.lede_people()
            out.append(cand)
    return out


_ARRIVED = re.compile(r"\b(?:arrived|landed|flew)\s+(?:in|at|to)\b", re.IGNORECASE)


def _call_off(found: list[dict[str, Any]], undated: dict[str, Any]) -> None:
    """"They were to meet on Friday. The meeting was cancelled.": an undated cancellation or denial of
    "the meeting" is the status of the meeting told just before (this sentence or the two before it)."""
    if undated.get("held") not in ("cancelled", "denied") or not undated.get("definite"):
        return
    index = undated["sentence"].index
    earlier = [c for c in found if c["kind"] == undated["kind"] and index - 2 <= c["sentence"].index <= index
               and c["anchor"][0] < undated["anchor"][0]]
    if earlier:
        earlier[-1]["held"] = undated["held"]


def _place_of_reference(found: list[dict[str, Any]], undated: dict[str, Any]) -> None:
    """"Putin and Lukashenko held talks on Friday. The Sochi meeting lasted five hours.": an undated "the Sochi
    meeting" gives its place to the meeting told just before (this sentence or the two before it) that has none."""
    if not undated.get("place"):
        return
    index = undated["sentence"].index
    earlier = [c for c in found if c["kind"] == undated["kind"] and index - 2 <= c["sentence"].index <= index
               and c["anchor"][0] < undated["anchor"][0]]
    if earlier and earlier[-1]["place"] is None:
        earlier[-1]["place"] = undated["place"]


_CAPTION = re.compile(r"\s*(?:Photo|Picture|Image)(?:\s+credit)?\s*(?::|by\b)", re.IGNORECASE)
_ALSO = re.compile(r"\balso\b", re.IGNORECASE)
_THAT_BEFORE = re.compile(r"\b(?:that|this|the|its)\s+$", re.IGNORECASE)  # "took part in that session"


def _attendees(doc: Document, sentence: Sentence) -> set[str]:
    """Participants the next sentence adds to a summit: "Lukashenko was among the guests".

    The next sentence may name the summit again ("took part in that session"), not another meeting. It may open
    the next paragraph when it says it adds to them ("... also participated in the meeting"), past a photo's
    caption line ("Photo credit: Akorda press service.").
    """
    rules = doc.rules
    at = sentence.index + 1
    while at < len(doc.sentences) and _CAPTION.match(doc.sentences[at].text):
        at += 1
    following = doc.sentences[at] if at < len(doc.sentences) else None
    if (following is None or rules.attendance is None
            or (following.paragraph != sentence.paragraph and not _ALSO.search(following.text))
            or not rules.attendance.search(following.text) or doc.dates(following)
            or (rules.meeting and any(not ends_before(_THAT_BEFORE, following.text, m.start(), letters=4)
                                      for m in rules.meeting.finditer(following.text)))
            or (rules.call and rules.call.search(following.text))):
        return set()
    return {i for p in doc.people(following) if p.kind in ("name", "role", "group") for i in p.entity_ids}


def extract_events(doc: Document) -> list[dict[str, Any]]:
    """The meetings and calls of one document, as fact rows."""
    participants = set(doc.rules.participants)
    events = split_days(_event_candidates(doc))
    events = fold_arrivals(events, doc.rules)
    events = complete_sessions(events, doc.rules)
    events = complete_participants(events, participants) if participants else events
    events = drop_lede_defaults(events, doc.published)
    events = dedupe_events(events, doc.published)
    events = join_visit_days(events, doc.rules)
    facts = []
    for cand in events:
        sentence = cand["sentence"]
        facts.append({
            "kind": cand["kind"], "status": "proposed", "source": "rule",
            "date_start": _iso(cand["start_date"]), "date_end": _iso(cand["end_date"]),
            "precision": cand["precision"], "place": cand["place"],
            "participants": sorted(cand["ids"] & participants) if participants else sorted(cand["ids"]),
            "held": cand["held"], "evidence": sentence.text, "start": sentence.start, "end": sentence.end,
            "span_ids": doc.span_ids(cand["used"]),
        })
    return facts


# The profile's [facts.phrases]: what the meeting and call extractor looks for.
PHRASES_SCHEMA = {name: "phrases" for name in (
    "group", "plural", "attendance", "ambiguous", "meeting", "weak_meeting", "joint", "receptions", "call",
    "all_attend_bodies", "bodies", "other_bodies", "planned", "planned_past", "planned_past_after", "held", "held_participles", "definite", "countable",
    "visits", "trips", "arrivals", "visit_bounds", "informal", "sessions", "joint_attendance", "attended_by", "attendance_lists",
    "briefings", "shared_titles", "before_refs", "after_refs",
    "counterparts", "departures", "repeats", "call_verbs", "joins", "schedule_refs",
    "postponed_to", "dated_events",
    *MODALITY_PHRASES,
)}
register_kind(FactKind("meeting", "event", "Meeting", section="phrases", schema=PHRASES_SCHEMA,
                       extract=extract_events))
register_kind(FactKind("call", "event", "Call", section="phrases", schema=PHRASES_SCHEMA, extract=extract_events))
