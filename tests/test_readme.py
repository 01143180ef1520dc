"""The README shows real commands with their real output. Each ``$ planner …`` block is run, and every line the
README prints must be in what the command prints today: text lines as words (wrapping may differ), table rows cell
by cell (the tables printed with ``--wide``, at their natural width). A README line may leave parts out with ``…``;
a row of only ``…`` cells stands for rows left out, a ``…`` cell for any value (a time). Times in text (``0,17 s``)
are masked. Commands that need a cluster, a server, the national scenario or elided arguments (``planner sweep …``)
are not run here."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BOX = "│┃"
BORDERS = set("━─┏┓┗┛┡┩┢┪└┘┌┐╇┳┻╋┼┬┴├┤═║╔╗╚╝ ")
TIME = re.compile(r"\d+(?:,\d+)? s\b")
NOT_RUN = ("serve", "--executor", "nederland", " … ")


@dataclass(frozen=True)
class Example:
    line: int
    command: str
    shown: tuple[str, ...]


def readme_examples() -> list[Example]:
    """Every fenced block whose first line is ``$ planner …``: the command (with ``\\`` continuations) and the lines
    shown under it, up to the next ``$`` line or the end of the block."""
    lines = README.read_text(encoding="utf-8").splitlines()
    examples: list[Example] = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("```") and i + 1 < len(lines) and lines[i + 1].startswith("$ planner"):
            start = i + 1
            command = lines[start][2:]
            j = start
            while command.endswith("\\"):
                j += 1
                command = command[:-1] + " " + lines[j].strip()
            shown: list[str] = []
            j += 1
            while not lines[j].startswith("```") and not lines[j].startswith("$ "):
                shown.append(lines[j])
                j += 1
            examples.append(Example(start + 1, command, tuple(shown)))
            i = j
        else:
            i += 1
    return examples


def words(text: str) -> str:
    return " ".join(TIME.sub("<tijd>", text).split())


def cells(row: str) -> tuple[str, ...]:
    return tuple(words(cell) for cell in re.split(f"[{BOX}]", row)[1:-1])


def same_row(shown: tuple[str, ...], printed: tuple[str, ...]) -> bool:
    """A README cell ``…`` stands for any value (a time, say); every other cell is compared as it is."""
    return len(shown) == len(printed) and all(a in {"…", b} for a, b in zip(shown, printed, strict=True))


def is_border(line: str) -> bool:
    return bool(line.strip()) and set(line) <= BORDERS


def check(example: Example, printed: str) -> list[str]:
    """What the README shows that the command did not print, as readable lines (empty: all shown is real)."""
    printed_lines = printed.splitlines()
    rows = {cells(line) for line in printed_lines if line[:1] in BOX}
    text = words(" ".join(line for line in printed_lines if line[:1] not in BOX))
    missing: list[str] = []
    for number, line in enumerate(example.shown, start=example.line + 1):
        if not line.strip() or is_border(line):
            continue
        if line[:1] in BOX:
            row = cells(line)
            if all(cell in {"…", ""} for cell in row) or any(same_row(row, printed) for printed in rows):
                continue
            missing.append(f"README.md:{number}: table row not printed: {line.strip()}")
            continue
        position = 0
        for part in (words(part) for part in line.split("…")):
            if not part:
                continue
            found = text.find(part, position)
            if found < 0:
                missing.append(f"README.md:{number}: not printed: {part}")
                break
            position = found + len(part)
    return missing


EXAMPLES = [example for example in readme_examples() if not any(word in example.command for word in NOT_RUN)]
SLOW = ("compare", "sweep")


def test_readme_has_the_journeys() -> None:
    """The parser finds the README's journeys; a README restructured so that it finds none fails here, not silently."""
    commands = {shlex.split(example.command)[1] for example in EXAMPLES}
    assert {"plan", "compare", "check-duty", "verdeelbesluit", "explain"} <= commands


@pytest.mark.parametrize(
    "example",
    [
        pytest.param(e, id=f"line{e.line}", marks=[pytest.mark.slow] if shlex.split(e.command)[1] in SLOW else [])
        for e in EXAMPLES
    ],
)
def test_readme_output_is_real(example: Example, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    # --wide: every table at its natural width, so a cell is never wrapped onto a second line
    result = CliRunner().invoke(app, [*shlex.split(example.command)[1:], "--wide"], env={"NO_COLOR": "1"})
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
