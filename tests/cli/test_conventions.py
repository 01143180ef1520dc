"""CLI conventions (issue 14): --version, -h as well as --help, no '<bool>' on flags, the choices of every
enumerated option in --help, and the exit codes listed once in the top-level help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner import __version__
from planner.cli.app import app

runner = CliRunner()
COMMANDS = ("validate", "quota", "schema", "plan", "compare", "sweep", "check-duty", "spuk", "template",
            "import-xlsx", "report", "explain", "verdeelbesluit", "check-allocation")


def help_of(*args: str) -> str:
    res = runner.invoke(app, [*args, "-h"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    return res.output


def test_version() -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0
    assert res.output.strip() == f"planner {__version__}"


def test_top_level_help_lists_the_exit_codes_once() -> None:
    text = " ".join(help_of().split("╭")[0].split())  # the description above the option and command panels
    for code in ("0 done", "1 the answer is no", "2 bad input", "3 the solver failed", "70 a bug", "74 the environment",
                 "130 interrupted"):
        assert text.count(code) == 1, code


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_no_bool_metavar(command: str) -> None:
    assert "<bool>" not in help_of(command)


@pytest.mark.parametrize(("command", "option", "choices"), [
    ("plan", "--solver", "highs|scip|cbc|cpsat"),
    ("compare", "--solver", "highs|scip|cbc|cpsat"),
    ("sweep", "--solver", "highs|scip|cbc|cpsat"),
    ("check-duty", "--solver", "highs|scip|cbc|cpsat"),
    ("explain", "--solver", "highs|scip|cbc|cpsat"),
    ("explain", "--method", "deletion|iis|cpsat"),
    ("schema", "--table", "scenario|municipalities|offers|sites|transfers"),
    ("plan", "--lang", "nl|en"),
    ("compare", "--lang", "nl|en"),
    ("check-duty", "--lang", "nl|en"),
    ("report", "--lang", "nl|en"),
])
def test_choices_are_shown(command: str, option: str, choices: str) -> None:
    line = next(ln for ln in help_of(command).splitlines() if re.match(rf"│ {option}\b", ln))
    assert choices in line


def test_a_value_outside_the_choices_is_a_usage_error() -> None:
    res = runner.invoke(app, ["plan", "--solver", "gurobi"])
    assert res.exit_code == 2
    assert "gurobi" in res.output


def test_the_cli_choices_are_the_libraries_names() -> None:
    from planner.cli.common import SolverName
    from planner.cli.explain import Method
    from planner.cli.schema import Part
    from planner.explain.conflict import METHODS
    from planner.scenario.docs import json_schema
    from solvers import SOLVER_NAMES

    assert [s.value for s in SolverName] == list(SOLVER_NAMES)
    assert {m.value for m in Method} == set(METHODS)
    assert {p.value for p in Part} == set(json_schema())


@pytest.mark.parametrize(("command", "flag"), [("compare", "--csv"), ("sweep", "--csv"), ("report", "--html"),
                                              ("template", "--xlsx")])
def test_files_are_named_by_their_format_and_out_is_a_folder(command: str, flag: str) -> None:
    text = help_of(command)
    assert re.search(rf"│ {flag}\b", text)
    assert not re.search(r"│ --out\b", text)  # still accepted under its old name, but no longer offered


def test_out_is_offered_for_folders_only() -> None:
    offered = [c for c in COMMANDS if re.search(r"│ --out\b", help_of(c))]
    assert offered == ["plan", "import-xlsx"]


def test_old_out_still_writes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "in.xlsx"
    res = runner.invoke(app, ["template", "--out", str(path)])
    assert res.exit_code == 0, res.output
    assert path.stat().st_size > 0
