"""The compare journey: plan a base scenario and its what-ifs, and set them side by side.

Each scenario is planned on its own with :func:`planner.journeys.plan.plan_scenario`. :func:`compare_runs` turns the
runs into plain data (the terminal, JSON, CSV, Excel and HTML reports all format this one dict): which inputs
changed, places per municipality, category and period with the difference from the base, duty status and
shortfalls, the province's closure per period, the small-unit share and the SPUK euros. A scenario without a plan
(infeasible, or no solution within the limits) shows its status and no numbers — only, for closure, the most
places its sites and offers could give at all, clearly labelled as a bound, not a plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, NotRequired, TypedDict

from planner.journeys.diff import ChangeSet, scenario_diff
from planner.journeys.plan import PlanRun, SolveSettings, plan_scenario
from planner.model.build import AllocationModel
from planner.model.plan import places_short, province_task_figures, task_figures
from planner.scenario.load import Scenario

CSV_COLUMNS = ("scenario", "status", "code", "name", "category", "period", "places", "task", "shortfall",
               "delta_vs_base")
SPUK_KEYS = ("spuk1", "spuk2", "spuk3", "municipalities_total")

Verdict = Literal["closes", "short", "cannot_close", "no_plan"]
"""The one closure verdict of a province row, worded by every report: closes or short (from a plan); cannot close
(even the most its sites and offers allow is below the task) or no plan although the sites would suffice."""


class Bound(TypedDict):
    """The most places the program allows at all, per province, task and period (an upper bound, not a plan)."""

    province: str
    category: str
    period: str
    task: int
    most_possible: int
    short_at_least: int


class ScenarioInfo(TypedDict):
    scenario: str
    role: Literal["base", "what-if"]
    path: str
    description: str
    status: str
    plan: bool
    message: str
    limit: str
    periods: list[str]
    seconds: float
    digest: str


class PlacesRow(TypedDict):
    """Places of one scenario, municipality, task and period, with the difference from the base."""

    scenario: str
    code: str
    name: str
    province: str
    category: str
    period: str
    places: int
    transfer: int
    task: int
    limit: int | None
    shortfall: int
    duty: Literal["met", "short"]
    delta: int | None
    delta_shortfall: int | None


class DutyRow(TypedDict):
    scenario: str
    period: str
    municipalities_short: int
    short_codes: list[str]
    shortfall_regular: int
    shortfall_amv: int
    shortfall_total: NotRequired[int]
    """Under ``rules.counting = total`` only: the total task's shortfall (then ``shortfall_regular`` is 0)."""


class ProvinceRow(TypedDict):
    """Closure of one province, task and period in one scenario: the plan's numbers when there is a plan (else
    None), always the bound, and the verdict."""

    scenario: str
    plan: bool
    province: str
    category: str
    period: str
    task: int
    planned: int | None
    surplus: int | None
    closes: bool | None
    short_by: int | None
    most_possible: int
    short_at_least: int
    verdict: Verdict
    delta: int | None


class SmallScaleRow(TypedDict):
    scenario: str
    province: str
    period: str
    small_scale_places: int
    share: float | None
    delta: float | None


class SpukMunicipality(TypedDict):
    code: str
    name: str
    choice: str
    spuk1: int
    spuk2: int
    spuk3: int
    total: int
    delta: int | None


class SpukEntry(TypedDict):
    """SPUK euros of one scenario (None without a plan) with the differences from the base."""

    scenario: str
    plan: bool
    province_amount: int | None
    spuk1: int | None
    spuk2: int | None
    spuk3: int | None
    municipalities_total: int | None
    delta: dict[str, int] | None
    municipalities: list[SpukMunicipality]


class Comparison(TypedDict):
    """What :func:`compare_runs` returns: the JSON of ``planner compare`` and the input of every compare report."""

    base: str
    scenarios: list[ScenarioInfo]
    changes: list[ChangeSet]
    places: list[PlacesRow]
    duty: list[DutyRow]
    province: list[ProvinceRow]
    small_scale: list[SmallScaleRow]
    spuk: list[SpukEntry]
    notices: list[dict[str, object]]
    """Per scenario what its planning data decided that users must be told (``scenario`` + ``Notice.as_dict``)."""


class CsvRow(TypedDict, total=False):
    scenario: str
    status: str
    code: str
    name: str
    category: str
    period: str
    places: int
    task: int
    shortfall: int
    delta_vs_base: int | None


def capacity_bound(model: AllocationModel) -> list[Bound]:
    """Per province, task and period the most places the program allows at all: per municipality
    ``min(Σ capacity of its sites available in the period, its offer)``. An upper bound, not a plan: when it is
    below the task the province cannot close, whatever the goals."""
    out: list[Bound] = []
    for prov in model.provinces:
        codes = [c for c, mu in model.munis.items() if mu.province == prov]
        for k in model.data.checks:  # regular and AMV, or the total with AMV as a sub-check (rules.counting)
            task = sum(model.munis[c].task[k] for c in codes)
            for p in model.periods:
                most = sum(model.data.most_possible(c, k, p.name) for c in codes)
                out.append({"province": prov, "category": k, "period": p.name, "task": task, "most_possible": most,
                            "short_at_least": max(0, task - most)})
    return out


def _labels(runs: Sequence[PlanRun]) -> list[str]:
    """Scenario names, made unique (a repeated name gets ' (2)')."""
    seen: dict[str, int] = {}
    out = []
    for r in runs:
        name = r.scenario.name
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _places(run: PlanRun, label: str) -> dict[tuple[str, str, str], PlacesRow]:
    rows: dict[tuple[str, str, str], PlacesRow] = {}
    if run.plan is None:
        return rows
    for r in run.plan.municipalities:
        for k in run.model.data.checks:
            f = task_figures(r, k)
            rows[(r["code"], k, r["period"])] = {
                "scenario": label,
                "code": r["code"],
                "name": r["name"],
                "province": r["province"],
                "category": k,
                "period": r["period"],
                "places": f.planned,
                "transfer": f.transfer,
                "task": f.task,
                "limit": f.limit,
                "shortfall": f.shortfall,
                "duty": "met" if f.shortfall == 0 else "short",
                "delta": None,
                "delta_shortfall": None,
            }
    return rows


def _province(run: PlanRun, label: str) -> list[ProvinceRow]:
    """Closure rows of one scenario; every row carries the bound too, so the JSON has one shape."""
    bounds = {(b["province"], b["category"], b["period"]): b for b in capacity_bound(run.model)}
    if run.plan is None:
        return [{"scenario": label, "plan": False, "province": b["province"], "category": b["category"],
                 "period": b["period"], "task": b["task"], "planned": None, "surplus": None, "closes": None,
                 "short_by": None, "most_possible": b["most_possible"], "short_at_least": b["short_at_least"],
                 "verdict": "cannot_close" if b["short_at_least"] else "no_plan", "delta": None}
                for b in bounds.values()]
    out: list[ProvinceRow] = []
    for p in run.plan.province:
        for k in run.model.data.checks:
            f = province_task_figures(p, k)
            planned, task = f.planned, f.task
            b = bounds[(p["province"], k, p["period"])]
            out.append({"scenario": label, "plan": True, "province": p["province"], "category": k,
                        "period": p["period"], "task": task, "planned": planned, "surplus": planned - task,
                        "closes": planned >= task, "short_by": max(0, task - planned),
                        "most_possible": b["most_possible"], "short_at_least": b["short_at_least"],
                        "verdict": "closes" if planned >= task else "short", "delta": None})
    return out


def compare_runs(base_run: PlanRun, runs: Sequence[PlanRun]) -> Comparison:
    """The comparison of ``runs`` (what-ifs) against ``base_run`` as JSON-able data.

    Keys: ``scenarios`` (status per scenario), ``changes`` (parameter diff of each what-if against the base),
    ``places`` (per scenario, municipality, category and period: places, task, shortfall, duty, ``delta`` vs base),
    ``duty`` (per scenario and period: how many municipalities fall short and the total shortfall),
    ``province`` (closure per period; for a scenario without a plan the capacity bound instead), ``small_scale``
    (share of places in small-scale sites per period), ``spuk`` (euros per scheme and municipality, with deltas).
    Deltas are None where the base has no plan or not that period.
    """
    all_runs = [base_run, *runs]
    labels = _labels(all_runs)
    base_label = labels[0]
    scenarios: list[ScenarioInfo] = []
    for i, (run, label) in enumerate(zip(all_runs, labels, strict=True)):
        scenarios.append({
            "scenario": label,
            "role": "base" if i == 0 else "what-if",
            "path": str(run.scenario.path),
            "description": run.scenario.settings.scenario.description,
            "status": run.status,
            "plan": run.plan is not None,
            "message": run.solution.message,
            "limit": run.solution.limit,
            "periods": [p.name for p in run.model.periods],
            "seconds": round(run.solution.seconds, 4),
            "digest": run.scenario.digest(),
        })
    changes = [scenario_diff(base_run.scenario, run.scenario, label) for run, label in zip(runs, labels[1:],
                                                                                             strict=True)]

    base_places = _places(base_run, base_label)
    places: list[PlacesRow] = []
    for run, label in zip(all_runs, labels, strict=True):
        for key, row in _places(run, label).items():
            ref = base_places.get(key)
            row["delta"] = None if ref is None else row["places"] - ref["places"]
            row["delta_shortfall"] = None if ref is None else row["shortfall"] - ref["shortfall"]
            places.append(row)

    duty: list[DutyRow] = []
    for run, label in zip(all_runs, labels, strict=True):
        if run.plan is None:
            continue
        for period in run.plan.periods:
            rows = [r for r in places if r["scenario"] == label and r["period"] == period]
            short = sorted({r["code"] for r in rows if r["shortfall"]})
            duty.append({"scenario": label, "period": period, "municipalities_short": len(short),
                         "short_codes": short,
                         "shortfall_regular": sum(r["shortfall"] for r in rows if r["category"] == "regular"),
                         "shortfall_amv": sum(r["shortfall"] for r in rows if r["category"] == "amv")})
            if "total" in run.model.data.checks:
                duty[-1]["shortfall_total"] = sum(r["shortfall"] for r in rows if r["category"] == "total")

    province: list[ProvinceRow] = []
    base_prov = {(r["province"], r["category"], r["period"]): r for r in _province(base_run, base_label)}
    for run, label in zip(all_runs, labels, strict=True):
        for prow in _province(run, label):
            pref = base_prov.get((prow["province"], prow["category"], prow["period"]))
            if pref is not None and pref["planned"] is not None and prow["planned"] is not None:
                prow["delta"] = prow["planned"] - pref["planned"]
            province.append(prow)

    small: list[SmallScaleRow] = []
    base_small = {(p["province"], p["period"]): p for p in base_run.plan.province} if base_run.plan else {}
    for run, label in zip(all_runs, labels, strict=True):
        if run.plan is None:
            continue
        for p in run.plan.province:
            sref = base_small.get((p["province"], p["period"]))
            share = p["small_scale_share"]
            delta = None
            if sref is not None and share is not None and sref["small_scale_share"] is not None:
                delta = share - sref["small_scale_share"]
            small.append({"scenario": label, "province": p["province"], "period": p["period"],
                          "small_scale_places": p["small_scale_places"], "share": share, "delta": delta})

    spuk: list[SpukEntry] = []
    base_spuk = base_run.spuk
    for run, label in zip(all_runs, labels, strict=True):
        sp = run.spuk
        if sp is None:
            spuk.append({"scenario": label, "plan": False, "province_amount": None, "spuk1": None, "spuk2": None,
                         "spuk3": None, "municipalities_total": None, "delta": None, "municipalities": []})
            continue
        ref_rows = {r.code: r for r in base_spuk.rows} if base_spuk is not None else {}
        spuk.append({
            "scenario": label, "plan": True, "province_amount": sp.province_amount, "spuk1": sp.spuk1,
            "spuk2": sp.spuk2, "spuk3": sp.spuk3, "municipalities_total": sp.municipalities_total,
            "delta": ({s: getattr(sp, s) - getattr(base_spuk, s) for s in SPUK_KEYS}
                      if base_spuk is not None else None),
            "municipalities": [
                {"code": r.code, "name": r.name, "choice": r.choice, "spuk1": r.spuk1, "spuk2": r.spuk2,
                 "spuk3": r.spuk3, "total": r.total,
                 "delta": (r.total - ref_rows[r.code].total) if r.code in ref_rows else None}
                for r in sp.rows
            ],
        })

    return {
        "base": base_label,
        "scenarios": scenarios,
        "changes": changes,
        "places": places,
        "duty": duty,
        "province": province,
        "small_scale": small,
        "spuk": spuk,
        "notices": [{"scenario": label, **n.as_dict()} for run, label in zip(all_runs, labels, strict=True)
                    for n in run.model.data.notices],
    }


def own_shortfalls(places: Sequence[Mapping[str, Any]]) -> dict[tuple[str, str, str], tuple[int, int]]:
    """Per (scenario, code, period) a municipality's own total task and the fewest places that would meet its duty,
    its place rows (one per task) folded into one plan-like row so the reading decides as in the plan
    (:func:`planner.model.plan.places_short`): separate, regular + AMV; under ``rules.counting = total`` the total
    task and the larger of the total and the AMV shortfall (the AMV task is part of the total, never added to it)."""
    rows: dict[tuple[str, str, str], dict[str, int]] = {}
    for r in places:
        row = rows.setdefault((r["scenario"], r["code"], r["period"]),
                              {"task_regular": 0, "task_amv": 0, "shortfall_regular": 0, "shortfall_amv": 0})
        row[f"task_{r['category']}"], row[f"shortfall_{r['category']}"] = r["task"], r["shortfall"]
    return {key: (row["task_total"] if "task_total" in row else row["task_regular"] + row["task_amv"],
                  places_short(row)) for key, row in rows.items()}


def notices_by_scenario(data: Comparison) -> list[tuple[str, list[dict[str, object]]]]:
    """Per scenario (in order) the notices a compare report shows: all of the base's, and of each what-if only
    those the base does not have (``Notice.as_dict`` without the ``scenario`` key)."""

    def of(label: str) -> list[dict[str, object]]:
        return [{k: v for k, v in n.items() if k != "scenario"} for n in data["notices"] if n["scenario"] == label]

    base = of(data["base"])
    return [(s["scenario"], [n for n in of(s["scenario"]) if i == 0 or n not in base])
            for i, s in enumerate(data["scenarios"])]


def compare_csv_rows(data: Comparison) -> list[CsvRow]:
    """The long table: one row per scenario, municipality, category and period (columns :data:`CSV_COLUMNS`); a
    scenario without a plan is one row with its status and no numbers."""
    status = {s["scenario"]: s["status"] for s in data["scenarios"]}
    out: list[CsvRow] = []
    for s in data["scenarios"]:
        label = s["scenario"]
        if not s["plan"]:
            out.append({"scenario": label, "status": status[label]})
            continue
        for r in data["places"]:
            if r["scenario"] == label:
                out.append({"scenario": label, "status": status[label], "code": r["code"], "name": r["name"],
                            "category": r["category"], "period": r["period"], "places": r["places"],
                            "task": r["task"], "shortfall": r["shortfall"], "delta_vs_base": r["delta"]})
    return out


def compare_scenarios(
    base: Scenario, others: Sequence[Scenario], settings: SolveSettings | None = None
) -> tuple[PlanRun, list[PlanRun]]:
    """Plan the base and every what-if, each as its own scenario (with ``settings`` when given, else each
    scenario's own solver settings)."""
    base_run = plan_scenario(base, settings)
    return base_run, [plan_scenario(s, settings) for s in others]
