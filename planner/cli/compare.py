"""``planner compare``: plan a base scenario and what-ifs, and show them side by side with the differences."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from planner.cli.common import (
    AllowOutsideOpt,
    Format,
    FormatOpt,
    LangOpt,
    OldCsvOpt,
    WideOpt,
    XlsxOpt,
    console,
    emit,
    finish,
    language,
    load_or_exit,
    say,
    solver_refused,
    write_result_workbook,
)
from planner.cli.outputs import file_output
from planner.cli.plan import GapOpt, SolverOpt, ThreadsOpt, TimeLimitOpt, solve_settings
from planner.outcome import Outcome, outcome_of_status
from planner.report.words import term

ScenariosArg = Annotated[
    list[Path],
    typer.Argument(help="BASE then one or more WHATIF scenarios (folders or .toml files).", show_default=False),
]
CsvOpt = Annotated[
    Path | None, typer.Option("--csv", help="Write the long table (scenario, code, …, delta_vs_base) to this CSV.",
                              callback=file_output("--csv", ".csv"))
]


def command(
    scenarios: ScenariosArg,
    solver: SolverOpt = None,
    time_limit: TimeLimitOpt = None,
    gap: GapOpt = None,
    threads: ThreadsOpt = None,
    csv: CsvOpt = None,
    _old_out: OldCsvOpt = None,
    fmt: FormatOpt = Format.table,
    xlsx: XlsxOpt = None,
    lang: LangOpt = None,
    allow_outside: AllowOutsideOpt = False,
    _wide: WideOpt = False,
) -> None:
    """Plan BASE and each WHATIF and show them side by side: the inputs that changed, places per municipality,
    category and period (differences highlighted), duties and shortfalls, the province's closure per period, the
    small-unit share and the SPUK euros. A scenario without a plan shows its status and no numbers."""
    from planner.io import to_csv, write_text
    from planner.journeys.compare import compare_csv_rows, compare_runs
    from planner.journeys.plan import plan_scenario
    from solvers import SolverNotAvailable

    if len(scenarios) < 2:
        say("compare_usage")
    loaded = [load_or_exit(p, allow_outside) for p in scenarios]
    overrides = solver is not None or time_limit is not None or gap is not None or threads is not None
    runs = []
    for s in loaded:
        settings = solve_settings(s, solver, time_limit, gap, threads, None) if overrides else None
        try:
            runs.append(plan_scenario(s, settings))
        except SolverNotAvailable as exc:
            solver_refused(exc)
    data = compare_runs(runs[0], runs[1:])
    rows = [dict(r) for r in compare_csv_rows(data)]
    if csv is not None:
        write_text(csv, to_csv(rows, list(_csv_columns())))

    def table(con: Any) -> None:
        from planner.report.compare_table import render

        render(data, con, language(lang, loaded[0]))
        if csv is not None:
            con.print(term(language(lang, loaded[0]), "written_to", path=csv), style="dim", markup=False)

    if xlsx is not None:
        write_result_workbook(xlsx, data, "compare", loaded, runs)
    emit(data, fmt, rows, table)
    if csv is not None and fmt is not Format.table:
        console(stderr=True).print(term(language(lang, loaded[0]), "written_to", path=csv), style="dim",
                                   markup=False)
    # The comparison is the answer: it is done when every scenario was decided (a plan, or proven none); a solver
    # that failed on any scenario leaves the comparison incomplete (exit 3), never a plain "no".
    outcomes = [outcome_of_status(r.status) for r in runs]
    finish(Outcome.SOLVER_FAILED if Outcome.SOLVER_FAILED in outcomes else outcomes[0])


def _csv_columns() -> tuple[str, ...]:
    from planner.journeys.compare import CSV_COLUMNS

    return CSV_COLUMNS
