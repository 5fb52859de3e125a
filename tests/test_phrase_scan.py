"""Phrase patterns scanned on lower-cased text give the original patterns' matches (issue 15: a 19 MB article).

The scans are a shortcut only: every test compares them with the case-ignoring patterns run as before,
on texts written to trip the folding (long s, dotless i, sigma, Kelvin sign, Cyrillic, curly quotes) and
on phrases at sentence edges and across lines.
"""

from __future__ import annotations

import random
import re
import string
import sys

import pytest

from desktop.facts import FactRules
from desktop.facts.phrase_scan import SentenceHits, _folds_plainly, finditer, fold_for_scan, twin
from desktop.facts.rules import _phrase_regex
from desktop.facts.sentences import split_sentences
from desktop.profile import load_profile


def _patterns() -> list[re.Pattern]:
    rules = FactRules.from_dict(load_profile("russia_belarus").facts)
    found = [value for value in vars(rules).values() if isinstance(value, re.Pattern)]
    found += list(rules.roles.values())
    return [p for p in found if twin(p) is not None]


def test_plain_folding_is_ignorecase_for_ascii_letters():
    """Wherever fold_for_scan keeps a character, IGNORECASE matches it to an ASCII letter just when lower() is it."""
    cased = [chr(cp) for cp in range(128, sys.maxunicode + 1) if chr(cp).lower() != chr(cp).upper()]
    plain = [c for c in cased if _folds_plainly(c)]
    assert len(plain) > 1000 and "ſ" not in plain and "ı" not in plain and "Σ" not in plain and "İ" not in plain
    for char in plain:
        low = char.lower()
        for letter in string.ascii_lowercase:
            assert bool(re.fullmatch(letter, char, re.IGNORECASE)) == (low == letter), (char, letter)
        assert re.fullmatch(re.escape(low), char, re.IGNORECASE)


@pytest.mark.parametrize("text", [
    "Putin and Lukashenko HELD TALKS in Minsk. The Summit was postponed.",
    "The presidenʦ met. Talks were held “face to face” in Минск, said ТАСС.",
    "The leaders held talkſ in Minsk.",  # long s: IGNORECASE reads it as "s"
    "The presıdents held talks.",  # dotless i
    "ΣΥΝΑΝΤΗΣΗ: the presidents met; Talks in Minsk.",  # capital sigma lowers by context
    "İstanbul talks: the presidents met.",  # lowers to two characters
    "The \u212aremlin said the presidents would hold talks.",  # Kelvin sign lowers to "k"
], ids=["ascii", "cyrillic-quotes", "long-s", "dotless-i", "sigma", "dotted-I", "kelvin"])
def test_finditer_gives_the_original_matches(text):
    patterns = _patterns()
    assert len(patterns) > 20
    low = fold_for_scan(text)
    for pattern in patterns:
        assert [(m.span(), m.group()) for m in finditer(pattern, text, low)] == \
            [(m.span(), m.group()) for m in pattern.finditer(text)], pattern.pattern[:60]


def test_texts_that_do_not_fold_plainly_are_scanned_as_before():
    assert fold_for_scan("The leaders held talkſ.") is None
    assert fold_for_scan("İstanbul") is None
    assert fold_for_scan("Переговоры в Минске, “talks”.") == "переговоры в минске, “talks”."


def _documents() -> list[str]:
    rng = random.Random(15)
    phrases = ["held talks", "talks", "met", "summit", "Supreme State Council", "by phone", "telephone conversation",
               "face-to-face", "the two presidents", "jointly", "attended", "in the presence of", "agreed"]
    words = ["Putin", "Lukashenko", "said", "Minsk", "on", "Friday", "the", "leaders", "Mr.", "U.S.", "it's"]
    out = []
    for _ in range(40):
        parts = []
        for _ in range(rng.randint(3, 25)):
            piece = rng.choice(phrases + words)
            parts.append(piece.upper() if rng.random() < 0.1 else piece)
            parts.append(rng.choice([" ", " ", " ", ". ", ".\n", "\n", "\n\n", "? ", "! ", ", "]))
        out.append("".join(parts))
    out.append("Talks\nheld in Minsk. They held\ntalks. Summit. summit? face-to-\nface")
    # A phrase of the whole text across a line ("sat down for\ntalks") holds the next line's own ("talks").
    out.append("Lukashenko sat down for\ntalks with Putin. He spoke\nby phone. The Russian and Belarusian\npresidents met.")
    return out


def test_sentences_skipped_hold_no_match():
    """A sentence SentenceHits rules out has no match of the pattern; with phrases at its edges and across lines."""
    patterns = _patterns()
    skipped = 0
    for text in _documents():
        sentences = split_sentences(text)
        hits = SentenceHits(text, sentences)
        assert hits.low is not None
        for pattern in patterns:
            for sentence in sentences:
                # A hard-wrapped sentence reads its newlines as spaces (which \s+ and the tries' edges treat alike).
                assert sentence.text == text[sentence.start:sentence.end].replace("\n", " ")
                if not hits.may_match(pattern, sentence):
                    skipped += 1
                    assert not list(pattern.finditer(sentence.text)), (pattern.pattern[:60], sentence.text)
    assert skipped  # the scan does rule sentences out


def test_sentences_no_pattern_of_a_group_can_match():
    """any_may_match scans one trie of all the group's phrases (case-ignoring and case-keeping ones together)."""
    rules = FactRules.from_dict(load_profile("russia_belarus").facts)
    group = [p for p in (rules.call, rules.meeting, rules.all_attend_bodies, rules.bodies, rules.weak_meeting,
                         rules.joint, rules.joint_attendance, rules.attended_by) if p is not None]
    assert any(not p.flags & re.IGNORECASE for p in group)  # bodies keep their case ("CIS", not "cis")
    ruled_out = 0
    for text in [*_documents(), "The cis met. The CIS met. They spoke\nby phone."]:
        sentences = split_sentences(text)
        found = SentenceHits(text, sentences).any_may_match(group)
        assert found is not None
        for sentence in sentences:
            if sentence.index not in found:
                ruled_out += 1
                assert not any(list(p.finditer(sentence.text)) for p in group), sentence.text
    assert ruled_out
    assert SentenceHits("The leaders held talkſ.", split_sentences("The leaders held talkſ.")).any_may_match(group) is None


def test_patterns_other_than_phrase_tries_are_never_skipped():
    text = "Talks were held. The presidents met."
    sentences = split_sentences(text)
    hits = SentenceHits(text, sentences)
    other = re.compile(r"^The", re.IGNORECASE)  # not a phrase trie: anchored, its matches depend on the string
    assert twin(other) is None
    assert all(hits.may_match(other, s) for s in sentences)
    assert twin(_phrase_regex(["talks"])) is not None
