"""The bundled examples the README's sweep and explain run (``bundled:drenthe-2025-2026/examples/…``) ship in the
package and are the same cases as the test data the other tests read."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.scenario.load import BUNDLED_PREFIX, require_scenario
from scripts.readme_examples import readme_examples

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "scenarios" / "drenthe-2025-2026" / "examples"
TWINS = {
    "taken-volgens-sleutel.toml": ROOT / "tests" / "data" / "whatif" / "drenthe-key-tasks.toml",
    "amv-units-dicht.toml": ROOT / "tests" / "data" / "infeasible" / "drenthe-amv-closed",
}


@pytest.mark.parametrize("name", sorted(TWINS))
def test_an_example_is_its_test_data_twin(name: str) -> None:
    """Same municipalities, offers, sites, transfers and settings; only the description differs (the example says
    what it is for)."""
    example, _ = require_scenario(f"{BUNDLED_PREFIX}drenthe-2025-2026/examples/{name}")
    twin, _ = require_scenario(TWINS[name])
    ours, theirs = example.resolved_dict(), twin.resolved_dict()
    for resolved in (ours, theirs):
        resolved["settings"]["scenario"].pop("description")  # type: ignore[union-attr]
    assert ours == theirs


def test_every_example_is_documented_and_used_by_the_readme() -> None:
    files = sorted(p.name for p in EXAMPLES.glob("*.toml"))
    assert files == sorted(TWINS)
    documented = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    commands = " ".join(e.command for e in readme_examples())
    for name in files:
        assert f"`{name}`" in documented, name
        assert f"bundled:drenthe-2025-2026/examples/{name}" in commands, name

