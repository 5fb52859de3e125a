"""Words a scraped page glued together hide a meeting word or a place (issue 10, batch 30 class; desktop/facts/glue.py).

Every sentence is ours. Each join (a meeting or visit word before a capital or a short word, a short word
before a capital) is crossed with both profiles; words that only look glued ("into", "within", "visitors",
a word in capitals) are the controls, and the facts cite the stored text, glued as it is.
"""

from __future__ import annotations

import pytest

from desktop.facts.glue import unglue
from tests.test_facts_meetings_perturb import FRIDAY
from tests.test_facts_phrasing_classes4 import _meetings

PAIRS = {"belarus": ("Lukashenko", "Minsk", ("lukashenko", "putin")),
         "kazakhstan": ("Tokayev", "Astana", ("putin", "tokayev"))}
GLUED = [
    pytest.param("{b} will visitMoscow on 22 September.", ("2023-09-22", "planned"), id="head-capital"),
    pytest.param("{b} is set to visitMoscow on 22 September to meet Putin.", ("2023-09-22", "planned"), id="set-to"),
    pytest.param("Putin's visitto {capital} on 14 September ended with a joint statement.", ("2023-09-14", "held"),
                 id="head-word"),
    pytest.param("Putin and {b} held talksin Sochi on Friday.", (FRIDAY, "held"), id="talks-in"),
    pytest.param("On Friday the meetingsbetween Putin and {b} went on for hours.", (FRIDAY, "held"), id="between"),
    pytest.param("Putin and {b} met on Friday at the EAEU andCIS summit.", (FRIDAY, "held"), id="word-capital"),
]


@pytest.mark.parametrize("profile", list(PAIRS))
@pytest.mark.parametrize(("template", "expected"), GLUED)
def test_a_glued_meeting_word_still_tells_the_meeting(request, profile, template, expected):
    b, capital, pair = PAIRS[profile]
    text = template.format(b=b, capital=capital)
    found = _meetings(request.getfixturevalue(profile), text)
    assert [(m[0], m[2], m[3]) for m in found] == [(expected[0], expected[1], pair)], (text, found)


@pytest.mark.parametrize("profile", list(PAIRS))
def test_the_fact_cites_the_stored_text_and_the_place_read_apart(request, profile):
    b, _, _ = PAIRS[profile]
    text = f"The rouble fell.andCIS leaders spoke.\n\nPutin and {b} held talksin Sochi on Friday. Prices rose."
    fact, = [f for f in request.getfixturevalue(profile).facts(text) if f["kind"] == "meeting"]
    assert fact["place"] == "Sochi"
    assert text[fact["start"]:fact["end"]] == fact["evidence"] == f"Putin and {b} held talksin Sochi on Friday."


# Controls: no join there, the text is read as it is, and the sentences tell no meeting.
NOT_GLUED = [
    "Putin greeted visitors to Minsk on Friday.",
    "Putin went into Astana on Friday.",
    "Putin spoke of the talks within the government on Friday.",
    "THE VISITMOSCOW PROGRAMME ENDED ON FRIDAY.",
    "Visitation rights in Minsk were discussed on Friday.",
]


@pytest.mark.parametrize("profile", list(PAIRS))
@pytest.mark.parametrize("text", NOT_GLUED)
def test_words_that_only_look_glued_stay_as_they_are(request, profile, text):
    extractor = request.getfixturevalue(profile)
    assert unglue(text, extractor.rules) is None
    assert _meetings(extractor, text) == []


def test_offsets_map_back_across_several_joins(belarus):
    text = "visitMoscow andCIS talksin\nSochi"
    unglued = unglue(text, belarus.rules)
    assert unglued.text == "visit Moscow and CIS talks in\nSochi"
    for word in ("Moscow", "CIS", "in", "Sochi"):
        at = unglued.text.index(word)
        assert text[unglued.back(at):].startswith(word) or text[unglued.back(at):].startswith(word.lower())
        assert unglued.forward(unglued.back(at)) == at
    assert unglued.forward(text.index("Moscow"), end=True) == unglued.text.index("Moscow") - 1
