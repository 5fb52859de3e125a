"""Meeting and date classes found in blind batch 24 (issue 10), each under perturbation.

Like tests/test_facts_phrasing_classes3.py: every sentence is ours, written for the class, never an
article's own; each class is crossed with wordings, names and dates, against near-misses that must stay
empty. Spans come from the profile's gazetteer on a blank pipeline (tests/test_facts_meetings_perturb.py).
"""

from __future__ import annotations

import itertools

import pytest

from tests.test_facts_meetings_perturb import FRIDAY, PUBLISHED


def _meetings(extractor, text, published=PUBLISHED):
    return sorted((f["date_start"], f["date_end"], f["held"], tuple(f["participants"]))
                  for f in extractor.facts(text, published) if f["kind"] == "meeting")


# ---------------------------------------------------------------- a visit to the other side: the host implied

# One leader named, visiting the other side's country or capital: the host, that side's leader, takes part.
VISITS = [
    "{v} visited {place} on a state visit on Friday.",
    "On Friday, {v} paid an official visit to {place}.",
    "{v} arrived in {place} on a working visit on Friday.",
    "{v}'s state visit to {place} took place on Friday.",
    "{v} was on a two-day visit to {place} on 14-15 September.",
]
KZ_VISITS = [("Putin", "Kazakhstan"), ("Vladimir Putin", "Astana"), ("the Russian president", "the Republic of Kazakhstan"),
             ("Tokayev", "Russia"), ("Kassym-Jomart Tokayev", "Moscow"), ("the Kazakh president", "the Russian Federation")]


def _cap(text):
    return text[0].upper() + text[1:]


@pytest.mark.parametrize(("visit", "names"), list(itertools.product(VISITS, KZ_VISITS)))
def test_a_visit_to_the_other_side_is_a_meeting_with_its_leader(kazakhstan, visit, names):
    visitor, place = names
    text = _cap(visit.format(v=visitor, place=place)).replace("the Russian president's", "the Russian president's")
    found = _meetings(kazakhstan, text)
    assert len(found) == 1 and found[0][2:] == ("held", ("putin", "tokayev")), text
    assert found[0][0] <= FRIDAY <= found[0][1], text
    # Planned, in the future tense.
    planned = _cap(visit.replace("visited", "will visit").replace("paid", "will pay").replace("arrived", "will arrive")
                   .replace("took place", "will take place").replace("was on", "will be on")
                   .format(v=visitor, place=place)).replace("on Friday", "on 22 September").replace(
        "14-15 September", "21-22 September")
    assert [m[2:] for m in _meetings(kazakhstan, planned)] == [("planned", ("putin", "tokayev"))], planned


def test_a_visit_told_by_someone_else_is_still_the_hosts(kazakhstan):
    for text in ("Kremlin spokesman Dmitry Peskov told reporters that Tokayev's state visit to Russia is planned for "
                 "22 September.", "Dmitry Peskov said on Friday that Putin would visit Astana on 22 September."):
        assert [m[2:] for m in _meetings(kazakhstan, text)] == [("planned", ("putin", "tokayev"))], text


def test_a_visit_to_the_other_side_in_the_default_profile(belarus):
    for text in ("Lukashenko arrived in Moscow on an official visit on Friday.",
                 "On Friday, Putin paid a working visit to Belarus.",
                 "The Belarusian leader visited Russia on Friday."):
        assert _meetings(belarus, text) == [(FRIDAY, FRIDAY, "held", ("lukashenko", "putin"))], text


@pytest.mark.parametrize("text", [
    "Putin visited Kazakhstan on Friday and met Nazarbayev.",  # someone else named: the visit's clause has him
    "On Friday, Putin visited Kazakhstan, where Nazarbayev received him.",
    "Putin visited Kazakhstan's Mangistau region on Friday.",  # a part of the country, not its leader's
    "Putin visited Russia's Orenburg region on Friday.",  # his own side
    "Putin visited Moscow on Friday.",
    "Tokayev visited Astana's new airport on Friday.",
    "Putin visited China on Friday.",  # a third country
    "Mishustin paid an official visit to Astana on Friday.",  # a visitor who is no participant
    "Putin has never visited Kazakhstan on a state visit.",  # negated
    "Putin and Nazarbayev visited Astana on Friday.",  # someone else named with the visitor
    "Putin visited Astana on Friday and met Nazarbayev there.",
    "Tokayev visited Moscow on Friday, where Mishustin received him.",
    "Putin might visit Kazakhstan on Friday.",  # hypothetical
    "Tokayev visited the Russian pavilion at the Expo on Friday.",  # an adjective, no place
])
def test_visits_that_are_no_meeting_with_the_host(kazakhstan, text):
    assert _meetings(kazakhstan, text) == [], text


def test_a_union_state_visit_is_nobodys_host(belarus):
    assert _meetings(belarus, "Putin visited the Union State on Friday.") == []


# ---------------------------------------------------------------- dates: a plan told in the past, "28, May", captions

REPORTED = "2021-05-30"  # a Sunday, two days after the meeting


@pytest.mark.parametrize("date", ["28, May", "28 May", "May 28", "Friday, 28 May"])
@pytest.mark.parametrize("plan", [
    "On {d} Lukashenka arrived in Sochi, where he was to meet with Vladimir Putin.",
    "Lukashenka flew to Sochi on {d}, where he was scheduled to hold talks with Putin.",
    "In the afternoon of {d}, the Belarusian leader was due to meet the Russian president in Sochi.",
    "Putin and Lukashenko were expected to meet in Sochi on {d}.",
    "The Kremlin said Putin was set to hold talks with Lukashenko in Sochi on {d}.",
])
def test_a_plan_told_in_the_past_is_the_nearest_day(belarus, plan, date):
    text = plan.format(d=date)
    if date.startswith("Friday") and "afternoon of" in text:
        text = text.replace("the afternoon of Friday, ", "the afternoon of ")
    assert _meetings(belarus, text, REPORTED) == [("2021-05-28", "2021-05-28", "held", ("lukashenko", "putin"))], text
    # Told before the day, the same plan is ahead.
    assert _meetings(belarus, text, "2021-05-20") == [
        ("2021-05-28", "2021-05-28", "planned", ("lukashenko", "putin"))], text
    # Called off: the plan's own day, cancelled.
    called_off = text + " The meeting was called off."
    assert [m[2] for m in _meetings(belarus, called_off, REPORTED)] == ["cancelled"], called_off


def test_a_plan_told_in_the_past_still_fits_the_tense_of_a_future_plan(belarus):
    # "will meet" keeps the next such day: the past-plan cue is not in the sentence.
    assert _meetings(belarus, "Putin and Lukashenko will meet in Sochi on 28 May.", REPORTED) == [
        ("2022-05-28", "2022-05-28", "planned", ("lukashenko", "putin"))]


@pytest.mark.parametrize(("text", "found"), [
    ("In the afternoon of 28, May he arrived.", ["28, May"]),
    ("He met them on 3, June 2020 in Minsk.", ["3, June 2020"]),
    ("He turned 28, May said.", []),  # a name, no preposition before the day
    ("Issue 28, May edition.", []),
    ("They spoke on 28, May's own terms.", []),
])
def test_a_day_a_comma_and_a_month_is_a_date_after_on_or_of(text, found):
    from desktop.dates import find

    assert [m.text for m in find(text)] == found


CAPTIONS = ["Sochi, Russia, May 28, 2021.", "Sochi, 28 May 2021. Photo: press service", "Sochi, Russia, 28.05.2021."]
CAPTIONED = ["Lukashenka and Putin during the talks.", "Vladimir Putin and Alexander Lukashenko at the meeting.",
             "The Russian and Belarusian presidents during their talks."]


@pytest.mark.parametrize(("captioned", "caption"), list(itertools.product(CAPTIONED, CAPTIONS)))
def test_a_captions_date_line_dates_the_meeting_it_captions(belarus, captioned, caption):
    text = "The two leaders talked for five hours.\n\n" + captioned + " " + caption
    assert _meetings(belarus, text, REPORTED) == [("2021-05-28", "2021-05-28", "held", ("lukashenko", "putin"))], text


@pytest.mark.parametrize("text", [
    # The date line in the next paragraph, or a sentence that says more than places and a day.
    "Lukashenka and Putin during the talks.\n\nSochi, Russia, May 28, 2021.",
    "Lukashenka and Putin during the talks. On May 28, 2021, trade grew by 5%.",
    "Lukashenka and Putin during the talks. Sochi and Minsk signed a deal on May 28, 2021.",
    "Lukashenka and Putin during the talks. Sochi, Russia, May 2021.",  # no one day
    "Putin and Xi Jinping during the talks. Beijing, China, May 28, 2021.",  # others' talks
])
def test_lines_that_are_no_caption_date_nothing(belarus, text):
    text = "Gas prices were discussed in Minsk. Oil prices were not.\n\n" + text  # past the lede: undated is none
    assert [m for m in _meetings(belarus, text, "2021-07-30")] == [], text


def test_a_present_tense_headline_is_the_meeting_the_body_dates(belarus):
    for headline in ("Lukashenka and Putin meet in Sochi", "Putin and Lukashenko hold talks in Sochi"):
        for body in ("In the afternoon of 28, May Lukashenka arrived in Sochi, where he was to meet with Putin.",
                     "Lukashenka arrived in Sochi to discuss gas.\n\nLukashenka and Putin during the talks. "
                     "Sochi, Russia, May 28, 2021. Photo: press service"):
            text = headline + "\n\n" + body + "\n\nThe meeting lasted five hours."
            assert [m[:3] for m in _meetings(belarus, text, REPORTED)] == [("2021-05-28", "2021-05-28", "held")], text


# ---------------------------------------------------------------- joint attendance: an event both take part in

# A summit's other guests may stand among them ("Lukashenka, Tokayev and Putin").
SUBJECTS = ["Putin and Lukashenko", "Vladimir Putin and his Belarusian counterpart Alexander Lukashenko",
            "The two presidents", "Lukashenka, Kassym-Jomart Tokayev and Putin"]
ATTEND = [
    "{s} will take part in the Forum of Regions in Minsk on Friday.",
    "{s} are to attend the naval parade in St. Petersburg on Friday.",
    "On Friday, {s} participated in the opening of the new bridge.",
    "{s} also took part in the ceremony on Friday.",
]
OBJECTS = ["Putin and Lukashenko", "both presidents", "Russian President Vladimir Putin and Alyaksandr Lukashenka",
           # A title before each name (blind batch 44): "President X and President Y of Russia".
           "President Alexander Lukashenko and President Vladimir Putin of Russia", "President Putin and Lukashenko",
           "Mr Lukashenko and Mr Putin"]
ATTENDED_BY = [
    "The forum, with the participation of {o}, opened in Minsk on Friday.",
    "The ceremony, attended by {o}, took place on Friday.",
    "On Friday, the bridge was opened in the presence of {o}.",
]


@pytest.mark.parametrize(("attend", "subject"), list(itertools.product(ATTEND, SUBJECTS)))
def test_both_taking_part_in_an_event_is_a_meeting(belarus, attend, subject):
    text = _cap(attend.format(s=subject))
    planned = "will" in attend or "are to" in attend
    found = _meetings(belarus, text, "2023-09-10" if planned else PUBLISHED)
    assert found == [(FRIDAY, FRIDAY, "planned" if planned else "held", ("lukashenko", "putin"))], text


@pytest.mark.parametrize(("attended", "obj"), list(itertools.product(ATTENDED_BY, OBJECTS)))
def test_an_event_with_both_taking_part_is_a_meeting(belarus, attended, obj):
    text = attended.format(o=obj)
    assert _meetings(belarus, text) == [(FRIDAY, FRIDAY, "held", ("lukashenko", "putin"))], text


def test_they_after_naming_both_take_part_together(belarus):
    for text in ("In the evening the two presidents will fly to Minsk, where on Friday they will take part in "
                 "the Forum of Regions.",
                 "Putin and Lukashenko arrived in Minsk on Thursday. On Friday they attended the Forum of Regions.",
                 "Putin and Lukashenko arrived in Minsk on Thursday. They will take part in the forum on Friday."):
        found = _meetings(belarus, text, "2023-09-13")
        assert ("2023-09-15", "2023-09-15", "planned", ("lukashenko", "putin")) in found, text


def test_joint_attendance_in_the_kazakhstan_profile(kazakhstan):
    text = "The forum of interregional cooperation, with the participation of Tokayev and Putin by video, opened on Friday."
    assert _meetings(kazakhstan, text) == [(FRIDAY, FRIDAY, "held", ("putin", "tokayev"))]
    titled = "The forum, with the participation of President Vladimir Putin and President Kassym-Jomart Tokayev, opened on Friday."
    assert _meetings(kazakhstan, titled) == [(FRIDAY, FRIDAY, "held", ("putin", "tokayev"))]
    assert _meetings(kazakhstan, "Tokayev and Putin took part in the opening of the plant on Friday.") == [
        (FRIDAY, FRIDAY, "held", ("putin", "tokayev"))]


@pytest.mark.parametrize("text", [
    "Putin and Lukashenko said their ministers would take part in the forum on Friday.",  # someone else attends
    "Lukashenko asked Putin to take part in the forum on Friday.",  # one asks the other
    "Putin took part in the forum on Friday, and Lukashenko sent a message.",  # one of them
    "Putin and Lukashenko did not attend the forum on Friday.",  # negated
    "Putin and Lukashenko could take part in the forum on Friday.",  # hypothetical
    "The forum, with the participation of Putin, opened on Friday; Lukashenko stayed in Minsk.",
    "Putin met Tokayev, and they attended the opera on Friday.",  # "they" are someone else
    "Putin told Lukashenko that Belarusian soldiers would take part in the exercises on Friday.",
    "The forum was attended by ministers of both countries on Friday.",
    "The forum, with the participation of President Putin and Prime Minister Mishustin, opened on Friday.",
])
def test_attendance_that_is_no_joint_meeting(belarus, text):
    assert _meetings(belarus, "Gas prices were discussed. Oil prices were not.\n\n" + text) == [], text


# ---------------------------------------------------------------- "last November"; "he" after the speaker's name

@pytest.mark.parametrize(("said", "published", "month"), [
    ("last November", "2024-07-10", ("2023-11-01", "2023-11-30")),
    ("last July", "2024-07-10", ("2023-07-01", "2023-07-31")),  # the publication's own month: a year back
    ("Last December", "2024-12-20", ("2023-12-01", "2023-12-31")),
    ("this past March", "2024-07-10", ("2024-03-01", "2024-03-31")),
    ("next March", "2024-07-10", ("2025-03-01", "2025-03-31")),
    ("this November", "2024-07-10", ("2024-11-01", "2024-11-30")),
])
def test_a_month_named_from_the_publication(said, published, month):
    from desktop.dates import find
    from desktop.facts.dates import resolve_date
    from desktop.normalise import iso_day

    found = find(f"They met {said} in Astana.")
    assert [m.text for m in found] == [said]
    start, end, precision = resolve_date(found[0], iso_day(published))
    assert (start.isoformat(), end.isoformat(), precision) == (*month, "month")


def test_at_last_may_is_no_month():
    from desktop.dates import find

    assert find("At last May agreed, and at last May said so.") == []


@pytest.mark.parametrize("visit", [
    "Tokayev said he oversees the deals reached during the Russian president's visit {d}.",
    "Putin visited Astana {d}.",
    "During Putin's visit to Kazakhstan {d}, Tokayev and Putin signed a joint statement.",
])
def test_a_visit_last_month_is_dated_by_that_month(kazakhstan, visit):
    text = visit.format(d="last November")
    assert _meetings(kazakhstan, text, "2024-07-10") == [("2023-11-01", "2023-11-30", "held", ("putin", "tokayev"))], text


SPOKE = ['Trade is growing, {p} said on Friday.', '{p} praised the new plant on Friday.',
         '"Trade is growing," {p} said on Friday.']
HE = ['"We will do more," he said at a meeting with his Kazakh counterpart Tokayev.',
      'He said at a meeting with Tokayev that trade had grown.',
      '"We will do more," he told Tokayev at their meeting.']


@pytest.mark.parametrize(("spoke", "he", "p"), list(itertools.product(SPOKE, HE, ["Putin", "the Russian president"])))
def test_he_after_the_speakers_name_is_the_speaker(kazakhstan, spoke, he, p):
    text = _cap(spoke.format(p=p)) + " " + he
    found = _meetings(kazakhstan, text)
    assert [m[2:] for m in found] == [("held", ("putin", "tokayev"))], text  # the quote's "will" is not the meeting's


@pytest.mark.parametrize("text", [
    "Putin praised the plant on Friday. Mishustin agreed. He said at a meeting with Tokayev that trade had grown.",
    "Putin said Mishustin was right. He said at a meeting with Tokayev that trade had grown.",
    "Putin praised the plant on Friday.\n\nGas was cheap. Oil was dear. Prices fell. He met Tokayev.",
])
def test_he_after_someone_else_is_not_the_participant(kazakhstan, text):
    # Someone else named last, or "he" too far from the name: no meeting of the pair.
    assert _meetings(kazakhstan, text) == [], text


def test_he_is_the_last_one_named_whatever_the_naming(belarus):
    # "the head of state" (Lukashenko, named last) is "he": his meeting with students is no meeting of the pair.
    text = ('Putin sent a telegram on Thursday. Lukashenko read it. "We must study more," the head of state said as '
            'he met with students on Friday.')
    assert [m for m in _meetings(belarus, text) if m[0] == FRIDAY] == [], text
