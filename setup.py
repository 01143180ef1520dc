"""Packaging hook (the rest of the metadata is in pyproject.toml).

The bundled scenarios live at the top of the repository (``scenarios/``), where people look for them; a wheel ships
them inside the package as ``planner/scenarios`` so an installed planner finds them with ``importlib.resources``
(see ``planner.scenario.tables.bundled_scenarios_dir``).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithScenarios(build_py):
    """build_py that also copies the top-level ``scenarios/`` into the built package."""

    def run(self) -> None:
        super().run()
        source = Path(__file__).resolve().parent / "scenarios"
        target = Path(self.build_lib) / "planner" / "scenarios"
        shutil.rmtree(target, ignore_errors=True)  # no file of an earlier build that is gone from scenarios/
        shutil.copytree(source, target)


setup(cmdclass={"build_py": BuildPyWithScenarios})
