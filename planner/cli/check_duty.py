"""``planner check-duty``: does a municipality still meet its own duty with a resized or an added site?"""

from __future__ import annotations

from typing import Annotated

import typer

from planner.cli.common import (
    AllowOutsideOpt,
    Format,
    FormatOpt,
    LangOpt,
    ScenarioArg,
    WideOpt,
    XlsxOpt,
    console,
    emit,
    finish,
    language,
    load_or_exit,
    say,
    write_result_workbook,
)
from planner.cli.plan import SolverOpt, TimeLimitOpt, solve_settings
from planner.outcome import Outcome, outcome_of_answer, outcome_of_status


def command(
    scenario: ScenarioArg = None,
    municipality: Annotated[
        str, typer.Option("--municipality", "-m", help="CBS code (GM1681) or exact name.", show_default=False)
    ] = "",
    site: Annotated[
        str | None, typer.Option("--site", help="Id of one of the municipality's sites to resize (with --places).")
    ] = None,
    places: Annotated[int | None, typer.Option("--places", help="New number of places of --site.", min=0)] = None,
    add_site: Annotated[
        list[str],
        typer.Option("--add-site", help="A site to add in the municipality: 'id=X,category=amv,places=40,"
                     "from=2025-07-01,until=…'. Repeatable. It does not raise the offer: see --offer.",
                     show_default=False, metavar="<spec>"),
    ] = [],  # noqa: B006 - typer needs a literal default for a repeated option
    offer: Annotated[
        int | None,
        typer.Option("--offer", min=0, help="New offer (places a year) for the task of the changed sites; without "
                     "it the stated offer stays and the answer says where the sites hold more.", show_default=False),
    ] = None,
    category: Annotated[
        list[str], typer.Option("--category", help="Task that decides the exit code: regular, amv or total (default: "
                                "the changed sites' tasks; under rules.counting = total regular means the total task).",
                                show_default=False, metavar="<regular|amv|total>")
    ] = [],  # noqa: B006
    solver: SolverOpt = None,
    time_limit: TimeLimitOpt = None,
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    xlsx: XlsxOpt = None,
    allow_outside: AllowOutsideOpt = False,
    _wide: WideOpt = False,
) -> None:
    """Resize one of a municipality's sites or add one, and answer: does the municipality still meet its own duty
    (decided from its own sites, offer and transfers per task and period, without a plan: met by how many places to
    spare, or short by how many), and separately: does the province still close (short by how many), which of its
    sites the plan uses or opens, who would take how much more, and what happens to the SPUK euros. Exit 0 when the
    own duty is met, 1 when not."""
    from planner.journeys.duty import check_duty, parse_add_site, resolve_municipality
    from planner.report.terminal import duty_tables
    from planner.report.words import status, term

    if not municipality:
        say("give_municipality")
    from planner.scenario.schema import category_code

    category = [category_code(c) or c for c in category]  # 'regulier', 'AMV', 'totaal' as the output prints them
    bad = [c for c in category if c not in ("regular", "amv", "total")]
    if bad:
        say("bad_category", bad=", ".join(bad))
    s = load_or_exit(scenario, allow_outside)
    words = language(lang, s)
    overrides = solver is not None or time_limit is not None
    settings = solve_settings(s, solver, time_limit, None, None, None) if overrides else None
    code, _ = resolve_municipality(s, municipality)
    added = [parse_add_site(spec, code) for spec in add_site]
    result = check_duty(s, code, site_id=site, places=places, add_sites=added, offer=offer, categories=category,
                        settings=settings)
    data = result.as_dict(words)
    if xlsx is not None:
        write_result_workbook(xlsx, data, "check-duty", [s])

    def table(con: object) -> None:
        for item in duty_tables(result, words):
            con.print(item)  # type: ignore[attr-defined]

    emit(data, fmt, data["duty"], table)
    if outcome_of_status(result.changed_status) is Outcome.SOLVER_FAILED:
        console(stderr=True).print(term(words, "duty_no_province_plan", status=status(words, result.changed_status)),
                                   markup=False)
    finish(outcome_of_answer(result.duty_met))
