"""``planner report``: a plan report, from a plan folder, a comparison, and clear errors."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli.app import app
from planner.scenario.load import default_scenario

runner = CliRunner()
WHATIF = default_scenario() / "what-if" / "assen-verlengd.toml"


def test_plan_report(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    res = runner.invoke(app, ["report", "--html", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert "€ 4.749.686" in html
    assert '<html lang="nl">' in html
    assert "written to" in res.output


def test_report_from_a_plan_folder_matches_a_fresh_one(tmp_path: Path) -> None:
    plan_dir = tmp_path / "plan"
    assert runner.invoke(app, ["plan", "--out", str(plan_dir), "-f", "json"]).exit_code == 0
    out = tmp_path / "p.html"
    res = runner.invoke(app, ["report", "--plan", str(plan_dir), "--html", str(out), "--lang", "en"])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "€4,749,686" in html
    assert "made from a plan folder" in html
    res = runner.invoke(app, ["report", str(WHATIF), "--plan", str(plan_dir), "--html", str(out)])
    assert res.exit_code == 2
    assert "is gepland uit een ander scenario" in res.output  # the what-if is Dutch


def test_compare_report(tmp_path: Path) -> None:
    out = tmp_path / "c.html"
    res = runner.invoke(app, ["report", "--compare", str(default_scenario()), str(WHATIF), "--html", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert "Assen azc verlengd" in html
    assert "Sluit de provincie?" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "--compare", str(WHATIF), "--html", "x.html"], "ten minste één WHATIF"),
        (["report", "--html", "x.pdf"], "name the file .html"),
        (["report", "--lang", "fr", "--html", "x.html"], "'fr' is geen van 'nl', 'en'"),
        (["report", "nope-folder", "--html", "x.html"], "fout:"),
        (["report", "nope-folder", "--html", "x.html", "--lang", "en"], "error:"),
    ],
)
def test_user_errors_are_clear(args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    assert message in res.output
    assert "Traceback" not in res.output


@pytest.mark.skipif(importlib.util.find_spec("weasyprint") is not None, reason="WeasyPrint is installed here")
def test_pdf_without_weasyprint_says_so_and_keeps_the_html(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    res = runner.invoke(app, ["report", "--html", str(out), "--pdf"])
    assert res.exit_code == 2
    assert "WeasyPrint is not installed" in res.output
    assert out.exists()
    assert not out.with_suffix(".pdf").exists()


def test_infeasible_scenario_gets_a_report_without_a_plan_and_exit_1(tmp_path: Path) -> None:
    scenario = default_scenario().parents[1] / "tests" / "data" / "infeasible" / "drenthe-amv-closed"
    out = tmp_path / "r.html"
    res = runner.invoke(app, ["report", str(scenario), "--html", str(out)])
    assert res.exit_code == 1, res.output
    html = out.read_text(encoding="utf-8")
    assert "Er is geen plan" in html
    assert "<figure" not in html
