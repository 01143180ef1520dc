"""Click's own usage errors ("No such option", "Missing argument", "Invalid value for '--solver'") in the output's
language, from the word table (:mod:`planner.report.words_cli`), with the command's usage line and Click's exit
code 2.

Which language: a usage error can come before ``--lang`` is parsed, so the raw command line decides —
``--lang nl|en`` when it is there; else the language of the first argument that names a scenario (a ``.toml`` file,
a folder with ``scenario.toml`` or ``bundled:…``), read with ``tomllib`` from its ``[scenario] language`` or that of
the scenarios it ``extends`` (at most :data:`MAX_EXTENDS` files, nothing validated); else Dutch, the default.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

LANGS = ("nl", "en")
MAX_EXTENDS = 5
"""Files read to find a scenario's language (a what-if extends a base, which may extend another)."""
MAX_BYTES = 1_000_000
"""A larger file is not read for its language (it is not a scenario a user wrote)."""


def _language_of(arg: str) -> str | None:
    """The ``[scenario] language`` of the scenario ``arg`` names, or ``None`` when it names none or states none."""
    from planner.scenario.load import BUNDLED_PREFIX, SCENARIO_FILE, bundled_dir

    path = bundled_dir() / arg.removeprefix(BUNDLED_PREFIX) if arg.startswith(BUNDLED_PREFIX) else Path(arg)
    for _ in range(MAX_EXTENDS):
        try:
            if path.is_dir():
                path = path / SCENARIO_FILE
            if path.suffix != ".toml" or not path.is_file() or path.stat().st_size > MAX_BYTES:
                return None
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        head = data.get("scenario")
        if not isinstance(head, dict):
            return None
        if head.get("language") in LANGS:
            return str(head["language"])
        parent = head.get("extends")
        if not isinstance(parent, str):
            return None
        path = (bundled_dir() / parent.removeprefix(BUNDLED_PREFIX) if parent.startswith(BUNDLED_PREFIX)
                else path.parent / parent)
    return None


def usage_language(args: Sequence[str]) -> str:
    """The language of a usage error on the command line ``args`` (the rule in the module docstring)."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in LANGS:
            return args[i + 1]
        if arg.startswith("--lang=") and arg.removeprefix("--lang=") in LANGS:
            return arg.removeprefix("--lang=")
    for arg in args:
        if not arg.startswith("-") and (lang := _language_of(arg)) is not None:
            return lang
    return "nl"


def click_exceptions() -> Any:
    """The module of Click's exceptions that the commands raise: Typer ≥ 0.29 carries its own copy of Click
    (``typer._click``); older Typers use Click itself."""
    import typer.core

    vendored = getattr(typer.core, "_click", None)
    if vendored is not None:
        return vendored.exceptions
    import click

    return click.exceptions


def _names(param: Any) -> str:
    opts = list(getattr(param, "opts", None) or ())
    return " / ".join(f"'{o}'" for o in opts) if opts else str(getattr(param, "name", "") or "").upper()


def _given(param: Any, args: Sequence[str]) -> str:
    """The value the command line gave ``param`` (Click's message does not always hold it)."""
    for i, arg in enumerate(args):
        for opt in getattr(param, "opts", None) or ():
            if arg == opt and i + 1 < len(args):
                return args[i + 1]
            if arg.startswith(f"{opt}="):
                return arg.removeprefix(f"{opt}=")
    return ""


def _annotation(param: Any) -> Any:
    descriptor = getattr(param, "type_descriptor", None)
    return getattr(descriptor, "annotation", None) or getattr(getattr(param, "type", None), "enum", None)


def _bad_value_text(param: Any, value: str, lang: str) -> str:
    """Why ``value`` does not fit ``param``: not one of its choices, not a (whole) number, or out of its range."""
    import enum

    from planner.report.words import term

    kind = _annotation(param)
    name = _names(param)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return term(lang, "usage_bad_choice", name=name, value=value,
                    choices=", ".join(f"'{c.value}'" for c in kind))
    if kind in (int, float):
        try:
            number = float(value)
        except ValueError:
            return term(lang, "usage_bad_value", name=name, value=value,
                        kind=term(lang, "usage_type_integer" if kind is int else "usage_type_float"))
        low, high = getattr(param, "min", None), getattr(param, "max", None)
        if low is not None and number < low:
            return term(lang, "usage_below", name=name, value=value, limit=_limit(low))
        if high is not None and number > high:
            return term(lang, "usage_above", name=name, value=value, limit=_limit(high))
        if kind is int and not number.is_integer():
            return term(lang, "usage_bad_value", name=name, value=value, kind=term(lang, "usage_type_integer"))
    return ""


def _limit(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def usage_text(error: Any, lang: str, args: Sequence[str] = ()) -> str:
    """The error's sentence in ``lang``: Click's error classes said by the word table, their values (option names,
    the bad value, the choices) as Click and the command line give them; what the table does not know is quoted
    in Click's own words inside a sentence of ours."""
    from planner.report.words import term

    cx = click_exceptions()
    if isinstance(error, cx.NoSuchOption):
        possible = sorted(error.possibilities or ())
        hint = term(lang, "usage_possible", names=", ".join(possible)) if possible else ""
        return term(lang, "usage_no_such_option", name=error.option_name, hint=hint)
    if isinstance(error, cx.BadOptionUsage) and error.message.endswith("requires an argument."):
        return term(lang, "usage_needs_value", name=error.option_name)
    if isinstance(error, cx.MissingParameter):
        param = error.param
        kind = "usage_missing_option" if getattr(param, "opts", ["-"])[0].startswith("-") else "usage_missing_argument"
        return term(lang, kind, name=_names(param))
    if isinstance(error, cx.BadParameter) and error.param is not None:
        said = _bad_value_text(error.param, _given(error.param, args), lang)
        if said:
            return said
    if error.message.startswith("No such command"):
        name = error.message.split("'")[1] if "'" in error.message else ""
        return term(lang, "usage_no_such_command", name=name)
    if error.message.startswith("Got unexpected extra argument"):
        extra = error.message.rpartition("(")[2].rstrip(")")
        return term(lang, "usage_extra_arguments", args=extra)
    return term(lang, "usage_other", detail=error.format_message())


def show_usage_error(error: Any, args: Sequence[str], ctx: Any = None) -> NoReturn:
    """Print the usage line (of ``ctx`` when the error has no context), the help hint and the error in the command
    line's language; exit 2 (Click's code)."""
    import typer
    from rich.markup import escape

    from planner.cli.common import console
    from planner.report.words import term

    lang = usage_language(args)
    con = console(stderr=True)
    ctx = error.ctx or ctx
    if ctx is not None:
        usage = ctx.command.collect_usage_pieces(ctx)
        con.print(f"{term(lang, 'usage_line')} {escape(ctx.command_path)} {escape(' '.join(usage))}".rstrip(),
                  markup=True)
        if ctx.command.get_help_option(ctx) is not None:
            con.print(escape(term(lang, "usage_try_help", command=f"{ctx.command_path} {ctx.help_option_names[0]}")),
                      style="dim")
    con.print(f"[bold red]{term(lang, 'error_prefix')}[/] {escape(usage_text(error, lang, args))}")
    raise typer.Exit(error.exit_code)
