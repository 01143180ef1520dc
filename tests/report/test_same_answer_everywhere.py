"""Invariant: for one run, every output shows the same totals and the same closure verdict per province, category
and period — the terminal table, JSON, CSV, xlsx, the HTML plan report and the HTML compare report (issue 10).

The reference is the plan's JSON; every other output is read back as a user would see it (tables parsed from the
printed text, the workbook opened, the HTML parsed), in both languages for the terminal table.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli.app import app
from planner.scenario.load import default_scenario

runner = CliRunner()
BASE = default_scenario()
ENGLISH = Path(__file__).parents[1] / "data" / "whatif" / "drenthe-english.toml"
NO_PLAN = BASE / "what-if" / "landelijke-behoefte-102000.toml"
Key = tuple[str, str, str]  # province, category, period


def number(text: str) -> int:
    return int(re.sub(r"[.,\s]", "", text))


@pytest.fixture(scope="module")
def reference() -> dict[Key, tuple[int, int, bool]]:
    res = runner.invoke(app, ["plan", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    out = {}
    for p in data["province"]:
        for k in ("regular", "amv"):
            out[(p["province"], k, p["period"])] = (p[f"task_{k}"], p[f"planned_{k}"], p[f"closes_{k}"])
    assert len(out) == 4  # Drenthe × 2 tasks × 2 periods
    return out


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("│").split("│")]


@pytest.mark.parametrize(("args", "closes_word"), [([], "sluitend"), ([str(ENGLISH)], "closes")])
def test_terminal_plan_table(reference: dict[Key, tuple[int, int, bool]], args: list[str], closes_word: str) -> None:
    res = runner.invoke(app, ["plan", *args])
    assert res.exit_code == 0, res.output
    period, seen = None, {}
    for line in res.output.splitlines():
        m = re.match(r"^Plan (\d{4})", line)
        if m:
            period = m.group(1)
        c = cells(line)
        if period and len(c) == 10 and c[1] == "Drenthe":
            seen[("Drenthe", "regular", period)] = (number(c[2]), number(c[4]), c[9] == closes_word)
            seen[("Drenthe", "amv", period)] = (number(c[5]), number(c[7]), c[9] == closes_word)
    assert seen == reference


def test_csv_rows_add_up(reference: dict[Key, tuple[int, int, bool]]) -> None:
    res = runner.invoke(app, ["plan", "--format", "csv"])
    assert res.exit_code == 0, res.output
    totals: dict[Key, int] = {}
    for r in csv.DictReader(io.StringIO(res.stdout)):
        for k in ("regular", "amv"):
            key = ("Drenthe", k, r["period"])
            totals[key] = totals.get(key, 0) + int(r[f"planned_{k}"])
    assert totals == {key: planned for key, (_, planned, _) in reference.items()}


def test_workbook(reference: dict[Key, tuple[int, int, bool]], tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "plan.xlsx"
    assert runner.invoke(app, ["plan", "--xlsx", str(path)]).exit_code == 0
    ws = openpyxl.load_workbook(path, read_only=True)["provincie"]
    from planner.report.words_xlsx import column_key

    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(rows) if "sluitend regulier" in r)
    cols = [column_key("nl", str(c)) for c in rows[head]]  # the Dutch headers back to the JSON's keys
    seen = {}
    for r in rows[head + 1:]:
        row = dict(zip(cols, r, strict=False))
        if row.get("province") is None:
            continue
        for k in ("regular", "amv"):
            seen[(row["province"], k, str(row["period"]))] = (row[f"task_{k}"], row[f"planned_{k}"],
                                                              bool(row[f"closes_{k}"]))
    assert seen == reference


def html_rows(text: str, table_id: str, part: str = "tbody") -> list[list[str]]:
    table = re.search(rf'<table id="{table_id}">(.*?)</table>', text, re.S)
    assert table is not None, table_id
    body = re.search(rf"<{part}>(.*?)</{part}>", table.group(1), re.S)
    assert body is not None
    cell = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cell.findall(tr)]
            for tr in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)]


def test_html_plan_report(reference: dict[Key, tuple[int, int, bool]], tmp_path: Path) -> None:
    out = tmp_path / "plan.html"
    assert runner.invoke(app, ["report", "--html", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    seen = {}
    for period in ("2025", "2026"):
        for c in html_rows(text, f"plan-{period}", "tfoot"):
            prov = c[0].removeprefix("provincie ")
            closes = c[9] == "sluitend ✓"
            seen[(prov, "regular", period)] = (number(c[2]), number(c[4]), closes)
            seen[(prov, "amv", period)] = (number(c[5]), number(c[7]), closes)
    assert seen == reference


def test_compare_outputs_agree_on_every_verdict(reference: dict[Key, tuple[int, int, bool]], tmp_path: Path) -> None:
    """The base's rows equal the plan; for a what-if without a plan the HTML report, the terminal and the JSON give
    the same verdict (the HTML report used to mark every row of such a scenario 'niet sluitend ✗')."""
    res = runner.invoke(app, ["compare", str(BASE), str(NO_PLAN), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    base = data["base"]
    for r in data["province"]:
        if r["scenario"] == base:
            task, planned, closes = reference[(r["province"], r["category"], r["period"])]
            assert (r["task"], r["planned"], r["closes"]) == (task, planned, closes)
    verdicts = {(r["scenario"], r["category"], r["period"]): r["verdict"] for r in data["province"]}
    assert {v for (s, _, _), v in verdicts.items() if s != base} <= {"cannot_close", "no_plan"}
    assert "no_plan" in verdicts.values()  # AMV fits within the sites in the what-if, it just has no plan

    out = tmp_path / "compare.html"
    assert runner.invoke(app, ["report", "--compare", str(BASE), str(NO_PLAN), "--html", str(out)]).exit_code == 0
    words = {"closes": "sluitend ✓", "short": "niet sluitend ✗", "cannot_close": "kan niet sluiten ✗",
             "no_plan": "past binnen de locaties en het aanbod, maar er is geen plan"}
    html_seen = {}
    for c in html_rows(out.read_text(encoding="utf-8"), "province-table"):
        cat = {"regulier": "regular", "AMV": "amv"}[c[1]]
        html_seen[(c[0], cat, c[2])] = c[6]
    assert html_seen == {key: words[v] for key, v in verdicts.items()}

    terminal = runner.invoke(app, ["compare", str(BASE), str(NO_PLAN)])
    term_words = {"closes": "sluitend", "short": "tekort", "cannot_close": "kan niet sluiten", "no_plan": "past"}
    rows = [cells(line) for line in terminal.output.splitlines() if line.count("│") == 8]
    term_seen = {}
    for c in rows:
        if c[2] in ("regulier", "AMV") and re.fullmatch(r"\d{4}", c[3]):
            term_seen[(c[0], {"regulier": "regular", "AMV": "amv"}[c[2]], c[3])] = c[6]
    assert term_seen.keys() == verdicts.keys()
    for key, verdict in verdicts.items():
        assert term_seen[key].startswith(term_words[verdict]), (key, term_seen[key])
