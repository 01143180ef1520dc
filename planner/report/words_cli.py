"""Words of the commands' own lines (nl/en): the quota table, what a command prints around its answer, and the
usage errors a command stops with.

Kept beside :mod:`planner.report.words`; :func:`planner.report.words.term` looks here too. Every key exists in both
languages with the same values (a test says so).
"""

from __future__ import annotations

CLI_WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "error_prefix": "fout:",
        # quota
        "quota_title": "{name} — taakstelling (N = {n}, AMV {amv})",
        "q_code": "code",
        "q_municipality": "gemeente",
        "q_population": "inwoners",
        "q_weight": "gewicht",
        "q_task": "taak totaal",
        "q_regular": "regulier",
        "q_amv": "AMV",
        "q_source": "bron",
        "q_key": "sleutel",
        "q_difference": "verschil",
        "q_ukraine": "Oekraïne",
        "q_official": "officieel",
        "q_computed": "berekend",
        "province_sum": "{prov} samen",
        "q_total": "totaal",
        "q_provincial_title": "Provinciale taak: berekend tegen officieel",
        "q_province": "provincie",
        "q_task_scenario": "taak (scenario)",
        "q_ses_note": "Berekende taken gebruiken gereconstrueerde SES-WOA-scores (niet officieel). Bron: CBS.",
        "q_note": "let op:",
        # template and import-xlsx
        "template_written_empty": "invoerwerkmap (leeg) geschreven naar {path}",
        "template_written_filled": "invoerwerkmap (gevuld met '{name}') geschreven naar {path}",
        "import_written": ("scenario '{name}' geschreven naar {path} ({m} gemeenten, {s} locaties, {o} aanbiedingen); "
                           "digest {digest}…. Daarna: 'planner plan {path}'."),
        "import_has_errors": "de werkmap heeft {n} fout(en); er is niets geschreven.",
        "allocation_has_errors": "{path}: {n} fout(en) in het toewijzingsbestand; er is niets gecontroleerd",
        "out_not_a_folder": "--out {path} bestaat en is geen map",
        "compare_only_fresh": "--compare plant elk scenario opnieuw; laat --plan weg",
        "compare_needs_two": "--compare heeft een BASIS-scenario en ten minste één WHATIF-scenario nodig",
        "plan_one_scenario": "geef hoogstens één SCENARIO bij --plan",
        "report_one_scenario": "geef één SCENARIO (of gebruik --compare BASIS WHATIF…)",
        "compare_usage": "geef een BASIS-scenario en ten minste één WHATIF: planner compare BASIS WHATIF [WHATIF…]",
        "unknown_method": "onbekende methode '{method}'; kies uit: {choices}",
        "unknown_solver": "onbekende solver '{solver}'; kies uit: {choices}",
        "cannot_relax": "--relax: {bad} kan niet versoepeld worden; kies uit {choices}",
        "relax_nothing": "--relax: er is niets te versoepelen; kies uit {choices}",
        "no_explanation": "geen verklaring: {reason}",
        "solver_cannot": "solver {solver} kan dit model niet oplossen: {reason}",
        "no_allocation_file": "{path}: dit toewijzingsbestand bestaat niet",
        "resume_needs_csv": "--resume heeft --csv BESTAND.csv nodig (de tussenresultaten om mee verder te gaan)",
        "sweep_cannot_run": "de sweep kan niet draaien: {reason}",
        "give_municipality": "geef --municipality (een CBS-code zoals GM1681 of de precieze naam)",
        "bad_category": "--category moet regular, amv of total zijn, niet {bad}",
        "plan_file_missing": "{path} ontbreekt: is {folder} een map die 'planner plan --out' schreef?",
        "plan_file_unreadable": "{path} is niet te lezen: {reason}",
        "plan_file_not_result": "{path} is geen resultaat van de planner (een JSON-object verwacht)",
        "plan_folder_mixed": (
            "{folder}: scenario.resolved.json (digest {digest}…) hoort niet bij result.json (digest "
            "{stated}…): de map mengt twee runs. Voer 'planner plan --out {folder}' opnieuw uit."),
        "plan_folder_stale": (
            "{folder} is gepland uit een ander scenario (digest van de map {digest}…, van het scenario "
            "{expected}…): het scenario is sindsdien veranderd. Voer 'planner plan SCENARIO --out {folder}' "
            "opnieuw uit, of laat SCENARIO weg om de map te gebruiken zoals ze is."),
        "plan_folder_no_plan": "{folder} bevat geen plan (status {status}): er is niets om SPUK uit te berekenen",
        "resolved_invalid": "{path} is geen geldig opgelost scenario: {reason}",
        "result_no_periods": "{path} noemt geen perioden",
        "site_places_not_whole": "{path}: locatie {site} heeft {places} plaatsen, geen geheel getal",
        "spuk_no_plan": (
            "geen plan ({status}): er is niets om SPUK uit te berekenen. Voer 'planner plan' uit voor de "
            "reden."),
        # Click's usage errors (planner.cli.usage)
        "usage_line": "Gebruik:",
        "usage_try_help": "Zie '{command}' voor hulp.",
        "usage_no_such_option": "onbekende optie: {name}{hint}",
        "usage_possible": " (bedoelde u: {names}?)",
        "usage_missing_argument": "argument {name} ontbreekt",
        "usage_missing_option": "optie {name} ontbreekt",
        "usage_bad_choice": "ongeldige waarde voor {name}: '{value}' is geen van {choices}",
        "usage_bad_value": "ongeldige waarde voor {name}: '{value}' is {kind}",
        "usage_type_integer": "geen geheel getal",
        "usage_below": "ongeldige waarde voor {name}: {value} is kleiner dan {limit}",
        "usage_above": "ongeldige waarde voor {name}: {value} is groter dan {limit}",
        "usage_needs_value": "optie {name} heeft een waarde nodig",
        "usage_type_float": "geen getal",
        "usage_no_such_command": "onbekend commando '{name}'",
        "usage_extra_arguments": "te veel argumenten: {args}",
        "usage_other": "verkeerd gebruik; Clicks eigen woorden: \"{detail}\"",
        "duty_no_province_plan": ("let op: geen plan voor de provincie, de solver stopte met status {status}; de "
                                  "eigen taak hierboven hangt daar niet van af"),
        "sweep_first_invalid": ("de eerste variant is geen geldig scenario; elke ongeldige variant wordt in zijn "
                                "rij gemeld"),
    },
    "en": {
        "error_prefix": "error:",
        "quota_title": "{name} — tasks (N = {n}, AMV {amv})",
        "q_code": "code",
        "q_municipality": "municipality",
        "q_population": "population",
        "q_weight": "weight",
        "q_task": "total task",
        "q_regular": "regular",
        "q_amv": "AMV",
        "q_source": "source",
        "q_key": "key",
        "q_difference": "difference",
        "q_ukraine": "Ukraine",
        "q_official": "official",
        "q_computed": "computed",
        "province_sum": "{prov} together",
        "q_total": "total",
        "q_provincial_title": "Provincial task: computed against official",
        "q_province": "province",
        "q_task_scenario": "task (scenario)",
        "q_ses_note": "Computed tasks use reconstructed SES-WOA scores (not official). Source: CBS.",
        "q_note": "note:",
        "template_written_empty": "input workbook (empty) written to {path}",
        "template_written_filled": "input workbook (filled with '{name}') written to {path}",
        "import_written": ("scenario '{name}' written to {path} ({m} municipalities, {s} sites, {o} offers); digest "
                           "{digest}…. Next: 'planner plan {path}'."),
        "import_has_errors": "the workbook has {n} error(s); nothing was written.",
        "allocation_has_errors": "{path}: {n} error(s) in the allocation file; nothing was checked",
        "out_not_a_folder": "--out {path} exists and is not a folder",
        "compare_only_fresh": "--compare plans every scenario afresh; leave out --plan",
        "compare_needs_two": "--compare needs a BASE scenario and at least one WHATIF scenario",
        "plan_one_scenario": "give at most one SCENARIO with --plan",
        "report_one_scenario": "give one SCENARIO (or use --compare BASE WHATIF…)",
        "compare_usage": "give a BASE scenario and at least one WHATIF: planner compare BASE WHATIF [WHATIF…]",
        "unknown_method": "unknown method '{method}'; choose one of: {choices}",
        "unknown_solver": "unknown solver '{solver}'; choose one of: {choices}",
        "cannot_relax": "--relax: cannot relax {bad}; choose from {choices}",
        "relax_nothing": "--relax: cannot relax nothing; choose from {choices}",
        "no_explanation": "no explanation: {reason}",
        "solver_cannot": "solver {solver} cannot solve this model: {reason}",
        "no_allocation_file": "{path}: no such allocation file",
        "resume_needs_csv": "--resume needs --csv FILE.csv (the interim results to resume from)",
        "sweep_cannot_run": "cannot run the sweep: {reason}",
        "give_municipality": "give --municipality (a CBS code like GM1681 or the exact name)",
        "bad_category": "--category must be regular, amv or total, not {bad}",
        "plan_file_missing": "{path} is missing: is {folder} a folder written by 'planner plan --out'?",
        "plan_file_unreadable": "cannot read {path}: {reason}",
        "plan_file_not_result": "{path} is not a planner result (expected a JSON object)",
        "plan_folder_mixed": (
            "{folder}: scenario.resolved.json (digest {digest}…) does not belong to result.json (digest "
            "{stated}…): the folder mixes two runs. Run 'planner plan --out {folder}' again."),
        "plan_folder_stale": (
            "{folder} was planned from a different scenario (folder digest {digest}…, scenario digest "
            "{expected}…): the scenario changed since. Run 'planner plan SCENARIO --out {folder}' again, or "
            "leave out SCENARIO to use the folder as it is."),
        "plan_folder_no_plan": "{folder} holds no plan (status {status}): there is nothing to compute SPUK from",
        "resolved_invalid": "{path} is not a valid resolved scenario: {reason}",
        "result_no_periods": "{path} names no periods",
        "site_places_not_whole": "{path}: site {site} has places {places}, not a whole number",
        "spuk_no_plan": "no plan ({status}): there is nothing to compute SPUK from. Run 'planner plan' for the reason.",
        "usage_line": "Usage:",
        "usage_try_help": "Try '{command}' for help.",
        "usage_no_such_option": "no such option: {name}{hint}",
        "usage_possible": " (did you mean: {names}?)",
        "usage_missing_argument": "missing argument {name}",
        "usage_missing_option": "missing option {name}",
        "usage_bad_choice": "invalid value for {name}: '{value}' is not one of {choices}",
        "usage_bad_value": "invalid value for {name}: '{value}' is {kind}",
        "usage_type_integer": "not a whole number",
        "usage_below": "invalid value for {name}: {value} is less than {limit}",
        "usage_above": "invalid value for {name}: {value} is more than {limit}",
        "usage_needs_value": "option {name} needs a value",
        "usage_type_float": "not a number",
        "usage_no_such_command": "no such command '{name}'",
        "usage_extra_arguments": "too many arguments: {args}",
        "usage_other": "wrong usage; in Click's own words: \"{detail}\"",
        "duty_no_province_plan": ("note: no plan for the province, the solver stopped with status {status}; the own "
                                  "duty above does not depend on it"),
        "sweep_first_invalid": ("the first variation is not a valid scenario; each invalid variation is reported in "
                                "its row"),
    },
}

CLI_SHORT: dict[str, dict[str, str]] = {
    "nl": {"q_population": "inw.", "q_weight": "gew.", "q_task": "taak", "q_regular": "reg.", "q_source": "bron",
           "q_key": "sleut.", "q_difference": "vers.", "q_ukraine": "Oekr."},
    "en": {"q_population": "pop.", "q_weight": "wt.", "q_task": "task", "q_regular": "reg.", "q_source": "src.",
           "q_key": "key", "q_difference": "diff.", "q_ukraine": "Ukr."},
}
"""Short headers of the quota table, used only when it does not fit the terminal otherwise."""
