"""``planner compare``: plan a base scenario and what-ifs, and show them side by side with the differences."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from planner.cli.common import (
    AllowOutsideOpt,
    Format,
    FormatOpt,
    XlsxOpt,
    console,
    emit,
    fail,
    finish,
    load_or_exit,
    write_result_workbook,
)
from planner.cli.outputs import file_output
from planner.cli.plan import GapOpt, SolverOpt, ThreadsOpt, TimeLimitOpt, solve_settings
from planner.outcome import Outcome, outcome_of_status

CAT = {"regular": "regulier", "amv": "AMV"}


def _delta(value: int | None, delta: int | None, euro: bool = False) -> str:
    from planner.report.numbers import nl_euro, nl_int

    show = nl_euro if euro else nl_int
    if value is None:
        return "–"
    text = show(value)
    if not delta:
        return text
    sign = "+" if delta > 0 else "−"
    style = "green" if delta > 0 else "red"
    return f"[bold {style}]{text} ({sign}{show(abs(delta))})[/]"


def render(data: dict[str, Any], con: Any) -> None:
    """The comparison as terminal tables (only presentation: every value arrives computed)."""
    from rich.table import Table

    from planner.journeys.diff import describe_change, show_value
    from planner.report.numbers import nl_int, nl_percent
    from planner.report.terminal import esc, plain, visible

    scen = data["scenarios"]
    labels = [s["scenario"] for s in scen]
    t = Table(title="Scenario's", title_justify="left")
    for col in ("scenario", "status", "gewijzigde invoer", "gemeenten met tekort", "SPUK gemeenten", "kleinschalig"):
        t.add_column(col, overflow="fold")
    spuk = {s["scenario"]: s for s in data["spuk"]}
    for s, ch in zip(scen, [None, *data["changes"]], strict=True):
        status = s["status"] if s["plan"] else f"[red]{s['status']}: geen plan[/]"
        n = "basis" if ch is None else f"{len(ch['settings'])} instelling(en), {len(ch['tables'])} rij(en)"
        sp = spuk[s["scenario"]]
        euros = (_delta(sp["municipalities_total"], (sp["delta"] or {}).get("municipalities_total"), euro=True)
                 if sp["plan"] else "–")
        shares = [f"{r['period']}: {nl_percent(r['share'])}" for r in data["small_scale"]
                  if r["scenario"] == s["scenario"]]
        short = [f"{d['period']}: {d['municipalities_short']}" for d in data["duty"]
                 if d["scenario"] == s["scenario"]]
        t.add_row(plain(s["scenario"]), status, n, ", ".join(short) or "–", euros, ", ".join(shares) or "–")
    con.print(t)

    for ch in data["changes"]:
        lines = [f"  {c['key']}: {show_value(c['old'])} → {show_value(c['new'])}" for c in ch["settings"]]
        lines += [f"  {describe_change(c)}" for c in ch["tables"]]
        con.print(f"[bold]Wijzigingen {esc(ch['scenario'])}[/] t.o.v. {esc(data['base'])}:")
        con.print(visible("\n".join(lines)) if lines else "  (geen: zelfde invoer als de basis)", markup=False)

    # Places per municipality and category; one column per scenario and period.
    cols: list[tuple[str, str]] = [(s["scenario"], p) for s in scen if s["plan"] for p in s["periods"]]
    by_key = {(r["scenario"], r["code"], r["category"], r["period"]): r for r in data["places"]}
    rows = sorted({(r["code"], r["name"], r["category"]) for r in data["places"]})
    if cols:
        t = Table(title="Plaatsen per gemeente (verschil met de basis gemarkeerd)", title_justify="left")
        t.add_column("code")
        t.add_column("gemeente")
        t.add_column("soort")
        for label, period in cols:
            t.add_column(f"{esc(label)}\n{period}", justify="right", overflow="fold")
        for code, name, cat in rows:
            cells = []
            for label, period in cols:
                r = by_key.get((label, code, cat, period))
                cells.append("–" if r is None else _delta(r["places"], r["delta"]))
            t.add_row(plain(code), plain(name), CAT[cat], *cells)
        con.print(t)

        t = Table(title="Taak gehaald? (tekort per gemeente)", title_justify="left")
        t.add_column("code")
        t.add_column("gemeente")
        t.add_column("soort")
        t.add_column("taak", justify="right")
        for label, period in cols:
            t.add_column(f"{esc(label)}\n{period}", justify="right", overflow="fold")
        for code, name, cat in rows:
            found = [by_key.get((label, code, cat, period)) for label, period in cols]
            if not any(r is not None and r["shortfall"] for r in found):
                continue
            task = next((r["task"] for r in found if r is not None), None)
            cells = []
            for r in found:
                if r is None:
                    cells.append("–")
                elif r["shortfall"] == 0:
                    cells.append("[green]gehaald[/]" if not r["delta_shortfall"] else "[bold green]gehaald[/]")
                else:
                    d = r["delta_shortfall"]
                    mark = "" if not d else f" ({'+' if d > 0 else '−'}{abs(d)})"
                    cells.append(f"[{'bold ' if d else ''}red]tekort {nl_int(r['shortfall'])}{mark}[/]")
            t.add_row(plain(code), plain(name), CAT[cat], nl_int(task), *cells)
        con.print(t)

    t = Table(title="Provincie sluitend per periode", title_justify="left")
    for col in ("scenario", "provincie", "soort", "periode", "taak", "plan", "oordeel"):
        t.add_column(col, justify="right" if col in ("taak", "plan") else "left")
    for r in data["province"]:
        planned = _delta(r["planned"], r["delta"]) if r["plan"] else "geen plan"
        # One verdict per row, computed in the journey; every report only words it.
        if r["verdict"] == "closes":
            verdict = "[green]sluitend[/]" + (f" (+{nl_int(r['surplus'])})" if r["surplus"] else "")
        elif r["verdict"] == "short":
            verdict = f"[red]tekort {nl_int(r['short_by'])}[/]"
        elif r["verdict"] == "cannot_close":
            verdict = (f"[red]kan niet sluiten: hoogstens {nl_int(r['most_possible'])} plaatsen (tekort ≥ "
                       f"{nl_int(r['short_at_least'])})[/]")
        else:
            verdict = f"past (hoogstens {nl_int(r['most_possible'])} plaatsen), maar het scenario heeft geen plan"
        t.add_row(plain(r["scenario"]), plain(r["province"]), CAT[r["category"]], r["period"], nl_int(r["task"]),
                  planned, verdict)
    con.print(t)

    t = Table(title="SPUK (euro's, plaatsen in de referentieperiode)", title_justify="left")
    t.add_column("regeling")
    for label in labels:
        t.add_column(esc(label), justify="right", overflow="fold")
    names = {"spuk1": "SPUK 1 (duurzaam)", "spuk2": "SPUK 2 (bijzonder)", "spuk3": "SPUK 3 (75%)",
             "municipalities_total": "gemeenten samen"}
    for key, name in names.items():
        cells = []
        for label in labels:
            sp = spuk[label]
            cells.append(_delta(sp[key], (sp["delta"] or {}).get(key), euro=True) if sp["plan"] else "geen plan")
        t.add_row(name, *cells)
    con.print(t)


ScenariosArg = Annotated[
    list[Path],
    typer.Argument(help="BASE then one or more WHATIF scenarios (folders or .toml files).", show_default=False),
]
CsvOutOpt = Annotated[
    Path | None, typer.Option("--out", help="Write the long table (scenario, code, …, delta_vs_base) to this CSV.",
                 callback=file_output("--out", ".csv"))
]


def command(
    scenarios: ScenariosArg,
    solver: SolverOpt = None,
    time_limit: TimeLimitOpt = None,
    gap: GapOpt = None,
    threads: ThreadsOpt = None,
    out: CsvOutOpt = None,
    fmt: FormatOpt = Format.table,
    xlsx: XlsxOpt = None,
    allow_outside: AllowOutsideOpt = False,
) -> None:
    """Plan BASE and each WHATIF and show them side by side: the inputs that changed, places per municipality,
    category and period (differences highlighted), duties and shortfalls, the province's closure per period, the
    small-unit share and the SPUK euros. A scenario without a plan shows its status and no numbers."""
    from planner.io import to_csv, write_text
    from planner.journeys.compare import compare_csv_rows, compare_runs
    from planner.journeys.plan import plan_scenario
    from solvers import SolverNotAvailable

    if len(scenarios) < 2:
        fail("give a BASE scenario and at least one WHATIF: planner compare BASE WHATIF [WHATIF…]")
    loaded = [load_or_exit(p, allow_outside) for p in scenarios]
    overrides = solver is not None or time_limit is not None or gap is not None or threads is not None
    runs = []
    for s in loaded:
        settings = solve_settings(s, solver, time_limit, gap, threads, None) if overrides else None
        try:
            runs.append(plan_scenario(s, settings))
        except SolverNotAvailable as exc:
            fail(str(exc))
    data = compare_runs(runs[0], runs[1:])
    rows = compare_csv_rows(data)
    if out is not None:
        write_text(out, to_csv(rows, list(_csv_columns())))

    def table(con: Any) -> None:
        render(data, con)
        if out is not None:
            con.print(f"written to {out}", style="dim", markup=False)

    if xlsx is not None:
        write_result_workbook(xlsx, data, "compare")
    emit(data, fmt, rows, table)
    if out is not None and fmt is not Format.table:
        console(stderr=True).print(f"written to {out}", style="dim", markup=False)
    # The comparison is the answer: it is done when every scenario was decided (a plan, or proven none); a solver
    # that failed on any scenario leaves the comparison incomplete (exit 3), never a plain "no".
    outcomes = [outcome_of_status(r.status) for r in runs]
    finish(Outcome.SOLVER_FAILED if Outcome.SOLVER_FAILED in outcomes else outcomes[0])


def _csv_columns() -> tuple[str, ...]:
    from planner.journeys.compare import CSV_COLUMNS

    return CSV_COLUMNS
