"""The neutral program form, its helpers and the option / result vocabulary (no solver needed)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from solvers import Limit, LinearProgram, SolveOptions, SolveResult, Status
from solvers.program import trivial_infeasibility
from solvers.result import classify_incumbent, relative_gap

INF = np.inf


def small() -> LinearProgram:
    """x0 + 2 x1 <= 4;  1 <= 3 x0 + x1 <= 6;  x2 in no row."""
    return LinearProgram(
        name="small",
        var_names=("x0", "x1", "x2"),
        var_lb=np.array([0.0, 0.0, -1.0]),
        var_ub=np.array([INF, 5.0, 1.0]),
        var_integer=np.array([False, True, True]),
        row_names=("cap", "range"),
        a_indptr=np.array([0, 2, 4]),
        a_indices=np.array([0, 1, 0, 1]),
        a_data=np.array([1.0, 2.0, 3.0, 1.0]),
        row_lb=np.array([-INF, 1.0]),
        row_ub=np.array([4.0, 6.0]),
        objective=np.array([-1.0, -1.0, 0.5]),
        objective_offset=2.0,
    )


def kwargs_of(lp: LinearProgram) -> dict[str, object]:
    return {f.name: getattr(lp, f.name) for f in dataclasses.fields(lp)}


class TestValidation:
    def test_valid_program_has_sizes(self) -> None:
        lp = small()
        assert (lp.n_vars, lp.n_rows, lp.nnz) == (3, 2, 4)
        assert lp.a_indptr.dtype == np.int64
        assert lp.var_integer.dtype == np.bool_

    def test_duplicate_variable_names_are_listed(self) -> None:
        kw = kwargs_of(small()) | {"var_names": ("a", "b", "a")}
        with pytest.raises(ValueError, match=r"duplicate variable names: 'a'"):
            LinearProgram(**kw)  # type: ignore[arg-type]

    def test_duplicate_row_names_are_listed(self) -> None:
        kw = kwargs_of(small()) | {"row_names": ("same", "same")}
        with pytest.raises(ValueError, match=r"duplicate row names: 'same'"):
            LinearProgram(**kw)  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", ["with space", "dash-name", "", "é", "a.b"])
    def test_names_only_letters_digits_underscore(self, bad: str) -> None:
        kw = kwargs_of(small()) | {"var_names": ("x0", bad, "x2")}
        with pytest.raises(ValueError, match="invalid"):
            LinearProgram(**kw)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("field", "value", "match"),
        [
            ("var_lb", np.zeros(2), "var_lb has length 2"),
            ("row_ub", np.zeros(3), "row_ub has length 3"),
            ("var_lb", np.array([0.0, np.nan, 0.0]), "invalid lower bound"),
            ("var_lb", np.array([0.0, INF, 0.0]), "invalid lower bound"),
            ("var_ub", np.array([0.0, -INF, 0.0]), "invalid upper bound"),
            ("row_lb", np.array([INF, 0.0]), "invalid lower bound"),
            ("objective", np.array([0.0, INF, 0.0]), "objective coefficients must be finite"),
            ("a_data", np.array([1.0, np.nan, 1.0, 1.0]), "a_data must be finite"),
            ("a_indices", np.array([0, 1, 0, 3]), r"a_indices must lie in \[0, n_vars=3\)"),
            ("a_indices", np.array([0, 0, 0, 1]), "duplicate coefficient for column 0 in row 0"),
            ("a_indptr", np.array([0, 3, 2]), "non-decreasing"),
            ("a_indptr", np.array([0, 2, 5]), "a_indptr"),
            ("a_indices", np.array([0.0, 1.0, 0.0, 1.0]), "integer array"),
            ("var_integer", np.array([0.0, 0.5, 1.0]), "boolean"),
            ("objective_offset", float("nan"), "objective_offset must be finite"),
        ],
    )
    def test_inconsistent_data_is_rejected(self, field: str, value: object, match: str) -> None:
        kw = kwargs_of(small()) | {field: value}
        with pytest.raises(ValueError, match=match):
            LinearProgram(**kw)  # type: ignore[arg-type]

    def test_crossed_bounds_are_allowed_but_trivially_infeasible(self) -> None:
        lp = small().with_bounds([0.0, 3.0, 0.0], [1.0, 2.0, 0.0])
        reason = trivial_infeasibility(lp)
        assert reason is not None
        assert "'x1'" in reason

    def test_arrays_are_copied_and_read_only(self) -> None:
        lb = np.array([0.0, 0.0, -1.0])
        lp = LinearProgram(**(kwargs_of(small()) | {"var_lb": lb}))  # type: ignore[arg-type]
        lb[0] = 99.0
        assert lp.var_lb[0] == 0.0
        with pytest.raises(ValueError, match="read-only"):
            lp.var_lb[0] = 1.0
        with pytest.raises(dataclasses.FrozenInstanceError):
            lp.name = "other"  # type: ignore[misc]

    def test_read_only_view_of_writable_array_is_still_copied(self) -> None:
        base = np.array([0.0, 0.0, -1.0])
        view = base.view()
        view.setflags(write=False)
        lp = LinearProgram(**(kwargs_of(small()) | {"var_lb": view}))  # type: ignore[arg-type]
        base[0] = 42.0
        assert lp.var_lb[0] == 0.0


class TestHelpers:
    def test_row_returns_indices_and_coefficients(self) -> None:
        idx, coef = small().row(1)
        assert idx.tolist() == [0, 1]
        assert coef.tolist() == [3.0, 1.0]
        with pytest.raises(IndexError):
            small().row(2)

    def test_name_lookup(self) -> None:
        lp = small()
        assert lp.var_index("x2") == 2
        assert lp.row_index("range") == 1

    def test_with_extra_rows_appends(self) -> None:
        lp = small().with_extra_rows(("goal", "pair"), [0, 1, 3], [2, 0, 2], [1.0, 1.0, -1.0], [-INF, 0.0], [0.0, 0.0])
        assert lp.n_rows == 4
        assert lp.row_names[-2:] == ("goal", "pair")
        assert lp.row(2)[0].tolist() == [2]
        assert lp.row(3)[0].tolist() == [0, 2]
        assert lp.row(3)[1].tolist() == [1.0, -1.0]
        assert lp.row_ub.tolist() == [4.0, 6.0, 0.0, 0.0]
        assert small().n_rows == 2  # the original is untouched

    def test_with_extra_rows_rejects_clashing_name(self) -> None:
        with pytest.raises(ValueError, match="duplicate row names: 'cap'"):
            small().with_extra_rows(("cap",), [0, 1], [0], [1.0], [0.0], [1.0])

    def test_with_objective_and_bounds(self) -> None:
        lp = small().with_objective(np.array([1.0, 0.0, 0.0]), 5.0).with_bounds([1.0, 1.0, 0.0], [2.0, 2.0, 0.0])
        assert lp.objective.tolist() == [1.0, 0.0, 0.0]
        assert lp.objective_offset == 5.0
        assert lp.var_ub.tolist() == [2.0, 2.0, 0.0]
        assert lp.a_data is small().a_data or np.array_equal(lp.a_data, small().a_data)

    def test_unchanged_arrays_are_shared_not_copied(self) -> None:
        lp = small()
        other = lp.with_objective(np.zeros(3))
        assert other.a_data is lp.a_data
        assert other.var_lb is lp.var_lb

    @pytest.mark.parametrize("selector", [np.array([False, True]), np.array([1])])
    def test_subset_rows(self, selector: np.ndarray) -> None:
        lp = small().subset_rows(selector)
        assert lp.row_names == ("range",)
        assert lp.a_indptr.tolist() == [0, 2]
        assert lp.a_data.tolist() == [3.0, 1.0]
        assert lp.row_lb.tolist() == [1.0]

    def test_subset_rows_keeps_order_and_empty(self) -> None:
        lp = small()
        assert lp.subset_rows(np.array([1, 0])).row_names == ("cap", "range")
        empty = lp.subset_rows(np.zeros(2, dtype=bool))
        assert (empty.n_rows, empty.nnz, empty.a_indptr.tolist()) == (0, 0, [0])

    def test_is_integer_program(self) -> None:
        assert not small().is_integer_program()  # x0 continuous
        lp = LinearProgram.from_dense(
            "ip", objective=[1, -2], a=[[1, 1]], row_lb=[-INF], row_ub=[3], var_ub=[4, 4], var_integer=True
        )
        assert lp.is_integer_program()
        assert not lp.with_bounds([0, 0], [4, INF]).is_integer_program()
        assert not lp.with_objective(np.array([0.5, 1.0])).is_integer_program()
        assert not lp.with_extra_rows(("half",), [0, 1], [0], [0.5], [0.0], [1.0]).is_integer_program()

    def test_evaluation_helpers(self) -> None:
        lp = small()
        x = np.array([1.0, 1.0, 0.0])
        assert lp.row_activity(x).tolist() == [3.0, 4.0]
        assert lp.objective_value(x) == 0.0
        assert lp.max_violation(x) == 0.0
        assert lp.max_violation(np.array([0.0, 2.5, 0.0])) == pytest.approx(1.0)  # 0 + 5 > 4
        assert lp.max_violation(np.array([0.0, 1.5, 0.0])) == pytest.approx(0.5)  # x1 not whole

    def test_from_dense_defaults(self) -> None:
        lp = LinearProgram.from_dense("d", objective=[1.0, 1.0], a=[[0.0, 2.0]], row_lb=[1.0], row_ub=[INF])
        assert lp.var_names == ("x0", "x1")
        assert lp.row_names == ("r0",)
        assert lp.a_indices.tolist() == [1]
        assert lp.var_ub.tolist() == [INF, INF]
        assert not lp.is_mip()


class TestOptionsAndResults:
    def test_defaults(self) -> None:
        o = SolveOptions()
        assert (o.time_limit, o.mip_gap, o.threads, o.seed, o.hint, o.verbose) == (None, 0.0, 1, 0, None, False)

    @pytest.mark.parametrize(
        "kw",
        [
            {"time_limit": 0.0},
            {"time_limit": -1.0},
            {"mip_gap": -0.1},
            {"threads": 0},
            {"seed": -1},
            {"seed": 2**31},
            {"hint": np.array([np.nan])},
        ],
    )
    def test_invalid_options(self, kw: dict[str, object]) -> None:
        with pytest.raises(ValueError):  # noqa: PT011 - each case has its own message
            SolveOptions(**kw)  # type: ignore[arg-type]

    def test_enum_values_are_the_documented_strings(self) -> None:
        assert [s.value for s in Status] == [
            "optimal",
            "feasible",
            "infeasible",
            "unbounded",
            "no_solution",
            "error",
            "unknown",
        ]
        assert [lim.value for lim in Limit] == ["none", "time", "gap", "interrupt", "other"]

    def test_result_properties(self) -> None:
        r = SolveResult(Status.FEASIBLE, Limit.TIME, 3.0, 1.0, 2 / 3, np.zeros(1), "x", "1", 0.1, "")
        assert r.has_solution
        assert not r.is_optimal

    def test_relative_gap(self) -> None:
        assert relative_gap(10.0, 9.0) == pytest.approx(0.1)
        assert relative_gap(0.0, 0.0) == 0.0

    def test_gap_stop_is_feasible_with_limit_gap(self) -> None:
        opts = SolveOptions(mip_gap=0.01)
        status, limit, bound, gap = classify_incumbent(
            proven=True, objective=100.0, bound=99.5, options=opts, is_mip=True, unproven_limit=Limit.OTHER
        )
        assert (status, limit, bound) == (Status.FEASIBLE, Limit.GAP, 99.5)
        assert gap == pytest.approx(0.005)

    def test_gap_stop_with_zero_gap_is_optimal(self) -> None:
        opts = SolveOptions(mip_gap=0.01)
        status, limit, _, gap = classify_incumbent(
            proven=True, objective=100.0, bound=100.0 - 1e-9, options=opts, is_mip=True, unproven_limit=Limit.OTHER
        )
        assert (status, limit, gap) == (Status.OPTIMAL, Limit.NONE, 0.0)

    def test_unproven_incumbent_is_never_optimal(self) -> None:
        status, limit, _, gap = classify_incumbent(
            proven=False, objective=5.0, bound=5.0, options=SolveOptions(), is_mip=True, unproven_limit=Limit.TIME
        )
        assert (status, limit, gap) == (Status.FEASIBLE, Limit.TIME, 0.0)


def test_labels_travel_with_rows_through_subset_and_extra_rows() -> None:
    from solvers import Label

    base = LinearProgram.from_dense(
        "p", objective=[1, 1], a=[[1, 0], [0, 1], [1, 1]], row_lb=[0, 0, 1], row_ub=[5, 5, 9]
    )
    labels = (Label("a", municipality="GM0106"), Label("b", site="S1"), Label("c", province="Drenthe"))
    lp = dataclasses.replace(base, row_labels=labels, var_labels=(Label("x"), Label("y")))
    assert lp.subset_rows([0, 2]).row_labels == (labels[0], labels[2])
    grown = lp.with_extra_rows(["goal"], [0, 2], [0, 1], [1.0, 1.0], [-np.inf], [3.0], labels=[Label("goal_fixed")])
    assert grown.row_labels == (*labels, Label("goal_fixed"))
    assert grown.var_labels == lp.var_labels
    with pytest.raises(ValueError, match="row_labels has length 1"):
        dataclasses.replace(base, row_labels=(Label("only one"),))


class TestRestrict:
    """``solvers.restrict``: the one way to cut a program down to part of its rows and columns."""

    def test_rows_keep_only_the_variables_they_use(self) -> None:
        from solvers import restrict

        sub = restrict(small(), rows=[1])
        assert sub.row_names == ("range",)
        assert sub.var_names == ("x0", "x1")  # x2 is in no kept row
        assert sub.row(0)[0].tolist() == [0, 1]
        assert sub.row(0)[1].tolist() == [3.0, 1.0]
        assert sub.objective.tolist() == [-1.0, -1.0]
        assert sub.objective_offset == 2.0

    def test_cols_keep_the_rows_inside_them_and_empty_rows(self) -> None:
        from solvers import restrict

        lp = LinearProgram.from_dense(
            "p", objective=[1, 2, 3], a=[[1, 0, 0], [1, 1, 0], [0, 0, 1], [0, 0, 0]],
            row_lb=[0, 0, 0, 1], row_ub=[5, 5, 5, 9],
        )
        sub = restrict(lp, cols=[0, 2])
        assert sub.var_names == ("x0", "x2")
        assert sub.row_names == ("r0", "r2", "r3")  # r1 uses x1; r3 is empty and excludes 0: it stays
        assert sub.row(1)[0].tolist() == [1]  # x2 is column 1 of the part
        assert sub.objective.tolist() == [1.0, 3.0]

    def test_rows_and_cols_must_agree(self) -> None:
        from solvers import restrict

        with pytest.raises(ValueError, match="uses a variable outside"):
            restrict(small(), rows=[0], cols=[0])
        both = restrict(small(), rows=[0], cols=[0, 1, 2])
        assert both.var_names == ("x0", "x1", "x2")
        assert both.row_names == ("cap",)


class TestNumerics:
    """``solvers.check_numerics``: numbers beyond what the backends handle reliably are refused before solving."""

    def test_ordinary_programs_pass(self) -> None:
        from solvers import check_numerics

        check_numerics(small(), [np.array([1.0, 2.0, 3.0])])

    def test_a_huge_bound_names_its_row(self) -> None:
        from solvers import NumericsError, check_numerics

        lp = dataclasses.replace(small(), row_ub=np.array([4.0e12, 6.0]))
        with pytest.raises(NumericsError, match=r"upper bound of 4e\+12 in row 'cap'"):
            check_numerics(lp)

    def test_a_huge_goal_coefficient_names_its_variable(self) -> None:
        from solvers import NumericsError, check_numerics

        with pytest.raises(NumericsError, match=r"goal coefficient of 2e\+10 in variable 'x1'"):
            check_numerics(small(), [np.array([0.0, -2.0e10, 0.0])])

    def test_a_coefficient_range_beyond_1e9_is_refused(self) -> None:
        from solvers import NumericsError, check_numerics

        lp = LinearProgram.from_dense("range", objective=[1, 1], a=[[1e-4, 0], [0, 2e5]], row_lb=[0, 0], row_ub=[1, 1])
        with pytest.raises(NumericsError, match=r"range from 0\.0001 to 2e\+05"):
            check_numerics(lp)
