"""The message catalogue of the journeys' own refusals (nl/en): a ``check-duty`` request it cannot answer
(:class:`planner.journeys.duty.DutyError`) and a ``sweep --vary`` it cannot parse
(:class:`planner.journeys.sweep.SweepError`), and a solver library's error.

Part of :data:`planner.report.messages.MESSAGES` (same rules: every key in both languages with the same values). A
journey raises ``DutyError.of(key, **values)``; the CLI and ``planner serve`` show
:meth:`planner.outcome.PlannerError.text` in the output's language, the JSON error's ``message`` is the English.
"""

from __future__ import annotations

JOURNEY_NL: dict[str, str] = {
    # check-duty
    "duty_no_municipality": ("geen gemeente '{wanted}' in {scenario} (geef een CBS-code zoals GM1681 of de precieze "
                             "naam){hint}"),
    "duty_did_you_mean": "; bedoelde u: {names}?",
    "duty_its_sites": "; de locaties van de gemeente: {ids}",
    "duty_no_own_sites": "; de gemeente heeft geen locaties",
    "duty_not_key_value": "--add-site '{spec}': '{part}' is niet sleutel=waarde",
    "duty_add_site_elsewhere": ("--add-site '{spec}': de locatie moet in de gecontroleerde gemeente ({code}) liggen, "
                                "niet in {other}"),
    "duty_add_site_date": "--add-site: {key} '{text}' is geen datum zoals 2025-07-01",
    "duty_add_site_invalid": "--add-site '{spec}': {problem}",
    "duty_and_more": "{first}; {rest}",
    "duty_site_needs_places": "--site heeft --places N nodig (het nieuwe aantal plaatsen)",
    "duty_no_site": "geen locatie met id '{site}'{hint}",
    "duty_site_elsewhere": ("locatie {site} ligt in {other}, niet in de gecontroleerde gemeente ({code}){hint}"),
    "duty_places_needs_site": "--places heeft --site ID nodig (welke locatie van grootte verandert)",
    "duty_added_elsewhere": ("de toegevoegde locatie {site} ligt in {other}, niet in de gecontroleerde gemeente "
                             "({code})"),
    "duty_offer_needs_site": ("--offer zet het aanbod van de taak waarvoor de gewijzigde locaties tellen; wijzig of "
                              "voeg een locatie toe"),
    "duty_offer_one_task": ("--offer zet het aanbod van de taak waarvoor de gewijzigde locaties tellen; wijzig "
                            "alleen locaties van één taak"),
    "duty_no_code": "geen gemeente met code {code}",
    "duty_outside_scope": "{name} ({code}) valt buiten het gebied van het scenario ({scope})",
    # sweep --vary
    "vary_not_a_setting": ("'{key}' is geen instelling om te variëren; schrijf sectie.sleutel, met als sectie een "
                           "van: {sections} (bijv. cycle.national_need)"),
    "vary_unknown_section": "onbekende sectie '{section}' in '{key}'",
    "vary_unknown_key": "onbekende sleutel '{key}'; {hint}de sleutels van sectie {section} zijn: {known}",
    "vary_did_you_mean": "bedoelde u '{guess}'? ",
    "vary_not_a_number": "'{text}' is geen getal",
    "vary_form": "--vary '{spec}': schrijf sleutel=begin:eind:stap of sleutel=a,b,c",
    "vary_step": "--vary '{spec}': de stap moet positief zijn",
    "vary_stop_below": "--vary '{spec}': eind {stop} ligt onder begin {start}",
    "vary_too_many": "--vary '{spec}' geeft {count} waarden; hoogstens {max}",
    "vary_no_values": "--vary '{spec}': geen waarden",
    "vary_value_misfit": "--vary '{spec}': waarde '{value}' past niet bij {key}: {problem}",
    "vary_none": "geef ten minste één --vary",
    "dask_missing": "--executor dask heeft Dask nodig, een optionele extra: pip install 'spreidingsplanner[dask]' "
                    "(of gebruik de standaard --executor local)",
    "vary_twice": "een sleutel wordt twee keer gevarieerd: {keys}",
    "vary_grid_too_large": "het rooster heeft {count} varianten; hoogstens {max}",
    # solvers
    "solver_error": "de solver meldt een fout; zijn eigen woorden: \"{detail}\"",
}

JOURNEY_EN: dict[str, str] = {
    "duty_no_municipality": ("no municipality '{wanted}' in {scenario} (give a CBS code like GM1681 or the exact "
                             "name){hint}"),
    "duty_did_you_mean": "; did you mean: {names}?",
    "duty_its_sites": "; its sites: {ids}",
    "duty_no_own_sites": "; it has no sites",
    "duty_not_key_value": "--add-site '{spec}': '{part}' is not key=value",
    "duty_add_site_elsewhere": ("--add-site '{spec}': the site must lie in the municipality checked ({code}), not in "
                                "{other}"),
    "duty_add_site_date": "--add-site: {key} '{text}' is not a date like 2025-07-01",
    "duty_add_site_invalid": "--add-site '{spec}': {problem}",
    "duty_and_more": "{first}; {rest}",
    "duty_site_needs_places": "--site needs --places N (the new number of places)",
    "duty_no_site": "no site with id '{site}'{hint}",
    "duty_site_elsewhere": "site {site} lies in {other}, not in the municipality checked ({code}){hint}",
    "duty_places_needs_site": "--places needs --site ID (which site to resize)",
    "duty_added_elsewhere": "the added site {site} lies in {other}, not in the municipality checked ({code})",
    "duty_offer_needs_site": ("--offer sets the offer of the task the changed sites count toward; change or add a "
                              "site"),
    "duty_offer_one_task": ("--offer sets the offer of the task the changed sites count toward; change sites of one "
                            "task only"),
    "duty_no_code": "no municipality with code {code}",
    "duty_outside_scope": "{name} ({code}) is outside the scenario's scope ({scope})",
    "vary_not_a_setting": ("'{key}' is not a setting to vary; write section.key, with section one of: {sections} "
                           "(e.g. cycle.national_need)"),
    "vary_unknown_section": "unknown section '{section}' in '{key}'",
    "vary_unknown_key": "unknown key '{key}'; {hint}the keys of section {section} are: {known}",
    "vary_did_you_mean": "did you mean '{guess}'? ",
    "vary_not_a_number": "'{text}' is not a number",
    "vary_form": "--vary '{spec}': write key=start:stop:step or key=a,b,c",
    "vary_step": "--vary '{spec}': the step must be positive",
    "vary_stop_below": "--vary '{spec}': stop {stop} is below start {start}",
    "vary_too_many": "--vary '{spec}' gives {count} values; at most {max}",
    "vary_no_values": "--vary '{spec}': no values",
    "vary_value_misfit": "--vary '{spec}': value '{value}' does not fit {key}: {problem}",
    "vary_none": "give at least one --vary",
    "dask_missing": "--executor dask needs Dask, an optional extra: pip install 'spreidingsplanner[dask]' "
                    "(or use the default --executor local)",
    "vary_twice": "a key is varied twice: {keys}",
    "vary_grid_too_large": "the grid has {count} variations; at most {max}",
    "solver_error": "the solver reported an error; in its own words: \"{detail}\"",
}
