"""Indicative tasks per municipality: the key, the AMV split and the Ukraine targets.

``T_m = round(N · P_m(1+S_m) / Σ_j P_j(1+S_j))`` with the selected rounding; ``AMV_m = round(T_m · N_amv / N)``
halves up and ``regular_m = T_m − AMV_m``; Ukraine ``U_m = round(U · P_m / Σ P)`` with the same rounding method
(see :func:`ukraine_targets`). Official tasks in the scenario are
used as given (``rules.use_official_tasks``); where the key can also be computed, the deviation is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from pydantic import BaseModel, ConfigDict, field_serializer

from planner.rules.apportion import apportion, round_half_up
from planner.scenario.load import Scenario
from planner.scenario.problems import Msg
from planner.scenario.schema import MunicipalityRow, ProvincialTask, Rounding


class Quota(BaseModel):
    """One municipality's indicative tasks (places). Declared once: its JSON form (``model_dump``, fields in this
    order) is a row of ``planner quota --format json``."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    province: str
    population: int
    ses_woa: float | None
    weight: float
    """Key weight relative to plain population share: (1+S) when computed, the implied weight when official."""
    task_total: int
    task_regular: int
    task_amv: int
    task_source: str
    """``official`` (given in the scenario) or ``computed`` (by the key)."""
    computed_total: int | None
    """The key's task where it can be computed, also next to an official task (for the comparison)."""
    deviation: int | None
    """The official task minus the key's (``task_total - computed_total``); None unless both exist."""
    ukraine_target: int
    ukraine_source: str
    flags: tuple[str, ...] = ()

    @field_serializer("weight")
    def _weight(self, weight: float) -> float:
        return round(weight, 6)  # the JSON's precision; reports format their own

    @property
    def amv_rule(self) -> int:
        return self.task_amv


@dataclass(frozen=True)
class QuotaResult:
    rows: tuple[Quota, ...]
    national_need: int
    national_amv_need: int
    rounding: Rounding
    notes: tuple[str, ...] = field(default=())
    """The notes in English (the JSON's); ``said`` has them and every row's flags as catalogue messages."""
    said: dict[str, tuple[Msg, ...]] = field(default_factory=dict)
    """Catalogue messages (:mod:`planner.report.messages`) for the terminal: ``""`` the notes, a CBS code its flags."""

    def by_code(self) -> dict[str, Quota]:
        return {q.code: q for q in self.rows}

    def provinces(self) -> list[dict[str, int | str]]:
        out: dict[str, dict[str, int | str]] = {}
        for q in self.rows:
            p = out.setdefault(q.province, {"province": q.province, "municipalities": 0, "population": 0,
                                            "task_total": 0, "task_regular": 0, "task_amv": 0, "ukraine_target": 0})
            for key in ("population", "task_total", "task_regular", "task_amv", "ukraine_target"):
                p[key] = int(p[key]) + int(getattr(q, key))
            p["municipalities"] = int(p["municipalities"]) + 1
        return [out[k] for k in sorted(out)]

    def against_official(self, official: Sequence[ProvincialTask]) -> list[dict[str, int | str]]:
        """Per province with a published task: the total of the tasks as used here (official where the scenario
        gives them, else by the key) against the official provincial task, and the difference."""
        used = {str(p["province"]): int(p["task_total"]) for p in self.provinces()}
        return [
            {"province": o.province, "task_total": used.get(o.province, 0), "official_task": o.task_total,
             "difference": used.get(o.province, 0) - o.task_total, "source": o.source}
            for o in official
        ]

    def totals(self) -> dict[str, int]:
        return {
            key: sum(int(getattr(q, key)) for q in self.rows)
            for key in ("population", "task_total", "task_regular", "task_amv", "ukraine_target")
        }


def amv_split(task_total: int, national_need: int, national_amv_need: int) -> int:
    """The AMV part of a total task: ``round(T · N_amv / N)``, halves up (exact for all 12 Drenthe municipalities)."""
    if national_need == 0:
        return 0
    return round_half_up(Fraction(task_total * national_amv_need, national_need))


def _ses(m: MunicipalityRow, use: bool) -> Fraction:
    if not use or m.ses_woa is None:
        return Fraction(0)
    return Fraction(str(m.ses_woa))


def ukraine_targets(munis: Sequence[MunicipalityRow], target: int, national_pop: Fraction, rounding: Rounding,
                    *, whole_country: bool) -> dict[str, int]:
    """Ukraine targets by population share with the scenario's rounding method.

    ``half-up``: every municipality on its own, ``round(U · P_m / ΣP)``. The other methods apportion a whole number
    so the parts add up: over the table when it is the whole country; else province by province, the province's
    own share ``round(U · P_province / ΣP)`` first (Drenthe: 5,722, as the report prints it), then its
    municipalities' shares of it."""
    if not national_pop:
        return {}
    if rounding is Rounding.HALF_UP:
        return {m.code: round_half_up(Fraction(target * m.population) / national_pop) for m in munis}
    groups: dict[str, list[MunicipalityRow]] = {}
    for m in munis:
        groups.setdefault("" if whole_country else m.province, []).append(m)
    out: dict[str, int] = {}
    for group in groups.values():
        population = sum(m.population for m in group)
        total = target if whole_country else round_half_up(Fraction(target * population) / national_pop)
        if population == 0:
            continue
        shares = apportion(total, [Fraction(m.population) for m in group], rounding)
        out.update({m.code: share for m, share in zip(group, shares, strict=True)})
    return out


def compute_quota(scenario: Scenario) -> QuotaResult:
    """Tasks for every municipality of the scenario, sorted by CBS code."""
    cycle = scenario.settings.cycle
    rules = scenario.settings.rules
    munis = sorted(scenario.municipalities, key=lambda m: m.code)
    n, n_amv = cycle.national_need, cycle.national_amv_need
    weights = [m.population * (1 + _ses(m, rules.use_ses_woa)) for m in munis]
    table_pop = sum(m.population for m in munis)
    national_pop = Fraction(cycle.national_population) if cycle.national_population else Fraction(table_pop)
    from planner.report.messages import render  # the JSON's English notes and flags, from the catalogue

    notes: list[Msg] = []
    said: dict[str, tuple[Msg, ...]] = {}

    computed: list[int | None]
    if cycle.national_weight_sum is not None:
        # A province-only scenario: the key's denominator is the whole country's, given as a parameter.
        # Independent rounding is the only method that works share by share.
        denom = Fraction(str(cycle.national_weight_sum))
        computed = [round_half_up(Fraction(n) * w / denom) for w in weights]
        if rules.rounding is not Rounding.HALF_UP:
            notes.append(Msg.of("quota_rounded_independently", rounding=rules.rounding.value))
    elif munis and sum(weights, Fraction(0)) > 0:
        computed = list(apportion(n, weights, rules.rounding))
    else:
        computed = [None] * len(munis)

    ukraine_keyed = ukraine_targets(munis, cycle.ukraine_national_target, national_pop, rules.rounding,
                                    whole_country=cycle.national_population in (None, table_pop))
    rows: list[Quota] = []
    for m, comp in zip(munis, computed, strict=True):
        flags: list[Msg] = []
        if rules.use_official_tasks and m.task_regular is not None and m.task_amv is not None:
            total = m.task_regular + m.task_amv
            amv = amv_split(total, n, n_amv)
            regular = total - amv
            source = "official"
            if amv != m.task_amv:
                flags.append(Msg.of("quota_amv_differs", amv=m.task_amv, amv_need=n_amv, need=n, rule=amv))
                amv, regular = m.task_amv, m.task_regular
            share = Fraction(n) * m.population / national_pop if national_pop else Fraction(0)
            weight = float(Fraction(total) / share) if share else 0.0
        else:
            if comp is None:
                flags.append(Msg.of("quota_no_task"))
                total = 0
            else:
                total = comp
            amv = amv_split(total, n, n_amv)
            regular = total - amv
            source = "computed"
            weight = float(1 + _ses(m, rules.use_ses_woa))
            if rules.use_ses_woa and m.ses_woa is None:
                flags.append(Msg.of("quota_no_ses"))
        if m.ukraine_target is not None:
            ukraine, usource = m.ukraine_target, "official"
        else:
            ukraine, usource = ukraine_keyed.get(m.code, 0), "computed"
        rows.append(Quota(
            code=m.code, name=m.name, province=m.province, population=m.population, ses_woa=m.ses_woa,
            weight=weight, task_total=total, task_regular=regular, task_amv=amv, task_source=source,
            computed_total=comp, deviation=None if comp is None or source != "official" else total - comp,
            ukraine_target=ukraine, ukraine_source=usource, flags=tuple(render("en", f) for f in flags),
        ))
        if flags:
            said[m.code] = tuple(flags)
    said[""] = tuple(notes)
    return QuotaResult(tuple(rows), n, n_amv, rules.rounding, tuple(render("en", m) for m in notes), said)
