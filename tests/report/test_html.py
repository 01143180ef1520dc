"""The HTML report: self-contained, accessible, with the report's euro amounts, a map and a comparison."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

import pytest

from planner.journeys.compare import compare_runs
from planner.journeys.plan import PlanRun, plan_scenario
from planner.report.html import coverage, plan_report_from_run, render_compare_report
from planner.report.mapping import CLASSES, NO_DATA, class_of, label_point, municipality_shapes
from planner.scenario.load import default_scenario, require_scenario

ROOT = default_scenario().parents[1]


@pytest.fixture(scope="module")
def base_run() -> PlanRun:
    return plan_scenario(require_scenario(None)[0])


@pytest.fixture(scope="module")
def report(base_run: PlanRun) -> str:
    _, problems = require_scenario(None)
    return plan_report_from_run(base_run, "nl", problems)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    p = _Tags()
    p.feed(html)
    return p.tags


def test_report_states_the_drenthe_euros(report: str) -> None:
    assert "€ 4.749.686" in report
    assert "€ 3.084.000" in report
    assert "€ 682.000" in report
    assert "€ 983.686" in report
    assert "€ 408.653" in report
    assert "SPUK 1 in plaats van SPUK 3: Assen, Coevorden, Hoogeveen." in report
    assert "de provincie Drenthe is sluitend: 3.714 / 2.462 reguliere plaatsen" in report


def test_report_is_self_contained(report: str) -> None:
    tags = _tags(report)
    assert not [t for t, _ in tags if t in ("script", "link", "img", "iframe", "object")]
    urls = set(re.findall(r"(?:src|href)\s*=\s*\"([^\"]*)\"", report))
    assert all(u.startswith("#") for u in urls), urls
    assert "@import" not in report
    assert all(u.startswith("#") for u in re.findall(r"url\(([^)]*)\)", report))  # only in-page SVG references


def test_report_is_accessible(report: str) -> None:
    tags = _tags(report)
    assert tags[0] == ("html", {"lang": "nl"})
    assert sum(1 for t, _ in tags if t == "h1") == 1
    ths = [a for t, a in tags if t == "th"]
    assert ths
    assert all(a.get("scope") in ("col", "row") for a in ths)
    assert sum(1 for t, _ in tags if t == "caption") == sum(1 for t, _ in tags if t == "table")
    figures = [a for t, a in tags if t == "figure"]
    assert len(figures) == 4  # map, task vs plan, category mix, SPUK
    assert sum(1 for t, _ in tags if t == "figcaption") == 4
    svgs = [a for t, a in tags if t == "svg"]
    assert len(svgs) == 4
    assert all(a.get("role") == "img" and a.get("aria-label") for a in svgs)
    assert "Bron: CBS, PDOK/Kadaster" in report
    # the map's legend classes are hatched as well as coloured (not colour alone): every class its own pattern
    assert all(c.hatch for c in (*CLASSES[1:], NO_DATA))
    assert len({c.hatch for c in (*CLASSES, NO_DATA)}) == len(CLASSES) + 1


def test_english_report(base_run: PlanRun) -> None:
    html = plan_report_from_run(base_run, "en")
    assert _tags(html)[0] == ("html", {"lang": "en"})
    assert "municipalities together €4,749,686" in html
    assert "The plan is proven optimal" in html


def test_infeasible_run_shows_no_plan() -> None:
    s, _ = require_scenario(ROOT / "tests" / "data" / "infeasible" / "drenthe-amv-closed")
    run = plan_scenario(s)
    assert run.plan is None
    html = plan_report_from_run(run, "nl")
    assert "Er is geen plan" in html
    assert "<figure" not in html
    assert "Taak en plan per gemeente" not in html


def test_coverage_takes_the_weakest_period() -> None:
    rows = [
        {"code": "GM0106", "task_regular": 329, "task_amv": 31, "shortfall_regular": 0, "shortfall_amv": 31},
        {"code": "GM0106", "task_regular": 329, "task_amv": 31, "shortfall_regular": 329, "shortfall_amv": 31},
        {"code": "GM0109", "task_regular": 0, "task_amv": 0, "shortfall_regular": 0, "shortfall_amv": 0},
    ]
    cov = coverage(rows)
    assert cov == {"GM0106": 0.0, "GM0109": 1.0}
    assert class_of(1.0) is CLASSES[0]
    assert class_of(0.9) is CLASSES[1]
    assert class_of(0.5) is CLASSES[2]
    assert class_of(0.49) is CLASSES[3]
    assert class_of(None) is NO_DATA


def test_map_data_is_shipped_and_labels_fall_inside_drenthe() -> None:
    feats = {f["properties"]["code"]: f for f in municipality_shapes()}
    assert len(feats) == 342
    x, y = label_point(feats["GM0106"]["geometry"])  # Assen lies at about 6.56 E, 52.99 N
    assert 6.4 < x < 6.7
    assert 52.9 < y < 53.1


def test_compare_report(base_run: PlanRun) -> None:
    whatif = plan_scenario(require_scenario(default_scenario() / "what-if" / "assen-verlengd.toml")[0])
    html = render_compare_report(compare_runs(base_run, [whatif]), "nl")
    assert "Assen azc verlengd" in html
    assert "locaties ASN-AZC: available_until 2026-04-01 → (leeg)" in html
    # 2026: Assen's 1,000 places count again (+1.000 regular places, shortfall −329)
    assert re.search(r"<th scope=\"row\">Assen</th>.*?\+1\.000.*?−329", html, re.S)
    assert html.count("<figure") == 3  # a map per scenario and the what-if's deltas


def _map_labels(html: str, fig_id: str) -> dict[str, str]:
    """A map's municipality labels: name → percentage, as the SVG's text elements show them."""
    figure = re.search(rf'<figure id="{fig_id}".*?</figure>', html, re.S)
    assert figure is not None, fig_id
    texts = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", figure.group(0), re.S)]
    return {name: pct for name, pct in itertools.pairwise(texts) if pct.endswith("%") and "(" not in pct}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_compare_report_has_a_map_per_scenario(base_run: PlanRun, lang: str) -> None:
    whatif = plan_scenario(require_scenario(default_scenario() / "what-if" / "assen-verlengd.toml")[0])
    html = render_compare_report(compare_runs(base_run, [whatif]), lang)
    base, extended = _map_labels(html, "fig-map-1"), _map_labels(html, "fig-map-2")
    assert len(base) == len(extended) == 12
    # Assen's own task is 329 regular + 31 AMV = 360. In the base its azc (1.000 places) ends on 1-4-2026, so in
    # 2026 it has no place that counts: 0 of 360. Extended, 2026 has the regular 329 (AMV offer 0): 329/360 = 91%.
    assert base["Assen"] == "0%"
    assert extended["Assen"] == "91%"
    assert {k: v for k, v in base.items() if k != "Assen"} == {k: v for k, v in extended.items() if k != "Assen"}
    for fig in ("fig-map-1", "fig-map-2"):
        assert re.search(rf'<figure id="{fig}"[^>]*>\s*<svg[^>]*role="img" aria-label="[^"]+"', html)
    assert re.search(r'<figcaption id="fig-map-2-cap">\s*Assen azc verlengd — ', html)
    assert "Bron: CBS, PDOK/Kadaster" in html
