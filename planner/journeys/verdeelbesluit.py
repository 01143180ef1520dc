"""The minister's allocation (verdeelbesluit) the way cycle-1 decisions were made, and whether it can be housed.

Per task (regular, AMV) and period of the cycle, on the planning data (:class:`planner.planning.PlanningData`, the
same counting rules, dates, obligation date and transfers as the plan):

1. voluntary offers become binding: ``binding_m = offer_m`` (no offer counts as 0);
2. what the offer delivers is what can count: ``delivered_m = min(binding_m, cap_m) + transfer_m`` with ``cap_m``
   the places of m's sites that count in the period; m under-delivers when ``delivered_m < T_m``;
3. the restopgave of a pool is the gap ``max(0, Σ T_m − Σ min(binding_m, cap_m))`` (transfers net to zero); the
   pool is the province, or, on national data (more than one province) with ``rules.national_netting``, the
   whole country, so a province's surplus reduces the national restopgave (:func:`pools_of`);
4. the restopgave is shared pro rata to the indicative tasks ``T_m`` over the municipalities that under-deliver
   (:func:`restopgave_shares`: exact fractions, largest remainder, so shares are whole and sum exactly; with
   ``rules.restopgave_cap_at_shortfall`` each share is capped at ``T_m − delivered_m`` and the excess goes to the
   others);
5. ``allocation_m = binding_m + share_m``, checked with :func:`planner.journeys.allocation.check_allocation` (the
   share as places imposed above the offer), which says where an allocation — a restopgave share in particular —
   exceeds what the municipality's sites can hold. ``allocation_rows`` writes it as an allocation file that
   ``planner check-allocation`` judges the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from planner.journeys.allocation import AllocationCheck, check_allocation, pools_of
from planner.planning import TASKS, Key, PlanningData
from planner.rules.apportion import largest_remainder
from planner.scenario.load import Scenario


def restopgave_shares(rest: int, tasks: dict[str, int], offers: dict[str, int], cap: bool) -> dict[str, int]:
    """Whole shares of ``rest`` over the municipalities with ``offer < task``, pro rata to ``task``.

    ``offers`` is what each municipality delivers toward its task. With ``cap``, no share exceeds ``task − offer``:
    municipalities whose pro-rata quota would exceed it get exactly that, and the rest is shared again over the
    others (repeated until no quota exceeds its cap). The shares sum to ``rest`` unless the caps together are
    smaller (then every short municipality gets its cap). Ties in the largest remainder go to the lower CBS code.
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
    data: PlanningData
    national: bool
    capped: bool
    rows: list[dict[str, Any]]
    """Per municipality, task and period: task, offer, binding, counted (what the offer delivers within the sites
    that count), transfer, short, restopgave share, allocation, capacity and whether it can be housed."""
    pools: list[dict[str, Any]]
    """Per pool (province or Nederland), task and period: task, offers, counted places, restopgave."""
    check: AllocationCheck
    provinces: list[dict[str, Any]]
    """Per province, task and period: task, offers, counted places and balance (counted − task; a surplus when
    positive, netted against other provinces' shortfalls on national data)."""

    @property
    def feasible(self) -> bool:
        """Executable: the allocation passes the allocation check (sites, dates, offers + restopgave, totals)."""
        return self.check.feasible

    def allocation(self) -> tuple[dict[Key, int], dict[Key, int]]:
        """The allocation and the part of it imposed above the offer, per (code, task, period)."""
        alloc = {(r["code"], r["category"], r["period"]): r["allocation"] for r in self.rows}
        imposed = {(r["code"], r["category"], r["period"]): r["restopgave_share"] for r in self.rows}
        return alloc, imposed

    def allocation_rows(self) -> list[dict[str, object]]:
        """The allocation as rows of an allocation file (``planner check-allocation --allocation``)."""
        return [
            {"code": r["code"], "category": r["category"], "places": r["allocation"], "period": r["period"],
             "restopgave": r["restopgave_share"]}
            for r in self.rows
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.data.scenario.name,
            "national_netting": self.national,
            "cap_at_shortfall": self.capped,
            "feasible": self.feasible,
            "pools": self.pools,
            "provinces": self.provinces,
            "municipalities": self.rows,
            "violations": self.check.violations,
            "allocation": self.allocation_rows(),
        }


def verdeelbesluit(scenario: Scenario, data: PlanningData | None = None) -> Verdeelbesluit:
    """The allocation per municipality (see the module docstring) and whether it can be housed, per period."""
    data = data or PlanningData.from_scenario(scenario)
    rules = scenario.settings.rules
    pools = pools_of(data)
    national = len(data.provinces) > 1 and rules.national_netting
    rows: list[dict[str, Any]] = []
    pool_rows: list[dict[str, Any]] = []
    for pool, codes in pools.items():
        for k in TASKS:
            for p in data.periods:
                tasks = {c: data.munis[c].task[k] for c in codes}
                offers = {c: data.offer(c, k, p.year) or 0 for c in codes}
                counted = {c: min(offers[c], data.capacity(c, k, p.name)) for c in codes}
                delivered = {c: counted[c] + data.transfer(c, k, p.name) for c in codes}
                rest = max(0, sum(tasks.values()) - sum(counted.values()))
                shares = restopgave_shares(rest, tasks, delivered, rules.restopgave_cap_at_shortfall)
                pool_rows.append({
                    "pool": pool, "category": k, "year": p.year, "period": p.name, "task": sum(tasks.values()),
                    "offers": sum(offers.values()), "counted": sum(counted.values()), "restopgave": rest,
                    "short_municipalities": sum(1 for c in codes if delivered[c] < tasks[c] and tasks[c] > 0),
                })
                for c in codes:
                    mu = data.munis[c]
                    rows.append({
                        "code": c, "name": mu.name, "province": mu.province, "category": k, "year": p.year,
                        "period": p.name, "task": tasks[c], "offer": offers[c], "binding": offers[c],
                        "counted": counted[c], "transfer": data.transfer(c, k, p.name),
                        "short": max(0, tasks[c] - delivered[c]), "restopgave_share": shares[c],
                        "allocation": offers[c] + shares[c], "capacity": data.capacity(c, k, p.name),
                    })
    v = Verdeelbesluit(data, national, rules.restopgave_cap_at_shortfall, rows, pool_rows,
                       AllocationCheck([], [], []), [])
    v.check = check_allocation(data, *v.allocation())
    for r in rows:
        fits = r["allocation"] <= r["capacity"]
        r["periods"] = [{"period": r["period"], "capacity": r["capacity"], "feasible": fits}]
        r["feasible"] = fits
        r["exceeds_sites"] = max(0, r["allocation"] - r["capacity"])
    balance: dict[tuple[str, str, str, int], list[int]] = {}
    for r in rows:
        b = balance.setdefault((r["province"], r["category"], r["period"], r["year"]), [0, 0, 0])
        b[0] += r["task"]
        b[1] += r["offer"]
        b[2] += r["counted"]
    v.provinces = [
        {"province": prov, "category": k, "period": pn, "year": y, "task": t, "offers": o, "counted": n,
         "balance": n - t}
        for (prov, k, pn, y), (t, o, n) in sorted(balance.items())
    ]
    return v
