"""The comparison as terminal tables, in one language (only presentation: every value arrives computed by
:func:`planner.journeys.compare.compare_runs`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rich.text import Text

from planner.report.terminal import NAME_KEYS, FitTable, esc, plain, visible
from planner.report.words import category, euro, join, number, status, term
from planner.report.words_tables import short

if TYPE_CHECKING:
    from planner.journeys.compare import Comparison, PlacesRow, ProvinceRow
    from planner.journeys.diff import RowChange


CHANGED_TABLES = ("municipalities", "sites", "offers", "transfers")
"""The input tables a what-if can change, in the order the count names them."""


def changed_input(lang: str, change: Mapping[str, Any]) -> str:
    """What a what-if changed against the base, counted in words with singular and plural: "1 locatie gewijzigd",
    "2 instellingen en 1 locatie gewijzigd" / "2 settings and 1 site changed", "geen wijziging" / "no change"."""
    counts = {"settings": len(change["settings"])}
    for row in change["tables"]:
        counts[row["table"]] = counts.get(row["table"], 0) + 1
    items = [term(lang, f"n_{kind}_1" if counts[kind] == 1 else f"n_{kind}", n=number(lang, counts[kind]))
             for kind in ("settings", *CHANGED_TABLES) if counts.get(kind)]
    return term(lang, "n_changed", items=join(lang, items)) if items else term(lang, "n_unchanged")


def show_value(lang: str, v: Any) -> str:
    """A setting or field value as a TOML writer would recognise it: ``true``, ``2026-04-01``, ``(leeg)``."""
    if v is None or v == "":
        return term(lang, "empty")
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list | tuple):
        return "[" + ", ".join(show_value(lang, x) for x in v) + "]"
    return str(v)


def describe_change(lang: str, change: RowChange, names: Mapping[str, str] | None = None) -> str:
    """One table-row change in words: ``sites ASN-AZC: available_until 2026-04-01 → (leeg)``; a transfer as
    ``uitruil: Emmen → Borger-Odoorn, 53 reguliere plaatsen, alle perioden: toegevoegd`` (names from ``names``)."""
    if change["table"] == "transfers":
        return _describe_transfer(lang, change, names or {})
    head = f"{term(lang, 'table_' + change['table'])} {change['key']}"
    if change["change"] in ("added", "removed"):
        return f"{head}: {term(lang, change['change'])}"
    parts = [f"{f} {show_value(lang, d['old'])} → {show_value(lang, d['new'])}"
             for f, d in change["fields"].items() if f != "remarks"]
    return f"{head}: " + ("; ".join(parts) if parts else term(lang, "remark_changed"))


def change_names(data: Mapping[str, Any]) -> dict[str, str]:
    """Municipality names by CBS code, from every table of the comparison that has them (a transfer names both)."""
    names = {m["code"]: m["name"] for s in data.get("spuk", []) for m in s.get("municipalities", [])}
    return names | {r["code"]: r["name"] for r in data.get("places", []) if "name" in r}


def _describe_transfer(lang: str, change: RowChange, names: Mapping[str, str]) -> str:
    """The transfer's row key ``GM0114>GM1681/regular/None`` (see :func:`planner.scenario.load.row_key`) in words."""
    codes, kind, year = change["key"].split("#")[0].split("/")
    src, dst = codes.split(">")
    fields = change["fields"]
    whole = change["change"] in ("added", "removed")
    moved = fields.get("places")
    places: int | None = None if moved is None else moved["new"] if change["change"] == "added" else moved["old"]
    period = term(lang, "transfer_all_periods") if year == "None" else year
    head = term(lang, "transfer_change", src=names.get(src, src), dst=names.get(dst, dst),
                places=f"{number(lang, places)} " if whole and places is not None else "",
                kind=term(lang, "transfer_" + kind), period=period)
    if whole:
        return f"{head}: {term(lang, change['change'])}"
    parts = [f"{term(lang, 'transfer_places') if f == 'places' else f} {show_value(lang, d['old'])} → "
             f"{show_value(lang, d['new'])}" for f, d in fields.items() if f != "remarks"]
    return f"{head}: " + ("; ".join(parts) if parts else term(lang, "remark_changed"))


def _delta(lang: str, value: int | None, delta: int | None, money: bool = False) -> str:
    show = euro if money else number
    if value is None:
        return "–"
    text = show(lang, value)
    if not delta:
        return text
    sign = "+" if delta > 0 else "−"
    style = "green" if delta > 0 else "red"
    return f"[bold {style}]{text} ({sign}{show(lang, abs(delta))})[/]"


def _verdict(lang: str, r: ProvinceRow) -> str:
    """The province row's one verdict (computed in the journey) in words."""
    if r["verdict"] == "closes":
        return f"[green]{term(lang, 'closes')}[/]" + (f" (+{number(lang, r['surplus'])})" if r["surplus"] else "")
    if r["verdict"] == "short":
        return f"[red]{term(lang, 'short_by', n=number(lang, r['short_by']))}[/]"
    if r["verdict"] == "cannot_close":
        return ("[red]" + term(lang, "cannot_close_most", most=number(lang, r["most_possible"]),
                               short=number(lang, r["short_at_least"])) + "[/]")
    return term(lang, "fits_no_plan_most", most=number(lang, r["most_possible"]))


def render(data: Comparison, con: Any, lang: str = "nl") -> None:
    """Scenarios, changes, places per municipality, duties, the province's closure and SPUK, as tables."""
    def table(title: str, keys: list[str]) -> FitTable:
        t = FitTable(title=plain(title), short_headers=[short(lang, k) for k in keys]).keys(keys)
        for key in keys:
            t.add_column(term(lang, key), overflow="fold", no_wrap=key in NAME_KEYS)
        return t

    scen = data["scenarios"]
    labels = [s["scenario"] for s in scen]
    by_province = len({r["province"] for r in data["small_scale"]}) > 1
    t = table(term(lang, "scenarios_title"), [
        "scenario", "status", "changed_input", "municipalities_short", "spuk_municipalities", "small_scale"])
    spuk = {s["scenario"]: s for s in data["spuk"]}
    for s, ch in zip(scen, [None, *data["changes"]], strict=True):
        word = status(lang, s["status"])
        state = word if s["plan"] else f"[red]{word}[/]"
        n = term(lang, "base") if ch is None else changed_input(lang, ch)
        sp = spuk[s["scenario"]]
        euros = (_delta(lang, sp["municipalities_total"], (sp["delta"] or {}).get("municipalities_total"), money=True)
                 if sp["plan"] else "–")
        shares = ([term(lang, "per_province_below")] if by_province else
                  [f"{r['period']}: {_percent(lang, r['share'])}" for r in data["small_scale"]
                   if r["scenario"] == s["scenario"]])
        shorts = [f"{d['period']}: {d['municipalities_short']}" for d in data["duty"] if d["scenario"] == s["scenario"]]
        t.add_row(plain(s["scenario"]), state, n, ", ".join(shorts) or "–", euros, ", ".join(shares) or "–")
    con.print(t)
    if by_province:
        con.print(_small_scale_by_province(data, lang))

    names = change_names(data)
    for ch in data["changes"]:
        lines = [f"  {c['key']}: {show_value(lang, c['old'])} → {show_value(lang, c['new'])}" for c in ch["settings"]]
        lines += [f"  {describe_change(lang, c, names)}" for c in ch["tables"]]
        con.print(f"[bold]{esc(term(lang, 'changes_of', s=ch['scenario'], base=data['base']))}[/]")
        con.print(visible("\n".join(lines)) if lines else term(lang, "no_changes"), markup=False)
    notices(data, con, lang)

    cols: list[tuple[str, str]] = [(s["scenario"], p) for s in scen if s["plan"] for p in s["periods"]]
    by_key = {(r["scenario"], r["code"], r["category"], r["period"]): r for r in data["places"]}
    rows = sorted({(r["code"], r["name"], r["category"]) for r in data["places"]})
    province_of = {r["code"]: r["province"] for r in data["places"]}
    groups = _by_province(rows, province_of)
    if cols:
        t = table(term(lang, "places_title"), ["code", "municipality", "category"])
        for label, period in cols:
            t.add_column(f"{esc(label)}\n{period}", justify="right", overflow="fold")
        for province, mine in groups:
            if province is not None:
                t.add_row("", Text(province, style="bold underline"), "", *[""] * len(cols))
            for code, name, cat in mine:
                cells = []
                for label, period in cols:
                    r = by_key.get((label, code, cat, period))
                    cells.append("–" if r is None else _delta(lang, r["places"], r["delta"]))
                t.add_row(plain(code), plain(name), category(lang, cat), *cells)
            if province is not None:
                _province_sums(t, lang, province, mine, cols, by_key)
        con.print(t)

        t = table(term(lang, "duty_met_title"), ["code", "municipality", "category", "task"])
        for label, period in cols:
            t.add_column(f"{esc(label)}\n{period}", justify="right", overflow="fold")
        for province, mine in groups:
            below = [(code, name, cat) for code, name, cat in mine
                     if any(r is not None and r["shortfall"] for r in
                            (by_key.get((label, code, cat, period)) for label, period in cols))]
            if province is not None and below:
                t.add_row("", Text(province, style="bold underline"), "", "", *[""] * len(cols))
            _duty_rows(t, lang, below, cols, by_key)
        con.print(t)

    t = table(term(lang, "province_closes_title"), [
        "scenario", "province", "category", "period", "task", "plan", "verdict"])

    for pr in data["province"]:
        planned = _delta(lang, pr["planned"], pr["delta"]) if pr["plan"] else term(lang, "no_plan_short")
        t.add_row(plain(pr["scenario"]), plain(pr["province"]), category(lang, pr["category"]), pr["period"],
                  number(lang, pr["task"]), planned, _verdict(lang, pr))
    con.print(t)

    t = table(term(lang, "spuk_compare_title"), ["scheme"])
    for label in labels:
        t.add_column(esc(label), justify="right", overflow="fold")
    for key in ("spuk1", "spuk2", "spuk3", "municipalities_total"):
        cells = []
        for label in labels:
            sp = spuk[label]
            cells.append(_delta(lang, sp[key], (sp["delta"] or {}).get(key), money=True) if sp["plan"]
                         else term(lang, "no_plan_short"))
        t.add_row(term(lang, f"scheme_{key}"), *cells)
    con.print(t)


Row = tuple[str, str, str]
"""A row of the places and duty tables: code, name, category."""


def _by_province(rows: list[Row], province_of: dict[str, str]) -> list[tuple[str | None, list[Row]]]:
    """The rows per province (sorted by name) when there is more than one province, else all rows under None."""
    provinces = sorted({province_of[code] for code, _, _ in rows})
    if len(provinces) <= 1:
        return [(None, rows)]
    return [(p, [row for row in rows if province_of[row[0]] == p]) for p in provinces]


def _province_sums(t: FitTable, lang: str, province: str, rows: list[Row], cols: list[tuple[str, str]],
                   by_key: dict[tuple[str, str, str, str], PlacesRow]) -> None:
    """The province's places per category (one row each) and per column, with the sum of the differences."""
    for cat in dict.fromkeys(cat for _, _, cat in rows):
        cells = []
        for label, period in cols:
            found = [r for r in (by_key.get((label, code, c, period)) for code, _, c in rows if c == cat)
                     if r is not None]
            deltas = [r["delta"] for r in found]
            delta = None if any(d is None for d in deltas) else sum(d for d in deltas if d is not None)
            cells.append(_delta(lang, sum(r["places"] for r in found), delta) if found else "–")
        t.add_row("", f"[bold]{esc(term(lang, 'province_sum', prov=province))}[/]", category(lang, cat), *cells)
    t.add_section()


def _duty_rows(t: FitTable, lang: str, rows: list[Row], cols: list[tuple[str, str]],
               by_key: dict[tuple[str, str, str, str], PlacesRow]) -> None:
    """A municipality's task met or short by how many, per column (the difference with the base marked)."""
    for code, name, cat in rows:
        found = [by_key.get((label, code, cat, period)) for label, period in cols]
        task = next((r["task"] for r in found if r is not None), None)
        cells = []
        for r in found:
            if r is None:
                cells.append("–")
            elif r["shortfall"] == 0:
                met = term(lang, "met")
                cells.append(f"[green]{met}[/]" if not r["delta_shortfall"] else f"[bold green]{met}[/]")
            else:
                d = r["delta_shortfall"]
                mark = "" if not d else f" ({'+' if d > 0 else '−'}{abs(d)})"
                words = term(lang, "short_by", n=number(lang, r["shortfall"]))
                cells.append(f"[{'bold ' if d else ''}red]{words}{mark}[/]")
        t.add_row(plain(code), plain(name), category(lang, cat), number(lang, task), *cells)


def _small_scale_by_province(data: Comparison, lang: str) -> FitTable:
    """The small-scale share per province (rows) for each scenario and period (columns): with more than one
    province a list of percentages without their provinces says nothing."""
    cols = sorted({(r["scenario"], r["period"]) for r in data["small_scale"]},
                  key=lambda c: ([s["scenario"] for s in data["scenarios"]].index(c[0]), c[1]))
    share = {(r["scenario"], r["period"], r["province"]): r["share"] for r in data["small_scale"]}
    t = FitTable(title=plain(term(lang, "small_scale_title")))
    t.add_column(term(lang, "province"), no_wrap=True)
    for label, period in cols:
        t.add_column(f"{esc(label)}\n{period}", justify="right")
    for province in sorted({r["province"] for r in data["small_scale"]}):
        t.add_row(plain(province), *[_percent(lang, share.get((label, period, province))) for label, period in cols])
    return t


def notices(data: Comparison, con: Any, lang: str) -> None:
    """The notices of each scenario (units assumed ready, no Ukraine data, …): the base's, then what each what-if
    adds to them."""
    from planner.journeys.compare import notices_by_scenario
    from planner.report.words_notices import notice_lines, notice_title

    for scenario, own in notices_by_scenario(data):
        for line in notice_lines(own, lang):
            con.print(plain(f"{notice_title(lang)} ({scenario}): {line}", style="yellow"))


def _percent(lang: str, value: float | None) -> str:
    from planner.report.numbers import nl_percent

    if value is None:
        return "–"
    return nl_percent(value) if lang == "nl" else f"{100 * value:.1f}%"

