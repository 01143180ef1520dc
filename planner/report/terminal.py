"""Rich tables for the terminal. Only presentation: every value arrives computed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table

from planner.report.numbers import nl_int

if TYPE_CHECKING:
    from planner.rules.quota import QuotaResult
    from planner.scenario.problems import Problem


def problems_table(items: Sequence[Problem]) -> Table:
    n_err = sum(1 for p in items if p.severity.value == "error")
    n_warn = len(items) - n_err
    t = Table(title=f"{n_err} error(s), {n_warn} warning(s)", title_justify="left", show_lines=False)
    for col in ("", "file", "row", "field", "problem"):
        t.add_column(col, overflow="fold")
    for p in items:
        mark = "[red]ERROR[/]" if p.severity.value == "error" else "[yellow]warning[/]"
        t.add_row(mark, p.file, "" if p.row is None else str(p.row), p.field, p.message)
    return t


def quota_table(q: QuotaResult, title: str) -> Table:
    t = Table(title=title, title_justify="left")
    for col, just in (("code", "left"), ("gemeente", "left"), ("provincie", "left"), ("inwoners", "right"),
                      ("gewicht", "right"), ("taak totaal", "right"), ("regulier", "right"), ("AMV", "right"),
                      ("bron", "left"), ("sleutel", "right"), ("verschil", "right"), ("Oekraïne", "right")):
        t.add_column(col, justify=just)  # type: ignore[arg-type]
    for r in q.rows:
        dev = r.deviation
        t.add_row(
            r.code, r.name, r.province, nl_int(r.population), f"{r.weight:.3f}".replace(".", ","),
            nl_int(r.task_total), nl_int(r.task_regular), nl_int(r.task_amv),
            "officieel" if r.task_source == "official" else "berekend",
            nl_int(r.computed_total), "" if dev is None else (f"{dev:+d}" if dev else "0"), nl_int(r.ukraine_target),
        )
    provinces = q.provinces()
    if len(provinces) > 1 or len(q.rows) > 20:
        t.add_section()
        for p in provinces:
            t.add_row("", f"[bold]{p['province']}[/]", "", nl_int(int(p["population"])), "",
                      nl_int(int(p["task_total"])), nl_int(int(p["task_regular"])), nl_int(int(p["task_amv"])),
                      "", "", "", nl_int(int(p["ukraine_target"])))
    tot = q.totals()
    t.add_section()
    t.add_row("", "[bold]totaal[/]", "", nl_int(tot["population"]), "", nl_int(tot["task_total"]),
              nl_int(tot["task_regular"]), nl_int(tot["task_amv"]), "", "", "", nl_int(tot["ukraine_target"]))
    return t
