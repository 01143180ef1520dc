"""The bundled Drenthe case: it loads without errors and with exactly the inconsistencies of the report."""

from __future__ import annotations

from planner.scenario.load import Scenario
from planner.scenario.problems import Problems
from tests.scenario.support import DRENTHE, csv_line, toml_header_line

SITES, OFFERS, MUNIS, TOML = (DRENTHE / n for n in ("sites.csv", "offers.csv", "municipalities.csv", "scenario.toml"))


def expected_warnings() -> set[tuple[str, int, str, str, str]]:
    """(file, row, field, code, a piece of the message) of every warning the report's data must give."""

    def offer(code: str, category: str, year: str) -> int:
        return csv_line(OFFERS, code=code, category=category, year=year)

    return {
        # Contracts that end inside the cycle (the report's Bijlage 1 'Beschikbaar tot').
        ("sites.csv", csv_line(SITES, id="ASN-AZC"), "available_until", "ends-in-cycle", "on 1-4-2026"),
        ("sites.csv", csv_line(SITES, id="MEP-NO"), "available_until", "ends-in-cycle", "on 31-3-2026"),
        ("sites.csv", csv_line(SITES, id="NV-AMV"), "available_until", "ends-in-cycle", "on 1-3-2026"),
        # Westerveld's noodopvang and TGO: 'verlenging wordt besproken', contracts ended 31-12-2024.
        ("sites.csv", csv_line(SITES, id="WV-NO"), "available_until", "ends-before-cycle", "ended 31-12-2024"),
        ("sites.csv", csv_line(SITES, id="WV-TGO"), "available_until", "ends-before-cycle", "ended 31-12-2024"),
        # Offers the municipality's own sites cannot fill in a whole year.
        ("offers.csv", offer("GM0106", "regular", "2026"), "places", "offer-unfilled",
         "Assen (GM0106) offers 1000 regular places in 2026, but its sites give only 0"),
        ("offers.csv", offer("GM0119", "regular", "2026"), "places", "offer-unfilled",
         "Meppel (GM0119) offers 192 regular places in 2026, but its sites give only 0"),
        ("offers.csv", offer("GM1699", "amv", "2026"), "places", "offer-unfilled",
         "Noordenveld (GM1699) offers 43 AMV places in 2026, but its sites give only 0"),
        ("offers.csv", offer("GM1701", "regular", "2025"), "places", "offer-unfilled",
         "Westerveld (GM1701) offers 240 regular places in 2025, but its sites give only 140"),
        ("offers.csv", offer("GM1701", "regular", "2026"), "places", "offer-unfilled",
         "Westerveld (GM1701) offers 240 regular places in 2026, but its sites give only 140"),
        ("municipalities.csv", csv_line(MUNIS, code="GM1701"), "ukraine_ambition", "ambition-below-realised",
         "Ukraine ambition 102 is below the 125 places already realised"),
        # The Ukraine column sums to 5,720, the printed total is 5,722.
        ("scenario.toml", toml_header_line(TOML, "[[stated_totals]]", 1), "stated_totals[1]", "total-mismatch",
         "ukraine_target is 5722"),
        # Bijlage 1 calls 2,691 the regular task; it is the total (2,462 regular + 229 AMV).
        ("scenario.toml", toml_header_line(TOML, "[[stated_totals]]", 12), "stated_totals[12]", "total-mismatch",
         "task_regular is 2691"),
    }


def test_drenthe_has_no_errors(drenthe: tuple[Scenario, Problems]) -> None:
    scenario, problems = drenthe
    assert problems.errors == []
    assert (len(scenario.municipalities), len(scenario.offers), len(scenario.sites)) == (12, 48, 18)


def test_drenthe_warnings_are_exactly_the_reports_inconsistencies(drenthe: tuple[Scenario, Problems]) -> None:
    _, problems = drenthe
    want = expected_warnings()
    got = problems.warnings
    assert len(got) == len(want)
    for file, row, field, code, text in want:
        assert [p for p in got if (p.file, p.row, p.field, p.code) == (file, row, field, code) and text in p.message]


def test_stated_totals_report_the_difference(drenthe: tuple[Scenario, Problems]) -> None:
    _, problems = drenthe
    by_field = {p.field: p.message for p in problems.warnings if p.code == "total-mismatch"}
    assert "parts sum to 5720 (difference +2)" in by_field["stated_totals[1]"]
    assert "parts sum to 2462 (difference +229)" in by_field["stated_totals[12]"]
    # Every other printed total (population 502,051, offers 3,814 and 341, realised 4,793 and 141, …) agrees.
    assert set(by_field) == {"stated_totals[1]", "stated_totals[12]"}


def test_codes_stay_text_with_their_leading_zero(drenthe: tuple[Scenario, Problems]) -> None:
    scenario, _ = drenthe
    codes = [m.code for m in scenario.municipalities]
    assert "GM0106" in codes
    assert "GM0109" in codes
    assert all(isinstance(c, str) and c.startswith("GM") and len(c) == 6 for c in codes)
    assert {s.code for s in scenario.sites} <= set(codes)
    assert {o.code for o in scenario.offers} == set(codes)


def test_rows_know_where_they_came_from(drenthe: tuple[Scenario, Problems]) -> None:
    scenario, _ = drenthe
    assert scenario.origin("sites", "HGV-AZC") == ("sites.csv", csv_line(SITES, id="HGV-AZC"))
    assert scenario.origin("offers", "GM1701/regular/2026") == (
        "offers.csv", csv_line(OFFERS, code="GM1701", category="regular", year="2026"))
    # The plain code finds an offer's first row (kept for callers that only know the municipality).
    assert scenario.origin("offers", "GM1701") == (
        "offers.csv", csv_line(OFFERS, code="GM1701", category="regular", year="2025"))
