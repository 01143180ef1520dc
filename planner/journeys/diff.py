"""Which inputs differ between two resolved scenarios: settings by dotted key, table rows by id or CBS code.

Both scenarios are compared *after* ``extends`` and ``[changes]`` are resolved, so the diff shows what the model
actually sees, whichever way a what-if wrote it (an override section, a ``[changes]`` entry or an edited CSV).
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from planner.scenario.load import Scenario, row_key

TABLES = ("municipalities", "offers", "sites", "transfers")
IGNORED_SETTINGS = ("scenario.name", "scenario.description", "scenario.extends")
"""Keys that name or describe a scenario: they always differ and decide nothing."""

Value = Any
"""A setting or field value as JSON gives it (number, text, true/false, a list, or None)."""


class SettingChange(TypedDict):
    key: str
    old: Value
    new: Value


class FieldChange(TypedDict):
    old: Value
    new: Value


class RowChange(TypedDict):
    table: str
    key: str
    change: Literal["added", "removed", "changed"]
    fields: dict[str, FieldChange]


class ChangeSet(TypedDict):
    """What differs in one scenario against the base: settings by dotted key, table rows by id or CBS code."""

    scenario: str
    settings: list[SettingChange]
    tables: list[RowChange]


def flatten(data: Any, prefix: str = "") -> dict[str, Value]:
    """``{"cycle": {"start": …}}`` → ``{"cycle.start": …}``; lists are kept whole (a list is one setting)."""
    if not isinstance(data, dict):
        return {prefix: data}
    out: dict[str, Value] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(flatten(value, name))
        else:
            out[name] = value
    return out


def settings_diff(base: Scenario, other: Scenario) -> list[SettingChange]:
    """Every settings key whose value differs: ``{"key", "old", "new"}``, in key order."""
    dump = {"exclude": {"tables": True, "changes": True}, "mode": "json"}
    old = flatten(base.settings.model_dump(**dump))  # type: ignore[arg-type]
    new = flatten(other.settings.model_dump(**dump))  # type: ignore[arg-type]
    out: list[SettingChange] = []
    for key in sorted(set(old) | set(new)):
        if key in IGNORED_SETTINGS:
            continue
        if old.get(key) != new.get(key):
            out.append({"key": key, "old": old.get(key), "new": new.get(key)})
    return out


def _rows(scenario: Scenario, table: str) -> dict[str, dict[str, Value]]:
    rows: dict[str, dict[str, Value]] = {}
    for row in getattr(scenario, table):
        key = row_key(table, row)
        n = 2
        while key in rows:  # a repeated transfer is two rows, not one changed row
            key = f"{row_key(table, row)}#{n}"
            n += 1
        rows[key] = row.model_dump(mode="json")
    return rows


def table_diff(base: Scenario, other: Scenario) -> list[RowChange]:
    """Rows added, removed or changed, keyed as :func:`planner.scenario.load.row_key` (site id, CBS code,
    ``code/category/year`` of an offer): ``{"table", "key", "change", "fields": {field: {"old", "new"}}}``."""
    out: list[RowChange] = []
    for table in TABLES:
        old, new = _rows(base, table), _rows(other, table)
        for key in sorted(set(old) | set(new)):
            a, b = old.get(key), new.get(key)
            if a == b:
                continue
            if a is None:
                assert b is not None
                out.append({"table": table, "key": key, "change": "added",
                            "fields": {f: {"old": None, "new": v} for f, v in b.items() if v not in (None, "")}})
            elif b is None:
                out.append({"table": table, "key": key, "change": "removed",
                            "fields": {f: {"old": v, "new": None} for f, v in a.items() if v not in (None, "")}})
            else:
                fields: dict[str, FieldChange] = {f: {"old": a.get(f), "new": b.get(f)}
                                                  for f in sorted(set(a) | set(b)) if a.get(f) != b.get(f)}
                out.append({"table": table, "key": key, "change": "changed", "fields": fields})
    return out


def scenario_diff(base: Scenario, other: Scenario, label: str = "") -> ChangeSet:
    """The parameter diff of ``other`` (named ``label``, default its name) against ``base``."""
    return {"scenario": label or other.name, "settings": settings_diff(base, other),
            "tables": table_diff(base, other)}
