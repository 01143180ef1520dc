"""A what-if as the steering table builds it: a list of edits, each one item of a what-if file.

An edit is exactly what a what-if file holds: one ``[[changes.sites]]`` / ``[[changes.add_sites]]`` /
``[[changes.offers]]`` / ``[[changes.transfers]]`` item, or settings by dotted key (``cycle.national_need``,
``rules.count_emergency``). :class:`Draft` joins them into the ``[changes]`` table and settings that
:meth:`planner.api.Scenario.with_changes` applies, and into the TOML text the CLI reads — the same data both ways,
so the page and the saved file give the same scenario digest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.outcome import InputError
from planner.scenario.schema import OfferChange, Rules, SiteChange, SiteRow, TransferRow
from planner.scenario.toml_text import RawTable, RawValue

KINDS = ("close", "resize", "redate", "add_site", "offer", "rule", "need", "transfer")
"""The edits the page offers, in the order of the editor."""

TABLE_OF = {"close": "sites", "resize": "sites", "redate": "sites", "add_site": "add_sites", "offer": "offers",
            "transfer": "transfers"}
MODEL_OF: dict[str, type[BaseModel]] = {"sites": SiteChange, "add_sites": SiteRow, "offers": OfferChange,
                                        "transfers": TransferRow}
MAX_TEXT = 200
"""Longest free text (names, reasons) an edit takes."""


class EditError(InputError):
    """A form value that does not make an edit: the message names the field."""


def rule_choices() -> dict[str, tuple[str, ...]]:
    """The counting rules the editor can change, with their values: every yes/no and choice field of ``[rules]``
    (read from the schema, so a new rule appears here by itself)."""
    out: dict[str, tuple[str, ...]] = {}
    for key, info in Rules.model_fields.items():
        ann = info.annotation
        if ann is bool:
            out[key] = ("true", "false")
        elif isinstance(ann, type) and issubclass(ann, enum.Enum):
            out[key] = tuple(str(m.value) for m in ann)
        elif typing.get_origin(ann) is typing.Literal and len(typing.get_args(ann)) > 1:
            out[key] = tuple(str(a) for a in typing.get_args(ann))
    return out


@dataclasses.dataclass(frozen=True)
class Edit:
    """One edit: ``item`` for the what-if table ``table`` (None for a settings edit), or ``settings`` by dotted key."""

    kind: str
    table: str | None = None
    item: Mapping[str, RawValue] = dataclasses.field(default_factory=dict)
    settings: Mapping[str, RawValue] = dataclasses.field(default_factory=dict)


def _text(form: Mapping[str, str], key: str, required: bool = True) -> str | None:
    value = (form.get(key) or "").strip()
    if not value:
        if required:
            raise EditError(f"{key}: required")
        return None
    if len(value) > MAX_TEXT:
        raise EditError(f"{key}: at most {MAX_TEXT} characters")
    return value


def _int(form: Mapping[str, str], key: str, required: bool = True) -> int | None:
    value = _text(form, key, required)
    if value is None:
        return None
    try:
        return int(value.replace(".", "").replace(" ", ""))  # Dutch thousands: 102.000
    except ValueError:
        raise EditError(f"{key}: '{value}' is not a whole number") from None


def _date(form: Mapping[str, str], key: str) -> dt.date | None:
    value = _text(form, key, required=False)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise EditError(f"{key}: '{value}' is not a date (YYYY-MM-DD)") from None


def _validated(table: str, item: RawTable) -> RawTable:
    """``item`` checked by the model of its what-if table; the fields as a what-if file writes them."""
    try:
        MODEL_OF[table].model_validate(item)
    except ValidationError as exc:
        raise EditError("; ".join(f"{'.'.join(str(p) for p in e['loc']) or table}: "
                                  f"{str(e['msg']).removeprefix('Value error, ')}" for e in exc.errors())) from None
    return {k: v for k, v in item.items() if v is not None}


def parse_edit(kind: str, form: Mapping[str, str]) -> Edit:
    """The edit a form asks for; :class:`EditError` names the first field that is wrong."""
    reason = _text(form, "reason", required=False) or ""
    if kind in ("close", "resize", "redate"):
        item: RawTable = {"id": _text(form, "site")}
        if kind == "close":
            item["close"] = True
        elif kind == "resize":
            item["places"] = _int(form, "places")
        else:
            item["available_from"] = _date(form, "available_from")
            if form.get("open_ended"):
                item["open_ended"] = True
            else:
                item["available_until"] = _date(form, "available_until")
            if item.get("available_from") is None and item.get("available_until") is None and "open_ended" not in item:
                raise EditError("available_until: give a new start, a new end or no end")
        item["reason"] = reason
        return Edit(kind, "sites", _validated("sites", item))
    if kind == "add_site":
        item = {"id": _text(form, "id"), "code": _text(form, "code"), "name": _text(form, "name", False) or "",
                "category": _text(form, "category"), "places": _int(form, "places"),
                "available_from": _date(form, "available_from"), "available_until": _date(form, "available_until"),
                "status": _text(form, "status", False) or "candidate", "remarks": reason}
        return Edit(kind, "add_sites", _validated("add_sites", item))
    if kind == "offer":
        item = {"code": _text(form, "code"), "category": _text(form, "category"), "year": _int(form, "year", False),
                "places": _int(form, "places", False), "reason": reason}
        return Edit(kind, "offers", _validated("offers", item))
    if kind == "transfer":
        item = {"from_code": _text(form, "from_code"), "to_code": _text(form, "to_code"),
                "category": _text(form, "category"), "places": _int(form, "places"),
                "year": _int(form, "year", False), "remarks": reason}
        return Edit(kind, "transfers", _validated("transfers", item))
    if kind == "rule":
        choices = rule_choices()
        rule = _text(form, "rule") or ""
        value = _text(form, "value") or ""
        if rule not in choices:
            raise EditError(f"rule: '{rule}' is not a counting rule; choose one of {', '.join(choices)}")
        if value not in choices[rule]:
            raise EditError(f"value: '{value}' is not a value of {rule}; choose one of {', '.join(choices[rule])}")
        typed: Any = {"true": True, "false": False}.get(value, value) if choices[rule] == ("true", "false") else value
        return Edit(kind, settings={f"rules.{rule}": typed})
    if kind == "need":
        settings: RawTable = {"cycle.national_need": _int(form, "national_need")}
        amv = _int(form, "national_amv_need", required=False)
        if amv is not None:
            settings["cycle.national_amv_need"] = amv
        if form.get("by_key"):
            settings["rules.use_official_tasks"] = False  # the official tasks belong to the old need
        return Edit(kind, settings=settings)
    raise EditError(f"kind: '{kind}' is not an edit; choose one of {', '.join(KINDS)}")


def _nest(dotted: Mapping[str, RawValue]) -> RawTable:
    out: RawTable = {}
    for key, value in dotted.items():
        *parents, last = key.split(".")
        node = out
        for p in parents:
            child = node.get(p)
            if not isinstance(child, dict):
                child = node[p] = {}
            node = child
        node[last] = value
    return out


@dataclasses.dataclass(frozen=True)
class Draft:
    """A what-if being built: its name and description, and its edits in order."""

    name: str
    description: str = ""
    edits: tuple[Edit, ...] = ()

    def changes(self) -> dict[str, list[RawTable]]:
        """The ``[changes]`` table: per what-if table its items, in the order they were added."""
        out: dict[str, list[RawTable]] = {}
        for e in self.edits:
            if e.table is not None:
                out.setdefault(e.table, []).append(dict(e.item))
        return out

    def settings(self) -> RawTable:
        """The settings by dotted key (a later edit of the same key wins, as in a file written twice)."""
        out: RawTable = {}
        for e in self.edits:
            out.update(e.settings)
        return out

    def toml_text(self, extends: str, base_name: str) -> str:
        """The what-if file: ``[scenario]`` extending ``extends``, the settings, then ``[changes]``."""
        import tomli_w

        meta: RawTable = {"extends": extends, "name": self.name}
        if self.description:
            meta["description"] = self.description
        head = f"# What-if of {' '.join(base_name.split())}, saved by 'planner serve'.\n"
        parts = [head + tomli_w.dumps({"scenario": meta, **_nest(self.settings())})]
        for table, items in self.changes().items():  # as the bundled what-ifs write them: [[changes.sites]]
            for item in items:
                parts.append(f"[[changes.{table}]]\n" + tomli_w.dumps(item))
        return "\n".join(parts)


def with_edit(draft: Draft, edit: Edit) -> Draft:
    return dataclasses.replace(draft, edits=(*draft.edits, edit))


def without_edit(draft: Draft, index: int) -> Draft:
    return dataclasses.replace(draft, edits=tuple(e for i, e in enumerate(draft.edits) if i != index))


def item_text(item: Mapping[str, Any]) -> str:
    """An edit's fields as one line (``id = ASN-AZC, available_until = 2026-06-30``), for the change list."""
    return ", ".join(f"{k} = {v.isoformat() if isinstance(v, dt.date) else v}" for k, v in item.items()
                     if v not in ("", None))


def edit_lines(edits: Sequence[Edit]) -> list[tuple[str, str]]:
    """Per edit its place in the file (``changes.sites``, ``settings``) and its fields as text."""
    return [(f"changes.{e.table}" if e.table else "settings", item_text(e.item if e.table else e.settings))
            for e in edits]
