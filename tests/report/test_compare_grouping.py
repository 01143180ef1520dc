"""The compare's places per municipality on a compare of more than one province: grouped by province, each group
under its province's name and closed by its sums per category (issue 14, "group national tables by province"). The
numbers are made up here and summed by hand."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console

from planner.report.compare_table import render


def place(scenario: str, code: str, name: str, province: str, category: str, places: int,
          delta: int | None) -> dict[str, Any]:
    return {"scenario": scenario, "code": code, "name": name, "province": province, "category": category,
            "period": "2025", "places": places, "transfer": 0, "task": places, "limit": None, "shortfall": 0,
            "duty": "met", "delta": delta, "delta_shortfall": None if delta is None else 0}


def comparison() -> dict[str, Any]:
    rows = [  # base A, what-if B: Assen +10, Almere −10, the rest the same
        place("A", "GM0106", "Assen", "Drenthe", "regular", 100, None),
        place("A", "GM0109", "Coevorden", "Drenthe", "regular", 50, None),
        place("A", "GM0106", "Assen", "Drenthe", "amv", 10, None),
        place("A", "GM0034", "Almere", "Flevoland", "regular", 200, None),
        place("B", "GM0106", "Assen", "Drenthe", "regular", 110, 10),
        place("B", "GM0109", "Coevorden", "Drenthe", "regular", 50, 0),
        place("B", "GM0106", "Assen", "Drenthe", "amv", 10, 0),
        place("B", "GM0034", "Almere", "Flevoland", "regular", 190, -10),
    ]
    spuk = {"plan": True, "municipalities_total": 0, "spuk1": 0, "spuk2": 0, "spuk3": 0, "delta": None}
    return {"base": "A", "changes": [{"scenario": "B", "settings": [], "tables": []}], "notices": [],
            "scenarios": [{"scenario": s, "status": "optimal", "plan": True, "periods": ["2025"]} for s in "AB"],
            "small_scale": [], "duty": [], "province": [], "places": rows,
            "spuk": [{"scenario": s, **spuk} for s in "AB"]}


def printed(data: dict[str, Any], lang: str) -> list[str]:
    con = Console(width=160, record=True, color_system=None)
    with con.capture() as cap:
        render(data, con, lang)  # type: ignore[arg-type]
    text = cap.get()
    start = text.index("Plaatsen per gemeente" if lang == "nl" else "Places per municipality")
    return [" ".join(re.split(r"[│ ]+", ln)).strip() for ln in text[start:].splitlines()[:16]]


def test_places_are_grouped_by_province_with_sums() -> None:
    lines = printed(comparison(), "nl")
    rows = [ln for ln in lines if ln and not set(ln) <= set("━─┏┓┗┛┡┩└┘┌┐╇┳┻╋┼┬┴├┤ ")]
    body = rows[rows.index(next(r for r in rows if r.startswith("Drenthe"))):]
    assert body[:7] == [
        "Drenthe",
        "GM0106 Assen AMV 10 10",
        "GM0106 Assen regulier 100 110 (+10)",
        "GM0109 Coevorden regulier 50 50",
        "Drenthe samen AMV 10 10",
        "Drenthe samen regulier 150 160 (+10)",  # 100 + 50, and 110 + 50 (+10 + 0)
        "Flevoland",
    ]
    assert body[7:9] == ["GM0034 Almere regulier 200 190 (−10)", "Flevoland samen regulier 200 190 (−10)"]


def test_one_province_has_no_group_rows() -> None:
    data = comparison()
    data["places"] = [r for r in data["places"] if r["province"] == "Drenthe"]
    lines = printed(data, "en")
    assert not any(ln.startswith("Drenthe") for ln in lines)
    assert "GM0106 Assen regular 100 110 (+10)" in lines
