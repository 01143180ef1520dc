"""The backend of each goal: one named backend for all, or ``auto``, a fixed table that gives each goal the
backend measured fastest on it (the choice never depends on timing during the run, so a run is reproducible)."""

from __future__ import annotations

from collections.abc import Sequence

from planner.model.goals import TIE_BREAK
from solvers import SolverNotAvailable, get_solver

AUTO = "auto"
"""``SolveSettings.solver`` value for a backend per goal (:data:`AUTO_BACKENDS`)."""

AUTO_BACKENDS: dict[str, str] = {
    "fairness_max_new_surplus": "scip",
    "small_units": "scip",
    "spuk": "scip",
    "fewer_sites": "scip",
    TIE_BREAK: "scip",
}
"""The backend ``auto`` gives a goal (HiGHS for every goal not named), when it is installed (else HiGHS). Measured
per goal on the national scenario, every goal proven, one process, same machine (``benchmarks/README.md``, seconds
HiGHS / SCIP): fairness_max_shortfall 3,88 / 6,45 · fairness_total_shortfall 0,50 / 0,82 · fairness_max_new_surplus
10,34 / 7,93 · small_units 1,48 / 1,21 · spuk 3,36 / 1,67 · fewer_sites 7,87 / 3,66 · tie_break 24,98 / 8,11. The
choice is a fixed table, never a race, so a run is reproducible."""


def goal_backends(solver: str, goals: Sequence[str]) -> tuple[str, ...]:
    """The backend of each goal: ``solver`` for every goal, or with ``auto`` the table :data:`AUTO_BACKENDS`
    (HiGHS where the named backend is not installed)."""
    if solver != AUTO:
        return (solver,) * len(goals)

    def usable(name: str) -> str:
        try:
            get_solver(name)
        except SolverNotAvailable:
            return "highs"
        return name

    return tuple(usable(AUTO_BACKENDS.get(g, "highs")) for g in goals)
