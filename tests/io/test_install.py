"""Install anywhere: a wheel built from the repository, installed into a fresh virtual environment, plans and compares
from another folder with the bundled scenarios (package data found with importlib.resources, ``bundled:`` too).

The fresh environment gets only the wheel; the third-party libraries it needs are borrowed from the test's own
environment through a path file, so the test needs no network (``.ci/run`` does the full install from the index).
"""

from __future__ import annotations

import json
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.io.support import REPO

pytestmark = pytest.mark.slow  # builds a wheel: about 30 s


def _run(args: list[str | Path], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          check=False)


def test_a_wheel_installed_elsewhere_plans_and_compares_from_another_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, REPO], cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    wheel = next(dist.glob("spreidingsplanner-*.whl"))
    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    installed = _run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel],
                     cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                        cwd=tmp_path).stdout.strip())
    ours = [p for p in {sysconfig.get_paths()["purelib"], *site.getsitepackages()} if Path(p).is_dir()]
    (purelib / "borrowed-dependencies.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run([python, "-c", "import planner, planner.scenario.load as l; print(planner.__file__); "
                  "print(l.default_scenario())"], cwd=elsewhere)
    module, default = where.stdout.split()
    assert Path(module).is_relative_to(venv), "the test must run the installed wheel, not the repository"
    assert Path(default).is_relative_to(venv)
    assert (Path(default) / "scenario.toml").is_file()

    planner = venv / "bin" / "planner"
    plan = _run([planner, "plan", "--out", "plan", "-f", "json"], cwd=elsewhere)
    assert plan.returncode == 0, plan.stderr
    assert json.loads(plan.stdout)["status"] == "optimal"
    assert (elsewhere / "plan" / "manifest.json").is_file()
    (elsewhere / "what-if.toml").write_text(
        '[scenario]\nname = "Assen verlengd"\nextends = "bundled:drenthe-2025-2026"\n\n'
        '[[changes.sites]]\nid = "ASN-AZC"\nopen_ended = true\nreason = "test"\n', encoding="utf-8")
    compare = _run([planner, "compare", Path(default), "what-if.toml", "-f", "json"], cwd=elsewhere)
    assert compare.returncode == 0, compare.stderr
    assert [s["status"] for s in json.loads(compare.stdout)["scenarios"]] == ["optimal", "optimal"]
    spuk = _run([planner, "spuk", "--plan", "plan", "-f", "json"], cwd=elsewhere)
    assert spuk.returncode == 0, spuk.stderr
