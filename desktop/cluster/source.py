"""``annotate``'s SOURCE when it is not a local folder: a glob or an fsspec URL (``s3://bucket/news/**.html``).

>>> source = RemoteSource("memory://news")  # doctest: +SKIP
>>> for rel in source.paths: article = source.read(rel, source.metadata(), skipped)  # doctest: +SKIP

The files are listed and read through fsspec (``find`` under a folder URL, ``glob`` for a pattern) and
decoded by ingest's reader (:func:`desktop.reader.read_article` with the bytes), so an article read
from object storage is the one a folder ingest reads: the same text, dates, title and file hash. Paths
are relative to the part of SOURCE before its first wildcard; hidden names and ``metadata.csv`` are
left out as :func:`desktop.reader.scan_folder` leaves them; a ``metadata.csv`` there is read. fsspec
(and the package of the storage, e.g. s3fs) is imported only here.
"""

from __future__ import annotations

import posixpath
from typing import Any

from desktop.cluster import ClusterError

_WILDCARDS = "*?["


def is_remote(source: str) -> bool:
    """True for a URL (``scheme://``) or a pattern with wildcards: what :class:`RemoteSource` reads."""
    return "://" in source or any(c in source for c in _WILDCARDS)


class RemoteSource:
    """The article files of a glob or an fsspec URL: ``paths`` (relative, sorted) and ``read``."""

    def __init__(self, source: str):
        from desktop.reader import METADATA_FILE, SUPPORTED_EXTENSIONS

        try:
            from fsspec.core import url_to_fs
        except ImportError:
            raise ClusterError("a URL or a glob as SOURCE needs fsspec: pip install -r requirements/cluster.lock") from None
        self.source = source
        try:
            self.fs, path = url_to_fs(source)
        except (ImportError, ValueError) as exc:  # an unknown scheme, its package missing (s3fs, gcsfs)
            raise ClusterError(f"cannot open {source}: {exc}") from None
        cut = min((i for i in (path.find(c) for c in _WILDCARDS) if i >= 0), default=-1)
        try:
            if cut >= 0:
                prefix = path[:cut]
                self.base = prefix[:prefix.rfind("/")] if "/" in prefix else ""
                found = self.fs.glob(path)
            elif self.fs.isdir(path):
                self.base = path.rstrip("/")
                found = self.fs.find(path)
            else:
                raise ClusterError(f"no such folder or pattern: {source}")
        except OSError as exc:
            raise ClusterError(f"cannot list {source}: {exc}") from None
        self.paths: list[str] = []
        for full in found:
            rel = posixpath.relpath(full, self.base) if self.base else full
            if rel.startswith("../") or any(part.startswith(".") for part in rel.split("/")):
                continue
            if posixpath.splitext(rel)[1].lower() not in SUPPORTED_EXTENSIONS or rel == METADATA_FILE:
                continue
            self.paths.append(rel)
        self.paths.sort()
        self._metadata_file = posixpath.join(self.base, METADATA_FILE)

    def metadata(self) -> dict[str, dict]:
        """Rows of the ``metadata.csv`` at the base, as :func:`desktop.reader.load_metadata` gives them."""
        import tempfile
        from pathlib import Path

        from desktop.reader import METADATA_FILE, load_metadata

        if not self.fs.isfile(self._metadata_file):
            return {}
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / METADATA_FILE).write_bytes(self.fs.cat_file(self._metadata_file))
            return load_metadata(tmp)

    def read(self, rel: str, metadata: dict, skipped: list[list[str]]) -> Any:
        """The Article at ``rel``, or None with ``[rel, reason]`` appended to ``skipped``."""
        from desktop.reader import MAX_BYTES, ReadError, _too_large, read_article

        full = posixpath.join(self.base, rel)
        try:
            size = self.fs.size(full)
            if size is not None and size > MAX_BYTES:
                raise _too_large(size)
            data = self.fs.cat_file(full)
            # The bytes are given: the folder only names where rel is relative to (nothing local is read).
            return read_article("/", rel, metadata, data=data)
        except ReadError as exc:
            skipped.append([rel, str(exc)])
        except OSError as exc:
            skipped.append([rel, f"cannot read: {exc.strerror or exc}"])
        return None


__all__ = ["RemoteSource", "is_remote"]
