"""Every workbook the CLI writes, read back with openpyxl: each number's format follows from what its column means
(places are never percentages), no cell holds a Python repr, every result workbook has the scenario's validation
warnings in 'controles', and the plan and compare workbooks carry the report's puzzle with the report's numbers."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from planner.cli.app import app
from planner.report.words_xlsx import column_key, heading, xlsx_word
from planner.scenario.load import load_scenario

ROOT = Path(__file__).parents[2]
BASE = ROOT / "scenarios" / "drenthe-2025-2026"
WHATIF = BASE / "what-if" / "borger-odoorn-geen-amv.toml"
KEY_TASKS = ROOT / "tests" / "data" / "whatif" / "drenthe-key-tasks.toml"
ALLOCATION = ROOT / "tests" / "data" / "allocations" / "drenthe-infeasible.csv"

# Every command that writes a workbook: (arguments, exit code). The input workbooks (template) are here too.
COMMANDS: dict[str, tuple[list[str], int]] = {
    "plan": (["plan", str(BASE)], 0),
    "compare": (["compare", str(BASE), str(WHATIF)], 0),
    "spuk": (["spuk", str(BASE)], 0),
    "verdeelbesluit": (["verdeelbesluit", str(BASE)], 1),
    "check-duty": (["check-duty", str(BASE), "-m", "GM1681", "--site", "BO-AMV", "--places", "40"], 0),
    "check-allocation": (["check-allocation", str(BASE), "-a", str(ALLOCATION)], 1),
    "sweep": (["sweep", str(KEY_TASKS), "--vary", "cycle.national_need=80000:90000:10000", "--workers", "1"], 0),
    "template": (["template"], 0),
    "template-from": (["template", "--from", str(BASE)], 0),
}
RESULTS = [c for c in COMMANDS if not c.startswith("template")]

PLACES, EURO, FRACTION, PLAIN, DECIMAL, WHOLE = "#,##0", "€ #,##0", "0.0%", "0", "#,##0.00", "#,##0.##"
# What each numeric column means, written down by hand (not derived from the writer's rules): a new numeric
# column fails the format test until it is classified here.
PLACE_COLUMNS = {
    # places, tasks, shortfalls and counts of things
    "places", "transfer", "task", "limit", "shortfall", "delta_shortfall", "municipalities_short",
    "shortfall_regular", "shortfall_amv", "planned", "surplus", "short_by", "most_possible", "short_at_least",
    "small_scale_places", "offers", "counted", "restopgave", "short_municipalities", "balance", "offer",
    "binding", "short", "restopgave_share", "allocation", "capacity", "exceeds_sites", "excess", "above_offer",
    "base_planned", "old_places", "base_places", "regular", "special", "amv", "planned_regular", "planned_amv",
    "transfer_regular", "transfer_amv", "task_regular", "task_amv", "limit_regular", "limit_amv",
    "surplus_regular", "surplus_amv", "ukraine", "ukraine_target", "ukraine_realised",
    "ukraine_ambition", "ukraine_shortfall", "site_places", "task_total", "durable_places", "spuk1_places",
    "total_shortfall", "cycle.national_need", "task_regular_2025", "task_regular_2026",
    "task_amv_2025", "task_amv_2026", "surplus_regular_2025", "surplus_regular_2026", "surplus_amv_2025",
    "surplus_amv_2026", "variations", "province_short_by", "fields.places.old", "population", "stedelijkheid",
    "realised_regular", "realised_amv", "min_places",
    # a count of the rows of a nested table (its own sheet)
    "tables", "periods", "sites_lost", "municipalities",
}
EURO_COLUMNS = {
    "spuk1", "spuk2", "spuk3", "total", "province_amount", "municipalities_total", "spuk_total", "bedrag €",
    "spuk1_possible", "spuk3_share", "spuk.total",
    "spuk.base_total", "spuk.delta", "delta.spuk1", "delta.spuk2", "delta.spuk3", "delta.municipalities_total",
}
FRACTION_COLUMNS = {"share", "small_scale_share", "gap", "small_scale_share_2025", "small_scale_share_2026"}
PLAIN_COLUMNS = {"year", "row", "seed", "threads"}
DECIMAL_COLUMNS = {"seconds"}
# Columns whose meaning depends on the sheet.
BY_SHEET = {
    ("places", "delta"): PLACES, ("province", "delta"): PLACES, ("small_scale", "delta"): FRACTION,
    ("spuk.municipalities", "delta"): EURO, ("spuk.municipalities", "base"): EURO,
    ("goals", "objective"): WHOLE, ("goals", "bound"): WHOLE,
}
# A plain value in a scenario's 'scenario' sheet (the input template) or the metadata: its format by its value.
VALUE_SHEETS = {"scenario", "stated_totals"}


def _expected(sheet: str, column: str) -> str | None:
    if (sheet, column) in BY_SHEET:
        return BY_SHEET[(sheet, column)]
    if sheet.startswith("puzzel"):
        return PLACES  # inwoners, tasks, realised places, offers and plans: all whole numbers
    for formats, names in ((EURO, EURO_COLUMNS), (FRACTION, FRACTION_COLUMNS), (PLAIN, PLAIN_COLUMNS),
                           (DECIMAL, DECIMAL_COLUMNS), (PLACES, PLACE_COLUMNS)):
        if column in names:
            return formats
    return None


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("books")
    out = {}
    for name, (args, code) in COMMANDS.items():
        path = folder / f"{name}.xlsx"
        res = CliRunner().invoke(app, [*args, "--xlsx", str(path)])
        assert res.exit_code == code, (name, res.output)
        out[name] = path
    return out


@functools.cache
def _load(path: Path, data_only: bool = False) -> openpyxl.Workbook:
    """Each workbook read once (the tests only read)."""
    return openpyxl.load_workbook(path, data_only=data_only)


def _header_row(ws: Worksheet) -> int:
    """Sheets start with their header; a puzzle has a title row above it."""
    return 2 if ws.title.startswith("puzzel") else 1


def _key(shown: object) -> str:
    """The result key a Dutch header or sheet name stands for; a header that is no key (the puzzle's, the SPUK
    totals', an input template's column) as it is."""
    return column_key("nl", str(shown)) or str(shown)


def _sheet(path: Path, key: str) -> Worksheet:
    """The sheet of a result key (``municipalities``: 'gemeenten' in a Dutch workbook)."""
    return _load(path)[heading("nl", key)]


def _columns(ws: Worksheet) -> dict[str, list[openpyxl.cell.Cell]]:
    """The data cells of each column by its key (the metadata sheet: each key with its value)."""
    if ws.title == "metadata":
        return {_key(k.value): [v] for k, v in ws.iter_rows(min_row=2, max_col=2)}
    h = _header_row(ws)
    header = [_key(c.value) for c in ws[h]]
    cols: dict[str, list[openpyxl.cell.Cell]] = {str(name): [] for name in header}
    for row in ws.iter_rows(min_row=h + 1):
        for name, cell in zip(header, row, strict=False):
            cols[str(name)].append(cell)
    return cols


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_number_is_formatted_by_what_its_column_means(command: str, books: dict[str, Path]) -> None:
    wb = _load(books[command])
    wrong, unknown = [], []
    for ws in wb.worksheets:
        if ws.title in VALUE_SHEETS or ws.title == "instructies":
            continue
        for column, cells in _columns(ws).items():
            numbers = [c for c in cells if _number(c.value)]
            if not numbers:
                continue
            if command.startswith("template"):
                expected: str | None = "0.0000" if column == "ses_woa" else PLAIN  # input: plain numbers
            elif ws.title == "metadata" and column in {"objective", "bound", "time_limit"}:
                expected = PLACES if all(float(c.value).is_integer() for c in numbers) else DECIMAL
            else:
                expected = _expected(_key(ws.title), column)
            if expected is None:
                unknown.append((ws.title, column))
                continue
            wrong += [(ws.title, column, c.coordinate, c.value, c.number_format)
                      for c in numbers if c.number_format != expected]
    assert not unknown, f"numeric columns without a meaning in this test: {unknown}"
    assert not wrong, wrong[:10]


def test_places_are_never_percentages(books: dict[str, Path]) -> None:
    """The bug that started this: the verdeelbesluit's restopgave_share (places) showed 22 places as 2200,0 %."""
    for path in books.values():
        for ws in _load(path).worksheets:
            for column, cells in _columns(ws).items():
                if column in PLACE_COLUMNS:
                    assert all("%" not in c.number_format for c in cells), (path.name, ws.title, column)
    ws = _sheet(books["verdeelbesluit"], "municipalities")
    assert {c.number_format for c in _columns(ws)["restopgave_share"]} == {PLACES}


REPR = re.compile(
    r"""^(None|True|False|nan|NaN)$"""  # a Python value written as text
    r"""|[{\[(]\s*['"]"""  # a dict, list or tuple of strings: {'period': …}, ['a', 'b']
    r"""|['"]\s*:\s"""  # 'key': value
    r"""|\bdatetime\.|\bDecimal\(|<[\w.]+ object at 0x|^\w+\.\w+:\s|\bTrue\b,|\bFalse\b,"""
)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_cell_holds_a_python_repr(command: str, books: dict[str, Path]) -> None:
    wb = _load(books[command])
    bad = [(ws.title, c.coordinate, c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
           if isinstance(c.value, str) and REPR.search(c.value)]
    assert not bad, bad[:10]


def test_the_repr_pattern_finds_what_it_is_for() -> None:
    """The pattern above must catch the reprs seen in earlier workbooks, and leave ordinary text alone."""
    for text in ["{'period': '2025', 'capacity': 1000}", "['a', 'b']", "None", "True",
                 "{'site': 'X', 'date': datetime.date(2026, 4, 1)}", '{"spuk1": 0}']:
        assert REPR.search(text), text
    for text in ["Assen azc", "GM0106", "SPUK 1 in plaats van SPUK 3", "2025, 2026", "De puzzel — Drenthe",
                 "site ASN-AZC (1000 places) ends inside the cycle on 1-4-2026: it covers only part of it"]:
        assert not REPR.search(text), text


def _warnings(path: Path) -> list[tuple[object, ...]]:
    """The scenario's warnings as a Dutch workbook shows them."""
    _, problems = load_scenario(path)
    return sorted((xlsx_word("nl", p.severity.value), p.file, p.row, p.field_text("nl"), p.code, p.text("nl"))
                  for p in problems)


@pytest.mark.parametrize("command", RESULTS)
def test_every_result_workbook_lists_the_scenarios_warnings(command: str, books: dict[str, Path]) -> None:
    ws = _sheet(books[command], "checks")
    header = [_key(c.value) for c in ws[1]]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    fields = ("severity", "file", "row", "field", "code", "message")
    if command == "compare":
        base = sorted(tuple(r[f] for f in fields) for r in rows if r["scenario"] == "Drenthe 2025–2026")
        whatif = sorted(tuple(r[f] for f in fields) for r in rows if r["scenario"] != "Drenthe 2025–2026")
        assert base == _warnings(BASE)
        assert whatif == _warnings(WHATIF)
        assert len(base) == 13
        return
    sweep_base = KEY_TASKS if command == "sweep" else BASE
    got = sorted(tuple(r[f] for f in fields) for r in rows)
    assert got == _warnings(sweep_base)
    assert len(got) >= 13  # Drenthe's 13 warnings (the sweep's what-if adds its own)
    assert all(r["severity"] == "waarschuwing" and r["file"] and r["message"] for r in rows)


# The report's puzzle (Provinciaal verslag Drenthe, 31 October 2024: "de Drentse PUZZEL", opgave per 25-10-2024),
# typed over from /work/shared/domain/drenthe-provinciaal-verslag-2024.md; "-" and empty cells are None.
# code: inwoners, Oekraïne opgave/realisatie/ambitie, regulier opgave/realisatie/aanbod 2025/2026,
#       AMV opgave/realisatie/aanbod 2025/2026
REPORT = {
    "GM1680": (25_724, 293, 403, 430, 143, 66, 87, 87, 13, 0, 0, 0),
    "GM0106": (69_414, 791, 792, 792, 329, 1645, 1000, 1000, 31, 0, 0, 0),
    "GM1681": (25_919, 295, 246, 385, 128, 69, 0, None, 12, 0, 50, 50),
    "GM0109": (35_700, 407, 220, 220, 172, 500, 430, 430, 16, 20, 20, 20),
    "GM1690": (24_602, 280, 112, 382, 139, 43, None, None, 13, None, 50, 50),
    "GM0114": (108_765, 1240, 996, 996, 453, 725, 675, 675, 42, 0, 50, 50),
    "GM0118": (56_433, 643, 500, 506, 256, 952, 940, 940, 24, 0, None, None),
    "GM0119": (35_464, 404, 455, 455, 177, 184, 192, 192, 16, 0, None, None),
    "GM1731": (33_987, 387, 264, 537, 181, None, 0, None, 17, 0, 50, 50),
    "GM1699": (31_591, 360, 200, 503, 170, 67, None, None, 16, 43, 43, 43),
    "GM1730": (34_592, 394, 290, 340, 205, 334, 250, 250, 19, 28, 28, 28),
    "GM1701": (19_860, 226, 125, 102, 109, 208, 240, 240, 10, 50, 50, 50),
}
# The report's totals row, except Oekraïne opgave: the report prints 5.722 (the province's target) but its rows add
# up to 293 + 791 + 295 + 407 + 280 + 1.240 + 643 + 404 + 387 + 360 + 394 + 226 = 5.720 (rounded shares); the
# sheet's total is the sum of its rows, and 'controles' carries the scenario's warning about the stated 5.722.
REPORT_TOTAL = (502_051, 5720, 4603, 5648, 2462, 4793, 3814, 3814, 229, 141, 341, 341)
PUZZLE_COLUMNS = ("inwoners", "Oekraïne opgave", "Oekraïne realisatie", "Oekraïne ambitie", "regulier opgave",
                  "regulier realisatie", "regulier aanbod 2025", "regulier aanbod 2026", "AMV opgave",
                  "AMV realisatie", "AMV aanbod 2025", "AMV aanbod 2026")


def _puzzle(path: Path, sheet: str) -> tuple[dict[str, dict[str, object]], dict[str, object], Worksheet, Worksheet]:
    """(rows by code, the totals row's cached values, the sheet with formulas, the sheet with values)."""
    ws = _load(path)[sheet]
    values = _load(path, True)[sheet]
    header = [c.value for c in values[2]]
    rows = [dict(zip(header, r, strict=True)) for r in values.iter_rows(min_row=3, values_only=True)]
    assert rows[-1]["gemeente"] == "totaal"
    return {str(r["code"]): r for r in rows[:-1]}, rows[-1], ws, values


@pytest.mark.parametrize(("command", "sheet"), [("plan", "puzzel"), ("compare", "puzzel"), ("compare", "puzzel 2")])
def test_the_puzzle_sheet_has_the_reports_numbers(command: str, sheet: str, books: dict[str, Path]) -> None:
    rows, total, ws, values = _puzzle(books[command], sheet)
    assert set(rows) == set(REPORT)
    for code, expected in REPORT.items():
        got = tuple(rows[code][c] for c in PUZZLE_COLUMNS)
        # The report writes "-" or leaves a cell empty where the scenario holds 0 or nothing; both mean none.
        assert tuple(g or 0 for g in got) == tuple(e or 0 for e in expected), code
    if sheet == "puzzel 2":  # the what-if: Borger-Odoorn's AMV unit removed, so its offer is gone
        assert rows["GM1681"]["AMV plan 2025"] == 0
    else:
        assert tuple(total[c] for c in PUZZLE_COLUMNS) == REPORT_TOTAL
    # The totals row holds formulas (SUBTOTAL over the table column, so a filter is respected), stored with a
    # cached sum that equals the sum of the cells above it.
    header = [c.value for c in ws[2]]
    last = ws.max_row
    for j, name in enumerate(header):
        if name in ("code", "gemeente"):
            continue
        formula = ws.cell(last, j + 1).value
        assert isinstance(formula, str), name
        assert formula.startswith("=SUBTOTAL(109,"), (name, formula)
        column = [values.cell(i, j + 1).value for i in range(3, last)]
        assert total[name] == sum(v for v in column if isinstance(v, int)), name
        assert ws.cell(last, j + 1).number_format == PLACES, name
    assert ws.freeze_panes == "C3"  # header and the code and name columns stay in view


def test_the_plan_puzzles_plan_totals_agree_with_the_province_sheet(books: dict[str, Path]) -> None:
    _, total, _, _ = _puzzle(books["plan"], "puzzel")
    ws = _sheet(books["plan"], "province")
    header = [_key(c.value) for c in ws[1]]
    province = {r[header.index("period")]: dict(zip(header, r, strict=True))
                for r in ws.iter_rows(min_row=2, values_only=True)}
    for period in ("2025", "2026"):
        assert total[f"regulier plan {period}"] == province[period]["planned_regular"]
        assert total[f"AMV plan {period}"] == province[period]["planned_amv"]
