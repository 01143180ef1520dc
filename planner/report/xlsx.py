"""Results as Excel workbooks (xlsxwriter): real numbers with Dutch-friendly number formats, Excel tables with
filters, frozen headers, a checks sheet ('controles') and a 'metadata' sheet.

Safe by construction: every text cell is written with ``write_string`` (and the workbook is created with
``strings_to_formulas`` off), so a site name like ``=HYPERLINK(…)`` or ``-5`` stays text and never becomes a
formula. The workbook is built in memory and written atomically (temp file + ``os.replace``).

Number formats are the Excel codes ``#,##0`` and ``€ #,##0``: Excel shows them with the reader's locale, so a Dutch
Excel shows ``1.000`` and ``€ 4.749.686``.

A workbook is in one language (``lang``: the scenario's or ``--lang``): its sheet names, headers, metadata fields
and fixed texts come from :mod:`planner.report.words_xlsx`. Sheets and columns are named by the results' keys inside
(``municipalities``, ``planned_regular``), and each number's format is chosen from the key, never from the header
shown. A ``category`` cell is the category's word (``regulier``, ``AMV``: the input reads these back); other cell
values are the results' own (codes such as ``optimal`` stay codes, as in the JSON).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from planner.report.words import category
from planner.report.words_xlsx import heading, xlsx_word

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from planner.journeys.plan import PlanRun
    from planner.scenario.load import Scenario
    from planner.scenario.problems import Problems

INT_FORMAT = "#,##0"
EURO_FORMAT = "€ #,##0"
DECIMAL_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"
PLAIN_FORMAT = "0"
DATE_FORMAT = "d-m-yyyy"

Cell = str | int | float | bool | dt.date | None
"""One value of a workbook cell as the writers here take it."""


class TableColumn(TypedDict, total=False):
    """One column of an Excel table as xlsxwriter's ``add_table`` takes it."""

    header: str
    format: Format
    total_function: str
    total_value: float
    total_string: str

# Each number's format follows from what the column means, never from its values alone: places and counts are
# whole numbers ("#,##0"), money is euros, only true fractions are percentages, and years, row numbers and seeds
# are plain ("0", or a Dutch Excel shows the year 2025 as 2.025). A dotted name (``delta.spuk1``, from a nested
# result) is judged by its last part.
EURO_COLUMNS = frozenset(
    {
        "spuk1", "spuk2", "spuk3", "spuk1_possible", "spuk3_share", "total", "province_amount", "spuk3_pot",
        "municipalities_total", "euro", "euros", "spuk_total", "pot",
    }
)
PERCENT_COLUMNS = frozenset({"gap", "relative_gap", "small_scale_share", "share"})
"""Fractions (0.14 shows as 14,0 %). Not every ``*_share``: the verdeelbesluit's ``restopgave_share`` is places."""
PLAIN_COLUMNS = frozenset({"year", "row", "seed", "threads", "cycle.year", "reference_period"})
EURO_SHEETS = ("spuk",)
"""In a sheet about SPUK (``spuk.municipalities``, or the metadata's ``spuk.*``) ``base``, ``base_total`` and
``delta`` are euros."""
PERCENT_SHEETS = ("small_scale",)
"""In the small-scale sheet the ``delta`` is a change of the share (percentage points)."""
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_PERCENT_NAME = re.compile(r"small_scale_share_\d{4}")


def sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique Excel sheet name (≤ 31 characters, none of ``[]:*?/\\``)."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'") or "blad"
    base = base[:31]
    used = {t.lower() for t in taken}
    out, i = base, 2
    while out.lower() in used:
        suffix = f" ({i})"
        out = base[: 31 - len(suffix)] + suffix
        i += 1
    return out


def _table_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9_]", "_", name)
    if not base or not (base[0].isalpha() or base[0] == "_"):
        base = "t_" + base
    base = base[:200]
    out, i = base, 2
    while out.lower() in taken or re.fullmatch(r"[A-Za-z]{1,3}\d+", out) or out.lower() in ("r", "c"):
        out = f"{base}_{i}"
        i += 1
    taken.add(out.lower())
    return out


def column_format(name: str, values: Sequence[Any], sheet: str = "") -> str | None:
    """The number format of a column from what it means (its name, and the sheet for ``delta``/``base``): euros,
    fractions as percentages, plain years, whole places and counts, else decimals."""
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    if not numbers:
        if any(isinstance(v, dt.date) for v in values):
            return DATE_FORMAT
        return None
    full = name.lower()
    low = full.rsplit(".", 1)[-1] if full not in PLAIN_COLUMNS else full
    in_sheet = sheet.lower()
    if low in PLAIN_COLUMNS:
        return PLAIN_FORMAT
    euro_name = low in EURO_COLUMNS or low.endswith(("_euro", "_euros")) or "€" in low
    if euro_name or (low in ("base", "base_total", "delta") and any(k in in_sheet for k in EURO_SHEETS)):
        return EURO_FORMAT
    percent_name = low in PERCENT_COLUMNS or low.endswith("_pct") or _PERCENT_NAME.fullmatch(low) is not None
    if percent_name or (low == "delta" and any(k in in_sheet for k in PERCENT_SHEETS)):
        return PERCENT_FORMAT
    if all(isinstance(v, int) or float(v).is_integer() for v in numbers):
        return INT_FORMAT
    return DECIMAL_FORMAT


def cell_text(value: object, lang: str = "nl") -> str:
    """Text for a cell that is not a number or date: enums by value, lists joined, mappings as ``key: value``,
    dates as d-m-yyyy, yes/no in ``lang``, nothing as empty — never a Python repr (``{'a': 1}``, ``None``,
    ``datetime.date(…)``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return xlsx_word(lang, "yes" if value else "no")
    if isinstance(value, dt.date):
        return f"{value.day}-{value.month}-{value.year}"
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {cell_text(v, lang)}" for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(cell_text(v, lang) for v in value)
    inner = getattr(value, "value", None)
    if inner is not None and not callable(inner):
        return cell_text(inner, lang)
    return str(value)


class _Writer:
    """A workbook under construction in ``lang``; keeps formats and names unique."""

    def __init__(self, lang: str = "nl") -> None:
        import xlsxwriter

        self.lang = lang
        self.buffer = io.BytesIO()
        self.book: Workbook = xlsxwriter.Workbook(
            self.buffer,
            {
                "in_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "default_date_format": DATE_FORMAT,
            },
        )
        self.book.set_properties({"created": dt.datetime(2000, 1, 1)})  # reproducible bytes
        self.formats: dict[str, Format] = {}
        self.sheets: list[str] = []
        self.tables: set[str] = set()
        self.bold = self.book.add_format({"bold": True})
        self.title = self.book.add_format({"bold": True, "font_size": 13})

    def fmt(self, num_format: str | None) -> Format | None:
        if num_format is None:
            return None
        if num_format not in self.formats:
            self.formats[num_format] = self.book.add_format({"num_format": num_format})
        return self.formats[num_format]

    def add_sheet(self, name: str) -> Worksheet:
        """A sheet for the result key ``name`` (``municipalities``, ``spuk.municipalities``), named in the
        workbook's language."""
        name = sheet_name(heading(self.lang, name), self.sheets)
        self.sheets.append(name)
        return self.book.add_worksheet(name)

    def write_cell(self, ws: Worksheet, row: int, col: int, value: Any, cell_format: Any = None) -> None:
        """One cell; text always as text (never a formula, URL or number)."""
        if value is None:
            ws.write_blank(row, col, None, cell_format)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value)
        elif isinstance(value, int | float):
            if isinstance(value, float) and value != value:  # NaN
                ws.write_blank(row, col, None, cell_format)
            else:
                ws.write_number(row, col, value, cell_format)
        elif isinstance(value, dt.datetime | dt.date):
            ws.write_datetime(row, col, value, cell_format or self.fmt(DATE_FORMAT))
        else:
            ws.write_string(row, col, cell_text(value, self.lang))

    def table(
        self,
        name: str,
        rows: Sequence[Mapping[str, Any]],
        *,
        columns: Sequence[str] | None = None,
        formats: Mapping[str, str] | None = None,
        first_row: int = 0,
        title: str | None = None,
        totals: Mapping[str, str] | None = None,
        freeze_columns: int = 0,
        sheet: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Worksheet:
        """A sheet holding ``rows`` (keyed by the result's keys) as an Excel table with filters, its header in the
        workbook's language (``headers`` gives a column's header itself) and frozen (and the first
        ``freeze_columns`` columns). ``totals`` (column → label or ``"sum"``) adds the table's totals row: a label,
        or ``SUBTOTAL(109, …)`` over the column — a formula, so it follows a filter, stored with the sum computed
        here so a reader that does not calculate still sees the number."""
        ws = self.add_sheet(name) if sheet is None else self.add_sheet_named(sheet)
        cols = list(columns) if columns is not None else list(dict.fromkeys(k for r in rows for k in r))
        if not cols:
            cols = [xlsx_word(self.lang, "empty")]
        shown = {c: (headers or {}).get(c) or heading(self.lang, c) for c in cols}
        if title:
            ws.write_string(first_row, 0, title, self.title)
            first_row += 1
        col_formats = []
        for c in cols:
            f = (formats or {}).get(c) or column_format(c, [r.get(c) for r in rows], name)
            col_formats.append(self.fmt(f))
        last = first_row + max(1, len(rows)) + (1 if totals else 0)
        columns_spec: list[TableColumn] = []
        for c, f in zip(cols, col_formats, strict=True):
            spec: TableColumn = {"header": shown[c], "format": f}
            how = (totals or {}).get(c)
            if how == "sum":
                numbers = [v for r in rows if isinstance(v := r.get(c), int | float) and not isinstance(v, bool)]
                spec |= {"total_function": "sum", "total_value": sum(numbers)}
            elif how is not None:
                spec["total_string"] = how
            columns_spec.append(spec)
        ws.add_table(
            first_row,
            0,
            last,
            len(cols) - 1,
            {
                "name": _table_name(name, self.tables),
                "style": "Table Style Light 9",
                "columns": columns_spec,
                "total_row": bool(totals),
            },
        )
        for i, r in enumerate(rows, start=first_row + 1):
            for j, c in enumerate(cols):
                value = r.get(c)
                if c == "category" and isinstance(value, str):  # as the output prints it: regulier, AMV
                    value = category(self.lang, value)
                self.write_cell(ws, i, j, value, col_formats[j])
        ws.freeze_panes(first_row + 1, freeze_columns)
        for j, c in enumerate(cols):
            width = max([len(shown[c])] + [len(str(r.get(c, ""))) for r in rows[:200]])
            ws.set_column(j, j, min(max(8, width + 2), 60))
        return ws

    def add_sheet_named(self, shown: str) -> Worksheet:
        """A sheet whose name is given as shown (a puzzle's 'puzzel 2')."""
        name = sheet_name(shown, self.sheets)
        self.sheets.append(name)
        return self.book.add_worksheet(name)

    def key_values(self, name: str, items: Mapping[str, Any]) -> Worksheet:
        """A sheet of fields (result keys, shown in the workbook's language) and their values."""
        ws = self.add_sheet(name)
        ws.write_string(0, 0, heading(self.lang, "field"), self.bold)
        ws.write_string(0, 1, heading(self.lang, "value"), self.bold)
        for i, (key, v) in enumerate(items.items(), start=1):
            self.write_cell(ws, i, 0, heading(self.lang, key))
            f = None
            if isinstance(v, int | float) and not isinstance(v, bool):
                f = self.fmt(column_format(key, [v], key.rsplit(".", 1)[0] if "." in key else ""))
            self.write_cell(ws, i, 1, v, f)
        ws.freeze_panes(1, 0)
        ws.set_column(0, 0, 28)
        ws.set_column(1, 1, 70)
        return ws

    def save(self, path: Path) -> None:
        from planner.io import write_bytes

        self.book.close()
        write_bytes(Path(path), self.buffer.getvalue())


CHECK_COLUMNS = ("severity", "file", "row", "field", "code", "message")


def _problem_rows(problems: Problems | Iterable[Any] | None, lang: str = "nl") -> list[dict[str, object]]:
    """Problems as rows of the checks sheet, in ``lang``: severity, field and message as the output says them."""
    from planner.scenario.problems import Problem

    if problems is None:
        return []
    return [p.as_dict() | {"severity": xlsx_word(lang, p.severity.value), "field": p.field_text(lang),
                           "message": p.text(lang)} if isinstance(p, Problem) else dict(p) for p in problems]


def scenario_problems(scenario: Scenario) -> Problems | None:
    """The validation warnings of a scenario, read again (the commands load it before and keep no problems);
    ``None`` when it cannot be read again (it was read a moment ago, so this is rare)."""
    from planner.scenario.load import load_scenario

    try:
        _, problems = load_scenario(scenario.path, allow_outside=True)
    except Exception:
        return None
    return problems


def check_rows(scenarios: Sequence[Scenario], lang: str = "nl") -> list[dict[str, object]]:
    """The checks sheet of a result about ``scenarios``: every validation problem of each (in ``lang``), with the
    scenario's name in front when there is more than one."""
    rows: list[dict[str, object]] = []
    for s in scenarios:
        for r in _problem_rows(scenario_problems(s), lang):
            rows.append(({"scenario": s.name} if len(scenarios) > 1 else {}) | r)
    return rows


def flatten_sheets(sheets: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Result rows as flat cells, so no cell holds a Python structure: a nested mapping becomes dotted columns
    (``delta.spuk1``), and a list of mappings becomes a sheet of its own, ``<sheet>.<key>``, whose rows start
    with the parent row's text columns (scenario, code, name, category, period …) to join them back by."""
    out: dict[str, list[dict[str, Any]]] = {}

    def add(name: str, rows: Sequence[Mapping[str, Any]]) -> None:
        flat_rows: list[dict[str, Any]] = []
        children: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            flat: dict[str, Any] = {}
            nested: dict[str, list[Mapping[str, Any]]] = {}
            _flatten(r, "", flat, nested)
            flat_rows.append(flat)
            keys = {k: v for k, v in flat.items() if isinstance(v, str)}
            for key, found in nested.items():
                children.setdefault(key, []).extend(keys | dict(item) for item in found)
        out[name] = flat_rows
        for key, items in children.items():
            add(f"{name}.{key}", items)

    for name, rows in sheets.items():
        add(name, rows)
    return out


def _flatten(value: Mapping[str, Any], prefix: str, flat: dict[str, Any], nested: dict[str, list[Any]]) -> None:
    for k, v in value.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping):
            _flatten(v, f"{key}.", flat, nested)
        elif isinstance(v, list | tuple) and v and all(isinstance(i, Mapping) for i in v):
            nested[key] = list(v)
            flat[key] = len(v)
        elif isinstance(v, list | tuple) and not v:
            flat[key] = None
        else:
            flat[key] = v


def write_result_xlsx(
    path: Path,
    sheets: Mapping[str, Sequence[Mapping[str, Any]]],
    meta: Mapping[str, Any],
    *,
    checks: Problems | Iterable[Any] | None = None,
    formats: Mapping[str, Mapping[str, str]] | None = None,
    puzzles: Sequence[PlanRun] = (),
    lang: str = "nl",
) -> None:
    """Write any result as a workbook in ``lang``: a puzzle sheet per plan run in ``puzzles``, one Excel table per
    entry of ``sheets`` (sheet key → rows as dicts; nested values flattened, see :func:`flatten_sheets`), then a
    checks sheet (``checks``: problems or dicts, may be empty) and a 'metadata' sheet (``meta``: scenario,
    digest, tool version, solver, status, gap, run time …). ``formats`` (sheet → column → Excel number format)
    overrides the formats chosen from the columns' meaning. Atomic."""
    w = _Writer(lang)
    for i, run in enumerate(puzzles):
        _puzzle_sheet(w, run, i)
    for name, rows in flatten_sheets(sheets).items():
        w.table(name, rows, formats=(formats or {}).get(name))
    check = _problem_rows(checks, lang)
    columns = (["scenario"] if any("scenario" in r for r in check) else []) + list(CHECK_COLUMNS)
    w.table("checks", check, columns=columns, formats={"row": PLAIN_FORMAT})
    w.key_values("metadata", meta)
    w.save(path)


def result_sheets(data: Mapping[str, Any], result: str, lang: str = "nl") -> tuple[dict[str, list[dict[str, Any]]],
                                                                                  dict[str, Cell]]:
    """A command's JSON result as sheets and metadata: every list of rows becomes a sheet (one level of nesting is
    followed, e.g. ``spuk.municipalities``), lists of sentences become a sheet of texts, and the scalar fields go to
    the metadata together with the result's name and the tool version."""
    from planner import __version__

    sheets: dict[str, list[dict[str, Any]]] = {}
    meta: dict[str, Cell] = {"result": result, "tool_version": __version__}

    def collect(prefix: str, value: Any) -> None:
        if isinstance(value, list) and value and all(isinstance(r, dict) for r in value):
            sheets[prefix] = value
        elif isinstance(value, list) and value and all(isinstance(r, str) for r in value):
            sheets[prefix] = [{"text": r} for r in value]
        elif isinstance(value, dict) and "." not in prefix:
            for key, sub in value.items():
                collect(f"{prefix}.{key}", sub)
        elif isinstance(value, list | dict):
            meta[prefix] = cell_text(value, lang)
        else:
            meta[prefix] = value

    for key, value in data.items():
        collect(key, value)
    return sheets, meta


def write_json_result_xlsx(
    path: Path,
    data: Mapping[str, Any],
    result: str,
    scenarios: Sequence[Scenario] = (),
    runs: Sequence[PlanRun] = (),
    lang: str = "nl",
) -> None:
    """A command's JSON result as a workbook in ``lang`` (:func:`result_sheets`), with the validation warnings of
    the ``scenarios`` it is about in the checks sheet and a puzzle sheet per plan run in ``runs``."""
    sheets, meta = result_sheets(data, result, lang)
    write_result_xlsx(path, sheets, meta, checks=check_rows(scenarios, lang), puzzles=runs, lang=lang)


# ---------------------------------------------------------------------------------------------------------------
# Plan and SPUK workbooks


def run_meta(run: PlanRun, data: Mapping[str, Any] | None = None) -> dict[str, Cell]:
    """The metadata sheet of a plan run."""
    from planner import __version__

    sol = run.solution
    return {
        "scenario": run.scenario.name,
        "scenario_digest": run.scenario.digest(),
        "tool_version": __version__,
        "solver": sol.solver,
        "solver_version": sol.solver_version,
        "status": sol.status.value,
        "limit": sol.limit,
        "gap": sol.gap,
        "objective": sol.objective,
        "bound": sol.bound,
        "seconds": round(sol.seconds, 4),
        "time_limit": run.settings.time_limit,
        "threads": run.settings.threads,
        "seed": run.settings.seed,
        "plan": run.plan is not None,
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    }


def puzzle_rows(run: PlanRun, lang: str = "nl") -> tuple[list[str], list[dict[str, Cell]]]:
    """The report's "puzzel" layout in ``lang``: per municipality inwoners; Oekraïne opgave/realisatie/ambitie;
    regulier and AMV opgave/realisatie/aanbod per year; and the plan per period. Returns (columns, rows), the
    columns named as shown; the totals row is the table's own (:func:`_puzzle_sheet`)."""
    from planner.model.plan import task_figures

    s = run.scenario
    years = sorted({o.year for o in s.offers}) or sorted({int(p.name[:4]) for p in run.model.periods})
    offer = {(o.code, o.category.value, o.year): o.places for o in s.offers}
    periods = [p.name for p in run.model.periods]
    plan = {(r["code"], r["period"]): r for r in (run.plan.municipalities if run.plan else [])}
    tasks = {c: m.task for c, m in run.model.munis.items()}
    def word(key: str) -> str:
        return xlsx_word(lang, key)

    ukraine, task, realised = word("pz_ukraine"), word("pz_task"), word("pz_realised")
    cols = [heading(lang, "code"), heading(lang, "municipality"), word("pz_population"), f"{ukraine} {task}",
            f"{ukraine} {realised}", f"{ukraine} {word('pz_ambition')}"]
    labels = (("regular", word("pz_regular")), ("amv", word("pz_amv")))
    for _, label in labels:
        cols += [f"{label} {task}", f"{label} {realised}"]
        cols += [f"{label} {word('pz_offer')} {y}" for y in years]
        cols += [f"{label} {word('pz_plan')} {p}" for p in periods]
    rows: list[dict[str, Cell]] = []
    for m in sorted(s.municipalities, key=lambda m: m.code):
        if m.code not in tasks:
            continue
        values: list[Cell] = [m.code, m.name, m.population, run.model.munis[m.code].ukraine_target,
                              m.ukraine_realised, m.ukraine_ambition]
        for cat, _ in labels:
            values += [tasks[m.code][cat], m.realised_regular if cat == "regular" else m.realised_amv]
            values += [offer.get((m.code, cat, y)) for y in years]
            values += [None if (pr := plan.get((m.code, p))) is None else task_figures(pr, cat).planned
                       for p in periods]
        r: dict[str, Cell] = dict(zip(cols, values, strict=True))
        rows.append(r)
    return cols, rows


def _puzzle_sheet(w: _Writer, run: PlanRun, index: int = 0) -> None:
    """The puzzle (the ``index``-th plan run's) as an Excel table: header frozen with the code and name columns,
    every number column summed in the table's totals row (``SUBTOTAL(109, …)``, so a filtered table sums what it
    shows)."""
    cols, rows = puzzle_rows(run, w.lang)
    totals = {cols[1]: xlsx_word(w.lang, "total_row")} | {c: "sum" for c in cols[2:]}
    name = xlsx_word(w.lang, "puzzle") + ("" if index == 0 else f" {index + 1}")
    w.table("puzzle", rows, columns=cols, title=xlsx_word(w.lang, "puzzle_title", name=run.scenario.name),
            totals=totals, freeze_columns=2, sheet=name, headers={c: c for c in cols})


def spuk_rows(spuk: Any, lang: str = "nl") -> list[dict[str, Cell]]:
    """SPUK per municipality by the result's keys (the workbook names the columns), with the choice as the report
    names it in ``lang``."""
    keys = ("code", "municipality", "task_total", "places", "durable_places", "spuk1_places", "spuk1_possible",
            "spuk3_share", "choice", "spuk1", "spuk2", "spuk3", "total")
    return [{k: choice_text(r["choice"], lang) if k == "choice" else r["name" if k == "municipality" else k]
             for k in keys} for r in spuk.as_dict()["municipalities"]]


def choice_text(choice: str, lang: str = "nl") -> str:
    if lang == "en":
        return {"spuk1": "SPUK 1 instead of SPUK 3", "spuk3": "SPUK 3", "none": "none"}.get(choice, choice)
    return {"spuk1": "SPUK 1 in plaats van SPUK 3", "spuk3": "SPUK 3", "none": "geen"}.get(choice, choice)


def spuk_totals(spuk: Any, lang: str = "nl") -> list[dict[str, Cell]]:
    """The SPUK totals sheet's rows in ``lang``: each amount in euros (the pot's key is a word, not an amount)."""
    items = (("spuk1", spuk.spuk1), ("spuk2", spuk.spuk2), ("spuk3", spuk.spuk3),
             ("spuk_together", spuk.municipalities_total), ("spuk_province", spuk.province_amount),
             ("spuk_pot", spuk.pot))
    return [{"item": heading(lang, k) if k.startswith("spuk") and k[-1].isdigit() else xlsx_word(lang, k),
             "amount_euro": v} for k, v in items]


def _spuk_sheets(w: _Writer, spuk: Any) -> None:
    w.table("spuk", spuk_rows(spuk, w.lang))
    w.table("spuk_total", spuk_totals(spuk, w.lang),
            headers={"item": xlsx_word(w.lang, "spuk_item"), "amount_euro": xlsx_word(w.lang, "spuk_amount")})


def write_spuk_xlsx(path: Path, spuk: Any, meta: Mapping[str, Any], scenario: Scenario | None = None,
                    lang: str = "nl") -> None:
    """SPUK per municipality and its totals in ``lang``; the checks sheet holds the ``scenario``'s warnings (none
    given: SPUK from a plan folder without its scenario, which keeps no warnings — the metadata says so)."""
    if scenario is None:
        meta = dict(meta) | {"checks": xlsx_word(lang, "checks_not_read")}
    w = _Writer(lang)
    _spuk_sheets(w, spuk)
    check = check_rows([scenario], lang) if scenario is not None else []
    w.table("checks", check, columns=list(CHECK_COLUMNS), formats={"row": PLAIN_FORMAT})
    w.key_values("metadata", meta)
    w.save(path)


def write_plan_xlsx(
    path: Path, run: PlanRun, data: Mapping[str, Any] | None = None, problems: Problems | None = None,
    lang: str | None = None,
) -> None:
    """The plan as a workbook in ``lang`` (default: the scenario's): puzzle, municipalities, sites, province, SPUK,
    goals, checks, metadata."""
    if problems is None:
        problems = scenario_problems(run.scenario)
    w = _Writer(lang or str(run.scenario.settings.scenario.language))
    _puzzle_sheet(w, run)
    if run.plan is not None:
        w.table("municipalities", run.plan.municipalities)
        w.table("sites", run.plan.sites)
        w.table("province", run.plan.province, formats={"small_scale_share": PERCENT_FORMAT})
    if run.spuk is not None:
        _spuk_sheets(w, run.spuk)
    w.table("goals", [g.as_dict() for g in run.solution.goals], formats={"objective": "#,##0.##", "bound": "#,##0.##"})
    w.table("checks", _problem_rows(problems, w.lang), columns=list(CHECK_COLUMNS), formats={"row": PLAIN_FORMAT})
    w.key_values("metadata", run_meta(run, data))
    w.save(path)
