"""A map of the province (or the Netherlands) coloured by how far each municipality is from its task.

Drawn with plain matplotlib polygons from the GeoJSON shipped in ``planner/data`` (CBS / PDOK-Kadaster, CC BY 4.0;
see ``planner/data/PROVENANCE.md``); no geopandas. Classes differ by hatching and colour, and with a dozen or so
municipalities each carries its name and percentage, so the map never relies on colour alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypedDict

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
CREDIT = "Bron: CBS, PDOK/Kadaster (CC BY 4.0)"
MAX_LABELS = 40


@dataclass(frozen=True)
class MapClass:
    lower: float
    color: str
    hatch: str
    nl: str
    en: str


CLASSES = (
    MapClass(1.0, "#1a9850", "", "taak gehaald (≥ 100%)", "task met (≥ 100%)"),
    MapClass(0.75, "#fee08b", "..", "75–99% van de taak", "75–99% of the task"),
    MapClass(0.5, "#fc8d59", "//", "50–74% van de taak", "50–74% of the task"),
    MapClass(-math.inf, "#d73027", "xx", "minder dan 50% van de taak", "less than 50% of the task"),
)
NO_DATA = MapClass(math.nan, "#eeeeee", "--", "niet in het plan", "not in the plan")
"""Hatched too: without labels (a national map) "not in the plan" must not differ from "task met" by colour only."""


def class_of(coverage: float | None) -> MapClass:
    """The map class of a municipality whose plan covers ``coverage`` (places / task; None: not planned)."""
    if coverage is None or math.isnan(coverage):
        return NO_DATA
    return next(c for c in CLASSES if coverage >= c.lower)


class PolygonGeometry(TypedDict):
    type: Literal["Polygon"]
    coordinates: list[list[list[float]]]


class MultiPolygonGeometry(TypedDict):
    type: Literal["MultiPolygon"]
    coordinates: list[list[list[list[float]]]]


class Shape(TypedDict):
    """One GeoJSON feature of the bundled maps: properties ``code``, ``name``, ``province`` (municipalities) or
    ``province``, ``province_code`` (provinces), all text."""

    type: str
    properties: dict[str, str]
    geometry: PolygonGeometry | MultiPolygonGeometry


@cache
def _features(name: str) -> tuple[Shape, ...]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return tuple(json.load(fh)["features"])


def municipality_shapes() -> tuple[Shape, ...]:
    return _features("gemeenten_2024.geojson")


def province_shapes() -> tuple[Shape, ...]:
    return _features("provincies_2024.geojson")


def rings(geometry: Mapping[str, Any]) -> list[list[list[float]]]:
    """Outer rings and holes of a (Multi)Polygon as lists of [lon, lat]."""
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for poly in geometry["coordinates"] for ring in poly]
    return []


def _ring_area_centroid(ring: Sequence[Sequence[float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        return 0.0, ring[0][0], ring[0][1]
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def label_point(geometry: Mapping[str, Any]) -> tuple[float, float]:
    """The centroid of the largest outer ring (good enough to place a label)."""
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    best = max((_ring_area_centroid(p[0]) for p in polys), key=lambda t: t[0])
    return best[1], best[2]


def _path(rings: list[list[list[float]]]) -> Any:
    from matplotlib.path import Path as MplPath

    verts: list[tuple[float, float]] = []
    codes: list[Any] = []
    for ring in rings:
        if len(ring) < 3:
            continue
        verts.extend((float(x), float(y)) for x, y in ring)
        codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY])
    return MplPath(verts, codes)


def task_map(
    coverage: Mapping[str, float | None],
    names: Mapping[str, str],
    provinces: Sequence[str],
    lang: str = "nl",
    title: str = "",
) -> str:
    """The map as inline SVG. ``coverage``: CBS code → planned places / own task in the worst period (None when the
    municipality is not planned); ``provinces``: the provinces to draw (all municipalities in them)."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, PathPatch

    from planner.report.charts import literal, to_svg

    wanted = set(provinces)
    feats = [f for f in municipality_shapes() if f["properties"]["province"] in wanted]
    if not feats:
        feats = list(municipality_shapes())
        wanted = {f["properties"]["province"] for f in feats}
    national = len(wanted) > 3
    fig = Figure(figsize=(7.5, 7.5 if national else 6.5), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    lons: list[float] = []
    lats: list[float] = []
    labels = len(feats) <= MAX_LABELS
    for f in feats:
        code = f["properties"]["code"]
        cls = class_of(coverage.get(code))
        parts = rings(f["geometry"])
        ax.add_patch(PathPatch(_path(parts), facecolor=cls.color, hatch=cls.hatch, edgecolor="#444444",
                               linewidth=0.3 if national else 0.6))
        for ring in parts:
            lons.extend(x for x, _ in ring)
            lats.extend(y for _, y in ring)
        if labels:
            x, y = label_point(f["geometry"])
            cov = coverage.get(code)
            pct = "–" if cov is None else f"{round(100 * cov)}%"
            ax.annotate(literal(f"{names.get(code, f['properties']['name'])}\n{pct}"), (x, y), ha="center", va="center",
                        fontsize=7, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    for p in province_shapes():
        if p["properties"]["province"] in wanted:
            ax.add_patch(PathPatch(_path(rings(p["geometry"])), facecolor="none", edgecolor="#000000",
                                   linewidth=0.9))
    if lons:
        pad = 0.02 * (max(lons) - min(lons))
        ax.set_xlim(min(lons) - pad, max(lons) + pad)
        ax.set_ylim(min(lats) - pad, max(lats) + pad)
        ax.set_aspect(1 / math.cos(math.radians((min(lats) + max(lats)) / 2)))
    ax.set_axis_off()
    used = [c for c in (*CLASSES, NO_DATA) if any(class_of(coverage.get(f["properties"]["code"])) is c for f in feats)]
    handles = [Patch(facecolor=c.color, hatch=c.hatch, edgecolor="#444444", label=c.en if lang == "en" else c.nl)
               for c in used]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8,
              handleheight=1.6, handlelength=2.4)
    fig.text(0.01, 0.01, CREDIT, fontsize=7, color="#333333")
    return to_svg(fig, title or ("kaart" if lang == "nl" else "map"))
