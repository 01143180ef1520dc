"""The benchmark harness: one driver per phase over a ladder of instances and every installed solver.

    python -m benchmarks.run --profile full      # the numbers in benchmarks/README.md (at most 40 minutes)
    python -m benchmarks.run --profile smoke     # tiny instances, one repeat: checks the harness works (CI)
    python -m benchmarks.run --whatifs 10 --solvers auto --executor dask   # national what-ifs, local and Dask

Phases (each timed on its own, repeated, median and spread reported): ``load`` (read + validate the scenario),
``build`` (the allocation program), ``solve`` (the lexicographic goals), ``report`` (plan tables, JSON, files
written atomically to a temporary folder) and ``explain`` (planner/explain on an infeasible variant of the
instance: every offer set to 0). Ratios are measured in the same run, on the same machine: end-to-end time over
the raw solver time on the *same* programs exported to MPS (every goal stage, read and solved by highspy itself),
over the LP-relaxation time of those programs (the floor), and each solver's solve time over HiGHS's.

The instances and profiles are in :mod:`benchmarks.instances`, the phase drivers in :mod:`benchmarks.phases`, the
tables and the plot in :mod:`benchmarks.tables`.

Each row (one instance, one backend) runs in a fresh process in its own session, with a solve budget (seconds per
goal times the goals; stated in the table) and a hard limit on the process (1,5 × the budget plus a margin): a row
that spends its budget says at which goal and is never called optimal, and a row that hangs or crashes is ended and
says so, without stopping the run. The run has its own budget (``Profile.minutes``): a row that no longer fits is
listed as not measured. Every row is written as soon as it is measured, to ``benchmarks/results/<date>-<profile>.md``
and ``.json``, with the machine, the versions, the git commit and the load average at the row's start and end; the
plot of time against size (``.png``) at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import tables
from benchmarks.generate import NATIONAL, ROOT
from benchmarks.instances import GOALS, INSTANCES, PROFILES, Instance, one_period, scope  # noqa: F401
from benchmarks.phases import (
    drive_build,
    drive_explain,
    drive_load,
    drive_mps,
    drive_report,
    drive_solve,
    stage_programs,
    timed,
)
from planner.report.numbers import nl_decimal
from planner.scenario.load import Scenario, default_scenario, load_scenario

# (one_period and scope are imported for tests/model, which read them as run.one_period and run.scope)
RESULTS = ROOT / "benchmarks" / "results"
PHASES = tables.PHASES


# ---------------------------------------------------------------------------------------------------------------
# Measurements


def _stats(xs: list[float]) -> dict[str, float]:
    xs = [x for x in xs if x == x]
    if not xs:
        return {"median": float("nan"), "min": float("nan"), "max": float("nan"), "n": 0}
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs), "n": len(xs)}


SHARE_STOP = 0.9
"""A solve that ends with a goal unproven before this share of its budget was stopped by a part's share of a goal's
time (or a limit other than time), not by the row's budget: the row's outcome says so."""


def outcome(solution: Any, gap: float, budget: float | None = None) -> tuple[str, str]:
    """The row's outcome, short (``proven`` / ``within gap`` / ``budget spent`` / the status) and as text: a run that
    hit its budget says at which goal, and is never called optimal. With ``budget`` (the solve's deadline, seconds):
    a goal left unproven well before the deadline says so, with the seconds used, since then a province part's share
    of the goal's time ran out, not the row's budget (planner/model/solve.py: part ``k`` of ``P`` gets ``left / (P −
    k)``)."""
    goals = list(solution.goals)
    first = next((g for g in goals if g.status.value != "optimal"), None)
    if solution.status.value == "optimal" and first is None:
        return "proven", "proven (every goal)"
    if not solution.has_plan:
        return solution.status.value, f"{solution.status.value}, no plan"
    if gap > 0 and solution.gap is not None and solution.gap <= gap:
        return "within gap", f"within gap {nl_decimal(100 * gap, 1)} % (not proven)"
    at = first.name if first is not None else "?"
    if budget is not None and solution.seconds < SHARE_STOP * budget:
        return "budget spent", (f"feasible, a part's share ran out at goal {at} "
                                f"({nl_decimal(solution.seconds, 0)} s of the {nl_decimal(budget, 0)} s budget used)")
    return "budget spent", f"feasible, budget spent at goal {at}"



def measure_row(inst: Instance, solver: str, limit: float, repeats: int) -> dict[str, Any]:
    """One instance with one backend, ``repeats`` times through every phase (in the process that calls it; the
    harness calls it in a fresh child process per row, see :func:`run_row`)."""
    times: dict[str, list[float]] = {p: [] for p in PHASES if p != "explain"}
    e2e: list[float] = []
    cpu: list[float] = []
    model = solution = scenario = None
    load0 = os.getloadavg()[0]
    for _ in range(repeats):
        c0 = _cpu()
        t0 = time.perf_counter()
        scenario = drive_load(inst)
        t1 = time.perf_counter()
        model = drive_build(scenario)
        t2 = time.perf_counter()
        solution = drive_solve(model, solver, inst, limit)
        t3 = time.perf_counter()
        drive_report(scenario, model, solution, solver, limit)
        t4 = time.perf_counter()
        for p, t in zip(("load", "build", "solve", "report"), (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            times[p].append(t)
        e2e.append(t4 - t0)
        cpu.append(_cpu() - c0)
    assert model is not None
    assert solution is not None
    assert scenario is not None
    gap = inst.gap if inst.gap is not None else scenario.settings.solver.gap
    short, text = outcome(solution, gap, limit * max(1, len(model.goals)))
    row: dict[str, Any] = {
        "instance": inst.name, "solver": solver, "repeats": repeats, "time_limit_per_goal": limit,
        "budget": limit * max(1, len(model.goals)), "gap_setting": gap,
        "periods": len(model.periods), "municipalities": len(model.munis), "sites": len(model.sites),
        "variables": model.builder.n_vars, "rows": len(model.builder.row_names),
        "open_variables": len(model.open), "goals": len(model.goals),
        "status": solution.status.value, "gap": solution.gap, "outcome": short, "outcome_text": text,
        "objectives": {g.name: g.objective for g in solution.goals},
        "phases": {p: _stats(v) for p, v in times.items()}, "end_to_end": _stats(e2e), "cpu": _stats(cpu),
        "goals_detail": [{"goal": g.name, "status": g.status.value, "objective": g.objective, "bound": g.bound,
                          "gap": g.gap, "seconds": g.seconds, "solver": g.solver} for g in solution.goals],
        "solve_seconds": solution.seconds,
        "plan_digest": _plan_digest(solution),
    }
    explain = (float("nan"), "")
    if solver == "highs" and inst.explain:
        explain = drive_explain(scenario, limit)
        row["explain_note"] = explain[1]
    if solver == "highs" and inst.raw and solution.program is not None and model.goals:
        stages = stage_programs(model, solution)
        raw, raw_status = drive_mps(stages, limit, gap, relax=False)
        lp_time, _ = drive_mps(stages, limit, gap, relax=True)
        row.update(raw_mps=raw, raw_status=raw_status, lp_relaxation=lp_time)
    row["phases"]["explain"] = _stats([explain[0]])
    row["load"] = [load0, os.getloadavg()[0]]
    return row


def relate(rows: list[dict]) -> None:
    """The ratios between rows of one instance, measured in the same run: each backend's plan against HiGHS's
    (only where both proved every goal: a plan left at a spent budget is no canonical plan), its solve time over
    HiGHS's, and the end to end time over the raw solver on the same programs."""
    for name in {r["instance"] for r in rows}:
        mine = [r for r in rows if r["instance"] == name]
        highs = next((r for r in mine if r["solver"] == "highs" and r.get("end_to_end")), None)
        for r in mine:
            if not r.get("end_to_end"):
                r["same_plan_as_highs"] = None
                continue
            both = highs is not None and highs.get("outcome") == "proven" and r.get("outcome") == "proven"
            r["same_plan_as_highs"] = (highs["plan_digest"] == r["plan_digest"]  # type: ignore[index]
                                       if both and r["plan_digest"] else None)
            e = r["end_to_end"]["median"]
            r["e2e_over_raw"] = e / highs["raw_mps"] if highs and highs.get("raw_mps") else None
            r["e2e_over_lp"] = e / highs["lp_relaxation"] if highs and highs.get("lp_relaxation") else None
            h = highs["phases"]["solve"]["median"] if highs else None
            r["solve_over_highs"] = r["phases"]["solve"]["median"] / h if h else None
            if r is highs and r.get("raw_mps"):
                r["modelling_overhead"] = max(0.0, e - r["raw_mps"]) / e


def _row_child(instance: str, solver: str, limit: float, repeats: int) -> int:
    """``--row``: measure one row in this (fresh) process and print it as JSON on the last line, with the peak
    memory of this process and of its largest worker process. A backend's stop read as an interrupt (no Ctrl-C:
    this process has its own session) becomes the row's outcome instead of ending the run."""
    inst = INSTANCES[instance]
    t0, load0 = time.perf_counter(), os.getloadavg()[0]
    try:
        row = measure_row(inst, solver, limit, repeats)
    except KeyboardInterrupt:
        row = {"instance": instance, "solver": solver, "outcome": "stopped",
               "outcome_text": "stopped: a backend reported an interrupt (no Ctrl-C was sent)",
               "load": [load0, os.getloadavg()[0]], "seconds": time.perf_counter() - t0}
    except Exception as exc:  # any failure is this row's result, the run goes on
        row = {"instance": instance, "solver": solver, "outcome": "error",
               "outcome_text": f"error: {type(exc).__name__}: {exc}"[:300],
               "load": [load0, os.getloadavg()[0]], "seconds": time.perf_counter() - t0}
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    row["peak_mb"] = max(me.ru_maxrss, kids.ru_maxrss) / 1024  # kilobytes on Linux
    row["peak_main_mb"] = me.ru_maxrss / 1024
    print(json.dumps(row, default=str), flush=True)
    return 0


def run_row(inst: Instance, solver: str, limit: float, repeats: int, timeout: float) -> dict[str, Any]:
    """One row in a fresh process in its own session, ended with its worker processes (and CBC's) after
    ``timeout`` seconds: a hang or a crash costs that row, never the run. The row's CPU seconds include the child's
    worker processes."""
    cmd = [sys.executable, "-m", "benchmarks.run", "--row", inst.name, solver, "--limit", str(limit),
           "--repeats", str(repeats)]
    load0, t0 = os.getloadavg()[0], time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _end_group(proc)
        return {"instance": inst.name, "solver": solver, "outcome": "stopped", "repeats": repeats,
                "budget": limit * GOALS, "load": [load0, os.getloadavg()[0]], "seconds": time.perf_counter() - t0,
                "outcome_text": f"stopped: no result within {nl_decimal(timeout, 0)} s (ended by the harness)"}
    except BaseException:
        _end_group(proc)  # Ctrl-C on the harness ends the row's processes too
        raise
    lines = out.strip().splitlines()
    try:
        return dict(json.loads(lines[-1]))
    except (IndexError, ValueError):
        tail = (err.strip().splitlines() or ["no output"])[-1]
        return {"instance": inst.name, "solver": solver, "outcome": "error", "repeats": repeats,
                "load": [load0, os.getloadavg()[0]], "seconds": time.perf_counter() - t0,
                "outcome_text": f"error: the row's process ended with code {proc.returncode}: {tail}"[:300]}


def _end_group(proc: subprocess.Popen[str]) -> None:
    import contextlib
    import signal

    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the solve's worker processes): under load the wall
    clock says how busy the machine was, the CPU time how much work the planner did."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


PLAN_FAMILIES = ("places", "ukraine")
"""The variables that are the plan users see: places per site and period, Ukraine places per municipality and
period (helper variables such as a surplus bound may take any value the rows allow and are not compared)."""


def _plan_digest(solution: Any) -> str | None:
    """A digest of the plan's places (whole numbers): equal digests are the same plan, site by site."""
    if not solution.has_plan or solution.values is None or solution.program is None:
        return None
    keep = np.array([lab.family in PLAN_FAMILIES for lab in solution.program.var_labels], dtype=bool)
    return hashlib.sha256(np.rint(solution.values[keep]).astype(np.int64).tobytes()).hexdigest()[:16]


def measure_cli(repeats: int = 5) -> dict[str, dict[str, Any]]:
    exe = str(Path(sys.executable).with_name("planner"))
    out = {}
    for label, args in (("planner --help", ["--help"]), ("planner quota (Drenthe)", ["quota"])):
        ts, before = [], os.getloadavg()[0]
        for _ in range(repeats):
            t = time.perf_counter()
            subprocess.run([exe, *args], cwd=ROOT, capture_output=True, check=True)
            ts.append(time.perf_counter() - t)
        out[label] = {**_stats(ts), "load": [before, os.getloadavg()[0]]}
    return out


def measure_sweep(n: int, executor: str = "local", national: bool = False) -> dict[str, Any]:
    """``n`` what-if variations through planner/journeys/sweep.py on ``executor`` (local processes or a Dask local
    cluster): Drenthe with the SPUK 1 rate 1,000 … in steps of 2, or the national scenario with the national need
    in steps of 1,000 (no warm start: that would plan the national base first)."""
    from planner.journeys.sweep import grid, run_sweep

    scenario, _ = load_scenario(NATIONAL if national else default_scenario())
    assert scenario is not None
    if national:
        need = scenario.settings.cycle.national_need
        variations = grid([f"cycle.national_need={need}:{need + 1000 * (n - 1)}:1000"])
    else:
        variations = grid([f"spuk.spuk1_rate=1000:{1000 + 2 * (n - 1)}:2"])
    workers = os.cpu_count() or 1
    seconds, rows = timed(lambda: run_sweep(scenario, variations, executor=executor, workers=workers,
                                             warm_start=not national))
    statuses: dict[str, int] = {}
    for r in rows:
        statuses[str(r.get("status"))] = statuses.get(str(r.get("status")), 0) + 1
    plans = sorted(str(r.get("variation")) + ":" + str(r.get("total_shortfall")) + ":" + str(r.get("spuk_total"))
                   for r in rows)
    return {"variations": n, "seconds": seconds, "workers": workers, "statuses": statuses, "executor": executor,
            "scenario": "national" if national else "drenthe",
            "rows_digest": hashlib.sha256("|".join(plans).encode()).hexdigest()[:16]}


def offer_whatifs(scenario: Scenario, n: int) -> list[tuple[int, int]]:
    """``n`` single what-ifs of the national scenario: one offer row each (spread over the table by a fixed stride)
    cut by 10 % — a change that touches one province. (So does a site's places in the national scenario: it has no
    SPUK 3 pot, so no share links the provinces; with a pot a site changes the provinces whose rounded share it
    moves. The national need changes every task, so every province.)"""
    rows = len(scenario.offers)
    return [((i * 7919) % rows, int(scenario.offers[(i * 7919) % rows].places * 0.9)) for i in range(n)]


_WHATIF_BASE: dict[str, Scenario] = {}


def _plan_whatif(change: tuple[int, int], solver: str, reuse: bool) -> dict[str, Any]:
    """One national what-if in a worker process: the base scenario with one offer changed, planned (no files written:
    the sweep's hot path), the parts it reused and its seconds."""
    from planner.journeys.plan import SolveSettings, plan_scenario

    base = _WHATIF_BASE.get("national")
    if base is None:
        loaded, _ = load_scenario(NATIONAL)
        assert loaded is not None
        base = _WHATIF_BASE["national"] = loaded
    row, places = change
    offers = list(base.offers)
    offers[row] = offers[row].model_copy(update={"places": places})
    scenario = dataclasses.replace(base, offers=tuple(offers))
    t, c = time.perf_counter(), time.process_time()
    run = plan_scenario(scenario, SolveSettings.from_scenario(scenario, solver=solver, workers=1, reuse=reuse))
    proven = run.solution.status.value == "optimal" and all(g.status.value == "optimal" for g in run.solution.goals)
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c, "status": run.solution.status.value,
            "proven": proven, "reused": run.solution.reused_parts, "digest": _plan_digest(run.solution)}


def _seed_parts(parts: list[Any]) -> None:
    """In a worker process: the base's proven province parts (planner/model/reuse.py, ``PartStore.seed``)."""
    from planner.model.solve import PARTS

    PARTS.seed(parts)


def measure_national_whatifs(n: int, solver: str, reuse: bool = True, executor: str = "local") -> dict[str, Any]:
    """``n`` national what-ifs (:func:`offer_whatifs`) on 2 worker processes — local (spawned) or a Dask local
    cluster — each keeping the parts it proved (planner/model/reuse.py); each what-if planned whole (build, solve,
    plan, SPUK; no files written). With ``reuse`` the base is planned once here first (its time is reported apart
    and counted in ``cpu_all``) and its proven parts seed every worker, so no worker plans the whole country."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from planner.journeys.plan import SolveSettings, plan_scenario
    from planner.model.solve import PARTS

    base, _ = load_scenario(NATIONAL)
    assert base is not None
    changes = offer_whatifs(base, n)
    workers = min(2, os.cpu_count() or 1)
    cpu0, t = _cpu(), time.perf_counter()
    seed: list[Any] = []
    base_seconds = base_cpu = 0.0
    base_digest = None
    if reuse:
        PARTS.clear()
        run = plan_scenario(base, SolveSettings.from_scenario(base, solver=solver, reuse=True))
        seed = PARTS.snapshot()
        base_seconds, base_cpu = time.perf_counter() - t, _cpu() - cpu0
        assert run.solution.has_plan, run.solution.message
        base_digest = _plan_digest(run.solution)
    if executor == "dask":
        import importlib

        distributed: Any = importlib.import_module("distributed")
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        client = distributed.Client(cluster)
        try:
            client.run(_seed_parts, seed)
            out = client.gather(client.map(_plan_whatif, changes, [solver] * n, [reuse] * n, pure=False))
        finally:
            client.close()
            cluster.close()
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"),
                                 initializer=_seed_parts, initargs=(seed,)) as pool:
            out = list(pool.map(_plan_whatif, changes, [solver] * n, [reuse] * n))
    seconds = time.perf_counter() - t
    cpu_all = _cpu() - cpu0
    statuses: dict[str, int] = {}
    for o in out:
        statuses[o["status"]] = statuses.get(o["status"], 0) + 1
    return {"variations": n, "seconds": seconds, "workers": workers, "solver": solver, "reuse": reuse,
            "executor": executor, "base_seconds": base_seconds, "base_cpu": base_cpu, "cpu_all": cpu_all,
            "seeded_parts": len(seed),
            "statuses": statuses, "proven": sum(o["proven"] for o in out),
            "reused_parts": sum(o["reused"] for o in out), "cpu_in_whatifs": sum(o["cpu"] for o in out),
            "per_whatif": _stats([o["seconds"] for o in out]),
            "per_whatif_cpu": _stats([o["cpu"] for o in out]),
            "rows_digest": hashlib.sha256("|".join(str(o["digest"]) for o in out).encode()).hexdigest()[:16],
            # per what-if, in order: local and Dask compared row by row; what-ifs whose plan is the base's
            "digests": [o["digest"] for o in out], "cpus": [round(o["cpu"], 3) for o in out],
            "base_digest": base_digest, "base_plan_kept": sum(o["digest"] == base_digest for o in out)}


# ---------------------------------------------------------------------------------------------------------------
# Machine, versions, targets, output


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    from importlib.metadata import PackageNotFoundError, version

    from solvers import available_solvers, get_solver

    versions = {"python": platform.python_version()}
    for pkg in ("highspy", "ortools", "pulp", "numpy", "dask"):
        try:
            versions[pkg] = version(pkg)
        except PackageNotFoundError:
            versions[pkg] = "not installed"
    # The backends as they name themselves (SCIP comes with OR-Tools, CBC with PuLP: no package of their own).
    versions |= {f"backend {name}": get_solver(name).version() for name in available_solvers()}
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "planner", "solvers", "benchmarks"],
                                    cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = "unknown", False
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(ram, 1), "platform": platform.platform(),
            "versions": versions, "commit": commit + (" (with uncommitted changes)" if dirty else "")}


def run(profile_name: str, out_dir: Path = RESULTS, only: list[str] | None = None,
        solvers: list[str] | None = None, minutes: float | None = None,
        log: Callable[[str], None] = lambda s: print(s, flush=True)) -> dict[str, Any]:
    """Every row of the profile, each in a fresh process (:func:`run_row`), written to ``<date>-<profile>.md`` and
    ``.json`` as soon as it is measured (a crash or a stop keeps what was measured), then the plot. ``minutes``:
    the run's own budget; a row that would not fit in what is left is listed as not measured."""
    from solvers import available_solvers

    profile = PROFILES[profile_name]
    names = only or list(profile.instances)
    installed = solvers or [*available_solvers(), "auto"]
    rows: list[dict] = []
    today = dt.date.today().isoformat()
    stem = out_dir / f"{today}-{profile_name}"
    out_dir.mkdir(parents=True, exist_ok=True)
    extra: dict[str, Any] = {}
    started = time.perf_counter()
    end = started + 60 * (minutes if minutes is not None else profile.minutes)
    rows_end = end - 60 * (profile.whatif_minutes if profile.national_whatifs and not only else 0.0)
    info = {"date": today, "profile": profile_name, "machine": machine(), "started": _utc(),
            "minutes": minutes if minutes is not None else profile.minutes}

    def save() -> dict[str, Any]:
        """Write what is measured so far (after every row: a failure later keeps the rows before it)."""
        from planner.io import write_text

        relate(rows)
        result = {**info, "written": _utc(), "rows": rows, "targets": tables.targets(rows, extra), "extra": extra}
        write_text(stem.with_suffix(".json"), json.dumps(result, indent=2, default=str) + "\n")
        write_text(stem.with_suffix(".md"), tables.markdown(result))
        return result

    for name in names:
        inst = INSTANCES[name]
        cap = profile.time_limit or float("inf")
        repeats = 1 if profile.time_limit is not None else (inst.repeats or profile.repeats)
        use = installed if inst.solvers == ("all",) else [s for s in installed if s in inst.solvers]
        for solver in use:
            row_limit = min(inst.solver_limits.get(solver, inst.time_limit), cap)
            timeout = 1.5 * row_limit * (GOALS + 1) * repeats + 120 * repeats + (120 if inst.raw else 0)
            left = rows_end - time.perf_counter()
            if left < min(timeout, 60):
                kept = f" (its last {nl_decimal((end - rows_end) / 60, 0)} minutes kept for the national what-ifs)"
                rows.append({"instance": name, "solver": solver, "outcome": "not measured", "repeats": repeats,
                             "budget": row_limit * GOALS, "outcome_text": "not measured: the run's budget was spent"
                             + (kept if end > rows_end else "")})
                log(f"  {name:<20} {solver:<6} not measured (the run's budget was spent)")
                save()
                continue
            row = run_row(inst, solver, row_limit, repeats, min(timeout, left))
            if row_limit < min(inst.time_limit, cap):
                row["outcome_text"] = f"time-boxed at {nl_decimal(row_limit * GOALS, 0)} s: {row['outcome_text']}"
            rows.append(row)
            log(f"  {name:<20} {solver:<6} {row['outcome_text']:<45} "
                + (f"e2e {row['end_to_end']['median']:.1f} s, " if row.get("end_to_end") else "")
                + f"load {row['load'][0]:.1f}→{row['load'][1]:.1f}")
            save()
    if profile.sweep and not only:
        log(f"  sweep of {profile.sweep} Drenthe variations …")
        extra["sweep"] = measure_sweep(profile.sweep)
        save()
    if profile.cli and not only:
        extra["cli"] = measure_cli()
        save()
    if profile.national_whatifs and not only:
        log(f"  {profile.national_whatifs} national what-ifs (one offer each) on local processes, then on Dask …")
        for key, executor in (("national_whatifs", "local"), ("national_whatifs_dask", "dask")):
            if end - time.perf_counter() < 120:
                log(f"  what-ifs on {executor}: not measured (the run's budget was spent)")
                continue
            extra[key] = _with_load(partial(measure_national_whatifs, profile.national_whatifs, "auto",
                                            executor=executor))
            save()
    result = save()
    tables.plot(rows, stem.with_suffix(".png"))
    result["files"] = [str(stem.with_suffix(s)) for s in (".md", ".json", ".png")]
    return result


def _with_load(measure: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """A measurement with the 1-minute load average at its start and end."""
    before = os.getloadavg()[0]
    out = measure()
    return {**out, "load": [before, os.getloadavg()[0]]}


def _utc() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")


def whatifs(n: int, solver: str, executor: str, out_dir: Path = RESULTS) -> dict[str, Any]:
    """``--whatifs N``: N national what-ifs with reuse on local processes, then (``executor`` dask) the same N on a
    Dask local cluster in the same run, or (local) 4 without reuse as the baseline; written to
    ``<date>-whatifs.md`` / ``.json`` after each measurement, with the load and the commit."""
    from planner.io import write_text

    runs = [("national_whatifs", n, True, "local")]
    runs.append(("national_whatifs_dask", n, True, "dask") if executor == "dask"
                else ("national_whatifs_cold", min(4, n), False, "local"))
    extra: dict[str, Any] = {}
    info = {"date": dt.date.today().isoformat(), "profile": f"whatifs {n} {solver} {executor}", "machine": machine(),
            "started": _utc()}
    stem = out_dir / f"{info['date']}-whatifs"
    for key, count, reuse, ex in runs:
        extra[key] = _with_load(partial(measure_national_whatifs, count, solver, reuse, ex))
        print(json.dumps(extra[key]), flush=True)
        result = {**info, "written": _utc(), "rows": [], "targets": tables.targets([], extra), "extra": extra}
        write_text(stem.with_suffix(".json"), json.dumps(result, indent=2, default=str) + "\n")
        write_text(stem.with_suffix(".md"), tables.markdown(result))
    return extra


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description="Benchmark harness (see module doc).")
    ap.add_argument("--profile", choices=sorted(PROFILES), default="smoke")
    ap.add_argument("--only", nargs="*", choices=sorted(INSTANCES), help="only these instances (no what-ifs or CLI)")
    ap.add_argument("--solvers", nargs="*", help="only these solvers (default: every installed one and auto)")
    ap.add_argument("--minutes", type=float, help="the run's budget (default: the profile's)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--row", nargs=2, metavar=("INSTANCE", "SOLVER"), help=argparse.SUPPRESS)
    ap.add_argument("--limit", type=float, default=60.0, help=argparse.SUPPRESS)
    ap.add_argument("--repeats", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--whatifs", type=int, metavar="N",
                    help="only N national what-ifs (one offer each) with reuse on local processes, then the same N "
                         "on a Dask local cluster (--executor dask) or 4 without reuse (first --solvers)")
    ap.add_argument("--executor", choices=("local", "dask"), default="local", help="for --whatifs")
    args = ap.parse_args(argv)
    if args.row:
        return _row_child(args.row[0], args.row[1], args.limit, args.repeats)
    if args.whatifs:
        whatifs(args.whatifs, (args.solvers or ["auto"])[0], args.executor, args.out)
        return 0
    result = run(args.profile, args.out, args.only, args.solvers, args.minutes)
    tables.print_table(result)
    print("wrote " + ", ".join(result["files"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
