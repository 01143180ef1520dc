"""The verdeelbesluit: the restopgave rule by hand, Drenthe (a surplus province) and national data."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import pytest

from planner.journeys.verdeelbesluit import restopgave_shares, verdeelbesluit
from planner.scenario.load import Scenario, bundled_dir, load_scenario

# Pool: a task 100 offers 90 (short 10), b task 60 offers 0 (short 60), c task 40 offers 40 (not short).
# Restopgave = 200 − 130 = 70, shared pro rata to tasks over a and b: 70·100/160 = 43,75 and 26,25.
TASKS = {"GM0001": 100, "GM0002": 60, "GM0003": 40}
OFFERS = {"GM0001": 90, "GM0002": 0, "GM0003": 40}


def test_restopgave_without_cap_is_pro_rata_with_largest_remainder() -> None:
    # Floors 43 + 26 = 69; the larger remainder (0,75) gets the last place.
    assert restopgave_shares(70, TASKS, OFFERS, cap=False) == {"GM0001": 44, "GM0002": 26, "GM0003": 0}


def test_restopgave_with_cap_at_own_shortfall_redistributes_the_excess() -> None:
    # a's quota 43,75 exceeds its shortfall 10: a gets 10 and b the remaining 60 (= its shortfall).
    assert restopgave_shares(70, TASKS, OFFERS, cap=True) == {"GM0001": 10, "GM0002": 60, "GM0003": 0}


def test_restopgave_ties_go_to_the_lower_code_and_shares_sum_exactly() -> None:
    shares = restopgave_shares(1, {"GM0002": 5, "GM0001": 5}, {}, cap=False)
    assert shares == {"GM0002": 0, "GM0001": 1}
    shares = restopgave_shares(7, {"GM0001": 3, "GM0002": 3, "GM0003": 3}, {}, cap=True)
    assert sum(shares.values()) == 7
    assert max(shares.values()) - min(shares.values()) == 1


def test_no_restopgave_without_shortfall() -> None:
    assert restopgave_shares(0, TASKS, OFFERS, cap=True) == dict.fromkeys(TASKS, 0)


def load(path: object) -> Scenario:
    scenario, problems = load_scenario(path)  # type: ignore[arg-type]
    assert scenario is not None
    assert not problems.has_errors()
    return scenario


def test_drenthe_surplus_province_binds_its_offers_and_names_what_cannot_be_housed() -> None:
    v = verdeelbesluit(load(None))
    assert not v.national
    assert all(p["restopgave"] == 0 for p in v.pools)
    assert {(p["category"], p["year"]): p["offers"] for p in v.pools} == {
        ("regular", 2025): 3814, ("regular", 2026): 3814, ("amv", 2025): 341, ("amv", 2026): 341,
    }
    assert all(r["allocation"] == r["offer"] == r["binding"] and r["restopgave_share"] == 0 for r in v.rows)
    # Contract ends in the cycle (Assen 1-4-2026, Meppel 31-3-2026, Noordenveld 1-3-2026) and Westerveld's
    # emergency and TGO places that ended 31-12-2024 (offer 240, sites 140).
    bad = {(x["code"], x["category"], x["period"], x["limit"]) for x in v.check.violations}
    assert bad == {
        ("GM0106", "regular", "2026", 0),
        ("GM0119", "regular", "2026", 0),
        ("GM1699", "amv", "2026", 0),
        ("GM1701", "regular", "2025", 140),
        ("GM1701", "regular", "2026", 140),
    }
    assert not v.feasible


@pytest.fixture(scope="module")
def national() -> Scenario:
    return load(bundled_dir() / "nederland-2025-2026")


def test_national_without_offers_everyone_is_short_and_shares_equal_tasks(national: Scenario) -> None:
    v = verdeelbesluit(dataclasses.replace(national, offers=()))
    assert v.national
    assert {p["pool"] for p in v.pools} == {"Nederland"}
    assert all(r["restopgave_share"] == r["task"] == r["allocation"] for r in v.rows)
    regular_2025 = next(p for p in v.pools if p["category"] == "regular" and p["year"] == 2025)
    assert regular_2025["restopgave"] == regular_2025["task"] == sum(
        r["task"] for r in v.rows if r["category"] == "regular" and r["year"] == 2025
    )


def test_national_netting_shares_sum_to_the_national_restopgave(national: Scenario) -> None:
    v = verdeelbesluit(national)
    share: dict[tuple[str, int], int] = defaultdict(int)
    alloc: dict[tuple[str, int], int] = defaultdict(int)
    for r in v.rows:
        share[(r["category"], r["year"])] += r["restopgave_share"]
        alloc[(r["category"], r["year"])] += r["allocation"]
        assert r["restopgave_share"] <= r["short"]  # capped at the own shortfall (the default)
        assert r["restopgave_share"] == 0 or r["offer"] < r["task"]
    for p in v.pools:
        key = (p["category"], p["year"])
        assert share[key] == p["restopgave"] == max(0, p["task"] - p["offers"])
        assert alloc[key] >= p["task"]
        # The national restopgave is the provinces' balances netted: surpluses offset shortfalls.
        balances = [b["balance"] for b in v.provinces if (b["category"], b["year"]) == key]
        assert len(balances) == 12
        assert p["restopgave"] == max(0, -sum(balances))
