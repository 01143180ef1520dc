"""Property test: independent backends agree on random small programs.

Every generated program is solved by every available backend. They must all prove the same optimal
objective (within 1e-6) with a feasible point, or all report infeasible. Examples are derandomised so a
CI failure reproduces locally; hypothesis prints the failing program.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solvers import Feature, LinearProgram, Status, available_solvers, get_solver

SOLVERS = available_solvers()
OBJ_TOL = 1e-6
FEAS_TOL = 1e-6

AGREEMENT = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def integer_programs(draw: st.DrawFn) -> LinearProgram:
    """Random small pure integer programs with integral data.

    Bounds of the strategy: 1-5 variables, 0-4 rows; variable lower bounds in [-4, 3] and upper bounds
    0-6 above them (always finite, so CP-SAT takes every example); coefficients in [-4, 4] (about half
    zero, so empty rows occur); each row is ``<= u``, ``>= l``, ``= e``, a range ``[l, l + w]`` or free.
    Most rows (about 4 in 5) are anchored at a random integer point ``x0`` within the bounds (the row's
    sides are ``a @ x0`` moved outwards by 0-5, equalities exactly ``a @ x0``) so that about two thirds
    of the programs are feasible; the others draw l, u, e in [-15, 15] and w in [0, 10]. Objective
    coefficients in [-5, 5]; offset in [-10, 10].
    """
    n = draw(st.integers(1, 5), label="n_vars")
    m = draw(st.integers(0, 4), label="n_rows")
    lb = np.array(draw(st.lists(st.integers(-4, 3), min_size=n, max_size=n)), dtype=float)
    width = np.array(draw(st.lists(st.integers(0, 6), min_size=n, max_size=n)), dtype=float)
    x0 = np.array([draw(st.integers(int(lo), int(lo + w))) for lo, w in zip(lb, width, strict=True)], dtype=float)
    coef = st.one_of(st.just(0), st.integers(-4, 4))
    a = np.array(draw(st.lists(st.lists(coef, min_size=n, max_size=n), min_size=m, max_size=m)), dtype=float)
    a = a.reshape(m, n)
    row_lb, row_ub = [], []
    for i in range(m):
        kind = draw(st.sampled_from(["le", "ge", "eq", "range", "free"]))
        if draw(st.integers(0, 4)) > 0:  # anchored: x0 satisfies the row
            act = float(a[i] @ x0)
            lo, hi = act - draw(st.integers(0, 5)), act + draw(st.integers(0, 5))
            if kind == "eq":
                lo = act
        else:
            lo = float(draw(st.integers(-15, 15)))
            hi = lo + draw(st.integers(0, 10))
        row_lb.append({"le": -np.inf, "free": -np.inf}.get(kind, lo))
        row_ub.append({"ge": np.inf, "free": np.inf, "eq": lo}.get(kind, hi))
    c = np.array(draw(st.lists(st.integers(-5, 5), min_size=n, max_size=n)), dtype=float)
    return LinearProgram.from_dense(
        "random_ip",
        objective=c,
        a=a,
        row_lb=row_lb,
        row_ub=row_ub,
        var_lb=lb,
        var_ub=lb + width,
        var_integer=True,
        objective_offset=float(draw(st.integers(-10, 10))),
    )


@st.composite
def mixed_programs(draw: st.DrawFn) -> LinearProgram:
    """Random small bounded mixed-integer programs with fractional data (for the LP-capable backends).

    Bounds: 1-5 variables, each integer with probability 1/2; lower bounds in [-4, 3], upper bounds
    0-6 above (finite, so no unbounded case); 0-4 rows with coefficients in {0} ∪ [-4, 4] in steps of
    0.5; rows as in :func:`integer_programs` with bounds in [-15, 15] in steps of 0.5; objective
    coefficients in [-5, 5] in steps of 0.25.
    """
    ip = draw(integer_programs())
    n, m = ip.n_vars, ip.n_rows
    integer = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    halves = np.array(draw(st.lists(st.sampled_from([0.0, 0.5]), min_size=ip.nnz, max_size=ip.nnz)))
    shift = np.array(draw(st.lists(st.sampled_from([0.0, 0.5]), min_size=m, max_size=m)))
    quarter = np.array(draw(st.lists(st.sampled_from([0.0, 0.25, -0.25]), min_size=n, max_size=n)))
    data = np.where(ip.a_data > 0, ip.a_data - halves, ip.a_data + halves)  # stays non-zero
    return LinearProgram(
        name="random_mip",
        var_names=ip.var_names,
        var_lb=ip.var_lb,
        var_ub=ip.var_ub,
        var_integer=integer,
        row_names=ip.row_names,
        a_indptr=ip.a_indptr,
        a_indices=ip.a_indices,
        a_data=data,
        row_lb=ip.row_lb + shift,
        row_ub=np.where(ip.row_lb == ip.row_ub, ip.row_lb + shift, ip.row_ub),
        objective=ip.objective + quarter,
        objective_offset=ip.objective_offset,
    )


def _assert_agree(lp: LinearProgram, names: tuple[str, ...]) -> None:
    results = {name: get_solver(name).solve(lp) for name in names}
    statuses = {name: r.status for name, r in results.items()}
    assert set(statuses.values()) <= {Status.OPTIMAL, Status.INFEASIBLE}, {
        n: (r.status, r.message) for n, r in results.items()
    }
    assert len(set(statuses.values())) == 1, {n: (r.status, r.message) for n, r in results.items()}
    if next(iter(statuses.values())) is Status.INFEASIBLE:
        return
    objectives = {name: r.objective for name, r in results.items()}
    reference = objectives[names[0]]
    assert reference is not None
    for name, r in results.items():
        assert r.objective == pytest.approx(reference, abs=OBJ_TOL), objectives
        assert r.values is not None
        assert lp.max_violation(r.values) <= FEAS_TOL, (name, r.values)
        assert lp.objective_value(r.values) == pytest.approx(reference, abs=OBJ_TOL), name


@pytest.mark.slow
@pytest.mark.skipif(len(SOLVERS) < 2, reason="needs two backends to compare")
@settings(AGREEMENT, max_examples=200)
@given(lp=integer_programs())
def test_backends_agree_on_integer_programs(lp: LinearProgram) -> None:
    _assert_agree(lp, SOLVERS)


LP_CAPABLE = tuple(name for name in SOLVERS if Feature.LP in get_solver(name).features)


@pytest.mark.skipif(len(LP_CAPABLE) < 2, reason="needs two LP-capable backends to compare")
@settings(AGREEMENT, max_examples=60)
@given(lp=mixed_programs())
def test_lp_backends_agree_on_mixed_programs(lp: LinearProgram) -> None:
    _assert_agree(lp, LP_CAPABLE)
