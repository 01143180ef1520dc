"""The plan journey: scenario → model → lexicographic solve → plan tables, and their JSON/CSV/files.

Every other journey (compare, sweep, duty check, verdeelbesluit) composes this one instead of repeating it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import NotRequired, TypedDict

import numpy as np

from planner import __version__
from planner.model.build import AllocationModel, build_model
from planner.model.plan import MunicipalityRow, Plan, ProvinceRow, SiteRow, extract_plan
from planner.model.solution import GoalRecord, Solution
from planner.model.solve import SolveSettings as SolveSettings  # the one settings object, re-exported
from planner.model.solve import solve_model
from planner.rules.spuk import SpukJson, SpukResult, compute_spuk
from planner.scenario.load import Scenario


@dataclass
class PlanRun:
    scenario: Scenario
    model: AllocationModel
    solution: Solution
    plan: Plan | None
    settings: SolveSettings
    spuk: SpukResult | None = None

    @property
    def status(self) -> str:
        return self.solution.status.value


def plan_scenario(scenario: Scenario, settings: SolveSettings | None = None, hint: np.ndarray | None = None,
                  model: AllocationModel | None = None) -> PlanRun:
    """Plan ``scenario``; ``model``: its program when the caller built it already (the sweep does, to see whether
    the base plan fits it as a hint), never another scenario's."""
    settings = settings or SolveSettings.from_scenario(scenario)
    if model is None:
        model = build_model(scenario)
    elif model.scenario is not scenario:
        raise ValueError("plan_scenario: the model was built from another scenario")
    solution = solve_model(model, settings, hint=hint)
    plan = extract_plan(model, solution) if solution.has_plan else None
    run = PlanRun(scenario, model, solution, plan, settings)
    run.spuk = spuk_of_plan(run)
    return run


def spuk_of_plan(run: PlanRun) -> SpukResult | None:
    """SPUK euros for the plan's places in the reference period (spuk.reference_period); None without a plan."""
    if run.plan is None:
        return None
    settings = run.scenario.settings
    periods = run.plan.periods
    ref = periods[min(settings.spuk.reference_period, len(periods) - 1)]
    places = {r["id"]: r["places"] for r in run.plan.sites if r["period"] == ref}
    munis = {c: (m.name, m.task["regular"] + m.task["amv"]) for c, m in run.model.munis.items()}
    return compute_spuk(settings.spuk, settings.cycle, munis, places, run.model.sites)


class SettingsJson(TypedDict):
    time_limit: float | None
    gap: float
    threads: int
    seed: int


class ModelSize(TypedDict):
    variables: int
    constraints: int


class PlanJson(TypedDict):
    """``planner plan --format json`` and a plan folder's ``result.json``, in this key order."""

    scenario: str
    scenario_digest: str
    tool_version: str
    status: str
    limit: str
    plan: bool
    message: str
    solver: str
    solver_version: str
    settings: SettingsJson
    objective: float | None
    bound: float | None
    gap: float | None
    goals: list[GoalRecord]
    periods: list[str]
    assumed_ready: list[str]
    notices: list[dict[str, object]]
    """:meth:`planner.planning.data.Notice.as_dict`: ``code``, ``subject`` and the notice's own numbers."""
    municipalities: list[MunicipalityRow]
    sites: list[SiteRow]
    province: list[ProvinceRow]
    spuk: SpukJson | None
    """:meth:`planner.rules.spuk.SpukResult.as_dict`; None without a plan."""
    model: ModelSize
    seconds: NotRequired[float]
    """Left out by ``include_timing=False`` (as in each goal), for output compared byte for byte."""


def plan_json(run: PlanRun, include_timing: bool = True) -> PlanJson:
    """The result as JSON-able data. Without a plan the tables are empty lists and ``plan`` is false."""
    sol = run.solution
    out: PlanJson = {
        "scenario": run.scenario.name,
        "scenario_digest": run.scenario.digest(),
        "tool_version": __version__,
        "status": sol.status.value,
        "limit": sol.limit,
        "plan": run.plan is not None,
        "message": sol.message,
        "solver": sol.solver,
        "solver_version": sol.solver_version,
        "settings": {
            "time_limit": run.settings.time_limit,
            "gap": run.settings.gap,
            "threads": run.settings.threads,
            "seed": run.settings.seed,
        },
        "objective": sol.objective,
        "bound": sol.bound,
        "gap": sol.gap,
        "goals": [g.as_dict() for g in sol.goals],
        "periods": [p.name for p in run.model.periods],
        "assumed_ready": list(run.model.data.assumed_ready),
        "notices": [n.as_dict() for n in run.model.data.notices],
        "municipalities": run.plan.municipalities if run.plan else [],
        "sites": run.plan.sites if run.plan else [],
        "province": run.plan.province if run.plan else [],
        "spuk": run.spuk.as_dict() if run.spuk else None,
        "model": {"variables": run.model.builder.n_vars, "constraints": len(run.model.builder.row_names)},
    }
    if include_timing:
        out["seconds"] = round(sol.seconds, 4)
    else:
        for g in out["goals"]:
            g.pop("seconds", None)
    return out


def write_plan_dir(run: PlanRun, out_dir: Path, data: PlanJson) -> list[str]:
    """Write the result as one plan folder (:func:`planner.io.plan_folder.write_plan_folder`): built beside
    ``out_dir`` with a manifest of SHA-256 hashes and swapped in whole, so the folder is always one complete run —
    an infeasible run leaves no plan CSV of an earlier one. ``out_dir`` must be new, empty or an earlier plan folder,
    and may not hold a file the scenario reads. Returns the names written."""
    from planner.io import to_csv
    from planner.io.plan_folder import write_plan_folder
    from planner.io.targets import check_not_input, scenario_inputs
    from planner.report.output import to_json

    check_not_input(out_dir, "--out", scenario_inputs(run.scenario), folder=True)
    files: dict[str, str | bytes] = {
        "result.json": to_json(data),
        "scenario.resolved.json": json.dumps(run.scenario.resolved_dict(), ensure_ascii=False, indent=2, sort_keys=True)
        + "\n",
    }
    if run.plan is not None:
        files["municipalities.csv"] = to_csv(run.plan.municipalities)
        files["sites.csv"] = to_csv(run.plan.sites)
        files["province.csv"] = to_csv(run.plan.province)
    return write_plan_folder(out_dir, files, scenario=run.scenario.name, scenario_digest=run.scenario.digest(),
                             tool_version=__version__)
