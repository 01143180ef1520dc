"""``planner template`` and ``planner import-xlsx``: the workbook comes from the schema and round-trips exactly."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from planner.cli.app import app
from planner.journeys.plan import plan_json, plan_scenario
from planner.scenario.load import default_scenario, require_scenario
from planner.scenario.schema import TABLE_MODELS, SiteRow
from planner.scenario.xlsx_io import column_letter, import_workbook

runner = CliRunner()
WHATIF = default_scenario() / "what-if" / "assen-verlengd.toml"


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "drenthe.xlsx"
    res = runner.invoke(app, ["template", "--from", str(default_scenario()), "--xlsx", str(path)])
    assert res.exit_code == 0, res.output
    return path


def _validations(ws: object) -> dict[str, str]:
    """Column letter of a validated range → its list source."""
    out = {}
    for dv in ws.data_validations.dataValidation:  # type: ignore[attr-defined]
        if dv.type == "list":
            out[str(dv.sqref).split(":")[0].rstrip("0123456789")] = str(dv.formula1)
    return out


def test_empty_template_is_generated_from_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    res = runner.invoke(app, ["template", "--xlsx", str(path)])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["instructies", "scenario", *TABLE_MODELS, "stated_totals"]
    for table, model in TABLE_MODELS.items():
        ws = wb[table]
        assert [c.value for c in ws[1]] == list(model.model_fields), table
        assert ws.freeze_panes == "A2"
        assert ws.max_row == 1  # empty
    sites = wb["sites"]
    lists = _validations(sites)
    cols = list(SiteRow.model_fields)
    assert lists[column_letter(cols.index("category"))] == '"regular,amv,special,ukraine"'
    assert lists[column_letter(cols.index("status"))] == '"existing,planned,candidate"'
    assert lists[column_letter(cols.index("subtype"))] == '"HTL,gezinslocatie,TGO,noodopvang"'
    assert lists[column_letter(cols.index("code"))].startswith("municipalities!$A$2")
    assert _validations(wb["offers"])["B"] == '"regular,amv,ukraine"'
    instructions = {(r[0], r[1]): r[5] for r in wb["instructies"].iter_rows(min_row=2, values_only=True)}
    assert instructions[("sites", "places")] == SiteRow.model_fields["places"].description
    keys = [r[0] for r in wb["scenario"].iter_rows(min_row=2, values_only=True)]
    assert "spuk.spuk1_rate" in keys
    assert "cycle.national_need" in keys
    assert "scenario.extends" not in keys


def test_filled_template_has_real_numbers_dates_and_text_codes(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    ws = wb["municipalities"]
    header = [c.value for c in ws[1]]
    assen = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "GM0106")
    row = dict(zip(header, assen, strict=True))
    assert row["code"].data_type == "s"
    assert row["population"].value == 69_414
    assert row["population"].data_type == "n"
    assert row["population_date"].is_date
    settings = {r[0]: r[1] for r in wb["scenario"].iter_rows(min_row=2, values_only=True)}
    assert settings["spuk.spuk3_pot"] == 983_686
    assert settings["scope"] == "Drenthe"


def test_round_trip_plans_identically(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "imported"
    res = runner.invoke(app, ["import-xlsx", str(filled), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["municipalities.csv", "offers.csv", "scenario.toml",
                                                     "sites.csv"]
    bundled, _ = require_scenario(None)
    imported, _ = require_scenario(out)
    assert imported.digest() == bundled.digest()
    a = plan_json(plan_scenario(bundled), include_timing=False)
    b = plan_json(plan_scenario(imported), include_timing=False)
    for key in ("municipalities", "sites", "province", "spuk", "goals", "status"):
        assert a[key] == b[key], key
    assert b["spuk"]["municipalities_total"] == 4_749_686


def test_whatif_round_trip_keeps_its_changes(tmp_path: Path) -> None:
    path = tmp_path / "w.xlsx"
    assert runner.invoke(app, ["template", "--from", str(WHATIF), "--xlsx", str(path)]).exit_code == 0
    res = runner.invoke(app, ["import-xlsx", str(path), "--out", str(tmp_path / "w")])
    assert res.exit_code == 0, res.output
    assert require_scenario(tmp_path / "w")[0].digest() == require_scenario(WHATIF)[0].digest()


def test_problems_are_placed_by_sheet_row_and_column_and_nothing_is_written(filled: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    ws = wb["sites"]
    cols = list(SiteRow.model_fields)
    ws[f"{column_letter(cols.index('places'))}3"] = "=1000+1"  # a formula: refused, never evaluated
    ws[f"{column_letter(cols.index('category'))}4"] = "regulr"  # ("regulier", the Dutch name, is read as regular)
    wb["municipalities"]["A5"] = "109"
    wb["scenario"]["B2"] = None  # scenario.name
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    out = tmp_path / "out"
    scenario, problems = import_workbook(bad, out)
    assert scenario is None
    assert not out.exists()
    got = {(p.file, p.row, p.field): p.message for p in problems.errors}
    assert set(got) == {
        ("bad.xlsx › sites", 3, "column F"),
        ("bad.xlsx › sites", 4, "category (column D)"),
        ("bad.xlsx › municipalities", 5, "code (column A)"),
        ("bad.xlsx › scenario", 2, "scenario.name"),
    }
    assert got[("bad.xlsx › sites", 3, "column F")].startswith("cell F3 holds a formula (=1000+1)")
    assert "(did you mean 'regular'?)" in got[("bad.xlsx › sites", 4, "category (column D)")]
    assert "GM0109" in got[("bad.xlsx › municipalities", 5, "code (column A)")]
    res = runner.invoke(app, ["import-xlsx", str(bad), "--out", str(out)])
    assert res.exit_code == 2
    assert "de werkmap heeft 4 fout(en); er is niets geschreven" in res.output
    assert "cel F3 bevat een formule (=1000+1)" in " ".join(res.output.split())
    res = runner.invoke(app, ["import-xlsx", str(bad), "--out", str(out), "--lang", "en"])
    assert res.exit_code == 2
    assert "the workbook has 4 error(s); nothing was written" in res.output
    assert not out.exists()


def test_template_refuses_a_non_xlsx_name(tmp_path: Path) -> None:
    res = runner.invoke(app, ["template", "--xlsx", str(tmp_path / "x.csv")])
    assert res.exit_code == 2
    assert ".xlsx" in res.output


def test_import_of_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    res = runner.invoke(app, ["import-xlsx", str(path), "--lang", "en"])
    assert res.exit_code == 2
    assert "not a readable .xlsx workbook: File is not a zip file" in " ".join(res.output.split())
    res = runner.invoke(app, ["import-xlsx", str(path)])
    assert res.exit_code == 2
    assert "geen leesbare .xlsx-werkmap: het is geen zip-archief" in " ".join(res.output.split())
