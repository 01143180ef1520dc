"""Registry, availability errors, light imports, MPS export and the HiGHS IIS."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import solvers
from solvers import (
    SOLVER_NAMES,
    Feature,
    LinearProgram,
    SolveOptions,
    Solver,
    SolverCapabilityError,
    SolverNotAvailable,
    Status,
    available_solvers,
    get_solver,
    registry,
    write_mps,
)
from solvers.highs import HighsSolver

INF = np.inf
ROOT = Path(__file__).resolve().parents[2]


def test_public_api() -> None:
    assert SOLVER_NAMES == ("highs", "scip", "cbc", "cpsat")
    for name in (
        "LinearProgram",
        "SolveOptions",
        "SolveResult",
        "Status",
        "Limit",
        "Feature",
        "Solver",
        "SolverNotAvailable",
        "SolverCapabilityError",
        "get_solver",
        "available_solvers",
        "SOLVER_NAMES",
        "write_mps",
    ):
        assert name in solvers.__all__
        assert hasattr(solvers, name)


def test_all_backends_are_installed_here() -> None:
    # The project depends on all four; if one is missing the environment is broken, not the code.
    assert available_solvers() == SOLVER_NAMES


@pytest.mark.parametrize("name", SOLVER_NAMES)
def test_get_solver_returns_named_backend(name: str) -> None:
    solver = get_solver(name)
    assert isinstance(solver, Solver)
    assert solver.name == name
    assert solver.is_available()
    assert solver.version()
    assert Feature.MIP in solver.features


def test_versions_have_the_documented_shape() -> None:
    assert get_solver("highs").version().count(".") == 2
    assert get_solver("scip").version().startswith("SCIP ")
    assert get_solver("cbc").version().startswith("pulp ")
    assert get_solver("cbc").version().endswith("bundled")
    import ortools

    assert get_solver("cpsat").version() == ortools.__version__


def test_names_are_case_insensitive() -> None:
    assert get_solver("HiGHS").name == "highs"
    assert get_solver("CP-SAT").name == "cpsat"


def test_unknown_name_lists_valid_names() -> None:
    with pytest.raises(ValueError, match=r"unknown solver 'nope'; valid names are: highs, scip, cbc, cpsat"):
        get_solver("nope")


class UnavailableCbc(registry.solver_class("cbc")):  # type: ignore[misc]
    """The real CBC backend on a machine where its binary is missing."""

    def is_available(self) -> bool:
        return False


def test_unavailable_backend_is_refused_with_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = registry._BACKENDS["cbc"]
    monkeypatch.setitem(
        registry._BACKENDS, "cbc", registry._Backend(entry.display_name, entry.install_hint, lambda: UnavailableCbc)
    )
    with pytest.raises(
        SolverNotAvailable, match=r"CBC is not available: install the bundled CBC with pip install 'pulp>=3.3,<4'"
    ):
        get_solver("cbc")
    assert "cbc" not in available_solvers()


def test_backend_module_that_cannot_import_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> type[Solver]:
        raise ImportError("No module named 'ortools'")

    entry = registry._BACKENDS["scip"]
    monkeypatch.setitem(registry._BACKENDS, "scip", registry._Backend(entry.display_name, entry.install_hint, fail))
    with pytest.raises(
        SolverNotAvailable, match=r"SCIP is not available \(No module named 'ortools'\): install OR-Tools"
    ):
        get_solver("scip")


@pytest.mark.parametrize("target", [
    "solvers", "solvers.program", "solvers.result", "solvers.backend", "solvers.registry"])
def test_import_is_light(target: str) -> None:
    code = (
        f"import sys, {target}\n"
        "heavy = sorted(m for m in ('highspy', 'ortools', 'pulp') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "", f"importing {target} loaded {out.stdout.strip()}"


# Libraries a backend must not load. PuLP itself imports highspy (for its own HiGHS interface), so
# CBC may bring highspy along; nothing else crosses over.
FORBIDDEN = {
    "highs": {"ortools", "pulp"},
    "scip": {"highspy", "pulp"},
    "cbc": {"ortools"},
    "cpsat": {"highspy", "pulp"},
}


@pytest.mark.parametrize("name", SOLVER_NAMES)
def test_getting_a_backend_loads_only_its_own_library(name: str) -> None:
    code = (
        "import sys, solvers\n"
        f"solvers.get_solver({name!r})\n"
        "print(','.join(sorted(m for m in ('highspy', 'ortools', 'pulp') if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    loaded = set(filter(None, out.stdout.strip().split(",")))
    assert not loaded & FORBIDDEN[name], loaded


# --------------------------------------------------------------------------------------------------
# MPS export
# --------------------------------------------------------------------------------------------------


def _mps_programs() -> list[LinearProgram]:
    return [
        LinearProgram.from_dense(
            "lp_with_long_names",
            objective=[-1, -1],
            a=[[1, 2], [3, 1]],
            row_lb=[-INF, 1],
            row_ub=[4, 6],
            var_names=["a_rather_long_variable_name_1", "x"],
            row_names=["capacity_row_with_a_long_name", "range_row"],
            objective_offset=3.5,
        ),
        LinearProgram.from_dense(
            "mip",
            objective=[-10, -13, -7, -8, 1],
            a=[[3, 4, 2, 3, 0], [0, 0, 0, 1, 1]],
            row_lb=[-INF, 1],
            row_ub=[7, 1],
            var_lb=[0, 0, 0, 0, -2],
            var_ub=[1, 1, 1, 1, 2],
            var_integer=[True, True, True, True, False],
            objective_offset=-4,
        ),
    ]


@pytest.mark.parametrize("lp", _mps_programs(), ids=lambda lp: lp.name)
def test_write_mps_round_trip(lp: LinearProgram, tmp_path: Path) -> None:
    import highspy

    path = tmp_path / f"{lp.name}.mps"
    write_mps(lp, path)
    text = path.read_text()
    assert "ENDATA" in text
    for name in lp.var_names + lp.row_names:
        assert name in text  # free format keeps full names

    h = highspy.Highs()
    h.silent()
    h.readModel(str(path))
    h.run()
    direct = HighsSolver().solve(lp)
    assert direct.status is Status.OPTIMAL
    assert h.getInfo().objective_function_value == pytest.approx(direct.objective)
    model = h.getLp()
    assert list(model.col_names_) == list(lp.var_names)
    assert list(model.row_names_) == list(lp.row_names)
    assert model.offset_ == pytest.approx(lp.objective_offset)


# --------------------------------------------------------------------------------------------------
# IIS (HiGHS, LP relaxation)
# --------------------------------------------------------------------------------------------------


def _conflict() -> LinearProgram:
    # Rows: need (x + y >= 3), cap_x (x <= 1), cap_y (y <= 1), unrelated (z >= 0), loose (x + z <= 10).
    return LinearProgram.from_dense(
        "conflict",
        objective=[1, 1, 0],
        a=[[1, 1, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1]],
        row_lb=[3, -INF, -INF, 0, -INF],
        row_ub=[INF, 1, 1, INF, 10],
        row_names=["need", "cap_x", "cap_y", "unrelated", "loose"],
    )


def test_highs_declares_iis() -> None:
    assert Feature.IIS in HighsSolver.features
    assert all(Feature.IIS not in get_solver(n).features for n in SOLVER_NAMES if n != "highs")


def test_iis_finds_the_conflict_and_is_irreducible() -> None:
    solver = HighsSolver()
    lp = _conflict()
    rows = solver.iis(lp)
    assert rows == [0, 1, 2]
    core = lp.subset_rows(np.array(rows))
    assert solver.solve(core).status is Status.INFEASIBLE
    for drop in range(len(rows)):
        keep = np.array([r for k, r in enumerate(rows) if k != drop])
        assert solver.solve(lp.subset_rows(keep)).status is Status.OPTIMAL


def test_iis_reports_bounds_in_conflict() -> None:
    # x in [0, 1] and the row x >= 2: the row and x's upper bound form the IIS.
    lp = LinearProgram.from_dense("bound", objective=[1], a=[[1]], row_lb=[2], row_ub=[INF], var_ub=[1])
    assert HighsSolver().iis_with_bounds(lp) == ([0], [0])


def test_iis_of_feasible_program_is_none() -> None:
    lp = _conflict().subset_rows(np.array([0, 3, 4]))
    assert HighsSolver().iis(lp) is None


def test_iis_uses_lp_relaxation() -> None:
    # 2x = 1 with x integer is infeasible only through integrality: no LP IIS.
    lp = LinearProgram.from_dense(
        "parity", objective=[0], a=[[2]], row_lb=[1], row_ub=[1], var_ub=[3], var_integer=True
    )
    assert HighsSolver().solve(lp).status is Status.INFEASIBLE
    assert HighsSolver().iis(lp, SolveOptions()) is None


def test_cpsat_core_contains_the_conflict_and_is_infeasible() -> None:
    lp = LinearProgram.from_dense(
        "conflict_int", objective=[1, 1, 0], a=[[1, 1, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1]],
        row_lb=[3, -INF, -INF, 0, -INF], row_ub=[INF, 1, 1, INF, 10], var_ub=[5, 5, 5], var_integer=True,
    )
    solver = get_solver("cpsat")
    assert Feature.UNSAT_CORE in solver.features
    core = solver.unsat_core(lp)
    assert core is not None
    assert {0, 1, 2} <= set(core)  # need, cap_x, cap_y: every row of the only conflict
    assert solver.solve(lp.subset_rows(np.array(core))).status is Status.INFEASIBLE
    assert solver.unsat_core(lp.subset_rows(np.array([0, 3, 4]))) is None  # feasible: no core


@pytest.mark.parametrize("name", ["scip", "cbc", "cpsat"])
def test_iis_without_the_capability_names_the_backend_that_has_it(name: str) -> None:
    with pytest.raises(SolverCapabilityError, match=r"no iis capability\); use a backend that can: highs"):
        get_solver(name).iis(_conflict())


def test_core_without_the_capability_names_the_backend_that_has_it() -> None:
    with pytest.raises(SolverCapabilityError, match=r"no unsat_core capability\); use a backend that can: cpsat"):
        get_solver("highs").unsat_core(_conflict())


# --------------------------------------------------------------------------------------------------
# Console silence
# --------------------------------------------------------------------------------------------------

_SILENCE_SCRIPT = """
import sys
import numpy as np
from solvers import LinearProgram, SolveOptions, get_solver

name, verbose = sys.argv[1], sys.argv[2] == "1"
feasible = LinearProgram.from_dense(
    "k", objective=[-10, -13, -7, -8], a=[[3, 4, 2, 3]], row_lb=[-np.inf], row_ub=[7], var_ub=1, var_integer=True
)
infeasible = feasible.with_extra_rows(("need",), [0, 4], [0, 1, 2, 3], [1.0] * 4, [5.0], [np.inf])
rng = np.random.default_rng(7)
a = rng.integers(0, 100, (4, 36)).astype(float)
rhs = np.floor(a.sum(axis=1) / 2)
hard = LinearProgram.from_dense(
    "ms", objective=np.zeros(36), a=a, row_lb=rhs, row_ub=rhs, var_ub=1, var_integer=True
)
solver = get_solver(name)
statuses = [
    solver.solve(feasible, SolveOptions(verbose=verbose)).status,
    solver.solve(infeasible, SolveOptions(verbose=verbose)).status,
    solver.solve(hard, SolveOptions(time_limit=0.1, verbose=verbose)).status,
]
assert [s.value for s in statuses] == ["optimal", "infeasible", "no_solution"], statuses
"""


@pytest.mark.parametrize("name", SOLVER_NAMES)
def test_solvers_are_silent_unless_verbose(name: str) -> None:
    """Nothing reaches the process's stdout/stderr (checked at the file-descriptor level, in a fresh
    process so that once-per-process banners count) unless ``verbose`` is set."""
    quiet = subprocess.run(
        [sys.executable, "-c", _SILENCE_SCRIPT, name, "0"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == ""
    assert quiet.stderr == ""
    loud = subprocess.run(
        [sys.executable, "-c", _SILENCE_SCRIPT, name, "1"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert loud.returncode == 0, loud.stderr
    assert loud.stdout or loud.stderr
