"""Reading an article folder: scan, encodings, HTML, titles, metadata.csv."""

from __future__ import annotations

import codecs
import hashlib

import pytest

from desktop.decoding import decode_bytes
from desktop.html_text import html_to_text
from desktop.reader import (
    MAX_BYTES,
    ReadError,
    file_hash,
    load_metadata,
    read_article,
    scan_folder,
    title_from_text,
)

RUSSIAN = (
    "Президент Беларуси Александр Лукашенко провёл переговоры с Владимиром Путиным в Москве.\n"
    "Стороны обсудили торговлю, энергетику и интеграцию в рамках Союзного государства.\n"
)
WESTERN = "Café society: the Élysée said the summit in Zürich was «très intéressant» — naïve façade.\n"

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Putin and Lukashenko meet in Sochi</title>
<style>.lead { color: red; } STYLE_SECRET</style>
<script>var tracker = "SCRIPT_SECRET";</script>
<meta charset="utf-8"></head>
<body>
<noscript>NOSCRIPT_SECRET</noscript>
<template><p>TEMPLATE_SECRET</p></template>
<h1>Talks in Sochi</h1>
<p>MINSK, 7 December 2019 (BelTA) &ndash; The talks lasted
   five hours.</p>
<p>Second   paragraph<br>with a break.</p>
<!-- COMMENT_SECRET -->
<script type="application/ld+json">{"secret": "JSON_SECRET"}</script>
</body></html>
"""


@pytest.fixture
def folder(tmp_path):
    """A folder with one file of each kind the reader must handle."""
    root = tmp_path / "articles"
    (root / "ru" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "ru" / "cp1251.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (root / "ru" / "deep" / "koi8.txt").write_bytes(RUSSIAN.encode("koi8_r"))
    (root / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "UTF-16 text about Minsk.\r\nLine two.".encode("utf-16-le"))
    (root / "utf16be.md").write_bytes(codecs.BOM_UTF16_BE + "Big-endian Минск.".encode("utf-16-be"))
    (root / "bom.txt").write_bytes(codecs.BOM_UTF8 + "Title with BOM\nBody.".encode("utf-8"))
    (root / "western.txt").write_bytes(WESTERN.encode("cp1252"))
    (root / "empty.txt").write_bytes(b"  \n\t\n")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4")
    (root / ".hidden" / "secret.txt").write_text("hidden", encoding="utf-8")
    (root / ".dotfile.txt").write_text("hidden", encoding="utf-8")
    (root / "metadata.csv").write_text(
        "file,published,title,url,source\n"
        "bom.txt,2020-05-04,Title from metadata,https://example.org/a,BelTA\n"
        "./ru/deep/koi8.txt,,,,\n",
        encoding="utf-8",
    )
    return root


def test_scan_folder_is_recursive_sorted_and_skips_hidden_and_metadata(folder):
    found = [p.relative_to(folder.resolve()).as_posix() for p in scan_folder(folder)]
    assert found == [
        "binary.txt", "bom.txt", "empty.txt", "page.html", "ru/cp1251.txt", "ru/deep/koi8.txt",
        "utf16.txt", "utf16be.md", "western.txt",
    ]


def test_scan_folder_rejects_a_missing_folder(tmp_path):
    with pytest.raises(ReadError, match="not a folder"):
        scan_folder(tmp_path / "nope")


@pytest.mark.parametrize(
    ("name", "expected", "encoding"),
    [
        pytest.param("ru/cp1251.txt", RUSSIAN, "cp1251", id="cp1251"),
        pytest.param("ru/deep/koi8.txt", RUSSIAN, "koi8_r", id="koi8-r"),
        pytest.param("utf16.txt", "UTF-16 text about Minsk.\nLine two.", "utf-16", id="utf-16-le-bom"),
        pytest.param("utf16be.md", "Big-endian Минск.", "utf-16", id="utf-16-be-bom"),
        pytest.param("bom.txt", "Title with BOM\nBody.", "utf-8-sig", id="utf-8-bom"),
        pytest.param("western.txt", WESTERN, "cp1252", id="cp1252"),
    ],
)
def test_encodings_are_detected(folder, name, expected, encoding):
    article = read_article(folder, name)
    assert article.text == expected
    assert codecs.lookup(article.encoding).name == codecs.lookup(encoding).name
    assert article.path == name
    assert article.size == (folder / name).stat().st_size


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        pytest.param("empty.txt", "empty file", id="empty"),
        pytest.param("binary.txt", "binary file", id="binary"),
    ],
)
def test_unreadable_files_raise_read_error(folder, name, reason):
    with pytest.raises(ReadError, match=reason):
        read_article(folder, name)


def test_too_large_file_is_refused(folder):
    with pytest.raises(ReadError, match="too large"):
        read_article(folder, "big.txt", data=b"a" * (MAX_BYTES + 1))


def test_bom_less_utf16_is_not_taken_for_binary():
    text, encoding = decode_bytes("Plain ASCII text in UTF-16 without a BOM.".encode("utf-16-le"))
    assert text == "Plain ASCII text in UTF-16 without a BOM."
    assert encoding == "utf-16"


def test_html_keeps_visible_text_only(folder):
    article = read_article(folder, "page.html")
    for secret in ("SCRIPT_SECRET", "STYLE_SECRET", "NOSCRIPT_SECRET", "TEMPLATE_SECRET", "COMMENT_SECRET",
                   "JSON_SECRET", "tracker", "color: red"):
        assert secret not in article.text
    assert article.title == "Putin and Lukashenko meet in Sochi"
    assert "MINSK, 7 December 2019 (BelTA) – The talks lasted five hours." in article.text
    assert "Second paragraph\nwith a break." in article.text
    # Paragraphs stay apart: a blank line between them, never three newlines.
    assert "\n\nSecond paragraph" in article.text and "\n\n\n" not in article.text
    assert article.published == "2019-12-07"


def test_html_title_falls_back_to_first_h1():
    text, title = html_to_text("<html><body><h1> Heading  one </h1><p>Body</p><h1>Two</h1></body></html>")
    assert title == "Heading one"
    assert text == "Heading one\n\nBody\n\nTwo"


def test_html_declared_charset_is_used():
    page = '<html><head><meta charset="windows-1251"></head><body><p>Минск</p></body></html>'
    text, encoding = decode_bytes(page.encode("cp1251"), html=True)
    assert "Минск" in text and encoding == "cp1251"


def test_metadata_overrides_title_and_date(folder):
    metadata = load_metadata(folder)
    assert set(metadata) == {"bom.txt", "ru/deep/koi8.txt"}
    assert metadata["ru/deep/koi8.txt"] == {}
    article = read_article(folder, "bom.txt", metadata)
    assert article.title == "Title from metadata"
    assert (article.published, article.published_source) == ("2020-05-04", "metadata")
    assert article.url == "https://example.org/a" and article.source == "BelTA"
    plain = read_article(folder, "bom.txt")
    assert plain.title == "Title with BOM" and plain.url is None


def test_no_metadata_file_gives_empty_dict(tmp_path):
    assert load_metadata(tmp_path) == {}


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("title,published\na,2020-01-01\n", id="no-file-column"),
        pytest.param('file,title\n"a.txt,unterminated\n', id="unterminated-quote"),
        pytest.param("file,title\na.txt,x,extra,cells\n", id="too-many-cells"),
    ],
)
def test_broken_metadata_raises_read_error(tmp_path, content):
    (tmp_path / "metadata.csv").write_text(content, encoding="utf-8")
    with pytest.raises(ReadError, match="metadata.csv"):
        load_metadata(tmp_path)


def test_hash_is_sha256_of_bytes(folder):
    data = (folder / "ru" / "cp1251.txt").read_bytes()
    assert file_hash(folder / "ru" / "cp1251.txt") == hashlib.sha256(data).hexdigest()
    assert read_article(folder, "ru/cp1251.txt").hash == hashlib.sha256(data).hexdigest()


def test_data_argument_is_used_instead_of_the_file(folder):
    article = read_article(folder, "ru/cp1251.txt", data=b"Replacement text.\r\nSecond line.")
    assert article.text == "Replacement text.\nSecond line."
    assert article.path == "ru/cp1251.txt"


def test_absolute_path_gives_relative_posix_path(folder):
    article = read_article(folder, folder / "ru" / "deep" / "koi8.txt")
    assert article.path == "ru/deep/koi8.txt"


def test_newlines_are_normalised(tmp_path):
    (tmp_path / "crlf.txt").write_bytes(b"First line\r\nSecond\rThird\n")
    assert read_article(tmp_path, "crlf.txt").text == "First line\nSecond\nThird\n"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        pytest.param("All news\n\nPutin meets Lukashenko\nBody", "Putin meets Lukashenko", id="all-news"),
        pytest.param("/ News\n20.12.2019\n\nLukashenko welcomes progress\n", "Lukashenko welcomes progress", id="lone-date"),
        pytest.param("  \n***\n2019.07.03 08:44\nReal title  here \n", "Real title here", id="stars-timestamp"),
        pytest.param(
            "Russian President Vladimir Putin will meet Lukashenko in St. Petersburg on December 28-29. " + "More. " * 40,
            "Russian President Vladimir Putin will meet Lukashenko in St. Petersburg on December 28-29.",
            id="long-line-first-sentence",
        ),
        pytest.param("12345\n----\n", None, id="nothing-usable"),
    ],
)
def test_title_from_text(text, title):
    assert title_from_text(text) == title


def test_long_title_without_sentence_end_is_cut_at_a_word():
    title = title_from_text("word " * 100)
    assert title.endswith("…") and len(title) <= 201 and "wor…" not in title


def test_samples_read_with_titles_and_dates(samples, gold_path):
    import json

    gold = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("kind") == "article":
            gold[row["file"]] = row
    articles = {a.path: a for a in (read_article(samples, p) for p in scan_folder(samples))}
    assert set(articles) == set(gold)
    for name, article in articles.items():
        assert article.title, name
        assert article.encoding == "utf-8"
        # 001 gives no year in its text: it must stay undated although the gold knows the date.
        expected = None if name.startswith("001_") else gold[name]["published"]
        assert article.published == expected, (name, article.published_basis)


def test_deeply_nested_html_does_not_overflow_the_stack():
    markup = "<html><body>" + "<div><font>" * 3000 + "Deep text" + "</font></div>" * 3000 + "</body></html>"
    text, _ = html_to_text(markup)
    assert text == "Deep text"


def test_html_table_cells_are_kept_apart():
    text, _ = html_to_text("<table><tr><td>Trade</td><td>$35.5 billion</td></tr></table>")
    assert text == "Trade $35.5 billion"


def test_title_skips_a_leading_dateline():
    text = "MOSCOW, January 28. /TASS/. The Russian and Belarusian presidents will meet on Monday. More text.\n"
    assert title_from_text(text) == "The Russian and Belarusian presidents will meet on Monday. More text."


# ---------------------------------------------------------------- page chrome

NEWS_PAGE = """<!DOCTYPE html>
<html><head><title>Putin and Lukashenko meet in Sochi | Example News</title></head>
<body class="single-post has-sidebar">
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<div id="gdpr_consent" role="dialog">Manage your privacy preferences.</div>
<header class="site-header">
  <div class="logo">Example News</div>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/economy">Economy</a></li></ul></nav>
  <form role="search"><label>Search the site</label><input type="text"><button>Go</button></form>
  <a class="print-link" href="?print=1">Print version</a>
</header>
<main>
  <ol class="breadcrumbs"><li><a href="/">Front page</a></li><li><a href="/world">World news</a></li></ol>
  <article>
    <h1>Putin and Lukashenko meet in Sochi</h1>
    <p class="dateline">14 September 2020</p>
    <p>Vladimir Putin met Alexander Lukashenko in Sochi on Monday, their first meeting since the election.</p>
    <p>Russia will lend Belarus $1.5 billion, the Kremlin said after the talks.</p>
    <aside class="factbox"><p>Trade between the two countries reached $35.5 billion in 2019.</p></aside>
    <div class="share-bar">Share on Facebook Share on Twitter</div>
    <p>The presidents agreed to meet again in Minsk in December.</p>
    <div class="article-tags">Tags: Belarus, Russia</div>
  </article>
  <section class="related-articles"><h2>Related stories</h2>
    <ul><li>Lukashenko visits Moscow <span>12 June 2020</span></li><li>Union State talks stall <span>3 March 2020</span></li></ul>
  </section>
  <div class="newsletter-signup">Get the morning briefing in your inbox.</div>
</main>
<aside><h2>Most popular</h2><p>Kremlin denies rumours about the summit</p></aside>
<footer><p>Copyright 2020 Example News. All rights reserved.</p></footer>
</body></html>
"""

ARTICLE_PARAGRAPHS = (
    "Putin and Lukashenko meet in Sochi",
    "14 September 2020",
    "Vladimir Putin met Alexander Lukashenko in Sochi on Monday, their first meeting since the election.",
    "Russia will lend Belarus $1.5 billion, the Kremlin said after the talks.",
    "Trade between the two countries reached $35.5 billion in 2019.",
    "The presidents agreed to meet again in Minsk in December.",
)
CHROME = (
    "cookies", "Accept all", "privacy preferences", "Example News", "Home", "Economy", "Search the site", "Go",
    "Print version", "Front page", "Share on Facebook", "Tags:", "Related stories", "Lukashenko visits Moscow",
    "12 June 2020", "morning briefing", "Most popular", "Kremlin denies", "Copyright",
)


def test_news_page_keeps_the_article_and_drops_the_chrome():
    text, title = html_to_text(NEWS_PAGE)
    assert title == "Putin and Lukashenko meet in Sochi"  # the site's name dropped (issue 12)
    assert text.split("\n\n") == list(ARTICLE_PARAGRAPHS)
    for chrome in CHROME:
        assert chrome not in text, chrome


def test_headline_outside_main_is_put_in_front():
    page = NEWS_PAGE.replace("<h1>Putin and Lukashenko meet in Sochi</h1>", "").replace(
        "<main>", "<div class='headline-block'><h1>Putin and Lukashenko meet in Sochi</h1></div><main>")
    text, _ = html_to_text(page)
    assert text.split("\n\n") == list(ARTICLE_PARAGRAPHS)


def test_page_without_article_or_main_keeps_everything_but_the_chrome():
    page = (NEWS_PAGE.replace("<main>", "<div class='page'>").replace("</main>", "</div>")
            .replace("<article>", "<div class='story'>").replace("</article>", "</div>"))
    text, _ = html_to_text(page)
    # The site header holds no headline: it is chrome. The fact box is no longer inside an
    # <article>, so a bare <aside> is chrome too; everything else that is not chrome stays.
    kept = [p for p in ARTICLE_PARAGRAPHS if not p.startswith("Trade between")]
    assert text.split("\n\n") == kept
    for chrome in CHROME:
        assert chrome not in text, chrome


def test_text_only_in_a_content_div_is_kept():
    page = '<html><body><div class="content"><p>Lukashenko arrived in Moscow.</p><p>Talks follow.</p></div></body></html>'
    assert html_to_text(page)[0] == "Lukashenko arrived in Moscow.\n\nTalks follow."


@pytest.mark.parametrize(
    "attrs",
    ['class="navigable-text"', 'class="download"', 'id="shared_content"', 'class="admin-note"', 'class="paddy"',
     'class="subscriber-story"', 'class="printer"', 'class="menuitem-free"'],
)
def test_class_words_are_matched_whole(attrs):
    page = f"<html><body><p>Intro.</p><div {attrs}>Putin met Lukashenko.</div><p>End.</p></body></html>"
    assert html_to_text(page)[0] == "Intro.\n\nPutin met Lukashenko.\n\nEnd."


@pytest.mark.parametrize(
    "attrs",
    ['class="ad-slot"', 'class="social_links"', 'id="cookieNotice"', 'class="breadcrumb"', 'role="navigation"',
     'role="contentinfo"', 'class="read-also"', 'class="x sidebar"'],
)
def test_chrome_class_words_and_roles_are_dropped(attrs):
    page = f"<html><body><p>Intro.</p><div {attrs}>Chrome text.</div><p>End.</p></body></html>"
    assert html_to_text(page)[0] == "Intro.\n\nEnd."


def test_a_chrome_looking_wrapper_of_the_whole_page_is_kept():
    """An ASP.NET page sits in one <form>; a layout div may say 'with-sidebar': that is not chrome."""
    page = ("<html><body><form id='aspnetForm'><div class='layout-with-sidebar'>"
            "<p>Putin and Lukashenko met in Minsk.</p><p>They discussed trade.</p>"
            "<div class='sidebar'>Weather</div></div></form></body></html>")
    assert html_to_text(page)[0] == "Putin and Lukashenko met in Minsk.\n\nThey discussed trade."


def test_chrome_word_on_the_headline_block_does_not_drop_the_headline():
    page = ("<html><body><div class='hero-banner'><h1>Summit in Minsk</h1><p>The lede.</p></div>"
            "<p>Body one.</p><p>Body two.</p><p>Body three.</p></body></html>")
    assert html_to_text(page)[0] == "Summit in Minsk\n\nThe lede.\n\nBody one.\n\nBody two.\n\nBody three."


def test_tiny_main_is_not_trusted_over_the_page():
    page = ("<html><body><main><p>Photo</p></main><p>Putin met Lukashenko in Sochi on Monday after a long "
            "break.</p><p>Trade and energy prices were discussed at length.</p></body></html>")
    text, _ = html_to_text(page)
    assert "Putin met Lukashenko" in text and "Trade and energy" in text and text.startswith("Photo")


def test_list_of_teaser_articles_is_not_taken_for_the_article():
    page = ("<html><body><p>Intro text of the page.</p><article><h2>One</h2><p>First teaser.</p></article>"
            "<article><h2>Two</h2><p>Second teaser.</p></article></body></html>")
    text, _ = html_to_text(page)
    assert text == "Intro text of the page.\n\nOne\n\nFirst teaser.\n\nTwo\n\nSecond teaser."


def test_genre2_pages_lose_their_chrome_and_keep_the_article():
    from pathlib import Path

    folder = Path(__file__).resolve().parent / "data" / "genre2"
    k01 = read_article(folder, "k01_kremlin_talks_2024.html").text
    assert k01.startswith("Russian-Belarusian talks\n\nApril 11, 2024, 15:40, The Kremlin, Moscow\n\n")
    assert "Vladimir Putin: Of course, let us discuss it." in k01
    for chrome in ("cookies", "Print version", "Transcripts", "See also", "March 14, 2024", "Topics:", "Creative Commons"):
        assert chrome not in k01, chrome
    k02 = read_article(folder, "k02_belta_minsk_visit_2024.html").text
    assert "The President will meet with Ilham Aliyev in Baku on 29-30 June." in k02
    for chrome in ("Culture", "Read also", "16.05.2024", "Tags:", "Reproduction of materials", "cookies"):
        assert chrome not in k02, chrome
