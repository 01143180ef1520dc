"""Plan folders written as one unit, and read back only when they are one complete plan.

Writing: the files are written into a new hidden folder beside the target (``.NAME.planner-PID-TOKEN``), flushed to
disk, and a ``manifest.json`` with the SHA-256 of every file is written last. The finished folder then takes the
target's place in one step: a rename when the target does not exist or is empty, else an atomic exchange of the two
folders (Linux ``renameat2(RENAME_EXCHANGE)``) after which the old plan is removed. So after Ctrl-C, kill -9, a full
disk or two runs into the same folder, the target holds one complete plan — the old one or a new one — never a mix.
Where the exchange is not available the old folder is moved aside first (two renames; a crash between them leaves
the old plan beside the target, never a mixed folder).

A target must be new, empty, or a previous plan folder (it has our manifest and nothing else): a scenario folder or
any folder with other files is refused, so a plan can never replace the files it was made from.

Reading: :func:`read_plan_folder` checks every file against the manifest (present, same SHA-256, nothing extra) and
refuses a mixed or partial folder with a message that says so.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, cast

from planner.io.atomic import default_mode, make_folder
from planner.io.errors import NotAPlanFolder, OutputFailed, OutputRefused, failed

MANIFEST = "manifest.json"
FORMAT = "spreidingsplanner plan folder"
FORMAT_VERSION = 1
WRITE_DELAY_ENV = "PLANNER_TEST_WRITE_DELAY"
"""Test hook: seconds to wait after each file while a plan folder is being built, so a test can kill the process
mid-write. Never set in normal use."""
_TMP_MARK = ".planner-"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FileEntry(TypedDict):
    """One file of the manifest's ``files``: its SHA-256 and size."""

    sha256: str
    bytes: int


class Manifest(TypedDict):
    """``manifest.json``, written last. Read back, its ``format`` and that ``files`` is an object are checked
    (:func:`_manifest_of`); each entry is checked as its file is read (:func:`read_plan_folder`)."""

    format: str
    format_version: int
    tool_version: str
    scenario: str
    scenario_digest: str
    files: dict[str, FileEntry]


@dataclass(frozen=True)
class PlanFiles:
    """A verified plan folder: its manifest and the bytes of every file it lists (read once, then checked)."""

    path: Path
    manifest: Manifest
    files: dict[str, bytes]

    def text(self, name: str) -> str:
        return self.files[name].decode("utf-8")


def _manifest_of(folder: Path) -> Manifest | None:
    """The folder's manifest when it is one of ours (right format), else None."""
    try:
        data = json.loads((folder / MANIFEST).read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), dict):
        return None
    return cast(Manifest, data)  # its format checked; the entries are checked file by file


def _entries(folder: Path, flag: str) -> list[str]:
    try:
        return sorted(p.name for p in folder.iterdir())
    except OSError as exc:
        raise failed(folder, exc, f"look into {flag}") from exc


def _listing(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def check_plan_target(path: Path, flag: str = "--out") -> None:
    """Refuse a target that is not new, empty or a previous plan folder (exit 2), or that the environment makes
    impossible: a file where the folder should be (exit 74)."""
    ancestor = path
    while not ancestor.exists() and not ancestor.is_symlink() and ancestor.parent != ancestor:
        ancestor = ancestor.parent
    if ancestor != path and not ancestor.is_dir():
        raise OutputFailed(f"{flag} {path}: {ancestor} is a file, not a folder, so the plan folder cannot be made "
                           "there. Nothing was written; choose another place.")
    if not path.exists() and not path.is_symlink():
        return
    if not path.is_dir():
        raise OutputFailed(f"{flag} {path} is a file, not a folder: a plan is written as a folder. Nothing was "
                           "written; choose a new folder name.")
    names = _entries(path, flag)
    if not names:
        return
    manifest = _manifest_of(path)
    if manifest is None:
        raise OutputRefused(
            f"{flag} {path} is not a plan folder (it has no planner manifest.json) and holds {len(names)} "
            f"file{'s' if len(names) != 1 else ''} ({_listing(names)}) that the plan would replace. Nothing was "
            "written. Choose a new or empty folder, or a folder written earlier by 'planner plan --out'."
        )
    extra = [n for n in names if n != MANIFEST and n not in manifest["files"]]
    if extra:
        raise OutputRefused(
            f"{flag} {path} is a plan folder but also holds {_listing(extra)}, which the new plan would remove. "
            "Nothing was written. Move those files elsewhere or choose another folder."
        )


def _delay() -> float:
    try:
        return max(0.0, float(os.environ.get(WRITE_DELAY_ENV, "0")))
    except ValueError:
        return 0.0


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened for fsync
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_file(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, default_mode())
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2`` with ``RENAME_EXCHANGE``); False where the platform
    or the file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError, TypeError):  # not Linux/glibc (CDLL(None) is a TypeError on Windows)
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _remove_stale(parent: Path, name: str) -> None:
    """Remove hidden build folders of runs into ``name`` that were killed (their process is gone)."""
    prefix = f".{name}{_TMP_MARK}"
    with contextlib.suppress(OSError):
        for p in parent.iterdir():
            if not p.name.startswith(prefix):
                continue
            pid = p.name.removeprefix(prefix).split("-", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(p, ignore_errors=True)


def _swap_in(new: Path, target: Path, flag: str) -> None:
    """Put the finished folder ``new`` at ``target``; afterwards ``new`` names nothing or the old plan."""
    try:
        os.rename(new, target)  # the target does not exist or is an empty folder: one step
        return
    except OSError as exc:
        if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
            raise
    check_plan_target(target, flag)  # another run may have put a plan there meanwhile: that may be replaced
    if _exchange(new, target):
        return
    aside = new.with_name(new.name + "-old")
    os.rename(target, aside)
    os.rename(new, target)
    os.rename(aside, new)


def write_plan_folder(
    target: Path, files: dict[str, str | bytes], *, scenario: str, scenario_digest: str, tool_version: str,
    flag: str = "--out",
) -> list[str]:
    """Write ``files`` (name → content) as one plan folder at ``target`` with a manifest; returns the names written
    (the manifest last). Raises :class:`OutputRefused` (exit 2) or :class:`OutputFailed` (exit 74); in both cases
    and on any interruption the target is left as it was."""
    target = Path(os.path.abspath(target))
    if target.is_symlink():
        target = target.resolve()
    check_plan_target(target, flag)
    make_folder(target.parent)
    _remove_stale(target.parent, target.name)
    build = target.parent / f".{target.name}{_TMP_MARK}{os.getpid()}-{secrets.token_hex(4)}"
    delay = _delay()
    try:
        try:
            build.mkdir()
            entries: dict[str, FileEntry] = {}
            for name, content in files.items():
                data = content.encode("utf-8") if isinstance(content, str) else content
                _write_file(build / name, data)
                entries[name] = {"sha256": sha256(data), "bytes": len(data)}
                if delay:
                    time.sleep(delay)
            manifest: Manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "tool_version": tool_version,
                "scenario": scenario,
                "scenario_digest": scenario_digest,
                "files": entries,
            }
            _write_file(build / MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode())
            _fsync_dir(build)
            _swap_in(build, target, flag)
            _fsync_dir(target.parent)
        except OSError as exc:
            raise failed(target, exc) from exc
    finally:
        shutil.rmtree(build, ignore_errors=True)  # the unfinished build, or the old plan after the swap
    return [*files, MANIFEST]


def read_plan_folder(folder: Path) -> PlanFiles:
    """Read a plan folder and check it is one complete plan: every file in the manifest present with its SHA-256,
    no other file. Raises :class:`NotAPlanFolder` (exit 2) with what is wrong, and :class:`OutputFailed` never:
    an unreadable file is reported as unreadable."""
    if not folder.exists():
        raise NotAPlanFolder(f"plan folder {folder} does not exist")
    if not folder.is_dir():
        raise NotAPlanFolder(f"{folder} is a file, not a plan folder written by 'planner plan --out'")
    again = f"Run 'planner plan SCENARIO --out {folder}' again."
    manifest = _manifest_of(folder)
    if manifest is None:
        raise NotAPlanFolder(
            f"{folder} has no planner manifest.json, so it is not known to be one complete plan (an interrupted or "
            f"older run, or files put there by hand); its numbers are not used. {again}"
        )
    try:
        names = sorted(p.name for p in folder.iterdir() if p.name != MANIFEST)
    except OSError as exc:
        raise NotAPlanFolder(f"cannot read plan folder {folder}: {exc.strerror or exc}") from exc
    wrong: list[str] = []
    files: dict[str, bytes] = {}
    for name, entry in manifest["files"].items():
        try:
            data = (folder / name).read_bytes()
        except FileNotFoundError:
            wrong.append(f"{name} is missing")
            continue
        except OSError as exc:
            wrong.append(f"{name} cannot be read ({exc.strerror or exc})")
            continue
        if not isinstance(entry, dict) or sha256(data) != entry.get("sha256"):
            wrong.append(f"{name} is not the file the manifest lists (its SHA-256 differs)")
        files[name] = data
    wrong += [f"{name} is not part of the plan" for name in names if name not in manifest["files"]]
    if wrong:
        raise NotAPlanFolder(
            f"{folder} is not one complete plan: {'; '.join(wrong)}. The folder mixes two runs or was changed after "
            f"it was written, so its numbers are not used. {again}"
        )
    return PlanFiles(folder, manifest, files)
