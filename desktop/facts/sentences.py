"""Sentences and headlines of a document's stored text."""

from __future__ import annotations

import re
from dataclasses import dataclass


_ABBREVIATIONS = {
    "st", "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "corp", "u.s",
    "u.k", "jr", "sr", "approx", "gov", "sen", "rep", "mt", "ft",
}
_SENTENCE_END = re.compile(r"[.!?]+[\"”’'\)\]]*(?=\s+[\"“‘'(\[/A-Z0-9А-Я])")


@dataclass
class Sentence:
    """A sentence (or headline) of a document: its offsets, paragraph, and place in the article."""

    start: int
    end: int
    text: str
    paragraph: int
    index: int
    is_title: bool = False


def split_sentences(text: str) -> list[Sentence]:
    """Cheap sentence splitting on the stored text: lines are paragraphs, then end punctuation.

    Short lines without end punctuation near the top are headlines (``is_title``); the first line may end in "?".
    """
    sentences: list[Sentence] = []
    offset = 0
    paragraph = 0
    body_lines = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        line_start = offset + (len(line) - len(line.lstrip()))
        offset += len(line)
        if not stripped:
            continue
        paragraph += 1
        # The first line may be a headline that asks: "What did Putin and Lukashenko talk about?".
        is_title = body_lines == 0 and len(stripped) < 200 and not re.search(
            r"[.!\"”]$" if paragraph == 1 else r"[.!?\"”]$", stripped)
        if not is_title:
            body_lines += 1
        pieces: list[tuple[int, int]] = []
        last = 0
        for match in _SENTENCE_END.finditer(stripped):
            if match.group().startswith("."):
                # The word before the stop ("Mr", "U.S"): the run of [\w.] characters back from it, read
                # backwards, so a long line whose stops are all abbreviations is not copied once per stop.
                at = stop = match.start()
                while at > last and (stripped[at - 1].isalnum() or stripped[at - 1] in "._"):  # [\w.]
                    at -= 1
                token = stripped[at:stop].casefold().rstrip(".")
                if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
            pieces.append((last, match.end()))
            last = match.end()
        if last < len(stripped):
            pieces.append((last, len(stripped)))
        for a, b in pieces:
            chunk = stripped[a:b]
            lead = len(chunk) - len(chunk.lstrip())
            chunk = chunk.strip()
            if not chunk:
                continue
            start = line_start + a + lead
            sentences.append(Sentence(start, start + len(chunk), chunk, paragraph, len(sentences), is_title))
    return sentences
