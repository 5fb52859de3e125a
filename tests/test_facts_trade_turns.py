"""A transcript's turn of several paragraphs, labelled with a full title, keeps its trade topic across a reply
(issue 10, batch 28 class C7 on a Kremlin transcript).

Every sentence is ours. The speaker's label ("President of Russia Vladimir Putin:") opens a turn whose trade
sentence stands in a later paragraph without a label; a one-line reply, then the speaker's next turn gives the
amount. Crossed with labels, greeting paragraphs, replies and both profiles; controls: a reply of its own topic.
"""

from __future__ import annotations

import pytest

PARTNERS = {"belarus": "Alexander Lukashenko", "kazakhstan": "Kassym-Jomart Tokayev"}
LABELS = ["President of Russia Vladimir Putin", "Vladimir Putin", "PUTIN"]
GREETINGS = ["I am glad to see you.", "I am glad to see you.\n\nThank you for coming to Moscow."]
REPLIES = ["Yes, it did.", "Indeed.", "That is right."]


def _trade(extractor, text):
    return [(f["period_start"], f["value"], f["change_pct"]) for f in extractor.facts(text, "2023-03-10")
            if f["kind"] == "trade"]


def _text(label, greeting, partner, reply):
    return (f"{label}: {greeting}\n\nOur trade keeps growing. I think last year it grew by 12.5 percent.\n\n"
            f"{partner}: {reply}\n\n{label}: It has reached almost $20 billion. These are good figures.")


@pytest.mark.parametrize("profile", list(PARTNERS))
@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("greeting", GREETINGS)
@pytest.mark.parametrize("reply", REPLIES)
def test_the_amount_after_a_reply_is_the_turns_trade(request, profile, label, greeting, reply):
    text = _text(label, greeting, PARTNERS[profile], reply)
    assert _trade(request.getfixturevalue(profile), text) == [("2022-01-01", 20e9, 12.5)], text


@pytest.mark.parametrize("reply", ["Our investment grew too.", "Yes, by 12 percent.", "Do you mean exports?"])
def test_a_reply_of_its_own_topic_ends_the_turns_trade(belarus, reply):
    text = _text("President of Russia Vladimir Putin", "I am glad to see you.", "Alexander Lukashenko", reply)
    assert (("2022-01-01", 20e9, 12.5)) not in _trade(belarus, text), text
