"""The generated field table: committed, current, and complete."""

from __future__ import annotations

import subprocess
import sys

from planner.scenario.docs import fields_markdown
from planner.scenario.schema import TABLE_MODELS, ScenarioFile
from tests.scenario.support import REPO

DOC = REPO / "docs" / "scenario-fields.md"


def test_committed_docs_equal_the_generated_output() -> None:
    """Regenerate with: python -m planner.scenario.docs > docs/scenario-fields.md"""
    assert DOC.read_text(encoding="utf-8") == fields_markdown()


def test_the_module_prints_the_table() -> None:
    out = subprocess.run([sys.executable, "-m", "planner.scenario.docs"], capture_output=True, check=True)
    assert out.stdout.decode("utf-8") == fields_markdown()


def test_every_field_has_a_row() -> None:
    text = fields_markdown()
    for name, model in TABLE_MODELS.items():
        section = text.split(f"### `{name}`", 1)[1].split("\n### ", 1)[0]
        for field in model.model_fields:
            assert f"| `{field}` |" in section, (name, field)
    for name in ScenarioFile.model_fields:
        assert f"`[{name}]`" in text or f"| `{name}` |" in text, name
    # Enumerations list their values, defaults are written as in TOML.
    assert "| `rounding` | Rounding: `half-up` / `largest-remainder` / `sainte-lague` | `\"half-up\"` |" in text
    assert "| `national_need` | whole number, ≥ 0, ≤ 1000000 | `96000` |" in text
    assert "| `seed` | whole number, ≥ 0, ≤ 2147483647 | `0` |" in text
