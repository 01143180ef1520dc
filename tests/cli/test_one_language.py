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
