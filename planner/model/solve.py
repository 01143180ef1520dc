"""Solve the allocation program goal by goal and read the plan back in the users' terms.

Lexicographic: goal 1 is minimised; its optimum becomes a constraint (``Σ c·x ≤ z*``) and goal 2 is minimised, and
so on. Every goal has integer coefficients over integer variables, so each optimum is a whole number and fixing it
loses nothing. A goal that was stopped by a limit is fixed at its incumbent and the plan is marked *feasible, not
proven optimal*, with the goal's bound and gap. If the first solve finds no solution the plan has no values at all.

The solution is rounded safely (``numpy.rint``, never ``int()``) and then checked against every row and bound of
the program (round-and-check); a rounded plan that violates anything is an error, not a plan.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from planner.model.build import AllocationModel
from solvers import LinearProgram, SolveOptions, SolveResult, Status, get_solver

INTEGRALITY_TOL = 1e-5
FEASIBILITY_TOL = 1e-6


@dataclass(frozen=True)
class GoalResult:
    name: str
    description: str
    unit: str
    status: Status
    objective: float | None
    bound: float | None
    gap: float | None
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "goal": self.name,
            "description": self.description,
            "unit": self.unit,
            "status": self.status.value,
            "objective": self.objective,
            "bound": self.bound,
            "gap": self.gap,
            "seconds": round(self.seconds, 4),
        }


@dataclass
class Solution:
    """Outcome of a lexicographic solve: the overall status, every goal's result and (only if any) the values."""

    status: Status
    solver: str
    solver_version: str
    goals: list[GoalResult]
    values: np.ndarray | None
    seconds: float
    message: str = ""
    limit: str = "none"
    program: LinearProgram | None = field(default=None, repr=False)

    @property
    def has_plan(self) -> bool:
        return self.values is not None and self.status in (Status.OPTIMAL, Status.FEASIBLE)

    @property
    def objective(self) -> float | None:
        return self.goals[0].objective if self.goals else None

    @property
    def bound(self) -> float | None:
        return self.goals[0].bound if self.goals else None

    @property
    def gap(self) -> float | None:
        gaps = [g.gap for g in self.goals if g.gap is not None]
        return max(gaps) if gaps else None


def round_and_check(lp: LinearProgram, values: np.ndarray) -> tuple[np.ndarray | None, str]:
    """Round integer variables to the nearest whole number and check every bound and row; return the rounded
    values, or None and the first violations in words."""
    x = np.array(values, dtype=float)
    ints = lp.var_integer
    frac = np.abs(x[ints] - np.rint(x[ints]))
    if frac.size and frac.max() > INTEGRALITY_TOL:
        i = int(np.flatnonzero(ints)[int(frac.argmax())])
        return None, f"variable {lp.var_names[i]} = {x[i]!r} is not whole"
    x[ints] = np.rint(x[ints])
    problems: list[str] = []
    lo_bad = np.flatnonzero(x < lp.var_lb - FEASIBILITY_TOL)
    hi_bad = np.flatnonzero(x > lp.var_ub + FEASIBILITY_TOL)
    problems += [f"{lp.var_names[i]} = {x[i]:g} < {lp.var_lb[i]:g}" for i in lo_bad[:3]]
    problems += [f"{lp.var_names[i]} = {x[i]:g} > {lp.var_ub[i]:g}" for i in hi_bad[:3]]
    act = np.add.reduceat(lp.a_data * x[lp.a_indices], lp.a_indptr[:-1]) if lp.a_data.size else np.zeros(0)
    # reduceat on empty rows returns the next row's value: zero them explicitly.
    empty = lp.a_indptr[:-1] == lp.a_indptr[1:]
    act = np.where(empty, 0.0, act) if act.size else np.zeros(lp.n_rows)
    bad = np.flatnonzero((act < lp.row_lb - FEASIBILITY_TOL) | (act > lp.row_ub + FEASIBILITY_TOL))
    problems += [f"{lp.row_names[i]}: {act[i]:g} not in [{lp.row_lb[i]:g}, {lp.row_ub[i]:g}]" for i in bad[:3]]
    if problems:
        return None, "rounded plan violates " + "; ".join(problems)
    return x, ""


def _fix_goal(lp: LinearProgram, name: str, c: np.ndarray, value: float) -> LinearProgram:
    nz = np.flatnonzero(c)
    ub = math.floor(value + 1e-6)
    return lp.with_extra_rows(
        (f"goal_{name}",),
        np.array([0, nz.size]),
        nz,
        c[nz],
        np.array([-np.inf]),
        np.array([float(ub)]),
    )


def solve_model(
    model: AllocationModel,
    solver: str = "highs",
    *,
    time_limit: float | None = None,
    gap: float = 0.0,
    threads: int = 1,
    seed: int = 0,
    hint: np.ndarray | None = None,
) -> Solution:
    """Minimise the model's goals one after the other with the named backend (never a library default)."""
    backend = get_solver(solver)
    lp = model.builder.program()
    started = time.perf_counter()
    results: list[GoalResult] = []
    values: np.ndarray | None = hint
    overall = Status.OPTIMAL
    limit = "none"
    message = ""
    version = backend.version()
    goals = model.goals or []
    stages = goals if goals else [None]
    for goal in stages:
        c = model.builder.objective(goal.terms) if goal is not None else np.zeros(lp.n_vars)
        opts = SolveOptions(time_limit=time_limit, mip_gap=gap, threads=threads, seed=seed, hint=values)
        res: SolveResult = backend.solve(lp.with_objective(c, 0.0), opts)
        name = goal.name if goal is not None else "feasibility"
        results.append(
            GoalResult(
                name=name,
                description=goal.description if goal else "find any plan",
                unit=goal.unit if goal else "",
                status=res.status,
                objective=res.objective,
                bound=res.bound,
                gap=res.gap,
                seconds=res.seconds,
            )
        )
        if not res.has_solution or res.values is None:
            overall = res.status
            limit = res.limit.value
            message = res.message
            values = None
            break
        values = res.values
        if res.status is not Status.OPTIMAL:
            overall = Status.FEASIBLE
            limit = res.limit.value
        if goal is not None and res.objective is not None:
            # Fix this goal at what was reached before optimising the next one.
            reached = float(c @ np.rint(res.values)) if lp.var_integer.all() else float(res.objective)
            lp = _fix_goal(lp, goal.name, c, max(reached, res.objective))
    seconds = time.perf_counter() - started
    if values is not None and overall in (Status.OPTIMAL, Status.FEASIBLE):
        checked, why = round_and_check(model.builder.program(), values)
        if checked is None:
            return Solution(Status.ERROR, solver, version, results, None, seconds, why, limit, lp)
        values = checked
    else:
        values = None
    return Solution(overall, solver, version, results, values, seconds, message, limit, lp)
