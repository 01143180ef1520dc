"""CLI conventions over every command at once (issue 14), read from the help a user sees (``-h``), so a new command
or option is held to them without being listed here. The per-option checks are in ``tests/cli/test_conventions.py``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import typer.main
from typer.testing import CliRunner

from planner.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
OPTION = re.compile(r"│\s+(?:\*\s+)?(--[\w-]+)(?:\s+-\w)?\s+(<[^>]*>)?")
ENUMERATED = ("--solver", "--lang", "--method", "--table", "--format", "--executor", "--category")
"""Options with a fixed set of values: each shows them (``<nl|en>``)."""
SAME_NAME_OTHER_CHOICES = {"--solver": "explain's feasibility solves have no per-goal 'auto'"}


def options() -> dict[str, dict[str, str | None]]:
    """Per option name, per command, the metavar its help shows (None for a flag)."""
    seen: dict[str, dict[str, str | None]] = defaultdict(dict)
    for command in COMMANDS:
        result = CliRunner().invoke(app, [command, "-h"], env={"COLUMNS": "250"})
        assert result.exit_code == 0, result.output
        for line in result.output.splitlines():
            if found := OPTION.match(line):
                seen[found.group(1)][command] = found.group(2)
    return seen


SEEN = options()


def test_every_command_has_help_with_h() -> None:
    assert len(COMMANDS) >= 15
    assert all(command in SEEN["--help"] for command in COMMANDS)


def test_no_option_shows_a_python_type() -> None:
    shown = {(name, metavar) for name, per in SEEN.items() for metavar in per.values() if metavar}
    assert not [s for s in shown if re.search(r"bool|list\[|dict\[|tuple\[", s[1])], shown


def test_enumerated_options_show_their_choices() -> None:
    for name in ENUMERATED:
        assert SEEN[name], name
        for command, metavar in SEEN[name].items():
            assert "|" in (metavar or ""), (name, command, metavar)


def test_one_meaning_per_option_name() -> None:
    """An option name takes the same kind of value on every command (explain's --solver aside: no 'auto')."""
    differ = {name: set(per.values()) for name, per in SEEN.items() if len(set(per.values())) > 1}
    assert set(differ) <= set(SAME_NAME_OTHER_CHOICES), differ
    assert SEEN["--solver"]["explain"] == "<highs|scip|cbc|cpsat>"


def test_files_are_named_by_format_and_out_is_a_folder() -> None:
    for flag in ("--xlsx", "--html", "--csv", "--out"):
        assert set(SEEN[flag].values()) == {"<path>"}, flag
    assert sorted(SEEN["--out"]) == ["import-xlsx", "plan"]


def test_shell_completion_is_offered_and_documented() -> None:
    top = CliRunner().invoke(app, ["-h"], env={"COLUMNS": "250"}).output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for flag in ("--install-completion", "--show-completion"):
        assert flag in top
        assert f"planner {flag}" in readme
