"""Load a scenario: TOML + CSV tables, resolve ``extends`` and apply a what-if's changes.

Resolution is purely data: the child's TOML sections override the parent's key by key, table paths are resolved
relative to the file that names them, and the ``[changes]`` of every file in the chain are applied in order (parent
first). Nothing in a scenario is ever evaluated as code, and no file outside the allowed folders is read unless the
caller allows it (``allow_outside``).
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.scenario.problems import Problems, ScenarioError
from planner.scenario.schema import (
    TABLE_MODELS,
    MunicipalityRow,
    OfferRow,
    ScenarioFile,
    SiteRow,
    TransferRow,
)
from planner.scenario.tables import display_path, read_table, read_text

SCENARIO_FILE = "scenario.toml"
BUNDLED_PREFIX = "bundled:"
MAX_EXTENDS_DEPTH = 20


def bundled_dir() -> Path:
    """Folder of the scenarios shipped with the project."""
    return Path(__file__).resolve().parents[2] / "scenarios"


def default_scenario() -> Path:
    """The bundled reference case: Drenthe 2025–2026."""
    return bundled_dir() / "drenthe-2025-2026"


@dataclass(frozen=True)
class Scenario:
    """A fully resolved scenario: settings with every default filled in, and validated table rows."""

    path: Path
    settings: ScenarioFile
    municipalities: tuple[MunicipalityRow, ...]
    offers: tuple[OfferRow, ...]
    sites: tuple[SiteRow, ...]
    transfers: tuple[TransferRow, ...]
    files: tuple[str, ...] = ()
    row_origin: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict, compare=False, hash=False)

    @property
    def name(self) -> str:
        return self.settings.scenario.name

    def resolved_dict(self) -> dict[str, Any]:
        """Everything that decides a result, as plain JSON-able data (no paths)."""
        settings = self.settings.model_dump(mode="json", exclude={"tables": True, "changes": True})
        settings["scenario"].pop("extends", None)
        return {
            "settings": settings,
            "municipalities": [r.model_dump(mode="json") for r in self.municipalities],
            "offers": [r.model_dump(mode="json") for r in self.offers],
            "sites": [r.model_dump(mode="json") for r in self.sites],
            "transfers": [r.model_dump(mode="json") for r in self.transfers],
        }

    def digest(self) -> str:
        """SHA-256 of the canonical JSON of :meth:`resolved_dict`: equal scenarios, equal hash."""
        blob = json.dumps(self.resolved_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def origin(self, table: str, key: str) -> tuple[str, int | None]:
        """File and line a row came from (``key`` is the code or site id)."""
        file, line = self.row_origin.get((table, key), ("", 0))
        return file, (line or None)


# ---------------------------------------------------------------------------------------------------------------


def _scenario_file(path: Path) -> Path:
    return path / SCENARIO_FILE if path.is_dir() else path


def _deep_merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


@dataclass
class _Loader:
    problems: Problems
    root: Path
    allowed: tuple[Path, ...]
    allow_outside: bool
    files: list[str] = field(default_factory=list)

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    def inside(self, path: Path) -> bool:
        if self.allow_outside:
            return True
        real = path.resolve()
        return any(real.is_relative_to(a) for a in self.allowed)

    def resolve_ref(self, ref: str, base_dir: Path) -> Path:
        if ref.startswith(BUNDLED_PREFIX):
            return bundled_dir() / ref.removeprefix(BUNDLED_PREFIX)
        return base_dir / ref

    def load_toml(self, path: Path, chain: tuple[Path, ...]) -> dict[str, Any] | None:
        """Read one TOML file and, recursively, what it extends; returns the merged raw dict."""
        shown = self.shown(path)
        if len(chain) > MAX_EXTENDS_DEPTH:
            self.problems.error(shown, None, "scenario.extends", "extends chain is too long", code="extends")
            return None
        text = read_text(path, shown, self.problems, max_bytes=2 * 1024 * 1024)
        if text is None:
            return None
        self.files.append(shown)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line = getattr(exc, "lineno", None)
            msg = str(getattr(exc, "msg", exc))
            self.problems.error(shown, line, "", f"not valid TOML: {msg}", code="syntax")
            return None
        # Table paths are relative to the file that names them: make them absolute before merging.
        tables = data.get("tables")
        if isinstance(tables, dict):
            for key, ref in list(tables.items()):
                if isinstance(ref, str):
                    target = self.resolve_ref(ref, path.parent)
                    if not self.inside(target):
                        self.problems.error(
                            shown, None, f"tables.{key}",
                            f"'{ref}' is outside the scenario folder; refusing to read it "
                            "(pass --allow-outside to permit)", code="outside",
                        )
                        tables[key] = None
                    else:
                        tables[key] = str(target.resolve())
        changes = data.get("changes", {})
        if isinstance(changes, dict):
            for item in changes.get("add_sites", []) or []:
                if isinstance(item, dict):
                    item.setdefault("_from", shown)
        meta = data.get("scenario", {})
        ref = meta.get("extends") if isinstance(meta, dict) else None
        if ref is None:
            return data
        if not isinstance(ref, str):
            self.problems.error(shown, None, "scenario.extends", "must be a path (text)", code="extends")
            return None
        parent_path = _scenario_file(self.resolve_ref(ref, path.parent))
        if not self.inside(parent_path):
            self.problems.error(
                shown, None, "scenario.extends",
                f"'{ref}' is outside the scenario folders; refusing to read it (pass --allow-outside to permit)",
                code="outside",
            )
            return None
        if parent_path.resolve() in chain:
            cycle = " → ".join(self.shown(p) for p in (*chain, parent_path.resolve()))
            self.problems.error(shown, None, "scenario.extends", f"extends itself: {cycle}", code="extends")
            return None
        parent = self.load_toml(parent_path, (*chain, parent_path.resolve()))
        if parent is None:
            return None
        merged = _deep_merge(parent, {k: v for k, v in data.items() if k != "changes"})
        parent_changes = parent.get("changes", {}) if isinstance(parent.get("changes"), dict) else {}
        child_changes = changes if isinstance(changes, dict) else {}
        merged["changes"] = {
            key: [*(parent_changes.get(key) or []), *(child_changes.get(key) or [])]
            for key in sorted(set(parent_changes) | set(child_changes))
        }
        if "stated_totals" not in data and "stated_totals" in parent:
            merged["stated_totals"] = parent["stated_totals"]
        merged.setdefault("scenario", {})
        merged["scenario"] = {**merged["scenario"], "extends": None}
        return merged


def _pydantic_problems(problems: Problems, file: str, exc: ValidationError, prefix: str = "") -> None:
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        field_name = f"{prefix}{loc}" if loc else prefix.rstrip(".")
        msg = "required value is missing" if err["type"] == "missing" else err["msg"].removeprefix("Value error, ")
        if err["type"] not in ("missing",) and "input" in err and not isinstance(err["input"], dict | list):
            msg = f"{msg}: got {err['input']!r}"
        problems.error(file, None, field_name, msg)


def load_scenario(
    path: str | Path | None = None,
    *,
    allow_outside: bool = False,
    problems: Problems | None = None,
) -> tuple[Scenario | None, Problems]:
    """Load and resolve a scenario; returns it (or None when it cannot be built) and every problem found.

    ``path`` is a scenario folder (with ``scenario.toml``) or a ``.toml`` file; None means the bundled Drenthe case.
    The cross-table checks of :mod:`planner.scenario.checks` run too, so the problems are complete.
    """
    from planner.scenario.changes import apply_changes
    from planner.scenario.checks import run_checks

    problems = problems if problems is not None else Problems()
    top = _scenario_file(Path(path) if path is not None else default_scenario())
    root = top.resolve().parent
    allowed = (root.parent.resolve(), bundled_dir().resolve())
    loader = _Loader(problems, root, allowed, allow_outside)
    if not top.exists():
        problems.error(str(path if path is not None else top), None, "", "no such scenario file or folder",
                       code="missing-file")
        return None, problems
    raw = loader.load_toml(top, (top.resolve(),))
    if raw is None:
        return None, problems
    top_shown = loader.shown(top)
    add_sites_from = [
        item.pop("_from", top_shown) for item in (raw.get("changes", {}) or {}).get("add_sites", []) or []
        if isinstance(item, dict)
    ]
    try:
        settings = ScenarioFile.model_validate(raw)
    except ValidationError as exc:
        _pydantic_problems(problems, top_shown, exc)
        return None, problems

    origin: dict[tuple[str, str], tuple[str, int]] = {}
    loaded: dict[str, tuple[Any, ...]] = {}
    for table, model in TABLE_MODELS.items():
        ref = getattr(settings.tables, table)
        if ref is None:
            loaded[table] = ()
            continue
        rows = read_table(Path(ref), model, problems, root=root)
        loaded[table] = rows.rows
        for row, line in zip(rows.rows, rows.lines, strict=True):
            key = getattr(row, "id", None) or getattr(row, "code", None) or getattr(row, "from_code", "")
            origin.setdefault((table, str(key)), (rows.file, line))

    scenario = Scenario(
        path=top,
        settings=settings,
        municipalities=loaded["municipalities"],
        offers=loaded["offers"],
        sites=loaded["sites"],
        transfers=loaded["transfers"],
        files=tuple(loader.files),
        row_origin=origin,
    )
    scenario = apply_changes(scenario, problems, top_shown, add_sites_from)
    run_checks(scenario, problems)
    return scenario, problems


def require_scenario(path: str | Path | None = None, *, allow_outside: bool = False) -> tuple[Scenario, Problems]:
    """Load a scenario or raise :class:`ScenarioError` with every problem when it has errors."""
    scenario, problems = load_scenario(path, allow_outside=allow_outside)
    if scenario is None or problems.has_errors():
        raise ScenarioError(problems)
    return scenario, problems
