"""What every format shares: the result and report types, hashes, safe writing.

>>> hash32("Putin met Lukashenko.") == hash32("Putin met Lukashenko.")
True
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

FORMATS: dict[str, tuple[str, ...]] = {
    "spans": ("jsonl", "spacy", "conll", "label-studio", "doccano", "brat", "huggingface"),
    "facts": ("csv", "jsonl"),
    "entities": ("csv", "jsonl"),
    "project": ("sqlite",),
}
SUFFIXES = {
    "jsonl": ".jsonl", "spacy": ".spacy", "conll": ".conll", "csv": ".csv", "sqlite": ".sqlite",
    "label-studio": ".json", "doccano": ".jsonl", "brat": "", "huggingface": ".jsonl",
}
FOLDER_FORMATS = ("brat",)  # written as a folder of files
SPLITS = ("documents", "sentences", "paragraphs")
ANSWERS = ("accept", "reject", "ignore")
# Import statuses a record may put a document in (a fresh folder's file is never "missing").
IMPORT_DOC_STATUSES = ("new", "in review", "verified")
EXAMPLES = 5  # how many unmatched records an import report quotes
ACCEPTED, SKIPPED, IGNORED = "accepted", "skipped", "ignored"  # what an import did with a record
STDOUT = "-"  # the output path that means standard output


class ExchangeError(ValueError):
    """An export or import that cannot run: bad combination, unreadable file..."""


@dataclass
class ExportResult:
    """What an export wrote."""

    path: str
    what: str
    format: str
    records: int = 0  # lines, rows or documents written
    documents: int = 0
    spans: int = 0
    dropped_overlaps: int = 0  # spans CoNLL (or doc.ents) could not hold
    skipped: list[list[str]] = field(default_factory=list)  # [file, reason]
    files: list[str] = field(default_factory=list)  # what was written besides (or instead of) ``path``
    cancelled: bool = False
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ExportProgress:
    """One step of an export: ``done`` of ``total``; the last one carries ``result``."""

    done: int
    total: int
    message: str = ""
    result: ExportResult | None = None


@dataclass
class ImportReport:
    """What an import applied (or, with ``dry_run``, would apply), and the records it could not."""

    format: str = ""
    dry_run: bool = False
    records: int = 0
    matched: int = 0
    ignored: int = 0
    documents: int = 0
    verified: int = 0
    accepted: int = 0
    rejected: int = 0
    added: int = 0
    relabelled: int = 0
    linked: int = 0
    unmatched: int = 0  # records read but found in no document
    unreadable: int = 0  # records whose text or spans could not be read: nothing applied for them
    partial: int = 0  # records holding part of an article (a sentence, a paragraph), placed inside it
    not_applied: int = 0  # records placed in a document whose change failed (rolled back, reported)
    not_applied_documents: int = 0
    examples: list[list[Any]] = field(default_factory=list)  # [where, reason] of the first failures
    warnings: list[str] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)  # per document: file, counts, status
    # Per record, in file order: [where, "accepted" | "skipped" | "ignored", the documents or the reason].
    outcomes: list[list[str]] = field(default_factory=list)
    refused: str = ""  # with strict: why nothing was applied

    @property
    def failed(self) -> int:
        """Records that changed nothing because they could not be read, placed or applied."""
        return self.unmatched + self.unreadable + self.not_applied

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def check_combination(what: str, fmt: str, *, all: bool = False, bom: bool = False,
                      split: str = "documents", dev: float = 0.0, path: str | Path | None = None) -> None:
    """Raise :class:`ExchangeError` (one line) for an export that makes no sense."""
    if what not in FORMATS:
        raise ExchangeError(f"cannot export {what!r}: choose one of {', '.join(FORMATS)}")
    if fmt not in FORMATS[what]:
        raise ExchangeError(f"{what} cannot be exported as {fmt}: use {' or '.join(FORMATS[what])}")
    if bom and fmt != "csv":
        raise ExchangeError("--bom applies to CSV only")
    if all and what in ("entities", "project"):
        raise ExchangeError(f"--all does not apply to {what} (they are always exported whole)")
    if split not in SPLITS:
        raise ExchangeError(f"--split takes {', '.join(SPLITS)}, not {split!r}")
    if split != "documents" and fmt not in ("spacy", "huggingface"):
        raise ExchangeError("--split applies to the spacy and huggingface formats")
    if not 0 <= dev < 1:
        raise ExchangeError(f"--dev is the share of documents kept for evaluation, between 0 and 1, not {dev}")
    if dev and fmt != "spacy":
        raise ExchangeError("--dev applies to the spacy format (it writes train.spacy and dev.spacy)")
    if path is not None and str(path) == STDOUT and (fmt in ("spacy", "sqlite") or fmt in FOLDER_FORMATS):
        raise ExchangeError(f"{fmt} cannot go to standard output (-o -): give a file or folder name")


def text_hash(text: str) -> str:
    """sha256 of a text as UTF-8: how an import finds the document a record is about."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def hash32(*parts: str) -> int:
    """A stable signed 32-bit digest, the shape of Prodigy's ``_input_hash`` / ``_task_hash``."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:4], "big", signed=True)


def json_line(record: dict[str, Any]) -> str:
    """One JSONL line; U+2028/2029 stay escaped (some readers, and str.splitlines, break lines there)."""
    line = json.dumps(record, ensure_ascii=False)
    return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def _temporary_name(path: Path) -> Path:
    return path.parent / f".{path.name}.{secrets.token_hex(4)}.part"


STALE_PART_SECONDS = 600


def check_target(path: Path) -> None:
    """Refuse a target that is there and is no regular file (a device, a FIFO, a folder): never replaced."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise ExchangeError(f"{path} is not a regular file: choose another file name")


def check_output(path: str | Path, *, folder: bool = False) -> None:
    """Refuse an export target before anything is written (:class:`ExchangeError`, one line).

    Its folder must exist (an export never creates folders: a mistyped path would
    hide the file somewhere new); what is there already must be what the export
    writes, a regular file (or, with ``folder``, a real folder), never a device,
    a FIFO or a symlink.
    """
    if str(path) == STDOUT:
        return
    path = Path(path)
    if not path.parent.is_dir():
        raise ExchangeError(f"no folder {path.parent} to write {path.name} into: create it first")
    if not folder:
        check_target(path)
    elif path.is_symlink() or (path.exists() and not path.is_dir()):
        raise ExchangeError(f"{path} is not a folder: this format writes a folder, choose another name")


def remove_stale_parts(path: Path, *, older_than: float = STALE_PART_SECONDS) -> list[Path]:
    """Delete the temporary files a killed export of ``path`` left beside it.

    A live export writes its part at least every few kilobytes, so a part untouched for
    ``older_than`` seconds belongs to a process that is gone.
    """
    removed = []
    limit = time.time() - older_than
    for part in path.parent.glob(f".{path.name}.*.part"):
        try:
            if part.is_file() and not part.is_symlink() and part.stat().st_mtime < limit:
                part.unlink()
                removed.append(part)
        except OSError:
            continue
    return removed


def temporary_file(path: Path) -> tuple[int, Path]:
    """An open descriptor and the path of a new temporary file beside ``path``."""
    # Not tempfile.mkstemp: its files are 0600; an export gets the usual umask-based mode.
    check_output(path)
    while True:
        tmp = _temporary_name(path)
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue


@contextmanager
def atomic_write(path: str | Path, *, mode: str = "w", encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO]:
    """Write ``path`` through a temporary file in its folder, renamed into place on success.

    If the body raises (or a generator holding it is closed), the temporary file
    is removed and ``path`` is left as it was. ``path`` ``-`` writes to standard
    output instead (nothing to rename; a failure midway leaves what was written).
    """
    if str(path) == STDOUT:
        with _stdout(mode=mode, encoding=encoding, newline=newline) as handle:
            yield handle
        return
    path = Path(path)
    check_output(path)
    remove_stale_parts(path)
    fd, tmp = temporary_file(path)
    try:
        if "b" in mode:
            handle = os.fdopen(fd, mode)
        else:
            handle = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def _stdout(*, mode: str, encoding: str | None, newline: str | None) -> Iterator[IO]:
    binary = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    if "b" in mode:
        if binary is None:
            raise ExchangeError("standard output takes no binary data here; give a file name")
        yield binary
        binary.flush()
        return
    if binary is None:  # a captured or redirected text stream (tests, an IDE console)
        yield sys.stdout
        sys.stdout.flush()
        return
    sys.stdout.flush()
    # A wrapper with our encoding and line ends over the same bytes; detached, not closed, afterwards.
    handle = io.TextIOWrapper(binary, encoding=encoding or "utf-8", newline=newline, write_through=True)
    try:
        yield handle
        handle.flush()
    finally:
        handle.detach()


@contextmanager
def atomic_folder(path: str | Path) -> Iterator[Path]:
    """Fill a temporary folder beside ``path`` and swap it into place when the body succeeds.

    An existing folder at ``path`` is replaced whole (its old files do not linger);
    if the body raises, ``path`` is left as it was.
    """
    path = Path(path)
    check_output(path, folder=True)
    tmp = _temporary_name(path)
    tmp.mkdir()
    try:
        yield tmp
        if path.exists():
            old = _temporary_name(path)
            os.replace(path, old)
            os.replace(tmp, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def blank_nlp(*, sentences: bool = False):
    """A blank English pipeline (tokenizer only, or with the sentencizer), for writing training formats."""
    import spacy  # lazy: the window shows before spaCy loads

    nlp = spacy.blank("en")
    nlp.max_length = 10**9  # tokenizer only: long articles cost no model memory
    if sentences:
        nlp.add_pipe("sentencizer")
    return nlp


def default_suffix(fmt: str) -> str:
    """The usual file suffix of a format (``.jsonl``...; ``""`` for a folder format such as brat)."""
    return SUFFIXES[fmt]


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Every record of a JSONL file (for tests and scripts)."""
    with io.open(path, encoding="utf-8-sig") as handle:
        return [json.loads(line) for line in handle if line.strip()]
