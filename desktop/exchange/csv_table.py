"""The one CSV writer: every CSV the product writes (exports, ``facts --format csv``, the plot table).

>>> import io
>>> out = io.StringIO()
>>> write_csv(out, ["quote", "change"], [{"quote": '=HYPERLINK("http://x")', "change": -5.0}])
1
>>> out.getvalue()
'quote,change\\r\\n"\\'=HYPERLINK(""http://x"")",-5.0\\r\\n'

A text cell a spreadsheet would run as a formula (it starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) gets a leading ``'`` (OWASP's advice);
numbers stay numbers, so -5 in a numeric column is -5. A list is one cell, its
items joined by ``"; "``. Line ends are RFC 4180's ``\\r\\n`` (what Excel expects);
open the file with ``newline=""``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A value that cannot run as a spreadsheet formula: text gets a leading ``'``, numbers are kept.

    >>> neutralise("=1+1"), neutralise("-2+3"), neutralise(-5), neutralise("Minsk")
    ("'=1+1", "'-2+3", -5, 'Minsk')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(value: Any) -> Any:
    """What a CSV cell holds for ``value``: ``""`` for None, a number as it is, anything else as safe text."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):  # bool too: written True/False
        return value
    if isinstance(value, (list, tuple)):
        value = "; ".join("" if item is None else str(item) for item in value)
    elif not isinstance(value, str):
        value = str(value)
    return neutralise(value)


class CsvTable:
    """Rows of ``columns`` written to ``handle``, the header first; a row is a mapping or a sequence."""

    def __init__(self, handle: IO[str], columns: Sequence[str]):
        self.columns = list(columns)
        self._writer = csv.writer(handle, lineterminator="\r\n")
        self._writer.writerow([csv_cell(c) for c in self.columns])
        self.rows = 0

    def write(self, row: Mapping[str, Any] | Sequence[Any]) -> None:
        """Write one row (a mapping's missing columns are empty cells)."""
        if isinstance(row, Mapping):
            values = [row.get(c) for c in self.columns]
        else:
            values = list(row)
        self._writer.writerow([csv_cell(v) for v in values])
        self.rows += 1


def write_csv(handle: IO[str], columns: Sequence[str], rows: Iterable[Mapping[str, Any] | Sequence[Any]]) -> int:
    """Write the header and every row to ``handle``; returns how many rows."""
    table = CsvTable(handle, columns)
    for row in rows:
        table.write(row)
    return table.rows
