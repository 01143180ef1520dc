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
from planner.cli.common import guarded
from planner.outcome import EXIT_CODES_HELP, Outcome, exit_code

app = typer.Typer(
    name="planner",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    help="Spreidingswet scenario planner: tasks, allocation plans, what-ifs, duty checks and verdeelbesluiten.\n\n"
    "Without a SCENARIO argument every command uses the bundled Drenthe 2025–2026 reference case.\n\n"
    + EXIT_CODES_HELP,
)

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
