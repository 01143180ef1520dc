"""``planner template``: the Excel input workbook, generated from the scenario schema (optionally filled)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.cli.common import AllowOutsideOpt, LangOpt, OldXlsxOpt, command_language, console, load_or_exit
from planner.cli.outputs import file_output

XlsxFileOpt = Annotated[
    Path, typer.Option("--xlsx", help="The workbook to write (.xlsx).", callback=file_output("--xlsx", ".xlsx"))
]
FromOpt = Annotated[
    Path | None,
    typer.Option("--from", help="Fill the workbook with this scenario's data (its resolved tables and settings)."),
]


def command(
    xlsx: XlsxFileOpt = Path("spreidingsplanner-invoer.xlsx"),
    _old_out: OldXlsxOpt = None,
    from_: FromOpt = None,
    allow_outside: AllowOutsideOpt = False,
    lang: LangOpt = None,
) -> None:
    """Write the input workbook: one sheet per table (municipalities, offers, sites, transfers) with the schema's
    columns, dropdowns for every choice and for CBS codes, an 'instructies' sheet from the field descriptions and a
    'scenario' sheet with the settings. Fill it in Excel and read it back with 'planner import-xlsx'."""
    from planner.scenario.xlsx_io import write_template

    scenario = load_or_exit(from_, allow_outside) if from_ is not None else None
    write_template(xlsx, scenario)
    from planner.report.words import term

    words = command_language(scenario)
    console().print(term(words, "template_written_filled", name=scenario.name, path=xlsx) if scenario is not None
                    else term(words, "template_written_empty", path=xlsx), markup=False)
