"""Where a TOML key is written, and the raw TOML values pydantic would convert silently.

The loader reports every problem at its file and line: :func:`toml_paths` finds the line of every key and table
header of a TOML text (best effort, for messages only), and :func:`exact_values` finds values that pydantic's lax
conversion would accept but that are almost certainly mistakes (``96.000`` read as 96.0 for a whole number, ``1`` for
true/false, ``inf``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeAlias, Union, get_args, get_origin

from pydantic import BaseModel

from planner.scenario.problems import Msg

Loc = tuple[str | int, ...]
RawValue: TypeAlias = (
    str | int | float | bool | dt.date | dt.time | dt.datetime | Sequence["RawValue"] | Mapping[str, "RawValue"] | None
)
"""A settings value as parsed, before the schema validates it (any shape the user wrote): from a TOML file
(:mod:`tomllib`), or JSON for ``--vary`` and the web editor (hence None)."""
RawTable = dict[str, RawValue]
"""A table of such values (a whole scenario file, or a section)."""
Locate = Callable[[Loc], tuple[str, int | None]]
"""Maps a place in the merged TOML data (``("changes", "sites", 0, "id")``) to its file and line."""

# ---------------------------------------------------------------------------------------------------------------
# Where a TOML key is written


_TOML_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_TOML_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_TOML_KEY = re.compile(rf"^\s*({_TOML_KEY_PART}(?:\s*\.\s*{_TOML_KEY_PART})*)\s*=")


def _key_parts(dotted: str) -> tuple[str, ...]:
    parts = re.findall(_TOML_KEY_PART, dotted)
    return tuple(p.strip("\"'") for p in parts)


def toml_paths(text: str) -> Iterator[tuple[Loc, int]]:
    """Every table header and key of a TOML text with its line: ``(("cycle", "start"), 14)``; an array-of-tables
    element is numbered: ``(("stated_totals", 1, "value"), 60)``. Best effort, for messages only."""
    table: Loc = ()
    counts: dict[tuple[str, ...], int] = {}
    in_string: str | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        header = _TOML_HEADER.match(line)
        if header:
            names = _key_parts(header.group(2))
            if header.group(1) == "[[":
                counts[names] = counts.get(names, -1) + 1
                for k in [k for k in counts if len(k) > len(names) and k[: len(names)] == names]:
                    del counts[k]
            path: list[str | int] = []
            for i in range(len(names)):
                path.append(names[i])
                if names[: i + 1] in counts:
                    path.append(counts[names[: i + 1]])
            table = tuple(path)
            yield table, lineno
            continue
        key = _TOML_KEY.match(line)
        if key:
            yield (*table, *_key_parts(key.group(1))), lineno
            rest = line[key.end():]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_string = quote


def toml_line(text: str | tuple[tuple[Loc, int], ...], loc: Loc) -> tuple[int, int | None]:
    """How much of ``loc`` a TOML text (or its :func:`toml_paths`) names, 0 for nothing, and the line of the longest
    match."""
    best: tuple[int, int | None] = (0, None)
    for path, lineno in toml_paths(text) if isinstance(text, str) else text:
        if len(path) > best[0] and loc[: len(path)] == path:
            best = (len(path), lineno)
    return best


def toml_error_line(text: str, message: str) -> int | None:
    """The line of a TOML syntax error; tomllib says 'at end of document' for some, so look for the culprit."""
    m = re.search(r"at line (\d+)", message)
    if m:
        return int(m.group(1))
    if "overwrite" in message:
        seen: set[Loc] = set()
        for path, lineno in toml_paths(text):
            if path in seen:
                return lineno
            seen.add(path)
    lines = text.splitlines()
    if "string" in message.lower():
        for lineno, line in enumerate(lines, 1):
            code = line.split("#", 1)[0] if line.count('"') % 2 == 0 else line
            if code.count('"') % 2 == 1 or code.count("'") % 2 == 1:
                return lineno
    for lineno in range(len(lines), 0, -1):
        if lines[lineno - 1].strip():
            return lineno
    return None


# ---------------------------------------------------------------------------------------------------------------
# Checks on the raw TOML values that pydantic's lax conversion would let through


def _inner(ann: Any) -> Any:
    """``X | None`` → ``X``."""
    if get_origin(ann) in (Union, types.UnionType):
        args = [a for a in get_args(ann) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return ann


def _element(ann: Any) -> Any:
    ann = _inner(ann)
    if get_origin(ann) is tuple:
        return _inner(get_args(ann)[0])
    return ann


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model that holds the fields at ``loc`` (``("cycle",)`` → :class:`Cycle`), or None."""
    cur: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(cur, type) and issubclass(cur, BaseModel)) or part not in cur.model_fields:
            return None
        cur = _element(cur.model_fields[part].annotation)
    return cur if isinstance(cur, type) and issubclass(cur, BaseModel) else None


def exact_values(value: Any, model: type[BaseModel], loc: Loc) -> Iterator[tuple[Loc, Msg]]:
    """Values that pydantic would convert silently but that are almost certainly mistakes: ``96.000`` (a float)
    for a whole number, ``1`` for true/false, ``inf`` and ``nan``."""
    if not isinstance(value, dict):
        return
    for key, v in value.items():
        info = model.model_fields.get(key)
        if info is None:
            continue
        ann = _inner(info.annotation)
        here = (*loc, key)
        items = list(enumerate(v)) if get_origin(ann) is tuple and isinstance(v, list) else [(None, v)]
        target = _element(ann) if get_origin(ann) is tuple else ann
        for i, item in items:
            at = here if i is None else (*here, i)
            if isinstance(target, type) and issubclass(target, BaseModel):
                yield from exact_values(item, target, at)
            elif target in (int, float, bool) and isinstance(item, str):
                word = Msg.of("what_bool") if target is bool else Msg.of("what_number")
                yield at, Msg.of("toml_not_text", what=word, got=repr(item))
            elif target is int and isinstance(item, float):
                yield at, (Msg.of("toml_float_for_int_dot", got=repr(item)) if item.is_integer()
                           else Msg.of("toml_float_for_int", got=repr(item)))
            elif target is int and isinstance(item, bool):
                yield at, Msg.of("toml_float_for_int", got=str(item).lower())
            elif target is bool and not isinstance(item, bool) and isinstance(item, int | float):
                yield at, Msg.of("toml_not_bool", got=repr(item))
            elif target is float and isinstance(item, float) and not math.isfinite(item):
                yield at, Msg.of("toml_not_finite", got=repr(item))


# ---------------------------------------------------------------------------------------------------------------


def dotted(loc: Loc) -> str:
    """``("stated_totals", 1, "value")`` → ``stated_totals[1].value``."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
