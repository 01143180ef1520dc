"""HiGHS backend (highspy), the default solver.

Loading is vectorised: the CSR arrays go straight into ``Highs.passModel`` without per-element Python
work. Also provides :func:`write_mps` and an IIS for the LP relaxation (:meth:`HighsSolver.iis`).

Notes on highspy (tested with 1.16):

* ``highspy.Highs()`` prints a copyright banner on construction, before any option can be set, so this
  module uses the bound C++ class ``highspy._core._Highs`` (the same object without the Python-side
  callback machinery) and sets ``output_flag`` first; it falls back to ``highspy.Highs`` if the private
  class ever disappears.
* Going around ``highspy.Highs`` also bypasses its Ctrl-C handling, so :func:`_call_interruptibly`
  restores it: HiGHS runs in a worker thread (the binding releases the GIL) while the calling thread
  waits; Ctrl-C sets a flag that HiGHS' interrupt callbacks pass on, HiGHS stops at its next check and
  the result is reported with ``Limit.INTERRUPT`` (and the incumbent, if any) instead of raising.
* HiGHS keeps one task scheduler per OS thread, sized by the first run's ``threads`` option, and fails
  a later run with a different ``threads``. Each run gets a fresh worker thread whose scheduler is
  released when it finishes, so thread counts can change freely between solves.

IIS: highspy 1.16 exposes ``Highs.getIis``; with ``iis_strategy`` = irreducible it returns an
irreducible infeasible subsystem (rows and variable bounds) of the LP relaxation. That is what
:meth:`HighsSolver.iis` returns; integrality is ignored, so a MIP infeasible only through integrality
has no IIS here.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from solvers.backend import Feature, SolveOptions, Solver
from solvers.program import FloatArray, LinearProgram
from solvers.result import Limit, SolveResult, Status

__all__ = ["HighsSolver", "write_mps"]

# HiGHS enum values used with the flat passModel call (stable across 1.x).
_ROWWISE = 2  # MatrixFormat.kRowwise
_MINIMIZE = 1  # ObjSense.kMinimize
_SOLUTION_FEASIBLE = 2  # SolutionStatus.kSolutionStatusFeasible
_IIS_IRREDUCIBLE = 4  # IisStrategy.kIisStrategyIrreducible
_IIS_BOUND_IN_CONFLICT = (2, 3, 4)  # IisBoundStatus Lower / Upper / Boxed

T = TypeVar("T")


def _new_highs(verbose: bool = False) -> Any:
    """A silent (unless ``verbose``) HiGHS instance."""
    import highspy

    core = getattr(highspy, "_core", None)
    cls = getattr(core, "_Highs", None) or highspy.Highs
    h = cls()
    h.setOptionValue("output_flag", bool(verbose))
    return h


def _call_interruptibly(h: Any, call: Callable[[], T]) -> tuple[T, bool]:
    """Run ``call()`` (``h.run`` / ``h.getIis``) in a worker thread; returns its result and whether
    Ctrl-C interrupted it (see module notes)."""
    from highspy import cb

    stop = threading.Event()

    def check_interrupt(_type: Any, _message: str, _out: Any, data_in: Any, _user: Any) -> None:
        if data_in is not None and stop.is_set():
            data_in.user_interrupt = True

    _check(h.setCallback(check_interrupt, None), "setCallback")
    for kind in ("kCallbackSimplexInterrupt", "kCallbackIpmInterrupt", "kCallbackMipInterrupt"):
        _check(h.startCallback(getattr(cb.HighsCallbackType, kind)), f"startCallback({kind})")

    outcome: list[T] = []
    failure: list[BaseException] = []
    done = threading.Event()

    def work() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # handed to the calling thread below
            failure.append(exc)
        finally:
            # Release this thread's task scheduler (and its worker threads) before the thread ends.
            reset = getattr(type(h), "resetThreadScheduler", None)
            if reset is not None:
                reset(False)
            done.set()

    worker = threading.Thread(target=work, name="highs-solve", daemon=True)
    interrupted = started = False
    # Waiting on an Event, not Thread.join: an interrupted join can leave the Thread object claiming
    # it has finished while HiGHS is still running. Every step from starting the worker to joining it
    # is inside the try: a Ctrl-C that escaped between them left HiGHS running in a daemon thread while
    # the interpreter shut down, and the process aborted (exit -6 instead of 130).
    while True:
        try:
            if not started:
                started = True
                worker.start()
            while not done.wait(0.1):
                pass
            worker.join()
            break
        except KeyboardInterrupt:
            interrupted = True
            stop.set()
    h.setCallback(None, None)
    if failure:
        raise failure[0]
    return outcome[0], interrupted


def _check(status: Any, what: str) -> None:
    if getattr(status, "name", str(status)) == "kError":
        raise RuntimeError(f"HiGHS {what} failed")


def _pass_model(h: Any, lp: LinearProgram, *, relax: bool = False, objective: FloatArray | None = None) -> None:
    """Load ``lp`` into ``h`` with one vectorised call (``relax`` drops integrality)."""
    if lp.nnz >= 2**31 - 1:
        raise ValueError("HiGHS (32-bit indices) cannot load more than 2**31 - 1 coefficients")
    # All-zero integrality (kContinuous) is an LP to HiGHS; an empty array is rejected by passModel.
    integrality = lp.var_integer.astype(np.int32) if not relax else np.zeros(lp.n_vars, dtype=np.int32)
    status = h.passModel(
        lp.n_vars,
        lp.n_rows,
        lp.nnz,
        _ROWWISE,
        _MINIMIZE,
        lp.objective_offset,
        lp.objective if objective is None else objective,
        lp.var_lb,
        lp.var_ub,
        lp.row_lb,
        lp.row_ub,
        lp.a_indptr.astype(np.int32),
        lp.a_indices.astype(np.int32),
        lp.a_data,
        integrality,
    )
    _check(status, "passModel")


def write_mps(lp: LinearProgram, path: str | os.PathLike[str]) -> None:
    """Write ``lp`` to ``path`` as a free-format MPS file (with variable and row names) via highspy.

    The objective sense is minimise and the offset is written as HiGHS does (negated RHS of the
    objective row), so ``highspy`` reading the file back reproduces the same objective.
    """
    import highspy

    h = _new_highs()
    model = highspy.HighsLp()
    model.num_col_ = lp.n_vars
    model.num_row_ = lp.n_rows
    model.col_cost_ = lp.objective
    model.col_lower_ = lp.var_lb
    model.col_upper_ = lp.var_ub
    model.row_lower_ = lp.row_lb
    model.row_upper_ = lp.row_ub
    model.offset_ = lp.objective_offset
    model.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    model.a_matrix_.num_col_ = lp.n_vars
    model.a_matrix_.num_row_ = lp.n_rows
    model.a_matrix_.start_ = lp.a_indptr.astype(np.int32)
    model.a_matrix_.index_ = lp.a_indices.astype(np.int32)
    model.a_matrix_.value_ = lp.a_data
    if lp.is_mip():
        model.integrality_ = [
            highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
            for flag in lp.var_integer.tolist()
        ]
    model.col_names_ = list(lp.var_names)
    model.row_names_ = list(lp.row_names)
    model.model_name_ = lp.name if lp.name.isidentifier() else "model"
    _check(h.passModel(model), "passModel")
    _check(h.writeModel(os.fspath(path)), f"writeModel({os.fspath(path)!r})")


class HighsSolver(Solver):
    """HiGHS via highspy: LP and MIP, warm-start hints (``setSolution``), IIS of the LP relaxation.

    Parameter mapping: ``time_limit`` → ``time_limit``, ``mip_gap`` → ``mip_rel_gap``, ``threads`` →
    ``threads``, ``seed`` → ``random_seed``, ``verbose`` → ``output_flag``. HiGHS is deterministic for a
    given thread count.
    """

    name = "highs"
    display_name = "HiGHS"
    install_hint = "install it with pip install 'highspy>=1.16'"
    features = frozenset({Feature.LP, Feature.MIP, Feature.HINT, Feature.IIS, Feature.DETERMINISTIC_THREADS})

    def is_available(self) -> bool:
        try:
            _new_highs()
        except Exception:  # ImportError or a broken binary wheel
            return False
        return True

    def version(self) -> str:
        return str(_new_highs().version())

    # -- solving -------------------------------------------------------------------------------------

    def _configure(self, h: Any, options: SolveOptions) -> None:
        _check(h.setOptionValue("threads", int(options.threads)), "setting threads")
        _check(h.setOptionValue("random_seed", int(options.seed)), "setting random_seed")
        _check(h.setOptionValue("mip_rel_gap", float(options.mip_gap)), "setting mip_rel_gap")
        if options.time_limit is not None:
            _check(h.setOptionValue("time_limit", float(options.time_limit)), "setting time_limit")

    def _run(self, lp: LinearProgram, options: SolveOptions, objective: FloatArray | None = None) -> Any:
        h = _new_highs(options.verbose)
        self._configure(h, options)
        _pass_model(h, lp, objective=objective)
        if options.hint is not None and objective is None:
            idx = np.arange(lp.n_vars, dtype=np.int32)
            # A rejected hint is not an error: HiGHS then simply starts without it.
            h.setSolution(lp.n_vars, idx, options.hint)
        status, interrupted = _call_interruptibly(h, h.run)
        # Ctrl-C between HiGHS' interrupt checks lets the run finish normally; remember it so the caller still
        # learns that the user asked to stop (see _solve).
        self._interrupted = self._interrupted or interrupted
        if getattr(status, "name", "") == "kError" and h.getModelStatus().name in ("kNotset", "kLoadError"):
            raise RuntimeError(f"HiGHS run failed (model status {h.getModelStatus().name})")
        return h

    _interrupted: bool = False

    def _solve(self, lp: LinearProgram, options: SolveOptions) -> SolveResult:
        """Solve; a run during which Ctrl-C was pressed is reported with limit ``interrupt`` even when HiGHS
        finished it, so the caller stops instead of going on to its next solve."""
        self._interrupted = False
        result = self._solve_run(lp, options)
        if self._interrupted and result.limit is Limit.NONE:
            result = dataclasses.replace(result, limit=Limit.INTERRUPT)
        return result

    def _solve_run(self, lp: LinearProgram, options: SolveOptions) -> SolveResult:
        h = self._run(lp, options)
        if options.hint is not None and lp.is_mip() and not _values_match_objective(h, lp):
            # With a warm-start hint HiGHS (1.x) can report the optimum's objective but return the hint's values
            # (seen when presolve solves the MIP: objective 2, values worth 4). Solve again without the hint.
            h = self._run(lp, dataclasses.replace(options, hint=None))
        model_status = h.getModelStatus()
        status_name = model_status.name
        message = f"HiGHS model status: {h.modelStatusToString(model_status)}"
        info = h.getInfo()
        is_mip = lp.is_mip()
        has_primal = int(info.primal_solution_status) == _SOLUTION_FEASIBLE

        def values() -> FloatArray:
            return np.asarray(h.getSolution().col_value, dtype=np.float64)

        def incumbent(proven: bool, limit: Limit) -> SolveResult:
            objective = float(info.objective_function_value)
            bound: float | None = float(info.mip_dual_bound) if is_mip else (objective if proven else None)
            return self._incumbent(
                lp,
                options,
                proven=proven,
                objective=objective,
                bound=bound,
                values=values(),
                unproven_limit=limit,
                message=message,
            )

        if status_name == "kOptimal":
            return incumbent(True, Limit.NONE)
        if status_name == "kModelEmpty":
            # No variables: the objective is the offset and the (empty) point is optimal.
            return self._result(
                Status.OPTIMAL,
                objective=lp.objective_offset,
                bound=lp.objective_offset,
                gap=0.0,
                values=np.zeros(lp.n_vars),
                message=message,
            )
        if status_name == "kInfeasible":
            return self._result(Status.INFEASIBLE, message=message)
        if status_name == "kUnbounded":
            return self._result(Status.UNBOUNDED, message=message)
        if status_name == "kUnboundedOrInfeasible":
            return self._disambiguate(lp, options, message)
        limit = {
            "kTimeLimit": Limit.TIME,
            "kInterrupt": Limit.INTERRUPT,
            "kIterationLimit": Limit.OTHER,
            "kSolutionLimit": Limit.OTHER,
            "kObjectiveBound": Limit.OTHER,
            "kObjectiveTarget": Limit.OTHER,
            "kMemoryLimit": Limit.OTHER,
        }.get(status_name)
        if limit is not None:
            if has_primal:
                return incumbent(False, limit)
            bound = float(info.mip_dual_bound) if is_mip else None
            return self._result(Status.NO_SOLUTION, limit=limit, bound=bound, message=message)
        if status_name in ("kNotset", "kUnknown"):
            if has_primal:
                return incumbent(False, Limit.OTHER)
            return self._result(Status.UNKNOWN, message=message)
        return self._result(Status.ERROR, message=message)

    def _disambiguate(self, lp: LinearProgram, options: SolveOptions, message: str) -> SolveResult:
        """Turn HiGHS' "unbounded or infeasible" into one of the two.

        Solving the same constraints with a zero objective settles feasibility: a feasible program whose
        original objective was reported unbounded-or-infeasible is unbounded.
        """
        h = self._run(lp, options, objective=np.zeros(lp.n_vars))
        feas = h.getModelStatus().name
        if feas == "kInfeasible":
            return self._result(Status.INFEASIBLE, message=f"{message}; feasibility check: infeasible")
        if feas == "kOptimal":
            return self._result(Status.UNBOUNDED, message=f"{message}; feasibility check: feasible")
        return self._result(Status.UNKNOWN, message=f"{message}; feasibility check: {feas}")

    # -- irreducible infeasible subsystem ------------------------------------------------------------

    def iis(self, lp: LinearProgram, options: SolveOptions | None = None) -> list[int] | None:
        """Row indices of an irreducible infeasible subsystem of the **LP relaxation** of ``lp``.

        Returns ``None`` when the LP relaxation is feasible (a MIP that is infeasible only because of
        integrality has no LP IIS). Variable bounds can be part of the IIS too; see
        :meth:`iis_with_bounds`. Uses HiGHS ``getIis`` with ``iis_strategy`` = irreducible.
        """
        found = self.iis_with_bounds(lp, options)
        return None if found is None else found[0]

    def iis_with_bounds(
        self, lp: LinearProgram, options: SolveOptions | None = None
    ) -> tuple[list[int], list[int]] | None:
        """``(rows, variables)`` of an IIS of the LP relaxation, or ``None`` if that LP is feasible.

        ``variables`` lists the variables whose lower and/or upper bound belongs to the IIS.
        """
        opts = options if options is not None else SolveOptions()
        h = _new_highs(opts.verbose)
        self._configure(h, opts)
        _check(h.setOptionValue("iis_strategy", _IIS_IRREDUCIBLE), "setting iis_strategy")
        _pass_model(h, lp, relax=True)
        (status, iis), interrupted = _call_interruptibly(h, h.getIis)
        if interrupted:
            return None
        _check(status, "getIis")
        if h.getModelStatus().name != "kInfeasible" or not iis.valid_:
            return None
        rows = sorted(int(i) for i in iis.row_index_)
        cols = sorted(
            int(j) for j, b in zip(iis.col_index_, iis.col_bound_, strict=True) if int(b) in _IIS_BOUND_IN_CONFLICT
        )
        if not rows and not cols:
            return None
        return rows, cols


def _values_match_objective(h: Any, lp: LinearProgram) -> bool:
    """Whether the returned values are worth the reported objective (no solution: nothing to compare)."""
    if int(h.getInfo().primal_solution_status) != _SOLUTION_FEASIBLE:
        return True
    x = np.asarray(h.getSolution().col_value, dtype=np.float64)
    reported = float(h.getInfo().objective_function_value)
    worth = float(lp.objective @ x) + lp.objective_offset
    return abs(worth - reported) <= 1e-6 * max(1.0, abs(reported))
