"""A national solve through the page: the progress page (elapsed against the time limit, refreshing itself) and
a Stop button that ends the worker; the page asked again starts afresh."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.web.conftest import Served, csrf_of

pytestmark = [pytest.mark.slow,  # loads the national scenario
              pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads child processes from /proc")]


def _children(pid: int) -> set[int]:
    """The live child processes of ``pid`` (Linux /proc)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.add(int(stat.parent.name))
    return out


def _workers(pid: int) -> set[int]:
    """The server's worker processes: the children of its forkserver (the server's own children are the
    forkserver and multiprocessing's resource tracker)."""
    return {w for child in _children(pid) for w in _children(child)}


def test_a_national_solve_shows_progress_and_can_be_cancelled(national: Served) -> None:
    with national.client() as c:
        waiting = c.get("/s/nederland-2025-2026")
        assert waiting.status_code == 202, waiting.text[:500]  # still solving after the page's short wait
        assert '<noscript><meta http-equiv="refresh" content="1"></noscript>' in waiting.text  # without JavaScript
        assert re.search(r"bezig \(tijdgrens [0-9]+,[0-9] s\)", waiting.text)  # Dutch decimals
        job = re.search(r'action="/jobs/([^/]+)/cancel"', waiting.text)
        assert job
        assert '<script src="/static/progress.js" defer></script>' in waiting.text
        status = c.get(f"/jobs/{job.group(1)}/status").json()  # what the page's script asks for
        assert status["state"] == "running"
        assert status["elapsed"] > 0
        shown = re.search(r"tijdgrens ([0-9]+,[0-9]) s", waiting.text).group(1)  # type: ignore[union-attr]
        assert status["time_limit"] == pytest.approx(float(shown.replace(",", ".")))
        assert "bezig" in status["text"]
        same = c.get("/s/nederland-2025-2026")  # asked again (the refresh): the same job, not a second solve
        assert f"/jobs/{job.group(1)}/cancel" in same.text
        workers = _workers(national.process.pid)
        assert len(workers) == 2  # the solve runs in one of the two worker processes (--workers 2)
        stopped = c.post(f"/jobs/{job.group(1)}/cancel", data={"csrf": csrf_of(waiting.text),
                                                               "back": "/s/nederland-2025-2026"})
        left = _workers(national.process.pid)
        assert len(left) == 1  # the solving worker is ended, not left solving; the idle one stays
        assert left < workers
        assert stopped.status_code == 200
        assert "Gestopt" in stopped.text
        assert c.get(f"/jobs/{job.group(1)}/status").json()["state"] == "cancelled"
        assert 'href="/s/nederland-2025-2026"' in stopped.text
        again = c.get("/s/nederland-2025-2026")
        assert f"/jobs/{job.group(1)}/cancel" not in again.text  # a new job
        new = re.search(r'action="/jobs/([^/]+)/cancel"', again.text)
        assert new
        c.post(f"/jobs/{new.group(1)}/cancel", data={"csrf": csrf_of(again.text), "back": "/"})  # leave none solving
        assert len(_workers(national.process.pid)) == 0  # the one worker left solved and was ended


def test_a_cancel_back_address_stays_on_this_server(national: Served, tmp_path: Path) -> None:
    with national.client() as c:
        token = csrf_of(c.get("/s/nederland-2025-2026/allocation").text)
        page = c.post("/jobs/unknown/cancel", data={"csrf": token, "back": "//evil.example/"})
        assert page.status_code == 404
