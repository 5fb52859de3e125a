"""Cut a document into the sentences or paragraphs our reader sees, for the training formats.

Boundaries come from :func:`desktop.facts.sentences.split_sentences` (lines are
paragraphs, a headline is its own sentence), not from spaCy's sentencizer, so a
title never runs into the first sentence. A boundary that falls inside an
entity is dropped: the two pieces stay one, and no entity is cut.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> doc = nlp("Talks in Minsk\\nPutin met Lukashenko. They talked.")
>>> [doc[a:b].text for a, b in token_ranges(doc, [], by="sentences")]
['Talks in Minsk', 'Putin met Lukashenko.', 'They talked.']
>>> [doc[a:b].text for a, b in token_ranges(doc, [], by="paragraphs")]
['Talks in Minsk', 'Putin met Lukashenko. They talked.']
"""

from __future__ import annotations

from desktop.facts.sentences import split_sentences


def char_ranges(text: str, *, by: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence (``by="sentences"``) or paragraph of ``text``."""
    sentences = split_sentences(text)
    if by == "sentences":
        return [(s.start, s.end) for s in sentences]
    ranges: list[tuple[int, int]] = []
    paragraph = None
    for sentence in sentences:
        if sentence.paragraph == paragraph:
            ranges[-1] = (ranges[-1][0], sentence.end)
        else:
            ranges.append((sentence.start, sentence.end))
            paragraph = sentence.paragraph
    return ranges


def token_ranges(doc, ents, *, by: str) -> list[tuple[int, int]]:
    """Token ``(start, end)`` of each sentence or paragraph of ``doc``; none cuts one of ``ents``."""
    ranges: list[tuple[int, int]] = []
    for start, end in char_ranges(doc.text, by=by):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        first = max(span.start, ranges[-1][1] if ranges else 0)
        if first < span.end:
            ranges.append((first, span.end))
    inside = set()
    for ent in ents:
        inside.update(range(ent.start + 1, ent.end))  # tokens that continue an entity
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and any(i in inside for i in range(merged[-1][1], start + 1)):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
