"""Make the report screenshots in docs/: the Drenthe plan report and a what-if comparison.

    python scripts/screenshot.py            # writes docs/report-drenthe.png and docs/report-compare.png

Needs Chromium (Debian: apt-get install chromium). The HTML reports are built with the planner itself, in a
temporary folder, then rendered headless at 1280×2400.
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
    with tempfile.TemporaryDirectory() as tmp:
        plan_html = Path(tmp) / "drenthe.html"
        compare_html = Path(tmp) / "compare.html"
        write_text(plan_html, plan_report_from_run(base_run, "nl", problems))
        write_text(compare_html, render_compare_report(compare_runs(base_run, runs), "nl"))
        for html, png in ((plan_html, ROOT / "docs" / "report-drenthe.png"),
                          (compare_html, ROOT / "docs" / "report-compare.png")):
            out = render(html, png)
            print(f"{png.relative_to(ROOT)}: {png.stat().st_size // 1024} kB; console messages: {len(out.console)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
