"""``rules.counting = "total"`` in every command that judges places (issue 11): plan, verdeelbesluit,
check-allocation and check-duty agree, each checked against the hand computation.

Drenthe with Emmen's azc at 575 places (offer 575). Places that count in 2026 (whole-period contracts): regular
Aa en Hunze 87, Coevorden 430, Emmen 575, Hoogeveen 940, Tynaarlo 250, Westerveld 140 (Assen's and Meppel's
contracts end in spring 2026) = 2.422; AMV Borger-Odoorn, De Wolden, Midden-Drenthe, Emmen, Westerveld 50 each,
Coevorden 20, Tynaarlo 28 (Noordenveld's ends 1-3-2026) = 298. Tasks: regular 2.462, AMV 229, total 2.691;
Emmen 453 + 42 = 495.

- separate: 2.422 < 2.462, Drenthe cannot close (40 short); Emmen's own regular duty 575 − 453 = +122.
- total: 2.422 + 298 = 2.720 ≥ 2.691 and AMV 298 ≥ 229: Drenthe closes, no restopgave; Emmen's own total duty
  575 + 50 − 495 = +130, its AMV sub-task 50 − 42 = +8.
"""

from __future__ import annotations

import dataclasses

import pytest

from planner.journeys.allocation import check_allocation
from planner.journeys.duty import DutyResult, check_duty, duty_changes, duty_scenario
from planner.journeys.plan import SolveSettings, plan_scenario
from planner.journeys.verdeelbesluit import verdeelbesluit
from planner.planning import PlanningData
from tests.planning.support import drenthe, with_settings

HIGHS = SolveSettings(solver="highs")


def _duty(counting: str) -> DutyResult:
    base = with_settings(drenthe(), "rules", counting=counting)
    return check_duty(base, "GM0114", site_id="EMM-AZC", places=575, offer=575, settings=HIGHS)


@pytest.mark.slow
def test_plan_verdeelbesluit_check_allocation_and_check_duty_agree_under_total() -> None:
    duty = _duty("total")
    assert duty.categories_checked == ("total",)  # a regular site changed: under total it counts toward the total
    own = {(d.category, d.period): d for d in duty.own}
    assert {(k, own[(k, "2026")].counted, own[(k, "2026")].surplus) for k in ("total", "amv")} == {
        ("total", 625, 130), ("amv", 50, 8)}
    assert duty.duty_met
    assert duty.province_closes is True
    prov = {(p.category, p.period): p for p in duty.provinces}
    assert (prov[("total", "2026")].task, prov[("total", "2026")].planned) == (2691, 2720)
    # The plan of the same scenario: Emmen's total 625 without shortfall, Drenthe closing at 2.720.
    base = with_settings(drenthe(), "rules", counting="total")
    changed = duty_scenario(base, duty_changes(base, "GM0114", "EMM-AZC", 575, (), 575)[0])
    assert changed.digest() == duty.changed_digest  # the very scenario check-duty planned
    run = plan_scenario(changed, HIGHS)
    assert run.plan is not None
    emmen = run.plan.municipality("GM0114", "2026")
    assert (emmen["planned_total"], emmen["shortfall_total"]) == (own[("total", "2026")].planned, 0) == (625, 0)
    # The verdeelbesluit on it needs no restopgave, and check-allocation accepts the plan's allocation.
    v = verdeelbesluit(changed)
    assert [r["restopgave"] for r in v.pools] == [0, 0, 0, 0]
    assert not [x for x in v.check.violations if x["check"] == "province_total"]
    allocation = {(r["code"], k, r["period"]): r[f"planned_{k}"] for r in run.plan.municipalities
                  for k in ("regular", "amv")}
    assert check_allocation(PlanningData.from_scenario(changed), allocation).violations == []


@pytest.mark.slow
def test_check_duty_under_separate_keeps_the_regular_task_and_the_province_short() -> None:
    duty = _duty("separate")
    assert duty.categories_checked == ("regular",)
    own = {(d.category, d.period): d for d in duty.own}
    assert (own[("regular", "2026")].counted, own[("regular", "2026")].surplus) == (575, 122)
    assert duty.duty_met
    assert duty.province_closes is False
    assert {(p.category, p.period): p.short_by for p in duty.provinces}[("regular", "2026")] == 40


def test_own_duty_under_total_adds_each_part_up_to_its_own_offer() -> None:
    """No plan needed. Emmen's offer cut to 575 while its azc keeps 675 places: regular min(675, 575) = 575, AMV
    min(50, 50) = 50, total 625 − 495 = +130 with 100 places above the offer (an offer of regular places cannot
    be filled with AMV places or the other way round). Westerveld 2026: min(140, 240) + min(50, 50) = 190 − 119 = +71;
    Assen 2026: its azc ends 1-4-2026, 0 − 360 = short 360; Tynaarlo: 250 + 28 − 224 = +54."""
    from planner.journeys.duty import own_duty

    s = with_settings(drenthe(), "rules", counting="total")
    offers = tuple(o.model_copy(update={"places": 575}) if (o.code, o.category.value) == ("GM0114", "regular") else o
                   for o in s.offers)
    data = PlanningData.from_scenario(dataclasses.replace(s, offers=offers))

    def total(code: str) -> tuple[int, int, int]:
        d = next(d for d in own_duty(data, code) if (d.category, d.period) == ("total", "2026"))
        return d.counted, d.surplus, d.above_offer

    assert total("GM0114") == (625, 130, 100)
    assert total("GM1701") == (190, 71, 0)
    assert total("GM0106") == (0, -360, 0)
    assert total("GM1730") == (278, 54, 0)
    assert [d.category for d in own_duty(data, "GM0114")] == ["total", "total", "amv", "amv"]


@pytest.mark.slow
def test_compare_follows_the_reading_too() -> None:
    """Compare the bundled case under total with Emmen at 575: the what-if's total 2026 is 2.720 against 2.691
    (closes, +29), 100 fewer than the base's 2.522 + 298 = 2.820; the AMV sub-check 298 ≥ 229. Under the separate
    reading compare would say regular 2.422 < 2.462. Emmen's own row is its total: 625 against 495, no shortfall."""
    from planner.journeys.compare import compare_runs

    base = with_settings(drenthe(), "rules", counting="total")
    changed = duty_scenario(base, duty_changes(base, "GM0114", "EMM-AZC", 575, (), 575)[0])
    data = compare_runs(plan_scenario(base, HIGHS), [plan_scenario(changed, HIGHS)])
    prov = {(r["scenario"], r["category"], r["period"]): r for r in data["province"]}
    what_if = data["scenarios"][1]["scenario"]
    assert {k for (_, k, _) in prov} == {"total", "amv"}
    r26 = prov[(what_if, "total", "2026")]
    assert (r26["task"], r26["planned"], r26["closes"], r26["delta"]) == (2691, 2720, True, -100)
    assert prov[(what_if, "amv", "2026")]["planned"] == 298
    emmen = next(r for r in data["places"] if (r["scenario"], r["code"], r["category"], r["period"])
                 == (what_if, "GM0114", "total", "2026"))
    assert (emmen["places"], emmen["task"], emmen["shortfall"]) == (625, 495, 0)
