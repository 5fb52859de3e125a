"""Infer an article's publication date, and say where it came from.

>>> infer_published("MINSK, 20 December 2019 (BelTA) - The talks...", "a.txt")
('2019-12-20', "dateline 'MINSK, 20 December 2019 (BelTA)'", 'text')

Order: the metadata value; else the text (a header date line, a news-agency
dateline, a "Published:" line, "announced on Friday, December 24", a page
timestamp); else a date in the file name; else none. A day and month without a
year get a year only when the text supports exactly one (see :func:`resolve_year`);
an article whose text gives no year stays undated for the analyst.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from desktop.dates import (  # noqa: F401 - the vocabulary stays importable from here
    DAY_MONTH_RE, DAY_RE, MONTH_RE, MONTHS, WEEKDAY_NAMES, WEEKDAY_RE, WEEKDAYS, YEAR_RE, day_number, day_parts, find,
    month_number, weekday_number,
)

EARLIEST = _dt.date(1990, 1, 1)
_ONE_DAY = ("m_d", "d_m", "numeric", "iso")  # the grammar's forms that name one day

# "MOSCOW, January 28. /TASS/.", "MINSK, 20 December (BelTA) -", "LONDON, Jan 28 (Reuters) -",
# "MOSCOW. Jan 28 (Interfax) -": a capitalised place, a date, then an agency or a dash.
_DATELINE_RE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'’\- ]{1,40}(?:,[ \t]*[A-Z][A-Za-z.'’\- ]{1,30})?)[,.][ \t]+"
    r"(?P<date>(?:" + WEEKDAY_RE + r",?\s+)?" + DAY_MONTH_RE + r"(?:,?\s+" + YEAR_RE + r")?)"
    r"[ \t]*[.,]?[ \t]*(?P<tail>/[ \t]*[A-Za-z][\w -]{0,20}/|\([ \t]*[A-Za-z][\w .-]{0,20}\)|[-–—])",
    re.M,
)
# "This was announced on Friday, December 24", "the press service said on Monday, 3 July".
_REPORTED_RE = re.compile(
    r"\b(?:announced|reported|said|stated|informed|told|published|learned|learnt|declared)\s+"
    r"(?:(?:on|this|today|late|early)\s+)?(?P<date>" + WEEKDAY_RE + r",?\s+" + DAY_MONTH_RE
    + r"(?:,?\s+" + YEAR_RE + r")?)\b",
    re.I,
)
_LABELLED_RE = re.compile(
    r"^[ \t]*(?:published|publication date|posted|date|dated|updated|first published)(?:\s+on)?\s*[:\-–]?\s*"
    r"(?P<rest>.{6,60})$",
    re.I | re.M,
)
_TIME_RE = r"(?:T?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:UTC|GMT|MSK|CET|[+-]\d{2}:?\d{2}))?)"
# A file name writes a date as a header line does ("_" for "-"), or all in one: 20190703.
_COMPACT_DATE = re.compile(
    r"(?<![0-9A-Za-z])(?P<y>" + YEAR_RE + r")(?P<m>0[1-9]|1[0-2])(?P<d>[12]\d|3[01]|0[1-9])(?![0-9])"
)

HEADER_LINES = 8
DATELINE_WINDOW = 4000
REPORTED_WINDOW = 1500


def _make_date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _plausible(day: _dt.date | None, today: _dt.date) -> bool:
    """Publication dates lie between 1990 and today."""
    return day is not None and EARLIEST <= day <= today


def find_full_dates(text: str) -> list[tuple[int, int, _dt.date]]:
    """Every date with day, month and year in ``text``: ``(start, end, date)`` sorted by position.

    The forms are the one date grammar's (:mod:`desktop.dates`), read as a header line or a label
    is written: any case, abbreviations, numbers (20.12.2019, 2019-12-20).
    """
    found = []
    for mention in find(text, prose=False, kinds=_ONE_DAY):
        year, month, day, _ = day_parts(mention.groups)
        if year is not None and (date := _make_date(year, month, day)) is not None:
            found.append((mention.start, mention.end, date))
    return found


def parse_full_date(value: str) -> _dt.date | None:
    """A date with a year from a short string (ISO, dd.mm.yyyy, "3 July 2019"...), else None."""
    dates = find_full_dates(value)
    return dates[0][2] if dates else None


# ---------------------------------------------------------------- year evidence

_FUTURE_WORDS = re.compile(
    r"\b(?:will|shall|plan|plans|planned|planning|scheduled|expected|expects|forecast|forecasts|intend|intends|"
    r"going to|upcoming|next|target|aim|aims|would)\b",
    re.I,
)
_FUTURE_BEFORE = re.compile(r"\b(?:for|until|till|through|to|before|by|next|upcoming)\s+(?:the\s+)?(?:(?:end|beginning|start)\s+of\s+)?$", re.I)
_LAST_YEAR = re.compile(r"\b(?:last|past|previous)\s+year\b", re.I)
_YEAR_MENTION = re.compile(
    r"(?:\b(?P<d1>" + DAY_RE + r")(?:\s+of)?\s+(?P<m1>" + MONTH_RE + r"),?\s+"
    r"|\b(?P<m2>" + MONTH_RE + r")\s+(?:(?P<d2>" + DAY_RE + r"),?\s+)?)?"
    r"(?<![\d$€£.,])(?P<y>" + YEAR_RE + r")(?![\d%])",
    re.I,
)


@dataclass(frozen=True)
class YearMention:
    """A year the text mentions, with the day/month when given, and whether it looks forward."""

    year: int
    month: int | None
    day: int | None
    future: bool

    @property
    def earliest(self) -> _dt.date:
        """The earliest day this mention can denote."""
        return _dt.date(self.year, self.month or 1, self.day or 1)


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind("? ", 0, pos), text.rfind("! ", 0, pos))
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1]
    return start + 1, min(ends) if ends else len(text)


def year_mentions(text: str) -> list[YearMention]:
    """Years mentioned in the text, each marked as looking forward (plans, "for 2024-2026") or not."""
    mentions = []
    for match in _YEAR_MENTION.finditer(text):
        year = int(match["y"])
        month_name = match["m1"] or match["m2"]
        day_text = match["d1"] or match["d2"]
        month = month_number(month_name) if month_name else None
        day = day_number(day_text) if day_text and month else None
        if day and _make_date(year, month, day) is None:
            day = None
        before = text[max(0, match.start() - 40) : match.start()]
        # The second year of a range ("2024-2026") shares the first one's context.
        range_start = re.search(YEAR_RE + r"\s*[-–—]\s*$", before)
        if range_start:
            before = text[max(0, match.start() - 60) : match.start() - len(range_start.group())]
        s_start, s_end = _sentence_bounds(text, match.start())
        future = bool(_FUTURE_BEFORE.search(before)) or bool(_FUTURE_WORDS.search(text[s_start:s_end]))
        mentions.append(YearMention(year, month, day, future))
    return mentions


def resolve_year(
    month: int, day: int, weekday: int | None, text: str, *, today: _dt.date | None = None
) -> tuple[_dt.date | None, str]:
    """The year of a day/month taken from ``text``, with the reasoning; ``(None, why)`` if unsure.

    The text's backward-looking mentions of dates give a lower bound (an article
    is not older than the events it reports). With a weekday: among the mentioned
    years +-1 and the four years from the lower bound, the one year whose day
    falls on that weekday. Without one: the first such day after a fully dated
    past event (within a year), or the year after the latest past year when the
    text speaks of "last year".
    """
    today = today or _dt.date.today()
    mentions = [m for m in year_mentions(text) if m.year <= today.year + 10]
    if not mentions:
        return None, "no year in the text"
    past = [m for m in mentions if not m.future and m.earliest <= today]
    bound = max((m.earliest for m in past), default=None)
    bound_note = f"; not before {bound.isoformat()} (latest past date in text)" if bound else ""
    if weekday is not None:
        candidates = {y + k for m in mentions for y in (m.year,) for k in (-1, 0, 1)}
        if bound:
            candidates |= set(range(bound.year, bound.year + 5))
        fits = sorted(
            y
            for y in candidates
            if (day_ := _make_date(y, month, day)) is not None
            and _plausible(day_, today)
            and day_.weekday() == weekday
            and (bound is None or day_ >= bound)
        )
        name = WEEKDAY_NAMES[weekday]
        if len(fits) == 1:
            return _dt.date(fits[0], month, day), f"{fits[0]} is the one candidate year where it is a {name}{bound_note}"
        if not fits:
            return None, f"no year mentioned in the text makes it a {name}"
        return None, f"several years fit the weekday {name}: {', '.join(map(str, fits))}"
    exact = [m for m in past if m.day is not None]
    # A fully dated event only anchors the year when no vaguer mention is later ("In 2023" after 26 Jan 2000).
    if exact and max(m.earliest for m in exact) >= bound:
        latest = max(m.earliest for m in exact)
        for year in (latest.year, latest.year + 1):
            day_ = _make_date(year, month, day)
            if day_ is not None and latest <= day_ <= today and (day_ - latest).days <= 366:
                return day_, f"first such day after {latest.isoformat()} (latest dated past event in text)"
    if past and _LAST_YEAR.search(text):
        year = max(m.year for m in past) + 1
        day_ = _make_date(year, month, day)
        if day_ is not None and _plausible(day_, today) and (bound is None or day_ >= bound):
            return day_, f"'last year' with {year - 1} the latest past year in text"
    return None, "the text does not pin down the year"


# ---------------------------------------------------------------- inference


def _partial_parts(fragment: str) -> tuple[int, int, int | None, int | None] | None:
    """(month, day, weekday, year) of a fragment like "Friday, December 24" or "20 December 2019"."""
    mentions = find(fragment, prose=False, kinds=_ONE_DAY)
    if not mentions:
        return None
    year, month, day, weekday = day_parts(mentions[0].groups)
    if weekday is None and (leading := re.match(r"\s*(" + WEEKDAY_RE + r")", fragment)):
        weekday = weekday_number(leading.group(1))
    if year is not None and _make_date(year, month, day) is None:
        return None
    return month, day, weekday, year


def _is_day_and_month(text: str) -> bool:
    """Whether ``text`` is a day and month without a year ("Friday, December 24"), and nothing else."""
    mentions = find(text, prose=False, kinds=("m_d", "d_m"))
    whole = len(mentions) == 1 and (mentions[0].start, mentions[0].end) == (0, len(text))
    return whole and not mentions[0].groups["year"]


def _date_from_fragment(fragment: str, text: str, today: _dt.date) -> tuple[_dt.date | None, str]:
    parts = _partial_parts(fragment)
    if parts is None:
        return None, "not a date"
    month, day, weekday, year = parts
    if year is not None:
        found = _make_date(year, month, day)
        if not _plausible(found, today):
            return None, "outside 1990..today"
        if weekday is not None and found.weekday() != weekday:
            return None, f"{found.isoformat()} is not a {WEEKDAY_NAMES[weekday]}"
        return found, ""
    if _make_date(2000, month, day) is None:  # 2000 is a leap year: only impossible days fail
        return None, "no such day"
    return resolve_year(month, day, weekday, text, today=today)


def _date_lines(lines: list[str], today: _dt.date) -> list[tuple[int, _dt.date, str]]:
    """Lines that hold nothing but a date (and maybe a time or a "Published:" label)."""
    found = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or len(stripped) > 60:
            continue
        dates = find_full_dates(stripped)
        if len(dates) != 1:
            continue
        start, end, day = dates[0]
        rest = stripped[:start] + " " + stripped[end:]
        rest = re.sub(_TIME_RE, " ", rest, flags=re.I)
        rest = re.sub(r"\b(?:published|publication|posted|updated|date|dated|on|at|first)\b|" + WEEKDAY_RE, " ", rest,
                      flags=re.I)
        if re.sub(r"[\s,:;|/\-–—()\[\].]", "", rest):
            continue
        if _plausible(day, today):
            found.append((index, day, stripped))
    return found


def infer_from_text(text: str, *, today: _dt.date | None = None) -> tuple[str | None, str]:
    """The publication date found in an article's text: ``(iso or None, basis)``."""
    today = today or _dt.date.today()
    lines = text.split("\n")
    date_lines = _date_lines(lines, today)
    non_empty = [i for i, line in enumerate(lines) if line.strip()][:HEADER_LINES]
    header = [item for item in date_lines if item[0] in non_empty]
    if header:
        return header[0][1].isoformat(), f"header date '{header[0][2]}'"
    notes = []
    for index in non_empty:
        line = lines[index].strip()
        bare = re.sub(_TIME_RE, " ", line, flags=re.I).strip(" ,|-–—")
        if len(bare) <= 40 and _is_day_and_month(bare):
            found, why = _date_from_fragment(bare, text, today)
            if found:
                return found.isoformat(), f"header date '{line}': {why}"
            notes.append(f"header date '{line}' ({why})")
    for match in _DATELINE_RE.finditer(text[:DATELINE_WINDOW]):
        dateline = match.group(0).strip().rstrip("-–— ").strip()
        found, why = _date_from_fragment(match["date"], text, today)
        if found:
            return found.isoformat(), f"dateline '{dateline}'" + (f": {why}" if why else "")
        notes.append(f"dateline '{dateline}' ({why})")
    for match in _LABELLED_RE.finditer(text):
        found = parse_full_date(match["rest"])
        if _plausible(found, today):
            return found.isoformat(), f"'{match.group(0).strip()}'"
    for match in _REPORTED_RE.finditer(text[:REPORTED_WINDOW]):
        found, why = _date_from_fragment(match["date"], text, today)
        if found:
            return found.isoformat(), f"'{match.group(0)}'" + (f": {why}" if why else "")
        notes.append(f"'{match.group(0)}' ({why})")
    if date_lines:
        distinct = sorted({day for _, day, _ in date_lines})
        latest = max(date_lines, key=lambda item: item[1])
        if len(distinct) == 1:
            return latest[1].isoformat(), f"page timestamp '{latest[2]}'"
        return latest[1].isoformat(), f"latest of {len(distinct)} page timestamps, '{latest[2]}'"
    return None, "; ".join(notes)


def strip_dateline(line: str) -> str:
    """``line`` without a leading news-agency dateline ("MOSCOW, January 28. /TASS/. ")."""
    match = _DATELINE_RE.match(line)
    return line[match.end() :].lstrip(" .") if match else line


def infer_from_filename(filename: str, *, today: _dt.date | None = None) -> str | None:
    """An ISO date written in a file name (2019-07-03, 20190703, 03.07.2019), else None."""
    today = today or _dt.date.today()
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    written = [day for _, _, day in find_full_dates(name.replace("_", "-"))]
    compact = [_make_date(int(m["y"]), int(m["m"]), int(m["d"])) for m in _COMPACT_DATE.finditer(name)]
    for found in written + compact:
        if _plausible(found, today):
            return found.isoformat()
    return None


def _parse_metadata_value(value: str, today: _dt.date) -> _dt.date | None:
    found = parse_full_date(value)
    if found is None:
        # Other spellings ("Jul 3rd '19", "3 июля 2019"): dateparser is slow to import, so only here.
        import dateparser

        parsed = dateparser.parse(value, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
        found = parsed.date() if parsed else None
    return found if _plausible(found, today) else None


def infer_published(
    text: str,
    filename: str,
    *,
    metadata_value: str | None = None,
    today: _dt.date | None = None,
) -> tuple[str | None, str, str]:
    """``(iso or None, basis, source)``; source is metadata, text, filename or none.

    ``basis`` says in words where the date came from, or why there is none.
    """
    today = today or _dt.date.today()
    notes = []
    if metadata_value and metadata_value.strip():
        found = _parse_metadata_value(metadata_value.strip(), today)
        if found:
            return found.isoformat(), f"metadata.csv '{metadata_value.strip()}'", "metadata"
        notes.append(f"metadata value '{metadata_value.strip()}' not understood")
    iso, basis = infer_from_text(text, today=today)
    if iso:
        return iso, basis, "text"
    if basis:
        notes.append(basis)
    iso = infer_from_filename(filename, today=today)
    if iso:
        return iso, f"file name '{filename}'", "filename"
    notes.append("no date in the text or the file name")
    return None, "; ".join(notes), "none"
