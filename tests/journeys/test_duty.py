"""The duty check on Borger-Odoorn's AMV unit (task 12), numbers checked by hand."""

from __future__ import annotations

import pytest

from planner.journeys.duty import DutyError, check_duty, parse_add_site, resolve_municipality
from planner.scenario.load import Scenario, require_scenario


@pytest.fixture(scope="module")
def base() -> Scenario:
    return require_scenario(None)[0]


def test_unit_of_40_meets_the_amv_task(base: Scenario) -> None:
    r = check_duty(base, "GM1681", site_id="BO-AMV", places=40)
    assert r["sentence"] == ("Borger-Odoorn haalt zijn AMV-taak van 12 met een eenheid van 40 plaatsen in 2025 en "
                             "2026; de regulier-taak van 128 haalt het niet (tekort 128), maar Drenthe blijft "
                             "sluitend.")
    assert r["duty_met"] is True
    amv = {d["period"]: (d["task"], d["planned"], d["shortfall"], d["base_planned"]) for d in r["duty"]
           if d["category"] == "amv"}
    assert amv == {"2025": (12, 40, 0, 50), "2026": (12, 40, 0, 50)}
    assert r["province_closes"] is True
    prov = {(p["category"], p["period"]): p["planned"] for p in r["province"]}
    assert prov[("amv", "2025")] == 341 - 10
    assert r["others"] == []  # every AMV site is already at its offer: nobody can take more
    # SPUK 2 pays € 2,000 per AMV place: 10 places fewer.
    assert r["spuk"]["delta"] == -20_000


def test_unit_of_10_is_short_by_2(base: Scenario) -> None:
    r = check_duty(base, "GM1681", site_id="BO-AMV", places=10)
    assert r["duty_met"] is False
    assert {d["period"]: d["shortfall"] for d in r["duty"] if d["category"] == "amv"} == {"2025": 2, "2026": 2}
    assert r["sentence"].startswith("Borger-Odoorn haalt zijn AMV-taak van 12 met een eenheid van 10 plaatsen niet "
                                    "(tekort 2);")
    assert r["province_closes"] is True
    assert r["spuk"]["delta"] == -80_000


def test_added_site_raises_the_offer(base: Scenario) -> None:
    site = parse_add_site("id=ASN-AMV,category=amv,places=31,from=2025-01-01", "GM0106")
    r = check_duty(base, "GM0106", add_sites=[site])
    assert r["duty_met"] is True  # Assen's AMV offer was 0; building 31 places offers them
    assert {d["period"]: d["planned"] for d in r["duty"] if d["category"] == "amv"} == {"2025": 31, "2026": 31}
    assert "alleen in 2025 (tekort 329 in 2026)" in r["sentence"]
    assert r["spuk"]["delta"] == 31 * 2000


def test_municipality_by_name_and_close_matches(base: Scenario) -> None:
    assert resolve_municipality(base, "borger-odoorn") == ("GM1681", "Borger-Odoorn")
    assert resolve_municipality(base, "GM1681") == ("GM1681", "Borger-Odoorn")
    with pytest.raises(DutyError, match="did you mean: Borger-Odoorn"):
        resolve_municipality(base, "Borger")


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"site_id": "BO-AMW", "places": 10}, "did you mean: BO-AMV"),
    ({"site_id": "BO-AMV"}, "needs --places"),
    ({"places": 10}, "needs --site"),
])
def test_bad_requests(base: Scenario, kwargs: dict[str, object], words: str) -> None:
    with pytest.raises(DutyError, match=words):
        check_duty(base, "GM1681", **kwargs)  # type: ignore[arg-type]


def test_bad_add_site() -> None:
    with pytest.raises(DutyError, match="category"):
        parse_add_site("id=X,category=amvx,places=4", "GM1681")
    with pytest.raises(DutyError, match="not a date"):
        parse_add_site("id=X,category=amv,places=4,from=1-7-2025", "GM1681")


def test_english_sentence() -> None:
    from pathlib import Path

    english = require_scenario(Path(__file__).parents[1] / "data" / "whatif" / "drenthe-english.toml")[0]
    r = check_duty(english, "GM1681", site_id="BO-AMV", places=10)
    assert r["sentence"] == ("Borger-Odoorn does not meet its AMV task of 12 with a unit of 10 places (short by 2); "
                             "it misses the regular task of 128 (short by 128), but Drenthe still closes.")


def test_category_option_decides_duty_met(base: Scenario) -> None:
    r = check_duty(base, "GM1681", site_id="BO-AMV", places=40, categories=["regular"])
    assert r["categories_checked"] == ["regular"]
    assert r["duty_met"] is False  # the regular task of 128 has no places at all
