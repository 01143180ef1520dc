"""The backend interface: what a solver declares it can do (:class:`Feature`), the options every backend takes
(:class:`SolveOptions`), the errors of this package and the :class:`Solver` base class.

Backends live in one module each (:mod:`solvers.highs`, :mod:`solvers.scip`, :mod:`solvers.cbc`,
:mod:`solvers.cpsat`) and import their library inside functions, so ``import solvers`` stays cheap.
"""

from __future__ import annotations

import dataclasses
import enum
import math
import os
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import ClassVar

import numpy as np

from solvers.program import FloatArray, LinearProgram, trivial_infeasibility
from solvers.result import Limit, SolveResult, Status, classify_incumbent, known_bound

__all__ = [
    "MAX_MAGNITUDE",
    "Feature",
    "NumericsError",
    "OptionError",
    "SolveOptions",
    "Solver",
    "SolverCapabilityError",
    "SolverError",
    "SolverNotAvailable",
    "check_numerics",
    "max_threads",
]


class Feature(enum.StrEnum):
    """Capabilities a backend may declare in ``Solver.features``."""

    LP = "lp"
    """Continuous variables (and infinite bounds) are accepted."""
    MIP = "mip"
    """Integer variables are accepted."""
    HINT = "hint"
    """``SolveOptions.hint`` is passed to the solver as a warm start."""
    IIS = "iis"
    """The backend computes an irreducible infeasible subsystem of the LP relaxation (:meth:`Solver.iis`)."""
    UNSAT_CORE = "unsat_core"
    """The backend finds an infeasible core of rows with assumption literals (:meth:`Solver.unsat_core`)."""
    INTEGER_ONLY = "integer_only"
    """Only pure integer programs: integer variables, integral coefficients, finite bounds."""
    DETERMINISTIC_THREADS = "deterministic_threads"
    """Repeated solves with the same options (including ``threads > 1``) return the same answer."""


class SolverError(Exception):
    """Base class of the errors raised by this package (solver failures are results, not errors)."""


class SolverNotAvailable(SolverError, RuntimeError):
    """The requested backend is not installed or cannot run; the message says how to install it."""


class OptionError(SolverError, ValueError):
    """A :class:`SolveOptions` value is out of its range; the message says which and what is allowed."""


def max_threads() -> int:
    """The most threads a solve may use: the machine's CPU count (``os.cpu_count()``, at least 1)."""
    return max(1, os.cpu_count() or 1)


class NumericsError(SolverError, ValueError):
    """The program's numbers are beyond what the backends handle reliably (see :func:`check_numerics`)."""


class SolverCapabilityError(SolverError, ValueError):
    """The program needs a capability the backend lacks; the message names the offending variable/row."""


@dataclasses.dataclass(frozen=True, eq=False)
class SolveOptions:
    """Options shared by every backend.

    Attributes:
        time_limit: wall-clock limit for the solver run in seconds; ``None`` (default) = no limit.
        mip_gap: relative MIP gap at which to stop (fraction, default 0.0 = prove optimality; note that
            solvers' own defaults, e.g. HiGHS' 1e-4, are overridden by this value).
        threads: number of threads the solver may use, ``1 <= threads <= max_threads()`` (the machine's CPU
            count: more threads than cores only slow a solve down, and HiGHS aborts the process or hangs on
            thousands). Default 1, which also makes every backend deterministic.
        seed: random seed, ``0 <= seed < 2**31`` (default 0).
        hint: a full-length starting point (warm start) for backends with ``Feature.HINT``; ignored by
            the others. Default ``None``.
        verbose: let the solver print its log to the console (default False: silent).
    """

    time_limit: float | None = None
    mip_gap: float = 0.0
    threads: int = 1
    seed: int = 0
    hint: FloatArray | None = None
    verbose: bool = False

    def __post_init__(self) -> None:
        if self.time_limit is not None and not (self.time_limit > 0 and math.isfinite(self.time_limit)):
            raise OptionError(f"time_limit must be a positive number of seconds or None, got {self.time_limit}")
        if not (self.mip_gap >= 0 and math.isfinite(self.mip_gap)):
            raise OptionError(f"mip_gap must be >= 0, got {self.mip_gap}")
        if int(self.threads) != self.threads or self.threads < 1:
            raise OptionError(f"threads must be a positive integer, got {self.threads}")
        if self.threads > max_threads():
            raise OptionError(
                f"threads must be at most {max_threads()} (the number of CPU cores of this machine), got {self.threads}"
            )
        if int(self.seed) != self.seed or not 0 <= self.seed < 2**31:
            raise OptionError(f"seed must be an integer in [0, 2**31), got {self.seed}")
        if self.hint is not None:
            hint = np.array(self.hint, dtype=np.float64, copy=True)
            if hint.ndim != 1 or not np.all(np.isfinite(hint)):
                raise OptionError("hint must be a 1-d array of finite values")
            hint.setflags(write=False)
            object.__setattr__(self, "hint", hint)


class Solver(ABC):
    """One solver backend. Subclasses implement :meth:`is_available`, :meth:`version` and :meth:`_solve`.

    :meth:`solve` is the public entry point and does the bookkeeping every backend shares: it checks the
    program against :attr:`features` (raising :class:`SolverCapabilityError`), answers trivially
    infeasible programs without calling the solver, times the call, and turns any exception raised
    inside the backend into a ``Status.ERROR`` result.
    """

    name: ClassVar[str]
    """Registry name, e.g. ``"highs"``."""
    display_name: ClassVar[str]
    """Human-readable name, e.g. ``"HiGHS"``."""
    features: ClassVar[frozenset[Feature]]
    install_hint: ClassVar[str]
    """How to install the backend, e.g. ``"install it with pip install 'highspy>=1.16'"``."""

    @abstractmethod
    def is_available(self) -> bool:
        """True when the backend's library is importable and usable."""

    @abstractmethod
    def version(self) -> str:
        """Version string of the underlying solver."""

    def unavailable_message(self) -> str:
        """Actionable message for :class:`SolverNotAvailable`."""
        return f"{self.display_name} is not available: {self.install_hint}"

    def check_supported(self, lp: LinearProgram) -> None:
        """Raise :class:`SolverCapabilityError` if ``lp`` needs a feature this backend lacks."""
        if Feature.MIP not in self.features and lp.is_mip():
            j = int(np.flatnonzero(lp.var_integer)[0])
            raise SolverCapabilityError(
                f"{self.display_name} solves LPs only, but variable {lp.var_names[j]!r} is integer"
            )
        if Feature.LP not in self.features and not lp.var_integer.all():
            j = int(np.flatnonzero(~lp.var_integer)[0])
            raise SolverCapabilityError(
                f"{self.display_name} needs integer variables, but variable {lp.var_names[j]!r} is continuous"
            )

    def require(self, feature: Feature, purpose: str) -> None:
        """Raise :class:`SolverCapabilityError` naming the backends that have ``feature`` when this one lacks it."""
        if feature in self.features:
            return
        from solvers.registry import SOLVER_NAMES, solver_class

        having = [n for n in SOLVER_NAMES if feature in solver_class(n).features]
        raise SolverCapabilityError(
            f"{self.display_name} cannot {purpose} (no {feature.value} capability); "
            f"use a backend that can: {', '.join(having) or 'none installed'}"
        )

    def iis(self, lp: LinearProgram, options: SolveOptions | None = None) -> list[int] | None:
        """Row indices of an irreducible infeasible subsystem of the LP relaxation of ``lp``, or ``None`` when that
        relaxation is feasible. Only backends with :attr:`Feature.IIS`; the others raise
        :class:`SolverCapabilityError`."""
        self.require(Feature.IIS, "compute an irreducible infeasible subsystem")
        raise NotImplementedError(f"{self.name} declares Feature.IIS but does not implement iis()")

    def unsat_core(self, lp: LinearProgram, options: SolveOptions | None = None) -> list[int] | None:
        """Row indices of an infeasible core of ``lp`` (infeasible together, not necessarily minimal), or ``None``
        when no core was found (feasible, or stopped by a limit). Only backends with :attr:`Feature.UNSAT_CORE`;
        the others raise :class:`SolverCapabilityError`."""
        self.require(Feature.UNSAT_CORE, "find an unsatisfiable core")
        raise NotImplementedError(f"{self.name} declares Feature.UNSAT_CORE but does not implement unsat_core()")

    def solve(self, lp: LinearProgram, options: SolveOptions | None = None) -> SolveResult:
        """Solve ``lp`` (minimise) and return a :class:`SolveResult`; never raises for solver failures.

        Raises:
            SolverCapabilityError: the program does not fit this backend (e.g. continuous vars on CP-SAT).
            ValueError: ``options.hint`` does not have ``n_vars`` entries.
        """
        opts = options if options is not None else SolveOptions()
        self.check_supported(lp)
        if opts.hint is not None and opts.hint.shape != (lp.n_vars,):
            raise ValueError(f"hint has {opts.hint.shape[0]} entries, the program has {lp.n_vars} variables")
        start = time.perf_counter()
        reason = trivial_infeasibility(lp)
        if reason is not None:
            result = self._result(Status.INFEASIBLE, message=f"infeasible before solving: {reason}")
        else:
            try:
                result = self._solve(lp, opts)
            except Exception as exc:  # the contract: solver-library failures become results, not exceptions
                result = self._result(Status.ERROR, message=f"{self.display_name} failed: {type(exc).__name__}: {exc}")
        return dataclasses.replace(result, seconds=time.perf_counter() - start)

    @abstractmethod
    def _solve(self, lp: LinearProgram, options: SolveOptions) -> SolveResult:
        """Backend-specific solve of a validated, not trivially infeasible program.

        ``seconds`` in the returned result is overwritten by :meth:`solve`.
        """

    def _safe_version(self) -> str:
        try:
            return self.version()
        except Exception:  # a broken install must still yield an error result
            return "unknown"

    def _result(
        self,
        status: Status,
        *,
        limit: Limit = Limit.NONE,
        objective: float | None = None,
        bound: float | None = None,
        gap: float | None = None,
        values: FloatArray | None = None,
        message: str = "",
    ) -> SolveResult:
        """Build a result, enforcing the invariants shared by all backends."""
        if status not in (Status.OPTIMAL, Status.FEASIBLE):
            values, objective, gap = None, None, None
        elif values is None:
            raise AssertionError(f"{self.name}: status {status} without solution values")
        bound = known_bound(bound)
        return SolveResult(
            status=status,
            limit=limit,
            objective=objective,
            bound=bound,
            gap=gap,
            values=None if values is None else np.asarray(values, dtype=np.float64),
            solver=self.name,
            solver_version=self._safe_version(),
            seconds=0.0,
            message=message,
        )

    def _incumbent(
        self,
        lp: LinearProgram,
        options: SolveOptions,
        *,
        proven: bool,
        objective: float,
        bound: float | None,
        values: FloatArray,
        unproven_limit: Limit,
        message: str,
    ) -> SolveResult:
        """Result for a solve that returned a feasible solution (see :func:`classify_incumbent`)."""
        if values.shape != (lp.n_vars,):
            raise RuntimeError(f"{self.display_name} returned {values.shape[0]} values for {lp.n_vars} variables")
        status, limit, bound, gap = classify_incumbent(
            proven=proven,
            objective=objective,
            bound=bound,
            options=options,
            is_mip=lp.is_mip(),
            unproven_limit=unproven_limit,
        )
        return self._result(
            status, limit=limit, objective=objective, bound=bound, gap=gap, values=values, message=message
        )


#: The largest absolute coefficient, bound or objective coefficient, and the largest ratio between the largest and
#: the smallest non-zero constraint coefficient, that every backend handles reliably. Beyond it the default
#: feasibility tolerances (1e-6 relative to numbers this size) stop meaning anything: CBC reported a false
#: "infeasible" for SPUK amounts of 10^12 €. The planner's own programs stay below 1e8 (places × 1000 ‰).
MAX_MAGNITUDE = 1e9


def check_numerics(lp: LinearProgram, objectives: Sequence[FloatArray] = ()) -> None:
    """Raise :class:`NumericsError` when ``lp`` (or one of the goal ``objectives``) has a number above
    :data:`MAX_MAGNITUDE` in absolute value, or constraint coefficients whose range exceeds it; the message names
    the variable or row. Called before solving, so an absurd input is refused instead of answered wrongly."""
    def largest(values: FloatArray) -> tuple[int, float]:
        finite = np.where(np.isfinite(values), np.abs(values), 0.0)
        k = int(np.argmax(finite)) if finite.size else 0
        return k, float(finite[k]) if finite.size else 0.0

    rows = lp.row_of_nonzero()
    checks: list[tuple[str, FloatArray, Callable[[int], str]]] = [
        ("coefficient", lp.a_data, lambda k: f"row {lp.row_names[int(rows[k])]!r}"),
        ("lower bound", lp.row_lb, lambda k: f"row {lp.row_names[k]!r}"),
        ("upper bound", lp.row_ub, lambda k: f"row {lp.row_names[k]!r}"),
        ("lower bound", lp.var_lb, lambda k: f"variable {lp.var_names[k]!r}"),
        ("upper bound", lp.var_ub, lambda k: f"variable {lp.var_names[k]!r}"),
        ("objective coefficient", lp.objective, lambda k: f"variable {lp.var_names[k]!r}"),
    ]
    checks += [("goal coefficient", np.asarray(c, dtype=np.float64), lambda k: f"variable {lp.var_names[k]!r}")
               for c in objectives]
    advice = (
        f"numbers above {MAX_MAGNITUDE:.0e} are beyond what the solvers handle reliably (they may report a false "
        "'infeasible' or 'optimal'); check the amounts in the scenario (places, SPUK rates, Ukraine targets)"
    )
    for what, values, where in checks:
        k, size = largest(values)
        if size > MAX_MAGNITUDE:
            raise NumericsError(f"the program has a {what} of {size:.3g} in {where(k)}: {advice}")
    nonzero = np.abs(lp.a_data[lp.a_data != 0])
    if nonzero.size and float(nonzero.max()) > MAX_MAGNITUDE * float(nonzero.min()):
        raise NumericsError(
            f"the program's coefficients range from {float(nonzero.min()):.3g} to {float(nonzero.max()):.3g}: "
            f"a ratio above {MAX_MAGNITUDE:.0e} is beyond what the solvers handle reliably; check the amounts in "
            "the scenario (places, SPUK rates, Ukraine targets)"
        )
