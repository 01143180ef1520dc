"""The JSON of ``planner check-duty`` (:meth:`planner.journeys.duty.DutyResult.as_dict`), its shape declared.

Each record lists the fields of its dataclass in :mod:`planner.journeys.duty` in their order, then the derived ones
(``counted``, ``used``, ``delta``, …), so the keys come out in the order the CLI has always printed them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypedDict

if TYPE_CHECKING:
    from planner.journeys.duty import DutyResult


class EditJson(TypedDict):
    change: Literal["resized", "added", "offer"]
    code: str
    category: str
    places: int
    site: str | None
    old_places: int | None


class OwnDutyJson(TypedDict):
    """The own duty for one task and period (places); ``limit`` is the stated offer."""

    category: str
    period: str
    task: int
    capacity: int
    limit: int | None
    transfer: int
    counted: int
    surplus: int
    met: bool
    shortfall: int
    above_offer: int
    planned: int | None
    base_planned: int | None


class ProvinceCheckJson(TypedDict):
    category: str
    period: str
    task: int
    planned: int | None
    most_possible: int
    closes: bool | None
    short_by: int


class SiteUseJson(TypedDict):
    site: str
    name: str
    category: str
    status: str
    period: str
    places: int | None
    base_places: int | None
    edited: bool
    used: bool
    dropped: bool


class ShiftJson(TypedDict):
    code: str
    name: str
    category: str
    period: str
    base: int
    planned: int
    limit: int | None
    task: int
    delta: int


class SpukShiftJson(TypedDict):
    code: str
    name: str
    base: int | None
    total: int
    delta: int | None


class SpukDeltaJson(TypedDict):
    """SPUK euros of the base and the changed plan (None without a plan)."""

    base_total: int | None
    total: int | None
    delta: int | None
    municipalities: list[SpukShiftJson]


class MunicipalityJson(TypedDict):
    code: str
    name: str
    province: str


class BaseRunJson(TypedDict):
    status: str
    plan: bool


class ChangedRunJson(TypedDict):
    status: str
    plan: bool
    digest: str


class DutyJson(TypedDict):
    """``planner check-duty --format json``; ``sentence`` is the first of ``sentences``."""

    scenario: str
    language: str
    municipality: MunicipalityJson
    province_name: str
    edits: list[EditJson]
    categories_checked: list[str]
    base: BaseRunJson
    changed: ChangedRunJson
    duty: list[OwnDutyJson]
    duty_met: bool
    province: list[ProvinceCheckJson]
    province_closes: bool | None
    province_short_by: int
    sites: list[SiteUseJson]
    others: list[ShiftJson]
    spuk: SpukDeltaJson
    sentence: str
    sentences: list[str]


def duty_json(r: DutyResult, language: str, sentences: list[str]) -> DutyJson:
    """The JSON answer of ``r`` with its ``sentences`` (in ``language``)."""
    return {
        "scenario": r.scenario,
        "language": language,
        "municipality": {"code": r.code, "name": r.name, "province": r.province},
        "province_name": r.province,
        "edits": [{"change": e.change, "code": e.code, "category": e.category, "places": e.places, "site": e.site,
                   "old_places": e.old_places} for e in r.edits],
        "categories_checked": list(r.categories_checked),
        "base": {"status": r.base_status, "plan": r.base_has_plan},
        "changed": {"status": r.changed_status, "plan": r.has_plan, "digest": r.changed_digest},
        "duty": [{"category": d.category, "period": d.period, "task": d.task, "capacity": d.capacity,
                  "limit": d.offer, "transfer": d.transfer, "counted": d.counted, "surplus": d.surplus,
                  "met": d.met, "shortfall": d.shortfall, "above_offer": d.above_offer, "planned": d.planned,
                  "base_planned": d.base_planned} for d in r.own],
        "duty_met": r.duty_met,
        "province": [{"category": p.category, "period": p.period, "task": p.task, "planned": p.planned,
                      "most_possible": p.most_possible, "closes": p.closes, "short_by": p.short_by}
                     for p in r.provinces],
        "province_closes": r.province_closes,
        "province_short_by": r.province_short_by,
        "sites": [{"site": s.site, "name": s.name, "category": s.category, "status": s.status, "period": s.period,
                   "places": s.places, "base_places": s.base_places, "edited": s.edited, "used": s.used,
                   "dropped": s.dropped} for s in r.sites],
        "others": [{"code": o.code, "name": o.name, "category": o.category, "period": o.period, "base": o.base,
                    "planned": o.planned, "limit": o.limit, "task": o.task, "delta": o.delta} for o in r.others],
        "spuk": {"base_total": r.spuk_base_total, "total": r.spuk_total, "delta": r.spuk_delta,
                 "municipalities": [{"code": m.code, "name": m.name, "base": m.base, "total": m.total,
                                     "delta": m.delta} for m in r.spuk_municipalities]},
        "sentence": sentences[0],
        "sentences": sentences,
    }
