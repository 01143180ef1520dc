"""``planner verdeelbesluit``: the minister's allocation the cycle-1 way, checked per period against sites."""

from __future__ import annotations

from typing import Any

from planner.cli.common import (
    AllowOutsideOpt,
    Format,
    FormatOpt,
    ScenarioArg,
    XlsxOpt,
    emit,
    finish,
    load_or_exit,
    write_result_workbook,
)
from planner.outcome import outcome_of_answer


def command(
    scenario: ScenarioArg = None,
    fmt: FormatOpt = Format.table,
    xlsx: XlsxOpt = None,
    allow_outside: AllowOutsideOpt = False,
) -> None:
    """Offers become binding; the restopgave (provincial task − offers, netted nationally on national data) is
    shared pro rata to the indicative tasks over the municipalities that offered less than their task (capped at
    their own shortfall when rules.restopgave_cap_at_shortfall). Then each allocation is checked per period against
    the municipality's available sites. Exit 0 when every allocation can be housed, 1 when not."""
    from planner.explain.sentences import allocation_sentences
    from planner.journeys.verdeelbesluit import verdeelbesluit

    s = load_or_exit(scenario, allow_outside)
    v = verdeelbesluit(s)
    language = s.settings.scenario.language
    sentences = allocation_sentences(v.check.violations, language)
    data = v.as_dict()
    data["sentences"] = sentences
    csv_rows = [
        {k: val for k, val in r.items() if k != "periods"}
        | {"infeasible_periods": ";".join(p["period"] for p in r["periods"] if not p["feasible"])}
        for r in v.rows
    ]

    def table(con: Any) -> None:
        from rich.table import Table

        from planner.report.numbers import nl_int
        from planner.report.terminal import esc, plain

        con.print(f"[bold]Verdeelbesluit {esc(s.name)}[/] — "
                  + ("landelijke verrekening" if v.national else "per provincie")
                  + (", restopgave begrensd op eigen tekort" if v.capped else ""))
        p = Table(title="Restopgave", title_justify="left")
        for col in ("gebied", "categorie", "jaar", "taak", "aanbod", "restopgave", "gemeenten onder taak"):
            p.add_column(col)
        for r in v.pools:
            p.add_row(plain(r["pool"]), r["category"], str(r["year"]), nl_int(r["task"]), nl_int(r["offers"]),
                      nl_int(r["restopgave"]), nl_int(r["short_municipalities"]))
        con.print(p)
        if v.national:
            b = Table(title="Saldo per provincie (aanbod − taak; overschotten verrekend)", title_justify="left")
            for col in ("provincie", "categorie", "jaar", "taak", "aanbod", "saldo"):
                b.add_column(col)
            for r in v.provinces:
                b.add_row(plain(r["province"]), r["category"], str(r["year"]), nl_int(r["task"]), nl_int(r["offers"]),
                          nl_int(r["balance"]))
            con.print(b)
        t = Table(title="Per gemeente", title_justify="left")
        for col in ("code", "gemeente", "categorie", "jaar", "taak", "aanbod", "bindend", "restopgave",
                    "toewijzing", "uitvoerbaar"):
            t.add_column(col)
        for r in v.rows:
            ok = ", ".join(f"{x['period']}: {'ja' if x['feasible'] else 'nee (' + nl_int(x['capacity']) + ')'}"
                           for x in r["periods"])
            t.add_row(plain(r["code"]), plain(r["name"]), r["category"], str(r["year"]), nl_int(r["task"]),
                      nl_int(r["offer"]),
                      nl_int(r["binding"]), nl_int(r["restopgave_share"]), nl_int(r["allocation"]), ok)
        con.print(t)
        for line in sentences:
            con.print(f"• {esc(line)}")
        con.print("[green]✓ uitvoerbaar in elke periode[/]" if v.feasible else "[red]✗ niet overal uitvoerbaar[/]")

    if xlsx is not None:
        write_result_workbook(xlsx, data, "verdeelbesluit")
    emit(data, fmt, csv_rows, table)
    finish(outcome_of_answer(v.feasible))
