"""``planner explain`` through the CLI: exit codes, table, JSON and CSV."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from planner.cli.app import app

CLOSED = str(Path(__file__).parents[1] / "data" / "infeasible" / "drenthe-amv-closed")


def test_feasible_scenario_says_so() -> None:
    result = CliRunner().invoke(app, ["explain"])
    assert result.exit_code == 0, result.output
    assert "alle harde eisen zijn samen te halen" in " ".join(result.output.split())


def test_infeasible_scenario_table() -> None:
    result = CliRunner().invoke(app, ["explain", CLOSED])
    assert result.exit_code == 1, result.output
    assert "er blijven maar 148 AMV-plaatsen beschikbaar" in " ".join(result.output.split())
    assert "site_available_NV_AMV_2026" in " ".join(result.output.split())
    assert "province_total_Drenthe_amv_2026" in " ".join(result.output.split())


def test_infeasible_scenario_json_with_relax_order() -> None:
    result = CliRunner().invoke(app, ["explain", CLOSED, "-f", "json", "--relax", "province_total"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["feasible"] is False
    assert [c["period"] for c in data["conflicts"]] == ["2025", "2026"]
    assert data["minimum_violation_plan"]["totals"] == {"province_total": 119}
    assert [s["available"] for s in data["sentences"]] == [191, 148]


def test_csv_and_cpsat_method() -> None:
    result = CliRunner().invoke(app, ["explain", CLOSED, "-f", "csv", "--method", "cpsat"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("province,period,row,family")
    assert sum("province_total_Drenthe_amv" in line for line in lines) == 2


def test_bad_options_exit_2() -> None:
    assert CliRunner().invoke(app, ["explain", CLOSED, "--relax", "site_available"]).exit_code == 2
    assert CliRunner().invoke(app, ["explain", CLOSED, "--method", "magic"]).exit_code == 2
