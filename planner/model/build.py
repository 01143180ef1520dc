"""The allocation integer program: variables, one ``define_*`` per constraint family, and the goals.

Notation (all quantities are places, whole numbers):

- ``x[s,p]``      places of site s that count in period p (0 ≤ x ≤ cap_s while s is available and counts, else 0)
- ``open[s]``     1 when a planned or candidate site s is opened (existing sites are committed, no variable)
- ``u[m,p]``      Ukraine places of municipality m in period p (0 ≤ u ≤ ambition)
- ``short[m,k,p]`` shortfall of m against its own task k ∈ {regular, amv} in period p
- ``over[m,k,p]`` new places (from opened sites) above what m needs to reach its own task
- ``ushort[m,p]`` Ukraine places below the target (an effort obligation: soft)

Hard constraints are the families below; the goals are minimised one after the other (lexicographically) by
:mod:`planner.model.solve`, so an earlier goal is never traded for a later one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from planner.model.program import ProgramBuilder, safe
from planner.rules.counting import Period, available_in, counts, is_spuk1_durable, periods, task_category
from planner.rules.quota import QuotaResult, compute_quota
from planner.scenario.load import Scenario
from planner.scenario.schema import SiteRow, SiteStatus
from solvers import Label

TASKS = ("regular", "amv")
SCALE = 1000
SPUK_UNIT = 1000
"""SPUK euros are counted in the model in units of (at most) € 1.000; see define_goals."""
"""Relative shortfalls are measured in per mille of the task (integers keep every backend, CP-SAT too, exact)."""


@dataclass(frozen=True)
class Muni:
    code: str
    name: str
    province: str
    task: dict[str, int]
    ukraine_target: int
    ukraine_ambition: int | None
    ukraine_realised: int | None
    rural: bool | None


@dataclass
class Goal:
    """One goal: minimise ``Σ coef·var``; ``unit`` says what one unit of the objective means.

    ``sense`` is what the goal means for users (``maximise`` goals such as SPUK are stored negated, so the program
    still minimises); ``kind`` is ``max`` for a min–max goal (one variable bounding a set of terms from above,
    e.g. the largest relative shortfall) and ``sum`` otherwise. Both are declared here, never inferred."""

    name: str
    terms: dict[int, float]
    unit: str
    description: str
    sense: Literal["minimise", "maximise"] = "minimise"
    kind: Literal["sum", "max"] = "sum"


@dataclass
class AllocationModel:
    """The built program plus the maps needed to read a solution back in the users' terms."""

    scenario: Scenario
    quota: QuotaResult
    periods: tuple[Period, ...]
    munis: dict[str, Muni]
    sites: dict[str, SiteRow]
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
    committed: dict[tuple[str, str, str], int] = field(default_factory=dict)
    limits: dict[tuple[str, str, int], int] = field(default_factory=dict)
    transfers: dict[tuple[str, str, str], int] = field(default_factory=dict)
    goals: list[Goal] = field(default_factory=list)
    site_task: dict[str, str] = field(default_factory=dict)

    def site_label(self, family: str, site: SiteRow, period: Period | None = None) -> Label:
        """The label of a per-site variable or row: its site, municipality, task category, period and province."""
        return Label(
            family,
            site.code,
            site.id,
            self.site_task[site.id],
            None if period is None else period.name,
            self.munis[site.code].province,
        )

    def muni_label(self, family: str, code: str, category: str | None, period: Period | str | None) -> Label:
        """The label of a per-municipality variable or row (``period`` a :class:`Period` or its name)."""
        pname = period.name if isinstance(period, Period) else period
        return Label(family, code, None, category, pname, self.munis[code].province)

    @property
    def provinces(self) -> list[str]:
        return sorted({m.province for m in self.munis.values()})

    _sites_index: dict[tuple[str, str | None], list[SiteRow]] = field(default_factory=dict, init=False, repr=False)

    def sites_of(self, code: str, task: str | None = None) -> list[SiteRow]:
        # Indexed once (sites and site_task are complete before the first define_* call): scanning every site for
        # every municipality made building quadratic, 1.7 s of the national build.
        if not self._sites_index:
            for s in self.sites.values():
                for key in ((s.code, None), (s.code, self.site_task[s.id])):
                    self._sites_index.setdefault(key, []).append(s)
        return list(self._sites_index.get((code, task), []))


# ---------------------------------------------------------------------------------------------------------------
# Data preparation


def _scope_munis(scenario: Scenario, quota: QuotaResult) -> dict[str, Muni]:
    scope = set(scenario.settings.scope)
    rural_classes = set(scenario.settings.rules.rural_stedelijkheid)
    rows = {m.code: m for m in scenario.municipalities}
    out: dict[str, Muni] = {}
    for q in quota.rows:
        if scope and q.province not in scope:
            continue
        row = rows[q.code]
        out[q.code] = Muni(
            code=q.code,
            name=q.name,
            province=q.province,
            task={"regular": q.task_regular, "amv": q.task_amv},
            ukraine_target=q.ukraine_target,
            ukraine_ambition=row.ukraine_ambition,
            ukraine_realised=row.ukraine_realised,
            rural=None if row.stedelijkheid is None else row.stedelijkheid in rural_classes,
        )
    return out


def _is_committed(site: SiteRow, scenario: Scenario) -> bool:
    return site.status is SiteStatus.EXISTING and scenario.settings.rules.existing_committed


# ---------------------------------------------------------------------------------------------------------------
# Constraint families, in the order build_model calls them


def define_site_places(m: AllocationModel) -> None:
    """``0 ≤ x[s,p] ≤ cap_s · avail[s,p]``: a site counts only in periods it is available for (rules.availability)
    and only if the counting rules let it count (emergency places, durability)."""
    cycle, rules = m.scenario.settings.cycle, m.scenario.settings.rules
    b = m.builder
    for s in m.sites.values():
        ok = counts(s, cycle, rules)
        for p in m.periods:
            cap = s.places if ok and available_in(s, p, cycle, rules.availability) else 0
            m.x[(s.id, p.name)] = b.var(safe("places", s.id, p.key), 0, cap, True, label=m.site_label("places", s, p))


def define_site_opening(m: AllocationModel) -> None:
    """For planned and candidate sites: ``min_s · open_s · avail ≤ x[s,p] ≤ cap_s · open_s`` (a site is either
    closed or used at least at its minimum size while available)."""
    b = m.builder
    default_min = m.scenario.settings.rules.default_min_places
    for s in m.sites.values():
        if _is_committed(s, m.scenario):
            continue
        o = b.var(safe("open", s.id), 0, 1, True, label=m.site_label("open", s))
        m.open[s.id] = o
        lo = min(s.min_places if s.min_places is not None else default_min, s.places)
        for p in m.periods:
            xi = m.x[(s.id, p.name)]
            cap = b.var_ub[xi]
            b.row(
                safe("site_capacity", s.id, p.key),
                "site_capacity",
                [xi, o],
                [1, -cap],
                ub=0,
                label=m.site_label("site_capacity", s, p),
            )
            if cap > 0 and lo > 0:
                b.row(
                    safe("site_minimum", s.id, p.key),
                    "site_minimum",
                    [xi, o],
                    [1, -lo],
                    lb=0,
                    label=m.site_label("site_minimum", s, p),
                )


def define_committed_places(m: AllocationModel) -> None:
    """Existing sites are committed: ``Σ_{existing s in m,k} x[s,p] ≥ min(Σ cap available, offer[m,k,year])``.
    They keep all their places while available, up to what the municipality offers."""
    b = m.builder
    for code in m.munis:
        for k in TASKS:
            sites = [s for s in m.sites_of(code, k) if _is_committed(s, m.scenario)]
            if not sites:
                continue
            for p in m.periods:
                idx = [m.x[(s.id, p.name)] for s in sites]
                cap = sum(b.var_ub[i] for i in idx)
                limit = m.limits.get((code, k, p.year))
                need = cap if limit is None else min(cap, limit)
                if need > 0:
                    m.committed[(code, k, p.name)] = int(need)
                    b.row(
                        safe("committed_places", code, k, p.key),
                        "committed_places",
                        idx,
                        [1] * len(idx),
                        lb=need,
                        label=m.muni_label("committed_places", code, k, p),
                    )


def define_offer_limits(m: AllocationModel) -> None:
    """``Σ_{s in m,k} x[s,p] ≤ offer[m,k,year(p)]``: a municipality never gets more than it stated (aanbod)."""
    b = m.builder
    for code in m.munis:
        for k in TASKS:
            sites = m.sites_of(code, k)
            for p in m.periods:
                limit = m.limits.get((code, k, p.year))
                if limit is None or not sites:
                    continue
                idx = [m.x[(s.id, p.name)] for s in sites]
                b.row(
                    safe("offer_limit", code, k, p.key),
                    "offer_limit",
                    idx,
                    [1] * len(idx),
                    ub=limit,
                    label=m.muni_label("offer_limit", code, k, p),
                )


def define_provincial_closure(m: AllocationModel) -> None:
    """``Σ_{m in province} Σ_{s in m,k} x[s,p] ≥ Σ task[m,k]`` for k ∈ {regular, amv} and every period: the province
    closes (sluitend). Special places count toward the regular task when rules.special_counts_toward_regular."""
    b = m.builder
    for prov in m.provinces:
        codes = [c for c, mu in m.munis.items() if mu.province == prov]
        for k in TASKS:
            need = sum(m.munis[c].task[k] for c in codes)
            for p in m.periods:
                idx = [m.x[(s.id, p.name)] for c in codes for s in m.sites_of(c, k)]
                b.row(
                    safe("province_total", prov, k, p.key),
                    "province_total",
                    idx,
                    [1] * len(idx),
                    lb=need,
                    label=Label("province_total", category=k, period=p.name, province=prov),
                )


def define_ukraine(m: AllocationModel) -> None:
    """``min(realised, ambition) ≤ u[m,p] ≤ ambition`` (the ambition is the stated limit; places already there stay)
    and ``ushort[m,p] ≥ target − u[m,p]`` (an effort obligation: soft, minimised as a goal)."""
    b = m.builder
    for code, mu in m.munis.items():
        if mu.ukraine_target <= 0 and not mu.ukraine_ambition:
            continue
        ub = mu.ukraine_ambition if mu.ukraine_ambition is not None else mu.ukraine_target
        lb = min(mu.ukraine_realised or 0, ub)
        for p in m.periods:
            ui = b.var(safe("ukraine", code, p.key), lb, ub, True, label=m.muni_label("ukraine", code, "ukraine", p))
            m.u[(code, p.name)] = ui
            si = b.var(
                safe("ukraine_short", code, p.key),
                0,
                max(0, mu.ukraine_target),
                True,
                label=m.muni_label("ukraine_short", code, "ukraine", p),
            )
            m.ushort[(code, p.name)] = si
            b.row(
                safe("ukraine_target", code, p.key),
                "ukraine_target",
                [ui, si],
                [1, 1],
                lb=mu.ukraine_target,
                label=m.muni_label("ukraine_target", code, "ukraine", p),
            )


def define_transfers(m: AllocationModel) -> None:
    """Recorded transfers (uitruil): places in one municipality count toward another's task, fixed amounts."""
    for t in m.scenario.transfers:
        if t.from_code not in m.munis or t.to_code not in m.munis:
            continue
        k = "amv" if t.category.value == "amv" else "regular"
        if t.category.value == "ukraine":
            continue
        for p in m.periods:
            if t.year is not None and t.year != p.year:
                continue
            m.transfers[(t.from_code, k, p.name)] = m.transfers.get((t.from_code, k, p.name), 0) - t.places
            m.transfers[(t.to_code, k, p.name)] = m.transfers.get((t.to_code, k, p.name), 0) + t.places


def define_municipal_shortfall(m: AllocationModel) -> None:
    """``short[m,k,p] ≥ task[m,k] − Σ_{s in m,k} x[s,p] − transfer[m,k,p] (− rate · uexcess[m,p] for k = regular when
    ukraine_exchange)``: how far a municipality stays below its own task. With the exchange on, Ukraine places above
    the target stand in for asylum places in this fairness measure only; the provincial totals stay hard."""
    b = m.builder
    rules = m.scenario.settings.rules
    for code, mu in m.munis.items():
        for k in TASKS:
            task = mu.task[k]
            if task <= 0:
                continue
            for p in m.periods:
                idx = [m.x[(s.id, p.name)] for s in m.sites_of(code, k)]
                coefs: list[float] = [1] * len(idx)
                si = b.var(safe("short", code, k, p.key), 0, task, True, label=m.muni_label("short", code, k, p))
                m.short[(code, k, p.name)] = si
                if k == "regular" and rules.ukraine_exchange and (code, p.name) in m.u:
                    ex = b.var(
                        safe("ukraine_excess", code, p.key),
                        0,
                        b.var_ub[m.u[(code, p.name)]],
                        True,
                        label=m.muni_label("ukraine_excess", code, "ukraine", p),
                    )
                    b.row(
                        safe("ukraine_excess_def", code, p.key),
                        "ukraine_exchange",
                        [ex, m.u[(code, p.name)]],
                        [1, -1],
                        ub=-mu.ukraine_target,
                        label=m.muni_label("ukraine_exchange", code, "ukraine", p),
                    )
                    idx.append(ex)
                    coefs.append(rules.ukraine_exchange_rate)
                rhs = task - m.transfers.get((code, k, p.name), 0)
                b.row(
                    safe("own_task", code, k, p.key),
                    "own_task",
                    [*idx, si],
                    [*coefs, 1],
                    lb=rhs,
                    label=m.muni_label("own_task", code, k, p),
                )


def define_new_surplus(m: AllocationModel) -> None:
    """``over[m,k,p] ≥ Σ_{opened s in m,k} x[s,p] − max(0, task − committed)``: places from newly opened sites beyond
    what the municipality needs for its own task — the surplus that closing the province asks of it."""
    b = m.builder
    for code, mu in m.munis.items():
        for k in TASKS:
            new = [s for s in m.sites_of(code, k) if s.id in m.open]
            if not new:
                continue
            for p in m.periods:
                idx = [m.x[(s.id, p.name)] for s in new]
                room = max(0, mu.task[k] - m.committed.get((code, k, p.name), 0))
                oi = b.var(
                    safe("over", code, k, p.key),
                    0,
                    sum(b.var_ub[i] for i in idx),
                    True,
                    label=m.muni_label("over", code, k, p),
                )
                m.over[(code, k, p.name)] = oi
                b.row(
                    safe("new_surplus", code, k, p.key),
                    "new_surplus",
                    [*idx, oi],
                    [*([1] * len(idx)), -1],
                    ub=room,
                    label=m.muni_label("new_surplus", code, k, p),
                )


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
        total_task = mu.task["regular"] + mu.task["amv"]
        cap = sum(b.var_ub[m.x[(s.id, ref.name)]] for s in m.sites_of(code))
        keys[code] = {"places": cap, "task": total_task, "equal": 1.0 if cap > 0 else 0.0}[spuk.spuk3_key.value]
        key_total += keys[code]
    for code, mu in m.munis.items():
        durable = [
            s for s in m.sites_of(code) if s.category in spuk.spuk1_categories and is_spuk1_durable(s, cycle, spuk)
        ]
        total_task = mu.task["regular"] + mu.task["amv"]
        share = math.floor(spuk.spuk3_pot * keys[code] / key_total) if key_total > 0 else 0
        max_places = max(0, int(sum(b.var_ub[m.x[(s.id, ref.name)]] for s in durable)) - total_task)
        if (max_places <= 0 or spuk.spuk1_rate <= 0) and share <= 0:
            continue
        y1 = b.var(
            safe("spuk1_choice", code),
            0,
            1 if max_places > 0 else 0,
            True,
            label=m.muni_label("spuk1_choice", code, None, ref),
        )
        y3 = b.var(
            safe("spuk3_choice", code),
            0,
            1 if share > 0 else 0,
            True,
            label=m.muni_label("spuk3_choice", code, None, ref),
        )
        p1 = b.var(safe("spuk1_places", code), 0, max_places, True, label=m.muni_label("spuk1_places", code, None, ref))
        m.spuk_choice[code], m.spuk1[code], m.spuk3[code] = y1, p1, y3
        m.spuk3_share[code] = share
        idx = [m.x[(s.id, ref.name)] for s in durable]
        b.row(
            safe("spuk_no_stacking", code),
            "spuk",
            [y1, y3],
            [1, 1],
            ub=1,
            label=m.muni_label("spuk_no_stacking", code, None, ref),
        )
        b.row(
            safe("spuk1_above_task", code),
            "spuk",
            [p1, *idx, y1],
            [1, *([-1] * len(idx)), total_task],
            ub=0,
            label=m.muni_label("spuk1_above_task", code, None, ref),
        )
        b.row(
            safe("spuk1_if_chosen", code),
            "spuk",
            [p1, y1],
            [1, -max_places],
            ub=0,
            label=m.muni_label("spuk1_if_chosen", code, None, ref),
        )


# ---------------------------------------------------------------------------------------------------------------
# Goals


def define_goals(m: AllocationModel) -> None:
    """The goals in the scenario's priority order (default: fairness, ukraine, small units, SPUK, fewer sites).

    Fairness is itself three lexicographic steps: (1) the largest relative shortfall of any municipality against
    its own task (per mille), so a shortfall is shared in proportion to tasks, never dumped on one municipality;
    (2) the total shortfall in places; (3) the largest relative surplus from newly opened sites, so extra places
    needed to close the province are spread in proportion to tasks too.
    """
    b = m.builder
    settings = m.scenario.settings
    goals: list[Goal] = []
    for name in settings.goals.order:
        if name == "fairness":
            if m.short:
                z = b.var("max_relative_shortfall", 0, SCALE, True, label=Label("max_relative_shortfall"))
                for (code, k, pname), si in m.short.items():
                    task = m.munis[code].task[k]
                    b.row(
                        safe("shortfall_share", code, k, pname),
                        "fairness",
                        [si, z],
                        [SCALE, -task],
                        ub=0,
                        label=m.muni_label("shortfall_share", code, k, pname),
                    )
                goals.append(
                    Goal(
                        "fairness_max_shortfall",
                        {z: 1.0},
                        "‰ of own task",
                        "largest shortfall of a municipality against its own task, relative to that task",
                        kind="max",
                    )
                )
                goals.append(
                    Goal(
                        "fairness_total_shortfall",
                        dict.fromkeys(m.short.values(), 1.0),
                        "places",
                        "total shortfall of municipalities against their own tasks",
                    )
                )
            if m.over:
                most = max(b.var_ub[oi] * SCALE / max(1, m.munis[c].task[k]) for (c, k, _), oi in m.over.items())
                z2 = b.var(
                    "max_relative_new_surplus", 0, math.ceil(most), True, label=Label("max_relative_new_surplus")
                )
                for (code, k, pname), oi in m.over.items():
                    task = max(1, m.munis[code].task[k])
                    b.row(
                        safe("surplus_share", code, k, pname),
                        "fairness",
                        [oi, z2],
                        [SCALE, -task],
                        ub=0,
                        label=m.muni_label("surplus_share", code, k, pname),
                    )
                goals.append(
                    Goal(
                        "fairness_max_new_surplus",
                        {z2: 1.0},
                        "‰ of own task",
                        "largest surplus from newly opened sites, relative to the municipality's task",
                        kind="max",
                    )
                )
        elif name == "ukraine" and m.ushort:
            goals.append(
                Goal(
                    "ukraine_shortfall",
                    dict.fromkeys(m.ushort.values(), 1.0),
                    "places",
                    "Ukraine places below target (effort obligation)",
                )
            )
        elif name == "small_units":
            terms: dict[int, float] = {}
            small_max = settings.rules.small_scale_max_places
            for s in m.sites.values():
                mu = m.munis[s.code]
                weight = (1 if s.places > small_max else 0) + (1 if mu.rural is False else 0)
                if weight:
                    for p in m.periods:
                        terms[m.x[(s.id, p.name)]] = float(weight)
            if terms:
                goals.append(
                    Goal(
                        "small_units",
                        terms,
                        "place-points",
                        "places in large sites (> small-scale threshold) plus places in urban "
                        "municipalities, each counted once",
                    )
                )
        elif name == "spuk" and (m.spuk1 or m.spuk3):
            spuk = settings.spuk
            ref = m.periods[min(spuk.reference_period, len(m.periods) - 1)]
            # Counted in units of `unit` euros (€ 1.000 with the default rates): once fixed, this goal becomes a
            # row, and euro-sized coefficients (shares up to 10^6 next to 1) slowed every later goal about 3× on
            # national instances. The in-model SPUK 3 shares are estimates anyway, so they are rounded down to
            # whole units; the exact euros are computed from the plan by planner.rules.spuk.
            unit = math.gcd(SPUK_UNIT, spuk.spuk1_rate or SPUK_UNIT, spuk.spuk2_rate or SPUK_UNIT)
            terms = {i: -float(spuk.spuk1_rate // unit) for i in m.spuk1.values()}
            terms.update({m.spuk3[c]: -float(m.spuk3_share[c] // unit) for c in m.spuk3})
            for s in m.sites.values():
                if s.category in spuk.spuk2_categories and spuk.spuk2_rate:
                    xi = m.x[(s.id, ref.name)]
                    terms[xi] = terms.get(xi, 0.0) - spuk.spuk2_rate // unit
            label = "k€" if unit == 1000 else f"× € {unit}"
            goals.append(
                Goal(
                    "spuk",
                    terms,
                    f"−{label} (model estimate)",
                    f"SPUK 1 + 2 + 3 in units of € {unit}, maximised; SPUK 3 shares estimated in the "
                    "model (the exact euros are computed from the plan by planner.rules.spuk)",
                    sense="maximise",
                )
            )
        elif name == "fewer_sites" and m.open:
            goals.append(Goal("fewer_sites", dict.fromkeys(m.open.values(), 1.0), "sites", "number of sites opened"))
    # Stable tie-breaking, always last: among plans equal on every goal, the one with the fewest places that are
    # not fixed (Ukraine places above what the goals need, places in opened sites), and among those the one that
    # prefers earlier CBS codes / site ids. Distinct integer weights make the optimum unique in practice, so every
    # backend returns the same plan and a re-run returns the same plan.
    free = [
        i
        for i in (*m.u.values(), *(m.x[(sid, p.name)] for sid in m.open for p in m.periods))
        if b.var_ub[i] > b.var_lb[i]
    ]
    if free:
        n = len(free)
        goals.append(
            Goal(
                "tie_break",
                {i: float(n + r) for r, i in enumerate(sorted(free))},
                "weighted places",
                "stable tie-breaking: fewest free places, earlier codes first",
            )
        )
    m.goals = goals


def build_model(scenario: Scenario, quota: QuotaResult | None = None) -> AllocationModel:
    """Build the allocation program for the scenario's provinces (scope), families in a fixed, readable order."""
    quota = quota or compute_quota(scenario)
    munis = _scope_munis(scenario, quota)
    cycle, rules = scenario.settings.cycle, scenario.settings.rules
    sites = {s.id: s for s in sorted(scenario.sites, key=lambda s: (s.code, s.id)) if s.code in munis}
    limits: dict[tuple[str, str, int], int] = defaultdict(int)
    for o in scenario.offers:
        if o.code in munis and o.category.value in TASKS:
            limits[(o.code, o.category.value, o.year)] += o.places
    m = AllocationModel(
        scenario=scenario,
        quota=quota,
        periods=periods(cycle),
        munis=munis,
        sites=sites,
        builder=ProgramBuilder(safe("allocation", scenario.name)),
        limits=dict(limits),
    )
    for s in sites.values():
        k = task_category(s.category, rules)
        m.site_task[s.id] = k if k is not None else "none"
    define_site_places(m)
    define_site_opening(m)
    define_offer_limits(m)
    define_committed_places(m)
    define_provincial_closure(m)
    define_ukraine(m)
    define_transfers(m)
    define_municipal_shortfall(m)
    define_new_surplus(m)
    define_spuk(m)
    define_goals(m)
    return m
