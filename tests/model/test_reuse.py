"""Province parts proven earlier in the process are reused, and only when nothing their solve depends on changed:
a reused part gives the values a fresh solve gives; a changed province is solved again."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from benchmarks import generate, run
from planner.model.build import AllocationModel, build_model
from planner.model.solve import PARTS, SolveSettings, solve_goals
from planner.scenario.load import load_scenario
from solvers import Status


@pytest.fixture(scope="module")
def two_provinces() -> AllocationModel:
    scenario, _ = load_scenario(generate.NATIONAL)
    assert scenario is not None
    scope = ("Flevoland", "Groningen")
    return build_model(run.one_period(dataclasses.replace(
        scenario, settings=scenario.settings.model_copy(update={"scope": scope}))))


def _province(model: AllocationModel, name: str) -> np.ndarray:
    return np.array([lab.province == name for lab in model.builder.program().var_labels])


def test_a_second_run_reuses_every_part_and_gives_the_fresh_plan(two_provinces: AllocationModel) -> None:
    lp, goals = two_provinces.builder.program(), two_provinces.goals
    PARTS.clear()
    first = solve_goals(lp, goals, SolveSettings("highs", time_limit=120, workers=1, reuse=True))
    again = solve_goals(lp, goals, SolveSettings("highs", time_limit=120, workers=1, reuse=True))
    fresh = solve_goals(lp, goals, SolveSettings("highs", time_limit=120, workers=1, reuse=False))
    assert first.status is again.status is fresh.status is Status.OPTIMAL
    assert (first.reused_parts, again.reused_parts, fresh.reused_parts) == (0, 2, 0)
    assert again.values is not None
    assert fresh.values is not None
    assert np.array_equal(again.values, fresh.values)
    assert [(g.name, g.objective, g.status) for g in again.goals] == [(g.name, g.objective, g.status)
                                                                      for g in fresh.goals]
    assert all(g.seconds == 0.0 for g in again.goals)  # nothing was solved for the reused parts


def test_a_changed_province_is_solved_again_and_the_other_is_reused(two_provinces: AllocationModel) -> None:
    lp, goals = two_provinces.builder.program(), two_provinces.goals
    PARTS.clear()
    base = solve_goals(lp, goals, SolveSettings("highs", time_limit=120, workers=1, reuse=True))
    assert base.values is not None
    # One site of Groningen that the plan opens may not be opened (a "single change": a site withdrawn).
    m = two_provinces
    opened = [m.open[s] for s in sorted(m.open)
              if m.munis[m.sites[s].code].province == "Groningen" and base.values[m.open[s]] > 0.5]
    j = opened[0]
    ub = lp.var_ub.copy()
    ub[j] = 0
    changed = lp.with_bounds(lp.var_lb, ub)
    reused = solve_goals(changed, goals, SolveSettings("highs", time_limit=120, workers=1, reuse=True))
    fresh = solve_goals(changed, goals, SolveSettings("highs", time_limit=120, workers=1, reuse=False))
    assert reused.reused_parts == 1  # Flevoland
    assert reused.values is not None
    assert fresh.values is not None
    assert reused.values[j] == 0  # the change is in the answer, not the stored Groningen
    assert np.array_equal(reused.values, fresh.values)
    flevoland = _province(two_provinces, "Flevoland")
    assert np.array_equal(reused.values[flevoland], base.values[flevoland])


def test_a_part_stopped_by_a_limit_is_not_kept(two_provinces: AllocationModel) -> None:
    lp, goals = two_provinces.builder.program(), two_provinces.goals
    PARTS.clear()
    stopped = solve_goals(lp, goals, SolveSettings("highs", time_limit=0.001, workers=1, reuse=True))
    assert stopped.status is not Status.OPTIMAL
    assert len(PARTS) == 0
    later = solve_goals(lp, goals, SolveSettings("highs", time_limit=120, workers=1, reuse=True))
    assert later.reused_parts == 0
    assert later.status is Status.OPTIMAL


def test_another_backend_or_seed_is_not_the_same_part(two_provinces: AllocationModel) -> None:
    lp, goals = two_provinces.builder.program(), two_provinces.goals
    PARTS.clear()
    solve_goals(lp, goals, SolveSettings("highs", time_limit=120, workers=1, reuse=True))
    other_seed = SolveSettings("highs", time_limit=120, workers=1, seed=1, reuse=True)
    assert solve_goals(lp, goals, other_seed).reused_parts == 0
    assert solve_goals(lp, goals, SolveSettings("cbc", time_limit=120, workers=1, reuse=True)).reused_parts == 0
