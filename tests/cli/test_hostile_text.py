"""Text from input is shown literally everywhere, through real processes (issue 12, "markup in user text").

A municipality name carrying rich markup (``[/]``, a hidden ``[link=…]``, ``[bold]``), an emoji code (``:x:``), an
ANSI escape sequence and matplotlib mathtext (``$\\frac$``) must not make any command exit 70, must be printed as
written (control characters made visible), and must not turn into a hyperlink, an emoji, a formula or a screen clear.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planner.scenario.load import default_scenario

NAME = "Tyn[/] [link=https://e.x]k[/link] :x: $\\frac$ [bold]B\x1b[2J"
SHOWN = "Tyn[/] [link=https://e.x]k[/link] :x: $\\frac$ [bold]B\\x1b[2J"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "400", "PLANNER_DEBUG": ""}
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "drenthe"
    shutil.copytree(default_scenario(), folder)
    munis = folder / "municipalities.csv"
    munis.write_text(munis.read_text(encoding="utf-8").replace("Tynaarlo,", f"{NAME},"), encoding="utf-8")
    return folder


def assert_literal(out: str) -> None:
    for word in SHOWN.split():  # a table may wrap the name between words, never inside one
        assert word in out, word
    assert "\x1b" not in out  # neither the input's escape nor a hyperlink (OSC 8) or style sequence
    assert "❌" not in out


@pytest.mark.parametrize("command", [["validate"], ["plan"], ["spuk"], ["verdeelbesluit"], ["explain"],
                                     ["check-duty", "-m", "GM1730", "--site", "TYN-NO", "--places", "60"],
                                     ["check-duty", "-m", "GM1730"]])
def test_names_are_printed_as_written(hostile: Path, command: list[str]) -> None:
    res = run(command[0], str(hostile), *command[1:], cwd=hostile.parent)
    assert res.returncode in (0, 1), res.stderr
    if command[0] not in ("validate", "explain"):  # these two name no municipality on a valid, feasible case
        assert_literal(res.stdout)


def test_compare_shows_names_as_written(hostile: Path) -> None:
    res = run("compare", str(hostile), str(hostile), cwd=hostile.parent)
    assert res.returncode == 0, res.stderr
    assert_literal(res.stdout)


def test_markup_in_a_bad_cell_is_reported_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    shutil.copytree(default_scenario(), folder)
    munis = folder / "municipalities.csv"
    munis.write_text(munis.read_text(encoding="utf-8").replace(",25724,", ",[/]\x1b[2J,", 1), encoding="utf-8")
    for command in ("validate", "plan"):
        res = run(command, str(folder), cwd=tmp_path)
        assert res.returncode == 2, res.stderr
        assert "[/]\\x1b[2J" in res.stdout + res.stderr
        assert "\x1b" not in res.stdout + res.stderr


def test_mathtext_in_a_name_does_not_crash_the_html_report(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    res = run("report", str(hostile), "--html", str(out), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    html = out.read_text(encoding="utf-8")
    assert "Tyn[/]" in html
    assert "$\\frac$" in html  # the chart labels carry the name as written, not as a formula
    res = run("report", "--compare", str(hostile), str(hostile), "--html", str(out), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
