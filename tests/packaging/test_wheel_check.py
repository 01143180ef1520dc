"""The pieces of ``scripts/wheel_check.py`` (what ``.ci/run`` runs on the installed wheel) that can be checked
quickly, with the planner of this environment; the whole check runs in ``.ci/run``."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
import typer.main

from planner.cli.app import app
from scripts import wheel_check
from scripts.readme_examples import runnable_examples

PLANNER = Path(sys.executable).parent / "planner"


def test_the_steps_and_the_readme_run_every_command() -> None:
    """A new command joins the wheel check: the README's examples and the steps together run every command."""
    registered = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    readme = {example.argv[0] for example in runnable_examples()}
    assert readme | wheel_check.COVERED == registered
    assert {"compare", "check-duty", "explain", "sweep"} <= readme  # these run only as the README prints them


def test_a_free_port_can_be_bound() -> None:
    port = wheel_check.free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", port))


def test_the_check_collects_every_failure(tmp_path: Path) -> None:
    """A wrong exit code and a wrong value are both reported, and the check goes on after the first."""
    c = wheel_check.Check(PLANNER, tmp_path)
    c.run("--version", ok=(1,))
    c.expect("a number", 2, 3)
    c.expect("the same number", 3, 3)
    assert len(c.failures) == 2
    assert "planner --version: exit 0, expected (1,)" in c.failures[0]
    assert c.failures[1] == "a number: got 2, expected 3"


def test_verdeelbesluit_and_check_allocation_agree(tmp_path: Path) -> None:
    """The verdeelbesluit's own allocation, checked by check-allocation (real processes): the same verdict and the
    same five violations — Assen 1.000 and Meppel 192 regular places in 2026 after their contracts end, Noordenveld
    43 AMV in 2026, and Westerveld 240 against the 140 its remaining sites hold in both years."""
    c = wheel_check.Check(PLANNER, tmp_path)
    violations = wheel_check.verdeelbesluit_and_allocation(c)
    assert c.failures == []
    assert violations == [  # (code, category, period, check, places, limit, excess), by hand from sites.csv
        ("GM0106", "regular", "2026", "site_capacity", 1000, 0, 1000),  # ASN-AZC ends 1-4-2026
        ("GM0119", "regular", "2026", "site_capacity", 192, 0, 192),  # MEP-NO ends 31-3-2026
        ("GM1699", "amv", "2026", "site_capacity", 43, 0, 43),  # NV-AMV ends 1-3-2026
        ("GM1701", "regular", "2025", "site_capacity", 240, 140, 100),  # WV-NO 75 and WV-TGO 25 ended in 2024,
        ("GM1701", "regular", "2026", "site_capacity", 240, 140, 100),  # WV-AZC's 140 remain
    ]
    rows = (tmp_path / "allocation.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "code,category,places,period,restopgave"
    assert "GM0106,regular,1000,2026,0" in rows


@pytest.mark.slow
def test_serve_is_started_fetched_and_stopped(tmp_path: Path) -> None:
    c = wheel_check.Check(PLANNER, tmp_path)
    index = wheel_check.serve(c)
    assert c.failures == []
    assert 'href="/s/nederland-2025-2026"' in index  # no argument: every bundled scenario


@pytest.mark.slow
def test_serve_takes_a_bundled_name_like_every_command(tmp_path: Path) -> None:
    c = wheel_check.Check(PLANNER, tmp_path)
    index = wheel_check.serve(c, "bundled:drenthe-2025-2026")
    assert c.failures == []
    assert 'href="/s/drenthe-2025-2026-assen-verlengd"' in index  # the folder brings its what-ifs
    assert "nederland-2025-2026" not in index
