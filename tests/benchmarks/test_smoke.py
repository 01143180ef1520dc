"""The benchmark harness and the synthetic site generator: the harness runs end to end on tiny instances (to catch
breakage, not to time), and the generator is deterministic and matches the committed national files."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from benchmarks import generate, run
from planner.scenario.load import load_scenario
from solvers import available_solvers


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bench")
    return run.run("smoke", out, log=lambda _: None)


@pytest.mark.slow
def test_smoke_table_has_every_phase_instance_and_solver(smoke: dict) -> None:
    rows = smoke["rows"]
    assert {r["instance"] for r in rows} == {"drenthe", "zeeland-1p"}
    assert {r["solver"] for r in rows} == {*available_solvers(), "auto"}
    for r in rows:
        assert set(r["phases"]) == set(run.PHASES)
        assert r["status"] == "optimal", r["instance"]
        for phase in ("load", "build", "solve", "report"):
            assert r["phases"][phase]["median"] > 0
    highs = [r for r in rows if r["solver"] == "highs"]
    assert all(r["phases"]["explain"]["median"] > 0 for r in highs)
    # Province-sized instances: every backend and auto prove every goal and give HiGHS's plan, site by site.
    assert all(r["outcome"] == "proven" for r in rows)
    assert all(r["same_plan_as_highs"] is True for r in rows), [(r["instance"], r["solver"]) for r in rows]


@pytest.mark.slow
def test_smoke_ratios_are_finite_numbers(smoke: dict) -> None:
    for r in smoke["rows"]:
        for key in ("e2e_over_raw", "e2e_over_lp", "solve_over_highs"):
            assert isinstance(r[key], float), (r["instance"], r["solver"], key)
            assert math.isfinite(r[key]), (r["instance"], r["solver"], key)
            assert r[key] > 0, (r["instance"], r["solver"], key)
        if r["solver"] == "highs":
            assert r["solve_over_highs"] == 1.0
            # The LP relaxation is the floor: never slower than the same stages solved as integer programs by much.
            assert r["lp_relaxation"] <= r["raw_mps"] * 1.5 + 0.05


@pytest.mark.slow
def test_smoke_writes_table_json_and_plot(smoke: dict) -> None:
    md, js, png = (Path(f) for f in smoke["files"])
    text = md.read_text(encoding="utf-8")
    assert "| instance | solver |" in text
    assert "drenthe (2p)" in text
    assert "## Targets" in text
    assert js.stat().st_size > 0
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert smoke["machine"]["cores"] >= 1
    assert smoke["machine"]["versions"]["highspy"] != "not installed"


@pytest.mark.slow
def test_drenthe_plan_is_the_same_in_the_harness_as_in_the_journey(smoke: dict) -> None:
    """The harness measures the real pipeline: its Drenthe objectives are those of plan_scenario."""
    from planner.journeys.plan import plan_scenario

    scenario, _ = load_scenario(None)
    assert scenario is not None
    reference = {g.name: g.objective for g in plan_scenario(scenario).solution.goals}
    row = next(r for r in smoke["rows"] if r["instance"] == "drenthe" and r["solver"] == "highs")
    assert row["objectives"] == reference


@pytest.mark.slow
def test_generator_is_deterministic_and_seeded() -> None:
    first = generate.national_texts()
    assert generate.national_texts() == first
    other = generate.national_texts(seed=generate.SEED + 1)
    assert other[0] != first[0]


def test_committed_national_site_layer_equals_the_generator() -> None:
    sites, offers = generate.national_texts()
    assert (generate.NATIONAL / "sites.csv").read_text(encoding="utf-8") == sites
    assert (generate.NATIONAL / "offers.csv").read_text(encoding="utf-8") == offers


def test_national_site_layer_is_realistic() -> None:
    """About 1,500 sites, sizes in the documented ranges, candidates present and every municipality covered."""
    scenario, problems = load_scenario(generate.NATIONAL)
    assert scenario is not None
    assert not problems.has_errors()
    sites = scenario.sites
    assert 1300 <= len(sites) <= 1800
    assert {s.code for s in sites} <= {m.code for m in scenario.municipalities}
    assert len({o.code for o in scenario.offers}) == 342
    by = {c: [s.places for s in sites if s.category.value == c] for c in ("regular", "amv", "special")}
    assert min(by["regular"]) >= 50
    assert max(by["regular"]) <= 1500
    assert min(by["amv"]) >= 16
    assert max(by["amv"]) <= 50
    assert all(50 <= p <= 200 for p in by["special"])
    regular = sorted(by["regular"])
    assert 150 <= regular[len(regular) // 2] <= 400  # most around 300
    assert sum(1 for s in sites if s.status.value != "existing") > 500  # opening decisions matter
    ending = [s for s in sites if s.available_until and s.available_until <= scenario.settings.cycle.end]
    assert ending


def test_province_decomposition_reaches_the_single_program_optimum() -> None:
    """Solving each goal province by province (planner/model/solve.py) gives the goal values of one solve of the
    whole program by a second solver (SCIP; HiGHS itself is numerically unreliable on the whole SPUK stage)."""
    import dataclasses

    from planner.model.build import build_model
    from planner.model.solve import SolveSettings, solve_model

    if "scip" not in available_solvers():
        pytest.skip("SCIP is not installed")
    scenario, _ = load_scenario(generate.NATIONAL)
    assert scenario is not None
    scenario = run.one_period(dataclasses.replace(
        scenario, settings=scenario.settings.model_copy(update={"scope": ("Flevoland", "Groningen", "Zeeland")})))
    model = build_model(scenario)
    split = solve_model(model, SolveSettings("highs", time_limit=60))
    whole = solve_model(model, SolveSettings("scip", time_limit=60, decompose=False))
    assert split.status.value == "optimal"
    assert whole.status.value == "optimal"
    # The fairness goals' values are exact under the split (a maximum is the largest of the parts' maxima, a sum the
    # sum of their sums). The leximin rounds after them run per part, at most LEXIMIN_ROUNDS each: one part (the
    # whole program) spends its rounds on the whole country, so the later goals may differ by design (SPUK by 2 k€
    # here); test_four_provinces_every_backend_reaches_the_same_goals checks those across solvers instead.
    fairness = ("fairness_max_shortfall", "fairness_total_shortfall", "fairness_max_new_surplus")
    assert [(g.name, round(g.objective or 0)) for g in split.goals if g.name in fairness] == [
        (g.name, round(g.objective or 0)) for g in whole.goals if g.name in fairness
    ]


@pytest.mark.slow
def test_four_provinces_every_backend_reaches_the_same_goals() -> None:
    """Leximin fixes only what the program forces (not what a solver happens to find) and no goal is warm-started:
    on four provinces of the national data HiGHS, SCIP and CP-SAT reach the same value on every goal, the tie-break
    too. (With warm starts HiGHS 1.16 claimed "optimal" for small units at 13.155 where 12.980 is the optimum.)"""
    import dataclasses

    from planner.model.build import build_model
    from planner.model.solve import SolveSettings, solve_model

    scenario, _ = load_scenario(generate.NATIONAL)
    assert scenario is not None
    scope = ("Flevoland", "Groningen", "Zeeland", "Drenthe")
    scenario = run.one_period(dataclasses.replace(
        scenario, settings=scenario.settings.model_copy(update={"scope": scope})))
    values = {}
    for solver in ("highs", "scip", "cpsat"):
        if solver not in available_solvers():
            continue
        solution = solve_model(build_model(scenario), SolveSettings(solver, time_limit=300))
        assert solution.status.value == "optimal", solver
        values[solver] = [(g.name, round(g.objective or 0)) for g in solution.goals]
    assert len(set(map(tuple, values.values()))) == 1, values


@pytest.mark.slow
def test_zeeland_plan_is_the_same_from_every_backend() -> None:
    """A province-sized instance of the national data: every backend proves every goal and gives the same places,
    site by site. (Before the tie-break counted existing sites, GM0715's two existing sites shared its offer 240 + 110
    with HiGHS, SCIP and CBC and 170 + 180 with CP-SAT.)"""
    from planner.model.build import build_model
    from planner.model.solve import SolveSettings, solve_model

    scenario, _ = load_scenario(generate.NATIONAL)
    assert scenario is not None
    model = build_model(run.scope("Zeeland", run.one_period)(scenario))
    places = [j for j, lab in enumerate(model.builder.var_labels) if lab.family in ("places", "ukraine")]
    plans = {}
    for solver in available_solvers():
        solution = solve_model(model, SolveSettings(solver, time_limit=120))
        assert solution.status.value == "optimal", solver
        assert all(g.status.value == "optimal" for g in solution.goals), solver  # the tie-break proven too
        assert solution.values is not None
        plans[solver] = tuple(int(v) for v in solution.values[places])
    assert len(plans) >= 2
    assert len(set(plans.values())) == 1, {s: p[:10] for s, p in plans.items()}
