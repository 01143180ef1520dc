"""``planner validate``: every problem with file, row and field, in three formats; exit 0 only without errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from planner.cli.app import app
from planner.scenario.load import load_scenario
from tests.scenario.support import CORPUS, NEDERLAND, whatif

runner = CliRunner()


def test_drenthe_is_valid_with_its_warnings() -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    scenario, _ = load_scenario()
    assert scenario is not None
    assert (f"✓ Drenthe 2025–2026: geldig (13 waarschuwing(en)); 12 gemeenten, 18 locaties, 48 aanbiedingen; "
            f"digest {scenario.digest()[:12]}") in result.output
    english = runner.invoke(app, ["validate", "--lang", "en"])
    assert (f"✓ Drenthe 2025–2026: valid (13 warning(s)); 12 municipalities, 18 sites, 48 offers; "
            f"digest {scenario.digest()[:12]}") in english.output
    # The Ukraine total: the report prints 5,722, its column sums to 5,720.
    line = next(x for x in result.output.splitlines() if "stated_totals[1]" in x)
    assert "scenario.toml" in line
    assert "ukraine_target is 5.722" in line


def test_json_lists_every_problem() -> None:
    result = runner.invoke(app, ["validate", "--format", "json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    scenario, _ = load_scenario()
    assert scenario is not None
    assert (report["valid"], report["errors"], report["warnings"]) == (True, 0, 13)
    assert report["digest"] == scenario.digest()
    assert set(report["problems"][0]) == {"severity", "file", "row", "field", "code", "message"}
    ukraine = [p for p in report["problems"] if p["field"] == "stated_totals[1]"]
    assert [p["message"] for p in ukraine] == [
        "the stated total of ukraine_target is 5722 (Puzzel, totaalregel Oekraïne opgave 2025), but its parts sum "
        "to 5720 (difference +2)"
    ]


def test_csv_has_one_line_per_problem() -> None:
    result = runner.invoke(app, ["validate", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 13
    assert list(rows[0]) == ["severity", "file", "row", "field", "code", "message"]
    assert {r["severity"] for r in rows} == {"warning"}
    assert {r["file"] for r in rows} == {"sites.csv", "offers.csv", "municipalities.csv", "scenario.toml"}


def test_errors_exit_2_and_list_all_of_them() -> None:
    case = CORPUS / "cases" / "multi-csv-tables"
    result = runner.invoke(app, ["validate", str(case), "--format", "json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["digest"] is None
    places = {(p["file"], p["row"], p["field"]) for p in report["problems"] if p["severity"] == "error"}
    assert places == {("municipalities.csv", 2, "population"), ("offers.csv", 17, "year"),
                      ("sites.csv", 10, "available_from"), ("sites.csv", 12, "code")}
    table = runner.invoke(app, ["validate", str(case)])
    assert table.exit_code == 2
    assert "✗ Drenthe 2025–2026: 4 fout(en)" in table.output


def test_a_missing_scenario_is_a_clean_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "geen scenariobestand of -map met deze naam" in result.output
    result = runner.invoke(app, ["validate", str(tmp_path / "nope"), "--lang", "en"])
    assert result.exit_code == 2
    assert "no such scenario file or folder" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_what_if_file_validates(tmp_path: Path) -> None:
    path = whatif(tmp_path, '[[changes.sites]]\nid = "WV-NO"\nopen_ended = true')
    result = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["warnings"] == 12  # WV-NO's "no longer available" warning is gone


def test_national_is_valid() -> None:
    result = runner.invoke(app, ["validate", str(NEDERLAND), "--format", "json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert report["errors"] == 0
