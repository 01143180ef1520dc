"""Solve the allocation program goal by goal and read the plan back in the users' terms.

Lexicographic: goal 1 is minimised; its optimum becomes a constraint (``Σ c·x ≤ z*``) and goal 2 is minimised, and
so on. Every goal has integer coefficients over integer variables, so each optimum is a whole number and fixing it
loses nothing. A goal that was stopped by a limit is fixed at its incumbent and the plan is marked *feasible, not
proven optimal*, with the goal's bound and gap. If the first solve finds no solution the plan has no values at all.

The solution is rounded safely (``numpy.rint``, never ``int()``) and then checked against every row and bound of
the program (round-and-check); a rounded plan that violates anything is an error, not a plan.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from planner.model.build import AllocationModel, Goal
from solvers import Limit, LinearProgram, SolveOptions, SolveResult, Status, get_solver, restrict
from solvers.result import relative_gap

INTEGRALITY_TOL = 1e-5
TIE_BREAK = "tie_break"
TIE_BREAK_SECONDS = 10.0
"""The tie-break goal only picks one plan among plans equal on every real goal; it gets at most this long, and if
it is stopped by that limit the plan is still proven optimal on every real goal (the tie-break goal's own status
says it was not proven)."""


def _goal_time_limit(name: str, time_limit: float | None) -> float | None:
    if name != TIE_BREAK:
        return time_limit
    return TIE_BREAK_SECONDS if time_limit is None else min(time_limit, TIE_BREAK_SECONDS)


def _check_interrupt(res: SolveResult) -> None:
    """Ctrl-C inside a solver comes back as a result stopped by an interrupt: stop the whole run, write nothing."""
    if res.limit is Limit.INTERRUPT:
        raise KeyboardInterrupt
FEASIBILITY_TOL = 1e-6


@dataclass(frozen=True)
class GoalResult:
    name: str
    description: str
    unit: str
    status: Status
    objective: float | None
    bound: float | None
    gap: float | None
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "goal": self.name,
            "description": self.description,
            "unit": self.unit,
            "status": self.status.value,
            "objective": self.objective,
            "bound": self.bound,
            "gap": self.gap,
            "seconds": round(self.seconds, 4),
        }


@dataclass
class Solution:
    """Outcome of a lexicographic solve: the overall status, every goal's result and (only if any) the values."""

    status: Status
    solver: str
    solver_version: str
    goals: list[GoalResult]
    values: np.ndarray | None
    seconds: float
    message: str = ""
    limit: str = "none"
    program: LinearProgram | None = field(default=None, repr=False)

    @property
    def has_plan(self) -> bool:
        return self.values is not None and self.status in (Status.OPTIMAL, Status.FEASIBLE)

    @property
    def objective(self) -> float | None:
        return self.goals[0].objective if self.goals else None

    @property
    def bound(self) -> float | None:
        return self.goals[0].bound if self.goals else None

    def __post_init__(self) -> None:
        tie = [g for g in self.goals if g.name == TIE_BREAK and g.status is not Status.OPTIMAL]
        if tie and self.status is Status.OPTIMAL and not self.message:
            self.message = (
                "every goal is proven optimal; the tie-break between equally good plans was stopped after "
                f"{TIE_BREAK_SECONDS:g} s, so another equally good plan may exist"
            )

    @property
    def gap(self) -> float | None:
        """The largest gap of the real goals (the tie-break is not a goal of the users)."""
        gaps = [g.gap for g in self.goals if g.gap is not None and g.name != TIE_BREAK]
        return max(gaps) if gaps else None


def round_and_check(lp: LinearProgram, values: np.ndarray) -> tuple[np.ndarray | None, str]:
    """Round integer variables to the nearest whole number and check every bound and row; return the rounded
    values, or None and the first violations in words."""
    x = np.array(values, dtype=float)
    ints = lp.var_integer
    frac = np.abs(x[ints] - np.rint(x[ints]))
    if frac.size and frac.max() > INTEGRALITY_TOL:
        i = int(np.flatnonzero(ints)[int(frac.argmax())])
        return None, f"variable {lp.var_names[i]} = {x[i]!r} is not whole"
    x[ints] = np.rint(x[ints])
    problems: list[str] = []
    lo_bad = np.flatnonzero(x < lp.var_lb - FEASIBILITY_TOL)
    hi_bad = np.flatnonzero(x > lp.var_ub + FEASIBILITY_TOL)
    problems += [f"{lp.var_names[i]} = {x[i]:g} < {lp.var_lb[i]:g}" for i in lo_bad[:3]]
    problems += [f"{lp.var_names[i]} = {x[i]:g} > {lp.var_ub[i]:g}" for i in hi_bad[:3]]
    act = np.add.reduceat(lp.a_data * x[lp.a_indices], lp.a_indptr[:-1]) if lp.a_data.size else np.zeros(0)
    # reduceat on empty rows returns the next row's value: zero them explicitly.
    empty = lp.a_indptr[:-1] == lp.a_indptr[1:]
    act = np.where(empty, 0.0, act) if act.size else np.zeros(lp.n_rows)
    bad = np.flatnonzero((act < lp.row_lb - FEASIBILITY_TOL) | (act > lp.row_ub + FEASIBILITY_TOL))
    problems += [f"{lp.row_names[i]}: {act[i]:g} not in [{lp.row_lb[i]:g}, {lp.row_ub[i]:g}]" for i in bad[:3]]
    if problems:
        return None, "rounded plan violates " + "; ".join(problems)
    return x, ""


def _fix_goal(lp: LinearProgram, name: str, c: np.ndarray, value: float) -> LinearProgram:
    nz = np.flatnonzero(c)
    ub = math.floor(value + 1e-6)
    return lp.with_extra_rows(
        (f"goal_{name}",),
        np.array([0, nz.size]),
        nz,
        c[nz],
        np.array([-np.inf]),
        np.array([float(ub)]),
    )


# ---------------------------------------------------------------------------------------------------------------
# Per-province decomposition (speed only: the same optimum, goal by goal)
#
# Every constraint family is per municipality or per province; only the two "largest relative shortfall/surplus"
# variables z (goals fairness_max_*) appear in rows of every province. Such a z only bounds shares from above
# (``SCALE·short − task·z ≤ 0``), so min z over the country is the largest of the provinces' own minima, and after
# fixing it every province keeps ``z ≤ z*``. A goal that is a sum splits into the provinces' sums, and the country's
# optimum is reached exactly when every province reaches its own. So each goal is solved province by province:
# smaller programs, the same lexicographic optimum (tests/benchmarks: equal to one SCIP solve of the whole program).


def _max_variables(model: AllocationModel, lp: LinearProgram) -> set[int]:
    """Goal variables that are a maximum: a goal of one variable that only ever relaxes rows as it grows (negative
    coefficient in ``≤`` rows only). Splitting their rows over provinces is exact (see above)."""
    out: set[int] = set()
    rows_of = lp.row_of_nonzero()
    for goal in model.goals:
        if len(goal.terms) != 1:
            continue
        (j, coef), = goal.terms.items()
        at = np.flatnonzero(lp.a_indices == j)
        rows = rows_of[at]
        if coef > 0 and np.all(lp.a_data[at] < 0) and np.all(np.isneginf(lp.row_lb[rows])):
            out.add(int(j))
    return out


def _province_groups(model: AllocationModel, lp: LinearProgram, shared: set[int]) -> list[np.ndarray]:
    """Variable indices per independent group of provinces (rows link variables; ``shared`` are left out).
    One group means nothing to split."""
    n = lp.n_vars
    parent = np.arange(n)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    keep = ~np.isin(lp.a_indices, np.fromiter(shared, dtype=np.int64, count=len(shared)))
    rows_of = lp.row_of_nonzero()[keep]
    cols = lp.a_indices[keep]
    first = np.full(lp.n_rows, -1, dtype=np.int64)
    for r, c in zip(rows_of.tolist(), cols.tolist(), strict=True):
        if first[r] < 0:
            first[r] = c
        else:
            a, b = find(int(first[r])), find(c)
            if a != b:
                parent[b] = a
    # Label variables with a province where the model knows it, and join components by province.
    province: dict[int, str] = {}
    site_prov = {sid: model.munis[s.code].province for sid, s in model.sites.items()}
    for (sid, _), i in model.x.items():
        province[i] = site_prov[sid]
    for sid, i in model.open.items():
        province[i] = site_prov[sid]
    for maps in (model.u, model.ushort, model.short, model.over):
        for key, i in maps.items():
            province[i] = model.munis[key[0]].province
    for maps2 in (model.spuk1, model.spuk3, model.spuk_choice):
        for code, i in maps2.items():
            province[i] = model.munis[code].province
    by_prov: dict[str, int] = {}
    for i, prov in sorted(province.items()):
        root = find(i)
        if prov in by_prov:
            a = find(by_prov[prov])
            if a != root:
                parent[root] = a
        else:
            by_prov[prov] = root
    roots = np.array([find(i) for i in range(n)])
    groups: dict[int, list[int]] = {}
    for i in range(n):
        if i not in shared:
            groups.setdefault(int(roots[i]), []).append(i)
    big = [np.array(g) for g in groups.values() if any(j in province for j in g)]
    rest = [j for g in groups.values() if not any(j in province for j in g) for j in g]
    if rest and big:
        big[0] = np.sort(np.concatenate([big[0], np.array(rest)]))
    return big if big else [np.arange(n)]


def _solve_by_province(
    model: AllocationModel,
    lp: LinearProgram,
    groups: list[np.ndarray],
    shared: set[int],
    backend_name: str,
    opts_base: dict[str, Any],
    hint: np.ndarray | None,
    goals: list[Goal],
) -> Solution:
    """The lexicographic solve, each goal province group by province group (see the section comment); with one
    group this is the plain lexicographic solve of the whole program."""
    backend = get_solver(backend_name)
    version = backend.version()
    started = time.perf_counter()
    shared_idx = np.array(sorted(shared), dtype=np.int64)
    cols = [np.sort(np.concatenate([g, shared_idx])) for g in groups]
    subs = [restrict(lp, cols=c).with_objective(np.zeros(c.size)) for c in cols]
    values = np.array(hint, dtype=float) if hint is not None else None
    results: list[GoalResult] = []
    overall, limit, message = Status.OPTIMAL, "none", ""
    time_limit = opts_base["time_limit"]
    fixed: dict[int, float] = {}
    for goal in goals:
        c = model.builder.objective(goal.terms)
        is_max = len(goal.terms) == 1 and next(iter(goal.terms)) in shared
        goal_started = time.perf_counter()
        objs: list[float] = []
        bounds: list[float | None] = []
        statuses: list[Status] = []
        seconds = 0.0
        new_values = np.zeros(lp.n_vars) if values is None else values.copy()
        failed: SolveResult | None = None
        stopped_by = "none"
        for k, (sub, col) in enumerate(zip(subs, cols, strict=True)):
            # The goal's time budget is shared by its province solves.
            budget = _goal_time_limit(goal.name, time_limit)
            left = None if budget is None else max(1.0, budget - (time.perf_counter() - goal_started))
            sub_hint = values[col] if values is not None else None
            opts = SolveOptions(time_limit=left, mip_gap=opts_base["gap"], threads=opts_base["threads"],
                                seed=opts_base["seed"], hint=sub_hint)
            res = backend.solve(sub.with_objective(c[col], 0.0), opts)
            _check_interrupt(res)
            seconds += res.seconds
            if not res.has_solution or res.values is None:
                failed = res
                break
            statuses.append(res.status)
            if res.status is not Status.OPTIMAL:
                stopped_by = res.limit.value
            reached = float(c[col] @ np.rint(res.values)) if sub.var_integer.all() else float(res.objective or 0)
            objs.append(max(reached, float(res.objective)) if res.objective is not None else reached)
            bounds.append(res.bound)
            new_values[col] = res.values
            if not is_max:
                subs[k] = _fix_goal(sub, goal.name, c[col], objs[-1])
        if failed is not None:
            results.append(GoalResult(goal.name, goal.description, goal.unit, failed.status, None, None, None,
                                      seconds))
            overall, limit, message, values = failed.status, failed.limit.value, failed.message, None
            break
        total = max(objs) if is_max else float(sum(objs))
        known = [b for b in bounds if b is not None]
        bound = (max(known) if is_max else float(sum(known))) if len(known) == len(bounds) else None
        status = Status.OPTIMAL if all(st is Status.OPTIMAL for st in statuses) else Status.FEASIBLE
        gap = 0.0 if status is Status.OPTIMAL else (relative_gap(total, bound) if bound is not None else None)
        if status is not Status.OPTIMAL and goal.name != TIE_BREAK:
            overall, limit = Status.FEASIBLE, stopped_by
        results.append(GoalResult(goal.name, goal.description, goal.unit, status, total, bound, gap, seconds))
        if is_max:
            # Every province keeps z ≤ z*, the country's largest; the plan's z is that value.
            (j,) = goal.terms
            ub = float(math.floor(total + 1e-6))
            for k, col in enumerate(cols):
                pos = int(np.searchsorted(col, j))
                sub_ub = subs[k].var_ub.copy()
                sub_ub[pos] = min(sub_ub[pos], ub)
                subs[k] = subs[k].with_bounds(subs[k].var_lb, sub_ub)
            fixed[j] = ub
        values = new_values
        lp = _fix_goal(lp, goal.name, c, total)
    seconds = time.perf_counter() - started
    if values is not None and overall in (Status.OPTIMAL, Status.FEASIBLE):
        # Each province's solve left its own copy of a shared maximum; the plan's value is the fixed z*.
        for j, z in fixed.items():
            values[j] = z
        checked, why = round_and_check(model.builder.program(), values)
        if checked is None:
            return Solution(Status.ERROR, backend_name, version, results, None, seconds, why, limit, lp)
        return Solution(overall, backend_name, version, results, checked, seconds, message, limit, lp)
    return Solution(overall, backend_name, version, results, None, seconds, message, limit, lp)


def solve_model(
    model: AllocationModel,
    solver: str = "highs",
    *,
    time_limit: float | None = None,
    gap: float = 0.0,
    threads: int = 1,
    seed: int = 0,
    hint: np.ndarray | None = None,
    decompose: bool = True,
) -> Solution:
    """Minimise the model's goals one after the other with the named backend (never a library default).

    ``decompose``: solve each goal province by province when nothing but the fairness maxima links the provinces
    (same optimum, much faster nationally); False solves the whole program at once. Both go through the same
    lexicographic loop; a model without goals is solved once for any feasible plan."""
    get_solver(solver)  # a missing backend is an actionable error before anything is built
    lp = model.builder.program()
    goals = model.goals or [Goal("feasibility", {}, "", "find any plan")]
    shared = _max_variables(model, lp) if decompose else set()
    groups = _province_groups(model, lp, shared) if decompose else [np.arange(lp.n_vars)]
    opts_base = {"time_limit": time_limit, "gap": gap, "threads": threads, "seed": seed}
    return _solve_by_province(model, lp, groups, shared, solver, opts_base, hint, goals)
