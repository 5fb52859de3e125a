"""What an HTML page says about itself: when it was published, and its headline without the site's name.

>>> page_date('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
...           '"datePublished": "2024-03-02T10:15:00+03:00"}</script></head><body><p>Talks.</p></body></html>',
...           today=_dt.date(2025, 1, 1))
('2024-03-02', 'page metadata: JSON-LD datePublished "2024-03-02T10:15:00+03:00"')
>>> page_title("Lukashenko and Putin meet in Sochi | BelTA", site_name="BelTA")
'Lukashenko and Putin meet in Sochi'

The date comes from htmldate (JSON-LD, OpenGraph and other meta tags, ``<time>``
elements, a visible date in an element named for it; the original date, not the
last modified one), read before any text rule; the basis names the element that
holds it. Text files keep the dateline rules.
"""

from __future__ import annotations

import datetime as _dt
import logging
import re

MIN_DATE = "1990-01-01"  # as the text rules: earlier dates are never publication dates
# Where a page states its date: (pattern, group of the key or None, group of the value, how the basis names it).
_SOURCES = (
    (re.compile(r'"(datePublished|dateCreated)"\s*:\s*"([^"]+)"'), 1, 2, "JSON-LD {}"),
    (re.compile(r'<meta\b[^>]*?(?:property|name|itemprop)\s*=\s*["\']([^"\']+)["\'][^>]*?'
                r'content\s*=\s*["\']([^"\']+)["\']', re.I), 1, 2, "<meta {}>"),
    (re.compile(r'<meta\b[^>]*?content\s*=\s*["\']([^"\']+)["\'][^>]*?'
                r'(?:property|name|itemprop)\s*=\s*["\']([^"\']+)["\']', re.I), 2, 1, "<meta {}>"),
    (re.compile(r'<time\b[^>]*?datetime\s*=\s*["\']([^"\']+)["\']', re.I), None, 1, "<time datetime>"),
)
# A visible date in an element the page names as one (class="news_date", id="publication-time"...).
_DATED_ELEMENT = re.compile(r'<(\w+)\b[^>]*?\b(class|id)\s*=\s*["\']([^"\']*(?:date|time|publi)[^"\']*)["\'][^>]*>'
                            r'([^<]{4,120})<', re.I)
_SEPARATORS = (" | ", " – ", " — ", " - ", " • ", " :: ", " · ", " / ")


def page_date(markup: str, *, today: _dt.date | None = None) -> tuple[str, str] | None:
    """``(iso date, basis)`` from the page's own metadata, or None when it states none."""
    from htmldate import find_date  # lazy: lxml is only needed for HTML pages

    today = today or _dt.date.today()
    # htmldate logs what it tried at INFO/DEBUG; an ingest of thousands of pages should not.
    logging.getLogger("htmldate").setLevel(logging.WARNING)
    try:
        iso = find_date(markup, extensive_search=False, original_date=True, outputformat="%Y-%m-%d",
                        min_date=MIN_DATE, max_date=today.isoformat())
    except (ValueError, TypeError):  # markup lxml cannot parse at all
        return None
    if not iso:
        return None
    return iso, _where(markup, iso)


def _where(markup: str, iso: str) -> str:
    for pattern, key_group, value_group, name in _SOURCES:
        for match in pattern.finditer(markup):
            value = match.group(value_group).strip()
            if re.sub(r"\D", "", value).startswith(iso.replace("-", "")):
                return f'page metadata: {name.format(match.group(key_group) if key_group else "")} "{value}"'
    from desktop.pubdate import find_full_dates

    for match in _DATED_ELEMENT.finditer(markup):
        tag, attribute, names, content = match.groups()
        if any(day.isoformat() == iso for _, _, day in find_full_dates(content)):
            return f'page markup: <{tag} {attribute}="{names}"> "{" ".join(content.split())[:60]}"'
    return "page markup (htmldate)"


def page_title(title: str | None, *, headline: str | None = None, site_name: str | None = None) -> str | None:
    """The page's title without the site's name ("… | BelTA", "… – Belsat").

    The ``<h1>`` wins when the title starts with it; else a trailing (or, when it
    is the site's declared name, leading) part after a separator is dropped if it
    is the site's name, or short next to the rest.
    """
    if not title:
        return headline
    if headline and title.startswith(headline) and title != headline:
        return headline
    site = (site_name or "").strip().casefold()
    for separator in _SEPARATORS:
        if separator not in title:
            continue
        head, _, tail = title.rpartition(separator)
        if site and tail.strip().casefold() == site:
            return head.strip()
        first, _, rest = title.partition(separator)
        if site and first.strip().casefold() == site:
            return rest.strip()
        if not site and len(tail.split()) <= 4 and len(tail) <= 40 and len(head) > 1.5 * len(tail):
            return head.strip()
    return title
