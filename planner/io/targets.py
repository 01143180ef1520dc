"""Output paths checked before anything is computed: the right kind of name, and never an input.

Every file flag names its kind (``--xlsx`` an ``.xlsx`` file, ``report --out`` an ``.html`` file, a table a
``.csv`` file) and is refused otherwise, so ``--xlsx scenario/offers.csv`` cannot write a workbook over a table. No
output may replace a file the scenario reads — its TOML files (through ``extends`` too) and its tables — or, for a
plan folder, hold one inside it. Refusals are :class:`OutputRefused` (exit 2); a path the file system makes
impossible (a file where a folder must be) is :class:`OutputFailed` (exit 74).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from planner.io.errors import OutputFailed, OutputRefused

if TYPE_CHECKING:
    from planner.scenario.load import Scenario


def real(path: Path) -> Path:
    """The absolute path with symlinks resolved as far as they exist (a path that does not exist yet too)."""
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))


def scenario_inputs(scenario: Scenario) -> list[Path]:
    """Every file the scenario was read from: its TOML files (the whole ``extends`` chain) and its tables."""
    from planner.scenario.load import BUNDLED_PREFIX, bundled_dir

    root = real(scenario.path).parent
    out: list[Path] = [real(scenario.path)]
    for shown in (*scenario.files, *scenario.table_files.values()):
        if not shown:
            continue
        if shown.startswith(BUNDLED_PREFIX):
            out.append(real(bundled_dir() / shown.removeprefix(BUNDLED_PREFIX)))
        else:
            out.append(real(root / shown))
    return list(dict.fromkeys(out))


def check_file_target(path: Path, flag: str, suffixes: Sequence[str]) -> None:
    """Refuse a file output whose name does not end in one of ``suffixes`` or that names a folder."""
    if path.suffix.lower() not in suffixes:
        kinds = " or ".join(suffixes)
        raise OutputRefused(f"{flag} {path}: this output is a {suffixes[0]} file; name the file {kinds}. "
                            "Nothing was written.")
    if path.is_dir():
        raise OutputFailed(f"{flag} {path} is a folder; name a file. Nothing was written.")
    ancestor = path.parent
    while not ancestor.exists() and ancestor.parent != ancestor:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputFailed(f"{flag} {path}: {ancestor} is a file, not a folder. Nothing was written.")


def check_not_input(path: Path, flag: str, inputs: Iterable[Path], *, folder: bool = False) -> None:
    """Refuse an output that is one of ``inputs`` (or, for a folder that is replaced whole, holds one)."""
    target = real(path)
    for source in inputs:
        if source == target or (folder and source.is_relative_to(target)):
            what = "holds" if source != target else "is"
            raise OutputRefused(
                f"{flag} {path} {what} {source}, a file the scenario reads: the output would destroy its own input. "
                "Nothing was written; choose another place for the output."
            )
