"""Everything generated from the schema: the JSON Schema and the field table in ``docs/scenario-fields.md``.

``python -m planner.scenario.docs > docs/scenario-fields.md`` regenerates the table; a test fails when the committed
file differs from this output, so the docs cannot go stale.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import sys
import types
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonSchemaValue

from planner.scenario.schema import TABLE_MODELS, Changes, ProvincialTask, ScenarioFile, StatedTotal


def json_schema() -> dict[str, JsonSchemaValue]:
    """JSON Schema of the TOML file (``scenario``) and of one row of each table, keyed by part (each a JSON Schema
    document as pydantic generates it)."""
    out = {"scenario": ScenarioFile.model_json_schema()}
    for name, model in TABLE_MODELS.items():
        out[name] = model.model_json_schema()
    return out


# ---------------------------------------------------------------------------------------------------------------
# The field table


def _optional(ann: Any) -> tuple[Any, bool]:
    if get_origin(ann) in (Union, types.UnionType):
        args = [a for a in get_args(ann) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return ann, False


def _values(values: list[Any]) -> str:
    return " / ".join(f"`{v}`" for v in values)


def _type_name(ann: Any) -> str:
    """A field's type in the users' words: ``whole number``, ``date``, ``one of `a` / `b```, ``list of …``."""
    ann, _ = _optional(ann)
    if get_origin(ann) is tuple:
        return f"list of {_type_name(get_args(ann)[0])}"
    if get_origin(ann) is Literal:
        return f"one of {_values(list(get_args(ann)))}"
    if isinstance(ann, type) and issubclass(ann, enum.Enum):
        return f"{ann.__name__}: {_values([m.value for m in ann])}"
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann.__name__
    names = {bool: "true/false", int: "whole number", float: "number", str: "text", dt.date: "date"}
    return names.get(ann, str(ann))


def _constraints(info: FieldInfo) -> str:
    out = []
    for meta in info.metadata:
        for attr, sign in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            value = getattr(meta, attr, None)
            if value is not None:
                out.append(f"{sign} {value:g}" if isinstance(value, float) else f"{sign} {value}")
        if getattr(meta, "pattern", None):
            out.append(f"pattern `{meta.pattern}`")
        if getattr(meta, "min_length", None):
            out.append("not empty")
        if getattr(meta, "max_length", None):
            out.append(f"at most {meta.max_length} characters")
    return ", ".join(out)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _toml_value(value.value)
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _default(info: FieldInfo, table: bool) -> str:
    if info.is_required():
        return "**required**"
    value = info.get_default(call_default_factory=True)
    if value is None:
        return "empty" if table else "not set"
    if isinstance(value, BaseModel):
        return "see below"
    if table:
        text = str(value.value if isinstance(value, enum.Enum) else value)
        return f"`{text}`" if text else "empty"
    return f"`{_toml_value(value)}`" if value != () else "`[]`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(model: type[BaseModel], *, table: bool = False) -> list[str]:
    head = "| column | type | default | meaning |" if table else "| key | type | default | meaning |"
    lines = [head, "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        typ = _type_name(info.annotation)
        limits = _constraints(info)
        if limits:
            typ += f", {limits}"
        lines.append(f"| `{name}` | {_cell(typ)} | {_default(info, table)} | {_cell(info.description or '')} |")
    return lines


def _doc(model: type[Any]) -> str:
    return _cell(inspect.getdoc(model) or "") if model.__doc__ else ""


def _section(title: str, model: type[BaseModel], intro: str = "", *, table: bool = False) -> list[str]:
    lines = [f"### {title}", ""]
    text = " ".join(p for p in (intro, _doc(model)) if p)
    if text:
        lines += [text, ""]
    return [*lines, *_table(model, table=table), ""]


def _enums() -> list[type[enum.Enum]]:
    found: dict[str, type[enum.Enum]] = {}

    def visit(model: type[BaseModel]) -> None:
        for info in model.model_fields.values():
            ann, _ = _optional(info.annotation)
            inner = _optional(get_args(ann)[0])[0] if get_origin(ann) is tuple else ann
            if isinstance(inner, type) and issubclass(inner, enum.Enum):
                found.setdefault(inner.__name__, inner)
            elif isinstance(inner, type) and issubclass(inner, BaseModel):
                visit(inner)

    visit(ScenarioFile)
    for model in TABLE_MODELS.values():
        visit(model)
    return [found[k] for k in sorted(found)]


def _category_names() -> str:
    """The printed names a category may be written as (:func:`planner.scenario.schema.category_code`)."""
    from planner.report.words import CATEGORY_WORDS

    return "; ".join(f"`{code}`: " + " / ".join(f"`{w}`" for w in dict.fromkeys(
        words[code] for words in CATEGORY_WORDS.values())) for code in CATEGORY_WORDS["nl"])


def fields_markdown() -> str:
    """The docs table of every field, generated (``python -m planner.scenario.docs > docs/scenario-fields.md``)."""
    lines = [
        "# Scenario fields",
        "",
        "Generated from `planner/scenario/schema.py` by `python -m planner.scenario.docs > docs/scenario-fields.md`"
        " — do not edit by hand (a test fails when this file is stale).",
        "",
        "A scenario is a folder with `scenario.toml` and CSV tables keyed by CBS code. Unknown keys and columns are "
        "errors, so a typo never passes silently. `planner validate` lists every problem with file, row and field; "
        "`planner schema` prints the same declarations as JSON Schema.",
        "",
        "## `scenario.toml`",
        "",
    ]
    sections = {n: i.annotation for n, i in ScenarioFile.model_fields.items()
                if isinstance(i.annotation, type) and issubclass(i.annotation, BaseModel)}
    lines += ["### Top-level keys", "", "| key | type | default | meaning |", "|---|---|---|---|"]
    for name, info in ScenarioFile.model_fields.items():
        if name not in sections:
            meaning = info.description or f"One entry per `[[{name}]]`, see below."
            lines.append(f"| `{name}` | {_cell(_type_name(info.annotation))} | {_default(info, False)} | "
                         f"{_cell(meaning)} |")
    lines.append("")
    for name, model in sections.items():
        if model is not Changes:
            lines += _section(f"`[{name}]`", model)
    lines += _section("`[[stated_totals]]` (repeat for each total)", StatedTotal)
    lines += _section("`[[provincial_tasks]]` (repeat for each province)", ProvincialTask)
    lines += ["### `[changes]` (what-ifs)", "", _doc(Changes), ""]
    lines += ["Each file of an `extends` chain may have changes; they are applied parent first.", ""]
    for name, info in Changes.model_fields.items():
        item = _optional(get_args(info.annotation)[0])[0]
        same = next((t for t, m in TABLE_MODELS.items() if m is item), None)
        if same is not None:
            lines += [f"#### `[[changes.{name}]]`", "", f"One row as in the `{same}` table (same columns, below).", ""]
        else:
            intro = [_doc(item), ""] if _doc(item) else []
            lines += [f"#### `[[changes.{name}]]`", "", *intro, *_table(item), ""]
    lines += [
        "## Tables (CSV)",
        "",
        "UTF-8 (a byte-order mark is fine), separated by `,`, `;` or tab, header in the first row. Every cell is "
        "read as text, never evaluated: CBS codes keep their leading zero, and a cell starting with `=`, `+` or `@`"
        " is an error in a number or date column. Whole numbers are digits only (no thousands separator: `1000`, "
        "not `1.000`); scores use a decimal point; dates are `2026-04-01` or `1-4-2026`. An empty cell is an "
        "empty (optional) value.",
        "",
        "A category (a `category` cell, a category in `scenario.toml` such as `spuk2_categories`, the allocation file"
        " of `planner check-allocation`, `check-duty --add-site category=…` and `--category`) may also be written as "
        "the output prints it, in either language and any case: " + _category_names() + ".",
        "",
    ]
    for name, model in TABLE_MODELS.items():
        lines += _section(f"`{name}`", model, table=True)
    lines += ["## Enumerations", ""]
    for en in _enums():
        lines += [f"- **{en.__name__}**: {_values([m.value for m in en])}. {_doc(en)}".rstrip(". ") + "."]
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(fields_markdown())
