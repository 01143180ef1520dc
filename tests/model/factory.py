"""Small scenarios built in memory, for hand-computed optima and property tests (no files involved)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.scenario.load import Scenario
from planner.scenario.schema import MunicipalityRow, OfferRow, ScenarioFile, SiteRow


@dataclass
class Town:
    """A municipality with official tasks (regular, AMV) and optional offers (same every year)."""

    code: str
    regular: int
    amv: int = 0
    offer_regular: int | None = None
    offer_amv: int | None = None
    stedelijkheid: int | None = 4
    province: str = "Testland"


@dataclass
class Spec:
    towns: list[Town]
    sites: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)


def make_scenario(spec: Spec) -> Scenario:
    base: dict[str, Any] = {
        "scenario": {"name": "test"},
        "cycle": {
            "start": dt.date(2025, 1, 1),
            "end": dt.date(2026, 12, 31),
            "national_need": 96000,
            "national_amv_need": 8140,
        },
        "spuk": {"in_model": False},
    }
    for key, value in spec.settings.items():
        base.setdefault(key, {}).update(value)
    settings = ScenarioFile.model_validate(base)
    munis = tuple(
        MunicipalityRow(
            code=t.code,
            name=f"Town {t.code[-2:]}",
            province=t.province,
            population=10000,
            population_date=dt.date(2023, 1, 1),
            stedelijkheid=t.stedelijkheid,
            task_regular=t.regular,
            task_amv=t.amv,
            ukraine_target=0,
        )
        for t in spec.towns
    )
    offers = []
    for t in spec.towns:
        for year in (2025, 2026):
            if t.offer_regular is not None:
                offers.append(OfferRow(code=t.code, category="regular", year=year, places=t.offer_regular))
            if t.offer_amv is not None:
                offers.append(OfferRow(code=t.code, category="amv", year=year, places=t.offer_amv))
    sites = tuple(SiteRow.model_validate(s) for s in spec.sites)
    return Scenario(
        path=Path("memory"), settings=settings, municipalities=munis, offers=tuple(offers), sites=sites, transfers=()
    )


def site(
    id: str,
    code: str,
    places: int,
    category: str = "regular",
    status: str = "existing",
    min_places: int | None = None,
    until: dt.date | None = None,
) -> dict[str, Any]:
    return {
        "id": id,
        "code": code,
        "category": category,
        "places": places,
        "status": status,
        "min_places": min_places,
        "available_until": until,
    }
