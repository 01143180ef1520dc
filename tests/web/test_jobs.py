"""The worker pool with real processes: one job per question, a cancelled job's process is ended, a failure is
reported with its real reason (and not cached), a refusal of the input keeps its problems, at most ``workers`` run
at once, and workers come from a forkserver (never forked from the threaded server) and live on between jobs."""

from __future__ import annotations

import os
import signal
import time

import pytest

from planner.web.jobs import Pool


def _sleep_and_pid(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _fail() -> None:
    raise RuntimeError("kapot")


def _refuse() -> None:
    from planner.outcome import InputError
    from planner.scenario.problems import Problems

    problems = Problems()
    problems.error("sites.csv", 4, "places", "must be a whole number")
    raise InputError("1 error in the scenario", problems=problems)


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _parent_and_pid() -> tuple[int, int]:
    return os.getppid(), os.getpid()


def test_same_question_same_job_and_the_answer_comes_from_a_worker() -> None:
    pool = Pool(workers=2)
    first = pool.submit(("q", 1), "vraag", _sleep_and_pid, 0.2)
    assert pool.submit(("q", 1), "vraag", _sleep_and_pid, 0.2) is first
    assert first.done.wait(30)
    assert first.ok
    assert first.result != os.getpid()
    assert pool.submit(("q", 1), "vraag", _sleep_and_pid, 0.2) is first  # cached


def test_cancel_ends_the_worker_and_a_new_request_starts_again() -> None:
    pool = Pool(workers=1)
    # the server's own SIGTERM handler (uvicorn: "shut down gracefully") must not reach the worker: it ends all the
    # same
    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        job = pool.submit(("slow",), "landelijk", _sleep_and_pid, 60)
    finally:
        signal.signal(signal.SIGTERM, previous)
    deadline = time.monotonic() + 20
    while job.process is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert job.state == "running"
    process = job.process
    time.sleep(1.0)  # the worker has set its own handlers (a cancel in the first instant is killed after 2 s)
    pool.cancel(job.id)
    assert job.done.wait(10)
    assert job.state == "cancelled"
    assert job.result is None
    process.join(5)
    assert not process.is_alive()
    assert process.exitcode == -signal.SIGTERM  # ended by SIGTERM itself, not by the kill that follows it
    again = pool.submit(("slow",), "landelijk", _sleep_and_pid, 0)
    assert again is not job
    assert again.done.wait(30)
    assert again.ok


def test_a_queued_job_waits_for_a_free_worker_and_failures_are_not_cached() -> None:
    pool = Pool(workers=1)
    busy = pool.submit(("a",), "a", _sleep_and_pid, 1.0)
    queued = pool.submit(("b",), "b", _sleep_and_pid, 0)
    time.sleep(0.3)
    assert queued.state == "queued"
    assert busy.done.wait(30)
    assert queued.done.wait(30)
    assert queued.started is not None
    assert busy.finished is not None
    assert queued.started >= busy.finished - 0.05
    failed = pool.submit(("f",), "f", _fail)
    assert failed.done.wait(30)
    assert failed.state == "failed"
    assert "RuntimeError: kapot" in failed.error
    assert pool.submit(("f",), "f", _fail) is not failed


def test_a_refused_input_keeps_its_problems_and_a_dead_worker_says_how_it_died(
        caplog: pytest.LogCaptureFixture) -> None:
    pool = Pool(workers=1)
    refused = pool.submit(("r",), "r", _refuse)
    assert refused.done.wait(30)
    assert refused.state == "invalid"
    assert refused.refusal is not None
    assert refused.refusal.outcome == "bad_input"
    [problem] = refused.refusal.problems
    assert (problem.file, problem.row, problem.field) == ("sites.csv", 4, "places")
    with caplog.at_level("ERROR", logger="planner.serve"):
        died = pool.submit(("d",), "d", _die)
        assert died.done.wait(30)
    assert died.state == "failed"
    assert "SIGKILL" in died.error
    assert f"job {died.id} (d) failed: the worker was ended by signal SIGKILL" in caplog.text
    after = pool.submit(("after",), "after", _sleep_and_pid, 0)  # a new worker takes the dead one's place
    assert after.done.wait(30)
    assert after.ok


def test_workers_come_from_a_forkserver_and_live_on_between_jobs() -> None:
    pool = Pool(workers=1)
    pool.start()
    first = pool.submit(("p", 1), "p", _parent_and_pid)
    second = pool.submit(("p", 2), "p", _parent_and_pid)
    assert first.done.wait(30)
    assert second.done.wait(30)
    parent, pid = first.result
    assert parent != os.getpid()  # forked by the forkserver, not by this (threaded) process
    assert second.result == (parent, pid)  # the same worker took the next job
    pool.close()
