"""A solved plan as plain tables: per site, per municipality and per province, per period.

All values are whole numbers computed from the rounded, checked solution; shortfalls are recomputed from the plan
(not read from slack variables) so that what is reported is exactly what the places say.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np

from planner.model.build import AllocationModel
from planner.model.solution import Solution
from planner.rules.counting import available_in


class SiteRow(TypedDict):
    """One site in one period: the places planned there (``sites.csv``, JSON ``sites``)."""

    id: str
    code: str
    municipality: str
    name: str
    category: str
    subtype: str | None
    status: str
    period: str
    places: int
    capacity: int
    """Places that can count in the period (counting rules, dates, durability)."""
    site_places: int
    """Places the site has."""
    available: bool
    opened: bool | None
    """Whether an opening decision opened it; None for a site without one."""
    small_scale: bool


class _MunicipalityCounts(TypedDict):
    code: str
    name: str
    province: str
    period: str
    regular: int
    special: int
    amv: int
    planned_regular: int
    planned_amv: int
    transfer_regular: int
    transfer_amv: int
    task_regular: int
    task_amv: int
    limit_regular: int | None
    limit_amv: int | None
    shortfall_regular: int
    shortfall_amv: int
    surplus_regular: int
    surplus_amv: int
    ukraine: int | None
    """None without Ukraine data (the Ukraine part is left out), as are ``ukraine_shortfall``."""
    ukraine_target: int
    ukraine_realised: int | None
    ukraine_ambition: int | None
    ukraine_shortfall: int | None


class _TotalReading(TypedDict, total=False):
    """The columns of the total reading (``rules.counting = "total"``), only when it is chosen."""

    task_total: int
    planned_total: int
    transfer_total: int
    shortfall_total: int


class MunicipalityRow(_MunicipalityCounts, _TotalReading):
    """One municipality in one period (``municipalities.csv``, JSON ``municipalities``), in this key order."""

    duty: str
    """``met`` or ``short``."""
    reason: str


class _ProvinceTotalReading(TypedDict, total=False):
    """Only under ``rules.counting = "total"``: the total task (regular + AMV) and every planned place against it."""

    counting: str
    task_total: int
    planned_total: int
    closes_total: bool
    surplus_total: int


class ProvinceRow(_ProvinceTotalReading):
    """One province in one period (``province.csv``, JSON ``province``); the total-reading keys come last."""

    province: str
    period: str
    task_regular: int
    planned_regular: int
    closes_regular: bool
    task_amv: int
    planned_amv: int
    closes_amv: bool
    surplus_regular: int
    surplus_amv: int
    municipalities_short: int
    small_scale_places: int
    small_scale_share: float | None
    ukraine_target: int
    ukraine: int | None


@dataclass(frozen=True)
class TaskFigures:
    """One task's columns of a :class:`MunicipalityRow` (``task_regular``, ``planned_regular``, …), in places."""

    task: int
    planned: int
    transfer: int
    limit: int | None
    shortfall: int
    surplus: int


def task_figures(row: MunicipalityRow, task: str) -> TaskFigures:
    """The ``regular`` or ``amv`` columns of ``row`` (``total``: the total reading's, when it is chosen)."""
    if task == "total":
        t, got, moved = row["task_total"], row["planned_total"], row["transfer_total"]
        return TaskFigures(t, got, moved, None, row["shortfall_total"], max(0, got + moved - t))
    if task == "regular":
        return TaskFigures(row["task_regular"], row["planned_regular"], row["transfer_regular"],
                           row["limit_regular"], row["shortfall_regular"], row["surplus_regular"])
    if task == "amv":
        return TaskFigures(row["task_amv"], row["planned_amv"], row["transfer_amv"], row["limit_amv"],
                           row["shortfall_amv"], row["surplus_amv"])
    raise ValueError(f"no per-task columns for {task!r}")


@dataclass(frozen=True)
class ProvinceTaskFigures:
    """One task's columns of a :class:`ProvinceRow`, in places."""

    task: int
    planned: int
    closes: bool
    surplus: int


def places_short(row: Mapping[str, Any]) -> int:
    """The fewest places that would meet the municipality's duty: regular + AMV shortfall (separate), or under the
    total reading the larger of the total and the AMV shortfall (an AMV place counts toward both)."""
    if "shortfall_total" in row:
        return int(max(row["shortfall_total"], row["shortfall_amv"]))
    return int(row["shortfall_regular"] + row["shortfall_amv"])


def province_closes(row: Mapping[str, Any]) -> bool:
    """Whether the province closes under its reading: the total task with AMV as a sub-check (``total``), else the
    regular and the AMV task each."""
    if "closes_total" in row:
        return bool(row["closes_total"] and row["closes_amv"])
    return bool(row["closes_regular"] and row["closes_amv"])


def province_task_figures(row: ProvinceRow, task: str) -> ProvinceTaskFigures:
    """The ``regular`` or ``amv`` columns of ``row`` (``total``: the total reading's, when it is chosen)."""
    if task == "total":
        t, got = row["task_total"], row["planned_total"]
        return ProvinceTaskFigures(t, got, got >= t, got - t)
    if task == "regular":
        return ProvinceTaskFigures(row["task_regular"], row["planned_regular"], row["closes_regular"],
                                   row["surplus_regular"])
    if task == "amv":
        return ProvinceTaskFigures(row["task_amv"], row["planned_amv"], row["closes_amv"], row["surplus_amv"])
    raise ValueError(f"no per-task columns for {task!r}")


@dataclass(frozen=True)
class Plan:
    periods: list[str]
    sites: list[SiteRow]
    municipalities: list[MunicipalityRow]
    province: list[ProvinceRow]

    def municipality(self, code: str, period: str) -> MunicipalityRow:
        for r in self.municipalities:
            if r["code"] == code and r["period"] == period:
                return r
        raise KeyError((code, period))


def _v(values: np.ndarray, i: int) -> int:
    return int(np.rint(values[i]))


def _reason(row: MunicipalityRow, avail: dict[str, int]) -> str:
    """Why a municipality got what it got, in one short Dutch phrase."""
    parts = []
    for k, label in (("regular", "regulier"), ("amv", "AMV")):
        f = task_figures(row, k)
        task, got, limit, short = f.task, f.planned, f.limit, f.shortfall
        if short > 0:
            if limit is not None and limit < task and got >= limit:
                parts.append(f"{label}: aanbod {limit}")
            elif avail[k] < task:
                parts.append(f"{label}: locaties {avail[k]}")
            else:
                parts.append(f"{label}: {short} tekort")
        elif got > task:
            parts.append(f"{label} +{got - task}")
    return "; ".join(parts) if parts else "taak gehaald"


def extract_plan(model: AllocationModel, solution: Solution) -> Plan:
    """The plan tables; only for a solution that has one (a failed or infeasible run has no plan)."""
    if not solution.has_plan or solution.values is None:
        raise ValueError(f"this run has no plan (status: {solution.status.value})")
    values = solution.values
    cycle, rules = model.scenario.settings.cycle, model.scenario.settings.rules
    small_max = rules.small_scale_max_places
    sites: list[SiteRow] = []
    per: dict[tuple[str, str], dict[str, int]] = {}
    avail: dict[tuple[str, str], dict[str, int]] = {}
    # per (province, period): every place and the small-scale places, added up once here (not a scan of every site
    # per province and period: 12 × 2 scans of 3.312 site rows nationally)
    prov_total: dict[tuple[str, str], int] = {}
    prov_small: dict[tuple[str, str], int] = {}
    for s in model.sites.values():
        mu = model.munis[s.code]
        opened = None if s.id not in model.open else bool(_v(values, model.open[s.id]))
        for p in model.periods:
            xi = model.x[(s.id, p.name)]
            places = _v(values, xi)
            sp = model.data.site_periods[(s.id, p.name)]
            cap = sp.capacity
            sites.append(
                {
                    "id": s.id,
                    "code": s.code,
                    "municipality": mu.name,
                    "name": s.name,
                    "category": s.category.value,
                    "subtype": s.subtype.value if s.subtype else None,
                    "status": s.status.value,
                    "period": p.name,
                    "places": places,
                    "capacity": cap,
                    "site_places": s.places,
                    "available": available_in(s, p, cycle, rules.availability),
                    "opened": opened,
                    "small_scale": s.places <= small_max,
                }
            )
            pkey = (mu.province, p.name)
            prov_total[pkey] = prov_total.get(pkey, 0) + places
            if s.places <= small_max:
                prov_small[pkey] = prov_small.get(pkey, 0) + places
            agg = per.setdefault((s.code, p.name), {"regular": 0, "special": 0, "amv": 0, "ukraine_sites": 0})
            key = "ukraine_sites" if s.category.value == "ukraine" else s.category.value
            agg[key] += places
            task_key = model.site_task[s.id]
            a = avail.setdefault((s.code, p.name), {"regular": 0, "amv": 0})
            if task_key in a:
                a[task_key] += cap

    munis: list[MunicipalityRow] = []
    has_ukraine = model.data.has_ukraine  # without Ukraine data the Ukraine part is left out (None), not 0
    for code, mu in model.munis.items():
        for p in model.periods:
            agg = per.get((code, p.name), {"regular": 0, "special": 0, "amv": 0, "ukraine_sites": 0})
            special_counts = rules.special_counts_toward_regular
            planned_reg = agg["regular"] + (agg["special"] if special_counts else 0)
            t_reg = model.data.transfer(code, "regular", p.name)
            t_amv = model.data.transfer(code, "amv", p.name)
            ukraine = _v(values, model.u[(code, p.name)]) if (code, p.name) in model.u else 0
            u_transfer = model.data.transfer(code, "ukraine", p.name)
            counts: _MunicipalityCounts = {
                "code": code,
                "name": mu.name,
                "province": mu.province,
                "period": p.name,
                "regular": agg["regular"],
                "special": agg["special"],
                "amv": agg["amv"],
                "planned_regular": planned_reg,
                "planned_amv": agg["amv"],
                "transfer_regular": t_reg,
                "transfer_amv": t_amv,
                "task_regular": mu.task["regular"],
                "task_amv": mu.task["amv"],
                "limit_regular": model.data.offer(code, "regular", p.year),
                "limit_amv": model.data.offer(code, "amv", p.year),
                "shortfall_regular": max(0, mu.task["regular"] - planned_reg - t_reg),
                "shortfall_amv": max(0, mu.task["amv"] - agg["amv"] - t_amv),
                "surplus_regular": max(0, planned_reg + t_reg - mu.task["regular"]),
                "surplus_amv": max(0, agg["amv"] + t_amv - mu.task["amv"]),
                "ukraine": ukraine + agg["ukraine_sites"] if has_ukraine else None,
                "ukraine_target": mu.ukraine_target,
                "ukraine_realised": mu.ukraine_realised,
                "ukraine_ambition": mu.ukraine_ambition,
                "ukraine_shortfall": max(0, mu.ukraine_target - u_transfer - ukraine - agg["ukraine_sites"])
                if has_ukraine else None,
            }
            checks = model.data.checks
            total_cols: _TotalReading = {}
            if "total" in checks:  # the columns of the total reading, only when it is chosen
                t_tot, planned_tot = mu.task["total"], planned_reg + agg["amv"]
                total_cols = {"task_total": t_tot, "planned_total": planned_tot, "transfer_total": t_reg + t_amv,
                         "shortfall_total": max(0, t_tot - planned_tot - t_reg - t_amv)}
            shortfall = {"regular": counts["shortfall_regular"], "amv": counts["shortfall_amv"],
                         "total": total_cols.get("shortfall_total", 0)}
            row: MunicipalityRow = {
                **counts, **total_cols, "duty": "met" if all(shortfall[k] == 0 for k in checks) else "short",
                "reason": "",
            }
            row["reason"] = _reason(row, avail.get((code, p.name), {"regular": 0, "amv": 0}))
            munis.append(row)

    province: list[ProvinceRow] = []
    # Each field means what its name says: closes_/surplus_regular compare regular places with the regular task;
    # with rules.counting = total, closes_/surplus_total compare every place with the total task (the verdict, with
    # AMV as its sub-check: see province_closes).
    separate = model.data.checks[0] == "regular"
    muni_rows: dict[tuple[str, str], list[MunicipalityRow]] = {}
    for r in munis:
        muni_rows.setdefault((r["province"], r["period"]), []).append(r)
    for prov in model.provinces:
        for p in model.periods:
            rows = muni_rows.get((prov, p.name), [])
            t_reg = sum(r["task_regular"] for r in rows)
            t_amv = sum(r["task_amv"] for r in rows)
            got_reg = sum(r["planned_regular"] for r in rows)
            got_amv = sum(r["planned_amv"] for r in rows)
            small = prov_small.get((prov, p.name), 0)
            total = prov_total.get((prov, p.name), 0)
            province.append(
                {
                    "province": prov,
                    "period": p.name,
                    "task_regular": t_reg,
                    "planned_regular": got_reg,
                    "closes_regular": got_reg >= t_reg,
                    "task_amv": t_amv,
                    "planned_amv": got_amv,
                    "closes_amv": got_amv >= t_amv,
                    "surplus_regular": got_reg - t_reg,
                    "surplus_amv": got_amv - t_amv,
                    "municipalities_short": sum(1 for r in rows if r["duty"] == "short"),
                    "small_scale_places": small,
                    "small_scale_share": (small / total) if total else None,
                    "ukraine_target": sum(r["ukraine_target"] for r in rows),
                    "ukraine": sum(r["ukraine"] or 0 for r in rows) if has_ukraine else None,
                }
            )
            if not separate:
                province[-1].update({"counting": "total", "task_total": t_reg + t_amv,
                                     "planned_total": got_reg + got_amv,
                                     "closes_total": got_reg + got_amv >= t_reg + t_amv,
                                     "surplus_total": got_reg + got_amv - t_reg - t_amv})
    return Plan([p.name for p in model.periods], sites, munis, province)
