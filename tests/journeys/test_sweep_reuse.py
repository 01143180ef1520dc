"""A what-if on the sweep's fast path — planned in a process that keeps the province parts it proved
(planner/model/reuse.py), as a sweep's worker, the benchmark's what-ifs and ``planner serve`` do — gives exactly what
a fresh ``planner plan`` of the same what-if file gives in a new process: the plan JSON site by site, the goals and
the SPUK euros. A change solves again every province it touches (its program changed) and only those."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from planner.cli.app import app
from planner.journeys.plan import PlanRun, SolveSettings, plan_json, plan_scenario
from planner.model.solve import PARTS
from planner.scenario.load import Scenario, require_scenario

ROOT = Path(__file__).parents[2] / "scenarios"


def _fresh(path: Path, new_process: bool = True) -> dict[str, Any]:
    """``planner plan PATH -f json`` (it never reuses parts), without its timings: in a new process (nothing in
    memory from this one) or, cheaper, through the CLI in this process."""
    args = ["plan", str(path), "--format", "json"]
    if new_process:
        done = subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True, check=False)
        code, text = done.returncode, done.stdout
    else:
        res = CliRunner().invoke(app, args)
        code, text = res.exit_code, res.stdout
    assert code in (0, 1), text  # 1: no plan (infeasible), still a JSON answer
    out: dict[str, Any] = json.loads(text)
    out.pop("seconds")
    for g in out["goals"]:
        g.pop("seconds")
    return out


def _fast(scenario: Scenario) -> tuple[PlanRun, dict[str, Any]]:
    """The scenario planned in this process with parts reused, and its JSON (as the CLI writes it)."""
    run = plan_scenario(scenario, SolveSettings.from_scenario(scenario, workers=1, reuse=True))
    return run, json.loads(json.dumps(plan_json(run, include_timing=False)))


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _row(data: dict[str, Any], key: str, value: str, period: str, table: str = "municipalities") -> dict[str, Any]:
    return next(r for r in data[table] if r[key] == value and r["period"] == period)


def test_a_drenthe_what_if_on_the_fast_path_is_the_fresh_plan(tmp_path: Path) -> None:
    # Tynaarlo offers 210 regular places in 2026 instead of 250. By hand: in the base Drenthe plans the most it can
    # in 2026, 2.522 regular places (task 2.462), Tynaarlo's 250 in its existing site among them; 40 fewer leave
    # 2.482, still ≥ 2.462, so the province closes with 20 to spare and Tynaarlo keeps 210 (its existing site keeps
    # what the offer allows). SPUK counts the reference period 2025, which does not change: € 4.749.686 as in the
    # base.
    shutil.copytree(ROOT / "drenthe-2025-2026", tmp_path / "drenthe")
    whatif = _write(tmp_path / "drenthe" / "what-if", "tynaarlo-210.toml", """
[scenario]
extends = "../scenario.toml"
name = "Tynaarlo 210 in 2026"

[[changes.offers]]
code = "GM1730"
category = "regular"
year = 2026
places = 210
""")
    PARTS.clear()
    base, _ = require_scenario(tmp_path / "drenthe")
    _, base_json = _fast(base)
    scenario, _ = require_scenario(whatif)
    first, first_json = _fast(scenario)
    again, again_json = _fast(scenario)
    assert (first.solution.reused_parts, again.solution.reused_parts) == (0, 1)  # Drenthe is one part
    fresh = _fresh(whatif, new_process=False)
    assert first_json == fresh
    assert again_json == fresh
    assert base_json != fresh  # the change is in the answer: a stale part would fail the comparisons above
    province = _row(fresh, "province", "Drenthe", "2026", "province")
    assert (province["planned_regular"], province["surplus_regular"], province["closes_regular"]) == (2482, 20, True)
    assert _row(fresh, "code", "GM1730", "2026")["planned_regular"] == 210
    assert _row(fresh, "code", "GM1730", "2025")["planned_regular"] == 250
    assert fresh["spuk"]["municipalities_total"] == 4_749_686
    spuk = CliRunner().invoke(app, ["spuk", str(whatif), "--format", "json"])  # the second command with the euros
    assert spuk.exit_code == 0, spuk.stdout
    assert json.loads(spuk.stdout)["municipalities_total"] == 4_749_686
    assert again.spuk is not None
    assert again.spuk.municipalities_total == 4_749_686


SLICE = ("Flevoland", "Groningen", "Zeeland")


def _sites_in(data: dict[str, Any], run: PlanRun, province: str) -> list[dict[str, Any]]:
    return [r for r in data["sites"] if run.model.munis[r["code"]].province == province]


@pytest.mark.slow
def test_a_slice_of_the_national_scenario_reuses_exactly_the_provinces_a_change_leaves_alone(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "nederland-2025-2026", tmp_path / "nl")
    folder = tmp_path / "nl" / "what-if"
    folder.mkdir()
    scope = ", ".join(f'"{p}"' for p in SLICE)
    sliced = _write(folder, "slice.toml", f'scope = [{scope}]\n\n[scenario]\nextends = "../scenario.toml"\n'
                                          'name = "Drie provincies"\n')
    PARTS.clear()
    base, _ = require_scenario(sliced)
    base_run, base_json = _fast(base)
    assert base_run.solution.reused_parts == 0
    assert base_json == _fresh(sliced)
    # Groningen's municipality with the most regular places planned in 2026 may offer half its province's 2026
    # surplus fewer than it plans; Zeeland's largest regular site that the plan uses in 2025 loses half its province's
    # surplus in places. So both provinces must plan differently and can still close (by hand: the others may keep
    # what they plan). SPUK 3 has no pot here, so no share links the provinces. The national need changes every
    # task.
    def surplus(province: str, period: str) -> int:
        return int(_row(base_json, "province", province, period, "province")["surplus_regular"])

    groningen = max((r for r in base_json["municipalities"] if r["province"] == "Groningen" and r["period"] == "2026"),
                    key=lambda r: (r["planned_regular"], r["code"]))
    zeeland = max((r for r in base_json["sites"] if r["period"] == "2025" and r["places"] > 0
                   and r["category"] == "regular" and base_run.model.munis[r["code"]].province == "Zeeland"),
                  key=lambda r: (r["places"], r["id"]))
    offer = groningen["planned_regular"] - surplus("Groningen", "2026") // 2
    places = zeeland["places"] - surplus("Zeeland", "2025") // 2
    assert base.settings.spuk.spuk3_pot == 0
    assert offer < groningen["planned_regular"]
    assert places < zeeland["places"]
    cases = {
        "offer": (f'[[changes.offers]]\ncode = "{groningen["code"]}"\ncategory = "regular"\nyear = 2026\n'
                  f'places = {offer}\n', 2, "Groningen"),
        "site": (f'[[changes.sites]]\nid = "{zeeland["id"]}"\nplaces = {places}\n', 2, "Zeeland"),
        "need": ("[cycle]\nnational_need = 95000\n\n[rules]\nuse_official_tasks = false\n", 0, None),
    }
    for name, (changes, reused, province) in cases.items():
        path = _write(folder, f"{name}.toml", f'[scenario]\nextends = "slice.toml"\nname = "{name}"\n\n{changes}')
        scenario, _ = require_scenario(path)
        run, fast = _fast(scenario)
        assert run.solution.reused_parts == reused, name
        assert fast == _fresh(path), name
        if province is not None:
            assert fast["status"] == "optimal", name
            differs = {p for p in SLICE if _sites_in(fast, run, p) != _sites_in(base_json, run, p)}
            assert differs == {province}, name  # the changed province's plan changed, the others are the base's
