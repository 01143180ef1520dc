"""CBC backend: the CBC binary bundled with PuLP, driven through PuLP's command-line interface.

The model is built with PuLP objects (one ``LpVariable`` per variable, one ``LpConstraint`` per row
side), written to MPS by PuLP and solved by the bundled ``cbc`` executable in a subprocess, so this
backend is the slowest to load; it exists as an independent second opinion.

PuLP-specific details handled here:

* ``prob.status`` says "Optimal" when CBC stopped at a time limit with an incumbent; the solution status
  ``prob.sol_status`` tells the two apart (``LpSolutionIntegerFeasible`` = not proven).
* ``PULP_CBC_CMD(...)`` emits a PuLP-4 deprecation warning on every construction. This module uses
  ``COIN_CMD`` pointed at the very same bundled binary (``PULP_CBC_CMD.pulp_cbc_path``), which is what
  PuLP's migration guide recommends and keeps warnings (errors under our pytest settings) away.
* CBC's ``randomSeed`` / ``randomCbcSeed`` value 0 means "seed from the clock", so ``seed`` is mapped to
  ``seed + 1``. ``threads > 1`` is passed as ``100 + threads``, CBC's deterministic parallel mode.
* A range row ``lb <= a x <= ub`` becomes two PuLP constraints (PuLP has no ranges).
* PuLP drops objective constants, so the offset rides on a variable fixed at 1.
* CBC's best bound is read from its log ("Lower bound:" / "Objective value:" lines) when
  ``verbose`` is off; with ``verbose`` on the log goes to the console and the bound is unknown unless
  the solve is proven optimal.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import subprocess
import tempfile
from functools import cache
from typing import Any

import numpy as np

from solvers.backend import Feature, SolveOptions, Solver
from solvers.program import LinearProgram
from solvers.result import Limit, SolveResult, Status, default_limit

__all__ = ["CbcSolver"]

_BOUND_RE = re.compile(r"^(?:Lower bound|Best possible):\s*(\S+)", re.MULTILINE)
_RESULT_RE = re.compile(r"^Result - (.+)$", re.MULTILINE)
_VERSION_RE = re.compile(r"Version:\s*(\S+)")


def _cbc_path() -> str:
    import pulp

    return str(pulp.PULP_CBC_CMD.pulp_cbc_path)


@cache
def _cbc_binary_version(path: str) -> str:
    """CBC's own version (runs ``cbc -quit`` once per process)."""
    try:
        out = subprocess.run(
            [path, "-quit"], capture_output=True, text=True, timeout=10, check=False, stdin=subprocess.DEVNULL
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    found = _VERSION_RE.search(out)
    return found.group(1) if found else "unknown"


def _cbc_seed(seed: int) -> int:
    return seed % (2**31 - 1) + 1


class CbcSolver(Solver):
    """CBC (bundled with PuLP): LP and MIP, warm-start hints via a CBC ``-mips`` start file.

    Parameter mapping: ``time_limit`` → ``-sec`` (elapsed time), ``mip_gap`` → ``-ratio``,
    ``threads`` → ``-threads 100+n`` when ``n > 1``, ``seed`` → ``-randomSeed`` and ``-randomCbcSeed``
    (``seed + 1``), ``verbose`` → PuLP ``msg``. No IIS.
    """

    name = "cbc"
    display_name = "CBC"
    install_hint = "install the bundled CBC with pip install 'pulp>=3.3,<4'"
    features = frozenset({Feature.LP, Feature.MIP, Feature.HINT, Feature.DETERMINISTIC_THREADS})

    def is_available(self) -> bool:
        try:
            path = _cbc_path()
        except Exception:  # ImportError or a PuLP without the bundled binary
            return False
        return os.path.isfile(path) and os.access(path, os.X_OK)

    def version(self) -> str:
        import pulp

        return f"pulp {pulp.__version__}, CBC {_cbc_binary_version(_cbc_path())} bundled"

    def _solve(self, lp: LinearProgram, options: SolveOptions) -> SolveResult:
        import pulp

        prob, variables = _build_problem(lp, options)
        cbc_options = [f"randomSeed {_cbc_seed(options.seed)}", f"randomCbcSeed {_cbc_seed(options.seed)}"]
        if options.threads > 1:
            cbc_options.append(f"threads {100 + int(options.threads)}")
        # PuLP's MPS / solution / start files and CBC's log go to a private directory that is removed
        # even when Ctrl-C interrupts the solve (PuLP itself would leave its files behind).
        with tempfile.TemporaryDirectory(prefix="cbc-", ignore_cleanup_errors=True) as workdir:
            log_path = os.path.join(workdir, "cbc.log")
            cmd = pulp.COIN_CMD(
                path=_cbc_path(),
                mip=True,
                msg=bool(options.verbose),
                timeLimit=options.time_limit,
                gapRel=float(options.mip_gap),
                options=cbc_options,
                warmStart=options.hint is not None and lp.is_mip(),
                logPath=None if options.verbose else log_path,
                timeMode="elapsed",
            )
            cmd.tmpDir = workdir
            prob.solve(cmd)
            log = ""
            if os.path.exists(log_path):
                with open(log_path, encoding="utf-8", errors="replace") as fh:
                    log = fh.read()

        found = _RESULT_RE.search(log)
        message = f"CBC: {found.group(1).strip()}" if found else f"CBC: {pulp.LpStatus.get(prob.status, '?')}"
        status, sol_status = prob.status, prob.sol_status
        if status == pulp.LpStatusOptimal and sol_status in (
            pulp.LpSolutionOptimal,
            pulp.LpSolutionIntegerFeasible,
        ):
            raw = [v.varValue for v in variables]
            if any(x is None for x in raw):
                return self._result(Status.ERROR, message=f"{message}; CBC returned no value for some variables")
            values = np.asarray(raw, dtype=np.float64)
            bound = _parse_bound(log) if lp.is_mip() else None
            proven = sol_status == pulp.LpSolutionOptimal
            unproven_limit = _stop_limit(log, options)
            if proven and bound is None and unproven_limit is Limit.GAP:
                # "Optimal solution found (within gap tolerance)" without a readable bound: the gap
                # cannot be shown to be zero, so this is a gap stop, not a proof.
                proven = False
            return self._incumbent(
                lp,
                options,
                proven=proven,
                objective=lp.objective_value(values),
                bound=bound,
                values=values,
                unproven_limit=unproven_limit,
                message=message,
            )
        if status == pulp.LpStatusInfeasible:
            return self._result(Status.INFEASIBLE, message=message)
        if status == pulp.LpStatusUnbounded:
            if lp.is_mip():
                return self._settle_unbounded(lp, options, message)
            return self._result(Status.UNBOUNDED, message=message)
        if status == pulp.LpStatusNotSolved:
            # "Stopped" without a solution: a limit ended the search first.
            limit = _stop_limit(log, options)
            bound = _parse_bound(log)
            return self._result(Status.NO_SOLUTION, limit=limit, bound=bound, message=message)
        return self._result(Status.UNKNOWN, message=message)

    def _settle_unbounded(self, lp: LinearProgram, options: SolveOptions, message: str) -> SolveResult:
        """CBC says "unbounded" when the LP relaxation is; the MIP may still be infeasible.

        A feasible MIP (rational data) with an unbounded relaxation is unbounded, so one feasibility solve
        (zero objective) decides.
        """
        feasibility = self._solve(lp.with_objective(np.zeros(lp.n_vars)), dataclasses.replace(options, hint=None))
        if feasibility.status is Status.INFEASIBLE:
            return self._result(Status.INFEASIBLE, message=f"{message}; feasibility check: infeasible")
        if feasibility.has_solution:
            return self._result(Status.UNBOUNDED, message=f"{message}; feasibility check: feasible")
        return self._result(Status.UNKNOWN, message=f"{message}; feasibility check: {feasibility.status}")


def _build_problem(lp: LinearProgram, options: SolveOptions) -> tuple[Any, list[Any]]:
    """PuLP problem for ``lp`` with synthetic names (PuLP renames on MPS export anyway)."""
    import pulp

    prob = pulp.LpProblem("lp", pulp.LpMinimize)
    variables = [
        prob.add_variable(
            f"x{j}",
            lb if math.isfinite(lb) else None,
            ub if math.isfinite(ub) else None,
            pulp.LpInteger if integer else pulp.LpContinuous,
        )
        for j, (lb, ub, integer) in enumerate(
            zip(lp.var_lb.tolist(), lp.var_ub.tolist(), lp.var_integer.tolist(), strict=True)
        )
    ]
    # Every variable goes into the objective (zero costs included) so PuLP exports all of them, even
    # those in no row; otherwise they would come back without a value.
    terms = list(zip(variables, lp.objective.tolist(), strict=True))
    if lp.objective_offset != 0.0:
        # PuLP drops an objective constant when writing MPS. A variable fixed at 1 carries the offset
        # instead, so CBC's objective, bound and relative gap (-ratio) match the other backends.
        terms.append((prob.add_variable("objective_offset", 1.0, 1.0, pulp.LpContinuous), lp.objective_offset))
    prob.setObjective(pulp.LpAffineExpression(terms))
    ptr = lp.a_indptr.tolist()
    idx = lp.a_indices.tolist()
    val = lp.a_data.tolist()
    add = prob.addConstraint
    for i, (lb, ub) in enumerate(zip(lp.row_lb.tolist(), lp.row_ub.tolist(), strict=True)):
        start, end = ptr[i], ptr[i + 1]
        if start == end:  # empty rows were checked for feasibility before solving
            continue
        terms = [(variables[j], a) for j, a in zip(idx[start:end], val[start:end], strict=True)]
        if lb == ub:
            add(pulp.LpConstraint(pulp.LpAffineExpression(terms), pulp.LpConstraintEQ, f"c{i}", lb))
            continue
        if math.isfinite(lb):
            add(pulp.LpConstraint(pulp.LpAffineExpression(terms), pulp.LpConstraintGE, f"c{i}", lb))
        if math.isfinite(ub):
            add(pulp.LpConstraint(pulp.LpAffineExpression(terms), pulp.LpConstraintLE, f"c{i}u", ub))
    if options.hint is not None and lp.is_mip():
        for var, value in zip(variables, options.hint.tolist(), strict=True):
            var.setInitialValue(value, check=False)  # out-of-bounds entries are skipped, not an error
    return prob, variables


def _parse_bound(log: str) -> float | None:
    """CBC's final bound from its log (includes the offset, see ``_build_problem``)."""
    found = _BOUND_RE.findall(log)
    if not found:
        return None
    try:
        value = float(found[-1])
    except ValueError:
        return None
    return value if math.isfinite(value) and abs(value) < 1e300 else None


def _stop_limit(log: str, options: SolveOptions) -> Limit:
    """What stopped CBC, from its "Result - ..." line (falls back to the options)."""
    found = _RESULT_RE.search(log)
    text = found.group(1).lower() if found else ""
    if "time" in text:
        return Limit.TIME
    if "gap" in text:
        return Limit.GAP
    if "ctrl-c" in text or "user" in text:
        return Limit.INTERRUPT
    if "stopped" in text:
        return Limit.OTHER
    return default_limit(options)
