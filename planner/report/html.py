"""The HTML report: one self-contained, offline file (inline CSS and SVG, no scripts, fonts or links to fetch).

It formats computed results only: a plan report from a plan's JSON (:func:`planner.journeys.plan.plan_json`) and its
resolved scenario — so a plan folder written by ``planner plan --out`` renders exactly like a fresh run — and a
comparison report from :func:`planner.journeys.compare.compare_runs`. Accessible: ``lang`` on the document, one
``<h1>`` and nested headings, tables with ``<caption>`` and ``<th scope>``, every chart a ``<figure>`` with a
``<figcaption>`` and an accessible name, and meaning never carried by colour alone (hatching, labels, words).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from planner.report.summary import compare_summary, money, percent, plan_summary, say, signed_money
from planner.report.words import CATEGORY_WORDS, STATUS_WORDS, T, number, term

if TYPE_CHECKING:
    from planner.journeys.compare import Comparison
    from planner.journeys.plan import PlanRun
    from planner.scenario.problems import Problems

TASKS = ("regular", "amv")
MAX_CHART_ROWS = 30

@dataclass
class Table:
    """A table as the template draws it: ``rows`` of formatted cells; the first cell of a row is its header."""

    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)
    foot: list[list[str]] = field(default_factory=list)
    id: str = ""


@dataclass
class Figure:
    svg: str
    caption: str
    id: str = ""


@dataclass
class Section:
    title: str
    id: str
    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


def _n(lang: str, value: Any) -> str:
    return number(lang, value)


def _e(lang: str, value: Any) -> str:
    return money(lang, value)


def _status(lang: str, status: str) -> str:
    return STATUS_WORDS[lang].get(status, status)


def coverage(municipalities: Sequence[Mapping[str, Any]]) -> dict[str, float | None]:
    """Per municipality the share of its own total task the plan covers in its weakest period (1 = met), from the
    plan's municipality rows (one per period, both tasks)."""
    from planner.model.plan import places_short  # rules.counting: the total reading's when it is chosen

    return _weakest((r["code"], str(i), own_task(r), places_short(r))
                    for i, r in enumerate(municipalities))  # each row is one period already


def compare_coverage(places: Sequence[Mapping[str, Any]], scenario: str) -> dict[str, float | None]:
    """:func:`coverage` for one scenario of a comparison, from its place rows (one per municipality, task and
    period), the reading deciding as in the plan's map (:func:`planner.journeys.compare.own_shortfalls`)."""
    from planner.journeys.compare import own_shortfalls

    return _weakest((code, period, task, short)
                    for (s, code, period), (task, short) in own_shortfalls(places).items() if s == scenario)


def own_task(row: Mapping[str, Any]) -> int:
    """A municipality's own total task from a plan-like row: ``task_total`` under the total reading, else regular +
    AMV."""
    return int(row["task_total"]) if "task_total" in row else int(row["task_regular"] + row["task_amv"])


def _weakest(rows: Iterable[tuple[str, str, int, int]]) -> dict[str, float | None]:
    """(code, period, task, shortfall) rows → per code the covered share (task − shortfall) / task of its weakest
    period, the tasks of a period added up first."""
    per_period: dict[tuple[str, str], list[int]] = {}
    for code, period, task, short in rows:
        totals = per_period.setdefault((code, period), [0, 0])
        totals[0] += task
        totals[1] += short
    out: dict[str, float | None] = {}
    for (code, _), (task, short) in per_period.items():
        cov = 1.0 if task == 0 else (task - short) / task
        prev = out.get(code)
        out[code] = cov if prev is None else min(prev, cov)
    return out


# ---------------------------------------------------------------------------------------------------------------
# The plan report


def _chart_subset(munis: Sequence[Mapping[str, Any]], lang: str) -> tuple[list[Mapping[str, Any]], str]:
    """At most :data:`MAX_CHART_ROWS` municipalities (those with the largest total task) so a national chart stays
    readable; the note says so."""
    codes = {r["code"]: r["task_regular"] + r["task_amv"] for r in munis}
    if len(codes) <= MAX_CHART_ROWS:
        return list(munis), ""
    keep = set(sorted(codes, key=lambda c: (-codes[c], c))[:MAX_CHART_ROWS])
    note = say(lang, "chart_subset", n=MAX_CHART_ROWS)
    return [r for r in munis if r["code"] in keep], note


def _capacity(result: Mapping[str, Any], special_counts: bool = True) -> dict[tuple[str, str], dict[str, int]]:
    """Per municipality and period the places its sites can count toward each task, from the plan's site rows."""
    tasks = {"regular": "regular", "special": "regular" if special_counts else "", "amv": "amv"}
    out: dict[tuple[str, str], dict[str, int]] = {}
    for s in result.get("sites", []):
        k = tasks.get(s["category"], "")
        if k:
            cap = out.setdefault((s["code"], s["period"]), {"regular": 0, "amv": 0})
            cap[k] += int(s.get("capacity") or 0)
    return out


def _period_table(result: Mapping[str, Any], period: str, lang: str, special_counts: bool = True) -> Table:
    from planner.report.terminal import reason_text

    t = T[lang]
    capacity = _capacity(result, special_counts)
    rows = []
    from planner.model.plan import places_short, province_closes

    for r in sorted((r for r in result["municipalities"] if r["period"] == period), key=lambda r: r["name"]):
        short = places_short(r)
        rows.append([
            r["name"], r["code"], _n(lang, r["task_regular"]), _n(lang, r["limit_regular"]),
            _n(lang, r["planned_regular"]), _n(lang, r["task_amv"]), _n(lang, r["limit_amv"]),
            _n(lang, r["planned_amv"]), _n(lang, short) + (" ✗" if short else " ✓"),
            reason_text(r, capacity.get((r["code"], period), {}), lang),
        ])
    foot = []
    for p in result["province"]:
        if p["period"] == period:
            closes = province_closes(p)
            verdict = t["closes"] if closes else t["not_closes"]
            if "task_total" in p:  # rules.counting = total: the verdict is the total's (AMV its sub-check), as in
                verdict += term(lang, "total_figures", got=_n(lang, p["planned_total"]),  # the terminal
                                task=_n(lang, p["task_total"]))
            foot.append([
                t["province_total"].format(prov=p["province"]), "", _n(lang, p["task_regular"]), "",
                _n(lang, p["planned_regular"]), _n(lang, p["task_amv"]), "", _n(lang, p["planned_amv"]), "",
                verdict + (" ✓" if closes else " ✗"),
            ])
    return Table(
        t["plan_period"].format(p=period),
        [t["municipality"], t["code"], t["task_reg"], t["offer_reg"], t["plan_reg"], t["task_amv"], t["offer_amv"],
         t["plan_amv"], t["short"], t["why"]],
        rows, set(range(2, 9)), foot, id=f"plan-{period}",
    )


def _ukraine_table(result: Mapping[str, Any], period: str, lang: str) -> Table:
    t = T[lang]
    rows = [
        [r["name"], r["code"], _n(lang, r["ukraine_target"]), _n(lang, r["ukraine_realised"]),
         _n(lang, r["ukraine_ambition"]), _n(lang, r["ukraine"]), _n(lang, r["ukraine_shortfall"])]
        for r in sorted((r for r in result["municipalities"] if r["period"] == period), key=lambda r: r["name"])
    ]
    return Table(t["ukraine"].format(p=period),
                 [t["municipality"], t["code"], t["target"], t["realised"], t["ambition"], t["plan"], t["below"]],
                 rows, set(range(2, 7)), id="ukraine")


def _spuk_table(spuk: Mapping[str, Any], lang: str) -> Table:
    from planner.report.xlsx import choice_text

    t = T[lang]
    rows = [
        [r["name"], r["code"], _n(lang, r["task_total"]), _n(lang, r["durable_places"]), _n(lang, r["spuk1_places"]),
         _e(lang, r["spuk1"]), _e(lang, r["spuk2"]), _e(lang, r["spuk3"]), choice_text(r["choice"], lang),
         _e(lang, r["total"])]
        for r in sorted(spuk["municipalities"], key=lambda r: r["name"])
    ]
    foot = [[t["together"], "", "", "", "", _e(lang, spuk["spuk1"]), _e(lang, spuk["spuk2"]), _e(lang, spuk["spuk3"]),
             "", _e(lang, spuk["municipalities_total"])],
            [say(lang, "province_word"), "", "", "", "", "", "", "", "",
             _e(lang, spuk["province_amount"])]]
    return Table("SPUK", [t["municipality"], t["code"], t["task_total"], t["durable"], t["above"], t["spuk1"],
                          t["spuk2"], "SPUK 3", t["choice"], t["total"]], rows, set(range(2, 8)) | {9}, foot,
                 id="spuk-table")


def _severity(lang: str, severity: str) -> str:
    from planner.report.words import term

    return term(lang, f"pr_{severity}").lower() if severity in ("error", "warning") else severity


def _checks_table(problems: Sequence[Mapping[str, Any]], lang: str) -> Table:
    t = T[lang]
    rows = [[str(p.get("file", "")), "" if p.get("row") is None else str(p["row"]), str(p.get("field", "")),
             _severity(lang, str(p.get("severity", ""))), str(p.get("message", ""))] for p in problems]
    return Table(t["checks"], [t["file"], t["row"], t["field"], t["severity"], t["message"]], rows, {1}, id="checks")


def _about(rows: Sequence[tuple[str, str]], lang: str) -> Table:
    return Table(T[lang]["about"], ["", ""], [[k, v] for k, v in rows], id="about-table")


def render_plan_report(
    result: Mapping[str, Any],
    resolved: Mapping[str, Any] | None = None,
    lang: str = "nl",
    problems: Sequence[Mapping[str, Any]] | None = (),
) -> str:
    """The plan report as one HTML document. ``result``: :func:`plan_json`'s data (or a plan folder's result.json);
    ``resolved``: the resolved scenario (for the provinces drawn on the map); ``problems``: input warnings."""
    from planner.report import charts
    from planner.report.words_notices import notice_lines, notice_title

    t = T[lang]
    sections: list[Section] = []
    periods = [str(p) for p in result.get("periods", [])]
    munis = result.get("municipalities", [])
    sections.append(Section(t["summary"], "summary", paragraphs=plan_summary(result, lang)))
    if notes := notice_lines(result.get("notices", []), lang):  # the planning data's notices (issue 11)
        sections.append(Section(notice_title(lang), "notices", paragraphs=notes))
    if result.get("plan") and munis:
        rules = (resolved or {}).get("settings", {}).get("rules", {})
        special = bool(rules.get("special_counts_toward_regular", True))
        for p in periods:
            sections.append(Section(t["plan_period"].format(p=p), f"period-{p}",
                                    tables=[_period_table(result, p, lang, special)]))
        provinces = sorted({r["province"] for r in munis})
        names = {r["code"]: r["name"] for r in munis}
        sections.append(Section(t["map"], "map", figures=[_map_figure(coverage(munis), names, provinces, lang)]))
        shown, note = _chart_subset(munis, lang)
        figs = [Figure(charts.task_vs_plan(shown, periods, lang), t["fig_task_plan"] + note, "fig-task-plan"),
                Figure(charts.category_mix(shown, periods[0], lang), t["fig_mix"].format(p=periods[0]) + note,
                       "fig-mix")]
        sections.append(Section(t["charts"], "charts", figures=figs))
        sections.append(Section(t["ukraine"].format(p=periods[0]), "ukraine",
                                tables=[_ukraine_table(result, periods[0], lang)]))
        spuk = result.get("spuk")
        if spuk:
            sections.append(Section(t["spuk"], "spuk", tables=[_spuk_table(spuk, lang)], figures=[
                Figure(charts.spuk_bars(spuk["municipalities"], lang), t["fig_spuk"], "fig-spuk")]))
    checks = Section(t["checks"], "checks")
    if problems is None:
        checks.paragraphs.append(t["checks_unknown"])
    elif problems:
        checks.tables.append(_checks_table(problems, lang))
    else:
        checks.paragraphs.append(t["no_checks"])
    sections.append(checks)
    gap = result.get("gap")
    about = [
        (t["scenario"], str(result.get("scenario", ""))),
        (t["digest"], str(result.get("scenario_digest", ""))),
        (t["tool"], str(result.get("tool_version", ""))),
        (t["solver"], f"{result.get('solver', '')} {result.get('solver_version', '')}"),
        (t["status"], f"{result.get('status', '')} — {_status(lang, str(result.get('status')))}"),
        (t["gap"], "–" if gap is None else percent(lang, gap, 2)),
        (t["seconds"], "–" if result.get("seconds") is None else f"{result['seconds']} s"),
    ]
    sections.append(Section(t["about"], "about", tables=[_about(about, lang)]))
    has_map = any(f.id == "fig-map" for s in sections for f in s.figures)
    return _render(f"{t['report']}: {result.get('scenario', '')}", lang, sections, credit=has_map)


def _map_figure(cover: Mapping[str, float | None], names: Mapping[str, str], provinces: Sequence[str], lang: str,
                scenario: str = "", fig_id: str = "fig-map") -> Figure:
    """The coverage map as a figure; with ``scenario`` (a comparison) its name heads the caption and the title."""
    from planner.report.mapping import MAX_LABELS, task_map

    t = T[lang]
    where = ", ".join(provinces) if len(provinces) <= 3 else say(lang, "country")
    caption = t["fig_map"].format(where=where, labels=t["map_labels"] if len(names) <= MAX_LABELS
                                  else t["map_no_labels"])
    title = f"{t['map']} — {scenario}" if scenario else t["map"]
    return Figure(task_map(cover, names, provinces, lang, title=title),
                  f"{scenario} — {caption}" if scenario else caption, fig_id)


def _compare_maps(data: Mapping[str, Any], lang: str) -> Section:
    """One coverage map per scenario of a comparison (a scenario without a plan gets a sentence, not a map)."""
    t = T[lang]
    section = Section(t["map"], "map")
    names = {r["code"]: r["name"] for r in data["places"]}
    for i, s in enumerate(data["scenarios"]):
        name = s["scenario"]
        if not s["plan"]:
            section.paragraphs.append(say(lang, "whatif_no_plan", scenario=name, status=_status(lang, s["status"])))
            continue
        provinces = sorted({r["province"] for r in data["province"] if r["scenario"] == name})
        section.figures.append(_map_figure(compare_coverage(data["places"], name), names, provinces, lang, name,
                                           f"fig-map-{i + 1}"))
    return section


def plan_report_from_run(run: PlanRun, lang: str = "nl", problems: Problems | None = None) -> str:
    from planner.journeys.plan import plan_json

    warnings = [{**p.as_dict(), "message": p.text(lang), "field": p.field_text(lang)}
                for p in problems.warnings] if problems is not None else []
    return render_plan_report(plan_json(run), run.scenario.resolved_dict(), lang, warnings)


# ---------------------------------------------------------------------------------------------------------------
# The comparison report


def render_compare_report(data: Mapping[str, Any], lang: str = "nl") -> str:
    """The comparison report from :func:`planner.journeys.compare.compare_runs`' data."""
    from planner.journeys.compare import notices_by_scenario
    from planner.report import charts
    from planner.report.words_notices import notice_lines, notice_title

    t = T[lang]
    cat = CATEGORY_WORDS[lang]
    base = data["base"]
    sections = [Section(t["summary"], "summary", paragraphs=compare_summary(data, lang))]
    notes = [f"{scenario}: {line}" for scenario, own in notices_by_scenario(cast("Comparison", data))
             for line in notice_lines(own, lang)]
    if notes:  # as in the terminal compare: the base's notices, then what each what-if adds (issue 11)
        sections.append(Section(notice_title(lang), "notices", paragraphs=notes))
    sections.append(Section(t["scenarios"], "scenarios", tables=[Table(
        t["scenarios"], [t["scenario"], t["role"], t["status"], t["description"]],
        [[s["scenario"], t["base"] if s["role"] == "base" else t["whatif"], _status(lang, s["status"]),
          s.get("description", "")] for s in data["scenarios"]], id="scenarios-table")]))
    from planner.report.compare_table import change_names, describe_change, show_value

    change_rows, who = [], change_names(data)
    for c in data.get("changes", []):
        for s in c.get("settings", []):
            old, new = show_value(lang, s["old"]), show_value(lang, s["new"])
            change_rows.append([c["scenario"], f"{s['key']}: {old} → {new}"])
        for row in c.get("tables", []):
            change_rows.append([c["scenario"], describe_change(lang, row, who)])
    sections.append(Section(t["changes"], "changes", tables=[Table(
        t["changes"], [t["scenario"], t["change"]], change_rows, id="changes-table")]))
    prov_rows = []
    verdicts = {"closes": t["closes"] + " ✓", "short": t["not_closes"] + " ✗", "cannot_close": t["cannot_close"] + " ✗",
                "no_plan": t["fits_no_plan"]}
    for r in data["province"]:
        planned = (_n(lang, r["planned"]) if r["plan"] else f"≤ {_n(lang, r['most_possible'])} ({t['bound']})")
        prov_rows.append([r["scenario"], cat.get(r["category"], r["category"]), r["period"], _n(lang, r["task"]),
                          planned, "–" if r.get("delta") is None else _signed(lang, r["delta"]),
                          verdicts[r["verdict"]]])
    sections.append(Section(t["province_close"], "province", tables=[Table(
        t["province_close"], [t["scenario"], t["category"], t["period"], t["task"], t["planned"], t["delta"],
                              t["status"]], prov_rows, {3, 4, 5}, id="province-table")]))
    sections.append(_compare_maps(data, lang))
    base_places = {(r["code"], r["category"], r["period"]): r for r in data["places"] if r["scenario"] == base}
    delta_rows = []
    for r in data["places"]:
        if r["scenario"] == base or (not r.get("delta") and not r.get("delta_shortfall")):
            continue
        ref = base_places.get((r["code"], r["category"], r["period"]))
        delta_rows.append([r["name"], r["scenario"], cat.get(r["category"], r["category"]), r["period"],
                           _n(lang, ref["places"] if ref else None), _n(lang, r["places"]), _signed(lang, r["delta"]),
                           _signed(lang, r.get("delta_shortfall"))])
    periods = list(dict.fromkeys(r["period"] for r in data["places"]))
    muni = Section(t["muni_deltas"], "deltas")
    if delta_rows:
        muni.tables.append(Table(t["muni_deltas"], [t["municipality"], t["scenario"], t["category"], t["period"],
                                                    t["base_places"], t["whatif_places"], t["delta"],
                                                    t["delta_short"]], delta_rows, {4, 5, 6, 7}, id="deltas-table"))
        muni.figures.append(Figure(charts.compare_deltas(data["places"], base, periods, lang), t["fig_deltas"],
                                   "fig-deltas"))
    else:
        muni.paragraphs.append(t["no_deltas"])
    sections.append(muni)
    spuk_rows = []
    for s in data["spuk"]:
        if not s.get("plan"):
            spuk_rows.append([s["scenario"], "–", "–", "–", "–", "–"])
            continue
        d = s.get("delta") or {}
        spuk_rows.append([s["scenario"], _e(lang, s["spuk1"]), _e(lang, s["spuk2"]), _e(lang, s["spuk3"]),
                          _e(lang, s["municipalities_total"]),
                          "–" if "municipalities_total" not in d else _signed(lang, d["municipalities_total"], True)])
    sections.append(Section(t["spuk_compare"], "spuk", tables=[Table(
        t["spuk_compare"], [t["scenario"], "SPUK 1", "SPUK 2", "SPUK 3", t["together"], t["delta"]], spuk_rows,
        {1, 2, 3, 4, 5}, id="spuk-compare-table")]))
    about = [(s["scenario"], f"{s['digest'][:16]}… · {_status(lang, s['status'])} · {s['seconds']} s")
             for s in data["scenarios"]]
    from planner import __version__

    about.append((t["tool"], __version__))
    sections.append(Section(t["about"], "about", tables=[_about(about, lang)]))
    names = ", ".join(s["scenario"] for s in data["scenarios"][1:])
    has_map = any(f.id.startswith("fig-map") for s in sections for f in s.figures)
    return _render(f"{t['compare_report']}: {base} ↔ {names}", lang, sections, credit=has_map)


def _signed(lang: str, value: Any, euro: bool = False) -> str:
    if euro or value is None:
        return signed_money(lang, value) if euro else "–"
    return ("+" if value > 0 else "−" if value < 0 else "±") + _n(lang, abs(value))


# ---------------------------------------------------------------------------------------------------------------


def _render(title: str, lang: str, sections: Sequence[Section], credit: bool = False) -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("planner.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    tpl = env.get_template("report.html.j2")
    made = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    from markupsafe import Markup

    return tpl.render(title=title, lang=lang, sections=sections, t=T[lang], made=made, markup=Markup,
                      credit=credit)
