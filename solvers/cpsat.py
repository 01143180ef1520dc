"""CP-SAT backend (OR-Tools ``cp_model``), for pure integer programs with integral data.

The ``CpModelProto`` inside a ``cp_model.CpModel`` is filled directly (one ``add`` per variable and per
row, index/coefficient slices passed as whole lists) and solved in memory by ``CpSolver``; no file is
involved. Filling the proto is about 40% faster than creating ``IntVar`` objects and linear expressions
through the high-level API on a 60k x 60k program.

Requirements (checked up front, :class:`~solvers.backend.SolverCapabilityError` names the culprit): every
variable integer with finite bounds (|bound| <= 2**53), every constraint coefficient integral. Row
bounds and fractional variable bounds are rounded inwards, which is exact because row activities and
variables are integral. The objective may have fractional coefficients: CP-SAT then optimises a
floating-point objective (optimal within CP-SAT's ``absolute_gap_limit``, default 1e-4).
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np

from solvers.backend import Feature, SolveOptions, Solver, SolverCapabilityError
from solvers.program import LinearProgram
from solvers.result import SolveResult, Status, early_stop_limit

__all__ = ["CpSatSolver"]

_MAX_ABS = 2**53  # beyond this float64 cannot represent every integer exactly
_TOL = 1e-9


def _first_non_integral(values: np.ndarray[Any, np.dtype[np.float64]]) -> int | None:
    bad = np.flatnonzero(np.abs(values - np.round(values)) > _TOL)
    return int(bad[0]) if bad.size else None


class CpSatSolver(Solver):
    """CP-SAT: pure integer programs only (``Feature.INTEGER_ONLY``), warm-start hints (``AddHint``).

    Parameter mapping: ``time_limit`` → ``max_time_in_seconds``, ``mip_gap`` → ``relative_gap_limit``,
    ``threads`` → ``num_workers`` (1 worker is deterministic; several workers are not), ``seed`` →
    ``random_seed``, ``verbose`` → ``log_search_progress``. Cannot report "unbounded" (bounds are finite).
    Ctrl-C stops the search and returns the incumbent with ``Limit.INTERRUPT``.
    """

    name = "cpsat"
    display_name = "CP-SAT"
    install_hint = "install OR-Tools with pip install 'ortools>=9.10'"
    features = frozenset({Feature.MIP, Feature.HINT, Feature.INTEGER_ONLY, Feature.UNSAT_CORE})

    def is_available(self) -> bool:
        try:
            from ortools.sat.python import cp_model

            cp_model.CpModel()
        except Exception:  # ImportError or a broken wheel
            return False
        return True

    def unsat_core(self, lp: LinearProgram, options: SolveOptions | None = None) -> list[int] | None:
        """Rows of an infeasible core from assumption literals (one per row: ``AddAssumptions``, then
        ``SufficientAssumptionsForInfeasibility``); not necessarily minimal. ``None`` unless CP-SAT proves the
        program infeasible (feasible, or stopped by the time limit)."""
        from ortools.sat.python import cp_model

        opts = options if options is not None else SolveOptions()
        self.check_supported(lp)
        model = cp_model.CpModel()
        lbs = np.ceil(lp.var_lb - _TOL).astype(np.int64).tolist()
        ubs = np.floor(lp.var_ub + _TOL).astype(np.int64).tolist()
        xs = [model.new_int_var(lb, ub, n) for lb, ub, n in zip(lbs, ubs, lp.var_names, strict=True)]
        row_of: dict[int, int] = {}
        literals = []
        for i in range(lp.n_rows):
            cols, coefs = lp.row(i)
            expr = sum(int(np.rint(c)) * xs[int(j)] for j, c in zip(cols, coefs, strict=True))
            lit = model.new_bool_var(f"use_{lp.row_names[i]}")
            if math.isfinite(lp.row_lb[i]):
                model.add(expr >= math.ceil(lp.row_lb[i] - _TOL)).only_enforce_if(lit)
            if math.isfinite(lp.row_ub[i]):
                model.add(expr <= math.floor(lp.row_ub[i] + _TOL)).only_enforce_if(lit)
            row_of[lit.index] = i
            literals.append(lit)
        model.add_assumptions(literals)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1  # assumptions need a single worker for a core
        solver.parameters.random_seed = int(opts.seed)
        if opts.time_limit is not None:
            solver.parameters.max_time_in_seconds = float(opts.time_limit)
        if solver.solve(model) != cp_model.INFEASIBLE:
            return None
        core = sorted(row_of[k] for k in solver.sufficient_assumptions_for_infeasibility() if k in row_of)
        return core or None

    def version(self) -> str:
        import ortools

        return str(ortools.__version__)  # type: ignore[attr-defined]  # set at runtime, not in the stubs

    def check_supported(self, lp: LinearProgram) -> None:
        """Raise :class:`SolverCapabilityError` unless ``lp`` is a pure integer program CP-SAT accepts."""
        super().check_supported(lp)  # rejects continuous variables, naming the first one
        for side, bounds in (("lower", lp.var_lb), ("upper", lp.var_ub)):
            bad = np.flatnonzero(~np.isfinite(bounds) | (np.abs(bounds) > _MAX_ABS))
            if bad.size:
                j = int(bad[0])
                raise SolverCapabilityError(
                    f"CP-SAT needs finite variable bounds within ±2**53, but variable {lp.var_names[j]!r} "
                    f"has {side} bound {bounds[j]}"
                )
        k = _first_non_integral(lp.a_data)
        if k is not None:
            row = int(np.searchsorted(lp.a_indptr, k, side="right") - 1)
            raise SolverCapabilityError(
                f"CP-SAT needs integral constraint coefficients, but row {lp.row_names[row]!r} has "
                f"coefficient {lp.a_data[k]} on variable {lp.var_names[int(lp.a_indices[k])]!r}"
            )

    def _solve(self, lp: LinearProgram, options: SolveOptions) -> SolveResult:
        from ortools.sat.python import cp_model

        model = cp_model.CpModel()
        empty_row = _fill_model(model.proto, lp, options)
        if empty_row is not None:
            return self._result(
                Status.INFEASIBLE,
                message=f"infeasible before solving: row {lp.row_names[empty_row]!r} admits no integral activity",
            )
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = int(options.threads)
        params.random_seed = int(options.seed)
        params.relative_gap_limit = float(options.mip_gap)
        params.log_search_progress = bool(options.verbose)
        if options.time_limit is not None:
            params.max_time_in_seconds = float(options.time_limit)
        started = time.perf_counter()
        code = solver.solve(model)
        elapsed = time.perf_counter() - started
        name = solver.status_name(code)
        message = f"CP-SAT status: {name}"
        # CP-SAT catches Ctrl-C during the search (catch_sigint_signal) and returns FEASIBLE / UNKNOWN
        # without saying why it stopped: infer time limit or interrupt from the clock. Its own wall_time has come
        # back below 90 % of a 0,2 s limit it had stopped at, on a loaded machine: the clock around the call counts.
        stop_reason = early_stop_limit(options, max(float(solver.wall_time), elapsed))
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = np.asarray(solver.response_proto.solution, dtype=np.float64)
            return self._incumbent(
                lp,
                options,
                proven=code == cp_model.OPTIMAL,
                objective=float(solver.objective_value),
                bound=float(solver.best_objective_bound),
                values=values,
                unproven_limit=stop_reason,
                message=message,
            )
        if code == cp_model.INFEASIBLE:
            return self._result(Status.INFEASIBLE, message=message)
        if code == cp_model.MODEL_INVALID:
            return self._result(Status.ERROR, message=f"{message}: {model.validate()}")
        # UNKNOWN: the time limit or Ctrl-C stopped the search before the first solution.
        return self._result(Status.NO_SOLUTION, limit=stop_reason, message=message)


def _fill_model(proto: Any, lp: LinearProgram, options: SolveOptions) -> int | None:
    """Write ``lp`` into a ``CpModelProto``; returns a row index whose rounded range is empty, else None."""
    from ortools.sat.python import cp_model

    lbs = np.ceil(lp.var_lb - _TOL).astype(np.int64).tolist()
    ubs = np.floor(lp.var_ub + _TOL).astype(np.int64).tolist()
    add_var = proto.variables.add
    for lb, ub, name in zip(lbs, ubs, lp.var_names, strict=True):
        var = add_var()
        var.name = name
        var.domain.extend((lb, ub))

    row_lb = np.where(np.isfinite(lp.row_lb), np.ceil(lp.row_lb - _TOL), -np.inf)
    row_ub = np.where(np.isfinite(lp.row_ub), np.floor(lp.row_ub + _TOL), np.inf)
    crossed = np.flatnonzero(row_lb > row_ub)
    if crossed.size:
        return int(crossed[0])
    # Infinite sides become CP-SAT's int64 extremes; finite ones are exact integers after rounding.
    lo = [cp_model.INT_MIN if not math.isfinite(v) else int(v) for v in row_lb.tolist()]
    hi = [cp_model.INT_MAX if not math.isfinite(v) else int(v) for v in row_ub.tolist()]
    ptr = lp.a_indptr.tolist()
    idx = lp.a_indices.tolist()
    coef = np.round(lp.a_data).astype(np.int64).tolist()
    add_ct = proto.constraints.add
    for i in range(lp.n_rows):
        start, end = ptr[i], ptr[i + 1]
        ct = add_ct()
        ct.name = lp.row_names[i]
        lin = ct.linear
        lin.vars.extend(idx[start:end])
        lin.coeffs.extend(coef[start:end])
        lin.domain.extend((lo[i], hi[i]))

    nz = np.flatnonzero(lp.objective)
    if _first_non_integral(lp.objective) is None:
        obj = proto.objective
        obj.vars.extend(nz.tolist())
        obj.coeffs.extend(np.round(lp.objective[nz]).astype(np.int64).tolist())
        obj.offset = lp.objective_offset
        obj.scaling_factor = 1.0
    else:
        fobj = proto.floating_point_objective
        fobj.vars.extend(nz.tolist())
        fobj.coeffs.extend(lp.objective[nz].tolist())
        fobj.offset = lp.objective_offset
        fobj.maximize = False

    if options.hint is not None:
        hint = np.clip(np.round(options.hint), np.asarray(lbs), np.asarray(ubs)).astype(np.int64)
        proto.solution_hint.vars.extend(range(lp.n_vars))
        proto.solution_hint.values.extend(hint.tolist())
    return None
