"""The bad-input corpus: every case in ``tests/corpus/cases.toml`` through the loader, the CLI and a real process.

For each case the loader must report every expected problem at its exact file, row and field (and no error
elsewhere), and ``planner validate`` must exit with the expected code, never with a traceback, naming the place of
each problem. Good cases must be accepted; those with Drenthe's data must give Drenthe's digest.

A real ``python -m planner`` process costs about 0.4 s of CPU (imports), so by default the process test runs one
case of each kind plus every good, outside and multi-fault case; ``PLANNER_FULL_CORPUS=1`` runs every case. The
loader and ``CliRunner`` tests always run every case.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from planner.cli.app import app
from planner.scenario.load import load_scenario
from planner.scenario.problems import Problem
from tests.scenario.support import CORPUS, DRENTHE

MANIFEST = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]
CASES = {c["name"]: c for c in MANIFEST}
REQUIRED_KINDS = {
    "toml-syntax", "toml-type", "toml-field", "extends", "outside", "file", "encoding", "columns", "shape",
    "codes", "numbers", "dates", "rows", "references", "formula", "changes", "multi", "good", "ranges", "names",
    "national",
}


@dataclass(frozen=True)
class Expected:
    severity: str
    file: str
    row: int | None
    field: str
    message: str

    def matches(self, p: Problem | dict[str, Any]) -> bool:
        d = p.as_dict() if isinstance(p, Problem) else p
        return (d["severity"], d["file"], d["row"], d["field"]) == (self.severity, self.file, self.row, self.field) \
            and self.message in str(d["message"])

    def place(self) -> tuple[str, int | None, str]:
        return self.file, self.row, self.field


def expected(case: dict[str, Any]) -> list[Expected]:
    return [Expected(e["severity"], e["file"], e.get("row"), e["field"], e["message"]) for e in case["expect"]]


def case_path(case: dict[str, Any]) -> Path:
    return CORPUS / case["path"]


MARKS = {"ERROR": "ERROR", "FOUT": "ERROR", "warning": "warning", "waarschuwing": "warning"}
"""The severity column in either language (the corpus scenarios are Dutch)."""


def table_rows(output: str) -> set[tuple[str, str, str, str]]:
    """(mark, file, row, field) of every row of the problems table that rich printed."""
    out = set()
    for line in output.splitlines():
        cells = [c.strip() for c in line.split("│")]
        if len(cells) >= 6 and cells[1] in MARKS:
            out.add((MARKS[cells[1]], cells[2], cells[3], cells[4]))
    return out


def assert_places_printed(case: dict[str, Any], output: str) -> None:
    printed = table_rows(output)
    for e in expected(case):
        mark = "ERROR" if e.severity == "error" else "warning"
        row = "" if e.row is None else str(e.row)
        assert (mark, e.file, row, e.field) in printed, (e, sorted(printed))


names = pytest.mark.parametrize("name", list(CASES))


def _process_cases() -> list[str]:
    if os.environ.get("PLANNER_FULL_CORPUS"):
        return list(CASES)
    first_of_kind = {c["kind"]: c["name"] for c in reversed(MANIFEST)}
    always = [c["name"] for c in MANIFEST if c["kind"] in ("good", "outside", "multi")]
    return sorted(set(first_of_kind.values()) | set(always), key=list(CASES).index)


PROCESS_CASES = _process_cases()


def test_manifest_matches_the_files() -> None:
    on_disk = {p.name.removesuffix(".toml") for p in (CORPUS / "cases").iterdir()}
    assert on_disk == set(CASES)
    assert len(CASES) >= 60
    kinds = {c["kind"] for c in MANIFEST}
    assert kinds >= REQUIRED_KINDS, REQUIRED_KINDS - kinds
    for c in MANIFEST:
        assert c["exit"] in (0, 2)
        assert c["expect"] or c["exit"] == 0, f"{c['name']}: a bad case must expect a problem"


@names
def test_loader_reports_every_expected_problem(name: str) -> None:
    case = CASES[name]
    scenario, problems = load_scenario(case_path(case))
    for e in expected(case):
        assert any(e.matches(p) for p in problems), (e, [p.as_dict() for p in problems])
    # No error anywhere else: one fault must not cascade into errors for every row that names it.
    places = {e.place() for e in expected(case)}
    stray = [p for p in problems.errors if (p.file, p.row, p.field) not in places]
    assert not stray, stray
    valid = scenario is not None and not problems.has_errors()
    assert valid == (case["exit"] == 0)


@names
def test_validate_command(name: str) -> None:
    case = CASES[name]
    result = CliRunner().invoke(app, ["validate", str(case_path(case))])
    assert result.exit_code == case["exit"], result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert_places_printed(case, result.output)


@names
def test_validate_json(name: str) -> None:
    case = CASES[name]
    result = CliRunner().invoke(app, ["validate", str(case_path(case)), "--format", "json"])
    assert result.exit_code == case["exit"]
    report = json.loads(result.stdout)
    assert report["valid"] == (case["exit"] == 0)
    for e in expected(case):
        assert any(e.matches(p) for p in report["problems"]), (e, report["problems"])


@pytest.fixture(scope="module")
def processes() -> dict[str, subprocess.CompletedProcess[str]]:
    """``python -m planner validate CASE`` for every case, run as real processes, a few at a time."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PLANNER_DEBUG", None)

    def run(name: str) -> tuple[str, subprocess.CompletedProcess[str]]:
        cmd = [sys.executable, "-m", "planner", "validate", str(case_path(CASES[name]))]
        return name, subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, check=False)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(pool.map(run, PROCESS_CASES))


@pytest.mark.slow
@pytest.mark.parametrize("name", PROCESS_CASES)
def test_validate_process(name: str, processes: dict[str, subprocess.CompletedProcess[str]]) -> None:
    case, proc = CASES[name], processes[name]
    assert proc.returncode == case["exit"], proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert_places_printed(case, proc.stdout)


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if "allow_outside_exit" in c])
def test_outside_is_read_only_when_allowed(name: str) -> None:
    case = CASES[name]
    scenario, problems = load_scenario(case_path(case), allow_outside=True)
    assert not any(p.code == "outside" for p in problems)
    assert (scenario is not None and not problems.has_errors()) == (case["allow_outside_exit"] == 0)
    result = CliRunner().invoke(app, ["validate", str(case_path(case)), "--allow-outside"])
    assert result.exit_code == case["allow_outside_exit"], result.output


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.get("same_as_drenthe")])
def test_good_spellings_read_the_same_data(name: str) -> None:
    scenario, problems = load_scenario(case_path(CASES[name]))
    reference, _ = load_scenario(DRENTHE)
    assert scenario is not None
    assert reference is not None
    assert not problems.errors
    assert scenario.digest() == reference.digest()


def test_formula_text_is_kept_verbatim() -> None:
    scenario, problems = load_scenario(case_path(CASES["formula-in-text"]))
    assert scenario is not None
    assert not problems.has_errors()
    site = next(s for s in scenario.sites if s.id == "ASN-AZC")
    assert site.name == '=HYPERLINK("http://example.org","Assen")'


def test_quoted_codes_keep_their_leading_zero() -> None:
    scenario, _ = load_scenario(case_path(CASES["good-quoted-codes"]))
    assert scenario is not None
    codes = {m.code for m in scenario.municipalities}
    assert {"GM0106", "GM0109", "GM0114", "GM0118", "GM0119"} <= codes
    assert all(isinstance(c, str) and len(c) == 6 for c in codes)
