"""Classes found in a blind batch of real articles (issue 10), each under perturbation.

Like tests/test_facts_phrasing_classes4.py: every sentence is ours, written for the class, never an
article's own; each class is crossed with wordings, names and dates, against near-misses that must stay
empty. Spans come from the profile's gazetteer on a blank pipeline (tests/test_facts_meetings_perturb.py).
"""

from __future__ import annotations

import pytest

from tests.test_facts_meetings_perturb import FRIDAY, PUBLISHED
from tests.test_facts_phrasing_classes4 import _meetings

# The belarus and kazakhstan fixtures (a profile's facts on our sentences) are tests/conftest.py's.


def _calls(extractor, text, published=PUBLISHED):
    return sorted((f["date_start"], f["held"]) for f in extractor.facts(text, published) if f["kind"] == "call")


# ---------------------------------------------------------------- C3: a line break inside a sentence

# Hard-wrapped text: one newline inside a sentence does not cut it; a blank line still does.
WRAPPED_CALLS = [
    "Belarusian leader\nAlexander Lukashenko spoke with Russian President\nVladimir Putin by phone on Friday.",
    "Alexander Lukashenko spoke with\nVladimir Putin by phone on Friday.",
    "Alexander Lukashenko and Vladimir Putin had a telephone\nconversation on Friday.",
    "On Friday, the Belarusian president\nspoke with Putin by phone.",
    "Vladimir Putin held a phone call with his Belarusian counterpart Alexander\nLukashenko on Friday.",
]
WRAPPED_MEETINGS = [
    "Alexander Lukashenko will travel to Sochi\non September 22 to meet Vladimir Putin.",
    "Alexander Lukashenko will travel to\nSochi on September 22 to meet Vladimir Putin.",
    "Russian President\nVladimir Putin will meet Alexander Lukashenko in Sochi on September 22.",
    "Putin and Lukashenko will hold talks in Sochi\non September 22, the Kremlin said.",
]
LEDE = "Talks in the south\n\n"  # a headline, then a blank line: the sentence is the body's


@pytest.mark.parametrize("text", WRAPPED_CALLS)
@pytest.mark.parametrize("lead", ["", LEDE, "The two presidents keep in touch.\n"])
def test_a_newline_inside_a_sentence_keeps_the_call(belarus, text, lead):
    assert _calls(belarus, lead + text) == [(FRIDAY, "held")], lead + text


@pytest.mark.parametrize("text", WRAPPED_MEETINGS)
@pytest.mark.parametrize("lead", ["", LEDE, "The two presidents keep in touch.\n"])
def test_a_newline_inside_a_sentence_keeps_the_meeting(belarus, text, lead):
    assert _meetings(belarus, lead + text) == [("2023-09-22", "2023-09-22", "planned", ("lukashenko", "putin"))], \
        lead + text


def _wrap(paragraph: str, width: int) -> str:
    """``paragraph`` hard-wrapped at ``width`` characters, greedily, as a plain-text mail or a wire's feed."""
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


ARTICLE = [
    "Belarusian President Alexander Lukashenko and Russian President Vladimir Putin discussed gas prices, the "
    "Union State and regional security at their talks in Sochi on Friday, the press service of the Belarusian "
    "leader said.",
    "The two presidents agreed to keep in close touch and to prepare a session of the Supreme State Council "
    "before the end of the year.",
    "They also spoke by phone on Sunday, the Belarusian leader's office added later.",
]


@pytest.mark.parametrize("width", [40, 55, 62, 70, 78])
def test_a_hard_wrapped_article_gives_what_the_unwrapped_one_does(belarus, width):
    flat = "Lukashenko in Sochi\n\n" + "\n\n".join(ARTICLE)
    wrapped = "Lukashenko in Sochi\n\n" + "\n\n".join(_wrap(p, width) for p in ARTICLE)
    assert "\n" in wrapped.split("\n\n")[1]

    def shape(text):
        return [(f["kind"], f["date_start"], f["held"], f["place"], tuple(f["participants"]), f["evidence"])
                for f in belarus.facts(text)]

    expected = shape(flat)
    assert [f[:4] for f in expected] == [("meeting", FRIDAY, "held", "Sochi"), ("call", SUNDAY_AFTER, "held", None)]
    got = shape(wrapped)
    assert got == expected
    # The evidence is the sentence as stored, at its offsets: the newlines read as spaces.
    for fact in belarus.facts(wrapped):
        quote = wrapped[fact["start"]:fact["end"]]
        assert quote.replace("\n", " ") == fact["evidence"]


SUNDAY_AFTER = "2023-09-10"  # "on Sunday" in a held call before the Saturday of publication


@pytest.mark.parametrize("text", [
    # A headline with no end punctuation, then the body on the next line: two sentences, as before.
    "Putin and Lukashenko meet in Sochi\nThe two leaders discussed gas prices.",
    # Lines of a page's furniture: each is its own.
    "Read also\nLukashenko, Putin to discuss gas - 30.10.2023\nPutin and Tokayev meet in Astana - 29.10.2023",
])
def test_lines_that_are_not_wraps_stay_apart(belarus, text):
    from desktop.facts.document import Document

    doc = Document(text, PUBLISHED, belarus.rules, belarus.aliases, [], {})
    assert [s.text for s in doc.sentences] == text.split("\n")


def test_a_blank_line_still_ends_a_sentence(belarus):
    # "...spoke with" / blank line / "Vladimir Putin ...": a paragraph break is never a wrap.
    text = "Alexander Lukashenko spoke with\n\nVladimir Putin by phone on Friday."
    assert _calls(belarus, text) == []
