"""The Python API (planner.api) against the CLI it wraps: real solvers, real processes, the bundled Drenthe case.

The API must give exactly the JSON the CLI prints (compared with ``python -m planner … -f json`` run as a
subprocess), type its frames as promised (codes as text, categories as categoricals), build what-ifs in code that
equal the what-if files, and docs/api.md's examples must run and print what the page says. The Drenthe numbers
asserted here are the provincial report's (tasks 2.462 + 229, plan 3.714/2.522 and 341/298, SPUK € 4.749.686).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from planner import api
from planner.journeys.sweep import SweepError
from planner.scenario.problems import ScenarioError

ROOT = Path(__file__).resolve().parents[1]
DRENTHE = ROOT / "scenarios" / "drenthe-2025-2026"
WHAT_IF = DRENTHE / "what-if"


def cli_json(*args: str, codes: tuple[int, ...] = (0,)) -> dict[str, Any]:
    """``python -m planner ARGS -f json`` in a real process; its stdout as data."""
    proc = subprocess.run([sys.executable, "-m", "planner", *args, "-f", "json"], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=False)
    assert proc.returncode in codes, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def untimed(data: dict[str, Any]) -> dict[str, Any]:
    """A plan's JSON without the seconds the run took (the only thing two runs of one plan may differ in)."""
    data = dict(data)
    data.pop("seconds", None)
    data["goals"] = [{k: v for k, v in g.items() if k != "seconds"} for g in data["goals"]]
    return data


@pytest.fixture(scope="module")
def drenthe() -> api.Scenario:
    return api.load("drenthe-2025-2026")


@pytest.fixture(scope="module")
def plan(drenthe: api.Scenario) -> api.PlanResult:
    return drenthe.plan()


def test_plan_json_is_the_cli_json(plan: api.PlanResult) -> None:
    cli = cli_json("plan")
    assert untimed(plan.as_dict()) == untimed(cli)
    assert untimed(json.loads(plan.to_json())) == untimed(cli)
    # The report's numbers, so the equality above is about the right plan.
    province = {r["period"]: r for r in cli["province"]}
    assert [(province[p]["task_regular"], province[p]["task_amv"]) for p in ("2025", "2026")] == [(2462, 229)] * 2
    assert [province[p]["planned_regular"] for p in ("2025", "2026")] == [3714, 2522]
    assert [province[p]["planned_amv"] for p in ("2025", "2026")] == [341, 298]
    assert plan.spuk_total == cli["spuk"]["municipalities_total"] == 4_749_686


def test_plan_frames_agree_with_the_json_and_are_typed(plan: api.PlanResult) -> None:
    munis = plan.municipalities
    assert munis["code"].dtype == "string"
    assert munis["period"].dtype == "string"
    assert set(munis["code"]) >= {"GM0106", "GM1680"}  # leading zeros kept: text, not numbers
    assert len(munis) == len(plan.data["municipalities"]) == 12 * 2
    long = plan.long()
    assert isinstance(long["category"].dtype, pd.CategoricalDtype)
    assert set(long["category"]) == {"regular", "amv"}
    assert isinstance(long["duty"].dtype, pd.CategoricalDtype)
    assert long["places"].dtype == "Int64"
    assert len(long) == 12 * 2 * 2
    # The tidy rows carry the same places as the plan's municipality table.
    for r in plan.data["municipalities"]:
        for k in ("regular", "amv"):
            row = long[(long["code"] == r["code"]) & (long["category"] == k) & (long["period"] == r["period"])]
            assert row["places"].tolist() == [r[f"planned_{k}"]]
    wide = plan.wide()
    assert wide.loc[("GM0106", "Assen"), ("regular", "2025")] == 1000
    assert wide.xs("regular", axis=1, level="category").sum().tolist() == [3714, 2522]
    assert wide.xs("amv", axis=1, level="category").sum().tolist() == [341, 298]
    assert plan.spuk["total"].sum() == 4_749_686
    assert isinstance(plan.sites["category"].dtype, pd.CategoricalDtype)


def test_importing_the_api_does_not_import_pandas() -> None:
    code = "import sys, planner.api, planner.cli.app; assert 'pandas' not in sys.modules, 'pandas imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)


def test_a_what_if_in_code_is_the_what_if_file(drenthe: api.Scenario) -> None:
    file = WHAT_IF / "assen-verlengd.toml"
    meta = tomllib.loads(file.read_text(encoding="utf-8"))["scenario"]
    in_code = drenthe.with_changes({"sites": [{"id": "ASN-AZC", "open_ended": True}]}, name=meta["name"],
                                   description=meta["description"])
    from_file = api.load(file)
    assert in_code.digest() == from_file.digest()
    # Its own warnings: the azc Assen no longer ends inside the cycle.
    def ends(s: api.Scenario) -> list[str]:
        w = s.warnings
        return w.loc[w["message"].str.contains("ASN-AZC"), "code"].astype(str).tolist()

    assert ends(drenthe) == ["ends-in-cycle"]
    assert ends(in_code) == ends(from_file) == []
    cli = cli_json("plan", str(file))
    assert untimed(in_code.plan().as_dict()) == untimed(cli)
    # By hand: Assen's 1.000 places count in 2026 as well.
    assert [r["planned_regular"] for r in cli["province"]] == [3714, 2522 + 1000]


def test_a_settings_what_if_in_code_is_the_what_if_file(drenthe: api.Scenario) -> None:
    file = WHAT_IF / "landelijke-behoefte-102000.toml"
    meta = tomllib.loads(file.read_text(encoding="utf-8"))["scenario"]
    in_code = drenthe.with_changes(settings={"cycle.national_need": 102000, "rules.use_official_tasks": False},
                                   name=meta["name"], description=meta["description"])
    assert in_code.digest() == api.load(file).digest()
    result = in_code.plan()
    assert untimed(result.as_dict()) == untimed(cli_json("plan", str(file), codes=(1,)))
    assert not result.has_plan
    assert result.municipalities.empty
    assert result.long().empty
    assert result.spuk_total is None


def test_compare_is_the_cli_compare(drenthe: api.Scenario) -> None:
    whatif = api.load(WHAT_IF / "assen-verlengd.toml")
    ours = api.compare(drenthe, whatif).as_dict()
    cli = cli_json("compare", str(DRENTHE), str(WHAT_IF / "assen-verlengd.toml"))
    for data in (ours, cli):
        for s in data["scenarios"]:
            s.pop("seconds")
            s.pop("path")  # as given on the command line
    assert ours == cli
    places = api.compare(drenthe, whatif).places
    changed = places[places["delta"] != 0]
    assert changed[["code", "category", "period", "places"]].values.tolist() == [["GM0106", "regular", "2026", 1000]]


def test_check_duty_is_the_cli_check_duty(drenthe: api.Scenario) -> None:
    result = drenthe.check_duty("GM0106", site="ASN-AZC", places=500)
    cli = cli_json("check-duty", "-m", "GM0106", "--site", "ASN-AZC", "--places", "500", codes=(1,))
    assert result.as_dict() == cli
    assert result.duty_met is False
    duty = result.duty.set_index(["category", "period"])
    # By hand: 500 places against Assen's regular task of 329 in 2025; the contract ends 1-4-2026; no AMV sites.
    assert duty.loc[("regular", "2025"), "surplus"] == 500 - 329
    assert duty.loc[("regular", "2026"), "shortfall"] == 329
    assert duty.loc[("amv", "2025"), "shortfall"] == 31
    assert by_name_is_by_code(drenthe)


def by_name_is_by_code(drenthe: api.Scenario) -> bool:
    return drenthe.check_duty("Assen").as_dict() == drenthe.check_duty("GM0106").as_dict()


def test_verdeelbesluit_is_the_cli_verdeelbesluit(drenthe: api.Scenario) -> None:
    result = drenthe.verdeelbesluit()
    cli = cli_json("verdeelbesluit", codes=(1,))
    assert result.as_dict() == cli
    assert result.feasible is False
    pools = result.pools
    assert pools["offers"].tolist() == [3814, 3814, 341, 341]  # the report's offers
    assert pools["restopgave"].tolist() == [0, 0, 0, 0]
    assert result.allocation["code"].dtype == "string"
    assert isinstance(result.violations["check"].dtype, pd.CategoricalDtype)


def test_check_allocation_is_the_cli_check_allocation(drenthe: api.Scenario, tmp_path: Path) -> None:
    """The verdeelbesluit's allocation with Westerveld at the 140 regular places its azc holds (sites.csv: WV-NO 75
    and WV-TGO 25 ended 31-12-2024), checked in code and by the CLI from the same rows as a file: one answer. By
    hand, three municipalities remain short of sites in 2026: Assen 1.000 (ASN-AZC ends 1-4-2026), Meppel 192
    (MEP-NO 31-3-2026) and Noordenveld 43 AMV (NV-AMV 1-3-2026)."""
    allocation = drenthe.verdeelbesluit().allocation
    allocation.loc[(allocation["code"] == "GM1701") & (allocation["category"] == "regular"), "places"] = 140
    result = drenthe.check_allocation(allocation)
    file = tmp_path / "allocation.csv"
    allocation.to_csv(file, index=False)
    assert result.as_dict() == cli_json("check-allocation", "--allocation", str(file), codes=(1,))
    assert result.feasible is False
    assert result.violations[["code", "period", "excess"]].values.tolist() == [
        ["GM0106", "2026", 1000], ["GM0119", "2026", 192], ["GM1699", "2026", 43]]
    assert result.violations["code"].dtype == "string"
    assert isinstance(result.violations["category"].dtype, pd.CategoricalDtype)
    # a list of dicts is the same allocation
    assert drenthe.check_allocation(allocation.to_dict("records")).as_dict() == result.as_dict()


def test_bad_allocation_rows_are_every_problem_with_row_and_field(drenthe: api.Scenario) -> None:
    with pytest.raises(ScenarioError) as bad:
        drenthe.check_allocation([{"code": "GM9999", "category": "regular", "places": 5},
                                  {"code": "GM0106", "category": "asiel", "places": -1}])
    assert sorted((p.file, p.row, p.field) for p in bad.value.problems.errors) == [
        ("check_allocation", 1, "code"), ("check_allocation", 2, "category"), ("check_allocation", 2, "places")]


def test_bad_changes_and_names_are_clear_errors(drenthe: api.Scenario) -> None:
    with pytest.raises(ScenarioError) as bad_site:
        drenthe.with_changes({"sites": [{"id": "NO-SUCH-SITE", "close": True}]})
    assert [(p.file, p.field) for p in bad_site.value.problems.errors] == [("with_changes", "changes.sites[0].id")]
    assert "NO-SUCH-SITE" in bad_site.value.problems.errors[0].message
    with pytest.raises(ScenarioError) as bad_value:
        drenthe.with_changes(settings={"cycle.national_need": -5})
    assert [(p.file, p.field) for p in bad_value.value.problems.errors] == [("with_changes", "cycle.national_need")]
    with pytest.raises(SweepError, match="national_ned"):
        drenthe.with_changes(settings={"cycle.national_ned": 1})
    with pytest.raises(ScenarioError):
        api.load("no-such-bundled-scenario")


# ---------------------------------------------------------------------------------------------------------------
# docs/api.md: every python block runs, in order, and prints exactly the text block after it


def doc_examples() -> list[tuple[str, str | None]]:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```(python|text)\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)
    out: list[tuple[str, str | None]] = []
    for kind, body in blocks:
        if kind == "python":
            out.append((body, None))
        else:
            assert out, "a text block before any python block"
            assert out[-1][1] is None, "two text blocks after one python block"
            out[-1] = (out[-1][0], body)
    return out


def test_the_api_page_examples_print_what_the_page_says() -> None:
    examples = doc_examples()
    assert len(examples) >= 10
    namespace: dict[str, Any] = {}
    for code, expected in examples:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, "docs/api.md", "exec"), namespace)
        got = "\n".join(line.rstrip() for line in printed.getvalue().splitlines())
        want = "\n".join(line.rstrip() for line in (expected or "").splitlines())
        assert got == want, f"docs/api.md block:\n{code}"
