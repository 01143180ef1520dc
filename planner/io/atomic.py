"""Files written whole or not at all.

An existing output file is never half-overwritten: we write a temporary file in the same folder, flush it to disk
and rename it over the target in one step (``os.replace``), so a crash, Ctrl-C or kill -9 leaves either the old file
or the new one. An OS error (full disk, read-only target, a file where a folder should be) becomes
:class:`~planner.io.errors.OutputFailed` (exit 74) and the old file stays as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from planner.io.errors import failed


def make_folder(path: Path) -> None:
    """``mkdir -p`` whose failures are the user's environment (exit 74), not a bug."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise failed(path, exc, "create the folder") from exc


def default_mode() -> int:
    """The permissions a normal ``open()`` gives a new file: 0666 minus the umask (mkstemp would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w", encoding: str | None = "utf-8",
                exclusive: bool = False) -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; on success it replaces ``path`` in one rename. ``exclusive``: the
    complete file is linked to ``path`` instead, which fails with :class:`FileExistsError` when ``path`` exists."""
    path = Path(path)
    make_folder(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise failed(path, exc) from exc
    try:
        os.chmod(tmp, default_mode())
        with os.fdopen(fd, mode, encoding=encoding if "b" not in mode else None) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if exclusive:
            os.link(tmp, path)
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not (exclusive and isinstance(exc, FileExistsError)):
            raise failed(path, exc) from exc
        raise


def write_text(path: Path, text: str) -> None:
    with atomic_open(path) as fh:
        fh.write(text)


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_open(path, "wb") as fh:
        fh.write(data)



def create_text(path: Path, text: str) -> None:
    """Write a new file whole, never over an existing one: :class:`FileExistsError` when ``path`` exists (two
    writers racing for one name: exactly one wins, the other hears it and nothing is overwritten)."""
    with atomic_open(path, exclusive=True) as fh:
        fh.write(text)
