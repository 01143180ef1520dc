"""Outputs never destroy inputs: every file flag checks its kind, no output replaces a file the scenario reads
(through ``extends`` too), and a plan folder goes only where there is nothing else to lose. Real processes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner.io.plan_folder import write_plan_folder
from tests.io.support import DRENTHE, planner, snapshot


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """A private copy of Drenthe with a what-if that extends it from a subfolder."""
    s = tmp_path / "s"
    shutil.copytree(DRENTHE, s)
    return s


def _refused(res: object, *words: str) -> None:
    assert res.returncode == 2, (res.stdout, res.stderr)  # type: ignore[attr-defined]
    for word in words:
        assert word in res.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in res.stderr  # type: ignore[attr-defined]


def test_plan_into_its_own_scenario_folder_is_refused(scenario: Path) -> None:
    before = snapshot(scenario)
    _refused(planner("plan", scenario, "--out", scenario), "not a plan folder", "scenario.toml")
    assert snapshot(scenario) == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["plan", "{s}", "--xlsx", "{s}/offers.csv"], ["--xlsx", "name the file .xlsx"]),
        (["spuk", "{s}", "--xlsx", "{s}/sites.csv"], ["--xlsx", "name the file .xlsx"]),
        (["check-duty", "{s}", "-m", "GM0106", "--xlsx", "{s}/scenario.toml"], ["name the file .xlsx"]),
        (["report", "{s}", "--html", "{s}/municipalities.csv"], ["name the file .html"]),
        (["template", "--from", "{s}", "--xlsx", "{s}/offers.csv"], ["name the file .xlsx"]),
        (["compare", "{s}", "{s}/what-if/assen-verlengd.toml", "--csv", "{s}/scenario.toml"], ["name the file .csv"]),
        # the right extension, but the file is an input (of the base, or read through the what-if's extends)
        (["compare", "{s}", "{s}/what-if/assen-verlengd.toml", "--csv", "{s}/offers.csv"],
         ["a file the scenario reads"]),
        (["sweep", "{s}/what-if/assen-verlengd.toml", "--vary", "cycle.national_need=96000,97000",
          "--csv", "{s}/sites.csv"], ["a file the scenario reads"]),
    ],
)
def test_a_file_output_over_an_input_is_refused(scenario: Path, args: list[str], words: list[str]) -> None:
    before = snapshot(scenario)
    _refused(planner(*(a.replace("{s}", str(scenario)) for a in args)), *words)
    assert snapshot(scenario) == before


def test_a_plan_folder_that_holds_an_input_is_refused(tmp_path: Path) -> None:
    """A scenario that reads a table from inside an earlier plan folder: the folder may not be replaced."""
    folder = tmp_path / "p"
    write_plan_folder(folder, {"municipalities.csv": (DRENTHE / "municipalities.csv").read_text(encoding="utf-8")},
                      scenario="tables", scenario_digest="-", tool_version="-")
    toml = tmp_path / "uses-plan-folder.toml"
    toml.write_text('[scenario]\nname = "x"\nextends = "bundled:drenthe-2025-2026"\n'
                    '[tables]\nmunicipalities = "p/municipalities.csv"\n', encoding="utf-8")
    assert planner("validate", toml).returncode == 0
    before = snapshot(folder)
    _refused(planner("plan", toml, "--out", folder), "holds", "a file the scenario reads")
    assert snapshot(folder) == before


def test_what_if_output_over_its_parent_scenario_file_is_refused(scenario: Path) -> None:
    """The file reached through extends = "../scenario.toml" is an input too (here via the sweep's CSV)."""
    target = scenario / "municipalities.csv"
    before = target.read_bytes()
    res = planner("compare", scenario / "what-if" / "assen-verlengd.toml", scenario / "what-if" / "assen-verlengd.toml",
                  "--csv", target)
    _refused(res, "a file the scenario reads")
    assert target.read_bytes() == before


def test_validate_hint_names_no_empty_path(tmp_path: Path) -> None:
    broken = tmp_path / "b"
    shutil.copytree(DRENTHE, broken)
    (broken / "offers.csv").write_text("nonsense\n", encoding="utf-8")
    res = planner("plan", broken)
    assert res.returncode == 2
    assert f"Voer 'planner validate {broken}' uit" in " ".join(res.stderr.split())


def test_a_scenario_in_a_first_level_folder_cannot_read_the_whole_machine() -> None:
    """Placed directly in /tmp, a scenario's allowed area was '/': any file could be read and its first line was
    echoed in the problems table. Now it is the scenario's folder tree (here /tmp) and the bundled scenarios."""
    import secrets

    toml = Path("/tmp") / f"planner-io-test-{secrets.token_hex(4)}.toml"
    if toml.parent.parent != Path("/"):
        pytest.skip("/tmp is not a first-level folder here")
    toml.write_text('[scenario]\nname = "x"\nextends = "bundled:drenthe-2025-2026"\n'
                    '[tables]\nsites = "../etc/hostname"\n', encoding="utf-8")
    try:
        res = planner("validate", toml, "--lang", "en")
        assert res.returncode == 2
        out = " ".join((res.stdout + res.stderr).split())
        assert "outside the scenario folder" in out
        assert "unknown column" not in out  # the file was not read: its first line is not echoed as a header
    finally:
        toml.unlink()


def test_a_scenario_reads_tables_only_from_its_own_folder_tree(tmp_path: Path) -> None:
    """The allowed area is the scenario's own folder tree: a sibling folder's file is refused (before, the area was
    the folder above the scenario's own, so sibling folders were readable). A what-if in what-if/ still extends
    its base one level up, and the base's tables are judged by the base's own tree."""
    base = tmp_path / "drenthe"
    shutil.copytree(DRENTHE, base)
    sibling = tmp_path / "elsewhere"
    sibling.mkdir()
    shutil.copy(base / "sites.csv", sibling / "sites.csv")
    snooping = base / "snoop.toml"
    snooping.write_text('[scenario]\nname = "x"\nextends = "scenario.toml"\n'
                        '[tables]\nsites = "../elsewhere/sites.csv"\n', encoding="utf-8")
    refused = planner("validate", snooping, "--lang", "en")
    assert refused.returncode == 2
    assert "outside the scenario folder" in " ".join((refused.stdout + refused.stderr).split())
    what_if = base / "what-if" / "assen-sluit-1-7-2025.toml"
    assert planner("validate", what_if).returncode == 0
