"""Charts for the HTML report as inline SVG (matplotlib, Agg backend, text kept as text).

Every series differs by hatching as well as colour, so no chart relies on colour alone; the caller wraps each SVG in
a ``<figure>`` with a caption and gives it an accessible name. The output is deterministic (fixed hash salt, no
date in the metadata), so the same plan gives the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Colour-blind safe (Okabe–Ito) with a hatch per series.
SERIES = (
    ("#0072B2", ""),
    ("#E69F00", "//"),
    ("#009E73", ".."),
    ("#CC79A7", "xx"),
    ("#56B4E9", "\\\\"),
    ("#D55E00", "++"),
)
TEXT = {
    "nl": {
        "task": "taak",
        "plan": "plan",
        "places": "plaatsen",
        "regular": "regulier",
        "special": "bijzonder",
        "amv": "AMV",
        "euro": "euro",
        "delta": "verschil met basis (plaatsen)",
    },
    "en": {
        "task": "task",
        "plan": "plan",
        "places": "places",
        "regular": "regular",
        "special": "special",
        "amv": "AMV",
        "euro": "euros",
        "delta": "difference from base (places)",
    },
}


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)  # a Figure without pyplot: no global state, Agg-free rendering
    ax = fig.add_subplot(1, 1, 1)
    return fig, ax


def literal(text: object) -> str:
    """Text from input as a chart label, shown as written: a dollar sign is escaped so that matplotlib never reads
    ``$…$`` in a name as mathtext (which would render it as a formula, or fail on ``$\\frac$``); control characters
    are shown as escapes (they are not valid in SVG)."""
    from planner.report.terminal import visible

    return visible(text).replace("$", r"\$")


def thousands(value: float, _pos: object = None) -> str:
    """Axis tick label with a Dutch thousands dot."""
    n = round(value)
    text = f"{abs(n):,}".replace(",", ".")
    return f"-{text}" if n < 0 else text


def to_svg(fig: Figure, label: str) -> str:
    """The figure as an inline ``<svg>`` element with ``role="img"`` and ``aria-label``; no XML prolog."""
    import matplotlib

    matplotlib.use("Agg")  # never a GUI backend, also when a display is set
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "planner", "font.size": 9}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    safe = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{safe}" focusable="false" ', 1)
    return svg


def _style(ax: Axes) -> None:
    from matplotlib.ticker import FuncFormatter

    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.xaxis.set_major_formatter(FuncFormatter(thousands))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def task_vs_plan(munis: Sequence[Mapping[str, Any]], periods: Sequence[str], lang: str = "nl") -> str:
    """Per municipality the own total task (regular + AMV) and the planned places in each period."""
    t = TEXT[lang]
    names = sorted({(r["name"], r["code"]) for r in munis}, key=lambda x: x[0], reverse=True)
    idx = {code: i for i, (_, code) in enumerate(names)}
    n_series = 1 + len(periods)
    height = 0.8 / n_series
    fig, ax = _figure(7.5, max(2.5, 0.3 * len(names) * max(1, n_series / 2) + 1))
    task = {r["code"]: r["task_regular"] + r["task_amv"] for r in munis}
    ys = [idx[c] + 0.4 - height / 2 for c in task]
    color, hatch = "#BBBBBB", "xx"
    ax.barh(ys, list(task.values()), height=height, color=color, hatch=hatch, edgecolor="#555555",
            linewidth=0.4, label=t["task"])
    for k, p in enumerate(periods, start=1):
        rows = [r for r in munis if r["period"] == p]
        color, hatch = SERIES[(k - 1) % len(SERIES)]
        ax.barh([idx[r["code"]] + 0.4 - height / 2 - k * height for r in rows],
                [r["planned_regular"] + r["planned_amv"] for r in rows], height=height, color=color, hatch=hatch,
                edgecolor="#333333", linewidth=0.4, label=f"{t['plan']} {p}")
    ax.set_yticks([i for i in range(len(names))], [literal(n) for n, _ in names])
    ax.set_xlabel(t["places"])
    _style(ax)
    ax.legend(loc="lower right", frameon=False)
    return to_svg(fig, f"{t['task']} / {t['plan']}")


def _stacked_barh(ax: Axes, rows: Sequence[Mapping[str, Any]], series: Sequence[tuple[str, str]]) -> None:
    """Horizontal stacked bars, one per row (labelled by its name), one segment per (key, label) of ``series``;
    each series has its own colour and hatching, so no meaning rests on colour alone."""
    left = [0] * len(rows)
    for k, (key, label) in enumerate(series):
        vals = [int(r[key]) for r in rows]
        color, hatch = SERIES[k]
        ax.barh(range(len(rows)), vals, left=left, color=color, hatch=hatch, edgecolor="#333333", linewidth=0.4,
                label=label)
        left = [a + b for a, b in zip(left, vals, strict=True)]
    ax.set_yticks(range(len(rows)), [literal(r["name"]) for r in rows])


def category_mix(munis: Sequence[Mapping[str, Any]], period: str, lang: str = "nl") -> str:
    """Stacked bars per municipality: regular, special and AMV places planned in ``period``."""
    t = TEXT[lang]
    rows = sorted((r for r in munis if r["period"] == period), key=lambda r: r["name"], reverse=True)
    fig, ax = _figure(7.5, max(2.5, 0.32 * len(rows) + 1))
    _stacked_barh(ax, rows, [("regular", t["regular"]), ("special", t["special"]), ("amv", t["amv"])])
    ax.set_xlabel(f"{t['places']} {period}")
    _style(ax)
    ax.legend(loc="lower right", frameon=False)
    return to_svg(fig, f"{t['regular']}, {t['special']}, {t['amv']} {period}")


def spuk_bars(rows: Sequence[Mapping[str, Any]], lang: str = "nl") -> str:
    """Stacked SPUK 1, 2 and 3 euros per municipality."""
    t = TEXT[lang]
    rows = sorted(rows, key=lambda r: r["name"], reverse=True)
    fig, ax = _figure(7.5, max(2.5, 0.32 * len(rows) + 1))
    _stacked_barh(ax, rows, [(f"spuk{k}", f"SPUK {k}") for k in (1, 2, 3)])
    ax.set_xlabel(f"€ ({t['euro']})")
    _style(ax)
    ax.legend(loc="lower right", frameon=False)
    return to_svg(fig, "SPUK")


def place_deltas(places: Sequence[Mapping[str, Any]], base: str) -> tuple[dict[tuple[str, str, str], int],
                                                                           dict[str, str]]:
    """(scenario, code, period) → the what-if's change in places against the base, regular + AMV (under
    ``rules.counting = total`` the total's, which holds the AMV places already), and code → name."""
    part = "amv" if any(r["category"] == "total" for r in places) else None  # counted inside the total
    delta: dict[tuple[str, str, str], int] = {}
    names: dict[str, str] = {}
    for r in places:
        if r["scenario"] == base or r.get("delta") is None or r["category"] == part:
            continue
        key = (r["scenario"], r["code"], r["period"])
        delta[key] = delta.get(key, 0) + int(r["delta"])
        names[r["code"]] = r["name"]
    return delta, names


def compare_deltas(places: Sequence[Mapping[str, Any]], base: str, periods: Sequence[str], lang: str = "nl") -> str:
    """Per municipality and period, each what-if's change in planned places (:func:`place_deltas`) against the
    base."""
    t = TEXT[lang]
    whatifs = list(dict.fromkeys(r["scenario"] for r in places if r["scenario"] != base))
    delta, names = place_deltas(places, base)
    # only municipalities whose numbers change: a what-if usually touches a few
    codes = sorted((c for c in names if any(delta.get((w, c, p)) for w in whatifs for p in periods)),
                   key=lambda c: names[c], reverse=True) or sorted(names, key=lambda c: names[c], reverse=True)
    n = max(1, len(whatifs) * len(periods))
    height = 0.8 / n
    fig, ax = _figure(7.5, min(12.0, max(2.0, 0.12 * len(codes) * n + 1.2)))
    k = 0
    for w in whatifs:
        for p in periods:
            color, hatch = SERIES[k % len(SERIES)]
            ax.barh([i + 0.4 - height / 2 - k * height for i in range(len(codes))],
                    [delta.get((w, c, p), 0) for c in codes], height=height, color=color, hatch=hatch,
                    edgecolor="#333333", linewidth=0.4, label=literal(f"{w} ({p})"))
            k += 1
    ax.axvline(0, color="#000000", linewidth=0.8)
    ax.set_yticks(range(len(codes)), [literal(names[c]) for c in codes])
    ax.set_xlabel(t["delta"])
    _style(ax)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    return to_svg(fig, t["delta"])
