"""Plan folders are written as one unit and read only when whole — proven with real processes: kill -9 and Ctrl-C
in the middle of writing, two runs into the same folder at once, and folders mixed or damaged by hand."""

from __future__ import annotations

import json
import shutil
import signal
import time
from pathlib import Path

import pytest

from planner.io import NotAPlanFolder, OutputFailed, OutputRefused
from planner.io.plan_folder import MANIFEST, WRITE_DELAY_ENV, check_plan_target, read_plan_folder, write_plan_folder
from tests.io.support import DRENTHE, WHATIF, plan_into, planner, popen, snapshot, spuk_total


def _build_dirs(parent: Path, name: str) -> list[Path]:
    return [p for p in parent.iterdir() if p.name.startswith(f".{name}.planner-")]


def _wait_for_build(parent: Path, name: str, files: int, timeout: float = 60) -> Path:
    """Wait until a run's hidden build folder beside ``parent/name`` holds ``files`` files."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for build in _build_dirs(parent, name):
            if len(list(build.iterdir())) >= files:
                return build
        time.sleep(0.05)
    raise AssertionError("the run never started writing its plan folder")


@pytest.mark.slow
@pytest.mark.parametrize("how", ["kill -9", "Ctrl-C"])
def test_a_run_stopped_while_writing_leaves_the_earlier_plan_whole(tmp_path: Path, how: str) -> None:
    out = tmp_path / "plan"
    before = plan_into(out)
    old_total = spuk_total(out)
    proc = popen("plan", WHATIF, "--out", out, "-f", "json", env={WRITE_DELAY_ENV: "3"})
    _wait_for_build(tmp_path, "plan", files=2)  # two of the new files are written, the rest are not
    proc.send_signal(signal.SIGKILL if how == "kill -9" else signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert snapshot(out) == before  # byte for byte the earlier plan
    read_plan_folder(out)  # and it verifies against its manifest
    assert spuk_total(out) == old_total
    if how == "Ctrl-C":
        assert proc.returncode == 130
        assert "interrupted" in err
        assert "as it was before" in err  # the message is true: the folder is as it was
        assert "Traceback" not in err
        assert _build_dirs(tmp_path, "plan") == []  # the unfinished build was removed
    else:
        assert proc.returncode == -signal.SIGKILL
        assert len(_build_dirs(tmp_path, "plan")) == 1  # a killed process cannot clean up ...
        plan_into(out, WHATIF)  # ... the next run into the same folder does
        assert _build_dirs(tmp_path, "plan") == []
        assert spuk_total(out) != old_total


@pytest.mark.slow
def test_concurrent_runs_into_one_folder_end_with_one_complete_plan(tmp_path: Path) -> None:
    """Two real processes (base case and a what-if with other SPUK money) write into the same --out three times;
    each time the folder is exactly one of the two runs, verified file by file."""
    alone = {}
    for name, scenario in (("base", DRENTHE), ("whatif", WHATIF)):
        plan_into(tmp_path / name, scenario)
        alone[name] = read_plan_folder(tmp_path / name).files
    assert spuk_total(tmp_path / "base") != spuk_total(tmp_path / "whatif")
    out = tmp_path / "shared"
    seen = set()
    for _ in range(3):
        procs = [popen("plan", s, "--out", out, "-f", "json", env={WRITE_DELAY_ENV: "0.2"}) for s in (DRENTHE, WHATIF)]
        for p in procs:
            _, err = p.communicate(timeout=180)
            assert p.returncode == 0, err
        files = read_plan_folder(out).files
        winner = next(name for name, f in alone.items() if json.loads(f["result.json"])["scenario_digest"]
                      == json.loads(files["result.json"])["scenario_digest"])
        for name in ("scenario.resolved.json", "municipalities.csv", "sites.csv", "province.csv"):
            assert files[name] == alone[winner][name]
        seen.add(winner)
        assert _build_dirs(tmp_path, "shared") == []
    assert seen  # which run wins is up to the scheduler; each round ends with one whole plan


def _mixed(tmp_path: Path, *, with_manifest: bool) -> Path:
    """The folder of issue 12: the base plan's CSVs with a what-if's result.json and resolved scenario."""
    plan_into(tmp_path / "base")
    plan_into(tmp_path / "whatif", WHATIF)
    mixed = tmp_path / "mixed"
    shutil.copytree(tmp_path / "base", mixed)
    for name in ("result.json", "scenario.resolved.json"):
        shutil.copyfile(tmp_path / "whatif" / name, mixed / name)
    if not with_manifest:
        (mixed / MANIFEST).unlink()
    return mixed


@pytest.mark.slow
@pytest.mark.parametrize("with_manifest", [True, False])
@pytest.mark.parametrize("command", ["spuk", "report"])
def test_a_hand_mixed_folder_is_refused_by_every_reader(tmp_path: Path, with_manifest: bool, command: str) -> None:
    mixed = _mixed(tmp_path, with_manifest=with_manifest)
    extra = ["--html", tmp_path / "r.html"] if command == "report" else []
    res = planner(command, "--plan", mixed, *extra)
    assert res.returncode == 2, res.stdout
    assert ("not one complete plan" if with_manifest else "no planner manifest.json") in res.stderr
    assert "Traceback" not in res.stderr
    assert "€" not in res.stdout  # no money from a mixed folder
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("damage", ["missing", "extra", "edited"])
def test_a_partial_or_changed_folder_is_refused(tmp_path: Path, damage: str) -> None:
    out = tmp_path / "plan"
    plan_into(out)
    if damage == "missing":
        (out / "sites.csv").unlink()
    elif damage == "extra":
        (out / "notes.txt").write_text("mine", encoding="utf-8")
    else:
        text = (out / "sites.csv").read_text(encoding="utf-8")
        (out / "sites.csv").write_text(text.replace(",1000,", ",1001,", 1), encoding="utf-8")
    with pytest.raises(NotAPlanFolder, match="not one complete plan") as info:
        read_plan_folder(out)
    expected = {"missing": "sites.csv is missing", "extra": "notes.txt is not part of the plan",
                "edited": "sites.csv is not the file the manifest lists"}[damage]
    assert expected in info.value.message


def test_plan_folder_targets(tmp_path: Path) -> None:
    """New, empty and earlier plan folders may be written; anything else is refused before writing."""
    check_plan_target(tmp_path / "new" / "deeper")
    (tmp_path / "empty").mkdir()
    check_plan_target(tmp_path / "empty")
    files = {"result.json": "{}\n"}
    write_plan_folder(tmp_path / "earlier", files, scenario="s", scenario_digest="d", tool_version="t")
    check_plan_target(tmp_path / "earlier")
    (tmp_path / "earlier" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputRefused, match=r"also holds notes\.txt"):
        check_plan_target(tmp_path / "earlier")
    with pytest.raises(OutputRefused, match="not a plan folder"):
        check_plan_target(DRENTHE)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputFailed, match="is a file, not a folder"):
        check_plan_target(tmp_path / "file")
    with pytest.raises(OutputFailed, match="is a file, not a folder"):
        check_plan_target(tmp_path / "file" / "plan")


def test_an_infeasible_run_replaces_the_whole_earlier_plan(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    plan_into(out)
    infeasible = Path(__file__).parents[1] / "data" / "infeasible" / "drenthe-amv-closed"
    res = planner("plan", infeasible, "--out", out, "-f", "json")
    assert res.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "result.json", "scenario.resolved.json"]
    assert json.loads((out / "result.json").read_text(encoding="utf-8"))["status"] == "infeasible"
    res = planner("spuk", "--plan", out, "--lang", "en")
    assert res.returncode == 1
    assert "holds no plan" in res.stderr


def test_the_two_rename_swap_replaces_a_plan_whole_where_no_atomic_exchange_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where renameat2(RENAME_EXCHANGE) is missing (not Linux/glibc, or a file system without it) the folder is
    swapped with two renames: the new plan ends up whole at the target and no build or old folder is left."""
    import planner.io.plan_folder as pf

    monkeypatch.setattr(pf, "_exchange", lambda _a, _b: False)
    target = tmp_path / "plan"
    meta = {"scenario": "x", "scenario_digest": "d", "tool_version": "0"}
    write_plan_folder(target, {"a.csv": "old\n", "b.csv": "old\n"}, **meta)
    write_plan_folder(target, {"a.csv": "new\n"}, **meta)
    assert sorted(p.name for p in target.iterdir()) == ["a.csv", MANIFEST]
    assert (target / "a.csv").read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]
    read_plan_folder(target)  # the manifest matches: one complete plan
