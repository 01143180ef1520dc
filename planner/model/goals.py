"""The goals of the allocation program: a registry, each goal with its sense, kind and unit declared.

``GOAL_SPECS`` declares every goal the model can state (name → sense, kind, unit, description); ``GOALS`` maps the
scenario's goal names (``goals.order``) to the function that defines that goal's terms (and the rows a min–max goal
needs). :func:`define_goals` calls them in the scenario's priority order and always ends with the tie-break. Nothing
downstream infers a goal's sense from coefficient signs: a ``maximise`` goal (SPUK) is stored negated so the
program still minimises, and says so in ``sense``.

To add a goal: declare its :class:`GoalSpec`, write one ``<name>_goals(m)`` function, register it in ``GOALS`` and
add its name to the schema's ``goals.order`` choices.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from planner.model.program import safe
from solvers import Label

if TYPE_CHECKING:
    from planner.model.build import AllocationModel

SCALE = 1000
"""Relative shortfalls are measured in per mille of the task (integers keep every backend, CP-SAT too, exact)."""
SPUK_UNIT = 1000
"""SPUK euros are counted in the model in units of (at most) € 1.000; see :func:`spuk_goals`."""

TIE_BREAK = "tie_break"


@dataclass
class Goal:
    """One goal: minimise ``Σ coef·var``; ``unit`` says what one unit of the objective means.

    ``sense`` is what the goal means for users (``maximise`` goals such as SPUK are stored negated, so the program
    still minimises); ``kind`` is ``max`` for a min–max goal (one variable bounding a set of terms from above,
    e.g. the largest relative shortfall) and ``sum`` otherwise. Both are declared in ``GOAL_SPECS``, never
    inferred."""

    name: str
    terms: dict[int, float]
    unit: str
    description: str
    sense: Literal["minimise", "maximise"] = "minimise"
    kind: Literal["sum", "max"] = "sum"
    choice: dict[int, float] | None = None
    """A canonical choice made before the goal itself: ``Σ coef·var`` over these terms is minimised first and its
    variables are then fixed at that solution (the tie-break's openings; see :func:`tie_break_goals`)."""


@dataclass(frozen=True)
class GoalSpec:
    """What a goal is, declared once: its sense for users, its kind (sum or min–max), unit and meaning."""

    sense: Literal["minimise", "maximise"]
    kind: Literal["sum", "max"]
    unit: str
    description: str


GOAL_SPECS: dict[str, GoalSpec] = {
    "fairness_max_shortfall": GoalSpec(
        "minimise", "max", "‰ of own task",
        "largest shortfall of a municipality against its own task, relative to that task",
    ),
    "fairness_total_shortfall": GoalSpec(
        "minimise", "sum", "places", "total shortfall of municipalities against their own tasks",
    ),
    "fairness_max_new_surplus": GoalSpec(
        "minimise", "max", "‰ of own task",
        "largest surplus from newly opened sites, relative to the municipality's task",
    ),
    "ukraine_shortfall": GoalSpec("minimise", "sum", "places", "Ukraine places below target (effort obligation)"),
    "small_units": GoalSpec(
        "minimise", "sum", "place-points",
        "places in large sites (> small-scale threshold) plus places in urban municipalities, each counted once",
    ),
    "spuk": GoalSpec(
        "maximise", "sum", "−k€ (model estimate)",
        "SPUK 1 + 2 + 3 in units of € 1.000, maximised; SPUK 3 shares estimated in the model (the exact euros are "
        "computed from the plan by planner.rules.spuk)",
    ),
    "fewer_sites": GoalSpec("minimise", "sum", "sites", "number of sites opened"),
    TIE_BREAK: GoalSpec(
        "minimise", "sum", "weighted places",
        "stable tie-breaking: sites with earlier ids opened first, then fewest free places, earlier codes first"
    ),
}


def goal(name: str, terms: dict[int, float], unit: str | None = None, description: str | None = None) -> Goal:
    """A goal of the registry with its declared sense, kind, unit and description (unit/description overridable
    where the scenario changes them, e.g. a SPUK unit other than € 1.000)."""
    spec = GOAL_SPECS[name]
    return Goal(name, terms, unit or spec.unit, description or spec.description, spec.sense, spec.kind)


def fairness_goals(m: AllocationModel) -> list[Goal]:
    """Fairness, three lexicographic steps: (1) the largest relative shortfall of any municipality against its own
    task (per mille: ``SCALE·short[m,k,p] ≤ task[m,k]·z``), so a shortfall is shared in proportion to tasks, never
    dumped on one municipality; (2) the total shortfall in places; (3) the largest relative surplus from newly
    opened sites (``SCALE·over[m,k,p] ≤ max(1, task)·z2``), so extra places needed to close the province are spread
    in proportion to tasks too."""
    b = m.builder
    goals: list[Goal] = []
    if m.short:
        z = b.var("max_relative_shortfall", 0, SCALE, label=Label("max_relative_shortfall"))
        for (code, k, pname), si in m.short.items():
            b.row(safe("shortfall_share", code, k, pname), "fairness", [si, z], [SCALE, -m.munis[code].task[k]], ub=0,
                  label=m.muni_label("shortfall_share", code, k, pname))
        goals.append(goal("fairness_max_shortfall", {z: 1.0}))
        goals.append(goal("fairness_total_shortfall", dict.fromkeys(m.short.values(), 1.0)))
    if m.over:
        def new_capacity(code: str, k: str, pname: str) -> int:
            return sum(m.data.site_capacity(s.id, pname) for s in m.sites_of(code, k) if s.id in m.open)

        most = max(new_capacity(c, k, pn) * SCALE / max(1, m.munis[c].task[k]) for (c, k, pn) in m.over)
        z2 = b.var("max_relative_new_surplus", 0, math.ceil(most), label=Label("max_relative_new_surplus"))
        for (code, k, pname), oi in m.over.items():
            task = max(1, m.munis[code].task[k])
            b.row(safe("surplus_share", code, k, pname), "fairness", [oi, z2], [SCALE, -task], ub=0,
                  label=m.muni_label("surplus_share", code, k, pname))
        goals.append(goal("fairness_max_new_surplus", {z2: 1.0}))
    return goals


def ukraine_goals(m: AllocationModel) -> list[Goal]:
    """Ukraine places below target, summed (an effort obligation: soft)."""
    return [goal("ukraine_shortfall", dict.fromkeys(m.ushort.values(), 1.0))] if m.ushort else []


def small_units_goals(m: AllocationModel) -> list[Goal]:
    """Places in large sites (more than ``rules.small_scale_max_places``) plus places in urban municipalities."""
    terms: dict[int, float] = {}
    small_max = m.scenario.settings.rules.small_scale_max_places
    for s in m.sites.values():
        weight = (1 if s.places > small_max else 0) + (1 if m.munis[s.code].rural is False else 0)
        if weight:
            for p in m.periods:
                terms[m.x[(s.id, p.name)]] = float(weight)
    return [goal("small_units", terms)] if terms else []


def spuk_goals(m: AllocationModel) -> list[Goal]:
    """SPUK 1 + 2 + 3 euros, maximised (stored negated), counted in units of ``gcd(€ 1.000, rates)``."""
    if not (m.spuk1 or m.spuk3):
        return []
    spuk = m.scenario.settings.spuk
    ref = m.periods[min(spuk.reference_period, len(m.periods) - 1)]
    # Counted in units of `unit` euros (€ 1.000 with the default rates): once fixed, this goal becomes a row, and
    # euro-sized coefficients (shares up to 10^6 next to 1) slowed every later goal about 3× on national instances.
    # The in-model SPUK 3 shares are estimates anyway, so they are rounded down to whole units; the exact euros are
    # computed from the plan by planner.rules.spuk.
    unit = math.gcd(SPUK_UNIT, spuk.spuk1_rate or SPUK_UNIT, spuk.spuk2_rate or SPUK_UNIT)
    terms = {i: -float(spuk.spuk1_rate // unit) for i in m.spuk1.values()}
    terms.update({m.spuk3[c]: -float(m.spuk3_share[c] // unit) for c in m.spuk3})
    for s in m.sites.values():
        if s.category in spuk.spuk2_categories and spuk.spuk2_rate:
            xi = m.x[(s.id, ref.name)]
            terms[xi] = terms.get(xi, 0.0) - spuk.spuk2_rate // unit
    if unit == SPUK_UNIT:
        return [goal("spuk", terms)]
    return [goal("spuk", terms, f"−× € {unit} (model estimate)",
                 f"SPUK 1 + 2 + 3 in units of € {unit}, maximised; SPUK 3 shares estimated in the model (the exact "
                 "euros are computed from the plan by planner.rules.spuk)")]


def fewer_sites_goals(m: AllocationModel) -> list[Goal]:
    """Number of planned or candidate sites opened."""
    return [goal("fewer_sites", dict.fromkeys(m.open.values(), 1.0))] if m.open else []


def tie_break_goals(m: AllocationModel) -> list[Goal]:
    """Stable tie-breaking, always last: among plans equal on every goal, the one with the fewest places that are
    not fixed (Ukraine places above what the goals need, places in opened sites), and among those the one that
    prefers earlier CBS codes / site ids. Distinct integer weights make the optimum unique in practice, so every
    backend returns the same plan and a re-run returns the same plan.

    Places in existing sites are in it too: their total is fixed (they keep their places up to the offer), but
    when a municipality's offer is below their capacity any split between them was equally good, and backends
    chose differently (Zeeland, GM0715: HiGHS 240 + 110, CP-SAT 170 + 180 with every goal proven); now the earlier
    site is filled first.

    Two steps, each proven (its ``choice``): first the openings, ``min Σ (N + r_s)·open_s`` with distinct weights
    (the sites created earlier, by id, preferred), fixed at that solution; then the places with those openings.
    With the openings free, one program over every place and opening took HiGHS 25 s of the national plan's 58 s
    of CPU; with them fixed the places take a fraction of a second per province, and the openings step alone a few
    seconds (``benchmarks/README.md``). Fixing the openings at the previous goal's (backend-dependent) solution
    changed the plan per backend; fixing them at the proven optimum of distinct weights does not."""
    b = m.builder
    candidates = (*m.u.values(), *m.x.values())
    free = [i for i in candidates if b.var_ub[i] > b.var_lb[i]]
    n = len(free)
    if not free:
        return []
    tie = goal(TIE_BREAK, {i: float(n + r) for r, i in enumerate(sorted(free))})
    openings = sorted(i for i in m.open.values() if b.var_ub[i] > b.var_lb[i])
    if openings:
        tie.choice = {i: float(len(openings) + r) for r, i in enumerate(openings)}
    return [tie]


GOALS: dict[str, Callable[[AllocationModel], list[Goal]]] = {
    "fairness": fairness_goals,
    "ukraine": ukraine_goals,
    "small_units": small_units_goals,
    "spuk": spuk_goals,
    "fewer_sites": fewer_sites_goals,
}
"""The scenario's goal names (``goals.order``) → the function defining that goal (or goals)."""


def define_goals(m: AllocationModel) -> None:
    """The goals in the scenario's priority order (default: fairness, ukraine, small units, SPUK, fewer sites), then
    the tie-break."""
    goals: list[Goal] = []
    for name in m.scenario.settings.goals.order:
        goals += GOALS[name](m)
    m.goals = goals + tie_break_goals(m)
