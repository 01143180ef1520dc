"""The task map (:mod:`planner.report.mapping`) written as SVG text directly, for ``planner serve``'s pages.

The matplotlib map takes about 0,15 s per drawing, most of it laying out and writing the figure; a live what-if
asks for one on every answer. Here the geometry is prepared once per set of provinces (:func:`frame`: every
municipality's outline as an SVG path, its label point, the province borders, projected as the matplotlib map
projects them) and each map only sets the classes: a municipality's class (:func:`~planner.report.mapping.class_of`:
the same colours, hatchings and legend words as the report's map), its name and percentage when there are
:data:`~planner.report.mapping.MAX_LABELS` or fewer, and the legend of the classes used. Colour is never the only
signal: every class has its own hatching and every label its percentage.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape

from planner.report.mapping import (
    CLASSES,
    CREDIT,
    MAX_LABELS,
    NO_DATA,
    MapClass,
    class_of,
    label_point,
    municipality_shapes,
    province_shapes,
    rings,
)

WIDTH = 560.0
"""Width of the drawing in SVG units (the page scales it); the legend is beside it."""
LEGEND_WIDTH = 230.0
MARGIN = 8.0
HATCH_LINES = {
    "..": '<circle cx="2" cy="2" r="0.9" fill="#444"/><circle cx="6" cy="6" r="0.9" fill="#444"/>',
    "//": '<path d="M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6" stroke="#444" stroke-width="0.8"/>',
    "xx": '<path d="M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6 M0,0 L8,8 M-2,6 L2,10 M6,-2 L10,2" stroke="#444" '
          'stroke-width="0.8"/>',
    "--": '<path d="M0,4 L8,4" stroke="#444" stroke-width="0.8"/>',
    "": "",
}
"""Each class's hatching as the tile of an SVG pattern (matplotlib's ``..``, ``//``, ``xx`` and ``--``)."""


@dataclass(frozen=True)
class Outline:
    code: str
    name: str
    path: str
    """The SVG path of its outline (every ring, holes included: drawn with ``fill-rule="evenodd"``)."""
    label: tuple[float, float]


@dataclass(frozen=True)
class Frame:
    """What every map of these provinces shares: outlines, borders and the drawing's size."""

    municipalities: tuple[Outline, ...]
    borders: tuple[str, ...]
    width: float
    height: float


def _projection(lons: Sequence[float], lats: Sequence[float]) -> tuple[float, float, float, float]:
    """Scale and offsets that map (lon, lat) into the drawing: longitudes shortened by the cosine of the middle
    latitude (matplotlib's aspect), north up, a 2 % margin as the report's map has."""
    pad_x = 0.02 * (max(lons) - min(lons))
    west, east = min(lons) - pad_x, max(lons) + pad_x
    north = max(lats) + pad_x
    squeeze = math.cos(math.radians((min(lats) + max(lats)) / 2))
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * squeeze)
    return scale * squeeze, scale, west, north


@cache
def frame(provinces: tuple[str, ...]) -> Frame:
    """The outlines of every municipality in ``provinces`` (all of them when none is known), prepared once."""
    wanted = set(provinces)
    feats = [f for f in municipality_shapes() if f["properties"]["province"] in wanted]
    if not feats:
        feats = list(municipality_shapes())
        wanted = {f["properties"]["province"] for f in feats}
    lons = [x for f in feats for ring in rings(f["geometry"]) for x, _ in ring]
    lats = [y for f in feats for ring in rings(f["geometry"]) for _, y in ring]
    sx, sy, west, north = _projection(lons, lats)

    def point(x: float, y: float) -> str:
        return f"{MARGIN + sx * (x - west):.1f},{MARGIN + sy * (north - y):.1f}"

    def path(rings: list[list[list[float]]]) -> str:
        return " ".join("M" + " L".join(point(x, y) for x, y in ring) + " Z" for ring in rings if len(ring) >= 3)

    outlines = []
    for f in feats:
        lx, ly = label_point(f["geometry"])
        outlines.append(Outline(f["properties"]["code"], f["properties"]["name"], path(rings(f["geometry"])),
                                (MARGIN + sx * (lx - west), MARGIN + sy * (north - ly))))
    borders = tuple(path(rings(p["geometry"])) for p in province_shapes() if p["properties"]["province"] in wanted)
    height = 2 * MARGIN + sy * (max(lats) - min(lats) + 0.04 * (max(lons) - min(lons)))
    return Frame(tuple(outlines), borders, WIDTH, height)


def _pattern(prefix: str, i: int, cls: MapClass) -> str:
    tile = HATCH_LINES.get(cls.hatch, "")
    return (f'<pattern id="{prefix}-c{i}" patternUnits="userSpaceOnUse" width="8" height="8">'
            f'<rect width="8" height="8" fill="{cls.color}"/>{tile}</pattern>')


def task_map_svg(coverage: Mapping[str, float | None], names: Mapping[str, str], provinces: Sequence[str],
                 lang: str = "nl", title: str = "", prefix: str = "map") -> str:
    """The map as inline SVG: ``coverage`` is CBS code → planned places / own task in the worst period (None when
    the municipality is not planned), as for :func:`planner.report.mapping.task_map`. ``prefix`` keeps the
    pattern ids of several maps on one page apart."""
    f = frame(tuple(sorted(provinces)))
    classes = (*CLASSES, NO_DATA)
    index = {id(c): i for i, c in enumerate(classes)}
    national = len(f.municipalities) > MAX_LABELS
    stroke = 0.3 if national else 0.6
    shapes, labels, used = [], [], set()
    for m in f.municipalities:
        cov = coverage.get(m.code)
        cls = class_of(cov)
        i = index[id(cls)]
        used.add(i)
        name = names.get(m.code, m.name)
        pct = "–" if cov is None or math.isnan(cov) else f"{round(100 * cov)}%"
        shapes.append(f'<path d="{m.path}" fill="url(#{prefix}-c{i})" fill-rule="evenodd" stroke="#444" '
                      f'stroke-width="{stroke}" data-code="{m.code}" data-class="{i}">'
                      f"<title>{escape(name)}: {pct}</title></path>")
        if not national:
            x, y = m.label
            labels.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-size="11" '
                          f'paint-order="stroke" stroke="#fff" stroke-width="3" stroke-opacity="0.85" '
                          f'data-code="{m.code}"><tspan x="{x:.1f}" dy="-0.2em">{escape(name)}</tspan>'
                          f'<tspan x="{x:.1f}" dy="1.2em">{pct}</tspan></text>')
    legend = []
    for row, i in enumerate(sorted(used)):
        cls = classes[i]
        y = MARGIN + 24 * row
        legend.append(f'<rect x="{f.width + 8:.1f}" y="{y:.1f}" width="28" height="18" fill="url(#{prefix}-c{i})" '
                      f'stroke="#444" stroke-width="0.6"/><text x="{f.width + 44:.1f}" y="{y + 13:.1f}" '
                      f'font-size="12" data-class="{i}">{escape(cls.en if lang == "en" else cls.nl)}</text>')
    label = escape(title or ("kaart" if lang == "nl" else "map"), quote=True)
    total_width, height = f.width + LEGEND_WIDTH, f.height + 18
    return "".join([
        f'<svg role="img" aria-label="{label}" focusable="false" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {total_width:.0f} {height:.0f}" width="{total_width:.0f}" height="{height:.0f}" '
        f'font-family="sans-serif">',
        "<defs>", *(_pattern(prefix, i, classes[i]) for i in sorted(used)), "</defs>",
        *shapes,
        *(f'<path d="{d}" fill="none" stroke="#000" stroke-width="0.9"/>' for d in f.borders),
        *labels, *legend,
        f'<text x="4" y="{height - 4:.0f}" font-size="10" fill="#333">{escape(CREDIT)}</text>',
        "</svg>",
    ])
