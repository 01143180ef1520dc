"""The allocation integer program: variables, one ``define_*`` per constraint family (goals in :mod:`.goals`).

Notation (all quantities are places, whole numbers):

- ``x[s,p]``      places of site s that count in period p (0 ≤ x ≤ cap[s,p], the planning data's places that can
                  count: 0 while s is unavailable or does not count)
- ``open[s]``     1 when a planned or candidate site s is opened (existing sites are committed, no variable)
- ``u[m,p]``      Ukraine places of municipality m in period p (0 ≤ u ≤ ambition)
- ``short[m,k,p]`` shortfall of m against its own task k ∈ {regular, amv} in period p
- ``over[m,k,p]`` new places (from opened sites) above what m needs to reach its own task
- ``ushort[m,p]`` Ukraine places below the target (an effort obligation: soft)

Every number comes from the :class:`planner.planning.PlanningData` (``m.data``): capacities, offers, committed
places, transfers and tasks are decided there once, never read back from the program. Every variable and row
carries a :class:`solvers.Label` (family, municipality, site, category, period, province).

Hard constraints are the families below; the goals are minimised one after the other (lexicographically) by
:mod:`planner.model.solve`, so an earlier goal is never traded for a later one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from planner.model.goals import SCALE, SPUK_UNIT, Goal, define_goals
from planner.model.program import ProgramBuilder, safe
from planner.planning import TASKS, Municipality, PlanningData
from planner.planning.data import Key
from planner.rules.counting import Period, is_spuk1_durable
from planner.rules.quota import QuotaResult
from planner.scenario.load import Scenario
from planner.scenario.schema import SiteRow
from solvers import Label

__all__ = ["SCALE", "SPUK_UNIT", "TASKS", "AllocationModel", "Goal", "build_model"]


@dataclass
class AllocationModel:
    """The built program plus the maps from domain keys to variable indices; the data it was built from is
    ``data`` (the scenario, tasks, periods, sites, offers, … are read from there)."""

    data: PlanningData
    builder: ProgramBuilder
    x: dict[tuple[str, str], int] = field(default_factory=dict)
    open: dict[str, int] = field(default_factory=dict)
    u: dict[tuple[str, str], int] = field(default_factory=dict)
    short: dict[tuple[str, str, str], int] = field(default_factory=dict)
    over: dict[tuple[str, str, str], int] = field(default_factory=dict)
    ushort: dict[tuple[str, str], int] = field(default_factory=dict)
    spuk1: dict[str, int] = field(default_factory=dict)
    spuk3: dict[str, int] = field(default_factory=dict)
    spuk_choice: dict[str, int] = field(default_factory=dict)
    spuk3_share: dict[str, int] = field(default_factory=dict)
    goals: list[Goal] = field(default_factory=list)

    # The planning data, under the names the model's readers use.
    @property
    def scenario(self) -> Scenario:
        return self.data.scenario

    @property
    def quota(self) -> QuotaResult:
        return self.data.quota

    @property
    def periods(self) -> tuple[Period, ...]:
        return self.data.periods

    @property
    def munis(self) -> Mapping[str, Municipality]:
        return self.data.munis

    @property
    def sites(self) -> Mapping[str, SiteRow]:
        return self.data.sites

    @property
    def site_task(self) -> Mapping[str, str]:
        return self.data.site_task

    @property
    def limits(self) -> Mapping[tuple[str, str, int], int]:
        """The stated offers per (code, task, year)."""
        return self.data.offers

    @property
    def committed(self) -> Mapping[Key, int]:
        return self.data.committed

    @property
    def transfers(self) -> Mapping[Key, int]:
        return self.data.transfers

    @property
    def provinces(self) -> list[str]:
        return self.data.provinces

    def sites_of(self, code: str, task: str | None = None) -> list[SiteRow]:
        return self.data.sites_of(code, task)

    def site_label(self, family: str, site: SiteRow, period: Period | None = None) -> Label:
        """The label of a per-site variable or row: its site, municipality, task category, period and province."""
        pname = None if period is None else period.name
        return Label(family, site.code, site.id, self.site_task[site.id], pname, self.munis[site.code].province)

    def muni_label(self, family: str, code: str, category: str | None, period: Period | str | None) -> Label:
        """The label of a per-municipality variable or row (``period`` a :class:`Period` or its name)."""
        pname = period.name if isinstance(period, Period) else period
        return Label(family, code, None, category, pname, self.munis[code].province)

    def places(self, code: str, task: str | None, period: Period) -> list[int]:
        """The ``x`` variables of the municipality's sites (for ``task``, when given) in the period."""
        return [self.x[(s.id, period.name)] for s in self.sites_of(code, task)]


# ---------------------------------------------------------------------------------------------------------------
# Constraint families, in the order build_model calls them


def define_site_places(m: AllocationModel) -> None:
    """``0 ≤ x[s,p] ≤ cap[s,p]``: the planning data's places that can count (0 while the site is unavailable in the
    period, ready only after the obligation date, or does not count: emergency places, durability)."""
    for s in m.sites.values():
        for p in m.periods:
            cap = m.data.site_capacity(s.id, p.name)
            m.x[(s.id, p.name)] = m.builder.var(safe("places", s.id, p.key), 0, cap, label=m.site_label("places", s, p))


def define_site_opening(m: AllocationModel) -> None:
    """For planned and candidate sites: ``min_s · open_s · avail ≤ x[s,p] ≤ cap[s,p] · open_s`` (a site is either
    closed or used at least at its minimum size while available)."""
    b = m.builder
    default_min = m.scenario.settings.rules.default_min_places
    for s in m.sites.values():
        if m.data.is_committed(s):
            continue
        o = b.var(safe("open", s.id), 0, 1, label=m.site_label("open", s))
        m.open[s.id] = o
        lo = min(s.min_places if s.min_places is not None else default_min, s.places)
        for p in m.periods:
            xi, cap = m.x[(s.id, p.name)], m.data.site_capacity(s.id, p.name)
            label = m.site_label("site_capacity", s, p)
            b.row(safe("site_capacity", s.id, p.key), "site_capacity", [xi, o], [1, -cap], ub=0, label=label)
            if cap > 0 and lo > 0:
                label = m.site_label("site_minimum", s, p)
                b.row(safe("site_minimum", s.id, p.key), "site_minimum", [xi, o], [1, -lo], lb=0, label=label)


def define_committed_places(m: AllocationModel) -> None:
    """Existing sites are committed: ``Σ_{existing s in m,k} x[s,p] ≥ committed[m,k,p]``, the planning data's
    ``min(Σ cap available, offer[m,k,year])``. They keep all their places while available, up to the offer."""
    for code in m.munis:
        for k in TASKS:
            for p in m.periods:
                need = m.committed.get((code, k, p.name), 0)
                if need <= 0:
                    continue
                idx = [m.x[(s.id, p.name)] for s in m.sites_of(code, k) if m.data.is_committed(s)]
                label = m.muni_label("committed_places", code, k, p)
                m.builder.row(safe("committed_places", code, k, p.key), "committed_places", idx, [1] * len(idx),
                              lb=need, label=label)


def define_offer_limits(m: AllocationModel) -> None:
    """``Σ_{s in m,k} x[s,p] ≤ offer[m,k,year(p)]``: a municipality never gets more than it stated (aanbod)."""
    for code in m.munis:
        for k in TASKS:
            if not m.sites_of(code, k):
                continue
            for p in m.periods:
                limit = m.data.offer(code, k, p.year)
                if limit is None:
                    continue
                idx = m.places(code, k, p)
                label = m.muni_label("offer_limit", code, k, p)
                m.builder.row(safe("offer_limit", code, k, p.key), "offer_limit", idx, [1] * len(idx), ub=limit,
                              label=label)


def define_provincial_closure(m: AllocationModel) -> None:
    """``Σ_{m in province} Σ_{s in m,k} x[s,p] ≥ Σ task[m,k]`` for every check k and period: the province closes
    (sluitend). The checks are {regular, amv} (``rules.counting = separate``) or {total, amv} (``total``: every
    place against the total task, the AMV task as a sub-check). Special places count toward the regular task when
    rules.special_counts_toward_regular."""
    for prov in m.provinces:
        codes = m.data.codes_in(prov)
        for k in m.data.checks:
            need = m.data.province_task(prov, k)
            for p in m.periods:
                idx = [i for c in codes for i in m.places(c, k, p)]
                label = Label("province_total", category=k, period=p.name, province=prov)
                m.builder.row(safe("province_total", prov, k, p.key), "province_total", idx, [1] * len(idx),
                              lb=need, label=label)


def define_ukraine(m: AllocationModel) -> None:
    """``min(realised, ambition) ≤ u[m,p] ≤ ambition`` (the ambition is the stated limit; places already there stay,
    unless the ambition is lower: a ``ukraine_ambition_below_realised`` notice names it) and
    ``ushort[m,p] ≥ target − transfer[m,ukraine,p] − u[m,p]`` (an effort obligation: soft, minimised as a goal;
    recorded Ukraine transfers count for the receiver). Left out without Ukraine data (``data.has_ukraine``)."""
    b = m.builder
    if not m.data.has_ukraine:
        return
    for code, mu in m.munis.items():
        if mu.ukraine_target <= 0 and not mu.ukraine_ambition:
            continue
        ub = mu.ukraine_ambition if mu.ukraine_ambition is not None else mu.ukraine_target
        lb = min(mu.ukraine_realised or 0, ub)
        for p in m.periods:
            ui = b.var(safe("ukraine", code, p.key), lb, ub, label=m.muni_label("ukraine", code, "ukraine", p))
            m.u[(code, p.name)] = ui
            label = m.muni_label("ukraine_short", code, "ukraine", p)
            si = b.var(safe("ukraine_short", code, p.key), 0, max(0, mu.ukraine_target), label=label)
            m.ushort[(code, p.name)] = si
            label = m.muni_label("ukraine_target", code, "ukraine", p)
            need = mu.ukraine_target - m.data.transfer(code, "ukraine", p.name)
            b.row(safe("ukraine_target", code, p.key), "ukraine_target", [ui, si], [1, 1], lb=need, label=label)


def define_municipal_shortfall(m: AllocationModel) -> None:
    """``short[m,k,p] ≥ task[m,k] − Σ_{s in m,k} x[s,p] − transfer[m,k,p] (− rate · uexcess[m,p] for the first check,
    regular or total, when ukraine_exchange)``, for every check k (``rules.counting``): how far a municipality stays
    below its own task. With the exchange on, Ukraine places above the target stand in for asylum places in this
    fairness measure only; the provincial totals stay hard."""
    b = m.builder
    rules = m.scenario.settings.rules
    first = m.data.checks[0]
    for code, mu in m.munis.items():
        for k in m.data.checks:
            task = mu.task[k]
            if task <= 0:
                continue
            for p in m.periods:
                idx = m.places(code, k, p)
                coefs: list[float] = [1] * len(idx)
                si = b.var(safe("short", code, k, p.key), 0, task, label=m.muni_label("short", code, k, p))
                m.short[(code, k, p.name)] = si
                ub = mu.ukraine_ambition if mu.ukraine_ambition is not None else mu.ukraine_target
                # Only where places above the target are possible: uexcess ≤ u − target needs u ≥ target, which an
                # ambition below the target (Westerveld: 102 of 226) can never give — that made the exchange
                # infeasible for the whole province.
                if k == first and rules.ukraine_exchange and (code, p.name) in m.u and ub > mu.ukraine_target:
                    ui = m.u[(code, p.name)]
                    label = m.muni_label("ukraine_excess", code, "ukraine", p)
                    ex = b.var(safe("ukraine_excess", code, p.key), 0, ub, label=label)
                    label = m.muni_label("ukraine_exchange", code, "ukraine", p)
                    b.row(safe("ukraine_excess_def", code, p.key), "ukraine_exchange", [ex, ui], [1, -1],
                          ub=-mu.ukraine_target, label=label)
                    idx.append(ex)
                    coefs.append(rules.ukraine_exchange_rate)
                rhs = task - m.data.transfer(code, k, p.name)
                label = m.muni_label("own_task", code, k, p)
                b.row(safe("own_task", code, k, p.key), "own_task", [*idx, si], [*coefs, 1], lb=rhs, label=label)


def define_new_surplus(m: AllocationModel) -> None:
    """``over[m,k,p] ≥ Σ_{opened s in m,k} x[s,p] − max(0, task − committed)``: places from newly opened sites beyond
    what the municipality needs for its own task — the surplus that closing the province asks of it (per check)."""
    b = m.builder
    for code, mu in m.munis.items():
        for k in m.data.checks:
            new = [s for s in m.sites_of(code, k) if s.id in m.open]
            if not new:
                continue
            for p in m.periods:
                idx = [m.x[(s.id, p.name)] for s in new]
                room = max(0, mu.task[k] - m.data.committed_places(code, k, p.name))
                most = sum(m.data.site_capacity(s.id, p.name) for s in new)
                oi = b.var(safe("over", code, k, p.key), 0, most, label=m.muni_label("over", code, k, p))
                m.over[(code, k, p.name)] = oi
                label = m.muni_label("new_surplus", code, k, p)
                b.row(safe("new_surplus", code, k, p.key), "new_surplus", [*idx, oi], [*([1] * len(idx)), -1],
                      ub=room, label=label)


def define_spuk(m: AllocationModel) -> None:
    """SPUK in the model (goal 4): per municipality a choice between SPUK 1 (``y1_m``) and SPUK 3 (``y3_m``), never
    both (``y1_m + y3_m ≤ 1``: no stacking). SPUK 1 is counted in places, ``p1_m ≤ Σ durable x − own total task``
    when chosen (``p1_m ≤ Σx − T + T·(1 − y1_m)``, ``p1_m ≤ P·y1_m``), and paid ``rate · p1_m``; SPUK 3 pays
    ``share_m · y3_m`` with ``share_m`` the municipality's share of the pot when every municipality takes it (an
    estimate: the exact, interdependent shares are computed afterwards by :mod:`planner.rules.spuk`). SPUK 2
    (rate × AMV places) is linear in x and needs no variables. Reference period: spuk.reference_period.

    The rows are in places, not euros: euro-sized big-M coefficients (10^6) made HiGHS misjudge feasibility on
    national instances; euros appear only in the goal's objective."""
    settings = m.scenario.settings
    spuk, cycle = settings.spuk, settings.cycle
    if not spuk.in_model or not m.periods:
        return
    b = m.builder
    ref = m.periods[min(spuk.reference_period, len(m.periods) - 1)]
    key_total = 0.0
    keys: dict[str, float] = {}
    for code, mu in m.munis.items():
        cap = sum(m.data.site_capacity(s.id, ref.name) for s in m.sites_of(code))
        keys[code] = {"places": cap, "task": mu.task_total, "equal": 1.0 if cap > 0 else 0.0}[spuk.spuk3_key.value]
        key_total += keys[code]
    for code, mu in m.munis.items():
        durable = [
            s for s in m.sites_of(code) if s.category in spuk.spuk1_categories and is_spuk1_durable(s, cycle, spuk)
        ]
        total_task = mu.task_total
        share = math.floor(spuk.spuk3_pot * keys[code] / key_total) if key_total > 0 else 0
        max_places = max(0, sum(m.data.site_capacity(s.id, ref.name) for s in durable) - total_task)
        if (max_places <= 0 or spuk.spuk1_rate <= 0) and share <= 0:
            continue
        y1 = b.var(safe("spuk1_choice", code), 0, 1 if max_places > 0 else 0,
                   label=m.muni_label("spuk1_choice", code, None, ref))
        y3 = b.var(safe("spuk3_choice", code), 0, 1 if share > 0 else 0,
                   label=m.muni_label("spuk3_choice", code, None, ref))
        p1 = b.var(safe("spuk1_places", code), 0, max_places, label=m.muni_label("spuk1_places", code, None, ref))
        m.spuk_choice[code], m.spuk1[code], m.spuk3[code] = y1, p1, y3
        m.spuk3_share[code] = share
        idx = [m.x[(s.id, ref.name)] for s in durable]
        b.row(safe("spuk_no_stacking", code), "spuk", [y1, y3], [1, 1], ub=1,
              label=m.muni_label("spuk_no_stacking", code, None, ref))
        b.row(safe("spuk1_above_task", code), "spuk", [p1, *idx, y1], [1, *([-1] * len(idx)), total_task], ub=0,
              label=m.muni_label("spuk1_above_task", code, None, ref))
        b.row(safe("spuk1_if_chosen", code), "spuk", [p1, y1], [1, -max_places], ub=0,
              label=m.muni_label("spuk1_if_chosen", code, None, ref))


def build_model(
    scenario: Scenario, quota: QuotaResult | None = None, data: PlanningData | None = None
) -> AllocationModel:
    """Build the allocation program for the scenario's provinces (scope), families in a fixed, readable order.
    ``data``: the planning data when the caller already has it (else computed from the scenario)."""
    data = data or PlanningData.from_scenario(scenario, quota)
    m = AllocationModel(data=data, builder=ProgramBuilder(safe("allocation", scenario.name)))
    define_site_places(m)
    define_site_opening(m)
    define_offer_limits(m)
    define_committed_places(m)
    define_provincial_closure(m)
    define_ukraine(m)
    define_municipal_shortfall(m)
    define_new_surplus(m)
    define_spuk(m)
    define_goals(m)
    return m


