"""Every page of ``planner serve`` in one language: rendered in Dutch and in English, none shows a word of the other
(issue 14's "one language per output", for the page too). Text from the input — scenario, site and municipality
names, descriptions, remarks, the TOML a what-if saves — may be in any language and is left out first."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from planner import api
from planner.scenario.load import bundled_dir
from tests.cli.test_one_language import DUTCH, ENGLISH_WORDS, SOURCES, found
from tests.web.conftest import Served, add_edit, answer, csrf_of, new_draft

pytestmark = pytest.mark.slow  # the real server and real solves

DATA_DIR = Path(__file__).parents[1] / "data" / "allocations"


def _data_texts() -> tuple[str, ...]:
    """Every text of the served scenarios' input: names, descriptions, remarks and sources."""
    folder = bundled_dir() / "drenthe-2025-2026"
    out: set[str] = set(SOURCES)  # the sources of the stated totals, quoted in the loading checks
    for path in [folder, *sorted((folder / "what-if").glob("*.toml"))]:
        s = api.load(path).resolved
        meta = s.settings.scenario
        out.update(t for t in (s.name, meta.description) if t)
        out.update(t for site in s.sites for t in (site.name, site.remarks, site.id) if t)
        out.update(m.name for m in s.municipalities)
    return tuple(sorted(out, key=len, reverse=True))  # longest first: a name inside a description goes with it


def _text(page: str) -> str:
    """What a reader sees, in words: no tags, no scripts, no code — the TOML of the file to save, its keys in the
    change list, the files and fields of the checks (identifiers of the file format, the same in both languages)."""
    page = re.sub(r"<(pre|script|style|title|code)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


def _pages(c: httpx.Client, lang: str) -> dict[str, str]:
    sid = "drenthe-2025-2026"
    got = {path: answer(c, f"{path}?lang={lang}") for path in (
        "/", f"/s/{sid}", f"/s/{sid}/duty", f"/s/{sid}/allocation", f"/s/{sid}/verdeelbesluit",
        f"/compare?s={sid}&s={sid}-assen-verlengd&s={sid}-landelijke-behoefte-102000", "/geen-pagina")}
    got["/duty?code"] = answer(c, f"/s/{sid}/duty?code=GM1681&site=BO-AMV&places=10&lang={lang}")
    draft = new_draft(c, sid)
    assert add_edit(c, draft, kind="resize", site="ASN-AZC", places="600").status_code == 303
    got["editor"] = c.get(draft)
    got["result"] = answer(c, f"{draft}/result")
    infeasible = new_draft(c, sid)
    assert add_edit(c, infeasible, kind="need", national_need="102000", by_key="1").status_code == 303
    got["explained"] = answer(c, f"{infeasible}/result")
    token = csrf_of(got["editor"].text)
    got["upload"] = c.post(f"/s/{sid}/allocation", data={"csrf": token}, files={
        "file": ("a.csv", (DATA_DIR / "drenthe-infeasible.csv").read_bytes(), "text/csv")})
    got["saved"] = c.post(f"{draft}/save", data={"csrf": token, "file": f"taal-{lang}"})
    got["conflict"] = c.post(f"{draft}/save", data={"csrf": token, "file": f"taal-{lang}"})
    for key, r in got.items():
        assert r.status_code in (200, 404, 409), (key, r.status_code, r.text[:500])
    return {key: r.text for key, r in got.items()}


@pytest.mark.parametrize(("lang", "words"), [("nl", ENGLISH_WORDS), ("en", DUTCH)])
def test_every_page_in_one_language(server: Served, lang: str, words: tuple[str, ...]) -> None:
    data = _data_texts()
    with server.client() as c:
        pages = _pages(c, lang)
    strip: Callable[[str], str] = _text
    wrong = {key: found(words, strip(page), data) for key, page in pages.items()}
    assert {k: v for k, v in wrong.items() if v} == {}
    assert all(f'<html lang="{lang}">' in page for page in pages.values())
