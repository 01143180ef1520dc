"""The one word table (nl/en) for every output: categories, statuses, headers and sentences.

Only :mod:`planner.report` and :mod:`planner.cli` read it; journeys and the model hand over values and codes
(``regular``, ``amv``, ``optimal``), never words. ``AMV`` is the name in both languages (the English "UAM" is not
used: users of both languages know the Dutch abbreviation from the law). Every key exists in both languages (a test
says so), and a test renders every command in both languages and finds no word of the other.
"""

from __future__ import annotations

from planner.report.numbers import nl_int

LANGS = ("nl", "en")

T: dict[str, dict[str, str]] = {
    "nl": {
        "report": "Spreidingswet — planrapport",
        "compare_report": "Spreidingswet — vergelijking van scenario's",
        "summary": "Samenvatting",
        "plan_period": "Taak en plan per gemeente, {p}",
        "code": "code",
        "municipality": "gemeente",
        "task_reg": "taak regulier",
        "offer_reg": "aanbod regulier",
        "plan_reg": "plan regulier",
        "task_amv": "taak AMV",
        "offer_amv": "aanbod AMV",
        "plan_amv": "plan AMV",
        "short": "tekort",
        "why": "toelichting",
        "province_total": "provincie {prov}",
        "closes": "sluitend",
        "not_closes": "niet sluitend",
        "cannot_close": "kan niet sluiten",
        "fits_no_plan": "past binnen de locaties en het aanbod, maar er is geen plan",
        "charts": "Grafieken",
        "fig_task_plan": "Eigen taak (regulier + AMV, gearceerd grijs) en geplande plaatsen per gemeente en periode.",
        "fig_mix": "Soorten plaatsen in het plan per gemeente, {p}: regulier, bijzonder (HTL, gezinslocatie, TGO, "
        "noodopvang) en AMV.",
        "fig_spuk": "SPUK-bedragen per gemeente: SPUK 1 (duurzame plaatsen), SPUK 2 (bijzondere plaatsen) en SPUK 3.",
        "map": "Kaart: hoe ver is elke gemeente van haar taak?",
        "fig_map": "Kaart van {where}: per gemeente het deel van de eigen taak (regulier + AMV) dat het plan dekt in "
        "de zwakste periode. Klassen verschillen in kleur én arcering{labels}. Bron: CBS, PDOK/Kadaster.",
        "map_labels": "; elke gemeente heeft een label met naam en percentage",
        "map_no_labels": "; de percentages per gemeente staan in de tabellen",
        "ukraine": "Oekraïne {p} (inspanningsverplichting)",
        "target": "doel",
        "realised": "gerealiseerd",
        "ambition": "ambitie",
        "plan": "plan",
        "below": "onder doel",
        "spuk": "SPUK",
        "task_total": "taak totaal",
        "durable": "duurzame plaatsen",
        "above": "boven taak",
        "spuk1": "SPUK 1",
        "spuk2": "SPUK 2",
        "spuk3_share": "SPUK 3-aandeel",
        "choice": "keuze",
        "total": "totaal",
        "together": "gemeenten samen",
        "checks": "Controles op de invoer",
        "no_checks": "Geen waarschuwingen.",
        "checks_unknown": "Dit rapport is gemaakt uit een planmap; de invoercontroles zijn niet opnieuw uitgevoerd "
        "(zie 'planner validate').",
        "severity": "soort",
        "file": "bestand",
        "row": "rij",
        "field": "veld",
        "message": "melding",
        "about": "Over deze berekening",
        "scenario": "scenario",
        "digest": "digest van de invoer",
        "tool": "versie planner",
        "solver": "solver",
        "status": "status",
        "gap": "gap",
        "seconds": "rekentijd",
        "made": "gemaakt op",
        "credit": "Kaart: Bron: CBS, PDOK/Kadaster (CC BY 4.0).",
        "no_plan": "Er is geen plan",
        "scenarios": "Scenario's",
        "role": "rol",
        "base": "basis",
        "whatif": "wat-als",
        "description": "omschrijving",
        "changes": "Wat is er veranderd?",
        "change": "wijziging",
        "province_close": "Sluit de provincie?",
        "category": "categorie",
        "period": "periode",
        "task": "taak",
        "planned": "plan",
        "delta": "verschil",
        "muni_deltas": "Verschillen per gemeente",
        "base_places": "basis",
        "whatif_places": "wat-als",
        "delta_short": "verschil tekort",
        "spuk_compare": "SPUK per scenario",
        "fig_deltas": "Verandering van de geplande plaatsen (regulier + AMV) per gemeente ten opzichte van de basis, "
        "per wat-als-scenario en periode.",
        "no_deltas": "Geen gemeente krijgt andere aantallen dan in de basis.",
        "bound": "meest mogelijk (grens, geen plan)",
        "nav": "Inhoud",
    },
    "en": {
        "report": "Spreidingswet — plan report",
        "compare_report": "Spreidingswet — scenario comparison",
        "summary": "Summary",
        "plan_period": "Task and plan per municipality, {p}",
        "code": "code",
        "municipality": "municipality",
        "task_reg": "regular task",
        "offer_reg": "regular offer",
        "plan_reg": "regular plan",
        "task_amv": "AMV task",
        "offer_amv": "AMV offer",
        "plan_amv": "AMV plan",
        "short": "shortfall",
        "why": "explanation",
        "province_total": "province {prov}",
        "closes": "closes",
        "not_closes": "does not close",
        "cannot_close": "cannot close",
        "fits_no_plan": "fits within the sites and offers, but there is no plan",
        "charts": "Charts",
        "fig_task_plan": "Own task (regular + AMV, hatched grey) and planned places per municipality and period.",
        "fig_mix": "Kinds of places in the plan per municipality, {p}: regular, special (HTL, family site, TGO, "
        "emergency) and AMV.",
        "fig_spuk": "SPUK amounts per municipality: SPUK 1 (durable places), SPUK 2 (special places) and SPUK 3.",
        "map": "Map: how far is each municipality from its task?",
        "fig_map": "Map of {where}: per municipality the share of its own task (regular + AMV) the plan covers in its "
        "weakest period. Classes differ in colour and hatching{labels}. Source: CBS, PDOK/Kadaster.",
        "map_labels": "; each municipality is labelled with its name and percentage",
        "map_no_labels": "; the tables give each municipality's numbers",
        "ukraine": "Ukraine {p} (best-effort obligation)",
        "target": "target",
        "realised": "realised",
        "ambition": "ambition",
        "plan": "plan",
        "below": "below target",
        "spuk": "SPUK",
        "task_total": "total task",
        "durable": "durable places",
        "above": "above task",
        "spuk1": "SPUK 1",
        "spuk2": "SPUK 2",
        "spuk3_share": "SPUK 3 share",
        "choice": "choice",
        "total": "total",
        "together": "municipalities together",
        "checks": "Input checks",
        "no_checks": "No warnings.",
        "checks_unknown": "This report was made from a plan folder; the input checks were not run again (see "
        "'planner validate').",
        "severity": "kind",
        "file": "file",
        "row": "row",
        "field": "field",
        "message": "message",
        "about": "About this calculation",
        "scenario": "scenario",
        "digest": "input digest",
        "tool": "planner version",
        "solver": "solver",
        "status": "status",
        "gap": "gap",
        "seconds": "run time",
        "made": "made on",
        "credit": "Map: Source: CBS, PDOK/Kadaster (CC BY 4.0).",
        "no_plan": "There is no plan",
        "scenarios": "Scenarios",
        "role": "role",
        "base": "base",
        "whatif": "what-if",
        "description": "description",
        "changes": "What changed?",
        "change": "change",
        "province_close": "Does the province close?",
        "category": "category",
        "period": "period",
        "task": "task",
        "planned": "plan",
        "delta": "difference",
        "muni_deltas": "Differences per municipality",
        "base_places": "base",
        "whatif_places": "what-if",
        "delta_short": "shortfall difference",
        "spuk_compare": "SPUK per scenario",
        "fig_deltas": "Change in planned places (regular + AMV) per municipality against the base, per what-if and "
        "period.",
        "no_deltas": "No municipality gets different numbers than in the base.",
        "bound": "most possible (a bound, not a plan)",
        "nav": "Contents",
    },
}

STATUS_WORDS = {
    "nl": {
        "optimal": "bewezen optimaal",
        "feasible": "toelaatbaar, niet bewezen optimaal",
        "infeasible": "onmogelijk (infeasible): geen plan",
        "no_solution": "geen oplossing binnen de limiet",
        "unbounded": "onbegrensd",
        "error": "fout in de solver",
        "unknown": "onbekend",
        "invalid": "ongeldige invoer",
    },
    "en": {
        "optimal": "proven optimal",
        "feasible": "feasible, not proven optimal",
        "infeasible": "infeasible: no plan",
        "no_solution": "no solution within the limits",
        "unbounded": "unbounded",
        "error": "solver error",
        "unknown": "unknown",
        "invalid": "invalid input",
    },
}
CATEGORY_WORDS = {
    "nl": {"regular": "regulier", "amv": "AMV", "special": "bijzonder", "ukraine": "Oekraïne", "total": "totaal"},
    "en": {"regular": "regular", "amv": "AMV", "special": "special", "ukraine": "Ukraine", "total": "total"},
}


TASK_WORDS = {
    "nl": {"regular": "reguliere taak", "amv": "AMV-taak", "total": "totale taak"},
    "en": {"regular": "regular task", "amv": "AMV task", "total": "total task"},
}
"""A municipality's task of a category, as a sentence names it ("zijn reguliere taak", "its AMV task")."""

SITE_WORDS = {
    "nl": {"regular": "reguliere locaties", "amv": "AMV-locaties", "total": "locaties"},
    "en": {"regular": "regular sites", "amv": "AMV sites", "total": "sites"},
}

TERMINAL: dict[str, dict[str, str]] = {
    "nl": {
        "category": "soort",
        "period": "periode",
        "task": "taak",
        "offer": "aanbod",
        "sites_can_hold": "locaties",
        "transfer": "uitruil",
        "counted": "telt",
        "verdict": "oordeel",
        "plan": "plan",
        "plan_base": "plan (basis)",
        "met": "gehaald",
        "met_by": "gehaald (+{n})",
        "short_by": "tekort {n}",
        "closes": "sluitend",
        "closes_by": "sluitend (+{n})",
        "total_figures": " (totaal {got} / {task})",
        "no_plan_most": "geen plan; hoogstens {n}",
        "duty_title": "Eigen taak {name} ({code}): eigen locaties, aanbod en uitruil, zonder plan",
        "province_title": "Sluit {prov}?",
        "sites_title": "Locaties van {name} in het plan",
        "site": "locatie",
        "status": "status",
        "base": "basis",
        "difference": "verschil",
        "code": "code",
        "municipality": "gemeente",
        "others_title": "Andere gemeenten (binnen hun aanbod)",
        "no_shift": "Andere gemeenten: geen verschuiving nodig.",
        "edit_resized": "wijziging: {site} van {old} naar {new} plaatsen ({code})",
        "edit_added": "wijziging: nieuwe locatie {site}, {new} plaatsen {category} ({code})",
        "edit_offer": "wijziging: aanbod {category} {new} plaatsen per jaar ({code})",
        "spuk_line": "SPUK gemeenten samen: {total} (basis {base}, {delta})",
        "site_status_existing": "bestaand",
        "site_status_planned": "gepland",
        "site_status_candidate": "kandidaat",
        "new": "nieuw",
        "limit": "limiet",
        "goals_title": "Doelen (in volgorde)",
        "goal": "doel",
        "value": "waarde",
        "bound": "grens",
        "gap": "gap",
        "unit": "eenheid",
        "no_plan": "Geen plan",
        "run_explain": "Zie 'planner explain' voor de reden.",
        "plan_period": "Plan {p}",
        "task_reg": "taak reg",
        "offer_reg": "aanbod reg",
        "plan_reg": "plan reg",
        "task_amv": "taak AMV",
        "offer_amv": "aanbod AMV",
        "plan_amv": "plan AMV",
        "shortfall": "tekort",
        "why": "waarom",
        "not_closes": "niet sluitend",
        "ukraine_title": "Oekraïne {p} (inspanningsverplichting)",
        "target": "doel",
        "realised": "gerealiseerd",
        "ambition": "ambitie",
        "below_target": "onder doel",
        "none": "geen",
        "spuk_plan_line": "SPUK (plaatsen {p}): SPUK 1 {spuk1} ({takers} in plaats van SPUK 3) · SPUK 2 {spuk2} · "
        "SPUK 3 {spuk3} · [bold]gemeenten samen {total}[/] · provincie {province}",
    },
    "en": {
        "category": "category",
        "period": "period",
        "task": "task",
        "offer": "offer",
        "sites_can_hold": "sites",
        "transfer": "transfer",
        "counted": "counts",
        "verdict": "verdict",
        "plan": "plan",
        "plan_base": "plan (base)",
        "met": "met",
        "met_by": "met (+{n})",
        "short_by": "short by {n}",
        "closes": "closes",
        "closes_by": "closes (+{n})",
        "total_figures": " (total {got} / {task})",
        "no_plan_most": "no plan; at most {n}",
        "duty_title": "Own task of {name} ({code}): own sites, offer and transfers, without a plan",
        "province_title": "Does {prov} close?",
        "sites_title": "Sites of {name} in the plan",
        "site": "site",
        "status": "status",
        "base": "base",
        "difference": "difference",
        "code": "code",
        "municipality": "municipality",
        "others_title": "Other municipalities (within their offers)",
        "no_shift": "Other municipalities: no shift needed.",
        "edit_resized": "change: {site} from {old} to {new} places ({code})",
        "edit_added": "change: new site {site}, {new} {category} places ({code})",
        "edit_offer": "change: {category} offer {new} places a year ({code})",
        "spuk_line": "SPUK municipalities together: {total} (base {base}, {delta})",
        "site_status_existing": "existing",
        "site_status_planned": "planned",
        "site_status_candidate": "candidate",
        "new": "new",
        "limit": "limit",
        "goals_title": "Goals (in order)",
        "goal": "goal",
        "value": "value",
        "bound": "bound",
        "gap": "gap",
        "unit": "unit",
        "no_plan": "No plan",
        "run_explain": "See 'planner explain' for the reason.",
        "plan_period": "Plan {p}",
        "task_reg": "task reg",
        "offer_reg": "offer reg",
        "plan_reg": "plan reg",
        "task_amv": "task AMV",
        "offer_amv": "offer AMV",
        "plan_amv": "plan AMV",
        "shortfall": "shortfall",
        "why": "why",
        "not_closes": "does not close",
        "ukraine_title": "Ukraine {p} (best-effort obligation)",
        "target": "target",
        "realised": "realised",
        "ambition": "ambition",
        "below_target": "below target",
        "none": "none",
        "spuk_plan_line": "SPUK (places {p}): SPUK 1 {spuk1} ({takers} instead of SPUK 3) · SPUK 2 {spuk2} · "
        "SPUK 3 {spuk3} · [bold]municipalities together {total}[/] · province {province}",
    },
}
"""Headers and short phrases of the terminal tables."""


UNIT_WORDS = {
    "nl": {"‰ of own task": "‰ van eigen taak", "places": "plaatsen", "place-points": "plaatspunten",
           "sites": "locaties", "weighted places": "gewogen plaatsen", "(model estimate)": "(schatting model)"},
    "en": {},
}
"""The goals' declared units (written in English in the model's goal registry) in the output language."""


def unit(lang: str, text: str) -> str:
    """A goal's unit in ``lang``: ``places`` → ``plaatsen``; ``−k€ (model estimate)`` → ``−k€ (schatting model)``."""
    words = UNIT_WORDS[lang]
    if text in words:
        return words[text]
    for en, local in words.items():
        if en.startswith("(") and text.endswith(en):
            return text[: -len(en)] + local
    return text


def number(lang: str, value: int | float | None) -> str:
    """A whole number as the language writes it: ``1.234`` (nl) or ``1,234`` (en); ``–`` for none."""
    if value is None:
        return "–"
    return nl_int(value) if lang == "nl" else f"{round(value):,}"


def euro(lang: str, value: int | float | None) -> str:
    """An amount in euros: ``€ 4.749.686`` (nl) or ``€4,749,686`` (en); ``–`` for none."""
    if value is None:
        return "–"
    sign = "−" if value < 0 else ""
    return f"{sign}€ {nl_int(abs(value))}" if lang == "nl" else f"{sign}€{round(abs(value)):,}"


def signed(lang: str, value: int | None, money: bool = False) -> str:
    """``+12`` / ``−12`` / ``±0`` (``–`` for none), in euros when ``money``."""
    if value is None:
        return "–"
    text = euro(lang, abs(value)) if money else number(lang, abs(value))
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def join(lang: str, items: list[str]) -> str:
    """``a, b en c`` / ``a, b and c``."""
    word = " en " if lang == "nl" else " and "
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + word + items[-1]


def term(lang: str, word: str, /, **values: object) -> str:
    """A terminal word or phrase (from :data:`TERMINAL` or the result tables' words), with ``{n}``-style values
    filled in."""
    from planner.report.words_cli import CLI_WORDS
    from planner.report.words_tables import TABLE_WORDS

    text = (TERMINAL[lang][word] if word in TERMINAL[lang] else TABLE_WORDS[lang][word] if word in TABLE_WORDS[lang]
            else CLI_WORDS[lang][word])
    return text.format(**values) if values else text


def category(lang: str, k: str) -> str:
    """``regulier``/``regular``, ``AMV`` (and the site categories ``bijzonder``/``special``, ``Oekraïne``)."""
    return CATEGORY_WORDS[lang].get(k, k)


def status(lang: str, s: str) -> str:
    return STATUS_WORDS[lang].get(s, s)
