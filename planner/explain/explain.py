"""The explain journey: is the scenario feasible; if not, its minimal conflicts, sentences and the
minimum-violation plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from planner.explain.conflict import ConflictJson, ConflictReport, find_conflicts
from planner.explain.elastic import DEFAULT_RELAX, ElasticJson, ElasticResult, minimum_violation_plan
from planner.explain.rows import feasibility_program
from planner.explain.sentences import TEMPLATES, Sentence, conflict_sentences
from planner.model.build import AllocationModel, build_model
from planner.scenario.load import Scenario


class ExplainJson(TypedDict):
    """``planner explain --format json``."""

    scenario: str
    feasible: bool
    method: str
    solver: str
    solves: int
    conflicts: list[ConflictJson]
    sentences: list[Sentence]
    """Each written as its ``model_dump``."""
    minimum_violation_plan: ElasticJson | None


@dataclass
class Explanation:
    scenario: Scenario
    model: AllocationModel
    conflicts: ConflictReport
    sentences: list[Sentence] = field(default_factory=list)
    elastic: ElasticResult | None = None

    @property
    def feasible(self) -> bool:
        return self.conflicts.feasible

    def summary(self, language: str | None = None) -> str:
        """One line for a feasible scenario (in ``language``, by default the scenario's)."""
        t = TEMPLATES.get(language or self.scenario.settings.scenario.language, TEMPLATES["nl"])
        return t["feasible"].format(scenario=self.scenario.name)

    def as_dict(self) -> ExplainJson:
        c = self.conflicts
        return {
            "scenario": self.scenario.name,
            "feasible": self.feasible,
            "method": c.method,
            "solver": c.solver,
            "solves": c.solves,
            "conflicts": [x.as_dict() for x in c.conflicts],
            "sentences": list(self.sentences),
            "minimum_violation_plan": self.elastic.as_dict() if self.elastic else None,
        }


def explain_scenario(
    scenario: Scenario,
    *,
    method: str = "deletion",
    solver: str = "highs",
    relax: tuple[str, ...] = DEFAULT_RELAX,
    time_limit: float | None = 60.0,
    all_goals: bool = False,
    language: str | None = None,
) -> Explanation:
    """Conflicts (localised per province and period), one sentence per unmet task, and the minimum-violation plan;
    the sentences in ``language`` (by default the scenario's)."""
    model = build_model(scenario)
    report = find_conflicts(model, method=method, solver=solver, time_limit=time_limit)
    out = Explanation(scenario, model, report)
    if report.feasible:
        return out
    fp = feasibility_program(model)
    language = language or scenario.settings.scenario.language
    mip_solver = "highs" if solver == "cpsat" else solver
    for conflict in report.conflicts:
        out.sentences += conflict_sentences(model, fp, conflict, language, mip_solver)
    out.elastic = minimum_violation_plan(
        model, relax, solver=mip_solver, time_limit=time_limit, all_goals=all_goals
    )
    return out
