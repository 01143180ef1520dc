"""The worker pool: every solve runs in its own forked process, at most ``workers`` at a time, so the page stays
responsive and a long (national) solve can be cancelled by ending its process.

A job is known by its key — what decides its answer: the kind of view, the scenario digests and the language — so
two browsers asking the same question share one job and see the same answer, and a finished answer is served from
the cache (:class:`Pool` keeps the last :data:`CACHE_SIZE`). A cancelled or failed job is not cached.

Forking (not spawning) lets the worker inherit the loaded scenario and every imported module: a Drenthe what-if
starts solving at once. The worker sends its result back through a pipe and exits.
"""

from __future__ import annotations

import collections
import dataclasses
import multiprocessing
import os
import secrets
import signal
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

KILL_AFTER_SECONDS = 2.0
"""A cancelled worker that has not ended this long after SIGTERM is killed."""
CACHE_SIZE = 64
"""Finished answers kept (a Drenthe view is a few hundred kB)."""


@dataclasses.dataclass
class Job:
    """One computation: ``state`` is queued → running → done | failed | cancelled."""

    id: str
    key: tuple[Any, ...]
    label: str
    time_limit: float | None
    state: str = "queued"
    result: Any = None
    error: str = ""
    created: float = dataclasses.field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    done: threading.Event = dataclasses.field(default_factory=threading.Event)
    process: Any = None

    @property
    def elapsed(self) -> float:
        """Seconds since it started running (0 while queued)."""
        if self.started is None:
            return 0.0
        return (self.finished or time.monotonic()) - self.started

    @property
    def ok(self) -> bool:
        return self.state == "done"


def _watch_parent(parent: int) -> None:
    """End this worker when the server is gone (killed without the chance to end its workers)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _child(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...], parent: int) -> None:
    # The server's signal handlers (uvicorn's: "shut down gracefully") are inherited by the fork and mean nothing
    # here: a worker ends at once on SIGTERM (cancel) and SIGINT (Ctrl-C in the terminal).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    try:
        conn.send(("done", fn(*args)))
    except BaseException as exc:  # the parent shows it; a bug must not kill the server
        conn.send(("failed", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=8)}"))
    finally:
        conn.close()


class Pool:
    """Runs jobs in forked worker processes; at most ``workers`` at once, the rest wait in order."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._slots = threading.BoundedSemaphore(self.workers)
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._by_key: collections.OrderedDict[tuple[Any, ...], Job] = collections.OrderedDict()
        self._ctx = multiprocessing.get_context("fork")

    def submit(self, key: tuple[Any, ...], label: str, fn: Callable[..., Any], *args: Any,
               time_limit: float | None = None) -> Job:
        """The job for ``key``: the finished or running one when there is one, else a new one for ``fn(*args)``."""
        with self._lock:
            known = self._by_key.get(key)
            if known is not None and known.state in ("queued", "running", "done"):
                self._by_key.move_to_end(key)
                return known
            job = Job(secrets.token_urlsafe(12), key, label, time_limit)
            self._jobs[job.id] = job
            self._by_key[key] = job
            self._trim()
        threading.Thread(target=self._run, args=(job, fn, args), name=f"job-{job.id}", daemon=True).start()
        return job

    def _trim(self) -> None:
        done = [k for k, j in self._by_key.items() if j.done.is_set()]
        for k in done[: max(0, len(done) - CACHE_SIZE)]:
            self._jobs.pop(self._by_key.pop(k).id, None)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def cancel(self, job_id: str) -> Job | None:
        """Stop a queued or running job (its process is ended); a finished job stays as it is."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.done.is_set():
                return job
            job.state = "cancelled"
            process = job.process
        if process is not None and process.is_alive():
            process.terminate()
            process.join(KILL_AFTER_SECONDS)
            if process.is_alive():
                process.kill()
        return job

    def _run(self, job: Job, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        with self._slots:
            with self._lock:
                if job.state == "cancelled":
                    self._finish(job)
                    return
                job.state, job.started = "running", time.monotonic()
                receive, send = self._ctx.Pipe(duplex=False)
                job.process = self._ctx.Process(target=_child, args=(send, fn, args, os.getpid()), daemon=True)
                job.process.start()
            send.close()
            try:
                state, value = receive.recv()
            except (EOFError, OSError):
                state, value = "failed", "the worker ended without an answer"
            finally:
                receive.close()
                job.process.join()
            with self._lock:
                if job.state != "cancelled":
                    job.state = state
                    job.result, job.error = (value, "") if state == "done" else (None, str(value))
                self._finish(job)

    def _finish(self, job: Job) -> None:
        job.finished = time.monotonic()
        if job.state != "done" and self._by_key.get(job.key) is job:
            del self._by_key[job.key]  # ask again: a new job
        job.done.set()

    def close(self) -> None:
        """End every running worker (at server stop)."""
        with self._lock:
            running = [j for j in self._jobs.values() if j.process is not None and not j.done.is_set()]
        for j in running:
            if j.process.is_alive():
                j.process.kill()  # the server is stopping: nothing to wait for


def default_workers() -> int:
    """One worker per CPU, at least one and at most four."""
    return max(1, min(4, os.cpu_count() or 1))
