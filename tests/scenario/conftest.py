from __future__ import annotations

import pytest

from planner.scenario.load import Scenario, load_scenario
from planner.scenario.problems import Problems
from tests.scenario.support import DRENTHE


@pytest.fixture(scope="session")
def drenthe() -> tuple[Scenario, Problems]:
    """The bundled Drenthe case, loaded once (scenarios are immutable)."""
    scenario, problems = load_scenario(DRENTHE)
    assert scenario is not None
    return scenario, problems
