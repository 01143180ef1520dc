"""Everything generated from the schema: JSON Schema and the field table in docs/scenario-fields.md."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from planner.scenario.schema import TABLE_MODELS, ScenarioFile


def json_schema() -> dict[str, Any]:
    out: dict[str, Any] = {"scenario": ScenarioFile.model_json_schema()}
    for name, model in TABLE_MODELS.items():
        out[name] = model.model_json_schema()
    return out


def _type_name(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        parts = [_type_name(s) for s in schema["anyOf"]]
        return " or ".join(p for p in parts if p != "null") + (" (optional)" if "null" in parts else "")
    if "enum" in schema:
        return " / ".join(str(v) for v in schema["enum"])
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    t = schema.get("type", "")
    if t == "string" and schema.get("format") == "date":
        return "date"
    if t == "array":
        return f"list of {_type_name(schema.get('items', {}))}"
    return str(t)


def _rows(model: type[BaseModel], prefix: str = "") -> list[tuple[str, str, str, str]]:
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    rows = []
    for name, prop in schema.get("properties", {}).items():
        field = model.model_fields[name]
        default = "" if field.is_required() else repr(field.default)
        typ = _type_name(prop)
        if "$ref" in prop or ("allOf" in prop):
            ref = prop.get("$ref") or prop["allOf"][0]["$ref"]
            typ = defs.get(ref.rsplit("/", 1)[-1], {}).get("enum") and " / ".join(
                defs[ref.rsplit("/", 1)[-1]]["enum"]) or typ
        rows.append((prefix + name, typ, default, (field.description or "").replace("\n", " ")))
    return rows


def fields_markdown() -> str:
    """The docs table of every field, generated (``python -m planner.scenario.docs > docs/scenario-fields.md``)."""
    lines = ["# Scenario fields", "", "Generated from `planner/scenario/schema.py` — do not edit by hand.", ""]
    sections: list[tuple[str, type[BaseModel]]] = []
    for name, f in ScenarioFile.model_fields.items():
        ann = f.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            sections.append((f"[{name}]", ann))
    for title, model in sections:
        lines += [f"## `{title}` in scenario.toml", "", "| field | type | default | meaning |", "|---|---|---|---|"]
        lines += [f"| `{n}` | {t} | {d} | {desc} |" for n, t, d, desc in _rows(model)]
        lines.append("")
    for name, model in TABLE_MODELS.items():
        lines += [f"## `{name}` table (CSV)", "", "| column | type | default | meaning |", "|---|---|---|---|"]
        lines += [f"| `{n}` | {t} | {d} | {desc} |" for n, t, d, desc in _rows(model)]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(fields_markdown())
