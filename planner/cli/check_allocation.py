"""``planner check-allocation``: check an allocation file against offers, sites, dates and provincial totals."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from planner.cli.common import (
    AllowOutsideOpt,
    Format,
    FormatOpt,
    LangOpt,
    ScenarioArg,
    WideOpt,
    XlsxOpt,
    emit,
    finish,
    language,
    load_or_exit,
    say,
    write_result_workbook,
)
from planner.outcome import outcome_of_answer

AllocationOpt = Annotated[
    Path,
    typer.Option(
        "--allocation", "-a",
        help="CSV with columns code, category (regular|amv), places and optionally period or year.",
        show_default=False,
    ),
]


def command(
    allocation: AllocationOpt,
    scenario: ScenarioArg = None,
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    xlsx: XlsxOpt = None,
    allow_outside: AllowOutsideOpt = False,
    _wide: WideOpt = False,
) -> None:
    """Check an allocation per period: within each municipality's offer, within what its available sites can hold,
    and enough for each provincial task. Every violation is listed. Exit 0 feasible, 1 not, 2 bad input."""
    from planner.journeys.allocation import check_allocation_file
    from planner.report.answers import allocation_json

    s = load_or_exit(scenario, allow_outside)
    if not allocation.is_file():
        say("no_allocation_file", path=allocation)
    check, problems = check_allocation_file(s, allocation)
    if check is None:
        from planner.report.words import term
        from planner.scenario.problems import ScenarioError

        error = ScenarioError(problems, term(language(lang, s), "allocation_has_errors", path=allocation,
                                             n=len(problems.errors)))
        error.language = language(lang, s)
        raise error
    words = language(lang, s)
    data = allocation_json(check, s.name, words)
    sentences = data["sentences"]
    rows = [{k: v for k, v in r.items() if k != "sites_lost"} for r in check.violations]

    def table(con: Any) -> None:
        from planner.report.tables import allocation_tables

        for item in allocation_tables(check, s.name, sentences, words):
            con.print(item)

    if xlsx is not None:
        write_result_workbook(xlsx, data, "check-allocation", [s])
    emit(data, fmt, rows, table)
    finish(outcome_of_answer(check.feasible))
