"""A catalogue of tiny programs with hand-computed optima, solved by every available backend.

Each case states its optimum and, when the optimum is unique, the optimal point. A backend that cannot
take a case (CP-SAT and continuous variables or infinite bounds) is skipped with the capability error's
message as the reason; ``test_capability_mismatch_is_refused`` checks that refusal separately.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from solvers import (
    Feature,
    Limit,
    LinearProgram,
    SolveOptions,
    SolverCapabilityError,
    Status,
    available_solvers,
    get_solver,
)

INF = np.inf
SOLVERS = available_solvers()
TOL = 1e-6


@dataclasses.dataclass(frozen=True)
class Case:
    lp: LinearProgram
    status: Status
    objective: float | None = None
    x: tuple[float, ...] | None = None  # the optimum, when it is unique

    @property
    def name(self) -> str:
        return self.lp.name


def dense(name: str, **kw: object) -> LinearProgram:
    return LinearProgram.from_dense(name, **kw)  # type: ignore[arg-type]


def knapsack(name: str = "knapsack", offset: float = 0.0) -> LinearProgram:
    # Values 10, 13, 7, 8; weights 3, 4, 2, 3; capacity 7. Best: items 0 and 1 (weight 7, value 23);
    # next best {1, 2} = 20, {1, 3} = 21.
    return dense(
        name,
        objective=[-10, -13, -7, -8],
        a=[[3, 4, 2, 3]],
        row_lb=[-INF],
        row_ub=[7],
        var_ub=1,
        var_integer=True,
        objective_offset=offset,
    )


def assignment() -> LinearProgram:
    # Costs [[4, 1, 3], [2, 0, 5], [3, 2, 2]]; the six permutations cost 6, 11, 5, 9, 7, 6, so the
    # unique optimum is 0->1, 1->0, 2->2 with cost 1 + 2 + 2 = 5.
    cost = np.array([[4, 1, 3], [2, 0, 5], [3, 2, 2]], dtype=float)
    a = np.zeros((6, 9))
    for i in range(3):
        a[i, 3 * i : 3 * i + 3] = 1  # each worker does one job
        a[3 + i, i::3] = 1  # each job gets one worker
    names = [f"x_{i}_{j}" for i in range(3) for j in range(3)]
    rows = [f"worker_{i}" for i in range(3)] + [f"job_{j}" for j in range(3)]
    return dense(
        "assignment",
        objective=cost.ravel(),
        a=a,
        row_lb=1,
        row_ub=1,
        var_ub=1,
        var_integer=True,
        var_names=names,
        row_names=rows,
    )


CASES: list[Case] = [
    # max x + y s.t. x + 2y <= 4, 3x + y <= 6: both rows tight at (1.6, 1.2), objective 2.8; the
    # objective direction lies strictly between the row normals, so the vertex is the unique optimum.
    Case(
        dense("lp_unique", objective=[-1, -1], a=[[1, 2], [3, 1]], row_lb=[-INF, -INF], row_ub=[4, 6]),
        Status.OPTIMAL,
        -2.8,
        (1.6, 1.2),
    ),
    Case(knapsack(), Status.OPTIMAL, -23.0, (1, 1, 0, 0)),
    # max y s.t. 3x + 2y <= 6, -3x + 2y <= 0: the LP optimum is (1, 1.5); the best integer point is
    # (1, 1) (x = 1 is the only integer x allowing y = 1; y = 2 would need 2/3*2 <= x <= 2/3).
    Case(
        dense("rounding_relaxed", objective=[0, -1], a=[[3, 2], [-3, 2]], row_lb=[-INF, -INF], row_ub=[6, 0]),
        Status.OPTIMAL,
        -1.5,
        (1.0, 1.5),
    ),
    Case(
        dense(
            "rounding_integer",
            objective=[0, -1],
            a=[[3, 2], [-3, 2]],
            row_lb=[-INF, -INF],
            row_ub=[6, 0],
            var_ub=10,
            var_integer=True,
        ),
        Status.OPTIMAL,
        -1.0,
        (1, 1),
    ),
    Case(assignment(), Status.OPTIMAL, 5.0, (0, 1, 0, 1, 0, 0, 0, 0, 1)),
    # x + y >= 5 but x <= 2 and y <= 2 (as rows).
    Case(
        dense(
            "infeasible_integer",
            objective=[1, 1],
            a=[[1, 1], [1, 0], [0, 1]],
            row_lb=[5, -INF, -INF],
            row_ub=[INF, 2, 2],
            var_ub=10,
            var_integer=True,
        ),
        Status.INFEASIBLE,
    ),
    Case(
        dense(
            "infeasible_lp", objective=[1, 1], a=[[1, 1], [1, 0], [0, 1]], row_lb=[5, -INF, -INF], row_ub=[INF, 2, 2]
        ),
        Status.INFEASIBLE,
    ),
    # min -x s.t. x - y <= 1, x, y >= 0: x = y + 1 grows without limit.
    Case(dense("unbounded_lp", objective=[-1, 0], a=[[1, -1]], row_lb=[-INF], row_ub=[1]), Status.UNBOUNDED),
    Case(
        dense("unbounded_integer", objective=[-1, 0], a=[[1, -1]], row_lb=[-INF], row_ub=[1], var_integer=True),
        Status.UNBOUNDED,
    ),
    # 2 <= x + y <= 4 and -1 <= x - y <= 1 (ranges), x, y integer in [0, 10].
    # max x + 2y: (2, 2) gives 6; (1, 3) breaks x - y >= -1; (1, 2) gives 5.
    Case(
        dense(
            "ranged_upper",
            objective=[-1, -2],
            a=[[1, 1], [1, -1]],
            row_lb=[2, -1],
            row_ub=[4, 1],
            var_ub=10,
            var_integer=True,
        ),
        Status.OPTIMAL,
        -6.0,
        (2, 2),
    ),
    # min x + y on the same ranges: x + y = 2 with |x - y| <= 1 only at (1, 1).
    Case(
        dense(
            "ranged_lower",
            objective=[1, 1],
            a=[[1, 1], [1, -1]],
            row_lb=[2, -1],
            row_ub=[4, 1],
            var_ub=10,
            var_integer=True,
        ),
        Status.OPTIMAL,
        2.0,
        (1, 1),
    ),
    # x in [-5, 5], y in [-3, 4] integer, x + y >= -6, x - y <= 2, min 2x + 3y.
    # 2x + 3y = 2(x + y) + y >= -12 - 3 = -15, tight only at y = -3, x = -3.
    Case(
        dense(
            "negative_bounds",
            objective=[2, 3],
            a=[[1, 1], [1, -1]],
            row_lb=[-6, -INF],
            row_ub=[INF, 2],
            var_lb=[-5, -3],
            var_ub=[5, 4],
            var_integer=True,
        ),
        Status.OPTIMAL,
        -15.0,
        (-3, -3),
    ),
    Case(knapsack("knapsack_offset", offset=100.25), Status.OPTIMAL, 77.25, (1, 1, 0, 0)),
    # Free x, y >= -2, x - y = 0, min x: x = y = -2.
    Case(
        dense("free_variable", objective=[1, 0], a=[[1, -1]], row_lb=[0], row_ub=[0], var_lb=[-INF, -2]),
        Status.OPTIMAL,
        -2.0,
        (-2.0, -2.0),
    ),
    # No rows at all: each variable sits at its cheaper bound.
    Case(
        dense(
            "no_rows",
            objective=[1, -1],
            a=np.zeros((0, 2)),
            row_lb=[],
            row_ub=[],
            var_lb=[1, -2],
            var_ub=[3, 5],
            var_integer=True,
        ),
        Status.OPTIMAL,
        -4.0,
        (1, 5),
    ),
    # x fixed at 3, x + y >= 5, z in no row: min y - z = 2 - 4 at (3, 2, 4).
    Case(
        dense(
            "fixed_and_unused",
            objective=[0, 1, -1],
            a=[[1, 1, 0]],
            row_lb=[5],
            row_ub=[INF],
            var_lb=[3, 0, 0],
            var_ub=[3, 10, 4],
            var_integer=True,
        ),
        Status.OPTIMAL,
        -2.0,
        (3, 2, 4),
    ),
    # Fractional objective on an integer program: min 0.5x + 0.25y, x + y >= 3 -> (0, 3), 0.75.
    Case(
        dense(
            "fractional_objective",
            objective=[0.5, 0.25],
            a=[[1, 1]],
            row_lb=[3],
            row_ub=[INF],
            var_ub=10,
            var_integer=True,
        ),
        Status.OPTIMAL,
        0.75,
        (0, 3),
    ),
    # Infeasible before any solver runs: an integer variable with no integer in [0.2, 0.8].
    Case(
        dense(
            "no_integer_in_bounds",
            objective=[1],
            a=[[1]],
            row_lb=[0],
            row_ub=[1],
            var_lb=[0.2],
            var_ub=[0.8],
            var_integer=True,
        ),
        Status.INFEASIBLE,
    ),
    # An empty row whose range excludes 0.
    Case(
        dense("empty_row", objective=[1], a=[[0]], row_lb=[1], row_ub=[2], var_ub=[1], var_integer=True),
        Status.INFEASIBLE,
    ),
]


def _refusal(solver_name: str, lp: LinearProgram) -> str | None:
    try:
        get_solver(solver_name).check_supported(lp)
    except SolverCapabilityError as exc:
        return str(exc)
    return None


def test_catalogue_is_big_enough() -> None:
    assert len(CASES) >= 8
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("solver_name", SOLVERS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_catalogue(case: Case, solver_name: str) -> None:
    reason = _refusal(solver_name, case.lp)
    if reason is not None:
        pytest.skip(f"{solver_name} cannot take {case.name}: {reason}")
    solver = get_solver(solver_name)
    result = solver.solve(case.lp)

    assert result.status is case.status, result.message
    assert result.limit is Limit.NONE
    assert result.solver == solver_name
    assert result.solver_version
    assert 0.0 <= result.seconds < 30.0
    if case.status is not Status.OPTIMAL:
        assert result.values is None
        assert result.objective is None
        assert not result.has_solution
        return
    assert result.is_optimal
    assert result.values is not None
    assert result.values.dtype == np.float64
    assert result.values.shape == (case.lp.n_vars,)
    assert result.objective == pytest.approx(case.objective, abs=TOL)
    assert result.gap == 0.0
    assert result.bound is not None
    assert result.bound == pytest.approx(case.objective, abs=1e-4)
    assert case.lp.max_violation(result.values) <= TOL
    assert case.lp.objective_value(result.values) == pytest.approx(case.objective, abs=TOL)
    if case.x is not None:
        np.testing.assert_allclose(result.values, case.x, atol=TOL)


@pytest.mark.parametrize("solver_name", SOLVERS)
def test_integer_values_come_back_as_floats_near_integers(solver_name: str) -> None:
    for case in CASES:
        if case.status is not Status.OPTIMAL or not case.lp.is_mip() or _refusal(solver_name, case.lp):
            continue
        result = get_solver(solver_name).solve(case.lp)
        assert result.values is not None
        assert result.values.dtype == np.float64
        ints = result.values[case.lp.var_integer]
        assert np.all(np.abs(ints - np.round(ints)) <= 1e-6), (case.name, ints)


REFUSALS = [
    (solver_name, case)
    for solver_name in SOLVERS
    for case in CASES
    if Feature.INTEGER_ONLY in get_solver(solver_name).features
    and not (case.lp.var_integer.all() and np.isfinite(case.lp.var_ub).all())
]


@pytest.mark.parametrize(("solver_name", "case"), REFUSALS, ids=lambda v: getattr(v, "name", v))
def test_capability_mismatch_is_refused(solver_name: str, case: Case) -> None:
    with pytest.raises(SolverCapabilityError) as err:
        get_solver(solver_name).solve(case.lp)
    # The message names the offending variable.
    assert any(f"'{name}'" in str(err.value) for name in case.lp.var_names)


@pytest.mark.parametrize("solver_name", SOLVERS)
def test_cpsat_rejects_fractional_coefficient_naming_the_row(solver_name: str) -> None:
    solver = get_solver(solver_name)
    lp = dense("half", objective=[1, 1], a=[[1, 0.5]], row_lb=[1], row_ub=[INF], var_ub=4, var_integer=True)
    if Feature.INTEGER_ONLY not in solver.features:
        assert solver.solve(lp).status is Status.OPTIMAL
        return
    with pytest.raises(SolverCapabilityError, match=r"row 'r0' has coefficient 0.5 on variable 'x1'"):
        solver.solve(lp)


@pytest.mark.parametrize("solver_name", SOLVERS)
def test_equivalent_hint_keeps_optimum(solver_name: str) -> None:
    """A (feasible, even optimal) hint never changes the answer, whatever the backend does with it."""
    lp = assignment()
    hint = np.array([0, 1, 0, 1, 0, 0, 0, 0, 1], dtype=float)
    result = get_solver(solver_name).solve(lp, SolveOptions(hint=hint))
    assert result.status is Status.OPTIMAL
    assert result.objective == pytest.approx(5.0)


@pytest.mark.parametrize("solver_name", SOLVERS)
def test_infeasible_hint_is_harmless(solver_name: str) -> None:
    lp = knapsack()
    result = get_solver(solver_name).solve(lp, SolveOptions(hint=np.ones(4)))  # weight 12 > 7
    assert result.status is Status.OPTIMAL
    assert result.objective == pytest.approx(-23.0)


@pytest.mark.parametrize("solver_name", SOLVERS)
def test_wrong_hint_length_is_a_value_error(solver_name: str) -> None:
    with pytest.raises(ValueError, match="hint has 2 entries"):
        get_solver(solver_name).solve(knapsack(), SolveOptions(hint=np.zeros(2)))
