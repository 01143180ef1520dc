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


# -- rules.counting = "total": the restopgave follows the reading (issue 11) ---------------------------------------
# Drenthe 2026 with Emmen's azc at 575 (offer 575). Regular places that count in 2026 (whole-period contracts):
# Aa en Hunze 87, Coevorden 430, Emmen 575, Hoogeveen 940, Tynaarlo 250, Westerveld min(240, 140) = 140, Assen and
# Meppel 0 (contracts end 1-4-2026 and 31-3-2026): 2.422. AMV: Borger-Odoorn 50, Coevorden 20, De Wolden 50,
# Emmen 50, Midden-Drenthe 50, Tynaarlo 28, Westerveld 50, Noordenveld 0 (ends 1-3-2026): 298.
# Tasks 2026: regular 2.462, AMV 229, total 2.691. Municipalities short on their task (2026):
#   regular: Aa en Hunze 143, Assen 329, Borger-Odoorn 128, De Wolden 139, Meppel 177, Midden-Drenthe 181,
#            Noordenveld 170 (Σ 1.267);
#   total:   the same seven with total tasks 156, 360, 140, 152, 193, 198, 186 (Σ 1.385).
SHORT7 = ("GM1680", "GM0106", "GM1681", "GM1690", "GM0119", "GM1731", "GM1699")


def _emmen_575(counting: str, **more: dict[str, object]) -> Scenario:
    from tests.planning.support import drenthe, with_settings, with_sites

    s = with_sites(with_settings(drenthe(), "rules", counting=counting), **{"EMM-AZC": {"places": 575}}, **more)
    offers = tuple(o.model_copy(update={"places": 575}) if (o.code, o.category.value) == ("GM0114", "regular") else o
                   for o in s.offers)
    return dataclasses.replace(s, offers=offers)


def _pool(v: object, category: str, period: str) -> dict[str, object]:
    return next(r for r in v.pools if (r["category"], r["period"]) == (category, period))  # type: ignore[attr-defined]


def _shares(v: object, category: str, period: str) -> dict[str, int]:
    return {r["code"]: r["restopgave_share"] for r in v.rows  # type: ignore[attr-defined]
            if (r["category"], r["period"]) == (category, period) and r["restopgave_share"]}


def test_total_reading_emmen_at_575_needs_no_restopgave_where_separate_needs_40() -> None:
    """Separate: regular 2.462 − 2.422 = 40, shared pro rata over the seven short (Σ tasks 1.267): quotas
    40·143/1.267 = 4,51, 40·329/1.267 = 10,39, 4,04, 4,39, 5,59, 5,71, 5,37 → floors 37, the 3 largest remainders
    (Midden-Drenthe ,71, Meppel ,59, Aa en Hunze ,51) get one more. Total: 2.422 + 298 = 2.720 ≥ 2.691 and AMV
    298 ≥ 229, so no restopgave at all — the plan closes Drenthe under this reading too."""
    sep = verdeelbesluit(_emmen_575("separate"))
    assert _pool(sep, "regular", "2026")["restopgave"] == 40
    assert _shares(sep, "regular", "2026") == dict(zip(SHORT7, (5, 10, 4, 4, 6, 6, 5), strict=True))
    tot = verdeelbesluit(_emmen_575("total"))
    assert [(r["category"], r["period"]) for r in tot.pools] == [
        ("total", "2025"), ("total", "2026"), ("amv", "2025"), ("amv", "2026")]
    t26 = _pool(tot, "total", "2026")
    assert (t26["task"], t26["counted"], t26["restopgave"]) == (2691, 2720, 0)
    assert (_pool(tot, "amv", "2026")["counted"], _pool(tot, "amv", "2026")["restopgave"]) == (298, 0)
    assert all(r["restopgave_share"] == 0 for r in tot.rows)
    assert all(r["closes"] for r in tot.check.province)
    assert {r["category"] for r in tot.check.province} == {"total", "amv"}
    # The regular rows answer to the total task: Aa en Hunze 87 + 0 AMV against 156 is short by 69.
    aah = next(r for r in tot.rows if (r["code"], r["category"], r["period"]) == ("GM1680", "regular", "2026"))
    assert (aah["check"], aah["short"]) == ("total", 69)
    drenthe26 = next(r for r in tot.provinces if (r["category"], r["period"]) == ("total", "2026"))
    assert (drenthe26["task"], drenthe26["counted"], drenthe26["balance"]) == (2691, 2720, 29)


def test_total_reading_shares_the_total_gap_over_who_is_short_on_its_total_task() -> None:
    """Emmen at 575 and Hoogeveen's azc at 700: regular 2.422 − 240 = 2.182, total 2.182 + 298 = 2.480 < 2.691:
    restopgave 211 (separate would be 2.462 − 2.182 = 280). Shared over the seven short on their total task (Σ 1.385):
    quotas 211·156/1.385 = 23,77, 54,85, 21,33, 23,16, 29,40, 30,17, 28,34 → floors 208, one more for the 3 largest
    remainders (Assen ,85, Aa en Hunze ,77, Meppel ,40), given as regular places."""
    v = verdeelbesluit(_emmen_575("total", **{"HGV-AZC": {"places": 700}}))
    assert _pool(v, "total", "2026")["restopgave"] == 211
    assert _pool(v, "total", "2025")["restopgave"] == 0
    assert _shares(v, "regular", "2026") == dict(zip(SHORT7, (24, 55, 21, 23, 30, 30, 28), strict=True))
    assert _shares(v, "amv", "2026") == {}
    assert not [x for x in v.check.violations if x["check"] == "province_total"]


def test_total_reading_imposes_the_amv_gap_first_and_the_rest_of_the_total_gap_as_regular_places() -> None:
    """As above, and Borger-Odoorn, De Wolden and Midden-Drenthe offer no AMV unit. AMV 2026: Coevorden 20, Emmen 50,
    Tynaarlo 28, Westerveld 50 = 148 < 229: AMV restopgave 81 over the eight short (tasks 13, 31, 12, 13, 24, 16, 17,
    16; Σ 142): quotas 7,42, 17,68, 6,85, 7,42, 13,69, 9,13, 9,70, 9,13 → floors 77, one more for Borger-Odoorn ,85,
    Midden-Drenthe ,70, Hoogeveen ,69, Assen ,68. Total: 2.182 + 148 = 2.330, gap 361, of which 81 are the AMV
    places: 280 regular places over the seven short on their total task (Σ 1.385): 31,54, 72,78, 28,30, 30,73,
    39,02, 40,03, 37,60 → floors 277, one more for Assen ,78, De Wolden ,73, Noordenveld ,60."""
    s = _emmen_575("total", **{"HGV-AZC": {"places": 700}})
    offers = tuple(o.model_copy(update={"places": 0}) if o.category.value == "amv"
                   and o.code in ("GM1681", "GM1690", "GM1731") else o for o in s.offers)
    v = verdeelbesluit(dataclasses.replace(s, offers=offers))
    assert (_pool(v, "amv", "2026")["restopgave"], _pool(v, "total", "2026")["restopgave"]) == (81, 280)
    amv = ("GM1680", "GM0106", "GM1681", "GM1690", "GM0118", "GM0119", "GM1731", "GM1699")
    assert _shares(v, "amv", "2026") == dict(zip(amv, (7, 18, 7, 7, 14, 9, 10, 9), strict=True))
    assert _shares(v, "regular", "2026") == dict(zip(SHORT7, (31, 73, 28, 31, 39, 40, 38), strict=True))
    assert not [x for x in v.check.violations if x["check"] == "province_total"]
