"""Properties of plans on random small scenarios (hypothesis), and agreement between solver families."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.journeys.allocation import check_allocation
from planner.journeys.plan import SolveSettings, plan_scenario
from planner.journeys.verdeelbesluit import verdeelbesluit
from planner.planning import PlanningData
from solvers import Status, available_solvers
from tests.model.factory import Spec, Town, make_scenario


@st.composite
def small_scenarios(draw: st.DrawFn) -> Spec:
    """One province, 2–4 towns with regular tasks 0–60 and AMV tasks 0–10, offers absent or 0–120 per category;
    per town 0–2 existing sites (5–80 places; regular, special or AMV; some ending 1-7-2026) and 0–2 candidates
    (5–60 places, minimum 0–places); in 8 of 10 draws a reserve candidate per task (see below). Small enough for
    every backend in milliseconds."""
    n = draw(st.integers(2, 4))
    towns = []
    sites: list[dict[str, Any]] = []
    for i in range(n):
        code = f"GM{i + 1:04d}"
        towns.append(
            Town(
                code,
                draw(st.integers(0, 60)),
                draw(st.integers(0, 10)),
                offer_regular=draw(st.none() | st.integers(0, 120)),
                offer_amv=draw(st.none() | st.integers(0, 40)),
                stedelijkheid=draw(st.integers(1, 5)),
            )
        )
        for j in range(draw(st.integers(0, 2))):
            sites.append(
                {
                    "id": f"E{i}{j}",
                    "code": code,
                    "places": draw(st.integers(5, 80)),
                    "category": draw(st.sampled_from(["regular", "special", "amv"])),
                    "status": "existing",
                    "available_until": draw(st.sampled_from([None, dt.date(2026, 7, 1)])),
                }
            )
        for j in range(draw(st.integers(0, 2))):
            places = draw(st.integers(5, 60))
            sites.append(
                {
                    "id": f"C{i}{j}",
                    "code": code,
                    "places": places,
                    "category": draw(st.sampled_from(["regular", "amv"])),
                    "status": "candidate",
                    "min_places": draw(st.integers(0, places)),
                }
            )
    # Mostly feasible (issue 10): in about 8 of 10 draws one town gets, per task with a provincial need, a reserve
    # candidate site large enough for the whole province and no stated limit in that category, so the province can
    # close and the plan must decide what to open; the other draws keep the tight, often infeasible cases.
    if draw(st.integers(0, 9)) < RESERVE_IN_TEN:
        for k, cat in (("regular", "regular"), ("amv", "amv")):
            need = sum(t.regular if k == "regular" else t.amv for t in towns)
            if need <= 0:
                continue
            town = towns[draw(st.integers(0, n - 1))]
            setattr(town, f"offer_{k}", None)
            places = need + draw(st.integers(0, 40))
            sites.append({"id": f"R{cat}", "code": town.code, "places": places, "category": cat,
                          "status": "candidate", "min_places": draw(st.integers(0, min(20, places)))})
    return Spec(towns, sites)


RESERVE_IN_TEN = 8
MIX: Counter[str] = Counter()
"""Status of every HiGHS plan of the strategy's draws in this run (reported at the end of the test output)."""


def _record(spec: Spec, run: Any) -> None:
    opening = any(site["status"] != "existing" for site in spec.sites)
    MIX[f"{run.solution.status.value}{' with opening decisions' if opening else ''}"] += 1


def _goals(run: Any) -> list[tuple[str, float | None]]:
    return [(g.name, g.objective) for g in run.solution.goals]


FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


def _highs_equals_cpsat(spec: Spec) -> None:
    """Two independent solver families (LP-based branch and bound, and CP-SAT) agree on status and on every
    lexicographic goal value."""
    s = make_scenario(spec)
    a = plan_scenario(s, SolveSettings(solver="highs"))
    _record(spec, a)
    b = plan_scenario(s, SolveSettings(solver="cpsat"))
    assert a.solution.status == b.solution.status
    assert a.solution.status in (Status.OPTIMAL, Status.INFEASIBLE)
    assert _goals(a) == _goals(b)


@pytest.mark.slow
@FAST
@given(small_scenarios())
def test_highs_and_cpsat_reach_the_same_optimum(spec: Spec) -> None:
    """On 200 random scenarios (25 s: slow, so CI runs it and the default run stays under three minutes)."""
    _highs_equals_cpsat(spec)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(small_scenarios())
def test_highs_and_cpsat_reach_the_same_optimum_on_30_draws(spec: Spec) -> None:
    """The same check on the first 30 of those draws, in the default run."""
    _highs_equals_cpsat(spec)


@pytest.mark.slow
@SLOW
@given(small_scenarios())
def test_scip_and_cbc_agree_with_highs(spec: Spec) -> None:
    s = make_scenario(spec)
    ref = plan_scenario(s, SolveSettings(solver="highs"))
    for name in ("scip", "cbc"):
        if name not in available_solvers():
            continue
        other = plan_scenario(s, SolveSettings(solver=name))
        assert other.solution.status == ref.solution.status, name
        assert _goals(other) == _goals(ref), name


@settings(max_examples=100, deadline=None, derandomize=True)
@given(small_scenarios())
def test_a_plan_never_exceeds_a_stated_limit_or_a_site_capacity(spec: Spec) -> None:
    s = make_scenario(spec)
    run = plan_scenario(s, SolveSettings(solver="highs"))
    if run.plan is None:
        assert run.solution.status is Status.INFEASIBLE
        return
    for r in run.plan.sites:
        assert 0 <= r["places"] <= r["capacity"] <= r["site_places"]
        if r["opened"] is False:
            assert r["places"] == 0
    for r in run.plan.municipalities:
        if r["limit_regular"] is not None:
            assert r["planned_regular"] <= r["limit_regular"]
        if r["limit_amv"] is not None:
            assert r["planned_amv"] <= r["limit_amv"]
    for p in run.plan.province:
        assert p["closes_regular"]
        assert p["closes_amv"]
    # Invariant (issue 10): every plan passes the allocation check (same counting rules, dates, transfers).
    allocation = {(r["code"], k, r["period"]): r[f"planned_{k}"] for r in run.plan.municipalities
                  for k in ("regular", "amv")}
    assert check_allocation(run.model.data, allocation).violations == []


@settings(max_examples=100, deadline=None, derandomize=True)
@given(small_scenarios())
def test_the_verdeelbesluit_and_the_allocation_check_agree(spec: Spec) -> None:
    """Invariant (issue 10): the verdeelbesluit calls its allocation executable exactly when the allocation check
    accepts it (with the restopgave as places imposed above the offer)."""
    s = make_scenario(spec)
    v = verdeelbesluit(s)
    check = check_allocation(PlanningData.from_scenario(s), *v.allocation())
    assert check.feasible == v.feasible
    assert check.violations == v.check.violations
    # Whatever the verdict, the restopgave is spread in full unless every short municipality is capped.
    for pool in v.pools:
        rows = [r for r in v.rows if (r["category"], r["period"]) == (pool["category"], pool["period"])]
        assert sum(r["restopgave_share"] for r in rows) <= pool["restopgave"]


@pytest.mark.slow
@settings(max_examples=100, deadline=None, derandomize=True)
@given(small_scenarios(), st.integers(0, 3), st.integers(1, 60))
def test_adding_an_offer_never_increases_the_shortfall(spec: Spec, which: int, extra: int) -> None:
    town = spec.towns[which % len(spec.towns)]
    before = plan_scenario(make_scenario(spec), SolveSettings(solver="highs"))
    if town.offer_regular is not None:
        town.offer_regular += extra
    elif town.offer_amv is not None:
        town.offer_amv += extra
    after = plan_scenario(make_scenario(spec), SolveSettings(solver="highs"))
    if before.plan is None:
        return  # more offer may make an infeasible province feasible; never the reverse (next line)
    assert after.plan is not None
    short = {g.name: g.objective for g in before.solution.goals}
    short2 = {g.name: g.objective for g in after.solution.goals}
    for goal in ("fairness_max_shortfall", "fairness_total_shortfall"):
        assert (short2.get(goal) or 0) <= (short.get(goal) or 0), goal


def test_at_least_60_percent_of_draws_are_feasible_with_opening_decisions() -> None:
    """So that 'HiGHS = CP-SAT' and the plan properties compare plans, not mostly infeasible with infeasible."""
    draws: list[tuple[bool, bool]] = []

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
    @given(small_scenarios())
    def draw(spec: Spec) -> None:
        run = plan_scenario(make_scenario(spec), SolveSettings(solver="highs"))
        draws.append((run.plan is not None, any(site["status"] != "existing" for site in spec.sites)))

    draw()
    good = sum(1 for feasible, opening in draws if feasible and opening)
    print(f"\nstrategy mix: {good} of {len(draws)} draws feasible with opening decisions, "
          f"{sum(1 for f, _ in draws if not f)} infeasible")
    assert good >= 0.6 * len(draws), (good, len(draws))


def test_a_time_limited_run_is_never_reported_optimal() -> None:
    """A 60-town random instance with a 1 ms limit per goal: whatever is reached, a goal stopped by the time
    limit is 'feasible' (with its gap) or 'no_solution', and then the plan is not called optimal."""
    import random

    rnd = random.Random(7)
    towns = [Town(f"GM{i:04d}", rnd.randint(20, 300), rnd.randint(0, 20)) for i in range(1, 61)]
    sites: list[dict[str, Any]] = []
    for t in towns:
        sites.append(
            {
                "id": f"E{t.code}",
                "code": t.code,
                "places": rnd.randint(0, 200),
                "status": "existing",
                "category": "regular",
            }
        )
        for j in range(4):
            p = rnd.randint(20, 300)
            sites.append(
                {
                    "id": f"C{t.code}{j}",
                    "code": t.code,
                    "places": p,
                    "status": "candidate",
                    "min_places": rnd.randint(10, p),
                    "category": rnd.choice(["regular", "amv"]),
                }
            )
    run = plan_scenario(make_scenario(Spec(towns, sites)), SolveSettings(solver="highs", time_limit=0.001))
    stopped = [g for g in run.solution.goals if g.status is not Status.OPTIMAL]
    if stopped:
        assert run.solution.status is not Status.OPTIMAL
        assert all(g.status in (Status.FEASIBLE, Status.NO_SOLUTION) for g in stopped)
    if run.solution.status is Status.NO_SOLUTION:
        assert run.plan is None
