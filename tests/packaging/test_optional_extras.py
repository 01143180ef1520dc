"""A plain install has no optional extras (pyproject.toml: ``dask``, ``pdf``); a command that needs one says which
to install (exit 2), never an internal error (exit 70). The extra is made unimportable in a real process the way a
missing package is: ``sys.modules[name] = None`` makes ``import name`` raise ModuleNotFoundError."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.slow
def test_the_dask_executor_without_dask_names_the_extra() -> None:
    code = ("import sys; sys.modules['distributed'] = None; sys.argv = ['planner'] + sys.argv[1:]; "
            "from planner.cli.entry import main; main()")
    proc = subprocess.run([sys.executable, "-c", code, "sweep", "--vary", "cycle.national_need=90000,100000",
                           "--executor", "dask"], capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 2, proc.stderr
    said = " ".join(proc.stderr.split())
    assert "pip install 'spreidingsplanner[dask]'" in said
    assert "internal error" not in said
