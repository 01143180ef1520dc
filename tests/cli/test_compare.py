"""``planner compare`` through the CLI: tables, JSON and the long CSV written atomically."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from planner.cli.app import app
from planner.scenario.load import default_scenario

runner = CliRunner()
BASE = default_scenario()
BO = BASE / "what-if" / "borger-odoorn-geen-amv.toml"
NEED = BASE / "what-if" / "landelijke-behoefte-102000.toml"


def test_table_and_csv(tmp_path: Path) -> None:
    out = tmp_path / "compare.csv"
    res = runner.invoke(app, ["compare", str(BASE), str(BO), str(NEED), "--csv", str(out)])
    assert res.exit_code == 0, res.output
    assert "0 (−50)" in res.output
    assert "−€ 100.000" in res.output
    assert "geen plan" in res.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0])[:3] == ["scenario", "status", "code"]
    bo = [r for r in rows if r["code"] == "GM1681" and r["category"] == "amv" and r["status"] == "optimal"
          and r["scenario"] != "Drenthe 2025–2026"]
    assert [(r["places"], r["delta_vs_base"]) for r in bo] == [("0", "-50"), ("0", "-50")]
    assert [r["status"] for r in rows if r["scenario"] == "Landelijke behoefte 102.000"] == ["infeasible"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_json() -> None:
    res = runner.invoke(app, ["compare", str(BASE), str(BO), "-f", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["changes"][0]["tables"][0]["key"] == "BO-AMV"
    assert data["spuk"][1]["delta"]["spuk2"] == -100_000


def test_needs_two_scenarios_and_valid_files(tmp_path: Path) -> None:
    res = runner.invoke(app, ["compare", str(BASE)])
    assert res.exit_code == 2
    res = runner.invoke(app, ["compare", str(BASE), str(tmp_path / "missing.toml")])
    assert res.exit_code == 2
    assert "Traceback" not in res.output
