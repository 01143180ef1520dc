"""The ``planner`` command: one Typer app, one module per command (only parsing and printing there)."""

from __future__ import annotations

import os
import sys

import typer

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
    spuk,
    sweep,
    template,
    validate,
    verdeelbesluit,
)

app = typer.Typer(
    name="planner",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    help="Spreidingswet scenario planner: tasks, allocation plans, what-ifs, duty checks and verdeelbesluiten.\n\n"
    "Without a SCENARIO argument every command uses the bundled Drenthe 2025–2026 reference case.",
)

app.command("validate")(validate.command)
app.command("quota")(quota.command)
app.command("schema")(schema.command)
app.command("plan")(plan.command)
app.command("compare")(compare.command)
app.command("sweep")(sweep.command)
app.command("check-duty")(check_duty.command)
app.command("spuk")(spuk.command)
app.command("template")(template.command)
app.command("import-xlsx")(import_xlsx.command)
app.command("report")(report.command)
app.command("explain")(explain.command)
app.command("verdeelbesluit")(verdeelbesluit.command)
app.command("check-allocation")(check_allocation.command)


def main() -> None:
    """Entry point: run the app; an unexpected exception becomes a short message and exit 70, not a traceback."""
    from planner.cli.common import EXIT_INTERNAL

    interrupted = (
        "interrupted: the run was stopped and nothing more was written; files written earlier are intact "
        "(every output is written to a temporary file and renamed in one step)\n"
    )
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write(interrupted)
        sys.exit(130)
    except SystemExit as exc:
        # Typer turns Ctrl-C into a silent exit 130; say what it means for the user's files.
        if exc.code == 130:
            sys.stderr.write(interrupted)
        raise
    except Exception as exc:  # the last line of defence: users never see a traceback
        if os.environ.get("PLANNER_DEBUG"):
            raise
        sys.stderr.write(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in the planner, not in your input. Run again with PLANNER_DEBUG=1 for details.\n"
        )
        sys.exit(EXIT_INTERNAL)
