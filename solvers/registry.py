"""Name → backend registry. Backends are imported lazily so ``import solvers`` loads no solver library."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable

from solvers.backend import Solver, SolverNotAvailable

__all__ = ["SOLVER_NAMES", "available_solvers", "get_solver", "solver_class"]

#: Every backend this package knows, in order of preference (HiGHS is the default).
SOLVER_NAMES: tuple[str, ...] = ("highs", "scip", "cbc", "cpsat")


@dataclasses.dataclass(frozen=True)
class _Backend:
    """How to load a backend, and what to tell the user when that fails."""

    display_name: str
    install_hint: str
    load: Callable[[], type[Solver]]


def _lazy(module: str, cls: str) -> Callable[[], type[Solver]]:
    def load() -> type[Solver]:
        loaded: type[Solver] = getattr(importlib.import_module(module), cls)
        return loaded

    return load


# Kept as data (not hard-coded in get_solver) so a test can substitute an entry with monkeypatch.
_BACKENDS: dict[str, _Backend] = {
    "highs": _Backend("HiGHS", "install it with pip install 'highspy>=1.16'", _lazy("solvers.highs", "HighsSolver")),
    "scip": _Backend(
        "SCIP",
        "install OR-Tools (which ships SCIP) with pip install 'ortools>=9.10'",
        _lazy("solvers.scip", "ScipSolver"),
    ),
    "cbc": _Backend(
        "CBC", "install the bundled CBC with pip install 'pulp>=3.3,<4'", _lazy("solvers.cbc", "CbcSolver")
    ),
    "cpsat": _Backend(
        "CP-SAT", "install OR-Tools with pip install 'ortools>=9.10'", _lazy("solvers.cpsat", "CpSatSolver")
    ),
}


def _normalise(name: str) -> str:
    key = name.strip().lower().replace("-", "")
    if key not in _BACKENDS:
        raise ValueError(f"unknown solver {name!r}; valid names are: {', '.join(SOLVER_NAMES)}")
    return key


def solver_class(name: str) -> type[Solver]:
    """The backend class for ``name`` (imports the backend module, not the solver library).

    Raises:
        ValueError: ``name`` is not one of :data:`SOLVER_NAMES`.
        SolverNotAvailable: the backend module cannot be imported.
    """
    backend = _BACKENDS[_normalise(name)]
    try:
        return backend.load()
    except ImportError as exc:
        raise SolverNotAvailable(f"{backend.display_name} is not available ({exc}): {backend.install_hint}") from exc


def get_solver(name: str) -> Solver:
    """A ready-to-use backend instance for ``name`` (case-insensitive; ``"cp-sat"`` = ``"cpsat"``).

    Raises:
        ValueError: unknown name; the message lists the valid names.
        SolverNotAvailable: the backend's library is missing or broken; the message says what to install.
    """
    solver = solver_class(name)()
    if not solver.is_available():
        raise SolverNotAvailable(solver.unavailable_message())
    return solver


def available_solvers() -> tuple[str, ...]:
    """Names of the backends that can run here, in :data:`SOLVER_NAMES` order.

    This imports every solver library to check it (fine at solve time, avoid it at CLI start-up).
    """
    names: list[str] = []
    for name in _BACKENDS:
        try:
            get_solver(name)
        except SolverNotAvailable:
            continue
        names.append(name)
    return tuple(names)
