"""The one date grammar (issue 10): the same expression means the same range in a sentence and as a DATE span.

Where the grammars of facts and of DATE spans used to disagree, the case is here with the reading kept.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desktop import date_ranges, dates
from desktop.facts import extract_facts, load_rules
from desktop.facts.dates import find_dates, resolve_date
from desktop.normalise import date_value, range_value

FRIDAY, SATURDAY, MONDAY = dt.date(2023, 2, 10), dt.date(2022, 12, 24), dt.date(2024, 1, 29)


def _in_sentence(text: str, published: dt.date, direction: str | None = None) -> str | None:
    """The value of the one date the prose reading finds in ``text``."""
    mentions = find_dates(text)
    assert len(mentions) == 1, [m.text for m in mentions]
    return range_value(resolve_date(mentions[0], published, direction))


@pytest.mark.parametrize(
    ("sentence", "span", "published", "expected"),
    [
        # No tense: the nearest reading, days ahead counting double, for weekdays as for years.
        pytest.param("Putin also spoke with Assad on Monday.", "on Monday", FRIDAY, "2023-02-06",
                     id="monday-in-friday-news-is-this-week"),
        pytest.param("The leaders meet on Monday.", "Monday", SATURDAY, "2022-12-26", id="monday-two-days-ahead"),
        pytest.param("They met on December 25.", "December 25", dt.date(2019, 7, 3), "2018-12-25",
                     id="half-a-year-either-way-is-the-past"),
        pytest.param("They met last Monday.", "last Monday", MONDAY, "2024-01-22", id="last-monday-on-a-monday"),
        pytest.param("The visit ran from December 30 to January 2, 2022.", "December 30 - January 2, 2022",
                     dt.date(2022, 1, 10), "2021-12-30/2022-01-02", id="the-written-year-is-the-wrapped-end's"),
        pytest.param("Exports fell between December and February.", "December-February", dt.date(2023, 3, 15),
                     "2022-12-01/2023-02-28", id="a-month-range-wraps"),
        pytest.param("They met in late December 2019.", "late December 2019", FRIDAY, "2019-12-21/2019-12-31",
                     id="late-month-with-its-year"),
        pytest.param("Trade grew in the last quarter.", "the last quarter", FRIDAY, "2022-10-01/2022-12-31",
                     id="last-quarter-is-the-one-before"),
        pytest.param("Trade grew in the last quarter of 2022.", "the last quarter of 2022", FRIDAY,
                     "2022-10-01/2022-12-31", id="last-quarter-of-a-year-is-its-fourth"),
        pytest.param("They met on Wednesday, December 24.", "Wednesday, December 24", dt.date(2021, 12, 20),
                     "2021-12-24", id="a-weekday-no-year-fits-is-a-slip"),
        pytest.param("They met on Sunday, 23 July.", "Sunday, 23 July", dt.date(2024, 7, 1), "2023-07-23",
                     id="the-weekday-names-the-year"),
        pytest.param("Figures for 2020-02 were revised.", "2020-02", None, "2020-02-01/2020-02-29",
                     id="year-and-month"),
        pytest.param("Trade rose in January of this year.", "January of this year", FRIDAY, "2023-01-01/2023-01-31",
                     id="month-of-this-year"),
        pytest.param("Trade rose in the first seven months of 2023.", "the first seven months of 2023", None,
                     "2023-01-01/2023-07-31", id="first-months-of-a-year"),
        pytest.param("The forum is held on 30 June – 1 July.", "30 June – 1 July", dt.date(2022, 7, 1),
                     "2022-06-30/2022-07-01", id="day-month-range-across-months"),
    ],
)
def test_a_sentence_and_a_span_read_the_same(sentence, span, published, expected):
    assert _in_sentence(sentence, published) == expected
    assert date_value(span, published) == expected


def test_a_tense_picks_the_year_and_the_weekday():
    assert _in_sentence("They met on December 28.", dt.date(2022, 1, 5), "past") == "2021-12-28"
    assert _in_sentence("They will meet on Monday.", FRIDAY, "future") == "2023-02-13"
    assert _in_sentence("They will meet on Friday.", FRIDAY, "future") == "2023-02-10"  # that day
    assert _in_sentence("They met on Saturday.", FRIDAY, "past") == "2023-02-04"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("Prices may fall in march, officials said.", [], id="may-and-march-are-words"),
        pytest.param("Marshal Zhukov's statue stands in Minsk.", [], id="no-month-inside-a-word"),
        pytest.param("December marked the anniversary.", [], id="a-bare-month-needs-a-preposition"),
        pytest.param("They met in December, officials said.", ["December"], id="after-a-preposition"),
        pytest.param("Trade is to reach $50 billion by the end of 2023.", ["2023"], id="a-deadline-keeps-its-year"),
        pytest.param("They met on Friday, 28-29 December, in Sochi.", ["on Friday", "28-29 December"],
                     id="weekday-then-range"),
    ],
)
def test_what_prose_reads_as_a_date(text, found):
    assert [m.text for m in find_dates(text)] == found


def test_a_span_is_read_in_any_case():
    assert date_value("december 28", "2021-12-24") == "2021-12-28"
    assert date_value("FRI., DEC. 24", "2021-12-20") == "2021-12-24"
    assert date_value("on Fri.", "2021-12-20") == "2021-12-17"  # abbreviated: a span's spelling
    assert date_value("the end of 2023", None) == "2023-09-01/2023-12-31"  # a span says what it spans


def test_a_day_counted_from_another_day_needs_that_day():
    # The grammar cannot know the day "a day earlier" counts from; a fact's document does.
    assert date_ranges.resolve(dates.parse("a day earlier"), FRIDAY) is None
    rules = load_rules()
    aliases = {"putin": ["Putin"], "lukashenko": ["Lukashenko"]}
    facts = extract_facts("A day earlier, Putin and Lukashenko met in Minsk.", "2022-12-24", rules, aliases=aliases)
    assert [(f["held"], f["date_start"]) for f in facts] == [("held", "2022-12-23")]
    text = "Putin arrived in Minsk on 20 December. A day earlier, Putin and Lukashenko spoke by phone."
    assert [f["date_start"] for f in extract_facts(text, "2022-12-24", rules, aliases=aliases)] == ["2022-12-19"]


@pytest.mark.parametrize(
    ("published", "held", "day"),
    [pytest.param("2022-12-23", "held", "2022-12-19", id="friday-news-the-monday-before"),
     pytest.param("2022-12-24", "planned", "2022-12-26", id="saturday-news-the-monday-after")],
)
def test_a_tenseless_weekday_dates_a_meeting_by_the_nearest_rule(published, held, day):
    rules = load_rules()
    facts = extract_facts("Putin and Lukashenko talks in Sochi on Monday.", published, rules,
                          aliases={"putin": ["Putin"], "lukashenko": ["Lukashenko"]})
    assert [(f["held"], f["date_start"]) for f in facts] == [(held, day)]


MONTHS_OF = [("in the first nine months of the year", "2023-01-01/2023-09-30"),
             ("in nine months of 2023", "2023-01-01/2023-09-30"),
             ("over the first nine months", "2023-01-01/2023-09-30"),
             ("in the first 9 months of this year", "2023-01-01/2023-09-30"),
             ("in the first eleven months of last year", "2022-01-01/2022-11-30"),
             ("in the nine months of 2021", "2021-01-01/2021-09-30"),
             # "the last nine months" said in November (blind batches 40 and 42): this year's, as "the past nine".
             ("over the last nine months", "2023-01-01/2023-09-30"),
             ("in the last 9 months", "2023-01-01/2023-09-30"),
             ("over the past nine months", "2023-01-01/2023-09-30")]


@pytest.mark.parametrize("phrase", ["by the end of the year", "until year-end", "by year end"])
def test_the_end_of_the_year_is_the_whole_year(phrase):
    assert _in_sentence(f"Trade should reach a record {phrase}.", dt.date(2024, 10, 5)) == "2024-01-01/2024-12-31"


@pytest.mark.parametrize(("phrase", "expected"), MONTHS_OF)
@pytest.mark.parametrize("published", [dt.date(2023, 10, 20), dt.date(2023, 11, 25)])
def test_the_first_months_of_a_year_are_a_period_however_the_year_is_said(phrase, expected, published):
    assert _in_sentence(f"Trade grew {phrase}.", published) == expected


def test_the_first_months_of_the_year_before_they_end_are_last_years():
    assert _in_sentence("Trade grew in the first nine months of the year.", dt.date(2024, 2, 5)) == \
        "2023-01-01/2023-09-30"


@pytest.mark.parametrize("text", ["It took nine months to build.", "For nine months the talks stalled."])
def test_a_number_of_months_alone_is_a_duration(text):
    assert [range_value(resolve_date(m, FRIDAY, None)) for m in find_dates(text)] in ([], [None])


# A year before "to" is a period, not the lower end of an amount's range (issue 10, blind batch 22).
@pytest.mark.parametrize("text", ["in January-August 2024 to 2.9 trillion rubles", "in 2024 to 2.9 trillion rubles",
                                  "since 2019 to 2.9 trillion rubles", "over 2023 to 2.9 trillion Russian rubles"])
def test_a_year_before_to_is_no_range_of_money(text):
    from desktop.normalise import money_mentions
    assert [(round(a), c) for _, _, a, c in money_mentions(text)] == [(2_900_000_000_000, "RUB")]


@pytest.mark.parametrize(("text", "amount"), [("$47-48 bln", 47e9), ("47 to 48 billion US dollars", 47e9)])
def test_a_range_of_money_is_still_its_lower_end(text, amount):
    from desktop.normalise import money_mentions
    assert [a for _, _, a, _ in money_mentions(text)] == [amount]
