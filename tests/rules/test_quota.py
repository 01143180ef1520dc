"""Indicative tasks: the Drenthe report's numbers exactly, and the national key recomputed by hand."""

from __future__ import annotations

import csv
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import pytest

from planner.rules.quota import QuotaResult, amv_split, compute_quota
from planner.scenario.load import Scenario, load_scenario
from tests.scenario.support import NEDERLAND, whatif

# The report's puzzle table: opgave regulier 2025/2026 | opgave AMV, per municipality.
DRENTHE_TASKS = {
    "Aa en Hunze": (143, 13), "Assen": (329, 31), "Borger-Odoorn": (128, 12), "Coevorden": (172, 16),
    "De Wolden": (139, 13), "Emmen": (453, 42), "Hoogeveen": (256, 24), "Meppel": (177, 16),
    "Midden-Drenthe": (181, 17), "Noordenveld": (170, 16), "Tynaarlo": (205, 19), "Westerveld": (109, 10),
}
NATIONAL_POPULATION = 17_811_291  # CBS, 1-1-2023


def half_up(x: Fraction) -> int:
    """Round halves up, written out here rather than imported: the test must not share the code it checks."""
    return (x.numerator * 2 + x.denominator) // (2 * x.denominator)


def load(path: Path | None = None) -> Scenario:
    scenario, problems = load_scenario(path)
    assert scenario is not None, problems.errors
    assert not problems.has_errors(), problems.errors
    return scenario


@pytest.fixture(scope="module")
def drenthe_quota() -> QuotaResult:
    return compute_quota(load())


@pytest.fixture(scope="module")
def national() -> tuple[Scenario, QuotaResult]:
    s = load(NEDERLAND)
    return s, compute_quota(s)


# ---------------------------------------------------------------------------------------------------------------
# Drenthe


def test_drenthe_tasks_are_the_reports(drenthe_quota: QuotaResult) -> None:
    got = {q.name: (q.task_regular, q.task_amv) for q in drenthe_quota.rows}
    assert got == DRENTHE_TASKS
    assert all(q.task_source == "official" and not q.flags for q in drenthe_quota.rows)
    totals = drenthe_quota.totals()
    assert (totals["task_regular"], totals["task_amv"], totals["task_total"]) == (2462, 229, 2691)


def test_drenthe_amv_follows_from_the_total_task(drenthe_quota: QuotaResult) -> None:
    """AMV_m = round(T_m · 8140 / 96000) holds for all 12 municipalities: the split is derived, not copied."""
    for q in drenthe_quota.rows:
        regular, amv = DRENTHE_TASKS[q.name]
        assert q.task_total == regular + amv
        assert half_up(Fraction(q.task_total * 8140, 96000)) == amv == amv_split(q.task_total, 96000, 8140)


def test_drenthe_implied_weights(drenthe_quota: QuotaResult) -> None:
    by_name = {q.name: q for q in drenthe_quota.rows}
    for name, weight in (("Aa en Hunze", 1.125), ("Emmen", 0.844), ("Tynaarlo", 1.201)):
        q = by_name[name]
        by_hand = Fraction(q.task_total) / (Fraction(96000 * q.population, NATIONAL_POPULATION))
        assert round(q.weight, 3) == round(float(by_hand), 3) == weight


def test_drenthe_ukraine_column_sums_to_5720(drenthe_quota: QuotaResult) -> None:
    assert drenthe_quota.totals()["ukraine_target"] == 5720
    assert all(q.ukraine_source == "official" for q in drenthe_quota.rows)
    # The printed 5,722 is the province's own population share of 203,000, rounded once.
    assert half_up(Fraction(203_000 * 502_051, NATIONAL_POPULATION)) == 5722


# ---------------------------------------------------------------------------------------------------------------
# The whole country


def csv_rows() -> list[dict[str, str]]:
    with (NEDERLAND / "municipalities.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_national_has_342_municipalities(national: tuple[Scenario, QuotaResult]) -> None:
    _, q = national
    assert len(q.rows) == 342 == len({r.code for r in q.rows})
    assert all(r.task_source == "computed" for r in q.rows)


@pytest.mark.parametrize("code", ["GM0014", "GM0088", "GM0114", "GM0363", "GM1680", "GM0164"])
def test_national_key_by_hand(national: tuple[Scenario, QuotaResult], code: str) -> None:
    """T = round(96000 · P(1+S) / Σ P(1+S)), AMV = round(T · 8140/96000), Ukraine = round(203000 · P / Σ P), from
    the CSV's own text with exact fractions."""
    rows = csv_rows()
    weight = {r["code"]: int(r["population"]) * (1 + Fraction(r["ses_woa"])) for r in rows}
    population = {r["code"]: int(r["population"]) for r in rows}
    total = half_up(96000 * weight[code] / sum(weight.values()))
    amv = half_up(Fraction(total * 8140, 96000))
    ukraine = half_up(Fraction(203_000 * population[code], sum(population.values())))
    got = national[1].by_code()[code]
    assert (got.task_total, got.task_amv, got.task_regular, got.ukraine_target) == (total, amv, total - amv, ukraine)


def test_provinces_sum_their_rows(national: tuple[Scenario, QuotaResult]) -> None:
    _, q = national
    by_hand: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for r in q.rows:
        for i, v in enumerate((1, r.task_total, r.task_amv, r.population)):
            by_hand[r.province][i] += v
    assert len(by_hand) == 12
    for p in q.provinces():
        assert [p["municipalities"], p["task_total"], p["task_amv"], p["population"]] == by_hand[str(p["province"])]
    assert sum(int(p["task_total"]) for p in q.provinces()) == q.totals()["task_total"]


def test_national_half_up_sum_is_95997(national: tuple[Scenario, QuotaResult]) -> None:
    _, q = national
    total = sum(r.task_total for r in q.rows)
    print(f"national sum of the half-up tasks: {total}")  # shown with -s; independent rounding need not hit 96,000
    assert q.totals()["task_total"] == total == 95_997
    assert q.totals()["population"] == NATIONAL_POPULATION


@pytest.mark.parametrize("method", ["largest-remainder", "sainte-lague"])
def test_other_roundings_sum_to_96000(tmp_path: Path, method: str) -> None:
    s = load(whatif(tmp_path, f'[rules]\nrounding = "{method}"', extends="bundled:nederland-2025-2026"))
    q = compute_quota(s)
    assert q.rounding.value == method
    assert q.totals()["task_total"] == 96_000
    rows = csv_rows()
    weight = {r["code"]: int(r["population"]) * (1 + Fraction(r["ses_woa"])) for r in rows}
    quota = {c: 96000 * w / sum(weight.values()) for c, w in weight.items()}
    # Both stay close to the exact quota on this data (within one place).
    assert all(abs(r.task_total - quota[r.code]) < 1 for r in q.rows)
