"""The benchmark harness: one driver per phase over a ladder of instances and every installed solver.

    python -m benchmarks.run --profile full      # the numbers in benchmarks/README.md (about 15–30 minutes)
    python -m benchmarks.run --profile smoke     # tiny instances, one repeat: checks the harness works (CI)

Phases (each timed on its own, repeated, median and spread reported): ``load`` (read + validate the scenario),
``build`` (the allocation program), ``solve`` (the lexicographic goals), ``report`` (plan tables, JSON, files
written atomically to a temporary folder) and ``explain`` (planner/explain on an infeasible variant of the
instance: every offer set to 0). Ratios are measured in the same run, on the same machine: end-to-end time over
the raw solver time on the *same* programs exported to MPS (every goal stage, read and solved by highspy itself),
over the LP-relaxation time of those programs (the floor), and each solver's solve time over HiGHS's.

Writes ``benchmarks/results/<date>-<profile>.md``, ``.json`` and ``.png`` (time against size) with the machine,
the versions and the git commit.
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
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.generate import NATIONAL, ROOT, TMP, write_scaled
from planner.scenario.load import Scenario, default_scenario, load_scenario
from planner.scenario.schema import SiteStatus

RESULTS = ROOT / "benchmarks" / "results"
PHASES = ("load", "build", "solve", "report", "explain")


# ---------------------------------------------------------------------------------------------------------------
# Instances: a scenario folder plus an in-memory change (the committed files are never modified)


@dataclasses.dataclass(frozen=True)
class Instance:
    name: str
    description: str
    folder: Callable[[], Path]
    change: Callable[[Scenario], Scenario] = lambda s: s
    solvers: str = "all"
    """``all`` installed solvers or ``highs`` only (for the largest instances)."""
    time_limit: float = 60.0
    """Seconds per goal: the solve's whole-run budget is this times the number of goals (the planner's
    ``--time-limit`` is one deadline for the whole solve; this keeps the instances comparable with earlier runs)."""
    gap: float | None = None
    """Relative gap; None: the scenario's (0 = prove optimal)."""
    repeats: int | None = None
    """Overrides the profile's repeat count (the largest instances run once)."""
    explain: bool = True


def _settings(s: Scenario, **sections: dict[str, Any]) -> Scenario:
    upd = {k: getattr(s.settings, k).model_copy(update=v) if v else getattr(s.settings, k) for k, v in sections.items()}
    return dataclasses.replace(s, settings=s.settings.model_copy(update=upd))


def one_period(s: Scenario) -> Scenario:
    """Only the first year of the cycle (one period): offers of 2025, sites as they are."""
    return _settings(s, cycle={"end": dt.date(s.settings.cycle.start.year, 12, 31)})


def half_years(s: Scenario) -> Scenario:
    """The two-year cycle in half-years: 4 periods (the offers are per year and apply to both halves)."""
    from planner.scenario.schema import PeriodLength

    return _settings(s, cycle={"period": PeriodLength.HALF_YEAR})


def no_opening(s: Scenario) -> Scenario:
    """Every planned and candidate site becomes existing: no opening decisions, only the allocation of places."""
    sites = tuple(x.model_copy(update={"status": SiteStatus.EXISTING}) for x in s.sites)
    return dataclasses.replace(half_years(s), sites=sites)


def scope(province: str, then: Callable[[Scenario], Scenario] = lambda s: s) -> Callable[[Scenario], Scenario]:
    return lambda s: then(dataclasses.replace(s, settings=s.settings.model_copy(update={"scope": (province,)})))


def _x10() -> Path:
    folder = TMP / "nederland-x10"
    if not (folder / "sites.csv").is_file():
        write_scaled(10, folder)
    return folder


INSTANCES: dict[str, Instance] = {
    i.name: i
    for i in (
        Instance("drenthe", "Drenthe 2025–2026, the real reference case (2 periods)", default_scenario),
        Instance("zeeland-1p", "national synthetic sites, Zeeland only, 1 period", lambda: NATIONAL,
                 scope("Zeeland", one_period)),
        Instance("national-1p", "342 municipalities, synthetic sites, 1 period (2025)", lambda: NATIONAL,
                 one_period, solvers="highs", time_limit=10.0, repeats=2, explain=False),
        Instance("national", "342 municipalities, synthetic sites, 2 periods (years)", lambda: NATIONAL,
                 time_limit=10.0, repeats=1, explain=False),
        Instance("national-4p", "342 municipalities, synthetic sites, 4 periods (half-years)", lambda: NATIONAL,
                 half_years, solvers="highs", time_limit=10.0, repeats=1, explain=False),
        Instance("national-4p-noopen", "as national-4p, every site existing: no opening decisions", lambda: NATIONAL,
                 no_opening, time_limit=10.0, explain=False),
        Instance("x10", "10x national (3,420 municipalities, 120 provinces), 2 periods, gap 0.1 %", _x10,
                 solvers="highs", time_limit=7.5, gap=0.001, repeats=1, explain=False),
    )
}


@dataclasses.dataclass(frozen=True)
class Profile:
    instances: tuple[str, ...]
    repeats: int
    sweep: int
    """Number of Drenthe what-if variations for the sweep measurement (0: skip)."""
    cli: bool
    peak: str | None
    """Instance whose peak memory is measured in a child process (None: skip)."""
    time_limit: float | None = None
    """Caps every instance's per-goal time limit (the smoke profile must stay short)."""
    national_sweep: int = 0
    """Number of national what-if variations, swept on local processes and on a Dask local cluster (0: skip)."""
    national_whatifs: int = 0
    """Number of national single-offer what-ifs planned with province parts reused (0: skip)."""


PROFILES = {
    "smoke": Profile(("drenthe", "zeeland-1p"), repeats=1, sweep=4, cli=False, peak=None, time_limit=5.0),
    "full": Profile(("drenthe", "zeeland-1p", "national-1p", "national", "national-4p", "national-4p-noopen", "x10"),
                    repeats=3, sweep=1000, cli=True, peak="national", national_sweep=2, national_whatifs=100),
}


# ---------------------------------------------------------------------------------------------------------------
# Phase drivers


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def drive_load(inst: Instance) -> Scenario:
    scenario, problems = load_scenario(inst.folder())
    if scenario is None or problems.has_errors():
        raise SystemExit(f"{inst.name}: the scenario does not load:\n{problems}")
    return inst.change(scenario)


def drive_build(scenario: Scenario) -> Any:
    from planner.model.build import build_model

    return build_model(scenario)


def drive_solve(model: Any, solver: str, inst: Instance, limit: float) -> Any:
    from planner.model.solve import SolveSettings, solve_model

    gap = inst.gap if inst.gap is not None else model.scenario.settings.solver.gap
    budget = limit * max(1, len(model.goals))
    # reuse=False: a repeat must solve again, not take the parts the first repeat proved (planner/model/reuse.py)
    return solve_model(model, SolveSettings(solver, time_limit=budget, gap=gap, threads=1, seed=0, reuse=False))


def drive_report(scenario: Scenario, model: Any, solution: Any, solver: str, limit: float) -> dict[str, Any]:
    from planner.journeys.plan import PlanRun, SolveSettings, plan_json, spuk_of_plan, write_plan_dir
    from planner.model.plan import extract_plan

    plan = extract_plan(model, solution) if solution.has_plan else None
    run = PlanRun(scenario, model, solution, plan, SolveSettings(solver=solver, time_limit=limit))
    run.spuk = spuk_of_plan(run)
    data = plan_json(run)
    with tempfile.TemporaryDirectory() as tmp:
        write_plan_dir(run, Path(tmp), data)
    return data


def drive_explain(scenario: Scenario, limit: float) -> tuple[float, str]:
    """Explain an infeasible variant (every offer 0: no province can close); returns seconds and what it found."""
    try:
        from planner.explain.explain import explain_scenario
    except ImportError:
        return float("nan"), "planner.explain not available"
    bad = dataclasses.replace(scenario, offers=tuple(o.model_copy(update={"places": 0}) for o in scenario.offers))
    seconds, ex = _timed(lambda: explain_scenario(bad, time_limit=limit))
    return seconds, f"{len(ex.conflicts.conflicts)} conflict(s), {len(ex.sentences)} sentence(s)"


def stage_programs(model: Any, solution: Any) -> list[Any]:
    """The programs the lexicographic solve handed to the backend, one per goal: the base rows, the fixing rows of
    the earlier goals (``goal_<name>``) and this goal's objective."""
    lp = solution.program
    base = np.array([not n.startswith("goal_") for n in lp.row_names])
    out = []
    fixed: set[str] = set()
    for goal in model.goals or []:
        mask = base | np.array([n.startswith("goal_") and n[5:] in fixed for n in lp.row_names])
        out.append(lp.subset_rows(mask).with_objective(model.builder.objective(goal.terms), 0.0))
        fixed.add(goal.name)
    return out


def drive_mps(stages: list[Any], limit: float, gap: float, relax: bool) -> tuple[float, str]:
    """Raw HiGHS on the same programs: write each stage as MPS, then time highspy reading and solving the file."""
    from solvers import write_mps
    from solvers.highs import _new_highs

    total, status = 0.0, "optimal"
    with tempfile.TemporaryDirectory() as tmp:
        for i, lp in enumerate(stages):
            path = Path(tmp) / f"stage{i}.mps"
            write_mps(lp, path)
            h = _new_highs()
            for key, value in (("threads", 1), ("random_seed", 0), ("time_limit", float(limit)),
                               ("mip_rel_gap", float(gap)), ("solve_relaxation", relax)):
                h.setOptionValue(key, value)
            t = time.perf_counter()
            h.readModel(str(path))
            h.run()
            total += time.perf_counter() - t
            st = h.getModelStatus().name
            if st != "kOptimal":
                status = st
    return total, status


# ---------------------------------------------------------------------------------------------------------------
# Measurements


def _stats(xs: list[float]) -> dict[str, float]:
    xs = [x for x in xs if x == x]
    if not xs:
        return {"median": float("nan"), "min": float("nan"), "max": float("nan"), "n": 0}
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs), "n": len(xs)}


def measure_instance(inst: Instance, profile: Profile, solvers: list[str], log: Callable[[str], None]) -> list[dict]:
    limit = min(inst.time_limit, profile.time_limit or inst.time_limit)
    repeats = inst.repeats if inst.repeats is not None else profile.repeats
    if profile.time_limit is not None:
        repeats = 1
    use = solvers if inst.solvers == "all" else [s for s in solvers if s in ("highs", "auto")]
    rows = []
    explain = (float("nan"), "skipped for this instance")
    for solver in use:
        times: dict[str, list[float]] = {p: [] for p in PHASES if p != "explain"}
        e2e: list[float] = []
        cpu: list[float] = []
        model = solution = scenario = None
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
            t_load, t_build, t_solve, t_report = t1 - t0, t2 - t1, t3 - t2, t4 - t3
            for p, t in zip(("load", "build", "solve", "report"), (t_load, t_build, t_solve, t_report), strict=True):
                times[p].append(t)
            e2e.append(t_load + t_build + t_solve + t_report)
            cpu.append(_cpu() - c0)
        assert model is not None
        assert solution is not None
        assert scenario is not None
        row: dict[str, Any] = {
            "instance": inst.name, "solver": solver, "repeats": repeats, "time_limit_per_goal": limit,
            "periods": len(model.periods), "municipalities": len(model.munis), "sites": len(model.sites),
            "variables": model.builder.n_vars, "rows": len(model.builder.row_names),
            "nonzeros": len(model.builder._indices) if hasattr(model.builder, "_indices") else None,
            "open_variables": len(model.open), "goals": len(model.goals),
            "status": solution.status.value, "gap": solution.gap,
            "objectives": {g.name: g.objective for g in solution.goals},
            "phases": {p: _stats(v) for p, v in times.items()}, "end_to_end": _stats(e2e), "cpu": _stats(cpu),
            "goals_detail": [{"goal": g.name, "status": g.status.value, "objective": g.objective,
                              "seconds": g.seconds} for g in solution.goals],
            "plan_digest": _plan_digest(solution),
        }
        if solver == "highs":
            if inst.explain:
                explain = drive_explain(scenario, limit)
            row["explain_note"] = explain[1]
            if solution.program is not None and model.goals:
                stages = stage_programs(model, solution)
                gap = inst.gap if inst.gap is not None else scenario.settings.solver.gap
                raw, raw_status = drive_mps(stages, limit, gap, relax=False)
                lp_time, _ = drive_mps(stages, limit, gap, relax=True)
                row.update(raw_mps=raw, raw_status=raw_status, lp_relaxation=lp_time)
        row["phases"]["explain"] = _stats([explain[0]] if solver == "highs" else [])
        rows.append(row)
        log(f"  {inst.name:<20} {solver:<6} {row['status']:<10} e2e {row['end_to_end']['median']:.3f} s")
    highs = next((r for r in rows if r["solver"] == "highs"), None)
    for r in rows:
        r["same_plan_as_highs"] = (None if highs is None or r["plan_digest"] is None or highs["plan_digest"] is None
                                   else r["plan_digest"] == highs["plan_digest"])
        e = r["end_to_end"]["median"]
        r["e2e_over_raw"] = e / highs["raw_mps"] if highs and highs.get("raw_mps") else None
        r["e2e_over_lp"] = e / highs["lp_relaxation"] if highs and highs.get("lp_relaxation") else None
        h = highs["phases"]["solve"]["median"] if highs else None
        r["solve_over_highs"] = r["phases"]["solve"]["median"] / h if h else None
        if r is highs and r.get("raw_mps"):
            r["modelling_overhead"] = max(0.0, e - r["raw_mps"]) / e
    return rows


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


def _child_peak(instance: str) -> None:
    """In a fresh process: load, build, solve and report one instance, print the peak resident memory (MB)."""
    inst = INSTANCES[instance]
    scenario = drive_load(inst)
    model = drive_build(scenario)
    solution = drive_solve(model, "highs", inst, inst.time_limit)
    drive_report(scenario, model, solution, "highs", inst.time_limit)
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print(json.dumps({"peak_mb": kb / 1024, "status": solution.status.value}))


def measure_peak(instance: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "benchmarks.run", "--peak-child", instance], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return {"instance": instance, **json.loads(out.stdout.strip().splitlines()[-1])}


def measure_cli(repeats: int = 5) -> dict[str, dict[str, float]]:
    exe = str(Path(sys.executable).with_name("planner"))
    out = {}
    for label, args in (("planner --help", ["--help"]), ("planner quota (Drenthe)", ["quota"])):
        ts = []
        for _ in range(repeats):
            t = time.perf_counter()
            subprocess.run([exe, *args], cwd=ROOT, capture_output=True, check=True)
            ts.append(time.perf_counter() - t)
        out[label] = _stats(ts)
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
    seconds, rows = _timed(lambda: run_sweep(scenario, variations, executor=executor, workers=workers,
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
    cut by 10 % — a change that touches one province. (A site's places change every municipality's SPUK 3 share,
    which is keyed on places, and the national need every task: those what-ifs change every province.)"""
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


def measure_national_whatifs(n: int, solver: str, reuse: bool = True, executor: str = "local") -> dict[str, Any]:
    """``n`` national what-ifs (:func:`offer_whatifs`) on 2 worker processes — local (spawned) or a Dask local
    cluster — each keeping the parts it proved (planner/model/reuse.py); each what-if planned whole (build, solve,
    plan, SPUK; no files written)."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    base, _ = load_scenario(NATIONAL)
    assert base is not None
    changes = offer_whatifs(base, n)
    workers = min(2, os.cpu_count() or 1)
    t = time.perf_counter()
    if executor == "dask":
        import importlib

        distributed: Any = importlib.import_module("distributed")
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        client = distributed.Client(cluster)
        try:
            out = client.gather(client.map(_plan_whatif, changes, [solver] * n, [reuse] * n, pure=False))
        finally:
            client.close()
            cluster.close()
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
            out = list(pool.map(_plan_whatif, changes, [solver] * n, [reuse] * n))
    seconds = time.perf_counter() - t
    statuses: dict[str, int] = {}
    for o in out:
        statuses[o["status"]] = statuses.get(o["status"], 0) + 1
    return {"variations": n, "seconds": seconds, "workers": workers, "solver": solver, "reuse": reuse,
            "executor": executor,
            "statuses": statuses, "proven": sum(o["proven"] for o in out),
            "reused_parts": sum(o["reused"] for o in out), "cpu_in_whatifs": sum(o["cpu"] for o in out),
            "per_whatif": _stats([o["seconds"] for o in out]),
            "rows_digest": hashlib.sha256("|".join(str(o["digest"]) for o in out).encode()).hexdigest()[:16]}


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

    versions = {"python": platform.python_version()}
    for pkg in ("highspy", "ortools", "pulp", "numpy", "pyscipopt"):
        try:
            versions[pkg] = version(pkg)
        except PackageNotFoundError:
            versions[pkg] = "not installed"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "planner", "solvers", "benchmarks"],
                                    cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = "unknown", False
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(ram, 1), "platform": platform.platform(),
            "versions": versions, "commit": commit + (" (with uncommitted changes)" if dirty else "")}


def _find(rows: list[dict], instance: str, solver: str = "highs") -> dict | None:
    return next((r for r in rows if r["instance"] == instance and r["solver"] == solver), None)


def targets(rows: list[dict], extra: dict[str, Any]) -> list[dict[str, Any]]:
    """Every target of issue 6 with its measured value; a target with no measurement is 'not measured'."""
    out: list[dict[str, Any]] = []

    def add(what: str, value: float | None, limit: float, unit: str, proven: bool | None = None,
            note: str = "") -> None:
        if value is None or value != value:
            out.append({"target": what, "limit": limit, "unit": unit, "value": None, "met": None, "note": note})
            return
        met = value <= limit and proven is not False
        out.append({"target": what, "limit": limit, "unit": unit, "value": value, "met": met, "note": note})

    r = _find(rows, "national-4p-noopen")
    add("national, no opening decisions, 4 periods, proven optimal, end to end", r and r["end_to_end"]["median"],
        2.0, "s", r and r["status"] == "optimal", (r and f"status {r['status']}") or "")
    add("… of which modelling overhead (end to end − raw MPS solve)", r and r.get("modelling_overhead"), 0.25,
        "share")
    for name, limit in (("national-1p", 5.0), ("national-4p", 20.0)):
        r = _find(rows, name)
        ok = r is not None and r["status"] == "optimal" and (r["gap"] or 0) <= 1e-4
        add(f"{name} with opening decisions, proven optimal (gap ≤ 0.01 %)", r and r["end_to_end"]["median"], limit,
            "s", ok, (r and f"status {r['status']}, gap {r['gap']}") or "")
    sw = extra.get("sweep")
    full = sw is not None and sw["variations"] >= 1000
    add("1,000 Drenthe what-if variations (planner sweep)", sw["seconds"] if full else None, 30.0, "s", None,
        "" if full or sw is None else f"only {sw['variations']} variations in this profile")
    pk = extra.get("peak")
    add("peak memory, national", pk and pk["peak_mb"], 1024.0, "MB")
    r = _find(rows, "x10")
    ok = r is not None and r["status"] in ("optimal", "feasible") and (r["gap"] or 0) <= 0.01
    add("10x instance within 1 % gap", r and r["end_to_end"]["median"], 120.0, "s", ok,
        (r and f"status {r['status']}, gap {r['gap']}") or "")
    # Issue 13.
    for solver in ("highs", "auto"):
        r = _find(rows, "national", solver)
        tie = r and next((g for g in r["goals_detail"] if g["goal"] == "tie_break"), None)
        every = r is not None and r["status"] == "optimal" and (tie is None or tie["status"] == "optimal")
        add(f"committed national scenario, every goal proven incl. the tie-break, end to end ({solver})",
            r and r["end_to_end"]["median"], 5.0, "s", every,
            (r and f"status {r['status']}, tie-break {tie['status'] if tie else '–'}, "
             f"CPU {r['cpu']['median']:.1f} s") or "")
    for name, limit in (("national-1p", 3.0), ("national-4p", 10.0)):
        for solver in ("highs", "auto"):
            r = _find(rows, name, solver)
            ok = r is not None and r["status"] == "optimal" and (r["gap"] or 0) <= 1e-4
            add(f"{name}, every real goal proven optimal ({solver})", r and r["end_to_end"]["median"], limit, "s",
                ok, (r and f"status {r['status']}, gap {r['gap']}, CPU {r['cpu']['median']:.1f} s") or "")
    for solver in ("highs", "auto"):
        r = _find(rows, "x10", solver)
        ok = r is not None and r["status"] in ("optimal", "feasible") and (r["gap"] or 0) <= 0.001
        add(f"10x instance within 0.1 % gap ({solver})", r and r["end_to_end"]["median"], 60.0, "s", ok,
            (r and f"status {r['status']}, gap {r['gap']}, CPU {r['cpu']['median']:.1f} s") or "")
    national = [x for x in rows if x["instance"] == "national" and x["plan_digest"] is not None]
    differ = [x["solver"] for x in national if x["same_plan_as_highs"] is False]
    add("the same national plan from every backend that finishes (backends with another plan)",
        float(len(differ)) if len(national) > 1 else None, 0.0, "backends", None,
        f"finished: {', '.join(x['solver'] for x in national)}; other plan: {', '.join(differ) or 'none'}")
    r = _find(rows, "national")
    if r is not None:
        ph = r["phases"]
        outside = ph["load"]["median"] + ph["build"]["median"] + ph["report"]["median"]
        add("national: modelling overhead outside the solve (load + build + report) / end to end",
            outside / r["end_to_end"]["median"], 0.25, "share")
    nw = extra.get("national_whatifs")
    if nw and nw["variations"] >= 100:
        add("100 national what-ifs (one offer each), reusing unchanged provinces", nw["seconds"], 120.0, "s",
            nw["proven"] == nw["variations"], f"{nw['solver']}, {nw['workers']} processes, {nw['proven']} proven, "
            f"{nw['reused_parts']} parts reused, statuses {nw['statuses']}")
    else:
        ns = extra.get("national_sweep")
        add("100 national what-ifs", None, 120.0, "s", None,
            "not measured at 100" + (f"; {ns['variations']} variations took {ns['seconds']:.1f} s on "
                                     f"{ns['workers']} local processes" if ns else ""))
    cli = extra.get("cli") or {}
    add("planner --help (subprocess, median of 5)", cli.get("planner --help", {}).get("median"), 0.3, "s")
    add("planner quota on Drenthe (subprocess, median of 5)", cli.get("planner quota (Drenthe)", {}).get("median"),
        1.0, "s")
    return out


def _f(x: float | None, digits: int = 3) -> str:
    return "–" if x is None or x != x else f"{x:.{digits}f}"


def _spread(s: dict[str, float]) -> str:
    if not s or not s["n"]:
        return "–"
    return _f(s["median"]) + (f" ({_f(s['min'])}–{_f(s['max'])})" if s["n"] > 1 else "")


TABLE_COLUMNS = ("instance", "solver", "size (vars/rows/open)", "status", "load", "build", "solve", "report",
                 "explain", "end to end", "CPU", "raw MPS", "LP floor", "e2e/raw", "e2e/LP", "solve/HiGHS",
                 "plan = HiGHS's")


def table_rows(rows: list[dict]) -> list[list[str]]:
    out = []
    for r in rows:
        ph = r["phases"]
        out.append([
            f"{r['instance']} ({r['periods']}p)", r["solver"],
            f"{r['variables']}/{r['rows']}/{r['open_variables']}", r["status"],
            *(_spread(ph[p]) for p in PHASES), _spread(r["end_to_end"]), _spread(r.get("cpu") or {}),
            _f(r.get("raw_mps")), _f(r.get("lp_relaxation")),
            _f(r.get("e2e_over_raw"), 2), _f(r.get("e2e_over_lp"), 1), _f(r.get("solve_over_highs"), 2),
            {True: "yes", False: "no", None: "–"}[r.get("same_plan_as_highs")],
        ])
    return out


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [f"# Benchmark {result['date']} — profile {result['profile']}", "",
             f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM; {m['platform']}.  ",
             "Versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()) + f"; commit {m['commit']}.",
             "", "Times in seconds: median (min–max) over the repeats; explain = one run on an infeasible variant.",
             "", "| " + " | ".join(TABLE_COLUMNS) + " |", "|" + "---|" * len(TABLE_COLUMNS)]
    lines += ["| " + " | ".join(c) + " |" for c in table_rows(result["rows"])]
    lines += ["", "## Targets", "", "| target | limit | measured | met | note |", "|---|---|---|---|---|"]
    for t in result["targets"]:
        met = "not measured" if t["met"] is None else ("**met**" if t["met"] else "**missed**")
        lines.append(f"| {t['target']} | {t['limit']} {t['unit']} | {_f(t['value'])} | {met} | {t['note']} |")
    goal_rows = [r for r in result["rows"] if r["instance"].startswith("national") and r.get("goals_detail")]
    if goal_rows:
        lines += ["", "## Per goal (seconds: the sum of the goal's solves; status)", "",
                  "| instance | solver | " + " | ".join(g["goal"] for g in goal_rows[0]["goals_detail"]) + " |",
                  "|---|---|" + "---|" * len(goal_rows[0]["goals_detail"])]
        for r in goal_rows:
            cells = {g["goal"]: f"{_f(g['seconds'], 2)} ({g['status']})" for g in r["goals_detail"]}
            lines.append(f"| {r['instance']} | {r['solver']} | "
                         + " | ".join(cells.get(g["goal"], "–") for g in goal_rows[0]["goals_detail"]) + " |")
    extra = result.get("extra", {})
    for key in ("national_whatifs", "national_whatifs_cold", "national_whatifs_dask"):
        if extra.get(key):
            w = extra[key]
            lines += ["", f"National what-ifs ({w['solver']}, {w.get('executor', 'local')}, reuse "
                      f"{'on' if w['reuse'] else 'off'}): "
                      f"{w['variations']} in {_f(w['seconds'], 1)} s on {w['workers']} processes, per what-if "
                      f"{_spread(w['per_whatif'])} s, CPU in the what-ifs {_f(w['cpu_in_whatifs'], 1)} s; "
                      f"{w['proven']} proven, {w['reused_parts']} parts reused; statuses {w['statuses']}."]
    for key in ("sweep", "sweep_dask", "national_sweep", "national_sweep_dask"):
        if extra.get(key):
            sw = extra[key]
            lines += ["", f"Sweep ({sw.get('scenario', 'drenthe')}, {sw.get('executor', 'local')}): "
                      f"{sw['variations']} variations in {_f(sw['seconds'], 1)} s with {sw['workers']} workers; "
                      f"statuses {sw['statuses']}; rows digest {sw.get('rows_digest', '–')}."]
    if extra.get("peak"):
        lines += [f"Peak memory ({extra['peak']['instance']}, fresh process): {_f(extra['peak']['peak_mb'], 0)} MB."]
    notes = {r["instance"]: r.get("explain_note") for r in result["rows"] if r.get("explain_note")}
    if notes:
        lines += ["", "Explain: " + "; ".join(f"{k}: {v}" for k, v in notes.items()) + "."]
    return "\n".join(lines) + "\n"


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5))
    by_solver: dict[str, list[dict]] = {}
    for r in rows:
        by_solver.setdefault(r["solver"], []).append(r)
    for solver, rs in sorted(by_solver.items()):
        rs = sorted(rs, key=lambda r: r["variables"])
        ax.plot([r["variables"] for r in rs], [r["end_to_end"]["median"] for r in rs], "o", label=f"{solver} e2e")
    hs = sorted((r for r in rows if r.get("raw_mps")), key=lambda r: r["variables"])
    # Markers only: the instances differ in kind (with / without opening decisions), not only in size.
    ax.plot([r["variables"] for r in hs], [r["raw_mps"] for r in hs], "kx", label="raw HiGHS on MPS")
    ax.plot([r["variables"] for r in hs], [r["lp_relaxation"] for r in hs], "k+", label="LP relaxation")
    for r in by_solver.get("highs", []):
        ax.annotate(r["instance"], (r["variables"], r["end_to_end"]["median"]), fontsize=7)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("variables")
    ax.set_ylabel("seconds")
    ax.set_title("Time against size")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def print_table(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"benchmark {result['date']} ({result['profile']})")
    for c in TABLE_COLUMNS:
        t.add_column(c)
    for row in table_rows(result["rows"]):
        t.add_row(*row)
    console = Console(width=240)
    console.print(t)
    tt = Table(title="targets")
    for c in ("target", "limit", "measured", "met", "note"):
        tt.add_column(c)
    for x in result["targets"]:
        met = "not measured" if x["met"] is None else ("met" if x["met"] else "MISSED")
        tt.add_row(x["target"], f"{x['limit']} {x['unit']}", _f(x["value"]), met, x["note"])
    console.print(tt)


def run(profile_name: str, out_dir: Path = RESULTS, only: list[str] | None = None,
        solvers: list[str] | None = None,
        log: Callable[[str], None] = lambda s: print(s, flush=True)) -> dict[str, Any]:
    from solvers import available_solvers

    profile = PROFILES[profile_name]
    names = only or list(profile.instances)
    installed = solvers or [*available_solvers(), "auto"]
    rows: list[dict] = []
    today = dt.date.today().isoformat()
    stem = out_dir / f"{today}-{profile_name}"
    out_dir.mkdir(parents=True, exist_ok=True)
    extra: dict[str, Any] = {}

    def save() -> dict[str, Any]:
        """Write what is measured so far (after every instance: a failure later keeps the rows before it)."""
        from planner.io import write_text

        result = {"date": today, "profile": profile_name, "machine": machine(), "rows": rows,
                  "targets": targets(rows, extra), "extra": extra}
        write_text(stem.with_suffix(".json"), json.dumps(result, indent=2, default=str) + "\n")
        write_text(stem.with_suffix(".md"), markdown(result))
        return result

    for name in names:
        rows += measure_instance(INSTANCES[name], profile, installed, log)
        save()
    if profile.sweep and not only:
        log(f"  sweep of {profile.sweep} Drenthe variations, local processes and Dask …")
        extra["sweep"] = measure_sweep(profile.sweep)
        extra["sweep_dask"] = measure_sweep(profile.sweep, "dask")
    if profile.national_sweep and not only:
        log(f"  sweep of {profile.national_sweep} national variations, local processes and Dask …")
        extra["national_sweep"] = measure_sweep(profile.national_sweep, national=True)
        extra["national_sweep_dask"] = measure_sweep(profile.national_sweep, "dask", national=True)
    if profile.national_whatifs and not only:
        log(f"  {profile.national_whatifs} national what-ifs (one offer each), reusing unchanged provinces …")
        extra["national_whatifs"] = measure_national_whatifs(profile.national_whatifs, "auto")
        extra["national_whatifs_cold"] = measure_national_whatifs(4, "auto", reuse=False)
        extra["national_whatifs_dask"] = measure_national_whatifs(profile.national_whatifs, "auto", executor="dask")
    if profile.peak and not only:
        log("  peak memory …")
        extra["peak"] = measure_peak(profile.peak)
    if profile.cli and not only:
        extra["cli"] = measure_cli()
    result = save()
    plot(rows, stem.with_suffix(".png"))
    result["files"] = [str(stem.with_suffix(s)) for s in (".md", ".json", ".png")]
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description="Benchmark harness (see module doc).")
    ap.add_argument("--profile", choices=sorted(PROFILES), default="smoke")
    ap.add_argument("--only", nargs="*", choices=sorted(INSTANCES), help="only these instances (no sweep/CLI/peak)")
    ap.add_argument("--solvers", nargs="*", help="only these solvers (default: every installed one)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--peak-child", help=argparse.SUPPRESS)
    ap.add_argument("--whatifs", type=int, metavar="N",
                    help="only N national what-ifs (one offer each), with reuse, then 4 without (first --solvers)")
    ap.add_argument("--executor", choices=("local", "dask"), default="local", help="for --whatifs")
    args = ap.parse_args(argv)
    if args.peak_child:
        _child_peak(args.peak_child)
        return 0
    if args.whatifs:
        solver = (args.solvers or ["auto"])[0]
        for reuse, n in ((True, args.whatifs), (False, min(4, args.whatifs))):
            print(json.dumps(measure_national_whatifs(n, solver, reuse, args.executor)), flush=True)
        return 0
    result = run(args.profile, args.out, args.only, args.solvers)
    print_table(result)
    print("wrote " + ", ".join(result["files"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
