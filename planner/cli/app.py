"""The ``planner`` command: one Typer app, one module per command (only parsing and printing there)."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer
import typer.core

from planner.cli import (
    check_allocation,
    check_duty,
    compare,
    explain,
    import_xlsx,
    plan,
    quota,
    report,
    schema,
    serve,
    spuk,
    sweep,
    template,
    validate,
    verdeelbesluit,
)
from planner.cli.common import guarded
from planner.outcome import EXIT_CODES_HELP, Outcome, exit_code

app = typer.Typer(
    name="planner",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    help="Spreidingswet scenario planner: tasks, allocation plans, what-ifs, duty checks and verdeelbesluiten.\n\n"
    "Without a SCENARIO argument every command uses the bundled Drenthe 2025–2026 reference case.\n\n"
    + EXIT_CODES_HELP,
)



def _flag_type(self: typer.core.TyperOption, ctx: object) -> str | None:
    """An on/off flag shows no value type in --help (typer prints '<bool>' for it, as if it took a value)."""
    return None if self.is_flag else _option_type(self, ctx)  # type: ignore[arg-type]


_option_type = typer.core.TyperOption.display_type_rich
typer.core.TyperOption.display_type_rich = _flag_type  # type: ignore[method-assign]


def _show_version(value: bool) -> None:
    if value:
        from planner import __version__

        typer.echo(f"planner {__version__}")
        raise typer.Exit(exit_code(Outcome.DONE))


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    pass


app.command("validate")(guarded(validate.command))
app.command("quota")(guarded(quota.command))
app.command("schema")(guarded(schema.command))
app.command("plan")(guarded(plan.command))
app.command("compare")(guarded(compare.command))
app.command("sweep")(guarded(sweep.command))
app.command("check-duty")(guarded(check_duty.command))
app.command("spuk")(guarded(spuk.command))
app.command("template")(guarded(template.command))
app.command("import-xlsx")(guarded(import_xlsx.command))
app.command("report")(guarded(report.command))
app.command("explain")(guarded(explain.command))
app.command("verdeelbesluit")(guarded(verdeelbesluit.command))
app.command("check-allocation")(guarded(check_allocation.command))
app.command("serve")(guarded(serve.command))


def main() -> None:
    """Entry point: run the app; an unexpected exception becomes a short message and exit 70, not a traceback."""
    interrupted = (
        "interrupted: the run was stopped. Every output file and plan folder is written whole or not at all (built "
        "beside its target and renamed in one step), so an output this run had not finished is as it was before\n"
    )
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write(interrupted)
        sys.exit(exit_code(Outcome.INTERRUPTED))
    except SystemExit as exc:
        # Typer turns Ctrl-C into a silent exit 130; say what it means for the user's files.
        if exc.code == exit_code(Outcome.INTERRUPTED):
            sys.stderr.write(interrupted)
        raise
    except Exception as exc:  # the last line of defence: users never see a traceback
        if os.environ.get("PLANNER_DEBUG"):
            raise
        sys.stderr.write(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in the planner, not in your input. Run again with PLANNER_DEBUG=1 for details.\n"
        )
        sys.exit(exit_code(Outcome.BUG))
