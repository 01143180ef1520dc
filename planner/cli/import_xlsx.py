"""``planner import-xlsx``: a filled input workbook becomes a scenario folder (scenario.toml + CSV tables)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.cli.common import LangOpt, WideOpt, command_language, console, print_problems, say

FileArg = Annotated[Path, typer.Argument(help="The filled workbook (.xlsx), e.g. from 'planner template'.")]
OutOpt = Annotated[Path | None, typer.Option("--out", help="Scenario folder to write (default: next to FILE).")]


def command(file: FileArg, out: OutOpt = None, lang: LangOpt = None, _wide: WideOpt = False) -> None:
    """Turn a filled workbook into a scenario folder, checking it like 'planner validate': every problem is listed
    with its sheet, row and column, and nothing is written while there are errors. Only values are read; a cell
    with a formula is an error."""
    from planner.scenario.xlsx_io import import_workbook

    target = out if out is not None else file.with_suffix("")
    if target.exists() and not target.is_dir():
        say("out_not_a_folder", path=target)
    from planner.report.words import term
    from planner.scenario.problems import ScenarioError

    scenario, problems = import_workbook(file, target)
    words = command_language(scenario)
    if scenario is None:
        error = ScenarioError(problems, term(words, "import_has_errors", n=len(problems.errors)))
        error.language = words
        raise error
    print_problems(problems, lang=words)
    from planner.report.terminal import visible

    console().print(visible(term(words, "import_written", name=scenario.name, path=target,
                                 m=len(scenario.municipalities), s=len(scenario.sites), o=len(scenario.offers),
                                 digest=scenario.digest()[:12])), markup=False)
