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


# ---------------------------------------------------------------- a country's possessive and descriptors before kinds

# "in Russia's Black Sea resort city of Sochi" (blind batch 34): the city named after the kinds, never the
# possessive country with the next capitalised word ("Russia's Black"). Possessives, descriptors and kinds, one
# after another, crossed with both profiles' cities.
POSSESSIVES = {"belarus": [("Russia's", "Sochi"), ("Russia’s", "Ufa"), ("Russia's", "St. Petersburg")],
               "kazakhstan": [("Kazakhstan's", "Almaty"), ("Russia's", "Orenburg"), ("Russia's", "Sochi")]}
DESCRIBED = ["{c} Black Sea resort city of {p}", "{c} southern resort town of {p}", "{c} Volga port city of {p}",
             "{c} northern city of {p}", "{c} Caspian Sea region of {p}", "{c} city of {p}"]


@pytest.mark.parametrize("frame", FRAMES)
@pytest.mark.parametrize("described", DESCRIBED)
@pytest.mark.parametrize(("profile", "country", "city"), [(p, c, city) for p, pairs in POSSESSIVES.items()
                                                          for c, city in pairs])
def test_a_countrys_described_kind_of_place_is_the_city_named_after_it(request, profile, country, city, described,
                                                                       frame):
    text = frame.format(b=PAIRS[profile], p=described.format(c=country, p=city))
    assert _places(request.getfixturevalue(profile), text) == [city], text


# Controls: a possessive country with no kind and name after it names no city, and never one made of the
# possessive and the next word ("Russia's Black"): the country alone is no meeting place, as "in Russia" is none.
@pytest.mark.parametrize("phrase", ["Russia's Black Sea region", "Russia's Far East", "Belarus' Brest region",
                                    "Russia"])
def test_a_possessive_place_without_a_named_city_is_no_place(belarus, phrase):
    found = _places(belarus, f"Putin met Lukashenko in {phrase} on Friday.")
    assert found == [None], (phrase, found)
