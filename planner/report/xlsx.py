"""Results as Excel workbooks (xlsxwriter): real numbers with Dutch-friendly number formats, Excel tables with
filters, frozen headers, a 'controles' sheet and a 'metadata' sheet.

Safe by construction: every text cell is written with ``write_string`` (and the workbook is created with
``strings_to_formulas`` off), so a site name like ``=HYPERLINK(…)`` or ``-5`` stays text and never becomes a
formula. The workbook is built in memory and written atomically (temp file + ``os.replace``).

Number formats are the Excel codes ``#,##0`` and ``€ #,##0``: Excel shows them with the reader's locale, so a Dutch
Excel shows ``1.000`` and ``€ 4.749.686``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from planner.journeys.plan import PlanRun
    from planner.scenario.problems import Problems

INT_FORMAT = "#,##0"
EURO_FORMAT = "€ #,##0"
DECIMAL_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "d-m-yyyy"

Cell = str | int | float | bool | dt.date | None
"""One value of a workbook cell as the writers here take it."""

EURO_COLUMNS = frozenset(
    {
        "spuk1", "spuk2", "spuk3", "spuk1_possible", "spuk3_share", "total", "province_amount", "spuk3_pot",
        "municipalities_total", "euro", "euros",
    }
)
PERCENT_COLUMNS = frozenset({"gap", "small_scale_share", "share"})
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


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


def column_format(name: str, values: Sequence[Any]) -> str | None:
    """The number format of a column from its name and values: euros, percentages, whole numbers, decimals."""
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    if not numbers:
        if any(isinstance(v, dt.date) for v in values):
            return DATE_FORMAT
        return None
    low = name.lower()
    if low in EURO_COLUMNS or low.endswith("_euro") or low.endswith("_euros") or "€" in low:
        return EURO_FORMAT
    if low in PERCENT_COLUMNS or low.endswith("_share") or low.endswith("_pct"):
        return PERCENT_FORMAT
    if all(isinstance(v, int) or float(v).is_integer() for v in numbers):
        return INT_FORMAT
    return DECIMAL_FORMAT


class _Writer:
    """A workbook under construction; keeps formats and names unique."""

    def __init__(self) -> None:
        import xlsxwriter

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
        name = sheet_name(name, self.sheets)
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
            text = value.value if hasattr(value, "value") else value
            if isinstance(text, list | tuple):
                text = ", ".join(str(t) for t in text)
            elif isinstance(text, dict):
                text = json.dumps(text, ensure_ascii=False, default=str)
            ws.write_string(row, col, str(text))

    def table(
        self,
        name: str,
        rows: Sequence[Mapping[str, Any]],
        *,
        columns: Sequence[str] | None = None,
        formats: Mapping[str, str] | None = None,
        first_row: int = 0,
        title: str | None = None,
    ) -> Worksheet:
        """A sheet holding ``rows`` as an Excel table with filters and a frozen header."""
        ws = self.add_sheet(name)
        cols = list(columns) if columns is not None else list(dict.fromkeys(k for r in rows for k in r))
        if not cols:
            cols = ["(leeg)"]
        if title:
            ws.write_string(first_row, 0, title, self.title)
            first_row += 1
        col_formats = []
        for c in cols:
            f = (formats or {}).get(c) or column_format(c, [r.get(c) for r in rows])
            col_formats.append(self.fmt(f))
        last = first_row + max(1, len(rows))
        ws.add_table(
            first_row,
            0,
            last,
            len(cols) - 1,
            {
                "name": _table_name(name, self.tables),
                "style": "Table Style Light 9",
                "columns": [{"header": str(c), "format": f} for c, f in zip(cols, col_formats, strict=True)],
            },
        )
        for i, r in enumerate(rows, start=first_row + 1):
            for j, c in enumerate(cols):
                self.write_cell(ws, i, j, r.get(c), col_formats[j])
        ws.freeze_panes(first_row + 1, 0)
        for j, c in enumerate(cols):
            width = max([len(str(c))] + [len(str(r.get(c, ""))) for r in rows[:200]])
            ws.set_column(j, j, min(max(8, width + 2), 60))
        return ws

    def key_values(self, name: str, items: Mapping[str, Any]) -> Worksheet:
        rows = [{"veld": k, "waarde": v} for k, v in items.items()]
        ws = self.add_sheet(name)
        ws.write_string(0, 0, "veld", self.bold)
        ws.write_string(0, 1, "waarde", self.bold)
        for i, r in enumerate(rows, start=1):
            self.write_cell(ws, i, 0, r["veld"])
            v = r["waarde"]
            f = None
            if isinstance(v, int | float) and not isinstance(v, bool):
                f = self.fmt(column_format(str(r["veld"]), [v]))
            self.write_cell(ws, i, 1, v, f)
        ws.freeze_panes(1, 0)
        ws.set_column(0, 0, 28)
        ws.set_column(1, 1, 70)
        return ws

    def save(self, path: Path) -> None:
        from planner.io import write_bytes

        self.book.close()
        write_bytes(Path(path), self.buffer.getvalue())


def _problem_rows(problems: Problems | Iterable[Any] | None) -> list[dict[str, object]]:
    from planner.scenario.problems import Problem

    if problems is None:
        return []
    return [p.as_dict() if isinstance(p, Problem) else dict(p) for p in problems]


def write_result_xlsx(
    path: Path,
    sheets: Mapping[str, Sequence[Mapping[str, Any]]],
    meta: Mapping[str, Any],
    *,
    checks: Problems | Iterable[Any] | None = None,
    formats: Mapping[str, Mapping[str, str]] | None = None,
) -> None:
    """Write any result as a workbook: one Excel table per entry of ``sheets`` (sheet name → rows as dicts), then a
    'controles' sheet (``checks``: problems or dicts, may be empty) and a 'metadata' sheet (``meta``: scenario,
    digest, tool version, solver, status, gap, run time …). ``formats`` (sheet → column → Excel number format)
    overrides the formats chosen from column names and values. Atomic."""
    w = _Writer()
    for name, rows in sheets.items():
        w.table(name, rows, formats=(formats or {}).get(name))
    w.table(
        "controles",
        _problem_rows(checks),
        columns=["severity", "file", "row", "field", "code", "message"],
        formats={"row": "0"},
    )
    w.key_values("metadata", meta)
    w.save(path)


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


def puzzle_rows(run: PlanRun) -> tuple[list[str], list[dict[str, Cell]]]:
    """The report's "puzzel" layout: per municipality inwoners; Oekraïne opgave/realisatie/ambitie; regulier and AMV
    opgave/realisatie/aanbod per year; and the plan per period. Returns (columns, rows)."""
    from planner.model.plan import task_figures

    s = run.scenario
    years = sorted({o.year for o in s.offers}) or sorted({int(p.name[:4]) for p in run.model.periods})
    offer = {(o.code, o.category.value, o.year): o.places for o in s.offers}
    periods = [p.name for p in run.model.periods]
    plan = {(r["code"], r["period"]): r for r in (run.plan.municipalities if run.plan else [])}
    tasks = {c: m.task for c, m in run.model.munis.items()}
    cols = ["code", "gemeente", "inwoners", "Oekraïne opgave", "Oekraïne realisatie", "Oekraïne ambitie"]
    for label in ("regulier", "AMV"):
        cols += [f"{label} opgave", f"{label} realisatie"]
        cols += [f"{label} aanbod {y}" for y in years]
        cols += [f"{label} plan {p}" for p in periods]
    rows: list[dict[str, Cell]] = []
    for m in sorted(s.municipalities, key=lambda m: m.code):
        if m.code not in tasks:
            continue
        r: dict[str, Cell] = {
            "code": m.code,
            "gemeente": m.name,
            "inwoners": m.population,
            "Oekraïne opgave": run.model.munis[m.code].ukraine_target,
            "Oekraïne realisatie": m.ukraine_realised,
            "Oekraïne ambitie": m.ukraine_ambition,
        }
        for cat, label in (("regular", "regulier"), ("amv", "AMV")):
            r[f"{label} opgave"] = tasks[m.code][cat]
            r[f"{label} realisatie"] = m.realised_regular if cat == "regular" else m.realised_amv
            for y in years:
                r[f"{label} aanbod {y}"] = offer.get((m.code, cat, y))
            for p in periods:
                pr = plan.get((m.code, p))
                r[f"{label} plan {p}"] = None if pr is None else task_figures(pr, cat).planned
        rows.append(r)
    total: dict[str, Cell] = {"code": "", "gemeente": "totaal"}
    for c in cols[2:]:
        vals = [v for r in rows if isinstance(v := r.get(c), int | float)]
        total[c] = sum(vals) if vals else None
    rows.append(total)
    return cols, rows


def spuk_rows(spuk: Any) -> list[dict[str, Cell]]:
    """SPUK per municipality in Dutch column names, with the choice as the report names it."""
    out: list[dict[str, Cell]] = []
    for r in spuk.as_dict()["municipalities"]:
        out.append(
            {
                "code": r["code"],
                "gemeente": r["name"],
                "taak totaal": r["task_total"],
                "plaatsen": r["places"],
                "duurzame plaatsen": r["durable_places"],
                "plaatsen boven taak": r["spuk1_places"],
                "SPUK 1 mogelijk €": r["spuk1_possible"],
                "SPUK 3 aandeel €": r["spuk3_share"],
                "keuze": choice_text(r["choice"]),
                "SPUK 1 €": r["spuk1"],
                "SPUK 2 €": r["spuk2"],
                "SPUK 3 €": r["spuk3"],
                "totaal €": r["total"],
            }
        )
    return out


def choice_text(choice: str, lang: str = "nl") -> str:
    if lang == "en":
        return {"spuk1": "SPUK 1 instead of SPUK 3", "spuk3": "SPUK 3", "none": "none"}.get(choice, choice)
    return {"spuk1": "SPUK 1 in plaats van SPUK 3", "spuk3": "SPUK 3", "none": "geen"}.get(choice, choice)


def spuk_totals(spuk: Any) -> dict[str, int | str]:
    return {
        "SPUK 1": spuk.spuk1,
        "SPUK 2": spuk.spuk2,
        "SPUK 3": spuk.spuk3,
        "gemeenten samen": spuk.municipalities_total,
        "provincie": spuk.province_amount,
        "SPUK 3 pot": spuk.pot,
        "SPUK 3 sleutel": spuk.key,
        "SPUK 1 in plaats van SPUK 3": ", ".join(spuk.takers_spuk1()) or "geen",
    }


def write_spuk_xlsx(path: Path, spuk: Any, meta: Mapping[str, Any]) -> None:
    totals = [{"post": k, "bedrag €": v} for k, v in spuk_totals(spuk).items() if isinstance(v, int)]
    write_result_xlsx(path, {"SPUK": spuk_rows(spuk), "SPUK totaal": totals}, meta)


def write_plan_xlsx(
    path: Path, run: PlanRun, data: Mapping[str, Any] | None = None, problems: Problems | None = None
) -> None:
    """The plan as a workbook: puzzel, municipalities, sites, province, SPUK, goals, controles, metadata."""
    if problems is None:
        problems = _reload_problems(run)
    w = _Writer()
    cols, rows = puzzle_rows(run)
    w.table("puzzel", rows, columns=cols, title=f"De puzzel — {run.scenario.name}")
    if run.plan is not None:
        w.table("gemeenten", run.plan.municipalities)
        w.table("locaties", run.plan.sites)
        w.table("provincie", run.plan.province, formats={"small_scale_share": PERCENT_FORMAT})
    if run.spuk is not None:
        w.table("SPUK", spuk_rows(run.spuk))
        w.table(
            "SPUK totaal",
            [{"post": k, "bedrag €": v} for k, v in spuk_totals(run.spuk).items() if isinstance(v, int)],
        )
    w.table("doelen", [g.as_dict() for g in run.solution.goals], formats={"objective": "#,##0.##", "bound": "#,##0.##"})
    w.table(
        "controles",
        _problem_rows(problems),
        columns=["severity", "file", "row", "field", "code", "message"],
        formats={"row": "0"},
    )
    w.key_values("metadata", run_meta(run, data))
    w.save(path)


def _reload_problems(run: PlanRun) -> Problems | None:
    """The validation warnings of the run's scenario (reading it again: the scenario was loaded before)."""
    from planner.scenario.load import load_scenario

    try:
        _, problems = load_scenario(run.scenario.path, allow_outside=True)
    except Exception:
        return None
    return problems
