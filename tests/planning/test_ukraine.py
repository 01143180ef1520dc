"""Ukraine in the planning data and the plan, against the report's puzzle (target | realised 2024 | ambition 2025):
Aa en Hunze 293 | 403 | 430, Assen 791 | 792 | 792, Westerveld 226 | 125 | 102."""

from __future__ import annotations

import dataclasses

import pytest

from planner.journeys.plan import PlanRun, SolveSettings, plan_scenario
from planner.planning import PlanningData
from planner.scenario.load import Scenario
from tests.planning.support import add_transfers, drenthe, with_settings


def plan(s: Scenario) -> PlanRun:
    run = plan_scenario(s, SolveSettings(solver="highs"))
    assert run.plan is not None
    return run


@pytest.fixture(scope="module")
def bundled() -> PlanRun:
    return plan(drenthe())


def test_places_never_below_realised_unless_the_ambition_is_lower_and_then_a_notice_names_it(bundled) -> None:
    rows = {r["code"]: r for r in bundled.plan.municipalities if r["period"] == "2025"}
    for r in rows.values():
        floor = min(r["ukraine_realised"] or 0, r["ukraine_ambition"] if r["ukraine_ambition"] is not None else 10**9)
        assert r["ukraine"] >= floor, r["code"]
    assert rows["GM1680"]["ukraine"] >= 403
    # Westerveld's ambition (102) is below what it realised (125): planned at the ambition, and said so.
    assert rows["GM1701"]["ukraine"] == 102
    notices = [(n.code, n.subject, dict(n.values)) for n in bundled.model.data.notices if n.code.startswith("ukraine")]
    assert notices == [("ukraine_ambition_below_realised", "GM1701",
                        {"ukraine_ambition": 102, "ukraine_realised": 125})]


def test_without_ukraine_data_the_ukraine_part_is_left_out_and_said() -> None:
    s = drenthe()
    munis = tuple(m.model_copy(update={"ukraine_target": None, "ukraine_realised": None, "ukraine_ambition": None})
                  for m in s.municipalities)
    s = dataclasses.replace(s, municipalities=munis, settings=s.settings.model_copy(update={"stated_totals": ()}))
    data = PlanningData.from_scenario(s)
    assert not data.has_ukraine
    assert [n.code for n in data.notices if n.subject is None] == ["no_ukraine_data"]
    run = plan(s)
    assert run.model.u == {}
    assert all(r["ukraine"] is None and r["ukraine_shortfall"] is None for r in run.plan.municipalities)
    assert all(p["ukraine"] is None for p in run.plan.province)


def test_a_ukraine_transfer_counts_for_the_receiver(bundled) -> None:
    # Assen's 100 Ukraine places count for Westerveld: its shortfall 226 − 102 = 124 becomes 226 − 100 − 102 = 24.
    before = bundled.plan.municipality("GM1701", "2025")
    assert before["ukraine_shortfall"] == 124
    run = plan(add_transfers(drenthe(), {"from_code": "GM0106", "to_code": "GM1701", "category": "ukraine",
                                         "places": 100}))
    assert run.plan.municipality("GM1701", "2026")["ukraine_shortfall"] == 24


def test_the_ukraine_exchange_works_on_the_bundled_case(bundled) -> None:
    run = plan(with_settings(drenthe(), "rules", ukraine_exchange=True))
    # The provincial totals stay hard and equal: the exchange only changes who is measured short.
    got = {(p["period"], p["planned_regular"], p["planned_amv"]) for p in run.plan.province}
    assert got == {("2025", 3714, 341), ("2026", 2522, 298)}
    # Excess variables only where the ambition exceeds the target (Westerveld's 102 < 226 has none).
    excess = {lab.municipality for lab in run.model.builder.var_labels if lab.family == "ukraine_excess"}
    assert "GM1701" not in excess
    assert "GM1680" in excess
