"""The user's environment is not a bug: a full disk, a read-only file system and a file where a folder should be
end in a clear message and exit 74 (never 70), with the earlier files intact. Real processes on a real tmpfs."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.io.support import WHATIF, plan_into, planner, snapshot


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A private 1 MB tmpfs (needs root and mount rights; skipped with the reason where the platform refuses)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command: the full-disk and read-only tests need a real small file system")
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True,
                         text=True, check=False)
    if res.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({res.stderr.strip()}); run as root with mount rights")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, check=False)


def _fill(mnt: Path, leave: int) -> None:
    """Fill the file system up to ``leave`` bytes."""
    st = os.statvfs(mnt)
    free = st.f_bavail * st.f_frsize
    (mnt / "filler").write_bytes(b"\0" * max(0, free - leave))


def _environment(res: subprocess.CompletedProcess[str], reason: str) -> None:
    assert res.returncode == 74, (res.stdout, res.stderr)
    assert reason in res.stderr
    assert "internal error" not in res.stderr
    assert "Traceback" not in res.stderr


@pytest.mark.slow
def test_a_full_disk_is_exit_74_and_the_earlier_outputs_stay(tmpfs: Path) -> None:
    plan = tmpfs / "plan"
    before = plan_into(plan)
    (tmpfs / "plan.xlsx").write_bytes(b"earlier workbook")
    _fill(tmpfs, leave=16 * 1024)  # less than one plan folder, less than one workbook
    _environment(planner("plan", WHATIF, "--out", plan, "-f", "json"), "the disk is full")
    assert snapshot(plan) == before
    assert sorted(p.name for p in tmpfs.iterdir()) == ["filler", "plan", "plan.xlsx"]  # no temporary left
    _environment(planner("plan", "--xlsx", tmpfs / "plan.xlsx", "-f", "json"), "the disk is full")
    assert (tmpfs / "plan.xlsx").read_bytes() == b"earlier workbook"
    _environment(planner("report", "--html", tmpfs / "report.html"), "the disk is full")
    assert sorted(p.name for p in tmpfs.iterdir()) == ["filler", "plan", "plan.xlsx"]


@pytest.mark.slow
def test_a_read_only_file_system_is_exit_74_and_nothing_changes(tmpfs: Path) -> None:
    plan = tmpfs / "plan"
    before = plan_into(plan)
    res = subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], capture_output=True, text=True, check=False)
    if res.returncode != 0:
        pytest.skip(f"cannot remount the tmpfs read-only ({res.stderr.strip()})")
    _environment(planner("plan", WHATIF, "--out", plan, "-f", "json"), "read-only")
    _environment(planner("plan", "--xlsx", tmpfs / "plan.xlsx", "-f", "json"), "read-only")
    _environment(planner("compare", WHATIF, WHATIF, "--csv", tmpfs / "compare.csv", "-f", "json"), "read-only")
    assert snapshot(plan) == before
    assert sorted(p.name for p in tmpfs.iterdir()) == ["plan"]


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "--out", "{file}"],
        ["plan", "--out", "{file}/plan"],
        ["plan", "--xlsx", "{file}/plan.xlsx"],
        ["report", "--html", "{file}/report.html"],
        ["spuk", "--xlsx", "{file}/deeper/spuk.xlsx"],
    ],
)
def test_a_file_where_a_folder_should_be_is_exit_74(tmp_path: Path, args: list[str]) -> None:
    """Works on any platform and as any user: a path whose folder part is an existing file."""
    file = tmp_path / "in-the-way"
    file.write_text("mine", encoding="utf-8")
    res = planner(*(a.replace("{file}", str(file)) for a in args))
    _environment(res, "is a file, not a folder")
    assert file.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in-the-way"]
