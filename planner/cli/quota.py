"""``planner quota``: indicative tasks per municipality by the key, with province and national totals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict

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
)

if TYPE_CHECKING:
    from planner.rules.quota import Quota, QuotaResult
    from planner.scenario.schema import ProvincialTask


class QuotaJson(TypedDict):
    """``planner quota --format json``."""

    scenario: str
    digest: str
    national_need: int
    national_amv_need: int
    rounding: str
    notes: list[str]
    municipalities: list[Quota]
    """Each written as its ``model_dump`` (:class:`planner.rules.quota.Quota` declares the record)."""
    provinces: list[dict[str, int | str]]
    provincial_tasks: list[dict[str, int | str]]
    total: dict[str, int]


def quota_json(q: QuotaResult, scenario_name: str, digest: str,
               official: Sequence[ProvincialTask] = ()) -> QuotaJson:
    return {
        "scenario": scenario_name,
        "digest": digest,
        "national_need": q.national_need,
        "national_amv_need": q.national_amv_need,
        "rounding": q.rounding.value,
        "notes": list(q.notes),
        "municipalities": list(q.rows),
        "provinces": q.provinces(),
        "provincial_tasks": q.against_official(official),
        "total": q.totals(),
    }


def command(
    scenario: ScenarioArg = None,
    fmt: FormatOpt = Format.table,
    allow_outside: AllowOutsideOpt = False,
    lang: LangOpt = None,
    _wide: WideOpt = False,
) -> None:
    """Indicative tasks (total, regular, AMV) and Ukraine targets per municipality, with province and national sums.

    Official tasks in the scenario are used as given and compared with the key; the rest is computed by the key
    T = round(N · P(1+S) / Σ P(1+S)) with the scenario's rounding method.
    """
    from planner.report.messages import render
    from planner.report.terminal import plain, provincial_task_table, quota_table
    from planner.report.words import number, term
    from planner.rules.quota import compute_quota

    s = load_or_exit(scenario, allow_outside)
    q = compute_quota(s)
    data = quota_json(q, s.name, s.digest(), s.settings.provincial_tasks)
    words = language(lang, s)

    def table(con: Any) -> None:
        title = term(words, "quota_title", name=plain(s.name), n=number(words, q.national_need),
                     amv=number(words, q.national_amv_need))
        con.print(quota_table(q, title, words))
        if data["provincial_tasks"]:
            con.print(provincial_task_table(data["provincial_tasks"], words))
        computed = [r for r in q.rows if r.task_source == "computed"]
        if computed and s.municipalities[0].ses_woa is not None:
            con.print(f"[dim]{term(words, 'q_ses_note')}[/]")
        for note in q.said.get("", ()):
            con.print(f"[yellow]{term(words, 'q_note')}[/] {plain(render(words, note))}")
        for r in q.rows:
            for flag in q.said.get(r.code, ()):
                con.print(f"[yellow]{plain(r.code)} {plain(r.name)}:[/] {plain(render(words, flag))}")

    emit(data, fmt, [r.model_dump(mode="json") for r in q.rows], table)
