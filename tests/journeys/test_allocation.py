"""Checking an allocation file against offers, sites, dates and provincial totals (Drenthe, by hand)."""

from __future__ import annotations

from pathlib import Path

from planner.journeys.allocation import check_allocation_file
from planner.scenario.load import Scenario, load_scenario

DATA = Path(__file__).parents[1] / "data" / "allocations"


def drenthe() -> Scenario:
    scenario, _ = load_scenario(None)
    assert scenario is not None
    return scenario


def test_feasible_allocation() -> None:
    # Regular 2026: 87 + 430 + 675 + 940 + 250 + 140 = 2.522 ≥ 2.462 (Assen and Meppel only in 2025);
    # AMV 2026: 50 + 20 + 50 + 50 + 50 + 28 + 50 = 298 ≥ 229 (Noordenveld only in 2025).
    check, problems = check_allocation_file(drenthe(), DATA / "drenthe-feasible.csv")
    assert check is not None
    assert not problems.has_errors()
    assert check.feasible
    assert check.violations == []
    totals = {(p["category"], p["period"]): p["places"] for p in check.province}
    assert totals[("regular", "2026")] == 2522
    assert totals[("amv", "2026")] == 298


def test_infeasible_allocation_lists_every_violation() -> None:
    # Assen 1.000 in 2026 (contract ends 1-4-2026); Emmen 60 AMV (offer 50, unit 50) in both years; without
    # Emmen's and Hoogeveen's regular places the province has 2.099 (2025) and 1.907 (2026) of 2.462.
    check, _ = check_allocation_file(drenthe(), DATA / "drenthe-infeasible.csv")
    assert check is not None
    assert not check.feasible
    got = {(v["check"], v["code"], v["category"], v["period"], v["places"], v["limit"]) for v in check.violations}
    assert got == {
        ("site_capacity", "GM0106", "regular", "2026", 1000, 0),
        ("offer_limit", "GM0114", "amv", "2025", 60, 50),
        ("site_capacity", "GM0114", "amv", "2025", 60, 50),
        ("offer_limit", "GM0114", "amv", "2026", 60, 50),
        ("site_capacity", "GM0114", "amv", "2026", 60, 50),
        ("province_total", None, "regular", "2025", 2099, 2462),
        ("province_total", None, "regular", "2026", 1907, 2462),
    }
    assen = next(v for v in check.violations if v["code"] == "GM0106")
    assert assen["name"] == "Assen"
    assert [s["site"] for s in assen["sites_lost"]] == ["ASN-AZC"]


def test_bad_file_reports_file_row_and_field() -> None:
    check, problems = check_allocation_file(drenthe(), DATA / "drenthe-bad.csv")
    assert check is None
    where = {(p.file, p.row, p.field) for p in problems.errors}
    assert where == {
        ("drenthe-bad.csv", 2, "code"),
        ("drenthe-bad.csv", 3, "category"),
        ("drenthe-bad.csv", 4, "places"),
        ("drenthe-bad.csv", 5, "year"),
        ("drenthe-bad.csv", 7, "code"),
    }


def test_period_column_and_unknown_period(tmp_path: Path) -> None:
    good = tmp_path / "by-period.csv"
    good.write_text("code,category,places,period\nGM0106,regular,1000,2026\nGM0109,amv,20,2025\n", encoding="utf-8")
    check, problems = check_allocation_file(drenthe(), good)
    assert check is not None
    assert not problems.has_errors()
    sites = {(v["code"], v["period"]) for v in check.violations if v["check"] == "site_capacity"}
    assert sites == {("GM0106", "2026")}
    bad = tmp_path / "bad-period.csv"
    bad.write_text("code,category,places,period\nGM0106,regular,1000,2027-H1\n", encoding="utf-8")
    check, problems = check_allocation_file(drenthe(), bad)
    assert check is None
    assert [(p.row, p.field) for p in problems.errors] == [(2, "period")]
