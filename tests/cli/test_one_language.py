"""Every command's terminal output in one language: rendered in Dutch and in English (the scenario's language or
``--lang``), neither shows a word of the other (issue 14, "one language per output")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli.app import app
from planner.scenario.load import default_scenario

runner = CliRunner()
BASE = default_scenario()
DATA = Path(__file__).parents[1] / "data"
ENGLISH = DATA / "whatif" / "drenthe-english.toml"
WHATIF = BASE / "what-if" / "borger-odoorn-geen-amv.toml"
NO_PLAN = BASE / "what-if" / "landelijke-behoefte-102000.toml"
CLOSED = DATA / "infeasible" / "drenthe-amv-closed" / "scenario.toml"

DUTCH = ("gemeente", "gemeenten", "taak", "aanbod", "sluitend", "plaatsen", "tekort", "geen", "regulier", "periode",
         "toewijzing", "uitvoerbaar", "oordeel", "gehaald", "wijziging", "basis", "verschil", "provincie", "jaar",
         "locatie", "locaties", "bewezen", "samen", "kleinschalig", "keuze", "totaal", "duurzaam", "versoepeld",
         "haalt", "komt", "doel", "ja", "nee", "restopgave")
ENGLISH_WORDS = ("regular", "places", "shortfall", "municipality", "municipalities", "task", "offer", "closes",
                 "allocation", "proven", "remainder", "sites", "none", "short", "yes", "amv", "UAM", "together",
                 "durable", "choice", "below")


def found(words: tuple[str, ...], text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    for name in allowed:  # data (scenario and site names) may be in any language
        text = text.replace(name, "")
    # the problems table's file and field cells name files and columns of the input (identifiers, not words)
    text = "\n".join("│".join(c for i, c in enumerate(ln.split("│")) if i not in (2, 4)) if ln.count("│") == 6
                     else ln for ln in text.splitlines())
    return sorted({w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)})


def english_closed(tmp_path: Path) -> Path:
    path = tmp_path / "closed-en.toml"
    path.write_text(f'[scenario]\nextends = "{CLOSED.as_posix()}"\nname = "AMV units closed"\nlanguage = "en"\n',
                    encoding="utf-8")
    return path


COMMANDS = {
    "plan": lambda s: ["plan", str(s)],
    "spuk": lambda s: ["spuk", str(s)],
    "verdeelbesluit": lambda s: ["verdeelbesluit", str(s)],
    "check-allocation": lambda s: ["check-allocation", str(s), "-a", str(DATA / "allocations" / "drenthe-infeasible"
                                                                        ".csv")],
    "check-duty": lambda s: ["check-duty", str(s), "-m", "GM1681", "--site", "BO-AMV", "--places", "10"],
    "compare": lambda s: ["compare", str(s), str(WHATIF), str(NO_PLAN)],
    "sweep": lambda s: ["sweep", str(s), "--vary", "cycle.national_need=96000,200000", "--workers", "1"],
    "validate": lambda s: ["validate", str(s), "--wide"],  # wide: a source quoted in a message stays on one line
}
SOURCES = ("(Puzzel, totaalregel Oekraïne opgave 2025)", "Provinciale asielopvangopgave regulier (inclusief bijzondere "
           "opvangvormen)", "(2691 is the total task incl. AMV)")
"""Text from the scenario file (the sources of its stated totals), shown as written."""


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_dutch_and_english(command: str) -> None:
    nl = runner.invoke(app, COMMANDS[command](BASE))
    assert nl.exit_code in (0, 1), nl.output
    en = runner.invoke(app, [*COMMANDS[command](BASE), "--lang", "en"])
    assert en.exit_code == nl.exit_code, en.output
    names = ("Drenthe 2025–2026", "Borger-Odoorn geen AMV", "Landelijke behoefte 102.000", *SOURCES)
    assert found(ENGLISH_WORDS, nl.output, names) == []
    assert found(DUTCH, en.output, names) == []
    assert "AMV" in nl.output or command in ("spuk", "sweep")


def test_english_scenario_picks_english_without_lang() -> None:
    res = runner.invoke(app, ["plan", str(ENGLISH)])
    assert res.exit_code == 0, res.output
    assert found(DUTCH, res.output, ("Drenthe 2025–2026",)) == []


def test_explain_in_both_languages(tmp_path: Path) -> None:
    nl = runner.invoke(app, ["explain", str(CLOSED)])
    en = runner.invoke(app, ["explain", str(english_closed(tmp_path)), "--allow-outside"])
    assert nl.exit_code == en.exit_code == 1, nl.output + en.output
    sites = ("Coevorden AMV", "Emmen AMV", "Noordenveld AMV", "Tynaarlo AMV", "Westerveld AMV")
    assert found(ENGLISH_WORDS, nl.output, sites) == []
    assert found(DUTCH, en.output, sites) == []
    # The relaxation's status from the word table (it said 'status optimal' in Dutch); 38 + 81 = 119 by hand.
    assert "totaal versoepeld: offer_limit 0, province_total 119 · status bewezen optimaal" in nl.output
    assert "relaxed in total: offer_limit 0, province_total 119 · status proven optimal" in en.output


@pytest.mark.parametrize(("lang", "other"), [("en", DUTCH), ("nl", ENGLISH_WORDS)])
def test_explain_lang_overrides_the_scenario(tmp_path: Path, lang: str, other: tuple[str, ...]) -> None:
    """--lang on explain: the Dutch scenario explained in English, the English one in Dutch."""
    scenario = CLOSED if lang == "en" else english_closed(tmp_path)
    res = runner.invoke(app, ["explain", str(scenario), "--lang", lang, "--allow-outside"])
    assert res.exit_code == 1, res.output
    sites = ("Coevorden AMV", "Emmen AMV", "Noordenveld AMV", "Tynaarlo AMV", "Westerveld AMV", "AMV units closed",
             "Drenthe, AMV-units dicht")
    assert found(other, res.output, sites) == []
    assert ("no plan possible" in res.output) == (lang == "en")


def test_a_scenario_that_cannot_be_used_is_reported_in_the_command_language(tmp_path: Path) -> None:
    """The problems table and the error of a scenario with errors: Dutch for a Dutch scenario, English with --lang."""
    bad = tmp_path / "bad.toml"
    bad.write_text(f'[scenario]\nextends = "{(BASE / "scenario.toml").as_posix()}"\nname = "x"\n\n[cycle]\n'
                   'start = 2025-01-01\nend = 2045-12-31\n', encoding="utf-8")
    nl = runner.invoke(app, ["plan", str(bad), "--allow-outside"])
    en = runner.invoke(app, ["plan", str(bad), "--allow-outside", "--lang", "en"])
    assert nl.exit_code == en.exit_code == 2
    assert "de cyclus loopt van 1-1-2025 tot 31-12-2045, meer dan 10 jaar" in " ".join(nl.output.split())
    assert "er is niets berekend" in nl.output
    assert "the cycle runs from 1-1-2025 to 31-12-2045, more than 10 years" in " ".join(en.output.split())
    assert "nothing was computed" in en.output


@pytest.mark.parametrize(("scenario", "other"), [(BASE, ENGLISH_WORDS), (ENGLISH, DUTCH)])
def test_html_plan_tables_in_one_language(tmp_path: Path, scenario: Path, other: tuple[str, ...]) -> None:
    """The HTML report's plan tables (its 'why' column was Dutch in every language) and its input checks (the
    severity and message cells; file and field name the input's files and columns)."""
    import html

    out = tmp_path / "report.html"
    assert runner.invoke(app, ["report", str(scenario), "--html", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    tables = "".join(re.findall(r'<table id="plan-\d{4}">.*?</table>', text, re.S))
    assert tables
    cells = html.unescape(re.sub(r"<[^>]+>", " ", tables))
    assert found(other, cells, ("Drenthe 2025–2026",)) == []
    checks = re.search(r'<table id="checks">.*?</table>', text, re.S)
    assert checks is not None
    said = [html.unescape(re.sub(r"<[^>]+>", " ", " ".join(re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[3:])))
            for row in re.findall(r"<tr>(.*?)</tr>", checks.group(0), re.S)]
    assert len([s for s in said if s.strip()]) == 13  # the Drenthe warnings
    assert found(other, " ".join(said), SOURCES) == []


# ---------------------------------------------------------------------------------------------------------------
# Input problems: every message of the bad-input corpus, and the error paths of the commands, in one language.

CORPUS = Path(__file__).parents[1] / "corpus" / "cases"
MESSAGE_DUTCH = (*DUTCH, "bestand", "kolom", "kolommen", "rij", "rijen", "ontbreekt", "onbekende", "onbekend", "moet",
                 "werkmap", "blad", "getal", "geheel", "datum", "sleutel", "waarde", "leeg", "niet", "zijn", "een",
                 "het", "van", "heeft", "bedoelde", "schrijf", "tekst", "fout", "verplichte", "tabel", "lijst", "bevat",
                 "ligt", "fout:", "geschreven")
MESSAGE_ENGLISH = (*ENGLISH_WORDS, "site", "file", "column", "columns", "row", "rows", "missing", "unknown", "must",
                   "workbook", "sheet", "number", "whole", "date", "key", "value", "empty", "not", "the", "has", "did",
                   "you", "mean", "write", "text", "error", "required", "table", "list", "holds", "province", "got",
                   "and", "or", "than", "more", "less", "written")
"""Words of the messages. Not listed, because both languages write them: 'is', 'in', 'de'/'of' (Dutch 'the'/'or' is
English 'of'), 'AMV', 'SPUK', 'CBS', 'TOML', 'CSV', 'UTF-8', 'scenario', 'digest', 'code'."""


def input_words(text: str, field: str, data: tuple[str, ...] = SOURCES) -> str:
    """``text`` without what is the input's own: ``data`` (text from the scenario's files, such as the sources of its
    stated totals), quoted values and identifiers (snake_case keys, lists of column names, a column named with its
    value, the problem's own field)."""
    from planner.scenario.schema import TABLE_MODELS

    for source in data:
        text = text.replace(source, "")
    text = re.sub(r"'[^']*'", "", text)
    text = re.sub(r"\b\w+_\w+\b", "", text)
    text = re.sub(r"\b\w+(?:, \w+){2,}", "", text)  # "the columns are: code, category, year, places, remarks"
    columns = {name for model in TABLE_MODELS.values() for name in model.model_fields}
    text = re.sub(rf"\b(?:{'|'.join(sorted(columns))}) (?=[−+\-]?\d)", "", text)
    for part in re.split(r"[.\[\]]", field):
        if part:
            text = re.sub(rf"(?<![\w-]){re.escape(part)}(?![\w-])", "", text)
    return text


@pytest.mark.parametrize("case", sorted(p.name for p in CORPUS.iterdir()))
def test_every_input_problem_in_one_language(case: str) -> None:
    """Every problem of every bad-input case (TOML syntax, file reading, CSV headers and cells, pydantic's types,
    changes, the cross-table checks), said in Dutch with no English word and in English with no Dutch word."""
    from planner.scenario.load import load_scenario

    _, problems = load_scenario(CORPUS / case, allow_outside=True)
    assert len(problems) > 0 or case.startswith("good-")
    for p in problems:
        data = tuple(str(v) for k, v in (p.text_of.values if p.text_of else ()) if k == "source")
        assert found(MESSAGE_ENGLISH, input_words(p.text("nl"), p.field, data)) == [], p.text("nl")
        assert found(MESSAGE_DUTCH, input_words(p.text("en"), p.field, data)) == [], p.text("en")
        assert p.text("en") == p.message


def bad_inputs(tmp: Path) -> dict[str, list[str]]:
    """The error paths a user meets first, as command lines: bad TOML, a bad CSV header, a file that is no workbook,
    a wrong type in a field, a misspelt province and a province without the national figures."""
    bad_xlsx = tmp / "invoer.xlsx"
    bad_xlsx.write_text("geen werkmap", encoding="utf-8")
    allocation = tmp / "a1.csv"  # a name in neither language
    allocation.write_text("code,category,places,period\nGM0363,regular,10,2025\nGM0106,regular,10,2031\n"
                          "GM0106,amv,5,2025\nGM0106,amv,6,2025\n", encoding="utf-8")
    return {
        "bad allocation": ["check-allocation", "-a", str(allocation)],
        "bad TOML": ["validate", str(CORPUS / "toml-unclosed-string")],
        "bad CSV header": ["validate", str(CORPUS / "csv-renamed-column")],
        "bad xlsx": ["import-xlsx", str(bad_xlsx), "--out", str(tmp / "uit")],
        "wrong type in a field": ["plan", str(CORPUS / "number-text")],
        "wrong type in a TOML key": ["validate", str(CORPUS / "toml-need-as-text")],
        "misspelt province": ["quota", str(CORPUS / "names-province-misspelt")],
        "missing national figures": ["validate", str(CORPUS / "national-one-province-without-figures")],
    }


@pytest.mark.parametrize("path", ["bad TOML", "bad CSV header", "bad xlsx", "bad allocation", "wrong type in a field",
                                  "wrong type in a TOML key", "misspelt province", "missing national figures"])
def test_error_paths_in_one_language(tmp_path: Path, path: str) -> None:
    """The problems table, its title and the closing error line in the language asked for; exit 2 both times."""
    args = bad_inputs(tmp_path)[path]
    nl = runner.invoke(app, [*args, "--wide"])
    en = runner.invoke(app, [*args, "--wide", "--lang", "en"])
    assert nl.exit_code == en.exit_code == 2, nl.output + en.output
    assert "Traceback" not in nl.output + en.output
    assert "FOUT" in nl.output
    assert "ERROR" in en.output
    assert found(MESSAGE_ENGLISH, input_words(nl.output, "")) == [], nl.output
    assert found(MESSAGE_DUTCH, input_words(en.output, "")) == [], en.output


def test_quota_template_and_import_in_both_languages(tmp_path: Path) -> None:
    """The commands that print words without planning: quota's table and notes, template's and import-xlsx's lines."""
    for lang, other in (("nl", MESSAGE_ENGLISH), ("en", MESSAGE_DUTCH)):
        quota = runner.invoke(app, ["quota", "--lang", lang])
        assert quota.exit_code == 0, quota.output
        assert found(other, quota.output, ("Drenthe 2025–2026",)) == []
        book = tmp_path / f"invoer-{lang}.xlsx"
        template = runner.invoke(app, ["template", "--from", str(BASE), "--xlsx", str(book), "--lang", lang])
        assert template.exit_code == 0, template.output
        imported = runner.invoke(app, ["import-xlsx", str(book), "--out", str(tmp_path / lang), "--lang", lang])
        assert imported.exit_code == 0, imported.output
        text = template.output + imported.output
        assert found(other, input_words(text, ""), ("Drenthe 2025–2026", *SOURCES)) == [], text
    assert "taakstelling" in runner.invoke(app, ["quota"]).output
    assert "— tasks (N = 96,000, AMV 8,140)" in runner.invoke(app, ["quota", "--lang", "en"]).output


# ---------------------------------------------------------------------------------------------------------------
# The residuals of issue 14: Click's usage errors, sweep --vary, check-duty's refusals, a solver's error, workbook
# columns, two problems in one CSV row, the compare's count of changed input.

USAGE = {
    "no such option": (["plan", "--foo"], "onbekende optie: --foo", "no such option: --foo"),
    "invalid choice": (["plan", "--solver", "xx"],
                       "ongeldige waarde voor '--solver': 'xx' is geen van 'highs', 'scip', 'cbc', 'cpsat', 'auto'",
                       "invalid value for '--solver': 'xx' is not one of 'highs', 'scip', 'cbc', 'cpsat', 'auto'"),
    "missing value": (["sweep", "--workers"], "optie --workers heeft een waarde nodig",
                      "option --workers needs a value"),
    "not a whole number": (["check-duty", "--places", "x"], "ongeldige waarde voor '--places': 'x' is geen geheel "
                           "getal", "invalid value for '--places': 'x' is not a whole number"),
    "below the minimum": (["check-duty", "--places", "-3"], "ongeldige waarde voor '--places': -3 is kleiner dan 0",
                          "invalid value for '--places': -3 is less than 0"),
    "extra arguments": (["plan", "a", "b", "c"], "te veel argumenten: b c", "too many arguments: b c"),
    "no such command": (["plna"], "onbekend commando 'plna'", "no such command 'plna'"),
}


@pytest.mark.parametrize("case", sorted(USAGE))
def test_usage_errors_in_one_language(case: str) -> None:
    """Click's own usage errors from the word table: exit 2 as Click's, the command's usage line, the sentence in the
    language of --lang (read from the command line: Click stops before it has a value), Dutch by default."""
    args, dutch, english = USAGE[case]
    nl = runner.invoke(app, args)
    # --lang right after the command (after a value-taking option it would be that option's value)
    en = runner.invoke(app, [*args, "--lang", "en"] if case == "no such command" else [args[0], "--lang", "en",
                                                                                      *args[1:]])
    assert nl.exit_code == en.exit_code == 2, nl.output + en.output
    command = "" if case == "no such command" else f" {args[0]}"
    assert f"Gebruik: planner{command} [OPTIONS]" in nl.output
    assert f"Usage: planner{command} [OPTIONS]" in en.output
    assert f"fout: {dutch}" in " ".join(nl.output.split())
    assert f"error: {english}" in " ".join(en.output.split())
    for out, other in ((nl.output, MESSAGE_ENGLISH), (en.output, MESSAGE_DUTCH)):
        assert found(other, input_words(out.replace("[OPTIONS]", "").replace("[scenario]", ""), "")) == [], out


def test_usage_error_takes_the_scenario_language() -> None:
    """--lang not given: the scenario argument's own [scenario] language decides (an English what-if extending the
    Dutch base says language = "en"); a Dutch scenario or none gives Dutch."""
    en = runner.invoke(app, ["plan", str(ENGLISH), "--bla"])
    nl = runner.invoke(app, ["plan", str(WHATIF), "--bla"])
    assert en.exit_code == nl.exit_code == 2
    assert "error: no such option: --bla" in en.output
    assert "fout: onbekende optie: --bla" in nl.output


def test_usage_language_rule() -> None:
    """The rule of planner.cli.usage, step by step: --lang (either spelling), the scenario's language through its
    extends chain, else Dutch; a file that is no scenario is not read for it."""
    from planner.cli.usage import usage_language

    assert usage_language(["--lang", "en", str(BASE)]) == "en"
    assert usage_language(["--lang=nl", str(ENGLISH)]) == "nl"
    assert usage_language([str(ENGLISH)]) == "en"
    assert usage_language([str(BASE)]) == "nl"
    assert usage_language(["bundled:drenthe-2025-2026"]) == "nl"
    assert usage_language(["--places", "x"]) == "nl"
    assert usage_language([str(DATA / "allocations" / "drenthe-infeasible.csv")]) == "nl"


def test_usage_language_follows_extends(tmp_path: Path) -> None:
    parent = tmp_path / "base.toml"
    parent.write_text(f'[scenario]\nextends = "{(BASE / "scenario.toml").as_posix()}"\nlanguage = "en"\n',
                      encoding="utf-8")
    child = tmp_path / "child.toml"
    child.write_text('[scenario]\nextends = "base.toml"\nname = "c"\n', encoding="utf-8")
    from planner.cli.usage import usage_language

    assert usage_language([str(child)]) == "en"
    res = runner.invoke(app, ["plan", str(child), "--nope"])
    assert res.exit_code == 2
    assert "error: no such option: --nope" in res.output


VARY = {
    "not a setting": ("tables.sites=x", "'tables.sites' is geen instelling om te variëren",
                      "'tables.sites' is not a setting to vary"),
    "unknown key": ("cycle.national_nee=3", "onbekende sleutel 'cycle.national_nee'; bedoelde u "
                    "'cycle.national_need'?", "unknown key 'cycle.national_nee'; did you mean 'cycle.national_need'?"),
    "no form": ("cycle.national_need", "--vary 'cycle.national_need': schrijf sleutel=begin:eind:stap of "
                "sleutel=a,b,c", "--vary 'cycle.national_need': write key=start:stop:step or key=a,b,c"),
    "step": ("cycle.national_need=1:5:0", "de stap moet positief zijn", "the step must be positive"),
    "stop below start": ("cycle.national_need=9:5:1", "eind 5 ligt onder begin 9", "stop 5 is below start 9"),
    "not a number": ("cycle.national_need=a:5:1", "'a' is geen getal", "'a' is not a number"),
    "value misfit": ("rules.count_emergency=maybe", "waarde 'maybe' past niet bij rules.count_emergency",
                     "value 'maybe' does not fit rules.count_emergency"),
}


@pytest.mark.parametrize("case", sorted(VARY))
def test_sweep_vary_errors_in_one_language(case: str) -> None:
    spec, dutch, english = VARY[case]
    nl = runner.invoke(app, ["sweep", "--vary", spec, "--workers", "1"])
    en = runner.invoke(app, ["sweep", "--vary", spec, "--workers", "1", "--lang", "en"])
    assert nl.exit_code == en.exit_code == 2, nl.output + en.output
    assert dutch in " ".join(nl.output.split())
    assert english in " ".join(en.output.split())
    field = spec.partition("=")[0]
    assert found(MESSAGE_ENGLISH, input_words(nl.output, field)) == [], nl.output
    assert found(MESSAGE_DUTCH, input_words(en.output, field)) == [], en.output


def test_sweep_vary_error_takes_the_scenario_language() -> None:
    res = runner.invoke(app, ["sweep", str(ENGLISH), "--vary", "cycle.national_need=9:5:1"])
    assert res.exit_code == 2
    assert "error: --vary 'cycle.national_need=9:5:1': stop 5 is below start 9" in res.output


DUTY = {
    "unknown municipality": (["-m", "Coevordn"], "geen gemeente 'Coevordn' in Drenthe 2025–2026 (geef een CBS-code "
                             "zoals GM1681 of de precieze naam); bedoelde u: Coevorden",
                             "no municipality 'Coevordn' in Drenthe 2025–2026 (give a CBS code like GM1681 or the "
                             "exact name); did you mean: Coevorden"),
    "another municipality's site": (["-m", "GM1730", "--site", "BO-AMV", "--places", "60"],
                                    "locatie BO-AMV ligt in GM1681, niet in de gecontroleerde gemeente (GM1730); de "
                                    "locaties van de gemeente: TYN-NO, TYN-AMV",
                                    "site BO-AMV lies in GM1681, not in the municipality checked (GM1730); its sites: "
                                    "TYN-NO, TYN-AMV"),
    "places without site": (["-m", "GM1681", "--places", "10"], "--places heeft --site ID nodig",
                            "--places needs --site ID"),
    "added site not key=value": (["-m", "GM1681", "--add-site", "id=X,amv"], "'amv' is niet sleutel=waarde",
                                 "'amv' is not key=value"),
    "added site invalid": (["-m", "GM1681", "--add-site", "id=X,category=amvv,places=-4"],
                           "category moet een van deze zijn", "category must be one of"),
}


@pytest.mark.parametrize("case", sorted(DUTY))
def test_duty_refusals_in_one_language(case: str) -> None:
    """check-duty's DutyError: the catalogue's sentence in the output's language; the JSON error keeps English."""
    args, dutch, english = DUTY[case]
    nl = runner.invoke(app, ["check-duty", *args])
    en = runner.invoke(app, ["check-duty", *args, "--lang", "en"])
    assert nl.exit_code == en.exit_code == 2, nl.output + en.output
    assert dutch in " ".join(nl.output.split())
    assert english in " ".join(en.output.split())
    fields = "category.places"  # the fields --add-site names, as the user wrote them
    assert found(MESSAGE_ENGLISH, input_words(nl.output, fields)) == [], nl.output
    assert found(MESSAGE_DUTCH, input_words(en.output, fields)) == [], en.output
    as_json = runner.invoke(app, ["check-duty", *args, "-f", "json"])
    assert english in " ".join(as_json.stdout.split())  # "message": English for programs


def test_duty_error_text_survives_a_worker_process() -> None:
    """planner serve runs the journeys in worker processes: the error's catalogue message comes back with it, so the
    page can say it in its own language."""
    import pickle

    from planner.journeys.duty import DutyError

    error = pickle.loads(pickle.dumps(DutyError.of("duty_no_code", code="GM9999")))
    assert error.message == "no municipality with code GM9999"
    assert error.text("nl") == "geen gemeente met code GM9999"


def test_solver_error_wrapped_in_our_sentence() -> None:
    """A solver library's own refusal (here threads above the CPU count) is quoted inside a sentence of ours."""
    import os

    too_many = str((os.cpu_count() or 1) + 1)
    nl = runner.invoke(app, ["plan", "--threads", too_many])
    en = runner.invoke(app, ["plan", "--threads", too_many, "--lang", "en"])
    assert nl.exit_code == en.exit_code == 2
    assert 'fout: de solver meldt een fout; zijn eigen woorden: "threads must be at most' in nl.output
    assert 'error: the solver reported an error; in its own words: "threads must be at most' in en.output
    said = re.sub(r'"[^"]*"', "", nl.output)  # the library's own words, quoted, may stay its own
    assert found(MESSAGE_ENGLISH, input_words(said, "")) == [], nl.output


def test_workbook_column_in_the_output_language(tmp_path: Path) -> None:
    """A problem in a workbook cell names its column as the output's language does: kolom F / column F."""
    import openpyxl

    book = tmp_path / "invoer.xlsx"
    assert runner.invoke(app, ["template", "--from", str(BASE), "--xlsx", str(book)]).exit_code == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["sites"]
    header = [c.value for c in ws[1]]
    letter = "ABCDEFGHIJKLMNOP"[header.index("places")]
    ws[f"{letter}2"] = "veel"
    wb.save(book)
    nl = runner.invoke(app, ["import-xlsx", str(book), "--out", str(tmp_path / "nl"), "--wide"])
    en = runner.invoke(app, ["import-xlsx", str(book), "--out", str(tmp_path / "en"), "--wide", "--lang", "en"])
    assert nl.exit_code == en.exit_code == 2, nl.output + en.output
    assert f"places (kolom {letter})" in nl.output
    assert "column" not in nl.output
    assert f"places (column {letter})" in en.output
    assert "kolom" not in en.output
    from planner.scenario.xlsx_io import import_workbook

    _, problems = import_workbook(book, tmp_path / "api")
    assert [p.field for p in problems.errors] == [f"places (column {letter})"]  # stored English, as its "message"


def test_every_problem_of_a_row_at_once(tmp_path: Path) -> None:
    """A row with an unknown code AND places = x AND an unknown period: all three, each with file, row and field,
    in both languages; nothing checked, exit 2. The same in a scenario's sites.csv (code and places)."""
    alloc = tmp_path / "alloc-bad.csv"
    alloc.write_text("code,category,places,period\nGM9999,regular,x,2031\n", encoding="utf-8")
    for lang, words in (("nl", ("GM9999 is geen gemeente", "geen geheel getal: 'x'", "onbekende periode '2031'")),
                        ("en", ("GM9999 is not a municipality", "not a whole number: got 'x'",
                                "unknown period '2031'"))):
        res = runner.invoke(app, ["check-allocation", "-a", str(alloc), "--lang", lang, "--wide"])
        assert res.exit_code == 2, res.output
        for field, said in zip(("code", "places", "period"), words, strict=True):
            assert re.search(rf"alloc-bad\.csv\s*│\s*2\s*│\s*{field}\s*│\s*{re.escape(said)}", res.output), res.output
    import shutil

    folder = tmp_path / "sc"
    shutil.copytree(BASE, folder)
    sites = (folder / "sites.csv").read_text(encoding="utf-8").splitlines()
    header = sites[0].split(",")
    first = sites[1].split(",")
    first[header.index("code")], first[header.index("places")] = "GM9999", "x"
    sites[1] = ",".join(first)
    (folder / "sites.csv").write_text("\n".join(sites) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["validate", str(folder), "-f", "json"])
    assert res.exit_code == 2
    errors = {(p["row"], p["field"]) for p in __import__("json").loads(res.stdout)["problems"]
              if p["severity"] == "error"}
    assert errors == {(2, "code"), (2, "places")}


def test_allocation_typed_in_dutch_is_read_as_the_english_one(tmp_path: Path) -> None:
    """The category names the Dutch output prints (regulier, AMV) are read as regular and amv: the same allocation
    written both ways gives the same answer."""
    english = (DATA / "allocations" / "drenthe-infeasible.csv").read_text(encoding="utf-8")
    assert ",regular," in english
    assert ",amv," in english
    dutch = tmp_path / "toewijzing.csv"
    dutch.write_text(english.replace(",regular,", ",regulier,").replace(",amv,", ",AMV,"), encoding="utf-8")
    a = runner.invoke(app, ["check-allocation", "-a", str(DATA / "allocations" / "drenthe-infeasible.csv"), "-f",
                            "json"])
    b = runner.invoke(app, ["check-allocation", "-a", str(dutch), "-f", "json"])
    assert a.exit_code == b.exit_code == 1, b.output
    assert a.stdout == b.stdout


def test_categories_named_as_the_output_prints_them() -> None:
    from planner.report.words import CATEGORY_WORDS
    from planner.scenario.schema import Category, OfferCategory, category_code

    for lang in ("nl", "en"):
        for code, word in CATEGORY_WORDS[lang].items():
            assert category_code(word) == code
            assert category_code(word.upper()) == code
    assert Category("bijzonder") is Category.SPECIAL
    assert Category("Oekraine") is Category.UKRAINE
    assert OfferCategory("regulier") is OfferCategory.REGULAR
    with pytest.raises(ValueError, match="not a valid Category"):
        Category("totaal")  # a task, not a kind of place
    assert category_code("regulair") is None


def test_allocation_file_errors_end_in_the_output_language(tmp_path: Path) -> None:
    alloc = tmp_path / "alloc-bad.csv"
    alloc.write_text("code,category,places,period\nGM9999,regular,10,2025\nGM0106,amv,5,2031\n"
                     "GM0106,regular,x,2025\n", encoding="utf-8")
    nl = runner.invoke(app, ["check-allocation", "-a", str(alloc), "--wide"])
    en = runner.invoke(app, ["check-allocation", "-a", str(alloc), "--wide", "--lang", "en"])
    assert nl.exit_code == en.exit_code == 2
    dutch = f"fout: {alloc}: 3 fout(en) in het toewijzingsbestand; er is niets gecontroleerd"
    assert nl.output.splitlines()[-1] == dutch
    assert en.output.splitlines()[-1] == f"error: {alloc}: 3 error(s) in the allocation file; nothing was checked"


def test_compare_counts_changed_input_in_words() -> None:
    """The what-if removes one site (BO-AMV) and changes no setting: "1 locatie gewijzigd" / "1 site changed"."""
    nl = runner.invoke(app, ["compare", str(BASE), str(WHATIF), "--wide"])
    en = runner.invoke(app, ["compare", str(BASE), str(WHATIF), "--wide", "--lang", "en"])
    assert nl.exit_code == en.exit_code == 0
    assert "1 locatie gewijzigd" in nl.output
    assert "rij(en)" not in nl.output
    assert "1 site changed" in en.output


def test_changed_input_singular_and_plural() -> None:
    from planner.report.compare_table import changed_input

    def change(settings: int, **tables: int) -> dict[str, list[object]]:
        return {"settings": [{}] * settings, "tables": [{"table": t} for t, n in tables.items() for _ in range(n)]}

    assert changed_input("nl", change(0)) == "geen wijziging"
    assert changed_input("en", change(0)) == "no change"
    assert changed_input("nl", change(2, sites=1)) == "2 instellingen en 1 locatie gewijzigd"
    assert changed_input("en", change(1, sites=2, offers=1)) == "1 setting, 2 sites and 1 offer changed"
    assert changed_input("nl", change(0, municipalities=1, transfers=2, offers=3)) == (
        "1 gemeente, 3 aanbiedingen en 2 uitruilen gewijzigd")


WORKBOOKS = {
    "plan": ["plan"],
    "compare": ["compare", str(BASE), str(WHATIF)],
    "spuk": ["spuk"],
    "verdeelbesluit": ["verdeelbesluit"],
    "check-duty": ["check-duty", "-m", "GM1681", "--site", "BO-AMV", "--places", "40"],
    "check-allocation": ["check-allocation", "-a", str(DATA / "allocations" / "drenthe-infeasible.csv")],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("command", [pytest.param(c, marks=pytest.mark.slow) if c == "compare" else c
                                     for c in sorted(WORKBOOKS)])  # compare plans twice: slow (CI runs it)
def test_workbook_in_one_language(command: str, lang: str, tmp_path: Path) -> None:
    """Each result workbook read back with openpyxl: every column header and metadata field is a word of the
    workbook word table in the output's language (its key found back), the puzzle's headers are built from the same
    table, and no header, sheet name or field says a word of the other language. Cell values are the results' own
    (codes, names, numbers) and are not judged here; the checks sheet's messages are."""
    import openpyxl

    from planner.report.words import CATEGORY_WORDS
    from planner.report.words_xlsx import XLSX_TEXTS, column_key

    book = tmp_path / f"{command}-{lang}.xlsx"
    res = runner.invoke(app, [*WORKBOOKS[command], "--xlsx", str(book), "--lang", lang])
    assert res.exit_code in (0, 1), res.output
    wb = openpyxl.load_workbook(book)
    words = XLSX_TEXTS[lang]
    puzzle = re.compile(rf"({words['pz_ukraine']}|{words['pz_regular']}|{words['pz_amv']}) "
                        rf"({words['pz_task']}|{words['pz_realised']}|{words['pz_ambition']}|{words['pz_offer']}"
                        rf"|{words['pz_plan']})( \d{{4}})?|{words['pz_population']}")
    shown: list[str] = list(wb.sheetnames)
    for ws in wb.worksheets:
        if ws.title == "metadata":
            fields = [str(c.value) for c in ws["A"]]
            assert [column_key(lang, f) for f in fields if column_key(lang, f) is None] == [], fields
            shown += fields
            continue
        is_puzzle = ws.title.startswith(words["puzzle"])
        header = [str(c.value) for c in ws[2 if is_puzzle else 1]]
        if is_puzzle:
            assert all(column_key(lang, h) or puzzle.fullmatch(h) for h in header), header
            assert str(ws["A1"].value).startswith(words["puzzle_title"].split("{")[0])
        elif ws.title in (heading_of(lang, "spuk_total"),):
            assert header == [words["spuk_item"], words["spuk_amount"]]
        else:
            assert [h for h in header if column_key(lang, h) is None] == [], (ws.title, header)
            if heading_of(lang, "category") in header:  # a category cell as the output prints it
                j = header.index(heading_of(lang, "category"))
                cells = {row[j] for row in ws.iter_rows(min_row=2, values_only=True) if row[j] is not None}
                assert cells, ws.title
                assert cells <= set(CATEGORY_WORDS[lang].values()), (ws.title, cells)
        shown += header
    other = MESSAGE_ENGLISH if lang == "nl" else MESSAGE_DUTCH
    text = "\n".join(shown).replace(" · ", " ")
    assert found(other, text, ("Drenthe 2025–2026", "Borger-Odoorn zonder AMV-eenheid")) == [], shown
    checks = wb[heading_of(lang, "checks")]
    said = " ".join(str(c.value) for row in checks.iter_rows(min_row=2) for c in row[-1:])
    assert said.strip()  # Drenthe's 13 warnings
    from planner.scenario.load import load_scenario

    sources = tuple(str(v) for path in (BASE, WHATIF) for p in load_scenario(path)[1]
                    for k, v in (p.text_of.values if p.text_of else ()) if k == "source")
    assert found(other, input_words(said, "", (*SOURCES, *sources))) == [], said


def heading_of(lang: str, key: str) -> str:
    from planner.report.words_xlsx import heading

    return heading(lang, key)


@pytest.mark.slow  # four duty checks, each plans the province
def test_check_duty_category_named_in_dutch_gives_the_same_answer() -> None:
    """--category regulier (as the Dutch output prints the task) answers as --category regular: the same JSON, the
    same exit code; and --add-site category=AMV as category=amv."""
    args = ["check-duty", "-m", "GM1681", "--site", "BO-AMV", "--places", "10", "-f", "json"]
    english = runner.invoke(app, [*args, "--category", "regular"])
    dutch = runner.invoke(app, [*args, "--category", "regulier"])
    assert english.exit_code == dutch.exit_code
    assert english.stdout == dutch.stdout
    added = ["check-duty", "-m", "GM1681", "-f", "json", "--add-site"]
    code = runner.invoke(app, [*added, "id=X,category=amv,places=40,from=2025-01-01"])
    name = runner.invoke(app, [*added, "id=X,category=AMV,places=40,from=2025-01-01"])
    assert code.exit_code == name.exit_code == 0, name.output
    assert code.stdout == name.stdout
