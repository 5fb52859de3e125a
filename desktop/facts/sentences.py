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


# A line that ends a sentence, a turn label or a headline's question: the newline after it is a break.
_CLOSED_LINE = re.compile(r"[.!?\u2026:]+[\"\u201d\u2019'\)\]]*\s*$")
# The next line goes on with the sentence: a lowercase word, or a closing bracket or comma carried over.
_GOES_ON = re.compile(r"[\"\u201c\u2018'(]?[a-z\u0430-\u044f]|[,;)\]]")


def logical_lines(text: str, *, glue: frozenset[int] = frozenset(),
                  open_words: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the text's lines, a hard-wrapped sentence's lines joined into one.

    A single newline goes on with the sentence when the line before it is open (no end punctuation) and
    the next line goes on with it (a lowercase word: "travel to Sochi / on September 14"), or the line
    ends in one of ``open_words`` ("to", "the"; not a comma: "Share," is a page's button), or ``glue`` holds the newline's offset (the
    caller knows a name runs across it: "Russian President / Vladimir Putin"), or the block is
    hard-wrapped (some line of it goes on as above) and the line was cut because the next word did not fit
    its width. A blank line always ends a paragraph; a headline above the body stays its own line.
    """
    blocks: list[list[tuple[int, int]]] = [[]]
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if body:
            a = offset + (len(line) - len(line.lstrip()))
            blocks[-1].append((a, a + len(body)))
        elif blocks[-1]:
            blocks.append([])
        offset += len(line)
    out: list[tuple[int, int]] = []
    for block in blocks:
        if not block:
            continue

        def goes_on(i: int) -> bool:
            (a, b), (c, _) = block[i], block[i + 1]
            line = text[max(a, b - 100):b]  # its end is all that counts (a 5 MB line is one line)
            if _CLOSED_LINE.search(line) or "\n" not in text[b:c] or text[b:c].count("\n") > 1:
                return False
            if any(b <= g < c for g in glue):
                return True
            last = re.findall(r"[\w'\u2019-]+$", line)
            if last and last[0].casefold() in open_words:
                return True
            return bool(_GOES_ON.match(text, c))

        joins = [goes_on(i) for i in range(len(block) - 1)]
        if any(joins):
            # A hard-wrapped block: a line cut before a word that would not have fitted is a wrap too.
            width = max(b - a for a, b in block)
            for i, joined in enumerate(joins):
                (a, b), (c, _) = block[i], block[i + 1]
                word = re.match(r"\S+", text[c:])
                if not joined and not _CLOSED_LINE.search(text[max(a, b - 100):b]) and word and \
                        (b - a) + 1 + len(word.group()) > width and (b - a) >= 0.6 * width:
                    joins[i] = True
        start = block[0][0]
        for i, (a, b) in enumerate(block):
            if i == len(block) - 1 or not joins[i]:
                out.append((start, b))
                if i + 1 < len(block):
                    start = block[i + 1][0]
    return out


def split_sentences(text: str, *, glue: frozenset[int] = frozenset(),
                    open_words: frozenset[str] = frozenset()) -> list[Sentence]:
    """Cheap sentence splitting on the stored text: lines are paragraphs, then end punctuation.

    Short lines without end punctuation near the top are headlines (``is_title``); the first line may end in "?".
    A hard-wrapped sentence's lines are one line (:func:`logical_lines`); its text reads each newline as a
    space, so offsets stay the stored text's.
    """
    sentences: list[Sentence] = []
    paragraph = 0
    body_lines = 0
    for line_start, line_end in logical_lines(text, glue=glue, open_words=open_words):
        stripped = text[line_start:line_end].replace("\n", " ")
        paragraph += 1
        # The first line may be a headline that asks: "What did Putin and Lukashenko talk about?".
        is_title = body_lines == 0 and len(stripped) < 200 and not re.search(
            r"[.!\"\u201d]$" if paragraph == 1 else r"[.!?\"\u201d]$", stripped)
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
