"""The article text of an HTML page: page chrome dropped, the content the page marks kept, blocks as paragraphs.

>>> html_to_text("<html><head><title>Talks</title></head><body><nav>Menu</nav><p>Putin met Lukashenko.</p></body></html>")
('Putin met Lukashenko.', 'Talks')

Nothing is fetched; the cost is linear in the page however deep its tags nest. :data:`HTML_TEXT_VERSION`
numbers what this gives for the same bytes (ingest re-reads stored pages when it changes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.page_meta import page_title


_DROP_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed", "canvas")
_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "h1", "h2", "h3", "h4",
    "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "blockquote", "pre", "figure",
    "figcaption", "address", "hr", "form", "fieldset", "details", "summary",
}
_CELL_TAGS = {"td", "th"}
# Bumped whenever html_to_text gives different text for the same bytes: ingest skips files whose
# hash is unchanged, so a stored HTML document keeps the text (and span offsets) of the version that read it.
HTML_TEXT_VERSION = 3

# Page chrome: what a site wraps around every article (menus, banners, share bars, related lists).
_CHROME_TAGS = {"nav", "form", "button", "select", "label", "dialog", "menu", "input", "textarea"}
_CHROME_OUTSIDE_CONTENT = {"header", "footer"}  # an article's own header/footer is article text
_CHROME_OUTSIDE_ARTICLE = {"aside"}  # inside <article> an aside is usually a fact box
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"}
_CHROME_TOKENS = {
    "cookie", "cookies", "consent", "gdpr", "banner", "breadcrumb", "breadcrumbs", "share", "sharing", "social",
    "newsletter", "subscribe", "subscription", "related", "recommend", "recommended", "recommendations", "promo",
    "advert", "adverts", "advertisement", "advertising", "ad", "ads", "menu", "nav", "navbar", "navigation",
    "footer", "sidebar", "tags", "comments", "print",
}
_CHROME_PAIRS = {("read", "also"), ("see", "also"), ("also", "read"), ("most", "read"), ("more", "news")}
_NEVER_CHROME = {"html", "body", "article", "main"}
# Chrome never holds most of a page: a bigger match is a layout wrapper (an ASP.NET page-wide
# <form>, a div "with-sidebar"), so it is kept and only its own chrome inside is dropped.
_CHROME_MAX_SHARE = 0.5
# A <main>/<article> with less than this share of the page's remaining text is not trusted as the article.
_CONTENT_MIN_SHARE = 0.25


def _tokens(value: str) -> list[str]:
    """Class or id split into lower-case words at hyphens, underscores and camelCase humps."""
    value = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", value)
    return [t for t in re.split(r"[-_\s]+", value.lower()) if t]


def _class_id_is_chrome(tag) -> bool:
    values = list(tag.get("class") or [])
    if tag.get("id"):
        values.append(tag["id"])
    for value in values:
        words = _tokens(value)
        if any(w in _CHROME_TOKENS for w in words) or any(pair in _CHROME_PAIRS for pair in zip(words, words[1:])):
            return True
    return False


def _is_main(tag) -> bool:
    return tag.name == "main" or (tag.attrs.get("role") or "").strip().lower() == "main"


def _is_article_body(tag) -> bool:
    return "articlebody" in (tag.attrs.get("itemprop") or "").lower().split()


class _Node:
    """What the chrome and content decisions need to know about one tag, gathered in one walk."""

    __slots__ = ("tag", "start", "end", "words", "holds_content", "in_content", "in_article", "main", "article_body")

    def __init__(self, tag, start: int, parent: _Node | None):
        self.tag = tag
        self.start = start  # the tag's index in the walk's list
        self.end = 0  # index after the tag's last descendant in the walk's list
        self.words = 0  # words of visible text inside the tag
        self.holds_content = False  # a headline or marked main content somewhere below
        self.main = _is_main(tag)
        self.article_body = _is_article_body(tag)
        # Inside <article> or <main>; inside <article>.
        self.in_content = parent is not None and (parent.in_content or parent.tag.name == "article" or parent.main)
        self.in_article = parent is not None and (parent.in_article or parent.tag.name == "article")

    def marks_content(self) -> bool:
        return self.main or self.article_body or self.tag.name == "h1"


def _survey(root, skip: set[int]) -> tuple[list[_Node], int]:
    """Every tag under ``root`` in document order, and ``root``'s word count.

    One iterative walk, so the cost is linear in the page whatever its nesting
    (asking each tag for its parents or its strings is quadratic on a page of
    100,000 nested ``<div>``). Tags in ``skip`` (by ``id``) and the subtrees
    of the dropped tags (scripts, styles, the head...) are left out.
    """
    from bs4.element import CData, NavigableString, Tag

    nodes: list[_Node] = []
    words = 0
    # A frame: (the tag's node or None for the root, iterator over its children).
    stack: list[tuple[_Node | None, Iterator]] = [(None, iter(root.children))]
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if node is not None:
                node.end = len(nodes)
                parent = stack[-1][0] if stack else None
                if parent is not None:
                    parent.words += node.words
                    parent.holds_content = parent.holds_content or node.holds_content or node.marks_content()
                else:
                    words += node.words
            continue
        if isinstance(child, Tag):
            if id(child) in skip or child.name.lower() in _DROP_TAGS:
                continue
            child_node = _Node(child, len(nodes), node)
            nodes.append(child_node)
            stack.append((child_node, iter(child.children)))
        elif type(child) in (NavigableString, CData):
            count = len(child.split())
            if node is not None:
                node.words += count
            else:
                words += count
    return nodes, words


def _is_chrome(node: _Node) -> bool:
    """Page chrome by tag, ARIA role or an unmistakable class/id word (whole words only)."""
    tag = node.tag
    name = tag.name.lower()
    if name in _NEVER_CHROME or node.main or node.article_body:
        return False
    if name in _CHROME_TAGS:
        return True
    if name in _CHROME_OUTSIDE_CONTENT:
        return not node.in_content
    role = (tag.get("role") or "").strip().lower()
    if name in _CHROME_OUTSIDE_ARTICLE or role == "complementary":
        return not node.in_article
    if role in _CHROME_ROLES:
        return True
    return _class_id_is_chrome(tag)


def _chrome(soup) -> set[int]:
    """The ids of the chrome tags to leave out (outermost only; their insides go with them).

    A tag that holds the headline or the marked content, or most of the page's
    words, is kept (and only its own chrome inside is dropped).
    """
    nodes, page = _survey(soup, set())
    page = page or 1
    dropped: set[int] = set()
    i = 0
    while i < len(nodes):
        node = nodes[i]
        if _is_chrome(node) and not node.holds_content and node.words <= _CHROME_MAX_SHARE * page:
            dropped.add(id(node.tag))
            i = node.end  # its descendants go with it
        else:
            i += 1
    return dropped


def _content_root(soup, skip: set[int]):
    """The element holding the article (<main>, a dominant <article>, or articleBody), or None."""
    nodes, page = _survey(soup, skip)
    root = next((n for n in nodes if n.main), None)
    if root is None:
        articles = [n for n in nodes if n.tag.name == "article" and not n.in_article]
        sizes = [n.words for n in articles]
        if articles and max(sizes) * 3 >= sum(sizes) * 2:  # one article clearly dominates (not a list of teasers)
            root = articles[sizes.index(max(sizes))]
    if root is None:
        root = next((n for n in nodes if n.article_body), None)
    if root is None or root.words < _CONTENT_MIN_SHARE * page:
        return None, False
    has_h1 = any(nodes[j].tag.name == "h1" for j in range(root.start + 1, root.end))
    return root.tag, has_h1


_WHITESPACE = re.compile(r"\s+")


def _visible_text(node, skip: set[int]) -> str:
    from bs4 import Comment, Declaration, Doctype, ProcessingInstruction
    from bs4.element import CData, NavigableString, Tag

    skipped = (Comment, Declaration, Doctype, ProcessingInstruction, CData)
    pieces: list[str] = []
    # An explicit stack, not recursion: unclosed tags can nest thousands deep.
    stack: list = [iter(node.children)]
    closers: list[str] = [""]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            pieces.append(closers.pop())
            continue
        if isinstance(child, NavigableString):
            if not isinstance(child, skipped):
                pieces.append(_WHITESPACE.sub(" ", child))
        elif isinstance(child, Tag):
            name = child.name.lower()
            if id(child) in skip or name in _DROP_TAGS:
                continue
            if name == "br":
                pieces.append("\n")
                continue
            gap = "\n\n" if name in _BLOCK_TAGS else " " if name in _CELL_TAGS else ""
            pieces.append(gap)
            stack.append(iter(child.children))
            closers.append(gap)
    lines = [re.sub(r" {2,}", " ", line).strip() for line in "".join(pieces).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def html_to_text(markup: str) -> tuple[str, str | None]:
    """The article text of an HTML page and its title (``<title>`` or first ``<h1>``).

    Scripts, styles and the head are dropped, and so is page chrome (menus,
    cookie notices, share bars, related lists, site header and footer); when
    the page marks its content (``<main>``, ``<article>``, ``articleBody``) only
    that is kept, with the headline in front if it sits outside. Block elements
    become paragraph breaks, ``<br>`` a line break. Nothing is fetched. The
    cost is linear in the page, however deep its tags nest.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    title = None
    title_tag = soup.find("title")
    if title_tag is not None:
        title = _clean_line(title_tag.get_text(" "))
    first_h1 = soup.find("h1")
    headline = _clean_line(first_h1.get_text(" ")) if first_h1 is not None else None
    site = soup.find("meta", attrs={"property": "og:site_name"})
    title = page_title(title, headline=headline, site_name=site.get("content") if site is not None else None)
    # Nothing is removed from the tree (bs4's extract() costs a scan of the siblings, quadratic
    # on a page of 100,000 of them): dropped tags are skipped by id instead.
    dropped = _chrome(soup)
    root, root_has_h1 = _content_root(soup, dropped)
    if root is None:
        return _visible_text(soup, dropped), title or None
    text = _visible_text(root, dropped)
    lead = headline or title
    if not root_has_h1 and lead and lead not in _clean_line(text):
        text = f"{lead}\n\n{text}" if text else lead
    return text, title or None


def _clean_line(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()
