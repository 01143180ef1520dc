"""Apply a what-if's ``[changes]`` to the inherited tables.

Each change names what it changes by id or CBS code; a change that names something unknown is an error with its
place in the TOML file (``changes.sites[2].id``), never silently skipped.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pydantic import ValidationError

from planner.scenario.load import Scenario
from planner.scenario.problems import Problems
from planner.scenario.schema import OfferRow, SiteRow


def apply_changes(scenario: Scenario, problems: Problems, file: str, add_sites_from: list[str]) -> Scenario:
    changes = scenario.settings.changes
    if not (changes.sites or changes.add_sites or changes.offers or changes.transfers):
        return scenario
    sites: dict[str, SiteRow] = {s.id: s for s in scenario.sites}
    order = [s.id for s in scenario.sites]

    for i, ch in enumerate(changes.sites):
        where = f"changes.sites[{i}]"
        site = sites.get(ch.id)
        if site is None:
            problems.error(file, None, f"{where}.id", f"no site with id '{ch.id}'", code="unknown-site")
            continue
        if ch.close:
            del sites[ch.id]
            order.remove(ch.id)
            continue
        update: dict[str, Any] = {}
        for key in ("places", "min_places", "available_from", "available_until", "status"):
            value = getattr(ch, key)
            if value is not None:
                update[key] = value
        if ch.open_ended:
            update["available_until"] = None
        try:
            sites[ch.id] = SiteRow.model_validate({**site.model_dump(), **update})
        except ValidationError as exc:
            for err in exc.errors():
                problems.error(file, None, where, err["msg"].removeprefix("Value error, "))

    for i, new in enumerate(changes.add_sites):
        src = add_sites_from[i] if i < len(add_sites_from) else file
        if new.id in sites:
            problems.error(src, None, f"changes.add_sites[{i}].id", f"a site with id '{new.id}' exists already",
                           code="duplicate")
            continue
        sites[new.id] = new
        order.append(new.id)

    offers: dict[tuple[str, str, int], OfferRow] = {(o.code, o.category.value, o.year): o for o in scenario.offers}
    years = range(scenario.settings.cycle.start.year, scenario.settings.cycle.end.year + 1)
    known = {m.code for m in scenario.municipalities}
    for i, oc in enumerate(changes.offers):
        if oc.code not in known:
            problems.error(file, None, f"changes.offers[{i}].code", f"unknown municipality code {oc.code}",
                           code="unknown-code")
            continue
        for year in [oc.year] if oc.year is not None else list(years):
            key = (oc.code, oc.category.value, year)
            if oc.places is None:
                offers.pop(key, None)
            else:
                offers[key] = OfferRow(code=oc.code, category=oc.category, year=year, places=oc.places,
                                       remarks=oc.reason)

    return dataclasses.replace(
        scenario,
        sites=tuple(sites[i] for i in order),
        offers=tuple(offers.values()),
        transfers=(*scenario.transfers, *changes.transfers),
    )
