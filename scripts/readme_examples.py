"""The README's ``$ planner …`` examples and the check that what they show is what the command prints.

Used by ``tests/test_readme.py`` (the commands run in-process) and by ``scripts/wheel_check.py`` (the same commands
run from an installed wheel in an empty folder). Every line a README example shows must be in what the command
prints: text lines as words (wrapping may differ), table rows cell by cell (the tables printed with ``--wide``, at
their natural width). A README line may leave parts out with ``…``; a row of only ``…`` cells stands for rows left
out, a ``…`` cell for any value (a time). Times in text (``0,17 s``) are masked.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
BOX = "│┃"
BORDERS = set("━─┏┓┗┛┡┩┢┪└┘┌┐╇┳┻╋┼┬┴├┤═║╔╗╚╝ ")
TIME = re.compile(r"\d+(?:,\d+)? s\b")
NOT_RUN = ("serve", "--executor", "nederland", " … ")
"""Examples that need a server (run by the wheel check on its own), a cluster, the national scenario (minutes) or
that leave arguments out (``planner sweep …``)."""


@dataclass(frozen=True)
class Example:
    line: int
    command: str
    shown: tuple[str, ...]

    @property
    def argv(self) -> list[str]:
        """The arguments after ``planner``."""
        return shlex.split(self.command)[1:]


def readme_examples(readme: Path = README) -> list[Example]:
    """Every fenced block whose first line is ``$ planner …``: the command (with ``\\`` continuations) and the lines
    shown under it, up to the next ``$`` line or the end of the block."""
    lines = readme.read_text(encoding="utf-8").splitlines()
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


def runnable_examples(readme: Path = README) -> list[Example]:
    """The examples that run as printed in a test or a CI step (see :data:`NOT_RUN`)."""
    return [e for e in readme_examples(readme) if not any(word in e.command for word in NOT_RUN)]


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
