"""Workbook bombs and sheets that could be skipped silently, built in the test and imported by a real process.

Each bomb goes through ``python -m planner import-xlsx`` with an address-space limit (RLIMIT_AS) and a timeout: it
must end with exit 2 and a clear error at the sheet, within seconds and the memory limit, and write nothing. The
filled Drenthe template (27 kB) is the base of every case; the national one must still import under the same
limits, so they are not so tight that real work fails.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from planner.scenario.load import require_scenario
from planner.scenario.xlsx_io import import_workbook, write_template
from planner.scenario.xlsx_read import MAX_MEMBER_BYTES, MAX_SHEET_ROWS
from tests.scenario.support import DRENTHE, NEDERLAND

MEMORY = 500 * 2**20
"""Address space a bomb may use (the national workbook imports in less than 300 MB; the 416 kB bomb took 850 MB)."""
SECONDS = 30
"""Wall-clock bound on a shared two-core machine; an unbounded read took more than 120 s."""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_import(book: Path, out: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "OPENBLAS_NUM_THREADS": "1"}
    start = time.monotonic()
    command = [sys.executable, "-m", "planner", "import-xlsx", str(book), "--out", str(out), "--lang", "en"]
    proc = subprocess.run(command,
                          capture_output=True, text=True, env=env, timeout=SECONDS * 4, preexec_fn=_limit,
                          check=False)
    return proc, time.monotonic() - start


@pytest.fixture(scope="module")
def drenthe_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("book") / "drenthe.xlsx"
    write_template(path, require_scenario(DRENTHE)[0])
    return path


def _sheet_part(book: Path, title: str) -> str:
    """The zip member of a sheet, from the workbook's own relationships (as openpyxl finds it)."""
    with zipfile.ZipFile(book) as z:
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet name="{title}" sheetId="\d+" r:id="(rId\d+)"', wb)
    assert rid is not None
    target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
    assert target is not None
    return "xl/" + target.group(1).removeprefix("/xl/")


def _rewrite(book: Path, dest: Path, part: str, edit: object) -> Path:
    """A copy of ``book`` with one zip member replaced (``edit``: old text → new text, or bytes chunks)."""
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != part:
                out.writestr(info, src.read(info.filename))
            elif callable(edit):
                with out.open(info.filename, "w") as fh:
                    for chunk in edit(src.read(info.filename).decode()):
                        fh.write(chunk)
    return dest


def _assert_refused(proc: subprocess.CompletedProcess[str], seconds: float, out: Path, message: str) -> None:
    print(f"exit {proc.returncode} in {seconds:.1f} s")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert message in " ".join(proc.stderr.split()), proc.stderr
    assert "nothing was written" in proc.stderr
    assert seconds < SECONDS
    assert not out.exists()


@pytest.mark.slow
def test_a_declared_dimension_of_17_billion_cells_is_refused_before_reading(drenthe_book: Path,
                                                                            tmp_path: Path) -> None:
    """The 27 kB template with the sites sheet declaring A1:XFD1048576 and one value in its last cell: openpyxl's
    read-only mode would pad a million rows to 16,384 cells each."""
    part = _sheet_part(drenthe_book, "sites")

    def edit(xml: str) -> list[bytes]:
        xml = re.sub(r'<dimension ref="[^"]+"/>', '<dimension ref="A1:XFD1048576"/>', xml)
        xml = xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>')
        return [xml.encode()]

    bomb = _rewrite(drenthe_book, tmp_path / "dimension.xlsx", part, edit)
    assert bomb.stat().st_size < 40_000
    proc, seconds = run_import(bomb, tmp_path / "out")
    _assert_refused(proc, seconds, tmp_path / "out", "the sheet declares 1048576 rows × 16384 columns")
    assert "drenthe.xlsx › sites" not in proc.stderr or "dimension.xlsx › sites" in proc.stderr


@pytest.mark.slow
def test_a_sheet_with_rows_beyond_the_limit_stops_at_the_limit(drenthe_book: Path, tmp_path: Path) -> None:
    """Many small rows (no dimension declared): the stream stops at the first row past the limit."""
    part = _sheet_part(drenthe_book, "offers")

    def edit(xml: str) -> list[bytes]:
        xml = re.sub(r'<dimension ref="[^"]+"/>', "", xml)
        head, tail = xml.split("</sheetData>")
        rows = (f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>GM0106</t></is></c></row>'
                for r in range(100, 100 + 3 * MAX_SHEET_ROWS))
        return [head.encode(), *("".join(rows).encode() for _ in range(1)), b"</sheetData>" + tail.encode()]

    bomb = _rewrite(drenthe_book, tmp_path / "rows.xlsx", part, edit)
    proc, seconds = run_import(bomb, tmp_path / "out")
    _assert_refused(proc, seconds, tmp_path / "out", f"has data in row {MAX_SHEET_ROWS + 1}")


@pytest.mark.slow
def test_a_zip_member_that_unpacks_to_200_mb_is_refused_before_openpyxl(drenthe_book: Path, tmp_path: Path) -> None:
    """200 MB of XML whitespace in the sites sheet compresses to a few hundred kB; the zip directory says so."""
    part = _sheet_part(drenthe_book, "sites")

    def edit(xml: str) -> list[bytes]:
        head, tail = xml.split("<sheetData>", 1)
        return [head.encode(), *(b" " * 2**20 for _ in range(200)), b"<sheetData>" + tail.encode()]

    bomb = _rewrite(drenthe_book, tmp_path / "zip.xlsx", part, edit)
    assert bomb.stat().st_size < 2 * 2**20
    with zipfile.ZipFile(bomb) as z:
        assert z.getinfo(part).file_size > 200 * 2**20 > MAX_MEMBER_BYTES
    proc, seconds = run_import(bomb, tmp_path / "out")
    _assert_refused(proc, seconds, tmp_path / "out", f"part {part} of the workbook unpacks to 200 MB")


@pytest.mark.slow
def test_the_national_workbook_imports_under_the_same_limits(tmp_path: Path) -> None:
    book = tmp_path / "nederland.xlsx"
    write_template(book, require_scenario(NEDERLAND)[0])
    proc, seconds = run_import(book, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert seconds < SECONDS
    assert "342 municipalities, 1656 sites, 1368 offers" in " ".join(proc.stdout.split())


# ---------------------------------------------------------------------------------------------------------------
# Nothing skipped silently: sheet names, hidden sheets, hidden rows


def _edited(book: Path, dest: Path, change: object) -> Path:
    wb = openpyxl.load_workbook(book)
    change(wb)  # type: ignore[operator]
    wb.save(dest)
    return dest


def test_a_sheet_name_with_a_trailing_space_is_read_with_a_warning(drenthe_book: Path, tmp_path: Path) -> None:
    book = _edited(drenthe_book, tmp_path / "space.xlsx", lambda wb: setattr(wb["sites"], "title", "Sites "))
    scenario, problems = import_workbook(book, tmp_path / "out")
    assert scenario is not None, [p.as_dict() for p in problems.errors]
    assert len(scenario.sites) == 18  # before: 0 sites, exit 0
    [warning] = [p for p in problems.warnings if p.code == "sheet-name"]
    assert warning.message == "sheet 'Sites ' is read as 'sites' (its name differs in case or spaces)"


def test_two_sheets_that_could_both_be_sites_are_an_error(drenthe_book: Path, tmp_path: Path) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["sites"].title = "Sites "
        wb.copy_worksheet(wb["Sites "]).title = " sites"

    book = _edited(drenthe_book, tmp_path / "two.xlsx", change)
    scenario, problems = import_workbook(book, tmp_path / "out")
    assert scenario is None
    assert [p.message for p in problems.errors if p.code == "sheet-name"] == [
        "sheets 'Sites ', ' sites' could each be 'sites': rename all but one"]
    assert not (tmp_path / "out").exists()


def test_unknown_and_hidden_sheets_and_hidden_rows_are_reported(drenthe_book: Path, tmp_path: Path) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb.create_sheet("notities")["A1"] = "kladblok"
        wb["offers"].sheet_state = "hidden"
        wb["sites"].sheet_state = "veryHidden"
        for r in (3, 5, 6, 7):
            wb["sites"].row_dimensions[r].hidden = True

    book = _edited(drenthe_book, tmp_path / "hidden.xlsx", change)
    scenario, problems = import_workbook(book, tmp_path / "out")
    assert scenario is not None
    assert len(scenario.sites) == 18  # read like the others
    assert len(scenario.offers) == 48
    found = {(p.file, p.message) for p in problems.warnings if p.code in ("hidden", "sheet-not-read")}
    assert found == {
        ("hidden.xlsx", "sheet 'notities' is not read (the planner reads instructies, scenario, municipalities, "
                        "offers, sites, transfers, stated_totals)"),
        ("hidden.xlsx › offers", "the sheet is hidden; it is read like the others"),
        ("hidden.xlsx › sites", "the sheet is very hidden (only Excel's VBA editor shows it); it is read like the "
                                "others"),
        ("hidden.xlsx › sites", "rows 3, 5–7 are hidden in Excel; read like the others (unhide to see what you "
                                "import)"),
    }
