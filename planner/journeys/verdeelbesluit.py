"""The minister's allocation (verdeelbesluit) the way cycle-1 decisions were made, and whether it can be housed.

Per category (regular, AMV) and year of the cycle:

1. voluntary offers become binding: ``binding_m = offer_m`` (no offer counts as 0);
2. the restopgave of a pool is ``max(0, Σ T_m − Σ binding_m)``; the pool is the province, or, on national data (more
   than one province) with ``rules.national_netting``, the whole country, so a province's surplus offers reduce the
   national restopgave;
3. the restopgave is shared pro rata to the indicative tasks ``T_m`` over the municipalities of the pool that offered
   less than ``T_m`` (:func:`restopgave_shares`: exact fractions, largest remainder, so shares are whole and sum
   exactly; with ``rules.restopgave_cap_at_shortfall`` each share is capped at ``T_m − offer_m`` and the excess
   goes to the others);
4. ``allocation_m = binding_m + share_m``, checked per period against sites and dates with
   :func:`planner.journeys.allocation.check_allocation`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from planner.journeys.allocation import AllocationCheck, Key, check_allocation
from planner.model.build import TASKS, AllocationModel, build_model
from planner.rules.apportion import largest_remainder
from planner.scenario.load import Scenario


def restopgave_shares(rest: int, tasks: dict[str, int], offers: dict[str, int], cap: bool) -> dict[str, int]:
    """Whole shares of ``rest`` over the municipalities with ``offer < task``, pro rata to ``task``.

    With ``cap``, no share exceeds ``task − offer``: municipalities whose pro-rata quota would exceed it get exactly
    that, and the rest is shared again over the others (repeated until no quota exceeds its cap). The shares sum to
    ``rest`` unless the caps together are smaller (then every short municipality gets its cap). Ties in the largest
    remainder go to the lower CBS code.
    """
    short = sorted(c for c in tasks if offers.get(c, 0) < tasks[c] and tasks[c] > 0)
    shares = dict.fromkeys(tasks, 0)
    if rest <= 0 or not short:
        return shares
    caps = {c: tasks[c] - offers.get(c, 0) for c in short}
    active = list(short)
    remaining = rest
    if cap:
        if sum(caps.values()) <= rest:
            shares.update(caps)
            return shares
        while True:
            weight = sum(tasks[c] for c in active)
            over = [c for c in active if Fraction(remaining * tasks[c], weight) > caps[c]]
            if not over:
                break
            for c in over:
                shares[c] = caps[c]
                remaining -= caps[c]
                active.remove(c)
    parts = largest_remainder(remaining, [Fraction(tasks[c]) for c in active])
    for c, n in zip(active, parts, strict=True):
        shares[c] = n
    return shares


@dataclass
class Verdeelbesluit:
    model: AllocationModel
    national: bool
    capped: bool
    rows: list[dict[str, Any]]
    """Per municipality, category and year: task, offer, binding, short, restopgave share, allocation, periods."""
    pools: list[dict[str, Any]]
    """Per pool (province or Nederland), category and year: task, offers, restopgave."""
    check: AllocationCheck
    provinces: list[dict[str, Any]]
    """Per province, category and year: task, offers and balance (offers − task; a surplus when positive, netted
    against other provinces' shortfalls on national data)."""

    @property
    def feasible(self) -> bool:
        return self.check.feasible

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.model.scenario.name,
            "national_netting": self.national,
            "cap_at_shortfall": self.capped,
            "feasible": self.feasible,
            "pools": self.pools,
            "provinces": self.provinces,
            "municipalities": self.rows,
            "violations": self.check.violations,
        }


def verdeelbesluit(scenario: Scenario, model: AllocationModel | None = None) -> Verdeelbesluit:
    """The allocation per municipality (see the module docstring) and its feasibility per period."""
    model = model or build_model(scenario)
    rules = scenario.settings.rules
    national = len(model.provinces) > 1 and rules.national_netting
    years = sorted({p.year for p in model.periods})
    pools: dict[str, list[str]] = {}
    for code, mu in model.munis.items():
        pools.setdefault("Nederland" if national else mu.province, []).append(code)
    rows: list[dict[str, Any]] = []
    pool_rows: list[dict[str, Any]] = []
    allocation: dict[Key, int] = {}
    for pool, codes in sorted(pools.items()):
        for k in TASKS:
            for y in years:
                tasks = {c: model.munis[c].task[k] for c in codes}
                offers = {c: model.limits.get((c, k, y), 0) for c in codes}
                rest = max(0, sum(tasks.values()) - sum(offers.values()))
                shares = restopgave_shares(rest, tasks, offers, rules.restopgave_cap_at_shortfall)
                pool_rows.append({
                    "pool": pool, "category": k, "year": y, "task": sum(tasks.values()),
                    "offers": sum(offers.values()), "restopgave": rest,
                    "short_municipalities": sum(1 for c in codes if offers[c] < tasks[c] and tasks[c] > 0),
                })
                for c in codes:
                    alloc = offers[c] + shares[c]
                    for p in model.periods:
                        if p.year == y:
                            allocation[(c, k, p.name)] = alloc
                    mu = model.munis[c]
                    rows.append({
                        "code": c, "name": mu.name, "province": mu.province, "category": k, "year": y,
                        "task": tasks[c], "offer": offers[c], "binding": offers[c],
                        "short": max(0, tasks[c] - offers[c]), "restopgave_share": shares[c], "allocation": alloc,
                    })
    check = check_allocation(model, allocation, province_totals=not national, offers=False)
    fits = {(r["code"], r["category"], r["period"]): r for r in check.rows}
    for r in rows:
        per = [fits[(r["code"], r["category"], p.name)] for p in model.periods if p.year == r["year"]]
        r["periods"] = [{"period": f["period"], "capacity": f["capacity"], "feasible": f["places"] <= f["capacity"]}
                        for f in per]
        r["feasible"] = all(x["feasible"] for x in r["periods"])
    balance: dict[tuple[str, str, int], list[int]] = {}
    for r in rows:
        b = balance.setdefault((r["province"], r["category"], r["year"]), [0, 0])
        b[0] += r["task"]
        b[1] += r["offer"]
    provinces = [
        {"province": prov, "category": k, "year": y, "task": t, "offers": o, "balance": o - t}
        for (prov, k, y), (t, o) in sorted(balance.items())
    ]
    return Verdeelbesluit(model, national, rules.restopgave_cap_at_shortfall, rows, pool_rows, check, provinces)
