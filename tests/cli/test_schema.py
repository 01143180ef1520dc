"""``planner schema``: a JSON Schema per part, checked with a small validator against the real Drenthe files."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from typing import Any

import pytest
from typer.testing import CliRunner

from planner.cli.app import app
from planner.scenario.load import load_scenario
from planner.scenario.schema import TABLE_MODELS
from tests.scenario.support import DRENTHE

runner = CliRunner()
PARTS = ["scenario", "municipalities", "offers", "sites", "transfers"]


def violations(schema: dict[str, Any], value: Any, root: dict[str, Any] | None = None, at: str = "") -> list[str]:
    """The JSON Schema keywords pydantic emits (type, properties, required, additionalProperties, enum, const, $ref,
    anyOf, allOf, items, bounds, pattern, lengths, format date), enough to tell a valid file from a broken one."""
    root = root or schema
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return violations(root["$defs"][name], value, root, at)
    if "anyOf" in schema:
        options = [violations(s, value, root, at) for s in schema["anyOf"]]
        return [] if any(not o for o in options) else [f"{at}: matches no option"]
    out: list[str] = []
    for sub in schema.get("allOf", []):
        out += violations(sub, value, root, at)
    kinds = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
    t = schema.get("type")
    if t == "integer" and not (isinstance(value, int) and not isinstance(value, bool)):
        return [f"{at}: not an integer"]
    if t == "number" and not (isinstance(value, int | float) and not isinstance(value, bool)):
        return [f"{at}: not a number"]
    if t in kinds and not isinstance(value, kinds[t]):
        return [f"{at}: not {t}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{at}: {value!r} not in enum")
    if "const" in schema and value != schema["const"]:
        out.append(f"{at}: not {schema['const']!r}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        out += [f"{at}.{k}: required" for k in schema.get("required", []) if k not in value]
        for k, v in value.items():
            if k in props:
                out += violations(props[k], v, root, f"{at}.{k}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{at}.{k}: not allowed")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            out += violations(schema["items"], v, root, f"{at}[{i}]")
    if isinstance(value, int | float) and not isinstance(value, bool):
        for key, ok in (("minimum", value >= schema.get("minimum", value)),
                        ("maximum", value <= schema.get("maximum", value)),
                        ("exclusiveMinimum", "exclusiveMinimum" not in schema or value > schema["exclusiveMinimum"])):
            if not ok:
                out.append(f"{at}: {key}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(f"{at}: pattern")
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", len(value)):
            out.append(f"{at}: length")
        if schema.get("format") == "date" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            out.append(f"{at}: not a date")
    return out


def as_json(value: Any) -> Any:
    """TOML data as a JSON document would hold it (dates as text)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_one_schema_per_part(schemas: dict[str, Any]) -> None:
    assert list(schemas) == PARTS
    for part in PARTS:
        assert schemas[part]["type"] == "object"
        assert schemas[part]["additionalProperties"] is False
        refs = re.findall(r'"\$ref": "#/\$defs/([^"]+)"', json.dumps(schemas[part]))
        assert set(refs) <= set(schemas[part].get("$defs", {}))


def test_the_drenthe_toml_matches_and_a_typo_does_not(schemas: dict[str, Any]) -> None:
    data = as_json(tomllib.loads((DRENTHE / "scenario.toml").read_text(encoding="utf-8")))
    assert violations(schemas["scenario"], data) == []
    data["cycle"]["national_needs"] = 96000
    data["rules"]["rounding"] = "bankers"
    data["cycle"]["national_need"] = "96000"
    assert sorted(violations(schemas["scenario"], data)) == [
        ".cycle.national_need: not an integer", ".cycle.national_needs: not allowed",
        ".rules.rounding: matches no option",
    ] or sorted(violations(schemas["scenario"], data)) == [
        ".cycle.national_need: not an integer", ".cycle.national_needs: not allowed",
        ".rules.rounding: 'bankers' not in enum",
    ]


def test_every_drenthe_row_matches_its_table_schema(schemas: dict[str, Any]) -> None:
    scenario, _ = load_scenario(DRENTHE)
    assert scenario is not None
    for part in ("municipalities", "offers", "sites"):
        rows = getattr(scenario, part)
        assert rows
        for row in rows:
            assert violations(schemas[part], row.model_dump(mode="json")) == []
    bad = {**scenario.sites[0].model_dump(mode="json"), "code": "106", "places": -1, "colour": "red"}
    assert sorted(violations(schemas["sites"], bad)) == [".code: pattern", ".colour: not allowed", ".places: minimum"]


@pytest.mark.parametrize("part", PARTS[1:])
def test_one_table(part: str) -> None:
    result = runner.invoke(app, ["schema", "--table", part])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert list(schema["properties"]) == list(TABLE_MODELS[part].model_fields)
    required = [n for n, f in TABLE_MODELS[part].model_fields.items() if f.is_required()]
    assert schema["required"] == required


def test_an_unknown_part_is_a_usage_error() -> None:
    result = runner.invoke(app, ["schema", "--table", "plaatsen"])
    assert result.exit_code == 2
    assert "'plaatsen' is geen van 'scenario', 'municipalities'" in result.output  # Dutch, the default
