"""The screenshots in docs/ are there and current: the terminal shots at 100 columns say what the commands print
today in each language (scripts/terminal_shots.py run again, only solve times and rich's style ids masked), and the
report screenshots (scripts/screenshot.py) are the browser's 1280-pixel-wide renders in Dutch and English."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from scripts import terminal_shots

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
REPORTS = ("report-drenthe", "report-drenthe-en", "report-compare", "report-compare-en", "serve-scenario",
           "serve-compare")


def shown_text(svg: Path) -> str:
    """The words of a terminal shot, solve times (``0,25 s`` / ``0.25 s``) and rich's generated ids masked."""
    text = " ".join(re.sub(r"<[^>]+>", " ", svg.read_text(encoding="utf-8")).replace("&#160;", " ").split())
    return re.sub(r"terminal-\d+-", "terminal-", re.sub(r"\b\d+[.,]\d+ s\b", "<t> s", text))


def test_the_shots_are_linked_from_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in terminal_shots.SHOTS:
        assert f"(docs/{name}.svg)" in readme, name
    for name in REPORTS:
        assert f"docs/{name}.png" in readme, name


@pytest.mark.parametrize("name", REPORTS)
def test_the_report_screenshots_are_pngs_1280_wide(name: str) -> None:
    head = (DOCS / f"{name}.png").read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    assert width == 1280
    assert height > 600


@pytest.mark.slow
def test_the_terminal_shots_show_what_the_commands_print_today(tmp_path: Path) -> None:
    """Fails when an output changed and the shots were not made again (python scripts/terminal_shots.py)."""
    stale = [name for name, args in terminal_shots.SHOTS.items()
             if shown_text(terminal_shots.shot(name, args, tmp_path)) != shown_text(DOCS / f"{name}.svg")]
    assert stale == [], f"re-make with python scripts/terminal_shots.py: {stale}"
