"""Validation is linear in the number of rows and problems: ten times the rows cost about ten times the time.

Not a timed test (the machine is shared): the CPU time of the same validation on n and 10·n generated site rows is
compared, with the problems table rendered as the terminal shows it. A quadratic step (de-duplicating each new
problem against every earlier one, numbering the k-th duplicate by trying 2…k) makes the ratio about 100; linear
work gives about 10. The bound of 25 leaves room for noise and still fails on anything quadratic.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from planner.cli.common import MAX_PROBLEMS_SHOWN
from planner.report.terminal import problems_table
from planner.scenario.load import load_scenario
from tests.scenario.support import copy_drenthe

SMALL, LARGE = 2_000, 20_000
HEADER = "id,code,name,category,subtype,places,min_places,available_from,available_until,status,remarks"

ROWS: dict[str, Callable[[int], str]] = {
    # A misspelt number in every row: one error per row.
    "bad cells": lambda i: f"S{i},GM0106,Site {i},regular,,1.000x,,,,candidate,",
    # Valid sites whose contract ends inside the cycle: one warning per row.
    "valid sites with a warning": lambda i: f"S{i},GM0106,Site {i},regular,,60,,,2025-06-30,existing,",
    # One id over and over: every repeat is a duplicate that must be placed at its own row.
    "one id repeated": lambda i: f"SAME,GM0106,Site {i},regular,,60,,,,candidate,",
}


def _scenario(folder: Path, n: int, row: Callable[[int], str]) -> Path:
    copy_drenthe(folder)
    (folder / "sites.csv").write_text("\n".join([HEADER, *(row(i) for i in range(n))]) + "\n", encoding="utf-8")
    return folder


def _validate(folder: Path) -> tuple[float, int, str]:
    """CPU seconds to load, check and render the problems table; the number of problems; the rendered text."""
    start = time.process_time()
    _, problems = load_scenario(folder)
    out = io.StringIO()
    Console(file=out, width=160).print(problems_table(list(problems), limit=MAX_PROBLEMS_SHOWN))
    return time.process_time() - start, len(problems), out.getvalue()


@pytest.mark.slow
@pytest.mark.parametrize("shape", list(ROWS))
def test_ten_times_the_rows_cost_about_ten_times_the_time(tmp_path: Path, shape: str) -> None:
    small = _scenario(tmp_path / "small", SMALL, ROWS[shape])
    large = _scenario(tmp_path / "large", LARGE, ROWS[shape])
    _validate(small)  # warm up imports and caches
    t_small, n_small, _ = _validate(small)
    t_large, n_large, text = _validate(large)
    assert n_large - n_small == pytest.approx(LARGE - SMALL, abs=1)  # one problem per row, none lost
    ratio = t_large / max(t_small, 1e-3)
    print(f"{shape}: {SMALL} rows {t_small:.2f} s, {LARGE} rows {t_large:.2f} s, ratio {ratio:.1f}")
    assert ratio < 25, (t_small, t_large)
    # The table shows the first 200 and counts the rest, in Dutch digits.
    assert text.count("sites.csv") == MAX_PROBLEMS_SHOWN
    rest = n_large - MAX_PROBLEMS_SHOWN
    assert f"… en nog {rest // 1000}.{rest % 1000:03d} die hier niet staan" in text
