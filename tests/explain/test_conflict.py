"""Minimal conflicts on crafted infeasible what-ifs of Drenthe, computed by hand from the scenario's CSV files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from planner.explain.conflict import _Oracle, find_conflicts
from planner.explain.rows import feasibility_program
from planner.model.build import AllocationModel, build_model
from planner.scenario.load import load_scenario
from solvers import SolverCapabilityError
from solvers.highs import HighsSolver

DATA = Path(__file__).parents[1] / "data" / "infeasible"


def model_of(name: str | None) -> AllocationModel:
    scenario, problems = load_scenario(DATA / name if name else None)
    assert scenario is not None
    assert not problems.has_errors(), [p.message for p in problems.errors]
    return build_model(scenario)


@pytest.fixture(scope="module")
def closed() -> AllocationModel:
    return model_of("drenthe-amv-closed")


@pytest.fixture(scope="module")
def offers_2026() -> AllocationModel:
    return model_of("drenthe-amv-offers-2026")


def amv_sites(period: str, *ids: str) -> set[str]:
    return {f"site_available_{i}_AMV_{period}" for i in ids}


def test_bundled_drenthe_is_feasible() -> None:
    report = find_conflicts(model_of(None))
    assert report.feasible
    assert report.conflicts == ()


def test_closed_units_conflict_names_exactly_the_sites_left_and_the_task(closed: AllocationModel) -> None:
    # 2025: 20 + 50 + 43 + 50 + 28 = 191 < 229; 2026: Noordenveld (0 after 1-3-2026) + 20 + 50 + 50 + 28 = 148.
    report = find_conflicts(closed)
    assert not report.feasible
    by_period = {c.period: set(c.names) for c in report.conflicts}
    assert by_period == {
        "2025": {"province_total_Drenthe_amv_2025"} | amv_sites("2025", "COE", "EMM", "NV", "TYN", "WV"),
        "2026": {"province_total_Drenthe_amv_2026"} | amv_sites("2026", "COE", "EMM", "NV", "TYN", "WV"),
    }
    nv = next(r for c in report.conflicts for r in c.rows if r.name == "site_available_NV_AMV_2026")
    assert nv.upper == 0
    assert nv.code == "GM1699"
    assert nv.site == "NV-AMV"


def test_lowered_offers_conflict_keeps_the_offers_and_only_2026(offers_2026: AllocationModel) -> None:
    report = find_conflicts(offers_2026)
    assert [c.period for c in report.conflicts] == ["2026"]
    assert set(report.conflicts[0].names) == (
        {"province_total_Drenthe_amv_2026", "offer_limit_GM0114_amv_2026", "offer_limit_GM1701_amv_2026"}
        | amv_sites("2026", "BO", "COE", "DW", "MD", "NV", "TYN")
    )


@pytest.mark.parametrize("method", ["deletion", "iis"])
def test_minimum_size_conflict_is_integer_only(method: str) -> None:
    model = model_of("drenthe-amv-minimum-size")
    fp = feasibility_program(model)
    assert HighsSolver().iis(fp.lp) is None  # the LP relaxation is feasible: only whole sites make it fail
    (conflict,) = find_conflicts(model, method=method).conflicts
    assert set(conflict.names) == (
        {"province_total_Drenthe_amv_2026", "offer_limit_GM1681_amv_2026", "offer_limit_GM1731_amv_2026",
         "site_capacity_MD_AMV_2026", "site_minimum_MD_AMV_2026"}
        | amv_sites("2026", "COE", "DW", "EMM", "NV", "TYN", "WV")
    )


@pytest.mark.parametrize("method", ["deletion", "cpsat", "iis"])
def test_every_conflict_is_irreducible(closed: AllocationModel, method: str) -> None:
    fp = feasibility_program(closed)
    oracle = _Oracle(fp, "highs", 60.0)
    index = {n: i for i, n in enumerate(fp.lp.row_names)}
    for conflict in find_conflicts(closed, method=method).conflicts:
        rows = [index[n] for n in conflict.names]
        assert not oracle.feasible(rows)
        for r in rows:
            assert oracle.feasible([x for x in rows if x != r]), f"{fp.lp.row_names[r]} is not needed"
        assert conflict.names[0].startswith("province_total_Drenthe_amv_")


def test_iis_method_on_a_backend_without_iis_is_an_actionable_error(closed: AllocationModel) -> None:
    with pytest.raises(SolverCapabilityError, match="use a backend that can: highs"):
        find_conflicts(closed, method="iis", solver="scip")


def test_a_second_solver_finds_the_same_conflict(closed: AllocationModel) -> None:
    names = [sorted(c.names) for c in find_conflicts(closed, solver="highs").conflicts]
    assert [sorted(c.names) for c in find_conflicts(closed, solver="scip").conflicts] == names


def test_site_bounds_become_rows(closed: AllocationModel) -> None:
    fp = feasibility_program(closed)
    i = fp.lp.row_names.index("site_available_NV_AMV_2026")
    assert fp.lp.row_ub[i] == 0
    j = closed.x[("NV-AMV", "2026")]
    assert fp.lp.var_ub[j] == fp.big
    assert np.isfinite(fp.big)
    assert not any(r.family == "fairness" for r in fp.rows)
