"""Check a given allocation (places per municipality, category and period) against the scenario.

Per period, for every municipality and category: no more than its stated offer (aanbod) plus what a verdeelbesluit
imposes above it (the file's ``restopgave`` column), no more than its sites can hold in that period (the planning
data's places that can count: :class:`planner.planning.PlanningData`); per province (or, with national netting on
national data, for the country), category and period: the task is reached. Every violation is listed, none is skipped.
Minimum site sizes are not checked: an allocation says how many places, not which sites open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, TypedDict

from pydantic import Field, model_validator

from planner.planning import PARTS, TASKS, Key, PlanningData
from planner.planning.data import WhyNot
from planner.scenario.load import Scenario
from planner.scenario.problems import Msg, MsgError, Problems
from planner.scenario.schema import CBS_CODE, CategoryNamed, Strict
from planner.scenario.tables import read_table


class AllocationCategory(CategoryNamed):
    regular = "regular"
    amv = "amv"


class AllocationRow(Strict):
    """One row of an allocation file: places of one category for one municipality (in one period or year)."""

    code: Annotated[str, Field(pattern=CBS_CODE.pattern, description="CBS municipality code, e.g. GM0106.")]
    category: AllocationCategory = Field(description="regular or amv.")
    places: int = Field(ge=0, description="Allocated places.")
    period: str | None = Field(None, description="Period name (2025, 2025-H1, 2025-Q1); empty: see year.")
    year: int | None = Field(None, ge=2000, le=2100, description="Year; empty with no period: every period.")
    restopgave: int = Field(
        0, ge=0, description="Of these places, how many a verdeelbesluit imposes above the offer (restopgave share)."
    )
    remarks: str = ""

    @model_validator(mode="after")
    def _one_of(self) -> AllocationRow:
        if self.period is not None and self.year is not None:
            raise MsgError(Msg.of("alloc_period_and_year"))
        if self.restopgave > self.places:
            raise MsgError(Msg.of("alloc_restopgave_above", restopgave=self.restopgave, places=self.places))
        return self


NATIONAL_POOL = "Nederland"


def read_allocation(path: Path, data: PlanningData, problems: Problems) -> tuple[dict[Key, int], dict[Key, int]]:
    """The allocation in ``path`` per (code, category, period), and the places imposed above the offer (column
    ``restopgave``); every input problem is added to ``problems``."""
    table = read_table(path, AllocationRow, problems, root=path.parent)
    return allocation_of(zip(table.rows, table.lines, strict=True), data, problems, table.file, table.partial)


def allocation_of(rows: Iterable[tuple[AllocationRow, int]], data: PlanningData, problems: Problems,
                  shown: str, partial: Iterable[tuple[int, Mapping[str, str]]] = ()) -> tuple[dict[Key, int],
                                                                                           dict[Key, int]]:
    """The allocation per (code, category, period) of checked ``rows`` (each with its line in ``shown``), and the
    places imposed above the offer; a row without a period or year counts for every period (a year: its periods).
    Rows outside the scope, unknown periods and a key given twice are added to ``problems``, and so are those of
    the ``partial`` rows (a row left out for its own errors: its line and the cells that read cleanly)."""
    names = {p.name: p for p in data.periods}
    years = {p.year for p in data.periods}
    out: dict[Key, int] = {}
    imposed: dict[Key, int] = {}
    where: dict[Key, int] = {}

    def fits(line: int, code: str | None, period: str | None, year: int | None) -> bool:
        """Whether the row's code, period and year fit the scenario; every misfit is reported."""
        ok = True
        if code is not None and code not in data.munis:
            problems.error(shown, line, "code", Msg.of("alloc_not_in_scope", code=code))
            ok = False
        if period is not None and period not in names:
            problems.error(shown, line, "period", Msg.of("alloc_unknown_period", period=period,
                                                          periods=", ".join(names)))
            ok = False
        if year is not None and year not in years:
            problems.error(shown, line, "year", Msg.of("alloc_year_outside", year=str(year),
                                                        first=str(min(years)), last=str(max(years))))
            ok = False
        return ok

    for line, cells in partial:  # a row left out for its own errors: say what else is wrong with it
        year = cells.get("year")
        fits(line, cells.get("code"), cells.get("period"), int(year) if year and year.isdigit() else None)
    for row, line in rows:
        if not fits(line, row.code, row.period, row.year):
            continue
        if row.period is not None:
            targets = [row.period]
        else:
            targets = [p.name for p in data.periods if row.year is None or p.year == row.year]
        for pname in targets:
            key = (row.code, row.category.value, pname)
            if key in where:
                problems.error(
                    shown, line, "code",
                    Msg.of("alloc_twice", code=row.code, category=row.category.value, period=pname,
                           first=where[key]),
                    code="duplicate",
                )
                continue
            where[key] = line
            out[key] = row.places
            if row.restopgave:
                imposed[key] = row.restopgave
    return out, imposed


class _Where(TypedDict):
    code: str
    name: str
    province: str
    category: str
    period: str


class AllocatedRow(_Where):
    """One municipality, category and period of a checked allocation (JSON ``municipalities``), in places."""

    places: int
    offer: int | None
    restopgave: int
    """Of ``places``, what a verdeelbesluit imposes above the offer."""
    capacity: int
    fits: bool


class LostSiteJson(TypedDict):
    """A site whose places do not count in the period (:class:`planner.planning.data.LostSite`)."""

    site: str
    name: str
    places: int
    why: WhyNot
    date: dt.date | None


Check = Literal["offer_limit", "site_capacity", "province_total"]


class Violation(TypedDict):
    """One violation of an allocation check; ``code`` and ``name`` are None for a pool total (``province_total``),
    ``province`` is then the pool. ``excess`` is ``places - limit`` (negative for a pool total that is short)."""

    code: str | None
    name: str | None
    province: str
    category: str
    period: str
    check: Check
    places: int
    limit: int
    excess: int
    restopgave: int | None
    sites_lost: list[LostSiteJson]


class PoolRow(TypedDict):
    """One pool (province or ``Nederland``), task and period: the allocated places against the task."""

    province: str
    category: str
    period: str
    task: int
    places: int
    closes: bool


class AllocationJson(TypedDict):
    """The check itself (``planner check-allocation --format json`` adds :class:`AllocationAnswerJson`'s keys)."""

    feasible: bool
    periods: list[str]
    violations: list[Violation]
    municipalities: list[AllocatedRow]
    province: list[PoolRow]


class AllocationAnswerJson(AllocationJson):
    """The check with the scenario's name and one sentence per allocation that cannot be housed
    (:func:`planner.report.answers.allocation_json`)."""

    scenario: str
    sentences: list[str]


@dataclass
class AllocationCheck:
    periods: list[str]
    rows: list[AllocatedRow]
    """Per municipality, category and period: places, offer, capacity and whether it fits."""
    province: list[PoolRow]
    violations: list[Violation] = field(default_factory=list)

    @property
    def feasible(self) -> bool:
        return not self.violations

    def as_dict(self) -> AllocationJson:
        return {
            "feasible": self.feasible,
            "periods": self.periods,
            "violations": self.violations,
            "municipalities": self.rows,
            "province": self.province,
        }


def _lost(data: PlanningData, code: str, category: str, period: str) -> list[LostSiteJson]:
    return [
        {"site": x.site, "name": x.name, "places": x.places, "why": x.why, "date": x.date}
        for x in data.lost_sites(code, category, period)
    ]


def pools_of(data: PlanningData) -> dict[str, list[str]]:
    """Where provincial totals are checked: per province, or — on national data (more than one province) with
    ``rules.national_netting`` — one national pool ``Nederland`` in which provincial surpluses offset shortfalls
    (the cycle-1 verdeelbesluit practice). The verdeelbesluit and the allocation check use this same rule."""
    national = len(data.provinces) > 1 and data.scenario.settings.rules.national_netting
    pools: dict[str, list[str]] = {}
    for code, mu in data.munis.items():
        pools.setdefault(NATIONAL_POOL if national else mu.province, []).append(code)
    return dict(sorted(pools.items()))


def check_allocation(
    data: PlanningData, allocation: Mapping[Key, int], imposed: Mapping[Key, int] | None = None
) -> AllocationCheck:
    """Check ``allocation`` (missing keys are 0 places) per period against offers, sites and pool totals.

    ``imposed``: places a verdeelbesluit imposes above the offer (restopgave shares); an allocation may exceed the
    stated offer by at most that much. Sites are the planning data's places that can count (counting rules, dates,
    obligation date); pool totals follow :func:`pools_of`."""
    imposed = imposed or {}
    rows: list[AllocatedRow] = []
    violations: list[Violation] = []
    for code, mu in data.munis.items():
        for k in TASKS:
            for p in data.periods:
                key = (code, k, p.name)
                places, extra = allocation.get(key, 0), imposed.get(key, 0)
                offer = data.offer(code, k, p.year)
                limit = None if offer is None else offer + extra
                cap = data.capacity(code, k, p.name)
                base: _Where = {"code": code, "name": mu.name, "province": mu.province, "category": k, "period": p.name}
                rows.append({**base, "places": places, "offer": offer, "restopgave": extra, "capacity": cap,
                             "fits": places <= cap and (limit is None or places <= limit)})
                if limit is not None and places > limit:
                    violations.append({**base, "check": "offer_limit", "places": places, "limit": limit,
                                       "excess": places - limit, "restopgave": extra, "sites_lost": []})
                if places > cap:
                    violations.append({**base, "check": "site_capacity", "places": places, "limit": cap,
                                       "excess": places - cap, "restopgave": extra,
                                       "sites_lost": _lost(data, code, k, p.name)})
    province: list[PoolRow] = []
    for pool, codes in pools_of(data).items():
        for k in data.checks:  # regular and AMV, or the total with AMV as a sub-check (rules.counting)
            need = sum(data.munis[c].task[k] for c in codes)
            for p in data.periods:
                have = sum(allocation.get((c, part, p.name), 0) for c in codes for part in PARTS[k])
                province.append({"province": pool, "category": k, "period": p.name, "task": need, "places": have,
                                 "closes": have >= need})
                if have < need:
                    violations.append({"code": None, "name": None, "province": pool, "category": k,
                                       "period": p.name, "check": "province_total", "places": have, "limit": need,
                                       "excess": have - need, "restopgave": None, "sites_lost": []})
    return AllocationCheck([p.name for p in data.periods], rows, province, violations)


def check_allocation_file(scenario: Scenario, path: Path) -> tuple[AllocationCheck | None, Problems]:
    """Read and check an allocation file; ``None`` with the problems when the file has errors."""
    problems = Problems()
    data = PlanningData.from_scenario(scenario)
    allocation, imposed = read_allocation(path, data, problems)
    if problems.has_errors():
        return None, problems
    return check_allocation(data, allocation, imposed), problems
