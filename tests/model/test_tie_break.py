"""The tie-break in two steps (planner/model/goals.py, ``tie_break_goals``): the openings first — among plans equal
on every goal, the sites with the earliest ids are opened, a choice proven with distinct weights and then fixed —
and then the places with those openings. Every backend reaches the same plan.

The case, by hand: one town (regular task 100, no places yet) and three candidate sites of 100 places each, listed
as S3, S1, S2 in the sites table. Any one of them closes the province (100 of 100) with no shortfall and no surplus,
and one opening is the fewest; all three plans are equal on every goal, so the rule picks S1, the earliest id,
filled to the 100 places the task needs in both periods."""

from __future__ import annotations

import pytest

from planner.journeys.plan import SolveSettings, plan_scenario
from solvers import Status, available_solvers
from tests.model.factory import Spec, Town, make_scenario, site


def equal_candidates() -> Spec:
    return Spec([Town("GM0001", 100)], [site(s, "GM0001", 100, status="candidate") for s in ("S3", "S1", "S2")])


@pytest.mark.parametrize("solver", ["highs", "scip", "cbc", "cpsat", "auto"])
def test_of_equal_candidates_the_earliest_id_is_opened(solver: str) -> None:
    if solver != "auto" and solver not in available_solvers():
        pytest.skip(f"{solver} is not installed")
    run = plan_scenario(make_scenario(equal_candidates()), SolveSettings(solver=solver, reuse=False))
    assert [g.status for g in run.solution.goals] == [Status.OPTIMAL] * len(run.solution.goals)
    goals = {g.name: g.objective for g in run.solution.goals}
    assert goals["fewer_sites"] == 1
    assert goals["fairness_total_shortfall"] == 0
    assert run.plan is not None
    used = {(r["id"], r["period"]): r["places"] for r in run.plan.sites if r["places"]}
    assert used == {("S1", p): 100 for p in run.plan.periods}
