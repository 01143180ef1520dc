"""What a worker computes for a page: each function runs in a worker process (:mod:`planner.web.jobs`) and
returns plain, picklable data — the journeys' JSON and SVG. Nothing here decides or formats numbers on its own:
plans are :func:`planner.journeys.plan.plan_scenario` with :func:`~planner.journeys.plan.plan_json` (the JSON of
``planner plan``), differences :func:`~planner.journeys.compare.compare_runs` (``planner compare``), explanations
:func:`~planner.explain.explain.explain_scenario` (``planner explain``), maps :func:`planner.report.mapping.task_map`
and downloads :mod:`planner.report`."""

from __future__ import annotations

import collections
import dataclasses
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

if TYPE_CHECKING:
    from planner.explain.explain import ExplainJson
    from planner.journeys.allocation import AllocationJson
    from planner.journeys.compare import Comparison
    from planner.journeys.plan import PlanJson, PlanRun
    from planner.report.output import JsonObject
    from planner.scenario.load import Scenario


class PlanView(TypedDict):
    data: PlanJson
    map: str


class WhatIfView(TypedDict):
    data: PlanJson
    compare: Comparison
    explain: ExplainJson | None
    """``planner explain``'s answer when the what-if is infeasible."""
    map: str


class CompareView(TypedDict):
    data: Comparison
    maps: list[str]


class AllocationView(TypedDict):
    checked: bool
    problems: list[dict[str, object]]
    """:meth:`planner.scenario.problems.Problem.as_dict` of each problem of the file."""
    data: NotRequired[AllocationJson]
    sentences: NotRequired[list[str]]


def warm_up() -> None:
    """Load what every worker needs (the journeys, matplotlib for the downloads' charts, the solver, every
    province's map outlines) once in the forkserver (:mod:`planner.web.preload`), so each worker starts with it."""
    import matplotlib.figure  # noqa: F401

    import planner.journeys.compare
    import planner.journeys.plan  # noqa: F401
    from planner.report.map_svg import frame
    from planner.report.mapping import municipality_shapes
    from solvers import available_solvers

    available_solvers()
    for province in sorted({f["properties"]["province"] for f in municipality_shapes()}):
        frame((province,))


RUNS_KEPT = 4
"""Plans a worker keeps by scenario digest (a what-if's base is planned once, not on every what-if)."""
_runs: collections.OrderedDict[str, PlanRun] = collections.OrderedDict()


def _run(scenario: Scenario) -> PlanRun:
    """``planner plan``'s run of ``scenario``; a worker keeps its last :data:`RUNS_KEPT` by digest, which covers
    every input of the plan, so the same digest is never planned twice by one worker."""
    from planner.journeys.plan import plan_scenario

    digest = scenario.digest()
    known = _runs.get(digest)
    if known is not None:
        _runs.move_to_end(digest)
        return dataclasses.replace(known, scenario=scenario)  # the same plan, under this scenario's name and path
    run = plan_scenario(scenario)
    _runs[digest] = run
    while len(_runs) > RUNS_KEPT:
        _runs.popitem(last=False)
    return run


def plan_map(data: Mapping[str, Any], lang: str, title: str, prefix: str = "map") -> str:
    """The report's map (coverage of each municipality's own task, colour and hatching) for a plan's JSON, drawn
    on geometry prepared once (:mod:`planner.report.map_svg`); empty without a plan."""
    from planner.report.html import coverage
    from planner.report.map_svg import task_map_svg

    munis = data["municipalities"]
    if not munis:
        return ""
    names = {r["code"]: r["name"] for r in munis}
    return task_map_svg(coverage(munis), names, sorted({r["province"] for r in munis}), lang, title=title,
                        prefix=prefix)


def plan_view(scenario: Scenario, lang: str) -> PlanView:
    """The scenario view: ``planner plan``'s JSON and the map."""
    from planner.journeys.plan import plan_json

    data = plan_json(_run(scenario))
    return {"data": data, "map": plan_map(data, lang, scenario.name)}


def whatif_view(base: Scenario, whatif: Scenario, lang: str) -> WhatIfView:
    """A what-if against its base: its plan and map, ``planner compare``'s differences, and, when it is
    infeasible, ``planner explain``'s sentences and minimum-violation plan."""
    from planner.journeys.compare import compare_runs
    from planner.journeys.plan import plan_json

    base_run, run = _run(base), _run(whatif)
    data = plan_json(run)
    out: WhatIfView = {"data": data, "compare": compare_runs(base_run, [run]), "explain": None,
                           "map": plan_map(data, lang, whatif.name)}
    if run.status == "infeasible":
        from planner.explain.explain import explain_scenario

        out["explain"] = explain_scenario(whatif, solver=run.settings.solver, time_limit=run.settings.time_limit,
                                          language=lang).as_dict()
    return out


def compare_view(scenarios: Sequence[Scenario], lang: str) -> CompareView:
    """Up to four scenarios side by side (the first is the base): ``planner compare``'s JSON and one map each."""
    from planner.journeys.compare import compare_runs
    from planner.journeys.plan import plan_json

    runs = [_run(s) for s in scenarios]
    return {"data": compare_runs(runs[0], runs[1:]),
            "maps": [plan_map(plan_json(r), lang, r.scenario.name, f"map{i}") for i, r in enumerate(runs)]}


def download(scenario: Scenario, kind: str, warnings: Sequence[Mapping[str, Any]], lang: str) -> bytes:
    """A download of the scenario's plan: ``xlsx`` (the workbook of ``planner plan --xlsx``), ``csv`` (the
    municipality rows of ``planner plan --format csv``) or ``html`` (the report of ``planner report``)."""
    from planner.journeys.plan import plan_json

    run = _run(scenario)
    data = plan_json(run)
    if kind == "xlsx":
        from planner.report.xlsx import write_plan_xlsx

        with tempfile.TemporaryDirectory(prefix="planner-serve-") as tmp:
            path = Path(tmp) / "plan.xlsx"
            write_plan_xlsx(path, run, data, lang=lang)
            return path.read_bytes()
    if kind == "csv":
        from planner.io.csvtext import to_csv

        return to_csv(data["municipalities"]).encode("utf-8")
    if kind == "html":
        from planner.report.html import render_plan_report

        return render_plan_report(data, scenario.resolved_dict(), lang, list(warnings)).encode("utf-8")
    raise ValueError(f"unknown download {kind!r}")


def compare_download(scenarios: Sequence[Scenario], kind: str, lang: str) -> bytes:
    """A download of a side-by-side view, as ``planner compare`` writes it: ``xlsx`` (``--xlsx``), ``csv``
    (``--csv``: one row per scenario, municipality, task and period) or ``html`` (``planner report --compare``)."""
    from planner.journeys.compare import CSV_COLUMNS, compare_csv_rows, compare_runs

    runs = [_run(s) for s in scenarios]
    data = compare_runs(runs[0], runs[1:])
    if kind == "xlsx":
        from planner.report.xlsx import write_json_result_xlsx

        with tempfile.TemporaryDirectory(prefix="planner-serve-") as tmp:
            path = Path(tmp) / "compare.xlsx"
            write_json_result_xlsx(path, data, "compare", scenarios, runs, lang=lang)
            return path.read_bytes()
    if kind == "csv":
        from planner.io.csvtext import to_csv

        return to_csv([dict(r) for r in compare_csv_rows(data)], list(CSV_COLUMNS)).encode("utf-8")
    if kind == "html":
        from planner.report.html import render_compare_report

        return render_compare_report(data, lang).encode("utf-8")
    raise ValueError(f"unknown download {kind!r}")


def duty_view(scenario: Scenario, code: str, site: str | None, places: int | None, offer: int | None,
              lang: str) -> JsonObject:
    """``planner check-duty`` as the form asks it: the JSON of :meth:`planner.api.Scenario.check_duty`."""
    from planner.api import Scenario as ApiScenario
    from planner.scenario.problems import Problems

    return ApiScenario(scenario, Problems()).check_duty(code, site=site, places=places, offer=offer,
                                                        lang=lang).as_dict()


def allocation_view(scenario: Scenario, csv_text: str, lang: str) -> AllocationView:
    """``planner check-allocation`` on an uploaded CSV: the verdict, every violation and its sentence; or the
    problems of the file (row and field) when it cannot be checked."""
    from planner.explain.sentences import allocation_sentences
    from planner.journeys.allocation import check_allocation_file

    with tempfile.TemporaryDirectory(prefix="planner-serve-") as tmp:
        path = Path(tmp) / "allocation.csv"
        path.write_text(csv_text, encoding="utf-8")
        check, problems = check_allocation_file(scenario, path)
    found = [p.as_dict() | {"file": "allocation.csv", "field": p.field_text(lang), "message": p.text(lang)}
             for p in problems]  # said in the page's language (the dict's own message is English)
    if check is None:
        return {"checked": False, "problems": found}
    return {"checked": True, "problems": found, "data": check.as_dict(),
            "sentences": allocation_sentences(check.violations, lang)}


def verdeelbesluit_view(scenario: Scenario, lang: str) -> dict[str, Any]:
    """``planner verdeelbesluit``: the JSON of :meth:`planner.api.Scenario.verdeelbesluit` (offers binding, the
    restopgave shared, every allocation checked), and its allocation as the CSV ``check-allocation`` reads."""
    from planner.api import Scenario as ApiScenario
    from planner.io.csvtext import to_csv
    from planner.scenario.problems import Problems

    data = ApiScenario(scenario, Problems()).verdeelbesluit(lang=lang).as_dict()
    rows = [{"code": r["code"], "category": r["category"], "places": r["places"], "year": r["period"]}
            for r in data["allocation"]]
    return {"data": data, "csv": to_csv(rows, ["code", "category", "places", "year"])}
