"""``planner sweep`` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from planner.cli.app import app

runner = CliRunner()
KEYED = Path(__file__).parents[1] / "data" / "whatif" / "drenthe-key-tasks.toml"


def test_sweep_json_and_resume(tmp_path: Path) -> None:
    out = tmp_path / "sweep.csv"
    args = ["sweep", str(KEYED), "--vary", "cycle.national_need=80000:90000:10000", "--workers", "1",
            "--csv", str(out), "-f", "json"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [r["cycle.national_need"] for r in data["rows"]] == [80000, 90000]
    assert data["rows"][1]["task_regular_2025"] == 2293
    assert out.is_file()
    res = runner.invoke(app, [*args, "--resume"])
    assert res.exit_code == 0, res.output
    assert [r["task_regular_2025"] for r in json.loads(res.stdout)["rows"]] == [r["task_regular_2025"]
                                                                               for r in data["rows"]]


def test_table() -> None:
    res = runner.invoke(app, ["sweep", "--vary", "rules.count_emergency=true,false", "--workers", "1"])
    assert res.exit_code == 0, res.output
    assert "Sweep: 2 variatie(s)" in res.output


def test_bad_key_is_a_clear_error() -> None:
    res = runner.invoke(app, ["sweep", "--vary", "cycle.national_ned=1:2:1"])
    assert res.exit_code == 2
    assert "bedoelde u 'cycle.national_need'" in res.output
    res = runner.invoke(app, ["sweep"])
    assert res.exit_code == 2
    res = runner.invoke(app, ["sweep", "--vary", "rules.count_emergency=true", "--resume"])
    assert res.exit_code == 2
