"""The harness's own rules, on real solutions and real processes: a row that spends its budget is never called
optimal and says at which goal; plans are compared only where both rows proved every goal; a row that does not
finish in its hard limit is ended and reported, and the run goes on; a run out of budget lists what it did not
measure; the tables are in the Dutch number format."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest

from benchmarks import instances, run, tables
from planner.model.solution import GoalResult, Solution
from solvers.result import Status

GOAL_NAMES = ("fairness_max_shortfall", "fairness_total_shortfall", "fairness_max_new_surplus", "small_units",
              "spuk", "fewer_sites", "tie_break")


def _solution(statuses: list[Status], overall: Status) -> Solution:
    goals = [GoalResult(name, name, "places", st, 1.0, 1.0, None, 0.5)
             for name, st in zip(GOAL_NAMES, statuses, strict=False)]
    return Solution(overall, "highs", "1", goals, np.zeros(3), 3.5)


def test_a_run_that_spends_its_budget_says_at_which_goal_and_is_never_proven() -> None:
    opt, feas = Status.OPTIMAL, Status.FEASIBLE
    spent = _solution([opt, opt, opt, opt, feas, feas, feas], feas)
    assert run.outcome(spent, gap=0.0) == ("budget spent", "feasible, budget spent at goal spuk")
    # The overall status alone is not enough: a run whose tie-break was not proven is not proven either.
    last = _solution([opt] * 6 + [feas], opt)
    assert run.outcome(last, gap=0.0) == ("budget spent", "feasible, budget spent at goal tie_break")
    assert run.outcome(_solution([opt] * 7, opt), gap=0.0) == ("proven", "proven (every goal)")
    nothing = Solution(Status.NO_SOLUTION, "highs", "1", [], None, 1.0)
    assert run.outcome(nothing, gap=0.0)[0] == "no_solution"


def test_a_goal_left_unproven_well_before_the_deadline_says_a_parts_share_ran_out() -> None:
    """The solve took 3,5 s: of a 100 s budget that is a part's share of a goal's time running out (the row's
    deadline was 96,5 s away), not the budget; of a 3,6 s budget it is the budget (3,5 ≥ 0,9 × 3,6 = 3,24)."""
    opt, feas = Status.OPTIMAL, Status.FEASIBLE
    spent = _solution([opt] * 6 + [feas], opt)
    assert run.outcome(spent, gap=0.0, budget=100.0) == (
        "budget spent", "feasible, a part's share ran out at goal tie_break (4 s of the 100 s budget used)")
    assert run.outcome(spent, gap=0.0, budget=3.6) == ("budget spent", "feasible, budget spent at goal tie_break")
    # A proven row is proven whatever time it took.
    assert run.outcome(_solution([opt] * 7, opt), gap=0.0, budget=100.0) == ("proven", "proven (every goal)")


def _row(solver: str, outcome: str, digest: str | None, e2e: float = 10.0) -> dict:
    stats = {"median": e2e, "min": e2e, "max": e2e, "n": 1}
    return {"instance": "national", "solver": solver, "outcome": outcome, "outcome_text": outcome,
            "plan_digest": digest, "end_to_end": stats, "cpu": stats, "load": [6.0, 7.0],
            "phases": {p: {"median": 1.0, "min": 1.0, "max": 1.0, "n": 1} for p in ("load", "build", "report")}
            | {"solve": {"median": e2e - 3.0, "min": e2e - 3.0, "max": e2e - 3.0, "n": 1}}}


def test_plans_are_compared_only_where_both_rows_proved_every_goal() -> None:
    rows = [_row("highs", "proven", "aaaa"), _row("scip", "proven", "aaaa"), _row("cpsat", "proven", "bbbb"),
            _row("cbc", "budget spent", "cccc"),
            {"instance": "national", "solver": "auto", "outcome": "stopped", "outcome_text": "stopped"}]
    run.relate(rows)
    assert [r["same_plan_as_highs"] for r in rows] == [True, True, False, None, None]
    target = next(t for t in tables.targets(rows, {}) if t["target"].startswith("the same national plan"))
    assert target["value"] == 1.0  # one backend proved another plan: cpsat
    assert target["met"] is False
    assert "another plan: cpsat" in target["note"]
    assert "compared: highs, scip, cpsat (HiGHS's plan digest `aaaa`)" in target["note"]
    assert "not compared (a goal not proven, or no plan): cbc, auto" in target["note"]


def test_a_national_row_that_spent_its_budget_misses_the_target_even_when_fast() -> None:
    rows = [_row("highs", "budget spent", "aaaa", e2e=4.0), _row("auto", "proven", "aaaa", e2e=4.5)]
    rows[0]["outcome_text"] = "feasible, budget spent at goal fewer_sites"
    got = {t["target"]: t for t in tables.targets(rows, {})}
    highs = got["committed national scenario, every goal proven incl. the tie-break, end to end (highs)"]
    auto = got["committed national scenario, every goal proven incl. the tie-break, end to end (auto)"]
    assert (highs["value"], highs["met"]) == (4.0, False)
    assert (auto["value"], auto["met"]) == (4.5, True)
    assert "budget spent at goal fewer_sites" in highs["note"]
    assert highs["load"] == "6,0 → 7,0"
    # Modelling overhead: load + build + report = 3 s of HiGHS's 4 s end to end.
    overhead = got["national: modelling overhead (load + build + report) / end to end (highs)"]
    assert overhead["value"] == 0.75
    assert overhead["met"] is False


def test_a_row_that_does_not_finish_is_ended_and_reported(tmp_path: Path) -> None:
    """A national row cannot finish in 2 s (its scenario alone takes longer to load and build): the harness ends its
    process group and reports the row as stopped, within about the hard limit."""
    t = time.perf_counter()
    row = run.run_row(run.INSTANCES["national"], "highs", 30.0, 1, timeout=2.0)
    assert time.perf_counter() - t < 10
    assert row["outcome"] == "stopped"
    assert row["outcome_text"] == "stopped: no result within 2 s (ended by the harness)"
    assert "end_to_end" not in row


@pytest.mark.slow
def test_a_run_out_of_budget_lists_every_row_as_not_measured(tmp_path: Path) -> None:
    result = run.run("smoke", tmp_path, solvers=["highs", "auto"], minutes=0.0, log=lambda _: None)
    assert [(r["instance"], r["solver"], r["outcome"]) for r in result["rows"]] == [
        ("drenthe", "highs", "not measured"), ("drenthe", "auto", "not measured"),
        ("zeeland-1p", "highs", "not measured"), ("zeeland-1p", "auto", "not measured")]
    md = (tmp_path / f"{result['date']}-smoke.md").read_text(encoding="utf-8")
    assert md.count("not measured: the run's budget was spent") == 4
    saved = json.loads((tmp_path / f"{result['date']}-smoke.json").read_text(encoding="utf-8"))
    assert len(saved["rows"]) == 4


def test_table_cells_are_in_the_dutch_number_format() -> None:
    row = _row("highs", "proven", "aaaa", e2e=1234.5)
    row |= {"periods": 2, "variables": 9232, "rows": 13124, "open_variables": 1200, "repeats": 1, "budget": 210.0,
            "peak_mb": 1536.2}
    cells = dict(zip(tables.TABLE_COLUMNS, tables.table_rows([row])[0], strict=True))
    assert cells["end to end"] == "1.234,500"
    assert cells["solve budget"] == "210 s"
    assert cells["peak MB"] == "1.536"
    assert cells["load average"] == "6,0 → 7,0"


@pytest.mark.slow
def test_the_harness_row_and_planner_plan_give_the_same_drenthe_goals() -> None:
    """Two commands, one answer: a harness row (its own process, as in the full run) and `planner plan -f json`
    on Drenthe reach the same value on every goal, and both prove every goal."""
    import subprocess
    import sys

    row = run.run_row(run.INSTANCES["drenthe"], "highs", 60.0, 1, timeout=300.0)
    assert row["outcome"] == "proven", row["outcome_text"]
    exe = str(Path(sys.executable).with_name("planner"))
    done = subprocess.run([exe, "plan", "-f", "json", "--solver", "highs"], capture_output=True, text=True,
                          check=True)
    cli = json.loads(done.stdout)
    assert all(g["status"] == "optimal" for g in cli["goals"])
    assert row["objectives"] == {g["goal"]: g["objective"] for g in cli["goals"]}


def test_the_readme_tables_put_each_backends_earlier_runs_before_this_run() -> None:
    def goals(tie: str) -> list[dict]:
        return [{"goal": "fewer_sites", "status": "optimal", "seconds": 2.5},
                {"goal": "tie_break", "status": tie, "seconds": 10.0}]

    before = [("before", _row("highs", "budget spent", None) | {"goals_detail": goals("feasible")}),
              ("before", _row("cpsat", "proven", "aaaa") | {"goals_detail": goals("optimal")})]
    after = [_row("highs", "proven", "aaaa") | {"goals_detail": goals("optimal")}]
    lines = tables.before_after(before, after)
    assert lines[0] == "| backend | run | fewer_sites | tie_break | outcome | CPU of the row | load |"
    # cpsat has no row in this run, so its earlier run is not shown; HiGHS's earlier tie-break was not proven.
    assert lines[2:] == ["| highs | before | 2,5 | 10,0 (feasible) | budget spent | 10,0 | 6,0 → 7,0 |",
                         "| highs | after | 2,5 | 10,0 | proven | 10,0 | 6,0 → 7,0 |"]


def test_the_what_if_target_is_not_met_below_100_and_says_both_executors_and_whether_their_rows_agree() -> None:
    def whatifs(executor: str, digest: str, n: int = 20) -> dict:
        return {"variations": n, "executor": executor, "workers": 2, "seconds": 250.0, "proven": n,
                "reused_parts": 12 * n - 20, "cpu_in_whatifs": 60.0, "rows_digest": digest, "load": [5.0, 6.0]}

    def target(extra: dict) -> dict:
        return next(t for t in tables.targets([], extra) if t["target"].startswith("100 national what-ifs"))

    got = target({"national_whatifs": whatifs("local", "d1"), "national_whatifs_dask": whatifs("dask", "d1")})
    assert got["met"] is None  # 20 is not 100: not measured, whatever the time
    assert got["note"].startswith("not measured at 100 in this run; 20 on local (2 processes) in 250,0 s wall")
    assert "; 20 on dask (2 processes)" in got["note"]
    assert got["note"].endswith("local and Dask: the same rows")
    differ = target({"national_whatifs": whatifs("local", "d1"), "national_whatifs_dask": whatifs("dask", "d2")})
    assert differ["note"].endswith("local and Dask: **different rows**")
    # 100 what-ifs in 250 s: measured, and missed (limit 120 s).
    hundred = target({"national_whatifs": whatifs("local", "d1", n=100)})
    assert (hundred["value"], hundred["met"]) == (250.0, False)


def test_rows_leave_the_minutes_kept_for_the_national_what_ifs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run of 1 minute that keeps 1 minute for the what-ifs measures no row (each says why), and with less than
    2 minutes left the what-ifs are not started either: nothing is solved, so this test is quick."""
    profile = instances.Profile(("drenthe",), repeats=1, sweep=0, cli=False, national_whatifs=1, minutes=1.0,
                          whatif_minutes=1.0)
    monkeypatch.setitem(run.PROFILES, "kept", profile)
    result = run.run("kept", tmp_path, solvers=["highs"], log=lambda _: None)
    assert [(r["instance"], r["outcome_text"]) for r in result["rows"]] == [
        ("drenthe", "not measured: the run's budget was spent (its last 1 minutes kept for the national what-ifs)")]
    assert "national_whatifs" not in result["extra"]
