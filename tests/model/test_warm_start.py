"""Warm starts between goals: only a start that satisfies every bound and row reaches a backend
(:func:`planner.model.solve.feasible_start`); an infeasible start once made HiGHS 1.16 claim "optimal" at a worse
value, so it is dropped, never passed on.

The program, by hand: two whole numbers 0 ≤ x0, x1 ≤ 3 with x0 + x1 ≤ 3."""

from __future__ import annotations

import numpy as np
import pytest

from planner.model.solve import feasible_start
from solvers import LinearProgram, SolveOptions, get_solver

LP = LinearProgram.from_dense(
    "start", objective=[-1.0, -2.0], a=[[1.0, 1.0]], row_lb=[-np.inf], row_ub=[3.0], var_ub=3.0, var_integer=True
)


def test_a_feasible_start_is_rounded_to_whole_numbers() -> None:
    start = feasible_start(LP, np.array([1.0000001, 1.9999999]))
    assert start is not None
    assert start.tolist() == [1.0, 2.0]


@pytest.mark.parametrize(
    "values",
    [
        [2.0, 2.0],  # x0 + x1 = 4 > 3: the row is violated
        [4.0, 0.0],  # x0 = 4 > 3: the bound is violated
        [0.5, 1.0],  # not whole
        [1.0, 1.0, 1.0],  # not this program's length
    ],
)
def test_an_infeasible_start_is_dropped(values: list[float]) -> None:
    assert feasible_start(LP, np.array(values)) is None


def test_no_start_stays_no_start() -> None:
    assert feasible_start(LP, None) is None


def test_a_start_does_not_change_the_proven_optimum() -> None:
    """Maximise x0 + 2·x1 (stored as minimising −x0 − 2·x1): by hand x1 = 3, x0 = 0, value −6; started at the
    feasible but worse (1, 2) (value −5), HiGHS still proves −6."""
    start = feasible_start(LP, np.array([1.0, 2.0]))
    result = get_solver("highs").solve(LP, SolveOptions(hint=start))
    assert result.status.value == "optimal"
    assert result.objective == pytest.approx(-6.0)
    assert result.values is not None
    assert np.rint(result.values).tolist() == [0.0, 3.0]
