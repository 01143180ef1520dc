"""The duty check: does a municipality still meet its task if one of its sites is resized or a site is added?

The changed scenario is built in memory from the base (resize or add sites; an added or enlarged site raises the
municipality's stated offer by the places it adds, because a municipality offers what it builds), both scenarios
are planned, and the answer is read off the two plans: per category and period whether the municipality meets its
own task and by how many places it falls short, whether the province still closes, which other municipalities
take how much more or less (within their stated limits; the model's fairness goal shares any extra), and what it
does to the SPUK euros. The answer starts with one plain sentence (Dutch, or English when the scenario's language
is ``en``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from planner.journeys.compare import capacity_bound
from planner.journeys.plan import PlanRun, SolveSettings, plan_scenario
from planner.model.build import TASKS
from planner.outcome import PlannerError
from planner.scenario.load import Scenario
from planner.scenario.problems import Problems, ScenarioError
from planner.scenario.schema import Category, OfferRow, SiteRow

LABELS = {"nl": {"regular": "regulier", "amv": "AMV"}, "en": {"regular": "regular", "amv": "AMV"}}
ADD_SITE_KEYS = {"from": "available_from", "until": "available_until", "min": "min_places"}


class DutyError(PlannerError):
    """A request the duty check cannot answer (unknown municipality or site, a bad --add-site)."""


def offer_category(category: Category) -> str:
    return {"amv": "amv", "ukraine": "ukraine"}.get(category.value, "regular")


def resolve_municipality(scenario: Scenario, text: str) -> tuple[str, str]:
    """A CBS code or exact name (case-insensitive) → (code, name); otherwise a :class:`DutyError` with close
    matches."""
    wanted = text.strip()
    for m in scenario.municipalities:
        if m.code == wanted.upper() or m.name.casefold() == wanted.casefold():
            return m.code, m.name
    names = [m.name for m in scenario.municipalities]
    close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.5)
    close += [f"{m.name} ({m.code})" for m in scenario.municipalities
              if wanted.casefold() in m.name.casefold() and m.name not in close][:3]
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise DutyError(f"no municipality '{wanted}' in {scenario.name} (give a CBS code like GM1681 or the exact "
                    f"name){hint}")


def parse_add_site(spec: str, code: str) -> SiteRow:
    """``id=X,category=amv,places=40,from=2025-07-01,until=2030-06-30`` → a planned site in municipality ``code``
    (``code=``, ``name=``, ``min=`` and ``status=`` may be given too)."""
    fields: dict[str, Any] = {"code": code, "status": "planned"}
    for part in spec.split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise DutyError(f"--add-site '{spec}': '{part.strip()}' is not key=value")
        key, _, value = part.partition("=")
        key = ADD_SITE_KEYS.get(key.strip(), key.strip())
        fields[key] = value.strip() or None
    for key in ("available_from", "available_until"):
        if isinstance(fields.get(key), str):
            try:
                fields[key] = dt.date.fromisoformat(fields[key])
            except ValueError as exc:
                raise DutyError(f"--add-site: {key} '{fields[key]}' is not a date like 2025-07-01") from exc
    try:
        return SiteRow.model_validate(fields)
    except ValidationError as exc:
        msgs = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'site'}: {e['msg']}" for e in exc.errors())
        raise DutyError(f"--add-site '{spec}': {msgs}") from None


def _raise_offer(offers: list[OfferRow], code: str, category: str, added: int) -> list[OfferRow]:
    """The municipality offers what it builds: its stated offer in ``category`` rises by ``added`` places every
    year (only where an offer is stated; without one there is no limit to raise)."""
    if added <= 0:
        return offers
    return [o.model_copy(update={"places": o.places + added})
            if o.code == code and o.category.value == category else o for o in offers]


def duty_scenario(base: Scenario, site_id: str | None = None, places: int | None = None,
                  add_sites: Sequence[SiteRow] = ()) -> tuple[Scenario, list[dict[str, Any]]]:
    """The base with one site resized and sites added, checked again; returns it and the edits made."""
    from planner.scenario.checks import run_checks

    sites = list(base.sites)
    offers = list(base.offers)
    edits: list[dict[str, Any]] = []
    if site_id is not None:
        if places is None:
            raise DutyError("--site needs --places N (the new number of places)")
        found = [i for i, s in enumerate(sites) if s.id == site_id]
        if not found:
            close = difflib.get_close_matches(site_id, [s.id for s in sites], n=3)
            hint = f"; did you mean: {', '.join(close)}?" if close else f"; sites: {', '.join(s.id for s in sites)}"
            raise DutyError(f"no site with id '{site_id}'{hint}")
        old = sites[found[0]]
        min_places = None if old.min_places is None else min(old.min_places, places)
        sites[found[0]] = old.model_copy(update={"places": places, "min_places": min_places})
        offers = _raise_offer(offers, old.code, offer_category(old.category), places - old.places)
        edits.append({"site": old.id, "code": old.code, "category": old.category.value, "old_places": old.places,
                      "places": places, "change": "resized"})
    elif places is not None:
        raise DutyError("--places needs --site ID (which site to resize)")
    known = {m.code for m in base.municipalities}
    for new in add_sites:
        if any(s.id == new.id for s in sites):
            raise DutyError(f"a site with id '{new.id}' exists already; choose another id")
        if new.code not in known:
            raise DutyError(f"the added site {new.id} lies in unknown municipality {new.code}")
        sites.append(new)
        offers = _raise_offer(offers, new.code, offer_category(new.category), new.places)
        edits.append({"site": new.id, "code": new.code, "category": new.category.value, "old_places": None,
                      "places": new.places, "change": "added"})
    changed = dataclasses.replace(base, sites=tuple(sites), offers=tuple(offers))
    problems = Problems()
    run_checks(changed, problems)
    if problems.has_errors():
        raise ScenarioError(problems)
    return changed, edits


def _join(items: Sequence[str], lang: str) -> str:
    word = " en " if lang == "nl" else " and "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + word + items[-1]


def _shorts(rows: Sequence[dict[str, Any]], lang: str) -> str:
    word = "tekort" if lang == "nl" else "short by"
    values = {r["shortfall"] for r in rows}
    if len(values) == 1:
        return f"({word} {rows[0]['shortfall']})"
    return f"({word} " + ", ".join(f"{r['period']}: {r['shortfall']}" for r in rows) + ")"


def _partial(rows: Sequence[dict[str, Any]], lang: str) -> str:
    """``(tekort 329 in 2026)`` for the periods a task is not met."""
    word, joiner = ("tekort", " in ") if lang == "nl" else ("short by", " in ")
    parts = [f"{r['shortfall']}{joiner}{r['period']}" for r in rows]
    return f"({word} " + ", ".join(parts) + ")"


def sentence(result: dict[str, Any]) -> str:
    """The one plain sentence the answer starts with."""
    lang = result["language"]
    lab = LABELS[lang]
    name, prov = result["municipality"]["name"], result["province_name"]
    if not result["changed"]["plan"]:
        if lang == "nl":
            return (f"Met deze wijziging is er geen plan ({result['changed']['status']}): {prov} kan dan niet "
                    f"sluitend worden gemaakt, dus of {name} zijn taak haalt is niet te zeggen.")
        return (f"With this change there is no plan ({result['changed']['status']}): {prov} cannot close, so "
                f"whether {name} meets its task cannot be said.")
    checked = result["categories_checked"]
    order = [*checked, *[k for k in TASKS if k not in checked]]
    clauses = []
    for i, k in enumerate(order):
        rows = [r for r in result["duty"] if r["category"] == k]
        if not rows:
            continue
        task = rows[0]["task"]
        if task == 0 and i > 0:
            continue
        met = [r["period"] for r in rows if r["met"]]
        short = [r for r in rows if not r["met"]]
        unit = sum(e["places"] for e in result["edits"] if ("amv" if e["category"] == "amv" else "regular") == k)
        with_unit = ""
        if unit and any(("amv" if e["category"] == "amv" else "regular") == k for e in result["edits"]):
            with_unit = (f" met een eenheid van {unit} plaatsen" if lang == "nl" else f" with a unit of {unit} places")
        if lang == "nl":
            head = f"haalt zijn {lab[k]}-taak van {task}" if i == 0 else f"de {lab[k]}-taak van {task} haalt het"
            if not short:
                clauses.append(f"{head}{with_unit} in {_join(met, lang)}" if i == 0 else f"{head} ook")
            elif not met:
                clauses.append(f"{head}{with_unit} niet {_shorts(short, lang)}" if i == 0
                               else f"{head} niet {_shorts(short, lang)}")
            else:
                clauses.append(f"{head}{with_unit} alleen in {_join(met, lang)} {_partial(short, lang)}")
        else:
            head = f"meets its {lab[k]} task of {task}" if i == 0 else f"it meets the {lab[k]} task of {task}"
            if not short:
                clauses.append(f"{head}{with_unit} in {_join(met, lang)}" if i == 0 else f"{head} too")
            elif not met:
                clauses.append(f"does not meet its {lab[k]} task of {task}{with_unit} {_shorts(short, lang)}"
                               if i == 0 else f"it misses the {lab[k]} task of {task} {_shorts(short, lang)}")
            else:
                clauses.append(f"{head}{with_unit} only in {_join(met, lang)} {_partial(short, lang)}")
    all_met = all(r["met"] for r in result["duty"])
    closes = result["province_closes"]
    base_closes = result["base"]["plan"]
    if lang == "nl":
        verb = "blijft" if base_closes else "wordt"
        end = f"{'en' if all_met else 'maar'} {prov} {verb} sluitend" if closes else f"en {prov} sluit niet"
        return f"{name} " + "; ".join(clauses) + f", {end}."
    verb = "still closes" if base_closes else "closes"
    end = f"{'and' if all_met else 'but'} {prov} {verb}" if closes else f"and {prov} does not close"
    return f"{name} " + "; ".join(clauses) + f", {end}."


def _planned(run: PlanRun) -> dict[tuple[str, str, str], dict[str, Any]]:
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    if run.plan is None:
        return out
    for r in run.plan.municipalities:
        for k in TASKS:
            out[(r["code"], k, r["period"])] = r
    return out


def check_duty(
    base: Scenario,
    code: str,
    *,
    site_id: str | None = None,
    places: int | None = None,
    add_sites: Sequence[SiteRow] = (),
    categories: Sequence[str] = (),
    settings: SolveSettings | None = None,
) -> dict[str, Any]:
    """Plan the base and the changed scenario and answer for municipality ``code`` (see the module docstring).

    ``categories``: the tasks whose duty decides ``duty_met`` (default: the categories of the changed or added
    sites, or both tasks when nothing changes)."""
    if code not in {m.code for m in base.municipalities}:
        raise DutyError(f"no municipality with code {code}")
    changed, edits = duty_scenario(base, site_id, places, add_sites)
    base_run = plan_scenario(base, settings)
    run = plan_scenario(changed, settings) if edits else base_run
    name = next(m.name for m in base.municipalities if m.code == code)
    muni = run.model.munis.get(code)
    if muni is None:
        raise DutyError(f"{name} ({code}) is outside the scenario's scope ({', '.join(base.settings.scope)})")
    checked = list(categories) or sorted({"amv" if e["category"] == "amv" else "regular" for e in edits},
                                         key=TASKS.index) or list(TASKS)
    before, after = _planned(base_run), _planned(run)
    duty = []
    if run.plan is not None:
        for k in TASKS:
            for p in run.plan.periods:
                r = after[(code, k, p)]
                b = before.get((code, k, p))
                duty.append({
                    "category": k, "period": p, "task": r[f"task_{k}"], "planned": r[f"planned_{k}"],
                    "transfer": r[f"transfer_{k}"], "limit": r[f"limit_{k}"], "met": r[f"shortfall_{k}"] == 0,
                    "shortfall": r[f"shortfall_{k}"],
                    "base_planned": None if b is None else b[f"planned_{k}"],
                    "base_shortfall": None if b is None else b[f"shortfall_{k}"],
                })
    province = []
    if run.plan is not None:
        for pr in run.plan.province:
            if pr["province"] != muni.province:
                continue
            for k in TASKS:
                province.append({"category": k, "period": pr["period"], "task": pr[f"task_{k}"],
                                 "planned": pr[f"planned_{k}"], "closes": pr[f"closes_{k}"],
                                 "short_by": max(0, pr[f"task_{k}"] - pr[f"planned_{k}"])})
    else:
        province = [{"category": b["category"], "period": b["period"], "task": b["task"], "planned": None,
                     "closes": False if b["short_at_least"] else None, "most_possible": b["most_possible"],
                     "short_by_at_least": b["short_at_least"]}
                    for b in capacity_bound(run.model) if b["province"] == muni.province]
    others = []
    if run.plan is not None and base_run.plan is not None:
        for (c, k, p), r in after.items():
            b = before.get((c, k, p))
            if c == code or b is None or r["province"] != muni.province:
                continue
            delta = r[f"planned_{k}"] - b[f"planned_{k}"]
            if delta:
                others.append({"code": c, "name": r["name"], "category": k, "period": p,
                               "base": b[f"planned_{k}"], "planned": r[f"planned_{k}"], "delta": delta,
                               "limit": r[f"limit_{k}"], "task": r[f"task_{k}"]})
    spuk: dict[str, Any] = {"base_total": None, "total": None, "delta": None, "municipalities": []}
    if base_run.spuk is not None:
        spuk["base_total"] = base_run.spuk.municipalities_total
    if run.spuk is not None:
        spuk["total"] = run.spuk.municipalities_total
        ref = {r.code: r.total for r in base_run.spuk.rows} if base_run.spuk is not None else {}
        spuk["municipalities"] = [
            {"code": r.code, "name": r.name, "base": ref.get(r.code), "total": r.total,
             "delta": None if r.code not in ref else r.total - ref[r.code]}
            for r in run.spuk.rows
        ]
        if spuk["base_total"] is not None:
            spuk["delta"] = spuk["total"] - spuk["base_total"]
    result: dict[str, Any] = {
        "scenario": base.name,
        "language": base.settings.scenario.language,
        "municipality": {"code": code, "name": name, "province": muni.province},
        "province_name": muni.province,
        "edits": edits,
        "categories_checked": checked,
        "base": {"status": base_run.status, "plan": base_run.plan is not None},
        "changed": {"status": run.status, "plan": run.plan is not None, "digest": changed.digest()},
        "duty": duty,
        "duty_met": run.plan is not None and all(r["met"] for r in duty if r["category"] in checked),
        "province": province,
        "province_closes": run.plan is not None and all(r["closes"] for r in province),
        "others": others,
        "spuk": spuk,
    }
    result["sentence"] = sentence(result)
    return result
