"""The minimum-violation plan of an infeasible scenario: which limits to relax, by how much, shared fairly.

Every row of a relaxable family gets a whole, non-negative slack (``Σ x + slack ≥ need`` for a provincial total,
``Σ x − slack ≤ offer`` for an offer). ``relax`` lists the families in the order they may be relaxed: the first is
relaxed most readily, the last is protected most. Default ``("offer_limit", "province_total")``: municipal offers
(preferences) are exceeded before a provincial total is left unmet. The goals, minimised one after the other:

1. for each family from the last in ``relax`` to the first: (a) the largest relaxation relative to the row's own
   bound (per mille), so a shortfall is shared in proportion to tasks and offers, then (b) the total relaxation;
2. then the model's fairness goals (the shortfall against own tasks shared in proportion to tasks, leximin), and with
   ``all_goals`` every other goal of the scenario too (Ukraine, small units, SPUK, fewer sites: slower on national
   data, and not needed to say what must be relaxed).

Site capacities and dates are never relaxed: places that do not exist cannot be planned. The goals are solved by
the plan's own driver (:func:`planner.model.solve.solve_goals`): the same time budget for the whole run, the same
per-province parts, leximin for the min–max goals and the same Ctrl-C handling.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import TypedDict

import numpy as np

from planner.model.build import AllocationModel
from planner.model.goals import SCALE, Goal
from planner.model.plan import MunicipalityRow, Plan, extract_plan, task_figures
from planner.model.solution import GoalRecord, GoalResult
from planner.model.solve import SolveSettings, solve_goals
from solvers import Label, LinearProgram, Status

RELAXABLE: tuple[str, ...] = ("offer_limit", "province_total", "committed_places")
DEFAULT_RELAX: tuple[str, ...] = ("offer_limit", "province_total")


class Relaxation(TypedDict):
    """One relaxed row of the minimum-violation plan."""

    row: str
    family: str
    province: str | None
    code: str | None
    name: str | None
    category: str | None
    period: str | None
    bound: int
    amount: int


class UnmetRow(TypedDict):
    """A municipality below its own task in a category and period whose provincial total was relaxed."""

    code: str
    name: str
    province: str
    category: str
    period: str
    task: int
    planned: int
    shortfall: int


class ElasticJson(TypedDict):
    """The minimum-violation plan in ``planner explain --format json``."""

    status: str
    relax_order: list[str]
    totals: dict[str, int]
    relaxed: list[Relaxation]
    goals: list[GoalRecord]
    unmet_by_municipality: list[UnmetRow]
    municipalities: list[MunicipalityRow]
    """The plan's municipality rows (:class:`planner.model.plan.Plan`)."""
    message: str


@dataclass
class ElasticResult:
    status: Status
    relax: tuple[str, ...]
    relaxed: list[Relaxation]
    """One row per relaxed constraint: row, family, province, code, name, category, period, bound, amount."""
    totals: dict[str, int]
    """Total relaxation per family (places)."""
    goals: list[GoalResult] = field(default_factory=list)
    plan: Plan | None = None
    seconds: float = 0.0
    message: str = ""

    def unmet_by_municipality(self) -> list[UnmetRow]:
        """Plan rows of municipalities below their own task in a category and period whose provincial total was
        relaxed: where the unmet places fall."""
        if self.plan is None:
            return []
        unmet = {(r["province"], r["category"], r["period"]) for r in self.relaxed if r["family"] == "province_total"}
        out: list[UnmetRow] = []
        for row in self.plan.municipalities:
            for k in ("regular", "amv"):
                f = task_figures(row, k)
                if (row["province"], k, row["period"]) in unmet and f.shortfall > 0:
                    out.append({"code": row["code"], "name": row["name"], "province": row["province"],
                                "category": k, "period": row["period"], "task": f.task,
                                "planned": f.planned, "shortfall": f.shortfall})
        return out

    @property
    def shortfall(self) -> int:
        """Places by which the provincial totals stay unmet."""
        return self.totals.get("province_total", 0)

    def as_dict(self) -> ElasticJson:
        return {
            "status": self.status.value,
            "relax_order": list(self.relax),
            "totals": self.totals,
            "relaxed": self.relaxed,
            "goals": [g.as_dict() for g in self.goals],
            "unmet_by_municipality": self.unmet_by_municipality(),
            "municipalities": self.plan.municipalities if self.plan else [],
            "message": self.message,
        }


def _add_slacks(lp: LinearProgram, rows: list[int], signs: list[float]) -> LinearProgram:
    """``lp`` with one new integer column ≥ 0 per row in ``rows`` (coefficient ``signs[k]`` in that row), labelled
    like its row (so the per-province solve keeps it with its province)."""
    n0 = lp.n_vars
    r_all = np.concatenate([lp.row_of_nonzero(), np.asarray(rows, dtype=np.int64)])
    c_all = np.concatenate([lp.a_indices, n0 + np.arange(len(rows), dtype=np.int64)])
    d_all = np.concatenate([lp.a_data, np.asarray(signs, dtype=float)])
    order = np.argsort(r_all, kind="stable")
    indptr = np.zeros(lp.n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(r_all, minlength=lp.n_rows), out=indptr[1:])
    labels = [dataclasses.replace(lp.row_labels[i], family="relax") for i in rows] if lp.row_labels else None
    grown = lp.with_extra_vars([f"relax_{lp.row_names[i]}" for i in rows], 0.0, np.inf, True, labels=labels)
    return dataclasses.replace(grown, a_indptr=indptr, a_indices=c_all[order], a_data=d_all[order])


def minimum_violation_plan(
    model: AllocationModel,
    relax: tuple[str, ...] = DEFAULT_RELAX,
    *,
    solver: str = "highs",
    time_limit: float | None = 60.0,
    all_goals: bool = False,
) -> ElasticResult:
    """The plan that relaxes the fewest places of the families in ``relax`` (see the module docstring)."""
    bad = [f for f in relax if f not in RELAXABLE]
    if bad or not relax:
        raise ValueError(f"cannot relax {', '.join(bad) or 'nothing'}; relaxable families: {', '.join(RELAXABLE)}")
    started = time.perf_counter()
    b = model.builder
    base = b.program()
    rows: list[int] = []
    signs: list[float] = []
    for i, group in enumerate(b.row_groups):
        if group in relax:
            rows.append(i)
            signs.append(1.0 if np.isfinite(base.row_lb[i]) else -1.0)
    lp = _add_slacks(base, rows, signs)
    slack = {i: base.n_vars + k for k, i in enumerate(rows)}
    # One max-relative variable per family: SCALE·slack_i ≤ bound_i · z_f (shared by the provinces: no province).
    zvars: dict[str, int] = {}
    for fam in relax:
        fam_rows = [i for i in rows if b.row_groups[i] == fam]
        if not fam_rows:
            continue
        zvars[fam] = lp.n_vars
        lp = lp.with_extra_vars([f"max_relative_relax_{fam}"], 0.0, np.inf, True, labels=[Label(f"max_relax_{fam}")])
        names, ind, dat = [], [], []
        for i in fam_rows:
            bound = base.row_lb[i] if np.isfinite(base.row_lb[i]) else base.row_ub[i]
            names.append(f"relax_share_{base.row_names[i]}")
            ind += [slack[i], zvars[fam]]
            dat += [float(SCALE), -max(1.0, abs(float(bound)))]
        labels = [dataclasses.replace(base.row_labels[i], family="relax_share") for i in fam_rows]
        lp = lp.with_extra_rows(
            names, np.arange(0, 2 * len(names) + 1, 2), ind, dat, np.full(len(names), -np.inf), np.zeros(len(names)),
            labels=labels if base.row_labels else None,
        )
    goals: list[Goal] = []
    for fam in reversed(relax):
        if fam not in zvars:
            continue
        goals.append(Goal(f"relax_{fam}_max_relative", {zvars[fam]: 1.0}, "‰ of bound",
                          f"largest relaxation of {fam}, relative to its bound", kind="max"))
        goals.append(Goal(f"relax_{fam}_total", {slack[i]: 1.0 for i in rows if b.row_groups[i] == fam}, "places",
                          f"total relaxation of {fam}"))
    goals += [g for g in model.goals if all_goals or g.name.startswith("fairness")]
    solution = solve_goals(lp, goals, SolveSettings(solver=solver, time_limit=time_limit))
    status, values, message = solution.status, solution.values, solution.message
    if not solution.has_plan:
        values = None
    relaxed: list[Relaxation] = []
    totals: dict[str, int] = dict.fromkeys(relax, 0)
    plan = None
    if values is not None:
        for i in rows:
            amount = int(np.rint(values[slack[i]]))
            if amount <= 0:
                continue
            fam = b.row_groups[i]
            totals[fam] += amount
            label = base.row_labels[i]
            code = label.municipality
            relaxed.append({
                "row": base.row_names[i],
                "family": fam,
                "province": label.province,
                "code": code,
                "name": model.munis[code].name if code is not None and code in model.munis else None,
                "category": label.category,
                "period": label.period,
                "bound": int(base.row_lb[i] if np.isfinite(base.row_lb[i]) else base.row_ub[i]),
                "amount": amount,
            })
        sol = dataclasses.replace(solution, values=values[: base.n_vars])
        plan = extract_plan(model, sol)
    results = solution.goals
    return ElasticResult(status, relax, relaxed, totals, results, plan, time.perf_counter() - started, message)
