"""Safe by default: path tricks find nothing, a cross-site or token-less request is refused, uploads are limited,
text from input is escaped — against the real server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from planner.web.security import MAX_UPLOAD_BYTES, Guard, is_loopback, same_origin, upload_text
from tests.web.conftest import Served, add_edit, csrf_of, new_draft, serving


@pytest.mark.slow  # the real server
@pytest.mark.parametrize("path", [
    "/s/..%2F..%2F..%2Fetc%2Fpasswd",
    "/s/%2Fetc%2Fpasswd",
    "/s/%2E%2E",
    "/s/drenthe-2025-2026%2F..%2F..%2Fpyproject.toml",
    "/static/..%2F..%2Fapp.py",
    "/static/../app.py",
    "/static/%2E%2E/app.py",
    "/s/drenthe-2025-2026/download/..%2F..%2Fetc%2Fpasswd",
    "/d/..%2F..%2Fetc/download/xlsx",
])
def test_path_tricks_find_nothing(server: Served, path: str) -> None:
    with server.client() as c:
        got = c.get(path)
    assert got.status_code == 404
    assert "root:" not in got.text
    assert "import" not in got.text


@pytest.mark.slow  # the real server
def test_a_post_without_the_csrf_token_or_from_another_site_is_refused(server: Served) -> None:
    with server.client() as c:
        token = csrf_of(c.get("/s/drenthe-2025-2026/allocation").text)
        assert c.post("/s/drenthe-2025-2026/whatif", data={}).status_code == 403
        assert c.post("/s/drenthe-2025-2026/whatif", data={"csrf": "guess"}).status_code == 403
        cross = c.post("/s/drenthe-2025-2026/whatif", data={"csrf": token},
                       headers={"origin": "http://evil.example"})
        assert cross.status_code == 403
        fetched = c.post("/s/drenthe-2025-2026/whatif", data={"csrf": token},
                         headers={"sec-fetch-site": "cross-site"})
        assert fetched.status_code == 403
        own = c.post("/s/drenthe-2025-2026/whatif", data={"csrf": token}, headers={"origin": server.base})
        assert own.status_code == 303


@pytest.mark.slow  # the real server
def test_another_host_name_is_refused_on_loopback(server: Served) -> None:
    with server.client() as c:
        assert c.get("/", headers={"host": "evil.example"}).status_code == 421
        assert c.get("/", headers={"host": "localhost"}).status_code == 200


@pytest.mark.slow  # the real server
def test_uploads_have_a_size_and_type_limit(server: Served) -> None:
    with server.client() as c:
        token = csrf_of(c.get("/s/drenthe-2025-2026/allocation").text)
        big = c.post("/s/drenthe-2025-2026/allocation", data={"csrf": token},
                     files={"file": ("big.csv", b"a" * (MAX_UPLOAD_BYTES + 1), "text/csv")})
        assert big.status_code == 413
        exe = c.post("/s/drenthe-2025-2026/allocation", data={"csrf": token},
                     files={"file": ("plan.exe", b"MZ\x90\x00", "application/x-msdownload")})
        assert exe.status_code == 400
        assert "upload a .csv file" in exe.text
        binary = c.post("/s/drenthe-2025-2026/allocation", data={"csrf": token},
                        files={"file": ("x.csv", b"\xff\xfe\x00\x00", "text/csv")})
        assert binary.status_code == 400
        assert "UTF-8" in binary.text


@pytest.mark.slow  # the real server
def test_text_from_input_is_escaped(server: Served) -> None:
    with server.client() as c:
        draft = new_draft(c)
        evil = "<script>alert(1)</script>"
        assert add_edit(c, draft, kind="close", site="BO-AMV", reason=evil).status_code == 303
        page = c.get(draft)
        assert evil not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
        bad = add_edit(c, draft, kind="close", site=evil)
        assert bad.status_code == 400
        assert evil not in bad.text


@pytest.mark.slow  # the real server
def test_another_address_requires_the_token(tmp_path: Path) -> None:
    with serving(tmp_path, "--token") as served:
        assert "?token=" in served.url
        token = served.url.split("?token=")[1]
        with httpx.Client(base_url=served.base, timeout=60) as c:
            assert c.get("/").status_code == 401
            assert c.get("/", params={"token": "wrong"}).status_code == 401
            assert c.get("/", headers={"authorization": f"Bearer {token}"}).status_code == 200
            entered = c.get("/", params={"token": token})
            assert entered.status_code == 303
            assert entered.headers["location"] == "/"
            assert c.get("/").status_code == 200  # the cookie carries it from now on


def test_guard_rules() -> None:
    assert Guard.for_host("127.0.0.1").token is None
    assert Guard.for_host("0.0.0.0").token is not None  # any other address: a token, always
    assert Guard.for_host("192.168.1.5", token=False).token is not None
    assert Guard.for_host("::1").token is None
    assert is_loopback("localhost")
    assert not is_loopback("10.0.0.1")
    g = Guard.for_host("127.0.0.1")
    assert g.host_ok("127.0.0.1:8765")
    assert g.host_ok("[::1]:80")
    assert not g.host_ok("evil.example:8765")
    assert not same_origin("http://evil.example", None, "127.0.0.1:1", "http")
    assert same_origin("http://127.0.0.1:1", "same-origin", "127.0.0.1:1", "http")
    with pytest.raises(ValueError, match="csv"):
        upload_text(b"a,b\n", "x.txt", "text/plain")
    assert upload_text("\ufeffcode;places\n".encode(), "a.CSV", "text/csv; charset=utf-8") == "code;places\n"


def test_planner_help_does_not_import_the_web_stack() -> None:
    code = ("import sys, planner.cli.app; heavy = [m for m in ('starlette', 'uvicorn', 'multipart', 'planner.web') "
            "if m in sys.modules]; assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True)
