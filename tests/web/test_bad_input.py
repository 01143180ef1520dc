"""Bad input on every route of the real server gets the clear domain message — file, row and field where there are
some — and a 4xx: never a 500, never a traceback. The scenario with errors is a what-if in the served folder's
what-if/ folder (:data:`tests.web.conftest.BROKEN_WHATIF`: ``places = -5`` on row 7 of ``kapot.toml``); the server
starts all the same and every route about it lists that problem."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.web.conftest import Copied, answer, csrf_of

pytestmark = pytest.mark.slow  # the real server

BROKEN = "drenthe-kapot"
WHERE = "kapot.toml:7 [changes.sites[0].places]"
"""The broken what-if's one error: file, row and field, as the page prints it."""
DATA = Path(__file__).parents[1] / "data" / "allocations"


def _refused(got: httpx.Response, status: int = 422) -> str:
    assert got.status_code == status, (got.status_code, got.text[:1500])
    assert "Traceback" not in got.text
    assert "De berekening is mislukt" not in got.text
    return got.text


@pytest.mark.parametrize("path", [
    f"/s/{BROKEN}",
    f"/s/{BROKEN}/verdeelbesluit",
    f"/s/{BROKEN}/verdeelbesluit?download=csv",
    f"/s/{BROKEN}/duty?code=GM0106",
    f"/s/{BROKEN}/allocation",
    f"/s/{BROKEN}/download/xlsx",
    f"/compare?s=drenthe&s={BROKEN}",
    f"/compare?s=drenthe&s={BROKEN}&download=csv",
])
def test_a_scenario_with_errors_gives_its_problems_on_every_route(copied: Copied, path: str) -> None:
    with copied.client() as c:
        page = _refused(answer(c, path))
    assert WHERE in page
    assert "moet groter dan of gelijk aan 0 zijn: -5" in page  # in the page's language (Dutch)


def test_posts_about_a_scenario_with_errors_give_its_problems(copied: Copied) -> None:
    with copied.client() as c:
        token = csrf_of(c.get("/s/drenthe/allocation").text)
        made = _refused(c.post(f"/s/{BROKEN}/whatif", data={"csrf": token}))
        assert WHERE in made
        upload = c.post(f"/s/{BROKEN}/allocation", data={"csrf": token},
                        files={"file": ("a.csv", (DATA / "drenthe-feasible.csv").read_bytes(), "text/csv")})
        assert WHERE in _refused(upload)


def test_duty_check_with_bad_input_answers_on_its_form(copied: Copied) -> None:
    with copied.client() as c:
        unknown = _refused(answer(c, "/s/drenthe/duty?code=GM9999"))
        assert "geen gemeente &#39;GM9999&#39; in Drenthe 2025–2026" in unknown  # the page's language (issue 14)
        assert 'id="duty-code"' in unknown  # the form again, to correct it
        other = _refused(answer(c, "/s/drenthe/duty?code=GM1681&site=ASN-AZC&places=10"))
        assert "locatie ASN-AZC ligt in GM0106, niet in de gecontroleerde gemeente (GM1681)" in other
        negative = _refused(answer(c, "/s/drenthe/duty?code=GM0106&site=ASN-AZC&places=-5"), 400)
        assert "Plaatsen: &#39;-5&#39; is geen geheel getal van 0 of meer." in negative
        words = _refused(answer(c, "/s/drenthe/duty?code=GM0106&offer=veel"), 400)
        assert "veel" in words
        assert 'id="duty-code"' in words


def test_allocation_upload_that_cannot_be_checked_lists_row_and_field(copied: Copied) -> None:
    with copied.client() as c:
        token = csrf_of(c.get("/s/drenthe/allocation").text)
        bad = c.post("/s/drenthe/allocation", data={"csrf": token},
                     files={"file": ("drenthe-bad.csv", (DATA / "drenthe-bad.csv").read_bytes(), "text/csv")})
        page = _refused(bad)
        assert "Het bestand kan niet worden gecontroleerd" in page
        assert "<th scope=\"row\"><code>allocation.csv</code></th>" in page  # the upload's name, never a server path
        not_csv = c.post("/s/drenthe/allocation", data={"csrf": token},
                         files={"file": ("plan.xlsx", b"PK\x03\x04", "application/zip")})
        assert "upload a .csv file" in _refused(not_csv, 400)


def test_other_bad_requests_are_4xx(copied: Copied) -> None:
    with copied.client() as c:
        assert _refused(c.get("/compare?s=drenthe"), 400)
        assert _refused(c.get("/compare?s=drenthe&s=geen-scenario"), 404)
        assert _refused(c.get("/compare?s=drenthe&s=drenthe&download=exe"), 404)
        assert _refused(c.get("/s/drenthe/download/exe"), 404)
        assert _refused(c.get("/d/geen-wat-als"), 404)
        assert _refused(c.get("/d/geen-wat-als/result"), 404)
        assert _refused(c.get("/s/geen-scenario/verdeelbesluit"), 404)
