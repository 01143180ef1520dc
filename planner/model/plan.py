"""A solved plan as plain tables: per site, per municipality and per province, per period.

All values are whole numbers computed from the rounded, checked solution; shortfalls are recomputed from the plan
(not read from slack variables) so that what is reported is exactly what the places say.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from planner.model.build import AllocationModel
from planner.model.solve import Solution
from planner.rules.counting import available_in


@dataclass(frozen=True)
class Plan:
    periods: list[str]
    sites: list[dict[str, Any]]
    municipalities: list[dict[str, Any]]
    province: list[dict[str, Any]]

    def municipality(self, code: str, period: str) -> dict[str, Any]:
        for r in self.municipalities:
            if r["code"] == code and r["period"] == period:
                return r
        raise KeyError((code, period))


def _v(values: np.ndarray, i: int) -> int:
    return int(np.rint(values[i]))


def _reason(row: dict[str, Any], avail: dict[str, int]) -> str:
    """Why a municipality got what it got, in one short Dutch phrase."""
    parts = []
    for k, label in (("regular", "regulier"), ("amv", "AMV")):
        task, got, limit = row[f"task_{k}"], row[f"planned_{k}"], row[f"limit_{k}"]
        short = row[f"shortfall_{k}"]
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
    sites: list[dict[str, Any]] = []
    per: dict[tuple[str, str], dict[str, int]] = {}
    avail: dict[tuple[str, str], dict[str, int]] = {}
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
            agg = per.setdefault((s.code, p.name), {"regular": 0, "special": 0, "amv": 0, "ukraine_sites": 0})
            key = "ukraine_sites" if s.category.value == "ukraine" else s.category.value
            agg[key] += places
            task_key = model.site_task[s.id]
            a = avail.setdefault((s.code, p.name), {"regular": 0, "amv": 0})
            if task_key in a:
                a[task_key] += cap

    munis: list[dict[str, Any]] = []
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
            row: dict[str, Any] = {
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
            if "total" in checks:  # the columns of the total reading, only when it is chosen
                t_tot, planned_tot = mu.task["total"], planned_reg + agg["amv"]
                row["task_total"], row["planned_total"], row["transfer_total"] = t_tot, planned_tot, t_reg + t_amv
                row["shortfall_total"] = max(0, t_tot - planned_tot - t_reg - t_amv)
            row["duty"] = "met" if all(row[f"shortfall_{k}"] == 0 for k in checks) else "short"
            row["reason"] = _reason(row, avail.get((code, p.name), {"regular": 0, "amv": 0}))
            munis.append(row)

    province: list[dict[str, Any]] = []
    # With rules.counting = total the regular verdict is the total one (all places against the total task) and the
    # AMV verdict its sub-check, so every report that reads closes_regular / closes_amv follows the reading.
    separate = model.data.checks[0] == "regular"
    for prov in model.provinces:
        for p in model.periods:
            rows = [r for r in munis if r["province"] == prov and r["period"] == p.name]
            t_reg = sum(r["task_regular"] for r in rows)
            t_amv = sum(r["task_amv"] for r in rows)
            got_reg = sum(r["planned_regular"] for r in rows)
            got_amv = sum(r["planned_amv"] for r in rows)
            small = sum(
                s["places"]
                for s in sites
                if s["period"] == p.name and s["small_scale"] and model.munis[s["code"]].province == prov
            )
            total = sum(s["places"] for s in sites if s["period"] == p.name and model.munis[s["code"]].province == prov)
            province.append(
                {
                    "province": prov,
                    "period": p.name,
                    "task_regular": t_reg,
                    "planned_regular": got_reg,
                    "closes_regular": got_reg >= t_reg if separate else got_reg + got_amv >= t_reg + t_amv,
                    "task_amv": t_amv,
                    "planned_amv": got_amv,
                    "closes_amv": got_amv >= t_amv,
                    "surplus_regular": got_reg - t_reg,
                    "surplus_amv": got_amv - t_amv,
                    "municipalities_short": sum(1 for r in rows if r["duty"] == "short"),
                    "small_scale_places": small,
                    "small_scale_share": (small / total) if total else None,
                    "ukraine_target": sum(r["ukraine_target"] for r in rows),
                    "ukraine": sum(r["ukraine"] for r in rows) if has_ukraine else None,
                }
            )
            if not separate:
                province[-1].update(counting="total", task_total=t_reg + t_amv, planned_total=got_reg + got_amv)
    return Plan([p.name for p in model.periods], sites, munis, province)
