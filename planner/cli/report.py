"""``planner report``: one self-contained HTML report of a plan (fresh or from a plan folder) or of a comparison."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Annotated, Any

import typer

from planner.cli.common import (
    AllowOutsideOpt,
    Lang,
    LangOpt,
    OldHtmlOpt,
    console,
    finish,
    language,
    load_or_exit,
    say,
)
from planner.cli.outputs import file_output
from planner.outcome import Outcome, outcome_of_status

ScenariosArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Scenario folder or .toml (default: the bundled Drenthe case). With --compare: BASE then WHATIF…",
        show_default=False,
    ),
]
PlanDirOpt = Annotated[
    Path | None, typer.Option("--plan", help="Plan folder written by 'planner plan --out DIR' (no new solve).")
]
CompareOpt = Annotated[
    bool, typer.Option("--compare", help="Compare: the first scenario is the base, the others are what-ifs.")
]
HtmlOpt = Annotated[
    Path, typer.Option("--html", help="The HTML file to write.", callback=file_output("--html", ".html", ".htm"))
]
PdfOpt = Annotated[bool, typer.Option("--pdf", help="Also write a PDF next to the HTML (needs WeasyPrint installed).")]


def _lang(lang: Lang | str | None, scenario: Any = None) -> str:
    return language(lang, scenario)


def write_pdf(html: str, pdf_path: Path, base: Path) -> bool:
    """Render the HTML to PDF with WeasyPrint when it is installed; False (and a clear message) when it is not."""
    if importlib.util.find_spec("weasyprint") is None:
        console(stderr=True).print(
            "[yellow]PDF not written:[/] WeasyPrint is not installed. Install it with 'pip install weasyprint' "
            "(it is optional), or print the HTML report to PDF from a browser."
        )
        return False
    import weasyprint  # type: ignore[import-not-found, unused-ignore]

    from planner.io import write_bytes

    write_bytes(pdf_path, weasyprint.HTML(string=html, base_url=str(base)).write_pdf())
    return True


def command(
    scenarios: ScenariosArg = None,
    html: HtmlOpt = Path("report.html"),
    _old_out: OldHtmlOpt = None,
    plan: PlanDirOpt = None,
    compare: CompareOpt = False,
    lang: LangOpt = None,
    pdf: PdfOpt = False,
    allow_outside: AllowOutsideOpt = False,
) -> None:
    """Write one offline HTML report (no scripts, fonts or links to fetch): a plain-language summary, tables, charts
    and a map of how far each municipality is from its task; or, with --compare BASE WHATIF…, the what-ifs side by
    side with their differences. Examples: 'planner report --html drenthe.html';
    'planner report --compare scenarios/drenthe-2025-2026 scenarios/drenthe-2025-2026/what-if/assen-verlengd.toml
    --html vergelijking.html'."""
    from planner.cli.plan import run_or_exit, solve_settings
    from planner.io import write_text
    from planner.report import html as report_html

    paths = list(scenarios or [])
    outcome = Outcome.DONE
    if compare:
        if plan is not None:
            say("compare_only_fresh")
        if len(paths) < 2:
            say("compare_needs_two")
        loaded = [load_or_exit(p, allow_outside) for p in paths]
        settings = solve_settings(loaded[0], None, None, None, None, None)
        runs = [run_or_exit(s, settings) for s in loaded]
        from planner.journeys.compare import compare_runs

        data = compare_runs(runs[0], runs[1:])
        text = report_html.render_compare_report(data, _lang(lang, loaded[0]))
        what = f"comparison of {len(runs)} scenarios"
    elif plan is not None:
        from planner.cli.spuk import read_plan_dir

        if len(paths) > 1:
            say("plan_one_scenario")
        expected = load_or_exit(paths[0], allow_outside).digest() if paths else None
        pd = read_plan_dir(plan, expected)
        chosen = lang or str(pd.resolved.get("settings", {}).get("scenario", {}).get("language", "nl"))
        text = report_html.render_plan_report(pd.result, pd.resolved, _lang(chosen), problems=None)
        what = f"plan report from {plan}"
    else:
        if len(paths) > 1:
            say("report_one_scenario")
        from planner.scenario.load import load_scenario

        s = load_or_exit(paths[0] if paths else None, allow_outside)
        _, problems = load_scenario(paths[0] if paths else None, allow_outside=allow_outside)
        run = run_or_exit(s, solve_settings(s, None, None, None, None, None))
        text = report_html.plan_report_from_run(run, _lang(lang, s), problems)
        what = f"plan report ({run.status})"
        outcome = outcome_of_status(run.status)
    write_text(html, text)
    con = console()
    con.print(f"{what} written to {html} ({len(text.encode('utf-8')) // 1024} kB, self-contained)", markup=False)
    if pdf:
        if not write_pdf(text, html.with_suffix(".pdf"), html.parent):
            finish(Outcome.BAD_INPUT)
        con.print(f"PDF written to {html.with_suffix('.pdf')}", markup=False)
    finish(outcome)
