"""Load a scenario: TOML + CSV tables, resolve ``extends`` and apply a what-if's changes.

Resolution is purely data: the child's TOML sections override the parent's key by key, table paths are resolved
relative to the file that names them, and the ``[changes]`` of every file in the chain are applied in order (parent
first). Nothing in a scenario is ever evaluated as code, and no file outside the allowed folders is read unless the
caller allows it (``allow_outside``).

Every problem gets a place: the file, the line (the TOML line of the key, or the CSV row) and the field. When the
TOML settings are invalid the tables are still read, so one run reports the problems of every file.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

if TYPE_CHECKING:
    from planner.report.output import JsonObject

from planner.scenario.problems import Msg, Problems, ScenarioError, pydantic_msg
from planner.scenario.schema import (
    TABLE_MODELS,
    MunicipalityRow,
    OfferRow,
    ScenarioFile,
    SiteRow,
    Tables,
    TransferRow,
)
from planner.scenario.tables import (
    BUNDLED_DIR,
    PATH_ERRORS,
    display_path,
    field_named_in,
    read_table,
    read_text,
)
from planner.scenario.toml_text import Loc as Loc  # re-exported: changes, sweep and the tests import these here
from planner.scenario.toml_text import Locate as Locate
from planner.scenario.toml_text import RawTable, RawValue, dotted, exact_values, toml_error_line, toml_line
from planner.scenario.toml_text import model_at as model_at
from planner.scenario.toml_text import toml_paths as toml_paths

SCENARIO_FILE = "scenario.toml"
BUNDLED_PREFIX = "bundled:"
MAX_EXTENDS_DEPTH = 20
MAX_TOML_BYTES = 2 * 1024 * 1024
UNREADABLE = "*"
"""Marker in :attr:`Scenario.rejected`: the whole table could not be read."""

def bundled_dir() -> Path:
    """Folder of the scenarios shipped with the project."""
    return BUNDLED_DIR


def default_scenario() -> Path:
    """The bundled reference case: Drenthe 2025–2026."""
    return bundled_dir() / "drenthe-2025-2026"


def row_key(table: str, row: Any) -> str:
    """The key a row is found under in :attr:`Scenario.row_origin`: the CBS code of a municipality, the id of a
    site, ``code/category/year`` of an offer and ``from>to/category/year`` of a transfer."""
    if table == "municipalities":
        return str(row.code)
    if table == "sites":
        return str(row.id)
    if table == "offers":
        return f"{row.code}/{row.category.value}/{row.year}"
    return f"{row.from_code}>{row.to_code}/{row.category.value}/{row.year}"


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
    rejected: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, hash=False)
    """Per table, the keys of rows left out for errors (``*``: the table could not be read at all)."""
    table_files: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Per table, its file as shown in messages."""
    partial_rows: dict[str, tuple[tuple[str, int, Mapping[str, str]], ...]] = field(
        default_factory=dict, compare=False, hash=False)
    """Per table, each row left out for errors as (file, line, the cells that read cleanly): the checks across
    tables say what else is wrong with it (an unknown code beside ``places = x``)."""
    closed_sites: tuple[SiteRow, ...] = field(default=(), compare=False, hash=False)
    """Sites a what-if's ``[changes]`` closed, as they were (explanations name them; not part of the result)."""
    missing_sites: tuple[SiteRow, ...] = field(default=(), compare=False, hash=False)
    """Sites of the base (a file extended) that a what-if's own sites table lacks (explanations name them)."""

    @property
    def name(self) -> str:
        return self.settings.scenario.name

    def resolved_dict(self) -> JsonObject:
        """Everything that decides a result, as plain JSON-able data (no paths)."""
        settings = self.settings.model_dump(mode="json", exclude={"tables": True, "changes": True})
        settings["scenario"].pop("extends", None)
        if not settings["provincial_tasks"]:
            del settings["provincial_tasks"]  # data for comparison only: scenarios without it keep their digest
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
        """File and line a row came from (``key``: see :func:`row_key`; the CBS code of an offer or the from-code of
        a transfer finds its first row). For a row added by a what-if: the TOML file and line."""
        file, line = self.row_origin.get((table, key), ("", 0))
        return file or self.table_files.get(table, ""), (line or None)

    def origins(self, table: str, key: str) -> list[tuple[str, int | None]]:
        """Every file and line where ``key`` occurs (more than one for a duplicate)."""
        out = [self.origin(table, key)] if (table, key) in self.row_origin else []
        n = 2
        while (table, f"{key}#{n}") in self.row_origin:
            out.append(self.origin(table, f"{key}#{n}"))
            n += 1
        return out

    def is_rejected(self, table: str, key: str) -> bool:
        """Whether a row with ``key`` was left out for errors, or the whole table could not be read."""
        keys = self.rejected.get(table, frozenset())
        return key in keys or UNREADABLE in keys



def _scenario_file(path: Path) -> Path:
    try:
        return path / SCENARIO_FILE if path.is_dir() else path
    except PATH_ERRORS:
        return path


def deep_merge(parent: Mapping[str, RawValue], child: Mapping[str, RawValue]) -> RawTable:
    out = dict(parent)
    for key, value in child.items():
        current = out.get(key)
        if isinstance(value, Mapping) and isinstance(current, Mapping):
            out[key] = deep_merge(current, value)
        else:
            out[key] = value
    return out


def _concat(parent: Any, child: Any) -> Any:
    """A changes list of the parent followed by the child's; anything that is not a list is left for validation."""
    if parent is None:
        return child
    if child is None:
        return parent
    if isinstance(parent, list) and isinstance(child, list):
        return [*parent, *child]
    return parent if not isinstance(parent, list) else child  # the one that is no list, for validation to report


@dataclass(frozen=True)
class _Source:
    """One TOML file of the chain: its name in messages, its parsed data and where each key is written."""

    shown: str
    data: RawTable
    paths: tuple[tuple[Loc, int], ...]


def own_tree(scenario_file: Path) -> Path:
    """The folder tree a scenario file's tables may come from: its own folder and below — never the file-system
    root (a scenario file placed directly in ``/`` may read only what ``--allow-outside`` permits)."""
    folder = scenario_file.resolve().parent
    return folder if folder.parent != folder else Path("/nonexistent-scenario-root")


def base_tree(scenario_file: Path) -> Path:
    """The folder tree a scenario file may ``extends`` from: one level above its own folder, so a what-if in
    ``what-if/`` reaches ``../scenario.toml`` and a scenario reaches a sibling scenario folder, never the file-system
    root. The base's own tables are then judged by the base's own tree."""
    folder = scenario_file.resolve().parent
    above = folder.parent
    return above if above.parent != above else own_tree(scenario_file)


@dataclass
class _Loader:
    problems: Problems
    root: Path
    allowed: tuple[Path, ...]
    allow_outside: bool
    files: list[str] = field(default_factory=list)
    sources: list[_Source] = field(default_factory=list)
    skip_tables: set[str] = field(default_factory=set)
    """Table paths already reported (outside the allowed folders, or missing): not read again."""
    replaced_sites: list[str] = field(default_factory=list)
    """Sites tables of a base (a file extended) that a what-if's own sites table replaces: their sites that the
    what-if lacks are ``Scenario.missing_sites``."""

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    def inside(self, path: Path, tree: Path) -> bool:
        """Whether ``path`` lies in ``tree`` (the folder tree a file may read from) or the bundled scenarios."""
        if self.allow_outside:
            return True
        try:
            real = path.resolve()
        except PATH_ERRORS:
            return False
        return any(real.is_relative_to(a) for a in (*self.allowed, tree))

    def resolve_ref(self, ref: str, base_dir: Path) -> Path:
        if ref.startswith(BUNDLED_PREFIX):
            return bundled_dir() / ref.removeprefix(BUNDLED_PREFIX)
        return base_dir / ref

    def locate(self, loc: Loc) -> tuple[str, int | None]:
        """The file and line that wrote ``loc`` of the merged data: the file that names most of it (the child
        first); a ``changes`` item is counted through the chain, parent first, as the lists were joined."""
        if not self.sources:
            return "", None
        if len(loc) >= 3 and loc[0] == "changes" and isinstance(loc[1], str) and isinstance(loc[2], int):
            index = loc[2]
            for src in reversed(self.sources):
                changes = src.data.get("changes")
                items = changes.get(loc[1]) if isinstance(changes, dict) else None
                n = len(items) if isinstance(items, list) else 0
                if index < n:
                    return src.shown, toml_line(src.paths, ("changes", loc[1], index, *loc[3:]))[1]
                index -= n
        best: tuple[int, str, int | None] = (0, self.sources[0].shown, None)
        for src in self.sources:
            depth, line = toml_line(src.paths, loc)
            if depth > best[0]:
                best = (depth, src.shown, line)
        return best[1], best[2]

    def error_at(self, src: _Source, loc: Loc, message: str | Msg, code: str) -> None:
        self.problems.error(src.shown, toml_line(src.paths, loc)[1], dotted(loc), message, code=code)

    def load_toml(self, path: Path, chain: tuple[Path, ...]) -> RawTable | None:
        """Read one TOML file and, recursively, what it extends; returns the merged raw dict."""
        shown = self.shown(path)
        if len(chain) > MAX_EXTENDS_DEPTH:
            self.problems.error(shown, None, "scenario.extends",
                                Msg.of("extends_too_long", n=MAX_EXTENDS_DEPTH), code="extends")
            return None
        text = read_text(path, shown, self.problems, max_bytes=MAX_TOML_BYTES)
        if text is None:
            return None
        self.files.append(shown)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            msg = str(exc)
            self.problems.error(shown, toml_error_line(text, msg), "", _toml_syntax(msg), code="syntax")
            return None
        except RecursionError:
            self.problems.error(shown, None, "", Msg.of("toml_too_deep"), code="syntax")
            return None
        src = _Source(shown, data, tuple(toml_paths(text)))
        self.sources.append(src)
        if not data:
            self.problems.error(shown, None, "", Msg.of("toml_empty"), code="empty")
            return None
        # Table paths are relative to the file that names them: make them absolute before merging.
        tables = data.get("tables")
        if isinstance(tables, dict):
            for key, ref in list(tables.items()):
                if not isinstance(ref, str) or key not in Tables.model_fields:
                    continue
                try:
                    target = self.resolve_ref(ref, path.parent)
                    resolved = str(target.resolve())
                except PATH_ERRORS as exc:
                    self.error_at(src, ("tables", key), Msg.of("table_path_unusable", ref=ref, reason=str(exc)),
                                  "unreadable")
                    tables[key] = ref
                    self.skip_tables.add(ref)
                    continue
                tables[key] = resolved
                if not self.inside(target, own_tree(path)):
                    self.error_at(src, ("tables", key), Msg.of("table_outside", ref=ref), "outside")
                    self.skip_tables.add(resolved)
                elif not target.is_file():
                    what = (Msg.of("table_is_folder", ref=ref) if target.is_dir() else
                            Msg.of("table_not_regular", ref=ref) if target.exists() else
                            Msg.of("table_missing", ref=ref))
                    self.error_at(src, ("tables", key), what, "missing-file")
                    self.skip_tables.add(resolved)
        meta = data.get("scenario", {})
        ref = meta.get("extends") if isinstance(meta, dict) else None
        if ref is None:
            return data
        if not isinstance(ref, str):
            self.error_at(src, ("scenario", "extends"), Msg.of("extends_not_text", got=repr(ref)), "extends")
            return None
        try:
            parent_path = _scenario_file(self.resolve_ref(ref, path.parent))
            parent_real = parent_path.resolve()
        except PATH_ERRORS:
            self.error_at(src, ("scenario", "extends"), Msg.of("extends_unusable", ref=ref), "extends")
            return None
        if not self.inside(parent_path, base_tree(path)):
            self.error_at(src, ("scenario", "extends"), Msg.of("extends_outside", ref=ref), "outside")
            return None
        if parent_real in chain:
            cycle = " → ".join(self.shown(p) for p in (*chain, parent_real))
            self.error_at(src, ("scenario", "extends"), Msg.of("extends_itself", cycle=cycle), "extends")
            return None
        if not parent_path.is_file():
            self.error_at(src, ("scenario", "extends"), Msg.of("extends_missing", ref=ref), "missing-file")
            return None
        parent = self.load_toml(parent_path, (*chain, parent_real))
        if parent is None:
            return None
        merged = deep_merge(parent, {k: v for k, v in data.items() if k != "changes"})
        before, after = ((t.get("sites") if isinstance(t, dict) else None) for t in (parent.get("tables"), tables))
        if isinstance(before, str) and isinstance(after, str) and before != after:
            self.replaced_sites.append(before)
        parent_changes = parent.get("changes")
        child_changes = data.get("changes")
        if isinstance(parent_changes, dict) and isinstance(child_changes, dict):
            merged["changes"] = {
                key: _concat(parent_changes.get(key), child_changes.get(key))
                for key in sorted(set(parent_changes) | set(child_changes))
            }
        elif child_changes is not None:
            merged["changes"] = child_changes
        meta = merged.get("scenario")
        if isinstance(meta, dict):
            merged["scenario"] = {**meta, "extends": None}
        return merged

    def report(self, exc: ValidationError, reported: Collection[Loc] = ()) -> None:
        """Every pydantic error of the merged settings, placed at its file, line and key (except at ``reported``
        places, whose values were dropped after an earlier message)."""
        for err in exc.errors():
            loc: Loc = tuple(err["loc"])
            if any(loc[: len(r)] == r for r in reported):
                continue
            file, line = self.locate(loc)
            name = dotted(loc)
            kind = err["type"]
            msg: Msg
            if kind == "missing":
                msg = Msg.of("key_missing")
            elif kind == "extra_forbidden":
                holder = model_at(ScenarioFile, loc[:-1])
                known = ", ".join(holder.model_fields) if holder is not None else ""
                close = difflib.get_close_matches(str(loc[-1]), list(holder.model_fields) if holder else [], n=1)
                msg = (Msg.of("key_unknown_close", close=close[0], keys=known) if close
                       else Msg.of("key_unknown", keys=known))
            else:
                given = err.get("input")
                holder = model_at(ScenarioFile, loc)
                if holder is not None and isinstance(given, dict):
                    said = str(err["msg"]).removeprefix("Value error, ")  # a whole-section rule names its field
                    field_name = field_named_in(said, list(holder.model_fields), {})
                    if field_name:
                        loc = (*loc, field_name)
                        file, line = self.locate(loc)
                        name = f"{name}.{field_name}"
                msg = pydantic_msg(err, next((str(p) for p in reversed(loc) if isinstance(p, str)), name))
                if isinstance(given, str) and "date" in kind:
                    msg = Msg.of("toml_date_quoted", problem=msg)
            self.problems.error(file, line, name, msg)

    def check_values(self, raw: RawTable) -> set[Loc]:
        """Report values pydantic would convert silently (see :func:`_exact_values`) and drop them from ``raw``,
        so that a wrong value does not also trip the rules that use it; returns where they were."""
        found: set[Loc] = set()
        for loc, msg in list(exact_values(raw, ScenarioFile, ())):
            file, line = self.locate(loc)
            self.problems.error(file, line, dotted(loc), msg)
            found.add(loc)
            holder: Any = raw
            for part in loc[:-1]:
                holder = holder[part]
            if isinstance(holder, dict):
                del holder[loc[-1]]
            elif isinstance(holder, list) and isinstance(loc[-1], int):
                holder[loc[-1]] = None
        return found


def _read_tables(
    tables: Tables, loader: _Loader, base: Path, problems: Problems
) -> tuple[dict[str, tuple[Any, ...]], dict[tuple[str, str], tuple[str, int]], dict[str, frozenset[str]],
           dict[str, str], dict[str, tuple[tuple[str, int, Mapping[str, str]], ...]]]:
    """Read every table named in ``tables`` (paths relative to ``base`` unless made absolute while loading)."""
    loaded: dict[str, tuple[Any, ...]] = {}
    origin: dict[tuple[str, str], tuple[str, int]] = {}
    rejected: dict[str, frozenset[str]] = {}
    shown: dict[str, str] = {}
    partial: dict[str, tuple[tuple[str, int, Mapping[str, str]], ...]] = {}
    for table, model in TABLE_MODELS.items():
        ref = getattr(tables, table)
        loaded[table] = ()
        if ref is None:
            continue
        path = Path(ref) if Path(ref).is_absolute() else base / ref
        shown[table] = loader.shown(path)
        if ref in loader.skip_tables or str(path) in loader.skip_tables:
            rejected[table] = frozenset({UNREADABLE})
            continue
        rows = read_table(path, model, problems, root=loader.root)
        loaded[table] = rows.rows
        rejected[table] = rows.rejected | ({UNREADABLE} if not rows.readable else set())
        partial[table] = tuple((rows.file, line, cells) for line, cells in rows.partial)
        seen: dict[str, int] = {}  # occurrences of each key so far: numbering a duplicate stays O(1)
        for row, line in zip(rows.rows, rows.lines, strict=True):
            keys = [row_key(table, row)]
            if table == "offers":
                keys.append(str(row.code))
            elif table == "transfers":
                keys.append(str(row.from_code))
            for i, key in enumerate(keys):
                if (table, key) not in origin:
                    origin[(table, key)] = (rows.file, line)
                    if i == 0:
                        seen[key] = 1
                elif i == 0:  # a duplicate: remember where each occurrence is
                    seen[key] = seen.get(key, 1) + 1
                    origin[(table, f"{key}#{seen[key]}")] = (rows.file, line)
    return loaded, origin, rejected, shown, partial


def _toml_syntax(message: str) -> Msg:
    """tomllib's message ("Invalid value (at line 3, column 9)") as a catalogue message: its reason and place."""
    reason, _, place = message.partition(" (at ")
    m = re.match(r"line (\d+), column (\d+)\)", place)
    if m:
        return Msg.of("toml_syntax", toml_reason=reason, line=int(m.group(1)), column=int(m.group(2)))
    return Msg.of("toml_syntax_end", toml_reason=reason)


def load_scenario(
    path: str | Path | None = None,
    *,
    allow_outside: bool = False,
    problems: Problems | None = None,
) -> tuple[Scenario | None, Problems]:
    """Load and resolve a scenario; returns it (or None when it cannot be built) and every problem found.

    ``path`` is a scenario folder (with ``scenario.toml``) or a ``.toml`` file; None means the bundled Drenthe case.
    The cross-table checks of :mod:`planner.scenario.checks` run too, so the problems are complete. Never
    raises: every problem is in the returned collection (a failure of the planner itself too, as ``internal``).
    """
    problems = problems if problems is not None else Problems()
    given = Path(path) if path is not None else default_scenario()
    if str(path).startswith(BUNDLED_PREFIX):  # a scenario shipped in the package, named as in `extends`
        given = bundled_dir() / str(path).removeprefix(BUNDLED_PREFIX)
    try:
        return _load(given, allow_outside, problems)
    except Exception as exc:  # the last line of defence: validation reports problems, it never raises
        problems.error(str(given), None, "", Msg.of("internal_load", error=f"{type(exc).__name__}: {exc}"),
                       code="internal")
        return None, problems


def _load(given: Path, allow_outside: bool, problems: Problems) -> tuple[Scenario | None, Problems]:
    from planner.scenario.changes import apply_changes
    from planner.scenario.checks import run_checks

    top = _scenario_file(given)
    try:
        root = top.resolve().parent
        exists = top.is_file()
        folder = given.is_dir()
    except PATH_ERRORS:
        root, exists, folder = Path.cwd(), False, False
    if not exists:
        what = Msg.of("no_scenario_in_folder") if folder else Msg.of("no_such_scenario")
        problems.error(str(given), None, "", what, code="missing-file")
        return None, problems
    # What each file may read is decided per file (own_tree, base_tree); the bundled scenarios are always readable.
    loader = _Loader(problems, root, (bundled_dir().resolve(),), allow_outside)
    raw = loader.load_toml(top, (top.resolve(),))
    if raw is None:
        return None, problems
    reported = loader.check_values(raw)
    try:
        settings = ScenarioFile.model_validate(raw)
    except ValidationError as exc:
        loader.report(exc, reported)
        # Still read the tables, so that one run shows the problems of every file.
        try:
            tables = Tables.model_validate(raw.get("tables") or {})
        except ValidationError:
            return None, problems
        _read_tables(tables, loader, root, problems)
        return None, problems

    loaded, origin, rejected, shown, partial = _read_tables(settings.tables, loader, root, problems)
    # Where the settings that checks report on are written (found as s.origin("toml", key)).
    toml_keys: list[Loc] = [("stated_totals", i) for i in range(len(settings.stated_totals))]
    toml_keys += [("provincial_tasks", i) for i in range(len(settings.provincial_tasks))]
    toml_keys += [("scope",), ("cycle", "start"), ("cycle", "end"), ("cycle", "report_date"),
                  ("cycle", "national_population"), ("cycle", "national_weight_sum"), ("spuk", "spuk2_categories")]
    for loc in toml_keys:
        file, line = loader.locate(loc)
        origin[("toml", dotted(loc))] = (file, line or 0)
    scenario = Scenario(
        path=top,
        settings=settings,
        municipalities=loaded["municipalities"],
        offers=loaded["offers"],
        sites=loaded["sites"],
        transfers=loaded["transfers"],
        files=tuple(loader.files),
        row_origin=origin,
        rejected=rejected,
        table_files=shown,
        partial_rows=partial,
    )
    scenario = apply_changes(scenario, problems, loader.locate)
    scenario = dataclasses.replace(scenario, missing_sites=_missing_sites(scenario, loader))
    run_checks(scenario, problems)
    return scenario, problems


def _missing_sites(scenario: Scenario, loader: _Loader) -> tuple[SiteRow, ...]:
    """Sites of a replaced base sites table that the scenario lacks (not closed by ``[changes]``: those are named as
    closed). The base's table was read when the base itself was checked; its problems are not repeated here."""
    have = {s.id for s in (*scenario.sites, *scenario.closed_sites)}
    out: dict[str, SiteRow] = {}
    for ref in loader.replaced_sites:
        if ref in loader.skip_tables:
            continue
        rows = read_table(Path(ref), SiteRow, Problems(), root=loader.root)
        out.update({s.id: s for s in rows.rows if s.id not in have})
    return tuple(out.values())


def require_scenario(path: str | Path | None = None, *, allow_outside: bool = False) -> tuple[Scenario, Problems]:
    """Load a scenario or raise :class:`ScenarioError` with every problem when it has errors."""
    scenario, problems = load_scenario(path, allow_outside=allow_outside)
    if scenario is None or problems.has_errors():
        raise ScenarioError(problems)
    return scenario, problems
