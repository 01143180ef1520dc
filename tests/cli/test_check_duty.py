"""``planner check-duty`` through the CLI: sentence first, exit 0 when met, 1 when not, 2 on bad input."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from planner.cli.app import app

runner = CliRunner()


def test_met_exits_0_and_starts_with_the_sentence() -> None:
    res = runner.invoke(app, ["check-duty", "--municipality", "GM1681", "--site", "BO-AMV", "--places", "40"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("Borger-Odoorn haalt zijn AMV-taak van 12 met een eenheid van 40 plaatsen")


def test_short_exits_1_with_json() -> None:
    res = runner.invoke(app, ["check-duty", "-m", "Borger-Odoorn", "--site", "BO-AMV", "--places", "10",
                              "--format", "json"])
    assert res.exit_code == 1, res.output
    data = json.loads(res.stdout)
    assert data["duty_met"] is False
    assert [d["shortfall"] for d in data["duty"] if d["category"] == "amv"] == [2, 2]


def test_unknown_municipality_exits_2() -> None:
    res = runner.invoke(app, ["check-duty", "-m", "Borger"])
    assert res.exit_code == 2
    assert "Borger-Odoorn" in res.output
    assert "Traceback" not in res.output


def test_add_site() -> None:
    res = runner.invoke(app, ["check-duty", "-m", "GM0106", "--add-site",
                              "id=ASN-AMV,category=amv,places=31,from=2025-01-01", "-f", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["edits"][0]["change"] == "added"
