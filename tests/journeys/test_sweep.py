"""The sweep journey: variations built in memory, run on local processes and on a real Dask LocalCluster."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.journeys.sweep import (
    SweepError,
    grid,
    parse_vary,
    read_interim,
    run_sweep,
    scenario_with,
    sweep_json,
    variation_id,
)
from planner.scenario.load import Scenario, require_scenario
from planner.scenario.problems import ScenarioError

KEYED = Path(__file__).parents[1] / "data" / "whatif" / "drenthe-key-tasks.toml"


@pytest.fixture(scope="module")
def base() -> Scenario:
    return require_scenario(None)[0]


@pytest.fixture(scope="module")
def keyed() -> Scenario:
    return require_scenario(KEYED)[0]


def test_parse_range_is_inclusive_and_typed() -> None:
    assert parse_vary("cycle.national_need=80000:90000:5000") == ("cycle.national_need", [80000, 85000, 90000])
    assert parse_vary("rules.count_emergency=true,false") == ("rules.count_emergency", [True, False])
    assert parse_vary("solver.gap=0:0.02:0.01") == ("solver.gap", [0, 0.01, 0.02])
    assert len(grid(["cycle.national_need=80000:90000:5000", "rules.count_emergency=true,false"])) == 6


@pytest.mark.parametrize(("spec", "words"), [
    ("cycle.national_ned=1:2:1", "did you mean 'cycle.national_need'"),
    ("national_need=1", "section.key"),
    ("tables.sites=x", "not a setting to vary"),
    ("rules.count_emergency=maybe", "does not fit"),
    ("cycle.national_need=10:5:1", "below start"),
    ("cycle.national_need=1:5:0", "positive"),
    ("cycle.national_need", "key=start:stop:step"),
])
def test_bad_vary_is_a_clear_error(spec: str, words: str) -> None:
    with pytest.raises(SweepError, match=words):
        grid([spec])


def test_scenario_with_checks_again(base: Scenario) -> None:
    s = scenario_with(base, {"cycle.national_need": 100_000})
    assert s.settings.cycle.national_need == 100_000
    assert s.settings.rules == base.settings.rules
    assert s.sites == base.sites
    with pytest.raises(ScenarioError):  # AMV need above the total need: the model validator refuses it
        scenario_with(base, {"cycle.national_need": 8000})


def test_tasks_do_not_decrease_with_the_need(keyed: Scenario) -> None:
    variations = grid(["cycle.national_need=80000:100000:10000"])
    rows = run_sweep(keyed, variations, workers=1)
    assert [r["cycle.national_need"] for r in rows] == [80000, 90000, 100000]
    tasks = [r["task_regular_2025"] + r["task_amv_2025"] for r in rows]
    assert tasks == sorted(tasks)
    assert tasks[0] < tasks[-1]
    # Hand check at 90,000 and the official-size key: Drenthe's computed regular task is 2,293.
    assert rows[1]["task_regular_2025"] == 2293
    assert [r["status"] for r in rows] == ["optimal", "optimal", "infeasible"]
    assert rows[2]["closes_regular_2026"] is False  # the 2026 sites give at most 2,522
    assert all(r["warm_start"] for r in rows)


@pytest.mark.slow
def test_local_pool_and_dask_cluster_agree(keyed: Scenario) -> None:
    variations = grid(["cycle.national_need=88000:96000:8000", "rules.count_emergency=true,false"])
    local = run_sweep(keyed, variations, workers=2)
    dask = run_sweep(keyed, variations, executor="dask", workers=2)
    keys = list(variations[0])
    assert sweep_json(local, keys, include_timing=False) == sweep_json(dask, keys, include_timing=False)
    assert len(local) == 4
    # Emergency places not counted: Tynaarlo's 250 noodopvang places drop out of 2025 (Meppel's 192 too).
    by = {(r["cycle.national_need"], r["rules.count_emergency"]): r for r in local}
    assert by[(88000, True)]["surplus_regular_2025"] - by[(88000, False)]["surplus_regular_2025"] == 250 + 192
    assert by[(88000, True)]["surplus_regular_2026"] - by[(88000, False)]["surplus_regular_2026"] == 250
    # At 96,000 without them 2026 has 2,522 − 250 = 2,272 places for a task of 2,459: no plan.
    assert by[(96000, False)]["status"] == "infeasible"
    assert by[(96000, False)]["closes_regular_2026"] is False


def test_resume_skips_done_variations(keyed: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "sweep.csv"
    first = grid(["cycle.national_need=80000:90000:10000"])
    run_sweep(keyed, first, workers=1, interim=out)
    done = read_interim(out)
    assert [r["variation"] for r in done] == [variation_id(v) for v in first]
    seen: list[dict[str, object]] = []
    more = grid(["cycle.national_need=80000:100000:10000"])
    rows = run_sweep(keyed, more, workers=1, interim=out, resume=True, on_result=seen.append)
    assert [r["cycle.national_need"] for r in seen] == [100000]  # only the new variation was solved
    assert [r["cycle.national_need"] for r in rows] == [80000, 90000, 100000]
    assert [r["variation"] for r in read_interim(out)] == [variation_id(v) for v in more]


def test_invalid_variation_is_a_row_not_a_crash(base: Scenario) -> None:
    rows = run_sweep(base, [{"cycle.national_need": 8000}], workers=1, warm_start=False)
    assert rows[0]["status"] == "invalid"
    assert rows[0]["plan"] is False
    assert "national_amv_need" in rows[0]["message"]


def test_resume_ignores_rows_of_another_base(base: Scenario, keyed: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "sweep.csv"
    variations = grid(["cycle.national_need=90000"])
    run_sweep(keyed, variations, workers=1, interim=out, warm_start=False)
    seen: list[dict[str, object]] = []
    rows = run_sweep(base, variations, workers=1, interim=out, resume=True, warm_start=False, on_result=seen.append)
    assert len(seen) == 1  # the interim row belongs to another base scenario: solved again
    assert rows[0]["task_regular_2025"] == 2462  # the base uses the official tasks, whatever the need


def test_hashes_stay_text(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    out.write_text("variation,base,cycle.national_need\n1234e567,0012,90000\n", encoding="utf-8")
    assert read_interim(out) == [{"variation": "1234e567", "base": "0012", "cycle.national_need": 90000}]


def test_total_shortfall_follows_the_counting_reading() -> None:
    """Under ``rules.counting = "total"`` an AMV place counts toward the total task too, so a municipality's places
    short are max(total shortfall, AMV shortfall), not regular + AMV shortfall (issue 11).

    Drenthe with Emmen's azc at 575 (tests/journeys/test_total_reading.py) closes under total. Borger-Odoorn (task
    128 regular + 12 AMV = 140) has no regular site and its 50-place AMV unit: by hand 140 − 50 = 90 places short of
    its total task, AMV 50 ≥ 12 met — 90 places, where adding regular 128 + AMV 0 said 128."""
    from planner.journeys.duty import duty_changes, duty_scenario
    from planner.journeys.plan import SolveSettings, plan_scenario
    from planner.journeys.sweep import run_variation
    from planner.model.plan import places_short
    from tests.planning.support import drenthe, with_settings

    base = with_settings(drenthe(), "rules", counting="total")
    changed = duty_scenario(base, duty_changes(base, "GM0114", "EMM-AZC", 575, (), 575)[0])
    run = plan_scenario(changed, SolveSettings(solver="highs"))
    assert run.plan is not None
    bo = run.plan.municipality("GM1681", "2026")
    assert (bo["planned_regular"], bo["planned_amv"], places_short(bo)) == (0, 50, 90)
    assert bo["shortfall_regular"] + bo["shortfall_amv"] == 128  # what the sweep used to add up
    row = run_variation(changed, {}, solver="highs")
    assert row["total_shortfall"] == sum(places_short(r) for r in run.plan.municipalities)
