"""``planner sweep``: plan a grid of setting variations of one scenario, in parallel, and tabulate them."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from planner.cli.common import (
    AllowOutsideOpt,
    Format,
    FormatOpt,
    LangOpt,
    OldCsvOpt,
    ScenarioArg,
    WideOpt,
    XlsxOpt,
    command_language,
    console,
    emit,
    language,
    load_or_exit,
    print_problems,
    say,
    solver_refused,
    write_result_workbook,
)
from planner.cli.outputs import file_output
from planner.cli.plan import SolverOpt, TimeLimitOpt
from planner.report.words import term

if TYPE_CHECKING:
    from planner.journeys.sweep import SweepRow


class Executor(StrEnum):
    local = "local"
    dask = "dask"


VaryOpt = Annotated[
    list[str],
    typer.Option("--vary", help="section.key=start:stop:step (inclusive) or section.key=a,b,c; repeat for a grid.",
                 show_default=False, metavar="<key=values>"),
]


def command(
    scenario: ScenarioArg = None,
    vary: VaryOpt = [],  # noqa: B006 - typer needs a literal default for a repeated option
    workers: Annotated[int, typer.Option("--workers", help="Local worker processes.", min=1)] = 2,
    executor: Annotated[Executor, typer.Option("--executor", help="local processes or Dask distributed.")] = (
        Executor.local
    ),
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address; default: a LocalCluster.")
    ] = None,
    csv: Annotated[
        Path | None, typer.Option("--csv", help="CSV of the results, rewritten atomically every few results.",
                                  callback=file_output("--csv", ".csv"))
    ] = None,
    _old_out: OldCsvOpt = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip variations already in the --csv file (by their hash).")
    ] = False,
    progress: Annotated[
        bool, typer.Option("--progress", help="Show a progress bar on stderr (default: only on a terminal).")
    ] = False,
    warm_start: Annotated[
        bool, typer.Option("--warm-start/--no-warm-start", help="Hint the base plan to the solver.")
    ] = True,
    solver: SolverOpt = None,
    time_limit: TimeLimitOpt = None,
    fmt: FormatOpt = Format.table,
    xlsx: XlsxOpt = None,
    lang: LangOpt = None,
    allow_outside: AllowOutsideOpt = False,
    _wide: WideOpt = False,
) -> None:
    """Vary settings of SCENARIO over a grid and plan every variation: per variation the varied values, status,
    the province's closure per period, total shortfall, small-unit share, SPUK total and seconds. Example:
    planner sweep --vary 'cycle.national_need=80000:110000:5000' --vary 'rules.use_official_tasks=false'."""
    from planner.journeys.sweep import columns_of, grid, run_sweep, sweep_json
    from planner.scenario.problems import ScenarioError
    from solvers import SOLVER_NAMES, SolverNotAvailable

    if resume and csv is None:
        say("resume_needs_csv")
    if solver is not None and solver not in (*SOLVER_NAMES, "auto"):
        say("unknown_solver", solver=solver, choices=", ".join((*SOLVER_NAMES, "auto")))
    backend = None if solver is None else str(solver)
    base = load_or_exit(scenario, allow_outside)
    variations = grid(vary)  # after loading: a --vary error is said in the scenario's language
    keys = list(variations[0])
    from planner.journeys.sweep import scenario_with

    try:  # a variation that no value can make valid (e.g. a bad key) is a usage error, found before any solve
        scenario_with(base, variations[0])
    except ScenarioError as exc:
        print_problems(exc.problems, lang=command_language(base))
        console(stderr=True).print(term(command_language(base), "sweep_first_invalid"), style="yellow",
                                   markup=False)

    show = progress or sys.stderr.isatty()
    bar: Any = None
    task: Any = None
    if show:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        bar = Progress(TextColumn("sweep"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                       console=console(stderr=True), transient=False)
        bar.start()
        task = bar.add_task("sweep", total=len(variations))

    def tick(_: SweepRow) -> None:
        if bar is not None:
            bar.advance(task)

    try:
        rows = run_sweep(base, variations, executor=executor.value, workers=workers, scheduler=scheduler,
                         solver=backend, time_limit=time_limit, warm_start=warm_start, interim=csv, resume=resume,
                         on_result=tick)
    except SolverNotAvailable as exc:
        solver_refused(exc)
    except OSError as exc:
        say("sweep_cannot_run", reason=exc)
    finally:
        if bar is not None:
            bar.stop()
    data = sweep_json(rows, keys)
    cols = columns_of(rows, keys)

    def table(con: Any) -> None:
        from planner.report.tables import sweep_table

        con.print(sweep_table(rows, keys, language(lang, base)))
        if csv is not None:
            con.print(term(language(lang, base), "written_to", path=csv), style="dim", markup=False)

    if xlsx is not None:
        write_result_workbook(xlsx, data, "sweep", [base])
    emit(data, fmt, [{c: r.get(c) for c in cols} for r in rows], table)
