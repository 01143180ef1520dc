"""The scenarios the server offers. The browser names a scenario by its id in this list, never by a path: a request
for anything else is "not found", so no request can make the server read a file it did not list itself.

The list is made at start from the command line's scenarios (a folder also brings the what-ifs in its ``what-if/``
folder), or the bundled scenarios when none is given; what-ifs saved from the page join it.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.api import Scenario

WHATIF_FOLDER = "what-if"
SAVE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
"""A saved what-if's file name (without ``.toml``): lower-case letters, digits and dashes."""


@dataclasses.dataclass(frozen=True)
class Entry:
    """One scenario on offer: ``id`` is what the browser sends; ``file`` stays on the server."""

    id: str
    file: Path
    base: str | None
    """The id of the scenario this what-if extends (None for a base scenario)."""
    saved: bool = False
    """Saved from the page by this server (so it may be replaced by a later save, after a clear choice)."""


def slug(text: str) -> str:
    """Lower-case letters, digits and dashes: ``Assen azc verlengd`` → ``assen-azc-verlengd``."""
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return out[:60].strip("-") or "scenario"


def scenario_file(path: Path) -> Path:
    return path / "scenario.toml" if path.is_dir() else path


class Catalogue:
    """The scenarios on offer, by id; loaded scenarios are kept (loading checks every file again)."""

    def __init__(self, allow_outside: bool = False) -> None:
        self.allow_outside = allow_outside
        self._entries: dict[str, Entry] = {}
        self._loaded: dict[str, Scenario] = {}
        self._lock = threading.Lock()

    def add(self, path: Path, base: str | None = None, saved: bool = False) -> Entry:
        """List ``path`` (a folder also lists the what-ifs in its ``what-if/`` folder)."""
        file = scenario_file(path).resolve()
        folder = file.parent.name if file.name == "scenario.toml" else file.stem
        with self._lock:
            known = next((e for e in self._entries.values() if e.file == file), None)
            if known is not None:
                return known
            stem = slug(folder if base is None else f"{base}--{folder}")
            sid, n = stem, 2
            while sid in self._entries:
                sid, n = f"{stem}-{n}", n + 1
            entry = Entry(sid, file, base, saved)
            self._entries[sid] = entry
        if base is None and file.name == "scenario.toml":
            for whatif in sorted((file.parent / WHATIF_FOLDER).glob("*.toml")):
                self.add(whatif, base=entry.id)
        return entry

    def add_all(self, paths: Iterable[Path]) -> None:
        for p in paths:
            self.add(p)

    def entries(self) -> list[Entry]:
        with self._lock:
            return list(self._entries.values())

    def get(self, sid: str) -> Entry | None:
        with self._lock:
            return self._entries.get(sid)

    def by_file(self, file: Path) -> Entry | None:
        file = file.resolve()
        with self._lock:
            return next((e for e in self._entries.values() if e.file == file), None)

    def load(self, sid: str) -> Scenario:
        """The scenario ``sid`` through :func:`planner.api.load` (every check); raises
        :class:`~planner.scenario.problems.ScenarioError` with every problem. Kept after the first load."""
        from planner import api

        entry = self._entries[sid]
        with self._lock:
            known = self._loaded.get(sid)
        if known is not None:
            return known
        loaded = api.load(entry.file, allow_outside=self.allow_outside)
        with self._lock:
            self._loaded[sid] = loaded
        return loaded

    def inputs(self) -> set[Path]:
        """Every file a listed scenario reads (a save never writes over one of them)."""
        out: set[Path] = set()
        for e in self.entries():
            out.add(e.file)
            loaded = self._loaded.get(e.id)
            if loaded is not None:
                for f in loaded.resolved.files:
                    p = Path(f)
                    out.add((p if p.is_absolute() else e.file.parent / p).resolve())
        return out
