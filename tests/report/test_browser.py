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


@pytest.mark.slow  # 6 s per language in chromium; CI runs both
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_plan_and_compare_reports_render(tmp_path: Path, lang: str) -> None:
    base, problems = require_scenario(None)
    base_run = plan_scenario(base)
    whatif = plan_scenario(require_scenario(default_scenario() / "what-if" / "assen-verlengd.toml")[0])
    title = {"nl": "Spreidingswet — planrapport: Drenthe 2025–2026",
             "en": "Spreidingswet — plan report: Drenthe 2025–2026"}[lang]
    pages = {
        "plan": (plan_report_from_run(base_run, lang, problems), title),
        "compare": (render_compare_report(compare_runs(base_run, [whatif]), lang), "Assen azc verlengd"),
    }
    for name, (html, heading) in pages.items():
        page = tmp_path / f"{name}.html"
        page.write_text(html, encoding="utf-8")
        out = render(page, tmp_path / f"{name}.png")
        assert _png_size(out.png) == (1280, 2400)
        assert out.png.stat().st_size > 50_000  # a blank page compresses to a few kB
        assert heading in out.dom
        assert f'<html lang="{lang}">' in out.dom
        assert out.dom.count("<table") >= 3
        assert "<svg" in out.dom
        assert out.console == [], out.console
        if name == "compare":  # a map per scenario, rendered
            assert '<figure id="fig-map-1"' in out.dom
            assert '<figure id="fig-map-2"' in out.dom


def test_the_screenshots_in_docs_are_the_reports_in_both_languages() -> None:
    """docs/ holds the browser screenshots the README and docs/excel-and-report.md link to (made by
    scripts/screenshot.py): plan and comparison, Dutch and English, 1280 pixels wide."""
    root = Path(__file__).parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    guide = (root / "docs" / "excel-and-report.md").read_text(encoding="utf-8")
    for name in ("report-drenthe", "report-drenthe-en", "report-compare", "report-compare-en"):
        png = root / "docs" / f"{name}.png"
        width, height = _png_size(png)
        assert width == 1280
        assert height >= 2400
        assert png.stat().st_size > 100_000, name  # a real page, not a blank one
        assert f"docs/{name}.png" in readme
        assert f"({name}.png)" in guide
