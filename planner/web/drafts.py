"""What-ifs being built (drafts): shared by every browser that has the address, and kept in the server's work
folder as well as in memory, so a restart of the server loses none.

Each draft is one small TOML file, ``<draft id>.toml`` in :data:`FOLDER` inside the save folder, written whole and
atomically after every change (never a half-written file, never over an input: the folder holds only these files
and a draft id is random text of a fixed alphabet). It names its base by file, not by the catalogue's id, so it
finds its base again when the server is started on the same scenarios; a draft whose base is not offered any more
is left on disk and named at start.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.web.edits import Draft, Edit

if TYPE_CHECKING:
    from planner.web.catalogue import Catalogue

FOLDER = ".planner-serve-drafts"
DRAFT_ID = re.compile(r"^[A-Za-z0-9_-]{6,32}$")


@dataclasses.dataclass
class DraftState:
    """A what-if on the server: shared by every browser that has its address; ``rev`` counts its changes."""

    id: str
    base: str
    draft: Draft
    rev: int = 0


class Drafts:
    """The drafts by id, each also on disk in ``folder``."""

    def __init__(self, folder: Path, catalogue: Catalogue) -> None:
        self.folder = folder
        self.catalogue = catalogue
        self._items: dict[str, DraftState] = {}
        self._lock = threading.Lock()

    def get(self, draft_id: str) -> DraftState | None:
        with self._lock:
            return self._items.get(draft_id)

    def keep(self, state: DraftState) -> None:
        """Remember ``state`` (new or changed) and write it to disk."""
        from planner.io import write_text

        if not DRAFT_ID.match(state.id):
            raise ValueError(f"not a draft id: {state.id!r}")
        base = self.catalogue.get(state.base)
        if base is None:
            raise ValueError(f"no scenario {state.base!r} on offer")
        self.folder.mkdir(parents=True, exist_ok=True)
        write_text(self.folder / f"{state.id}.toml", _toml(state, base.file))
        with self._lock:
            self._items[state.id] = state

    def restore(self) -> list[str]:
        """Read back the drafts a previous run of the server left; returns a line for each one it cannot use."""
        left = []
        for path in sorted(self.folder.glob("*.toml")) if self.folder.is_dir() else []:
            try:
                state = self._read(path)
            except (OSError, ValueError, KeyError, TypeError) as exc:  # tomllib's errors are ValueErrors
                left.append(f"{path.name}: {exc}")
                continue
            if state is None:
                left.append(f"{path.name}: its base scenario is not offered by this server")
                continue
            with self._lock:
                self._items[state.id] = state
        return left

    def _read(self, path: Path) -> DraftState | None:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if not DRAFT_ID.match(str(data["id"])) or path.stem != data["id"]:
            raise ValueError("the file name is not its draft id")
        base = self.catalogue.by_file(Path(data["base_file"]))
        if base is None:
            return None
        edits = tuple(Edit(str(e["kind"]), str(e["table"]) or None, dict(e["item"]), dict(e["settings"]))
                      for e in data["edits"])
        draft = Draft(name=str(data["name"]), description=str(data["description"]), edits=edits)
        return DraftState(str(data["id"]), base.id, draft, int(data["rev"]))


def _toml(state: DraftState, base_file: Path) -> str:
    import tomli_w

    d = state.draft
    record: dict[str, Any] = {
        "id": state.id, "base_file": str(base_file), "rev": state.rev, "name": d.name, "description": d.description,
        "edits": [{"kind": e.kind, "table": e.table or "", "item": dict(e.item), "settings": dict(e.settings)}
                  for e in d.edits]}
    return "# A what-if being built in 'planner serve' (kept so a restart loses nothing).\n" + tomli_w.dumps(record)
