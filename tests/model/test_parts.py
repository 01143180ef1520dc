"""Province parts solved in worker processes give the plan of one process, and the split over workers is balanced."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from benchmarks import generate, run
from planner.model.build import build_model
from planner.model.solve import PARALLEL_MIN_VARS, SolveSettings, _balanced, solve_model
from planner.scenario.load import load_scenario


@pytest.fixture(scope="module")
def two_provinces():  # type: ignore[no-untyped-def]
    scenario, _ = load_scenario(generate.NATIONAL)
    assert scenario is not None
    scope = ("Flevoland", "Groningen")
    return build_model(run.one_period(dataclasses.replace(
        scenario, settings=scenario.settings.model_copy(update={"scope": scope}))))


def test_parts_in_two_processes_give_the_plan_of_one_process(two_provinces) -> None:  # type: ignore[no-untyped-def]
    """Each part is solved the same way in any process: the values, every goal's value and status are equal."""
    one = solve_model(two_provinces, SolveSettings("highs", time_limit=120, workers=1, reuse=False))
    two = solve_model(two_provinces, SolveSettings("highs", time_limit=120, workers=2, reuse=False))
    assert one.status.value == two.status.value == "optimal"
    assert one.values is not None
    assert two.values is not None
    assert np.array_equal(one.values, two.values)
    assert [(g.name, g.status, g.objective) for g in one.goals] == [(g.name, g.status, g.objective) for g in two.goals]


def test_worker_count_is_one_for_small_programs_and_single_parts(two_provinces) -> None:  # type: ignore[no-untyped-def]
    lp = two_provinces.builder.program()
    assert lp.n_vars < PARALLEL_MIN_VARS
    assert SolveSettings().worker_count(lp, 3) == 1  # small: not worth starting processes
    assert SolveSettings(workers=4).worker_count(lp, 2) == 2  # never more processes than parts
    assert SolveSettings(workers=4).worker_count(lp, 1) == 1


def test_parts_are_split_largest_first_to_the_least_loaded_worker() -> None:
    # Sizes 9, 7, 4, 3, 1 over 2 workers: 9 → A, 7 → B, 4 → B (11), 3 → A (12), 1 → B (12): A = {0, 3}, B = {1, 2, 4}.
    assert _balanced([9, 7, 4, 3, 1], 2) == [[0, 3], [1, 2, 4]]
    assert _balanced([5], 3) == [[0]]  # no empty group
    assert _balanced([2, 2, 2], 3) == [[0], [1], [2]]


def test_settings_from_the_scenario_take_overrides_that_are_given() -> None:
    scenario, _ = load_scenario(None)
    assert scenario is not None
    s = SolveSettings.from_scenario(scenario, solver="cpsat", time_limit=None, workers=1)
    assert s.solver == "cpsat"
    assert s.time_limit == scenario.settings.solver.time_limit  # None is "not given"
    assert s.workers == 1
    assert s.decompose
    assert s.options().time_limit == s.time_limit
    assert s.options().mip_gap == s.gap


def test_a_failure_in_a_worker_comes_back_to_the_main_process(two_provinces) -> None:  # type: ignore[no-untyped-def]
    """An exception in a worker process is raised in the main process (it never leaves the run waiting)."""
    from planner.model.solve import _Job, _Part, _solve_all

    lp = two_provinces.builder.program()
    parts = [_Part(lp, (np.zeros(lp.n_vars),), (None,), None)] * 2
    job = _Job(("no-such-solver",), SolveSettings().options(), ("feasibility",), None)
    with pytest.raises(ValueError, match="no-such-solver"):
        _solve_all(job, parts, workers=2)
