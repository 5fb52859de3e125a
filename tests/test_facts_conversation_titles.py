"""A transcript titled "Conversation with NAME" records in-person talks when it shows the guest there (issue 10,
blind batch 33 class).

Every sentence is ours. A presidential site titles talks in the Kremlin "Beginning of conversation with ..." as
well as calls "Telephone conversation with ...": with no call word in the title or the text, a turn of a
participant welcoming the guest ("let me welcome you to Moscow", "this visit") or a header line naming a place
makes it a meeting held on the article's day, there. Controls: a telephone title, a conversation whose text
says it is by phone, a conversation that shows no one there, and a conversation with someone else. The header's
place is the place of a transcript titled "Meeting with NAME" too (a news headline's dated line is not).
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_meetings_perturb import PUBLISHED  # a Saturday: 2023-09-16

GUESTS = {"belarus": ["Alexander Lukashenko", "President of Belarus Alexander Lukashenko"],
          "kazakhstan": ["Kassym-Jomart Tokayev", "President of Kazakhstan Kassym-Jomart Tokayev"]}
HOSTS = ["Vladimir Putin", "President of Russia Vladimir Putin"]
TITLES = ["Beginning of conversation with {guest}", "Conversation with {guest}"]
HEADERS = ["September 16, 2023, The Kremlin, Moscow", "September 16, 2023, Sochi", "September 16, 2023"]
# What a participant says that shows the guest there; the host's turn or the guest's.
PRESENCE = [
    ("host", "Dear friends, let me welcome you to Moscow."),
    ("host", "I am sure that this visit will help our relations."),
    ("host", "We are very glad to see you."),
    ("guest", "Thank you, Mr President. I am happy to see you again."),
]
PLAIN = "Our relations are developing well, and our governments are working on new projects."


def _events(extractor, text):
    return sorted((f["kind"], f["date_start"], f["held"], f["place"], tuple(f["participants"]))
                  for f in extractor.facts(text, PUBLISHED) if f["kind"] in ("meeting", "call"))


def _transcript(title, header, host, guest, turns):
    lines = [title.format(guest=guest), header] if header else [title.format(guest=guest)]
    surname = guest.split()[-1]
    for who, line in turns:
        lines.append(f"{host if who == 'host' else guest}: {line}" if who else line)
    lines.append(f"{surname}: {PLAIN}")
    return "\n\n".join(lines)


def _pair(profile):
    return ("lukashenko", "putin") if profile == "belarus" else ("putin", "tokayev")


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("title", "header", "presence"), list(itertools.product(TITLES, HEADERS, PRESENCE)))
def test_a_conversation_showing_the_guest_there_is_a_meeting(request, profile, title, header, presence):
    extractor = request.getfixturevalue(profile)
    place = {"September 16, 2023, The Kremlin, Moscow": "Moscow", "September 16, 2023, Sochi": "Sochi"}.get(header)
    for host, guest in itertools.product(HOSTS, GUESTS[profile]):
        text = _transcript(title, header, host, guest, [("host", "Mr President,"), presence])
        assert _events(extractor, text) == [("meeting", PUBLISHED, "held", place, _pair(profile))], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("title", "header"), list(itertools.product(TITLES, HEADERS[:2])))
def test_the_header_place_alone_shows_the_guest_there(request, profile, title, header):
    extractor = request.getfixturevalue(profile)
    for host, guest in itertools.product(HOSTS, GUESTS[profile]):
        text = _transcript(title, header, host, guest, [("host", "Mr President, " + PLAIN)])
        assert [e[:3] for e in _events(extractor, text)] == [("meeting", PUBLISHED, "held")], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("header", HEADERS)
@pytest.mark.parametrize("earlier", ["Thank you for arranging this visit so soon after our telephone conversation.",
                                     "We spoke by phone last week, and now we can talk in person.",
                                     "As we agreed during our last telephone conversation, the ministers have met."])
def test_an_earlier_call_leaves_it_a_meeting(request, profile, header, earlier):
    extractor = request.getfixturevalue(profile)
    for host, guest in itertools.product(HOSTS, GUESTS[profile]):
        text = _transcript(TITLES[0], header, host, guest, [("host", "Let me welcome you to Moscow."),
                                                             ("guest", earlier)])
        assert [e[:3] for e in _events(extractor, text) if e[0] == "meeting"] == [("meeting", PUBLISHED, "held")], text


# ---------------------------------------------------------------- controls

@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("header", "presence"), list(itertools.product(HEADERS, PRESENCE[:1] + PRESENCE[2:])))
def test_a_telephone_conversation_stays_a_call(request, profile, header, presence):
    extractor = request.getfixturevalue(profile)
    for host, guest in itertools.product(HOSTS, GUESTS[profile]):
        text = _transcript("Telephone conversation with {guest}", header, host, guest, [("host", "Mr President,"),
                                                                                       presence])
        assert [e[0] for e in _events(extractor, text)] == ["call"], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("title", "header"), list(itertools.product(TITLES, HEADERS)))
@pytest.mark.parametrize("phone", ["I am glad that we can talk by phone today.",
                                   "Thank you for this telephone conversation, Mr President."])
def test_a_conversation_by_phone_is_no_meeting(request, profile, title, header, phone):
    extractor = request.getfixturevalue(profile)
    for host, guest in itertools.product(HOSTS, GUESTS[profile]):
        text = _transcript(title, header, host, guest, [("host", "Mr President, good afternoon."), ("host", phone),
                                                        ("host", "I am glad to see you in good health.")])
        assert "meeting" not in [e[0] for e in _events(extractor, text)], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("title", TITLES)
def test_a_conversation_showing_no_one_there_is_no_meeting(request, profile, title):
    extractor = request.getfixturevalue(profile)
    for host, guest in itertools.product(HOSTS, GUESTS[profile]):
        text = _transcript(title, HEADERS[2], host, guest, [("host", "Mr President, " + PLAIN)])
        assert _events(extractor, text) == [], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize(("title", "header", "presence"), list(itertools.product(TITLES, HEADERS, PRESENCE[:3])))
def test_a_conversation_with_someone_else_is_not_the_pairs(request, profile, title, header, presence):
    extractor = request.getfixturevalue(profile)
    for host, guest in itertools.product(HOSTS, ["Emomali Rahmon", "students of Moscow State University"]):
        text = _transcript(title, header, host, guest, [("host", "Dear friends,"), presence])
        assert _events(extractor, text) == [], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("header", HEADERS[:2])
@pytest.mark.parametrize("title", ["Meeting with {guest}", "Talks with {guest}"])
def test_a_meeting_transcript_takes_the_header_place(request, profile, header, title):
    extractor = request.getfixturevalue(profile)
    place = "Moscow" if "Moscow" in header else "Sochi"
    for host, guest in itertools.product(HOSTS, GUESTS[profile]):
        text = _transcript(title, header, host, guest, [("host", "Mr President, " + PLAIN)])
        assert _events(extractor, text) == [("meeting", PUBLISHED, "held", place, _pair(profile))], text


@pytest.mark.parametrize("profile", ["belarus", "kazakhstan"])
@pytest.mark.parametrize("header", HEADERS[:2])
def test_a_headlines_dated_line_with_no_turns_gives_no_place(request, profile, header):
    extractor = request.getfixturevalue(profile)
    for host, guest in zip(HOSTS, GUESTS[profile]):
        text = f"{host} and {guest} hold talks\n\n{header}\n\n{PLAIN}"
        assert [e[3] for e in _events(extractor, text)] == [None], text
