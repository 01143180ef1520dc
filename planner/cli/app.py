"""The ``planner`` command: one Typer app, one module per command (only parsing and printing there)."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

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
from planner.cli.entry import INTERRUPTED
from planner.outcome import EXIT_CODES_HELP, Outcome, exit_code


def _flags_without_type(params: list[Any]) -> None:
    """An on/off flag takes no value, so --help shows no type for it. Typer 0.29 prints '<bool>' beside every flag
    (0.28 left it out); an empty metavar — click's own way to name what an option takes — keeps it out."""
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""


def _parse_said(parse: Any, ctx: Any, args: list[str]) -> Any:
    """Click's parsing, its usage errors said in the command line's language (:mod:`planner.cli.usage`)."""
    from planner.cli.usage import click_exceptions, show_usage_error

    given = list(args)
    try:
        return parse(ctx, args)
    except click_exceptions().UsageError as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # 'planner' alone: the help, as Click shows it
            raise
        show_usage_error(error, given, ctx)


class PlannerCommand(TyperCommand):
    """A planner command: its flags, ``--help`` too, show no value type in --help; its usage errors are in the
    output's language."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        _flags_without_type(params)
        return params

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        parsed: list[str] = _parse_said(super().parse_args, ctx, args)
        return parsed


class PlannerGroup(TyperGroup):
    """The ``planner`` group: its own flags (``--version``, completion, ``--help``) show no value type either."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        _flags_without_type(params)
        return params

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        parsed: list[str] = _parse_said(super().parse_args, ctx, args)
        return parsed

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        return _parse_said(lambda c, a: super(PlannerGroup, self).resolve_command(c, a), ctx, args)


app = typer.Typer(
    name="planner",
    cls=PlannerGroup,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    help="Spreidingswet scenario planner: tasks, allocation plans, what-ifs, duty checks and verdeelbesluiten.\n\n"
    "Without a SCENARIO argument every command uses the bundled Drenthe 2025–2026 reference case.\n\n"
    + EXIT_CODES_HELP,
)


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


app.command("validate", cls=PlannerCommand)(guarded(validate.command))
app.command("quota", cls=PlannerCommand)(guarded(quota.command))
app.command("schema", cls=PlannerCommand)(guarded(schema.command))
app.command("plan", cls=PlannerCommand)(guarded(plan.command))
app.command("compare", cls=PlannerCommand)(guarded(compare.command))
app.command("sweep", cls=PlannerCommand)(guarded(sweep.command))
app.command("check-duty", cls=PlannerCommand)(guarded(check_duty.command))
app.command("spuk", cls=PlannerCommand)(guarded(spuk.command))
app.command("template", cls=PlannerCommand)(guarded(template.command))
app.command("import-xlsx", cls=PlannerCommand)(guarded(import_xlsx.command))
app.command("report", cls=PlannerCommand)(guarded(report.command))
app.command("explain", cls=PlannerCommand)(guarded(explain.command))
app.command("verdeelbesluit", cls=PlannerCommand)(guarded(verdeelbesluit.command))
app.command("check-allocation", cls=PlannerCommand)(guarded(check_allocation.command))
app.command("serve", cls=PlannerCommand)(guarded(serve.command))


def main() -> None:
    """Entry point: run the app; an unexpected exception becomes a short message and exit 70, not a traceback."""
    try:
        app(prog_name="planner")  # also under `python -m planner`: the usage line and completion name the command
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED)
        sys.exit(exit_code(Outcome.INTERRUPTED))
    except SystemExit as exc:
        # Typer turns Ctrl-C into a silent exit 130; say what it means for the user's files.
        if exc.code == exit_code(Outcome.INTERRUPTED):
            sys.stderr.write(INTERRUPTED)
        raise
    except Exception as exc:  # the last line of defence: users never see a traceback
        if os.environ.get("PLANNER_DEBUG"):
            raise
        sys.stderr.write(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in the planner, not in your input. Run again with PLANNER_DEBUG=1 for details.\n"
        )
        sys.exit(exit_code(Outcome.BUG))
