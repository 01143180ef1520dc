"""A table of some, not all, of the twelve provinces is not the whole country: without the national population and
weight sum its municipalities would share the whole national need (issue 11, validation)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from planner.scenario.load import load_scenario
from tests.scenario.support import NEDERLAND

TOML = """[scenario]
name = "Noorden"
language = "nl"

[cycle]
start = 2025-01-01
end = 2026-12-31
period = "year"
national_need = 96000
national_amv_need = 8140
{figures}
[rules]
use_official_tasks = false

[tables]
municipalities = "municipalities.csv"
"""


def _north(folder: Path, provinces: tuple[str, ...], figures: str = "", rename: dict[str, str] | None = None) -> Path:
    """The national table cut down to ``provinces`` (tasks computed by the key), in ``folder``."""
    text = (NEDERLAND / "municipalities.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    keep = [r | {"province": (rename or {}).get(r["province"], r["province"])}
            for r in rows if r["province"] in provinces]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(keep)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "municipalities.csv").write_text(out.getvalue(), encoding="utf-8")
    (folder / "scenario.toml").write_text(TOML.format(figures=figures), encoding="utf-8")
    return folder


def _national_errors(folder: Path) -> dict[str, str]:
    _, problems = load_scenario(folder)
    return {p.field: p.message for p in problems.errors if p.code == "national-figures"}


@pytest.mark.parametrize("provinces", [("Drenthe", "Groningen"), ("Drenthe", "Fryslân", "Groningen"),
                                       ("Drenthe", "Flevoland", "Fryslân", "Gelderland", "Groningen", "Limburg",
                                        "Noord-Brabant", "Noord-Holland", "Overijssel", "Utrecht", "Zeeland")])
def test_two_to_eleven_provinces_without_national_figures_is_an_error(tmp_path: Path,
                                                                      provinces: tuple[str, ...]) -> None:
    """Before, only a one-province table was refused: Drenthe + Groningen with computed tasks shared all 96.000
    places. Both figures are named, with the provinces that are missing and how to give them."""
    errors = _national_errors(_north(tmp_path, provinces))
    assert set(errors) == {"cycle.national_weight_sum", "cycle.national_population"}
    weight = errors["cycle.national_weight_sum"]
    assert f"holds {len(provinces)} of the 12 provinces" in weight
    missing = [p for p in ("Zuid-Holland", "Zeeland", "Drenthe") if p not in provinces]
    assert all(p in weight.split("missing:")[1] for p in missing)
    assert "these provinces would get the whole national need of 96000" in weight
    assert "set cycle.national_weight_sum" in weight
    assert "set cycle.national_population (1-1-2023: 17811291)" in errors["cycle.national_population"]


def test_friesland_is_fryslan_and_names_that_are_no_province_are_not_judged(tmp_path: Path) -> None:
    """'Friesland' is the same province as 'Fryslân' (so 'Fryslân' is not reported missing); a table whose names are
    not Dutch provinces (a synthetic case) is judged by the one-province rule only."""
    weight = _national_errors(_north(tmp_path / "a", ("Drenthe", "Fryslân"), rename={"Fryslân": "Friesland"}))[
        "cycle.national_weight_sum"]
    assert "holds 2 of the 12 provinces" in weight
    assert "Fryslân" not in weight.split("missing:")[1]
    assert _national_errors(_north(tmp_path / "b", ("Drenthe", "Groningen"),
                                   rename={"Drenthe": "Noord", "Groningen": "Zuid"})) == {}


def test_given_figures_or_the_whole_country_are_fine(tmp_path: Path) -> None:
    """With both national figures the partial table is accepted; the bundled national table (all 12) needs none."""
    figures = "national_population = 17811291\nnational_weight_sum = 18524590.5249\n"
    assert _national_errors(_north(tmp_path, ("Drenthe", "Groningen"), figures)) == {}
    assert _national_errors(NEDERLAND) == {}
