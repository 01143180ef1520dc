"""How fast ``planner serve`` answers a Drenthe what-if, measured on the real server.

    python -m benchmarks.bench_serve              # 5 what-ifs; writes benchmarks/results/<date>-serve.md
    python -m benchmarks.bench_serve --repeat 3

The server runs as ``planner serve`` in a subprocess (two workers). Each repeat is a new what-if — the azc Assen
resized to a different number of places, so no answer comes from the cache — planned through the page
(``/d/<id>/result``: the what-if planned in a worker, the differences from its base, the map, the page). The base
is planned once by the worker, as in a meeting (the first page of the run opens it) and kept by its digest. The
**server time** is the server's own ``Server-Timing`` for that request; the round trip as the client saw it is
listed beside it (a what-if not answered within the page's own wait of 3 s counts with its whole wall time).
The **baseline**, measured in the same run and process as the client, is ``planner plan``'s own work for the
same what-if through the Python API (load the changes, build, solve): the ratio says what the page adds on top of
one plan. Target (issue 15): server time ≤ 0,5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from planner import api
from planner.scenario.load import default_scenario

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
TARGET_SECONDS = 0.5
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
REV = re.compile(r'name="rev" value="(\d+)"')


def _start(tmp: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "planner", "serve", str(default_scenario()), "--port", "0",
                             "--save-dir", str(tmp), "--workers", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, cwd=tmp)
    assert proc.stdout is not None
    for line in proc.stdout:
        found = re.search(r"planner serve: (http://\S+)", line)
        if found:
            return proc, found.group(1).rstrip("/")
    raise SystemExit("planner serve did not start")


def _server_ms(response: httpx.Response) -> float:
    found = re.search(r"app;dur=([0-9.]+)", response.headers.get("server-timing", ""))
    assert found, "no Server-Timing header"
    return float(found.group(1))


def measure(repeat: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"server": [], "round_trip": [], "baseline": []}
    base = api.load()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        proc, url = _start(Path(tmp))
        try:
            with httpx.Client(base_url=url, timeout=120) as c:
                page = c.get("/s/drenthe-2025-2026").text  # the base view: loads and warms the server
                token = CSRF.search(page).group(1)  # type: ignore[union-attr]
                for i in range(repeat):
                    places = 900 - 10 * i
                    draft = c.post("/s/drenthe-2025-2026/whatif", data={"csrf": token}).headers["location"]
                    rev = REV.search(c.get(draft).text).group(1)  # type: ignore[union-attr]
                    c.post(f"{draft}/edit", data={"csrf": token, "rev": rev, "kind": "resize", "site": "ASN-AZC",
                                                  "places": str(places)})
                    started = time.perf_counter()
                    got = c.get(f"{draft}/result")
                    waited = 0
                    while got.status_code == 202:  # not answered within the page's wait: ask again, as the page does
                        waited += 1
                        got = c.get(f"{draft}/result")
                    elapsed = time.perf_counter() - started
                    assert got.status_code == 200, got.status_code
                    out["round_trip"].append(elapsed)
                    out["server"].append(elapsed if waited else _server_ms(got) / 1000)
                    started = time.perf_counter()
                    base.with_changes({"sites": [{"id": "ASN-AZC", "places": places}]}).plan()
                    out["baseline"].append(time.perf_counter() - started)
        finally:
            proc.terminate()
            proc.wait(20)
    return out


def _nl(seconds: float) -> str:
    return f"{seconds:.3f}".replace(".", ",")


def report(times: dict[str, list[float]], load: float) -> str:
    med = {k: statistics.median(v) for k, v in times.items()}
    rows = [f"| {k} | {_nl(med[k])} s | {_nl(min(v))}–{_nl(max(v))} s |" for k, v in times.items()]
    ratio = med["server"] / med["baseline"]
    met = "met" if med["server"] <= TARGET_SECONDS else "missed"
    return "\n".join([
        f"# planner serve: a Drenthe what-if ({dt.date.today().isoformat()})",
        "",
        f"Machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}; "
        f"{len(times['server'])} what-ifs (azc Assen resized), each planned afresh (no cached answer; the base is "
        "planned once and kept by the worker). Load average at the "
        f"start: {f'{load:.1f}'.replace('.', ',')} on {os.cpu_count()} CPUs (other work on the machine slows server "
        "and baseline alike).",
        "",
        "| what | median | min–max |",
        "|---|---|---|",
        *rows,
        "",
        f"Server time / baseline (one `planner plan` of the what-if, same run): {ratio:.1f}".replace(".", ","),
        "",
        f"Target: server time ≤ 0,5 s — **{met}** (median {_nl(med['server'])} s).",
        "",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=None, help="result file (default results/<date>-serve.md)")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    text = report(measure(args.repeat), load)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = args.out or RESULTS / f"{dt.date.today().isoformat()}-serve.md"
    out.write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {out}")


if __name__ == "__main__":
    main()
