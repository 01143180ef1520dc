"""The one result vocabulary of every backend: statuses, stop reasons, the result object and gap arithmetic.

Times are wall-clock seconds; gaps are relative (a fraction, not a percentage).
"""

from __future__ import annotations

import dataclasses
import enum
import math
from typing import TYPE_CHECKING

from solvers.program import FloatArray

if TYPE_CHECKING:
    from solvers.backend import SolveOptions

__all__ = [
    "GAP_ABS_TOL",
    "GAP_REL_TOL",
    "Limit",
    "SolveResult",
    "Status",
    "classify_incumbent",
    "default_limit",
    "early_stop_limit",
    "known_bound",
    "relative_gap",
]

#: A solver's "optimal" with ``mip_gap > 0`` counts as a true optimum (gap 0) when the objective and the
#: bound differ by at most ``max(GAP_ABS_TOL, GAP_REL_TOL * |objective|)``. The absolute part matches
#: HiGHS' default ``mip_abs_gap`` so that floating-point noise in a bound is not reported as a gap stop.
GAP_ABS_TOL = 1e-6
GAP_REL_TOL = 1e-9


class Status(enum.StrEnum):
    """Outcome of a solve, independent of the backend."""

    OPTIMAL = "optimal"
    """A solution was found and proven optimal (within the solver's tolerances)."""
    FEASIBLE = "feasible"
    """A solution exists but optimality is not proven: a limit (time, gap, ...) stopped the solve."""
    INFEASIBLE = "infeasible"
    """The program has no feasible point."""
    UNBOUNDED = "unbounded"
    """The program is feasible and its objective is unbounded below."""
    NO_SOLUTION = "no_solution"
    """A limit stopped the solve before any solution was found; feasibility is unknown."""
    ERROR = "error"
    """The backend failed (load error, numerical trouble, an exception in the solver library, ...)."""
    UNKNOWN = "unknown"
    """The backend returned without a usable verdict and without a solution."""


class Limit(enum.StrEnum):
    """What stopped the solve before a proof of optimality or infeasibility (``NONE`` if nothing did)."""

    NONE = "none"
    TIME = "time"
    GAP = "gap"
    """The relative gap fell to ``SolveOptions.mip_gap`` (> 0) with a non-zero gap left."""
    INTERRUPT = "interrupt"
    OTHER = "other"
    """Node / iteration / solution / memory limits, or a limit the backend does not name."""


@dataclasses.dataclass(frozen=True, eq=False)
class SolveResult:
    """Backend-neutral result of ``Solver.solve``.

    Attributes:
        status: see :class:`Status`.
        limit: what stopped the solve early (:class:`Limit`), ``NONE`` otherwise.
        objective: objective value of ``values`` (including the offset), ``None`` without a solution.
        bound: best proven lower bound on the objective, ``None`` if unknown.
        gap: relative gap ``|objective - bound| / max(|objective|, 1e-9)``; 0.0 when optimal, ``None``
            when unknown.
        values: the solution (float64, length ``n_vars``), ``None`` unless a solution exists; never set
            for infeasible / unbounded / no_solution / error / unknown.
        solver: backend name (``"highs"``, ...).
        solver_version: backend version string.
        seconds: wall time of the whole ``solve`` call (building the model, solving, reading back).
        message: human-readable detail from the backend (status text, error message).
    """

    status: Status
    limit: Limit
    objective: float | None
    bound: float | None
    gap: float | None
    values: FloatArray | None
    solver: str
    solver_version: str
    seconds: float
    message: str

    @property
    def has_solution(self) -> bool:
        """True when ``values`` holds a feasible point (status optimal or feasible)."""
        return self.values is not None

    @property
    def is_optimal(self) -> bool:
        """True when the solution is proven optimal."""
        return self.status is Status.OPTIMAL


#: Solvers encode "no bound" as a huge number (SCIP: 1e20, CBC: 1e50 / DBL_MAX); treat those as unknown.
_INFINITE_BOUND = 1e20


def known_bound(bound: float | None) -> float | None:
    """``bound`` unless it is missing, infinite or a solver's stand-in for infinity (|b| >= 1e20)."""
    if bound is None or not math.isfinite(bound) or abs(bound) >= _INFINITE_BOUND:
        return None
    return float(bound)


def relative_gap(objective: float, bound: float) -> float:
    """``|objective - bound| / max(|objective|, 1e-9)``."""
    return abs(objective - bound) / max(abs(objective), 1e-9)


def _gap_is_zero(objective: float, bound: float) -> bool:
    return abs(objective - bound) <= max(GAP_ABS_TOL, GAP_REL_TOL * abs(objective))


def classify_incumbent(
    *,
    proven: bool,
    objective: float,
    bound: float | None,
    options: SolveOptions,
    is_mip: bool,
    unproven_limit: Limit,
) -> tuple[Status, Limit, float | None, float | None]:
    """Status, limit, bound and gap for a solve that returned a feasible solution.

    ``proven`` is the backend's "optimal". With ``mip_gap > 0`` a MIP solver also says optimal when it
    stopped at the gap tolerance; then the status is ``FEASIBLE`` with ``Limit.GAP`` unless the gap is
    (numerically) zero. ``unproven_limit`` is the limit to report when the backend did not prove
    optimality; ``Limit.OTHER`` is refined to ``Limit.GAP`` when the remaining gap is within ``mip_gap``.
    """
    bound = known_bound(bound)
    if proven:
        if not is_mip or bound is None:
            return Status.OPTIMAL, Limit.NONE, objective if bound is None else bound, 0.0
        if options.mip_gap > 0 and not _gap_is_zero(objective, bound):
            return Status.FEASIBLE, Limit.GAP, bound, relative_gap(objective, bound)
        return Status.OPTIMAL, Limit.NONE, bound, 0.0
    gap = None if bound is None else relative_gap(objective, bound)
    limit = unproven_limit
    if limit is Limit.OTHER and options.mip_gap > 0 and gap is not None and gap <= options.mip_gap:
        limit = Limit.GAP
    return Status.FEASIBLE, limit, bound, gap


def default_limit(options: SolveOptions) -> Limit:
    """The limit to blame when a backend stopped early without saying why."""
    return Limit.TIME if options.time_limit is not None else Limit.OTHER


def early_stop_limit(options: SolveOptions, solver_seconds: float) -> Limit:
    """Why a backend that sets no limit but the time limit stopped early, when it does not say.

    SCIP and CP-SAT catch Ctrl-C themselves and return their incumbent. A stop after at least 90% of
    the time limit is the time limit; an earlier stop (or any stop without a time limit) is an
    interrupt.
    """
    if options.time_limit is not None and solver_seconds >= 0.9 * options.time_limit:
        return Limit.TIME
    return Limit.INTERRUPT
