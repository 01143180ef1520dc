"""Province parts solved once and reused: what a national what-if does not change is not solved again.

A single change (a site, an offer, one municipality's need) touches one province; the other provinces' parts are
the same programs as in the previous run, and their goals reach the same values. :mod:`planner.model.solve` looks
each part up here by a digest of everything its solve depends on — the backend(s) per goal, the options that
change what a backend returns (gap, threads, seed; not the time limit: only proven parts are kept, and a proven
optimum does not depend on how long it took), the goals' names, the part's program (matrix, row and variable
bounds, integrality), its objectives, its min–max variables and its hint — and reuses the steps of a part whose
every goal was proven. With one thread and a fixed seed a backend returns the same values for the same program,
so a reused part gives the plan a fresh solve gives (``tests/model/test_reuse.py``).

The store is per process (a sweep's worker process reuses across the variations it runs; ``planner serve`` across
requests) and bounded: the least recently used parts are dropped beyond :data:`PART_CACHE_SIZE`. A sweep proves its
base once in the main process and hands those parts to every worker (:meth:`PartStore.snapshot`,
:meth:`PartStore.seed`), so no worker solves the provinces its first variation does not change: a seeded part is
used only where a variation's part has the same digest, exactly as if the worker had proven it itself.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

import numpy as np

from solvers import LinearProgram, SolveOptions

PART_CACHE_SIZE = 256
"""Parts kept per process: a national plan has 12, so this is the last 20 or so national runs' parts."""

T = TypeVar("T")


def part_digest(
    backends: Sequence[str],
    options: SolveOptions,
    goals: Sequence[str],
    lp: LinearProgram,
    objectives: Sequence[np.ndarray],
    maxima: Sequence[int | None],
    hint: np.ndarray | None,
) -> str:
    """A digest of everything a part's solve depends on (see the module docstring)."""
    h = hashlib.sha256()
    h.update(repr((tuple(backends), options.mip_gap, options.threads, options.seed, tuple(goals))).encode())
    h.update(repr((lp.n_vars, lp.n_rows, tuple(maxima))).encode())
    arrays = (lp.a_indptr, lp.a_indices, lp.a_data, lp.row_lb, lp.row_ub, lp.var_lb, lp.var_ub, lp.var_integer)
    for a in (*arrays, *objectives):
        h.update(np.ascontiguousarray(a).tobytes())
        h.update(b"|")
    h.update(b"no hint" if hint is None else np.ascontiguousarray(hint, dtype=np.float64).tobytes())
    return h.hexdigest()


class PartStore(Generic[T]):
    """Proven parts by digest, least recently used dropped first."""

    def __init__(self, size: int = PART_CACHE_SIZE) -> None:
        self.size = size
        self._parts: OrderedDict[str, T] = OrderedDict()
        self._lock = threading.Lock()  # threads of one process (a thread pool of runs) share the store
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> T | None:
        with self._lock:
            found = self._parts.get(key)
            if found is None:
                self.misses += 1
                return None
            self._parts.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: str, value: T) -> None:
        with self._lock:
            self._parts[key] = value
            self._parts.move_to_end(key)
            while len(self._parts) > self.size:
                self._parts.popitem(last=False)

    def snapshot(self) -> list[tuple[str, T]]:
        """The stored parts (digest, steps), oldest first: what :meth:`seed` takes in another process."""
        with self._lock:
            return list(self._parts.items())

    def seed(self, parts: Iterable[tuple[str, T]]) -> None:
        """Store parts proven in another process (a :meth:`snapshot`), each under its own digest."""
        for key, value in parts:
            self.put(key, value)

    def clear(self) -> None:
        with self._lock:
            self._parts.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._parts)
