"""The planning data of the bundled Drenthe case, checked against the report's tables by hand."""

from __future__ import annotations

import datetime as dt

from planner.planning import PlanningData
from tests.planning.support import add_transfers, drenthe, with_settings


def test_places_that_count_per_site_and_period_follow_the_contract_dates() -> None:
    data = PlanningData.from_scenario(drenthe())
    assert data.provinces == ["Drenthe"]
    assert [p.name for p in data.periods] == ["2025", "2026"]
    # Assen azc: 1.000 places until 1-4-2026, so all of 2025 and none of 2026 (whole-period availability).
    assert data.site_capacity("ASN-AZC", "2025") == 1000
    assen_2026 = data.site_periods[("ASN-AZC", "2026")]
    assert (assen_2026.capacity, assen_2026.why_not, assen_2026.date) == (0, "ends", dt.date(2026, 4, 1))
    # Westerveld: noodopvang 75 and TGO 25 ended 31-12-2024, before the cycle; the azc's 140 count.
    assert data.site_periods[("WV-NO", "2025")].why_not == "ended"
    assert data.capacity("GM1701", "regular", "2025") == 140
    # Regular 2026 in the province: 87 + 430 + 675 + 940 + 250 + 140 = 2.522.
    assert sum(data.capacity(c, "regular", "2026") for c in data.munis) == 2522
    assert sum(data.capacity(c, "amv", "2026") for c in data.munis) == 50 + 20 + 50 + 50 + 50 + 28 + 50


def test_offers_committed_places_tasks_and_planned_units_taken_as_ready() -> None:
    data = PlanningData.from_scenario(drenthe())
    assert data.offer("GM1701", "regular", 2025) == 240
    # Westerveld's existing sites keep what they can hold, up to the offer: min(140, 240).
    assert data.committed[("GM1701", "regular", "2025")] == 140
    assert data.most_possible("GM1701", "regular", "2025") == 140
    assert ("GM0106", "regular", "2026") not in data.committed
    assert data.province_task("Drenthe", "regular") == 2462
    assert data.province_task("Drenthe", "amv") == 229
    assert data.munis["GM0106"].task_total == 360
    assert data.munis["GM0106"].ukraine_target == 791
    assert data.assumed_ready == ("BO-AMV", "DW-AMV", "MD-AMV")


def test_emergency_places_not_counting_say_why() -> None:
    data = PlanningData.from_scenario(with_settings(drenthe(), "rules", count_emergency=False))
    tyn = data.site_periods[("TYN-NO", "2025")]
    assert (tyn.capacity, tyn.why_not) == (0, "emergency")
    assert [x.site for x in data.lost_sites("GM1730", "regular", "2025")] == ["TYN-NO"]
    # 2026 without Tynaarlo's 250 emergency places: 2.522 − 250 = 2.272, 190 below the task of 2.462.
    assert sum(data.capacity(c, "regular", "2026") for c in data.munis) == 2272


def test_transfers_count_for_the_receiver_and_against_the_sender() -> None:
    scenario = add_transfers(drenthe(), {"from_code": "GM0118", "to_code": "GM1730", "category": "regular",
                                         "places": 40, "year": 2026})
    data = PlanningData.from_scenario(scenario)
    assert data.transfer("GM1730", "regular", "2026") == 40
    assert data.transfer("GM0118", "regular", "2026") == -40
    assert data.transfer("GM1730", "regular", "2025") == 0
