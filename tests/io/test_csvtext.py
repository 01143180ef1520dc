"""Formula-like text is neutralised in every CSV the planner writes (a leading ``'``), numbers are not touched, and
the planner reads its own CSV back exactly."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.io.csvtext import FORMULA_START, cell_text, read_csv, safe_cell, to_csv
from tests.io.support import DRENTHE, planner

HOSTILE = '=HYPERLINK("http://example.invalid";"Assen")'


def test_formula_like_text_gets_a_mark_and_numbers_do_not() -> None:
    for text in ("=1+2", "+31 6 1234", "-x", "@SUM(A1)", "\tx", "\rx", "-", "+"):
        assert safe_cell(text) == "'" + text
    for value in ("-12", "-1.5", "+3", "1e5", "-3e-2", "Assen", "", "'", -12, 1.5, None):
        assert safe_cell(value) == value


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.dictionaries(st.sampled_from(["a", "=b", "c"]), st.text(), min_size=3, max_size=3), max_size=5))
def test_any_text_round_trips_and_no_cell_starts_a_formula(rows: list[dict[str, str]]) -> None:
    text = to_csv(rows, ["a", "=b", "c"])
    assert read_csv(text) == [{k: r[k] for k in ("a", "=b", "c")} for r in rows]
    for line in csv.reader(io.StringIO(text)):
        for cell in line:
            bare = cell_text(cell)
            assert not cell.startswith(FORMULA_START) or (cell == bare and safe_cell(bare) == bare)  # only numbers


def test_every_csv_output_neutralises_a_hostile_name(tmp_path: Path) -> None:
    """A municipality named like a formula, through plan --out, plan -f csv and compare --out."""
    s = tmp_path / "s"
    shutil.copytree(DRENTHE, s)
    table = s / "municipalities.csv"
    quoted = '"' + HOSTILE.replace('"', '""') + '"'
    table.write_text(table.read_text(encoding="utf-8").replace(",Assen,", f",{quoted},", 1), encoding="utf-8")
    assert planner("plan", s, "--out", tmp_path / "p", "-f", "json").returncode == 0
    stdout = planner("plan", s, "-f", "csv")
    assert stdout.returncode == 0
    whatif = tmp_path / "w.toml"
    whatif.write_text('[scenario]\nname = "w"\nextends = "s/scenario.toml"\n', encoding="utf-8")
    assert planner("compare", s, whatif, "--csv", tmp_path / "c.csv", "-f", "json").returncode == 0
    texts = {"plan folder": (tmp_path / "p" / "municipalities.csv").read_text(encoding="utf-8"),
             "stdout": stdout.stdout, "compare": (tmp_path / "c.csv").read_text(encoding="utf-8")}
    for where, text in texts.items():
        names = [row["name"] for row in csv.DictReader(io.StringIO(text))]
        assert "'" + HOSTILE in names, where
        assert HOSTILE not in names, where
        assert not any(cell.startswith("=") for row in csv.reader(io.StringIO(text)) for cell in row), where
    # numbers stay numbers (transfers may be negative): plain digits, no mark
    rows = list(csv.DictReader(io.StringIO(texts["plan folder"])))
    for column in ("regular", "transfer_regular", "transfer_amv", "task_regular", "shortfall_amv"):
        assert all(re.fullmatch(r"-?\d+", r[column]) for r in rows), column
