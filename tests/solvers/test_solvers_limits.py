"""Limits, gaps, hints, seeds and threads on real solvers.

The hard instances are market-split problems (Cornuéjols & Dawande): a few dense equality rows over
binaries with coefficients in [0, 100). Branch-and-bound cannot close them: with 4 rows and 36
variables no backend proves anything within seconds (checked up to 3 s), so a 0.2 s limit always stops
the search.
"""

from __future__ import annotations

import contextlib

import numpy as np
import pytest

from solvers import (
    Feature,
    Limit,
    LinearProgram,
    SolveOptions,
    Solver,
    Status,
    available_solvers,
    get_solver,
)
from solvers.result import SolveResult

SOLVERS = available_solvers()
TIME_LIMIT = 0.2
# Solver start-up (CBC is a subprocess), model load and HiGHS' coarse clock checks come on top of the limit.
SANE_SECONDS = TIME_LIMIT + 5.0


def market_split(
    *, slack: bool, planted: bool = False, offset: float = 0.0, rows: int = 4, cols: int = 36, seed: int = 7
) -> tuple[LinearProgram, np.ndarray]:
    """Market-split program and a 0/1 point.

    ``slack``: each row gets ``+s⁺ - s⁻`` (continuous-free: integer, in [0, 10⁴]) and the objective is the
    total slack, so x = 0 is feasible at once but the optimum (usually > 0, LP bound 0) is hard to prove.
    Without slack it is a pure feasibility problem, whose right-hand side is ``A @ x*`` for a random
    planted ``x*`` (returned) when ``planted``, else half the row sums (then ``x*`` is meaningless).
    """
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 100, (rows, cols)).astype(float)
    x_star = rng.integers(0, 2, cols).astype(float)
    rhs = a @ x_star if planted else np.floor(a.sum(axis=1) / 2)
    if slack:
        a = np.hstack([a, np.eye(rows), -np.eye(rows)])
        c = np.r_[np.zeros(cols), np.ones(2 * rows)]
        ub = np.r_[np.ones(cols), np.full(2 * rows, 1e4)]
    else:
        c = np.zeros(cols)
        ub = np.ones(cols)
    lp = LinearProgram.from_dense(
        "market_split",
        objective=c,
        a=a,
        row_lb=rhs,
        row_ub=rhs,
        var_ub=ub,
        var_integer=True,
        objective_offset=offset,
    )
    return lp, x_star


def assert_stopped(result: SolveResult, lp: LinearProgram) -> None:
    """A time-limited result: never optimal, values exactly when there is a solution, sane timing."""
    assert result.status in (Status.FEASIBLE, Status.NO_SOLUTION), result.message
    assert not result.is_optimal
    assert result.limit is Limit.TIME
    assert 0.0 < result.seconds < SANE_SECONDS
    if result.status is Status.NO_SOLUTION:
        assert result.values is None
        assert result.objective is None
        assert result.gap is None
    else:
        assert result.values is not None
        assert result.objective is not None
        assert lp.max_violation(result.values) <= 1e-6
        assert result.objective == pytest.approx(lp.objective_value(result.values), abs=1e-6)
        if result.bound is not None:
            assert result.bound <= result.objective + 1e-6


@pytest.mark.parametrize("solver_name", SOLVERS)
def test_time_limit_with_incumbent_is_feasible_not_optimal(solver_name: str) -> None:
    lp, _ = market_split(slack=True)
    result = get_solver(solver_name).solve(lp, SolveOptions(time_limit=TIME_LIMIT))
    assert_stopped(result, lp)
    # x = 0 with all slack is found by every backend's first heuristic.
    assert result.status is Status.FEASIBLE
    assert result.gap is not None
    assert result.gap > 0


@pytest.mark.parametrize("solver_name", SOLVERS)
@pytest.mark.parametrize("planted", [False, True], ids=["half_sums", "planted"])
def test_time_limit_without_solution_is_no_solution(solver_name: str, planted: bool) -> None:
    lp, _ = market_split(slack=False, planted=planted)
    result = get_solver(solver_name).solve(lp, SolveOptions(time_limit=TIME_LIMIT))
    assert_stopped(result, lp)
    assert result.status is Status.NO_SOLUTION


@pytest.mark.parametrize("solver_name", SOLVERS)
def test_hint_is_used(solver_name: str) -> None:
    """Backends declaring HINT turn a planted solution into an immediate (zero-objective) optimum,
    where without the hint the same time limit ends with no solution at all."""
    solver = get_solver(solver_name)
    if Feature.HINT not in solver.features:
        pytest.skip(f"{solver_name} does not declare Feature.HINT")
    lp, x_star = market_split(slack=False, planted=True)
    result = solver.solve(lp, SolveOptions(time_limit=1.0, hint=x_star))
    assert result.status is Status.OPTIMAL, result.message
    assert result.values is not None
    assert lp.max_violation(result.values) <= 1e-6


@pytest.mark.parametrize("solver_name", SOLVERS)
def test_gap_stop_is_feasible_with_limit_gap(solver_name: str) -> None:
    """With a large objective offset the relative gap is tiny at once: a 0.1% gap stops every backend
    long before optimality is proven, and that is reported as feasible/gap, not optimal."""
    lp, _ = market_split(slack=True, offset=1e6)
    result = get_solver(solver_name).solve(lp, SolveOptions(mip_gap=1e-3, time_limit=5.0))
    assert result.status is Status.FEASIBLE, result.message
    assert result.limit is Limit.GAP
    assert result.gap is not None
    assert 0 < result.gap <= 1e-3 + 1e-9
    assert result.bound is not None
    assert result.bound <= result.objective  # type: ignore[operator]


@pytest.mark.parametrize("solver_name", SOLVERS)
def test_gap_option_on_easy_problem_still_optimal(solver_name: str) -> None:
    """mip_gap > 0 does not turn a fully closed gap into a gap stop."""
    lp = LinearProgram.from_dense(
        "tiny", objective=[-3, -2], a=[[1, 1]], row_lb=[-np.inf], row_ub=[4], var_ub=3, var_integer=True
    )
    result = get_solver(solver_name).solve(lp, SolveOptions(mip_gap=0.5))
    # The optimum -11 at (3, 1) or any point within 50% of it; the gap reported must be honest.
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
    if result.status is Status.OPTIMAL:
        assert result.objective == pytest.approx(-11.0)
        assert result.gap == 0.0
    else:
        assert result.limit is Limit.GAP


def _alternative_optima() -> LinearProgram:
    # Choose 3 of 8 identical items: 56 optimal points, so only a deterministic search repeats itself.
    return LinearProgram.from_dense(
        "ties", objective=-np.ones(8), a=[np.ones(8)], row_lb=[-np.inf], row_ub=[3], var_ub=1, var_integer=True
    )


@pytest.mark.parametrize("solver_name", SOLVERS)
def test_same_seed_same_answer(solver_name: str) -> None:
    solver = get_solver(solver_name)
    lp = _alternative_optima()
    first = solver.solve(lp, SolveOptions(seed=3))
    second = solver.solve(lp, SolveOptions(seed=3))
    assert first.values is not None
    assert second.values is not None
    np.testing.assert_array_equal(first.values, second.values)
    other_seed = solver.solve(lp, SolveOptions(seed=123456))
    assert other_seed.objective == pytest.approx(-3.0)


@pytest.mark.parametrize("solver_name", SOLVERS)
def test_threads_round_trip(solver_name: str) -> None:
    """Changing the thread count between solves works (HiGHS needs its scheduler reset for that)."""
    solver = get_solver(solver_name)
    lp = _alternative_optima()
    for threads in (1, 2, 1):
        result = solver.solve(lp, SolveOptions(threads=threads))
        assert result.status is Status.OPTIMAL, (threads, result.message)
        assert result.objective == pytest.approx(-3.0)


def test_only_cpsat_is_nondeterministic_with_threads() -> None:
    declared = {name: Feature.DETERMINISTIC_THREADS in get_solver(name).features for name in SOLVERS}
    assert declared.get("cpsat", False) is False
    assert all(v for k, v in declared.items() if k != "cpsat")


class _Exploding(Solver):
    """A backend whose solver library raises: the base class must turn that into Status.ERROR."""

    name = "exploding"
    display_name = "Exploding"
    install_hint = "nothing to install"
    features = frozenset({Feature.LP, Feature.MIP})

    def is_available(self) -> bool:
        return True

    def version(self) -> str:
        raise RuntimeError("no version either")

    def _solve(self, lp: LinearProgram, options: SolveOptions) -> SolveResult:
        raise MemoryError("solver library ran out of memory")


def test_exception_inside_backend_becomes_error_result() -> None:
    lp = _alternative_optima()
    result = _Exploding().solve(lp)
    assert result.status is Status.ERROR
    assert result.values is None
    assert "MemoryError: solver library ran out of memory" in result.message
    assert result.solver_version == "unknown"


@pytest.mark.parametrize("solver_name", [s for s in SOLVERS if s == "cpsat"])
def test_cpsat_invalid_model_is_error_result(solver_name: str) -> None:
    """Coefficients that overflow CP-SAT's 64-bit arithmetic: the solver says MODEL_INVALID."""
    big = float(2**52)
    lp = LinearProgram.from_dense(
        "overflow",
        objective=[1, 1],
        a=[[big, big]],
        row_lb=[-np.inf],
        row_ub=[big],
        var_lb=-big,
        var_ub=big,
        var_integer=True,
    )
    result = get_solver(solver_name).solve(lp)
    assert result.status is Status.ERROR
    assert result.values is None
    assert "MODEL_INVALID" in result.message


_CTRL_C_SCRIPT = """
import sys
import numpy as np
from solvers import LinearProgram, SolveOptions, get_solver

rng = np.random.default_rng(7)
a = rng.integers(0, 100, (4, 36)).astype(float)
rhs = np.floor(a.sum(axis=1) / 2)
a = np.hstack([a, np.eye(4), -np.eye(4)])
lp = LinearProgram.from_dense(
    "ms", objective=np.r_[np.zeros(36), np.ones(8)], a=a, row_lb=rhs, row_ub=rhs,
    var_ub=np.r_[np.ones(36), np.full(8, 1e4)], var_integer=True,
)
solver = get_solver(sys.argv[1])
print("solving", flush=True)
try:
    result = solver.solve(lp, SolveOptions(time_limit=60))
except KeyboardInterrupt:
    print("raised KeyboardInterrupt", flush=True)
else:
    print(f"returned {result.status.value} {result.limit.value} {result.values is not None}", flush=True)
"""

# What Ctrl-C does, per backend: HiGHS, SCIP and CP-SAT stop and hand back their incumbent (HiGHS
# through this package's interrupt callback, SCIP and CP-SAT through their own signal handlers); CBC
# runs as a subprocess that receives the same Ctrl-C from the terminal and stops, while PuLP's wait for
# it raises KeyboardInterrupt.
CTRL_C = {
    "highs": "returned feasible interrupt True",
    "scip": "returned feasible interrupt True",
    "cpsat": "returned feasible interrupt True",
    "cbc": "raised KeyboardInterrupt",
}


@pytest.mark.slow
@pytest.mark.parametrize("solver_name", SOLVERS)
def test_ctrl_c_stops_the_solve_promptly(solver_name: str) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    # A new session, signalled as a group: what a terminal does on Ctrl-C (CBC's process gets it too).
    proc = subprocess.Popen(
        [sys.executable, "-c", _CTRL_C_SCRIPT, solver_name],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "solving"
        time.sleep(1.0)  # let the solver get going (and find its first incumbent)
        started = time.perf_counter()
        os.killpg(proc.pid, signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    finally:
        # Whatever is left of the session (e.g. a CBC child still writing its solution) goes too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert time.perf_counter() - started < 10.0  # the 60 s limit was not waited out
    assert out.strip().splitlines()[-1] == CTRL_C[solver_name]
