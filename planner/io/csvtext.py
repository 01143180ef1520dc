"""CSV text that is safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some spreadsheets skip
before looking for those) is a formula to Excel, LibreOffice and Google Sheets. Every text cell of every CSV the
planner writes that starts like that gets a leading ``'`` (the spreadsheets' own "this is text" mark), so a name such
as ``=HYPERLINK(…)`` arrives as text. Numbers are never touched: ``-12`` and ``-1.5`` stay numbers, whether they are
Python numbers or number-looking text. :func:`cell_text` undoes the mark when the planner reads its own CSV back.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def _formula_like(text: str) -> bool:
    bare = text.lstrip(TEXT_MARK)
    return bare.startswith(FORMULA_START) and not _NUMBER.match(bare)


def safe_cell(value: object) -> object:
    """``value`` as it may stand in a CSV cell: formula-like text gets a leading ``'``; everything else as it is.
    Text that already starts with ``'`` before a formula character gets one more, so reading back is exact."""
    if isinstance(value, str) and _formula_like(value):
        return TEXT_MARK + value
    return value


def cell_text(text: str) -> str:
    """A cell of a CSV the planner wrote, as it was before :func:`safe_cell` marked it."""
    if text.startswith(TEXT_MARK) and _formula_like(text):
        return text[1:]
    return text


def to_csv(rows: Sequence[Mapping[str, object]], columns: Sequence[str] | None = None) -> str:
    """Rows as CSV text (header first, ``\\n`` line ends, None as an empty cell), formula-like text neutralised.

    Each row is written with ``\\r\\n`` as the writer's line end, so a cell holding a carriage return is quoted
    like one holding a newline (the csv module only quotes the characters of its line end), and then ends in ``\\n``.
    """
    cols = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    out: list[str] = []
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for cells in ([safe_cell(k) for k in cols], *([("" if r.get(k) is None else safe_cell(r.get(k))) for k in cols]
                                                  for r in rows)):
        buf.seek(0)
        buf.truncate()
        w.writerow(cells)
        out.append(buf.getvalue()[:-2] + "\n")
    return "".join(out)


def read_csv(text: str) -> list[dict[str, str]]:
    """Read back a CSV written by :func:`to_csv`: rows of text, the ``'`` marks removed."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return [{cell_text(k): cell_text(v or "") for k, v in row.items()} for row in reader]
