"""Broken workbooks: each hostile cell gives an error at its sheet, row and column, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from planner.cli.app import app
from planner.scenario.load import require_scenario
from planner.scenario.schema import MunicipalityRow, OfferRow, SiteRow
from planner.scenario.xlsx_io import column_letter, import_workbook, write_template


def _col(model: type, name: str) -> str:
    return column_letter(list(model.model_fields).index(name))


# case: (sheet, cell, value, expected error: (row, field, piece of the message)); the filled Drenthe template
# has AAH-TGO on sites row 2, ASN-AZC on row 3, the first offer (Aa en Hunze regular 2025) on offers row 2.
CASES = {
    "negative places": ("sites", f"{_col(SiteRow, 'places')}2", -5, (2, "places (column F)", "greater than or equal")),
    "10^12 places": ("sites", f"{_col(SiteRow, 'places')}2", 10**12, (2, "places (column F)", "less than or equal")),
    "fractional places": ("sites", f"{_col(SiteRow, 'places')}2", 12.5, (2, "places (column F)", "whole number")),
    "text for places": ("sites", f"{_col(SiteRow, 'places')}2", "veel", (2, "places (column F)", "whole number")),
    "impossible date": (
        "sites",
        f"{_col(SiteRow, 'available_until')}3",
        "31-02-2026",
        (3, "available_until (column I)", "date"),
    ),
    "unknown code": ("sites", f"{_col(SiteRow, 'code')}2", "GM9999", (2, "code (column B)", "unknown municipality")),
    "duplicate code": (
        "municipalities",
        f"{_col(MunicipalityRow, 'code')}3",
        "GM1680",
        (3, "code (column A)", "appears 2 times"),
    ),
    "formula": ("offers", f"{_col(OfferRow, 'places')}2", "=SUM(1,2)", (2, "column D", "holds a formula")),
    "text for a year": ("offers", f"{_col(OfferRow, 'year')}2", "twintig", (2, "year (column C)", "whole number")),
    "renamed header": ("sites", f"{_col(SiteRow, 'places')}1", "plaatsen",
                       (1, "plaatsen (column F)", "unknown column")),
    "code without GM": ("municipalities", f"{_col(MunicipalityRow, 'code')}2", "1680",
                        (2, "code (column A)", "GM1680")),
}


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "drenthe.xlsx"
    write_template(path, require_scenario()[0])
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_cell_is_reported_at_its_place(filled: Path, tmp_path: Path, case: str) -> None:
    sheet, cell, value, (row, field, piece) = CASES[case]
    wb = openpyxl.load_workbook(filled)
    wb[sheet][cell] = value
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    out = tmp_path / "out"
    scenario, problems = import_workbook(bad, out)
    assert scenario is None
    assert not out.exists()
    places = {(p.file, p.row, p.field): p.message for p in problems.errors}
    key = (f"bad.xlsx › {sheet}", row, field)
    assert key in places, places
    assert piece in places[key]
    res = CliRunner().invoke(app, ["import-xlsx", str(bad), "--out", str(out)])
    assert res.exit_code == 2
    assert "Traceback" not in res.output


def test_formula_like_text_in_a_text_column_stays_text(filled: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    wb["municipalities"][f"{_col(MunicipalityRow, 'name')}2"] = "@SUM(A1)"
    path = tmp_path / "at.xlsx"
    wb.save(path)
    scenario, problems = import_workbook(path, tmp_path / "out")
    assert scenario is not None
    assert not problems.has_errors()
    assert "@SUM(A1)" in {m.name for m in scenario.municipalities}


def test_a_csv_renamed_to_xlsx_is_refused_cleanly(tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("code,name\nGM0106,Assen\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["import-xlsx", str(fake), "--out", str(tmp_path / "out")])
    assert res.exit_code == 2
    assert "Traceback" not in res.output
