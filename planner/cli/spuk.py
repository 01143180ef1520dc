"""``planner spuk``: the SPUK euros per municipality, from a fresh plan or from a plan folder (``planner plan --out``).

A plan folder is read back from its ``sites.csv`` (the places per site and period), ``municipalities.csv`` (the
tasks the plan used) and ``scenario.resolved.json`` (the SPUK settings and the sites); the folder's digest must match
its ``result.json`` and, when a SCENARIO is named too, that scenario — otherwise the folder is stale and we say so.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from planner.cli.common import (
    AllowOutsideOpt,
    Format,
    FormatOpt,
    LangOpt,
    ScenarioArg,
    WideOpt,
    emit,
    language,
    load_or_exit,
    say,
)
from planner.cli.outputs import file_output
from planner.outcome import outcome_of_status

if TYPE_CHECKING:
    from planner.io.plan_folder import PlanFiles
    from planner.journeys.plan import PlanJson
    from planner.report.output import JsonObject
    from planner.report.xlsx import Cell
    from planner.rules.spuk import SpukResult

PlanDirOpt = Annotated[
    Path | None,
    typer.Option("--plan", help="Plan folder written by 'planner plan --out DIR' (instead of planning afresh)."),
]
XlsxOpt = Annotated[
    Path | None,
    typer.Option("--xlsx", help="Also write the result as an Excel workbook.", callback=file_output("--xlsx", ".xlsx")),
]


def resolved_digest(resolved: JsonObject) -> str:
    """The digest of a resolved scenario as :meth:`Scenario.digest` computes it."""
    blob = json.dumps(resolved, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PlanDir:
    """A plan folder read back: the result JSON, the resolved scenario and its digest."""

    path: Path
    result: PlanJson
    """As :func:`planner.journeys.plan.plan_json` wrote it (the manifest's SHA-256 vouches for that)."""
    resolved: JsonObject
    digest: str
    sites: list[dict[str, str]]


def _json_of(files: PlanFiles, name: str) -> JsonObject:
    try:
        data = json.loads(files.text(name))
    except KeyError:
        say("plan_file_missing", path=files.path / name, folder=files.path)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        say("plan_file_unreadable", path=files.path / name, reason=exc)
    if not isinstance(data, dict):
        say("plan_file_not_result", path=files.path / name)
    return data


def read_plan_dir(folder: Path, expected_digest: str | None = None) -> PlanDir:
    """Read a plan folder; a user error (missing file, a folder that does not match its manifest, a stale or
    mismatched digest) ends in a clear message. Every file is read once and checked against the manifest
    (:func:`planner.io.plan_folder.read_plan_folder`), so a folder that mixes two runs is never used."""
    from planner.io import read_csv
    from planner.io.plan_folder import read_plan_folder

    files = read_plan_folder(folder)  # raises NotAPlanFolder (exit 2) for a missing, partial or mixed folder
    result = cast("PlanJson", _json_of(files, "result.json"))
    resolved = _json_of(files, "scenario.resolved.json")
    digest = resolved_digest(resolved)
    stated = result.get("scenario_digest")
    if stated != digest or files.manifest.get("scenario_digest") != digest:
        say("plan_folder_mixed", folder=folder, digest=digest[:12], stated=str(stated)[:12])
    if expected_digest is not None and expected_digest != digest:
        say("plan_folder_stale", folder=folder, digest=digest[:12], expected=expected_digest[:12])
    if not result.get("plan"):
        say("plan_folder_no_plan", outcome_of_status(str(result.get("status"))), folder=folder,
            status=result.get("status"))
    try:
        sites = read_csv(files.text("sites.csv"))
    except (KeyError, UnicodeDecodeError) as exc:
        say("plan_file_unreadable", path=folder / "sites.csv", reason=exc)
    return PlanDir(folder, result, resolved, digest, sites)


def spuk_of_plan_dir(pd: PlanDir) -> SpukResult:
    """SPUK recomputed from a plan folder's places, with the settings and sites of its resolved scenario."""
    from pydantic import ValidationError

    from planner.rules.spuk import compute_spuk
    from planner.scenario.schema import ScenarioFile, SiteRow

    try:
        settings = ScenarioFile.model_validate(pd.resolved["settings"])
        sites = {s["id"]: SiteRow.model_validate(s) for s in pd.resolved.get("sites", [])}
    except (ValidationError, KeyError, TypeError) as exc:
        say("resolved_invalid", path=pd.path / "scenario.resolved.json", reason=exc)
    periods = [str(p) for p in pd.result.get("periods", [])]
    if not periods:
        say("result_no_periods", path=pd.path / "result.json")
    ref = periods[min(settings.spuk.reference_period, len(periods) - 1)]
    places: dict[str, int] = {}
    for r in pd.sites:
        if r.get("period") == ref and r.get("id") in sites:
            try:
                places[r["id"]] = int(r.get("places") or 0)
            except ValueError:
                say("site_places_not_whole", path=pd.path / "sites.csv", site=r["id"], places=repr(r.get("places")))
    munis: dict[str, tuple[str, int]] = {}
    for m in pd.result.get("municipalities", []):
        if str(m.get("period")) == ref:
            munis[m["code"]] = (m["name"], int(m["task_regular"]) + int(m["task_amv"]))
    return compute_spuk(settings.spuk, settings.cycle, munis, places, sites)


def command(
    scenario: ScenarioArg = None,
    plan: PlanDirOpt = None,
    xlsx: XlsxOpt = None,
    lang: LangOpt = None,
    fmt: FormatOpt = Format.table,
    allow_outside: AllowOutsideOpt = False,
    _wide: WideOpt = False,
) -> None:
    """SPUK per municipality: SPUK 1 (durable places above the own total task × rate), SPUK 2 (special places ×
    rate), the SPUK 3 share, the choice (SPUK 1 instead of SPUK 3 where it pays more), the totals and the province's
    amount. From a fresh plan of SCENARIO, or from a plan folder (--plan DIR)."""
    from planner import __version__

    checked = None  # the scenario whose warnings go into the workbook's 'controles'
    if plan is not None:
        checked = load_or_exit(scenario, allow_outside) if scenario is not None else None
        expected = checked.digest() if checked is not None else None
        pd = read_plan_dir(plan, expected)
        spuk = spuk_of_plan_dir(pd)
        name = str(pd.result.get("scenario", ""))
        meta: dict[str, Cell] = {
            "scenario": name,
            "scenario_digest": pd.digest,
            "tool_version": __version__,
            "source": f"plan folder {plan}",
            "solver": pd.result.get("solver"),
            "solver_version": pd.result.get("solver_version"),
            "status": pd.result.get("status"),
            "gap": pd.result.get("gap"),
            "seconds": pd.result.get("seconds"),
        }
        period = pd.result["periods"][min(spuk_ref(pd.resolved), len(pd.result["periods"]) - 1)]
        words = language(lang or pd.resolved.get("settings", {}).get("scenario", {}).get("language"))
    else:
        from planner.cli.plan import run_or_exit, solve_settings
        from planner.report.xlsx import run_meta

        s = checked = load_or_exit(scenario, allow_outside)
        run = run_or_exit(s, solve_settings(s, None, None, None, None, None))
        if run.spuk is None or run.plan is None:
            say("spuk_no_plan", outcome_of_status(run.status), status=run.status)
        spuk = run.spuk
        name = s.name
        meta = run_meta(run)
        period = run.plan.periods[min(s.settings.spuk.reference_period, len(run.plan.periods) - 1)]
        words = language(lang, s)
    if xlsx is not None:
        from planner.report.xlsx import write_spuk_xlsx

        write_spuk_xlsx(xlsx, spuk, meta, checked, lang=words)
    spuk_json = spuk.as_dict()
    data = {"scenario": name, "scenario_digest": meta["scenario_digest"], "reference_period": period, **spuk_json}

    def table(con: Any) -> None:
        from planner.report.tables import spuk_summary, spuk_table
        from planner.report.words import term

        con.print(spuk_table(spuk, term(words, "spuk_title", name=name, p=period), words))
        for line in spuk_summary(spuk, words):
            con.print(line)
        if xlsx is not None:
            con.print(term(words, "written_to", path=xlsx), style="dim", markup=False)

    emit(data, fmt, spuk_json["municipalities"], table)


def spuk_ref(resolved: JsonObject) -> int:
    return int(resolved.get("settings", {}).get("spuk", {}).get("reference_period", 0))
