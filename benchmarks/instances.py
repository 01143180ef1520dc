"""The benchmark's instances (a scenario folder plus an in-memory change: the committed files are never modified)
and its profiles (which instances, repeats, what-ifs and the run's budget). :mod:`benchmarks.run` measures them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.generate import NATIONAL, TMP, write_scaled
from planner.scenario.load import Scenario, default_scenario
from planner.scenario.schema import SiteStatus

GOALS = 7
"""The national instances' goals (planner/model/goals.py; Drenthe has 8): a national row's solve budget is its
seconds per goal times this. The harness's hard limit on a row's process counts one goal more."""


@dataclasses.dataclass(frozen=True)
class Instance:
    name: str
    description: str
    folder: Callable[[], Path]
    change: Callable[[Scenario], Scenario] = lambda s: s
    solvers: tuple[str, ...] = ("all",)
    """``all`` installed solvers and ``auto``, or only these (the largest instances: ``highs`` and ``auto``)."""
    time_limit: float = 60.0
    """Seconds per goal: the solve's whole-run budget is this times the number of goals (the planner's
    ``--time-limit`` is one deadline for the whole solve). A row that spends it says at which goal."""
    solver_limits: dict[str, float] = dataclasses.field(default_factory=dict)
    """Seconds per goal for one backend instead of ``time_limit``: more where a backend needs it to prove every goal
    (CP-SAT nationally), less to time-box one that does not finish (then its outcome says so)."""
    gap: float | None = None
    """Relative gap; None: the scenario's (0 = prove optimal)."""
    repeats: int | None = None
    """Overrides the profile's repeat count: the national instances run once (a national row takes minutes on this
    shared 2-core machine, and the run must fit in its budget; their spread is not measured)."""
    explain: bool = True
    raw: bool = True
    """Also solve the same programs raw from MPS (monolithic, one per goal): off where that alone takes minutes."""


def _settings(s: Scenario, **sections: dict[str, Any]) -> Scenario:
    upd = {k: getattr(s.settings, k).model_copy(update=v) if v else getattr(s.settings, k) for k, v in sections.items()}
    return dataclasses.replace(s, settings=s.settings.model_copy(update=upd))


def one_period(s: Scenario) -> Scenario:
    """Only the first year of the cycle (one period): offers of 2025, sites as they are."""
    return _settings(s, cycle={"end": dt.date(s.settings.cycle.start.year, 12, 31)})


def half_years(s: Scenario) -> Scenario:
    """The two-year cycle in half-years: 4 periods (the offers are per year and apply to both halves)."""
    from planner.scenario.schema import PeriodLength

    return _settings(s, cycle={"period": PeriodLength.HALF_YEAR})


def no_opening(s: Scenario) -> Scenario:
    """Every planned and candidate site becomes existing: no opening decisions, only the allocation of places."""
    sites = tuple(x.model_copy(update={"status": SiteStatus.EXISTING}) for x in s.sites)
    return dataclasses.replace(half_years(s), sites=sites)


def scope(province: str, then: Callable[[Scenario], Scenario] = lambda s: s) -> Callable[[Scenario], Scenario]:
    return lambda s: then(dataclasses.replace(s, settings=s.settings.model_copy(update={"scope": (province,)})))


def _x10() -> Path:
    folder = TMP / "nederland-x10"
    if not (folder / "sites.csv").is_file():
        write_scaled(10, folder)
    return folder


NATIONAL_ROW = {"repeats": 1, "explain": False, "raw": False}
INSTANCES: dict[str, Instance] = {
    i.name: i
    for i in (
        Instance("drenthe", "Drenthe 2025–2026, the real reference case (2 periods)", default_scenario),
        Instance("zeeland-1p", "national synthetic sites, Zeeland only, 1 period", lambda: NATIONAL,
                 scope("Zeeland", one_period)),
        Instance("national-1p", "342 municipalities, synthetic sites, 1 period (2025)", lambda: NATIONAL,
                 one_period, solvers=("highs", "auto"), time_limit=15.0, **NATIONAL_ROW),
        # 600 s for every backend, so that each one that can prove every goal does (fourth session, load 5–7: CBC
        # 128 s, CP-SAT 89 s wall); at 315 s CP-SAT stopped at a part's share of the tie-break, CBC time-boxed at 120 s
        Instance("national", "342 municipalities, synthetic sites, 2 periods (years)", lambda: NATIONAL,
                 time_limit=600.0 / GOALS, **NATIONAL_ROW),
        Instance("national-4p", "342 municipalities, synthetic sites, 4 periods (half-years)", lambda: NATIONAL,
                 half_years, solvers=("highs", "auto"), time_limit=15.0, **NATIONAL_ROW),
        Instance("x10", "10x national (3,420 municipalities, 120 provinces), 2 periods, gap 0.1 %", _x10,
                 solvers=("highs", "auto"), time_limit=60.0 / GOALS, gap=0.001, **NATIONAL_ROW),
        Instance("national-4p-noopen", "as national-4p, every site existing: no opening decisions", lambda: NATIONAL,
                 no_opening, solvers=("highs",), time_limit=10.0, repeats=1, explain=False),
    )
}


@dataclasses.dataclass(frozen=True)
class Profile:
    instances: tuple[str, ...]
    repeats: int
    sweep: int
    """Number of Drenthe what-if variations for the sweep measurement (0: skip)."""
    cli: bool
    time_limit: float | None = None
    """Caps every instance's per-goal time limit (the smoke profile must stay short)."""
    national_whatifs: int = 0
    """Number of national single-offer what-ifs planned with province parts reused, on local processes and on a
    Dask local cluster (0: skip)."""
    minutes: float = 40.0
    """The run's budget: rows that no longer fit are listed as not measured."""
    whatif_minutes: float = 0.0
    """Kept for the national what-ifs at the end of the run (local, then Dask): a row that would run into them is
    listed as not measured, so the what-ifs on both executors are measured even when the rows take longer."""


PROFILES = {
    "smoke": Profile(("drenthe", "zeeland-1p"), repeats=1, sweep=4, cli=False, time_limit=5.0, minutes=10.0),
    # In the order of what matters most, so that a run out of budget loses the least.
    "full": Profile(("drenthe", "zeeland-1p", "national", "national-1p", "x10", "national-4p", "national-4p-noopen"),
                    repeats=3, sweep=0, cli=True, national_whatifs=20, whatif_minutes=9.0),
}
