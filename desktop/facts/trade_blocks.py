"""Whether a sentence goes on with the trade the one before named: same paragraph, next paragraph, next turn.

A wire's paragraphs are often one sentence long, and a transcript's turns are paragraphs: "PUTIN: Trade grew
by 10% last year. / LUKASHENKO: And it reached $35 billion." A one-line reply between two turns ("Indeed.")
does not end their topic.
"""

from __future__ import annotations

import re

from desktop.facts.document import Document
from desktop.facts.sentences import Sentence


# "PUTIN:", "Vladimir Putin:", "President of Russia Vladimir Putin:" (Kremlin transcripts).
TURN_LABEL = re.compile(r"^[\"“]?(?P<label>(?:[A-Z][\w.'’-]*\s+(?:of\s+(?:the\s+)?)?){0,5}[A-Z][\w.'’-]*)\s?:\s")


def continues_talk(doc: Document, previous: Sentence, sentence: Sentence) -> bool:
    """Whether a sentence continues the previous one's talk: the same paragraph, the paragraph right after it
    (wires make a paragraph of each sentence: "Trade grew by 8% in January-September. / It came to $35
    billion."), or the next turn of a dialogue.

    "PUTIN: Trade grew by 10% last year. / LUKASHENKO: And it reached $35 billion.": a transcript's turns
    are paragraphs, and the reply speaks of the trade the question named.
    """
    if previous.paragraph == sentence.paragraph:
        return True
    if previous.index == sentence.index - 1 and sentence.paragraph == previous.paragraph + 1:
        return True
    if not TURN_LABEL.match(sentence.text) or not (
            sentence.paragraph == previous.paragraph + 1 or replies_between(doc, previous, sentence)):
        return False
    # The previous sentence is a turn's: its paragraph opens with a label, or a paragraph before it does (a turn of
    # several paragraphs: "PUTIN: I am glad to see you. / Our trade is on the upsurge: it rose by 19.7%.").
    for i in range(previous.index, max(-1, previous.index - 41), -1):
        s = doc.sentences[i]
        if i == 0 or doc.sentences[i - 1].paragraph != s.paragraph:
            return bool(TURN_LABEL.match(s.text)) or _continued_turn(doc, i)
    return False


def _continued_turn(doc: Document, index: int) -> bool:
    """Whether the paragraph opening at sentence ``index`` goes on a turn: an earlier paragraph (within 40
    sentences) opens with a label, and no other paragraph between them does not."""
    for i in range(index - 1, max(-1, index - 41), -1):
        s = doc.sentences[i]
        if i == 0 or doc.sentences[i - 1].paragraph != s.paragraph:
            if TURN_LABEL.match(s.text):
                return True
    return False


def replies_between(doc: Document, previous: Sentence, sentence: Sentence) -> bool:
    """Whether only one-line replies stand between two turns: "PUTIN: ... it rose by 19.7%. / NAZARBAYEV:
    Indeed. / PUTIN: It has reached nearly $20 billion." (each a turn of its own of at most the profile's
    ``[facts.transcripts] reply_words`` words, no question, no trade or excluded word, no number)."""
    between = doc.sentences[previous.index + 1:sentence.index]
    if not between or len(between) > 2 or not TURN_LABEL.match(sentence.text):
        return False
    rules = doc.rules
    for s in between:
        label = TURN_LABEL.match(s.text)
        if label is None or s.paragraph in (previous.paragraph, sentence.paragraph) or s.text.endswith("?"):
            return False
        words = s.text[label.end():].split()
        if len(words) > rules.reply_words or re.search(r"\d", s.text[label.end():]) or any(
                p is not None and p.search(s.text) for p in (rules.trade_terms, rules.trade_excluded)):
            return False  # a reply of its own topic: "Our investment keeps growing too."
    return len({s.paragraph for s in between}) == len(between)
