"""``planner explain``: why a scenario has no plan — minimal conflicts, sentences, the minimum-violation plan."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from planner.cli.common import (
    AllowOutsideOpt,
    Format,
    FormatOpt,
    LangOpt,
    ScenarioArg,
    SolverName,
    WideOpt,
    emit,
    finish,
    language,
    load_or_exit,
    say,
    solver_refused,
)
from planner.outcome import Outcome, outcome_of_answer


class Method(StrEnum):
    """Conflict search methods (the same as planner.explain.conflict.METHODS; a test keeps them equal)."""

    deletion = "deletion"
    iis = "iis"
    cpsat = "cpsat"


MethodOpt = Annotated[
    Method,
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
SolverOpt = Annotated[SolverName, typer.Option("--solver", help="Backend for the feasibility solves.")]
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
    method: MethodOpt = Method.deletion,
    relax: RelaxOpt = "offer_limit,province_total",
    solver: SolverOpt = SolverName.highs,
    time_limit: TimeLimitOpt = 60.0,
    all_goals: AllGoalsOpt = False,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
    allow_outside: AllowOutsideOpt = False,
    _wide: WideOpt = False,
) -> None:
    """Explain an infeasible scenario: the minimal set of named limits that cannot hold together (per province and
    period), a sentence per unmet task with the places that remain, and the plan that leaves the fewest places
    unmet (shared in proportion to tasks). Exit 0 when the scenario is feasible, 1 when it is not."""
    from planner.explain.conflict import METHODS, ExplainError
    from planner.explain.elastic import RELAXABLE
    from planner.explain.explain import explain_scenario
    from solvers import SOLVER_NAMES, SolverCapabilityError, SolverNotAvailable

    if method not in METHODS:
        say("unknown_method", method=method, choices=", ".join(METHODS))
    if solver not in SOLVER_NAMES:
        say("unknown_solver", solver=solver, choices=", ".join(SOLVER_NAMES))
    order = tuple(f.strip() for f in relax.split(",") if f.strip())
    bad = [f for f in order if f not in RELAXABLE]
    if bad or not order:
        if bad:
            say("cannot_relax", bad=", ".join(bad), choices=", ".join(RELAXABLE))
        say("relax_nothing", choices=", ".join(RELAXABLE))
    s = load_or_exit(scenario, allow_outside)
    words = language(lang, s)
    try:
        ex = explain_scenario(s, method=str(method), solver=str(solver), relax=order, time_limit=time_limit,
                              all_goals=all_goals, language=words)
    except (SolverNotAvailable, SolverCapabilityError) as exc:
        solver_refused(exc)
    except ExplainError as exc:
        say("no_explanation", Outcome.SOLVER_FAILED, reason=exc)
    data = ex.as_dict()
    csv_rows = [
        {"province": c["province"], "period": c["period"], **r}
        for c in data["conflicts"]
        for r in c["rows"]
    ]

    def table(con: Any) -> None:
        from planner.report.tables import explain_tables

        for item in explain_tables(ex, data, words):
            con.print(item)

    emit(data, fmt, csv_rows, table)
    finish(outcome_of_answer(ex.feasible))
