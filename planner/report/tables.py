"""Terminal tables of the result commands (spuk, verdeelbesluit, check-allocation, explain), in one language.

Only presentation: every value arrives computed; every word comes from the word table; every name from input is
shown literally (:func:`planner.report.terminal.plain` / :func:`~planner.report.terminal.esc`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text

from planner.report.numbers import nl_decimal
from planner.report.terminal import NAME_KEYS, FitTable, esc, plain
from planner.report.words import category, euro, number, status, term
from planner.report.words_tables import short

if TYPE_CHECKING:
    from planner.explain.explain import ExplainJson
    from planner.journeys.sweep import SweepRow


def _table(lang: str, title: str, cols: Sequence[str], right: Sequence[str] = ()) -> FitTable:
    t = FitTable(title=plain(title), short_headers=[short(lang, c) for c in cols]).keys(cols)
    for c in cols:
        t.add_column(term(lang, c), justify="right" if c in right else "left", overflow="fold", no_wrap=c in NAME_KEYS)
    return t


def choice_words(lang: str, choice: str) -> str:
    return term(lang, f"choice_{choice}") if choice in ("spuk1", "spuk3", "none") else choice


def spuk_table(spuk: Any, title: str, lang: str = "nl") -> FitTable:
    """SPUK per municipality: task, durable places, above task, the choice, and the money paid (SPUK 1/2/3 and the
    total: each total is the sum of its column). The options (what SPUK 1 or SPUK 3 would pay) are not money paid;
    they are in the JSON and the workbook (``spuk1_possible``, ``spuk3_share``), not in this table."""
    money = ("spuk1", "spuk2", "spuk3", "total")
    t = _table(lang, title, ("code", "municipality", "task_total", "durable", "above_task", "choice", *money),
               ("task_total", "durable", "above_task", *money))
    for r in spuk.rows:
        t.add_row(plain(r.code), plain(r.name), number(lang, r.task_total), number(lang, r.durable_places),
                  number(lang, r.spuk1_places), choice_words(lang, r.choice), euro(lang, r.spuk1),
                  euro(lang, r.spuk2), euro(lang, r.spuk3), euro(lang, r.total))
    t.add_section()
    t.add_row("", Text(term(lang, "together"), style="bold"), "", "", "", "", euro(lang, spuk.spuk1),
              euro(lang, spuk.spuk2), euro(lang, spuk.spuk3), Text(euro(lang, spuk.municipalities_total),
                                                                   style="bold"))
    return t


def spuk_summary(spuk: Any, lang: str = "nl") -> list[str]:
    """The totals, one per line (markup strings; a line never wraps inside an amount)."""
    takers = esc(", ".join(spuk.takers_spuk1()) or term(lang, "choice_none"))
    key = term(lang, f"key_{spuk.key}") if spuk.key in ("places", "task") else esc(spuk.key)
    return [
        term(lang, "spuk1_line", amount=euro(lang, spuk.spuk1), takers=takers),
        term(lang, "durable_line", years=_years(lang, spuk.spuk1_min_years)),
        f"SPUK 2: {euro(lang, spuk.spuk2)}",
        term(lang, "spuk3_line", amount=euro(lang, spuk.spuk3), pot=euro(lang, spuk.pot), key=key)
        + term(lang, "spuk3_paid_if", percentage=spuk.spuk3_percentage,
               reached=term(lang, "yes" if spuk.spuk3_reached else "no")),
        "[bold]" + term(lang, "together_line", amount=euro(lang, spuk.municipalities_total)) + "[/]",
        term(lang, "province_line", amount=euro(lang, spuk.province_amount)),
    ]


def _years(lang: str, years: float) -> str:
    if years == int(years):
        return number(lang, years)
    return nl_decimal(years, 1) if lang == "nl" else f"{years:.1f}"


def verdeelbesluit_tables(v: Any, name: str, sentences: Sequence[str], lang: str = "nl") -> list[object]:
    """The restopgave per pool, the national balance (when netted), the allocation per municipality, the
    sentences and the verdict."""
    out: list[object] = [Text.from_markup(
        f"[bold]{esc(term(lang, 'vb_title', name=name))}[/] — "
        + term(lang, "national" if v.national else "per_province") + (term(lang, "capped") if v.capped else ""))]
    p = _table(lang, term(lang, "restopgave_title"), ("area", "category", "year", "task", "offer", "restopgave",
                                                      "short_municipalities"))
    for r in v.pools:
        p.add_row(plain(r["pool"]), category(lang, r["category"]), str(r["year"]), number(lang, r["task"]),
                  number(lang, r["offers"]), number(lang, r["restopgave"]), number(lang, r["short_municipalities"]))
    out.append(p)
    if v.national:
        b = _table(lang, term(lang, "balance_title"), ("province", "category", "year", "task", "offer", "balance"))
        for r in v.provinces:
            b.add_row(plain(r["province"]), category(lang, r["category"]), str(r["year"]), number(lang, r["task"]),
                      number(lang, r["offers"]), number(lang, r["balance"]))
        out.append(b)
    t = _table(lang, term(lang, "per_municipality"), ("code", "municipality", "category", "year", "task", "offer",
                                                      "binding", "restopgave", "allocation", "executable"))
    for r in v.rows:
        ok = ", ".join(f"{x['period']}: " + (term(lang, "yes") if x["feasible"]
                                             else f"{term(lang, 'no')} ({number(lang, x['capacity'])})")
                       for x in r["periods"])
        t.add_row(plain(r["code"]), plain(r["name"]), category(lang, r["category"]), str(r["year"]),
                  number(lang, r["task"]), number(lang, r["offer"]), number(lang, r["binding"]),
                  number(lang, r["restopgave_share"]), number(lang, r["allocation"]), ok)
    out.append(t)
    out.extend(plain(f"• {line}") for line in sentences)
    out.append(Text(term(lang, "all_executable"), style="green") if v.feasible
               else Text(term(lang, "not_all_executable"), style="red"))
    return out


def allocation_tables(check: Any, name: str, sentences: Sequence[str], lang: str = "nl") -> list[object]:
    """Every violation of an allocation check, then the sentences; or one line when it fits."""
    if check.feasible:
        return [Text.from_markup(f"[green]✓[/] {esc(term(lang, 'alloc_fits', name=name))}")]
    t = _table(lang, term(lang, "violations_title", n=len(check.violations)),
               ("check", "municipality", "code", "province", "category", "period", "allocated", "limit_col",
                "excess"), ("allocated", "limit_col", "excess"))
    for v in check.violations:
        kind = f"check_{v['check']}"
        t.add_row(term(lang, kind) if kind in ("check_offer_limit", "check_site_capacity", "check_province_total")
                  else plain(v["check"]), plain(v["name"] or ""), plain(v["code"] or ""), plain(v["province"]),
                  category(lang, v["category"]), v["period"], number(lang, v["places"]), number(lang, v["limit"]),
                  number(lang, v["excess"]))
    return [t, *(plain(f"• {line}") for line in sentences)]


def explain_tables(ex: Any, data: ExplainJson, lang: str = "nl") -> list[object]:
    """Why there is no plan: the sentences, each minimal conflict, the minimum-violation plan and where the
    missing places fall."""
    if ex.feasible:
        return [Text.from_markup(f"[green]✓[/] {esc(ex.summary(lang))}")]
    out: list[object] = [Text.from_markup(
        f"[bold]{esc(ex.scenario.name)}[/] — [red]{term(lang, 'no_plan_possible')}[/] "
        f"({esc(term(lang, 'solves', n=data['solves'], method=data['method']))})")]
    out.extend(plain(f"• {s.text}") for s in ex.sentences)
    for c in ex.conflicts.conflicts:
        where = f"{c.province or ''} {c.period or ''}".strip()
        t = _table(lang, term(lang, "conflict_title", where=where).strip(),
                   ("rule", "family", "municipality", "location", "category", "period", "lower", "upper"))
        for r in c.rows:
            muni = ex.model.munis[r.code].name if r.code is not None and r.code in ex.model.munis else ""
            t.add_row(plain(r.name), plain(r.family), plain(muni), plain(r.site or ""),
                      category(lang, r.category) if r.category else "", r.period or "", number(lang, r.lower),
                      number(lang, r.upper))
        out.append(t)
    el = ex.elastic
    if el is None or el.plan is None:
        out.append(Text(f"{term(lang, 'no_elastic')} ({el.status.value if el else '-'})", style="red"))
        return out
    t = _table(lang, term(lang, "elastic_title", order=", ".join(el.relax)),
               ("rule", "family", "municipality", "category", "period", "limit_col", "relaxed_by"))
    for x in el.relaxed:
        t.add_row(plain(x["row"]), plain(x["family"]), plain(x["name"] or x["province"] or ""),
                  category(lang, x["category"]) if x["category"] else "", x["period"] or "",
                  number(lang, x["bound"]), number(lang, x["amount"]))
    out.append(t)
    unmet = el.unmet_by_municipality()
    if unmet:
        u = _table(lang, term(lang, "unmet_title"),
                   ("code", "municipality", "category", "period", "task", "planned_col", "shortfall"))
        for x in unmet:
            u.add_row(plain(x["code"]), plain(x["name"]), category(lang, x["category"]), x["period"],
                      number(lang, x["task"]), number(lang, x["planned"]), number(lang, x["shortfall"]))
        out.append(u)
    items = ", ".join(f"{k} {number(lang, v)}" for k, v in el.totals.items())
    out.append(plain(term(lang, "relaxed_total", items=items, status=status(lang, el.status.value))))
    return out


def sweep_cell(lang: str, value: Any) -> str:
    """A varied value: numbers as the language writes them, shares as percentages, yes/no."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return term(lang, "yes" if value else "no")
    if isinstance(value, int):
        return number(lang, value)
    if isinstance(value, float):
        if 0 <= value <= 1:
            return f"{100 * value:.1f}%".replace(".", ",") if lang == "nl" else f"{100 * value:.1f}%"
        return euro(lang, value)
    return str(value)


def _num(value: object) -> int | float | None:
    """A sweep cell as a number for :func:`number`/:func:`euro` (the sweep writes numbers or None there)."""
    return value if isinstance(value, int | float) else None


def sweep_table(rows: Sequence[SweepRow], keys: Sequence[str], lang: str = "nl") -> FitTable:
    """One row per variation: the varied values, status, tasks, closure per period, shortfall, small-unit share,
    SPUK and seconds."""
    t = FitTable(title=term(lang, "sweep_title", n=len(rows)))
    for k in keys:
        t.add_column(esc(k), justify="right")
    periods = sorted({p for r in rows for p in str(r.get("periods") or "").split()})
    tasks = "sweep_tasks_total" if any(k.startswith("task_total_") for r in rows for k in r) else "sweep_tasks"
    for col in ("status", term(lang, tasks), *(term(lang, "sweep_closes", p=p) for p in periods),
                term(lang, "municipalities_short"), term(lang, "small_scale"), "SPUK", "s"):
        t.add_column(col, justify="left" if col == "status" else "right")
    for r in rows:
        closes = []
        for p in periods:
            if r.get("status") == "invalid":
                closes.append("–")
                continue
            parts = []
            for k in ("total" if f"task_total_{p}" in r else "regular", "amv"):  # rules.counting: as the plan checks
                label = term(lang, f"sweep_{k}")
                c, surplus = r.get(f"closes_{k}_{p}"), r.get(f"surplus_{k}_{p}")
                if c is True:
                    parts.append(f"[green]{label} +{number(lang, _num(surplus))}[/]")
                elif c is False:
                    parts.append(f"[red]{label} {term(lang, 'no')}[/]")
                else:  # no plan, but the sites alone would have sufficed: the reason lies elsewhere
                    parts.append(f"{label} –")
            closes.append(" ".join(parts))
        word = status(lang, str(r.get("status")))
        state = word if r.get("plan") else f"[red]{esc(word)}[/]"
        shares = [r.get(f"small_scale_share_{p}") for p in periods]
        share = " / ".join(sweep_cell(lang, s) for s in shares if isinstance(s, int | float)) or "–"
        first = str(r.get("periods") or "").split()[:1]
        main = "total" if first and f"task_total_{first[0]}" in r else "regular"
        task = ("–" if not first or r.get(f"task_{main}_{first[0]}") is None
                else f"{number(lang, _num(r[f'task_{main}_{first[0]}']))} / "
                     f"{number(lang, _num(r.get(f'task_amv_{first[0]}')))}")
        seconds = r.get("seconds")
        t.add_row(*[plain(sweep_cell(lang, r.get(k))) for k in keys], state, task, *closes,
                  number(lang, _num(r.get("total_shortfall"))), share, euro(lang, _num(r.get("spuk_total"))),
                  "–" if seconds is None else f"{seconds:.2f}".replace(".", "," if lang == "nl" else "."))
    return t
