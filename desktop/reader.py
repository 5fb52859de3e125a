"""Read a folder of articles: find the files, read each (decoded by :mod:`desktop.decoding`, an HTML page's
text by :mod:`desktop.html_text`), its title and date.

>>> from pathlib import Path
>>> folder = Path("resources/samples")
>>> article = read_article(folder, scan_folder(folder)[3])
>>> article.published, article.published_source
('2019-12-20', 'text')

The text an :class:`Article` carries is exactly what gets stored and what span
offsets index into: newlines are normalised to ``\\n`` here, once, and nowhere else.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from desktop.decoding import ReadError, decode_bytes, normalise_newlines
# HTML_TEXT_VERSION: the version of the text read_article gives for an HTML page (ingest and cluster ask the reader).
from desktop.html_text import HTML_TEXT_VERSION, html_to_text  # noqa: F401 - HTML_TEXT_VERSION re-exported
from desktop.page_meta import page_date
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
