"""HTML pages dated from their own metadata, titles without the site's name (issue 12).

The pages are written here in the shapes big news sites use (OpenGraph article:published_time,
JSON-LD NewsArticle and WordPress/Yoast @graph, microdata itemprop, <time datetime>).
"""

from __future__ import annotations

import datetime as dt

import pytest

from desktop import store
from desktop.ingest import ingest
from desktop.page_meta import page_date, page_title

BODY = "<p>MINSK, 3 January (Agency) – Alexander Lukashenko and Vladimir Putin met in Minsk on Friday.</p>"


def page(head: str, body: str = BODY, *, title: str = "Lukashenko and Putin meet in Minsk | Agency") -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
            f"<body><header><nav><a href='/'>Home</a></nav></header><article><h1>Lukashenko and Putin meet "
            f"in Minsk</h1>{body}</article><footer>© Agency</footer></body></html>")


PAGES = {
    "opengraph.html": (page(
        '<meta property="og:site_name" content="Agency">'
        '<meta property="article:published_time" content="2023-09-15T14:00:00+03:00">'
        '<meta property="article:modified_time" content="2023-09-16T09:30:00+03:00">'),
        "2023-09-15", '<meta article:published_time> "2023-09-15T14:00:00+03:00"'),
    "jsonld.html": (page(
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "Lukashenko and Putin meet in Minsk", "dateModified": "2024-05-30T08:00:00Z", '
        '"datePublished": "2024-05-29T17:45:00Z", "publisher": {"@type": "Organization", "name": "Agency"}}'
        '</script>'), "2024-05-29", 'JSON-LD datePublished "2024-05-29T17:45:00Z"'),
    "yoast-graph.html": (page(
        '<script type="application/ld+json" class="yoast-schema-graph">{"@context": "https://schema.org", '
        '"@graph": [{"@type": "WebPage", "datePublished": "2021-02-22T11:05:12+00:00", '
        '"dateModified": "2021-02-23T07:00:00+00:00"}, {"@type": "Article", '
        '"datePublished": "2021-02-22T11:05:12+00:00"}]}</script>',
        title="Lukashenko and Putin meet in Minsk – Agency"),
        "2021-02-22", 'JSON-LD datePublished "2021-02-22T11:05:12+00:00"'),
    "microdata.html": (page(
        "", '<meta itemprop="datePublished" content="2019-12-07"><p>Sochi talks lasted five hours.</p>'),
        "2019-12-07", '<meta datePublished> "2019-12-07"'),
    "time-element.html": (page(
        "", '<time datetime="2022-11-05T12:00:00.000Z">5 November, 15:00</time><p>The leaders met.</p>',
        title="Lukashenko and Putin meet in Minsk — Agency"),
        "2022-11-05", '<time datetime> "2022-11-05T12:00:00.000Z"'),
}
# A date the page shows in an element named for it, and no metadata: the markup, not the metadata, dates it.
VISIBLE = page("", '<div class="news_date">24 May 2024, 14:35</div><p>The leaders met.</p>')


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_date_reads_each_shape(name):
    markup, iso, where = PAGES[name]
    assert page_date(markup, today=dt.date(2025, 1, 1)) == (iso, f"page metadata: {where}")


def test_a_visible_date_element_is_named_as_markup():
    assert page_date(VISIBLE, today=dt.date(2025, 1, 1)) == (
        "2024-05-24", 'page markup: <div class="news_date"> "24 May 2024, 14:35"')


def test_a_page_without_metadata_has_no_page_date():
    assert page_date(page(""), today=dt.date(2025, 1, 1)) is None


def test_a_future_or_ancient_date_is_not_a_publication_date():
    future = page('<meta property="article:published_time" content="2031-01-01T00:00:00Z">')
    assert page_date(future, today=dt.date(2025, 1, 1)) is None


@pytest.mark.parametrize(("title", "site", "expected"), [
    pytest.param("Lukashenko and Putin meet in Minsk | BelTA", None, "Lukashenko and Putin meet in Minsk", id="pipe"),
    pytest.param("Lukashenko and Putin meet in Minsk – Belsat", None, "Lukashenko and Putin meet in Minsk", id="dash"),
    pytest.param("BelTA - Lukashenko and Putin meet in Minsk", "BelTA", "Lukashenko and Putin meet in Minsk",
                 id="site-first"),
    pytest.param("Putin - Lukashenko talks", None, "Putin - Lukashenko talks", id="dash-inside-a-title"),
    pytest.param("Talks in Sochi", None, "Talks in Sochi", id="no-site"),
])
def test_page_title_drops_the_site_name(title, site, expected):
    assert page_title(title, site_name=site) == expected


def test_a_folder_of_pages_is_dated_from_their_metadata(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, (markup, _, _) in PAGES.items():
        (folder / name).write_text(markup, encoding="utf-8")
    (folder / "plain.txt").write_text("MINSK, 20 December 2019 (BelTA) – Talks went on.\n", encoding="utf-8")
    for _ in ingest(folder, tmp_path / "p.sqlite", model="blank:en"):
        pass
    db = store.open_db(tmp_path / "p.sqlite")
    docs = {d["path"]: store.get_document(db, d["id"]) for d in store.list_documents(db)}
    for name, (_, iso, where) in PAGES.items():
        doc = docs[name]
        assert (doc["published"], doc["published_source"], doc["published_basis"]) == (
            iso, "page", f"page metadata: {where}"), name
        assert doc["title"] == "Lukashenko and Putin meet in Minsk", name
    assert docs["plain.txt"]["published_source"] == "text"  # text files keep the dateline rules
    db.close()
