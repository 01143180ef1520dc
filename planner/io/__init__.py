"""The one place the planner writes files.

- :mod:`planner.io.atomic`: a file is written whole or not at all (temporary file + rename); OS errors become
  :class:`OutputFailed` (exit 74) with the old file intact.
- :mod:`planner.io.plan_folder`: a plan folder is written as one unit with a manifest of SHA-256 hashes, swapped in
  with one rename, and read back only when every file matches the manifest.
- :mod:`planner.io.targets`: output paths are checked before anything is computed — the right extension, never a
  file the scenario reads, a plan folder only where there is nothing else to lose.
- :mod:`planner.io.csvtext`: CSV whose formula-like text is neutralised for spreadsheets.
"""

from planner.io.atomic import atomic_open, write_bytes, write_text
from planner.io.csvtext import read_csv, safe_cell, to_csv
from planner.io.errors import NotAPlanFolder, OutputFailed, OutputRefused

__all__ = [
    "NotAPlanFolder",
    "OutputFailed",
    "OutputRefused",
    "atomic_open",
    "read_csv",
    "safe_cell",
    "to_csv",
    "write_bytes",
    "write_text",
]
