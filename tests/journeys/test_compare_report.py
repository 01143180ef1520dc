"""The compare HTML report follows the chosen counting reading on its maps and shows the planning data's notices
(issue 11), each checked against a hand computation.

The case: Drenthe, and a what-if in which Emmen transfers 53 regular places to Borger-Odoorn in both years.
Borger-Odoorn's own task is 128 regular + 12 AMV = 140; it has no regular places (offer 0) and its planned 50-place
AMV unit (no start date: assumed ready). With the transfer it counts 53 regular + 50 AMV places.

- ``rules.counting = "total"``: 53 + 50 = 103 against the total task 140, short 37; the AMV sub-task 50 ≥ 12, short
  0. Covered (140 − max(37, 0)) / 140 = 103 / 140 = 73,6 % → "74%", class "50–74%". (Adding the AMV task to the
  total, as the map did, gave (152 − 37) / 152 = 75,7 % → "76%", class "75–99%": wrong.)
- ``"separate"``: regular 53 against 128, short 75; AMV short 0. Covered (140 − 75) / 140 = 65 / 140 = 46,4 % →
  "46%", class "< 50%". The readings put Borger-Odoorn in different classes.
- The base under total: 50 / 140 = 35,7 % → "36%".
"""

from __future__ import annotations

import dataclasses
import itertools
import re

import pytest

from planner.journeys.compare import compare_runs
from planner.journeys.plan import SolveSettings, plan_scenario
from planner.report.html import compare_coverage, render_compare_report
from planner.report.mapping import CLASSES, class_of
from planner.scenario.load import Scenario
from tests.planning.support import add_sites, add_transfers, drenthe, with_settings

HIGHS = SolveSettings(solver="highs")
TRANSFER = {"from_code": "GM0114", "to_code": "GM1681", "category": "regular", "places": 53}


def _case(counting: str) -> tuple[Scenario, Scenario]:
    base = with_settings(drenthe(), "rules", counting=counting)
    what_if = with_settings(add_transfers(base, TRANSFER), "scenario", name="Emmen 53 naar Borger-Odoorn")
    return base, what_if


def _map_labels(html: str, fig_id: str) -> dict[str, str]:
    """A map's municipality labels (name → percentage) as the SVG's text elements show them."""
    figure = re.search(rf'<figure id="{fig_id}".*?</figure>', html, re.S)
    assert figure is not None, fig_id
    texts = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", figure.group(0), re.S)]
    return {name: pct for name, pct in itertools.pairwise(texts) if pct.endswith("%") and "(" not in pct}


@pytest.mark.parametrize(("counting", "covered", "label", "cls", "base_label"), [
    ("total", 103 / 140, "74%", CLASSES[2], "36%"),
    ("separate", 65 / 140, "46%", CLASSES[3], "9%"),  # base separate: (140 − 128) / 140 = 8,6 %
])
def test_compare_map_follows_the_counting_reading(counting: str, covered: float, label: str, cls: object,
                                                  base_label: str) -> None:
    base, what_if = _case(counting)
    data = compare_runs(plan_scenario(base, HIGHS), [plan_scenario(what_if, HIGHS)])
    name = data["scenarios"][1]["scenario"]
    bo = {(r["category"], r["period"]): r for r in data["places"] if (r["scenario"], r["code"]) == (name, "GM1681")}
    # the plan opens the AMV unit (places in Borger-Odoorn) and counts the transfer received
    first = "total" if counting == "total" else "regular"
    own = {"total": (50, 53, 140, 37), "regular": (0, 53, 128, 75)}[first]
    assert {k: (r["places"], r["transfer"], r["task"], r["shortfall"]) for k, r in bo.items()} == {
        (k, p): v for p in ("2025", "2026") for k, v in ((first, own), ("amv", (50, 0, 12, 0)))}
    cover = compare_coverage(data["places"], name)
    assert cover["GM1681"] == pytest.approx(covered)
    assert class_of(cover["GM1681"]) is cls
    html = render_compare_report(data, "nl" if counting == "total" else "en")  # labels are numbers in both
    assert _map_labels(html, "fig-map-2")["Borger-Odoorn"] == label
    assert _map_labels(html, "fig-map-1")["Borger-Odoorn"] == base_label


NOTICES = {
    "nl": ["Drenthe 2025–2026: Zonder startdatum aangenomen als klaar bij het begin van de cyclus: Borger-Odoorn "
           "AMV-unit (BO-AMV, 50 plaatsen), De Wolden AMV-unit (DW-AMV, 50 plaatsen) en Midden-Drenthe AMV-unit "
           "(MD-AMV, 50 plaatsen).",
           "Drenthe 2025–2026: Oekraïne-ambitie lager dan wat er al is, het plan blijft binnen de ambitie: "
           "Westerveld (GM1701): ambitie 102, gerealiseerd 125.",
           "Nieuwe AMV-unit: Zonder startdatum aangenomen als klaar bij het begin van de cyclus: Aa en Hunze "
           "AMV-unit (AAH-AMV, 20 plaatsen)."],
    "en": ["Drenthe 2025–2026: Without a start date taken as ready at the start of the cycle: Borger-Odoorn "
           "AMV-unit (BO-AMV, 50 places), De Wolden AMV-unit (DW-AMV, 50 places) and Midden-Drenthe AMV-unit "
           "(MD-AMV, 50 places).",
           "Drenthe 2025–2026: Ukraine ambition below what is already there, the plan stays within the ambition: "
           "Westerveld (GM1701): ambition 102, realised 125.",
           "Nieuwe AMV-unit: Without a start date taken as ready at the start of the cycle: Aa en Hunze "
           "AMV-unit (AAH-AMV, 20 places)."],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_compare_report_shows_the_notices_in_its_language(lang: str) -> None:
    """The bundled scenario's three AMV units without a start date (sites.csv: BO-AMV, DW-AMV, MD-AMV, 50 each) and
    Westerveld's Ukraine ambition 102 below the 125 realised (municipalities.csv); the what-if adds only its own new
    undated unit, as the terminal compare does."""
    base = drenthe()
    what_if = with_settings(add_sites(base, {"id": "AAH-AMV", "code": "GM1680", "name": "Aa en Hunze AMV-unit",
                                             "category": "amv", "places": 20, "status": "planned"}),
                            "scenario", name="Nieuwe AMV-unit")
    html = render_compare_report(compare_runs(plan_scenario(base, HIGHS), [plan_scenario(what_if, HIGHS)]), lang)
    section = re.search(r'<section id="notices".*?</section>', html, re.S)
    assert section is not None
    paragraphs = [re.sub(r"\s+", " ", p).strip()
                  for p in re.findall(r"<p[^>]*>(.*?)</p>", section.group(0).replace("&amp;", "&"), re.S)]
    assert paragraphs == NOTICES[lang]


@pytest.mark.parametrize("counting", ["total", "separate"])
def test_compare_delta_chart_counts_an_amv_place_once(counting: str) -> None:
    """Borger-Odoorn's planned 50-place AMV unit closed (the bundled what-if): its places change by −50 in each
    year under either reading. Under total the AMV places are inside the total row, so adding the AMV row as well
    (as the chart did) said −100."""
    from planner.report.charts import place_deltas

    base = with_settings(drenthe(), "rules", counting=counting)
    closed = with_settings(dataclasses.replace(base, sites=tuple(s for s in base.sites if s.id != "BO-AMV")),
                           "scenario", name="Zonder BO-AMV")
    data = compare_runs(plan_scenario(base, HIGHS), [plan_scenario(closed, HIGHS)])
    delta, _ = place_deltas(data["places"], data["base"])
    assert {p: delta[("Zonder BO-AMV", "GM1681", p)] for p in ("2025", "2026")} == {"2025": -50, "2026": -50}


def test_compare_summary_adds_up_each_municipalitys_own_shortfall_under_the_reading() -> None:
    """The summary's "shortfall of the municipalities together" under total: per municipality max(total, AMV
    shortfall), not the total and the AMV rows added. By hand, base 2026 (Emmen 675): Assen 360 (no place counts; AMV
    31 inside it), Hoogeveen 24 (AMV only: 940 ≥ 280), Meppel 193, Aa en Hunze 156 − 87 = 69, Borger-Odoorn 140 − 50
    = 90, De Wolden 152 − 50 = 102, Midden-Drenthe 198 − 50 = 148, Noordenveld 186 (its unit ends 1-3-2026): 1.172;
    2025 (Assen's and Meppel's places still count, Noordenveld's 43): Assen 31 (AMV), Meppel max(193 − 192, 16) = 16,
    Noordenveld 143, Hoogeveen 24, Aa en Hunze 69, Borger-Odoorn 90, De Wolden 102, Midden-Drenthe 148: 623. The
    what-if's 53 transferred places take 53 off Borger-Odoorn: 570 and 1.119. (Adding the rows said 637 and 1.248.)"""
    from planner.report.summary import compare_summary

    base, what_if = _case("total")
    data = compare_runs(plan_scenario(base, HIGHS), [plan_scenario(what_if, HIGHS)])
    said = compare_summary(data, "nl")[1]
    assert "2025 sluitend, tekort van gemeenten samen 570 (basis 623)" in said
    assert "2026 sluitend, tekort van gemeenten samen 1.119 (basis 1.172)" in said


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_plan_summary_and_table_show_the_total_under_the_total_reading(lang: str) -> None:
    """Emmen's azc at 575 under total (tests/journeys/test_total_reading.py): 2026 regular 2.422 < 2.462, yet Drenthe
    closes, 2.422 + 298 = 2.720 ≥ 2.691; 2025 3.614 + 341 = 3.955. The summary and the terminal table must show
    those figures next to "closes", not the regular places alone."""
    from rich.console import Console

    from planner.journeys.duty import duty_changes, duty_scenario
    from planner.journeys.plan import plan_json
    from planner.report.summary import plan_summary
    from planner.report.terminal import plan_tables

    base = with_settings(drenthe(), "rules", counting="total")
    run = plan_scenario(duty_scenario(base, duty_changes(base, "GM0114", "EMM-AZC", 575, (), 575)[0]), HIGHS)
    summary = " ".join(plan_summary(plan_json(run), lang))
    con = Console(record=True, width=250, color_system=None)
    for item in plan_tables(run, lang):
        con.print(item)
    table = con.export_text()
    if lang == "nl":
        assert "2026: de provincie Drenthe is sluitend: 2.720 / 2.691 plaatsen in totaal (plan / opgave), waarvan " \
               "298 / 229 AMV-plaatsen." in summary
        assert "2025: de provincie Drenthe is sluitend: 3.955 / 2.691 plaatsen in totaal" in summary
        assert "sluitend (totaal 2.720 / 2.691)" in table
    else:
        assert "2026: the province of Drenthe closes: 2,720 / 2,691 places in all (plan / task), of which 298 / 229 " \
               "AMV places." in summary
        assert "closes (total 2,720 / 2,691)" in table
