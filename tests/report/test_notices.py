"""The planning data's notices reach the terminal (plan, compare) and the HTML report, in the output's language
(issue 11): units taken as ready without a start date, no Ukraine data, a Ukraine ambition below what is realised.

By hand from scenarios/drenthe-2025-2026: the three planned AMV units (Borger-Odoorn, De Wolden, Midden-Drenthe,
50 places each) have no start date; Westerveld's Ukraine ambition is 102 against 125 realised."""

from __future__ import annotations

import dataclasses

import pytest
from rich.console import Console

from planner.journeys.compare import compare_runs
from planner.journeys.plan import PlanRun, SolveSettings, plan_scenario
from planner.report.compare_table import notices as compare_notices
from planner.report.html import plan_report_from_run
from planner.report.terminal import plan_tables
from planner.report.words_notices import notice_lines
from planner.scenario.load import Scenario
from tests.planning.support import add_sites, drenthe

HIGHS = SolveSettings(solver="highs")
READY_NL = ("Zonder startdatum aangenomen als klaar bij het begin van de cyclus: Borger-Odoorn AMV-unit (BO-AMV, 50 "
            "plaatsen), De Wolden AMV-unit (DW-AMV, 50 plaatsen) en Midden-Drenthe AMV-unit (MD-AMV, 50 plaatsen).")
READY_EN = ("Without a start date taken as ready at the start of the cycle: Borger-Odoorn AMV-unit (BO-AMV, 50 "
            "places), De Wolden AMV-unit (DW-AMV, 50 places) and Midden-Drenthe AMV-unit (MD-AMV, 50 places).")
AMBITION_NL = ("Oekraïne-ambitie lager dan wat er al is, het plan blijft binnen de ambitie: Westerveld (GM1701): "
               "ambitie 102, gerealiseerd 125.")
AMBITION_EN = ("Ukraine ambition below what is already there, the plan stays within the ambition: Westerveld "
               "(GM1701): ambition 102, realised 125.")


def _text(items: list[object]) -> str:
    con = Console(record=True, width=400, color_system=None)
    for item in items:
        con.print(item)
    return con.export_text()


def _without_ukraine(s: Scenario) -> Scenario:
    none = {"ukraine_target": None, "ukraine_realised": None, "ukraine_ambition": None}
    return dataclasses.replace(s, municipalities=tuple(m.model_copy(update=none) for m in s.municipalities))


@pytest.fixture(scope="module")
def bundled() -> PlanRun:
    return plan_scenario(drenthe(), HIGHS)


def test_the_bundled_notices_in_both_languages(bundled: PlanRun) -> None:
    notes = [n.as_dict() for n in bundled.model.data.notices]
    assert notice_lines(notes, "nl") == [READY_NL, AMBITION_NL]
    assert notice_lines(notes, "en") == [READY_EN, AMBITION_EN]


def test_plan_terminal_output_shows_the_notices_in_its_language(bundled: PlanRun) -> None:
    nl, en = _text(plan_tables(bundled, "nl")), _text(plan_tables(bundled, "en"))
    assert f"• {READY_NL}" in nl
    assert f"• {AMBITION_NL}" in nl
    assert f"• {READY_EN}" in en
    assert READY_NL not in en


@pytest.mark.slow  # the HTML report draws a map and charts: seconds
def test_no_ukraine_data_is_said_in_the_terminal_and_the_html_report() -> None:
    run = plan_scenario(_without_ukraine(drenthe()), HIGHS)
    said = "Het scenario heeft geen gegevens over Oekraïne-opvang: het Oekraïne-deel is weggelaten"
    assert said in _text(plan_tables(run, "nl"))
    assert "The scenario has no Ukraine reception data: the Ukraine part is left out" in _text(plan_tables(run, "en"))
    html = plan_report_from_run(run, "nl")
    assert '<section id="notices"' in html
    assert said in html
    # No ambition notice without Ukraine data: the Ukraine part is left out altogether.
    assert "ambitie 102" not in html


@pytest.mark.slow
def test_html_report_lists_the_notices_in_its_language(bundled: PlanRun) -> None:
    en = plan_report_from_run(bundled, "en")
    assert ">Notices<" in en
    assert "Westerveld (GM1701): ambition 102, realised 125." in en
    assert "Borger-Odoorn AMV-unit (BO-AMV, 50 places)" in en


def test_compare_names_what_a_what_if_adds_to_the_notices(bundled: PlanRun) -> None:
    """A what-if with a new planned AMV unit in Emmen (30 places, no start date) adds it to the assumed-ready notice;
    the notices the base has already are shown once, under the base."""
    base = drenthe()
    named = base.settings.model_copy(update={"scenario": base.settings.scenario.model_copy(update={"name": "Emmen"})})
    whatif = dataclasses.replace(add_sites(base, {"id": "EMM-NEW", "code": "GM0114", "name": "Emmen AMV-unit 2",
                                                  "category": "amv", "places": 30, "status": "planned"}),
                                 settings=named)
    data = compare_runs(bundled, [plan_scenario(whatif, HIGHS)])
    con = Console(record=True, width=400, color_system=None)
    compare_notices(data, con, "nl")
    out = con.export_text()
    assert f"Meldingen (Drenthe 2025–2026): {READY_NL}" in out
    assert ("Meldingen (Emmen): Zonder startdatum aangenomen als klaar bij het begin van de cyclus: Emmen AMV-unit 2 "
            "(EMM-NEW, 30 plaatsen).") in out
    assert out.count("BO-AMV") == 1
    assert out.count(AMBITION_NL) == 1
