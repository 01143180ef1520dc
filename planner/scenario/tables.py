"""Reading CSV tables into validated rows, collecting every problem with file, row and field.

CSV files may use ``,``, ``;`` (Dutch Excel) or a tab as separator, may start with a UTF-8 byte-order mark, and must
be UTF-8. Every cell is read as text, so ``GM0106`` never loses its leading zero, and a cell is never evaluated: a
cell starting with ``=``, ``+`` or ``@`` is plain text in a text column and an error in a numeric one.

Numbers and dates are checked by their spelling before pydantic converts them, because pydantic's lax parsing would
read the Dutch thousands separator ``1.000`` as the number 1 and ``1711929600`` as a date. Whole numbers are digits
only; scores use a decimal point; dates are written ``2026-04-01`` or ``1-4-2026``.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import enum
import io
import os
import re
import stat
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import ValidationError
from pydantic.fields import FieldInfo

from planner.scenario.problems import Msg, Problems, pydantic_msg
from planner.scenario.schema import Strict

MAX_TABLE_BYTES = 20 * 1024 * 1024


def bundled_scenarios_dir() -> Path:
    """The scenarios shipped with the project: inside the installed package (``planner/scenarios``, put there by the
    wheel build) found with ``importlib.resources``, else the repository's top-level ``scenarios/`` (a source
    checkout or an editable install)."""
    from importlib.resources import files

    shipped = Path(str(files("planner").joinpath("scenarios")))
    return shipped.resolve() if shipped.is_dir() else Path(__file__).resolve().parents[2] / "scenarios"


BUNDLED_DIR = bundled_scenarios_dir()
"""Folder of the scenarios shipped with the project (shown as ``bundled:…`` in messages)."""

PATH_ERRORS = (OSError, ValueError, RuntimeError)
"""What resolving or inspecting a user's path can raise: unreadable, an embedded NUL, a symlink loop."""
FORMULA_START = ("=", "+", "@")
_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WHOLE = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$")
_DUTCH_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_ENGLISH_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+$")
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_FRACTION = re.compile(r"^-?\d+\.\d+$")
_SHORT_CODE = re.compile(r"^(?:GM)?(\d{1,4})$", re.IGNORECASE)
_DUTCH_WORDS = {
    "regulier": "regular",
    "bijzonder": "special",
    "oekraine": "ukraine",
    "oekraïne": "ukraine",
    "bestaand": "existing",
    "gepland": "planned",
    "kandidaat": "candidate",
    "no": "noodopvang",
    "nood": "noodopvang",
}

Kind = Literal["int", "float", "date", "enum", "code", "text", "other"]


@dataclass(frozen=True)
class TableRows:
    """Rows of one table that passed validation, with the line number each came from (header = 1).

    ``rejected`` holds the key (site id or CBS code, as far as it can be read) of every row left out for errors, and
    ``readable`` is False when the file as a whole could not be read (missing, wrong encoding, bad header): checks
    that compare tables use both so that one bad row does not cascade into a problem for every row naming it.
    """

    file: str
    rows: tuple[Any, ...]
    lines: tuple[int, ...]
    rejected: frozenset[str] = frozenset()
    readable: bool = True
    partial: tuple[tuple[int, Mapping[str, str]], ...] = ()
    """Each rejected row's line and the cells of it that read cleanly (column → text), so a check across tables can
    still say what else is wrong with the row (an unknown code beside ``places = x``): every problem at once."""


def display_path(path: Path, root: Path | None) -> str:
    """A path as users should see it in messages: relative to the scenario root where possible, ``bundled:…`` for
    the shipped scenarios, else relative to the root with ``..``."""
    try:
        real = path.resolve()
    except PATH_ERRORS:
        return str(path)
    if root is not None:
        try:
            return real.relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    try:
        return "bundled:" + real.relative_to(BUNDLED_DIR).as_posix()
    except ValueError:
        pass
    if root is not None:
        try:
            return Path(os.path.relpath(real, root.resolve())).as_posix()
        except ValueError:
            pass
    return str(path)


def _save_as(shown: str) -> Msg:
    return Msg.of("save_csv_utf8") if shown.lower().endswith(".csv") else Msg.of("save_utf8")


def _decode_problem(data: bytes, shown: str) -> Msg | None:
    """Why ``data`` is not UTF-8 text, for the encodings and formats people actually save by mistake."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Msg.of("file_utf16", save=_save_as(shown))
    if data.startswith(b"PK\x03\x04"):
        return Msg.of("file_zip", save=_save_as(shown))
    if b"\x00" in data:
        return Msg.of("file_nul")
    return None


def read_text(path: Path, shown: str, problems: Problems, max_bytes: int = MAX_TABLE_BYTES) -> str | None:
    """Read a UTF-8 text file (BOM allowed); on any problem record it and return None. Never raises."""
    try:
        info = path.stat()
    except FileNotFoundError:
        problems.error(shown, None, "", Msg.of("file_not_found"), code="missing-file")
        return None
    except PATH_ERRORS as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        problems.error(shown, None, "", Msg.of("file_unreadable", reason=reason), code="unreadable")
        return None
    if stat.S_ISDIR(info.st_mode):
        problems.error(shown, None, "", Msg.of("file_is_folder"), code="unreadable")
        return None
    if not stat.S_ISREG(info.st_mode):
        problems.error(shown, None, "", Msg.of("file_not_regular"), code="unreadable")
        return None
    if info.st_size > max_bytes:
        problems.error(
            shown, None, "",
            Msg.of("file_too_large", size=round(info.st_size / 2**20, 1), limit=round(max_bytes / 2**20)),
            code="too-large",
        )
        return None
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        problems.error(shown, None, "", Msg.of("file_unreadable", reason=str(exc.strerror or exc)),
                       code="unreadable")
        return None
    if len(data) > max_bytes:  # grew while we looked
        problems.error(shown, None, "", Msg.of("file_grew_too_large", limit=round(max_bytes / 2**20)),
                       code="too-large")
        return None
    why = _decode_problem(data, shown)
    if why is not None:
        problems.error(shown, None, "", why, code="encoding")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(
            shown, line, "", Msg.of("file_not_utf8", save=_save_as(shown)),
            code="encoding",
        )
        return None


def _sniff_delimiter(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ","


def _normalise_cell(value: str) -> str | None:
    value = value.strip()
    if value == "":
        return None
    m = _DUTCH_DATE.match(value)
    if m:
        day, month, year = m.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return value


def column_kind(info: FieldInfo) -> Kind:
    """What a column holds, from its declaration: decides how a cell's spelling is checked."""
    ann: Any = info.annotation
    if get_origin(ann) in (Union, types.UnionType):
        args = [a for a in get_args(ann) if a is not type(None)]
        ann = args[0] if len(args) == 1 else ann
    if ann is bool:
        return "other"
    if ann is int:
        return "int"
    if ann is float:
        return "float"
    if ann is dt.date:
        return "date"
    if isinstance(ann, type) and issubclass(ann, enum.Enum):
        return "enum"
    if ann is str:
        patterned = any(getattr(m, "pattern", None) for m in info.metadata)
        return "code" if patterned else "text"
    return "other"


def _code_hint(text: str) -> Msg | str:
    if text.upper() != text and re.match(r"^GM\d{4}$", text, re.IGNORECASE):
        return Msg.of("hint_capitals", code=text.upper())
    m = _SHORT_CODE.match(text)
    if m:
        return Msg.of("hint_short_code", code=f"GM{m.group(1).zfill(4)}")
    return ""


def suggested_code(text: str) -> str | None:
    """The CBS code a mangled cell most likely meant (``106`` and ``GM106`` → ``GM0106``), or None."""
    m = _SHORT_CODE.match(text.strip())
    return f"GM{m.group(1).zfill(4)}" if m else None


def check_cell(kind: Kind, text: str) -> Msg | None:
    """The problem with a non-empty cell's spelling for a column of ``kind``, or None when it reads cleanly."""
    if kind not in ("int", "float", "date"):
        return None
    if text.startswith(FORMULA_START):
        return Msg.of("cell_formula", got=repr(text), first=repr(text[0]))
    if kind == "int":
        if _WHOLE.match(text):
            return None
        if _DUTCH_THOUSANDS.match(text):
            return Msg.of("not_whole_separators", got=repr(text), fixed=text.replace(".", ""))
        if _ENGLISH_THOUSANDS.match(text):
            return Msg.of("not_whole_separators", got=repr(text), fixed=text.replace(",", ""))
        if _DECIMAL_COMMA.match(text) or _FRACTION.match(text):
            return Msg.of("not_whole_places", got=repr(text))
        return Msg.of("not_whole", got=repr(text))
    if kind == "float":
        if _DECIMAL.match(text):
            return None
        if _DECIMAL_COMMA.match(text):
            return Msg.of("not_number_comma", got=repr(text), fixed=text.replace(",", "."))
        return Msg.of("not_number", got=repr(text))
    if _ISO_DATE.match(text) or _DUTCH_DATE.match(text):
        return None
    return Msg.of("not_date", got=repr(text))


def _enum_hint(info: FieldInfo, text: str) -> Msg | str:
    ann: Any = info.annotation
    if get_origin(ann) in (Union, types.UnionType):
        ann = next((a for a in get_args(ann) if a is not type(None)), ann)
    if not (isinstance(ann, type) and issubclass(ann, enum.Enum)):
        return ""
    allowed = [str(m.value) for m in ann]
    folded = {a.casefold(): a for a in allowed}
    guess = folded.get(text.casefold()) or _DUTCH_WORDS.get(text.casefold())
    if guess is None or guess not in allowed:
        close = difflib.get_close_matches(text, allowed, n=1)
        guess = close[0] if close else None
    return Msg.of("hint_did_you_mean", guess=guess) if guess else ""


def _explain(err: Mapping[str, Any], field: str, value: object, info: FieldInfo | None = None) -> Msg:
    """What pydantic found in a cell, said so that a civil servant can act on it (by its type, with a hint)."""
    text = str(value) if value is not None else ""
    hint: Msg | str = ""
    if isinstance(value, str):
        if field in ("code", "from_code", "to_code"):
            hint = _code_hint(text)
        if not hint and text.startswith(FORMULA_START):
            hint = Msg.of("hint_formula")
        if not hint and info is not None:
            hint = _enum_hint(info, text)
    got = repr(text) if value is not None else ""
    if err["type"] == "string_pattern_mismatch":
        if field in ("code", "from_code", "to_code"):
            return Msg.of("not_cbs_code", got=got, hint=hint)
        if field == "id":
            return Msg.of("bad_site_id", got=got, hint=hint)
    return pydantic_msg(err, field, got, hint)


def field_named_in(message: str, fields: list[str], cells: dict[str, str | None]) -> str:
    """The field a whole-row (or whole-section) rule is about, read from its message: of the fields it names, the
    one that is empty in ``cells`` if exactly one is, else the first it names; "" when it names none."""
    words: list[str] = re.findall(r"[a-z_]+", message)
    named = list(dict.fromkeys(w for w in words if w in fields))
    empty = [f for f in named if cells.get(f) is None]
    if len(named) > 1 and len(empty) == 1:
        return empty[0]
    return named[0] if named else ""


class _Records:
    """CSV records with the line each starts on (a quoted value may span lines); ``next_line`` is where the next
    record starts, for reporting a record the csv module cannot read."""

    def __init__(self, text: str, delimiter: str) -> None:
        self._reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        self.next_line = 1

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        for record in self._reader:
            start, self.next_line = self.next_line, self._reader.line_num + 1
            yield start, record


def _key_of(header: list[str], record: list[str]) -> str | None:
    """The site id or CBS code of a record, as far as it can be read (for :attr:`TableRows.rejected`)."""
    for col in ("id", "code"):
        if col in header and header.index(col) < len(record):
            key = record[header.index(col)].strip()
            return (suggested_code(key) or key) if key else None
    return None


def _read_row(
    model: type[Strict], kinds: dict[str, Kind], raw: dict[str, str], shown: str, line: int, problems: Problems,
    partial: list[tuple[int, Mapping[str, str]]] | None = None,
) -> Any | None:
    """One record as a ``model`` row, or None after reporting every problem in it (each cell's spelling, then what
    pydantic finds in the cells that read cleanly) and keeping its clean cells in ``partial``."""
    fields = model.model_fields
    cells = {col: (cell.strip() or None) for col, cell in raw.items()}
    data: dict[str, str] = {}
    misspelt = 0
    for col, cell in cells.items():
        if cell is None:
            continue
        bad = check_cell(kinds[col], cell)
        if bad is None:
            data[col] = _normalise_cell(cell) or cell
        else:
            problems.error(shown, line, col, bad)
            misspelt += 1
    try:
        row = model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"])
            msg = str(err["msg"]).removeprefix("Value error, ")
            said: Msg
            if field in cells and field not in data:
                if cells[field] is not None:
                    continue  # already reported by its spelling
                said = Msg.of("value_empty")
            elif field:
                said = _explain(err, field, cells.get(field), fields.get(field))
            elif misspelt:
                continue  # a whole-row rule on a row with unreadable cells says nothing reliable
            else:
                field = field_named_in(msg, list(fields), cells)
                said = pydantic_msg(err, field)
            problems.error(shown, line, field, said)
            data.pop(field, None)
        if partial is not None:
            partial.append((line, data))
        return None
    if misspelt:
        if partial is not None:
            partial.append((line, data))
        return None
    for col, cell in cells.items():
        if cell is not None and kinds[col] == "text" and cell.startswith(FORMULA_START):
            problems.warning(
                shown, line, col,
                Msg.of("formula_kept", cell=repr(cell)),
                code="formula-text",
            )
    return row


def read_table(
    path: Path,
    model: type[Strict],
    problems: Problems,
    root: Path | None = None,
    required_extra: tuple[str, ...] = (),
) -> TableRows:
    """Read ``path`` as rows of ``model``. Bad rows are reported (every problem in them) and left out; good rows are
    returned. Never raises."""
    shown = display_path(path, root)
    text = read_text(path, shown, problems)
    if text is None:
        return TableRows(shown, (), (), readable=False)
    if not text.strip():
        problems.error(shown, None, "", Msg.of("csv_empty"), code="empty")
        return TableRows(shown, (), (), readable=False)
    delimiter = _sniff_delimiter(text.lstrip("\r\n").splitlines()[0])
    records = _Records(text, delimiter)
    it = iter(records)
    fields = model.model_fields
    names = list(fields)
    kinds = {name: column_kind(info) for name, info in fields.items()}
    try:
        header_line, header_cells = next(it)
        while not any(c.strip() for c in header_cells):
            header_line, header_cells = next(it)
    except (StopIteration, csv.Error) as exc:
        problems.error(shown, 1, "", Msg.of("csv_unreadable", reason=str(exc)), code="syntax")
        return TableRows(shown, (), (), readable=False)
    header = [h.strip() for h in header_cells]
    required = {name for name, f in fields.items() if f.is_required()} | set(required_extra)
    ok_header = True
    seen: set[str] = set()
    for col in header:
        if col == "":
            problems.error(shown, header_line, "", Msg.of("column_no_name"), code="column")
            ok_header = False
        elif col in seen:
            problems.error(shown, header_line, col, Msg.of("column_twice"), code="column")
            ok_header = False
        elif col not in fields:
            close = difflib.get_close_matches(col.lower(), names, n=1)
            problems.error(shown, header_line, col,
                           Msg.of("column_unknown_close", close=close[0], names=", ".join(names)) if close
                           else Msg.of("column_unknown", names=", ".join(names)), code="unknown-column")
            ok_header = False
        seen.add(col)
    for col in sorted(required - seen):
        problems.error(shown, header_line, col, Msg.of("column_missing"), code="missing-column")
        ok_header = False
    if not ok_header:
        return TableRows(shown, (), (), readable=False)

    rows: list[Any] = []
    lines: list[int] = []
    rejected: set[str] = set()
    partial: list[tuple[int, Mapping[str, str]]] = []
    try:
        for line, record in it:
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > len(header) and not any(c.strip() for c in record[len(header):]):
                record = record[: len(header)]  # trailing empty cells, as spreadsheets write them
            if len(record) != len(header):
                n, width = len(record), len(header)
                problems.error(shown, line, "", Msg.of("cells_unclosed_quote", n=n, header=width)
                               if any("\n" in c for c in record) else Msg.of("cells_separator", n=n, header=width),
                               code="syntax")
                row = None
            else:
                row = _read_row(model, kinds, dict(zip(header, record, strict=True)), shown, line, problems,
                                partial)
            if row is None:
                key = _key_of(header, record)
                if key:
                    rejected.add(key)
            else:
                rows.append(row)
                lines.append(line)
    except csv.Error as exc:
        problems.error(shown, records.next_line, "", Msg.of("csv_unreadable", reason=str(exc)), code="syntax")
        return TableRows(shown, tuple(rows), tuple(lines), frozenset(rejected), readable=False)
    return TableRows(shown, tuple(rows), tuple(lines), frozenset(rejected), partial=tuple(partial))
