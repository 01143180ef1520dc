"""Programs derived from a program by what a goal reached: the goal's value fixed as a row, a variable's bound
lowered, and the two leximin steps (count the terms that can go below a level; fix terms at a level). Used by the
lexicographic driver in :mod:`planner.model.solve`."""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from solvers import Label, LinearProgram
from solvers.program import IntArray


def fix_goal(lp: LinearProgram, name: str, c: np.ndarray, value: float) -> LinearProgram:
    """``lp`` with the row ``Σ c·x ≤ ⌊value⌋`` that keeps goal ``name`` at the value reached."""
    nz = np.flatnonzero(c)
    return lp.with_extra_rows(
        (f"goal_{name}",),
        np.array([0, nz.size]),
        nz,
        c[nz],
        np.array([-np.inf]),
        np.array([float(math.floor(value + 1e-6))]),
        labels=(Label("goal_fixed"),),
    )


def with_ub(lp: LinearProgram, j: int, ub: float) -> LinearProgram:
    var_ub = lp.var_ub.copy()
    var_ub[j] = min(var_ub[j], ub)
    return lp.with_bounds(lp.var_lb, var_ub)


def count_program(lp: LinearProgram, free: IntArray, z: int, level: int) -> tuple[LinearProgram, IntArray]:
    """``lp`` with one 0/1 variable ``b_i`` per free term row ``i`` (``a·x + c_z·z ≤ u``, ``c_z < 0``) and the row
    ``a·x + |c_z|·b_i ≤ u + |c_z|·level``: ``b_i = 1`` only when term ``i`` is below ``level`` (its level is at most
    ``level − 1``). Returns the program and the indices of the ``b`` variables."""
    n = lp.n_vars
    ext = lp.with_extra_vars(
        [f"leximin_below_{lp.row_names[i]}" for i in free.tolist()], 0.0, 1.0, True,
        labels=[Label("leximin_below")] * free.size if lp.var_labels else None,
    )
    indptr, indices, data, ub = [0], [], [], []
    for k, i in enumerate(free.tolist()):
        cols, coefs = lp.row(i)
        cz = float(coefs[cols == z][0])
        keep = cols != z
        indices += [*cols[keep].tolist(), n + k]
        data += [*coefs[keep].tolist(), -cz]
        indptr.append(len(indices))
        ub.append(float(lp.row_ub[i]) - cz * level)
    ext = ext.with_extra_rows(
        [f"leximin_count_{lp.row_names[i]}" for i in free.tolist()], indptr, indices, data,
        np.full(free.size, -np.inf), ub,
        labels=[Label("leximin_count")] * free.size if lp.row_labels else None,
    )
    return ext, n + np.arange(free.size, dtype=np.int64)


def fix_terms(lp: LinearProgram, rows: IntArray, z: int, level: int) -> LinearProgram:
    """``lp`` with ``z`` replaced by the constant ``level`` in ``rows``: those terms stay at or below ``level`` and
    no longer follow ``z``."""
    if rows.size == 0:
        return lp
    row_of = lp.row_of_nonzero()
    chosen = np.zeros(lp.n_rows, dtype=np.bool_)
    chosen[rows] = True
    drop = chosen[row_of] & (lp.a_indices == z)
    shift = np.zeros(lp.n_rows)
    shift[row_of[drop]] = lp.a_data[drop] * level
    indptr = np.zeros(lp.n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(row_of[~drop], minlength=lp.n_rows), out=indptr[1:])
    return dataclasses.replace(
        lp, a_indptr=indptr, a_indices=lp.a_indices[~drop], a_data=lp.a_data[~drop], row_ub=lp.row_ub - shift
    )
