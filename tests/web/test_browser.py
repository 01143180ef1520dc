"""The PRT walk-through and the other journeys in a real browser: Playwright drives Debian's headless chromium
(``/usr/bin/chromium``; nothing is downloaded) against a real ``planner serve`` on a free port.

With ``SERVE_SCREENSHOTS=docs`` the scenario view and the side-by-side page are saved as ``docs/serve-scenario.png``
and ``docs/serve-compare.png`` (the README's screenshots)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planner.report.screenshot import CHROMIUM, chromium
from tests.web.conftest import Served, number

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(chromium() is None, reason=f"Chromium is not installed ({CHROMIUM}): apt-get install chromium"),
]

DOCS = Path(__file__).parents[2] / "docs"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: Served) -> Iterator[Any]:
    context = browser.new_context(base_url=server.base, viewport={"width": 1280, "height": 1000},
                                  accept_downloads=True)
    context.set_default_timeout(120_000)  # a first solve on a loaded 2-core machine (the page refreshes meanwhile)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    yield tab
    context.close()
    assert errors == []  # no script or CSP errors on any page


def _shot(page: Any, name: str) -> None:
    if os.environ.get("SERVE_SCREENSHOTS") == "docs":
        page.screenshot(path=str(DOCS / name), full_page=False)


def _cli(*args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "planner", *args, "--format", "json"], capture_output=True,
                          text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _every_control_has_a_label(page: Any) -> None:
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
        .filter(e => e.type !== 'hidden' && e.labels.length === 0 && !e.getAttribute('aria-label'))
        .map(e => e.id || e.name)""")
    assert unlabelled == []


def test_prt_walkthrough(page: Any, server: Served, tmp_path: Path) -> None:
    page.goto("/")
    page.get_by_role("link", name="drenthe-2025-2026", exact=True).click()
    page.wait_for_function("() => !document.getElementById('progress')")  # the answer, not the progress page
    assert page.get_by_role("heading", level=1).inner_text() == "Drenthe 2025–2026", page.inner_text("main")
    _every_control_has_a_label(page)
    cli = _cli("plan")
    closure = page.locator("#closure")
    for row in cli["province"]:
        cell = closure.locator(f'tr[data-period="{row["period"]}"] [data-key="planned_regular"]')
        assert number(cell.inner_text()) == row["planned_regular"]
    _shot(page, "serve-scenario.png")

    page.get_by_role("button", name="Wat-als maken").click()
    form = page.locator("fieldset", has_text="Datums van een locatie")
    form.get_by_label("Locatie").select_option("ASN-AZC")
    form.get_by_label("Beschikbaar tot en met").fill("2026-12-31")
    form.get_by_label("Reden").fill("contract tot eind 2026")
    form.get_by_role("button", name="Toevoegen").click()
    assert "available_until = 2026-12-31" in page.locator("#change-list").inner_text()
    assert "[[changes.sites]]" in page.locator("#toml").inner_text()
    _every_control_has_a_label(page)

    page.get_by_role("link", name="Doorrekenen").click()
    diff = page.locator('#differences tr[data-code="GM0106"][data-period="2026"] [data-key="delta"]')
    assert number(diff.inner_text()) == 1000  # Assen's 1.000 azc places count in 2026 now (base: 0)
    digest = page.locator("#digest").inner_text()

    page.get_by_label("Bestandsnaam").fill("assen-tot-eind-2026")
    page.get_by_role("button", name="Opslaan").click()
    assert digest in page.locator("#saved").inner_text()
    saved = server.save_dir / "assen-tot-eind-2026.toml"
    assert _cli("plan", str(saved))["scenario_digest"] == digest  # the CLI reads the same scenario

    page.go_back()
    with page.expect_download() as info:
        page.get_by_role("link", name="Werkmap (xlsx)").click()
    book_path = tmp_path / "whatif.xlsx"
    info.value.save_as(book_path)
    import openpyxl

    book = openpyxl.load_workbook(book_path, read_only=True)
    values = {str(v) for ws in book.worksheets for r in ws.iter_rows(values_only=True) for v in r}
    book.close()
    assert digest in values

    page.goto("/")
    page.get_by_label("Scenario 1 (basis)").select_option("drenthe-2025-2026")
    entries = page.locator("#s1 option").all_inner_texts()
    mine = next(e for e in entries if "assen-tot-eind-2026" in e)
    page.get_by_label("Scenario 2", exact=True).select_option(mine)
    page.get_by_label("Scenario 3").select_option("drenthe-2025-2026-borger-odoorn-geen-amv")
    page.get_by_role("button", name="Vergelijken").click()
    page.locator("#compare-deltas").wait_for()
    assert page.locator("figure svg").count() == 3  # a map each
    assert "€ 4.649.686" in page.locator("#compare-status").inner_text()  # README: Borger-Odoorn without AMV unit
    _shot(page, "serve-compare.png")


def test_duty_check(page: Any) -> None:
    page.goto("/s/drenthe-2025-2026/duty?lang=en")
    _every_control_has_a_label(page)
    page.get_by_label("municipality").select_option("GM0106")
    page.get_by_label("Site").select_option("ASN-AZC")
    page.get_by_label("Places").fill("500")
    page.get_by_role("button", name="Check").click()
    assert "does not meet its own task" in page.locator("#duty-verdict").inner_text()
    # docs/api.md: 500 places meet the regular task of 329 in 2025; the contract ends 1-4-2026, so 2026 is short by
    # all 329, and Assen has no AMV places for its AMV task of 31.
    rows = {(r.get_attribute("data-category"), r.get_attribute("data-period")): r
            for r in page.locator("#duty tbody tr").all()}
    assert number(rows[("regular", "2025")].locator('[data-key="counted"]').inner_text()) == 500
    assert number(rows[("regular", "2026")].locator('[data-key="shortfall"]').inner_text()) == 329
    assert number(rows[("amv", "2025")].locator('[data-key="shortfall"]').inner_text()) == 31


def test_infeasible_whatif_is_explained(page: Any) -> None:
    page.goto("/s/drenthe-2025-2026?lang=en")
    page.get_by_role("button", name="Make a what-if").click()
    form = page.locator("fieldset", has_text="National need")
    form.get_by_label("National need (places)").fill("102000")
    form.get_by_role("button", name="Add").click()
    page.get_by_role("link", name="Plan", exact=True).click()
    page.locator("#explanation").wait_for()
    assert page.locator("#sentences li").count() >= 1
    assert page.locator("#closure").count() == 0  # no plan numbers without a plan
    assert "No plan" in page.locator(".warn").first.inner_text()


def test_several_clients_at_once(browser: Any, server: Served) -> None:
    contexts = [browser.new_context(base_url=server.base) for _ in range(2)]
    for c in contexts:
        c.set_default_timeout(120_000)
    one, two = (c.new_page() for c in contexts)
    one.goto("/s/drenthe-2025-2026")
    one.get_by_role("button", name="Wat-als maken").click()
    draft = one.url
    two.goto(draft)  # the second laptop opens the same what-if
    form = one.locator("fieldset", has_text="Locatie sluiten")
    form.get_by_label("Locatie").select_option("BO-AMV")
    form.get_by_role("button", name="Toevoegen").click()
    stale = two.locator("fieldset", has_text="Locatie groter of kleiner")
    stale.get_by_label("Locatie").select_option("ASN-AZC")
    stale.get_by_label("Plaatsen").fill("700")
    stale.get_by_role("button", name="Toevoegen").click()
    assert "Iemand anders heeft deze wat-als intussen gewijzigd" in two.locator(".notice").first.inner_text()
    assert "BO-AMV" in two.locator("#change-list").inner_text()  # the other's edit is kept
    assert "places = 700" in two.locator("#pending-change").inner_text()  # and this one's, with the choice
    two.get_by_role("button", name="Mijn wijziging toepassen op deze versie").click()
    both = two.locator("#change-list").inner_text()
    assert "BO-AMV" in both
    assert "places = 700" in both  # nothing lost
    one.get_by_role("link", name="Doorrekenen").click()
    two.get_by_role("link", name="Doorrekenen").click()
    assert one.locator("#digest").inner_text() == two.locator("#digest").inner_text()
    assert one.locator("#closure").inner_text() == two.locator("#closure").inner_text()
    one.context.close()
    two.context.close()


def test_keyboard_only(page: Any) -> None:
    page.goto("/s/drenthe-2025-2026")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the skip link lands in main: the first control there is the what-if button
    active = page.evaluate("document.activeElement.id")
    assert active == "new-whatif"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/d/"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Wat-als:")


def test_national_progress_by_script_and_cancel(browser: Any, national: Served) -> None:
    context = browser.new_context(base_url=national.base)
    context.set_default_timeout(120_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto("/s/nederland-2025-2026")
    progress = tab.locator("#progress")
    first = progress.inner_text()
    tab.evaluate("window.samePage = true")  # gone if the page reloaded itself
    tab.wait_for_function("t => document.getElementById('progress').textContent !== t", arg=first)
    assert tab.evaluate("window.samePage === true")  # the progress came by the script's polling, not a refresh
    assert re.search(r"bezig \(tijdgrens", progress.inner_text())
    tab.get_by_role("button", name="Stoppen").click()
    assert "Gestopt" in tab.locator("h1").inner_text()
    context.close()
    assert errors == []
