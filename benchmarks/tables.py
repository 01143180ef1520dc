"""The harness's results as people read them: the targets of issues 6 and 13 with their measured numbers, the
Markdown tables (Dutch number format, as in benchmarks/README.md), the terminal table and the plot of time against
instance size. Only formats: every number is measured in :mod:`benchmarks.run`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planner.report.numbers import nl_decimal, nl_int

PHASES = ("load", "build", "solve", "report", "explain")


def _find(rows: list[dict], instance: str, solver: str = "highs") -> dict | None:
    return next((r for r in rows if r["instance"] == instance and r["solver"] == solver and r.get("end_to_end")),
                None)


def _e2e(r: dict | None) -> float | None:
    return r["end_to_end"]["median"] if r and r.get("end_to_end") else None


def _proven(r: dict | None) -> bool:
    """Every goal proven optimal, the tie-break too (a row that spent its budget is never proven)."""
    return r is not None and r.get("outcome") == "proven"


def _load(x: dict | None) -> str:
    """The 1-minute load average at the start and the end of a measurement: ``7,2 → 8,1``."""
    if not x or not x.get("load"):
        return "–"
    a, b = x["load"]
    return f"{nl_decimal(a, 1)} → {nl_decimal(b, 1)}"


def targets(rows: list[dict], extra: dict[str, Any]) -> list[dict[str, Any]]:
    """Every target of issues 6 and 13 with its measured value; a target with no measurement is 'not measured'
    and says why. ``note`` says the outcome, the CPU seconds and the load of the measurement."""
    out: list[dict[str, Any]] = []

    def add(what: str, value: float | None, limit: float, unit: str, ok: bool | None = None, note: str = "",
            load: str = "–") -> None:
        if value is None or value != value:
            out.append({"target": what, "limit": limit, "unit": unit, "value": None, "met": None, "note": note,
                        "load": load})
            return
        met = value <= limit and ok is not False
        out.append({"target": what, "limit": limit, "unit": unit, "value": value, "met": met, "note": note,
                    "load": load})

    def row_note(r: dict | None) -> str:
        if r is None:
            return "not in this run"
        cpu = r.get("cpu", {}).get("median")
        return f"{r['outcome_text']}; CPU {nl_decimal(cpu, 1)} s" if cpu is not None else r["outcome_text"]

    def any_row(instance: str, solver: str) -> dict | None:
        return next((r for r in rows if r["instance"] == instance and r["solver"] == solver), None)

    # Issue 13.
    for solver in ("highs", "auto"):
        r = any_row("national", solver)
        add(f"committed national scenario, every goal proven incl. the tie-break, end to end ({solver})",
            _e2e(r), 5.0, "s", _proven(r), row_note(r),
            _load(r))
    for name, limit in (("national-1p", 3.0), ("national-4p", 10.0)):
        for solver in ("highs", "auto"):
            r = any_row(name, solver)
            add(f"{name}, every goal proven ({solver})", _e2e(r), limit, "s", _proven(r), row_note(r), _load(r))
    for solver in ("highs", "auto"):
        r = any_row("x10", solver)
        ok = r is not None and r.get("outcome") in ("proven", "within gap")
        add(f"10x instance within 0,1 % gap ({solver})", _e2e(r), 60.0, "s", ok, row_note(r), _load(r))
    national = [x for x in rows if x["instance"] == "national"]
    compared = [x for x in national if x.get("same_plan_as_highs") is not None]
    differ = [x["solver"] for x in compared if x["same_plan_as_highs"] is False]
    unproven = [x["solver"] for x in national if not _proven(x)]
    highs = _find(rows, "national")
    digest = ""
    if compared and highs and highs.get("plan_digest"):
        digest = f" (HiGHS's plan digest `{highs['plan_digest']}`)"
    add("the same national plan from every backend (backends that proved every goal with another plan than HiGHS's)",
        float(len(differ)) if compared else None, 0.0, "backends", None,
        f"compared: {', '.join(x['solver'] for x in compared) or 'none'}{digest}; another plan: "
        f"{', '.join(differ) or 'none'}; not compared (a goal not proven, or no plan): {', '.join(unproven) or 'none'}",
        _load(national[0]) if national else "–")
    r = _find(rows, "national")
    if r is not None:
        ph = r["phases"]
        outside = ph["load"]["median"] + ph["build"]["median"] + ph["report"]["median"]
        add("national: modelling overhead (load + build + report) / end to end (highs)",
            outside / r["end_to_end"]["median"], 0.25, "share", None,
            f"{nl_decimal(outside, 2)} s of {nl_decimal(r['end_to_end']['median'], 2)} s", _load(r))
    else:
        add("national: modelling overhead (load + build + report) / end to end (highs)", None, 0.25, "share")
    peaks = [(x["peak_mb"], x["solver"]) for x in national if x.get("peak_mb")]
    top = max(peaks, default=None)
    peak_note = f"largest with {top[1]}; " + ", ".join(f"{s} {nl_int(p)}" for p, s in peaks) if top else ""
    add("peak memory, national (largest process of a row: the main process or one solve worker)",
        top[0] if top else None, 1024.0, "MB", None, peak_note, _load(national[0]) if national else "–")
    nw, nd = extra.get("national_whatifs"), extra.get("national_whatifs_dask")
    notes = "; ".join(whatif_note(w) for w in (nw, nd) if w)
    if nw and nd:
        notes += "; local and Dask: " + ("the same rows" if nw["rows_digest"] == nd["rows_digest"]
                                         else "**different rows**")
    if nw and nw["variations"] >= 100:
        add("100 national what-ifs (one offer each), reusing unchanged provinces", nw["seconds"], 120.0, "s",
            nw["proven"] == nw["variations"], notes, _load(nw))
    else:
        add("100 national what-ifs (one offer each), reusing unchanged provinces", None, 120.0, "s", None,
            "not measured at 100 in this run" + (f"; {notes}" if notes else ""), _load(nw))
    # Issue 6 (still in the table so that every target is there; not the subject of issue 13).
    r = _find(rows, "national-4p-noopen")
    add("national, no opening decisions, 4 periods, proven, end to end (issue 6)", _e2e(r), 2.0, "s", _proven(r),
        row_note(r), _load(r))
    sw = extra.get("sweep")
    sw = sw if sw and sw["variations"] >= 1000 else None
    add("1.000 Drenthe what-if variations (planner sweep; issue 6)", sw and sw["seconds"], 30.0, "s", None,
        "not in the full profile since the third session of 2026-12-01 (543 s under load before)" if not sw else "",
        _load(sw))
    cli = extra.get("cli") or {}
    add("planner --help (subprocess, median of 5; issue 6)", cli.get("planner --help", {}).get("median"), 0.3, "s",
        None, "", _load(cli.get("planner --help")))
    add("planner quota on Drenthe (subprocess, median of 5; issue 6)",
        cli.get("planner quota (Drenthe)", {}).get("median"), 1.0, "s", None, "",
        _load(cli.get("planner quota (Drenthe)")))
    return out


def whatif_note(w: dict[str, Any]) -> str:
    return (f"{w['variations']} on {w['executor']} ({w['workers']} processes) in {nl_decimal(w['seconds'], 1)} s "
            f"wall (the base planned once included), {w['proven']} proven, {w['reused_parts']} parts reused, CPU in "
            f"the what-ifs {nl_decimal(w['cpu_in_whatifs'], 1)} s, rows {w['rows_digest']}")


def _f(x: float | None, digits: int = 3) -> str:
    return "–" if x is None or x != x else nl_decimal(x, digits)


def _spread(s: dict[str, float] | None, digits: int = 3) -> str:
    if not s or not s.get("n"):
        return "–"
    return _f(s["median"], digits) + (f" ({_f(s['min'], digits)}–{_f(s['max'], digits)})" if s["n"] > 1 else "")


TABLE_COLUMNS = ("instance", "solver", "size (vars/rows/open)", "repeats", "solve budget", "outcome", "load",
                 "build", "solve", "report", "explain", "end to end", "CPU", "peak MB", "raw MPS", "e2e/raw",
                 "solve/HiGHS", "plan = HiGHS's", "load average")


def table_rows(rows: list[dict]) -> list[list[str]]:
    out = []
    for r in rows:
        ph = r.get("phases") or {}
        size = f"{r['variables']}/{r['rows']}/{r['open_variables']}" if r.get("variables") else "–"
        out.append([
            f"{r['instance']} ({r['periods']}p)" if r.get("periods") else r["instance"], r["solver"], size,
            str(r.get("repeats", "–")), f"{nl_int(r['budget'])} s" if r.get("budget") else "–", r["outcome_text"],
            *(_spread(ph.get(p)) for p in PHASES), _spread(r.get("end_to_end")), _spread(r.get("cpu"), 1),
            nl_int(r["peak_mb"]) if r.get("peak_mb") else "–", _f(r.get("raw_mps")), _f(r.get("e2e_over_raw"), 2),
            _f(r.get("solve_over_highs"), 2),
            {True: "yes", False: "**no**", None: "–"}[r.get("same_plan_as_highs")], _load(r),
        ])
    return out


def _met(t: dict[str, Any]) -> str:
    return "not measured" if t["met"] is None else ("**met**" if t["met"] else "**missed**")


def _value(t: dict[str, Any]) -> str:
    if t["value"] is None:
        return "–"
    if t["unit"] == "share":
        return f"{nl_decimal(100 * t['value'], 1)} %"
    if t["unit"] == "MB":
        return f"{nl_int(t['value'])} MB"
    if t["unit"] == "backends":
        return nl_int(t["value"])
    return f"{nl_decimal(t['value'], 2)} s"


def _limit(t: dict[str, Any]) -> str:
    if t["unit"] == "share":
        return f"≤ {nl_decimal(100 * t['limit'], 0)} %"
    if t["unit"] == "backends":
        return "0 (all equal)"
    return f"≤ {nl_decimal(t['limit'], 1)} {t['unit']}".replace(",0 MB", " MB")


def goal_table(rows: list[dict]) -> list[str]:
    goal_rows = [r for r in rows if r["instance"].startswith(("national", "x10")) and r.get("goals_detail")]
    if not goal_rows:
        return []
    names = [g["goal"] for g in goal_rows[0]["goals_detail"]]
    lines = ["| instance | solver | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for r in goal_rows:
        cells = {g["goal"]: f"{_f(g['seconds'], 2)}" + ("" if g["status"] == "optimal" else f" ({g['status']})")
                 + (f" {g['solver']}" if r["solver"] == "auto" and g.get("solver") else "")
                 for g in r["goals_detail"]}
        lines.append(f"| {r['instance']} | {r['solver']} | " + " | ".join(cells.get(g, "–") for g in names) + " |")
    return lines


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [f"# Benchmark {result['date']} — profile {result['profile']}", "",
             f"Machine: {m['cpu']}, {m['cores']} cores, {nl_decimal(m['ram_gb'], 1)} GB RAM; {m['platform']}.  ",
             "Versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()) + f"; commit {m['commit']}.  ",
             f"Started {result.get('started', '–')} UTC, last written {result.get('written', '–')} UTC.",
             "", "Times in seconds: median (min–max) over the repeats; explain = one run on an infeasible variant. "
             "Each row ran in a fresh process with a hard time limit (the solve budget plus a margin). *Outcome*: "
             "`proven` = every goal proven optimal, the tie-break too; `budget spent at goal X` = the solve's "
             "budget ran out at goal X (a plan, not proven); `within gap` = every goal within the instance's gap. "
             "*load average*: the 1-minute load at the row's start → end (2 cores).",
             "", "| " + " | ".join(TABLE_COLUMNS) + " |", "|" + "---|" * len(TABLE_COLUMNS)]
    lines += ["| " + " | ".join(c) + " |" for c in table_rows(result["rows"])]
    lines += ["", "## Targets", "", "| target | limit | measured | met | outcome, CPU, note | load |",
              "|---|---|---|---|---|---|"]
    lines += [f"| {t['target']} | {_limit(t)} | {_value(t)} | {_met(t)} | {t['note']} | {t['load']} |"
              for t in result["targets"]]
    goals = goal_table(result["rows"])
    if goals:
        lines += ["", "## Per goal (seconds: the sum of the goal's solves, over worker processes too; status if not "
                  "proven; with auto the goal's backend)", "", *goals]
    extra = result.get("extra", {})
    for key in ("national_whatifs", "national_whatifs_cold", "national_whatifs_dask"):
        if extra.get(key):
            w = extra[key]
            lines += ["", f"National what-ifs ({w['solver']}, {w['executor']}, reuse {'on' if w['reuse'] else 'off'}, "
                      f"load {_load(w)}): {w['variations']} in {_f(w['seconds'], 1)} s wall on {w['workers']} "
                      f"processes, per what-if {_spread(w['per_whatif'], 2)} s, CPU in the what-ifs "
                      f"{_f(w['cpu_in_whatifs'], 1)} s; {w['proven']} proven, {w['reused_parts']} parts reused; "
                      f"statuses {w['statuses']}; rows digest `{w['rows_digest']}`."]
            if w.get("seeded_parts"):  # the base planned once, its parts given to every worker (sweep)
                lines[-1] += (f" First the base, planned once: {_f(w['base_seconds'], 1)} s wall, CPU "
                              f"{_f(w['base_cpu'], 1)} s, its {w['seeded_parts']} parts given to every worker; "
                              f"CPU of the whole measurement {_f(w['cpu_all'], 1)} s.")
    if extra.get("national_whatifs") and extra.get("national_whatifs_dask"):
        same = extra["national_whatifs"]["rows_digest"] == extra["national_whatifs_dask"]["rows_digest"]
        lines += ["", "Local processes and the Dask local cluster gave " + ("the same rows (equal digests)." if same
                                                                            else "**different rows**.")]
    if extra.get("sweep"):
        sw = extra["sweep"]
        lines += ["", f"Sweep (Drenthe): {sw['variations']} variations in {_f(sw['seconds'], 1)} s."]
    cli = extra.get("cli")
    if cli:
        lines += ["", "CLI start-up (subprocess, median (min–max) of 5): " + "; ".join(
            f"`{k}` {_spread(v)} s (load {_load(v)})" for k, v in cli.items()) + "."]
    notes = {r["instance"]: r.get("explain_note") for r in result["rows"] if r.get("explain_note")}
    if notes:
        lines += ["", "Explain: " + "; ".join(f"{k}: {v}" for k, v in notes.items()) + "."]
    return "\n".join(lines) + "\n"


def plot(rows: list[dict], path: Path) -> None:
    """End-to-end seconds (left) and CPU seconds (right: the work, which the machine's load does not inflate)
    against the number of variables, one colour per backend; a filled marker is a row whose every goal was proven,
    a hollow one a row that spent its budget (its time is the budget, not a proof)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(12, 4.8), sharex=True)
    timed = [r for r in rows if r.get("end_to_end") and r.get("variables")]
    by_solver: dict[str, list[dict]] = {}
    for r in timed:
        by_solver.setdefault(r["solver"], []).append(r)
    for ax, key, label in ((axes[0], "end_to_end", "end to end, seconds (wall, shared 2-core machine)"),
                           (axes[1], "cpu", "CPU seconds of the row (worker processes included)")):
        for k, (solver, rs) in enumerate(sorted(by_solver.items())):
            for proven in (True, False):
                sel = sorted((r for r in rs if _proven(r) is proven and r.get(key)), key=lambda r: r["variables"])
                if sel:
                    ax.plot([r["variables"] for r in sel], [r[key]["median"] for r in sel], "o", color=f"C{k}",
                            fillstyle="full" if proven else "none",
                            label=f"{solver} ({'proven' if proven else 'not proven'})")
        for r in by_solver.get("highs", []):
            if r.get(key):
                ax.annotate(r["instance"], (r["variables"], r[key]["median"]), fontsize=7, xytext=(3, 3),
                            textcoords="offset points")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("variables of the built program")
        ax.set_ylabel(label)
    axes[0].set_title("Time against instance size")
    axes[1].set_title("Work (CPU) against instance size")
    if timed:
        axes[0].legend(fontsize=7, ncols=2)
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
    console = Console(width=260)
    console.print(t)
    tt = Table(title="targets")
    for c in ("target", "limit", "measured", "met", "note", "load"):
        tt.add_column(c)
    for x in result["targets"]:
        tt.add_row(x["target"], _limit(x), _value(x), _met(x).replace("*", ""), x["note"], x["load"])
    console.print(tt)


# ---------------------------------------------------------------------------------------------------------------
# The tables of benchmarks/README.md, from a run's JSON (so that the README's numbers are the file's, not retyped)


README_COLUMNS = ("instance", "solver", "size (vars/rows/open)", "solve budget", "outcome", "end to end", "CPU",
                  "peak MB", "plan = HiGHS's", "load")


def readme_rows(rows: list[dict]) -> list[str]:
    """The README's short table: end to end and CPU as median (min–max), one decimal; the rest as in the file."""
    lines = ["| " + " | ".join(README_COLUMNS) + " |", "|" + "---|" * len(README_COLUMNS)]
    for r in rows:
        size = (f"{nl_int(r['variables'])}/{nl_int(r['rows'])}/{nl_int(r['open_variables'])}"
                if r.get("variables") else "–")
        cells = [r["instance"], r["solver"], size, f"{nl_int(r['budget'])} s" if r.get("budget") else "–",
                 r["outcome_text"], _spread(r.get("end_to_end"), 1), _spread(r.get("cpu"), 1),
                 nl_int(r["peak_mb"]) if r.get("peak_mb") else "–",
                 {True: "yes", False: "**no**", None: "–"}[r.get("same_plan_as_highs")], _load(r)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def readme_targets(result: dict[str, Any]) -> list[str]:
    """The targets table, computed again from the run's rows (so a file written before a change of the targets'
    wording reads as the README does now)."""
    lines = ["| target | limit | measured | met | outcome, CPU, note | load |", "|---|---|---|---|---|---|"]
    return lines + [f"| {t['target']} | {_limit(t)} | {_value(t)} | {_met(t)} | {t['note']} | {t['load']} |"
                    for t in targets(result["rows"], result.get("extra", {}))]


def before_after(before: list[tuple[str, dict]], after: list[dict], instance: str = "national",
                 label: str = "after") -> list[str]:
    """Per goal, seconds (the sum of the goal's solves) before → after, per backend: ``before`` is a list of (label,
    row) from earlier runs, ``after`` this run's rows; each line says its run, outcome, CPU of the row and load.
    A goal not proven is marked with its status."""
    mine = [r for r in after if r["instance"] == instance and r.get("goals_detail")]
    if not mine:
        return []
    names = [g["goal"] for g in mine[0]["goals_detail"]]
    lines = ["| backend | run | " + " | ".join(names) + " | outcome | CPU of the row | load |",
             "|---|---|" + "---|" * (len(names) + 3)]

    def line(label: str, r: dict) -> str:
        cells = {g["goal"]: _f(g["seconds"], 1) + ("" if g["status"] == "optimal" else f" ({g['status']})")
                 for g in r.get("goals_detail", [])}
        cpu = r.get("cpu", {}).get("median")
        return (f"| {r['solver']} | {label} | " + " | ".join(cells.get(n, "–") for n in names)
                + f" | {r['outcome_text']} | {_f(cpu, 1)} | {_load(r)} |")

    for r in mine:
        for earlier, b in before:
            if b["solver"] == r["solver"] and b["instance"] == instance:
                lines.append(line(earlier, b))
        lines.append(line(label, r))
    return lines


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.tables RUN.json [LABEL=BEFORE.json …]``: the README's tables of a run (short table,
    targets, per goal before → after against the earlier runs named)."""
    import argparse
    import json

    ap = argparse.ArgumentParser(prog="python -m benchmarks.tables", description=main.__doc__)
    ap.add_argument("run", type=Path)
    ap.add_argument("--label", default="after", help="what the per-goal table calls this run")
    ap.add_argument("before", nargs="*", help="LABEL=FILE.json[:SOLVER,…]: national rows of an earlier run (only "
                                                "these solvers' rows, if named), shown in the order given")
    args = ap.parse_args(argv)
    result = json.loads(args.run.read_text(encoding="utf-8"))
    before: list[tuple[str, dict]] = []
    for spec in args.before:
        label, _, rest = spec.partition("=")
        file, _, names = rest.partition(":")
        keep = set(names.split(",")) if names else None
        before += [(label, r) for r in json.loads(Path(file).read_text(encoding="utf-8"))["rows"]
                   if r["instance"] == "national" and r.get("goals_detail") and (keep is None or r["solver"] in keep)]
    print("\n".join([*readme_rows(result["rows"]), "", *readme_targets(result), "",
                     *before_after(before, result["rows"], label=args.label)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
