"""The phase drivers of one benchmark row: load + validate, build, solve, report (files written atomically to a
temporary folder) and explain, and the raw solver on the same programs written as MPS. Each does one phase, so
:func:`benchmarks.run.measure_row` can time it on its own."""

from __future__ import annotations

import dataclasses
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.instances import Instance
from planner.scenario.load import Scenario, load_scenario


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Wall seconds of ``fn()`` and what it returned."""
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def drive_load(inst: Instance) -> Scenario:
    scenario, problems = load_scenario(inst.folder())
    if scenario is None or problems.has_errors():
        raise SystemExit(f"{inst.name}: the scenario does not load:\n{problems}")
    return inst.change(scenario)


def drive_build(scenario: Scenario) -> Any:
    from planner.model.build import build_model

    return build_model(scenario)


def drive_solve(model: Any, solver: str, inst: Instance, limit: float) -> Any:
    from planner.model.solve import SolveSettings, solve_model

    gap = inst.gap if inst.gap is not None else model.scenario.settings.solver.gap
    budget = limit * max(1, len(model.goals))
    # reuse=False: a repeat must solve again, not take the parts the first repeat proved (planner/model/reuse.py)
    return solve_model(model, SolveSettings(solver, time_limit=budget, gap=gap, threads=1, seed=0, reuse=False))


def drive_report(scenario: Scenario, model: Any, solution: Any, solver: str, limit: float) -> dict[str, Any]:
    from planner.journeys.plan import PlanRun, SolveSettings, plan_json, spuk_of_plan, write_plan_dir
    from planner.model.plan import extract_plan

    plan = extract_plan(model, solution) if solution.has_plan else None
    run = PlanRun(scenario, model, solution, plan, SolveSettings(solver=solver, time_limit=limit))
    run.spuk = spuk_of_plan(run)
    data = plan_json(run)
    with tempfile.TemporaryDirectory() as tmp:
        write_plan_dir(run, Path(tmp), data)
    return data


def drive_explain(scenario: Scenario, limit: float) -> tuple[float, str]:
    """Explain an infeasible variant (every offer 0: no province can close); returns seconds and what it found."""
    try:
        from planner.explain.explain import explain_scenario
    except ImportError:
        return float("nan"), "planner.explain not available"
    bad = dataclasses.replace(scenario, offers=tuple(o.model_copy(update={"places": 0}) for o in scenario.offers))
    seconds, ex = timed(lambda: explain_scenario(bad, time_limit=limit))
    return seconds, f"{len(ex.conflicts.conflicts)} conflict(s), {len(ex.sentences)} sentence(s)"


def stage_programs(model: Any, solution: Any) -> list[Any]:
    """The programs the lexicographic solve handed to the backend, one per goal: the base rows, the fixing rows of
    the earlier goals (``goal_<name>``) and this goal's objective."""
    lp = solution.program
    base = np.array([not n.startswith("goal_") for n in lp.row_names])
    out = []
    fixed: set[str] = set()
    for goal in model.goals or []:
        mask = base | np.array([n.startswith("goal_") and n[5:] in fixed for n in lp.row_names])
        out.append(lp.subset_rows(mask).with_objective(model.builder.objective(goal.terms), 0.0))
        fixed.add(goal.name)
    return out


def drive_mps(stages: list[Any], limit: float, gap: float, relax: bool) -> tuple[float, str]:
    """Raw HiGHS on the same programs: write each stage as MPS, then time highspy reading and solving the file."""
    from solvers import write_mps
    from solvers.highs import _new_highs

    total, status = 0.0, "optimal"
    with tempfile.TemporaryDirectory() as tmp:
        for i, lp in enumerate(stages):
            path = Path(tmp) / f"stage{i}.mps"
            write_mps(lp, path)
            h = _new_highs()
            for key, value in (("threads", 1), ("random_seed", 0), ("time_limit", float(limit)),
                               ("mip_rel_gap", float(gap)), ("solve_relaxation", relax)):
                h.setOptionValue(key, value)
            t = time.perf_counter()
            h.readModel(str(path))
            h.run()
            total += time.perf_counter() - t
            st = h.getModelStatus().name
            if st != "kOptimal":
                status = st
    return total, status
