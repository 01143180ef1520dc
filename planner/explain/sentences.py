"""A conflict in sentences about provinces, municipalities, categories and periods (Dutch or English).

The number of places a province can still reach is computed, not guessed: the most places of that category in
that province and period under every hard row except the provincial totals (an integer program, see
:func:`reachable_places`). Numbers are formatted here, at the edge, as the output's language writes them
(:func:`planner.report.words.number`: ``2.332`` in Dutch, ``2,332`` in English). Sites that do not count for the
same reason are named in one clause (``de contracten van A (75) en B (25 plaatsen) al op 31-12-2024 afliepen``),
the way the sites a what-if closes are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from pydantic import BaseModel, ConfigDict

from planner.explain.conflict import Conflict, ExplainError
from planner.explain.rows import SITE_AVAILABLE, FeasibilityProgram
from planner.model.build import AllocationModel
from planner.report.numbers import nl_date
from planner.report.words import join, number
from solvers import SolveOptions, Status, get_solver

if TYPE_CHECKING:
    from planner.journeys.allocation import Violation
    from planner.scenario.schema import SiteRow

TEMPLATES: dict[str, dict[str, str]] = {
    "nl": {
        "cat_regular": "reguliere ",
        "cat_amv": "AMV-",
        "task": "{province} kan in {period} zijn {cat}taak van {need} niet halen: er blijven maar {avail} "
        "{cat}plaatsen beschikbaar",
        "task_plain": "{province} kan in {period} zijn {cat}taak van {need} niet halen: er zijn maar {avail} "
        "{cat}plaatsen beschikbaar",
        "after": " nadat {items}",
        "ends": "het contract van {site} ({places} plaatsen) op {date} afloopt",
        "ended": "het contract van {site} ({places} plaatsen) al op {date} afliep",
        "ends_many": "de contracten van {sites} op {date} aflopen",
        "ended_many": "de contracten van {sites} al op {date} afliepen",
        "ends_dated": "de contracten van {sites} aflopen",
        "ended_dated": "de contracten van {sites} al afliepen",
        "starts_dated": "{sites} pas later beschikbaar zijn",
        "on_date": "op {date}",
        "from_date": "vanaf {date}",
        "limits": "Beperkend: {items}.",
        "starts": "{site} ({places} plaatsen) pas vanaf {date} beschikbaar is",
        "not_counting": "{site} ({places} plaatsen) niet meetelt",
        "starts_many": "{sites} pas vanaf {date} beschikbaar zijn",
        "not_counting_many": "{sites} niet meetellen",
        "closed": "in deze variant {sites} sluit",
        "closed_many": "in deze variant {sites} sluiten",
        "missing": "in deze variant {sites} ontbreekt",
        "missing_many": "in deze variant {sites} ontbreken",
        "places_word": "plaatsen",
        "emergency": "de noodopvang {site} ({places} plaatsen) niet meetelt",
        "not_durable": "{site} ({places} plaatsen) niet duurzaam is en niet meetelt",
        "emergency_many": "de noodopvanglocaties {sites} niet meetellen",
        "not_durable_many": "{sites} niet duurzaam zijn en niet meetellen",
        "capacity": "{site} heeft {cap} plaatsen",
        "offer": "{muni} biedt in {year} ten hoogste {n} {cat}plaatsen aan",
        "minimum": "{site} kan alleen open met minstens {n} plaatsen",
        "committed": "de bestaande locaties van {muni} houden in {period} minstens {n} {cat}plaatsen",
        "generic": "Deze regels zijn samen niet te halen: {items}.",
        "feasible": "{scenario}: alle harde eisen zijn samen te halen; er is niets uit te leggen.",
        "alloc_offer": "{muni} ({code}) krijgt in {period} {places} {cat}plaatsen, meer dan zijn aanbod van {limit}.",
        "alloc_sites": "{muni} ({code}) kan in {period} geen {places} {cat}plaatsen herbergen: de beschikbare "
        "locaties hebben er {limit}",
        "alloc_rest": " ({n} daarvan zijn restopgave)",
        "alloc_total": "{province} haalt in {period} zijn {cat}taak van {limit} niet: er zijn {places} plaatsen "
        "toegewezen.",
    },
    "en": {
        "cat_regular": "regular ",
        "cat_amv": "AMV ",
        "task": "{province} cannot meet its {cat}task of {need} in {period}: only {avail} {cat}places remain "
        "available",
        "task_plain": "{province} cannot meet its {cat}task of {need} in {period}: only {avail} {cat}places are "
        "available",
        "after": " after {items}",
        "ends": "the contract of {site} ({places} places) ends on {date}",
        "ended": "the contract of {site} ({places} places) already ended on {date}",
        "ends_many": "the contracts of {sites} end on {date}",
        "ended_many": "the contracts of {sites} already ended on {date}",
        "ends_dated": "the contracts of {sites} end",
        "ended_dated": "the contracts of {sites} already ended",
        "starts_dated": "{sites} are only available later",
        "on_date": "on {date}",
        "from_date": "from {date}",
        "limits": "Limiting: {items}.",
        "starts": "{site} ({places} places) is only available from {date}",
        "not_counting": "{site} ({places} places) does not count",
        "starts_many": "{sites} are only available from {date}",
        "not_counting_many": "{sites} do not count",
        "closed": "{sites} is closed in this variant",
        "closed_many": "{sites} are closed in this variant",
        "missing": "{sites} is missing from this variant",
        "missing_many": "{sites} are missing from this variant",
        "places_word": "places",
        "emergency": "the emergency site {site} ({places} places) does not count",
        "not_durable": "{site} ({places} places) is not durable and does not count",
        "emergency_many": "the emergency sites {sites} do not count",
        "not_durable_many": "{sites} are not durable and do not count",
        "capacity": "{site} has {cap} places",
        "offer": "{muni} offers at most {n} {cat}places in {year}",
        "minimum": "{site} can only open with at least {n} places",
        "committed": "the existing sites of {muni} keep at least {n} {cat}places in {period}",
        "generic": "These rules cannot all hold: {items}.",
        "feasible": "{scenario}: all hard requirements can be met together; nothing to explain.",
        "alloc_offer": "{muni} ({code}) gets {places} {cat}places in {period}, more than its offer of {limit}.",
        "alloc_sites": "{muni} ({code}) cannot house {places} {cat}places in {period}: its available sites hold "
        "{limit}",
        "alloc_rest": " ({n} of them restopgave)",
        "alloc_total": "{province} does not meet its {cat}task of {limit} in {period}: {places} places allocated.",
    },
}


class Sentence(BaseModel):
    """One sentence about a provincial task in a conflict: the task's province, period and category, the places it
    needs and the most it can reach (None in a generic sentence). Declared once: its ``model_dump`` is a sentence of
    ``planner explain --format json``."""

    model_config = ConfigDict(frozen=True)

    province: str | None
    period: str | None
    category: str | None
    need: int | None
    available: int | None
    text: str


def reachable_places(
    model: AllocationModel, fp: FeasibilityProgram, province: str, category: str, period: str, solver: str = "highs"
) -> int:
    """The most places of ``category`` that ``province`` can have in ``period`` under every hard row except the
    provincial totals. Rows of other periods are left out when they cannot hold together on their own."""
    cols = [
        xi
        for (sid, pname), xi in model.x.items()
        if pname == period
        and model.site_task[sid] == category
        and model.munis[model.sites[sid].code].province == province
    ]
    if not cols:
        return 0
    c = np.zeros(fp.lp.n_vars)
    c[cols] = -1.0
    backend = get_solver(solver)
    not_total = np.array([r.family != "province_total" for r in fp.rows], dtype=bool)
    local = not_total & np.array([r.period == period and r.province == province for r in fp.rows], dtype=bool)
    for mask in (not_total, local):
        res = backend.solve(fp.lp.subset_rows(mask).with_objective(c), SolveOptions(time_limit=60.0))
        if res.status is Status.OPTIMAL and res.objective is not None:
            return int(np.rint(-res.objective))
        if res.status is not Status.INFEASIBLE:
            break
    raise ExplainError(f"could not compute the places {province} can reach in {period} ({category})")


def _site_list(t: dict[str, str], lang: str, sites: Sequence[tuple[str, int]], dates: Sequence[str] = ()) -> str:
    """Sites named once, as (name, places): ``A (50), B (50) en C (50 plaatsen)``, the places word only after the
    last; with ``dates`` each its own: ``A (1.000 plaatsen, op 1-4-2026) en B (192 plaatsen, op 31-3-2026)``."""
    last = len(sites) - 1
    if dates:
        return join(lang, [f"{name} ({number(lang, places)} {t['places_word']}, {when})"
                           for (name, places), when in zip(sites, dates, strict=True)])
    return join(lang, [f"{name} ({number(lang, places)}" + (f" {t['places_word']})" if i == last else ")")
                       for i, (name, places) in enumerate(sites)])


def _closed_sites(t: dict[str, str], lang: str, kind: str, sites: Sequence[SiteRow]) -> str:
    """The sites a what-if closes (or lacks) named once: ``in deze variant A (50), B (50) en C (50 plaatsen)
    sluiten``."""
    listed = _site_list(t, lang, [(x.name or x.id, x.places) for x in sites])
    return t[kind if len(sites) == 1 else f"{kind}_many"].format(sites=listed)


LostSite = tuple[str, str, int, object]
"""A site whose places do not count: (why — a ``WhyNot`` or ``not_counting`` —, name, places, date or None)."""


def _lost_sites(t: dict[str, str], lang: str, lost: Sequence[LostSite]) -> list[str]:
    """One clause per reason, each site named once in it: ``het contract van A (1.000 plaatsen) op 1-4-2026
    afloopt``; ``de contracten van B (75) en C (25 plaatsen) al op 31-12-2024 afliepen`` (one date);
    ``de contracten van A (1.000 plaatsen, op 1-4-2026) en D (192 plaatsen, op 31-3-2026) aflopen`` (several)."""
    groups: dict[str, list[tuple[str, int, object]]] = {}
    for why, name, places, date in lost:
        groups.setdefault(why if why in t else "not_counting", []).append((name, places, date))
    clauses = []
    for why, sites in groups.items():
        named = [(name, places) for name, places, _ in sites]
        dates = [date for _, _, date in sites]
        if len(sites) == 1:
            clauses.append(t[why].format(site=named[0][0], places=number(lang, named[0][1]), date=nl_date(dates[0])))
        elif len(set(dates)) == 1:
            clauses.append(t[f"{why}_many"].format(sites=_site_list(t, lang, named), date=nl_date(dates[0])))
        else:
            word = t["from_date" if why == "starts" else "on_date"]
            listed = _site_list(t, lang, named, [word.format(date=nl_date(d)) for d in dates])
            clauses.append(t[f"{why}_dated"].format(sites=listed))
    return clauses


def conflict_sentences(
    model: AllocationModel, fp: FeasibilityProgram, conflict: Conflict, language: str = "nl", solver: str = "highs"
) -> list[Sentence]:
    """One sentence per provincial task in the conflict (with its reasons), or one generic sentence."""
    lang = language if language in TEMPLATES else "nl"
    t = TEMPLATES[lang]
    rules = model.scenario.settings.rules
    totals = [r for r in conflict.rows if r.family == "province_total"]
    others = [r for r in conflict.rows if r.family != "province_total"]
    lost: list[LostSite] = []
    limits: list[str] = []
    for r in others:
        site = model.sites.get(r.site or "")
        cat = t.get(f"cat_{r.category}", "")
        if r.family == SITE_AVAILABLE and site is not None and r.period is not None:
            sp = model.data.site_periods[(site.id, r.period)]
            if sp.why_not is None:
                limits.append(t["capacity"].format(site=site.name or site.id, cap=number(lang, sp.capacity)))
            else:
                lost.append((sp.why_not, site.name or site.id, site.places, sp.date))
        elif r.family == "site_capacity" and site is not None:
            limits.append(t["capacity"].format(site=site.name or site.id, cap=number(lang, site.places)))
        elif r.family == "site_minimum" and site is not None:
            lo = site.min_places if site.min_places is not None else rules.default_min_places
            limits.append(t["minimum"].format(site=site.name or site.id, n=number(lang, min(lo, site.places))))
        elif r.family == "offer_limit" and r.code is not None:
            limits.append(
                t["offer"].format(muni=model.munis[r.code].name, year=r.year, n=number(lang, r.upper), cat=cat)
            )
        elif r.family == "committed_places" and r.code is not None:
            limits.append(
                t["committed"].format(muni=model.munis[r.code].name, period=r.period, n=number(lang, r.lower), cat=cat)
            )
        else:
            limits.append(r.name)
    ended = _lost_sites(t, lang, lost)
    out: list[Sentence] = []
    for r in totals:
        assert r.province is not None
        assert r.category is not None
        assert r.period is not None
        need = int(r.lower or 0)
        avail = reachable_places(model, fp, r.province, r.category, r.period, solver)
        cat = t[f"cat_{r.category}"]
        # Sites the what-if closed or lacks are no row of the program, so they are named from the planning data.
        reasons = ended + [_closed_sites(t, lang, kind, sites) for kind in ("closed", "missing")
                           if (sites := model.data.closed_in(r.province, r.category, missing=kind == "missing"))]
        key = "task" if reasons else "task_plain"
        text = t[key].format(province=r.province, period=r.period, cat=cat, need=number(lang, need),
                             avail=number(lang, avail))
        if reasons:
            text += t["after"].format(items=join(lang, reasons))
        text += "."
        if limits:
            text += " " + t["limits"].format(items="; ".join(limits))
        out.append(Sentence(province=r.province, period=r.period, category=r.category, need=need, available=avail,
                            text=text))
    if not totals:
        items = "; ".join(ended + limits)
        out.append(Sentence(province=conflict.province, period=conflict.period, category=None, need=None,
                            available=None, text=t["generic"].format(items=items)))
    return out


def allocation_sentences(violations: Sequence[Violation], language: str = "nl") -> list[str]:
    """One sentence per violation of an allocation check (see :mod:`planner.journeys.allocation`)."""
    lang = language if language in TEMPLATES else "nl"
    t = TEMPLATES[lang]
    out: list[str] = []
    for v in violations:
        args = {
            "muni": v["name"], "code": v["code"], "province": v["province"], "period": v["period"],
            "cat": t[f"cat_{v['category']}"], "places": number(lang, v["places"]),
            "limit": number(lang, v["limit"]),
        }
        if v["check"] == "offer_limit":
            out.append(t["alloc_offer"].format(**args))
        elif v["check"] == "province_total":
            out.append(t["alloc_total"].format(**args))
        else:
            text = t["alloc_sites"].format(**args)
            ended = _lost_sites(t, lang, [(s["why"], s["name"] or s["site"], s["places"], s["date"])
                                          for s in v["sites_lost"]])
            if ended:
                text += t["after"].format(items=join(lang, ended))
            if v.get("restopgave"):
                text += t["alloc_rest"].format(n=number(lang, v["restopgave"]))
            out.append(text + ".")
    return out
