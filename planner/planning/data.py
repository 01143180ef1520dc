"""The planning data: everything the rules decide before any optimisation, computed once from a validated scenario.

``PlanningData.from_scenario(scenario)`` is the one truth the model, the plan extraction and every journey read:

- ``periods``: the cycle's periods (:func:`planner.rules.counting.periods`);
- ``munis``: per municipality in scope its province, tasks (regular, AMV), Ukraine target/ambition/realised and
  whether it is rural (:class:`Municipality`);
- ``sites`` and ``site_task``: the sites in scope and the task each counts toward (``regular``, ``amv``,
  ``ukraine`` or ``none``);
- ``site_periods``: per site and period the places that can count and, when none can, why not
  (:class:`SitePeriod`: counting rules, availability, obligation date, durability);
- ``offers`` (per municipality, task and year), ``committed`` and ``transfers`` (per municipality, task and period);
- lookups: :meth:`~PlanningData.capacity`, :meth:`~PlanningData.most_possible`, :meth:`~PlanningData.offer`,
  :meth:`~PlanningData.transfer`, :meth:`~PlanningData.sites_of`, :meth:`~PlanningData.lost_sites`,
  :meth:`~PlanningData.province_task`, :meth:`~PlanningData.codes_in`.

Keys: municipalities by CBS code (``GM0106``), sites by id, tasks ``regular``/``amv``, periods by name (``2025``),
offers by calendar year. All values are whole places. The object is frozen: nothing downstream changes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from planner.rules.counting import (
    Period,
    assumed_ready,
    available_in,
    not_counting_reason,
    periods,
    site_end,
    site_start,
    task_category,
)
from planner.rules.quota import QuotaResult, compute_quota
from planner.scenario.load import Scenario
from planner.scenario.schema import SiteRow, SiteStatus

TASKS = ("regular", "amv")
"""The two asylum tasks a place can count toward."""

PARTS: Mapping[str, tuple[str, ...]] = MappingProxyType({"regular": ("regular",), "amv": ("amv",),
                                                         "total": ("regular", "amv"), "ukraine": ("ukraine",)})
"""The tasks a check covers: ``total`` (the ``rules.counting = total`` reading) is regular and AMV together."""

Key = tuple[str, str, str]
"""(CBS code, task, period name)."""

WhyNot = Literal["emergency", "not_durable", "ended", "ends", "starts"]
"""Why a site's places do not count in a period: emergency places do not count (``rules.count_emergency``), the site
is not durable (``rules.count_only_durable``), its contract ended before the cycle, ends inside the period, or it
becomes available only later (``starts``, also when it is ready only after the obligation date)."""


@dataclass(frozen=True)
class Municipality:
    """One municipality in scope: province, own tasks and Ukraine figures (places)."""

    code: str
    name: str
    province: str
    task: Mapping[str, int]
    """``{"regular": …, "amv": …, "total": …}``."""
    ukraine_target: int
    ukraine_ambition: int | None
    ukraine_realised: int | None
    rural: bool | None

    @property
    def task_total(self) -> int:
        return self.task["regular"] + self.task["amv"]


@dataclass(frozen=True)
class SitePeriod:
    """What one site can contribute in one period: ``capacity`` places that can count (0 when they cannot) and,
    when they cannot, ``why_not`` with the ``date`` that decides it (contract end or start), if any."""

    site: str
    period: str
    capacity: int
    why_not: WhyNot | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class Notice:
    """Something the planning data decided that users must be told: ``code`` names the kind (``no_ukraine_data``,
    ``assumed_ready``, ``ukraine_ambition_below_realised``), ``subject`` the municipality code or site id it is
    about (None for the whole scenario) and ``name`` its name, ``values`` the numbers it rests on. The wording is the
    reports' business (:func:`planner.report.words_notices.notice_lines`)."""

    code: str
    subject: str | None = None
    values: Mapping[str, int] = field(default_factory=dict)
    name: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "subject": self.subject, "name": self.name, **self.values}


@dataclass(frozen=True)
class LostSite:
    """A site of a municipality whose places do not count in a period, and why."""

    site: str
    name: str
    places: int
    why: WhyNot
    date: dt.date | None


@dataclass(frozen=True)
class PlanningData:
    """See the module docstring. Build it with :meth:`from_scenario`."""

    scenario: Scenario
    quota: QuotaResult
    periods: tuple[Period, ...]
    munis: Mapping[str, Municipality]
    sites: Mapping[str, SiteRow]
    site_task: Mapping[str, str]
    site_periods: Mapping[tuple[str, str], SitePeriod]
    offers: Mapping[tuple[str, str, int], int]
    """Stated offer (aanbod) per (code, task, year); absent when the municipality stated none."""
    committed: Mapping[Key, int]
    """Places existing (committed) sites must keep per (code, task, period): their capacity, up to the offer."""
    transfers: Mapping[Key, int]
    """Net places transferred to (+) or from (−) a municipality per (code, task, period) (uitruil)."""
    assumed_ready: tuple[str, ...]
    """Planned or candidate sites without a start date, taken as ready at the start of the cycle."""
    closed: tuple[SiteRow, ...]
    """Sites of the scope that a what-if closed (so explanations can name them)."""
    missing: tuple[SiteRow, ...]
    """Sites of the scope that the base has and a what-if's own sites table lacks (explanations name them too)."""
    has_ukraine: bool
    """Whether the scenario has Ukraine data (a target, realised or ambition for some municipality, a Ukraine site
    or transfer); without it the Ukraine part is left out of the plan (and a ``no_ukraine_data`` notice says so)."""
    notices: tuple[Notice, ...]
    _by_muni: Mapping[tuple[str, str | None], tuple[SiteRow, ...]] = field(repr=False, default_factory=dict)

    # -- construction ---------------------------------------------------------------------------------------------

    @classmethod
    def from_scenario(cls, scenario: Scenario, quota: QuotaResult | None = None) -> PlanningData:
        """The planning data of a validated scenario (its scope only). ``quota``: tasks already computed."""
        quota = quota or compute_quota(scenario)
        cycle, rules = scenario.settings.cycle, scenario.settings.rules
        munis = _municipalities(scenario, quota)
        ukraine = _has_ukraine(scenario, munis)
        sites = {s.id: s for s in sorted(scenario.sites, key=lambda s: (s.code, s.id)) if s.code in munis}
        site_task = {sid: task_category(s.category, rules) or "none" for sid, s in sites.items()}
        pers = periods(cycle)
        site_periods = {(sid, p.name): _site_period(s, p, scenario) for sid, s in sites.items() for p in pers}
        offers: dict[tuple[str, str, int], int] = {}
        for o in scenario.offers:
            if o.code in munis and o.category.value in TASKS:
                key = (o.code, o.category.value, o.year)
                offers[key] = offers.get(key, 0) + o.places
        by_muni: dict[tuple[str, str | None], list[SiteRow]] = {}
        for s in sites.values():
            for key2 in ((s.code, None), (s.code, site_task[s.id])):
                by_muni.setdefault(key2, []).append(s)
            if site_task[s.id] in TASKS:
                by_muni.setdefault((s.code, "total"), []).append(s)
        committed: dict[Key, int] = {}
        for (code, k), group in by_muni.items():
            if k not in TASKS:  # committed places are kept per category; a total check adds them up
                continue
            kept = [s for s in group if is_committed(s, scenario)]
            for p in pers:
                cap = sum(site_periods[(s.id, p.name)].capacity for s in kept)
                limit = offers.get((code, k, p.year))
                need = cap if limit is None else min(cap, limit)
                if kept and need > 0:
                    committed[(code, k, p.name)] = need
        return cls(
            scenario=scenario,
            quota=quota,
            periods=pers,
            munis=MappingProxyType(munis),
            sites=MappingProxyType(sites),
            site_task=MappingProxyType(site_task),
            site_periods=MappingProxyType(site_periods),
            offers=MappingProxyType(offers),
            committed=MappingProxyType(committed),
            transfers=MappingProxyType(_transfers(scenario, munis, pers)),
            assumed_ready=tuple(s.id for s in sites.values() if assumed_ready(s)),
            closed=tuple(s for s in scenario.closed_sites if s.code in munis),
            missing=tuple(s for s in scenario.missing_sites if s.code in munis),
            has_ukraine=ukraine,
            notices=tuple(_notices(munis, sites, ukraine)),
            _by_muni=MappingProxyType({k: tuple(v) for k, v in by_muni.items()}),
        )

    # -- lookups --------------------------------------------------------------------------------------------------

    @property
    def checks(self) -> tuple[str, ...]:
        """The tasks the province must close and municipalities are measured against (``rules.counting``):
        ``("regular", "amv")`` (separate, the default) or ``("total", "amv")`` (all places against the total task,
        the AMV task as a sub-check)."""
        return ("total", "amv") if self.scenario.settings.rules.counting == "total" else TASKS

    @property
    def provinces(self) -> list[str]:
        """The provinces in scope, sorted."""
        return sorted({m.province for m in self.munis.values()})

    def codes_in(self, province: str) -> list[str]:
        """CBS codes of the province's municipalities, in code order."""
        return [c for c, m in self.munis.items() if m.province == province]

    def period(self, name: str) -> Period:
        return next(p for p in self.periods if p.name == name)

    def sites_of(self, code: str, task: str | None = None) -> list[SiteRow]:
        """The municipality's sites (that count toward ``task``, when given), in id order."""
        return list(self._by_muni.get((code, task), ()))

    def site_capacity(self, site: str, period: str) -> int:
        """Places of the site that can count in the period (0 when they cannot)."""
        return self.site_periods[(site, period)].capacity

    def capacity(self, code: str, task: str, period: str) -> int:
        """Places the municipality's sites for ``task`` can hold in the period (available and counting)."""
        return sum(self.site_periods[(s.id, period)].capacity for s in self.sites_of(code, task))

    def most_possible(self, code: str, task: str, period: str) -> int:
        """The most places the municipality can count for ``task`` in the period: what its sites can hold, up to its
        offer (an upper bound, not a plan); ``total``: its regular and AMV parts, each up to its own offer."""
        if task not in TASKS:
            return sum(self.most_possible(code, part, period) for part in PARTS[task])
        cap, limit = self.capacity(code, task, period), self.offer(code, task, self.period(period).year)
        return cap if limit is None else min(cap, limit)

    def offer(self, code: str, task: str, year: int) -> int | None:
        """The stated offer, or None when the municipality stated none (then its sites are the only limit)."""
        return self.offers.get((code, task, year))

    def transfer(self, code: str, task: str, period: str) -> int:
        """Net places transferred to the municipality for ``task`` (``total``: regular and AMV) in the period."""
        return sum(self.transfers.get((code, k, period), 0) for k in PARTS[task])

    def committed_places(self, code: str, task: str, period: str) -> int:
        """Places existing sites keep for ``task`` (``total``: regular and AMV) in the period."""
        return sum(self.committed.get((code, k, period), 0) for k in PARTS[task])

    def province_task(self, province: str, task: str) -> int:
        return sum(self.munis[c].task[task] for c in self.codes_in(province))

    def is_committed(self, site: SiteRow) -> bool:
        """Existing sites are committed (they keep their places) when ``rules.existing_committed``."""
        return is_committed(site, self.scenario)

    def closed_in(self, province: str, task: str, missing: bool = False) -> list[SiteRow]:
        """Sites of the province for ``task`` that the what-if closed (``missing``: that it lacks, see
        :attr:`missing`)."""
        rules = self.scenario.settings.rules
        return [s for s in (self.missing if missing else self.closed) if self.munis[s.code].province == province
                and (task_category(s.category, rules) or "none") in PARTS.get(task, (task,))]

    def lost_sites(self, code: str, task: str, period: str) -> list[LostSite]:
        """The municipality's sites for ``task`` whose places do not count in the period, and why."""
        out = []
        for s in self.sites_of(code, task):
            sp = self.site_periods[(s.id, period)]
            if sp.why_not is not None:
                out.append(LostSite(s.id, s.name, s.places, sp.why_not, sp.date))
        return out


def is_committed(site: SiteRow, scenario: Scenario) -> bool:
    return site.status is SiteStatus.EXISTING and scenario.settings.rules.existing_committed


def _municipalities(scenario: Scenario, quota: QuotaResult) -> dict[str, Municipality]:
    scope = set(scenario.settings.scope)
    rural_classes = set(scenario.settings.rules.rural_stedelijkheid)
    rows = {m.code: m for m in scenario.municipalities}
    out: dict[str, Municipality] = {}
    for q in quota.rows:
        if scope and q.province not in scope:
            continue
        row = rows[q.code]
        out[q.code] = Municipality(
            code=q.code,
            name=q.name,
            province=q.province,
            task=MappingProxyType({"regular": q.task_regular, "amv": q.task_amv,
                                   "total": q.task_regular + q.task_amv}),
            ukraine_target=q.ukraine_target,
            ukraine_ambition=row.ukraine_ambition,
            ukraine_realised=row.ukraine_realised,
            rural=None if row.stedelijkheid is None else row.stedelijkheid in rural_classes,
        )
    return out


def _site_period(site: SiteRow, p: Period, scenario: Scenario) -> SitePeriod:
    cycle, rules = scenario.settings.cycle, scenario.settings.rules
    reason = not_counting_reason(site, cycle, rules)
    if reason is not None:
        return SitePeriod(site.id, p.name, 0, reason, None)
    if available_in(site, p, cycle, rules.availability):
        return SitePeriod(site.id, p.name, site.places)
    end = site_end(site)
    if end < p.end:
        return SitePeriod(site.id, p.name, 0, "ended" if end < cycle.start else "ends", end)
    return SitePeriod(site.id, p.name, 0, "starts", site_start(site, cycle))


def _transfers(scenario: Scenario, munis: Mapping[str, Municipality], pers: tuple[Period, ...]) -> dict[Key, int]:
    out: dict[Key, int] = {}
    for t in scenario.transfers:
        if t.from_code not in munis or t.to_code not in munis:
            continue
        k = {"amv": "amv", "ukraine": "ukraine"}.get(t.category.value, "regular")
        for p in pers:
            if t.year is not None and t.year != p.year:
                continue
            out[(t.from_code, k, p.name)] = out.get((t.from_code, k, p.name), 0) - t.places
            out[(t.to_code, k, p.name)] = out.get((t.to_code, k, p.name), 0) + t.places
    return out


def _has_ukraine(scenario: Scenario, munis: Mapping[str, Municipality]) -> bool:
    rows = [m for m in scenario.municipalities if m.code in munis]
    given = any(m.ukraine_target is not None or m.ukraine_realised is not None or m.ukraine_ambition is not None
                for m in rows)
    sites = any(s.code in munis and s.category.value == "ukraine" for s in scenario.sites)
    transfers = any(t.category.value == "ukraine" and t.to_code in munis for t in scenario.transfers)
    return given or sites or transfers


def _notices(munis: Mapping[str, Municipality], sites: Mapping[str, SiteRow], ukraine: bool) -> list[Notice]:
    out = [] if ukraine else [Notice("no_ukraine_data")]
    out += [Notice("assumed_ready", sid, {"places": s.places}, s.name) for sid, s in sites.items() if assumed_ready(s)]
    for code, m in munis.items():
        if ukraine and m.ukraine_ambition is not None and m.ukraine_realised is not None \
                and m.ukraine_ambition < m.ukraine_realised:
            out.append(Notice("ukraine_ambition_below_realised", code,
                              {"ukraine_ambition": m.ukraine_ambition, "ukraine_realised": m.ukraine_realised}, m.name))
    return out
