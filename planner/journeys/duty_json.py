"""The JSON of ``planner check-duty`` (:meth:`planner.journeys.duty.DutyResult.as_dict`), its shape declared.

The records (an edit, the own duty per task and period, the province's closure, a site's use, another
municipality's shift, a SPUK change) are declared once, as the pydantic models of :mod:`planner.journeys.duty`: each
is written as its ``model_dump`` (fields in order, then the derived ones such as ``counted``, ``used``, ``delta``),
so the keys come out in the order the CLI has always printed them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from planner.journeys.duty import DutyResult

RecordJson = dict[str, int | str | bool | None]
"""One record as JSON: the ``model_dump`` of a :class:`planner.journeys.duty.Record`."""


class SpukDeltaJson(TypedDict):
    """SPUK euros of the base and the changed plan (None without a plan)."""

    base_total: int | None
    total: int | None
    delta: int | None
    municipalities: list[RecordJson]
    """:class:`planner.journeys.duty.SpukShift` records."""


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
    """``planner check-duty --format json``; ``sentence`` is the first of ``sentences``. ``edits``, ``duty``,
    ``province``, ``sites`` and ``others`` are records of :class:`~planner.journeys.duty.Edit`,
    :class:`~planner.journeys.duty.OwnDuty`, :class:`~planner.journeys.duty.ProvinceCheck`,
    :class:`~planner.journeys.duty.SiteUse` and :class:`~planner.journeys.duty.Shift`."""

    scenario: str
    language: str
    municipality: MunicipalityJson
    province_name: str
    edits: list[RecordJson]
    categories_checked: list[str]
    base: BaseRunJson
    changed: ChangedRunJson
    duty: list[RecordJson]
    duty_met: bool
    province: list[RecordJson]
    province_closes: bool | None
    province_short_by: int
    sites: list[RecordJson]
    others: list[RecordJson]
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
        "edits": [e.model_dump() for e in r.edits],
        "categories_checked": list(r.categories_checked),
        "base": {"status": r.base_status, "plan": r.base_has_plan},
        "changed": {"status": r.changed_status, "plan": r.has_plan, "digest": r.changed_digest},
        "duty": [d.model_dump() for d in r.own],
        "duty_met": r.duty_met,
        "province": [p.model_dump() for p in r.provinces],
        "province_closes": r.province_closes,
        "province_short_by": r.province_short_by,
        "sites": [s.model_dump() for s in r.sites],
        "others": [o.model_dump() for o in r.others],
        "spuk": {"base_total": r.spuk_base_total, "total": r.spuk_total, "delta": r.spuk_delta,
                 "municipalities": [m.model_dump() for m in r.spuk_municipalities]},
        "sentence": sentences[0],
        "sentences": sentences,
    }
