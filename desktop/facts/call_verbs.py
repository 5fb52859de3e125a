"""Calls told by a verb of dialling with a participant as its object: "Lukashenko called Putin on Thursday".

The profile's ``[facts.phrases] call_verbs`` ("called", "rang") are no call words on their own: "called for",
"called on him to", "the so-called summit" and "called Putin a friend" are none. A verb is a call when a participant's
mention follows it at once (a name, a role: "called the Russian president") and the words after that mention
do not make it a naming ("a friend", "his brother") or a possessive ("called Putin's plan").
"""

from __future__ import annotations

import re

from desktop.facts.document import Document
from desktop.facts.sentences import Sentence

# After the object: an article or possessive opens a predicate ("called Putin a friend"), "'s" a possessive.
_NAMING = re.compile(r"(?:'s|’s|\s+(?:a|an|the|his|her|their|its|one|our|my|your|this|that|'|\")\b)", re.IGNORECASE)


def dialled_calls(doc: Document, sentence: Sentence) -> list[re.Match]:
    """The ``call_verbs`` of ``sentence`` whose object is a participant: each a call's anchor."""
    verbs = doc.rules.call_verbs
    if verbs is None or not doc.hits.may_match(verbs, sentence):
        return []
    people = doc.people(sentence)
    found = []
    for match in verbs.finditer(sentence.text):
        if sentence.text[match.start() - 1:match.start()] == "-":
            continue  # "the so-called Putin plan"
        at = sentence.start + match.end()
        gap = doc.text[at:at + 2]
        if not gap.startswith(" ") or gap[1:2] == " ":
            continue
        mention = next((p for p in people if p.start == at + 1 and p.kind in ("name", "role")), None)
        if mention is None or _NAMING.match(doc.text, mention.end):
            continue
        found.append(match)
    return found
