"""The plain sentences an answer starts with, in one language (nl or en), from typed results only.

:func:`duty_sentences` answers ``planner check-duty``: first the municipality's own duty (grammatical for every
combination of met and short per task and period), then — separately — whether the sites can hold more than the
offer lets count, whether the province closes and by how much it falls short, and which of the municipality's sites
the plan uses, opens or no longer uses. :func:`verdeelbesluit_json` is ``planner verdeelbesluit``'s answer with one
sentence per allocation that cannot be housed, the same for the CLI and the Python API.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.report.words import SITE_WORDS, TASK_WORDS, category, join, number, status

if TYPE_CHECKING:
    from planner.journeys.allocation import AllocationAnswerJson, AllocationCheck
    from planner.journeys.duty import DutyResult, Edit, OwnDuty
    from planner.journeys.verdeelbesluit import Verdeelbesluit, VerdeelbesluitJson

TASKS = ("regular", "amv")


def _per_period(lang: str, values: Sequence[tuple[str, str]]) -> str:
    """``+444`` when every period has the same value, else ``+444 in 2025, +200 in 2026``."""
    if len({v for _, v in values}) == 1:
        return values[0][1]
    return ", ".join(f"{v} in {p}" for p, v in values)


def _edit_phrase(lang: str, e: Edit) -> str:
    nl = lang == "nl"
    if e.change == "resized":
        return (f"{e.site} op {number(lang, e.places)} plaatsen" if nl
                else f"{e.site} at {number(lang, e.places)} places")
    if e.change == "added":
        return (f"de nieuwe locatie {e.site} ({number(lang, e.places)} plaatsen {category(lang, e.category)})" if nl
                else f"the new site {e.site} ({number(lang, e.places)} {category(lang, e.category)} places)")
    return (f"een {category(lang, e.category)}-aanbod van {number(lang, e.places)}" if nl
            else f"a {category(lang, e.category)} offer of {number(lang, e.places)}")


def own_duty_clause(lang: str, rows: Sequence[OwnDuty]) -> str:
    """What the municipality does with one task, as a verb phrase: 'haalt zijn reguliere taak van 256 (+444)'."""
    nl = lang == "nl"
    k, task = rows[0].category, number(lang, rows[0].task)
    tw = TASK_WORDS[lang][k]
    met = [r for r in rows if r.met]
    short = [r for r in rows if not r.met]
    spare = _per_period(lang, [(r.period, f"+{number(lang, r.surplus)}") for r in met])
    if not short:
        return f"haalt zijn {tw} van {task} ({spare})" if nl else f"meets its {tw} of {task} ({spare})"
    if not met:
        gaps = [(r.period, number(lang, r.shortfall)) for r in short]
        if len({g for _, g in gaps}) == 1:
            return (f"komt {gaps[0][1]} tekort voor zijn {tw} van {task}" if nl
                    else f"falls {gaps[0][1]} short of its {tw} of {task}")
        detail = _per_period(lang, gaps)
        return (f"komt tekort voor zijn {tw} van {task} ({detail})" if nl
                else f"falls short of its {tw} of {task} ({detail})")
    # Met in some periods only: one verb, 'but not' for the rest, so that joining it to another task's clause
    # never reads 'en komt … tekort; en …' (issue 11).
    periods = join(lang, [r.period for r in met])
    not_met = join(lang, [r.period for r in short])
    gaps = [(r.period, number(lang, r.shortfall)) for r in short]
    one = len({g for _, g in gaps}) == 1
    if nl:
        gap = f"{gaps[0][1]} tekort" if one else f"tekort {_per_period(lang, gaps)}"
        return f"haalt zijn {tw} van {task} in {periods} ({spare}), maar niet in {not_met} ({gap})"
    gap = f"{gaps[0][1]} short" if one else f"short {_per_period(lang, gaps)}"
    return f"meets its {tw} of {task} in {periods} ({spare}), but not in {not_met} ({gap})"


def own_duty_sentence(result: DutyResult, lang: str) -> str:
    """The first sentence: the municipality's own duty, the checked tasks first (other tasks only when non-zero)."""
    order = [*result.categories_checked, *[k for k in TASKS if k not in result.categories_checked]]
    clauses = []
    for k in order:
        rows = [d for d in result.own if d.category == k]
        if rows and (k in result.categories_checked or rows[0].task > 0):
            clauses.append(own_duty_clause(lang, rows))
    # Each clause starts with its verb and shares the subject; after a 'maar niet in …' clause a comma before the
    # joining 'en', so the reader sees where the next task starts.
    glue = " en " if lang == "nl" else " and "
    if any(", maar niet in " in c or ", but not in " in c for c in clauses[:-1]):
        glue = "," + glue
    body = glue.join(clauses)
    if not result.edits:
        return f"{result.name} {body}."
    edits = join(lang, [_edit_phrase(lang, e) for e in result.edits])
    return f"Met {edits} {body.split(' ', 1)[0]} {result.name} {body.split(' ', 1)[1]}." if lang == "nl" else (
        f"With {edits}, {result.name} {body}.")


def offer_sentence(result: DutyResult, lang: str) -> str | None:
    """Where the changed tasks' sites can hold more than the offer lets count (the offer is never raised silently)."""
    changed = {("amv" if e.category == "amv" else "regular") for e in result.edits if e.change != "offer"}
    if changed and "total" in result.categories_checked:  # rules.counting = total: the total task's sites
        changed.add("total")
    parts = []
    for k in (*TASKS, "total"):
        rows = [d for d in result.own if d.category == k and d.above_offer > 0]
        if k not in changed or not rows:
            continue
        r = max(rows, key=lambda d: d.above_offer)
        sites = SITE_WORDS[lang][k]
        if lang == "nl":
            parts.append(f"de {sites} van {result.name} kunnen {number(lang, r.capacity)} plaatsen bieden, "
                         f"{number(lang, r.above_offer)} meer dan het aanbod van {number(lang, r.offer)} ({r.period})")
        else:
            parts.append(f"{result.name}'s {sites} can hold {number(lang, r.capacity)} places, "
                         f"{number(lang, r.above_offer)} more than its offer of {number(lang, r.offer)} ({r.period})")
    if not parts:
        return None
    if lang == "nl":
        return ("Let op: " + join(lang, parts) + "; alleen het aanbod telt. Geef --offer N als de gemeente meer "
                "aanbiedt.")
    return "Note: " + join(lang, parts) + "; only the offer counts. Give --offer N if the municipality offers more."


def province_sentence(result: DutyResult, lang: str) -> str:
    """Whether the province closes, separately from the municipality's own duty."""
    nl, prov = lang == "nl", result.province
    short = [p for p in result.provinces if p.short_by > 0]
    detail = ", ".join(f"{category(lang, p.category)} {p.period}: {number(lang, p.short_by)}" for p in short)
    total = number(lang, max((p.short_by for p in short), default=0))
    if result.has_plan:
        if not short:
            if nl:
                return f"{prov} {'blijft' if result.base_has_plan else 'wordt'} sluitend."
            return f"{prov} {'still closes' if result.base_has_plan else 'closes'}."
        return (f"{prov} sluit niet: {total} plaatsen tekort ({detail})." if nl
                else f"{prov} does not close: {total} places short ({detail}).")
    if result.province_closes is False:
        if nl:
            return (f"{prov} kan dan niet meer sluiten: ook met alle locaties en het aanbod zijn er ten minste "
                    f"{total} plaatsen te weinig ({detail}).")
        return (f"{prov} can then no longer close: even with every site and offer at least {total} places are "
                f"missing ({detail}).")
    word = status(lang, result.changed_status)
    if nl:
        return (f"Voor {prov} is er dan geen plan ({word}); de locaties en het aanbod zijn samen wel genoeg. "
                "'planner explain' zegt waarom er geen plan is.")
    return (f"There is then no plan for {prov} ({word}), although the sites and offers are enough together. "
            "'planner explain' says why there is no plan.")


def sites_sentence(result: DutyResult, lang: str) -> str | None:
    """Which of the municipality's sites for the checked tasks the plan uses (new, opened) or no longer uses."""
    if not result.has_plan:
        return None
    nl = lang == "nl"
    by_site: dict[str, list[int]] = {}
    base_by_site: dict[str, list[int]] = {}
    info = {}
    for s in result.sites:
        checked = result.categories_checked
        if ("amv" if s.category == "amv" else "regular") not in checked and "total" not in checked:
            continue
        info[s.site] = s
        by_site.setdefault(s.site, []).append(s.places or 0)
        base_by_site.setdefault(s.site, []).append(s.base_places or 0)
    added = {e.site for e in result.edits if e.change == "added"}
    used, dropped = [], []
    for site, places in by_site.items():
        most, before = max(places), max(base_by_site[site])
        if most:
            note = (" nieuw" if nl else " new") if site in added else (
                (" geopend" if nl else " opened") if info[site].status != "existing" and not before else "")
            used.append(f"{site} ({number(lang, most)}{',' if note else ''}{note})")
        elif before:
            dropped.append(f"{site} ({'in de basis' if nl else 'in the base'} {number(lang, before)})")
    if not used and not dropped:
        return None
    if nl:
        parts = [f"gebruikt {join(lang, used)}" if used else "gebruikt geen van zijn locaties"]
        if dropped:
            parts.append(f"gebruikt {join(lang, dropped)} niet meer")
        return f"Het plan {' en '.join(parts)}."
    parts = [f"uses {join(lang, used)}" if used else "uses none of its sites"]
    if dropped:
        parts.append(f"no longer uses {join(lang, dropped)}")
    return f"The plan {' and '.join(parts)}."


def duty_sentences(result: DutyResult, lang: str) -> list[str]:
    """Every sentence of the answer, the own duty first."""
    out = [own_duty_sentence(result, lang)]
    for extra in (offer_sentence(result, lang), province_sentence(result, lang), sites_sentence(result, lang)):
        if extra:
            out.append(extra)
    return out


def verdeelbesluit_json(v: Verdeelbesluit, lang: str) -> VerdeelbesluitJson:
    """``planner verdeelbesluit --format json`` (what the CLI prints and :meth:`planner.api.Scenario.verdeelbesluit`
    returns): the verdeelbesluit and, under ``sentences``, one sentence per allocation that cannot be housed, in
    ``lang``."""
    from planner.explain.sentences import allocation_sentences

    data = v.as_dict()
    data["sentences"] = allocation_sentences(v.check.violations, lang)
    return data


def allocation_json(check: AllocationCheck, scenario: str, lang: str) -> AllocationAnswerJson:
    """``planner check-allocation --format json`` (what the CLI prints and :meth:`planner.api.Scenario.
    check_allocation` returns): the check, the scenario's name and, under ``sentences``, one sentence per
    allocation that cannot be housed, in ``lang``."""
    from planner.explain.sentences import allocation_sentences

    return {**check.as_dict(), "scenario": scenario, "sentences": allocation_sentences(check.violations, lang)}
