"""The Excel input workbook: generated from the schema, and read back into a scenario folder.

:func:`write_template` builds the workbook from :data:`planner.scenario.schema.TABLE_MODELS` and the TOML sections —
one sheet per table with the model's fields as headers, an ``instructies`` sheet from the field descriptions, a
``scenario`` sheet of key/value settings and a ``stated_totals`` sheet — with dropdowns for every enumeration and for
CBS codes (the list on the municipalities sheet), frozen headers and real number formats. Given a scenario it is
filled with that scenario's resolved data (a what-if's changes already applied).

:func:`import_workbook` turns a filled workbook into ``scenario.toml`` + CSV tables and validates them with the
same code as ``planner validate`` (every problem, placed by sheet, row and column). Only values are read: a cell
holding a formula is an error (formulas are never evaluated; Excel's cached result is not trusted either).
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import re
import tempfile
import types
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from planner.scenario.problems import Msg, Problems
from planner.scenario.schema import (
    TABLE_MODELS,
    Cycle,
    Goals,
    Rules,
    ScenarioMeta,
    SolverSettings,
    Spuk,
    StatedTotal,
)
from planner.scenario.tables import column_kind
from planner.scenario.toml_text import RawTable
from planner.scenario.xlsx_read import Workbook, column_letter, sheet_place

if TYPE_CHECKING:
    from planner.scenario.load import Scenario

SECTIONS: dict[str, type[BaseModel]] = {
    "scenario": ScenarioMeta,
    "cycle": Cycle,
    "rules": Rules,
    "spuk": Spuk,
    "goals": Goals,
    "solver": SolverSettings,
}
SKIP_KEYS = {("scenario", "extends")}
"""Keys the workbook leaves out: an imported scenario stands on its own (``extends`` is already resolved)."""
SETTINGS_SHEET = "scenario"
TOTALS_SHEET = "stated_totals"
INSTRUCTIONS_SHEET = "instructies"
MAX_ROWS = 5000
"""Rows the dropdowns and formats cover below the header."""
CODE_COLUMNS = ("code", "from_code", "to_code")


def _inner(ann: Any) -> Any:
    if get_origin(ann) in (Union, types.UnionType):
        args = [a for a in get_args(ann) if a is not type(None)]
        return args[0] if len(args) == 1 else ann
    return ann


def enum_of(info: FieldInfo) -> type[enum.Enum] | None:
    ann = _inner(info.annotation)
    if get_origin(ann) is tuple:
        ann = get_args(ann)[0]
    if isinstance(ann, type) and issubclass(ann, enum.Enum):
        return ann
    return None


def allowed_values(info: FieldInfo) -> list[str]:
    """The values an enumeration (or Literal) field allows, as text."""
    e = enum_of(info)
    if e is not None:
        return [str(m.value) for m in e]
    ann = _inner(info.annotation)
    if get_origin(ann) is tuple:
        ann = get_args(ann)[0]
    if str(get_origin(ann)).endswith("Literal"):
        return [str(a) for a in get_args(ann)]
    return []


def _is_tuple(info: FieldInfo) -> bool:
    return get_origin(_inner(info.annotation)) is tuple


def _type_word(info: FieldInfo) -> str:
    if _is_tuple(info):
        return "lijst (komma's)"
    kind = column_kind(info)
    return {"int": "geheel getal", "float": "getal", "date": "datum", "enum": "keuze", "code": "CBS-code",
            "text": "tekst"}.get(kind, "waarde" if _inner(info.annotation) is not bool else "waar/onwaar")


def _default_text(info: FieldInfo) -> str:
    if info.is_required():
        return "verplicht"
    d = info.default
    if d is None:
        return "(leeg)"
    if isinstance(d, bool):  # the words the sheet's type column names (not Python's True/False)
        return "waar" if d else "onwaar"
    if isinstance(d, enum.Enum):
        return str(d.value)
    if isinstance(d, tuple):
        return ", ".join(str(getattr(v, "value", v)) for v in d)
    return str(d)


class SettingRow(TypedDict):
    """One row of the 'scenario' sheet."""

    key: str
    value: str | int | float | bool | dt.date | None
    type: str
    default: str
    description: str


def settings_rows(scenario: Scenario | None) -> list[SettingRow]:
    """The key/value rows of the 'scenario' sheet: ``section.key``, value (the scenario's or empty), description."""
    rows: list[SettingRow] = []
    for section, model in SECTIONS.items():
        current = getattr(scenario.settings, section) if scenario is not None else None
        for key, info in model.model_fields.items():
            if (section, key) in SKIP_KEYS:
                continue
            value: Any = None
            if current is not None:
                value = getattr(current, key)
            elif info.is_required():
                value = None
            rows.append({"key": f"{section}.{key}", "value": _cell_value(value), "type": _type_word(info),
                         "default": _default_text(info), "description": info.description or ""})
    scope_info = _scope_field()
    rows.append({"key": "scope", "value": ", ".join(scenario.settings.scope) if scenario else None,
                 "type": "lijst (komma's)", "default": "(leeg)", "description": scope_info})
    return rows


def _scope_field() -> str:
    from planner.scenario.schema import ScenarioFile

    return ScenarioFile.model_fields["scope"].description or ""


def _cell_value(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return ", ".join(str(getattr(v, "value", v)) for v in value) if value else None
    if isinstance(value, enum.Enum):
        return value.value
    return value


def instruction_rows() -> list[dict[str, str]]:
    rows = [
        {"blad": "(alle)", "kolom": "", "soort": "", "verplicht": "", "toegestaan": "",
         "uitleg": "Vul de bladen in; één rij per regel. Schrijf waarden, geen formules (een formule wordt geweigerd). "
                   "CBS-codes als tekst (GM0106). Datums als datum of als 2026-04-01. Lees daarna in met "
                   "'planner import-xlsx WERKBOEK --out MAP'."},
    ]
    for table, model in TABLE_MODELS.items():
        for name, info in model.model_fields.items():
            rows.append({"blad": table, "kolom": name, "soort": _type_word(info),
                         "verplicht": "ja" if info.is_required() else "nee",
                         "toegestaan": ", ".join(allowed_values(info)), "uitleg": info.description or ""})
    for name, info in StatedTotal.model_fields.items():
        rows.append({"blad": TOTALS_SHEET, "kolom": name, "soort": _type_word(info),
                     "verplicht": "ja" if info.is_required() else "nee", "toegestaan": "",
                     "uitleg": info.description or ""})
    rows.append({"blad": SETTINGS_SHEET, "kolom": "key / value", "soort": "", "verplicht": "", "toegestaan": "",
                 "uitleg": "Instellingen: één rij per sleutel (sectie.naam). Een lege waarde geeft de standaard."})
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Writing the template


def _table_rows(scenario: Scenario | None, table: str) -> Sequence[BaseModel]:
    if scenario is None:
        return []
    rows: Sequence[BaseModel] = getattr(scenario, table)
    return rows


def write_template(path: Path, scenario: Scenario | None = None) -> None:
    """Write the input workbook (empty, or filled with ``scenario``'s resolved data); atomic."""
    import xlsxwriter

    from planner.io import write_bytes

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    book.set_properties({"created": dt.datetime(2000, 1, 1), "title": "Spreidingsplanner invoer"})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    fmts = {
        "int": book.add_format({"num_format": "0"}),
        "float": book.add_format({"num_format": "0.0000"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "text": book.add_format({"num_format": "@"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }

    ins = book.add_worksheet(INSTRUCTIONS_SHEET)
    _write_rows(ins, instruction_rows(), bold, fmts, widths={"uitleg": 100, "toegestaan": 40})

    st = book.add_worksheet(SETTINGS_SHEET)
    _write_rows(st, settings_rows(scenario), bold, fmts, widths={"key": 36, "value": 30, "description": 100})

    n_munis = len(scenario.municipalities) if scenario is not None else 0
    code_list = f"=municipalities!$A$2:$A${max(2, n_munis + 1) if n_munis else MAX_ROWS + 1}"
    for table, model in TABLE_MODELS.items():
        ws = book.add_worksheet(table)
        fields = model.model_fields
        cols = list(fields)
        for j, name in enumerate(cols):
            ws.write_string(0, j, name, bold)
            info = fields[name]
            if info.description:
                ws.write_comment(0, j, info.description, {"x_scale": 2})
            kind = column_kind(info)
            fmt = fmts["text"] if kind in ("code", "text", "enum") else fmts.get(kind)
            ws.set_column(j, j, 14 if kind != "text" else 28, fmt)
            values = allowed_values(info)
            if values:
                ws.data_validation(1, j, MAX_ROWS, j, {"validate": "list", "source": values,
                                                       "error_title": name,
                                                       "error_message": "Kies: " + ", ".join(values)})
            elif name in CODE_COLUMNS and not (table == "municipalities" and name == "code"):
                ws.data_validation(1, j, MAX_ROWS, j, {"validate": "list", "source": code_list,
                                                       "error_title": "CBS-code",
                                                       "error_message": "Een CBS-code van het blad municipalities",
                                                       "error_type": "warning"})
            elif kind == "int":
                ws.data_validation(1, j, MAX_ROWS, j, {"validate": "integer", "criteria": ">=", "value": 0,
                                                       "error_message": "Een geheel getal (0 of meer)",
                                                       "ignore_blank": True})
        for i, row in enumerate(_table_rows(scenario, table), start=1):
            for j, name in enumerate(cols):
                _write_value(ws, i, j, getattr(row, name, None), fmts)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(1, len(_table_rows(scenario, table))), len(cols) - 1)

    tot = book.add_worksheet(TOTALS_SHEET)
    totals = scenario.settings.stated_totals if scenario is not None else ()
    cols = list(StatedTotal.model_fields)
    for j, name in enumerate(cols):
        tot.write_string(0, j, name, bold)
    tot.set_column(0, 0, 24, fmts["text"])
    tot.set_column(1, 1, 12, fmts["int"])
    tot.set_column(2, 2, 80, fmts["text"])
    for i, total in enumerate(totals, start=1):
        for j, name in enumerate(cols):
            _write_value(tot, i, j, getattr(total, name, None), fmts)
    tot.freeze_panes(1, 0)
    book.close()
    write_bytes(Path(path), buf.getvalue())


def _write_value(ws: Any, i: int, j: int, value: Any, fmts: Mapping[str, Any]) -> None:
    if value is None:
        return
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        ws.write_boolean(i, j, value)
    elif isinstance(value, int | float):
        ws.write_number(i, j, value, fmts["int"] if isinstance(value, int) else fmts["float"])
    elif isinstance(value, dt.date):
        ws.write_datetime(i, j, dt.datetime(value.year, value.month, value.day), fmts["date"])
    else:
        ws.write_string(i, j, str(value), fmts["text"])


def _write_rows(ws: Any, rows: Sequence[Mapping[str, Any]], bold: Any, fmts: Mapping[str, Any],
                widths: Mapping[str, int]) -> None:
    cols = list(rows[0]) if rows else []
    for j, c in enumerate(cols):
        ws.write_string(0, j, c, bold)
        ws.set_column(j, j, widths.get(c, 16), fmts["wrap"] if widths.get(c, 0) >= 60 else None)
    for i, r in enumerate(rows, start=1):
        for j, c in enumerate(cols):
            _write_value(ws, i, j, r.get(c), fmts)
    ws.freeze_panes(1, 0)


# ---------------------------------------------------------------------------------------------------------------
# Importing a filled workbook


def _cell_text(value: Any, kind: str) -> str:
    """A cell's value as the CSV text the table reader expects (values only, never evaluated)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if kind in ("int", "code", "text", "enum") and value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def _sheet_csv(sheets: Workbook, table: str, kinds: Mapping[str, str]) -> tuple[str, list[str]]:
    """The sheet as CSV text, line for line (so row numbers stay the sheet's: empty rows become empty lines), and its
    header (row 1)."""
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    header: list[str] = []
    last = 0
    for r, values in sheets.rows(table):
        if r == 1:
            header = [_cell_text(v, "text").strip() for v in values]
            while header and header[-1] == "":
                header.pop()
            w.writerow(header)
            last = 1
            continue
        if last == 0:
            w.writerow([])  # no header row: the table reader reports it
            last = 1
        buf.write("\n" * (r - last - 1))
        last = r
        cells = [_cell_text(v, kinds.get(header[j], "text") if j < len(header) else "text")
                 for j, v in enumerate(values[: max(len(header), 1)])]
        w.writerow(cells + [""] * (len(header) - len(cells)))
    return buf.getvalue(), header


def _settings(sheets: Workbook, problems: Problems) -> tuple[RawTable, dict[str, int]]:
    """The 'scenario' sheet as TOML data, and the sheet row of every key (for messages)."""
    data: RawTable = {}
    rows_of: dict[str, int] = {}
    if not sheets.has(SETTINGS_SHEET):
        problems.error(sheets.shown, None, "", Msg.of("settings_sheet_missing", sheet=SETTINGS_SHEET),
                       code="missing-sheet")
        return data, rows_of
    header: list[str] | None = None
    for r, values in sheets.rows(SETTINGS_SHEET):
        if header is None:
            header = [str(v or "").strip() for v in values] if r == 1 else []
            if header[:2] != ["key", "value"]:
                problems.error(sheets.where(SETTINGS_SHEET), 1, "", Msg.of("settings_columns"), code="column")
                return data, rows_of
            continue
        key = str(values[0] or "").strip() if values else ""
        value = values[1] if len(values) > 1 else None
        if not key:
            continue
        rows_of[key] = r
        if value is None or (isinstance(value, str) and not value.strip()):
            continue  # the default applies (a required key is reported by the loader)
        section, _, name = key.partition(".")
        if key == "scope":
            data["scope"] = [s.strip() for s in str(value).split(",") if s.strip()]
            continue
        model = SECTIONS.get(section)
        info = model.model_fields.get(name) if model is not None else None
        if info is None or (section, name) in SKIP_KEYS:
            problems.error(sheets.where(SETTINGS_SHEET), r, "key", Msg.of("setting_unknown", key=key),
                           code="unknown-key")
            continue
        table = data.get(section)
        if not isinstance(table, dict):
            table = data[section] = {}
        table[name] = _setting_value(value, info)
    return data, rows_of


def _setting_value(value: Any, info: FieldInfo) -> Any:
    if _is_tuple(info):
        inner = get_args(_inner(info.annotation))[0]
        parts = [p.strip() for p in str(value).split(",") if p.strip()]
        if inner is int:
            return [int(p) if re.fullmatch(r"-?\d+", p) else p for p in parts]
        return parts
    ann = _inner(info.annotation)
    if isinstance(value, dt.datetime):
        return value.date()
    if ann is bool and isinstance(value, str):
        low = value.strip().lower()
        return {"true": True, "waar": True, "ja": True, "false": False, "onwaar": False, "nee": False}.get(low, value)
    if ann is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, float) and value.is_integer() and ann is int:
        return int(value)
    return value


def _totals(sheets: Workbook) -> list[RawTable]:
    if not sheets.has(TOTALS_SHEET):
        return []
    out: list[RawTable] = []
    header: list[str] = []
    for r, values in sheets.rows(TOTALS_SHEET):
        if r == 1:
            header = [str(v or "").strip() for v in values]
            continue
        row = {h: v for h, v in zip(header, values, strict=False) if h and v is not None}
        if row:
            if isinstance(row.get("value"), float) and row["value"].is_integer():
                row["value"] = int(row["value"])
            out.append(row)
    return out


def import_workbook(path: Path, out_dir: Path) -> tuple[Scenario | None, Problems]:
    """Read a filled workbook into ``out_dir`` (``scenario.toml`` + CSV per table). Every problem is returned,
    placed by sheet, row and column; ``out_dir`` is written only when there are no errors (each file atomically)."""
    import tomli_w

    from planner.io import write_text
    from planner.scenario.load import load_scenario

    problems = Problems()
    shown = Path(path).name
    sheets = Workbook(Path(path), shown, problems)
    if not sheets.open([INSTRUCTIONS_SHEET, SETTINGS_SHEET, *TABLE_MODELS, TOTALS_SHEET]):
        return None, problems
    try:
        settings, key_rows = _settings(sheets, problems)
        totals = _totals(sheets)
        files: dict[str, str] = {}
        headers: dict[str, list[str]] = {}
        tables: dict[str, str] = {}
        for table, model in TABLE_MODELS.items():
            if not sheets.has(table):
                if table == "municipalities":
                    problems.error(shown, None, "", Msg.of("sheet_missing", sheet="municipalities"),
                                   code="missing-sheet")
                continue
            kinds = {name: column_kind(info) for name, info in model.model_fields.items()}
            text, header = _sheet_csv(sheets, table, kinds)
            if table != "municipalities" and len(text.strip().splitlines()) <= 1:
                continue  # an empty optional table
            files[f"{table}.csv"] = text
            headers[table] = header
            tables[table] = f"{table}.csv"
    finally:
        sheets.close()
    if sheets.refused:
        return None, problems  # a bomb or a broken sheet: its error says it all, its partial rows say nothing
    if totals:
        settings["stated_totals"] = totals
    settings["tables"] = tables
    toml_text = "# Imported from " + shown + " by 'planner import-xlsx'.\n" + tomli_w.dumps(settings)
    files["scenario.toml"] = toml_text
    with tempfile.TemporaryDirectory(prefix="planner-import-") as tmp:
        for name, text in files.items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        scenario, found = load_scenario(Path(tmp) / "scenario.toml")
    for p in found:
        _relocate(p, problems, shown, headers, key_rows, sheets.formulas)
    if problems.has_errors():
        return None, problems
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        write_text(out_dir / name, text)
    scenario, _ = load_scenario(out_dir)
    return scenario, problems


def _relocate(p: Any, problems: Problems, shown: str, headers: Mapping[str, list[str]],
              key_rows: Mapping[str, int], formulas: set[tuple[str, int, int]]) -> None:
    """A problem found in the temporary CSV/TOML files, placed on the sheet, row and column it came from (a problem
    with a formula cell, which was read as empty, is left out: the formula is already reported)."""
    stem = Path(p.file).name
    table = stem.removesuffix(".csv")
    if stem.endswith(".csv") and table in headers:
        if p.field in headers[table] and (table, p.row, headers[table].index(p.field)) in formulas:
            return
        file = sheet_place(shown, table)
        fld = p.field
        if fld and fld in headers[table]:
            fld = f"{fld} (column {column_letter(headers[table].index(fld))})"
        row = p.row
    elif m := re.match(r"stated_totals\[(\d+)\]\.?(.*)$", p.field or ""):
        file, row, fld = sheet_place(shown, TOTALS_SHEET), int(m.group(1)) + 2, m.group(2) or "value"
    else:
        file = sheet_place(shown, SETTINGS_SHEET)
        key = p.field
        row = None
        for k, r in key_rows.items():
            if key and (k == key or k.endswith("." + key) or key.startswith(k)):
                row = r
                break
        fld = key
    add = problems.error if p.severity.value == "error" else problems.warning
    add(file, row, fld, p.text_of or p.message, p.code)
