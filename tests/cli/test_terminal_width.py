"""Terminal tables fit the terminal (issue 14, "readable where people read"): at 80, 100 and 160 columns no line is
wider than the terminal and no municipality name is broken (rich on its own folded them: "Coevord/en"); --wide
prints every table at its natural width."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from planner.cli.app import app
from planner.report.terminal import FitTable
from planner.scenario.load import default_scenario, require_scenario

runner = CliRunner()
BASE = default_scenario()
WHATIF = BASE / "what-if" / "borger-odoorn-geen-amv.toml"
NAMES = sorted(m.name for m in require_scenario(BASE)[0].municipalities)
COMMANDS = {
    "plan": ["plan"],
    "compare": ["compare", str(BASE), str(WHATIF)],
    "verdeelbesluit": ["verdeelbesluit"],
    "spuk": ["spuk"],
    "quota": ["quota"],
    "check-duty": ["check-duty", "-m", "GM1681", "--site", "BO-AMV", "--places", "10"],
    "validate": ["validate"],
}


def run(args: list[str], width: int) -> str:
    # FORCE_COLOR: rich takes the output for a terminal of $COLUMNS columns (its colour codes are taken out here)
    res = runner.invoke(app, args, env={"COLUMNS": str(width), "FORCE_COLOR": "1", "TERM": "xterm"})
    assert res.exit_code in (0, 1), res.output
    return re.sub(r"\x1b\[[0-9;]*m", "", res.output)


def assert_whole(names: list[str], text: str) -> None:
    """Every name is printed, and every start of a name is the whole name (a broken name leaves its start); at 80
    columns a hyphenated name may be printed as its parts on two lines ('Midden-' above 'Drenthe')."""
    for name in names:
        joined = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1-\2", text) if "-" in name else text
        assert name in joined or all(f"{p}-" in text or p in text for p in name.split("-")), name
        assert text.count(name[:4]) == text.count(name) or "-" in name, name


def assert_no_word_broken(names: list[str], text: str) -> None:
    """No word of a name is broken (a sentence may wrap 'De Wolden' at its space, never 'Wold/en'; a hyphenated
    name may wrap after its hyphen, 'Midden-' / 'Drenthe')."""
    for word in {p for name in names for w in name.split() for p in w.split("-") if len(p) > 4}:
        assert text.count(word[:4]) == text.count(word), word


def assert_amounts_whole(text: str) -> None:
    """An amount is never broken: every euro sign is followed, on its line, by a space and the digits (the unit
    'k€' of a goal's value excepted)."""
    assert re.findall(r"(?<!k)€(?! \d).{0,12}", text) == []


@pytest.mark.parametrize("width", [80, 100, 160])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_tables_fit_and_names_stay_whole(command: str, width: int) -> None:
    text = run(COMMANDS[command], width)
    too_wide = [ln for ln in text.splitlines() if len(ln.rstrip()) > width]
    assert too_wide == []
    assert_no_word_broken(NAMES, text)
    assert_amounts_whole(text)
    if command not in ("validate", "check-duty"):  # these two name only some municipalities
        assert_whole(NAMES, text)


def test_wide_prints_tables_unwrapped() -> None:
    narrow, wide = run(["plan"], 80), run(["plan", "--wide"], 80)
    assert max(len(ln) for ln in wide.splitlines()) > 100
    # the 'why' of Aa en Hunze on one line, as the plan gives it (wrapped between words at 80 columns)
    why = "regulier: aanbod 87; AMV: aanbod 0"
    assert why in wide
    assert why not in narrow
    assert all(w in narrow for w in why.split())


WHY = "regulier: aanbod 0; AMV +33 en meer woorden die niet passen"  # 59 characters, longest word 9


def _table(width: int) -> str:
    t = FitTable(title="t")
    t.add_column("code", no_wrap=True)
    t.add_column("gemeente", no_wrap=True)
    t.add_column("toelichting")
    t.add_row("GM1731", "Midden-Drenthe", WHY)
    con = Console(width=width, record=True, file=None, color_system=None, legacy_windows=False)
    with con.capture() as cap:
        con.print(t)
    return cap.get()


@pytest.mark.parametrize("width", [30, 32, 33, 40, 41, 88, 89, 200])
def test_fit_table_breaks_between_words_only(width: int) -> None:
    """Widths by hand. 'GM1731' (6) and 'Midden-Drenthe' (14) never wrap; the third column's longest word is its
    header 'toelichting' (11). Bordered (3 * 2 padding + 4 lines), the table needs 6 + 14 + 59 + 10 = 89 columns
    to keep the text on one line and 6 + 14 + 11 + 10 = 41 to wrap it between words; compact (one space between
    columns, no padding) 6 + 14 + 11 + 2 = 33."""
    text = _table(width)
    lines = text.splitlines()
    assert all(len(ln.rstrip()) <= width for ln in lines)
    assert ("┃" in text) == (width >= 41)
    assert (WHY in text) == (width >= 89)
    if width >= 33:
        assert any("GM1731 Midden-Drenthe" in ln or "GM1731 │ Midden-Drenthe" in ln for ln in lines)
        found = [w for ln in lines for w in ln.replace("│", " ").split()]
        assert all(w in found for w in WHY.split())


@pytest.mark.slow
def test_a_compare_of_two_provinces_names_the_province_of_each_share(tmp_path: Path) -> None:
    """The national compare printed its small-scale shares as a list of percentages without provinces; with more
    than one province they get their own table, one row per province (scope: Drenthe and Flevoland)."""
    import json

    from planner.report.numbers import nl_percent

    scenario = tmp_path / "two.toml"
    national = BASE.parent / "nederland-2025-2026" / "scenario.toml"
    scenario.write_text(f'scope = ["Drenthe", "Flevoland"]\n\n[scenario]\nextends = "{national.as_posix()}"\n'
                        'name = "Twee provincies"\n', encoding="utf-8")
    args = ["compare", str(scenario), str(scenario), "--allow-outside"]
    text = run(args, 100)
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert "per provincie:" in text
    assert "per provincie: zie hieronder" in run([*args, "--wide"], 100)  # at 100 columns the cell may wrap
    small = text[text.index("Kleinschalig aandeel per provincie"):text.index("Plaatsen per gemeente")]
    rows = {ln.split("│")[1].strip(): [c.strip() for c in ln.split("│")[2:-1]] for ln in small.splitlines()
            if ln.startswith("│ Drenthe ") or ln.startswith("│ Flevoland ")}
    assert set(rows) == {"Drenthe", "Flevoland"}
    for province, cells in rows.items():
        shares = [r["share"] for r in data["small_scale"] if r["province"] == province]
        assert cells == [nl_percent(s) for s in shares]
    # the places per municipality: under a heading per province, closed by the province's sums
    places = text[text.index("Plaatsen per gemeente"):]
    places = places[: places.index("\n\n") if "\n\n" in places else None]
    cells = [[c.strip() for c in re.split(r"│", ln)[1:-1]] or ln.split() for ln in places.splitlines()]
    first = [c for row in cells for c in row[:2] if c]
    assert first.index("Drenthe") < first.index("Assen") < first.index("Drenthe samen") < first.index("Flevoland")
    assert first.index("Flevoland") < first.index("Almere") < first.index("Flevoland samen")
