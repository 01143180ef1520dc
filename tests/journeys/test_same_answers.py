"""Where two commands answer the same question they give the same answer (issue 11): check-duty, plan, compare,
verdeelbesluit, check-allocation, explain and sweep on a province that cannot close and on a late unit, and plan and
sweep under the total reading. Every number is computed by hand from the bundled Drenthe inputs.

**Tynaarlo's noodopvang from 250 to 60 places (separate reading, the default).** Regular places that count in 2026
(whole-period contracts; Assen's azc ends 1-4-2026, Meppel's noodopvang 31-3-2026, Westerveld's NO and TGO ended in
2024): Aa en Hunze 87, Coevorden 430, Emmen 675, Hoogeveen 940, Tynaarlo 60, Westerveld 140 = 2.332 against the
task of 2.462: at least 130 short, whatever the plan. In 2025 Assen's 1.000 and Meppel's 192 still count: 3.524.
Tynaarlo's own regular duty: 60 − 205 = short 145.

The verdeelbesluit spreads the 130 over the eight municipalities under their regular task in 2026 (Assen 0 of 329,
Meppel 0 of 177, Aa en Hunze 87 of 143, Borger-Odoorn 0 of 128, De Wolden 0 of 139, Noordenveld 0 of 170, Tynaarlo
60 of 205, Midden-Drenthe 0 of 181), pro rata to their tasks (Σ 1.472), largest remainder:
130·329/1.472 = 29,06 → 29; Meppel 15,63 → 16; Aa en Hunze 12,63 → 13; Borger-Odoorn 11,30 → 11; De Wolden 12,28
→ 12; Noordenveld 15,01 → 15; Tynaarlo 18,10 → 18; Midden-Drenthe 15,98 → 16 (floors 127, the three largest
remainders 0,98, 0,63 (Meppel 15,632), 0,63 (Aa en Hunze 15,629) get one each). Tynaarlo's allocation 250 + 18 =
268 exceeds the 60 its sites hold by 208.
"""

from __future__ import annotations

from planner.journeys.allocation import check_allocation
from planner.journeys.compare import compare_runs
from planner.journeys.duty import check_duty, duty_changes, duty_scenario
from planner.journeys.plan import SolveSettings, plan_scenario
from planner.journeys.sweep import run_variation
from planner.journeys.verdeelbesluit import verdeelbesluit
from planner.model.plan import province_task_figures
from tests.planning.support import drenthe, with_settings

HIGHS = SolveSettings(solver="highs")
SHARES_2026 = {"GM0106": 29, "GM0119": 16, "GM1680": 13, "GM1681": 11, "GM1690": 12, "GM1699": 15, "GM1730": 18,
               "GM1731": 16}


def test_a_province_that_cannot_close_gets_one_answer_from_every_command() -> None:
    base = drenthe()
    duty = check_duty(base, "GM1730", site_id="TYN-NO", places=60, settings=HIGHS)
    changed = duty_scenario(base, duty_changes(base, "GM1730", "TYN-NO", 60, (), None)[0])
    assert changed.digest() == duty.changed_digest  # the very scenario check-duty judged
    # check-duty: the own duty without a plan, the province's bound
    own = {(d.category, d.period): d for d in duty.own}
    assert (own[("regular", "2026")].counted, own[("regular", "2026")].surplus) == (60, -145)
    assert not duty.duty_met
    prov = {(p.category, p.period): p for p in duty.provinces}
    assert (prov[("regular", "2026")].most_possible, prov[("regular", "2026")].short_by) == (2332, 130)
    assert prov[("regular", "2026")].closes is False
    assert duty.province_closes is False
    assert prov[("regular", "2025")].most_possible == 3524
    # plan: no plan at all
    run = plan_scenario(changed, HIGHS)
    assert run.plan is None
    # compare: the what-if cannot close, at least 130 short in 2026, the same bound
    data = compare_runs(plan_scenario(base, HIGHS), [run])
    what_if = data["scenarios"][1]["scenario"]
    rows = {(r["category"], r["period"]): r for r in data["province"] if r["scenario"] == what_if}
    assert (rows[("regular", "2026")]["verdict"], rows[("regular", "2026")]["short_at_least"],
            rows[("regular", "2026")]["most_possible"]) == ("cannot_close", 130, 2332)
    assert {k: r["short_at_least"] for k, r in rows.items() if k != ("regular", "2026")} == dict.fromkeys(
        [("regular", "2025"), ("amv", "2025"), ("amv", "2026")], 0)
    # verdeelbesluit: the same 130 as restopgave, spread by hand; Tynaarlo's share exceeds its sites
    v = verdeelbesluit(changed)
    pools = {(r["category"], r["period"]): r["restopgave"] for r in v.pools}
    assert pools == {("regular", "2025"): 0, ("regular", "2026"): 130, ("amv", "2025"): 0, ("amv", "2026"): 0}
    shares = {r["code"]: r["restopgave_share"] for r in v.rows
              if (r["category"], r["period"]) == ("regular", "2026") and r["restopgave_share"]}
    assert shares == SHARES_2026
    tyn = next(r for r in v.rows if (r["code"], r["category"], r["period"]) == ("GM1730", "regular", "2026"))
    assert (tyn["allocation"], tyn["capacity"], tyn["exceeds_sites"], tyn["feasible"]) == (268, 60, 208, False)
    # check-allocation judges the verdeelbesluit's allocation as the verdeelbesluit does
    check = check_allocation(v.data, *v.allocation())
    assert check.feasible is v.feasible is False
    # explain: the same task, the same 2.332 places the sites can reach
    from planner.explain.explain import explain_scenario

    said = {(x.province, x.period, x.category): (x.need, x.available) for x in explain_scenario(changed).sentences}
    assert said == {("Drenthe", "2026", "regular"): (2462, 2332)}
    # sweep: the same variation, no plan, 2026 regular cannot close, 2025 undecided
    row = run_variation(changed, {}, solver="highs")
    assert (row["plan"], row["closes_regular_2026"], row["closes_regular_2025"]) == (False, False, None)


def test_sweep_reports_the_tasks_the_plan_checks_under_the_total_reading() -> None:
    """Emmen's azc at 575 (offer 575) under ``rules.counting = "total"``: 2026 total 2.422 regular + 298 AMV = 2.720
    against 2.691, +29; AMV 298 against 229, +69 (tests/journeys/test_total_reading.py). The sweep's row must say
    "closes" for the total, as the plan does, not judge the regular places alone (2.422 < 2.462)."""
    base = with_settings(drenthe(), "rules", counting="total")
    changed = duty_scenario(base, duty_changes(base, "GM0114", "EMM-AZC", 575, (), 575)[0])
    run = plan_scenario(changed, HIGHS)
    assert run.plan is not None
    p26 = next(p for p in run.plan.province if p["period"] == "2026")
    total = province_task_figures(p26, "total")
    assert (total.task, total.planned, total.closes, total.surplus) == (2691, 2720, True, 29)
    row = run_variation(changed, {}, solver="highs")
    assert (row["task_total_2026"], row["closes_total_2026"], row["surplus_total_2026"]) == (2691, True, 29)
    assert (row["task_amv_2026"], row["closes_amv_2026"], row["surplus_amv_2026"]) == (229, True, 69)
    assert "closes_regular_2026" not in row
    # The sweep's terminal table reads the same figures: the total's verdict, not the regular places'.
    from rich.console import Console

    from planner.report.tables import sweep_table

    for lang, words in (("nl", ("taak tot/AMV", "2.691 / 229", "tot +29 AMV +69")),
                        ("en", ("task tot/AMV", "2,691 / 229", "tot +29 AMV +69"))):
        con = Console(record=True, width=250, color_system=None)
        con.print(sweep_table([row], [], lang))
        text = con.export_text()
        assert all(w in text for w in words), text


def test_a_late_unit_counts_from_the_period_after_the_obligation_date_in_every_command() -> None:
    """Hoogeveen (AMV task 24, no AMV site, offer 0) adds a 20-place AMV unit ready on 1-9-2025 and offers 20. The
    2025 places are due on the obligation date 1-7-2025 (cycle.obligation_date's default), so the unit counts only in
    2026: own AMV duty 2025 0 − 24 = short 24, 2026 20 − 24 = short 4. The plan gives it 0 and 20; the
    verdeelbesluit binds the offer of 20 in both years, which in 2025 exceeds the 0 its sites can hold — and
    check-allocation says the same. Drenthe's AMV closes either way: 341 (2025) and 298 + 20 = 318 (2026) ≥ 229."""
    from planner.journeys.duty import parse_add_site

    base = drenthe()
    unit = parse_add_site("id=HGV-AMV,category=amv,places=20,available_from=2025-09-01", "GM0118")
    duty = check_duty(base, "GM0118", add_sites=[unit], offer=20, settings=HIGHS)
    own = {(d.category, d.period): (d.counted, d.surplus) for d in duty.own if d.category == "amv"}
    assert own == {("amv", "2025"): (0, -24), ("amv", "2026"): (20, -4)}
    changed = duty_scenario(base, duty_changes(base, "GM0118", None, None, [unit], 20)[0])
    assert changed.digest() == duty.changed_digest
    run = plan_scenario(changed, HIGHS)
    assert run.plan is not None
    assert {s["period"]: s["places"] for s in run.plan.sites if s["id"] == "HGV-AMV"} == {"2025": 0, "2026": 20}
    assert {p["period"]: p["planned_amv"] for p in run.plan.province} == {"2025": 341, "2026": 318}
    assert duty.province_closes is True
    v = verdeelbesluit(changed)
    hgv = {r["period"]: (r["allocation"], r["capacity"], r["exceeds_sites"]) for r in v.rows
           if (r["code"], r["category"]) == ("GM0118", "amv")}
    assert hgv == {"2025": (20, 0, 20), "2026": (20, 20, 0)}
    late = {(x["code"], x["category"], x["period"]) for x in check_allocation(v.data, *v.allocation()).violations
            if x["code"] == "GM0118"}
    assert late == {("GM0118", "amv", "2025")}
