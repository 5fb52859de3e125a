"""A place told as a kind of place and its name ("the Black Sea resort of Sochi") is the named place (issue 10).

Every sentence is ours. The profile's ``[facts.places] kinds`` before "of" and the name are crossed with the
adjectives before them, the frames and both profiles; controls: a kind with no name after it gives no place, and
the plain name still gives it.
"""

from __future__ import annotations

import pytest

PAIRS = {"belarus": "Lukashenko", "kazakhstan": "Tokayev"}
PHRASES = ["the Black Sea resort of Sochi", "the resort city of Sochi", "the southern Russian city of Sochi",
           "the city of Sochi", "the seaside town of Sochi", "the Krasnodar region of Sochi"]
FRAMES = ["Putin met {b} in {p} on Friday.", "On Friday Putin hosted {b} at his residence in {p}.",
          "Putin and {b} held talks on Friday in {p}."]


def _places(extractor, text):
    return [f["place"] for f in extractor.facts(text) if f["kind"] == "meeting"]


@pytest.mark.parametrize("profile", list(PAIRS))
@pytest.mark.parametrize("frame", FRAMES)
@pytest.mark.parametrize("phrase", PHRASES)
def test_a_kind_of_place_and_its_name_is_the_named_place(request, profile, frame, phrase):
    text = frame.format(b=PAIRS[profile], p=phrase)
    assert _places(request.getfixturevalue(profile), text) == ["Sochi"], text


@pytest.mark.parametrize(("phrase", "place"), [("the city", None), ("the resort", None), ("Sochi", "Sochi")])
def test_no_name_after_the_kind_gives_no_place(belarus, phrase, place):
    assert _places(belarus, f"Putin met Lukashenko in {phrase} on Friday.") == [place]
