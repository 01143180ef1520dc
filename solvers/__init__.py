"""Solver-neutral integer/linear programs and interchangeable solver backends.

Build a :class:`LinearProgram` (numpy arrays, CSR rows, always minimised), pick a backend with
:func:`get_solver` (``"highs"`` is the default, also ``"scip"``, ``"cbc"``, ``"cpsat"``) and call
``solver.solve(lp, SolveOptions(...))`` to get a :class:`SolveResult`. Modules: :mod:`solvers.program` (the
program, its labels and :func:`restrict`), :mod:`solvers.result` (the result vocabulary), :mod:`solvers.backend`
(the backend interface and its declared :class:`Feature` capabilities).

Importing this package loads no solver library (only numpy); backends import highspy / OR-Tools /
PuLP when first used.
"""

from __future__ import annotations

import os

from solvers.backend import (
    Feature,
    NumericsError,
    OptionError,
    SolveOptions,
    Solver,
    SolverCapabilityError,
    SolverError,
    SolverNotAvailable,
    check_numerics,
    max_threads,
)
from solvers.program import Label, LinearProgram, restrict
from solvers.registry import SOLVER_NAMES, available_solvers, get_solver
from solvers.result import Limit, SolveResult, Status

__all__ = [
    "SOLVER_NAMES",
    "Feature",
    "Label",
    "Limit",
    "LinearProgram",
    "NumericsError",
    "OptionError",
    "SolveOptions",
    "SolveResult",
    "Solver",
    "SolverCapabilityError",
    "SolverError",
    "SolverNotAvailable",
    "Status",
    "available_solvers",
    "check_numerics",
    "get_solver",
    "max_threads",
    "restrict",
    "write_mps",
]


def write_mps(lp: LinearProgram, path: str | os.PathLike[str]) -> None:
    """Write ``lp`` as a free-format MPS file via highspy (see :func:`solvers.highs.write_mps`)."""
    from solvers.highs import write_mps as _write_mps

    _write_mps(lp, path)
