"""The worker pool: solves run in worker processes, at most ``workers`` at a time, so the page stays responsive and
a long (national) solve can be cancelled by ending its process.

A job is known by its key — what decides its answer: the kind of view, the scenario digests and the language — so
two browsers asking the same question share one job and see the same answer, and a finished answer is served from
the cache (:class:`Pool` keeps the last :data:`CACHE_SIZE`). A cancelled, refused or failed job is not cached.

Workers come from a ``forkserver``: a clean single-threaded process that imported the planner once (``preload``)
and forks each worker from itself — never from the threaded web server, whose locks a fork would copy in whatever
state another thread left them. A worker lives on after its job and takes the next one, so what it keeps between
jobs (:mod:`planner.web.work` keeps the last plans by scenario digest) makes the next what-if of the same base
quicker; a cancelled job's worker is ended and a new one takes its place.

A job ends in one of three ways besides its answer: ``invalid`` (the input is wrong: the journey raised a
:class:`~planner.outcome.PlannerError`, kept as :class:`Refusal` with every problem), ``failed`` (a bug, or the
worker died: the reason says which, with its exit code or signal, and is logged with the job id) or
``cancelled``.
"""

from __future__ import annotations

import collections
import dataclasses
import logging
import multiprocessing
import os
import secrets
import signal
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

KILL_AFTER_SECONDS = 2.0
"""A cancelled worker that has not ended this long after SIGTERM is killed."""
CACHE_SIZE = 64
"""Finished answers kept (a Drenthe view is a few hundred kB)."""
RECENT_KEYS = 8
"""Per worker, the affinities (base scenario digests) of its last jobs: a job goes to a worker that has its base."""

log = logging.getLogger("planner.serve")


@dataclasses.dataclass(frozen=True)
class Refusal:
    """Why a job's input cannot be answered: a :class:`~planner.outcome.PlannerError` as plain data (its message,
    outcome and the scenario's problems with file, row and field)."""

    message: str
    outcome: str
    problems: tuple[Any, ...] = ()
    """:class:`planner.scenario.problems.Problem` errors (each has its nl/en text)."""
    text_of: Any = None
    """The error's catalogue message (:attr:`planner.outcome.PlannerError.text_of`), said in the page's language."""


@dataclasses.dataclass
class Job:
    """One computation: ``state`` is queued → running → done | invalid | failed | cancelled."""

    id: str
    key: tuple[Any, ...]
    label: str
    time_limit: float | None
    state: str = "queued"
    result: Any = None
    error: str = ""
    """Why it failed (a bug's traceback, or how the worker ended)."""
    refusal: Refusal | None = None
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


def _watch_server(server: int) -> None:
    """End this worker when the server is gone (killed without the chance to end its workers). The worker's
    parent is the forkserver, so the server is watched by its process id."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(server, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the id was reused by another user's process: the server is gone
            os._exit(1)


def _refusal(exc: BaseException) -> Refusal | None:
    from planner.outcome import PlannerError

    if not isinstance(exc, PlannerError):
        return None
    problems = tuple(exc.problems.errors) if exc.problems is not None else ()
    return Refusal(exc.message, exc.outcome.value, problems, exc.text_of)


def _worker(conn: Connection, server: int) -> None:
    """A worker's life: take ``(fn, args)``, send back ``(state, value)``, until the server closes the pipe."""
    # A worker ends at once on SIGTERM (cancel) and SIGINT (Ctrl-C in the server's terminal).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    threading.Thread(target=_watch_server, args=(server,), daemon=True).start()
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        reply: tuple[str, Any]
        try:
            reply = ("done", fn(*args))
        except Exception as exc:  # the parent shows it; a bug must not end the worker silently
            refused = _refusal(exc)
            reply = ("invalid", refused) if refused is not None else (
                "failed", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=12)}")
        try:
            conn.send(reply)
        except Exception as exc:  # an answer that cannot be sent (not picklable): say so, never hang the job
            conn.send(("failed", f"the answer could not be sent back: {type(exc).__name__}: {exc}"))


_reaping = threading.Lock()
"""One thread at a time waits for a worker to end: a forkserver child's exit status is read once from a pipe, and a
second reader at the same moment would see the pipe closed (and multiprocessing would report exit code 255)."""


def _join(process: Any, timeout: float = KILL_AFTER_SECONDS) -> None:
    with _reaping:
        process.join(timeout)


def _how_it_ended(process: Any) -> str:
    _join(process)
    code = process.exitcode
    if code is None:
        return "the worker stopped answering"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return f"the worker was ended by signal {name}" + (" (out of memory?)" if -code == signal.SIGKILL else "")
    return f"the worker exited with code {code}"


@dataclasses.dataclass
class _Worker:
    process: Any
    conn: Connection
    recent: collections.deque[Any] = dataclasses.field(default_factory=lambda: collections.deque(maxlen=RECENT_KEYS))


class Pool:
    """Runs jobs in worker processes from a forkserver; at most ``workers`` at once, the rest wait in order.

    ``preload``: modules the forkserver imports once, so every worker starts with them."""

    def __init__(self, workers: int = 1, preload: Sequence[str] = ()) -> None:
        self.workers = max(1, workers)
        self._slots = threading.BoundedSemaphore(self.workers)
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._by_key: collections.OrderedDict[tuple[Any, ...], Job] = collections.OrderedDict()
        self._idle: list[_Worker] = []
        self._closed = False
        self._ctx = multiprocessing.get_context("forkserver")
        if preload:
            self._ctx.set_forkserver_preload(list(preload))

    def start(self) -> None:
        """Start the forkserver and the workers now (at server start), not at the first question."""
        started = [self._new_worker() for _ in range(self.workers)]
        with self._lock:
            self._idle.extend(started)

    def _new_worker(self) -> _Worker:
        mine, theirs = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=_worker, args=(theirs, os.getpid()), daemon=True, name="planner-worker")
        process.start()
        theirs.close()
        return _Worker(process, mine)

    def submit(self, key: tuple[Any, ...], label: str, fn: Callable[..., Any], *args: Any,
               time_limit: float | None = None, affinity: Any = None) -> Job:
        """The job for ``key``: the finished or running one when there is one, else a new one for ``fn(*args)``
        (``fn`` a module-level function; it and ``args`` travel to the worker by pickle). ``affinity``: prefer a
        worker whose recent jobs had it (the base scenario's digest: that worker keeps its plan)."""
        with self._lock:
            known = self._by_key.get(key)
            if known is not None and known.state in ("queued", "running", "done"):
                self._by_key.move_to_end(key)
                return known
            job = Job(secrets.token_urlsafe(12), key, label, time_limit)
            self._jobs[job.id] = job
            self._by_key[key] = job
            self._trim()
        threading.Thread(target=self._run, args=(job, fn, args, affinity), name=f"job-{job.id}", daemon=True).start()
        return job

    def _trim(self) -> None:
        done = [k for k, j in self._by_key.items() if j.done.is_set()]
        for k in done[: max(0, len(done) - CACHE_SIZE)]:
            self._jobs.pop(self._by_key.pop(k).id, None)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def cancel(self, job_id: str) -> Job | None:
        """Stop a queued or running job (its worker is ended); a finished job stays as it is."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.done.is_set():
                return job
            job.state = "cancelled"
            process = job.process
        if process is not None and process.is_alive():
            process.terminate()
            _join(process)
            if process.is_alive():
                process.kill()
                _join(process)
        return job

    def _take(self, affinity: Any) -> _Worker:
        """An idle live worker (one that has ``affinity`` first), or a new one."""
        with self._lock:
            live = [w for w in self._idle if w.process.is_alive()]
            self._idle = live
            mine = next((w for w in live if affinity is not None and affinity in w.recent), None)
            worker = mine or (live[0] if live else None)
            if worker is not None:
                self._idle.remove(worker)
                return worker
        return self._new_worker()

    def _run(self, job: Job, fn: Callable[..., Any], args: tuple[Any, ...], affinity: Any) -> None:
        with self._slots:
            with self._lock:
                if job.state == "cancelled":
                    self._finish(job)
                    return
            try:
                worker = self._take(affinity)
            except Exception as exc:  # no process could be started (out of memory, too many processes)
                self._end(job, "failed", f"no worker could be started: {type(exc).__name__}: {exc}")
                return
            with self._lock:
                if job.state == "cancelled":  # cancelled while the worker started
                    self._idle.append(worker)
                    self._finish(job)
                    return
                job.state, job.started, job.process = "running", time.monotonic(), worker.process
            healthy = True
            try:
                worker.conn.send((fn, args))
                state, value = worker.conn.recv()
            except (EOFError, OSError):
                healthy, state, value = False, "failed", _how_it_ended(worker.process)
            except Exception as exc:  # the question could not be sent (not picklable)
                state, value = "failed", f"the question could not be sent to the worker: {type(exc).__name__}: {exc}"
            if healthy and job.state != "cancelled" and worker.process.is_alive():
                worker.recent.append(affinity)
                with self._lock:
                    if not self._closed:
                        self._idle.append(worker)
                        worker = None  # type: ignore[assignment]
            if worker is not None:
                worker.conn.close()
                if worker.process.is_alive():
                    worker.process.kill()
                _join(worker.process)
            self._end(job, state, value)

    def _end(self, job: Job, state: str, value: Any) -> None:
        with self._lock:
            if job.state != "cancelled":
                job.state = state
                if state == "done":
                    job.result = value
                elif state == "invalid":
                    job.refusal = value
                else:
                    job.error = str(value)
                    log.error("job %s (%s) failed: %s", job.id, job.label, job.error)
            self._finish(job)

    def _finish(self, job: Job) -> None:
        job.finished = time.monotonic()
        if job.state != "done" and self._by_key.get(job.key) is job:
            del self._by_key[job.key]  # ask again: a new job
        job.done.set()

    def close(self) -> None:
        """End every worker (at server stop)."""
        with self._lock:
            self._closed = True
            running = [j.process for j in self._jobs.values() if j.process is not None and not j.done.is_set()]
            idle, self._idle = self._idle, []
        for w in idle:
            w.conn.close()  # the worker's loop ends at the closed pipe
        for p in [*running, *(w.process for w in idle)]:
            if p.is_alive():
                p.kill()  # the server is stopping: nothing to wait for


def default_workers() -> int:
    """One worker per CPU, at least one and at most four."""
    return max(1, min(4, os.cpu_count() or 1))
