"""``planner explain``: why a scenario has no plan — minimal conflicts, sentences, the minimum-violation plan."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from planner.cli.common import (
    AllowOutsideOpt,
    Format,
    FormatOpt,
    ScenarioArg,
    emit,
    fail,
    finish,
    load_or_exit,
)
from planner.outcome import Outcome, outcome_of_answer

MethodOpt = Annotated[
    str,
    typer.Option(
        "--method",
        help="Conflict search: deletion (any solver), iis (IIS of the LP relaxation, then deletion; "
        "needs --solver highs) or "
        "cpsat (assumptions core, then deletion).",
    ),
]
RelaxOpt = Annotated[
    str,
    typer.Option(
        "--relax",
        help="Families that may be relaxed in the minimum-violation plan, most readily relaxed first; the last is "
        "protected most. Choose from offer_limit, province_total, committed_places.",
    ),
]
SolverOpt = Annotated[str, typer.Option("--solver", help="Backend for the feasibility solves: highs, scip, cbc.")]
TimeLimitOpt = Annotated[
    float,
    typer.Option(
        "--time-limit",
        help="Seconds per feasibility solve of the conflict search, and for the whole minimum-violation plan.",
        min=0.001,
    ),
]
AllGoalsOpt = Annotated[
    bool,
    typer.Option("--all-goals", help="Minimum-violation plan: after fairness, also the scenario's other goals."),
]


def command(
    scenario: ScenarioArg = None,
    method: MethodOpt = "deletion",
    relax: RelaxOpt = "offer_limit,province_total",
    solver: SolverOpt = "highs",
    time_limit: TimeLimitOpt = 60.0,
    all_goals: AllGoalsOpt = False,
    fmt: FormatOpt = Format.table,
    allow_outside: AllowOutsideOpt = False,
) -> None:
    """Explain an infeasible scenario: the minimal set of named limits that cannot hold together (per province and
    period), a sentence per unmet task with the places that remain, and the plan that leaves the fewest places
    unmet (shared in proportion to tasks). Exit 0 when the scenario is feasible, 1 when it is not."""
    from planner.explain.conflict import METHODS, ExplainError
    from planner.explain.elastic import RELAXABLE
    from planner.explain.explain import explain_scenario
    from solvers import SOLVER_NAMES, SolverCapabilityError, SolverNotAvailable

    if method not in METHODS:
        fail(f"unknown method '{method}'; choose one of: {', '.join(METHODS)}")
    if solver not in SOLVER_NAMES:
        fail(f"unknown solver '{solver}'; choose one of: {', '.join(SOLVER_NAMES)}")
    order = tuple(f.strip() for f in relax.split(",") if f.strip())
    bad = [f for f in order if f not in RELAXABLE]
    if bad or not order:
        fail(f"--relax: cannot relax {', '.join(bad) or 'nothing'}; choose from {', '.join(RELAXABLE)}")
    s = load_or_exit(scenario, allow_outside)
    try:
        ex = explain_scenario(
            s, method=method, solver=solver, relax=order, time_limit=time_limit, all_goals=all_goals
        )
    except (SolverNotAvailable, SolverCapabilityError) as exc:
        fail(str(exc))
    except ExplainError as exc:
        fail(f"no explanation: {exc}", Outcome.SOLVER_FAILED)
    data = ex.as_dict()
    csv_rows = [
        {"province": c["province"], "period": c["period"], **r}
        for c in data["conflicts"]
        for r in c["rows"]
    ]

    def table(con: Any) -> None:
        from rich.table import Table

        from planner.report.numbers import nl_int
        from planner.report.terminal import esc, plain

        if ex.feasible:
            con.print(f"[green]✓[/] {esc(ex.summary())}")
            return
        con.print(f"[bold]{esc(s.name)}[/] — [red]geen plan mogelijk[/] ({data['solves']} oplossingen, "
                  f"{data['method']})")
        for sentence in ex.sentences:
            con.print(f"• {esc(sentence.text)}")
        for c in ex.conflicts.conflicts:
            t = Table(title=plain(f"Minimaal conflict {c.province or ''} {c.period or ''}".strip()),
                      title_justify="left")
            for col in ("regel", "soort", "gemeente", "locatie", "categorie", "periode", "ondergrens", "bovengrens"):
                t.add_column(col)
            for r in c.rows:
                name = ex.model.munis[r.code].name if r.code is not None and r.code in ex.model.munis else ""
                t.add_row(plain(r.name), r.family, plain(name), plain(r.site or ""), r.category or "", r.period or "",
                          nl_int(r.lower), nl_int(r.upper))
            con.print(t)
        el = ex.elastic
        if el is None or el.plan is None:
            con.print(f"[red]geen plan met minimale overschrijding[/] ({el.status.value if el else '-'})")
            return
        t = Table(title=f"Plan met minimale overschrijding (versoepelen in volgorde: {', '.join(el.relax)})",
                  title_justify="left")
        for col in ("regel", "soort", "gemeente", "categorie", "periode", "grens", "versoepeld met"):
            t.add_column(col)
        for x in el.relaxed:
            t.add_row(plain(x["row"]), x["family"], plain(x["name"] or x["province"] or ""), x["category"] or "",
                      x["period"] or "",
                      nl_int(x["bound"]), nl_int(x["amount"]))
        con.print(t)
        unmet = el.unmet_by_municipality()
        if unmet:
            u = Table(
                title="Waar de ontbrekende plaatsen vallen (gemeenten onder hun eigen taak)", title_justify="left"
            )
            for col in ("code", "gemeente", "categorie", "periode", "taak", "gepland", "tekort"):
                u.add_column(col)
            for y in unmet:
                u.add_row(plain(y["code"]), plain(y["name"]), y["category"], y["period"], nl_int(y["task"]),
                          nl_int(y["planned"]), nl_int(y["shortfall"]))
            con.print(u)
        con.print("totaal versoepeld: " + ", ".join(f"{k} {nl_int(v)}" for k, v in el.totals.items())
                  + f" · status {el.status.value}")

    emit(data, fmt, csv_rows, table)
    finish(outcome_of_answer(ex.feasible))
