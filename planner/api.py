"""A small Python API for analysts: the CLI's journeys, with their tables as pandas DataFrames.

Nothing here plans, compares or decides on its own: every call goes through the same journey the CLI runs
(:mod:`planner.journeys`), and every result converts to exactly the JSON the CLI prints (:meth:`Result.as_dict`,
:meth:`Result.to_json`). What this module adds is the way in (a scenario by path or bundled name, what-if changes
in code through the scenario ``[changes]`` mechanism) and the way out (DataFrames: CBS codes and other text as
``string``, categories such as regular/amv as ``Categorical``, numbers as nullable integers; periods as a column,
or as columns with :meth:`PlanResult.wide`). A walk-through is in ``docs/api.md``.

pandas is imported inside the functions that build frames, so ``planner --help`` does not pay for it.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    import pandas as pd

    from planner.journeys.duty import DutyResult
    from planner.journeys.plan import PlanRun, SolveSettings
    from planner.journeys.verdeelbesluit import Verdeelbesluit
    from planner.report.output import JsonObject
    from planner.scenario.load import Scenario as Resolved
    from planner.scenario.problems import Problems
    from planner.scenario.schema import SiteRow

__all__ = ["AllocationCheckResult", "Comparison", "DutyCheck", "PlanResult", "Result", "Scenario",
           "VerdeelbesluitResult", "compare", "frame", "load"]

CATEGORICAL = ("category", "status", "subtype", "duty", "check", "why", "severity", "kind")
"""Columns holding a small fixed vocabulary: pandas Categorical (``category`` in the schema's order)."""


WITH_CHANGES = "with_changes"
"""The file named by a problem in what :meth:`Scenario.with_changes` was given."""

CHECK_ALLOCATION = "check_allocation"
"""The file named by a problem in the allocation :meth:`Scenario.check_allocation` was given (rows count from 1)."""


def frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Rows of a result as a DataFrame: text as ``string`` (CBS codes stay ``"GM0106"``), numbers as nullable
    integers or floats, yes/no as ``boolean``, the columns in :data:`CATEGORICAL` as pandas Categorical (the
    ``category`` column in the schema's order: regular, amv, special, ukraine). Nested values (lists) stay Python
    objects."""
    import pandas as pd

    from planner.scenario.schema import Category

    df = pd.DataFrame(list(rows)).convert_dtypes()
    for col in df.columns:
        values = df[col].dropna()
        if df[col].dtype == object and len(values) and values.map(lambda v: isinstance(v, str)).all():
            df[col] = df[col].astype("string")  # a column of text and None that convert_dtypes left alone
    for col in CATEGORICAL:
        if col not in df.columns or not (df[col].dtype == "string" or df[col].isna().all()):
            continue
        seen = sorted(str(v) for v in df[col].dropna().unique())
        order = [c.value for c in Category] if col == "category" else []
        df[col] = pd.Categorical(df[col].astype(object).where(df[col].notna(), None),
                                 categories=order + [v for v in seen if v not in order])
    return df


def _at(data: Mapping[str, Any], key: str) -> Any:
    value: Any = data
    for part in key.split("."):
        value = value[part]
    return value


class Table:
    """A result's table as a read-only attribute: the list of rows at ``key`` of its JSON (dotted for nested
    ones) as a DataFrame (:func:`frame`)."""

    def __init__(self, key: str, doc: str | None = None) -> None:
        self.key = key
        self.__doc__ = doc or f"The rows at ``{key}`` of the JSON, as a DataFrame."

    @overload
    def __get__(self, result: None, owner: type[Result]) -> Table: ...

    @overload
    def __get__(self, result: Result, owner: type[Result]) -> pd.DataFrame: ...

    def __get__(self, result: Result | None, owner: type[Result]) -> Table | pd.DataFrame:
        return self if result is None else result.table(self.key)


@dataclasses.dataclass(frozen=True)
class Result:
    """A journey's answer as the CLI prints it with ``--format json`` (``data``), with its tables as frames."""

    data: JsonObject
    """The JSON the CLI prints, as Python data (dates as ISO text, enums as their values)."""

    def __post_init__(self) -> None:
        import json

        from planner.report.output import to_json

        object.__setattr__(self, "data", json.loads(to_json(self.data)))  # exactly what the CLI prints

    def as_dict(self) -> JsonObject:
        """The JSON the CLI prints, as Python data (a copy: changing it does not change the result)."""
        return copy.deepcopy(self.data)

    def to_json(self) -> str:
        """The JSON text the CLI prints (canonical: UTF-8, indented, no NaN, newline at the end)."""
        from planner.report.output import to_json

        return to_json(self.data)

    def table(self, key: str) -> pd.DataFrame:
        """The list of rows at ``key`` (dotted for nested ones: ``"spuk.municipalities"``) as a DataFrame."""
        return frame(_at(self.data, key) or [])


def wide(long: pd.DataFrame, value: str, index: Sequence[str] = ("code", "name"),
         columns: Sequence[str] = ("category", "period")) -> pd.DataFrame:
    """A tidy long table turned wide: one row per ``index``, one column per ``columns`` combination (periods as
    columns), cells ``value``."""
    return long.pivot_table(index=list(index), columns=list(columns), values=value, aggfunc="sum", observed=True,
                            sort=True)


@dataclasses.dataclass(frozen=True)
class PlanResult(Result):
    """The answer of ``planner plan``: ``status``, ``has_plan`` and the plan's tables (empty without a plan)."""

    run: PlanRun | None = None

    @property
    def status(self) -> str:
        return str(self.data["status"])

    @property
    def has_plan(self) -> bool:
        return bool(self.data["plan"])

    @property
    def periods(self) -> list[str]:
        return list(self.data["periods"])

    municipalities = Table("municipalities", "Per municipality and period: planned, task, limit, transfer, "
                           "shortfall and surplus per task.")
    sites = Table("sites", "Per site and period: the places the plan gives it, its capacity and whether it counts.")
    province = Table("province", "Per province and period: task, planned, closes and surplus per task; small-scale "
                     "share; Ukraine.")
    goals = Table("goals")

    @property
    def spuk(self) -> pd.DataFrame:
        """SPUK euros per municipality (reference period); empty without a plan."""
        return self.table("spuk.municipalities") if self.data["spuk"] else frame([])

    @property
    def spuk_total(self) -> int | None:
        """SPUK 1 + 2 + 3 for the municipalities, in euros; None without a plan."""
        return None if not self.data["spuk"] else int(self.data["spuk"]["municipalities_total"])

    def long(self) -> pd.DataFrame:
        """Tidy: one row per municipality, task (``category``) and period with places, transfer, task, limit,
        shortfall and duty (met/short) — the rows ``planner compare`` reports for a scenario."""
        from planner.journeys.compare import compare_runs

        if self.run is None or not self.has_plan:
            return frame([])
        own = ("scenario", "delta", "delta_shortfall")  # the compare-only columns: one scenario, no base
        return frame([{k: v for k, v in r.items() if k not in own} for r in compare_runs(self.run, [])["places"]])

    def wide(self, value: str = "places") -> pd.DataFrame:
        """:meth:`long` with one column per task and period (``value``: places, task, shortfall, …)."""
        return wide(self.long(), value)


@dataclasses.dataclass(frozen=True)
class Comparison(Result):
    """The answer of ``planner compare``: base and what-ifs side by side."""

    places = Table("places", "Tidy: scenario, municipality, task, period, places and the difference with the base.")
    province = Table("province")
    duty = Table("duty")
    spuk = Table("spuk")
    small_scale = Table("small_scale")

    def wide(self, value: str = "places") -> pd.DataFrame:
        """One row per municipality, one column per scenario, task and period."""
        return wide(self.places, value, columns=("scenario", "category", "period"))


@dataclasses.dataclass(frozen=True)
class DutyCheck(Result):
    """The answer of ``planner check-duty``: the municipality's own duty, and the province with the change."""

    result: DutyResult | None = None

    @property
    def duty_met(self) -> bool:
        return bool(self.data["duty_met"])

    duty = Table("duty", "Per task and period: task, what the own sites give, the offer, met or short by how much.")
    province = Table("province")
    sites = Table("sites")
    others = Table("others", "The other municipalities whose planned places change.")


@dataclasses.dataclass(frozen=True)
class VerdeelbesluitResult(Result):
    """The answer of ``planner verdeelbesluit``: the allocation the cycle-1 way, checked against the sites."""

    result: Verdeelbesluit | None = None

    @property
    def feasible(self) -> bool:
        return bool(self.data["feasible"])

    municipalities = Table("municipalities", "Per municipality, task and period: task, offer, binding, restopgave "
                           "share, allocation, capacity.")
    pools = Table("pools")
    allocation = Table("allocation", "The allocation as the rows of an allocation file (``planner "
                       "check-allocation``).")
    violations = Table("violations")


@dataclasses.dataclass(frozen=True)
class AllocationCheckResult(Result):
    """The answer of ``planner check-allocation``: an allocation checked per period against offers, sites and the
    provincial tasks."""

    @property
    def feasible(self) -> bool:
        return bool(self.data["feasible"])

    municipalities = Table("municipalities", "Per municipality, task and period: places, offer, restopgave, "
                           "capacity and whether it fits.")
    province = Table("province")
    violations = Table("violations")


def _settings(scenario: Resolved, solver: str | None, time_limit: float | None, gap: float | None,
              threads: int | None, seed: int | None) -> SolveSettings:
    from planner.journeys.plan import SolveSettings

    return SolveSettings.from_scenario(scenario, solver=solver, time_limit=time_limit, gap=gap, threads=threads,
                                       seed=seed)


@dataclasses.dataclass(frozen=True)
class Scenario:
    """A loaded, checked scenario (``resolved``) and its warnings. Immutable: :meth:`with_changes` returns a new
    one."""

    resolved: Resolved
    problems: Problems

    @property
    def name(self) -> str:
        return self.resolved.name

    def digest(self) -> str:
        """SHA-256 of everything that decides a result (the ``scenario_digest`` of the CLI's JSON)."""
        return self.resolved.digest()

    @property
    def municipalities(self) -> pd.DataFrame:
        return frame([r.model_dump(mode="json") for r in self.resolved.municipalities])

    @property
    def offers(self) -> pd.DataFrame:
        return frame([r.model_dump(mode="json") for r in self.resolved.offers])

    @property
    def sites(self) -> pd.DataFrame:
        return frame([r.model_dump(mode="json") for r in self.resolved.sites])

    @property
    def transfers(self) -> pd.DataFrame:
        return frame([r.model_dump(mode="json") for r in self.resolved.transfers])

    @property
    def warnings(self) -> pd.DataFrame:
        """Every warning found while loading, with file, row and field (``planner validate``)."""
        return frame([p.as_dict() for p in self.problems])

    def with_changes(
        self,
        changes: Mapping[str, Any] | None = None,
        *,
        settings: Mapping[str, Any] | None = None,
        name: str | None = None,
        description: str | None = None,
    ) -> Scenario:
        """A what-if, built in code the way a what-if file is: ``changes`` is its ``[changes]`` table
        (``{"sites": [{"id": "ASN-AZC", "open_ended": True}]}``; keys sites, add_sites, offers, transfers),
        ``settings`` its settings as dotted keys (``{"cycle.national_need": 100000}``), ``name`` and
        ``description`` its ``[scenario]``. Every scenario check runs again; errors raise
        :class:`~planner.scenario.problems.ScenarioError` with every problem, a malformed ``changes``
        :class:`pydantic.ValidationError`, an unknown setting :class:`~planner.journeys.sweep.SweepError`."""
        from planner.journeys.duty import duty_scenario
        from planner.journeys.sweep import scenario_with
        from planner.scenario.checks import run_checks
        from planner.scenario.problems import Problems, ScenarioError
        from planner.scenario.schema import Changes

        try:
            base = scenario_with(self.resolved, dict(settings)) if settings else self.resolved
            named = {k: v for k, v in (("name", name), ("description", description)) if v is not None}
            if named:
                meta = base.settings.scenario.model_copy(update=named)
                base = dataclasses.replace(base, settings=base.settings.model_copy(update={"scenario": meta}))
            changed = duty_scenario(base, Changes.model_validate(dict(changes or {})))
        except ScenarioError as exc:  # the journeys name their own input ("--vary", "check-duty"): name this one
            own = Problems([dataclasses.replace(p, file=WITH_CHANGES) if p.file in ("--vary", "check-duty") else p
                            for p in exc.problems])
            raise ScenarioError(own, exc.message) from None
        problems = Problems()
        run_checks(changed, problems)  # the what-if's own warnings
        return Scenario(changed, problems)

    def plan(self, *, solver: str | None = None, time_limit: float | None = None, gap: float | None = None,
             threads: int | None = None, seed: int | None = None) -> PlanResult:
        """``planner plan``: solver settings default to the scenario's ``[settings.solver]``."""
        from planner.journeys.plan import plan_json, plan_scenario

        run = plan_scenario(self.resolved, _settings(self.resolved, solver, time_limit, gap, threads, seed))
        return PlanResult(dict(plan_json(run)), run)

    def check_duty(self, municipality: str, *, site: str | None = None, places: int | None = None,
                   add_sites: Sequence[str | SiteRow] = (), offer: int | None = None,
                   categories: Sequence[str] = (), lang: str | None = None, solver: str | None = None,
                   time_limit: float | None = None) -> DutyCheck:
        """``planner check-duty``: ``municipality`` is a CBS code or exact name; ``add_sites`` are specs as for
        ``--add-site`` (``"id=X,category=amv,places=40,from=2025-07-01"``) or :class:`SiteRow`."""
        from planner.journeys.duty import check_duty, parse_add_site, resolve_municipality

        code, _ = resolve_municipality(self.resolved, municipality)
        added = [parse_add_site(a, code) if isinstance(a, str) else a for a in add_sites]
        settings = (_settings(self.resolved, solver, time_limit, None, None, None)
                    if solver is not None or time_limit is not None else None)
        result = check_duty(self.resolved, code, site_id=site, places=places, add_sites=added, offer=offer,
                            categories=categories, settings=settings)
        return DutyCheck(dict(result.as_dict(lang)), result)

    def verdeelbesluit(self, *, lang: str | None = None) -> VerdeelbesluitResult:
        """``planner verdeelbesluit``: offers binding, the restopgave shared, each allocation checked per period."""
        from planner.journeys.verdeelbesluit import verdeelbesluit
        from planner.report.answers import verdeelbesluit_json

        v = verdeelbesluit(self.resolved)
        return VerdeelbesluitResult(dict(verdeelbesluit_json(v, lang or self.resolved.settings.scenario.language)), v)


    def check_allocation(self, allocation: pd.DataFrame | Sequence[Mapping[str, Any]], *,
                         lang: str | None = None) -> AllocationCheckResult:
        """``planner check-allocation``: ``allocation`` has the rows of an allocation file (code, category, places,
        and period or year, optionally restopgave) — a frame such as :attr:`VerdeelbesluitResult.allocation`, or a
        list of dicts. Invalid rows raise :class:`~planner.scenario.problems.ScenarioError` with every problem
        (file ``check_allocation``, row counted from 1, field)."""
        import json

        from pydantic import ValidationError

        from planner.journeys.allocation import AllocationRow, allocation_of, check_allocation
        from planner.planning import PlanningData
        from planner.report.answers import allocation_json
        from planner.scenario.problems import Problems, ScenarioError, pydantic_msg

        records = (json.loads(allocation.to_json(orient="records")) if hasattr(allocation, "to_json")
                   else [dict(r) for r in allocation])
        problems = Problems()
        rows: list[tuple[AllocationRow, int]] = []
        for line, record in enumerate(records, start=1):
            try:
                rows.append((AllocationRow.model_validate({k: v for k, v in record.items() if v is not None}), line))
            except ValidationError as exc:
                for err in exc.errors():
                    named = ".".join(str(part) for part in err["loc"])
                    problems.error(CHECK_ALLOCATION, line, named, pydantic_msg(err, named))
        data = PlanningData.from_scenario(self.resolved)
        places, imposed = allocation_of(rows, data, problems, CHECK_ALLOCATION)
        if problems.has_errors():
            raise ScenarioError(problems, f"the allocation has {len(problems.errors)} error(s)")
        check = check_allocation(data, places, imposed)
        words = lang or self.resolved.settings.scenario.language
        return AllocationCheckResult(dict(allocation_json(check, self.name, words)))


def load(scenario: str | Path | None = None, *, allow_outside: bool = False) -> Scenario:
    """A scenario folder, a ``.toml`` file or the name of a bundled scenario (``"drenthe-2025-2026"``); None is
    the bundled Drenthe case. Errors raise :class:`~planner.scenario.problems.ScenarioError` with every problem."""
    from planner.scenario.load import bundled_dir, require_scenario

    path = None if scenario is None else Path(scenario)
    if path is not None and not path.exists() and (bundled_dir() / path).is_dir():
        path = bundled_dir() / path
    resolved, problems = require_scenario(path, allow_outside=allow_outside)
    return Scenario(resolved, problems)


def compare(base: Scenario, *whatifs: Scenario, solver: str | None = None, time_limit: float | None = None,
            gap: float | None = None, threads: int | None = None) -> Comparison:
    """``planner compare BASE WHATIF…``: each scenario planned on its own and set side by side."""
    from planner.journeys.compare import compare_runs
    from planner.journeys.plan import plan_scenario

    if not whatifs:
        raise ValueError("compare needs a base and at least one what-if")
    overrides = any(v is not None for v in (solver, time_limit, gap, threads))
    runs = [plan_scenario(s.resolved, _settings(s.resolved, solver, time_limit, gap, threads, None)
                          if overrides else None) for s in (base, *whatifs)]
    return Comparison(dict(compare_runs(runs[0], runs[1:])))
