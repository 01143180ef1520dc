"""Solver-neutral integer/linear programs and interchangeable solver backends.

Build a :class:`LinearProgram` (numpy arrays, CSR rows, always minimised), pick a backend with
:func:`get_solver` (``"highs"`` is the default, also ``"scip"``, ``"cbc"``, ``"cpsat"``) and call
``solver.solve(lp, SolveOptions(...))`` to get a :class:`SolveResult`.

Importing this package loads no solver library (only numpy); backends import highspy / OR-Tools /
PuLP when first used.
"""

from __future__ import annotations

import os

from solvers.base import (
    Feature,
    Label,
    Limit,
    LinearProgram,
    SolveOptions,
    Solver,
    SolverCapabilityError,
    SolverError,
    SolveResult,
    SolverNotAvailable,
    Status,
)
from solvers.registry import SOLVER_NAMES, available_solvers, get_solver

__all__ = [
    "SOLVER_NAMES",
    "Feature",
    "Label",
    "Limit",
    "LinearProgram",
    "SolveOptions",
    "SolveResult",
    "Solver",
    "SolverCapabilityError",
    "SolverError",
    "SolverNotAvailable",
    "Status",
    "available_solvers",
    "get_solver",
    "write_mps",
]


def write_mps(lp: LinearProgram, path: str | os.PathLike[str]) -> None:
    """Write ``lp`` as a free-format MPS file via highspy (see :func:`solvers.highs.write_mps`)."""
    from solvers.highs import write_mps as _write_mps

    _write_mps(lp, path)
