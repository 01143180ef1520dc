"""Results as JSON text (canonical, UTF-8, no NaN). Files are written by :mod:`planner.io`, the one place that
writes; ``atomic_open``, ``write_text``, ``write_bytes`` and ``to_csv`` moved there and are re-exported here only
for code written before the move."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from planner.io import atomic_open, to_csv, write_bytes, write_text

__all__ = ["JsonObject", "atomic_open", "to_csv", "to_json", "write_bytes", "write_text"]

JsonObject = dict[str, Any]
"""A JSON object passed through whole, whose shape is therefore not declared here: a result as the CLI printed it,
parsed back (:attr:`planner.api.Result.data`; each journey declares its shape where it builds it, e.g.
:class:`planner.journeys.plan.PlanJson`), and a resolved scenario (:meth:`planner.scenario.load.Scenario.resolved_dict`)
as a plan folder holds it, hashed as it is for its digest and validated by the scenario schema where it is used."""


def _default(o: object) -> object:
    import datetime as dt

    if isinstance(o, dt.date):
        return o.isoformat()
    if isinstance(o, Path):
        return str(o)
    if hasattr(o, "value"):
        return o.value
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def _clean(o: Any) -> Any:
    if isinstance(o, float) and not math.isfinite(o):
        return None
    if isinstance(o, dict):
        return {k: _clean(v) for k, v in o.items()}
    if hasattr(o, "model_dump"):  # a pydantic record that declares its own JSON (planner.rules.quota.Quota)
        return _clean(o.model_dump(mode="json"))
    if isinstance(o, list | tuple):
        return [_clean(v) for v in o]
    return o


def to_json(data: Any) -> str:
    """Canonical JSON: keys in insertion order, UTF-8, no NaN/inf (they become null), ends with a newline."""
    return json.dumps(_clean(data), ensure_ascii=False, indent=2, default=_default, allow_nan=False) + "\n"
