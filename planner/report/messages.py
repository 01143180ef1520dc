"""The message catalogue of input problems (nl/en): what validation says, in the language of the output.

A check names its message by key with values (:class:`planner.scenario.problems.Msg`); :func:`render` fills in the
template of the output's language. Whole numbers are written as the language writes them in running text (``1.000``
in Dutch; English keeps the plain digits the messages always had); a value named ``category`` is a category word
(``regulier``/``regular``; ``categories`` a comma-separated list of them); ``got`` is a value as read (``got 'abc'``,
or "got nothing"); a value that is itself a :class:`~planner.scenario.problems.Msg` (a hint) is rendered in the same
language; ``toml_reason``/``xlsx_reason`` are a library's own words, said in Dutch from a table; every other value
(names, codes, dates, file names) is shown as given. Every key exists in both languages with the same values (a test
says so). The reading messages (files, TOML, CSV, workbooks, pydantic's error types) are in
:mod:`planner.report.messages_read`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from planner.report.messages_journeys import JOURNEY_EN, JOURNEY_NL
from planner.report.messages_read import (
    READ_EN,
    READ_NL,
    TOML_PREFIXES_NL,
    TOML_REASON_NL_OTHER,
    TOML_REASONS_NL,
    XLSX_REASON_NL_OTHER,
    XLSX_REASONS_NL,
)
from planner.report.numbers import nl_int
from planner.report.words import category

if TYPE_CHECKING:
    from planner.scenario.problems import Msg, Value

MESSAGES: dict[str, dict[str, str]] = {
    "nl": {
        "cycle_too_long": (
            "de cyclus loopt van {start} tot {end}, meer dan {years} jaar; een cyclus van de Spreidingswet duurt "
            "twee jaar (een tikfout in een datum?)"
        ),
        "report_date_far": (
            "de peildatum {date} ligt meer dan {years} jaar van het begin van de cyclus ({start}) (een tikfout "
            "in een datum?)"
        ),
        "municipalities_empty": "de gemeententabel heeft een kopregel maar geen rijen",
        "code_repeated": "CBS-code {code} staat er {n} keer in (het eerst in rij {first})",
        "name_repeated": "de naam '{name}' hoort bij meer dan één code; de codes tellen",
        "unknown_code": "onbekende gemeentecode {code}",
        "site_unknown_code": "locatie {site} ligt in een onbekende gemeente {code}",
        "transfer_other_province": (
            "overdracht van {source} ({source_province}) naar {to} ({to_province}): overdrachten mogen alleen "
            "binnen één provincie"
        ),
        "transfer_to_itself": "een overdracht gaat tussen twee verschillende gemeenten",
        "site_id_repeated": "locatie-id {site} staat er {n} keer in (het eerst in rij {first})",
        "site_ended": (
            "locatie {site} ({places} plaatsen) is in de cyclus niet meer beschikbaar: het contract liep af op "
            "{end}"
        ),
        "site_ends_in_cycle": (
            "locatie {site} ({places} plaatsen) stopt binnen de cyclus, op {end}: ze dekt er maar een deel van"
        ),
        "site_opens_late": "locatie {site} gaat pas na de cyclus open",
        "offers_repeated": "{n} aanbiedingen voor {code} {category} {year} (de eerste in rij {first}); geef er één",
        "offer_outside_cycle": "het aanbod van {code} voor {year} valt buiten de cyclus en telt niet mee",
        "offer_unfilled": (
            "{name} ({code}) biedt in {year} {places} plaatsen {category} aan, maar de eigen locaties geven in "
            "periode {period} maar {have}"
        ),
        "offer_too_large": (
            "een aanbod van {places} plaatsen {category} is meer dan de hele landelijke behoefte van {need}: een "
            "tikfout?"
        ),
        "transfer_too_large": (
            "een overdracht van {places} plaatsen is meer dan de hele landelijke behoefte van {need}: een "
            "tikfout?"
        ),
        "population_too_large": (
            "{name}: {population} inwoners is meer dan het landelijke inwonertal van {national}: een tikfout?"
        ),
        "task_too_large": "{name}: {field} {value} is meer dan de landelijke behoefte van {need}: een tikfout?",
        "ukraine_too_large": (
            "{name}: {field} {value} is meer dan het landelijke Oekraïne-getal van {national}: een tikfout?"
        ),
        "total_mismatch": (
            "het opgegeven totaal van {what} is {value}{source}, maar de delen tellen op tot {got} (verschil "
            "{difference})"
        ),
        "site_id_collision": (
            "locatie-id {site} verschilt van {other} alleen in hoofdletters, spaties, '-' of '_'; geef locaties "
            "id's die in letters of cijfers verschillen"
        ),
        "transfer_above_surplus": (
            "{name} ({code}) draagt in {year} {n} plaatsen {category} over, meer dan het overschot van {surplus} "
            "({have} aangeboden of beschikbaar, eigen taak {task}): de gemeente komt dan zelf tekort"
        ),
        "spuk_paid_twice": (
            "plaatsen {categories} worden betaald uit SPUK 1 én SPUK 2: dezelfde plaatsen zouden twee keer "
            "betaald worden"
        ),
        "province_task_repeated": "een tweede taak voor {province}",
        "amv_rule": (
            "{name}: de officiële AMV-taak {amv} wijkt af van de AMV-regel round({total} · {amv_need} / {need}) "
            "= {rule}"
        ),
        "no_ses": "{name}: geen SES-WOA-score; de taak is berekend met S = 0",
        "ambition_below_realised": (
            "{name}: de Oekraïne-ambitie {ambition} ligt onder de {realised} plaatsen die er al zijn"
        ),
    },
    "en": {
        "cycle_too_long": (
            "the cycle runs from {start} to {end}, more than {years} years; a Spreidingswet cycle is two years "
            "(a typo in a date?)"
        ),
        "report_date_far": (
            "the report date {date} is more than {years} years from the cycle start {start} (a typo in a date?)"
        ),
        "municipalities_empty": "the municipalities table has a header but no rows",
        "code_repeated": "CBS code {code} appears {n} times (first at row {first})",
        "name_repeated": "name '{name}' is used by more than one code; codes are what count",
        "unknown_code": "unknown municipality code {code}",
        "site_unknown_code": "site {site} lies in an unknown municipality {code}",
        "transfer_other_province": (
            "transfer from {source} ({source_province}) to {to} ({to_province}): transfers are only allowed "
            "within one province"
        ),
        "transfer_to_itself": "a transfer needs two different municipalities",
        "site_id_repeated": "site id {site} appears {n} times (first at row {first})",
        "site_ended": "site {site} ({places} places) is no longer available in the cycle: its contract ended {end}",
        "site_ends_in_cycle": "site {site} ({places} places) ends inside the cycle on {end}: it covers only part of it",
        "site_opens_late": "site {site} only opens after the cycle",
        "offers_repeated": "{n} offers for {code} {category} {year} (first at row {first}); give one",
        "offer_outside_cycle": "offer for {code} in {year} is outside the cycle and is ignored",
        "offer_unfilled": (
            "{name} ({code}) offers {places} {category} places in {year}, but its sites give only {have} in "
            "period {period}"
        ),
        "offer_too_large": (
            "offer of {places} {category} places is more than the whole national need of {need}: a typo?"
        ),
        "transfer_too_large": "transfer of {places} places is more than the whole national need of {need}: a typo?",
        "population_too_large": (
            "{name}: population {population} is more than the national population of {national}: a typo?"
        ),
        "task_too_large": "{name}: {field} {value} is more than the national need of {need}: a typo?",
        "ukraine_too_large": "{name}: {field} {value} is more than the national Ukraine figure of {national}: a typo?",
        "total_mismatch": (
            "the stated total of {what} is {value}{source}, but its parts sum to {got} (difference {difference})"
        ),
        "site_id_collision": (
            "site id {site} differs from {other} only in case, spaces, '-' or '_'; give sites ids that differ in "
            "letters or digits"
        ),
        "transfer_above_surplus": (
            "{name} ({code}) transfers {n} {category} places in {year}, more than its surplus of {surplus} "
            "({have} offered or available, own task {task}): it would fall short itself"
        ),
        "spuk_paid_twice": "{categories} places are paid by SPUK 1 and by SPUK 2: the same places would be paid twice",
        "province_task_repeated": "a second task for {province}",
        "amv_rule": (
            "{name}: official AMV task {amv} differs from the AMV rule round({total} · {amv_need} / {need}) = "
            "{rule}"
        ),
        "no_ses": "{name}: no SES-WOA score, its task is computed with S = 0",
        "ambition_below_realised": (
            "{name}: Ukraine ambition {ambition} is below the {realised} places already realised"
        ),
    },
}
MESSAGES["nl"].update(READ_NL)
MESSAGES["en"].update(READ_EN)
MESSAGES["nl"].update(JOURNEY_NL)
MESSAGES["en"].update(JOURNEY_EN)


def _value(lang: str, name: str, value: Value) -> str:
    from planner.scenario.problems import Msg

    if isinstance(value, Msg):
        return render(lang, value)
    if name == "got" and isinstance(value, str):
        return render(lang, Msg.of("got", value=value) if value else Msg.of("got_nothing"))
    if name == "category" and isinstance(value, str):
        return category(lang, value)
    if name == "categories" and isinstance(value, str):  # "regular, amv"
        return ", ".join(category(lang, c) for c in value.split(", "))
    if name == "toml_reason" and lang == "nl":  # tomllib's own words
        text = str(value)
        prefix = next((p for p in TOML_PREFIXES_NL if text.startswith(p)), None)
        if text not in TOML_REASONS_NL and prefix is not None:
            return TOML_PREFIXES_NL[prefix] + text.removeprefix(prefix)
        return TOML_REASONS_NL.get(text, TOML_REASON_NL_OTHER)
    if name == "xlsx_reason" and lang == "nl":  # zipfile's and openpyxl's own words
        return XLSX_REASONS_NL.get(str(value), XLSX_REASON_NL_OTHER)
    if isinstance(value, float):
        text = repr(round(value, 4))
        return text.replace(".", ",") if lang == "nl" else text
    if isinstance(value, bool) or not isinstance(value, int):
        return str(value)
    return nl_int(value) if lang == "nl" else str(value)


def render(lang: str, msg: Msg) -> str:
    """``msg`` in ``lang`` (an unknown language falls back to English)."""
    table = MESSAGES.get(lang, MESSAGES["en"])
    return table[msg.key].format(**{k: _value(lang, k, v) for k, v in msg.values})


_COLUMN = re.compile(r"\bcolumn ([A-Z]{1,3})\b")


def field_text(lang: str, field: str) -> str:
    """A problem's field as the output's language names it: a workbook column is stored as ``column F`` (English,
    like the JSON's ``message``) and shown as ``kolom F`` in Dutch (``places (column F)`` → ``places (kolom F)``)."""
    from planner.scenario.problems import Msg

    return _COLUMN.sub(lambda m: render(lang, Msg.of("field_column", column=m.group(1))), field)
