"""Rich tables for the terminal. Only presentation: every value arrives computed."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.table import Table
from rich.text import Text

from planner.report.numbers import nl_decimal, nl_int, nl_percent
from planner.report.words import category, euro, number, signed, status, term, unit
from planner.report.words_tables import short

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

    from planner.journeys.duty import DutyResult
    from planner.rules.quota import QuotaResult
    from planner.scenario.problems import Problem

NAME_KEYS = frozenset({"code", "municipality", "province", "site", "location", "area", "scenario", "goal"})
"""Columns (word-table keys) that hold names and codes: printed whole, never wrapped."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def visible(text: object) -> str:
    """Text from input with every control character shown as an escape (``\\x1b``), so an ANSI sequence, a
    carriage return or a bidi override in a name cannot clear the screen, overwrite lines or reorder text."""
    s = "" if text is None else str(text)
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), s)


def esc(text: object) -> str:
    """Text from input inside a markup string: markup escaped and control characters visible (see :func:`plain`)."""
    from rich.markup import escape

    return escape(visible(text))


def plain(text: object, style: str = "") -> Text:
    """Text from input for a rich table or line: shown literally (no markup, no emoji codes, no hidden links)."""
    return Text(visible(text), style=style)


_WORD = re.compile(r"\(?[−+\-]?€ \S+|\S+")
"""A word for the width of a column: an amount with its euro sign (``€ 1.662.000``, ``(−€ 100.000)``) is one."""


class Sentence:
    """Running text that wraps between words at the console's width, never inside an amount (``+€ 727`` stays
    whole: rich alone would break it at its space)."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text, self.style = text, style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import cell_len

        lines = [""]
        for word in _WORD.findall(self.text):
            if lines[-1] and cell_len(lines[-1]) + 1 + cell_len(word) > options.max_width:
                lines.append(word)
            else:
                lines[-1] = f"{lines[-1]} {word}" if lines[-1] else word
        for line in lines:
            yield Text(line, style=self.style, no_wrap=True, overflow="ignore")


def _words_or_parts(line: str) -> list[str]:
    """The words of a line, and a hyphenated name's parts ("Midden-", "Drenthe"): where a long name may break when
    nothing else fits. An amount with its euro sign stays one word."""
    return [p for w in _WORD.findall(line) for p in ([w] if "€" in w else re.findall(r"[^-]+-?|-", w))]


def _break_name(text: str, width: int) -> str:
    """A name wider than ``width`` with a line break after a hyphen where a word does not fit ("Midden-\nDrenthe");
    spaces are left to rich, which wraps there."""
    out = []
    for word in text.split(" "):
        lines = [""]
        for part in re.findall(r"[^-]+-?|-", word) if len(word) > width else [word]:
            if lines[-1] and len(lines[-1]) + len(part) > width:
                lines.append("")
            lines[-1] += part
        out.append("\n".join(lines))
    return " ".join(out)


def _wrap_words(text: str, width: int) -> str:
    """``text`` with line breaks between its words (an amount with its euro sign is one word) so no line is wider
    than ``width`` unless one word is."""
    lines = [""]
    for word in _WORD.findall(text):
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}" if lines[-1] else word
    return "\n".join(lines)


def _wrap_amount_cell(cell: str, width: int) -> str:
    """A cell (plain, or wholly in one markup style such as ``[bold red]…[/]``) wrapped by :func:`_wrap_words`
    when it is wider than ``width``; other markup is left to rich."""
    styled = re.fullmatch(r"(\[[^\]/][^\]]*\])([^\[]*)(\[/\])", cell, re.S)
    if styled is not None:
        inner = styled.group(2)
        return cell if len(inner) <= width else styled.group(1) + _wrap_words(inner, width) + styled.group(3)
    return cell if "[" in cell or len(cell) <= width else _wrap_words(cell, width)


def _lines(console: Console, cell: RenderableType) -> list[str]:
    """A cell's text as it would print (markup applied), line by line; an empty list for other renderables."""
    if isinstance(cell, str):
        return console.render_str(cell).plain.split("\n")
    return cell.plain.split("\n") if isinstance(cell, Text) else []


class FitTable(Table):
    """A table that fits the width it is printed in without breaking a word or a name.

    Rich on its own squeezes every column evenly and folds names mid-word ("Coevord/en"). This table tries, in
    order: the table as made, its headers and then its cells wrapped between words where needed; a compact form
    without vertical lines and cell padding (one space between columns), likewise; then the headers' short forms
    (``short_headers``); then without the ``droppable`` columns (a code beside its name); and last long names
    wrapped between their words and after their hyphens ("Midden-" / "Drenthe"). A column is never narrower than
    its longest word (an amount such as ``€ 4.749.686`` is one word: it never breaks), and until that last step a
    ``no_wrap`` column (names, codes) never narrower than its longest cell. Only when even the last form does not
    fit does rich squeeze it (print with ``--wide`` then)."""

    def __init__(self, *args: Any, short_headers: Sequence[str | None] = (), **kwargs: Any) -> None:
        kwargs.setdefault("title_justify", "left")
        super().__init__(*args, **kwargs)
        self.short_headers = list(short_headers)
        self._relaxed = False
        self.droppable: set[int] = set()
        """Columns left out when nothing else fits (a code beside the name it stands for)."""

    def keys(self, keys: Sequence[str]) -> FitTable:
        """Mark, from the columns' word-table keys, the code column as droppable when a name column is there."""
        if "code" in keys and "municipality" in keys:
            self.droppable.add(list(keys).index("code"))
        return self

    def _without_droppable(self) -> FitTable:
        from dataclasses import replace

        keep = [i for i in range(len(self.columns)) if i not in self.droppable]
        narrow = FitTable(*[replace(self.columns[i]) for i in keep], title=self.title, box=self.box,
                          show_edge=self.show_edge, padding=self.padding, title_justify=self.title_justify,
                          caption=self.caption, caption_justify=self.caption_justify,
                          short_headers=[h for i, h in enumerate(self.short_headers) if i in keep])
        narrow.rows = list(self.rows)
        return narrow

    def _ranges(self, console: Console) -> list[tuple[int, int, int]]:
        """Per column the narrowest width without breaking a word, the width of its longest cell line (headers
        wrapped), and its natural width (headers on one line)."""
        from rich.cells import cell_len

        ranges = []
        for column in self.columns:
            head = _lines(console, column.header)
            cells = [ln for cell in column.cells for ln in _lines(console, cell)]
            split = _words_or_parts if self._relaxed else _WORD.findall
            words = max((cell_len(w) for ln in head + cells for w in split(ln)), default=1)
            longest = max((cell_len(ln) for ln in cells), default=1)
            natural = max([longest, *(cell_len(ln) for ln in head)])
            low = max(longest, words) if column.no_wrap else words
            ranges.append((max(low, 1), max(low, longest, 1), max(low, natural, 1)))
        return ranges

    def _room(self, width: int) -> int:
        padding = sum(self._get_padding_width(i) for i in range(len(self.columns)))
        return width - self._extra_width - padding

    def _fits(self, console: Console, width: int, wrap_cells: bool) -> bool:
        """Set the column widths for this form when it fits in ``width`` (wrapping cells only if allowed)."""
        ranges = self._ranges(console)
        room = self._room(width)
        if sum(natural for _, _, natural in ranges) <= room:
            return True
        if sum(high if not wrap_cells else low for low, high, _ in ranges) > room:
            return False
        widths = [low for low, _, _ in ranges]
        for target in (1, 2):  # first to the longest cell lines, then toward one-line headers
            goal = [r[target] for r in ranges]
            spare, wants = room - sum(widths), [g - w for g, w in zip(goal, widths, strict=True)]
            total = sum(wants)
            if total <= 0 or spare <= 0:
                continue
            widths = [w + min(want, spare * want // total) for w, want in zip(widths, wants, strict=True)]
            for i in sorted(range(len(widths)), key=lambda i: widths[i] - goal[i]):
                if room - sum(widths) > 0 and widths[i] < goal[i]:
                    widths[i] += 1
        for column, w in zip(self.columns, widths, strict=True):
            column.width = w
        return True

    def _break_names(self, names: list[bool]) -> None:
        """Break the name columns' (``no_wrap`` as made) cells after a hyphen where a part does not fit the width
        just set."""
        for column, name in zip(self.columns, names, strict=True):
            if not name or column.width is None:
                continue
            width = column.width
            column._cells = [Text(_break_name(c.plain, width), style=c.style) if isinstance(c, Text)
                             else _break_name(c, width) if isinstance(c, str) and "[" not in c else c
                             for c in column._cells]

    def _keep_amounts(self) -> None:
        """Wrap a cell with an amount wider than its column between words, never inside the amount: rich alone
        breaks ``(−€ 100.000)`` at its space."""
        for column in self.columns:
            if column.width is None:
                continue
            column._cells = [_wrap_amount_cell(c, column.width) if isinstance(c, str) and "€" in c else c
                             for c in column._cells]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        made = (self.box, self.show_edge, self.padding, [column.header for column in self.columns],
                [column.no_wrap for column in self.columns], [list(column._cells) for column in self.columns])

        def restore() -> None:  # as made: the next print may have another width
            self._relaxed = False
            self.box, self.show_edge, self.padding, headers, whole, cells = made
            for column, header, keep, own in zip(self.columns, headers, whole, cells, strict=True):
                column.header, column.no_wrap, column.width, column._cells = header, keep, None, list(own)

        restore()
        width = options.max_width
        if not self._fits(console, width, wrap_cells=True):
            self.box, self.show_edge, self.padding = box.SIMPLE_HEAD, False, (0, 0)
            if not self._fits(console, width, wrap_cells=True):
                for column, brief in zip(self.columns, self.short_headers, strict=False):
                    column.header = brief or column.header
                if not self._fits(console, width, wrap_cells=True):
                    if self.droppable:
                        restore()
                        yield from self._without_droppable().__rich_console__(console, options)
                        return
                    for column in self.columns:  # last: a long name wraps between its words, after its hyphens
                        column.no_wrap = False
                    self._relaxed = True
                    self._fits(console, width, wrap_cells=True)
                    self._break_names(made[4])
        self._keep_amounts()
        yield from super().__rich_console__(console, options)
        restore()


def problems_table(items: Sequence[Problem], limit: int | None = None, lang: str = "nl") -> FitTable:
    """Every problem in ``lang``, or with ``limit`` the first ``limit`` (errors before warnings) and a count of the
    rest: a table of 50,000 rows helps nobody and takes rich minutes to lay out."""
    n_err = sum(1 for p in items if p.severity.value == "error")
    n_warn = len(items) - n_err
    shown = list(items)
    if limit is not None and len(items) > limit:
        shown = sorted(items, key=lambda p: p.severity.value != "error")[:limit]
    rest = len(items) - len(shown)
    t = FitTable(title=term(lang, "problems_title", e=nl_int(n_err), w=nl_int(n_warn)), show_lines=False,
                 caption=term(lang, "problems_more", n=nl_int(rest)) if rest else None, caption_justify="left")
    for col in ("", "pr_file", "pr_row", "pr_field", "pr_problem"):
        t.add_column(term(lang, col) if col else "", overflow="fold", no_wrap=col in ("pr_file", "pr_field"))
    error, warning = f"[red]{term(lang, 'pr_error')}[/]", f"[yellow]{term(lang, 'pr_warning')}[/]"
    for p in shown:
        t.add_row(error if p.severity.value == "error" else warning, plain(p.file),
                  "" if p.row is None else str(p.row), plain(p.field_text(lang)), plain(p.text(lang)))
    return t


def provincial_task_table(rows: Sequence[dict[str, int | str]], lang: str = "nl") -> Table:
    """The provinces' total task as the scenario computes it against the official provincial task."""
    t = FitTable(title=term(lang, "q_provincial_title"), title_justify="left")
    for col, just in (("q_province", "left"), ("q_task_scenario", "right"), ("q_official", "right"),
                      ("q_difference", "right"), ("q_source", "left")):
        t.add_column(term(lang, col), justify=just)  # type: ignore[arg-type]
    for r in rows:
        diff = int(r["difference"])
        t.add_row(plain(str(r["province"])), number(lang, int(r["task_total"])), number(lang, int(r["official_task"])),
                  f"{diff:+d}" if diff else "0", plain(str(r["source"])))
    t.add_section()
    total, official = sum(int(r["task_total"]) for r in rows), sum(int(r["official_task"]) for r in rows)
    t.add_row(f"[bold]{term(lang, 'q_total')}[/]", number(lang, total), number(lang, official),
              f"{total - official:+d}" if total != official else "0", "")
    return t


def quota_table(q: QuotaResult, title: str, lang: str = "nl") -> FitTable:
    """Tasks per municipality, grouped by province (each group ends in the province's sums when there are more
    provinces), and the national or scenario total."""
    from planner.report.words_cli import CLI_SHORT

    cols = (("q_code", "left"), ("q_municipality", "left"), ("q_population", "right"), ("q_weight", "right"),
            ("q_task", "right"), ("q_regular", "right"), ("q_amv", "right"), ("q_source", "left"),
            ("q_key", "right"), ("q_difference", "right"), ("q_ukraine", "right"))
    t = FitTable(title=title, short_headers=[CLI_SHORT[lang].get(key, term(lang, key)) for key, _ in cols])
    for key, just in cols:
        t.add_column(term(lang, key), justify=just,  # type: ignore[arg-type]
                     no_wrap=key in ("q_code", "q_municipality"))
    num = functools.partial(number, lang)

    def sums(name: str, p: Mapping[str, int | str]) -> None:
        t.add_row("", f"[bold]{esc(name)}[/]", num(int(p["population"])), "", num(int(p["task_total"])),
                  num(int(p["task_regular"])), num(int(p["task_amv"])), "", "", "", num(int(p["ukraine_target"])))

    provinces = q.provinces()
    for p in provinces:
        if len(provinces) > 1:
            t.add_row("", Text(str(p["province"]), style="bold underline"), *[""] * 9)
        for r in q.rows:
            if r.province != p["province"]:
                continue
            dev = r.deviation
            weight = f"{r.weight:.3f}"
            t.add_row(plain(r.code), plain(r.name), num(r.population), weight.replace(".", ",") if lang == "nl"
                      else weight, num(r.task_total), num(r.task_regular), num(r.task_amv),
                      term(lang, "q_official" if r.task_source == "official" else "q_computed"),
                      num(r.computed_total), "" if dev is None else (f"{dev:+d}" if dev else "0"),
                      num(r.ukraine_target))
        if len(provinces) > 1:
            sums(term(lang, "province_sum", prov=p["province"]), p)
            t.add_section()
    if len(provinces) == 1:
        t.add_section()
    sums(term(lang, "q_total"), {"province": "", **q.totals()})
    return t


def _num(value: float | None, lang: str = "nl") -> str:
    """A goal value: whole numbers as the language writes them, anything else with two decimals."""
    if value is None:
        return ""
    if abs(value - round(value)) < 1e-9:
        return number(lang, value)
    return nl_decimal(value, 2) if lang == "nl" else f"{value:,.2f}"


def _pct(lang: str, value: float | None) -> str:
    if value is None:
        return "-"
    return nl_percent(value, 2) if lang == "nl" else f"{100 * value:.2f}%"


def solve_summary(run: object, lang: str = "nl") -> str:
    """One line: status, objective, bound, gap, time, solver and version — never 'optimal' unless proven."""
    sol = run.solution  # type: ignore[attr-defined]
    colour = {"optimal": "green", "feasible": "yellow"}.get(sol.status.value, "red")
    seconds = nl_decimal(sol.seconds, 2) if lang == "nl" else f"{sol.seconds:.2f}"
    return (
        f"{term(lang, 'status')}: [{colour}]{status(lang, sol.status.value)}[/]"
        f" · gap {_pct(lang, sol.gap)}"
        f" · {seconds} s · {esc(sol.solver)} {esc(sol.solver_version)}"
        + (f" · {term(lang, 'limit')}: {esc(sol.limit)}" if sol.limit not in ("none", "") else "")
    )


def reason_text(row: Mapping[str, Any], capacity: Mapping[str, int], lang: str) -> str:
    """Why a municipality got what it got, in one short phrase: the offer or the sites that limit it, the
    shortfall, or the places above its task."""
    parts = []
    for k in ("regular", "amv"):
        task, got, limit, short = row[f"task_{k}"], row[f"planned_{k}"], row[f"limit_{k}"], row[f"shortfall_{k}"]
        cat = category(lang, k)
        if short > 0:
            if limit is not None and limit < task and got >= limit:
                parts.append(f"{cat}: {term(lang, 'offer')} {number(lang, limit)}")
            elif capacity.get(k, 0) < task:
                parts.append(f"{cat}: {term(lang, 'sites_can_hold')} {number(lang, capacity.get(k, 0))}")
            else:
                parts.append(f"{cat}: {term(lang, 'short_by', n=number(lang, short))}")
        elif got > task:
            parts.append(f"{cat} +{number(lang, got - task)}")
    return "; ".join(parts) if parts else term(lang, "met")


def _capacity(run: object) -> dict[tuple[str, str], dict[str, int]]:
    """Per municipality and period the places its sites can count toward each task (from the planning data)."""
    data = run.model.data  # type: ignore[attr-defined]
    return {(c, p.name): {k: data.capacity(c, k, p.name) for k in ("regular", "amv")}
            for c in data.munis for p in data.periods}


def plan_tables(run: object, lang: str = "nl") -> list[object]:
    """Terminal tables for a plan run: the summary line, goals, per period the municipalities and the province."""
    out: list[object] = []
    sol = run.solution  # type: ignore[attr-defined]
    scenario = run.scenario  # type: ignore[attr-defined]
    out.append(Text.from_markup(f"[bold]{esc(scenario.name)}[/] — {solve_summary(run, lang)}"))
    from planner.report.words_notices import notice_lines  # the planning data's notices, in the output's language

    notes = [n.as_dict() for n in run.model.data.notices]  # type: ignore[attr-defined]
    out += [plain(f"• {line}", style="yellow") for line in notice_lines(notes, lang)]
    g = FitTable(title=term(lang, "goals_title"), title_justify="left")
    for col in ("goal", "status", "value", "bound", "gap", "unit"):
        g.add_column(term(lang, col), no_wrap=col == "goal")
    for goal in sol.goals:
        g.add_row(goal.name, status(lang, goal.status.value), _num(goal.objective, lang), _num(goal.bound, lang),
                  "" if goal.gap is None else _pct(lang, goal.gap), unit(lang, goal.unit))
    out.append(g)
    plan = run.plan  # type: ignore[attr-defined]
    if plan is None:
        why = esc(sol.message or status(lang, sol.status.value))
        out.append(Text.from_markup(f"[red]{term(lang, 'no_plan')}:[/] {why}. " + term(lang, "run_explain")))
        return out
    from planner.model.plan import places_short, province_closes, province_task_figures

    capacity = _capacity(run)
    for period in plan.periods:
        cols = ("code", "municipality", "task_reg", "offer_reg", "plan_reg", "task_amv", "offer_amv", "plan_amv",
                "shortfall", "why")
        t = FitTable(title=term(lang, "plan_period", p=period), short_headers=[short(lang, c) for c in cols]).keys(cols)
        for col in cols:
            t.add_column(term(lang, col), justify="left" if col in ("code", "municipality", "why") else "right",
                         overflow="fold", no_wrap=col in NAME_KEYS)
        for r in plan.municipalities:
            if r["period"] != period:
                continue
            missing = places_short(r)  # rules.counting: regular + AMV, or the total with AMV as a sub-check
            t.add_row(plain(r["code"]), plain(r["name"]), number(lang, r["task_regular"]),
                      number(lang, r["limit_regular"]), number(lang, r["planned_regular"]),
                      number(lang, r["task_amv"]), number(lang, r["limit_amv"]), number(lang, r["planned_amv"]),
                      Text(number(lang, missing), style="red") if missing else "0",
                      plain(reason_text(r, capacity.get((r["code"], period), {}), lang)))
        t.add_section()
        for p in plan.province:
            if p["period"] != period:
                continue
            closes = (Text(term(lang, "closes"), style="green") if province_closes(p)
                      else Text(term(lang, "not_closes"), style="red"))
            if "task_total" in p:  # rules.counting = total: the verdict is the total's, so show its figures
                f = province_task_figures(p, "total")
                closes.append(term(lang, "total_figures", got=number(lang, f.planned), task=number(lang, f.task)))
            t.add_row("", plain(p["province"], style="bold"), number(lang, p["task_regular"]), "",
                      number(lang, p["planned_regular"]), number(lang, p["task_amv"]), "",
                      number(lang, p["planned_amv"]), "", closes)
        out.append(t)
    first = plan.periods[0]
    ukraine_cols = ("code", "municipality", "target", "realised", "ambition", "plan", "below_target")
    u = FitTable(title=term(lang, "ukraine_title", p=first)).keys(ukraine_cols)
    for col in ukraine_cols:
        u.add_column(term(lang, col), justify="left" if col in ("code", "municipality") else "right",
                     no_wrap=col in NAME_KEYS)
    for r in plan.municipalities:
        if r["period"] == first:
            u.add_row(plain(r["code"]), plain(r["name"]), number(lang, r["ukraine_target"]),
                      number(lang, r["ukraine_realised"]), number(lang, r["ukraine_ambition"]),
                      number(lang, r["ukraine"]), number(lang, r["ukraine_shortfall"]))
    out.append(u)
    spuk = getattr(run, "spuk", None)
    if spuk is not None:
        takers = esc(", ".join(spuk.takers_spuk1()) or term(lang, "none"))
        out.append(Text.from_markup(term(lang, "spuk_plan_line", p=first, spuk1=euro(lang, spuk.spuk1), takers=takers,
                                         spuk2=euro(lang, spuk.spuk2), spuk3=euro(lang, spuk.spuk3),
                                         total=euro(lang, spuk.municipalities_total),
                                         province=euro(lang, spuk.province_amount))))
    return out


def duty_tables(r: DutyResult, lang: str) -> list[object]:
    """The check-duty answer for the terminal: its sentences, the edits, the own duty, the province, the sites, the
    other municipalities and SPUK — every word from the word table, every name shown literally."""
    from planner.report.answers import duty_sentences

    out: list[object] = [plain(s) for s in duty_sentences(r, lang)]
    for e in r.edits:
        key = {"resized": "edit_resized", "added": "edit_added", "offer": "edit_offer"}[e.change]
        out.append(plain(term(lang, key, site=e.site, old=number(lang, e.old_places), new=number(lang, e.places),
                              category=category(lang, e.category), code=e.code), style="dim"))

    def table(title: str, cols: Sequence[str], right: Sequence[str]) -> Table:
        t = FitTable(title=plain(title), short_headers=[short(lang, c) for c in cols]).keys(cols)
        for c in cols:
            t.add_column(term(lang, c), justify="right" if c in right else "left", no_wrap=c in NAME_KEYS)
        return t

    own = table(term(lang, "duty_title", name=r.name, code=r.code),
                ("category", "period", "task", "sites_can_hold", "offer", "transfer", "counted", "plan", "verdict"),
                ("task", "sites_can_hold", "offer", "transfer", "counted", "plan"))
    for d in r.own:
        verdict = (Text(term(lang, "met_by", n=number(lang, d.surplus)), style="green") if d.met
                   else Text(term(lang, "short_by", n=number(lang, d.shortfall)), style="red"))
        own.add_row(category(lang, d.category), d.period, number(lang, d.task), number(lang, d.capacity),
                    number(lang, d.offer), signed(lang, d.transfer) if d.transfer else "0", number(lang, d.counted),
                    number(lang, d.planned), verdict)
    out.append(own)
    prov = table(term(lang, "province_title", prov=r.province), ("category", "period", "task", "plan", "verdict"),
                 ("task", "plan"))
    for p in r.provinces:
        if p.planned is None:
            verdict = Text(term(lang, "no_plan_most", n=number(lang, p.most_possible)), style="red")
        elif p.closes:
            surplus = p.planned - p.task
            verdict = Text(term(lang, "closes_by", n=number(lang, surplus)) if surplus else term(lang, "closes"),
                           style="green")
        else:
            verdict = Text(term(lang, "short_by", n=number(lang, p.short_by)), style="red")
        prov.add_row(category(lang, p.category), p.period, number(lang, p.task), number(lang, p.planned), verdict)
    out.append(prov)
    if r.has_plan and r.sites:
        sites = table(term(lang, "sites_title", name=r.name),
                      ("site", "category", "status", "period", "plan_base", "plan"), ("plan_base", "plan"))
        for s in r.sites:
            sites.add_row(plain(s.site), category(lang, s.category), term(lang, f"site_status_{s.status}"), s.period,
                          number(lang, s.base_places), number(lang, s.places))
        out.append(sites)
    if r.others:
        others = table(term(lang, "others_title"),
                       ("code", "municipality", "category", "period", "base", "plan", "difference", "offer"),
                       ("base", "plan", "difference", "offer"))
        for o in r.others:
            others.add_row(o.code, plain(o.name), category(lang, o.category), o.period, number(lang, o.base),
                           number(lang, o.planned), signed(lang, o.delta), number(lang, o.limit))
        out.append(others)
    elif r.has_plan:
        out.append(Text(term(lang, "no_shift")))
    if r.spuk_total is not None:
        moved = ", ".join(f"{visible(m.name)} {signed(lang, m.delta, money=True)}"
                          for m in r.spuk_municipalities if m.delta)
        line = term(lang, "spuk_line", total=euro(lang, r.spuk_total), base=euro(lang, r.spuk_base_total),
                    delta=signed(lang, r.spuk_delta, money=True))
        out.append(Sentence(line + (f"; {moved}" if moved else "")))
    return out
