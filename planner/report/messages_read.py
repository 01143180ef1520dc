"""The message catalogue of reading an input (nl/en): files, TOML, CSV cells and headers, workbooks, and the
problems pydantic finds, by its error ``type``.

Part of :data:`planner.report.messages.MESSAGES` (same rules: every key in both languages with the same values). A
value that is itself a :class:`~planner.scenario.problems.Msg` (a hint) is rendered in the same language; ``got``
is the value as read (``'abc'``) or empty for nothing. The English texts are the messages the planner always wrote:
the JSON ``message`` and the bad-input corpus read them.
"""

from __future__ import annotations

READ_NL: dict[str, str] = {
    # files
    "file_not_found": "bestand niet gevonden",
    "file_unreadable": "het bestand is niet te lezen ({reason})",
    "file_is_folder": "is een map, geen bestand",
    "file_not_regular": "is geen gewoon bestand (een apparaat of pipe?)",
    "file_too_large": "het bestand is {size} MB, meer dan de toegestane {limit} MB",
    "file_grew_too_large": "het bestand is meer dan de toegestane {limit} MB",
    "file_utf16": "het bestand is UTF-16 (Excels 'Unicode-tekst'), geen UTF-8; {save}",
    "file_zip": "het bestand is een Excel-werkmap of een ander zip-archief, geen tekst; {save}",
    "file_nul": "het bestand bevat NUL-bytes: het is binair of UTF-16, geen UTF-8-tekst",
    "file_not_utf8": "het bestand is geen UTF-8 (Windows-1252 of Latin-1?); {save}",
    "save_csv_utf8": "sla het in Excel op als 'CSV UTF-8'",
    "save_utf8": "sla het op als UTF-8",
    "internal_load": "interne fout bij het laden: {error} (een fout in de planner, niet in uw invoer)",
    "no_scenario_in_folder": "geen scenario.toml in deze map",
    "no_such_scenario": "geen scenariobestand of -map met deze naam",
    # TOML
    "toml_syntax": "geen geldige TOML: {toml_reason} (regel {line}, kolom {column})",
    "toml_syntax_end": "geen geldige TOML: {toml_reason} (aan het eind van het bestand)",
    "toml_too_deep": "geen geldige TOML: waarden te diep genest om te lezen",
    "toml_empty": "het bestand is leeg (ten minste een sectie [scenario] verwacht)",
    "extends_too_long": "de keten van extends is langer dan {n} bestanden",
    "extends_unusable": "'{ref}' is geen bruikbaar pad",
    "extends_not_text": "moet een pad zijn (tekst): {got}",
    "extends_outside": ("'{ref}' ligt buiten de scenariomappen; de planner leest het niet (met --allow-outside "
                        "wel)"),
    "extends_itself": "extends verwijst naar zichzelf: {cycle}",
    "extends_missing": "'{ref}' bestaat niet (daar staat geen scenariobestand)",
    "table_path_unusable": "'{ref}' is geen bruikbaar pad ({reason})",
    "table_outside": ("'{ref}' ligt buiten de scenariomap; de planner leest het niet (met --allow-outside wel)"),
    "table_is_folder": "bestand '{ref}' is een map, geen bestand",
    "table_not_regular": "bestand '{ref}' is geen gewoon bestand (een apparaat of pipe?)",
    "table_missing": "bestand '{ref}' bestaat niet",
    "key_missing": "verplichte sleutel ontbreekt",
    "key_unknown": "onbekende sleutel; de sleutels hier zijn: {keys}",
    "key_unknown_close": "onbekende sleutel; bedoelde u '{close}'? De sleutels hier zijn: {keys}",
    "toml_not_text": "moet {what} zijn, geen tekst: {got} (schrijf het zonder aanhalingstekens)",
    "toml_float_for_int": "moet een geheel getal zijn, niet {got}",
    "toml_float_for_int_dot": ("moet een geheel getal zijn, niet {got} (TOML leest 96.000 als het decimale getal "
                               "96,0: schrijf 96000 of 96_000)"),
    "toml_not_bool": "moet true of false zijn, niet {got}",
    "toml_not_finite": "moet een eindig getal zijn, niet {got}",
    "what_bool": "true of false",
    "what_number": "een getal",
    "toml_date_quoted": "{problem} (schrijf TOML-datums zonder aanhalingstekens, zoals start = 2025-01-01)",
    # CSV
    "csv_empty": "het bestand is leeg (een kopregel verwacht)",
    "csv_unreadable": "geen leesbaar CSV-bestand: {reason}",
    "column_no_name": "een kolom heeft geen naam (een lege kopcel)",
    "column_twice": "de kolom staat er twee keer in",
    "column_unknown": "onbekende kolom; de kolommen zijn: {names}",
    "column_unknown_close": "onbekende kolom; bedoelde u '{close}'? De kolommen zijn: {names}",
    "column_missing": "verplichte kolom ontbreekt",
    "cells_unclosed_quote": ("heeft {n} cellen, de kopregel {header} (een aanhalingsteken (\") dat op deze rij opent "
                             "wordt nooit gesloten)"),
    "cells_separator": ("heeft {n} cellen, de kopregel {header} (een scheidingsteken in een waarde? zet "
                        "aanhalingstekens om waarden met een scheidingsteken)"),
    "cell_formula": ("{got}: een cel die met {first} begint lijkt een spreadsheetformule; formules worden nooit "
                     "uitgerekend, schrijf de waarde zelf"),
    "not_whole_separators": ("geen geheel getal: {got} (schrijf gehele getallen zonder scheidingsteken voor "
                             "duizendtallen: {fixed})"),
    "not_whole_places": "geen geheel getal: {got} (plaatsen en aantallen zijn gehele getallen)",
    "not_whole": "geen geheel getal: {got}",
    "not_number_comma": "geen getal: {got} (gebruik een decimale punt: {fixed})",
    "not_number": "geen getal: {got}",
    "not_date": "geen datum: {got} (schrijf datums als 2026-04-01 of 1-4-2026)",
    "value_empty": "verplichte waarde is leeg",
    "not_cbs_code": "geen CBS-code (GM en vier cijfers, zoals GM0106): {got}{hint}",
    "bad_site_id": "een locatie-id mag alleen letters, cijfers, '_' en '-' bevatten: {got}{hint}",
    "hint_capitals": " (schrijf de code in hoofdletters: {code})",
    "hint_short_code": (" (CBS-codes zijn tekst zoals {code}: heeft een spreadsheet de 'GM' of een voorloopnul "
                        "weggelaten? Maak de kolom een tekstkolom)"),
    "hint_formula": " (lijkt een spreadsheetformule; alleen waarden worden gelezen, nooit formules)",
    "hint_did_you_mean": " (bedoelde u '{guess}'?)",
    "formula_kept": ("{cell} lijkt een spreadsheetformule; het blijft gewone tekst en wordt nooit uitgerekend (een "
                     "spreadsheet die een export opent kan het nog wel uitvoeren)"),
    # pydantic, by error type
    "pyd_missing": "{field}: verplichte waarde ontbreekt",
    "pyd_int": "{field} moet een geheel getal zijn: {got}{hint}",
    "pyd_float": "{field} moet een getal zijn: {got}{hint}",
    "pyd_bool": "{field} moet true of false zijn: {got}{hint}",
    "pyd_date": "{field} moet een datum zijn: {got}{hint}",
    "pyd_string": "{field} moet tekst zijn: {got}{hint}",
    "pyd_ge": "{field} moet groter dan of gelijk aan {limit} zijn: {got}{hint}",
    "pyd_gt": "{field} moet groter dan {limit} zijn: {got}{hint}",
    "pyd_le": "{field} moet kleiner dan of gelijk aan {limit} zijn: {got}{hint}",
    "pyd_lt": "{field} moet kleiner dan {limit} zijn: {got}{hint}",
    "pyd_choice": "{field} moet een van deze zijn: {expected}: {got}{hint}",
    "pyd_too_short": "{field} heeft te weinig tekens of elementen (minstens {limit}): {got}{hint}",
    "pyd_too_long": "{field} heeft te veel tekens of elementen (hoogstens {limit}): {got}{hint}",
    "pyd_pattern": "{field} heeft niet de goede vorm: {got}{hint}",
    "pyd_table": "{field} moet een tabel zijn (een [sectie] of {{ … }}): {got}{hint}",
    "pyd_list": "{field} moet een lijst zijn ([ … ]): {got}{hint}",
    "pyd_other": "{field} heeft een ongeldige waarde ({kind}): {got}{hint}",
    "cycle_end_before_start": "het einde van de cyclus ({end}) ligt voor het begin ({start})",
    "amv_need_above_need": "national_amv_need is groter dan national_need",
    "weight_sum_above_twice": ("national_weight_sum {sum} is meer dan 2 × national_population {population}: met "
                               "SES-WOA-scores van hoogstens 1 kan dat niet"),
    "stedelijkheid_classes": "de stedelijkheidsklassen zijn 1..5, niet {bad}",
    "tasks_half_given": "geef task_regular en task_amv allebei, of geen van beide",
    "until_before_from": "available_until {until} ligt voor available_from {start}",
    "subtype_not_special": "subtype {subtype} is alleen voor bijzondere plaatsen, niet voor {category}",
    "min_above_places": "min_places {min} is groter dan places {places}",
    "change_no_site": "geen locatie met id '{site}'",
    "change_site_invalid": "locatie {site}: {problem}",
    "change_site_exists": "er is al een locatie met id '{site}'",
    "unknown_total": "onbekend totaal '{what}'; bekend: {known}",
    "unknown_total_close": "onbekend totaal '{what}'; bedoelde u '{close}'? Bekend: {known}",
    "province_written_differently": ("{name}: provincie '{province}' verschilt van '{right}' ({n} gemeenten) alleen in "
                                     "hoofdletters, accenten, spaties, '-' of '_'; schrijf '{right}', anders valt "
                                     "de gemeente buiten haar provincie"),
    "province_misspelt": ("{name}: provincie '{province}' lijkt een tikfout voor '{right}' ({n} gemeenten); schrijf "
                          "'{right}', anders valt de gemeente buiten haar provincie"),
    "province_unknown": "provincie '{province}' heeft geen gemeenten in de tabel; bekend: {known}",
    "province_unknown_close": ("provincie '{province}' heeft geen gemeenten in de tabel; bedoelde u '{close}'? "
                               "Bekend: {known}"),
    "table_one_province": "de gemeententabel bevat alleen {province}",
    "table_some_provinces": ("de gemeententabel bevat {n} van de {of} provincies ({provinces}; ontbreekt: "
                             "{missing})"),
    "no_weight_sum_one": ("{table}, en de taken worden met de sleutel berekend: zonder de landelijke Σ P·(1+S) krijgt "
                          "de provincie de hele landelijke behoefte van {need}; vul cycle.national_weight_sum in "
                          "(het meegeleverde Drenthe-scenario heeft {example}) en national_population, of geef elke "
                          "gemeente haar officiële taak"),
    "no_weight_sum_some": ("{table}, en de taken worden met de sleutel berekend: zonder de landelijke Σ P·(1+S) "
                           "krijgen deze provincies de hele landelijke behoefte van {need}; vul "
                           "cycle.national_weight_sum in (het meegeleverde Drenthe-scenario heeft {example}) en "
                           "national_population, of geef elke gemeente haar officiële taak"),
    "no_population_ukraine": ("{table}: de Oekraïne-doelen hebben het landelijke inwonertal nodig; vul "
                              "cycle.national_population in (1-1-2023: {example})"),
    "no_population_weights": ("{table}: de afgeleide sleutelgewichten hebben het landelijke inwonertal nodig; vul "
                              "cycle.national_population in (1-1-2023: {example})"),
    "population_below_table": ("national_population {given} is minder dan de {population} inwoners van de gemeenten "
                               "in de tabel"),
    "weight_sum_below_table": ("national_weight_sum {given} is minder dan de eigen Σ P·(1+S) van de tabel = "
                               "{weights}: de berekende taken zouden samen meer zijn dan de landelijke behoefte"),
    "internal_check": ("interne fout in {check}: {error} (een fout in de planner, niet in uw invoer; de andere "
                       "controles zijn gedaan)"),
    "xlsx_too_large": "de werkmap is {size} MB, meer dan de toegestane {limit}",
    "xlsx_unreadable": "geen leesbare .xlsx-werkmap: {xlsx_reason}",
    "xlsx_too_many_parts": "de werkmap heeft {n} onderdelen, meer dan de toegestane {limit}",
    "xlsx_part_too_large": ("onderdeel {part} van de werkmap wordt uitgepakt {size}, meer dan de toegestane {limit} "
                            "(een zip-bom, of veel meer gegevens dan een scenario heeft)"),
    "xlsx_unpacks_too_large": "de werkmap wordt uitgepakt {size}, meer dan de toegestane {limit}",
    "sheet_read_as": "blad {sheet} wordt gelezen als '{name}' (de naam verschilt in hoofdletters of spaties)",
    "sheets_ambiguous": "de bladen {sheets} kunnen elk '{name}' zijn: geef ze op één na een andere naam",
    "sheet_not_read": "blad {sheet} wordt niet gelezen (de planner leest {read})",
    "sheet_hidden": "het blad is verborgen; het wordt gelezen zoals de andere",
    "sheet_very_hidden": ("het blad is zeer verborgen (alleen Excels VBA-editor laat het zien); het wordt gelezen "
                          "zoals de andere"),
    "sheet_too_large": ("het blad geeft {rows} rijen × {cols} kolommen op (tot {last}); de planner leest hoogstens "
                        "{max_rows} rijen en {max_cols} kolommen — verwijder de lege rijen en kolommen onder en rechts "
                        "van de gegevens"),
    "sheet_row_beyond": "het blad heeft gegevens in rij {row}; de planner leest hoogstens {max_rows} rijen",
    "sheet_column_beyond": "het blad heeft gegevens in kolom {column}; de planner leest hoogstens {max_cols} kolommen",
    "rows_hidden": ("de rijen {rows} zijn verborgen in Excel; ze worden gelezen zoals de andere (maak ze zichtbaar "
                    "om te zien wat u inleest)"),
    "row_hidden": ("rij {rows} is verborgen in Excel; ze wordt gelezen zoals de andere (maak haar zichtbaar om te "
                   "zien wat u inleest)"),
    "cell_holds_formula": ("cel {cell} bevat een formule ({formula}); formules worden nooit uitgerekend — typ de "
                           "waarde zelf (kopiëren, plakken als waarden)"),
    "settings_sheet_missing": ("blad '{sheet}' ontbreekt (daar staan de naam en de instellingen van het scenario): "
                               "begin met 'planner template'"),
    "settings_columns": "de eerste twee kolommen moeten 'key' en 'value' heten",
    "setting_unknown": "onbekende instelling '{key}'",
    "sheet_missing": "blad '{sheet}' ontbreekt",
    "quota_rounded_independently": ("national_weight_sum is ingevuld: de taken worden elk apart afgerond (half "
                                    "naar boven); {rounding} heeft het hele land in de tabel nodig"),
    "quota_amv_differs": "de officiële AMV-taak {amv} wijkt af van de AMV-regel round(T·{amv_need}/{need}) = {rule}",
    "quota_no_task": "geen taak: geen officiële taak, en de sleutel kan niet worden berekend",
    "quota_no_ses": "geen SES-WOA-score: alleen naar inwonertal gewogen (S = 0)",
    "alloc_period_and_year": "geef een periode of een jaar, niet allebei",
    "alloc_restopgave_above": "restopgave {restopgave} is meer dan de {places} toegewezen plaatsen",
    "alloc_not_in_scope": "{code} is geen gemeente binnen het bereik van dit scenario",
    "alloc_unknown_period": "onbekende periode '{period}'; de perioden zijn: {periods}",
    "alloc_year_outside": "jaar {year} valt buiten de cyclus ({first}–{last})",
    "alloc_twice": "{code} {category} {period} staat er twee keer in (ook in rij {first})",
    "got": "{value}",
    "got_nothing": "niets ingevuld",
    "field_column": "kolom {column}",
}

READ_EN: dict[str, str] = {
    "file_not_found": "file not found",
    "file_unreadable": "cannot read the file: {reason}",
    "file_is_folder": "is a folder, expected a file",
    "file_not_regular": "is not a regular file (a device or pipe?)",
    "file_too_large": "file is {size} MB, more than the {limit} MB allowed",
    "file_grew_too_large": "file is more than the {limit} MB allowed",
    "file_utf16": "file is UTF-16 (Excel's 'Unicode text'), not UTF-8; {save}",
    "file_zip": "file is an Excel workbook or other zip archive, not text; {save}",
    "file_nul": "file contains NUL bytes: it is binary or UTF-16, not UTF-8 text",
    "file_not_utf8": "file is not UTF-8 (Windows-1252 or Latin-1?); {save}",
    "save_csv_utf8": "save it as 'CSV UTF-8' in Excel",
    "save_utf8": "save it as UTF-8",
    "internal_load": "internal error while loading: {error} (a bug in the planner, not in your input)",
    "no_scenario_in_folder": "no scenario.toml in this folder",
    "no_such_scenario": "no such scenario file or folder",
    "toml_syntax": "not valid TOML: {toml_reason} (at line {line}, column {column})",
    "toml_syntax_end": "not valid TOML: {toml_reason} (at end of document)",
    "toml_too_deep": "not valid TOML: values nested too deeply to read",
    "toml_empty": "file is empty (expected at least a [scenario] section)",
    "extends_too_long": "extends chain is more than {n} files long",
    "extends_unusable": "'{ref}' is not a usable path",
    "extends_not_text": "must be a path (text), {got}",
    "extends_outside": "'{ref}' is outside the scenario folders; refusing to read it (pass --allow-outside to permit)",
    "extends_itself": "extends itself: {cycle}",
    "extends_missing": "'{ref}' does not exist (no scenario file there)",
    "table_path_unusable": "'{ref}' is not a usable path ({reason})",
    "table_outside": "'{ref}' is outside the scenario folder; refusing to read it (pass --allow-outside to permit)",
    "table_is_folder": "file '{ref}' is a folder, not a file",
    "table_not_regular": "file '{ref}' is not a regular file (a device or pipe?)",
    "table_missing": "file '{ref}' does not exist",
    "key_missing": "required key is missing",
    "key_unknown": "unknown key; the keys here are: {keys}",
    "key_unknown_close": "unknown key; did you mean '{close}'? the keys here are: {keys}",
    "toml_not_text": "must be {what}, not text: {got} (write it without quotes)",
    "toml_float_for_int": "must be a whole number, {got}",
    "toml_float_for_int_dot": ("must be a whole number, {got} (TOML reads 96.000 as the decimal 96.0: write 96000 or "
                               "96_000)"),
    "toml_not_bool": "must be true or false, {got}",
    "toml_not_finite": "must be a finite number, {got}",
    "what_bool": "true or false",
    "what_number": "a number",
    "toml_date_quoted": "{problem} (write TOML dates without quotes, like start = 2025-01-01)",
    "csv_empty": "file is empty (expected a header row)",
    "csv_unreadable": "not a readable CSV file: {reason}",
    "column_no_name": "a column has no name (an empty header cell)",
    "column_twice": "column appears twice",
    "column_unknown": "unknown column; the columns are: {names}",
    "column_unknown_close": "unknown column; did you mean '{close}'? the columns are: {names}",
    "column_missing": "required column is missing",
    "cells_unclosed_quote": "has {n} cells, the header has {header} (a quote (\") opened on this row is never closed)",
    "cells_separator": ("has {n} cells, the header has {header} (a separator inside a value? put quotes around "
                        "values that contain the separator)"),
    "cell_formula": ("{got}: a cell starting with {first} looks like a spreadsheet formula; formulas are never "
                     "evaluated, write the plain value"),
    "not_whole_separators": "not a whole number: {got} (write whole numbers without thousands separators: {fixed})",
    "not_whole_places": "not a whole number: {got} (places and counts are whole numbers)",
    "not_whole": "not a whole number: {got}",
    "not_number_comma": "not a number: {got} (use a decimal point: {fixed})",
    "not_number": "not a number: {got}",
    "not_date": "not a date: {got} (write dates as 2026-04-01 or 1-4-2026)",
    "value_empty": "required value is empty",
    "not_cbs_code": "not a CBS code (GM and four digits, like GM0106): {got}{hint}",
    "bad_site_id": "a site id may hold only letters, digits, '_' and '-': {got}{hint}",
    "hint_capitals": " (write the code in capitals: {code})",
    "hint_short_code": (" (CBS codes are text like {code}: did a spreadsheet drop the 'GM' or a leading zero? Format "
                        "the column as text)"),
    "hint_formula": " (looks like a spreadsheet formula; only values are read, never formulas)",
    "hint_did_you_mean": " (did you mean '{guess}'?)",
    "formula_kept": ("{cell} looks like a spreadsheet formula; it is kept as plain text and never evaluated (a "
                     "spreadsheet opening an export may still run it)"),
    "pyd_missing": "{field}: a required value is missing",
    "pyd_int": "{field} must be a whole number: {got}{hint}",
    "pyd_float": "{field} must be a number: {got}{hint}",
    "pyd_bool": "{field} must be true or false: {got}{hint}",
    "pyd_date": "{field} must be a date: {got}{hint}",
    "pyd_string": "{field} must be a valid string (text): {got}{hint}",
    "pyd_ge": "{field} must be greater than or equal to {limit}: {got}{hint}",
    "pyd_gt": "{field} must be greater than {limit}: {got}{hint}",
    "pyd_le": "{field} must be less than or equal to {limit}: {got}{hint}",
    "pyd_lt": "{field} must be less than {limit}: {got}{hint}",
    "pyd_choice": "{field} must be one of: {expected}: {got}{hint}",
    "pyd_too_short": "{field} has too few characters or items (at least {limit}): {got}{hint}",
    "pyd_too_long": "{field} has too many characters or items (at most {limit}): {got}{hint}",
    "pyd_pattern": "{field} does not have the right form: {got}{hint}",
    "pyd_table": "{field} must be a table (a [section] or {{ … }}): {got}{hint}",
    "pyd_list": "{field} must be a list ([ … ]): {got}{hint}",
    "pyd_other": "{field} has a value that is not valid ({kind}): {got}{hint}",
    "cycle_end_before_start": "cycle end {end} is before cycle start {start}",
    "amv_need_above_need": "national_amv_need is larger than national_need",
    "weight_sum_above_twice": ("national_weight_sum {sum} is more than 2 × national_population {population}: with "
                               "SES-WOA scores of at most 1 it cannot be"),
    "stedelijkheid_classes": "stedelijkheid classes are 1..5, got {bad}",
    "tasks_half_given": "give both task_regular and task_amv, or neither",
    "until_before_from": "available_until {until} is before available_from {start}",
    "subtype_not_special": "subtype {subtype} is only for special places, not {category}",
    "min_above_places": "min_places {min} is larger than places {places}",
    "change_no_site": "no site with id '{site}'",
    "change_site_invalid": "site {site}: {problem}",
    "change_site_exists": "a site with id '{site}' exists already",
    "unknown_total": "unknown total '{what}'; known: {known}",
    "unknown_total_close": "unknown total '{what}'; did you mean '{close}'? known: {known}",
    "province_written_differently": ("{name}: province '{province}' differs from '{right}' ({n} municipalities) only "
                                     "in case, accents, spaces, '-' or '_'; write '{right}', or the municipality "
                                     "drops out of its province"),
    "province_misspelt": ("{name}: province '{province}' looks like a misspelling of '{right}' ({n} municipalities); "
                          "write '{right}', or the municipality drops out of its province"),
    "province_unknown": "province '{province}' has no municipalities in the table; known: {known}",
    "province_unknown_close": ("province '{province}' has no municipalities in the table; did you mean '{close}'? "
                               "known: {known}"),
    "table_one_province": "the municipalities table holds only {province}",
    "table_some_provinces": ("the municipalities table holds {n} of the {of} provinces ({provinces}; missing: "
                             "{missing})"),
    "no_weight_sum_one": ("{table}, and tasks are computed by the key: without the national Σ P·(1+S) the province "
                          "would get the whole national need of {need}; set cycle.national_weight_sum (the bundled "
                          "Drenthe scenario has {example}) and national_population, or give every municipality its "
                          "official task"),
    "no_weight_sum_some": ("{table}, and tasks are computed by the key: without the national Σ P·(1+S) these "
                           "provinces would get the whole national need of {need}; set cycle.national_weight_sum (the "
                           "bundled Drenthe scenario has {example}) and national_population, or give every "
                           "municipality its official task"),
    "no_population_ukraine": ("{table}: its Ukraine targets need the national population; set "
                              "cycle.national_population (1-1-2023: {example})"),
    "no_population_weights": ("{table}: its implied key weights need the national population; set "
                              "cycle.national_population (1-1-2023: {example})"),
    "population_below_table": ("national_population {given} is less than the {population} inhabitants of the "
                               "municipalities in the table"),
    "weight_sum_below_table": ("national_weight_sum {given} is less than the table's own Σ P·(1+S) = {weights}: the "
                               "computed tasks would add up to more than the national need"),
    "internal_check": ("internal error in {check}: {error} (a bug in the planner, not in your input; the other "
                       "checks ran)"),
    "xlsx_too_large": "the workbook is {size} MB, more than the {limit} allowed",
    "xlsx_unreadable": "not a readable .xlsx workbook: {xlsx_reason}",
    "xlsx_too_many_parts": "the workbook has {n} parts, more than the {limit} allowed",
    "xlsx_part_too_large": ("part {part} of the workbook unpacks to {size}, more than the {limit} allowed (a zip "
                            "bomb, or far more data than a scenario holds)"),
    "xlsx_unpacks_too_large": "the workbook unpacks to {size}, more than the {limit} allowed",
    "sheet_read_as": "sheet {sheet} is read as '{name}' (its name differs in case or spaces)",
    "sheets_ambiguous": "sheets {sheets} could each be '{name}': rename all but one",
    "sheet_not_read": "sheet {sheet} is not read (the planner reads {read})",
    "sheet_hidden": "the sheet is hidden; it is read like the others",
    "sheet_very_hidden": "the sheet is very hidden (only Excel's VBA editor shows it); it is read like the others",
    "sheet_too_large": ("the sheet declares {rows} rows × {cols} columns (to {last}); at most {max_rows} rows and "
                        "{max_cols} columns are read — delete the empty rows and columns below and right of the data"),
    "sheet_row_beyond": "the sheet has data in row {row}; at most {max_rows} rows are read",
    "sheet_column_beyond": "the sheet has data in column {column}; at most {max_cols} columns are read",
    "rows_hidden": "rows {rows} are hidden in Excel; read like the others (unhide to see what you import)",
    "row_hidden": "row {rows} is hidden in Excel; read like the others (unhide to see what you import)",
    "cell_holds_formula": ("cell {cell} holds a formula ({formula}); formulas are never evaluated — type the value "
                           "instead (copy, paste as values)"),
    "settings_sheet_missing": ("sheet '{sheet}' is missing (the scenario's name and settings are on it): start from "
                               "'planner template'"),
    "settings_columns": "the first two columns must be 'key' and 'value'",
    "setting_unknown": "unknown setting '{key}'",
    "sheet_missing": "sheet '{sheet}' is missing",
    "quota_rounded_independently": ("national_weight_sum is set: tasks are rounded independently (half-up); "
                                    "{rounding} needs the whole country in the table"),
    "quota_amv_differs": "official AMV task {amv} differs from the AMV rule round(T·{amv_need}/{need}) = {rule}",
    "quota_no_task": "no task: no official task and the key cannot be computed",
    "quota_no_ses": "no SES-WOA score: weighted by population only (S = 0)",
    "alloc_period_and_year": "give a period or a year, not both",
    "alloc_restopgave_above": "restopgave {restopgave} is more than the allocated places {places}",
    "alloc_not_in_scope": "{code} is not a municipality of this scenario's scope",
    "alloc_unknown_period": "unknown period '{period}'; the periods are: {periods}",
    "alloc_year_outside": "year {year} is outside the cycle ({first}–{last})",
    "alloc_twice": "{code} {category} {period} is given twice (also on row {first})",
    "got": "got {value}",
    "got_nothing": "got nothing",
    "field_column": "column {column}",
}

TOML_REASONS_NL: dict[str, str] = {
    "Cannot overwrite a value": "een waarde staat er twee keer (dezelfde sleutel of sectie)",
    "Escaped character is not a Unicode scalar value": "een escape-teken is geen geldig Unicode-teken",
    "Expected '=' after a key in a key/value pair": "na een sleutel hoort '='",
    "Expected ']' at the end of a table declaration": "een sectienaam moet eindigen op ']'",
    "Expected ']]' at the end of an array declaration": "een lijst van secties moet eindigen op ']]'",
    "Expected newline or end of document after a statement": "na een waarde hoort een nieuwe regel",
    "Invalid date or datetime": "ongeldige datum of tijd",
    "Invalid hex value": "ongeldige hexadecimale waarde",
    "Invalid initial character for a key part": "een sleutel begint met een teken dat daar niet mag",
    "Invalid statement": "deze regel is geen sleutel = waarde en geen [sectie]",
    "Invalid value": "ongeldige waarde (tekst hoort tussen aanhalingstekens)",
    "Unclosed array": "een lijst ([ … ]) wordt niet gesloten",
    "Unclosed inline table": "een tabel ({ … }) wordt niet gesloten",
    "Unescaped '\\' in a string": "een '\\' in tekst zonder escape (schrijf '\\\\' of gebruik enkele aanhalingstekens)",
    "Unterminated string": "een tekst zonder sluitend aanhalingsteken",
    "Illegal character '\\n'": "een regeleinde midden in een tekst (ontbreekt het sluitende aanhalingsteken?)",
}
"""tomllib's reasons (its fixed set of messages) in Dutch; a reason not listed is said generically."""
TOML_REASON_NL_OTHER = "de TOML-opbouw klopt hier niet"
TOML_PREFIXES_NL: dict[str, str] = {
    "Illegal character ": "ongeldig teken ",
    "Found invalid character ": "ongeldig teken ",
}
"""tomllib's reasons that end in the character they are about."""

XLSX_REASONS_NL: dict[str, str] = {
    "File is not a zip file": "het is geen zip-archief, en een .xlsx-werkmap is dat altijd",
}
"""What zipfile and openpyxl say about a workbook they cannot read, in Dutch; anything else is said generically."""
XLSX_REASON_NL_OTHER = "het bestand is beschadigd of het is geen Excel-werkmap"

PYDANTIC_KEYS: dict[str, str] = {
    "missing": "pyd_missing",
    "int_parsing": "pyd_int", "int_type": "pyd_int", "int_from_float": "pyd_int", "int_parsing_size": "pyd_int",
    "float_parsing": "pyd_float", "float_type": "pyd_float", "finite_number": "pyd_float",
    "bool_parsing": "pyd_bool", "bool_type": "pyd_bool",
    "date_parsing": "pyd_date", "date_type": "pyd_date", "date_from_datetime_parsing": "pyd_date",
    "date_from_datetime_inexact": "pyd_date",
    "string_type": "pyd_string",
    "greater_than_equal": "pyd_ge", "greater_than": "pyd_gt", "less_than_equal": "pyd_le", "less_than": "pyd_lt",
    "literal_error": "pyd_choice", "enum": "pyd_choice",
    "string_too_short": "pyd_too_short", "too_short": "pyd_too_short",
    "string_too_long": "pyd_too_long", "too_long": "pyd_too_long",
    "string_pattern_mismatch": "pyd_pattern",
    "dict_type": "pyd_table", "model_type": "pyd_table", "model_attributes_type": "pyd_table",
    "list_type": "pyd_list", "tuple_type": "pyd_list",
}
"""pydantic's error ``type`` → the catalogue key that says it; any other type is ``pyd_other``."""
