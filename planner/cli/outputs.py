"""Output flags checked when they are parsed, before anything is loaded or solved.

Each file flag declares its kind through a callback (:func:`file_output`, :func:`plan_folder_output`): a wrong
extension, a folder where a file is meant, a folder that is not a plan folder is refused at once (exit 2, or 74
when the file system is in the way). The declared outputs are kept for the running command (a context variable,
cleared when its click context closes), and :func:`check_outputs` — called by ``load_or_exit`` for every
scenario the command loads — refuses an output that would replace a file the scenario reads (exit 2).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from planner.outcome import PlannerError
    from planner.scenario.load import Scenario

_DECLARED: ContextVar[list[Declared] | None] = ContextVar("planner_outputs", default=None)


@dataclass(frozen=True)
class Declared:
    path: Path
    flag: str
    folder: bool


def refuse(exc: PlannerError) -> NoReturn:
    """End the command with ``exc`` the way every command ends with an error (option callbacks run before the
    command's own error handling)."""
    from planner.cli.common import report_error

    report_error(exc, None)
    raise typer.Exit(exc.exit_code)


def _declare(ctx: typer.Context, declared: Declared) -> None:
    current = _DECLARED.get()
    outputs: list[Declared] = current if current is not None else []
    if current is None or ctx.meta.get("planner.outputs") is not current:  # the first output of this command
        outputs = []
        ctx.meta["planner.outputs"] = outputs
        _DECLARED.set(outputs)
        ctx.call_on_close(lambda: _DECLARED.set(None))
    outputs.append(declared)


def file_output(flag: str, *suffixes: str) -> Callable[[typer.Context, Path | None], Path | None]:
    """A callback for a file flag whose file must end in one of ``suffixes`` (the first is the kind's name)."""

    def callback(ctx: typer.Context, value: Path | None) -> Path | None:
        from planner.io import OutputFailed, OutputRefused
        from planner.io.targets import check_file_target

        if value is None or ctx.resilient_parsing:
            return value
        try:
            check_file_target(value, flag, suffixes)
        except (OutputRefused, OutputFailed) as exc:
            refuse(exc)
        _declare(ctx, Declared(value, flag, folder=False))
        return value

    return callback


def plan_folder_output(ctx: typer.Context, value: Path | None) -> Path | None:
    """The callback of ``plan --out``: a new folder, an empty one, or an earlier plan folder."""
    from planner.io import OutputFailed, OutputRefused
    from planner.io.plan_folder import check_plan_target

    if value is None or ctx.resilient_parsing:
        return value
    try:
        check_plan_target(value)
    except (OutputRefused, OutputFailed) as exc:
        refuse(exc)
    _declare(ctx, Declared(value, "--out", folder=True))
    return value


def check_outputs(scenario: Scenario) -> None:
    """Raise :class:`~planner.io.OutputRefused` (exit 2) when an output declared by the running command is, or for a
    folder holds, a file that ``scenario`` reads."""
    from planner.io.targets import check_not_input, scenario_inputs

    declared = _DECLARED.get()
    if not declared:
        return
    inputs = scenario_inputs(scenario)
    for d in declared:
        check_not_input(d.path, d.flag, inputs, folder=d.folder)
