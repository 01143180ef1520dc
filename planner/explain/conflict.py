"""Minimal conflicting sets of named constraints for an infeasible allocation program.

Method ``deletion`` works with every backend: it only re-solves the feasibility of the program restricted to a
subset of rows and the variables they use (:func:`solvers.restrict`). Steps:

1. Localise: rows are grouped by (province, period, category), else by (province, period); each group's program
   is a relaxation of the whole, so an infeasible group holds a conflict of its own. Every infeasible group is
   explained separately (a scenario can fail in 2025 *and* 2026). Only when no group is infeasible on its own is
   the whole program filtered. Each feasibility solve gets only its rows and the variables they use.
2. Group deletion: blocks of rows are dropped while the rest stays infeasible: whole families first (in
   :data:`planner.explain.rows.DROP_ORDER`), then halves of a block, down to single rows. A row whose removal makes
   the rest feasible is necessary; since dropping rows only relaxes, it stays necessary, so the result is
   irreducible: every row in it is needed (a minimal conflict, not necessarily the smallest one).

Method ``iis`` starts from the backend's irreducible infeasible subsystem of the LP relaxation (``Solver.iis``,
only backends declaring ``Feature.IIS``: HiGHS; when the relaxation is feasible, from all rows) and then runs the
deletion filter on it, which makes it irreducible for the integer program too. Method ``cpsat`` asks CP-SAT for a
core with assumption literals (``Solver.unsat_core``, ``Feature.UNSAT_CORE``) and then runs the same deletion
filter on that core with CP-SAT. A backend without the capability is an actionable error naming one that has it;
no module here imports a backend.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from typing import TypedDict

import numpy as np

from planner.explain.rows import DROP_ORDER, FeasibilityProgram, RowInfo, feasibility_program
from planner.model.build import AllocationModel
from solvers import Feature, SolveOptions, Status, get_solver, restrict

METHODS = ("deletion", "cpsat", "iis")


class ExplainError(RuntimeError):
    """A feasibility solve gave no verdict (time limit, solver error): the conflict cannot be trusted."""


@dataclass(frozen=True)
class Conflict:
    """One irreducible set of rows that cannot hold together, localised to a province and period when possible."""

    province: str | None
    period: str | None
    rows: tuple[RowInfo, ...]

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.rows]

    def as_dict(self) -> ConflictJson:
        return {"province": self.province, "period": self.period, "rows": [r.as_dict() for r in self.rows]}


class ConflictJson(TypedDict):
    """One conflict in ``planner explain --format json``."""

    province: str | None
    period: str | None
    rows: list[dict[str, object]]


@dataclass(frozen=True)
class ConflictReport:
    feasible: bool
    conflicts: tuple[Conflict, ...]
    method: str
    solver: str
    solves: int
    seconds: float


class _Oracle:
    """Answers "is the program restricted to these rows feasible?" and counts the solves."""

    def __init__(self, fp: FeasibilityProgram, solver: str, time_limit: float | None) -> None:
        self.fp = fp
        self.backend = get_solver(solver)
        self.options = SolveOptions(time_limit=time_limit)
        self.solves = 0

    def feasible(self, rows: list[int] | np.ndarray) -> bool:
        self.solves += 1
        res = self.backend.solve(restrict(self.fp.lp, rows=rows), self.options)
        if res.status in (Status.OPTIMAL, Status.FEASIBLE):
            return True
        if res.status is Status.INFEASIBLE:
            return False
        raise ExplainError(f"feasibility solve gave {res.status.value}: {res.message}")


def _rank(info: RowInfo) -> int:
    return DROP_ORDER.index(info.family) + 1 if info.family in DROP_ORDER else 0


def deletion_filter(oracle: _Oracle, rows: list[int]) -> list[int]:
    """An irreducible infeasible subset of ``rows`` (which must be infeasible), by group deletion."""
    infos = oracle.fp.rows
    keep = set(rows)
    families: dict[int, list[int]] = {}
    for i in sorted(rows, key=lambda i: (_rank(infos[i]), i)):
        families.setdefault(_rank(infos[i]), []).append(i)
    queue: deque[list[int]] = deque(families[k] for k in sorted(families))
    necessary: set[int] = set()
    while queue:
        block = [i for i in queue.popleft() if i in keep and i not in necessary]
        if not block:
            continue
        rest = sorted(keep - set(block))
        if not oracle.feasible(rest):
            keep -= set(block)
        elif len(block) == 1:
            necessary.add(block[0])
        else:
            half = len(block) // 2
            queue.appendleft(block[half:])
            queue.appendleft(block[:half])
    return sorted(keep, key=lambda i: (-_rank(infos[i]), infos[i].name))


def find_conflicts(
    model: AllocationModel,
    *,
    method: str = "deletion",
    solver: str = "highs",
    time_limit: float | None = 60.0,
) -> ConflictReport:
    """Every localised minimal conflict of the model's hard rows; ``feasible`` when the hard rows hold together."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of: {', '.join(METHODS)}")
    started = time.perf_counter()
    fp = feasibility_program(model)
    backend = "cpsat" if method == "cpsat" else solver
    oracle = _Oracle(fp, backend, time_limit)
    if method == "iis":
        oracle.backend.require(Feature.IIS, "start the conflict search from an IIS (--method iis)")
    elif method == "cpsat":
        oracle.backend.require(Feature.UNSAT_CORE, "start the conflict search from a core (--method cpsat)")
    every = list(range(fp.lp.n_rows))
    if oracle.feasible(every):
        return ConflictReport(True, (), method, backend, oracle.solves, time.perf_counter() - started)
    order = {p.name: n for n, p in enumerate(model.periods)}
    found: list[Conflict] = []
    # Finest first: (province, period, category) — sites serve one category, so these rarely interact — then
    # (province, period) for conflicts that need rows of both categories.
    for with_category in (True, False):
        groups: dict[tuple[str, str, str], list[int]] = {}
        for i, r in enumerate(fp.rows):
            if r.province is None or r.period is None or (with_category and r.category is None):
                continue
            cat = (r.category or "") if with_category else ""
            groups.setdefault((r.province, r.period, cat), []).append(i)
        for prov, period, cat in sorted(groups, key=lambda k: (k[0], order[k[1]], k[2])):
            rows = groups[(prov, period, cat)]
            if oracle.feasible(rows):
                continue
            found.append(Conflict(prov, period, tuple(fp.rows[i] for i in _minimise(oracle, fp, rows, method))))
        if found:
            break
    if not found:
        found.append(Conflict(None, None, tuple(fp.rows[i] for i in _minimise(oracle, fp, every, method))))
    return ConflictReport(False, tuple(found), method, backend, oracle.solves, time.perf_counter() - started)


def _minimise(oracle: _Oracle, fp: FeasibilityProgram, rows: list[int], method: str) -> list[int]:
    """A minimal conflict within ``rows``: the backend's IIS or core first (declared capabilities), then the
    deletion filter, which makes it irreducible for the integer program."""
    if method in ("iis", "cpsat"):
        sel = sorted(set(rows))
        part = restrict(fp.lp, rows=sel)
        found = oracle.backend.iis(part, oracle.options) if method == "iis" else oracle.backend.unsat_core(
            part, oracle.options
        )
        core = rows if not found else [sel[i] for i in found]
        if not oracle.feasible(core):
            rows = core
    return deletion_filter(oracle, rows)

