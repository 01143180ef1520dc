"""Render a report in headless Chromium: a PNG screenshot and the DOM after rendering, plus the console messages.

Used by ``scripts/screenshot.py`` (the screenshots in ``docs/``) and by the browser test. Chromium runs with every
network feature off and a throw-away profile; the report itself loads nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium() -> str | None:
    """The Chromium binary, or None when it is not installed."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass(frozen=True)
class Rendered:
    png: Path
    dom: str
    console: list[str]
    """Console messages of the page (``CONSOLE`` lines Chromium logs with ``--enable-logging=stderr``)."""


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)


def render(html: Path, png: Path, width: int = 1280, height: int = 2400, timeout: float = 60.0) -> Rendered:
    """Screenshot ``html`` into ``png`` and dump its DOM; raises RuntimeError when Chromium is missing or fails."""
    exe = chromium()
    if exe is None:
        raise RuntimeError(f"Chromium is not installed ({CHROMIUM}); install it with 'apt-get install chromium'")
    url = Path(html).resolve().as_uri()
    png = Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="planner-chromium-") as profile:
        base = [exe, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0"]
        shot = _run([*base, f"--screenshot={png}", f"--window-size={width},{height}", url], timeout)
        if shot.returncode != 0 or not png.exists():
            raise RuntimeError(f"chromium screenshot failed ({shot.returncode}): {shot.stderr[-2000:]}")
        dom = _run([*base, "--dump-dom", url], timeout)
        if dom.returncode != 0:
            raise RuntimeError(f"chromium --dump-dom failed ({dom.returncode}): {dom.stderr[-2000:]}")
    console = [line for line in (shot.stderr + dom.stderr).splitlines() if "CONSOLE" in line]
    return Rendered(png, dom.stdout, console)
