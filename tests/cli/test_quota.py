"""``planner quota``: tasks per municipality as a table, JSON and CSV, with province and national totals."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from planner.cli.app import app
from planner.scenario.load import default_scenario, require_scenario
from tests.scenario.support import CORPUS, NEDERLAND

runner = CliRunner()
KEYS = {"code", "name", "province", "population", "weight", "task_total", "task_regular", "task_amv",
        "ukraine_target"}


def cells(output: str, first: str) -> list[str]:
    """The cells of the table row whose second cell is ``first``."""
    for line in output.splitlines():
        parts = [c.strip() for c in line.split("│")]
        if len(parts) > 3 and parts[2] == first:
            return parts[1:-1]
    raise LookupError(first)


def test_table_shows_the_reports_numbers() -> None:
    result = runner.invoke(app, ["quota"])
    assert result.exit_code == 0, result.output
    assert "Drenthe 2025–2026 — taakstelling (N = 96.000, AMV 8.140)" in result.output
    emmen = cells(result.output, "Emmen")
    assert emmen[:8] == ["GM0114", "Emmen", "108.765", "0,844", "495", "453", "42", "officieel"]
    total = cells(result.output, "totaal")
    assert total[2] == "502.051"
    assert total[4:7] == ["2.691", "2.462", "229"]
    assert total[-1] == "5.720"


def test_json_has_every_key() -> None:
    result = runner.invoke(app, ["quota", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data["municipalities"]) == 12
    for m in data["municipalities"]:
        assert set(m) >= KEYS
    emmen = next(m for m in data["municipalities"] if m["code"] == "GM0114")
    assert (emmen["task_total"], emmen["task_regular"], emmen["task_amv"], emmen["ukraine_target"]) == (495, 453, 42,
                                                                                                         1240)
    assert round(emmen["weight"], 3) == 0.844
    assert data["provinces"] == [{"province": "Drenthe", "municipalities": 12, "population": 502051,
                                  "task_total": 2691, "task_regular": 2462, "task_amv": 229, "ukraine_target": 5720}]
    assert data["total"] == {"population": 502051, "task_total": 2691, "task_regular": 2462, "task_amv": 229,
                             "ukraine_target": 5720}


def test_json_record_order_deviation_and_weight_precision() -> None:
    """The record is declared once (``planner.rules.quota.Quota``): the JSON keeps its column order, the deviation
    is the official minus the key's task where both exist, and the weight has at most 6 decimals (the table shows
    the unrounded weight with 3)."""
    result = runner.invoke(app, ["quota", str(NEDERLAND), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["municipalities"]
    assert list(rows[0]) == ["code", "name", "province", "population", "ses_woa", "weight", "task_total",
                             "task_regular", "task_amv", "task_source", "computed_total", "deviation",
                             "ukraine_target", "ukraine_source", "flags"]
    both = [r for r in rows if r["task_source"] == "official" and r["computed_total"] is not None]
    assert both
    assert all(r["deviation"] == r["task_total"] - r["computed_total"] for r in both)
    assert all(r["deviation"] is None for r in rows if r not in both)
    assert all(r["weight"] == round(r["weight"], 6) for r in rows)
    assert any(r["weight"] != round(r["weight"], 5) for r in rows)  # 6 decimals kept, not fewer
    assert all(isinstance(r["flags"], list) for r in rows)


def test_csv_has_a_row_per_municipality() -> None:
    result = runner.invoke(app, ["quota", "-f", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 12
    assert set(rows[0]) >= KEYS
    assert {r["code"]: (r["task_regular"], r["task_amv"]) for r in rows}["GM0106"] == ("329", "31")
    assert sum(int(r["task_total"]) for r in rows) == 2691


def test_national_total_is_printed() -> None:
    result = runner.invoke(app, ["quota", str(NEDERLAND)])
    assert result.exit_code == 0
    total = cells(result.output, "totaal")
    assert total[2] == "17.811.291"
    assert total[4] == "96.000"  # the key's 95.997 with Drenthe's official 2.691 for its computed 2.688
    # grouped by province: a heading row, its municipalities, and its sums (Drenthe's as in the Drenthe case)
    lines = [ln for ln in result.output.splitlines() if ln.startswith("│")]
    first = [c.strip() for c in lines[0].split("│")][1:-1]
    assert first[:2] == ["", "Drenthe"]
    assert set(first[2:]) == {""}
    start = 0
    end = next(i for i, ln in enumerate(lines) if "Drenthe samen" in ln)
    assert sorted(ln.split("│")[1].strip() for ln in lines[start + 1:end]) == sorted(
        m.code for m in require_scenario(default_scenario())[0].municipalities)
    drenthe = cells(result.output, "Drenthe samen")
    assert drenthe[2] == "502.051"
    assert drenthe[4:7] == ["2.691", "2.462", "229"]
    data = json.loads(runner.invoke(app, ["quota", str(NEDERLAND), "-f", "json"]).stdout)
    assert data["total"]["task_total"] == 96_000 == sum(m["task_total"] for m in data["municipalities"])
    assert len(data["provinces"]) == 12


def test_national_computed_totals_against_the_official_provincial_tasks() -> None:
    result = runner.invoke(app, ["quota", str(NEDERLAND)])
    assert result.exit_code == 0
    assert "Provinciale taak: berekend tegen officieel" in result.output
    data = json.loads(runner.invoke(app, ["quota", str(NEDERLAND), "-f", "json"]).stdout)
    rows = {r["province"]: r for r in data["provincial_tasks"]}
    by_province = {p["province"]: p["task_total"] for p in data["provinces"]}
    for name, r in rows.items():
        line = [c for c in result.output.splitlines() if c.startswith(f"│ {name} ")][-1]
        cells_ = [c.strip() for c in line.split("│")[1:-1]]
        assert cells_[:3] == [name, f"{r['task_total']:,}".replace(",", "."), f"{r['official_task']:,}".replace(
            ",", ".")]
        assert r["task_total"] == by_province[name]
        assert r["difference"] == r["task_total"] - r["official_task"]
    assert rows["Zuid-Holland"]["official_task"] == 19_776
    assert rows["Zeeland"]["official_task"] == 2_109
    assert rows["Drenthe"]["difference"] == 0
    assert sum(r["official_task"] for r in rows.values()) == 96_002
    # The Drenthe scenario has no provincial tasks: no such table.
    assert "Provinciale taak" not in runner.invoke(app, ["quota"]).output


def test_bad_input_computes_nothing() -> None:
    result = runner.invoke(app, ["quota", str(CORPUS / "cases" / "number-thousands-dot"), "-f", "json"])
    assert result.exit_code == 2
    assert list(json.loads(result.stdout)) == ["error"]  # a JSON error object on stdout, no result
    assert "er is niets berekend" in result.stderr
