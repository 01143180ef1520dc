"""``planner schema``: the JSON Schema of scenario files and tables, generated from the pydantic models."""

from __future__ import annotations

import sys
from typing import Annotated

import typer


def command(
    table: Annotated[
        str | None,
        typer.Option(help="Only this part: scenario (the TOML file), municipalities, offers, sites or transfers."),
    ] = None,
) -> None:
    """Print the JSON Schema of the scenario TOML file and its CSV tables."""
    from planner.report.output import to_json
    from planner.scenario.docs import json_schema

    schemas = json_schema()
    if table is not None:
        if table not in schemas:
            from planner.cli.common import fail

            fail(f"unknown part '{table}'; choose one of: {', '.join(schemas)}")
        sys.stdout.write(to_json(schemas[table]))
    else:
        sys.stdout.write(to_json(schemas))
