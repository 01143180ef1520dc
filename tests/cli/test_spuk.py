"""``planner spuk``: the Drenthe SPUK euros exactly as the report prints them, from a fresh plan and a plan folder."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from planner.cli.app import app
from planner.report.words_xlsx import column_key
from planner.scenario.load import default_scenario

runner = CliRunner()
WHATIF = default_scenario() / "what-if" / "assen-verlengd.toml"


@pytest.fixture(scope="module")
def plan_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plan") / "drenthe"
    res = runner.invoke(app, ["plan", "--out", str(out), "-f", "json"])
    assert res.exit_code == 0, res.output
    return out


def test_terminal_shows_the_report_amounts_exactly() -> None:
    res = runner.invoke(app, ["spuk"])
    assert res.exit_code == 0, res.output
    out = res.output
    # Bijlage 2 of the Drenthe report: SPUK 1 € 3.084.000, SPUK 2 € 682.000, SPUK 3 € 983.686, total € 4.749.686
    for text in ("SPUK 1: € 3.084.000 (Assen, Coevorden, Hoogeveen in plaats van SPUK 3)", "SPUK 2: € 682.000",
                 "SPUK 3: € 983.686", "Gemeenten samen: € 4.749.686", "Provincie: € 408.653"):
        assert text in out
    # Assen: 2,000 × (1,000 durable places − own task 360) = € 1.280.000
    assert "€ 1.280.000" in out


def test_json_per_municipality_is_hand_checkable() -> None:
    res = runner.invoke(app, ["spuk", "-f", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert (data["spuk1"], data["spuk2"], data["spuk3"]) == (3_084_000, 682_000, 983_686)
    assert data["municipalities_total"] == 4_749_686
    assert data["province_amount"] == 408_653
    rows = {r["code"]: r for r in data["municipalities"]}
    assert rows["GM0106"]["spuk1"] == 2_000 * (1_000 - 360)
    assert rows["GM0109"]["spuk1"] == 2_000 * (430 - 188)
    assert rows["GM0118"]["spuk1"] == 2_000 * (940 - 280)
    assert {c for c, r in rows.items() if r["choice"] == "spuk1"} == {"GM0106", "GM0109", "GM0118"}
    assert sum(r["total"] for r in rows.values()) == 4_749_686
    assert data["reference_period"] == "2025"


def test_csv_has_one_row_per_municipality() -> None:
    res = runner.invoke(app, ["spuk", "-f", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.output.strip().splitlines()
    assert lines[0].startswith("code,name,task_total,")
    assert len(lines) == 1 + 12
    assert "GM0106,Assen,360,1000,1000,640,1280000," in res.output


def test_plan_folder_gives_the_same_euros(plan_dir: Path) -> None:
    fresh = json.loads(runner.invoke(app, ["spuk", "-f", "json"]).output)
    res = runner.invoke(app, ["spuk", "--plan", str(plan_dir), "-f", "json"])
    assert res.exit_code == 0, res.output
    folder = json.loads(res.output)
    assert folder == fresh
    # naming the scenario it came from is accepted too
    res = runner.invoke(app, ["spuk", str(default_scenario()), "--plan", str(plan_dir), "-f", "json"])
    assert res.exit_code == 0, res.output


def test_plan_folder_of_another_scenario_is_refused(plan_dir: Path) -> None:
    res = runner.invoke(app, ["spuk", str(WHATIF), "--plan", str(plan_dir)])
    assert res.exit_code == 2
    assert "is gepland uit een ander scenario" in " ".join(res.output.split())
    res = runner.invoke(app, ["spuk", str(WHATIF), "--plan", str(plan_dir), "--lang", "en"])
    assert res.exit_code == 2
    assert "was planned from a different scenario" in " ".join(res.output.split())
    assert "Traceback" not in res.output


def test_plan_folder_with_a_changed_resolved_scenario_is_refused(plan_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    for f in plan_dir.iterdir():
        (bad / f.name).write_bytes(f.read_bytes())
    resolved = json.loads((bad / "scenario.resolved.json").read_text(encoding="utf-8"))
    resolved["settings"]["spuk"]["spuk1_rate"] = 1_000
    (bad / "scenario.resolved.json").write_text(json.dumps(resolved), encoding="utf-8")
    res = runner.invoke(app, ["spuk", "--plan", str(bad)])
    assert res.exit_code == 2
    assert "mixes two runs" in res.output


def test_missing_plan_folder_is_a_clear_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["spuk", "--plan", str(tmp_path / "nope")])
    assert res.exit_code == 2
    assert "does not exist" in res.output


def test_xlsx_holds_euros_as_numbers(tmp_path: Path) -> None:
    path = tmp_path / "spuk.xlsx"
    res = runner.invoke(app, ["spuk", "--xlsx", str(path)])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(path)
    ws = wb["SPUK totaal"]
    values = {r[0].value: r[1] for r in ws.iter_rows(min_row=2)}
    assert values["gemeenten samen"].value == 4_749_686
    assert values["gemeenten samen"].number_format == "€ #,##0"
    meta = {column_key("nl", r[0]): r[1] for r in wb["metadata"].iter_rows(min_row=2, values_only=True)}
    assert meta["scenario"] == "Drenthe 2025–2026"
    assert len(str(meta["scenario_digest"])) == 64
