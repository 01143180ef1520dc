"""Reading CSV tables into validated rows, collecting every problem with file, row and field.

CSV files may use ``,`` or ``;`` as separator (Dutch Excel writes ``;``), may start with a byte-order mark, and must
be UTF-8. Every cell is read as text, so ``GM0106`` and ``0106`` never lose a leading zero; pydantic then converts
and checks each field. Dates may be written ``2026-04-01`` or ``1-4-2026``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.scenario.problems import Problems
from planner.scenario.schema import Strict

MAX_TABLE_BYTES = 20 * 1024 * 1024
_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_DUTCH_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")


@dataclass(frozen=True)
class TableRows:
    """Rows of one table that passed validation, with the line number each came from (header = 1)."""

    file: str
    rows: tuple[Any, ...]
    lines: tuple[int, ...]


def display_path(path: Path, root: Path | None) -> str:
    """A path as users should see it in messages: relative to the scenario root where possible."""
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


def read_text(path: Path, shown: str, problems: Problems, max_bytes: int = MAX_TABLE_BYTES) -> str | None:
    """Read a UTF-8 text file (BOM allowed); on any problem record it and return None."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        problems.error(shown, None, "", "file not found", code="missing-file")
        return None
    except OSError as exc:
        problems.error(shown, None, "", f"cannot read the file: {exc.strerror}", code="unreadable")
        return None
    if path.is_dir():
        problems.error(shown, None, "", "is a folder, expected a file", code="unreadable")
        return None
    if size > max_bytes:
        problems.error(
            shown, None, "", f"file is {size / 1e6:.1f} MB, more than the {max_bytes / 1e6:.0f} MB allowed",
            code="too-large",
        )
        return None
    data = path.read_bytes()
    if b"\x00" in data:
        problems.error(shown, None, "", "file is binary, not text (is it an .xlsx saved as .csv?)", code="encoding")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(
            shown, line, "", "file is not UTF-8 (save it as 'CSV UTF-8' in Excel)", code="encoding",
        )
        return None


def _sniff_delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def _normalise_cell(value: str) -> str | None:
    value = value.strip()
    if value == "":
        return None
    m = _DUTCH_DATE.match(value)
    if m:
        day, month, year = m.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return value


def _explain(field: str, value: object, msg: str) -> str:
    """Turn pydantic's message into one a civil servant can act on."""
    text = str(value) if value is not None else ""
    hint = ""
    if isinstance(value, str):
        if _DUTCH_THOUSANDS.match(text):
            hint = f" (write whole numbers without thousands separators: {text.replace('.', '')})"
        elif _DECIMAL_COMMA.match(text):
            hint = " (a decimal comma; places are whole numbers, scores use a decimal point)"
        elif field in ("code", "from_code", "to_code") and text.isdigit():
            hint = f" (CBS codes are text like GM{text.zfill(4)}; did a spreadsheet drop the 'GM' or a leading zero?)"
        elif text.startswith(("=", "+", "@")):
            hint = " (looks like a spreadsheet formula; only values are read, never formulas)"
    shown = f" {text!r}" if value is not None else ""
    return f"{msg.rstrip('.')}: got{shown or ' nothing'}{hint}"


def read_table(
    path: Path,
    model: type[Strict],
    problems: Problems,
    root: Path | None = None,
    required_extra: tuple[str, ...] = (),
) -> TableRows:
    """Read ``path`` as rows of ``model``. Bad rows are reported and left out; good rows are returned."""
    shown = display_path(path, root)
    text = read_text(path, shown, problems)
    if text is None:
        return TableRows(shown, (), ())
    if not text.strip():
        problems.error(shown, None, "", "file is empty (expected a header row)", code="empty")
        return TableRows(shown, (), ())
    first_line = text.splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first_line))
    try:
        records = list(reader)
    except csv.Error as exc:
        problems.error(shown, reader.line_num, "", f"not a readable CSV file: {exc}", code="syntax")
        return TableRows(shown, (), ())
    header = [h.strip() for h in records[0]]
    fields = model.model_fields
    known = set(fields)
    required = {name for name, f in fields.items() if f.is_required()} | set(required_extra)
    ok_header = True
    seen: set[str] = set()
    for col in header:
        if col == "":
            problems.error(shown, 1, "", "a column has no name", code="column")
            ok_header = False
        elif col in seen:
            problems.error(shown, 1, col, "column appears twice", code="column")
            ok_header = False
        elif col not in known:
            problems.error(
                shown, 1, col, f"unknown column; the columns are: {', '.join(fields)}", code="unknown-column"
            )
            ok_header = False
        seen.add(col)
    for col in sorted(required - seen):
        problems.error(shown, 1, col, "required column is missing", code="missing-column")
        ok_header = False
    if not ok_header:
        return TableRows(shown, (), ())

    rows: list[Any] = []
    lines: list[int] = []
    line = 1
    for record in records[1:]:
        line += 1
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            problems.error(
                shown, line, "", f"has {len(record)} cells, the header has {len(header)} (a separator inside a value?)",
                code="syntax",
            )
            continue
        raw = {col: _normalise_cell(cell) for col, cell in zip(header, record, strict=True)}
        data = {k: v for k, v in raw.items() if v is not None}
        try:
            rows.append(model.model_validate(data))
            lines.append(line)
        except ValidationError as exc:
            for err in exc.errors():
                field = ".".join(str(p) for p in err["loc"]) or ""
                value = raw.get(field) if field else None
                if err["type"] == "missing":
                    msg = "required value is empty"
                else:
                    msg = _explain(field, value, err["msg"].removeprefix("Value error, "))
                problems.error(shown, line, field, msg)
    return TableRows(shown, tuple(rows), tuple(lines))
