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
            "import-xlsx", "report", "explain", "verdeelbesluit", "check-allocation", "serve")


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
    assert not re.search(r"│ --out\b", text)  # the old --out FILE is refused with a pointer to the flag


def test_out_is_offered_for_folders_only() -> None:
    offered = [c for c in COMMANDS if re.search(r"│ --out\b", help_of(c))]
    assert offered == ["plan", "import-xlsx"]


@pytest.mark.parametrize(("command", "flag"), [("compare", "--csv"), ("sweep", "--csv"), ("report", "--html"),
                                              ("template", "--xlsx")])
def test_the_old_out_file_flag_names_its_replacement(tmp_path: Path, command: str, flag: str) -> None:
    path = tmp_path / "my file.x"
    res = runner.invoke(app, [command, "--out", str(path)])
    assert res.exit_code == 2
    assert f"write this file with {flag} '{path}'" in " ".join(res.output.split())
    assert not path.exists()


def test_every_registered_command_is_checked() -> None:
    """A new command (registered in app.py) joins COMMANDS, so the help checks above cover it too."""
    import typer.main

    assert set(typer.main.get_command(app).commands) == set(COMMANDS)  # type: ignore[attr-defined]


def test_flags_of_the_top_level_help_show_no_type() -> None:
    text = help_of()
    assert "<bool>" not in text
    for flag in ("--version", "--install-completion", "--show-completion"):
        assert re.search(rf"│ {flag} +[A-Z]", text), flag


@pytest.mark.slow
def test_bash_completion_is_printed_and_completes_commands_and_choices() -> None:
    """The README's completion recipe: --show-completion prints a bash function, and the completion protocol it
    calls (_PLANNER_COMPLETE=complete_bash) answers with the commands and an option's choices (real processes)."""
    import os
    import subprocess
    import sys

    def run(*args: str, **env: str) -> str:
        proc = subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True, timeout=60,
                              env={**os.environ, **env})
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    script = run("--show-completion", "bash")
    assert "complete -o default -F _planner_completion planner" in script
    assert "_PLANNER_COMPLETE=complete_bash" in script
    assert run(_PLANNER_COMPLETE="complete_bash", COMP_WORDS="planner check-", COMP_CWORD="1").split() == [
        "check-duty", "check-allocation"]
    assert run(_PLANNER_COMPLETE="complete_bash", COMP_WORDS="planner plan --solver ", COMP_CWORD="3").split() == [
        "highs", "scip", "cbc", "cpsat", "auto"]


WORDLESS = {"schema": "prints the JSON Schema (field descriptions are the schema's own, for programs)",
            "serve": "the live page has its own nl/en switch (?lang=, kept in a cookie)"}
"""Commands without --lang, and why."""


@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in WORDLESS])
def test_every_command_that_prints_words_has_lang_with_its_choices(command: str) -> None:
    line = next((ln for ln in help_of(command).splitlines() if re.match(r"│\s+--lang\b", ln)), "")
    assert "nl|en" in line, command


def test_the_readme_lists_the_same_exit_codes_as_the_help() -> None:
    from planner.outcome import EXIT_CODES_HELP

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("Exit codes, the same for every command"):]
    listed = re.findall(r"^\| (\d+) \|", table[: table.index("\n\n", table.index("| code |"))], re.M)
    helped = re.findall(r"(?:: |; )(\d+) ", EXIT_CODES_HELP)
    assert listed == helped == ["0", "1", "2", "3", "70", "74", "130"]


def test_a_bundled_scenario_is_named_from_any_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From a folder without the repository (a wheel install), the shipped scenarios are named as in ``extends``."""
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["validate", "bundled:drenthe-2025-2026/what-if/assen-verlengd.toml", "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "Assen azc verlengd: valid" in " ".join(res.output.split())
    res = runner.invoke(app, ["validate", "bundled:drenthe-2025-2026/what-if/nope.toml", "--lang", "en"])
    assert res.exit_code == 2
    assert "no such scenario file or folder" in res.output
