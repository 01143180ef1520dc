"""Install anywhere: build the wheel, install it into a fresh virtualenv and run every README journey from an empty
folder, as a newcomer would. ``.ci/run`` runs this before the tests; run it locally the same way:

    python -m scripts.wheel_check                 # build, install (pip, from the index or its cache), check
    python -m scripts.wheel_check --national      # also the national plan (--solver auto; 1–2 minutes)
    python -m scripts.wheel_check --planner BIN   # check an installed ``planner`` (no build), e.g. .venv/bin/planner

What it runs, each as a real process of the installed ``planner`` in a new empty folder (so nothing can come from
the repository):

- every ``$ planner …`` example of the README as printed (plus ``--wide``), its output checked line by line against
  what the README shows (:mod:`scripts.readme_examples`, the same check as ``tests/test_readme.py``);
- ``plan --out`` then ``spuk --plan``: the SPUK euros of the two commands agree, and are the report's € 4.749.686;
- ``quota``: Drenthe's tasks sum to the report's 2.462 regular + 229 AMV = 2.691; ``validate``: valid, the 13
  warnings the README names; ``schema``, ``report --html``, ``--version``;
- ``verdeelbesluit`` then ``check-allocation`` on its own allocation: the same verdict and the same violations;
- ``template --xlsx`` then ``import-xlsx --out`` then ``plan``: the same scenario digest and the same plan;
- the installed distribution's licence: ``License-Expression: EUPL-1.2`` and the ``LICENSE`` text;
- ``planner serve`` on a free port: its page (the bundled scenarios and their what-ifs) and its stylesheet (from
  the package) fetched from 127.0.0.1, then the server stopped with Ctrl-C.

Exit 0 when everything holds, 1 with every failure listed. It never reads ``../shared`` or the network (pip aside).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scripts.readme_examples import check, runnable_examples

ROOT = Path(__file__).resolve().parents[1]
ENV = {"NO_COLOR": "1", "COLUMNS": "160"}

REPORT_SPUK_EUROS = 4_749_686
"""Drenthe's SPUK for the municipalities together, from the provincial report (Bijlage 2), not from the planner."""
REPORT_TASKS = (2462, 229)
"""Drenthe's regular and AMV task, from the report (Bijlage 1: 2.691 in total)."""
REPORT_WARNINGS = 13
"""The report's own inconsistencies that ``planner validate`` warns about (README, "Tasks, SPUK, validation")."""


@dataclass
class Check:
    """Runs the installed ``planner`` in ``folder`` and collects what went wrong (never stops at the first)."""

    planner: Path
    folder: Path
    failures: list[str] = field(default_factory=list)

    def run(self, *args: str, ok: tuple[int, ...] = (0,), timeout: float = 600) -> subprocess.CompletedProcess[str]:
        """``planner ARGS`` in the folder; an exit code outside ``ok`` is a failure (with its stderr)."""
        proc = subprocess.run([str(self.planner), *args], cwd=self.folder, capture_output=True, text=True,
                              timeout=timeout, env={**os.environ, **ENV}, check=False)
        if proc.returncode not in ok:
            self.fail(f"planner {' '.join(args)}: exit {proc.returncode}, expected {ok}\n{proc.stderr[-2000:]}")
        return proc

    def json(self, *args: str, ok: tuple[int, ...] = (0,)) -> dict[str, object]:
        proc = self.run(*args, "--format", "json", ok=ok)
        try:
            data = json.loads(proc.stdout)
        except json.JSONDecodeError:
            self.fail(f"planner {' '.join(args)} --format json: no JSON on stdout")
            return {}
        return data if isinstance(data, dict) else {}

    def fail(self, message: str) -> None:
        self.failures.append(message)
        print(f"FAIL {message}", file=sys.stderr, flush=True)

    def expect(self, what: str, got: object, wanted: object) -> None:
        if got != wanted:
            self.fail(f"{what}: got {got!r}, expected {wanted!r}")


def readme_journeys(c: Check) -> None:
    """Every README example that runs as printed, from the empty folder, checked against what the README shows."""
    for example in runnable_examples():
        proc = c.run(*example.argv, "--wide", ok=(0, 1))
        for missing in check(example, proc.stdout):
            c.fail(f"{example.command}: {missing}")


def plan_and_spuk(c: Check) -> None:
    plan = c.json("plan", "--out", "plan")
    c.expect("plan status", plan.get("status"), "optimal")
    if not (c.folder / "plan" / "manifest.json").is_file():
        c.fail("plan --out plan: no plan/manifest.json")
    spuk = c.json("spuk", "--plan", "plan")
    planned = plan.get("spuk")
    planned_total = planned.get("municipalities_total") if isinstance(planned, dict) else None
    c.expect("spuk --plan: municipalities' SPUK", spuk.get("municipalities_total"), REPORT_SPUK_EUROS)
    c.expect("plan's SPUK and spuk --plan's", planned_total, spuk.get("municipalities_total"))


def tasks_and_validation(c: Check) -> None:
    total = c.json("quota").get("total")
    tasks = (total.get("task_regular"), total.get("task_amv")) if isinstance(total, dict) else None
    c.expect("quota: Drenthe's regular and AMV task", tasks, REPORT_TASKS)
    valid = c.json("validate")
    c.expect("validate: valid, errors, warnings", (valid.get("valid"), valid.get("errors"), valid.get("warnings")),
             (True, 0, REPORT_WARNINGS))
    c.run("schema")
    c.run("report", "--html", "report.html")
    if not (c.folder / "report.html").is_file():
        c.fail("report --html report.html wrote no file")
    c.run("--version")


def verdeelbesluit_and_allocation(c: Check) -> list[tuple[object, ...]]:
    """The verdeelbesluit's own allocation, checked by ``check-allocation``: both give the same verdict. Returns
    check-allocation's violations as (code, category, period, check, places, limit, excess)."""
    decided = c.json("verdeelbesluit", ok=(0, 1))
    rows = decided.get("allocation")
    if not isinstance(rows, list) or not rows:
        c.fail("verdeelbesluit --format json: no allocation")
        return []
    with (c.folder / "allocation.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=["code", "category", "places", "period", "restopgave"])
        writer.writeheader()
        writer.writerows(rows)
    checked = c.json("check-allocation", "--allocation", "allocation.csv", ok=(0, 1))
    c.expect("verdeelbesluit and check-allocation: feasible", checked.get("feasible"), decided.get("feasible"))
    c.expect("verdeelbesluit and check-allocation: violations", _violations(checked), _violations(decided))
    return _violations(checked)


def _violations(answer: dict[str, object]) -> list[tuple[object, ...]]:
    rows = answer.get("violations")
    keys = ("code", "category", "period", "check", "places", "limit", "excess")
    return sorted(tuple(r.get(k) for k in keys) for r in rows if isinstance(r, dict)) if isinstance(rows, list) else []


def workbook_round_trip(c: Check) -> None:
    """The bundled scenario out to a workbook and back in: the same scenario (digest) and the same plan."""
    c.run("template", "--from", "bundled:drenthe-2025-2026", "--xlsx", "in.xlsx")
    c.run("import-xlsx", "in.xlsx", "--out", "imported")
    back = c.json("plan", "imported")
    base = c.json("plan")
    for key in ("scenario_digest", "municipalities", "sites", "spuk"):
        if back.get(key) != base.get(key) or key not in base:
            c.fail(f"template → import-xlsx → plan: {key} differs from the bundled scenario's plan")


def free_port() -> int:
    """A port nothing listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(c: Check, *scenarios: str, startup: float = 120) -> str:
    """``planner serve [SCENARIOS]`` on a free port: the address it prints answers with the scenario page (returned)
    and the stylesheet; Ctrl-C stops it."""
    port = free_port()
    index = ""
    proc = subprocess.Popen([str(c.planner), "serve", *scenarios, "--port", str(port), "--save-dir", "saved"],
                            cwd=c.folder,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **ENV})
    try:
        address = _address(proc, startup)
        if address is None:
            c.fail(f"planner serve printed no address within {startup:.0f} s")
            return index
        c.expect("planner serve's address", address, f"http://127.0.0.1:{port}/")
        for path, wanted in (("", '<a href="/s/drenthe-2025-2026-assen-verlengd">'), ("static/serve.css", "{")):
            with urllib.request.urlopen(address + path, timeout=60) as page:  # our own server on 127.0.0.1
                c.expect(f"planner serve /{path}: status", page.status, 200)
                text = page.read().decode("utf-8")
                index = index or text
                if wanted not in text:
                    c.fail(f"planner serve /{path} lacks {wanted!r}")
    except OSError as exc:
        c.fail(f"planner serve's page: {exc}")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            rc = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            c.fail("planner serve did not stop within 30 s of Ctrl-C")
        else:
            if rc not in (0, 130):
                said = proc.stderr.read()[-2000:] if proc.stderr else ""
                c.fail(f"planner serve ended with exit {rc} after Ctrl-C: {said}")
    return index


def _address(proc: subprocess.Popen[str], within: float) -> str | None:
    """The ``planner serve: http://…`` address from the server's first lines (None if it ends or takes too long)."""
    assert proc.stdout is not None
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            return None
        found = re.match(r"planner serve: (http://\S+)", line)
        if found:
            return found.group(1)
    return None


def national(c: Check) -> None:
    """The national plan (342 municipalities) with ``--solver auto``: every goal proven; its time is printed."""
    started = time.monotonic()
    plan = c.json("plan", "bundled:nederland-2025-2026", "--solver", "auto")
    c.expect("national plan status", plan.get("status"), "optimal")
    print(f"wheel check: the national plan took {time.monotonic() - started:.1f} s (solver {plan.get('seconds')} s)",
          flush=True)


def licence(c: Check) -> None:
    """The installed distribution declares its licence (``License-Expression: EUPL-1.2``) and carries its text."""
    python = c.planner.parent / "python"
    code = ("import importlib.metadata as m; d = m.distribution('spreidingsplanner'); "
            "print(d.metadata['License-Expression']); "
            "print(next((f.read_text(encoding='utf-8').splitlines()[0] for f in d.files or () "
            "if f.name == 'LICENSE'), 'no LICENSE'))")
    proc = subprocess.run([str(python), "-c", code], cwd=c.folder, capture_output=True, text=True, timeout=60,
                          check=False)
    c.expect("licence of the installed wheel", proc.stdout.splitlines(),
             ["EUPL-1.2", "EUROPEAN UNION PUBLIC LICENCE v. 1.2"])


STEPS: dict[str, Callable[[Check], object]] = {
    "readme": readme_journeys,
    "licence": licence,
    "plan+spuk": plan_and_spuk,
    "quota+validate": tasks_and_validation,
    "verdeelbesluit+check-allocation": verdeelbesluit_and_allocation,
    "template+import-xlsx": workbook_round_trip,
    "serve": serve,
}
COVERED = {"plan", "spuk", "quota", "validate", "schema", "report", "verdeelbesluit", "check-allocation", "template",
           "import-xlsx", "serve"}
"""Commands the steps run besides the README's examples (a test checks that together they are every command)."""


def build_and_install(work: Path) -> Path:
    """Build the wheel from the repository and install it with its dependencies into a new virtualenv in ``work``;
    returns the installed ``planner``."""
    dist = work / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(ROOT)], check=True)
    wheel = next(dist.glob("spreidingsplanner-*.whl"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True)
    return venv / "bin" / "planner"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.wheel_check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--planner", type=Path, help="an installed planner to check (default: build and install "
                        "the wheel into a new virtualenv)")
    parser.add_argument("--national", action="store_true", help="also plan the national scenario (1–2 minutes)")
    parser.add_argument("--only", choices=sorted(STEPS), action="append", help="run only this step (repeatable)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wheel-check-") as tmp:
        work = Path(tmp)
        planner = args.planner.resolve() if args.planner else build_and_install(work)
        folder = work / "elsewhere"  # empty, outside the repository
        folder.mkdir()
        c = Check(planner, folder)
        steps = {name: STEPS[name] for name in args.only} if args.only else dict(STEPS)
        if args.national:
            steps["national"] = national
        for name, step in steps.items():
            started = time.monotonic()
            step(c)
            print(f"wheel check: {name} {time.monotonic() - started:.1f} s", flush=True)
    if c.failures:
        print(f"wheel check: {len(c.failures)} failure(s)", file=sys.stderr)
        return 1
    print(f"wheel check: every journey ran from {folder.name}/ with {planner}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
