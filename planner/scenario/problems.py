"""The one vocabulary for everything wrong with an input: a problem has a place (file, row, field) and a message.

Validation never stops at the first problem: every check appends to a :class:`Problems` collection and the caller
decides what to do with errors (refuse) and warnings (report and go on).

A check states its message as a :class:`Msg` — a key of the message catalogue (:mod:`planner.report.messages`, nl
and en) and its values — so each output shows it in its own language (:meth:`Problem.text`); ``message`` is the
English text (JSON, logs). A plain string is still accepted and shown as it is in every language.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeAlias

from planner.outcome import PlannerError


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


Value: TypeAlias = "str | int | float | Msg"
"""A message's value: text and codes as given, whole numbers and decimals as the language writes them, or another
message (a hint) in the same language."""


@dataclass(frozen=True)
class Msg:
    """A message by its catalogue key and values: ``Msg.of("site_ends_in_cycle", site="ASN-AZC", places=1000)``."""

    key: str
    values: tuple[tuple[str, Value], ...] = ()

    @classmethod
    def of(cls, key: str, /, **values: Value) -> Msg:
        return cls(key, tuple(values.items()))


class MsgError(ValueError):
    """A validator's error with its catalogue message; pydantic keeps it (``ctx['error']``) so the loaders can show
    it in the output's language (:func:`pydantic_msg`)."""

    def __init__(self, msg: Msg) -> None:
        from planner.report.messages import render

        super().__init__(render("en", msg))
        self.msg = msg


def pydantic_msg(err: Mapping[str, Any], field: str, got: str | None = None, hint: Msg | str = "") -> Msg:
    """What a pydantic error says, by its ``type``, about ``field`` (its own name): never pydantic's sentence. ``got``
    is the value as read (``None``: the error's input when it is a plain value); an unknown type says so plainly."""
    from planner.report.messages_read import PYDANTIC_KEYS

    ctx = err.get("ctx") or {}
    error = ctx.get("error")
    if isinstance(error, MsgError):
        return error.msg
    if got is None:
        given = err.get("input")
        got = "" if given is None or isinstance(given, dict | list) else repr(given)
    kind = str(err.get("type", ""))
    key = PYDANTIC_KEYS.get(kind)
    if key is None:
        return Msg.of("pyd_other", field=field, kind=kind, got=got, hint=hint)
    if key == "pyd_missing":
        return Msg.of(key, field=field)
    limit = next((ctx[k] for k in ("ge", "gt", "le", "lt", "min_length", "max_length") if k in ctx), "")
    # pydantic joins the choices with English words ("'a', 'b' or 'c'"): list them plainly
    choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
    return Msg.of(key, field=field, got=got, hint=hint, limit=limit if isinstance(limit, int | float) else str(limit),
                  expected=", ".join(f"'{c}'" for c in choices))


@dataclass(frozen=True, order=True)
class Problem:
    """One problem with an input.

    ``row`` is the 1-based line number in the file as a spreadsheet or editor shows it (the header is row 1), or
    ``None`` for a problem that is not about one row. ``field`` is the column or TOML key.
    """

    severity: Severity
    file: str
    row: int | None
    field: str
    message: str
    code: str = "invalid"
    text_of: Msg | None = dataclasses.field(default=None, compare=False)

    def text(self, lang: str) -> str:
        """The message in ``lang`` (``nl`` or ``en``)."""
        if self.text_of is None:
            return self.message
        from planner.report.messages import render

        return render(lang, self.text_of)

    def field_text(self, lang: str) -> str:
        """The field in ``lang``: a workbook's ``column F`` is ``kolom F`` in Dutch."""
        from planner.report.messages import field_text

        return field_text(lang, self.field)

    def location(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        if self.field:
            where += f" [{self.field}]"
        return where

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity.value,
            "file": self.file,
            "row": self.row,
            "field": self.field,
            "code": self.code,
            "message": self.message,
        }


def _problem(severity: Severity, file: str, row: int | None, field: str, message: str | Msg, code: str) -> Problem:
    if isinstance(message, str):
        return Problem(severity, file, row, field, message, code)
    from planner.report.messages import render

    return Problem(severity, file, row, field, render("en", message), code, message)


@dataclass
class Problems:
    """An ordered, de-duplicated collection of problems. Adding is O(1) (a set remembers what is in it), so
    validating a file with 50,000 bad rows stays linear in the number of problems."""

    items: list[Problem] = field(default_factory=list)
    _seen: set[Problem] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._seen.update(self.items)

    def error(self, file: str, row: int | None, field: str, message: str | Msg, code: str = "invalid") -> None:
        self._add(_problem(Severity.ERROR, file, row, field, message, code))

    def warning(self, file: str, row: int | None, field: str, message: str | Msg, code: str = "inconsistent") -> None:
        self._add(_problem(Severity.WARNING, file, row, field, message, code))

    def _add(self, problem: Problem) -> None:
        if problem not in self._seen:
            self._seen.add(problem)
            self.items.append(problem)

    def extend(self, other: Problems) -> None:
        for p in other.items:
            self._add(p)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.items)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class ScenarioError(PlannerError):
    """Raised when a scenario cannot be used; carries every problem found, not only the first (bad input, exit 2)."""

    def __init__(self, problems: Problems, message: str | None = None) -> None:
        n = len(problems.errors)
        super().__init__(message or f"{n} error{'s' if n != 1 else ''} in the scenario", problems=problems)
        self.problems: Problems = problems
        self.language: str | None = None
        """The language its message and problems are shown in (None: the command's)."""
