"""The reports in a real browser: headless Chromium renders them without console errors (marked ``browser``)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from planner.journeys.compare import compare_runs
from planner.journeys.plan import plan_scenario
from planner.report.html import plan_report_from_run, render_compare_report
from planner.report.screenshot import CHROMIUM, chromium, render
from planner.scenario.load import default_scenario, require_scenario

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium() is None, reason=f"Chromium is not installed ({CHROMIUM}): apt-get install chromium"),
]


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


def test_plan_and_compare_reports_render(tmp_path: Path) -> None:
    base, problems = require_scenario(None)
    base_run = plan_scenario(base)
    whatif = plan_scenario(require_scenario(default_scenario() / "what-if" / "assen-verlengd.toml")[0])
    pages = {
        "plan": (plan_report_from_run(base_run, "nl", problems), "Spreidingswet — planrapport: Drenthe 2025–2026"),
        "compare": (render_compare_report(compare_runs(base_run, [whatif]), "nl"), "Assen azc verlengd"),
    }
    for name, (html, title) in pages.items():
        page = tmp_path / f"{name}.html"
        page.write_text(html, encoding="utf-8")
        out = render(page, tmp_path / f"{name}.png")
        assert _png_size(out.png) == (1280, 2400)
        assert out.png.stat().st_size > 50_000  # a blank page compresses to a few kB
        assert title in out.dom
        assert out.dom.count("<table") >= 3
        assert "<svg" in out.dom
        assert out.console == [], out.console
