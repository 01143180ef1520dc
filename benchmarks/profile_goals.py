"""Per goal and per province: where the national plan's solve time goes, with one backend (or ``auto``).

    python -m benchmarks.profile_goals --solver highs      # one process, every goal proven, no time limit

Solves each province part of the committed national scenario in this process, goal after goal exactly as
``planner plan`` does (:func:`planner.model.solve._solve_parts`), and prints per province the seconds of each goal
(``*``: not proven; the solver's own time, wall clock), the part's total, a digest of its plan (places per site and
period, Ukraine places) and its tie-break value; then the totals per goal, the CPU seconds per goal (this process,
the solver's threads included: the measure that a shared machine's load does not inflate), a digest of the whole
plan (equal digests: the same national plan, site by site), the wall and CPU seconds, the peak memory and the load.
One process, so the seconds add up to the wall time.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import sys
import time

import numpy as np

from benchmarks.generate import NATIONAL
from planner.model import solve
from planner.model.backends import goal_backends
from planner.model.build import build_model
from planner.scenario.load import load_scenario
from solvers import restrict


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.profile_goals", description=__doc__.split("\n")[0])
    ap.add_argument("--solver", default="highs", help="highs, scip, cbc, cpsat or auto")
    args = ap.parse_args(argv)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    scenario, _ = load_scenario(NATIONAL)
    assert scenario is not None
    loaded = time.perf_counter()
    model = build_model(scenario)
    lp, goals = model.builder.program(), model.goals
    built = time.perf_counter()
    objectives = [solve._objective(lp.n_vars, g) for g in goals]
    choices = solve.goal_choices(lp.n_vars, goals)
    groups, shared = solve.province_parts(lp, goals)
    maxima = [solve.max_goal_variable(lp, g) for g in goals]
    provinces = sorted({lab.province for lab in lp.var_labels if lab.province is not None})
    names = [g.name for g in goals]
    job = solve._Job(goal_backends(args.solver, names), solve.SolveSettings(time_limit=None).options(),
                     tuple(names), None)
    plan = np.array([lab.family in ("places", "ukraine") for lab in lp.var_labels])
    print(f"load {loaded - wall0:.3f} s, build {built - loaded:.3f} s; {lp.n_vars} variables, {lp.n_rows} rows; "
          f"backends {', '.join(job.backends)}")
    print("province", *names, "total", "plan digest", "tie-break", sep="\t")
    totals = dict.fromkeys(names, 0.0)
    cpu = dict.fromkeys(names, 0.0)
    digests = []
    for province, group in zip(provinces, groups, strict=True):
        col = np.sort(np.concatenate([group, shared]))
        part = solve._Part(restrict(lp, cols=col).with_objective(np.zeros(col.size)), tuple(c[col] for c in objectives),
                           tuple(None if z is None else int(np.searchsorted(col, z)) for z in maxima), None,
                           tuple(None if ch is None else ch[col] for ch in choices))
        steps = solve._solve_parts(job, [part])[0]
        for name, step in zip(names, steps, strict=False):
            totals[name] += step.seconds
            cpu[name] += step.cpu
        last = steps[-1].values if steps and len(steps) == len(names) else None
        digest = "-" if last is None else hashlib.sha256(
            np.rint(last[plan[col]]).astype(np.int64).tobytes()).hexdigest()[:10]
        digests.append(digest)
        cells = [f"{s.seconds:.2f}{'' if s.proven else '*'}" for s in steps]
        tie = f"{steps[-1].objective:.0f}" if last is not None else "-"
        print(province, *cells, f"{sum(s.seconds for s in steps):.2f}", digest, tie, sep="\t", flush=True)
    print("total", *(f"{totals[n]:.2f}" for n in names), f"{sum(totals.values()):.2f}", sep="\t")
    print("CPU", *(f"{cpu[n]:.2f}" for n in names), f"{sum(cpu.values()):.2f}", sep="\t")
    print("plan digest", hashlib.sha256("".join(digests).encode()).hexdigest()[:12])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = os.getloadavg()[0]
    print(f"wall {time.perf_counter() - wall0:.1f} s, CPU {time.process_time() - cpu0:.1f} s, peak {peak:.0f} MB, "
          f"load {load:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
