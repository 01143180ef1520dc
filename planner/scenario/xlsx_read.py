"""Reading an input workbook defensively: bounded, streaming, and nothing skipped without a word.

A workbook is a zip of XML files, and a small one can declare a great deal: a 27 kB file can claim a sheet of
A1:XFD1048576 (openpyxl then fills 17 billion empty cells) or unpack to gigabytes. So before openpyxl opens it, the
zip's directory is checked (how many members, and the uncompressed size of each and of all, which zipfile never
reads past); each sheet's declared dimension is checked before its rows are read; and the rows are streamed from
the sheet's XML (openpyxl's own read-only parser, without its padding of missing rows and cells) with a limit on
rows and columns. Every limit gives a clear error within seconds, at the sheet.

Sheets are found by name ignoring case and spaces (``"sites "`` is read as ``sites``, with a warning); a sheet the
planner does not read, a hidden or very hidden sheet and hidden rows are reported, never silently skipped.
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypedDict
from xml.etree.ElementTree import ParseError

from planner.scenario.problems import Msg, Problems

MAX_WORKBOOK_BYTES = 20 * 2**20
"""Size of the .xlsx file itself."""
MAX_MEMBER_BYTES = 30 * 2**20
"""Uncompressed size of one part of the workbook (a sheet's XML, the shared strings). A full national workbook
(342 municipalities, 1,656 sites, 1,368 offers) has parts of about 1 MB."""
MAX_UNCOMPRESSED_BYTES = 60 * 2**20
"""Uncompressed size of all parts together."""
MAX_MEMBERS = 1000
MAX_SHEET_ROWS = 20_000
"""The template formats 5,000 rows; the national scenario has 1,656 sites."""
MAX_SHEET_COLUMNS = 64
"""The widest table has 15 columns; the settings sheet 5."""
MAX_SHEET_CELLS = 1_000_000
"""Rows × columns a sheet may declare."""

UNREADABLE = (zipfile.BadZipFile, zlib.error, KeyError, OSError, ValueError, TypeError, AttributeError, IndexError,
              EOFError, ParseError, RecursionError, NotImplementedError, OverflowError)
"""What openpyxl and zipfile raise on a damaged or hostile workbook: its problem, not a bug of the planner."""


def sheet_place(workbook: str, sheet: str) -> str:
    """How a sheet is named in messages: ``invoer.xlsx › sites``."""
    return f"{workbook} › {sheet}"


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def _sheet_key(name: str) -> str:
    return re.sub(r"\s+", "", name).casefold()


def _ranges(rows: list[int]) -> str:
    """[3, 5, 6, 7] → '3, 5–7' (the first ten runs)."""
    runs: list[list[int]] = []
    for r in rows:
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    text = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs[:10])
    return text + (", …" if len(runs) > 10 else "")


class ParsedCell(TypedDict):
    """A cell as openpyxl's ``WorkSheetParser.parse`` yields it (the keys read here; it has ``row`` and ``style_id``
    too). ``value`` is whatever the cell holds: text, number, bool, date/time or None."""

    column: int
    value: object
    data_type: str


class Workbook:
    """A workbook opened for reading: its sheets found by name, their rows streamed within the limits."""

    def __init__(self, path: Path, shown: str, problems: Problems) -> None:
        self.path = path
        self.shown = shown
        self.problems = problems
        self.book: Any = None
        self.formulas: set[tuple[str, int, int]] = set()
        """(sheet, row, column index) of every formula cell, already reported."""
        self._names: dict[str, str] = {}
        """Sheet as the planner names it → sheet as the workbook names it."""
        self.refused = False
        """A sheet went past a limit (or could not be parsed): its rows are incomplete, so nothing is validated."""

    def error(self, message: Msg, code: str = "syntax", sheet: str | None = None, row: int | None = None) -> None:
        self.refused = True
        self.problems.error(sheet_place(self.shown, sheet) if sheet else self.shown, row, "", message, code=code)

    def _zip_ok(self) -> bool:
        """The zip's directory within the limits, before anything is unpacked."""
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            self.error(Msg.of("file_not_found"), code="missing")
            return False
        except OSError as exc:
            self.error(Msg.of("file_unreadable", reason=str(exc.strerror or exc)), code="unreadable")
            return False
        if size > MAX_WORKBOOK_BYTES:
            self.error(Msg.of("xlsx_too_large", size=round(size / 2**20, 1), limit=_mb(MAX_WORKBOOK_BYTES)),
                       code="too-large")
            return False
        try:
            with zipfile.ZipFile(self.path) as archive:
                members = archive.infolist()
        except UNREADABLE as exc:
            self.error(Msg.of("xlsx_unreadable", xlsx_reason=str(exc)))
            return False
        if len(members) > MAX_MEMBERS:
            self.error(Msg.of("xlsx_too_many_parts", n=len(members), limit=MAX_MEMBERS), code="too-large")
            return False
        for m in members:
            if m.file_size > MAX_MEMBER_BYTES:
                self.error(Msg.of("xlsx_part_too_large", part=m.filename, size=_mb(m.file_size),
                                  limit=_mb(MAX_MEMBER_BYTES)), code="too-large")
                return False
        total = sum(m.file_size for m in members)
        if total > MAX_UNCOMPRESSED_BYTES:
            self.error(Msg.of("xlsx_unpacks_too_large", size=_mb(total), limit=_mb(MAX_UNCOMPRESSED_BYTES)),
                       code="too-large")
            return False
        return True

    def open(self, wanted: Iterable[str]) -> bool:
        """Open the workbook (read-only, formulas kept as formulas) and find the ``wanted`` sheets by name; False
        after reporting why it cannot be read."""
        if not self._zip_ok():
            return False
        import openpyxl

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
                # data_only=False: a formula stays a formula (so we can refuse it) instead of its cached value
                self.book = openpyxl.load_workbook(self.path, data_only=False, read_only=True)
        except UNREADABLE as exc:
            self.error(Msg.of("xlsx_unreadable", xlsx_reason=str(exc)))
            return False
        self._match(list(wanted))
        return True

    def _match(self, wanted: list[str]) -> None:
        """Find each wanted sheet: by its exact name, else by its name without case and spaces (a warning); report
        sheets that are not read, and hidden sheets."""
        actual: list[str] = list(self.book.sheetnames)
        matched: set[str] = set()
        for name in wanted:
            if name in actual:
                self._names[name] = name
                matched.add(name)
                continue
            close = [a for a in actual if _sheet_key(a) == _sheet_key(name)]
            if len(close) == 1:
                self._names[name] = close[0]
                matched.add(close[0])
                self.problems.warning(self.shown, None, "", Msg.of("sheet_read_as", sheet=repr(close[0]), name=name),
                                      code="sheet-name")
            elif close:
                self.error(Msg.of("sheets_ambiguous", sheets=", ".join(repr(c) for c in close), name=name),
                           code="sheet-name")
                matched.update(close)
        for ws in self.book.worksheets:
            state = getattr(ws, "sheet_state", "visible")
            if ws.title not in matched:
                self.problems.warning(self.shown, None, "", Msg.of("sheet_not_read", sheet=repr(ws.title),
                                                                   read=", ".join(wanted)), code="sheet-not-read")
            elif state != "visible":
                self.problems.warning(sheet_place(self.shown, ws.title), None, "",
                                      Msg.of("sheet_very_hidden") if state == "veryHidden"
                                      else Msg.of("sheet_hidden"), code="hidden")

    def has(self, name: str) -> bool:
        return name in self._names

    def close(self) -> None:
        if self.book is not None:
            self.book.close()

    def where(self, sheet: str) -> str:
        return sheet_place(self.shown, sheet)

    def _fits(self, sheet: str, ws: Any) -> bool:
        """The sheet's declared dimension within the limits (it decides nothing else: the rows are counted too)."""
        rows, cols = ws.max_row or 0, ws.max_column or 0
        if rows > MAX_SHEET_ROWS or cols > MAX_SHEET_COLUMNS or rows * cols > MAX_SHEET_CELLS:
            self.error(Msg.of("sheet_too_large", rows=rows, cols=cols, last=f"{column_letter(cols - 1)}{rows}",
                              max_rows=MAX_SHEET_ROWS, max_cols=MAX_SHEET_COLUMNS), code="too-large", sheet=sheet)
            return False
        return True

    def rows(self, sheet: str) -> Iterator[tuple[int, list[Any]]]:
        """(row number, values) of each row that holds a cell, streamed; a formula cell is reported and read as
        empty; stops with an error at a row or column beyond the limits."""
        from openpyxl.worksheet._reader import WorkSheetParser  # the parser openpyxl's read-only sheets use

        ws = self.book[self._names[sheet]]
        if not self._fits(sheet, ws):
            return
        hidden: list[int] = []
        try:
            with warnings.catch_warnings(), ws._get_source() as src:
                warnings.simplefilter("ignore")
                parser = WorkSheetParser(src, ws._shared_strings, data_only=False, epoch=self.book.epoch,
                                         date_formats=self.book._date_formats,
                                         timedelta_formats=self.book._timedelta_formats)
                for r, cells in parser.parse():
                    if r > MAX_SHEET_ROWS:
                        self.error(Msg.of("sheet_row_beyond", row=r, max_rows=MAX_SHEET_ROWS), code="too-large",
                                   sheet=sheet, row=r)
                        return
                    if str(parser.row_dimensions.get(str(r), {}).get("hidden", "0")).lower() in ("1", "true"):
                        hidden.append(r)
                    values = self._values(sheet, r, cells)
                    if values is None:
                        return
                    yield r, values
        except UNREADABLE as exc:
            self.error(Msg.of("xlsx_unreadable", xlsx_reason=str(exc)), sheet=sheet)
        finally:
            if hidden:
                self.problems.warning(self.where(sheet), None, "", Msg.of("rows_hidden", rows=_ranges(hidden))
                                      if len(hidden) > 1 else Msg.of("row_hidden", rows=_ranges(hidden)),
                                      code="hidden")

    def _values(self, sheet: str, r: int, cells: list[ParsedCell]) -> list[Any] | None:
        """A row's cells as a list by column (formulas reported and read as empty); None past the column limit."""
        values: list[Any] = []
        for cell in cells:
            j = int(cell["column"]) - 1
            if j >= MAX_SHEET_COLUMNS:
                self.error(Msg.of("sheet_column_beyond", column=column_letter(j), max_cols=MAX_SHEET_COLUMNS),
                           code="too-large", sheet=sheet, row=r)
                return None
            value = cell["value"]
            if cell["data_type"] == "f" or (isinstance(value, str) and value.startswith("=")
                                            and cell["data_type"] != "s"):
                self.problems.error(
                    self.where(sheet), r, f"column {column_letter(j)}",
                    Msg.of("cell_holds_formula", cell=f"{column_letter(j)}{r}", formula=str(value)[:60]),
                    code="formula",
                )
                self.formulas.add((sheet, r, j))
                value = None
            values.extend([None] * (j - len(values) + 1))
            values[j] = value
        return values
