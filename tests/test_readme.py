"""The README shows real commands with their real output. Each ``$ planner …`` block is run, and every line the
README prints must be in what the command prints today (the comparison: :mod:`scripts.readme_examples`; the same
check runs on the installed wheel from an empty folder in ``scripts/wheel_check.py``). Commands that need a cluster,
a server, the national scenario or elided arguments (``planner sweep …``) are not run here."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli.app import app
from scripts.readme_examples import Example, check, readme_examples, runnable_examples

EXAMPLES = runnable_examples()
SLOW = ("compare", "sweep")


def test_readme_has_the_journeys() -> None:
    """The parser finds the README's journeys; a README restructured so that it finds none fails here, not silently."""
    commands = {example.argv[0] for example in EXAMPLES}
    assert {"plan", "compare", "check-duty", "verdeelbesluit", "explain", "sweep"} <= commands


def test_readme_commands_run_from_any_folder() -> None:
    """A newcomer with the wheel has no repository: every command the README prints names a scenario as
    ``bundled:…`` (or none), never a path into the repository."""
    for example in readme_examples():
        for arg in example.argv:
            assert not arg.startswith(("scenarios/", "tests/", "./", "../")), f"README.md:{example.line}: {arg}"


@pytest.mark.parametrize(
    "example",
    [pytest.param(e, id=f"line{e.line}", marks=[pytest.mark.slow] if e.argv[0] in SLOW else []) for e in EXAMPLES],
)
def test_readme_output_is_real(example: Example, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # not the repository: the README's commands must run from any folder
    # --wide: every table at its natural width, so a cell is never wrapped onto a second line
    result = CliRunner().invoke(app, [*example.argv, "--wide"], env={"NO_COLOR": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    missing = check(example, result.output)
    assert not missing, "\n".join(missing) + "\n--- printed ---\n" + result.output


def test_check_finds_a_changed_number() -> None:
    """The check itself can fail: one changed number in a row or in a sentence is found."""
    example = Example(1, "planner plan", ("│ GM0106 │ Assen │ 329 │", "Drenthe sluit met 1.234 plaatsen."))
    printed = "│ GM0106 │ Assen │ 329 │\nDrenthe sluit met\n1.234 plaatsen.\n"
    assert check(example, printed) == []
    assert check(example, printed.replace("329", "330")) != []
    assert check(example, printed.replace("1.234", "1.235")) != []
