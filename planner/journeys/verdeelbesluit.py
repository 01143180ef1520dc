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
Under ``rules.counting = total`` (:attr:`PlanningData.checks`: the total task, the AMV task as a sub-check) steps
2–4 run per check, the AMV sub-check first: its gap is shared as AMV places; then the total's gap less the AMV
restopgave (AMV places count toward the total too) is shared as regular places, pro rata to the total tasks over the
municipalities whose regular and AMV places, transfers and AMV share stay below their total task. The rows say which
task each category answers to (``check``) and the pools are per check.

5. ``allocation_m = binding_m + share_m``, checked with :func:`planner.journeys.allocation.check_allocation` (the
   share as places imposed above the offer), which says where an allocation — a restopgave share in particular —
   exceeds what the municipality's sites can hold. ``allocation_rows`` writes it as an allocation file that
   ``planner check-allocation`` judges the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import NotRequired, TypedDict

from planner.journeys.allocation import AllocationCheck, Violation, check_allocation, pools_of
from planner.planning import PARTS, TASKS, Key, PlanningData
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


class PeriodFit(TypedDict):
    period: str
    capacity: int
    feasible: bool


class MunicipalityAllocation(TypedDict):
    """One municipality, task and period of the verdeelbesluit (places): the task it answers to (``check``), its
    offer (``binding``), what that delivers within the sites that count (``counted``), the transfer, its shortfall
    against ``check``, the restopgave share, the allocation (binding + share), the places its sites hold
    (``capacity``) and whether the allocation fits (``exceeds_sites``: the places above them)."""

    code: str
    name: str
    province: str
    category: str
    year: int
    period: str
    task: int
    offer: int
    binding: int
    counted: int
    transfer: int
    check: str
    short: int
    restopgave_share: int
    allocation: int
    capacity: int
    periods: list[PeriodFit]
    feasible: bool
    exceeds_sites: int


class PoolRestopgave(TypedDict):
    """One pool (a province, or Nederland with national netting), check and period: task, offers, counted places and
    the restopgave."""

    pool: str
    category: str
    year: int
    period: str
    task: int
    offers: int
    counted: int
    restopgave: int
    short_municipalities: int


class ProvinceBalance(TypedDict):
    province: str
    category: str
    period: str
    year: int
    task: int
    offers: int
    counted: int
    balance: int


class AllocationFileRow(TypedDict):
    """A row of an allocation file (``planner check-allocation --allocation``)."""

    code: str
    category: str
    places: int
    period: str
    restopgave: int


class VerdeelbesluitJson(TypedDict):
    """``planner verdeelbesluit --format json``."""

    scenario: str
    national_netting: bool
    cap_at_shortfall: bool
    feasible: bool
    pools: list[PoolRestopgave]
    provinces: list[ProvinceBalance]
    municipalities: list[MunicipalityAllocation]
    violations: list[Violation]
    allocation: list[AllocationFileRow]
    sentences: NotRequired[list[str]]
    """One sentence per allocation that cannot be housed (:func:`planner.report.answers.verdeelbesluit_json`)."""


@dataclass
class Verdeelbesluit:
    data: PlanningData
    national: bool
    capped: bool
    rows: list[MunicipalityAllocation]
    """Per municipality, task and period: task, offer, binding, counted (what the offer delivers within the sites
    that count), transfer, short, restopgave share, allocation, capacity and whether it can be housed."""
    pools: list[PoolRestopgave]
    """Per pool (province or Nederland), task and period: task, offers, counted places, restopgave."""
    check: AllocationCheck
    provinces: list[ProvinceBalance]
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

    def allocation_rows(self) -> list[AllocationFileRow]:
        """The allocation as rows of an allocation file (``planner check-allocation --allocation``)."""
        return [
            {"code": r["code"], "category": r["category"], "places": r["allocation"], "period": r["period"],
             "restopgave": r["restopgave_share"]}
            for r in self.rows
        ]

    def as_dict(self) -> VerdeelbesluitJson:
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


def _order(checks: tuple[str, ...]) -> tuple[str, ...]:
    """The checks in the order their restopgave is decided: the AMV sub-check before the total (AMV places imposed
    there count toward the total too)."""
    return tuple(sorted(checks, key=lambda k: k != "amv")) if "total" in checks else checks


def verdeelbesluit(scenario: Scenario, data: PlanningData | None = None) -> Verdeelbesluit:
    """The allocation per municipality (see the module docstring) and whether it can be housed, per period."""
    data = data or PlanningData.from_scenario(scenario)
    rules = scenario.settings.rules
    pools = pools_of(data)
    national = len(data.provinces) > 1 and rules.national_netting
    # The task a part's restopgave answers to: regular → regular (separate) or total (rules.counting = total).
    answers_to = {"regular": data.checks[0], "amv": "amv"}
    rows: list[MunicipalityAllocation] = []
    pool_rows: list[PoolRestopgave] = []
    for pool, codes in pools.items():
        for p in data.periods:
            offers = {(c, k): data.offer(c, k, p.year) or 0 for c in codes for k in TASKS}
            counted = {(c, k): min(offers[(c, k)], data.capacity(c, k, p.name)) for c in codes for k in TASKS}
            shares: dict[tuple[str, str], int] = {}
            short: dict[tuple[str, str], int] = {}
            imposed = dict.fromkeys(codes, 0)  # restopgave already imposed that also counts toward the total
            for k in _order(data.checks):
                tasks = {c: data.munis[c].task[k] for c in codes}
                got = {c: sum(counted[(c, part)] for part in PARTS[k]) for c in codes}
                delivered = {c: got[c] + data.transfer(c, k, p.name) for c in codes}
                extra = imposed if k == "total" else dict.fromkeys(codes, 0)
                rest = max(0, sum(tasks.values()) - sum(got.values()) - sum(extra.values()))
                given = restopgave_shares(rest, tasks, {c: delivered[c] + extra[c] for c in codes},
                                          rules.restopgave_cap_at_shortfall)
                part = "regular" if k == "total" else k
                for c in codes:
                    shares[(c, part)] = given[c]
                    short[(c, k)] = max(0, tasks[c] - delivered[c])
                    if k == "amv":
                        imposed[c] = given[c]
                pool_rows.append({
                    "pool": pool, "category": k, "year": p.year, "period": p.name, "task": sum(tasks.values()),
                    "offers": sum(offers[(c, x)] for c in codes for x in PARTS[k]), "counted": sum(got.values()),
                    "restopgave": rest,
                    "short_municipalities": sum(1 for c in codes if delivered[c] < tasks[c] and tasks[c] > 0),
                })
            for k in TASKS:
                for c in codes:
                    mu = data.munis[c]
                    allocation, capacity = offers[(c, k)] + shares[(c, k)], data.capacity(c, k, p.name)
                    rows.append({
                        "code": c, "name": mu.name, "province": mu.province, "category": k, "year": p.year,
                        "period": p.name, "task": mu.task[k], "offer": offers[(c, k)], "binding": offers[(c, k)],
                        "counted": counted[(c, k)], "transfer": data.transfer(c, k, p.name),
                        "check": answers_to[k], "short": short[(c, answers_to[k])],
                        "restopgave_share": shares[(c, k)], "allocation": allocation, "capacity": capacity,
                        "periods": [{"period": p.name, "capacity": capacity, "feasible": allocation <= capacity}],
                        "feasible": allocation <= capacity, "exceeds_sites": max(0, allocation - capacity),
                    })
    # Per pool, task and period (as the tables read), municipalities in code order within each.
    pool_at = {c: i for i, codes in enumerate(pools.values()) for c in codes}
    period_at = {p.name: i for i, p in enumerate(data.periods)}
    pool_rows.sort(key=lambda r: (pool_at[pools[r["pool"]][0]], data.checks.index(r["category"]),
                                  period_at[r["period"]]))
    rows.sort(key=lambda r: (pool_at[r["code"]], TASKS.index(r["category"]), period_at[r["period"]]))
    v = Verdeelbesluit(data, national, rules.restopgave_cap_at_shortfall, rows, pool_rows,
                       AllocationCheck([], [], []), [])
    v.check = check_allocation(data, *v.allocation())
    balance: dict[tuple[str, str, str, int], list[int]] = {}
    for r in rows:
        for k in data.checks:
            if r["category"] in PARTS[k]:
                b = balance.setdefault((r["province"], k, r["period"], r["year"]), [0, 0, 0])
                b[0] += data.munis[r["code"]].task[k] if r["category"] == PARTS[k][0] else 0
                b[1] += r["offer"]
                b[2] += r["counted"]
    v.provinces = [
        {"province": prov, "category": k, "period": pn, "year": y, "task": t, "offers": o, "counted": n,
         "balance": n - t}
        for (prov, k, pn, y), (t, o, n) in sorted(balance.items())
    ]
    return v
