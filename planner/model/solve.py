"""Solve a program's goals one after the other — the one lexicographic driver of the planner.

:func:`solve_goals` is used by ``plan`` (:func:`solve_model`) and by the minimum-violation plan of
:mod:`planner.explain.elastic`; both get the same time budget, the same Ctrl-C handling (a solver stopped by Ctrl-C
stops the whole run, nothing is written) and the same round-and-check.

**Goals.** Goal 1 is minimised; its optimum becomes a row (``Σ c·x ≤ z*``) and goal 2 is minimised, and so on. Every
goal has integer coefficients over integer variables, so each optimum is a whole number and fixing it loses nothing.
A goal stopped by a limit is fixed at its incumbent and the plan is *feasible, not proven optimal*, with the goal's
bound and gap. If the first goal finds no solution there is no plan at all. A goal with a canonical choice
(:attr:`Goal.choice`, the tie-break's openings) first minimises the choice, fixes its variables at that proven
solution, then minimises the goal over what is left (:meth:`_Run.chosen`).

**Min–max goals are leximin.** A goal declared ``kind="max"`` (one variable ``z`` that bounds terms from above, rows
``a·x − t·z ≤ b``, e.g. the largest relative shortfall) is not just minimised: its binding terms are fixed and the
rest re-optimised, level by level. Round: minimise ``z`` over the free terms (``z*``); find the terms *forced* to
stay at ``z*`` — those that are at ``z*`` in every solution: maximise how many candidates can go below ``z*`` at once
(one 0/1 variable per candidate), drop those, and ask again until none can; fix the forced terms at ``z*`` (``z``
replaced by ``z*`` in their rows) and minimise ``z`` over the rest; repeat until no term is free, the rest cannot go
lower together (a tie), ``z*`` is ``z``'s lower bound, or after :data:`LEXIMIN_ROUNDS` rounds. Every set and level
this fixes is determined by the program alone, not by the solutions a solver happens to find, so the later goals
reach the same optimum with every backend. So one forced term (a zero offer, a planned unit far above a small
task) no longer lets every other term take any value up to it: a shortfall, or the surplus that closes a province,
is spread in proportion to tasks. The goal's reported value is the largest level, ``z*`` of the first round.

**Per-province parts.** When every variable is labelled, variables are grouped by ``Label.province``; variables
without a province (the min–max ``z`` of the fairness goals) are shared: each part gets a copy. This is exact when no
row links two provinces and each shared variable is the one variable of a min–max goal that only bounds terms from
above: a sum splits into the parts' sums, a maximum is the largest of the parts' maxima, and leximin is separable over
independent parts. Otherwise (or with ``decompose=False``) the whole program is one part. The fairness goals
reach the same values as one whole solve, much faster nationally; the leximin rounds run per part (at most
:data:`LEXIMIN_ROUNDS` each), so one whole part spends them on the whole country and the goals after fairness may
differ slightly from the split.

**Parts in parallel.** Nothing a part's goals do depends on another part: each part runs all goals in order on its
own program. So the parts are split over worker processes (:attr:`SolveSettings.workers`; by default as many as the
machine's cores, for programs of at least :data:`PARALLEL_MIN_VARS` variables), each with a group of parts of about
equal size, and the main process adds up the goals. Every solve is the same in any process, so the plan does not
depend on the number of workers (unless a time limit binds). Ctrl-C reaches the main process, which ends its workers
and stops the run.

**Time budget.** ``time_limit`` is for the whole run, a deadline, never raised: no solve gets a minimum. The goals
are in priority order, so a goal may use all that is left when it starts (the tie-break too: it is proven like every
goal, not capped, so every backend that proves it gives the same plan); within a goal, a worker's part ``k`` of
``P`` gets an equal share ``left / (P − k)`` of what is left, so time a fast part does not use passes to the next,
and a leximin round uses what is left of its part's share. Once the deadline has passed no solve starts: every later
goal keeps the last solution (feasible for every row) and is reported stopped by the time limit, so a time-limited
run is never reported optimal; if no solution was found yet there is no plan (``no_solution``, limit ``time``). A
goal's ``seconds`` are the sum of its solves' times (in parallel they add up to more than the time the run took).

**Warm starts between goals.** Each goal starts from the previous goal's solution (the caller's ``hint`` starts the
first goal), and each leximin round from the last one: it stays feasible once that goal is fixed at its value, so
every later solve starts with an incumbent. Only a start that satisfies every bound and row is handed to the backend
(:func:`feasible_start`): the leximin rounds once passed starts with ``z`` lowered below the level its terms were at,
and with such starts HiGHS 1.16 claimed "optimal" at worse values than SCIP and CP-SAT proved, so warm starts were
off. A start never changes what is proven, only how soon; the tests that every backend reaches the same value on
every goal stay (``tests/benchmarks/test_smoke.py``, ``tests/model/test_backends.py``).

**Backends and reuse.** ``solver="auto"`` gives each goal its backend from a fixed table
(:mod:`planner.model.backends`); with ``reuse`` (sweeps) a part proven earlier in this process with the same digest is
reused, not solved (:mod:`planner.model.reuse`: what a national what-if does not change is not solved again).

The solution is rounded safely (``numpy.rint``, never ``int()``) and then checked against every row and bound of the
program (round-and-check); a rounded plan that violates anything is an error, not a plan.
"""

from __future__ import annotations

import dataclasses
import math
import multiprocessing
import signal
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from planner.model.backends import AUTO, goal_backends
from planner.model.build import AllocationModel
from planner.model.fixing import count_program, fix_goal, fix_terms, with_ub
from planner.model.goals import TIE_BREAK, Goal
from planner.model.reuse import PartStore, part_digest
from planner.model.solution import FEASIBILITY_TOL, GoalResult, Solution, round_and_check
from planner.scenario.load import Scenario
from solvers import (
    Limit,
    LinearProgram,
    SolveOptions,
    Solver,
    SolveResult,
    Status,
    check_numerics,
    get_solver,
    max_threads,
    restrict,
)
from solvers.program import IntArray
from solvers.result import relative_gap

LEXIMIN_ROUNDS = 3
"""Leximin rounds per part and min–max goal after the first minimisation: the top levels are evened out (one forced
term, then the next binding ones); the terms still free after them keep the common bound of the last level. Each round
costs two solves; with 3 the national plan is no slower than the single min–max was (the later goals get a smaller
feasible set), with 50 its fairness goals took 5× longer."""


def feasible_start(lp: LinearProgram, values: np.ndarray | None) -> np.ndarray | None:
    """``values`` rounded as a start for a solve of ``lp`` when they satisfy every bound and row, else None.

    Only a feasible start is handed to a backend: an infeasible one (the leximin rounds once passed the previous
    values with ``z`` lowered below the level they were at) is at best ignored, and HiGHS has answered "optimal" at a
    worse value after one (see ``tests/model/test_warm_start.py``). The program is pure integer with integral data,
    so a rounded start is feasible exactly, not within a tolerance."""
    if values is None or values.shape != (lp.n_vars,):
        return None
    return round_and_check(lp, values)[0]


def _check_interrupt(res: SolveResult) -> None:
    """Ctrl-C inside a solver comes back as a result stopped by an interrupt: stop the whole run, write nothing."""
    if res.limit is Limit.INTERRUPT:
        raise KeyboardInterrupt


# ---------------------------------------------------------------------------------------------------------------
# Parts: provinces by label


def max_goal_variable(lp: LinearProgram, goal: Goal) -> int | None:
    """The variable ``z`` of a declared min–max goal when it only bounds terms from above (a negative coefficient in
    ``≤`` rows only), else None (the goal is then minimised as a sum)."""
    if goal.kind != "max" or len(goal.terms) != 1:
        return None
    ((j, coef),) = goal.terms.items()
    at = np.flatnonzero(lp.a_indices == j)
    rows = lp.row_of_nonzero()[at]
    if coef > 0 and at.size and np.all(lp.a_data[at] < 0) and np.all(np.isneginf(lp.row_lb[rows])):
        return int(j)
    return None


def province_parts(lp: LinearProgram, goals: Sequence[Goal]) -> tuple[list[IntArray], IntArray]:
    """Variable indices per province (from ``lp.var_labels``) and the shared variables (no province); one part of
    every variable when splitting would not be exact (see the module docstring)."""
    whole: tuple[list[IntArray], IntArray] = ([np.arange(lp.n_vars)], np.zeros(0, dtype=np.int64))
    if not lp.var_labels:
        return whole
    names = sorted({lab.province for lab in lp.var_labels if lab.province is not None})
    if len(names) < 2:
        return whole
    number = {p: k for k, p in enumerate(names)}
    pid = np.array([-1 if lab.province is None else number[lab.province] for lab in lp.var_labels], dtype=np.int64)
    shared = np.flatnonzero(pid < 0)
    maxima = {max_goal_variable(lp, g) for g in goals}
    if not set(shared.tolist()) <= maxima:
        return whole
    rows, prov = lp.row_of_nonzero(), pid[lp.a_indices]
    own = prov >= 0
    lo = np.full(lp.n_rows, len(names), dtype=np.int64)
    hi = np.full(lp.n_rows, -1, dtype=np.int64)
    np.minimum.at(lo, rows[own], prov[own])
    np.maximum.at(hi, rows[own], prov[own])
    if np.any((hi >= 0) & (lo != hi)):
        return whole  # a row links two provinces
    return [np.flatnonzero(pid == k) for k in range(len(names))], shared


# ---------------------------------------------------------------------------------------------------------------
# One solve of one part


@dataclass
class _Step:
    """What one solve (or a leximin sequence of solves) of one part gave."""

    values: np.ndarray | None
    objective: float
    bound: float | None
    proven: bool
    status: Status
    limit: Limit
    message: str
    seconds: float
    cpu: float = 0.0
    """CPU seconds of this process while it solved (the solver's threads included), for profiles."""

    @property
    def ok(self) -> bool:
        return self.values is not None


@dataclass
class _Run:
    """The backend, the options every solve shares and the deadline of the current goal."""

    backend: Solver
    options: SolveOptions
    until: float | None

    def share(self, parts_left: int) -> float | None:
        """An equal share of what is left until the goal's deadline (≤ 0 when it has passed)."""
        return None if self.until is None else (self.until - time.perf_counter()) / max(1, parts_left)

    def minimise(
        self,
        lp: LinearProgram,
        c: np.ndarray,
        seconds: float | None,
        hint: np.ndarray | None,
        fallback: np.ndarray | None,
    ) -> _Step:
        """Minimise ``c·x`` over ``lp`` within ``seconds``. ``fallback`` (values feasible for ``lp``) stands in
        when the time is up or a limit stopped the solve before it found anything."""
        if seconds is not None and seconds <= 0:
            return self._fallback(c, fallback, "time limit reached before this solve", 0.0)
        cpu = time.process_time()
        opts = dataclasses.replace(self.options, time_limit=seconds, hint=feasible_start(lp, hint))
        res = self.backend.solve(lp.with_objective(c), opts)
        cpu = time.process_time() - cpu
        _check_interrupt(res)
        if not res.has_solution or res.values is None:
            if res.status in (Status.NO_SOLUTION, Status.UNKNOWN) and fallback is not None:
                return self._fallback(c, fallback, res.message, res.seconds, res.limit)
            return _Step(None, math.nan, None, False, res.status, res.limit, res.message, res.seconds, cpu)
        reached = float(c @ np.rint(res.values)) if lp.var_integer.all() else float(res.objective or 0.0)
        objective = max(reached, float(res.objective)) if res.objective is not None else reached
        if lp.var_integer.all() and abs(objective - reached) <= FEASIBILITY_TOL:
            objective = reached  # the whole number the rounded plan reaches, not the solver's 505.00000000000045
        proven = res.status is Status.OPTIMAL
        return _Step(res.values, objective, res.bound, proven, res.status, res.limit, res.message, res.seconds, cpu)

    @staticmethod
    def _fallback(
        c: np.ndarray, fallback: np.ndarray | None, message: str, seconds: float, limit: Limit = Limit.TIME
    ) -> _Step:
        if fallback is None:
            return _Step(None, math.nan, None, False, Status.NO_SOLUTION, limit, message, seconds)
        value = float(c @ fallback)
        return _Step(fallback, value, None, False, Status.FEASIBLE, limit, message, seconds)

    def _forced(
        self, lp: LinearProgram, free: IntArray, z: int, level: int, x: np.ndarray, parts_left: int
    ) -> tuple[IntArray | None, float, float]:
        """The free terms that stay at ``level`` in *every* solution of ``lp`` (``x`` is one): ask, as long as any
        candidate can, which candidates can go below the level (as many as possible at once) and drop those. The
        set does not depend on which solutions the solver finds, so neither do the later goals. None when a solve
        was stopped before it proved its answer. Also returns the seconds and CPU seconds of its solves."""
        candidates, seconds, cpu = free, 0.0, 0.0
        while candidates.size:
            count_lp, below = count_program(lp, candidates, z, level)
            weights = np.zeros(count_lp.n_vars)
            weights[lp.n_vars :] = -1.0
            start = np.concatenate([x, np.zeros(candidates.size)])
            counted = self.minimise(count_lp, weights, self.share(parts_left), start, start)
            seconds += counted.seconds
            cpu += counted.cpu
            if not counted.proven or counted.values is None:
                return None, seconds, cpu
            can = np.rint(counted.values[below]) > 0.5
            if not can.any():
                break
            candidates = candidates[~can]
        return candidates, seconds, cpu

    def chosen(
        self,
        lp: LinearProgram,
        choice: np.ndarray,
        c: np.ndarray,
        parts_left: int,
        hint: np.ndarray | None,
        fallback: np.ndarray | None,
    ) -> _Step:
        """A goal with a canonical choice first (:attr:`Goal.choice`): minimise ``choice·x``, fix the choice's
        variables at that solution, then minimise ``c·x``. Proven when both solves are; when the first is not, its
        solution stands (feasible, not proven) and the second is not solved."""
        first = self.minimise(lp, choice, self.share(parts_left), hint, fallback)
        if not first.ok or first.values is None:
            return first
        value = float(c @ np.rint(first.values))
        reached = _Step(first.values, value, None, False, first.status, first.limit, first.message, first.seconds,
                        first.cpu)
        if not first.proven:
            return reached
        at = np.flatnonzero(choice)
        lb, ub = lp.var_lb.copy(), lp.var_ub.copy()
        lb[at] = ub[at] = np.rint(first.values[at])
        second = self.minimise(lp.with_bounds(lb, ub), c, self.share(parts_left), first.values, first.values)
        seconds, cpu = first.seconds + second.seconds, first.cpu + second.cpu
        if second.values is None:
            return dataclasses.replace(reached, seconds=seconds, cpu=cpu)
        return dataclasses.replace(second, seconds=seconds, cpu=cpu)

    def leximin(
        self, lp: LinearProgram, z: int, parts_left: int, hint: np.ndarray | None, fallback: np.ndarray | None
    ) -> tuple[_Step, LinearProgram]:
        """The leximin rounds of a min–max goal with variable ``z`` on one part (see the module docstring); the
        part's program comes back with the terms fixed at their levels and ``z`` bounded by the last level."""
        c = np.zeros(lp.n_vars)
        c[z] = 1.0
        first = self.minimise(lp, c, self.share(parts_left), hint, fallback)
        if not first.ok or first.values is None:
            return first, lp
        level = round(first.objective)
        lp = with_ub(lp, z, level)
        x, proven, seconds, cpu = first.values, first.proven, first.seconds, first.cpu
        free = np.flatnonzero(lp.a_indices == z)
        free = lp.row_of_nonzero()[free]
        for _ in range(LEXIMIN_ROUNDS):
            if not proven or free.size == 0 or level <= math.ceil(lp.var_lb[z] - 1e-9):
                break
            forced, spent, spent_cpu = self._forced(lp, free, z, level, x, parts_left)
            seconds += spent
            cpu += spent_cpu
            if forced is None:
                proven = False
                break
            if forced.size == 0:
                break  # a tie: each term could go below the level, but not all of them together
            lp = fix_terms(lp, forced, z, level)
            free = np.setdiff1d(free, forced)
            if free.size == 0:
                break
            step = self.minimise(lp, c, self.share(parts_left), x, x)
            seconds += step.seconds
            cpu += step.cpu
            if step.values is None or not step.proven:
                proven = False
                break
            if round(step.objective) >= level:
                break  # the rest cannot all go lower together: they keep the common bound
            x, level = step.values, round(step.objective)
            lp = with_ub(lp, z, level)
        status = Status.OPTIMAL if proven else Status.FEASIBLE
        limit = Limit.NONE if proven else (first.limit if not first.proven else Limit.TIME)
        return _Step(x, first.objective, first.bound, proven, status, limit, first.message, seconds, cpu), lp


# ---------------------------------------------------------------------------------------------------------------
# The settings


@dataclass(frozen=True)
class SolveSettings:
    """How a run is solved — one frozen object for ``plan``, sweep, compare and the minimum-violation plan.

    ``solver``: the backend; ``time_limit``: seconds for the whole run (a deadline, never raised; None: none);
    ``gap``: relative MIP gap (0 = prove optimal); ``threads``: threads per solve (1 keeps results reproducible);
    ``seed``: the solver's random seed; ``decompose``: solve province by province where that is exact (see the
    module docstring); ``workers``: processes that solve the parts at the same time (None: as many as the machine's
    cores allow for programs of at least :data:`PARALLEL_MIN_VARS` variables, 1: all in this process). Each part is
    solved the same way in any process, so ``workers`` changes the time, never the plan (unless a time limit binds).
    ``reuse``: take a part proven earlier in this process from :data:`PARTS` instead of solving it again
    (:mod:`planner.model.reuse`; on in sweeps, where what-ifs share most provinces). ``solver="auto"``: a backend
    per goal (:mod:`planner.model.backends`).
    """

    solver: str = "highs"
    time_limit: float | None = 60.0
    gap: float = 0.0
    threads: int = 1
    seed: int = 0
    decompose: bool = True
    workers: int | None = None
    reuse: bool = False

    @classmethod
    def from_scenario(cls, scenario: Scenario, **overrides: Any) -> SolveSettings:
        """The scenario's ``[solver]`` settings, with every override that is not None."""
        s = scenario.settings.solver

        def pick(key: str, default: Any) -> Any:
            value = overrides.get(key)
            return default if value is None else value

        return cls(
            solver=pick("solver", s.name),
            time_limit=pick("time_limit", s.time_limit),
            gap=pick("gap", s.gap),
            threads=pick("threads", s.threads),
            seed=pick("seed", s.seed),
            decompose=pick("decompose", True),
            workers=overrides.get("workers"),
            reuse=pick("reuse", False),
        )

    def options(self) -> SolveOptions:
        """The backend options every solve of the run shares (checked here: an option out of range raises)."""
        return SolveOptions(time_limit=self.time_limit, mip_gap=self.gap, threads=self.threads, seed=self.seed)

    def worker_count(self, lp: LinearProgram | int, parts: int) -> int:
        """Processes for ``parts`` parts of ``lp`` (a program or its number of variables): 1 for a small program, a
        single part, or inside a worker process (a daemon cannot start processes: the sweep's workers solve their
        parts themselves)."""
        n_vars = lp if isinstance(lp, int) else lp.n_vars
        if self.workers is not None:
            return max(1, min(self.workers, parts))
        if parts < 2 or n_vars < PARALLEL_MIN_VARS or multiprocessing.current_process().daemon:
            return 1
        return max(1, min(parts, max_threads() // max(1, self.threads)))


PARALLEL_MIN_VARS = 2000
"""Below this many variables the parts are solved in this process: starting worker processes (about 0,1 s) costs
more than solving the parts of a small program."""


# ---------------------------------------------------------------------------------------------------------------
# The driver


@dataclass(frozen=True)
class _Part:
    """One part's program and, per goal, its objective and the local index of its min–max variable (or None)."""

    lp: LinearProgram
    objectives: tuple[np.ndarray, ...]
    maxima: tuple[int | None, ...]
    hint: np.ndarray | None
    choices: tuple[np.ndarray | None, ...] = ()
    """Per goal, the objective of its canonical choice (:attr:`Goal.choice`) or None."""


@dataclass(frozen=True)
class _Job:
    """What every worker shares: the backend per goal, the options, the goals' names and the run's deadline (epoch
    seconds, ``time.time()``, so it means the same in every process)."""

    backends: tuple[str, ...]
    options: SolveOptions
    goals: tuple[str, ...]
    deadline: float | None


def _solve_parts(job: _Job, parts: Sequence[_Part]) -> list[list[_Step]]:
    """Every goal on each of ``parts``, goal by goal (goal 1 on every part, then goal 2, …): per part the steps of
    the goals it reached. Stops at the first part without a solution (the goals after it are not solved)."""
    backends = {name: get_solver(name) for name in sorted(set(job.backends))}
    deadline = None if job.deadline is None else time.perf_counter() + (job.deadline - time.time())
    steps: list[list[_Step]] = [[] for _ in parts]
    values = [p.hint for p in parts]
    lps = [p.lp for p in parts]
    solved = False  # values hold a solution (not just a hint)
    for i, name in enumerate(job.goals):
        run = _Run(backends[job.backends[i]], job.options, deadline)
        for k, part in enumerate(parts):
            # The caller's hint starts the first goal, the previous goal's solution every later one (it stays
            # feasible once that goal is fixed at its value; feasible_start checks it).
            sub_hint = values[k]
            fallback = values[k] if solved else None
            c, z = part.objectives[i], part.maxima[i]
            choice = part.choices[i] if part.choices else None
            if choice is not None and z is None:
                step = run.chosen(lps[k], choice, c, len(parts) - k, sub_hint, fallback)
                if step.ok:
                    lps[k] = fix_goal(lps[k], name, c, step.objective)
            elif z is None:
                step = run.minimise(lps[k], c, run.share(len(parts) - k), sub_hint, fallback)
                if step.ok:
                    lps[k] = fix_goal(lps[k], name, c, step.objective)
            else:
                step, lps[k] = run.leximin(lps[k], z, len(parts) - k, sub_hint, fallback)
            steps[k].append(step)
            if step.values is None:
                return steps
            values[k] = step.values
        solved = True
    return steps


class _WorkerInterrupted(Exception):
    """A backend in a worker reported a stop by an interrupt: carried back to the main process as an ordinary
    exception (a ``KeyboardInterrupt`` ends the worker process itself, and its parts would never come back)."""


def _solve_parts_in_worker(job: _Job, parts: Sequence[_Part]) -> list[list[_Step]]:
    try:
        return _solve_parts(job, parts)
    except KeyboardInterrupt as exc:
        raise _WorkerInterrupted("a solve in a worker process was stopped by an interrupt") from exc


def _ignore_sigint() -> None:
    """Worker processes leave Ctrl-C to the main process, which ends them and stops the run."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _balanced(sizes: Sequence[int], workers: int) -> list[list[int]]:
    """The parts split over ``workers`` groups, largest first to the least loaded group (ties: the lower group);
    each group keeps the parts' order. Deterministic."""
    load = [0] * workers
    groups: list[list[int]] = [[] for _ in range(workers)]
    for k in sorted(range(len(sizes)), key=lambda k: (-sizes[k], k)):
        g = min(range(workers), key=lambda g: (load[g], g))
        groups[g].append(k)
        load[g] += sizes[k]
    return [sorted(g) for g in groups if g]


def _solve_all(job: _Job, parts: list[_Part], workers: int) -> list[list[_Step]]:
    """:func:`_solve_parts` over every part: in this process, or in ``workers`` processes, each with a group of
    parts of about equal size. Ctrl-C ends the workers and stops the run (``KeyboardInterrupt``)."""
    if workers <= 1:
        return _solve_parts(job, parts)
    groups = _balanced([int(p.lp.a_indices.size + p.lp.n_vars) for p in parts], workers)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = context.Pool(len(groups), initializer=_ignore_sigint)
    try:
        pending = pool.starmap_async(_solve_parts_in_worker, [(job, [parts[k] for k in g]) for g in groups])
        while not pending.ready():
            pending.wait(0.1)
        answers = pending.get()
    except _WorkerInterrupted:
        raise KeyboardInterrupt from None  # as in one process: a solve stopped by an interrupt stops the run
    finally:
        pool.terminate()
        pool.join()
    steps: list[list[_Step]] = [[] for _ in parts]
    for group, answer in zip(groups, answers, strict=True):
        for k, part_steps in zip(group, answer, strict=True):
            steps[k] = part_steps
    return steps


PARTS: PartStore[list[_Step]] = PartStore()
"""The parts proven in this process, by digest (:mod:`planner.model.reuse`)."""


def _solve_or_reuse(job: _Job, parts: list[_Part], settings: SolveSettings) -> tuple[list[list[_Step]], int]:
    """Every part's steps: a part proven earlier in this process (same digest) is reused (its steps with 0 seconds:
    nothing was solved for it now), the others are solved (:func:`_solve_all`) and kept when every goal was proven.
    Returns the steps and how many parts were reused."""
    if not settings.reuse:
        return _solve_all(job, parts, settings.worker_count(sum(p.lp.n_vars for p in parts), len(parts))), 0
    keys = [part_digest(job.backends, job.options, job.goals, p.lp, _objectives_and_choices(p), p.maxima, p.hint)
            for p in parts]
    found = [PARTS.get(k) for k in keys]
    todo = [k for k, f in enumerate(found) if f is None]
    size = sum(parts[k].lp.n_vars for k in todo)
    solved = _solve_all(job, [parts[k] for k in todo], settings.worker_count(size, len(todo)))
    steps: list[list[_Step]] = [[dataclasses.replace(s, seconds=0.0) for s in f] if f is not None else []
                                for f in found]
    for k, part_steps in zip(todo, solved, strict=True):
        steps[k] = part_steps
        if len(part_steps) == len(job.goals) and all(s.proven for s in part_steps):
            PARTS.put(keys[k], part_steps)
    return steps, len(parts) - len(todo)


def _objectives_and_choices(part: _Part) -> tuple[np.ndarray, ...]:
    """What a part minimises, for its digest: every goal's objective, then the goals' choices (an empty array for a
    goal without one, so a choice cannot pass for another goal's)."""
    return (*part.objectives, *(np.zeros(0) if ch is None else ch for ch in part.choices))


def solve_goals(
    lp: LinearProgram,
    goals: Sequence[Goal],
    settings: SolveSettings | None = None,
    *,
    hint: np.ndarray | None = None,
) -> Solution:
    """Minimise ``goals`` one after the other over ``lp`` as ``settings`` say (see the module docstring).

    Raises (before anything is solved): ``solvers.OptionError`` for an option out of range (``threads`` above the
    machine's CPU count, a non-positive ``time_limit``), ``solvers.NumericsError`` for numbers the backends cannot
    handle reliably, ``solvers.SolverNotAvailable`` for a missing backend."""
    settings = settings or SolveSettings()
    options = settings.options()
    goals = list(goals) or [Goal("feasibility", {}, "", "find any plan")]
    asked = goal_backends(settings.solver, [g.name for g in goals])
    backends = {name: get_solver(name) for name in dict.fromkeys(asked)}
    names = tuple(backends[n].name for n in asked)
    versions = {b.name: b.version() for b in backends.values()}
    objectives = [_objective(lp.n_vars, g) for g in goals]
    choices = goal_choices(lp.n_vars, goals)
    check_numerics(lp, objectives + [ch for ch in choices if ch is not None])
    solver_name = names[0] if len(versions) == 1 else AUTO
    version = "; ".join(f"{n} {v}" for n, v in versions.items()) if len(versions) > 1 else versions[names[0]]
    started = time.perf_counter()
    deadline = None if settings.time_limit is None else time.time() + settings.time_limit
    if settings.decompose:
        groups, shared = province_parts(lp, goals)
    else:
        groups, shared = [np.arange(lp.n_vars)], np.zeros(0, np.int64)
    cols = [np.sort(np.concatenate([g, shared])) for g in groups]
    maxima = [max_goal_variable(lp, g) for g in goals]
    parts = [
        _Part(
            restrict(lp, cols=col).with_objective(np.zeros(col.size)),
            tuple(c[col] for c in objectives),
            tuple(None if z is None else int(np.searchsorted(col, z)) for z in maxima),
            None if hint is None else np.array(hint, dtype=float)[col],
            tuple(None if ch is None else ch[col] for ch in choices),
        )
        for col in cols
    ]
    job = _Job(names, options, tuple(g.name for g in goals), deadline)
    part_steps, reused = _solve_or_reuse(job, parts, settings)
    values = np.array(hint, dtype=float) if hint is not None else None
    results: list[GoalResult] = []
    overall, limit, message = Status.OPTIMAL, "none", ""
    whole = lp
    fixed: dict[int, float] = {}
    for i, (goal, c, z) in enumerate(zip(goals, objectives, maxima, strict=True)):
        steps = [s[i] for s in part_steps if len(s) > i]
        seconds = sum(s.seconds for s in steps)
        failed = next((s for s in steps if not s.ok), None)
        if failed is not None:
            results.append(GoalResult(goal.name, goal.description, goal.unit, failed.status, None, None, None, seconds,
                                      names[i], versions[names[i]]))
            overall, limit, message, values = failed.status, failed.limit.value, failed.message, None
            break
        new_values = np.zeros(lp.n_vars) if values is None else values.copy()
        for col, step in zip(cols, steps, strict=True):
            assert step.values is not None
            new_values[col] = step.values
        total = max(s.objective for s in steps) if z is not None else float(sum(s.objective for s in steps))
        bounds = [s.bound for s in steps]
        known = [b for b in bounds if b is not None]
        bound = None if len(known) < len(bounds) else (max(known) if z is not None else float(sum(known)))
        proven = all(s.proven for s in steps)
        status = Status.OPTIMAL if proven else Status.FEASIBLE
        gap_now = 0.0 if proven else (relative_gap(total, bound) if bound is not None else None)
        if not proven and goal.name != TIE_BREAK:
            overall = Status.FEASIBLE
            limit = next(s.limit for s in steps if not s.proven).value
            message = next(s.message for s in steps if not s.proven)
        results.append(GoalResult(goal.name, goal.description, goal.unit, status, total, bound, gap_now, seconds,
                                  names[i], versions[names[i]]))
        values = new_values
        whole = fix_goal(whole, goal.name, c, total)
        if z is not None:
            # Every part keeps z ≤ z*, the largest level; each part's copy of z may be lower, the plan's is z*.
            fixed[z] = float(math.floor(total + 1e-6))
    seconds = time.perf_counter() - started
    if values is None or overall not in (Status.OPTIMAL, Status.FEASIBLE):
        return Solution(overall, solver_name, version, results, None, seconds, message, limit, whole, reused)
    for j, level in fixed.items():
        values[j] = level
    checked, why = round_and_check(lp, values)
    if checked is None:
        return Solution(Status.ERROR, solver_name, version, results, None, seconds, why, limit, whole, reused)
    return Solution(overall, solver_name, version, results, checked, seconds, message, limit, whole, reused)


def _objective(n: int, goal: Goal) -> np.ndarray:
    return _terms(n, goal.terms)


def _terms(n: int, terms: dict[int, float]) -> np.ndarray:
    c = np.zeros(n)
    for j, v in terms.items():
        c[j] += v
    return c


def goal_choices(n: int, goals: Sequence[Goal]) -> list[np.ndarray | None]:
    """Per goal, the objective of its canonical choice over ``n`` variables (:attr:`Goal.choice`), or None."""
    return [None if g.choice is None else _terms(n, g.choice) for g in goals]


def solve_model(
    model: AllocationModel, settings: SolveSettings | None = None, *, hint: np.ndarray | None = None
) -> Solution:
    """Minimise the model's goals one after the other as ``settings`` say (the backend is always named, never a
    library default); see :func:`solve_goals` for the budget, the leximin goals and the parts. A model without goals
    is solved once for any feasible plan."""
    return solve_goals(model.builder.program(), model.goals, settings, hint=hint)
