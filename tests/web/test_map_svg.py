"""The page's map (:mod:`planner.report.map_svg`): each municipality in the class its coverage puts it in (by hand:
≥ 100 % met, 75–99 %, 50–74 %, below 50 %, not planned), the legend of the classes used in the report's order and
words — the same as the report's matplotlib map says for the same coverage — and text from input escaped."""

from __future__ import annotations

import re

from planner.report.map_svg import frame, task_map_svg
from planner.report.mapping import municipality_shapes, task_map

DRENTHE = sorted(f["properties"]["code"] for f in municipality_shapes() if f["properties"]["province"] == "Drenthe")
COVERAGE: dict[str, float | None] = {"GM0106": 0.0, "GM0109": 1.2, "GM0114": 0.8, "GM1681": 0.6, "GM0118": 0.74,
                                     "GM0119": 0.75, "GM1690": 1.0}
"""Assen 0 %, Coevorden 120 %, Emmen 80 %, Borger-Odoorn 60 %, Hoogeveen 74 % (still 50–74), Meppel 75 % (75–99),
De Wolden exactly 100 % (met); the other five are not in the plan."""
BY_HAND = {"GM0106": 3, "GM0109": 0, "GM0114": 1, "GM1681": 2, "GM0118": 2, "GM0119": 1, "GM1690": 0}
"""The class index of each (0 met, 1 75–99 %, 2 50–74 %, 3 below 50 %, 4 not in the plan)."""


def _classes(svg: str) -> dict[str, int]:
    found = re.findall(r'<path d="[^"]+" [^>]*data-code="(GM\d{4})" data-class="(\d)"', svg)
    return {code: int(i) for code, i in found}


def test_every_municipality_in_the_class_its_coverage_gives() -> None:
    svg = task_map_svg(COVERAGE, {}, ["Drenthe"], "nl", title="Drenthe")
    classes = _classes(svg)
    assert sorted(classes) == DRENTHE
    assert len(DRENTHE) == 12
    for code in DRENTHE:
        assert classes[code] == BY_HAND.get(code, 4), code
    assert ">Assen</tspan>" in svg
    assert ">0%</tspan>" in svg
    assert ">120%</tspan>" in svg
    assert 'fill="url(#map-c4)"' in svg  # "not in the plan" has its own pattern (hatched), not only grey


def test_legend_is_the_reports_for_the_same_coverage() -> None:
    for lang in ("nl", "en"):
        svg = task_map_svg(COVERAGE, {}, ["Drenthe"], lang)
        legend = re.findall(r'<text [^>]*font-size="12" data-class="\d">([^<]+)</text>', svg)
        report = task_map(COVERAGE, {}, ["Drenthe"], lang)
        in_report = [t for t in legend if t.replace("≥", "&#8805;") in report or t in report]
        assert legend == in_report  # every legend line of this map is in the report's map too
        assert len(legend) == 5  # all five classes are used by this coverage
    english = task_map_svg(COVERAGE, {}, ["Drenthe"], "en")
    assert "task met (≥ 100%)" in english
    assert "taak gehaald" not in english


def test_names_are_escaped_and_several_maps_keep_their_patterns_apart() -> None:
    svg = task_map_svg({"GM0106": 1.0}, {"GM0106": "<script>x</script>"}, ["Drenthe"], "nl", prefix="map2")
    assert "<script>" not in svg
    assert "&lt;script&gt;x&lt;/script&gt;" in svg
    assert 'id="map2-c0"' in svg
    assert 'url(#map2-c0)' in svg
    assert 'id="map-c0"' not in svg


def test_the_geometry_is_prepared_once() -> None:
    assert frame(("Drenthe",)) is frame(("Drenthe",))
    national = task_map_svg({}, {}, [], "nl")  # no province known: every municipality, without labels
    assert len(_classes(national)) == len(municipality_shapes())
    assert "<tspan" not in national
