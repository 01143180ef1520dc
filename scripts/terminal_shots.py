"""Make the terminal screenshots in docs/: the planner's answers at 100 columns, in Dutch and in English.

    python scripts/terminal_shots.py        # writes docs/terminal-*.svg

Each command runs as a real process (``python -m planner …``) with ``COLUMNS=100`` and colours forced on; its output
is recorded by rich (``Console(record=True, width=100)``) and exported as SVG. The plan's solve times differ from run
to run, so the pictures do too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

ROOT = Path(__file__).resolve().parents[1]
WIDTH = 100
SHOTS = {
    "terminal-plan-nl": ["plan"],
    "terminal-plan-en": ["plan", "--lang", "en"],
    "terminal-check-duty-nl": ["check-duty", "-m", "Hoogeveen", "--site", "HGV-AZC", "--places", "700"],
    "terminal-check-duty-en": ["check-duty", "-m", "Hoogeveen", "--site", "HGV-AZC", "--places", "700", "--lang",
                               "en"],
    "terminal-validate-nl": ["validate"],
    "terminal-validate-en": ["validate", "--lang", "en"],
    "terminal-bad-csv-nl": ["validate", "tests/corpus/cases/csv-renamed-column"],
    "terminal-bad-csv-en": ["validate", "tests/corpus/cases/csv-renamed-column", "--lang", "en"],
}


def run(args: list[str]) -> str:
    """The command's terminal output (stdout and stderr, as a terminal shows both) with its colours."""
    env = {**os.environ, "COLUMNS": str(WIDTH), "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    proc = subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True, env=env,
                          timeout=600, check=False, cwd=ROOT)
    if proc.returncode not in (0, 1, 2):  # 2: the shots of bad input
        raise SystemExit(f"planner {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc.stderr + proc.stdout


def shot(name: str, args: list[str], folder: Path) -> Path:
    console = Console(record=True, width=WIDTH, file=open(os.devnull, "w"), force_terminal=True)  # noqa: SIM115
    console.print(Text.from_ansi(run(args)), soft_wrap=True)
    path = folder / f"{name}.svg"
    path.write_text(console.export_svg(title="planner " + " ".join(args)), encoding="utf-8")
    return path


def main(folder: Path = ROOT / "docs") -> int:
    for name, args in SHOTS.items():
        path = shot(name, args, folder)
        print(f"{path}: {path.stat().st_size // 1024} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"))
