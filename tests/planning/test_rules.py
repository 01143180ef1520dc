"""Rules the planning data must get right (issue 11), each against a hand computation on the bundled Drenthe case.

Dates: report date 31-10-2024, cycle 2025–2026, SPUK 1 needs at least 5 years, durability more than 5 years and
more than 100 places (regular and special places only)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from planner.journeys.allocation import check_allocation
from planner.journeys.plan import SolveSettings, plan_scenario
from planner.model.plan import province_closes
from planner.planning import PlanningData
from planner.report.html import plan_report_from_run
from planner.rules.counting import durable_years, is_durable, obligation_date
from planner.rules.spuk import compute_spuk
from planner.scenario.load import Scenario
from tests.planning.support import drenthe, with_settings, with_sites


def spuk_options(scenario: Scenario) -> dict[str, int]:
    """SPUK 1 possible per municipality on the places offered in 2025 (the report's basis)."""
    data = PlanningData.from_scenario(scenario)
    places = {sid: data.site_capacity(sid, "2025") for sid in data.sites}
    munis = {c: (m.name, m.task_total) for c, m in data.munis.items()}
    settings = scenario.settings
    result = compute_spuk(settings.spuk, settings.cycle, munis, places, data.sites)
    return {r.code: r.spuk1_possible for r in result.rows}


def test_emergency_reception_without_start_date_is_not_durable_and_gets_no_spuk1_option() -> None:
    s = drenthe()
    sites = {x.id: x for x in s.sites}
    cycle = s.settings.cycle
    # Tynaarlo's noodopvang: 250 places, no start date, ends 31-12-2026. Counted from the report date it runs
    # 2,17 years — and emergency reception is never durable anyway. Before: 250 − 224 = 26 places → € 52.000.
    assert round(durable_years(sites["TYN-NO"], cycle), 2) == 2.17
    assert not is_durable(sites["TYN-NO"], cycle, s.settings.rules)
    options = spuk_options(s)
    assert options["GM1730"] == 0
    # The report's three SPUK 1 municipalities keep theirs: Assen (1.000 − 360), Coevorden (430 − 188),
    # Hoogeveen (940 − 280), € 2.000 each.
    assert (options["GM0106"], options["GM0109"], options["GM0118"]) == (1_280_000, 484_000, 1_320_000)
    # Westerveld's azc has no start date: from the report date to 24-3-2030 is 5,4 years, 140 − 119 = 21 places.
    assert options["GM1701"] == 42_000


def test_durability_forward_from_the_reference_date_is_a_named_reading() -> None:
    forward = with_settings(drenthe(), "cycle", durability_from="reference-date")
    options = spuk_options(forward)
    # Assen: 31-10-2024 → 1-4-2026 is 1,4 years; Hoogeveen: → 9-2-2028 is 3,3 years: no SPUK 1 option.
    # Coevorden (open-ended) keeps its option, and Emmen's azc (→ 19-10-2031, 7,0 years) has one: 675 regular
    # places above its total task of 495 (its 50 AMV places are paid by SPUK 2, not counted for SPUK 1).
    assert (options["GM0106"], options["GM0118"]) == (0, 0)
    assert options["GM0109"] == 484_000
    assert options["GM0114"] == (675 - 495) * 2000


def test_count_only_durable_keeps_amv_units_and_names_what_does_not_count() -> None:
    data = PlanningData.from_scenario(with_settings(drenthe(), "rules", count_only_durable=True))
    # AMV units count by their dates alone: Borger-Odoorn, De Wolden, Midden-Drenthe (planned, open-ended), Coevorden
    # 20 (open-ended), Emmen 50 (2000–2031), Westerveld 50 (5,45 years from the report date) = 270 ≥ 229.
    # Noordenveld 43 (30-8-2022 → 1-3-2026, 3,5 years) and Tynaarlo 28 (2,2 years) are not durable.
    assert sum(data.capacity(c, "amv", "2025") for c in data.munis) == 270
    why = {sid: sp.why_not for (sid, p), sp in data.site_periods.items() if p == "2025"}
    not_durable = sorted(sid for sid, w in why.items() if w == "not_durable")
    # Westerveld's noodopvang and TGO ended 31-12-2024 (and are emergency / 25 places): not durable either.
    assert not_durable == ["AAH-TGO", "MEP-NO", "NV-AMV", "TYN-AMV", "TYN-NO", "WV-NO", "WV-TGO"]
    # Regular places that count: Assen 1.000 (2025 only), Coevorden 430, Emmen 675, Hoogeveen 940, Westerveld 140;
    # Aa en Hunze's TGO has 87 places, not more than 100. 2026: 2.185 < 2.462 — an honest shortfall, now named.
    assert sum(data.capacity(c, "regular", "2025") for c in data.munis) == 3185
    assert sum(data.capacity(c, "regular", "2026") for c in data.munis) == 2185


def test_obligation_date_defaults_to_1_july_of_the_first_year_and_a_unit_ready_before_counts() -> None:
    s = drenthe()
    assert obligation_date(s.settings.cycle) == dt.date(2025, 7, 1)
    june = with_sites(s, **{"BO-AMV": {"available_from": dt.date(2025, 6, 1)}})
    data = PlanningData.from_scenario(june)
    assert data.site_capacity("BO-AMV", "2025") == 50
    assert "BO-AMV" not in data.assumed_ready
    late = with_sites(s, **{"BO-AMV": {"available_from": dt.date(2025, 7, 2)}})
    sp = PlanningData.from_scenario(late).site_periods[("BO-AMV", "2025")]
    assert (sp.capacity, sp.why_not, sp.date) == (0, "starts", dt.date(2025, 7, 2))
    # With places due on the first day of the cycle, a unit ready on 1-6-2025 misses 2025.
    strict = with_settings(june, "cycle", obligation_date=dt.date(2025, 1, 1))
    assert PlanningData.from_scenario(strict).site_capacity("BO-AMV", "2025") == 0


def emmen_at_575(counting: str) -> Scenario:
    s = with_sites(with_settings(drenthe(), "rules", counting=counting), **{"EMM-AZC": {"places": 575}})
    offers = tuple(o.model_copy(update={"places": 575}) if (o.code, o.category.value) == ("GM0114", "regular") else o
                   for o in s.offers)
    return dataclasses.replace(s, offers=offers)


def test_counting_reading_total_lets_emmen_at_575_close_drenthe() -> None:
    # Regular 2026: 2.522 − 100 = 2.422 < 2.462, so the separate reading (the default) cannot close.
    assert plan_scenario(emmen_at_575("separate"), SolveSettings(solver="highs")).plan is None
    s = emmen_at_575("total")
    run = plan_scenario(s, SolveSettings(solver="highs"))
    assert run.plan is not None
    p26 = next(p for p in run.plan.province if p["period"] == "2026")
    # Total 2026: the committed sites hold 2.422 regular + 148 AMV (Coevorden 20, Emmen 50, Tynaarlo 28,
    # Westerveld 50) = 2.570 < 2.691, so all three planned AMV units (50 each) open: 2.720, AMV 298 ≥ 229.
    assert (p26["task_total"], p26["planned_total"], p26["planned_amv"]) == (2691, 2720, 298)
    # Each field means what its name says (issue 11): regular 2.422 < 2.462 (−40) does not close on its own; the
    # total 2.720 ≥ 2.691 (+29) does, and AMV 298 ≥ 229 (+69), its sub-check, too.
    assert (p26["planned_regular"], p26["closes_regular"], p26["surplus_regular"]) == (2422, False, -40)
    assert (p26["closes_total"], p26["surplus_total"]) == (True, 29)
    assert (p26["closes_amv"], p26["surplus_amv"]) == (True, 69)
    assert province_closes(p26)
    # The HTML plan report's period table shows the total behind 'sluitend', as the terminal does.
    for lang, verdict in (("nl", "sluitend (totaal 2.720 / 2.691) ✓"), ("en", "closes (total 2,720 / 2,691) ✓")):
        html = plan_report_from_run(run, lang)
        table = html[html.index('id="plan-2026"'):]
        foot = table[:table.index("</table>")]
        assert verdict in foot, foot[-600:]
        assert "2.422" in foot if lang == "nl" else "2,422" in foot
    emmen = run.plan.municipality("GM0114", "2026")
    assert (emmen["task_total"], emmen["planned_total"], emmen["shortfall_total"]) == (495, 625, 0)
    allocation = {(r["code"], k, r["period"]): r[f"planned_{k}"] for r in run.plan.municipalities
                  for k in ("regular", "amv")}
    assert check_allocation(PlanningData.from_scenario(s), allocation).violations == []
