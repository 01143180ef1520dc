"""A real ``planner serve`` in a subprocess on a free port, and a small client for its pages."""

from __future__ import annotations

import contextlib
import html
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from planner.scenario.load import default_scenario

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
ADDRESS = re.compile(r"planner serve: (http://\S+)")


@dataclass
class Served:
    """A running server: its address (with the token when it prints one), its save folder and process."""

    url: str
    save_dir: Path
    process: subprocess.Popen[str]

    @property
    def base(self) -> str:
        return self.url.split("?")[0].rstrip("/")

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=120.0, follow_redirects=False)


def start_server(tmp: Path, *args: str, scenarios: tuple[str, ...] | None = None) -> Served:
    """``planner serve`` on a free port (``--port 0``); waits for the address it prints."""
    save_dir = tmp / "saved"
    paths = scenarios if scenarios is not None else (str(default_scenario()),)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "planner", "serve", *paths, "--port", "0", "--save-dir",
                             str(save_dir), "--workers", "2", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp)
    assert proc.stdout is not None
    deadline = time.monotonic() + 120
    seen = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        found = ADDRESS.search(line)
        if found:
            # keep reading what the server prints (a full pipe would block it) into a file next to the save dir
            log = tmp / "server.log"
            threading.Thread(target=_drain, args=(proc, log), daemon=True).start()
            return Served(found.group(1), save_dir, proc)
    proc.kill()
    raise AssertionError("planner serve did not print its address:\n" + "".join(seen))


def _drain(proc: subprocess.Popen[str], log: Path) -> None:
    assert proc.stdout is not None
    with log.open("w", encoding="utf-8") as out:
        for line in proc.stdout:
            out.write(line)
            out.flush()


def stop_server(served: Served) -> None:
    served.process.send_signal(signal.SIGINT)
    try:
        served.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait()


@contextlib.contextmanager
def serving(tmp: Path, *args: str, scenarios: tuple[str, ...] | None = None) -> Iterator[Served]:
    """:func:`start_server` … :func:`stop_server` (every test and fixture starts its server this way)."""
    served = start_server(tmp, *args, scenarios=scenarios)
    try:
        yield served
    finally:
        stop_server(served)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The server on the bundled Drenthe scenario (and its what-ifs)."""
    with serving(tmp_path_factory.mktemp("serve")) as served:
        yield served


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The server on the bundled national scenario (a solve of about a minute: progress and cancel)."""
    from planner.scenario.load import bundled_dir

    with serving(tmp_path_factory.mktemp("national"), scenarios=(str(bundled_dir() / "nederland-2025-2026"),)) as s:
        yield s


BROKEN_WHATIF = """[scenario]
extends = "../scenario.toml"
name = "Kapot"

[[changes.sites]]
id = "ASN-AZC"
places = -5
"""
"""A what-if with one error: ``kapot.toml`` row 7, field ``changes.sites[0].places``."""


@dataclass
class Copied(Served):
    folder: Path
    """The copy of the Drenthe scenario folder the server offers (id ``drenthe``; the broken what-if is
    ``drenthe-kapot``)."""


@pytest.fixture(scope="session")
def copied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Copied]:
    """The server on a copy of the Drenthe folder, whose what-if/ folder also holds :data:`BROKEN_WHATIF`."""
    import shutil

    tmp = tmp_path_factory.mktemp("copied")
    folder = tmp / "drenthe"
    shutil.copytree(default_scenario(), folder)
    (folder / "what-if" / "kapot.toml").write_text(BROKEN_WHATIF, encoding="utf-8")
    with serving(tmp, scenarios=(str(folder),)) as served:
        yield Copied(served.url, served.save_dir, served.process, folder)


def csrf_of(page: str) -> str:
    found = CSRF.search(page)
    assert found, "no CSRF field on the page"
    return found.group(1)


def number(text: str) -> int:
    """A Dutch number on the page as an int: ``3.714`` → 3714, ``+1.000`` → 1000, ``−31`` → -31."""
    text = html.unescape(text).strip().replace(".", "").replace("€", "").replace(" ", "")
    sign = -1 if text[:1] in ("−", "-") else 1
    return sign * int(text.lstrip("+−-±"))


def cells(page: str, row_attrs: str, key: str) -> int:
    """The number in the cell ``data-key=key`` of the row whose opening tag contains ``row_attrs``."""
    row = re.search(rf"<tr [^>]*{row_attrs}[^>]*>(.*?)</tr>", page, re.S)
    assert row, f"no row {row_attrs}"
    cell = re.search(rf'data-key="{key}">([^<]*)<', row.group(1))
    assert cell, f"no cell {key} in row {row_attrs}"
    return number(cell.group(1))


def new_draft(client: httpx.Client, sid: str = "drenthe-2025-2026") -> str:
    """Open the scenario, start a what-if; returns the draft's address."""
    page = answer(client, f"/s/{sid}")
    assert page.status_code == 200, page.text[:500]
    made = client.post(f"/s/{sid}/whatif", data={"csrf": csrf_of(page.text)})
    assert made.status_code == 303
    return str(made.headers["location"])


def add_edit(client: httpx.Client, draft: str, **fields: str) -> httpx.Response:
    page = client.get(draft).text
    rev = re.search(r'name="rev" value="(\d+)"', page)
    assert rev
    return client.post(f"{draft}/edit", data={"csrf": csrf_of(page), "rev": rev.group(1), **fields})


def answer(client: httpx.Client, path: str, timeout: float = 180.0) -> httpx.Response:
    """GET a page that waits for a solve, as the browser does: while the progress page (202) comes back, ask
    again (the page's own refresh) until the answer is there."""
    deadline = time.monotonic() + timeout
    while True:
        got = client.get(path)
        if got.status_code != 202 or time.monotonic() > deadline:
            return got
        time.sleep(0.5)
