"""Words of the result workbooks (nl/en): sheet names, column headers and the fixed texts of a workbook.

A result's columns are its JSON keys (``planned_regular``, ``delta.spuk1``); a workbook shows them in the output's
language, each part of a dotted key on its own (:func:`heading`). The keys stay the program's: a column's number
format is chosen from its key, never from its header. Kept beside :mod:`planner.report.words`; every key exists in
both languages (a test says so), and a test reads every result workbook back in both languages and finds each
header, sheet name and metadata key in this table.
"""

from __future__ import annotations

import re

XLSX_TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "empty": "(leeg)", "yes": "ja", "no": "nee", "puzzle": "puzzel", "puzzle_title": "De puzzel — {name}",
        "total_row": "totaal",
        "checks_not_read": "niet gelezen: een planmap bewaart geen controles; geef het scenario mee",
        "error": "fout", "warning": "waarschuwing", "pz_population": "inwoners", "pz_ukraine": "Oekraïne",
        "pz_regular": "regulier", "pz_amv": "AMV", "pz_task": "opgave", "pz_realised": "realisatie",
        "pz_ambition": "ambitie", "pz_offer": "aanbod", "pz_plan": "plan", "spuk_item": "post",
        "spuk_amount": "bedrag €", "spuk_pot": "SPUK 3 pot", "spuk_key": "SPUK 3 sleutel",
        "spuk_together": "gemeenten samen", "spuk_province": "provincie",
    },
    "en": {
        "empty": "(empty)", "yes": "yes", "no": "no", "puzzle": "puzzle", "puzzle_title": "The puzzle — {name}",
        "total_row": "total", "checks_not_read": "not read: a plan folder keeps no checks; give the scenario too",
        "error": "error", "warning": "warning", "pz_population": "population", "pz_ukraine": "Ukraine",
        "pz_regular": "regular", "pz_amv": "AMV", "pz_task": "task", "pz_realised": "realised",
        "pz_ambition": "ambition", "pz_offer": "offer", "pz_plan": "plan", "spuk_item": "item",
        "spuk_amount": "amount €", "spuk_pot": "SPUK 3 pot", "spuk_key": "SPUK 3 key",
        "spuk_together": "municipalities together", "spuk_province": "province",
    },
}
"""The fixed texts of a workbook: the metadata sheet's headers, yes/no, the puzzle's title and column words."""

COLUMN_WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "above_offer": "boven aanbod", "allocation": "toewijzing", "amv": "AMV", "available": "beschikbaar",
        "balance": "saldo", "base": "basis", "base_places": "plaatsen basis", "base_planned": "plan basis",
        "base_total": "totaal basis", "binding": "bindend", "bound": "grens",
        "cap_at_shortfall": "begrensd op tekort", "capacity": "capaciteit",
        "categories_checked": "gecontroleerde taken", "category": "categorie", "change": "wijziging",
        "changed": "wat-als", "changes": "wijzigingen", "check": "controle", "checks": "controles",
        "choice": "keuze", "closes": "sluitend", "closes_amv": "sluitend AMV", "closes_regular": "sluitend regulier",
        "closes_total": "sluitend totaal", "code": "code", "counted": "telt", "created": "gemaakt op",
        "date": "datum", "delta": "verschil", "delta_shortfall": "verschil tekort", "description": "omschrijving",
        "digest": "digest", "dropped": "vervallen", "durable_places": "duurzame plaatsen", "duty": "eigen taak",
        "duty_met": "eigen taak gehaald", "edited": "gewijzigd", "edits": "gevraagde wijzigingen",
        "exceeds_sites": "boven locaties", "excess": "overschrijding", "feasible": "uitvoerbaar", "field": "veld",
        "fields": "velden", "file": "bestand", "fits": "past", "gap": "gap", "goal": "doel", "goals": "doelen",
        "id": "id", "key": "sleutel", "language": "taal", "limit": "limiet", "limit_amv": "limiet AMV",
        "limit_regular": "limiet regulier", "message": "melding", "met": "gehaald", "metadata": "metadata",
        "min_places": "minimum plaatsen", "most_possible": "meest mogelijk", "municipalities": "gemeenten",
        "municipalities_short": "gemeenten met tekort", "municipalities_total": "gemeenten samen",
        "municipality": "gemeente", "name": "naam", "national_netting": "landelijke verrekening", "new": "nieuw",
        "notices": "meldingen", "objective": "doelwaarde", "offer": "aanbod", "offers": "aanbiedingen", "old": "oud",
        "old_places": "plaatsen oud", "opened": "geopend", "others": "andere gemeenten", "path": "pad",
        "period": "periode", "periods": "perioden", "places": "plaatsen", "plan": "plan", "planned": "gepland",
        "planned_amv": "gepland AMV", "planned_regular": "gepland regulier", "pool": "verrekengebied",
        "pools": "verrekengebieden", "population": "inwoners", "province": "provincie",
        "province_amount": "bedrag provincie", "province_closes": "provincie sluitend",
        "province_name": "naam provincie", "province_short_by": "provincie tekort", "provinces": "provincies",
        "reason": "reden", "regular": "regulier", "remarks": "opmerkingen", "restopgave": "restopgave",
        "restopgave_share": "aandeel restopgave", "result": "resultaat", "role": "rol", "row": "rij", "rows": "rijen",
        "scenario": "scenario", "scenario_digest": "digest van de invoer", "scenarios": "scenario's",
        "seconds": "rekentijd (s)", "seed": "seed", "sentence": "zin", "sentences": "zinnen",
        "settings": "instellingen", "severity": "soort", "share": "aandeel", "short": "te weinig",
        "short_at_least": "tekort ten minste", "short_by": "tekort met", "short_codes": "codes met tekort",
        "short_municipalities": "gemeenten onder taak", "shortfall": "tekort", "shortfall_amv": "tekort AMV",
        "shortfall_regular": "tekort regulier", "site": "locatie", "site_places": "plaatsen locatie",
        "sites": "locaties", "sites_lost": "vervallen locaties", "small_scale": "kleinschalig",
        "small_scale_places": "kleinschalige plaatsen", "small_scale_share": "aandeel kleinschalig",
        "solver": "solver", "solver_version": "versie solver", "special": "bijzonder", "spuk": "SPUK",
        "spuk1": "SPUK 1", "spuk1_places": "plaatsen boven taak", "spuk1_possible": "SPUK 1 mogelijk",
        "spuk2": "SPUK 2", "spuk3": "SPUK 3", "spuk3_share": "SPUK 3-aandeel", "spuk_total": "SPUK totaal",
        "status": "status", "subject": "onderwerp", "subtype": "type", "surplus": "overschot",
        "surplus_amv": "overschot AMV", "surplus_regular": "overschot regulier", "surplus_total": "overschot totaal",
        "table": "tabel", "tables": "tabellen", "task": "taak", "task_amv": "taak AMV",
        "task_regular": "taak regulier", "task_total": "taak totaal", "text": "tekst", "threads": "threads",
        "time_limit": "tijdslimiet (s)", "tool_version": "versie planner", "total": "totaal",
        "total_shortfall": "totaal tekort", "transfer": "uitruil", "transfer_amv": "uitruil AMV",
        "transfer_regular": "uitruil regulier", "ukraine": "Oekraïne", "ukraine_ambition": "ambitie Oekraïne",
        "ukraine_realised": "gerealiseerd Oekraïne", "ukraine_shortfall": "tekort Oekraïne",
        "ukraine_target": "doel Oekraïne", "unit": "eenheid", "used": "gebruikt", "value": "waarde",
        "variation": "variant", "variations": "varianten", "verdict": "oordeel", "violations": "overschrijdingen",
        "why": "waarom", "year": "jaar",
    },
    "en": {
        "above_offer": "above offer", "allocation": "allocation", "amv": "AMV", "available": "available",
        "balance": "balance", "base": "base", "base_places": "base places", "base_planned": "base plan",
        "base_total": "base total", "binding": "binding", "bound": "bound",
        "cap_at_shortfall": "capped at shortfall", "capacity": "capacity", "categories_checked": "tasks checked",
        "category": "category", "change": "change", "changed": "what-if", "changes": "changes", "check": "check",
        "checks": "checks", "choice": "choice", "closes": "closes", "closes_amv": "closes AMV",
        "closes_regular": "closes regular", "closes_total": "closes total", "code": "code", "counted": "counts",
        "created": "created", "date": "date", "delta": "difference", "delta_shortfall": "shortfall difference",
        "description": "description", "digest": "digest", "dropped": "dropped", "durable_places": "durable places",
        "duty": "own task", "duty_met": "own task met", "edited": "edited", "edits": "requested edits",
        "exceeds_sites": "above sites", "excess": "excess", "feasible": "feasible", "field": "field",
        "fields": "fields", "file": "file", "fits": "fits", "gap": "gap", "goal": "goal", "goals": "goals",
        "id": "id", "key": "key", "language": "language", "limit": "limit", "limit_amv": "AMV limit",
        "limit_regular": "regular limit", "message": "message", "met": "met", "metadata": "metadata",
        "min_places": "minimum places", "most_possible": "most possible", "municipalities": "municipalities",
        "municipalities_short": "municipalities short", "municipalities_total": "municipalities together",
        "municipality": "municipality", "name": "name", "national_netting": "national netting", "new": "new",
        "notices": "notices", "objective": "objective value", "offer": "offer", "offers": "offers", "old": "old",
        "old_places": "old places", "opened": "opened", "others": "other municipalities", "path": "path",
        "period": "period", "periods": "periods", "places": "places", "plan": "plan", "planned": "planned",
        "planned_amv": "planned AMV", "planned_regular": "planned regular", "pool": "netting area",
        "pools": "netting areas", "population": "population", "province": "province",
        "province_amount": "province amount", "province_closes": "province closes", "province_name": "province name",
        "province_short_by": "province short by", "provinces": "provinces", "reason": "reason", "regular": "regular",
        "remarks": "remarks", "restopgave": "remainder", "restopgave_share": "remainder share", "result": "result",
        "role": "role", "row": "row", "rows": "rows", "scenario": "scenario", "scenario_digest": "input digest",
        "scenarios": "scenarios", "seconds": "run time (s)", "seed": "seed", "sentence": "sentence",
        "sentences": "sentences", "settings": "settings", "severity": "severity", "share": "share", "short": "short",
        "short_at_least": "short at least", "short_by": "short by", "short_codes": "codes short",
        "short_municipalities": "municipalities below task", "shortfall": "shortfall",
        "shortfall_amv": "AMV shortfall", "shortfall_regular": "regular shortfall", "site": "site",
        "site_places": "site places", "sites": "sites", "sites_lost": "sites lost", "small_scale": "small-scale",
        "small_scale_places": "small-scale places", "small_scale_share": "small-scale share", "solver": "solver",
        "solver_version": "solver version", "special": "special", "spuk": "SPUK", "spuk1": "SPUK 1",
        "spuk1_places": "places above task", "spuk1_possible": "SPUK 1 possible", "spuk2": "SPUK 2",
        "spuk3": "SPUK 3", "spuk3_share": "SPUK 3 share", "spuk_total": "SPUK total", "status": "status",
        "subject": "subject", "subtype": "subtype", "surplus": "surplus", "surplus_amv": "AMV surplus",
        "surplus_regular": "regular surplus", "surplus_total": "total surplus", "table": "table", "tables": "tables",
        "task": "task", "task_amv": "AMV task", "task_regular": "regular task", "task_total": "total task",
        "text": "text", "threads": "threads", "time_limit": "time limit (s)", "tool_version": "planner version",
        "total": "total", "total_shortfall": "total shortfall", "transfer": "transfer",
        "transfer_amv": "AMV transfer", "transfer_regular": "regular transfer", "ukraine": "Ukraine",
        "ukraine_ambition": "Ukraine ambition", "ukraine_realised": "Ukraine realised",
        "ukraine_shortfall": "Ukraine shortfall", "ukraine_target": "Ukraine target", "unit": "unit", "used": "used",
        "value": "value", "variation": "variation", "variations": "variations", "verdict": "verdict",
        "violations": "violations", "why": "why", "year": "year",
    },
}
"""The results' JSON keys (columns, sheets, metadata fields) as a workbook shows them; one word per key (a test
says so), so a header names one column."""

_YEAR = re.compile(r"^(.*)_(\d{4})$")


def xlsx_word(lang: str, key: str, /, **values: object) -> str:
    """A fixed text of a workbook (``puzzle_title``, ``yes`` …) in ``lang``."""
    text = XLSX_TEXTS[lang][key]
    return text.format(**values) if values else text


def known(key: str) -> bool:
    """Whether every part of the column key ``key`` has a word (a year suffix ``_2025`` needs none)."""
    words = COLUMN_WORDS["nl"]
    return all(part in words or ((m := _YEAR.match(part)) is not None and m.group(1) in words)
               for part in key.split("."))


def column_key(lang: str, shown: str) -> str | None:
    """The key a header or sheet name shown in ``lang`` stands for (the inverse of :func:`heading`), or ``None``."""
    keys = {word: key for key, word in COLUMN_WORDS[lang].items()}
    parts: list[str] = []
    for text in shown.split(" · "):
        m = re.match(r"^(.*) (\d{4})$", text)
        if text in keys:
            parts.append(keys[text])
        elif m and m.group(1) in keys:
            parts.append(f"{keys[m.group(1)]}_{m.group(2)}")
        else:
            return None
    return ".".join(parts)


def heading(lang: str, key: str) -> str:
    """A column key or sheet key as the workbook shows it: each part of a dotted key in ``lang``, joined by
    `` · `` (``delta.spuk1`` → ``verschil · SPUK 1``); a year suffix stays a year (``task_regular_2025`` →
    ``taak regulier 2025``). A key with a part the table lacks is an identifier of the input (a sweep's varied
    setting ``cycle.national_need``) and stays as written."""
    if not known(key):
        return key
    words = COLUMN_WORDS[lang]

    def part(text: str) -> str:
        if text in words:
            return words[text]
        m = _YEAR.match(text)
        if m and m.group(1) in words:
            return f"{words[m.group(1)]} {m.group(2)}"
        return text

    return " · ".join(part(p) for p in key.split("."))
