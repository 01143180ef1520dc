"""``planner check-duty``: does a municipality still meet its duty with a resized or an added site?"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from planner.cli.common import (
    AllowOutsideOpt,
    Format,
    FormatOpt,
    ScenarioArg,
    XlsxOpt,
    emit,
    fail,
    finish,
    load_or_exit,
    write_result_workbook,
)
from planner.cli.plan import SolverOpt, TimeLimitOpt, solve_settings
from planner.outcome import Outcome, outcome_of_answer, outcome_of_status


def render(r: dict[str, Any], con: Any) -> None:
    from rich.table import Table

    from planner.report.numbers import nl_euro, nl_int

    lab = {"regular": "regulier", "amv": "AMV"}
    con.print(r["sentence"], markup=False)
    for e in r["edits"]:
        what = (f"{e['site']}: {e['old_places']} → {e['places']} plaatsen" if e["change"] == "resized"
                else f"{e['site']}: nieuw, {e['places']} plaatsen {e['category']}")
        con.print(f"[dim]wijziging: {what} ({e['code']})[/]")
    if r["duty"]:
        t = Table(title=f"Taak {r['municipality']['name']} ({r['municipality']['code']})", title_justify="left")
        for col in ("soort", "periode", "taak", "aanbod", "plan (basis)", "plan", "tekort", "oordeel"):
            t.add_column(col, justify="left" if col in ("soort", "periode", "oordeel") else "right")
        for d in r["duty"]:
            verdict = "[green]gehaald[/]" if d["met"] else f"[red]tekort {nl_int(d['shortfall'])}[/]"
            t.add_row(lab[d["category"]], d["period"], nl_int(d["task"]), nl_int(d["limit"]),
                      nl_int(d["base_planned"]), nl_int(d["planned"]), nl_int(d["shortfall"]), verdict)
        con.print(t)
    t = Table(title=f"{r['province_name']} sluitend?", title_justify="left")
    for col in ("soort", "periode", "taak", "plan", "oordeel"):
        t.add_column(col, justify="left" if col in ("soort", "periode", "oordeel") else "right")
    for p in r["province"]:
        if p["planned"] is None:
            verdict = (f"[red]geen plan; hoogstens {nl_int(p['most_possible'])}[/]")
        else:
            verdict = "[green]sluitend[/]" if p["closes"] else f"[red]tekort {nl_int(p['short_by'])}[/]"
        t.add_row(lab[p["category"]], p["period"], nl_int(p["task"]), nl_int(p["planned"]), verdict)
    con.print(t)
    if r["others"]:
        t = Table(title="Andere gemeenten (binnen hun aanbod)", title_justify="left")
        for col in ("code", "gemeente", "soort", "periode", "basis", "plan", "verschil", "aanbod"):
            t.add_column(col, justify="left" if col in ("code", "gemeente", "soort", "periode") else "right")
        for o in r["others"]:
            t.add_row(o["code"], o["name"], lab[o["category"]], o["period"], nl_int(o["base"]), nl_int(o["planned"]),
                      f"{o['delta']:+d}", nl_int(o["limit"]))
        con.print(t)
    elif r["changed"]["plan"]:
        con.print("Andere gemeenten: geen verschuiving nodig.")
    sp = r["spuk"]
    if sp["total"] is not None:
        moved = [m for m in sp["municipalities"] if m["delta"]]
        detail = ", ".join(f"{m['name']} {'+' if m['delta'] > 0 else '−'}{nl_euro(abs(m['delta']))}" for m in moved)
        delta = sp["delta"] or 0
        con.print(f"SPUK gemeenten samen: {nl_euro(sp['total'])} (basis {nl_euro(sp['base_total'])}, "
                  f"{'+' if delta >= 0 else '−'}{nl_euro(abs(delta))})" + (f"; {detail}" if detail else ""),
                  markup=False)


def command(
    scenario: ScenarioArg = None,
    municipality: Annotated[
        str, typer.Option("--municipality", "-m", help="CBS code (GM1681) or exact name.", show_default=False)
    ] = "",
    site: Annotated[str | None, typer.Option("--site", help="Id of a site to resize (with --places).")] = None,
    places: Annotated[int | None, typer.Option("--places", help="New number of places of --site.", min=0)] = None,
    add_site: Annotated[
        list[str],
        typer.Option("--add-site", help="A site to add: 'id=X,category=amv,places=40,from=2025-07-01,until=…' "
                     "(in the municipality unless code= is given). Repeatable.", show_default=False),
    ] = [],  # noqa: B006 - typer needs a literal default for a repeated option
    category: Annotated[
        list[str], typer.Option("--category", help="Task that decides the exit code: regular or amv (default: "
                                "the changed sites' categories).", show_default=False)
    ] = [],  # noqa: B006
    solver: SolverOpt = None,
    time_limit: TimeLimitOpt = None,
    fmt: FormatOpt = Format.table,
    xlsx: XlsxOpt = None,
    allow_outside: AllowOutsideOpt = False,
) -> None:
    """Resize a site or add one and answer: does the municipality still meet its duty (per category and period,
    and by how many places not), can the province still close, who would take how much more, and what happens to
    the SPUK euros. Starts with one plain sentence. Exit 0 when the duty is met, 1 when not."""
    from planner.journeys.duty import check_duty, parse_add_site, resolve_municipality
    from solvers import SolverNotAvailable

    if not municipality:
        fail("give --municipality (a CBS code like GM1681 or the exact name)")
    bad = [c for c in category if c not in ("regular", "amv")]
    if bad:
        fail(f"--category must be regular or amv, not {', '.join(bad)}")
    s = load_or_exit(scenario, allow_outside)
    overrides = solver is not None or time_limit is not None
    settings = solve_settings(s, solver, time_limit, None, None, None) if overrides else None
    try:
        code, _ = resolve_municipality(s, municipality)
        added = [parse_add_site(spec, code) for spec in add_site]
        result = check_duty(s, code, site_id=site, places=places, add_sites=added, categories=category,
                            settings=settings)
    except SolverNotAvailable as exc:
        fail(str(exc))
    if xlsx is not None:
        write_result_workbook(xlsx, result, "check-duty")
    emit(result, fmt, result["duty"], lambda con: render(result, con))
    if outcome_of_status(result["changed"]["status"]) is Outcome.SOLVER_FAILED:
        sys.stderr.write(f"no plan: the solver stopped with status {result['changed']['status']}\n")
        finish(Outcome.SOLVER_FAILED)
    finish(outcome_of_answer(result["duty_met"]))
