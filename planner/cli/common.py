"""Shared CLI pieces: the scenario argument, --format, loading with every problem printed, how a command ends.

A command ends in one of two ways: :func:`finish` with the :class:`~planner.outcome.Outcome` of its answer, or a
:class:`~planner.outcome.PlannerError` (raised here by :func:`fail` and :func:`load_or_exit`, or by a journey) that
:func:`guarded` turns into a message on stderr, a JSON error object on stdout under ``--format json``, and the
outcome's exit code. The codes themselves live only in :mod:`planner.outcome`.
"""

from __future__ import annotations

import functools
import shlex
import sys
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer

from planner.cli.outputs import check_outputs, file_output
from planner.outcome import Outcome, PlannerError, exit_code

if TYPE_CHECKING:
    from rich.console import Console

    from planner.scenario.load import Scenario
    from planner.scenario.problems import Problems

P = ParamSpec("P")
R = TypeVar("R")
MAX_PROBLEMS_SHOWN = 200
"""Rows of the problems table in the terminal; the rest are counted (``--format json`` or ``csv`` lists all)."""


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


ScenarioArg = Annotated[
    Path | None,
    typer.Argument(
        help="Scenario folder (with scenario.toml) or .toml file; 'bundled:NAME' or 'bundled:NAME/what-if/FILE.toml' "
        "names one shipped with the planner. Default: the bundled Drenthe 2025–2026 case.",
        show_default=False,
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


class Lang(StrEnum):
    nl = "nl"
    en = "en"


class SolverName(StrEnum):
    """The MIP backends (the same names as ``solvers.SOLVER_NAMES``; a test keeps them equal — importing solvers
    here would make ``planner --help`` slow)."""

    highs = "highs"
    scip = "scip"
    cbc = "cbc"
    cpsat = "cpsat"


class PlanSolverName(StrEnum):
    """The backends for planning (plan, compare, sweep, check-duty): one of :class:`SolverName`, or ``auto``, a
    backend per goal (``planner.model.backends``)."""

    highs = "highs"
    scip = "scip"
    cbc = "cbc"
    cpsat = "cpsat"
    auto = "auto"


LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help="Language of the output (default: the scenario's language).", show_default=False),
]


def language(lang: Lang | str | None, scenario: Scenario | None = None) -> str:
    """The output language: ``--lang`` when given, else the scenario's, else Dutch."""
    if lang is not None:
        return str(getattr(lang, "value", lang))
    return str(scenario.settings.scenario.language) if scenario is not None else "nl"


_LANG: ContextVar[Lang | str | None] = ContextVar("planner_lang", default=None)
"""The running command's ``--lang`` (set by :func:`guarded`)."""


_LOADED_LANG: ContextVar[str | None] = ContextVar("planner_loaded_lang", default=None)
"""The language of the scenario the running command loaded (set by :func:`load_or_exit`)."""


def command_language(scenario: Scenario | None = None) -> str:
    """The output language of the running command (its ``--lang`` when it has one and it is given, else the
    scenario's — ``scenario`` or the one the command loaded —, else Dutch): for what is printed before or without
    the command's own code, such as the problems of a scenario that cannot be used or a journey's refusal."""
    if scenario is None and _LANG.get() is None and _LOADED_LANG.get() is not None:
        return str(_LOADED_LANG.get())
    return language(_LANG.get(), scenario)
AllowOutsideOpt = Annotated[
    bool, typer.Option("--allow-outside", help="Allow scenario references to files outside the scenario folders.")
]


_WIDE: ContextVar[bool] = ContextVar("planner_wide", default=False)
WIDE_WIDTH = 1000
"""Columns of the console under ``--wide``: every table at its natural width, nothing wrapped."""


def _set_wide(ctx: typer.Context, value: bool) -> bool:
    if value and not ctx.resilient_parsing:
        _WIDE.set(True)
        ctx.call_on_close(lambda: _WIDE.set(False))
    return value


WideOpt = Annotated[bool, typer.Option(
    "--wide", callback=_set_wide, expose_value=False,
    help="Print tables at their full width (for a pager: 'less -S'), instead of fitting them to the terminal.")]


def console(stderr: bool = False) -> Console:
    """The console of a command: a terminal's width (rich reads it, or $COLUMNS), 160 columns when the output goes
    to a file or a pipe (a stray $COLUMNS does not narrow a file), and no limit under ``--wide``. FORCE_COLOR=1
    makes rich treat the output as a terminal (tests and the screenshots use it with $COLUMNS)."""
    from rich.console import Console

    # emoji=False: a name with ':x:' stays ':x:'. Markup stays on for our own styles; text from input goes through
    # planner.report.terminal.plain/esc (markup escaped, control characters visible).
    con = Console(stderr=stderr, highlight=False, soft_wrap=False, emoji=False)
    if _WIDE.get():
        con.width = WIDE_WIDTH
    elif not con.is_terminal:
        con.width = 160
    return con


def fail(message: str, outcome: Outcome = Outcome.BAD_INPUT) -> NoReturn:
    """Stop the command with a user-facing error (bad input unless told otherwise)."""
    raise PlannerError(message, outcome)


def say(word: str, /, outcome: Outcome = Outcome.BAD_INPUT, lang: str | None = None, **values: object) -> NoReturn:
    """Stop the command with the word table's ``word`` (:mod:`planner.report.words_cli`): shown in ``lang`` (default:
    the command's language), in English in the JSON error's ``message``."""
    from planner.report.words import term

    error = PlannerError(term("en", word, **values), outcome)
    error.shown = term(lang or command_language(), word, **values)
    raise error


def solver_refused(exc: Exception) -> NoReturn:
    """Stop the command because a solver library refused (missing, unsuitable, failed): our sentence in the
    command's language, the library's own words quoted in it."""
    raise PlannerError.of("solver_error", detail=str(exc))


def _out_is_a_folder(flag: str) -> Callable[[typer.Context, str | None], None]:
    def callback(ctx: typer.Context, value: str | None) -> None:
        from planner.cli.outputs import refuse

        if value is not None and not ctx.resilient_parsing:
            refuse(PlannerError(f"--out names a plan folder only (planner plan --out DIR); write this file with "
                                f"{flag} {shlex.quote(value)}", Outcome.BAD_INPUT))

    return callback


# The old ``--out FILE`` of the file commands: not accepted any more, but answered with the flag that replaced it
# (hidden in --help; a plain "no such option" would leave the user guessing).
OldCsvOpt = Annotated[str | None, typer.Option("--out", hidden=True, callback=_out_is_a_folder("--csv"))]
OldHtmlOpt = Annotated[str | None, typer.Option("--out", hidden=True, callback=_out_is_a_folder("--html"))]
OldXlsxOpt = Annotated[str | None, typer.Option("--out", hidden=True, callback=_out_is_a_folder("--xlsx"))]


def finish(outcome: Outcome) -> None:
    """End a command that printed its answer: exit with the outcome's code (nothing to do when it is 0)."""
    code = exit_code(outcome)
    if code:
        raise typer.Exit(code)


def report_error(exc: PlannerError, fmt: Format | None) -> None:
    """The one place a user-facing error is shown: its problems table and message on stderr, and with
    ``--format json`` a JSON error object on stdout so a program reading stdout always gets JSON."""
    from rich.markup import escape

    from planner.report.words import term

    lang = getattr(exc, "language", None) or command_language()
    if exc.problems is not None:
        print_problems(exc.problems, lang=lang)
    shown = exc.text(lang)
    console(stderr=True).print(f"[bold red]{term(lang, 'error_prefix')}[/] {escape(shown)}")
    if fmt is Format.json:
        from planner.report.output import to_json

        # "message" is English for programs (as every problem's "message" is); "text" is what the user read
        error = {"outcome": exc.outcome.value, "exit_code": exc.exit_code, "message": exc.message, "text": shown,
                 "problems": [p.as_dict() for p in exc.problems] if exc.problems is not None else []}
        sys.stdout.write(to_json({"error": error}))


def guarded(command: Callable[P, R]) -> Callable[P, R]:
    """Wrap a command so every :class:`PlannerError` ends it the same way (see :func:`report_error`)."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        lang = kwargs.get("lang")
        token = _LANG.set(lang if isinstance(lang, Lang | str) else None)
        loaded = _LOADED_LANG.set(None)
        try:
            return _run(*args, **kwargs)
        finally:
            _LOADED_LANG.reset(loaded)
            _LANG.reset(token)

    def _run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except PlannerError as exc:
            error = exc
        except Exception as exc:
            from solvers import SolverError

            if not isinstance(exc, SolverError):
                raise
            # A missing or unsuitable backend, an option out of range (threads above the CPU count) or numbers the
            # solvers cannot handle reliably (absurd amounts): usage or input, not a bug.
            error = PlannerError.of("solver_error", detail=str(exc))
        fmt = kwargs.get("fmt")
        report_error(error, fmt if isinstance(fmt, Format) else None)
        raise typer.Exit(error.exit_code) from None

    return run


def print_problems(problems: Problems, *, show_warnings: bool = True, out: Console | None = None,
                   lang: str = "nl") -> None:
    from planner.report.terminal import problems_table

    items = [p for p in problems if show_warnings or p.severity.value == "error"]
    if not items:
        return
    con = out or console(stderr=True)
    con.print(problems_table(items, limit=MAX_PROBLEMS_SHOWN, lang=lang))


def load_or_exit(path: Path | None, allow_outside: bool = False, quiet_warnings: bool = True) -> Scenario:
    """Load a scenario; on errors raise a :class:`ScenarioError` with every problem (file, row, field), which ends
    the command with exit 2 — never a traceback."""
    from planner.report.words import term
    from planner.scenario.load import load_scenario
    from planner.scenario.problems import ScenarioError

    scenario, problems = load_scenario(path, allow_outside=allow_outside)
    lang = command_language(scenario)
    if scenario is None or problems.has_errors():
        again = "planner validate" + (f" {shlex.quote(str(path))}" if path is not None else "")
        error = ScenarioError(problems, term(lang, "scenario_unusable", n=len(problems.errors), again=again))
        error.language = lang
        raise error
    if not quiet_warnings and problems.warnings:
        print_problems(problems, lang=lang)
    check_outputs(scenario)
    _LOADED_LANG.set(str(scenario.settings.scenario.language))
    return scenario


def emit(data: object, fmt: Format, csv_rows: Sequence[Mapping[str, object]], render_table: Any) -> None:
    """Print ``data`` as JSON, ``csv_rows`` as CSV, or call ``render_table(console)``."""
    from planner.io import to_csv
    from planner.report.output import to_json

    if fmt is Format.json:
        sys.stdout.write(to_json(data))
    elif fmt is Format.csv:
        sys.stdout.write(to_csv(csv_rows))
    else:
        render_table(console())


XlsxOpt = Annotated[
    Path | None,
    typer.Option("--xlsx", help="Also write the result as an Excel workbook (tables, checks, metadata).",
                 callback=file_output("--xlsx", ".xlsx")),
]


def write_result_workbook(
    path: Path, data: Mapping[str, Any], result: str, scenarios: Sequence[Scenario] = (), runs: Sequence[Any] = ()
) -> None:
    """Write a command's JSON result as a workbook in the command's language
    (``planner.report.xlsx.write_json_result_xlsx``): its tables, the ``scenarios``' validation warnings in the
    checks sheet, a puzzle sheet per plan run in ``runs``, metadata."""
    from planner.report.xlsx import write_json_result_xlsx

    write_json_result_xlsx(path, data, result, scenarios, runs,
                           lang=command_language(scenarios[0] if scenarios else None))
