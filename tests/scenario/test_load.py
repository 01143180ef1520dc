"""Loading: hostile inputs too big or too odd to commit to the corpus, and the loader's guarantees.

The corpus (``test_corpus.py``) covers the committed cases; here the inputs are made at test time: a 50 MB table,
a 200 kB cell, a 22-file extends chain, a symlink and a pipe, and random damage to every cell (hypothesis).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.model.build import build_model
from planner.scenario.load import load_scenario, require_scenario, toml_paths
from planner.scenario.problems import ScenarioError
from planner.scenario.schema import OfferRow
from planner.scenario.tables import MAX_TABLE_BYTES
from tests.scenario.support import CORPUS, DRENTHE, copy_drenthe, csv_line, whatif


def errors_at(problems: object, file: str) -> list[tuple[int | None, str, str]]:
    return [(p.row, p.field, p.message) for p in problems.errors if p.file == file]  # type: ignore[attr-defined]


def test_a_50_mb_table_is_refused_before_it_is_read(tmp_path: Path) -> None:
    folder = copy_drenthe(tmp_path / "big")
    row = (folder / "sites.csv").read_text().splitlines()[1]
    with (folder / "sites.csv").open("a") as fh:
        block = (row + "\n") * 10_000
        while fh.tell() < 50 * 2**20:
            fh.write(block)
    assert (folder / "sites.csv").stat().st_size > MAX_TABLE_BYTES
    scenario, problems = load_scenario(folder)
    assert scenario is not None  # the other tables are still checked
    [(row_no, field, message)] = errors_at(problems, "sites.csv")
    assert (row_no, field) == (None, "")
    assert "MB, more than the 20 MB allowed" in message


def test_a_cell_beyond_the_csv_field_limit_is_an_error_at_its_row(tmp_path: Path) -> None:
    folder = copy_drenthe(tmp_path / "cell")
    lines = (folder / "sites.csv").read_text().splitlines()
    lines[4] = lines[4] + "x" * 200_000  # the remarks of row 5
    (folder / "sites.csv").write_text("\n".join(lines) + "\n")
    _, problems = load_scenario(folder)
    [(row, field, message)] = errors_at(problems, "sites.csv")
    assert (row, field) == (5, "")
    assert "field larger than field limit" in message


def test_an_extends_chain_longer_than_20_files_stops(tmp_path: Path) -> None:
    whatif(tmp_path, "", file="w0.toml")
    for i in range(1, 23):
        whatif(tmp_path, "", file=f"w{i}.toml", extends=f"w{i - 1}.toml")
    scenario, problems = load_scenario(tmp_path / "w22.toml")
    assert scenario is None
    assert [(p.field, p.code) for p in problems.errors] == [("scenario.extends", "extends")]
    assert "more than 20 files long" in problems.errors[0].message


def test_a_chain_of_20_files_is_fine(tmp_path: Path) -> None:
    whatif(tmp_path, "", file="w0.toml")
    for i in range(1, 19):
        whatif(tmp_path, "", file=f"w{i}.toml", extends=f"w{i - 1}.toml")
    scenario, problems = load_scenario(tmp_path / "w18.toml")
    assert scenario is not None
    assert not problems.has_errors()


def test_a_symlink_out_of_the_scenario_folder_is_refused(tmp_path: Path) -> None:
    folder = copy_drenthe(tmp_path / "a" / "case")
    secret = tmp_path / "secret.csv"
    shutil.copyfile(DRENTHE / "sites.csv", secret)
    (folder / "sites.csv").unlink()
    (folder / "sites.csv").symlink_to(secret)
    _, problems = load_scenario(folder)
    assert [(p.file, p.field, p.code) for p in problems.errors] == [("scenario.toml", "tables.sites", "outside")]
    scenario, problems = load_scenario(folder, allow_outside=True)
    assert scenario is not None
    assert not problems.has_errors()


def test_extends_outside_the_parent_folder_needs_allow_outside(tmp_path: Path) -> None:
    base = copy_drenthe(tmp_path / "elsewhere" / "base")
    child = whatif(tmp_path / "here" / "case", "", extends=os.path.relpath(base, tmp_path / "here" / "case"))
    _, problems = load_scenario(child)
    assert [p.code for p in problems.errors] == ["outside"]
    scenario, problems = load_scenario(child, allow_outside=True)
    assert scenario is not None
    assert not problems.has_errors()
    assert len(scenario.sites) == 18


def test_a_symlink_loop_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    folder = copy_drenthe(tmp_path / "loop")
    (folder / "sites.csv").unlink()
    (folder / "sites.csv").symlink_to("sites.csv")
    _, problems = load_scenario(folder)
    [problem] = problems.errors
    line = (folder / "scenario.toml").read_text().splitlines().index('sites = "sites.csv"') + 1
    assert (problem.file, problem.row, problem.field) == ("scenario.toml", line, "tables.sites")
    assert "not a usable path" in problem.message


@pytest.mark.parametrize("value", ["[" * 5000 + "]" * 5000, "{a=" * 3000 + "1" + "}" * 3000])
def test_values_nested_too_deeply_are_a_problem(tmp_path: Path, value: str) -> None:
    (tmp_path / "scenario.toml").write_text(f'[scenario]\nname = "deep"\n[cycle]\nstart = {value}\n')
    scenario, problems = load_scenario(tmp_path)
    assert scenario is None
    assert [(p.file, p.code, p.message) for p in problems.errors] == [
        ("scenario.toml", "syntax", "not valid TOML: values nested too deeply to read")]


def test_a_failing_check_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.scenario import checks

    def broken(s: object, p: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(checks, "CHECKS", (broken, *checks.CHECKS))
    scenario, problems = load_scenario(DRENTHE)
    assert scenario is not None
    [internal] = problems.errors
    assert internal.code == "internal"
    assert "internal error in broken: ZeroDivisionError" in internal.message
    assert len(problems.warnings) == 13  # the other checks still ran


def test_a_loader_bug_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.scenario import load

    def broken(*args: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(load._Loader, "load_toml", broken)
    scenario, problems = load_scenario(DRENTHE)
    assert scenario is None
    assert [p.code for p in problems.errors] == ["internal"]
    assert "internal error while loading: KeyError" in problems.errors[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_as_table_is_refused_without_blocking(tmp_path: Path) -> None:
    folder = copy_drenthe(tmp_path / "pipe")
    (folder / "sites.csv").unlink()
    os.mkfifo(folder / "sites.csv")
    _, problems = load_scenario(folder)
    [problem] = problems.errors
    assert (problem.file, problem.field) == ("scenario.toml", "tables.sites")
    assert "not a regular file" in problem.message


def test_missing_paths_are_problems_not_exceptions(tmp_path: Path) -> None:
    scenario, problems = load_scenario(tmp_path / "nowhere")
    assert scenario is None
    assert "no such scenario" in problems.errors[0].message
    scenario, problems = load_scenario(tmp_path)
    assert scenario is None
    assert "no scenario.toml in this folder" in problems.errors[0].message


def test_require_scenario_raises_with_every_problem() -> None:
    with pytest.raises(ScenarioError) as info:
        require_scenario(CORPUS / "cases" / "multi-csv-tables")
    assert len(info.value.problems.errors) == 4
    assert str(info.value) == "4 errors in the scenario"


def test_pydantic_alone_would_read_a_thousands_dot_as_one(tmp_path: Path) -> None:
    """Why cells are checked by their spelling first: lax pydantic turns '1.000' into 1 without a word."""
    assert OfferRow.model_validate({"code": "GM0106", "category": "regular", "year": 2025, "places": "1.000"}
                                   ).places == 1
    folder = copy_drenthe(tmp_path / "dot")
    text = (folder / "offers.csv").read_text().replace("GM0106,regular,2025,1000,", "GM0106,regular,2025,1.000,")
    (folder / "offers.csv").write_text(text)
    _, problems = load_scenario(folder)
    line = csv_line(folder / "offers.csv", code="GM0106", category="regular", year="2025")
    assert [(p.file, p.row, p.field) for p in problems.errors] == [("offers.csv", line, "places")]


def test_toml_paths_number_arrays_of_tables_and_skip_multiline_strings() -> None:
    text = (
        'top = 1\n[a]\nb.c = 2\n"quoted key" = 3\ndoc = """\nx = not a key\n"""\n'
        "[[t]]\nv = 1\n[[t]]\nv = 2\n[t.sub]\nw = 3\n"
    )
    assert list(toml_paths(text)) == [
        (("top",), 1), (("a",), 2), (("a", "b", "c"), 3), (("a", "quoted key"), 4), (("a", "doc"), 5),
        (("t", 0), 8), (("t", 0, "v"), 9), (("t", 1), 10), (("t", 1, "v"), 11), (("t", 1, "sub"), 12),
        (("t", 1, "sub", "w"), 13),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Random damage: validation never raises, whatever a cell or a TOML value holds.

_TABLES = ("municipalities.csv", "offers.csv", "sites.csv")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_drenthe(tmp_path_factory.mktemp("pristine") / "drenthe")


cell_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
"""Any short text a spreadsheet cell could hold: letters, digits, separators, quotes, newlines, control chars."""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(_TABLES), row=st.integers(0, 20), column=st.integers(0, 14), value=cell_text)
def test_any_cell_value_gives_problems_not_exceptions(
    pristine: Path, table: str, row: int, column: int, value: str
) -> None:
    """Bounds: one cell of one table (header included, row 0) replaced by up to 12 arbitrary characters."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(shutil.copytree(pristine, Path(tmp) / "case"))
        lines = (folder / table).read_text(encoding="utf-8").split("\n")
        row %= len(lines) - 1
        cells = lines[row].split(",")
        cells[column % len(cells)] = value
        lines[row] = ",".join(cells)
        (folder / table).write_text("\n".join(lines), encoding="utf-8")
        scenario, problems = load_scenario(folder)
        assert not any(p.code == "internal" for p in problems)
        if scenario is None or problems.has_errors():
            assert all(p.file for p in problems.errors)
        else:
            build_model(scenario)  # what validates also builds: no colliding names, no impossible dates


toml_value = st.one_of(
    st.integers(-(10**15), 10**15).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=8).map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.sampled_from(["true", "false", "[]", "[1, 2]", "{}", "2025-13-01", "1979-05-27T07:32:00Z", '"../x"']),
)
"""A TOML value of any type, valid or not (a float repr like 'nan' or '1e+300' is valid TOML)."""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(line=st.integers(0, 200), value=toml_value)
def test_any_toml_value_gives_problems_not_exceptions(pristine: Path, line: int, value: str) -> None:
    """Bounds: the value of one ``key = value`` line of scenario.toml replaced by an arbitrary TOML value."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(shutil.copytree(pristine, Path(tmp) / "case"))
        lines = (folder / "scenario.toml").read_text(encoding="utf-8").split("\n")
        keyed = [i for i, text in enumerate(lines) if " = " in text and not text.startswith("#")]
        i = keyed[line % len(keyed)]
        lines[i] = lines[i].split(" = ", 1)[0] + " = " + value
        (folder / "scenario.toml").write_text("\n".join(lines), encoding="utf-8")
        scenario, problems = load_scenario(folder)
        assert not any(p.code == "internal" for p in problems)
        for p in problems.errors:
            assert p.file
        if scenario is not None and not problems.has_errors():
            build_model(scenario)
