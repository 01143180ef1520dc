"""What can go wrong when the planner writes: a refused target (exit 2) or the user's environment (exit 74).

Both are the user's to act on, never a bug: the message names the path and what to do, and the files already there
are left intact (every write goes to a temporary file or folder first).
"""

from __future__ import annotations

import errno
from pathlib import Path

from planner.outcome import EnvironmentProblem, InputError


class OutputRefused(InputError):
    """The output would destroy something (an input of the scenario, a folder that is not a plan folder) or has the
    wrong kind of name (``--xlsx offers.csv``). Nothing was written. Exit 2."""


class OutputFailed(EnvironmentProblem):
    """The environment refused the write: the disk is full, the target is read-only, a file stands where a folder
    should be. Earlier files are intact. Exit 74 (``EX_IOERR`` of sysexits.h)."""


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.EEXIST: "something is already in the way",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EXDEV: "the temporary copy and the target are on different file systems",
    errno.EIO: "the device reported an input/output error",
}


def failed(path: Path, exc: OSError, what: str = "write") -> OutputFailed:
    """An :class:`OutputFailed` for an OS error while writing ``path``, in words."""
    reason = _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    return OutputFailed(f"cannot {what} {path}: {reason}. Nothing there was changed; free space or choose another "
                        "place and run again.")


class NotAPlanFolder(InputError):
    """A folder given as a plan folder is missing, partial, mixed from two runs or changed by hand: its numbers
    cannot be trusted, so nothing is computed from it. Exit 2."""
