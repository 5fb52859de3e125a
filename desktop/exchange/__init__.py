"""Export verified data in the formats the field uses, and import annotations back.

>>> from desktop.store import open_db
>>> db = open_db(":memory:")
>>> result = export_file(db, "/tmp/spans.jsonl", what="spans", fmt="jsonl")  # doctest: +SKIP
>>> import_file(db, "/tmp/spans.jsonl").matched  # doctest: +SKIP

Formats (``what`` / ``fmt``):

* spans: ``jsonl`` (Prodigy / spaCy shape, one document a line), ``spacy``
  (DocBin for ``spacy train``, by document, sentence or paragraph, with a dev
  split), ``conll`` (IOB2 that ``spacy convert`` reads), ``label-studio`` (tasks
  with predictions and annotations), ``doccano`` (JSONL), ``brat`` (a standoff
  folder), ``huggingface`` (tokens and ``ner_tags`` JSONL);
* facts: ``csv``, ``jsonl``; entities: ``csv``, ``jsonl``;
* project: ``sqlite`` (a consistent snapshot made with SQLite's backup API).

Only verified documents and confirmed facts leave the app unless ``all=True``,
which adds every document/fact and a ``status`` field or column. In a verified
document every span not rejected counts as accepted: verifying the document is
the analyst's statement that what is left is right.

Span edges inside a token: the exact character offsets are kept, and the token
indices come from ``doc.char_span(..., alignment_mode="expand")`` (the smallest
run of tokens covering the span). Overlapping spans: JSONL holds them all; the
DocBin and CoNLL keep the subset ``doc.ents`` can hold (see
:mod:`desktop.exchange.spacy_formats`).

Every file is written to a temporary file in the target's folder and renamed
into place (:func:`atomic_write`), so an interrupted export leaves no half file.

Import reads all of these back but the Hugging Face rows (and Label Studio's
JSON-MIN, spaCy's ``(start, end, label)`` records besides); see :mod:`importing`.

One module per format family (``prodigy``, ``spacy_formats``, ``conll``,
``doccano``, ``label_studio``, ``brat``, ``huggingface``, ``tables``);
``exporting`` and ``importing`` drive them, ``reading`` and ``locate`` find a
record's format and article, ``apply`` writes the decisions.
"""

from __future__ import annotations

from desktop.exchange.common import (
    ANSWERS, EXAMPLES, FOLDER_FORMATS, FORMATS, IMPORT_DOC_STATUSES, SPLITS, STDOUT, SUFFIXES,
    ExchangeError, ExportProgress,
    ExportResult, ImportReport, atomic_write, check_combination, default_suffix, read_jsonl,
    text_hash,
)
from desktop.exchange.csv_table import FORMULA_STARTS, neutralise, write_csv
from desktop.exchange.exporting import check_targets, export, export_file
from desktop.exchange.importing import import_file
from desktop.exchange.tables import ENTITY_COLUMNS, FACT_COLUMNS

__all__ = [
    "ANSWERS", "ENTITY_COLUMNS", "EXAMPLES", "FACT_COLUMNS", "FOLDER_FORMATS", "FORMATS", "SPLITS", "STDOUT", "FORMULA_STARTS", "IMPORT_DOC_STATUSES",
    "SUFFIXES", "ExchangeError", "ExportProgress", "ExportResult", "ImportReport", "atomic_write",
    "check_combination", "check_targets", "default_suffix", "export", "export_file", "import_file", "neutralise", "read_jsonl",
    "text_hash", "write_csv",
]
