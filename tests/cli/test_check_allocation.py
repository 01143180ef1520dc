"""``planner check-allocation`` through the CLI: exit 0 feasible, 1 not, 2 bad input."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import Result
from typer.testing import CliRunner

from planner.cli.app import app

DATA = Path(__file__).parents[1] / "data" / "allocations"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["check-allocation", *args])


def test_feasible() -> None:
    result = run("--allocation", str(DATA / "drenthe-feasible.csv"))
    assert result.exit_code == 0, result.output
    assert "past in elke periode" in " ".join(result.output.split())


def test_infeasible_json() -> None:
    result = run("-a", str(DATA / "drenthe-infeasible.csv"), "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert len(data["violations"]) == 7
    assert "Emmen (GM0114) krijgt in 2025 60 AMV-plaatsen, meer dan zijn aanbod van 50." in data["sentences"]


def test_bad_input_exit_2_with_rows() -> None:
    result = run("-a", str(DATA / "drenthe-bad.csv"), "--lang", "en")
    assert result.exit_code == 2
    assert "GM9999 is not a municipality" in " ".join(result.output.split())
    result = run("-a", str(DATA / "drenthe-bad.csv"))
    assert result.exit_code == 2
    assert "GM9999 is geen gemeente binnen het bereik van dit scenario" in " ".join(result.output.split())
    assert "fout(en) in het toewijzingsbestand; er is niets gecontroleerd" in " ".join(result.output.split())
    assert run("-a", str(DATA / "missing.csv")).exit_code == 2
