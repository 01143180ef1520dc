"""Make the report screenshots in docs/: the Drenthe plan report and a what-if comparison, in Dutch and English.

    python scripts/screenshot.py   # docs/report-drenthe.png, report-drenthe-en.png, report-compare.png,
                                   # report-compare-en.png

Needs Chromium (Debian: apt-get install chromium). The HTML reports are built with the planner itself, in a
temporary folder, then rendered headless, 1280 pixels wide: the plan report's first 2400 pixels (summary, the
tables, the map), the comparison's first 3600 (down to its maps, one per scenario).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from planner.io import write_text
from planner.journeys.compare import compare_runs
from planner.journeys.plan import plan_scenario
from planner.report.html import plan_report_from_run, render_compare_report
from planner.report.screenshot import render
from planner.scenario.load import default_scenario, load_scenario, require_scenario

ROOT = Path(__file__).resolve().parents[1]
WHATIF = default_scenario() / "what-if" / "assen-verlengd.toml"
WHATIF_2 = default_scenario() / "what-if" / "borger-odoorn-geen-amv.toml"


def main() -> int:
    base, _ = require_scenario(None)
    _, problems = load_scenario(None)
    base_run = plan_scenario(base)
    runs = [plan_scenario(require_scenario(p)[0]) for p in (WHATIF, WHATIF_2)]
    comparison = compare_runs(base_run, runs)
    docs = ROOT / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("nl", "en"):
            suffix = "" if lang == "nl" else "-en"
            plan_html = Path(tmp) / f"drenthe{suffix}.html"
            compare_html = Path(tmp) / f"compare{suffix}.html"
            write_text(plan_html, plan_report_from_run(base_run, lang, problems))
            write_text(compare_html, render_compare_report(comparison, lang))
            for html, png, height in ((plan_html, docs / f"report-drenthe{suffix}.png", 2400),
                                      (compare_html, docs / f"report-compare{suffix}.png", 3600)):
                out = render(html, png, height=height)
                print(f"{png.relative_to(ROOT)}: {png.stat().st_size // 1024} kB; console messages: "
                      f"{len(out.console)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
