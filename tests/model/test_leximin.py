"""Fairness that stays fair when one term is forced: the min–max goals are leximin (planner/model/solve.py).

The case, computed by hand. One province; four towns A–D without any regular place (regular tasks 128, 139, 181
and 170) each get a 1000-place candidate site; town E (task 512) has an offer of 0, so its whole task stays unmet:
the largest relative shortfall is pinned at 1000 ‰ and the province needs 512 places above A–D's own tasks. Town F
(AMV task 12) must open its planned 50-place AMV unit (minimum 50): 38 places above its task pin the largest
relative surplus from new sites at ⌈1000 · 38 / 12⌉ = 3167 ‰.

A single min–max stops there: every other surplus only has to stay below 3167 ‰, so the 512 places may land on
whoever comes first (the issue saw +272, +240, 0, 0). Leximin fixes F at 3167 ‰ and evens out the rest. With
``floor(z · task / 1000)`` the most surplus a town may take at level z:

* z = 829 allows 106 + 115 + 150 + 140 = 511 < 512 places, z = 830 allows 106 + 115 + 150 + 141 = 512: the largest
  level among A–D is 830, and only D needs it (at 829 the others allow as much as at 830), so D takes 141;
* A–C then share 512 − 141 = 371: z = 828 allows 105 + 115 + 149 = 369 < 371, z = 829 allows 106 + 115 + 150 = 371,
  and A and C need it: A takes 106, C takes 150;
* B takes the remaining 115 (level ⌈1000 · 115 / 139⌉ = 828).

So the surplus is (106, 115, 150, 141): exactly 512 · task / 618 rounded by largest remainder (106,05 / 115,15 /
149,95 / 140,84), i.e. in proportion to the tasks; planned places are task + surplus.
"""

from __future__ import annotations

import pytest

from planner.journeys.plan import SolveSettings, plan_scenario
from solvers import Status, available_solvers
from tests.model.factory import Spec, Town, make_scenario, site

TASKS = {"GM0001": 128, "GM0002": 139, "GM0003": 181, "GM0004": 170}
SURPLUS = {"GM0001": 106, "GM0002": 115, "GM0003": 150, "GM0004": 141}


def forced_case() -> Spec:
    towns = [Town(code, task) for code, task in TASKS.items()]
    towns += [Town("GM0005", 512, offer_regular=0), Town("GM0006", 0, 12)]
    sites = [site(f"C{code[-1]}", code, 1000, status="candidate") for code in TASKS]
    sites.append(site("F_AMV", "GM0006", 50, category="amv", status="planned", min_places=50))
    return Spec(towns, sites)


@pytest.mark.parametrize("solver", ["highs", "cpsat"])
def test_extra_places_spread_in_proportion_to_tasks_when_a_forced_unit_pins_the_maximum(solver: str) -> None:
    if solver not in available_solvers():
        pytest.skip(f"{solver} is not installed")
    run = plan_scenario(make_scenario(forced_case()), SolveSettings(solver=solver))
    assert run.solution.status is Status.OPTIMAL
    assert run.plan is not None
    goals = {g.name: g.objective for g in run.solution.goals}
    assert goals["fairness_max_shortfall"] == 1000  # E's zero offer
    assert goals["fairness_total_shortfall"] == 2 * 512  # two periods
    assert goals["fairness_max_new_surplus"] == 3167  # F's planned unit
    planned = {
        r["code"]: r["planned_regular"] for r in run.plan.municipalities if r["period"] == run.plan.periods[0]
    }
    assert {code: planned[code] - task for code, task in TASKS.items()} == SURPLUS
