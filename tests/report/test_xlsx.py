"""Excel output: real numbers with number formats, tables and frozen headers, metadata, and no formula injection."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from planner.cli.app import app
from planner.journeys.plan import PlanRun, plan_scenario
from planner.report.words_xlsx import column_key
from planner.report.xlsx import EURO_FORMAT, INT_FORMAT, sheet_name, write_plan_xlsx, write_result_xlsx
from planner.scenario.load import require_scenario

runner = CliRunner()
DANGEROUS = ["=1+1", "+CMD|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "=HYPERLINK(\"http://x\",\"y\")"]


@pytest.fixture(scope="module")
def run() -> PlanRun:
    return plan_scenario(require_scenario(None)[0])


def _no_formulas(path: Path, *, totals: bool = False) -> None:
    """No cell is a formula — except, with ``totals``, the SUBTOTALs of a table's totals row (the puzzle's)."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                formulas = re.findall(rb"<f>(.*?)</f>", z.read(name))
                assert all(totals and f.startswith(b"SUBTOTAL(109,") for f in formulas), (name, formulas)


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    rows = [{"name": text, "places": i} for i, text in enumerate(DANGEROUS)]
    write_result_xlsx(path, {"sites": rows}, {"scenario": "=cmd()"})
    _no_formulas(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["locaties"]  # the sheet of the key 'sites' in Dutch, the default language
    got = [(c.value, c.data_type) for c in ws["A"][1:]]
    assert got == [(text, "s") for text in DANGEROUS]
    assert wb["metadata"]["B2"].value == "=cmd()"
    assert wb["metadata"]["B2"].data_type == "s"


def test_numbers_are_numbers_with_formats_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    rows = [{"code": "GM0106", "places": 1000, "spuk1": 1_280_000, "share": 0.25, "score": 0.0029}]
    write_result_xlsx(path, {"results": rows}, {"status": "optimal"}, checks=[])
    wb = openpyxl.load_workbook(path)
    ws = wb["results"]
    assert ws["A2"].value == "GM0106"
    assert ws["A2"].data_type == "s"
    assert ws["B2"].value == 1000
    assert ws["B2"].number_format == INT_FORMAT
    assert ws["C2"].value == 1_280_000
    assert ws["C2"].number_format == EURO_FORMAT
    assert ws["D2"].number_format == "0.0%"
    assert ws["E2"].value == pytest.approx(0.0029)
    assert ws["E2"].number_format == "#,##0.00"
    assert ws.freeze_panes == "A2"
    assert list(ws.tables) == ["results"]
    assert wb.sheetnames == ["results", "controles", "metadata"]


def test_writing_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"old")
    write_result_xlsx(path, {"a": [{"x": 1}]}, {})
    assert zipfile.is_zipfile(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]


def test_sheet_names_are_valid_and_unique() -> None:
    assert sheet_name("a/b:c*d?[e]") == "a_b_c_d__e_"
    assert len(sheet_name("x" * 40)) == 31
    assert sheet_name("SPUK", ["spuk"]) == "SPUK (2)"


def test_plan_workbook_has_the_puzzle_spuk_checks_and_metadata(run: PlanRun, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    write_plan_xlsx(path, run)
    _no_formulas(path, totals=True)
    wb = openpyxl.load_workbook(path, data_only=True)
    assert wb.sheetnames[0] == "puzzel"
    assert {"gemeenten", "locaties", "provincie", "SPUK", "controles", "metadata"} <= set(wb.sheetnames)
    ws = wb["puzzel"]
    header = [c.value for c in ws[2]]
    assert header[:6] == ["code", "gemeente", "inwoners", "Oekraïne opgave", "Oekraïne realisatie",
                          "Oekraïne ambitie"]
    assert "regulier aanbod 2025" in header
    assert "AMV plan 2026" in header
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3)}
    assen = {h: c for h, c in zip(header, rows["GM0106"], strict=True)}
    assert assen["inwoners"].value == 69_414
    assert assen["inwoners"].number_format == INT_FORMAT
    assert assen["regulier opgave"].value == 329
    assert assen["regulier aanbod 2025"].value == 1000
    assert assen["regulier plan 2025"].value == 1000
    assert assen["regulier plan 2026"].value == 0
    total = {h: c.value for h, c in zip(header, rows[None], strict=True)}
    assert total["gemeente"] == "totaal"
    assert total["inwoners"] == 502_051  # the report's total row
    assert ws.freeze_panes == "C3"  # the header, and the code and name columns
    spuk = {r[0].value: r[1] for r in wb["SPUK totaal"].iter_rows(min_row=2)}
    assert spuk["gemeenten samen"].value == 4_749_686
    assert spuk["gemeenten samen"].number_format == EURO_FORMAT
    checks = list(wb["controles"].iter_rows(min_row=2, values_only=True))
    assert any(r[1] == "sites.csv" and r[4] == "ends-in-cycle" for r in checks)
    meta = {column_key("nl", r[0]): r[1] for r in wb["metadata"].iter_rows(min_row=2, values_only=True)}
    assert wb["metadata"]["A1"].value == "veld"
    assert meta["scenario_digest"] == run.scenario.digest()
    assert meta["status"] == "optimal"
    assert meta["solver"] == "highs"
    assert meta["gap"] == 0
    assert {"tool_version", "solver_version", "seconds"} <= set(meta)
    assert "digest van de invoer" in [r[0] for r in wb["metadata"].iter_rows(min_row=2, values_only=True)]


def test_plan_command_writes_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    res = runner.invoke(app, ["plan", "--xlsx", str(path), "-f", "json"])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(path)
    assert wb["metadata"]["A2"].value == "scenario"


def test_nested_values_of_other_results_become_columns_and_sheets(tmp_path: Path) -> None:
    """A nested mapping becomes dotted columns, a list of mappings its own sheet (joined back by the parent's text
    columns), a list of texts one text; nothing is written as a Python or JSON structure."""
    path = tmp_path / "c.xlsx"
    rows = [{"scenario": "A", "delta": {"spuk1": 0}, "takers": ["Assen", "Emmen"], "spuk1": 3_084_000,
             "sites": [{"site": "S1", "places": 40}, {"site": "S2", "places": 5}]},
            {"scenario": "B", "delta": {"spuk1": -100_000}, "takers": [], "spuk1": -100_000, "sites": []}]
    write_result_xlsx(path, {"SPUK per scenario": rows}, {"command": "compare"})
    wb = openpyxl.load_workbook(path)
    ws = wb["SPUK per scenario"]
    # each part of a dotted key in the workbook's language (Dutch by default); a key without a word stays itself
    assert [c.value for c in ws[1]] == ["scenario", "verschil · SPUK 1", "takers", "SPUK 1", "locaties"]
    assert wb.sheetnames[:2] == ["SPUK per scenario", "SPUK per scenario.sites"]
    assert [c.value for c in ws[2]] == ["A", 0, "Assen, Emmen", 3_084_000, 2]
    assert [c.value for c in ws[3]] == ["B", -100_000, None, -100_000, None]
    assert ws["B3"].number_format == EURO_FORMAT
    assert ws["D3"].number_format == EURO_FORMAT
    child = wb["SPUK per scenario.sites"]
    assert [[c.value for c in r] for r in child.iter_rows()] == [
        ["scenario", "locatie", "plaatsen"], ["A", "S1", 40], ["A", "S2", 5]]
