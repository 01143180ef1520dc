"""``planner verdeelbesluit``: the minister's allocation the cycle-1 way, checked per period against sites."""

from __future__ import annotations

from typing import Any

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
    write_result_workbook,
)
from planner.outcome import outcome_of_answer


def command(
    scenario: ScenarioArg = None,
    fmt: FormatOpt = Format.table,
    xlsx: XlsxOpt = None,
    lang: LangOpt = None,
    allow_outside: AllowOutsideOpt = False,
    _wide: WideOpt = False,
) -> None:
    """Offers become binding; the restopgave (provincial task − offers, netted nationally on national data) is
    shared pro rata to the indicative tasks over the municipalities that offered less than their task (capped at
    their own shortfall when rules.restopgave_cap_at_shortfall). Then each allocation is checked per period against
    the municipality's available sites. Exit 0 when every allocation can be housed, 1 when not."""
    from planner.journeys.verdeelbesluit import verdeelbesluit
    from planner.report.answers import verdeelbesluit_json

    s = load_or_exit(scenario, allow_outside)
    v = verdeelbesluit(s)
    words = language(lang, s)
    data = verdeelbesluit_json(v, words)
    sentences = data["sentences"]
    csv_rows = [
        {k: val for k, val in r.items() if k != "periods"}
        | {"infeasible_periods": ";".join(p["period"] for p in r["periods"] if not p["feasible"])}
        for r in v.rows
    ]

    def table(con: Any) -> None:
        from planner.report.tables import verdeelbesluit_tables

        for item in verdeelbesluit_tables(v, s.name, sentences, words):
            con.print(item)

    if xlsx is not None:
        write_result_workbook(xlsx, data, "verdeelbesluit", [s])
    emit(data, fmt, csv_rows, table)
    finish(outcome_of_answer(v.feasible))
