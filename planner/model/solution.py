"""What a lexicographic solve returns: every goal's result, the plan's values (only if there is a plan) and the
round-and-check that turns solver values into a plan (see :mod:`planner.model.solve`, the driver)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NotRequired, TypedDict

import numpy as np

from planner.model.goals import TIE_BREAK
from solvers import LinearProgram, Status

INTEGRALITY_TOL = 1e-5
FEASIBILITY_TOL = 1e-6

class GoalRecord(TypedDict):
    """One goal's result as JSON (``result.json``'s ``goals``)."""

    goal: str
    description: str
    unit: str
    status: str
    objective: float | None
    bound: float | None
    gap: float | None
    seconds: NotRequired[float]
    """Left out of output that is compared byte for byte (``plan_json(include_timing=False)``)."""
    solver: str
    """The backend that solved this goal (with ``--solver auto`` one per goal) and its version."""
    solver_version: str


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
    solver: str = ""
    solver_version: str = ""

    def as_dict(self) -> GoalRecord:
        return {
            "goal": self.name,
            "description": self.description,
            "unit": self.unit,
            "status": self.status.value,
            "objective": self.objective,
            "bound": self.bound,
            "gap": self.gap,
            "seconds": round(self.seconds, 4),
            "solver": self.solver,
            "solver_version": self.solver_version,
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
    reused_parts: int = 0
    """Province parts taken from earlier runs in this process instead of solved (:mod:`planner.model.reuse`)."""

    @property
    def has_plan(self) -> bool:
        return self.values is not None and self.status in (Status.OPTIMAL, Status.FEASIBLE)

    @property
    def objective(self) -> float | None:
        return self.goals[0].objective if self.goals else None

    @property
    def bound(self) -> float | None:
        return self.goals[0].bound if self.goals else None

    def __post_init__(self) -> None:
        tie = [g for g in self.goals if g.name == TIE_BREAK and g.status is not Status.OPTIMAL]
        if tie and self.status is Status.OPTIMAL and not self.message:
            self.message = (
                "every goal is proven optimal; the tie-break between equally good plans was stopped by the time "
                "limit, so another equally good plan may exist"
            )

    @property
    def gap(self) -> float | None:
        """The largest gap of the real goals (the tie-break is not a goal of the users)."""
        gaps = [g.gap for g in self.goals if g.gap is not None and g.name != TIE_BREAK]
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
    # Row activities by summing each coefficient into its row (reduceat failed on trailing empty rows).
    act = np.bincount(lp.row_of_nonzero(), weights=lp.a_data * x[lp.a_indices], minlength=lp.n_rows)
    bad = np.flatnonzero((act < lp.row_lb - FEASIBILITY_TOL) | (act > lp.row_ub + FEASIBILITY_TOL))
    problems += [f"{lp.row_names[i]}: {act[i]:g} not in [{lp.row_lb[i]:g}, {lp.row_ub[i]:g}]" for i in bad[:3]]
    if problems:
        return None, "rounded plan violates " + "; ".join(problems)
    return x, ""
