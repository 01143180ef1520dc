"""Shared CLI pieces: the scenario argument, --format, loading with every problem printed, exit codes.

Exit codes: 0 done; 1 the answer is "no" (infeasible, duty not met, allocation not feasible); 2 bad input or usage;
3 the solver failed or found no solution within its limits; 70 an internal error (a bug: please report it).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from planner.scenario.load import Scenario
    from planner.scenario.problems import Problems

EXIT_OK, EXIT_NO, EXIT_INPUT, EXIT_SOLVER, EXIT_INTERNAL = 0, 1, 2, 3, 70


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


ScenarioArg = Annotated[
    Path | None,
    typer.Argument(
        help="Scenario folder (with scenario.toml) or .toml file. Default: the bundled Drenthe 2025–2026 case.",
        show_default=False,
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
AllowOutsideOpt = Annotated[
    bool, typer.Option("--allow-outside", help="Allow scenario references to files outside the scenario folders.")
]


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 160)


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    console(stderr=True).print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def print_problems(problems: Problems, *, show_warnings: bool = True, out: Console | None = None) -> None:
    from planner.report.terminal import problems_table

    items = [p for p in problems if show_warnings or p.severity.value == "error"]
    if not items:
        return
    con = out or console(stderr=True)
    con.print(problems_table(items))


def load_or_exit(path: Path | None, allow_outside: bool = False, quiet_warnings: bool = True) -> Scenario:
    """Load a scenario; on errors print every problem (file, row, field) and exit 2 — never a traceback."""
    from planner.scenario.load import load_scenario

    scenario, problems = load_scenario(path, allow_outside=allow_outside)
    if scenario is None or problems.has_errors():
        print_problems(problems)
        n = len(problems.errors)
        fail(
            f"the scenario has {n} error{'s' if n != 1 else ''}; nothing was computed. "
            f"Run 'planner validate {path or ''}' for the full list.".replace("  ", " ")
        )
    if not quiet_warnings and problems.warnings:
        print_problems(problems)
    return scenario


def emit(data: Any, fmt: Format, csv_rows: list[dict[str, Any]], render_table: Any) -> None:
    """Print ``data`` as JSON, ``csv_rows`` as CSV, or call ``render_table(console)``."""
    from planner.report.output import to_csv, to_json

    if fmt is Format.json:
        sys.stdout.write(to_json(data))
    elif fmt is Format.csv:
        sys.stdout.write(to_csv(csv_rows))
    else:
        render_table(console())


XlsxOpt = Annotated[
    Path | None, typer.Option("--xlsx", help="Also write the result as an Excel workbook (tables, checks, metadata).")
]


def write_result_workbook(path: Path, data: dict[str, Any], result: str) -> None:
    """Write a command's JSON result as a workbook: every list of rows becomes a sheet (one level of nesting is
    followed, e.g. ``spuk.municipalities``), lists of sentences become a 'zinnen' sheet, and the scalar fields go
    to the metadata sheet together with the tool version."""
    from planner import __version__
    from planner.report.xlsx import write_result_xlsx

    sheets: dict[str, list[dict[str, Any]]] = {}
    meta: dict[str, Any] = {"result": result, "tool_version": __version__}

    def collect(prefix: str, value: Any) -> None:
        if isinstance(value, list) and value and all(isinstance(r, dict) for r in value):
            sheets[prefix] = value
        elif isinstance(value, list) and value and all(isinstance(r, str) for r in value):
            sheets[prefix] = [{"text": r} for r in value]
        elif isinstance(value, dict) and "." not in prefix:
            for key, sub in value.items():
                collect(f"{prefix}.{key}", sub)
        elif not isinstance(value, list | dict):
            meta[prefix] = value

    for key, value in data.items():
        collect(key, value)
    write_result_xlsx(path, sheets, meta)
