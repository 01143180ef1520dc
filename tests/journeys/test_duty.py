"""The duty check: the municipality's own duty decided without a plan, the province answered separately.

Every number is computed by hand from scenarios/drenthe-2025-2026 (municipalities.csv, offers.csv, sites.csv).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.journeys.duty import DutyError, DutyResult, check_duty, parse_add_site, resolve_municipality
from planner.scenario.load import Scenario, require_scenario


@pytest.fixture(scope="module")
def base() -> Scenario:
    return require_scenario(None)[0]


def own(r: DutyResult, k: str) -> dict[str, tuple[int, int, bool]]:
    return {d.period: (d.counted, d.surplus, d.met) for d in r.own if d.category == k}


def test_hoogeveen_azc_940_to_700_still_meets_its_regular_task_by_444(base: Scenario) -> None:
    # Hoogeveen: regular task 256, offer 940 a year, one regular site HGV-AZC (940 → 700): min(700, 940) − 256 = 444.
    r = check_duty(base, "GM0118", site_id="HGV-AZC", places=700)
    assert own(r, "regular") == {"2025": (700, 444, True), "2026": (700, 444, True)}
    assert r.duty_met is True
    # The province is a second, separate answer: Drenthe's regular 2026 places that can count drop from 2.522 by
    # 240 to 2.282, below the task of 2.462 — short by at least 180, so no plan, but the duty is still decided.
    assert r.has_plan is False
    assert r.province_closes is False
    short = {(p.category, p.period): p.short_by for p in r.provinces if p.short_by}
    assert short == {("regular", "2026"): 2462 - (2522 - 240)}
    data = r.as_dict()
    assert data["duty_met"] is True
    assert data["province_closes"] is False
    assert data["sentence"].startswith("Met HGV-AZC op 700 plaatsen haalt Hoogeveen zijn reguliere taak van 256 "
                                       "(+444)")
    assert "ten minste 180 plaatsen te weinig" in data["sentences"][1]


def test_tynaarlo_250_to_60_is_short_by_145(base: Scenario) -> None:
    # Tynaarlo: regular task 205, offer 250; its only regular-task site is the 250-place noodopvang (special,
    # counting toward the regular task): with 60 places, 205 − 60 = 145 short.
    r = check_duty(base, "GM1730", site_id="TYN-NO", places=60)
    assert own(r, "regular") == {"2025": (60, -145, False), "2026": (60, -145, False)}
    assert r.duty_met is False
    assert r.categories_checked == ("regular",)
    assert r.as_dict()["sentence"].startswith("Met TYN-NO op 60 plaatsen komt Tynaarlo 145 tekort voor zijn "
                                              "reguliere taak van 205")


def test_a_site_of_another_municipality_is_an_error(base: Scenario) -> None:
    with pytest.raises(DutyError, match="BO-AMV lies in GM1681"):
        check_duty(base, "GM1730", site_id="BO-AMV", places=60)


def test_unit_of_40_meets_the_amv_task_and_names_the_site(base: Scenario) -> None:
    r = check_duty(base, "GM1681", site_id="BO-AMV", places=40)
    assert own(r, "amv") == {"2025": (40, 28, True), "2026": (40, 28, True)}  # task 12, offer 50
    assert r.duty_met is True
    assert r.province_closes is True
    prov = {(p.category, p.period): p.planned for p in r.provinces}
    assert prov[("amv", "2025")] == 341 - 10
    assert r.others == ()  # every AMV site is already at its offer: nobody can take more
    assert r.spuk_delta == -20_000  # SPUK 2 pays € 2.000 per AMV place: 10 places fewer
    sentences = r.as_dict()["sentences"]
    assert sentences == [
        "Met BO-AMV op 40 plaatsen haalt Borger-Odoorn zijn AMV-taak van 12 (+28) en komt 128 tekort voor zijn "
        "reguliere taak van 128.",
        "Drenthe blijft sluitend.",
        "Het plan gebruikt BO-AMV (40).",
    ]


def test_unit_of_10_is_short_by_2(base: Scenario) -> None:
    r = check_duty(base, "GM1681", site_id="BO-AMV", places=10)
    assert r.duty_met is False
    assert {d.period: d.shortfall for d in r.own if d.category == "amv"} == {"2025": 2, "2026": 2}
    assert r.as_dict()["sentence"].startswith("Met BO-AMV op 10 plaatsen komt Borger-Odoorn 2 tekort voor zijn "
                                              "AMV-taak van 12")


def test_added_site_does_not_raise_the_offer_silently(base: Scenario) -> None:
    # Assen states an AMV offer of 0: 31 new places can be built, but only the offer counts: short by its task 31.
    site = parse_add_site("id=ASN-AMV,category=amv,places=31,from=2025-01-01", "GM0106")
    r = check_duty(base, "GM0106", add_sites=[site])
    assert own(r, "amv") == {"2025": (0, -31, False), "2026": (0, -31, False)}
    assert r.duty_met is False
    sentences = r.as_dict()["sentences"]
    assert "31 meer dan het aanbod van 0" in sentences[1]
    assert "--offer" in sentences[1]
    # With the offer raised explicitly the same site meets the task exactly.
    r2 = check_duty(base, "GM0106", add_sites=[site], offer=31)
    assert own(r2, "amv") == {"2025": (31, 0, True), "2026": (31, 0, True)}
    assert r2.duty_met is True
    assert r2.spuk_delta == 31 * 2000
    assert "ASN-AMV (31, nieuw)" in r2.as_dict()["sentences"][-1]


def test_unchanged_scenario_equals_the_plans_row(base: Scenario) -> None:
    """Invariant: on an unchanged scenario every municipality's own duty agrees with the plan's row — met exactly
    where the plan has no shortfall, and the plan never gives more than the own sites and offer can count."""
    from planner.journeys.plan import plan_scenario

    run = plan_scenario(base)
    assert run.plan is not None
    for m in base.municipalities:
        r = check_duty(base, m.code)
        assert r.edits == ()
        for d in r.own:
            row = run.plan.municipality(m.code, d.period)
            assert d.planned == row[f"planned_{d.category}"]
            assert d.task == row[f"task_{d.category}"]
            assert d.transfer == row[f"transfer_{d.category}"]
            assert d.met == (row[f"shortfall_{d.category}"] == 0), (m.code, d)
            if not d.met:
                assert d.shortfall == row[f"shortfall_{d.category}"], (m.code, d)
            assert d.planned + d.transfer <= d.counted


def test_municipality_by_name_and_close_matches(base: Scenario) -> None:
    assert resolve_municipality(base, "borger-odoorn") == ("GM1681", "Borger-Odoorn")
    assert resolve_municipality(base, "GM1681") == ("GM1681", "Borger-Odoorn")
    with pytest.raises(DutyError, match="did you mean: Borger-Odoorn"):
        resolve_municipality(base, "Borger")


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"site_id": "BO-AMW", "places": 10}, "did you mean: BO-AMV"),
    ({"site_id": "BO-AMV"}, "needs --places"),
    ({"places": 10}, "needs --site"),
    ({"offer": 10}, "--offer sets the offer"),
])
def test_bad_requests(base: Scenario, kwargs: dict[str, object], words: str) -> None:
    with pytest.raises(DutyError, match=words):
        check_duty(base, "GM1681", **kwargs)  # type: ignore[arg-type]


def test_bad_add_site() -> None:
    with pytest.raises(DutyError, match="category"):
        parse_add_site("id=X,category=amvx,places=4", "GM1681")
    with pytest.raises(DutyError, match="not a date"):
        parse_add_site("id=X,category=amv,places=4,from=1-7-2025", "GM1681")
    with pytest.raises(DutyError, match="must lie in the municipality"):
        parse_add_site("id=X,category=amv,places=4,code=GM0106", "GM1681")


def test_english_sentences() -> None:
    english = require_scenario(Path(__file__).parents[1] / "data" / "whatif" / "drenthe-english.toml")[0]
    r = check_duty(english, "GM1681", site_id="BO-AMV", places=10)
    assert r.as_dict()["sentences"][:2] == [
        "With BO-AMV at 10 places, Borger-Odoorn falls 2 short of its AMV task of 12 and falls 128 short of its "
        "regular task of 128.",
        "Drenthe still closes.",
    ]


def test_category_option_decides_duty_met(base: Scenario) -> None:
    r = check_duty(base, "GM1681", site_id="BO-AMV", places=40, categories=["regular"])
    assert r.categories_checked == ("regular",)
    assert r.duty_met is False  # the regular task of 128 has no places at all


def test_a_late_unit_reads_as_one_sentence(tmp_path: Path) -> None:
    """De Wolden (municipalities.csv: regular task 139, AMV 13; regular offer 0, no regular site) with its 50-place
    AMV unit DW-AMV ready only on 1-9-2025, after the obligation date: AMV 2025 counts 0 (13 short), 2026 counts
    50 (+37); regular counts 0 (139 short). It read '… van 139; en haalt zijn AMV-taak van 13 alleen in 2026 (+37)
    en komt 13 tekort in 2025.'"""
    path = tmp_path / "late.toml"
    path.write_text('[scenario]\nextends = "bundled:drenthe-2025-2026"\nname = "De Wolden AMV-unit pas in '
                    'september"\n[[changes.sites]]\nid = "DW-AMV"\navailable_from = 2025-09-01\nreason = "bouw '
                    'vertraagd"\n', encoding="utf-8")
    late = require_scenario(path)[0]
    r = check_duty(late, "GM1690")
    assert own(r, "amv") == {"2025": (0, -13, False), "2026": (50, 37, True)}
    assert r.as_dict("nl")["sentence"] == (
        "De Wolden komt 139 tekort voor zijn reguliere taak van 139 en haalt zijn AMV-taak van 13 in 2026 (+37), maar "
        "niet in 2025 (13 tekort).")
    assert r.as_dict("en")["sentence"] == (
        "De Wolden falls 139 short of its regular task of 139 and meets its AMV task of 13 in 2026 (+37), but not in "
        "2025 (13 short).")
