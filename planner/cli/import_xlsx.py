"""``planner import-xlsx``: a filled input workbook becomes a scenario folder (scenario.toml + CSV tables)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.cli.common import console, fail, print_problems

FileArg = Annotated[Path, typer.Argument(help="The filled workbook (.xlsx), e.g. from 'planner template'.")]
OutOpt = Annotated[Path | None, typer.Option("--out", help="Scenario folder to write (default: next to FILE).")]


def command(file: FileArg, out: OutOpt = None) -> None:
    """Turn a filled workbook into a scenario folder, checking it like 'planner validate': every problem is listed
    with its sheet, row and column, and nothing is written while there are errors. Only values are read; a cell
    with a formula is an error."""
    from planner.scenario.xlsx_io import import_workbook

    target = out if out is not None else file.with_suffix("")
    if target.exists() and not target.is_dir():
        fail(f"--out {target} exists and is not a folder")
    from planner.scenario.problems import ScenarioError

    scenario, problems = import_workbook(file, target)
    if scenario is None:
        n = len(problems.errors)
        raise ScenarioError(problems, f"the workbook has {n} error{'s' if n != 1 else ''}; nothing was written.")
    print_problems(problems)
    from planner.report.terminal import visible

    console().print(visible(
        f"scenario '{scenario.name}' written to {target} ({len(scenario.municipalities)} municipalities, "
        f"{len(scenario.sites)} sites, {len(scenario.offers)} offers); digest {scenario.digest()[:12]}…. "
        f"Next: 'planner plan {target}'."), markup=False,
    )
