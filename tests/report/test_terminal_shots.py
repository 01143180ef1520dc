"""scripts/terminal_shots.py re-creates the terminal screenshots in docs/ (real processes at 100 columns)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.mark.slow
def test_the_shots_are_made_at_100_columns_in_each_language(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("terminal_shots", ROOT / "scripts" / "terminal_shots.py")
    assert spec is not None
    assert spec.loader is not None
    shots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shots)
    for name in ("terminal-check-duty-nl", "terminal-check-duty-en"):
        svg = shots.shot(name, shots.SHOTS[name], tmp_path).read_text(encoding="utf-8")
        text = " ".join(re.sub(r"<[^>]+>", " ", svg).replace("&#160;", " ").split())
        assert "Hoogeveen" in text
        assert ("haalt" in text) == name.endswith("-nl")
        assert ("meets" in text) == name.endswith("-en")
    for name in shots.SHOTS:  # the committed shots exist and are what the script names
        assert (ROOT / "docs" / f"{name}.svg").stat().st_size > 0
