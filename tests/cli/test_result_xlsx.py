"""Every result can be written as a workbook: compare, sweep, duty check and verdeelbesluit (plan and SPUK have
their own tests in tests/report/test_xlsx.py)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from planner.cli.app import app
from planner.report.words_xlsx import column_key, heading

ROOT = Path(__file__).parents[2]
BASE = ROOT / "scenarios" / "drenthe-2025-2026"
WHATIF = BASE / "what-if" / "borger-odoorn-geen-amv.toml"
KEY_TASKS = ROOT / "tests" / "data" / "whatif" / "drenthe-key-tasks.toml"

CASES = {
    "compare": (["compare", str(BASE), str(WHATIF)], 0, "spuk"),
    "sweep": (
        ["sweep", str(KEY_TASKS), "--vary", "cycle.national_need=80000:90000:10000", "--workers", "1"],
        0,
        "rows",
    ),
    "check-duty": (["check-duty", "-m", "GM1681", "--site", "BO-AMV", "--places", "40"], 0, "duty"),
    "verdeelbesluit": (["verdeelbesluit"], 1, "municipalities"),
}


def _metadata(wb: openpyxl.Workbook) -> dict[str, object]:
    """The metadata by key (the sheet names each field in the workbook's language: Dutch here)."""
    return {column_key("nl", row[0]): row[1] for row in wb["metadata"].iter_rows(min_row=1, values_only=True)
            if row and row[0]}


@pytest.mark.parametrize("command", sorted(CASES))
def test_result_workbook(command: str, tmp_path: Path) -> None:
    args, code, sheet = CASES[command]
    out = tmp_path / f"{command}.xlsx"
    res = CliRunner().invoke(app, [*args, "--xlsx", str(out)])
    assert res.exit_code == code, res.output
    wb = openpyxl.load_workbook(out)
    assert heading("nl", sheet) in wb.sheetnames
    assert {"controles", "metadata"} <= set(wb.sheetnames)
    assert _metadata(wb)["result"] == command
    ws = wb[heading("nl", sheet)]
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    numbers = [c.value for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, int | float)]
    assert header
    assert numbers, "numbers are written as numbers, not text"


def test_compare_workbook_has_the_spuk_difference(tmp_path: Path) -> None:
    out = tmp_path / "c.xlsx"
    CliRunner().invoke(app, ["compare", str(BASE), str(WHATIF), "--xlsx", str(out)])
    ws = openpyxl.load_workbook(out)["SPUK"]
    rows = list(ws.iter_rows(values_only=True))
    col = rows[0].index("gemeenten samen")
    assert [r[col] for r in rows[1:]] == [4_749_686, 4_649_686]
