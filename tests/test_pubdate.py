"""Publication date inference: the seeds, and invented articles of the same genre."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.pubdate import infer_from_filename, infer_published, resolve_year, year_mentions

TODAY = dt.date(2025, 6, 1)


def _seed_gold(gold_path):
    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["file"]: row for row in rows if row.get("kind") == "article"}


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        pytest.param("000_", "2021-12-24", id="000-weekday-and-date"),
        pytest.param("001_", None, id="001-no-year-in-text"),
        pytest.param("002_", "2019-07-03", id="002-page-timestamp"),
        pytest.param("003_", "2019-12-20", id="003-header-date"),
        pytest.param("004_", "2024-01-28", id="004-tass-dateline"),
    ],
)
def test_seeds(samples, gold_path, prefix, expected):
    path = next(samples.glob(prefix + "*.txt"))
    iso, basis, source = infer_published(path.read_text(encoding="utf-8"), path.name)
    assert iso == expected, basis
    assert source == ("text" if expected else "none")
    assert basis  # always says why
    if expected:
        assert _seed_gold(gold_path)[path.name]["published"] == expected


TASS_WITH_PAST_DATE = (
    "MOSCOW, March 5. /TASS/. Russia and Belarus will sign a road map, the minister said.\n"
    "On February 20, 2023, the sides agreed on the text. In 2022, trade grew by 10%.\n"
)
REUTERS = "MOSCOW, Jan 28 (Reuters) - The Kremlin said talks held on Jan. 10, 2022 had gone well.\n"
BELTA_FULL = "MINSK, 20 December 2019 (BelTA) – Aleksandr Lukashenko met Vladimir Putin.\n"
INTERFAX_LAST_YEAR = (
    "MOSCOW. Oct 3 (Interfax) - Trade between the two countries rose last year.\n"
    "In 2020 it had fallen because of the pandemic.\n"
)
NO_YEAR_DATELINE = "MINSK, 20 December (BelTA) – Lukashenko met Putin in St. Petersburg.\n"
ONLY_FUTURE_YEARS = "MOSCOW, June 5. /TASS/. The presidents will approve the programmes for 2024-2026.\n"
WEEKDAY_WINDOW = (
    "The press service said on Monday, 3 July, that the leaders would meet.\n"
    "Both countries have held forums of regions since 2015.\n"
)
WEEKDAY_NO_YEAR = "This was announced on Friday, December 24, at the press service.\n"
WEEKDAY_TWO_FITS = (
    "This was announced on Friday, December 24. The plans for 2004 are ambitious and the targets by 2010 are too.\n"
)
WEEKDAY_WRONG = "This was announced on Wednesday, December 24. The treaty was signed in 2018.\n"


@pytest.mark.parametrize(
    ("text", "expected", "basis_part"),
    [
        pytest.param(TASS_WITH_PAST_DATE, "2023-03-05", "after 2023-02-20", id="tass-dateline-after-past-date"),
        pytest.param(REUTERS, "2022-01-28", "Reuters", id="reuters-dateline"),
        pytest.param(BELTA_FULL, "2019-12-20", "dateline 'MINSK, 20 December 2019 (BelTA)'", id="belta-dateline-with-year"),
        pytest.param(INTERFAX_LAST_YEAR, "2021-10-03", "'last year'", id="interfax-last-year"),
        pytest.param(NO_YEAR_DATELINE, None, "no year in the text", id="dateline-without-any-year"),
        pytest.param(ONLY_FUTURE_YEARS, None, "does not pin down the year", id="only-future-years"),
        pytest.param(WEEKDAY_WINDOW, "2017-07-03", "Monday", id="weekday-after-lower-bound"),
        pytest.param(WEEKDAY_NO_YEAR, None, "no year in the text", id="weekday-without-year"),
        pytest.param(WEEKDAY_TWO_FITS, None, "2004, 2010", id="weekday-two-years-fit"),
        pytest.param(WEEKDAY_WRONG, None, "Wednesday", id="weekday-never-fits"),
        pytest.param("20.12.2019\n\nLukashenko welcomes progress\n", "2019-12-20", "header date", id="ru-header-ddmmyyyy"),
        # The one date grammar's numeric form (issue 10): day first, unless the second number cannot be a month.
        pytest.param("12/20/2019\nTitle\nBody", "2019-12-20", "header date", id="us-header-mmddyyyy"),
        pytest.param("05/04/2020\nTitle\nBody", "2020-04-05", "header date", id="ambiguous-header-is-day-first"),
        pytest.param("03.07.2019 14:22\nTitle\nBody", "2019-07-03", "header date", id="ru-header-with-time"),
        pytest.param("2019-07-03T08:44\nTitle\nBody", "2019-07-03", "header date", id="iso-header-with-time"),
        pytest.param("Title\n\nBody text here.\n\nPublished: 3 July 2019\n", "2019-07-03", "Published", id="published-label"),
        pytest.param("Title\nPublished on July 3, 2019 at 10:00\nBody", "2019-07-03", "Published", id="published-on"),
        pytest.param("Title\nPublication date: 3 July 2019, 10:15\nBody", "2019-07-03", "Publication date",
                     id="publication-date-label"),  # issue 12
        pytest.param(
            "Title\n" + "Body paragraph.\n" * 8 + "Related\n2019.07.01 10:00\nOther\n2019.07.03 08:44\n", "2019-07-03", "latest of 2",
            id="latest-page-timestamp",
        ),
        pytest.param(
            "Header\n03.07.2019\nMOSCOW, January 28. /TASS/. In 2023 it was done.\n", "2019-07-03", "header date",
            id="header-date-beats-dateline",
        ),
        pytest.param("MINSK, 20 December 2099 (BelTA) – Talks.\n", None, "", id="future-date-is-not-publication"),
        pytest.param("12.03.1985\nTitle\nBody", None, "", id="before-1990-is-not-publication"),
        pytest.param("Putin met Lukashenko on 20 December 2019 in St. Petersburg.\n", None, "", id="date-in-prose-is-not-a-dateline"),
    ],
)
def test_invented_articles(text, expected, basis_part):
    iso, basis, source = infer_published(text, "article.txt", today=TODAY)
    assert iso == expected, basis
    assert source == ("text" if expected else "none")
    assert basis_part in basis


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        pytest.param("2019-07-03_talks.txt", "2019-07-03", id="iso-prefix"),
        pytest.param("news/belta_20190703.html", "2019-07-03", id="compact-suffix"),
        pytest.param("talks_03.07.2019.txt", "2019-07-03", id="ddmmyyyy"),
        pytest.param("2019_07_03.md", "2019-07-03", id="underscores"),
        pytest.param("3 December 2019 talks.txt", "2019-12-03", id="written-out"),
        pytest.param("002_d25007b8e2322796.txt", None, id="hash-digits-are-not-a-date"),
        pytest.param("a20190703b.txt", None, id="digits-inside-a-word"),
        pytest.param("report_20991231.txt", None, id="future"),
        pytest.param("scan_19890101.txt", None, id="before-1990"),
        pytest.param("2019-02-30.txt", None, id="no-such-day"),
    ],
)
def test_filename_dates(filename, expected):
    assert infer_from_filename(filename, today=TODAY) == expected


def test_filename_is_used_when_the_text_has_no_date():
    iso, basis, source = infer_published("Putin met Lukashenko.", "2019-07-03_talks.txt", today=TODAY)
    assert (iso, source) == ("2019-07-03", "filename")
    assert "2019-07-03_talks.txt" in basis


def test_text_beats_filename():
    iso, _, source = infer_published("20.12.2019\nTitle", "2019-07-03_talks.txt", today=TODAY)
    assert (iso, source) == ("2019-12-20", "text")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2020-05-04", "2020-05-04", id="iso"),
        pytest.param("2020-05-04T10:00:00Z", "2020-05-04", id="iso-datetime"),
        pytest.param("04.05.2020", "2020-05-04", id="ddmmyyyy"),
        pytest.param("May 4, 2020", "2020-05-04", id="month-name"),
    ],
)
def test_metadata_value_wins(value, expected):
    iso, basis, source = infer_published("20.12.2019\nTitle", "2019-07-03.txt", metadata_value=value, today=TODAY)
    assert (iso, source) == (expected, "metadata")
    assert value in basis


@pytest.mark.parametrize(
    "value",
    [pytest.param("not a date", id="garbage"), pytest.param("2099-01-01", id="future")],
)
def test_unusable_metadata_value_falls_back_to_text_and_says_so(value):
    iso, basis, source = infer_published("20.12.2019\nTitle", "a.txt", metadata_value=value, today=TODAY)
    assert (iso, source) == ("2019-12-20", "text")
    iso, basis, source = infer_published("No date here.", "a.txt", metadata_value=value, today=TODAY)
    assert (iso, source) == (None, "none")
    assert "not understood" in basis


def test_year_mentions_mark_forward_looking_years():
    mentions = year_mentions(
        "In 2023, we made progress. The programmes for 2024-2026 will be approved. It was signed on November 1, 2023."
    )
    assert [(m.year, m.future) for m in mentions] == [(2023, False), (2024, True), (2026, True), (2023, False)]
    assert (mentions[-1].month, mentions[-1].day) == (11, 1)


def test_resolve_year_explains_refusal():
    found, why = resolve_year(12, 24, 4, "Nothing dated here.", today=TODAY)
    assert found is None and "no year" in why


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "MOSCOW, January 28. /TASS/. The treaty entered into force on January 26, 2000. In 2023 trade grew.\n",
            None,
            id="old-exact-date-does-not-anchor-when-later-years-are-mentioned",
        ),
        pytest.param(
            "Friday, December 24\nPutin and Lukashenko will meet. In December 2019 a programme was proposed.\n",
            "2021-12-24",
            id="header-weekday-date-without-year",
        ),
        pytest.param("December 24\nThe meeting was held.\n", None, id="header-date-without-any-year"),
    ],
)
def test_year_resolution_edge_cases(text, expected):
    iso, basis, _ = infer_published(text, "article.txt", today=TODAY)
    assert iso == expected, basis
