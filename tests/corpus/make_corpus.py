"""Generate the bad-input corpus: ``python tests/corpus/make_corpus.py``.

Every case is the bundled Drenthe scenario with one thing broken (a few break several things at once, and a few are
good inputs that must be accepted), written as real files under ``cases/``, plus ``cases.toml``: for each case its
kind, the expected exit code of ``planner validate`` and every problem it must report as (severity, file, row,
field, a substring of the message). Rows are looked up in the copied files, so regenerating after a change to the
Drenthe data keeps them right. The files are committed; run this script only to change the corpus, then review the
diff.

Inputs too big to commit (a 50 MB CSV, a 200 kB cell, a 22-file extends chain) are made at test time instead.
"""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
OUTSIDE = HERE / "outside"
DRENTHE = HERE.parents[1] / "scenarios" / "drenthe-2025-2026"
TABLES = ("scenario.toml", "municipalities.csv", "offers.csv", "sites.csv")

# ---------------------------------------------------------------------------------------------------------------
# Building blocks


@dataclass(frozen=True)
class Expect:
    file: str
    row: int | None
    field: str
    message: str
    severity: str = "error"

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"severity": self.severity, "file": self.file, "field": self.field,
                                  "message": self.message}
        if self.row is not None:
            out["row"] = self.row
        return out


def W(file: str, row: int | None, field: str, message: str) -> Expect:
    return Expect(file, row, field, message, "warning")


E = Expect


@dataclass
class Work:
    """One case folder under construction."""

    dest: Path

    def drenthe(self) -> Work:
        self.dest.mkdir(parents=True)
        for name in TABLES:
            shutil.copyfile(DRENTHE / name, self.dest / name)
        return self

    def text(self, name: str = "scenario.toml") -> str:
        return (self.dest / name).read_text(encoding="utf-8")

    def write(self, name: str, content: str | bytes) -> None:
        path = self.dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")

    def line_of(self, needle: str, name: str = "scenario.toml") -> int:
        for i, line in enumerate(self.text(name).splitlines(), 1):
            if needle in line:
                return i
        raise LookupError(f"{needle!r} not in {name}")

    def sub(self, old: str, new: str, name: str = "scenario.toml") -> int:
        """Replace the one occurrence of ``old`` by ``new``; the line where ``new`` starts."""
        text = self.text(name)
        assert text.count(old) == 1, (name, old)
        line = text[: text.index(old)].count("\n") + 1
        self.write(name, text.replace(old, new))
        return line

    def rows(self, name: str) -> list[list[str]]:
        return list(csv.reader(io.StringIO(self.text(name), newline="")))

    def write_rows(self, name: str, rows: list[list[str]], delimiter: str = ",") -> None:
        buf = io.StringIO()
        csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(rows)
        self.write(name, buf.getvalue())

    def find(self, name: str, /, **match: str) -> int:
        """Line of the first row whose columns equal ``match`` (header = line 1)."""
        rows = self.rows(name)
        header = rows[0]
        for i, row in enumerate(rows[1:], 2):
            if all(row[header.index(k)] == v for k, v in match.items()):
                return i
        raise LookupError(f"no row {match} in {name}")

    def set(self, name: str, column: str, value: str, /, **match: str) -> int:
        """Set one cell of the row matching ``match``; its line."""
        rows = self.rows(name)
        line = self.find(name, **match)
        rows[line - 1][rows[0].index(column)] = value
        self.write_rows(name, rows)
        return line

    def append(self, name: str, /, **cells: str) -> int:
        rows = self.rows(name)
        rows.append([cells.get(col, "") for col in rows[0]])
        self.write_rows(name, rows)
        return len(rows)

    def copy_row(self, name: str, /, **match: str) -> int:
        """Append a copy of the matching row (a duplicate); the copy's line."""
        rows = self.rows(name)
        rows.append(list(rows[self.find(name, **match) - 1]))
        self.write_rows(name, rows)
        return len(rows)


@dataclass
class Case:
    name: str
    kind: str
    description: str
    build: Callable[[Work], list[Expect]]
    exit: int = 2
    single_file: bool = False
    allow_outside_exit: int | None = None
    same_as_drenthe: bool = False
    expect: list[Expect] = field(default_factory=list)


CATALOGUE: list[Case] = []


def case(name: str, kind: str, description: str, *, exit: int = 2, single_file: bool = False,
         allow_outside_exit: int | None = None,
         same_as_drenthe: bool = False) -> Callable[[Callable[[Work], list[Expect]]], None]:
    """Register a case; ``same_as_drenthe``: a good case whose data equals the bundled Drenthe (same digest)."""
    def register(build: Callable[[Work], list[Expect]]) -> None:
        CATALOGUE.append(Case(name, kind, description, build, exit, single_file, allow_outside_exit,
                              same_as_drenthe))
    return register


def whatif(body: str, name: str = "Drenthe what-if") -> str:
    """A one-file what-if on the bundled Drenthe case."""
    return f'[scenario]\nname = "{name}"\nextends = "bundled:drenthe-2025-2026"\n\n{body.strip()}\n'


S, M, OFFERS, T = "sites.csv", "municipalities.csv", "offers.csv", "scenario.toml"

# ---------------------------------------------------------------------------------------------------------------
# TOML syntax and encodings


@case("toml-unclosed-string", "toml-syntax", "A string in scenario.toml without its closing quote.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub('name = "Drenthe 2025–2026"', 'name = "Drenthe 2025–2026')
    return [E(T, line, "", "not valid TOML")]


@case("toml-date-with-slashes", "toml-syntax", "A TOML date written 2025/01/01.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("start = 2025-01-01", "start = 2025/01/01")
    return [E(T, line, "", "not valid TOML")]


@case("toml-impossible-date", "toml-syntax", "A TOML date that does not exist (31 February).")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("end = 2026-12-31", "end = 2026-02-31")
    return [E(T, line, "", "Invalid date")]


@case("toml-duplicate-key", "toml-syntax", "The same key twice in one section (tomllib says 'end of document').")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("national_amv_need = 8140\n", "national_amv_need = 8140\nnational_need = 96000\n")
    return [E(T, line + 1, "", "Cannot overwrite a value")]


@case("toml-duplicate-section", "toml-syntax", "The [rules] section twice.")
def _(w: Work) -> list[Expect]:
    w.drenthe().write(T, w.text() + "\n[rules]\nrounding = \"half-up\"\n")
    return [E(T, len(w.text().splitlines()) - 1, "", "Cannot declare")]


@case("toml-empty-file", "file", "An empty scenario.toml.")
def _(w: Work) -> list[Expect]:
    w.drenthe().write(T, "")
    return [E(T, None, "", "file is empty")]


@case("toml-only-comments", "file", "A scenario.toml with comments only.")
def _(w: Work) -> list[Expect]:
    w.drenthe().write(T, "# nothing here yet\n")
    return [E(T, None, "", "file is empty")]


@case("toml-nul-bytes", "encoding", "A NUL byte inside scenario.toml.")
def _(w: Work) -> list[Expect]:
    w.drenthe().write(T, w.text().replace("[cycle]", "[cy\x00cle]").encode())
    return [E(T, None, "", "NUL bytes")]


@case("toml-utf16", "encoding", "scenario.toml saved as UTF-16 (with its byte-order mark).")
def _(w: Work) -> list[Expect]:
    w.drenthe().write(T, w.text().encode("utf-16"))
    return [E(T, None, "", "UTF-16")]


@case("toml-windows-1252", "encoding", "scenario.toml saved as Windows-1252: the en dash on line 1 is byte 0x96.")
def _(w: Work) -> list[Expect]:
    w.drenthe().write(T, w.text().encode("cp1252", errors="replace"))
    return [E(T, 1, "", "not UTF-8")]


# ---------------------------------------------------------------------------------------------------------------
# TOML types, missing and unknown keys


@case("toml-need-as-text", "toml-type", "national_need given as the text '96.000'.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("national_need = 96000", 'national_need = "96.000"')
    return [E(T, line, "cycle.national_need", "must be a number, not text: got '96.000'")]


@case("toml-need-thousands-dot", "toml-type", "national_need = 96.000: TOML reads the float 96.0, not 96,000.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("national_need = 96000", "national_need = 96.000")
    return [E(T, line, "cycle.national_need", "must be a whole number")]


@case("toml-bool-as-text", "toml-type", "A true/false setting written as 'ja'.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("use_official_tasks = true", 'use_official_tasks = "ja"')
    return [E(T, line, "rules.use_official_tasks", "must be true or false, not text")]


@case("toml-bool-as-number", "toml-type", "A true/false setting written as 1.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("count_emergency = true", "count_emergency = 1")
    return [E(T, line, "rules.count_emergency", "must be true or false")]


@case("toml-date-as-text", "toml-type", "A cycle date written as a quoted Dutch date.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("start = 2025-01-01", 'start = "1-1-2025"')
    return [E(T, line, "cycle.start", "without quotes")]


@case("toml-infinite-weight-sum", "toml-type", "national_weight_sum = inf (pydantic's gt=0 lets it through).")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("national_weight_sum = 18524590.5249", "national_weight_sum = inf")
    return [E(T, line, "cycle.national_weight_sum", "finite")]


@case("toml-nan", "toml-type", "A rule parameter set to nan.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub('availability = "whole-period"', 'availability = "whole-period"\ndurable_min_years = nan')
    return [E(T, line + 1, "rules.durable_min_years", "finite")]


@case("toml-negative-need", "toml-type", "A negative national need.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("national_need = 96000", "national_need = -96000")
    return [E(T, line, "cycle.national_need", "greater than or equal to 0")]


@case("toml-tables-wrong-type", "toml-type", "A table path given as a number.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub('sites = "sites.csv"', "sites = 5")
    return [E(T, line, "tables.sites", "valid string")]


@case("toml-missing-name", "toml-field", "[scenario] without its required name.")
def _(w: Work) -> list[Expect]:
    w.drenthe().sub('name = "Drenthe 2025–2026"\n', "")
    return [E(T, w.line_of("[scenario]"), "scenario.name", "required key is missing")]


@case("toml-missing-scenario-section", "toml-field", "No [scenario] section at all.")
def _(w: Work) -> list[Expect]:
    text = w.drenthe().text()
    start, end = text.index("[scenario]"), text.index("[cycle]")
    w.write(T, text[:start] + text[end:])
    return [E(T, None, "scenario", "required key is missing")]


@case("toml-unknown-top-level-key", "toml-field", "A typo in a top-level key: scop for scope.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub('scope = ["Drenthe"]', 'scop = ["Drenthe"]')
    return [E(T, line, "scop", "did you mean 'scope'")]


@case("toml-unknown-key-in-section", "toml-field", "A typo in a key of [cycle]: national_needs.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("national_need = 96000", "national_needs = 96000")
    return [E(T, line, "cycle.national_needs", "did you mean 'national_need'")]


@case("toml-unknown-section", "toml-field", "A misspelt section: [solvers].")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("[solver]", "[solvers]")
    return [E(T, line, "solvers", "unknown key")]


@case("toml-unknown-enum", "toml-field", "An unknown rounding method.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub('rounding = "half-up"', 'rounding = "bankers"')
    return [E(T, line, "rules.rounding", "'largest-remainder'")]


@case("toml-unknown-solver", "toml-field", "A solver the planner does not know.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub('name = "highs"', 'name = "gurobi"')
    return [E(T, line, "solver.name", "'highs'")]


@case("toml-unknown-goal", "toml-field", "A goal that does not exist in [goals] order.")
def _(w: Work) -> list[Expect]:
    w.drenthe().write(T, w.text() + '\n[goals]\norder = ["fairness", "speed"]\n')
    return [E(T, len(w.text().splitlines()), "goals.order[1]", "'fairness'")]


@case("toml-rural-class", "toml-field", "A stedelijkheid class outside 1..5.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub('availability = "whole-period"',
                           'availability = "whole-period"\nrural_stedelijkheid = [4, 6]')
    return [E(T, line + 1, "rules.rural_stedelijkheid", "classes are 1..5")]


@case("toml-cycle-end-before-start", "dates", "The cycle ends before it starts.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("end = 2026-12-31", "end = 2024-12-31")
    return [E(T, line, "cycle.end", "before cycle start")]


@case("toml-cycle-too-long", "dates", "A typo makes the cycle 38 years long.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("end = 2026-12-31", "end = 2062-12-31")
    return [E(T, line, "cycle.end", "more than 10 years")]


@case("toml-report-date-far-away", "dates", "A report date in the year 9999 (a typo; date arithmetic would overflow).")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("report_date = 2024-10-31", "report_date = 9999-12-31")
    return [E(T, line, "cycle.report_date", "more than 10 years from the cycle start")]


@case("toml-amv-need-too-large", "toml-field", "The AMV need is larger than the whole need.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("national_amv_need = 8140", "national_amv_need = 96001")
    return [E(T, line, "cycle.national_amv_need", "larger than national_need")]


@case("toml-unknown-stated-total", "toml-field", "A stated total of something the checks cannot sum.")
def _(w: Work) -> list[Expect]:
    w.drenthe().sub('what = "population"', 'what = "populations"')
    return [E(T, w.line_of("[[stated_totals]]"), "stated_totals[0].what", "did you mean 'population'")]


@case("toml-unknown-province-in-scope", "toml-field", "scope names a province not in the table (Drente).")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub('scope = ["Drenthe"]', 'scope = ["Drente"]')
    return [E(T, line, "scope", "did you mean 'Drenthe'")]


@case("toml-stated-total-mismatch", "good", "A stated total that differs from its parts is a warning only.",
      exit=0)
def _(w: Work) -> list[Expect]:
    w.drenthe().sub("value = 502051", "value = 502050")
    return [W(T, w.line_of("[[stated_totals]]"), "stated_totals[0]", "parts sum to 502051 (difference -1)")]


# ---------------------------------------------------------------------------------------------------------------
# extends and table references


@case("extends-itself", "extends", "A scenario that extends itself.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub('language = "nl"', 'language = "nl"\nextends = "scenario.toml"')
    return [E(T, line + 1, "scenario.extends", "extends itself")]


@case("extends-cycle-two-files", "extends", "scenario.toml extends b.toml, which extends scenario.toml.")
def _(w: Work) -> list[Expect]:
    w.write(T, '[scenario]\nname = "A"\nextends = "b.toml"\n')
    w.write("b.toml", '[scenario]\nname = "B"\nextends = "scenario.toml"\n')
    return [E("b.toml", 3, "scenario.extends", "extends itself: scenario.toml → b.toml → scenario.toml")]


@case("extends-outside", "outside", "extends a file outside the scenario folders.", allow_outside_exit=0)
def _(w: Work) -> list[Expect]:
    w.write(T, '[scenario]\nname = "Outside"\nextends = "../../outside/scenario.toml"\n')
    return [E(T, 3, "scenario.extends", "outside the scenario folders")]


@case("extends-absolute-outside", "outside", "extends an absolute system path.")
def _(w: Work) -> list[Expect]:
    w.write(T, '[scenario]\nname = "Outside"\nextends = "/etc/passwd"\n')
    return [E(T, 3, "scenario.extends", "outside the scenario folders")]


@case("extends-missing", "extends", "extends a file that does not exist.")
def _(w: Work) -> list[Expect]:
    w.write(T, '[scenario]\nname = "Missing"\nextends = "base.toml"\n')
    return [E(T, 3, "scenario.extends", "does not exist")]


@case("extends-not-text", "extends", "extends given as a number.")
def _(w: Work) -> list[Expect]:
    w.write(T, '[scenario]\nname = "Number"\nextends = 5\n')
    return [E(T, 3, "scenario.extends", "must be a path")]


@case("extends-unknown-bundled", "extends", "extends a bundled scenario that does not exist.")
def _(w: Work) -> list[Expect]:
    w.write(T, '[scenario]\nname = "Limburg"\nextends = "bundled:limburg-2025-2026"\n')
    return [E(T, 3, "scenario.extends", "does not exist")]


@case("extends-broken-parent", "extends", "A what-if whose parent (in a sub-folder) has a bad CSV row.")
def _(w: Work) -> list[Expect]:
    Work(w.dest / "base").drenthe()
    line = Work(w.dest / "base").set(S, "places", "-1000", id="ASN-AZC")
    w.write(T, '[scenario]\nname = "What-if"\nextends = "base/scenario.toml"\n')
    return [E("base/sites.csv", line, "places", "greater than or equal to 0")]


@case("tables-outside", "outside", "A table outside the scenario folders.", allow_outside_exit=0)
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub('sites = "sites.csv"', 'sites = "../../outside/sites.csv"')
    (w.dest / S).unlink()
    return [E(T, line, "tables.sites", "outside the scenario folder")]


@case("tables-absolute-outside", "outside", "A table pointing at /etc/passwd.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub('sites = "sites.csv"', 'sites = "/etc/passwd"')
    return [E(T, line, "tables.sites", "outside the scenario folder")]


@case("tables-missing-file", "file", "A table file that does not exist.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub('sites = "sites.csv"', 'sites = "sites-2025.csv"')
    return [E(T, line, "tables.sites", "does not exist")]


@case("tables-folder", "file", "A table path that is a folder.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub('sites = "sites.csv"', 'sites = "."')
    return [E(T, line, "tables.sites", "is a folder")]


# ---------------------------------------------------------------------------------------------------------------
# CSV files: encodings, headers, shape


@case("csv-empty-file", "file", "An empty sites.csv (0 bytes).")
def _(w: Work) -> list[Expect]:
    w.drenthe().write(S, "")
    return [E(S, None, "", "file is empty")]


@case("csv-header-only", "file", "municipalities.csv with only its header row.")
def _(w: Work) -> list[Expect]:
    w.drenthe().write(M, w.text(M).splitlines()[0] + "\n")
    return [E(M, None, "", "a header but no rows")]


@case("csv-utf16", "encoding", "municipalities.csv saved as UTF-16 ('Unicode text').")
def _(w: Work) -> list[Expect]:
    w.drenthe().write(M, w.text(M).encode("utf-16"))
    return [E(M, None, "", "UTF-16")]


@case("csv-latin1", "encoding", "sites.csv saved as Latin-1 with 'Oekraïne' in a remark on one row.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "remarks", "opvang Oekraïne", id="TYN-NO")
    w.write(S, w.text(S).encode("latin-1"))
    return [E(S, line, "", "not UTF-8")]


@case("csv-nul-bytes", "encoding", "A NUL byte in offers.csv.")
def _(w: Work) -> list[Expect]:
    w.drenthe().write(OFFERS, w.text(OFFERS).replace("GM0106,regular,2025", "GM0106,regular\x00,2025").encode())
    return [E(OFFERS, None, "", "NUL bytes")]


@case("csv-xlsx-renamed", "encoding", "An Excel workbook (a zip archive) saved under the name municipalities.csv.")
def _(w: Work) -> list[Expect]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("xl/workbook.xml", date_time=(2024, 10, 31, 0, 0, 0)), "<workbook/>")
    w.drenthe().write(M, buf.getvalue())
    return [E(M, None, "", "Excel workbook")]


@case("csv-missing-column", "columns", "sites.csv without the required places column.")
def _(w: Work) -> list[Expect]:
    rows = w.drenthe().rows(S)
    i = rows[0].index("places")
    w.write_rows(S, [r[:i] + r[i + 1:] for r in rows])
    return [E(S, 1, "places", "required column is missing")]


@case("csv-renamed-column", "columns", "places renamed to the Dutch plaatsen: unknown column and missing column.")
def _(w: Work) -> list[Expect]:
    w.drenthe().sub("category,subtype,places,", "category,subtype,plaatsen,", S)
    return [E(S, 1, "plaatsen", "unknown column"), E(S, 1, "places", "required column is missing")]


@case("csv-capitalised-column", "columns", "A header written Code instead of code.")
def _(w: Work) -> list[Expect]:
    w.drenthe().sub("code,category,year", "Code,category,year", OFFERS)
    return [E(OFFERS, 1, "Code", "did you mean 'code'"), E(OFFERS, 1, "code", "required column is missing")]


@case("csv-duplicate-column", "columns", "The remarks column twice.")
def _(w: Work) -> list[Expect]:
    rows = w.drenthe().rows(OFFERS)
    w.write_rows(OFFERS, [[*r, r[-1]] for r in rows])
    return [E(OFFERS, 1, "remarks", "column appears twice")]


@case("csv-unnamed-column", "columns", "A header cell left empty between two columns.")
def _(w: Work) -> list[Expect]:
    rows = w.drenthe().rows(OFFERS)
    w.write_rows(OFFERS, [[*r[:2], "", *r[2:]] if i == 0 else [*r[:2], "x", *r[2:]] for i, r in enumerate(rows)])
    return [E(OFFERS, 1, "", "a column has no name")]


@case("csv-extra-column", "columns", "An extra column the schema does not know (aanbod_2027).")
def _(w: Work) -> list[Expect]:
    rows = w.drenthe().rows(OFFERS)
    w.write_rows(OFFERS, [[*r, "aanbod_2027" if i == 0 else "0"] for i, r in enumerate(rows)])
    return [E(OFFERS, 1, "aanbod_2027", "unknown column")]


@case("csv-ragged-row", "shape", "A comma inside an unquoted name splits the row into one cell too many.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("Aa en Hunze TGO", "Aa en Hunze, TGO", S)
    return [E(S, line, "", "has 12 cells, the header has 11")]


@case("csv-short-row", "shape", "An offers row with a cell missing.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("GM0109,amv,2025,20,", "GM0109,amv,20,", OFFERS)
    return [E(OFFERS, line, "", "has 4 cells, the header has 5")]


@case("csv-unclosed-quote", "shape", "A quote opened in a name and never closed swallows the rest of the file.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("Assen azc", '"Assen azc', S)
    return [E(S, line, "", "never closed")]


@case("csv-multiple-bad-rows", "shape", "Three different faults in three rows of one file: all three are reported.")
def _(w: Work) -> list[Expect]:
    w.drenthe()
    a = w.set(S, "places", "duizend", id="ASN-AZC")
    b = w.set(S, "available_until", "2026/04/01", id="MEP-NO")
    c = w.set(S, "category", "regulair", id="HGV-AZC")
    return [E(S, a, "places", "not a whole number"), E(S, b, "available_until", "not a date"),
            E(S, c, "category", "did you mean 'regular'")]


# ---------------------------------------------------------------------------------------------------------------
# CBS codes


@case("code-lost-leading-zero", "codes", "An offer for 106: a spreadsheet dropped GM and the leading zero.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(OFFERS, "code", "106", code="GM0106", category="regular", year="2025")
    return [E(OFFERS, line, "code", "GM0106")]


@case("code-lost-zero-after-gm", "codes", "A site in GM106 (the leading zero lost after GM).")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "code", "GM106", id="ASN-AZC")
    return [E(S, line, "code", "GM0106")]


@case("code-lost-zero-in-municipalities", "codes",
      "The municipality row itself says 106: one error, not one for every offer and site of Assen.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(M, "code", "106", code="GM0106")
    return [E(M, line, "code", "did a spreadsheet drop the 'GM' or a leading zero")]


@case("code-lowercase", "codes", "A code written gm0106.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(M, "code", "gm0106", code="GM0106")
    return [E(M, line, "code", "capitals: GM0106")]


@case("code-duplicate", "codes", "Assen's row twice in municipalities.csv: reported at the repeat.")
def _(w: Work) -> list[Expect]:
    first = w.drenthe().find(M, code="GM0106")
    line = w.copy_row(M, code="GM0106")
    return [E(M, line, "code", f"appears 2 times (first at row {first})")]


@case("code-unknown-in-offers", "references", "An offer for a code that is not in the municipalities table.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(OFFERS, "code", "GM9999", code="GM1680", category="regular", year="2025")
    return [E(OFFERS, line, "code", "unknown municipality code GM9999")]


@case("code-unknown-in-sites", "references", "A site in a municipality that is not in the table.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "code", "GM0014", id="AAH-TGO")
    return [E(S, line, "code", "site AAH-TGO lies in an unknown municipality GM0014")]


@case("code-formula", "formula", "A code cell written as a formula =GM0106.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "code", "=GM0106", id="ASN-AZC")
    return [E(S, line, "code", "looks like a spreadsheet formula")]


# ---------------------------------------------------------------------------------------------------------------
# Numbers


@case("number-thousands-dot", "numbers", "An offer of 1.000 places (Dutch thousands dot; pydantic alone reads 1).")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(OFFERS, "places", "1.000", code="GM0106", category="regular", year="2025")
    return [E(OFFERS, line, "places", "without thousands separators: 1000")]


@case("number-thousands-dot-population", "numbers", "A population written 69.414.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(M, "population", "69.414", code="GM0106")
    return [E(M, line, "population", "69414")]


@case("number-english-thousands", "numbers", "A quoted 1,000 in a comma-separated file.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(OFFERS, "places", "1,000", code="GM0106", category="regular", year="2026")
    return [E(OFFERS, line, "places", "without thousands separators: 1000")]


@case("number-decimal-comma-places", "numbers", "A semicolon file with 87,5 places.")
def _(w: Work) -> list[Expect]:
    rows = w.drenthe().rows(OFFERS)
    line = w.find(OFFERS, code="GM1680", category="regular", year="2025")
    rows[line - 1][3] = "87,5"
    w.write_rows(OFFERS, rows, delimiter=";")
    return [E(OFFERS, line, "places", "whole numbers")]


@case("number-decimal-comma-score", "numbers", "A semicolon file with the SES-WOA score 0,1617.")
def _(w: Work) -> list[Expect]:
    rows = w.drenthe().rows(M)
    line = w.find(M, code="GM1680")
    rows[line - 1][rows[0].index("ses_woa")] = "0,1617"
    w.write_rows(M, rows, delimiter=";")
    return [E(M, line, "ses_woa", "use a decimal point: 0.1617")]


@case("number-negative", "numbers", "A negative offer.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(OFFERS, "places", "-87", code="GM1680", category="regular", year="2025")
    return [E(OFFERS, line, "places", "greater than or equal to 0")]


@case("number-fraction", "numbers", "A site with 87.5 places.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "places", "87.5", id="AAH-TGO")
    return [E(S, line, "places", "not a whole number")]


@case("number-huge-site", "numbers", "A site with 10^12 places.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "places", "1000000000000", id="AAH-TGO")
    return [E(S, line, "places", "less than or equal to 100000")]


@case("number-huge-offer", "numbers", "An offer of 10^12 places.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(OFFERS, "places", "1000000000000", code="GM1680", category="regular", year="2025")
    return [E(OFFERS, line, "places", "more than the whole national need")]


@case("number-huge-population", "numbers", "A population of 10^12.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(M, "population", "1000000000000", code="GM1680")
    return [E(M, line, "population", "more than the national population")]


@case("number-plus-sign", "formula", "An offer written +87 (a spreadsheet would read a formula).")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(OFFERS, "places", "+87", code="GM1680", category="regular", year="2025")
    return [E(OFFERS, line, "places", "looks like a spreadsheet formula")]


@case("number-empty-required", "numbers", "A required number left empty.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(OFFERS, "places", "", code="GM1680", category="regular", year="2025")
    return [E(OFFERS, line, "places", "required value is empty")]


@case("number-score-out-of-range", "numbers", "An SES-WOA score of 1.5.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(M, "ses_woa", "1.5", code="GM1680")
    return [E(M, line, "ses_woa", "less than or equal to 1")]


@case("number-text", "numbers", "A place count written in words.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(OFFERS, "places", "zevenentachtig", code="GM1680", category="regular", year="2025")
    return [E(OFFERS, line, "places", "not a whole number")]


@case("number-year-range", "numbers", "An offer for the year 2025/2026.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(OFFERS, "year", "2025/2026", code="GM1680", category="regular", year="2025")
    return [E(OFFERS, line, "year", "not a whole number")]


@case("tasks-half-given", "numbers", "task_regular given without task_amv.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(M, "task_amv", "", code="GM0106")
    return [E(M, line, "task_amv", "give both task_regular and task_amv")]


# ---------------------------------------------------------------------------------------------------------------
# Dates


@case("date-slashes", "dates", "A contract end written 2026/04/01.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "available_until", "2026/04/01", id="ASN-AZC")
    return [E(S, line, "available_until", "write dates as 2026-04-01 or 1-4-2026")]


@case("date-impossible", "dates", "A contract end on 31-02-2026.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "available_until", "31-02-2026", id="ASN-AZC")
    return [E(S, line, "available_until", "got '31-02-2026'")]


@case("date-timestamp", "dates", "A date cell holding a Unix timestamp (pydantic alone would accept it).")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "available_until", "1775001600", id="ASN-AZC")
    return [E(S, line, "available_until", "not a date")]


@case("date-two-digit-year", "dates", "A date written 1-4-26.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "available_until", "1-4-26", id="ASN-AZC")
    return [E(S, line, "available_until", "not a date")]


@case("date-population-american", "dates", "A population date written 01/01/2023.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(M, "population_date", "01/01/2023", code="GM1680")
    return [E(M, line, "population_date", "not a date")]


@case("date-end-before-start", "dates", "A contract that ends before it starts.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "available_until", "2016-01-01", id="ASN-AZC")
    return [E(S, line, "available_until", "is before available_from")]


# ---------------------------------------------------------------------------------------------------------------
# Sites and offers: row rules and vocabulary


@case("site-min-places-above-places", "rows", "A site whose minimum size is above its size.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "min_places", "60", id="BO-AMV")
    return [E(S, line, "min_places", "min_places 60 is larger than places 50")]


@case("site-subtype-on-regular", "rows", "A subtype on a regular (non-special) site.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "subtype", "HTL", id="HGV-AZC")
    return [E(S, line, "subtype", "only for special places")]


@case("site-unknown-category", "rows", "A misspelt category: speciaal ('bijzonder', as printed, is read).")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "category", "speciaal", id="AAH-TGO")
    return [E(S, line, "category", "did you mean 'special'")]


@case("site-unknown-status", "rows", "A status written in Dutch: bestaand.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "status", "bestaand", id="AAH-TGO")
    return [E(S, line, "status", "did you mean 'existing'")]


@case("site-unknown-subtype", "rows", "A subtype written NO, as the report does.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "subtype", "NO", id="MEP-NO")
    return [E(S, line, "subtype", "did you mean 'noodopvang'")]


@case("site-duplicate-id", "rows", "Two sites with the same id: reported at the repeat.")
def _(w: Work) -> list[Expect]:
    first = w.drenthe().find(S, id="ASN-AZC")
    line = w.copy_row(S, id="ASN-AZC")
    return [E(S, line, "id", f"appears 2 times (first at row {first})")]


@case("site-bad-id", "rows", "A site id with a path in it.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "id", "../../etc/passwd", id="ASN-AZC")
    return [E(S, line, "id", "only letters, digits")]


@case("offer-unknown-category", "rows", "A misspelt offer category: regulair ('regulier', as printed, is read).")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(OFFERS, "category", "regulair", code="GM1680", category="regular", year="2025")
    return [E(OFFERS, line, "category", "did you mean 'regular'")]


@case("offer-duplicate", "rows", "Two offers for the same municipality, category and year.")
def _(w: Work) -> list[Expect]:
    first = w.drenthe().find(OFFERS, code="GM0106", category="regular", year="2025")
    line = w.copy_row(OFFERS, code="GM0106", category="regular", year="2025")
    return [E(OFFERS, line, "year", f"2 offers for GM0106 regular 2025 (first at row {first})")]


@case("offer-outside-cycle", "good", "An extra offer for 2027, outside the cycle: a warning only.", exit=0)
def _(w: Work) -> list[Expect]:
    line = w.drenthe().append(OFFERS, code="GM1680", category="regular", year="2027", places="87")
    return [W(OFFERS, line, "year", "outside the cycle")]


@case("formula-in-number", "formula", "A place count written as a spreadsheet formula.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "places", "=SUM(A1:A3)", id="AAH-TGO")
    return [E(S, line, "places", "looks like a spreadsheet formula")]


@case("formula-at-sign", "formula", "A place count starting with @ (a Lotus-style formula).")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(OFFERS, "places", "@SUM(87)", code="GM1680", category="regular", year="2025")
    return [E(OFFERS, line, "places", "looks like a spreadsheet formula")]


@case("formula-in-text", "good", "A formula-like site name is kept as plain text, with a warning.", exit=0)
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(S, "name", '=HYPERLINK("http://example.org","Assen")', id="ASN-AZC")
    return [W(S, line, "name", "kept as plain text and never evaluated")]


# ---------------------------------------------------------------------------------------------------------------
# Transfers

_TRANSFER_HEADER = "from_code,to_code,category,places,year,remarks\n"


def _with_transfers(w: Work, row: str) -> None:
    w.drenthe().sub('sites = "sites.csv"', 'sites = "sites.csv"\ntransfers = "transfers.csv"')
    w.write("transfers.csv", _TRANSFER_HEADER + row + "\n")


@case("transfer-across-provinces", "references", "A transfer from Assen (Drenthe) to Groningen (Groningen).")
def _(w: Work) -> list[Expect]:
    _with_transfers(w, "GM0106,GM0014,regular,100,,")
    w.append(M, code="GM0014", name="Groningen", province="Groningen", population="238147",
             population_date="2023-01-01", ses_woa="-0.2156", stedelijkheid="1")
    return [E("transfers.csv", 2, "to_code", "only allowed within one province")]


@case("transfer-to-itself", "references", "A transfer from a municipality to itself.")
def _(w: Work) -> list[Expect]:
    _with_transfers(w, "GM0106,GM0106,regular,100,,")
    return [E("transfers.csv", 2, "to_code", "two different municipalities")]


@case("transfer-unknown-code", "references", "A transfer from a code that is not in the table.")
def _(w: Work) -> list[Expect]:
    _with_transfers(w, "GM9999,GM0106,regular,100,,")
    return [E("transfers.csv", 2, "from_code", "unknown municipality code GM9999")]


@case("transfer-zero-places", "numbers", "A transfer of 0 places.")
def _(w: Work) -> list[Expect]:
    _with_transfers(w, "GM1680,GM0106,regular,0,,")
    return [E("transfers.csv", 2, "places", "greater than 0")]


# ---------------------------------------------------------------------------------------------------------------
# What-if changes (one-file what-ifs on the bundled Drenthe case)


@case("change-unknown-site", "changes", "A what-if that closes a site id that does not exist.", single_file=True)
def _(w: Work) -> list[Expect]:
    w.dest.with_suffix(".toml").write_text(whatif('[[changes.sites]]\nid = "ASN-AZX"\nclose = true'))
    return [E("change-unknown-site.toml", 6, "changes.sites[0].id", "no site with id 'ASN-AZX'")]


@case("change-unknown-key", "changes", "A what-if change with a Dutch key (sluiten).", single_file=True)
def _(w: Work) -> list[Expect]:
    w.dest.with_suffix(".toml").write_text(whatif('[[changes.sites]]\nid = "ASN-AZC"\nsluiten = true'))
    return [E("change-unknown-key.toml", 7, "changes.sites[0].sluiten", "unknown key")]


@case("change-negative-places", "changes", "A what-if that resizes a site to -10 places.", single_file=True)
def _(w: Work) -> list[Expect]:
    w.dest.with_suffix(".toml").write_text(whatif('[[changes.sites]]\nid = "ASN-AZC"\nplaces = -10'))
    return [E("change-negative-places.toml", 7, "changes.sites[0].places", "greater than or equal to 0")]


@case("change-end-before-start", "changes", "A what-if that ends a contract before it started.", single_file=True)
def _(w: Work) -> list[Expect]:
    w.dest.with_suffix(".toml").write_text(
        whatif('[[changes.sites]]\nid = "ASN-AZC"\navailable_until = 2010-01-01'))
    return [E("change-end-before-start.toml", 7, "changes.sites[0].available_until", "before available_from")]


@case("change-add-duplicate-site", "changes", "A what-if that adds a site with an existing id.", single_file=True)
def _(w: Work) -> list[Expect]:
    w.dest.with_suffix(".toml").write_text(whatif(
        '[[changes.add_sites]]\nid = "ASN-AZC"\ncode = "GM0106"\ncategory = "regular"\nplaces = 100'))
    return [E("change-add-duplicate-site.toml", 6, "changes.add_sites[0].id", "exists already")]


@case("change-add-site-unknown-municipality", "changes", "A what-if that adds a site in GM9999.",
      single_file=True)
def _(w: Work) -> list[Expect]:
    w.dest.with_suffix(".toml").write_text(whatif(
        '[[changes.add_sites]]\nid = "NEW-1"\ncode = "GM9999"\ncategory = "regular"\nplaces = 100'))
    return [E("change-add-site-unknown-municipality.toml", 5, "code", "unknown municipality GM9999")]


@case("change-offer-unknown-code", "changes", "A what-if that changes the offer of GM9999.", single_file=True)
def _(w: Work) -> list[Expect]:
    w.dest.with_suffix(".toml").write_text(whatif(
        '[[changes.offers]]\ncode = "GM9999"\ncategory = "regular"\nplaces = 10'))
    return [E("change-offer-unknown-code.toml", 6, "changes.offers[0].code", "unknown municipality code GM9999")]


@case("change-chain", "changes",
      "A what-if on a what-if: the second change list item (index 1 after joining) names an unknown site.")
def _(w: Work) -> list[Expect]:
    w.write("base.toml", whatif('[[changes.sites]]\nid = "WV-NO"\nopen_ended = true', "Base"))
    w.write(T, '[scenario]\nname = "Chain"\nextends = "base.toml"\n\n[[changes.sites]]\nid = "XX"\nclose = true\n')
    return [E(T, 6, "changes.sites[1].id", "no site with id 'XX'")]


# ---------------------------------------------------------------------------------------------------------------
# Several faults at once


@case("multi-toml-and-csv", "multi",
      "Faults in scenario.toml and in two CSV files: one run reports all of them, although the settings are invalid.")
def _(w: Work) -> list[Expect]:
    a = w.drenthe().sub("national_need = 96000", "national_needs = 96000")
    b = w.sub('rounding = "half-up"', 'rounding = "bankers"')
    c = w.set(S, "places", "1.000", id="ASN-AZC")
    d = w.set(OFFERS, "code", "106", code="GM0106", category="regular", year="2025")
    return [E(T, a, "cycle.national_needs", "unknown key"), E(T, b, "rules.rounding", "bankers"),
            E(S, c, "places", "1000"), E(OFFERS, d, "code", "GM0106")]


@case("multi-csv-tables", "multi", "A bad row in each of the three tables and an unknown reference.")
def _(w: Work) -> list[Expect]:
    a = w.drenthe().set(M, "population", "-5", code="GM1680")
    b = w.set(OFFERS, "year", "twee", code="GM0109", category="amv", year="2026")
    c = w.set(S, "available_from", "30-2-2020", id="HGV-AZC")
    d = w.set(S, "code", "GM0001", id="MD-AMV")
    return [E(M, a, "population", "greater than or equal to 0"), E(OFFERS, b, "year", "not a whole number"),
            E(S, c, "available_from", "30-2-2020"), E(S, d, "code", "unknown municipality GM0001")]


# ---------------------------------------------------------------------------------------------------------------
# Good inputs that must be accepted


@case("good-bom", "good", "municipalities.csv and sites.csv with a UTF-8 byte-order mark (Excel's 'CSV UTF-8').",
      exit=0, same_as_drenthe=True)
def _(w: Work) -> list[Expect]:
    w.drenthe()
    for name in (M, S):
        w.write(name, b"\xef\xbb\xbf" + w.text(name).encode())
    return []


@case("good-semicolons-crlf-dutch-dates", "good",
      "Dutch Excel: semicolons, CRLF line ends, BOM and dates as 1-4-2026; the same data as Drenthe.",
      exit=0, same_as_drenthe=True)
def _(w: Work) -> list[Expect]:
    rows = w.drenthe().rows(S)
    for r in rows[1:]:
        for i in (7, 8):
            if r[i]:
                y, m, d = r[i].split("-")
                r[i] = f"{int(d)}-{int(m)}-{y}"
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    w.write(S, b"\xef\xbb\xbf" + buf.getvalue().encode())
    w.write_rows(OFFERS, w.rows(OFFERS), delimiter=";")
    return []


@case("good-quoted-codes", "good", "Every cell quoted, codes with their leading zero kept as text.",
      exit=0, same_as_drenthe=True)
def _(w: Work) -> list[Expect]:
    rows = w.drenthe().rows(M)
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    w.write(M, buf.getvalue())
    return []


@case("good-trailing-separators", "good", "Rows with trailing empty cells, as spreadsheets export them.",
      exit=0, same_as_drenthe=True)
def _(w: Work) -> list[Expect]:
    rows = w.drenthe().rows(OFFERS)
    w.write_rows(OFFERS, [r if i == 0 else [*r, "", ""] for i, r in enumerate(rows)])
    return []


@case("good-whitespace-and-blank-lines", "good", "Spaces around cells and headers, and blank lines between rows.",
      exit=0, same_as_drenthe=True)
def _(w: Work) -> list[Expect]:
    rows = w.drenthe().rows(S)
    lines = [",".join(f" {c} " for c in r) for r in rows]
    w.write(S, "\n\n".join(lines) + "\n")
    return []


@case("good-separator-inside-quotes", "good", "A comma inside a quoted value is part of the value.", exit=0)
def _(w: Work) -> list[Expect]:
    w.drenthe().set(S, "name", "Assen, azc Pelikaanweg", id="ASN-AZC")
    return []


@case("good-amv-rule-differs", "good", "An official AMV task that differs from the AMV rule: a warning only.",
      exit=0)
def _(w: Work) -> list[Expect]:
    w.drenthe()
    w.set(M, "task_regular", "330", code="GM0106")
    line = w.set(M, "task_amv", "30", code="GM0106")
    return [W(M, line, "task_amv", "differs from the AMV rule")]


# ---------------------------------------------------------------------------------------------------------------
# Settings out of their documented range (each crashed a later command with exit 70, or made a solver report a
# false "infeasible"), names that collide in the program, and national figures a province cannot do without


def _range_case(name: str, description: str, old: str, new: str, key: str, message: str) -> None:
    @case(name, "ranges", description)
    def _(w: Work) -> list[Expect]:
        line = w.drenthe().sub(old, new)
        return [E(T, line + new[: new.index(key.split(".")[1])].count("\n"), key, message)]


_range_case("range-durable-months", "durable_available_within_months = 10^9 (a date far beyond year 9999).",
            'availability = "whole-period"', 'availability = "whole-period"\ndurable_available_within_months = '
            "1000000000", "rules.durable_available_within_months", "less than or equal to 1200")
_range_case("range-weight-sum-tiny", "national_weight_sum = 0.001 (every task would be astronomical).",
            "national_weight_sum = 18524590.5249", "national_weight_sum = 0.001", "cycle.national_weight_sum",
            "greater than or equal to 1")
_range_case("range-seed-2-31", "A solver seed of 2^31 (the solvers take seeds below 2^31).", "seed = 0",
            "seed = 2147483648", "solver.seed", "less than or equal to 2147483647")
_range_case("range-spuk-rate", "A SPUK 1 rate of 10^12 euros per place.", "spuk1_rate = 2000",
            "spuk1_rate = 1000000000000", "spuk.spuk1_rate", "less than or equal to 1000000")
_range_case("range-spuk-pot", "A SPUK 3 pot of 10^15 euros.", "spuk3_pot = 983686", "spuk3_pot = 1000000000000000",
            "spuk.spuk3_pot", "less than or equal to 10000000000")
_range_case("range-ukraine-target", "A national Ukraine figure of 10^9.", "ukraine_national_target = 203000",
            "ukraine_national_target = 1000000000", "cycle.ukraine_national_target",
            "less than or equal to 1000000")
_range_case("range-threads", "100,000 solver threads.", "threads = 1", "threads = 100000", "solver.threads",
            "less than or equal to 256")
_range_case("range-time-limit", "A time limit of 10^300 seconds.", "time_limit = 60", "time_limit = 1e300",
            "solver.time_limit", "less than or equal to 604800")
_range_case("range-exchange-rate", "One Ukraine place standing in for 10^9 asylum places.",
            'availability = "whole-period"', 'availability = "whole-period"\nukraine_exchange_rate = 1e9',
            "rules.ukraine_exchange_rate", "less than or equal to 10")


@case("range-weight-sum-below-table", "ranges",
      "national_weight_sum = 1000, less than Drenthe's own Σ P·(1+S): the tasks would exceed the national need.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("national_weight_sum = 18524590.5249", "national_weight_sum = 1000")
    return [E(T, line, "cycle.national_weight_sum", "less than the table's own")]


def _rename_copy(w: Work, name: str, new_id: str) -> int:
    """Append a copy of site ASN-AZC under ``new_id``; its line."""
    line = w.drenthe().copy_row(name, id="ASN-AZC")
    rows = w.rows(name)
    rows[line - 1][0] = new_id
    w.write_rows(name, rows)
    return line


@case("names-site-id-dash-underscore", "names", "Site ids ASN-AZC and ASN_AZC: one name in the program.")
def _(w: Work) -> list[Expect]:
    return [E(S, _rename_copy(w, S, "ASN_AZC"), "id", "differs from ASN-AZC only in case, spaces, '-' or '_'")]


@case("names-site-id-case", "names", "Site ids ASN-AZC and asn-azc.")
def _(w: Work) -> list[Expect]:
    return [E(S, _rename_copy(w, S, "asn-azc"), "id", "differs from ASN-AZC only in case")]


@case("names-province-lowercase", "names", "Assen in province 'drenthe': it dropped out of Drenthe silently.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(M, "province", "drenthe", code="GM0106")
    return [E(M, line, "province", "differs from 'Drenthe' (11 municipalities) only in case")]


@case("names-province-spaces", "names", "Coevorden in province 'Dren the'.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(M, "province", "Dren the", code="GM0109")
    return [E(M, line, "province", "only in case, accents, spaces")]


@case("names-province-misspelt", "names", "Coevorden in province 'Drenhte'.")
def _(w: Work) -> list[Expect]:
    line = w.drenthe().set(M, "province", "Drenhte", code="GM0109")
    return [E(M, line, "province", "looks like a misspelling of 'Drenthe'")]


@case("national-one-province-without-figures", "national",
      "Drenthe alone with computed tasks and no national population or weight sum: it would get all 96,000.")
def _(w: Work) -> list[Expect]:
    w.drenthe()
    for key in ("national_population = 17811291\n", "national_weight_sum = 18524590.5249\n"):
        w.sub(key, "")
    w.sub("use_official_tasks = true", "use_official_tasks = false")
    cycle = w.line_of("[cycle]")
    return [E(T, cycle, "cycle.national_weight_sum", "the province would get the whole national need"),
            E(T, cycle, "cycle.national_population", "need the national population")]


@case("national-transfer-above-surplus", "national",
      "Assen transfers 700 regular places; its surplus is 1000 offered − 329 task = 671: a warning.", exit=0)
def _(w: Work) -> list[Expect]:
    _with_transfers(w, "GM0106,GM1680,regular,700,2025,")
    return [W("transfers.csv", 2, "places", "transfers 700 regular places in 2025, more than its surplus of 671")]


@case("national-spuk-paid-twice", "national", "Regular places in SPUK 1 and in SPUK 2: paid twice, a warning.",
      exit=0)
def _(w: Work) -> list[Expect]:
    line = w.drenthe().sub("spuk2_rate = 2000", 'spuk2_rate = 2000\nspuk2_categories = ["amv", "regular"]')
    return [W(T, line + 1, "spuk.spuk2_categories", "regular places are paid by SPUK 1 and by SPUK 2")]


# ---------------------------------------------------------------------------------------------------------------


def build() -> list[Case]:
    if CASES.exists():
        shutil.rmtree(CASES)
    CASES.mkdir(parents=True)
    names = [c.name for c in CATALOGUE]
    assert len(names) == len(set(names)), "case names must be unique"
    for c in CATALOGUE:
        w = Work(CASES / c.name)
        c.expect = c.build(w)
    return CATALOGUE


def build_outside() -> None:
    """Files outside the allowed folders, for the cases that point there (and pass with --allow-outside)."""
    if OUTSIDE.exists():
        shutil.rmtree(OUTSIDE)
    OUTSIDE.mkdir()
    shutil.copyfile(DRENTHE / "sites.csv", OUTSIDE / "sites.csv")
    (OUTSIDE / "scenario.toml").write_text(whatif("", "Outside the corpus folder"))


def manifest(cases: list[Case]) -> str:
    data = {
        "case": [
            {
                "name": c.name,
                "kind": c.kind,
                "path": f"cases/{c.name}.toml" if c.single_file else f"cases/{c.name}",
                "description": c.description,
                "exit": c.exit,
                **({"allow_outside_exit": c.allow_outside_exit} if c.allow_outside_exit is not None else {}),
                **({"same_as_drenthe": True} if c.same_as_drenthe else {}),
                "expect": [e.as_dict() for e in c.expect],
            }
            for c in cases
        ]
    }
    head = ("# The bad-input corpus: generated by make_corpus.py (do not edit by hand; change the script and rerun).\n"
            "# exit: the exit code of `planner validate`; expect: every problem the case must report, as file, row\n"
            "# (absent: not about one row), field and a substring of the message.\n\n")
    return head + tomli_w.dumps(data)


def main() -> None:
    cases = build()
    build_outside()
    (HERE / "cases.toml").write_text(manifest(cases), encoding="utf-8")
    kinds: dict[str, int] = {}
    for c in cases:
        kinds[c.kind] = kinds.get(c.kind, 0) + 1
    print(f"{len(cases)} cases: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))


if __name__ == "__main__":
    main()
