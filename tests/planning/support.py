"""Small helpers to vary the bundled Drenthe scenario in tests (real scenario objects, no mocks)."""

from __future__ import annotations

import dataclasses
from typing import Any

from planner.scenario.load import Scenario, require_scenario
from planner.scenario.schema import SiteRow, TransferRow


def drenthe() -> Scenario:
    scenario, _ = require_scenario()
    return scenario


def with_settings(scenario: Scenario, section: str, **values: Any) -> Scenario:
    """The scenario with ``settings.<section>`` fields replaced (e.g. ``rules``, count_emergency=False)."""
    part = getattr(scenario.settings, section).model_copy(update=values)
    return dataclasses.replace(scenario, settings=scenario.settings.model_copy(update={section: part}))


def with_sites(scenario: Scenario, **changes: dict[str, Any]) -> Scenario:
    """The scenario with some sites' fields replaced, by site id."""
    sites = tuple(s.model_copy(update=changes[s.id]) if s.id in changes else s for s in scenario.sites)
    return dataclasses.replace(scenario, sites=sites)


def add_sites(scenario: Scenario, *rows: dict[str, Any]) -> Scenario:
    return dataclasses.replace(scenario, sites=(*scenario.sites, *(SiteRow(**r) for r in rows)))


def add_transfers(scenario: Scenario, *rows: dict[str, Any]) -> Scenario:
    return dataclasses.replace(scenario, transfers=(*scenario.transfers, *(TransferRow(**r) for r in rows)))
