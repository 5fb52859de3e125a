"""Decode an article file's bytes: byte-order marks, UTF-16 without one, an HTML page's declared charset,
Cyrillic single-byte encodings told apart, and files mixing UTF-8 lines with another encoding.

>>> decode_bytes("Лукашенко прибыл в Москву.".encode("cp1251"))
('Лукашенко прибыл в Москву.', 'cp1251')

Binary or undecodable data raises :class:`ReadError`, the one-line reason a file is not read
(:mod:`desktop.reader` raises it too, for files it refuses before decoding).
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator


# Single-byte Cyrillic encodings that statistical detectors confuse with each other.
_CYRILLIC_ENCODINGS = {"cp1251", "windows-1251", "koi8_r", "koi8-r", "koi8_u", "iso8859_5", "mac_cyrillic", "cp866", "ptcp154", "kz1048"}


class ReadError(Exception):
    """A file that cannot be read as an article; the message is the one-line reason."""


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
