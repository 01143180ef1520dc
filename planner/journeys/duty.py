"""The duty check: does a municipality still meet its own task if one of its sites is resized or a site is added?

Two separate answers (issue 11, "the municipality's duty"):

1. **The municipality's own duty**, decided without any plan from the planning data of the changed scenario: per task
   and period, what its own sites can count (counting rules, dates), up to its stated offer, plus recorded
   transfers, against its task — ``met`` with the places to spare, or short by how many. This decides ``duty_met``
   and the exit code. The tasks are the planning data's checks (``rules.counting``): regular and AMV (separate), or
   the total task with the AMV task as a sub-check (total: regular and AMV places together, each part up to its own
   offer).
2. **The province**: both scenarios are planned; whether the province still closes (and by how much it falls short
   when it does not), who takes how much more within their offers, which of the municipality's sites the plan uses
   or opens, and what it does to the SPUK euros.

The change is a what-if built with the scenario's own ``[changes]`` mechanism (:mod:`planner.scenario.changes`):
``--site``/``--places`` is a ``changes.sites`` entry, ``--add-site`` a ``changes.add_sites`` row and ``--offer`` a
``changes.offers`` entry. An added site never raises the offer by itself: without ``--offer`` the answer says where
the sites can hold more than the offer lets count. Words and sentences are made in :mod:`planner.report`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    computed_field,
    model_serializer,
)

from planner.journeys.plan import PlanRun, SolveSettings, plan_scenario
from planner.model.plan import MunicipalityRow, province_task_figures, task_figures
from planner.outcome import PlannerError
from planner.planning import PARTS, TASKS, PlanningData
from planner.rules.counting import Period
from planner.scenario.load import Scenario
from planner.scenario.problems import Msg, Problems, ScenarioError, pydantic_msg
from planner.scenario.schema import Changes, OfferChange, SiteChange, SiteRow

if TYPE_CHECKING:
    from planner.journeys.duty_json import DutyJson

ADD_SITE_KEYS = {"from": "available_from", "until": "available_until", "min": "min_places"}


class DutyError(PlannerError):
    """A request the duty check cannot answer (unknown municipality or site, a bad --add-site)."""


def _its_sites(ids: Sequence[str]) -> Msg:
    """The hint naming a municipality's own sites (or that it has none)."""
    return Msg.of("duty_its_sites", ids=", ".join(ids)) if ids else Msg.of("duty_no_own_sites")


def task_of(category: str) -> str:
    """The task a site category counts toward for the duty check's edits: ``amv`` or ``regular``."""
    return "amv" if category == "amv" else "regular"


def checks_of(data: PlanningData, task: str) -> tuple[str, ...]:
    """The checks (:attr:`PlanningData.checks`) a task's places count toward: under ``rules.counting = total`` a
    regular place counts toward the total task, an AMV place toward the total and the AMV sub-task."""
    if data.checks[0] == "regular" or task == "total":
        return (task,)
    return ("total", "amv") if task == "amv" else ("total",)


# ---------------------------------------------------------------------------------------------------------------
# The typed answer


class Record(BaseModel):
    """A part of the check-duty answer, declared once: its ``model_dump`` (by alias, fields in order, then the
    derived ones) is its JSON record (:func:`planner.journeys.duty_json.duty_json`)."""

    model_config = ConfigDict(frozen=True, serialize_by_alias=True)


class Edit(Record):
    """One change the check made: a site resized or added, or the offer set."""

    change: Literal["resized", "added", "offer"]
    code: str
    category: str
    places: int
    site: str | None = None
    old_places: int | None = None


PLAN_KEYS = ("planned", "base_planned")


class OwnDuty(Record):
    """The municipality's own duty for one task and period, from its own sites, offer and transfers (no plan)."""

    category: str
    period: str
    task: int
    capacity: int
    """Places its sites for this task can count in the period (counting rules, dates)."""
    offer: int | None = Field(serialization_alias="limit")
    """Its stated offer for the period's year (None: no limit stated); ``limit`` in the JSON."""
    transfer: int
    """Net places transferred to (+) or from (−) it (uitruil)."""
    planned: int | None = None
    """What the plan of the changed scenario gives it (None without a plan)."""
    base_planned: int | None = None
    parts: tuple[OwnDuty, ...] = Field((), exclude=True)
    """For the ``total`` task: the regular and AMV duties it adds up (each part counts up to its own offer)."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def counted(self) -> int:
        if self.parts:
            return sum(p.counted for p in self.parts)
        return (self.capacity if self.offer is None else min(self.capacity, self.offer)) + self.transfer

    @computed_field  # type: ignore[prop-decorator]
    @property
    def surplus(self) -> int:
        """Places to spare (≥ 0) or missing (< 0) against the task."""
        return self.counted - self.task

    @computed_field  # type: ignore[prop-decorator]
    @property
    def met(self) -> bool:
        return self.surplus >= 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def shortfall(self) -> int:
        return max(0, -self.surplus)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def above_offer(self) -> int:
        """Places its sites can hold beyond the offer (they do not count unless the offer is raised)."""
        if self.parts:
            return sum(p.above_offer for p in self.parts)
        return 0 if self.offer is None else max(0, self.capacity - self.offer)

    @model_serializer(mode="wrap")
    def _plan_last(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        """The own duty first, then what the plans give (:data:`PLAN_KEYS`), as the JSON has always listed them."""
        out: dict[str, object] = handler(self)
        return {k: v for k, v in out.items() if k not in PLAN_KEYS} | {k: out[k] for k in PLAN_KEYS if k in out}


class ProvinceCheck(Record):
    """Does the province close for one task and period? With a plan from the plan; without one, from the most the
    sites and offers allow (a bound): ``closes`` is False when even that is below the task, None when undecided."""

    category: str
    period: str
    task: int
    planned: int | None
    most_possible: int
    closes: bool | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def short_by(self) -> int:
        """Places the province falls short (with a plan), or at least falls short (without one)."""
        got = self.most_possible if self.planned is None else self.planned
        return max(0, self.task - got)


class SiteUse(Record):
    """One of the municipality's sites in the plan of the changed scenario (and of the base) for a period."""

    site: str
    name: str
    category: str
    status: str
    period: str
    places: int | None
    base_places: int | None
    edited: bool

    @computed_field  # type: ignore[prop-decorator]
    @property
    def used(self) -> bool:
        return bool(self.places)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def dropped(self) -> bool:
        """Used in the base plan and not any more."""
        return bool(self.base_places) and not self.places


class Shift(Record):
    """Another municipality of the province that gets a different number of places than in the base plan."""

    code: str
    name: str
    category: str
    period: str
    base: int
    planned: int
    limit: int | None
    task: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def delta(self) -> int:
        return self.planned - self.base


class SpukShift(Record):
    code: str
    name: str
    base: int | None
    total: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def delta(self) -> int | None:
        return None if self.base is None else self.total - self.base


@dataclass(frozen=True)
class DutyResult:
    """The answer of :func:`check_duty` (see the module docstring); :meth:`as_dict` is the JSON the CLI prints."""

    scenario: str
    language: str
    code: str
    name: str
    province: str
    edits: tuple[Edit, ...]
    categories_checked: tuple[str, ...]
    own: tuple[OwnDuty, ...]
    base_status: str
    changed_status: str
    changed_digest: str
    has_plan: bool
    base_has_plan: bool
    provinces: tuple[ProvinceCheck, ...]
    sites: tuple[SiteUse, ...]
    others: tuple[Shift, ...]
    spuk_base_total: int | None
    spuk_total: int | None
    spuk_municipalities: tuple[SpukShift, ...]

    @property
    def duty_met(self) -> bool:
        """The own duty in every checked task and period: the answer the exit code follows."""
        return all(d.met for d in self.own if d.category in self.categories_checked)

    @property
    def province_closes(self) -> bool | None:
        """True/False from the plan; without a plan False when the sites cannot close it, else None (unknown)."""
        verdicts = [p.closes for p in self.provinces]
        if False in verdicts:
            return False
        return None if None in verdicts else True

    @property
    def province_short_by(self) -> int:
        return sum(p.short_by for p in self.provinces)

    @property
    def spuk_delta(self) -> int | None:
        if self.spuk_total is None or self.spuk_base_total is None:
            return None
        return self.spuk_total - self.spuk_base_total

    def as_dict(self, lang: str | None = None) -> DutyJson:
        """The JSON answer; its sentences in ``lang`` (default: the scenario's language)."""
        from planner.journeys.duty_json import duty_json
        from planner.report.answers import duty_sentences

        language = lang or self.language
        return duty_json(self, language, duty_sentences(self, language))


# ---------------------------------------------------------------------------------------------------------------
# The request


def resolve_municipality(scenario: Scenario, text: str) -> tuple[str, str]:
    """A CBS code or exact name (case-insensitive) → (code, name); otherwise a :class:`DutyError` with close
    matches."""
    wanted = text.strip()
    for m in scenario.municipalities:
        if m.code == wanted.upper() or m.name.casefold() == wanted.casefold():
            return m.code, m.name
    names = [m.name for m in scenario.municipalities]
    close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.5)
    close += [f"{m.name} ({m.code})" for m in scenario.municipalities
              if wanted.casefold() in m.name.casefold() and m.name not in close][:3]
    hint = Msg.of("duty_did_you_mean", names=", ".join(close)) if close else ""
    raise DutyError.of("duty_no_municipality", wanted=wanted, scenario=scenario.name, hint=hint)


def parse_add_site(spec: str, code: str) -> SiteRow:
    """``id=X,category=amv,places=40,from=2025-07-01,until=2030-06-30`` → a planned site in municipality ``code``
    (``name=``, ``min=`` and ``status=`` may be given too; the site always lies in ``code``)."""
    fields: dict[str, str | dt.date | None] = {"code": code, "status": "planned"}
    for part in spec.split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise DutyError.of("duty_not_key_value", spec=spec, part=part.strip())
        key, _, value = part.partition("=")
        key = ADD_SITE_KEYS.get(key.strip(), key.strip())
        fields[key] = value.strip() or None
    if fields["code"] != code:
        raise DutyError.of("duty_add_site_elsewhere", spec=spec, code=code, other=str(fields["code"]))
    for key in ("available_from", "available_until"):
        if isinstance(text := fields.get(key), str):
            try:
                fields[key] = dt.date.fromisoformat(text)
            except ValueError as exc:
                raise DutyError.of("duty_add_site_date", key=key, text=text) from exc
    fields.setdefault("name", str(fields.get("id") or ""))
    try:
        return SiteRow.model_validate(fields)
    except ValidationError as exc:
        said = [pydantic_msg(e, ".".join(str(p) for p in e["loc"]) or "site") for e in exc.errors()]
        problem = functools.reduce(lambda rest, first: Msg.of("duty_and_more", first=first, rest=rest),
                                   reversed(said[:-1]), said[-1])
        raise DutyError.of("duty_add_site_invalid", spec=spec, problem=problem) from None


def duty_changes(base: Scenario, code: str, site_id: str | None = None, places: int | None = None,
                 add_sites: Sequence[SiteRow] = (), offer: int | None = None) -> tuple[Changes, list[Edit]]:
    """The request as a what-if's ``[changes]`` (and the edits it makes, for the answer); a request about another
    municipality's site, an unknown site or an ambiguous ``--offer`` is a :class:`DutyError`."""
    site_changes: list[SiteChange] = []
    edits: list[Edit] = []
    if site_id is not None:
        if places is None:
            raise DutyError.of("duty_site_needs_places")
        old = next((s for s in base.sites if s.id == site_id), None)
        if old is None:
            ids = [s.id for s in base.sites if s.code == code]
            close = difflib.get_close_matches(site_id, [s.id for s in base.sites], n=3)
            hint = (Msg.of("duty_did_you_mean", names=", ".join(close)) if close else _its_sites(ids))
            raise DutyError.of("duty_no_site", site=site_id, hint=hint)
        if old.code != code:
            own = _its_sites([s.id for s in base.sites if s.code == code])
            raise DutyError.of("duty_site_elsewhere", site=site_id, other=old.code, code=code, hint=own)
        min_places = None if old.min_places is None else min(old.min_places, places)
        site_changes.append(SiteChange(id=site_id, places=places, min_places=min_places, reason="check-duty"))
        edits.append(Edit(change="resized", code=code, category=old.category.value, places=places, site=site_id,
                          old_places=old.places))
    elif places is not None:
        raise DutyError.of("duty_places_needs_site")
    for new in add_sites:
        if new.code != code:
            raise DutyError.of("duty_added_elsewhere", site=new.id, other=new.code, code=code)
        edits.append(Edit(change="added", code=code, category=new.category.value, places=new.places, site=new.id))
    offer_changes: list[OfferChange] = []
    if offer is not None:
        tasks = sorted({task_of(e.category) for e in edits}, key=TASKS.index)
        if len(tasks) != 1:
            if not tasks:
                raise DutyError.of("duty_offer_needs_site")
            raise DutyError.of("duty_offer_one_task")
        offer_changes.append(OfferChange.model_validate(
            {"code": code, "category": tasks[0], "places": offer, "reason": "check-duty --offer"}))
        edits.append(Edit(change="offer", code=code, category=tasks[0], places=offer))
    changes = Changes(sites=tuple(site_changes), add_sites=tuple(add_sites), offers=tuple(offer_changes))
    return changes, edits


def duty_scenario(base: Scenario, changes: Changes) -> Scenario:
    """The base with ``changes`` applied the way a what-if's ``[changes]`` are, and checked again."""
    from planner.scenario.changes import apply_changes
    from planner.scenario.checks import run_checks

    problems = Problems()
    asked = dataclasses.replace(base, settings=base.settings.model_copy(update={"changes": changes}))
    changed = apply_changes(asked, problems, lambda loc: ("check-duty", None))
    run_checks(changed, problems)
    if problems.has_errors():
        raise ScenarioError(problems, "the changed scenario has errors; nothing was computed")
    return changed


# ---------------------------------------------------------------------------------------------------------------
# The answer


def own_duty(data: PlanningData, code: str) -> list[OwnDuty]:
    """Per checked task (:attr:`PlanningData.checks`) and period what the municipality's own sites, offer and
    transfers give against its task; the ``total`` task adds up its regular and AMV parts."""
    mu = data.munis[code]

    def one(k: str, p: Period) -> OwnDuty:
        return OwnDuty(category=k, period=p.name, task=mu.task[k], capacity=data.capacity(code, k, p.name),
                       offer=data.offer(code, k, p.year), transfer=data.transfer(code, k, p.name))

    out = []
    for k in data.checks:
        for p in data.periods:
            if k in TASKS:
                out.append(one(k, p))
                continue
            parts = tuple(one(part, p) for part in PARTS[k])
            offers = [x.offer for x in parts]
            out.append(OwnDuty(category=k, period=p.name, task=mu.task[k], capacity=sum(x.capacity for x in parts),
                               offer=None if None in offers else sum(x.offer or 0 for x in parts),
                               transfer=sum(x.transfer for x in parts), parts=parts))
    return out


def province_checks(run: PlanRun, province: str) -> list[ProvinceCheck]:
    """Closure of ``province`` per task and period in ``run`` (see :class:`ProvinceCheck`)."""
    data = run.model.data
    planned = {}
    if run.plan is not None:
        for r in run.plan.province:
            if r["province"] == province:
                for k in data.checks:
                    planned[(k, r["period"])] = sum(province_task_figures(r, part).planned for part in PARTS[k])
    out = []
    for k in data.checks:
        task = data.province_task(province, k)
        for p in data.periods:
            most = sum(data.most_possible(c, k, p.name) + data.transfer(c, k, p.name) for c in data.codes_in(province))
            got = planned.get((k, p.name))
            closes = (got >= task) if got is not None else (False if most < task else None)
            out.append(ProvinceCheck(category=k, period=p.name, task=task, planned=got, most_possible=most,
                                     closes=closes))
    return out


def _planned(run: PlanRun) -> dict[tuple[str, str, str], MunicipalityRow]:
    out: dict[tuple[str, str, str], MunicipalityRow] = {}
    if run.plan is not None:
        for r in run.plan.municipalities:
            for k in TASKS:
                out[(r["code"], k, r["period"])] = r
    return out


def _site_uses(base_run: PlanRun, run: PlanRun, code: str, edits: Sequence[Edit]) -> list[SiteUse]:
    """The municipality's asylum sites per period with their places in both plans (None without a plan)."""
    def places(r: PlanRun) -> dict[tuple[str, str], int]:
        return {(s["id"], s["period"]): int(s["places"]) for s in r.plan.sites} if r.plan is not None else {}

    now, before = places(run), places(base_run)
    edited = {e.site for e in edits if e.site}
    data = run.model.data
    out = []
    for s in data.sites_of(code):
        if data.site_task[s.id] not in TASKS:
            continue
        for p in data.periods:
            out.append(SiteUse(site=s.id, name=s.name, category=s.category.value, status=s.status.value, period=p.name,
                               places=now.get((s.id, p.name)) if run.plan is not None else None,
                               base_places=before.get((s.id, p.name)) if base_run.plan is not None else None,
                               edited=s.id in edited))
    return out


def check_duty(
    base: Scenario,
    code: str,
    *,
    site_id: str | None = None,
    places: int | None = None,
    add_sites: Sequence[SiteRow] = (),
    offer: int | None = None,
    categories: Sequence[str] = (),
    settings: SolveSettings | None = None,
) -> DutyResult:
    """Answer for municipality ``code`` (see the module docstring).

    ``categories``: the tasks whose own duty decides ``duty_met`` (default: the tasks of the changed or added
    sites, or every checked task when nothing changes); under ``rules.counting = total`` ``regular`` means the
    total task and ``amv`` the total task and the AMV sub-task (:func:`checks_of`)."""
    if code not in {m.code for m in base.municipalities}:
        raise DutyError.of("duty_no_code", code=code)
    changes, edits = duty_changes(base, code, site_id, places, add_sites, offer)
    changed = duty_scenario(base, changes) if edits else base
    base_run = plan_scenario(base, settings)
    run = plan_scenario(changed, settings) if edits else base_run
    data = run.model.data
    name = next(m.name for m in base.municipalities if m.code == code)
    if code not in data.munis:
        raise DutyError.of("duty_outside_scope", name=name, code=code, scope=", ".join(base.settings.scope))
    muni = data.munis[code]
    asked = tuple(categories) or tuple(task_of(e.category) for e in edits)
    wanted = {k for task in asked for k in checks_of(data, task)}
    checked = tuple(k for k in data.checks if k in wanted) or data.checks
    before, after = _planned(base_run), _planned(run)

    def plan_value(rows: dict[tuple[str, str, str], MunicipalityRow], key: tuple[str, str, str]) -> int | None:
        row = rows.get((key[0], TASKS[0], key[2]))  # one row per municipality and period, under each task
        return None if row is None else sum(task_figures(row, part).planned for part in PARTS[key[1]])

    own = [d.model_copy(update={"planned": plan_value(after, (code, d.category, d.period)),
                                "base_planned": plan_value(before, (code, d.category, d.period))})
           for d in own_duty(data, code)]
    others = []
    for (c, k, p), r in after.items():
        b = before.get((c, k, p))
        if c == code or b is None or r["province"] != muni.province:
            continue
        now, was = task_figures(r, k), task_figures(b, k)
        if now.planned != was.planned:
            others.append(Shift(code=c, name=r["name"], category=k, period=p, base=was.planned, planned=now.planned,
                                limit=now.limit, task=now.task))
    spuk_rows: list[SpukShift] = []
    if run.spuk is not None:
        ref = {r.code: r.total for r in base_run.spuk.rows} if base_run.spuk is not None else {}
        spuk_rows = [SpukShift(code=r.code, name=r.name, base=ref.get(r.code), total=r.total) for r in run.spuk.rows]
    return DutyResult(
        scenario=base.name,
        language=base.settings.scenario.language,
        code=code,
        name=name,
        province=muni.province,
        edits=tuple(edits),
        categories_checked=checked,
        own=tuple(own),
        base_status=base_run.status,
        changed_status=run.status,
        changed_digest=changed.digest(),
        has_plan=run.plan is not None,
        base_has_plan=base_run.plan is not None,
        provinces=tuple(province_checks(run, muni.province)),
        sites=tuple(_site_uses(base_run, run, code, edits)),
        others=tuple(others),
        spuk_base_total=base_run.spuk.municipalities_total if base_run.spuk is not None else None,
        spuk_total=run.spuk.municipalities_total if run.spuk is not None else None,
        spuk_municipalities=tuple(spuk_rows),
    )
