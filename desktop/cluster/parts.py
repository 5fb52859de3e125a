"""The Parquet layout of ``annotate``'s output: a manifest and parts of documents, spans and facts.

>>> out = Output("annotations/")  # doctest: +SKIP
>>> out.write_part("part-00000", documents, spans, facts)  # doctest: +SKIP
>>> read_part("annotations/", "part-00000")["documents"][0]["path"]  # doctest: +SKIP

::

    DIR/manifest.json                  what made it (schema, model, profile, facts digest, counts)
    DIR/documents/part-00000.parquet   one row a document: path, hash, text, date, title, ...
    DIR/spans/part-00000.parquet       one row a span: path, hash, position in its document, ...
    DIR/facts/part-00000.parquet       one row a proposed fact: path, hash, position, slots, ...

Every file is written under a temporary name, synced and renamed, and a part's documents file
is written last: a part is finished exactly when its documents file exists, so a killed run
leaves finished parts and debris that the next run removes (:meth:`Output.clean`). pyarrow is
imported when a part is written or read.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop.cluster import ClusterError

FORMAT = "article-review-annotations"
SCHEMA_VERSION = 1
TABLES = ("spans", "facts", "documents")  # the order a part is written in: documents last
MANIFEST = "manifest.json"
_PART = re.compile(r"^part-(\d{5,})\.parquet$")

DOCUMENT_FIELDS = ("path", "hash", "title", "published", "published_basis", "published_source", "text",
                   "encoding", "size", "url", "source")
SPAN_FIELDS = ("start", "end", "label", "text", "entity_id", "value", "source", "status", "model",
               "model_version")
FACT_FIELDS = ("kind", "status", "source", "date_start", "date_end", "precision", "place", "participants",
               "held", "period_start", "period_end", "value", "currency", "qualifier", "change_pct",
               "evidence", "start", "end", "span_ids")


def schemas() -> dict[str, Any]:
    """The pyarrow schema of each table (schema version in each file's metadata)."""
    import pyarrow as pa

    text = pa.string()
    documents = [(name, text) for name in DOCUMENT_FIELDS]
    documents[DOCUMENT_FIELDS.index("size")] = ("size", pa.int64())
    documents += [("model", text), ("model_version", text), ("profile", text),
                  ("facts_error", text)]  # the extractor's error on this document, if it raised
    spans = [("path", text), ("hash", text), ("position", pa.int32())] + [
        (name, pa.int32() if name in ("start", "end") else text) for name in SPAN_FIELDS]
    kinds = {"participants": pa.list_(text), "span_ids": pa.list_(pa.int32()), "value": pa.float64(),
             "change_pct": pa.float64(), "start": pa.int32(), "end": pa.int32()}
    facts = [("path", text), ("hash", text), ("position", pa.int32())] + [
        (name, kinds.get(name, text)) for name in FACT_FIELDS] + [("extra", text)]  # JSON of any other key
    meta = {"article_review_format": FORMAT, "article_review_schema": str(SCHEMA_VERSION)}
    return {name: pa.schema(fields, metadata=meta)
            for name, fields in (("documents", documents), ("spans", spans), ("facts", facts))}


def part_rows(articles: Iterable[Any], results: Iterable[tuple[list[dict], Any]], *, model: str,
              model_version: str, profile: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of one part from read articles and the Analyser's ``(span rows, facts)`` for each."""
    out: dict[str, list[dict[str, Any]]] = {"documents": [], "spans": [], "facts": []}
    for article, (rows, facts) in zip(articles, results, strict=True):
        error = facts if isinstance(facts, str) else None
        out["documents"].append({**{name: getattr(article, name) for name in DOCUMENT_FIELDS}, "model": model,
                                 "model_version": model_version, "profile": profile, "facts_error": error})
        key = {"path": article.path, "hash": article.hash}
        for position, row in enumerate(rows):
            out["spans"].append({**key, "position": position, **{name: row.get(name) for name in SPAN_FIELDS}})
        for position, fact in enumerate(facts if isinstance(facts, list) else []):
            extra = {k: v for k, v in fact.items() if k not in FACT_FIELDS}
            out["facts"].append({**key, "position": position, **{name: fact.get(name) for name in FACT_FIELDS},
                                 "extra": json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None})
    return out


class Output:
    """An annotate output folder: its manifest and its parts."""

    def __init__(self, root: str | Path):
        self.root = Path(root).expanduser()
        try:
            for table in TABLES:
                (self.root / table).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ClusterError(f"cannot write to {self.root}: {exc.strerror or exc}") from None

    def read_manifest(self) -> dict[str, Any] | None:
        """The manifest, or None for a new folder."""
        return read_manifest(self.root, missing_ok=True)

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        """Replace the manifest atomically."""
        data = json.dumps({"format": FORMAT, "schema_version": SCHEMA_VERSION, **manifest}, ensure_ascii=False,
                          indent=2, sort_keys=True).encode("utf-8")
        _write_atomically(self.root / MANIFEST, lambda fh: fh.write(data))

    def clean(self) -> None:
        """Remove what a killed run left: temporary files, spans and facts of an unfinished part."""
        finished = set(finished_parts(self.root))
        for table in TABLES:
            for path in (self.root / table).iterdir():
                name = path.name
                if name.endswith(".tmp") or (_PART.match(name) and table != "documents"
                                             and path.stem not in finished):
                    path.unlink(missing_ok=True)

    def next_part(self) -> int:
        """The number the next part takes (after every part written so far)."""
        numbers = [int(_PART.match(p.name).group(1)) for p in (self.root / "documents").iterdir()
                   if _PART.match(p.name)]
        return max(numbers, default=-1) + 1

    def write_part(self, name: str, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Write one part's three files, the documents file last (see the module docstring)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        for table, schema in ((t, schemas()[t]) for t in TABLES):
            data = pa.Table.from_pylist(rows[table], schema=schema)
            _write_atomically(self.root / table / f"{name}.parquet",
                              lambda fh, data=data: pq.write_table(data, fh, compression="zstd"))


def _write_atomically(path: Path, write) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as fh:
        write(fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temporary, path)


def read_manifest(root: str | Path, *, missing_ok: bool = False) -> dict[str, Any] | None:
    """``root``'s manifest; a folder that is not annotate's output (or a newer schema) raises ClusterError."""
    path = Path(root).expanduser() / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if missing_ok:
            return None
        raise ClusterError(f"{Path(root)} holds no annotations (no {MANIFEST}); write them with "
                           "article-review annotate FOLDER -o DIR") from None
    except (OSError, ValueError) as exc:
        raise ClusterError(f"cannot read {path}: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ClusterError(f"{path} is not an article-review annotations manifest")
    if int(manifest.get("schema_version", 0)) > SCHEMA_VERSION:
        raise ClusterError(f"{Path(root)} was written by a newer article-review (annotations schema "
                           f"{manifest['schema_version']}, this one reads {SCHEMA_VERSION}); upgrade")
    return manifest


def finished_parts(root: str | Path) -> list[str]:
    """The names of the finished parts (``part-00000``, ...), in order."""
    folder = Path(root).expanduser() / "documents"
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.iterdir() if _PART.match(p.name))


def _read(root: Path, table: str, name: str, columns: list[str] | None = None):
    import pyarrow.parquet as pq

    path = root / table / f"{name}.parquet"
    try:
        return pq.read_table(path, columns=columns)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise ClusterError(f"cannot read {path}: {exc}") from None


def document_keys(root: str | Path, columns: tuple[str, ...] = ("path", "hash")) -> Iterable[tuple[str, dict]]:
    """``(part, row)`` for every document of every finished part, with only ``columns``, part by part."""
    root = Path(root).expanduser()
    for name in finished_parts(root):
        for row in _read(root, "documents", name, list(columns)).to_pylist():
            yield name, row


def part_paths_where(root: str | Path, name: str, column: str, value: str) -> set[str]:
    """The paths of a part's documents that have a span whose ``column`` equals ``value``."""
    import pyarrow.compute as pc

    spans = _read(Path(root).expanduser(), "spans", name, ["path", column])
    return set(spans.filter(pc.equal(spans[column], value))["path"].to_pylist())


def read_part(root: str | Path, name: str, paths: set[str] | None = None) -> dict[str, Any]:
    """One part: ``documents`` (rows), ``spans`` and ``facts`` (lists by path), only ``paths`` if given.

    Span rows are those :func:`desktop.nlp.spans_for_doc` gives; facts those
    :func:`desktop.facts.propose.extract_for_ingest` gives (``span_ids`` are positions in the spans),
    or the error it returned.
    """
    root = Path(root).expanduser()
    documents = [d for d in _read(root, "documents", name).to_pylist() if paths is None or d["path"] in paths]
    wanted = {d["path"]: d["hash"] for d in documents}
    spans: dict[str, list[dict]] = {path: [] for path in wanted}
    for row in sorted((r for r in _read(root, "spans", name).to_pylist() if wanted.get(r["path"]) == r["hash"]),
                      key=lambda r: (r["path"], r["position"])):
        spans[row["path"]].append({k: row[k] for k in SPAN_FIELDS})
    facts: dict[str, list[dict] | str] = {d["path"]: d["facts_error"] or [] for d in documents}
    for row in sorted((r for r in _read(root, "facts", name).to_pylist() if wanted.get(r["path"]) == r["hash"]),
                      key=lambda r: (r["path"], r["position"])):
        fact = {k: row[k] for k in FACT_FIELDS if row[k] is not None}
        fact.update(json.loads(row["extra"]) if row["extra"] else {})
        if not isinstance(facts[row["path"]], str):
            facts[row["path"]].append(fact)
    return {"documents": documents, "spans": spans, "facts": facts}


__all__ = ["FORMAT", "Output", "SCHEMA_VERSION", "document_keys", "finished_parts", "part_paths_where",
           "part_rows", "read_manifest", "read_part", "schemas"]
