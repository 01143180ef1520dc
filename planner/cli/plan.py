"""``planner plan``: propose an allocation that closes the provincial tasks within every stated limit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from planner.cli.common import (
    AllowOutsideOpt,
    Format,
    FormatOpt,
    LangOpt,
    PlanSolverName,
    ScenarioArg,
    WideOpt,
    emit,
    fail,
    finish,
    language,
    load_or_exit,
    say,
)
from planner.cli.outputs import file_output, plan_folder_output
from planner.outcome import outcome_of_status
from planner.report.words import term

SolverOpt = Annotated[
    PlanSolverName | None,
    typer.Option("--solver", help="MIP backend, or auto: a backend per goal (default: the scenario's, normally highs).",
                 show_default=False)]
TimeLimitOpt = Annotated[
    float | None,
    typer.Option("--time-limit", help="Seconds for the whole solve, all goals (never raised).", min=0.001),
]
GapOpt = Annotated[
    float | None,
    typer.Option("--gap", help="Relative MIP gap to stop at (0 = prove optimal).", min=0.0, max=1.0),
]
ThreadsOpt = Annotated[
    int | None,
    typer.Option("--threads", help="Solver threads, 1 up to the CPU count of this machine (1 = reproducible).", min=1),
]
SeedOpt = Annotated[int | None, typer.Option("--seed", help="Solver random seed.", min=0)]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", help="Plan folder to write (CSV, JSON, resolved scenario, manifest): new, empty or an "
                 "earlier plan folder; replaced whole.", callback=plan_folder_output),
]


def solve_settings(
    scenario: Any,
    solver: str | None,
    time_limit: float | None,
    gap: float | None,
    threads: int | None,
    seed: int | None,
) -> Any:
    from planner.journeys.plan import SolveSettings
    from solvers import SOLVER_NAMES

    if solver is not None and solver not in (*SOLVER_NAMES, "auto"):
        say("unknown_solver", solver=solver, choices=", ".join((*SOLVER_NAMES, "auto")))
    solver = None if solver is None else str(solver)  # the plain name, also when typer gives a SolverName
    return SolveSettings.from_scenario(
        scenario, solver=solver, time_limit=time_limit, gap=gap, threads=threads, seed=seed
    )


def run_or_exit(scenario: Any, settings: Any) -> Any:
    """Plan, turning a missing backend into a clear message (exit 2)."""
    from planner.journeys.plan import plan_scenario
    from solvers import SolverCapabilityError, SolverNotAvailable

    try:
        return plan_scenario(scenario, settings)
    except SolverNotAvailable as exc:
        fail(str(exc))
    except SolverCapabilityError as exc:
        say("solver_cannot", solver=settings.solver, reason=exc)


def command(
    scenario: ScenarioArg = None,
    solver: SolverOpt = None,
    time_limit: TimeLimitOpt = None,
    gap: GapOpt = None,
    threads: ThreadsOpt = None,
    seed: SeedOpt = None,
    out: OutOpt = None,
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="Also write the plan as an Excel workbook.",
                     callback=file_output("--xlsx", ".xlsx")),
    ] = None,
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    allow_outside: AllowOutsideOpt = False,
    _wide: WideOpt = False,
) -> None:
    """Propose places per site, municipality, category and period that close the province's regular and AMV tasks
    in every period, within every municipality's offer; goals in order: fairness, Ukraine, small units, SPUK,
    fewer new sites. Prints status, objective, bound, gap, time, solver and version — and a plan only if there is
    one."""
    from planner.journeys.plan import plan_json, write_plan_dir
    from planner.report.terminal import plan_tables

    s = load_or_exit(scenario, allow_outside)
    settings = solve_settings(s, solver, time_limit, gap, threads, seed)
    run = run_or_exit(s, settings)
    data = plan_json(run)
    written: list[str] = []
    if out is not None:
        written = write_plan_dir(run, out, data)
    if xlsx is not None:
        from planner.report.xlsx import write_plan_xlsx

        write_plan_xlsx(xlsx, run, data, lang=language(lang, s))

    def table(con: Any) -> None:
        for t in plan_tables(run, language(lang, s)):
            con.print(t)
        if written:
            con.print(term(language(lang, s), "written_to", path=f"{out}: {', '.join(written)}"), style="dim",
                      markup=False)

    emit(data, fmt, data["municipalities"], table)
    finish(outcome_of_status(run.status))
