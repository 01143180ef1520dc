"""``planner schema``: the JSON Schema of scenario files and tables, generated from the pydantic models."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer


class Part(StrEnum):
    """The parts with a schema (the keys of planner.scenario.docs.json_schema; a test keeps them equal)."""

    scenario = "scenario"
    municipalities = "municipalities"
    offers = "offers"
    sites = "sites"
    transfers = "transfers"


def command(
    table: Annotated[
        Part | None,
        typer.Option(help="Only this part: the scenario TOML file or one table.", show_default=False),
    ] = None,
) -> None:
    """Print the JSON Schema of the scenario TOML file and its CSV tables."""
    from planner.report.output import to_json
    from planner.scenario.docs import json_schema

    schemas = json_schema()
    if table is not None:
        sys.stdout.write(to_json(schemas[str(table)]))
    else:
        sys.stdout.write(to_json(schemas))
