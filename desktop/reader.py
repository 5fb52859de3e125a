"""Read a folder of articles: find the files, decode them, extract text, title and date.

>>> from pathlib import Path
>>> folder = Path("resources/samples")
>>> article = read_article(folder, scan_folder(folder)[3])
>>> article.published, article.published_source
('2019-12-20', 'text')

The text an :class:`Article` carries is exactly what gets stored and what span
offsets index into: newlines are normalised to ``\\n`` here, once, and nowhere else.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import re
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from desktop.page_meta import page_date, page_title
from desktop.pubdate import infer_published, strip_dateline

SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm")
HTML_EXTENSIONS = (".html", ".htm")
METADATA_FILE = "metadata.csv"
# Files over this are refused before reading (issue 15). A news article is rarely over 100 KB; the limit
# bounds what one file costs an ingest: ~0.8 s of CPU a MB with blank:en (spans, facts, storing), so a
# file just under it is ~8 s here, within acceptance 1's 30 s on a slower CI (20 MB took ~16 s; with
# en_core_web_sm the model alone takes ~15 s a MB, bounded by the per-document time limit).
MAX_BYTES = 10 * 1024 * 1024
TITLE_MAX = 200

# Single-byte Cyrillic encodings that statistical detectors confuse with each other.
_CYRILLIC_ENCODINGS = {"cp1251", "windows-1251", "koi8_r", "koi8-r", "koi8_u", "iso8859_5", "mac_cyrillic", "cp866", "ptcp154", "kz1048"}


class ReadError(Exception):
    """A file that cannot be read as an article; the message is the one-line reason."""


@dataclass
class Article:
    """One article as read from disk, ready to be stored."""

    path: str
    text: str
    hash: str
    title: str | None
    encoding: str
    size: int
    published: str | None
    published_basis: str
    published_source: str
    url: str | None = None
    source: str | None = None


def _too_large(size: int) -> ReadError:
    # Just over the limit, megabytes would round to the limit itself: say the bytes.
    shown = f"{size / 1048576:.1f} MB" if size - MAX_BYTES > 0.05 * 1048576 else f"{size:,} bytes"
    return ReadError(f"too large ({shown}, limit {MAX_BYTES // 1048576} MB)")


def file_hash(path: str | Path, *, max_bytes: int | None = None) -> str:
    """The sha256 hex digest of a file's bytes.

    With ``max_bytes``, a bigger file raises :class:`ReadError` before it is
    read (and one that grows past it while being read, as it is noticed).
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if max_bytes is not None and size > max_bytes:
            raise _too_large(size)
        read = 0
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            read += len(chunk)
            if max_bytes is not None and read > max_bytes:
                raise _too_large(read)
            digest.update(chunk)
    return digest.hexdigest()


def _is_hidden(parts: tuple[str, ...]) -> bool:
    return any(part.startswith(".") for part in parts)


def printable_name(name: str) -> str:
    """A file name as it can be shown and stored: bytes that are not UTF-8 become ``\\xNN``.

    >>> printable_name(os.fsdecode(b"caf\\xe9.txt"))
    'caf\\\\xe9.txt'
    """
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _link_target(path: Path) -> Path | None:
    """Where a symbolic link leads (it need not exist), or None for a loop (Python 3.11 raises RuntimeError)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def scan_folder(folder: str | Path, *, skipped: list[list[str]] | None = None) -> list[Path]:
    """All article files under ``folder``, recursively, sorted by relative path.

    Hidden files and folders and ``metadata.csv`` are left out. So are, with
    ``[relative path, reason]`` appended to ``skipped``: symbolic links that
    lead outside the folder or round in a loop (never followed), files that are not regular
    files, and names that are not valid UTF-8 (they cannot be stored or shown).
    Nothing is read: the size limit is :func:`file_hash`'s and :func:`read_article`'s.
    """
    root = Path(folder).resolve()
    if not root.is_dir():
        raise ReadError(f"not a folder: {folder}")
    skipped = [] if skipped is None else skipped
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if _is_hidden(rel.parts):
            continue
        name = rel.as_posix()
        is_link = path.is_symlink()
        target = _link_target(path) if is_link else None
        if is_link and target is None:  # a loop of links (or one through itself): never followed
            if path.suffix.lower() in SUPPORTED_EXTENSIONS:
                skipped.append([printable_name(name), "symbolic link loop (not followed)"])
            continue
        if is_link and path.is_dir() and not _inside(target, root):
            # rglob never descends into a linked folder; say so when it leads elsewhere.
            skipped.append([printable_name(name), "symbolic link to a folder outside the article folder (not followed)"])
            continue
        if path.suffix.lower() not in SUPPORTED_EXTENSIONS or name == METADATA_FILE:
            continue
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            skipped.append([printable_name(name), "file name is not valid UTF-8 (rename the file to read it)"])
            continue
        if is_link and not _inside(target, root):
            skipped.append([name, "symbolic link to a file outside the article folder (not followed)"])
            continue
        try:
            info = path.stat()
        except OSError as exc:  # a dangling link, a file gone meanwhile
            if path.is_dir():
                continue
            skipped.append([name, f"cannot read: {exc.strerror or exc}"])
            continue
        if stat.S_ISDIR(info.st_mode):
            continue
        if not stat.S_ISREG(info.st_mode):
            skipped.append([name, "not a regular file (a device, pipe or socket)"])
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _relative_key(name: str) -> str:
    """Normalise a path as written in metadata.csv to the relative POSIX form used as key."""
    name = name.strip().replace("\\", "/")
    while name.startswith("./"):
        name = name[2:]
    return PurePosixPath(name).as_posix() if name else ""


def load_metadata(folder: str | Path) -> dict[str, dict]:
    """Rows of ``metadata.csv`` at the folder root, keyed by relative POSIX path.

    Empty cells are left out of a row. ``{}`` when there is no such file; a file
    that is not a usable CSV raises :class:`ReadError`.
    """
    csv_path = Path(folder) / METADATA_FILE
    if not csv_path.is_file():
        return {}
    try:
        text, _ = decode_bytes(csv_path.read_bytes())
    except (OSError, ReadError) as exc:
        raise ReadError(f"{METADATA_FILE}: {exc}") from exc
    try:
        reader = csv.DictReader(io.StringIO(normalise_newlines(text), newline=""), strict=True)
        if not reader.fieldnames:
            raise ReadError(f"{METADATA_FILE}: no header row")
        fields = {name: (name or "").strip().lower() for name in reader.fieldnames}
        if "file" not in fields.values():
            raise ReadError(f"{METADATA_FILE}: no 'file' column")
        rows: dict[str, dict] = {}
        for raw in reader:
            if None in raw:  # more cells than header names: a broken row
                raise ReadError(f"{METADATA_FILE}: line {reader.line_num} has too many cells")
            row = {fields[k]: (v or "").strip() for k, v in raw.items() if k is not None}
            key = _relative_key(row.pop("file", ""))
            if not key:
                continue
            rows[key] = {k: v for k, v in row.items() if v}
    except csv.Error as exc:
        raise ReadError(f"{METADATA_FILE}: {exc}") from exc
    return rows


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13} | {127}


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > max(2, len(head) // 100)


def _utf16_without_bom(data: bytes) -> str | None:
    """Decode BOM-less UTF-16: in each pair one byte (the high one) takes very few values.

    Text in one alphabet keeps the high byte nearly constant: 0x00 for Latin
    text, 0x04 (and 0x00 for spaces and digits) for Cyrillic. Binary data and
    text in a byte encoding spread over many values in both columns.
    """
    head = data[:8192]
    head = head[: len(head) // 2 * 2]
    if len(head) < 4:
        return None
    for encoding, high, low in (("utf-16-le", head[1::2], head[0::2]), ("utf-16-be", head[0::2], head[1::2])):
        common = sum(n for _, n in Counter(high).most_common(3))
        if common < 0.9 * len(high) or low.count(0) > 0.05 * len(low) or not high.count(0):
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            return None
    return None


def _cyrillic_score(text: str) -> float:
    """Share of Cyrillic letters that are lower case: high for real Russian prose.

    KOI8-R read as cp1251 (or the reverse) swaps the cases, so this tells them apart.
    """
    letters = [c for c in text if "\u0400" <= c <= "\u04ff"]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c.islower()) / len(letters)


def _cyrillic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters)


def _pick_cyrillic(data: bytes) -> tuple[str, str] | None:
    """cp1251 or KOI8-R, whichever gives mostly lower-case Cyrillic prose."""
    best = None
    for encoding in ("cp1251", "koi8_r"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _cyrillic_score(text)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    return (best[1], best[2]) if best else None


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if Python knows it."""
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", data[:4096], re.I)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Decode a file's bytes to text; returns ``(text, encoding)``.

    BOMs first, then UTF-16 without one, then strict UTF-8, then UTF-8 mixed
    with a byte encoding (decoded part by part, encoding ``utf-8+cp1251``), then
    (HTML) the declared charset, then charset-normalizer, with a case-based
    check between cp1251 and KOI8-R. Raises :class:`ReadError` for binary or
    undecodable data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(f"undecodable: bad {encoding} after its byte-order mark") from exc
            if _looks_binary(text[:8192].encode("utf-8")):  # a BOM in front of binary data
                raise ReadError("binary file")
            return text, encoding
    if b"\x00" in data[:8192]:
        text = _utf16_without_bom(data)
        if text is not None and not _looks_binary(text.encode("utf-8")):
            return text, "utf-16"
        raise ReadError("binary file")
    if _looks_binary(data):
        raise ReadError("binary file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    if html:
        declared = _declared_charset(data)
        if declared and declared not in ("utf-8", "utf-16", "utf-32"):
            try:
                return data.decode(declared), declared
            except UnicodeDecodeError:
                pass
    return _guess_encoding(data)


def _guess_encoding(data: bytes) -> tuple[str, str]:
    """charset-normalizer's guess, with the case check between cp1251 and KOI8-R and cp1252 for ties."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    guess = best.encoding if best is not None else None
    # On short Western text cp1250/cp1252/cp1257 often tie; cp1252 is by far the likeliest for news.
    if best is not None and guess not in _CYRILLIC_ENCODINGS:
        if any(m.encoding == "cp1252" and m.chaos <= best.chaos + 0.01 for m in matches):
            guess = "cp1252"
    cyrillic = _pick_cyrillic(data)
    if cyrillic and (guess in _CYRILLIC_ENCODINGS or _cyrillic_share(cyrillic[0]) > 0.5):
        return cyrillic
    if guess:
        try:
            return data.decode(guess), guess
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise ReadError("undecodable: no text encoding fits") from exc


# One well-formed UTF-8 sequence of two to four bytes (no overlong forms, no surrogates), and runs of them.
_UTF8_SEQUENCE = (
    rb"(?:[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2})"
)
_UTF8_RUN = re.compile(_UTF8_SEQUENCE + b"+")
# Byte encodings where each byte is one character, so any part of a line decodes on its own.
_SINGLE_BYTE = re.compile(r"(cp125\d|cp8[56]\d|cp437|iso8859_\d+|latin_1|koi8_[ru]|mac_\w+|ptcp154|kz1048)$")
_MIXED_EVIDENCE = 3  # characters read as UTF-8 in the lines that are not: fewer is chance


def _single_byte_name(encoding: str) -> str | None:
    name = codecs.lookup(encoding).name.replace("-", "_")
    return name if _SINGLE_BYTE.match(name) else None


def _byte_encoding(data: bytes) -> str | None:
    """The single-byte encoding ``data`` is in (cp1251 or KOI8-R by case, else charset-normalizer's), or None.

    Only byte encodings qualify: on the few bytes a mixed file leaves over,
    charset-normalizer's first guess is often a multi-byte Asian one.
    """
    cyrillic = _pick_cyrillic(data)
    if cyrillic and _cyrillic_share(cyrillic[0]) > 0.5:
        return cyrillic[1]
    from charset_normalizer import from_bytes

    matches = [(m, _single_byte_name(m.encoding)) for m in from_bytes(data)]
    matches = [(m, name) for m, name in matches if name]
    if matches:
        best = matches[0][0]
        if any(name == "cp1252" and m.chaos <= best.chaos + 0.01 for m, name in matches):
            return "cp1252"
        return matches[0][1]
    for encoding in ("cp1252", "cp1251"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def _utf8_parts(line: bytes) -> Iterator[tuple[bool, bytes]]:
    """A line that is not valid UTF-8 cut into ``(is_utf8, bytes)`` parts.

    A run of UTF-8 sequences counts as UTF-8 when it is at least two
    characters long or stands between ASCII bytes (a one-letter word such as
    "и"); a lone sequence inside other high bytes is chance: cp1251's "С»" is
    also UTF-8's "ѻ", and "«ТАСС»" is common.
    """
    at = 0
    for match in _UTF8_RUN.finditer(line):
        start, end = match.span()
        before = line[start - 1] if start else 0
        after = line[end] if end < len(line) else 0
        if len(match.group().decode("utf-8")) >= 2 or (before < 0x80 and after < 0x80):
            if start > at:
                yield False, line[at:start]
            yield True, line[start:end]
            at = end
    if at < len(line):
        yield False, line[at:]


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """Text that mixes UTF-8 with a byte encoding (cp1251 pasted into UTF-8), decoded part by part.

    Lines that are valid UTF-8 are read as UTF-8; the others are cut into
    their UTF-8 runs and the rest, which is decoded with the encoding all
    those rests share. ``None`` when the data has too little UTF-8 to be
    mixed (a plain cp1251 or cp1252 file); :class:`ReadError` when the rest
    is in no byte encoding, rather than a silently garbled text.
    """
    lines = data.split(b"\n")
    plan: list[list[tuple[bool, bytes]] | None] = []  # None: the line is valid UTF-8 as it is
    evidence = 0
    for line in lines:
        if line.isascii():
            plan.append(None)
            continue
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError:
            parts = list(_utf8_parts(line))
            evidence += sum(len(part.decode("utf-8")) for is_utf8, part in parts if is_utf8)
            plan.append(parts)
        else:
            evidence += sum(1 for c in decoded if ord(c) > 0x7F)
            plan.append(None)
    if evidence < _MIXED_EVIDENCE:
        return None
    rest = b"\n".join(part for parts in plan if parts for is_utf8, part in parts if not is_utf8)
    encoding = _byte_encoding(rest)
    if encoding is None:
        raise ReadError("mixed encodings: UTF-8 lines beside text in no single-byte encoding")
    out = []
    for line, parts in zip(lines, plan):
        if parts is None:
            out.append(line.decode("utf-8"))
        else:
            out.append("".join(part.decode("utf-8" if is_utf8 else encoding) for is_utf8, part in parts))
    return "\n".join(out), f"utf-8+{encoding}"


# ---------------------------------------------------------------- HTML

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


# ---------------------------------------------------------------- title

_BOILERPLATE = re.compile(
    r"""^(?:
        (?:all\s+)?news | /\s*news | home | menu | main | latest\s+news | top\s+news | opinions? |
        share | print | advertisement | skip\s+to\s+(?:main\s+)?content | \*+ | [-=_#~·•|/\\]+
    )$""",
    re.I | re.X,
)
_LONE_DATE = re.compile(
    r"^[\s,|]*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4})(?:[\s,T]+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
    r"|^\s*\d{1,2}:\d{2}\s*$"
)


_ABBREVIATIONS = {"St", "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "Gen", "Col", "Lt", "Maj", "Capt", "Prof", "No", "vs", "Jan",
                  "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "Inc", "Ltd", "Co", "U.S", "U.K", "e.g", "i.e"}


def _clean_line(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def _shorten(line: str) -> str:
    """A long first line is cut to its first sentence, or at a word boundary."""
    if len(line) <= TITLE_MAX:
        return line
    for end in re.finditer(r"[.!?](?=\s+[A-Z\"“‘'(]|$)", line[: TITLE_MAX + 1]):
        before = line[: end.start()].rsplit(" ", 1)[-1]
        if end.start() >= 20 and before not in _ABBREVIATIONS and not re.fullmatch(r"[A-Z]", before):
            return line[: end.end()]
    cut = line[:TITLE_MAX].rsplit(" ", 1)[0]
    return cut.rstrip(",;:-– ") + "…"


def title_from_text(text: str) -> str | None:
    """The first meaningful line: skips boilerplate such as "All news" or a lone date."""
    for raw in text.split("\n"):
        line = strip_dateline(_clean_line(raw))
        if not line or _BOILERPLATE.match(line) or _LONE_DATE.match(line):
            continue
        if not any(c.isalpha() for c in line):
            continue
        return _shorten(line)
    return None


# ---------------------------------------------------------------- article


def read_article(
    folder: str | Path,
    path: str | Path,
    metadata: dict[str, dict] | None = None,
    *,
    data: bytes | None = None,
) -> Article:
    """Read one article file (``path`` absolute or relative to ``folder``).

    ``metadata`` is what :func:`load_metadata` returned; ``data`` the file's bytes
    when the caller already has them. Raises :class:`ReadError` with a one-line
    reason for empty, binary, undecodable or too large files.
    """
    root = Path(folder).resolve()
    full = Path(path)
    if not full.is_absolute():
        # Relative to the folder, or (as scan_folder on a relative folder once gave) to the cwd.
        full = root / full if (root / full).exists() or not full.exists() else full.resolve()
    try:
        rel = full.relative_to(root).as_posix()
    except ValueError:
        rel = Path(path).as_posix()
    if data is None:
        target = _link_target(full)
        if target is None:
            raise ReadError("symbolic link loop (not followed)")
        if not _inside(target, root):
            link = _inside(full.absolute(), root)
            raise ReadError("symbolic link to a file outside the article folder (not followed)" if link
                            else "not inside the article folder")
        try:
            with open(full, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > MAX_BYTES:
                    raise _too_large(size)
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > MAX_BYTES:
        raise _too_large(len(data))
    if not data.strip():
        raise ReadError("empty file")
    is_html = full.suffix.lower() in HTML_EXTENSIONS
    text, encoding = decode_bytes(data, html=is_html)
    text = normalise_newlines(text).lstrip("\ufeff")
    title = None
    meta = (metadata or {}).get(rel, {})
    page = None
    if is_html:
        # The page's own metadata (JSON-LD, meta tags) dates it before any rule reads its text.
        page = None if (meta.get("published") or "").strip() else page_date(text)
        text, title = html_to_text(text)
    if not text.strip():
        raise ReadError("empty file" if not is_html else "empty file (no visible text)")
    title = meta.get("title") or title or title_from_text(text)
    if page:
        (published, basis), source = page, "page"
    else:
        published, basis, source = infer_published(text, rel, metadata_value=meta.get("published"))
    return Article(
        path=rel,
        text=text,
        hash=hashlib.sha256(data).hexdigest(),
        title=title,
        encoding=encoding,
        size=len(data),
        published=published,
        published_basis=basis,
        published_source=source,
        url=meta.get("url"),
        source=meta.get("source"),
    )
