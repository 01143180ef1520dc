"""The minimum-violation plan: hand-computed shortfalls and the relaxation order as a parameter."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.explain.elastic import minimum_violation_plan
from planner.model.build import AllocationModel, build_model
from planner.scenario.load import load_scenario
from solvers import Status

DATA = Path(__file__).parents[1] / "data" / "infeasible"


def model_of(name: str) -> AllocationModel:
    scenario, _ = load_scenario(DATA / name)
    assert scenario is not None
    return build_model(scenario)


def relaxed(result: object) -> dict[str, int]:
    return {r["row"]: r["amount"] for r in result.relaxed}  # type: ignore[attr-defined]


def test_closed_units_leave_exactly_the_missing_places_unmet() -> None:
    # 229 − 191 = 38 in 2025 and 229 − 148 = 81 in 2026; no offer can help (the sites are full).
    result = minimum_violation_plan(model_of("drenthe-amv-closed"))
    assert result.status is Status.OPTIMAL
    assert result.shortfall == 119
    assert relaxed(result) == {"province_total_Drenthe_amv_2025": 38, "province_total_Drenthe_amv_2026": 81}
    assert result.plan is not None
    amv = {r["period"]: r["planned_amv"] for r in result.plan.province}
    assert amv == {"2025": 191, "2026": 148}


def test_offers_are_relaxed_before_the_provincial_total_by_default() -> None:
    # 11 places short in 2026; Emmen and Westerveld have room on their sites (50 each) above their offers of 10.
    # Shared in proportion to the offers (both 10): 6 and 5; the province closes.
    model = model_of("drenthe-amv-offers-2026")
    result = minimum_violation_plan(model)
    assert result.totals == {"offer_limit": 11, "province_total": 0}
    assert sorted(relaxed(result).values()) == [5, 6]
    assert set(relaxed(result)) == {"offer_limit_GM0114_amv_2026", "offer_limit_GM1701_amv_2026"}
    by_code = {r["code"]: r for r in result.relaxed}
    assert by_code["GM0114"]["name"] == "Emmen"
    assert by_code["GM0114"]["period"] == "2026"
    assert result.plan is not None
    assert {r["period"]: r["planned_amv"] for r in result.plan.province}["2026"] == 229


def test_protecting_offers_leaves_the_province_short() -> None:
    result = minimum_violation_plan(model_of("drenthe-amv-offers-2026"), ("province_total", "offer_limit"))
    assert result.totals == {"province_total": 11, "offer_limit": 0}
    assert relaxed(result) == {"province_total_Drenthe_amv_2026": 11}


def test_minimum_size_opens_the_cheapest_unit_relative_to_its_offer() -> None:
    model = model_of("drenthe-amv-minimum-size")
    assert relaxed(minimum_violation_plan(model)) == {"offer_limit_GM1731_amv_2026": 19}
    protected = minimum_violation_plan(model, ("province_total", "offer_limit"))
    assert relaxed(protected) == {"province_total_Drenthe_amv_2026": 31}


def test_unknown_family_is_refused() -> None:
    with pytest.raises(ValueError, match="site_available"):
        minimum_violation_plan(model_of("drenthe-amv-closed"), ("site_available",))
