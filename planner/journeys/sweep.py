"""The sweep journey: plan many variations of one scenario's settings, in parallel, and tabulate them.

A variation is a set of dotted settings keys with values (``{"cycle.national_need": 100000}``). Each is a resolved
scenario built in memory by :func:`scenario_with`: the same deep merge as ``extends`` in
:mod:`planner.scenario.load`, then :class:`~planner.scenario.schema.ScenarioFile` validation and every scenario
check again. Variations run on local processes (spawn-safe top-level functions) or on Dask distributed; both give
the same rows. Each row is keyed by a hash of its variation so an interrupted sweep can resume.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from itertools import product
from pathlib import Path
from typing import Any, TypedDict

import numpy as np
from pydantic import BaseModel, TypeAdapter, ValidationError

from planner.model.plan import province_task_figures
from planner.outcome import PlannerError
from planner.scenario.load import Scenario, deep_merge, model_at
from planner.scenario.problems import Msg, Problems, ScenarioError, pydantic_msg
from planner.scenario.schema import ScenarioFile

Cell = str | int | float | bool | None
"""One value in a sweep: a varied setting (as JSON gives it) or a result column."""
Overrides = dict[str, Cell]
"""One variation: dotted setting key (``cycle.national_need``) → value."""
SweepRow = dict[str, Cell]
"""One variation's result, a wide row: ``variation``, the varied keys, ``status``, ``plan``, ``message``, per period
``task_*``/``closes_*``/``surplus_*`` per task the plan checks (``regular`` and ``amv``; under ``rules.counting =
total`` ``total`` and ``amv``), ``small_scale_share_*``, ``total_shortfall``, ``spuk_total``, ``seconds``."""


class SweepResult(TypedDict):
    """The JSON of ``planner sweep``."""

    varied: list[str]
    variations: int
    rows: list[SweepRow]


NOT_VARIABLE = ("scenario", "tables", "changes")
"""Sections a sweep may not vary: names, table paths and what-if edits are not parameters."""
MAX_VARIATIONS = 10_000
TEXT_COLUMNS = ("variation", "base", "status", "message", "periods")


class SweepError(PlannerError):
    """A --vary specification or a variation that cannot be used; the message says why."""


def field_annotation(key: str) -> Any:
    """The type of the settings field named by a dotted key (``cycle.national_need`` → ``int``); a clear
    :class:`SweepError` naming the known keys when there is no such field."""
    parts = key.split(".")
    if len(parts) != 2 or parts[0] in NOT_VARIABLE:
        sections = [k for k, f in ScenarioFile.model_fields.items()
                    if k not in NOT_VARIABLE and isinstance(f.annotation, type) and issubclass(f.annotation, BaseModel)]
        raise SweepError.of("vary_not_a_setting", key=key, sections=", ".join(sections))
    holder = model_at(ScenarioFile, (parts[0],))
    if holder is None:
        raise SweepError.of("vary_unknown_section", section=parts[0], key=key)
    if parts[1] not in holder.model_fields:
        import difflib

        known = list(holder.model_fields)
        close = difflib.get_close_matches(parts[1], known, n=1)
        hint = Msg.of("vary_did_you_mean", guess=f"{parts[0]}.{close[0]}") if close else ""
        raise SweepError.of("vary_unknown_key", key=key, hint=hint, section=parts[0], known=", ".join(known))
    return holder.model_fields[parts[1]].annotation


def _number(text: str) -> Decimal:
    try:
        return Decimal(text.strip().replace("_", ""))
    except InvalidOperation as exc:
        raise SweepError.of("vary_not_a_number", text=text) from exc


def parse_vary(spec: str) -> tuple[str, list[Any]]:
    """``key=start:stop:step`` (inclusive range) or ``key=a,b,c`` (list) → the key and its typed values."""
    if "=" not in spec:
        raise SweepError.of("vary_form", spec=spec)
    key, _, raw = spec.partition("=")
    key = key.strip()
    ann = field_annotation(key)
    adapter: TypeAdapter[Any] = TypeAdapter(ann)
    raw = raw.strip()
    texts: list[Any]
    if raw.count(":") == 2 and "," not in raw:
        start, stop, step = (_number(p) for p in raw.split(":"))
        if step <= 0:
            raise SweepError.of("vary_step", spec=spec)
        if stop < start:
            raise SweepError.of("vary_stop_below", spec=spec, stop=str(stop), start=str(start))
        count = int((stop - start) / step) + 1
        if count > MAX_VARIATIONS:
            raise SweepError.of("vary_too_many", spec=spec, count=count, max=MAX_VARIATIONS)
        texts = [start + i * step for i in range(count)]
        texts = [int(v) if v == v.to_integral_value() else float(v) for v in texts]
    else:
        texts = [t.strip() for t in raw.split(",") if t.strip()]
        if not texts:
            raise SweepError.of("vary_no_values", spec=spec)
    values = []
    for t in texts:
        try:
            value = adapter.validate_strings(t) if isinstance(t, str) else adapter.validate_python(t)
        except ValidationError as exc:
            problem = pydantic_msg(exc.errors()[0], key, got=repr(t))
            raise SweepError.of("vary_value_misfit", spec=spec, value=str(t), key=key, problem=problem) from exc
        values.append(adapter.dump_python(value, mode="json"))
    return key, values


def grid(specs: Sequence[str]) -> list[Overrides]:
    """Every combination of the --vary specifications (the first varies slowest)."""
    if not specs:
        raise SweepError.of("vary_none")
    axes = [parse_vary(s) for s in specs]
    keys = [k for k, _ in axes]
    if len(set(keys)) != len(keys):
        raise SweepError.of("vary_twice", keys=", ".join(keys))
    combos = list(product(*(v for _, v in axes)))
    if len(combos) > MAX_VARIATIONS:
        raise SweepError.of("vary_grid_too_large", count=len(combos), max=MAX_VARIATIONS)
    return [dict(zip(keys, c, strict=True)) for c in combos]


def variation_id(overrides: Mapping[str, Cell]) -> str:
    """A stable short hash of a variation (keys sorted), used to resume."""
    blob = json.dumps(overrides, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _nest(overrides: Overrides) -> dict[str, dict[str, Cell]]:
    out: dict[str, dict[str, Cell]] = {}
    for key, value in overrides.items():
        section, _, name = key.partition(".")
        out.setdefault(section, {})[name] = value
    return out


def scenario_with(base: Scenario, overrides: Overrides) -> Scenario:
    """``base`` with its settings overridden by dotted keys, validated as a scenario file and checked again;
    raises :class:`ScenarioError` (every problem) or :class:`SweepError` (an unknown key)."""
    from planner.scenario.checks import run_checks

    for key in overrides:
        field_annotation(key)
    raw = deep_merge(base.settings.model_dump(mode="json"), _nest(overrides))
    problems = Problems()
    try:
        settings = ScenarioFile.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            problems.error("--vary", None, loc, str(err["msg"]).removeprefix("Value error, "))
        raise ScenarioError(problems) from None
    scenario = dataclasses.replace(base, settings=settings)
    run_checks(scenario, problems)
    if problems.has_errors():
        raise ScenarioError(problems)
    return scenario


# ---------------------------------------------------------------------------------------------------------------
# One variation (top-level functions: picklable for spawned processes and Dask workers)


@dataclasses.dataclass(frozen=True)
class WarmStart:
    """The base plan's values and the variable names they belong to: a hint only for an identical layout."""

    var_names: tuple[str, ...]
    values: np.ndarray


def run_variation(base: Scenario, overrides: Overrides, solver: str | None = None,
                  time_limit: float | None = None, warm: WarmStart | None = None) -> SweepRow:
    """Plan one variation and summarise it as one row (never raises for a bad variation: the row says why)."""
    from planner.journeys.plan import SolveSettings, plan_scenario
    from planner.model.build import build_model
    from planner.model.plan import places_short

    started = time.perf_counter()
    row: SweepRow = {"variation": variation_id(overrides), **overrides, "base": base.digest()[:16]}
    try:
        scenario = scenario_with(base, overrides)
    except (ScenarioError, SweepError) as exc:
        problems = exc.problems.errors if isinstance(exc, ScenarioError) else []
        why = "; ".join(f"{p.field}: {p.message}" for p in problems[:3]) or str(exc)
        row.update({"status": "invalid", "plan": False, "message": why, "warm_start": False,
                    "seconds": round(time.perf_counter() - started, 3)})
        return row
    # Built once: its variable names say whether the base plan fits as a hint, and it is the program planned.
    model = build_model(scenario)
    hint = None
    if warm is not None and tuple(model.builder.var_names) == warm.var_names:
        hint = warm.values
    # One process per variation: the sweep runs variations side by side, not the provinces of one; a province the
    # variation does not change is taken from an earlier variation in this process (planner/model/reuse.py).
    settings = SolveSettings.from_scenario(scenario, solver=solver, time_limit=time_limit, workers=1, reuse=True)
    run = plan_scenario(scenario, settings, hint=hint, model=model)
    row.update({"status": run.status, "plan": run.plan is not None, "message": run.solution.message,
                "warm_start": hint is not None})
    periods = [p.name for p in run.model.periods]
    if run.plan is not None:
        for p in run.plan.province:
            for k in run.model.data.checks:  # regular and AMV, or the total and AMV (rules.counting), as the plan
                f = province_task_figures(p, k)
                row[f"task_{k}_{p['period']}"] = f.task
                row[f"closes_{k}_{p['period']}"] = f.closes
                row[f"surplus_{k}_{p['period']}"] = f.surplus
            row[f"small_scale_share_{p['period']}"] = (None if p["small_scale_share"] is None
                                                       else round(p["small_scale_share"], 6))
        # the places that would meet every duty, under the chosen counting reading (as the plan and compare count)
        row["total_shortfall"] = sum(places_short(r) for r in run.plan.municipalities)
        row["spuk_total"] = run.spuk.municipalities_total if run.spuk is not None else None
    else:
        row["total_shortfall"] = None
        row["spuk_total"] = None
        from planner.journeys.compare import capacity_bound

        for b in capacity_bound(run.model):
            row[f"task_{b['category']}_{b['period']}"] = b["task"]
            row[f"closes_{b['category']}_{b['period']}"] = False if b["short_at_least"] else None
            row[f"surplus_{b['category']}_{b['period']}"] = None
    row["periods"] = " ".join(periods)
    row["seconds"] = round(time.perf_counter() - started, 3)
    return row


# ---------------------------------------------------------------------------------------------------------------
# Running many


def _local(base: Scenario, todo: list[Overrides], workers: int, solver: str | None,
           time_limit: float | None, warm: WarmStart | None) -> Iterable[SweepRow]:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor, as_completed

    if workers <= 1:
        for o in todo:
            yield run_variation(base, o, solver, time_limit, warm)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
        futures = [pool.submit(run_variation, base, o, solver, time_limit, warm) for o in todo]
        for f in as_completed(futures):
            yield f.result()


def _dask(base: Scenario, todo: list[Overrides], scheduler: str | None, workers: int, solver: str | None,
          time_limit: float | None, warm: WarmStart | None) -> Iterable[SweepRow]:
    import importlib

    # distributed has no type hints: use it through Any rather than silencing every call.
    try:
        distributed: Any = importlib.import_module("distributed")
    except ModuleNotFoundError:  # an optional extra: a plain `pip install` of the planner does not bring Dask
        raise SweepError.of("dask_missing") from None
    Client, LocalCluster, as_completed = distributed.Client, distributed.LocalCluster, distributed.as_completed
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        base_f = client.scatter(base, broadcast=True)
        futures = [client.submit(run_variation, base_f, o, solver, time_limit, warm, pure=False) for o in todo]
        for f in as_completed(futures):
            yield f.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def read_interim(path: Path) -> list[SweepRow]:
    """Rows of an interim CSV (values parsed back: numbers, true/false, empty → None); [] when absent."""

    if not path.is_file():
        return []

    def parse(v: str) -> Cell:
        if v == "":
            return None
        if v in ("True", "False"):
            return v == "True"
        try:
            return int(v)
        except ValueError:
            pass
        try:
            return float(v)
        except ValueError:
            return v

    from planner.io import read_csv

    # Hashes stay text: '1234e567…' would otherwise read as a number. read_csv undoes the spreadsheet-safe marks.
    rows = read_csv(path.read_text(encoding="utf-8"))
    return [{k: (v if k in TEXT_COLUMNS else parse(v)) for k, v in r.items()} for r in rows]


def columns_of(rows: Sequence[SweepRow], keys: Sequence[str]) -> list[str]:
    """Column order: variation, the varied keys, status, then the rest in first-seen order, seconds last."""
    first = ["variation", *keys, "status", "plan", "base"]
    rest: list[str] = []
    for r in rows:
        for k in r:
            if k not in first and k not in rest and k != "seconds":
                rest.append(k)
    return [*first, *rest, "seconds"]


def sort_rows(rows: list[SweepRow], variations: Sequence[Overrides]) -> list[SweepRow]:
    """Rows in the order of the grid (whatever order the workers finished in)."""
    order = {variation_id(v): i for i, v in enumerate(variations)}
    return sorted(rows, key=lambda r: order.get(str(r.get("variation")), len(order)))


def run_sweep(
    base: Scenario,
    variations: Sequence[Overrides],
    *,
    executor: str = "local",
    workers: int = 2,
    scheduler: str | None = None,
    solver: str | None = None,
    time_limit: float | None = None,
    warm_start: bool = True,
    interim: Path | None = None,
    resume: bool = False,
    every: int = 5,
    on_result: Callable[[SweepRow], None] | None = None,
) -> list[SweepRow]:
    """Plan every variation; returns one row per variation in grid order.

    ``interim``: a CSV rewritten atomically every ``every`` results and at the end; with ``resume`` the variations
    already in it (by :func:`variation_id`) are skipped and its rows kept. ``warm_start``: the base plan's values
    are passed as a solver hint wherever the variation's program has the same variables.
    """
    from planner.io import to_csv, write_text
    from planner.journeys.plan import SolveSettings, plan_scenario

    keys = list(variations[0]) if variations else []
    wanted = {variation_id(v) for v in variations}
    done: list[SweepRow] = []
    if resume and interim is not None:
        # Only rows of this same base scenario count as done (the base digest is in every row).
        digest = base.digest()[:16]
        done = [r for r in read_interim(interim)
                if str(r.get("variation")) in wanted and r.get("status") and str(r.get("base")) == digest]
    done_ids = {str(r["variation"]) for r in done}
    todo = [v for v in variations if variation_id(v) not in done_ids]
    warm = None
    if warm_start and todo:
        base_run = plan_scenario(base, SolveSettings.from_scenario(base, solver=solver, time_limit=time_limit))
        if base_run.solution.values is not None:
            warm = WarmStart(tuple(base_run.model.builder.var_names), base_run.solution.values)
    rows = list(done)

    def flush() -> None:
        if interim is not None:
            ordered = sort_rows(rows, variations)
            write_text(interim, to_csv(ordered, columns_of(ordered, keys)))

    source = (_dask(base, todo, scheduler, workers, solver, time_limit, warm) if executor == "dask"
              else _local(base, todo, workers, solver, time_limit, warm))
    for n, row in enumerate(source, 1):
        rows.append(row)
        if on_result is not None:
            on_result(row)
        if n % max(1, every) == 0:
            flush()
    flush()
    return sort_rows(rows, variations)


def sweep_json(rows: Sequence[SweepRow], keys: Sequence[str], include_timing: bool = True) -> SweepResult:
    """The sweep as JSON-able data; without timing two runs of the same grid give identical JSON."""
    out_rows = [dict(r) for r in rows]
    if not include_timing:
        for r in out_rows:
            r.pop("seconds", None)
    return {"varied": list(keys), "variations": len(out_rows), "rows": out_rows}
