"""``planner verdeelbesluit`` through the CLI."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from planner.cli.app import app


def test_drenthe_table_names_the_contract_ends() -> None:
    result = CliRunner().invoke(app, ["verdeelbesluit"])
    assert result.exit_code == 1, result.output
    assert "Assen (GM0106) kan in 2026 geen 1.000 reguliere plaatsen herbergen" in " ".join(result.output.split())
    assert "Restopgave" in result.output
    assert ("de contracten van Westerveld noodopvang (75) en Westerveld TGO (25 plaatsen) al op 31-12-2024 afliepen"
            in " ".join(result.output.split()))  # both named once (sites.csv: WV-NO and WV-TGO end 31-12-2024)


def test_drenthe_json_and_csv() -> None:
    result = CliRunner().invoke(app, ["verdeelbesluit", "-f", "json"])
    data = json.loads(result.stdout)
    assert data["feasible"] is False
    assert data["national_netting"] is False
    assert {p["restopgave"] for p in data["pools"]} == {0}
    csv = CliRunner().invoke(app, ["verdeelbesluit", "-f", "csv"]).stdout.splitlines()
    assert csv[0].split(",")[-1] == "infeasible_periods"
    assert len(csv) == 1 + 12 * 2 * 2
