"""Apply a what-if's ``[changes]`` to the inherited tables.

Each change names what it changes by id or CBS code; a change that names something unknown is an error with its
place in the TOML file (file, line and ``changes.sites[2].id``), never silently skipped. Rows a change adds or
rewrites are recorded with that place too, so later checks point at the what-if, not at the original table.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from pydantic import ValidationError

from planner.scenario.load import Loc, Locate, Scenario, row_key
from planner.scenario.problems import Msg, Problems, pydantic_msg
from planner.scenario.schema import OfferRow, SiteRow, SiteStatus
from planner.scenario.tables import field_named_in


def apply_changes(scenario: Scenario, problems: Problems, locate: Locate) -> Scenario:
    """The scenario with its ``[changes]`` applied in order: sites, add_sites, offers, transfers.

    ``locate`` maps a place in the TOML data to its file and line (see :meth:`planner.scenario.load._Loader.locate`).
    """
    changes = scenario.settings.changes
    if not (changes.sites or changes.add_sites or changes.offers or changes.transfers):
        return scenario
    origin = dict(scenario.row_origin)

    def error(loc: Loc, message: Msg, code: str = "invalid") -> None:
        file, line = locate(loc)
        name = f"changes.{loc[1]}[{loc[2]}]" + "".join(f".{p}" for p in loc[3:])
        problems.error(file, line, name, message, code=code)

    def record(table: str, key: str, loc: Loc) -> None:
        file, line = locate(loc)
        origin[(table, key)] = (file, line or 0)

    sites: dict[str, SiteRow] = {s.id: s for s in scenario.sites}
    closed: list[SiteRow] = []
    order = [s.id for s in scenario.sites]

    for i, ch in enumerate(changes.sites):
        site = sites.get(ch.id)
        if site is None:
            if not scenario.is_rejected("sites", ch.id):  # else its row's own errors say it all
                error(("changes", "sites", i, "id"), Msg.of("change_no_site", site=ch.id), code="unknown-site")
            continue
        if ch.close:
            closed.append(sites.pop(ch.id))
            order.remove(ch.id)
            continue
        update: dict[str, int | dt.date | SiteStatus | None] = {}
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
                msg = str(err["msg"]).removeprefix("Value error, ")
                named = field_named_in(msg, list(update), {})
                error(("changes", "sites", i, *([named] if named else [])),
                      Msg.of("change_site_invalid", site=ch.id, problem=pydantic_msg(err, named or str(err["loc"][-1])
                                                                                     if err["loc"] else "")))

    for i, new in enumerate(changes.add_sites):
        if new.id in sites:
            error(("changes", "add_sites", i, "id"), Msg.of("change_site_exists", site=new.id), code="duplicate")
            continue
        sites[new.id] = new
        order.append(new.id)
        record("sites", new.id, ("changes", "add_sites", i))

    offers: dict[tuple[str, str, int], OfferRow] = {(o.code, o.category.value, o.year): o for o in scenario.offers}
    years = range(scenario.settings.cycle.start.year, scenario.settings.cycle.end.year + 1)
    known = {m.code for m in scenario.municipalities}
    for i, oc in enumerate(changes.offers):
        if oc.code not in known:
            if not scenario.is_rejected("municipalities", oc.code):
                error(("changes", "offers", i, "code"), Msg.of("unknown_code", code=oc.code), code="unknown-code")
            continue
        for year in [oc.year] if oc.year is not None else list(years):
            slot = (oc.code, oc.category.value, year)
            if oc.places is None:
                offers.pop(slot, None)
            else:
                offers[slot] = OfferRow(code=oc.code, category=oc.category, year=year, places=oc.places,
                                        remarks=oc.reason)
                record("offers", row_key("offers", offers[slot]), ("changes", "offers", i))

    for i, t in enumerate(changes.transfers):
        record("transfers", row_key("transfers", t), ("changes", "transfers", i))
        origin.setdefault(("transfers", t.from_code), origin[("transfers", row_key("transfers", t))])

    return dataclasses.replace(
        scenario,
        sites=tuple(sites[i] for i in order),
        offers=tuple(offers.values()),
        transfers=(*scenario.transfers, *changes.transfers),
        row_origin=origin,
        closed_sites=(*scenario.closed_sites, *closed),
    )
