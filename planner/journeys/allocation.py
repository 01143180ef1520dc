"""Check a given allocation (places per municipality, category and period) against the scenario.

Per period, for every municipality and category: no more than its stated offer (aanbod), no more than its sites
can hold in that period (capacity of the sites that are available and count, see :mod:`planner.rules.counting`);
per province, category and period: the provincial task is reached. Every violation is listed, none is skipped.
Minimum site sizes are not checked: an allocation says how many places, not which sites open.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, model_validator

from planner.model.build import TASKS, AllocationModel, build_model
from planner.rules.counting import available_in, counts, site_end, site_start
from planner.scenario.load import Scenario
from planner.scenario.problems import Problems
from planner.scenario.schema import CBS_CODE, Strict
from planner.scenario.tables import read_table


class AllocationCategory(StrEnum):
    regular = "regular"
    amv = "amv"


class AllocationRow(Strict):
    """One row of an allocation file: places of one category for one municipality (in one period or year)."""

    code: Annotated[str, Field(pattern=CBS_CODE.pattern, description="CBS municipality code, e.g. GM0106.")]
    category: AllocationCategory = Field(description="regular or amv.")
    places: int = Field(ge=0, description="Allocated places.")
    period: str | None = Field(None, description="Period name (2025, 2025-H1, 2025-Q1); empty: see year.")
    year: int | None = Field(None, ge=2000, le=2100, description="Year; empty with no period: every period.")
    remarks: str = ""

    @model_validator(mode="after")
    def _one_of(self) -> AllocationRow:
        if self.period is not None and self.year is not None:
            raise ValueError("give a period or a year, not both")
        return self


Key = tuple[str, str, str]
"""(CBS code, category, period name)."""


def read_allocation(path: Path, model: AllocationModel, problems: Problems) -> dict[Key, int]:
    """The allocation in ``path`` per (code, category, period); every input problem is added to ``problems``."""
    table = read_table(path, AllocationRow, problems, root=path.parent)
    shown = table.file
    names = {p.name: p for p in model.periods}
    years = {p.year for p in model.periods}
    out: dict[Key, int] = {}
    where: dict[Key, int] = {}
    for row, line in zip(table.rows, table.lines, strict=True):
        if row.code not in model.munis:
            problems.error(shown, line, "code", f"{row.code} is not a municipality of this scenario's scope")
            continue
        if row.period is not None and row.period not in names:
            problems.error(shown, line, "period", f"unknown period '{row.period}'; the periods are: {', '.join(names)}")
            continue
        if row.year is not None and row.year not in years:
            problems.error(shown, line, "year", f"year {row.year} is outside the cycle ({min(years)}–{max(years)})")
            continue
        if row.period is not None:
            targets = [row.period]
        else:
            targets = [p.name for p in model.periods if row.year is None or p.year == row.year]
        for pname in targets:
            key = (row.code, row.category.value, pname)
            if key in where:
                problems.error(
                    shown, line, "code",
                    f"{row.code} {row.category.value} {pname} is given twice (also on row {where[key]})",
                    code="duplicate",
                )
                continue
            where[key] = line
            out[key] = row.places
    return out


@dataclass
class AllocationCheck:
    periods: list[str]
    rows: list[dict[str, Any]]
    """Per municipality, category and period: places, offer, capacity and whether it fits."""
    province: list[dict[str, Any]]
    violations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def feasible(self) -> bool:
        return not self.violations

    def as_dict(self) -> dict[str, Any]:
        return {
            "feasible": self.feasible,
            "periods": self.periods,
            "violations": self.violations,
            "municipalities": self.rows,
            "province": self.province,
        }


def capacity(model: AllocationModel, code: str, category: str, period: str) -> int:
    """Places the municipality's sites of this task can hold in the period (available and counting)."""
    return sum(int(model.builder.var_ub[model.x[(s.id, period)]]) for s in model.sites_of(code, category))


def lost_sites(model: AllocationModel, code: str, category: str, period: str) -> list[dict[str, Any]]:
    """Sites of the municipality that do not count in the period, and why: ``ends`` (contract ends in or before the
    period), ``ended`` (ended before the cycle), ``starts`` (available only later) or ``not_counting``."""
    cycle, rules = model.scenario.settings.cycle, model.scenario.settings.rules
    p = next(q for q in model.periods if q.name == period)
    out: list[dict[str, Any]] = []
    for s in model.sites_of(code, category):
        if not counts(s, cycle, rules):
            out.append({"site": s.id, "name": s.name, "places": s.places, "why": "not_counting", "date": None})
        elif not available_in(s, p, cycle, rules.availability):
            if site_end(s) < p.end:
                why = "ended" if site_end(s) < cycle.start else "ends"
                out.append({"site": s.id, "name": s.name, "places": s.places, "why": why, "date": site_end(s)})
            else:
                out.append(
                    {"site": s.id, "name": s.name, "places": s.places, "why": "starts", "date": site_start(s, cycle)}
                )
    return out


def check_allocation(
    model: AllocationModel, allocation: dict[Key, int], *, province_totals: bool = True, offers: bool = True
) -> AllocationCheck:
    """Check ``allocation`` (missing keys are 0 places) per period against offers, sites and provincial totals
    (``offers`` / ``province_totals`` False: skip that check, e.g. for a verdeelbesluit that imposes a restopgave
    beyond the offers and nets provincial surpluses nationally)."""
    rows: list[dict[str, Any]] = []
    violations: list[dict[str, Any]] = []
    got: dict[tuple[str, str, str], int] = defaultdict(int)
    for code, mu in model.munis.items():
        for k in TASKS:
            for p in model.periods:
                places = allocation.get((code, k, p.name), 0)
                offer = model.limits.get((code, k, p.year))
                cap = capacity(model, code, k, p.name)
                got[(mu.province, k, p.name)] += places
                base = {"code": code, "name": mu.name, "province": mu.province, "category": k, "period": p.name}
                rows.append({**base, "places": places, "offer": offer, "capacity": cap,
                             "fits": places <= cap and (not offers or offer is None or places <= offer)})
                if offers and offer is not None and places > offer:
                    violations.append({**base, "check": "offer_limit", "places": places, "limit": offer,
                                       "excess": places - offer, "sites_lost": []})
                if places > cap:
                    violations.append({**base, "check": "site_capacity", "places": places, "limit": cap,
                                       "excess": places - cap, "sites_lost": lost_sites(model, code, k, p.name)})
    province: list[dict[str, Any]] = []
    for prov in model.provinces:
        for k in TASKS:
            need = sum(mu.task[k] for mu in model.munis.values() if mu.province == prov)
            for p in model.periods:
                have = got[(prov, k, p.name)]
                province.append({"province": prov, "category": k, "period": p.name, "task": need, "places": have,
                                 "closes": have >= need})
                if province_totals and have < need:
                    violations.append({"code": None, "name": None, "province": prov, "category": k,
                                       "period": p.name, "check": "province_total", "places": have, "limit": need,
                                       "excess": have - need, "sites_lost": []})
    return AllocationCheck([p.name for p in model.periods], rows, province, violations)


def check_allocation_file(scenario: Scenario, path: Path) -> tuple[AllocationCheck | None, Problems]:
    """Read and check an allocation file; ``None`` with the problems when the file has errors."""
    problems = Problems()
    model = build_model(scenario)
    allocation = read_allocation(path, model, problems)
    if problems.has_errors():
        return None, problems
    return check_allocation(model, allocation), problems
