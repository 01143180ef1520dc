"""Helpers shared by the scenario, rules and CLI tests: where the bundled data is, and small what-if files."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DRENTHE = REPO / "scenarios" / "drenthe-2025-2026"
NEDERLAND = REPO / "scenarios" / "nederland-2025-2026"
CORPUS = REPO / "tests" / "corpus"
DRENTHE_FILES = ("scenario.toml", "municipalities.csv", "offers.csv", "sites.csv")


def copy_drenthe(dest: Path) -> Path:
    """A private copy of the bundled Drenthe scenario in ``dest`` (created); returns ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in DRENTHE_FILES:
        shutil.copyfile(DRENTHE / name, dest / name)
    return dest


def whatif(folder: Path, body: str, *, name: str = "what-if", extends: str = "bundled:drenthe-2025-2026",
           file: str = "whatif.toml", top: str = "") -> Path:
    """Write a what-if TOML (``top``: top-level keys, ``body``: sections) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file
    path.write_text(f'{top}\n[scenario]\nname = "{name}"\nextends = "{extends}"\n\n{body}\n', encoding="utf-8")
    return path


def csv_line(path: Path, **match: str) -> int:
    """The line (header = 1) of the first CSV row whose columns equal ``match``."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    header = rows[0]
    for line, row in enumerate(rows[1:], 2):
        if all(row[header.index(k)] == v for k, v in match.items()):
            return line
    raise LookupError(f"no row {match} in {path}")


def toml_header_line(path: Path, header: str, index: int = 0) -> int:
    """The line of the ``index``-th occurrence of a TOML header such as ``[[stated_totals]]``."""
    hits = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip() == header]
    return hits[index]
