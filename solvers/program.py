"""The solver-neutral linear / integer program and the one way to restrict it to part of its rows and columns.

Everything here is pure numpy: importing this module never imports a solver library.

Conventions used throughout:

* Programs always **minimise** ``objective @ x + objective_offset``.
* Constraint rows are ranges ``row_lb <= A @ x <= row_ub``; use ``-inf`` / ``+inf`` for a missing side and
  ``row_lb == row_ub`` for an equality.
* Variable bounds are ``var_lb <= x <= var_ub``; infinite bounds are allowed (not for CP-SAT).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cached_property

import numpy as np
import numpy.typing as npt

__all__ = [
    "BoolArray",
    "FloatArray",
    "IntArray",
    "Label",
    "LinearProgram",
    "restrict",
    "trivial_infeasibility",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# Tolerance used when deciding that an integer variable's bounds leave no integer value, and when
# checking that data is integral. Small enough to be exact for the integer data the planner produces.
_INT_TOL = 1e-9

_NAME_RE = re.compile(r"[A-Za-z0-9_]+")
# One pass over all names joined by newlines is much faster than one regex call per name.
_NAMES_RE = re.compile(r"[A-Za-z0-9_]+(?:\n[A-Za-z0-9_]+)*")


def _frozen(values: object, dtype: type[np.generic], what: str) -> npt.NDArray[np.generic]:
    """Return a read-only 1-d array of ``dtype``.

    Arrays that are already read-only with the right dtype (e.g. taken from another program) are shared
    instead of copied; anything else is copied so the caller cannot change the program afterwards.
    """
    if isinstance(values, np.ndarray) and values.dtype == dtype and values.ndim == 1 and _immutable(values):
        return values
    raw = np.asarray(values)
    if raw.ndim != 1:
        raise ValueError(f"{what} must be 1-dimensional, got shape {raw.shape}")
    if dtype is np.int64 and raw.size and raw.dtype.kind not in "iu":
        raise ValueError(f"{what} must be an integer array, got dtype {raw.dtype}")
    if (
        dtype is np.bool_
        and raw.size
        and raw.dtype.kind != "b"
        and (raw.dtype.kind not in "iuf" or not np.isin(raw, (0, 1)).all())
    ):
        raise ValueError(f"{what} must be boolean (or 0/1), got dtype {raw.dtype}")
    arr = np.array(raw, dtype=dtype, copy=True)
    arr.setflags(write=False)
    return arr


def _immutable(arr: np.ndarray[tuple[int, ...], np.dtype[np.generic]]) -> bool:
    """True when neither ``arr`` nor any array it views into can be written (safe to share)."""
    base: object = arr
    while isinstance(base, np.ndarray):
        if base.flags.writeable:
            return False
        base = base.base
    return base is None or isinstance(base, bytes)


def _check_names(kind: str, names: Sequence[str], expected: int | None = None) -> tuple[str, ...]:
    """Validate a tuple of names: ASCII letters, digits and ``_`` only, non-empty and unique."""
    if isinstance(names, str):
        raise TypeError(f"{kind} names must be a sequence of str, not a single str")
    out = tuple(names)
    if expected is not None and len(out) != expected:
        raise ValueError(f"expected {expected} {kind} names, got {len(out)}")
    if not all(isinstance(n, str) for n in out):
        raise TypeError(f"{kind} names must all be str")
    if out and _NAMES_RE.fullmatch("\n".join(out)) is None:
        for i, n in enumerate(out):
            if _NAME_RE.fullmatch(n) is None:
                raise ValueError(f"{kind} name {n!r} (position {i}) is invalid: use only ASCII letters, digits and '_'")
    if len(set(out)) != len(out):
        dups = sorted(n for n, c in Counter(out).items() if c > 1)
        shown = ", ".join(repr(d) for d in dups[:10])
        more = f" and {len(dups) - 10} more" if len(dups) > 10 else ""
        raise ValueError(f"duplicate {kind} names: {shown}{more}")
    return out


def _is_integral(values: FloatArray) -> bool:
    """True when every finite entry is an integer (infinite entries are ignored)."""
    finite = values[np.isfinite(values)]
    return bool(np.all(np.abs(finite - np.round(finite)) <= _INT_TOL))


@dataclasses.dataclass(frozen=True, slots=True)
class Label:
    """What a variable or row *is*, stored with it: the constraint or variable family and the domain keys it
    belongs to. Names are for people and files; code that needs the meaning (explanations, the per-province
    decomposition, plan extraction) reads labels and never parses names. Unused keys are None."""

    family: str
    municipality: str | None = None
    site: str | None = None
    category: str | None = None
    period: str | None = None
    province: str | None = None


@dataclasses.dataclass(frozen=True, eq=False)
class LinearProgram:
    """A (mixed-)integer linear program in CSR form, minimised.

    ``minimise objective @ x + objective_offset`` subject to ``row_lb <= A @ x <= row_ub`` and
    ``var_lb <= x <= var_ub``, with ``x[j]`` integral where ``var_integer[j]``. ``A`` has ``n_rows`` rows
    and ``n_vars`` columns and is stored row-wise: row ``i`` has the column indices
    ``a_indices[a_indptr[i]:a_indptr[i + 1]]`` with coefficients ``a_data[...]`` (no duplicate columns
    within a row). All arrays are stored read-only; the ``with_*`` / ``subset_rows`` helpers return new
    programs that share unchanged arrays.

    Validation (``ValueError``): names use only ASCII letters, digits and ``_`` and are unique (the error
    lists the duplicates); array lengths agree; no NaN; lower bounds are not ``+inf`` and upper bounds
    not ``-inf``; coefficients and objective are finite; CSR structure is consistent. ``lb > ub`` is
    *allowed*: such a program is simply infeasible (useful when a deletion filter tightens bounds).
    """

    name: str
    var_names: tuple[str, ...]
    var_lb: FloatArray
    var_ub: FloatArray
    var_integer: BoolArray
    row_names: tuple[str, ...]
    a_indptr: IntArray
    a_indices: IntArray
    a_data: FloatArray
    row_lb: FloatArray
    row_ub: FloatArray
    objective: FloatArray
    objective_offset: float = 0.0
    var_labels: tuple[Label, ...] = ()
    """One label per variable, or empty when the program is unlabelled (tests, small examples)."""
    row_labels: tuple[Label, ...] = ()
    """One label per row, or empty when the program is unlabelled."""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str):
            raise TypeError("name must be a str")
        var_names = _check_names("variable", self.var_names)
        row_names = _check_names("row", self.row_names)
        n, m = len(var_names), len(row_names)
        fields: dict[str, object] = {"var_names": var_names, "row_names": row_names}
        for field, dtype in (
            ("var_lb", np.float64),
            ("var_ub", np.float64),
            ("var_integer", np.bool_),
            ("objective", np.float64),
            ("row_lb", np.float64),
            ("row_ub", np.float64),
            ("a_indptr", np.int64),
            ("a_indices", np.int64),
            ("a_data", np.float64),
        ):
            fields[field] = _frozen(getattr(self, field), dtype, field)
        offset = float(self.objective_offset)
        if not math.isfinite(offset):
            raise ValueError("objective_offset must be finite")
        fields["objective_offset"] = offset
        for field, value in fields.items():
            # Frozen dataclass: normalising fields in __post_init__ needs object.__setattr__.
            object.__setattr__(self, field, value)

        for field in ("var_lb", "var_ub", "var_integer", "objective"):
            if len(getattr(self, field)) != n:
                raise ValueError(f"{field} has length {len(getattr(self, field))}, expected n_vars={n}")
        for field in ("row_lb", "row_ub"):
            if len(getattr(self, field)) != m:
                raise ValueError(f"{field} has length {len(getattr(self, field))}, expected n_rows={m}")
        _check_bounds("variable", var_names, self.var_lb, self.var_ub)
        _check_bounds("row", row_names, self.row_lb, self.row_ub)
        if not np.all(np.isfinite(self.objective)):
            raise ValueError("objective coefficients must be finite")
        _check_csr(self.a_indptr, self.a_indices, self.a_data, m, n)
        object.__setattr__(self, "var_labels", tuple(self.var_labels))
        object.__setattr__(self, "row_labels", tuple(self.row_labels))
        if self.var_labels and len(self.var_labels) != n:
            raise ValueError(f"var_labels has length {len(self.var_labels)}, expected n_vars={n}")
        if self.row_labels and len(self.row_labels) != m:
            raise ValueError(f"row_labels has length {len(self.row_labels)}, expected n_rows={m}")

    # -- sizes and access ----------------------------------------------------------------------------

    @property
    def n_vars(self) -> int:
        """Number of variables (columns)."""
        return len(self.var_names)

    @property
    def n_rows(self) -> int:
        """Number of constraint rows."""
        return len(self.row_names)

    @property
    def nnz(self) -> int:
        """Number of stored constraint coefficients."""
        return int(self.a_data.shape[0])

    def row(self, i: int) -> tuple[IntArray, FloatArray]:
        """Column indices and coefficients of row ``i`` (read-only views)."""
        if not -self.n_rows <= i < self.n_rows:
            raise IndexError(f"row {i} out of range for {self.n_rows} rows")
        i %= max(self.n_rows, 1)
        start, end = int(self.a_indptr[i]), int(self.a_indptr[i + 1])
        return self.a_indices[start:end], self.a_data[start:end]

    @cached_property
    def _var_pos(self) -> dict[str, int]:
        return {n: i for i, n in enumerate(self.var_names)}

    @cached_property
    def _row_pos(self) -> dict[str, int]:
        return {n: i for i, n in enumerate(self.row_names)}

    def var_index(self, name: str) -> int:
        """Position of the variable called ``name`` (``KeyError`` if absent)."""
        return self._var_pos[name]

    def row_index(self, name: str) -> int:
        """Position of the row called ``name`` (``KeyError`` if absent)."""
        return self._row_pos[name]

    def row_of_nonzero(self) -> IntArray:
        """Row index of every stored coefficient (the COO row array matching ``a_indices``)."""
        return np.repeat(np.arange(self.n_rows, dtype=np.int64), np.diff(self.a_indptr))

    # -- derived programs ----------------------------------------------------------------------------

    def with_extra_rows(
        self,
        names: Sequence[str],
        indptr: npt.ArrayLike,
        indices: npt.ArrayLike,
        data: npt.ArrayLike,
        lb: npt.ArrayLike,
        ub: npt.ArrayLike,
        labels: Sequence[Label] | None = None,
    ) -> LinearProgram:
        """A new program with rows appended (CSR block: ``indptr`` starts at 0, has ``len(names)+1``).

        In a labelled program the new rows need labels too; without ``labels`` they get ``Label("extra")``."""
        ptr = np.asarray(indptr, dtype=np.int64)
        names = tuple(names)
        if ptr.shape != (len(names) + 1,) or (ptr.size and ptr[0] != 0):
            raise ValueError("indptr of the extra rows must start at 0 and have len(names) + 1 entries")
        row_labels = self.row_labels
        if row_labels or labels is not None:
            base = row_labels or tuple(Label("row") for _ in self.row_names)
            extra = tuple(labels) if labels is not None else tuple(Label("extra") for _ in names)
            row_labels = base + extra
        return dataclasses.replace(
            self,
            row_labels=row_labels,
            row_names=self.row_names + names,
            a_indptr=np.concatenate([self.a_indptr, self.a_indptr[-1] + ptr[1:]]),
            a_indices=np.concatenate([self.a_indices, np.asarray(indices, dtype=np.int64)]),
            a_data=np.concatenate([self.a_data, np.asarray(data, dtype=np.float64)]),
            row_lb=np.concatenate([self.row_lb, np.asarray(lb, dtype=np.float64)]),
            row_ub=np.concatenate([self.row_ub, np.asarray(ub, dtype=np.float64)]),
        )

    def with_extra_vars(
        self,
        names: Sequence[str],
        lb: npt.ArrayLike,
        ub: npt.ArrayLike,
        integer: npt.ArrayLike,
        labels: Sequence[Label] | None = None,
    ) -> LinearProgram:
        """A new program with variables appended, in no row yet and with objective coefficient 0 (add rows that use
        them with :meth:`with_extra_rows`). In a labelled program they get ``labels`` or ``Label("extra")``."""
        names = tuple(names)
        k = len(names)
        var_labels = self.var_labels
        if var_labels or labels is not None:
            base = var_labels or tuple(Label("var") for _ in self.var_names)
            var_labels = base + (tuple(labels) if labels is not None else tuple(Label("extra") for _ in names))
        return dataclasses.replace(
            self,
            var_names=self.var_names + names,
            var_labels=var_labels,
            var_lb=np.concatenate([self.var_lb, np.broadcast_to(np.asarray(lb, dtype=np.float64), (k,))]),
            var_ub=np.concatenate([self.var_ub, np.broadcast_to(np.asarray(ub, dtype=np.float64), (k,))]),
            var_integer=np.concatenate([self.var_integer, np.broadcast_to(np.asarray(integer, dtype=np.bool_), (k,))]),
            objective=np.concatenate([self.objective, np.zeros(k)]),
        )

    def with_objective(self, c: npt.ArrayLike, offset: float = 0.0) -> LinearProgram:
        """A new program with objective ``c @ x + offset`` (still minimised)."""
        return dataclasses.replace(self, objective=np.asarray(c, dtype=np.float64), objective_offset=offset)

    def with_bounds(self, lb: npt.ArrayLike, ub: npt.ArrayLike) -> LinearProgram:
        """A new program with variable bounds replaced."""
        return dataclasses.replace(
            self, var_lb=np.asarray(lb, dtype=np.float64), var_ub=np.asarray(ub, dtype=np.float64)
        )

    def subset_rows(self, mask: npt.ArrayLike) -> LinearProgram:
        """A new program keeping only some rows, in their original order, and every variable.

        ``mask`` is a boolean array of length ``n_rows`` or an array of row indices (see :func:`restrict`).
        """
        return restrict(self, rows=mask, cols=np.ones(self.n_vars, dtype=np.bool_))

    # -- properties of the data ----------------------------------------------------------------------

    def is_mip(self) -> bool:
        """True when at least one variable is integer."""
        return bool(self.var_integer.any())

    def is_integer_program(self) -> bool:
        """True for a pure integer program with integral data.

        All variables integer; all constraint and objective coefficients integral; variable bounds
        finite and integral; row bounds integral or infinite (one-sided rows are fine). The objective
        offset may be fractional.
        """
        return (
            bool(self.var_integer.all())
            and bool(np.isfinite(self.var_lb).all() and np.isfinite(self.var_ub).all())
            and _is_integral(self.var_lb)
            and _is_integral(self.var_ub)
            and _is_integral(self.a_data)
            and _is_integral(self.objective)
            and _is_integral(self.row_lb)
            and _is_integral(self.row_ub)
        )

    # -- evaluating points ---------------------------------------------------------------------------

    def row_activity(self, x: npt.ArrayLike) -> FloatArray:
        """``A @ x`` for a point ``x`` of length ``n_vars``."""
        xv = np.asarray(x, dtype=np.float64)
        if xv.shape != (self.n_vars,):
            raise ValueError(f"x must have shape ({self.n_vars},), got {xv.shape}")
        weights = self.a_data * xv[self.a_indices]
        return np.bincount(self.row_of_nonzero(), weights=weights, minlength=self.n_rows).astype(np.float64)

    def objective_value(self, x: npt.ArrayLike) -> float:
        """``objective @ x + objective_offset``."""
        return float(np.dot(self.objective, np.asarray(x, dtype=np.float64)) + self.objective_offset)

    def max_violation(self, x: npt.ArrayLike, *, integrality: bool = True) -> float:
        """Largest absolute violation of a bound, a row range or (optionally) integrality at ``x``."""
        xv = np.asarray(x, dtype=np.float64)
        act = self.row_activity(xv)
        parts = [
            np.maximum(self.var_lb - xv, 0.0),
            np.maximum(xv - self.var_ub, 0.0),
            np.maximum(self.row_lb - act, 0.0),
            np.maximum(act - self.row_ub, 0.0),
        ]
        if integrality:
            xi = xv[self.var_integer]
            parts.append(np.abs(xi - np.round(xi)))
        return float(max((float(p.max()) for p in parts if p.size), default=0.0))

    # -- construction helpers ------------------------------------------------------------------------

    @classmethod
    def from_dense(
        cls,
        name: str,
        *,
        objective: npt.ArrayLike,
        a: npt.ArrayLike,
        row_lb: npt.ArrayLike,
        row_ub: npt.ArrayLike,
        var_lb: npt.ArrayLike | None = None,
        var_ub: npt.ArrayLike | None = None,
        var_integer: npt.ArrayLike | bool = False,
        var_names: Sequence[str] | None = None,
        row_names: Sequence[str] | None = None,
        objective_offset: float = 0.0,
    ) -> LinearProgram:
        """Build a program from a dense matrix (for tests and small examples; zeros are dropped).

        Defaults: ``var_lb`` 0, ``var_ub`` +inf, continuous variables, names ``x0..`` and ``r0..``.
        """
        c = np.asarray(objective, dtype=np.float64)
        n = c.shape[0]
        dense = np.asarray(a, dtype=np.float64)
        if dense.size == 0:
            dense = dense.reshape(dense.shape[0] if dense.ndim == 2 and dense.shape[1] == n else 0, n)
        if dense.ndim != 2 or dense.shape[1] != n:
            raise ValueError(f"a must be a 2-d array with {n} columns, got shape {dense.shape}")
        m = dense.shape[0]
        rows, cols = np.nonzero(dense)
        indptr = np.zeros(m + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=m), out=indptr[1:])
        integer = np.broadcast_to(np.asarray(var_integer, dtype=np.bool_), (n,))
        return cls(
            name=name,
            var_names=tuple(var_names) if var_names is not None else tuple(f"x{j}" for j in range(n)),
            var_lb=np.zeros(n) if var_lb is None else np.array(np.broadcast_to(np.asarray(var_lb, float), (n,))),
            var_ub=(
                np.full(n, np.inf) if var_ub is None else np.array(np.broadcast_to(np.asarray(var_ub, float), (n,)))
            ),
            var_integer=np.array(integer),
            row_names=tuple(row_names) if row_names is not None else tuple(f"r{i}" for i in range(m)),
            a_indptr=indptr,
            a_indices=cols,
            a_data=dense[rows, cols],
            row_lb=np.array(np.broadcast_to(np.asarray(row_lb, float), (m,))),
            row_ub=np.array(np.broadcast_to(np.asarray(row_ub, float), (m,))),
            objective=c,
            objective_offset=objective_offset,
        )


def _check_bounds(kind: str, names: tuple[str, ...], lb: FloatArray, ub: FloatArray) -> None:
    for side, arr, bad_inf in (("lower", lb, np.inf), ("upper", ub, -np.inf)):
        bad = np.isnan(arr) | (arr == bad_inf)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise ValueError(f"{kind} {names[i]!r} has an invalid {side} bound {arr[i]}")


def _check_csr(indptr: IntArray, indices: IntArray, data: FloatArray, m: int, n: int) -> None:
    if indptr.shape != (m + 1,):
        raise ValueError(f"a_indptr must have n_rows + 1 = {m + 1} entries, got {indptr.shape[0]}")
    if indptr[0] != 0 or np.any(np.diff(indptr) < 0):
        raise ValueError("a_indptr must start at 0 and be non-decreasing")
    nnz = int(indptr[-1])
    if indices.shape[0] != nnz or data.shape[0] != nnz:
        raise ValueError(
            f"a_indptr[-1] = {nnz} but a_indices has {indices.shape[0]} and a_data {data.shape[0]} entries"
        )
    if nnz == 0:
        return
    if indices.min() < 0 or indices.max() >= n:
        raise ValueError(f"a_indices must lie in [0, n_vars={n})")
    if not np.all(np.isfinite(data)):
        raise ValueError("a_data must be finite")
    rows = np.repeat(np.arange(m, dtype=np.int64), np.diff(indptr))
    keys = np.sort(rows * n + indices)
    dup = np.flatnonzero(keys[1:] == keys[:-1])
    if dup.size:
        r, c = divmod(int(keys[dup[0]]), n)
        raise ValueError(f"duplicate coefficient for column {c} in row {r} (sum duplicates before building)")


def trivial_infeasibility(lp: LinearProgram) -> str | None:
    """A reason why ``lp`` is infeasible without solving, or ``None``.

    Catches crossed bounds (``lb > ub``), integer variables whose bounds contain no integer, and empty
    rows whose range excludes 0. Backends disagree on how to report these (some raise, some say
    "invalid model"), so :meth:`Solver.solve` answers them uniformly as ``INFEASIBLE``.
    """
    crossed = np.flatnonzero(lp.var_lb > lp.var_ub)
    if crossed.size:
        j = int(crossed[0])
        return f"variable {lp.var_names[j]!r} has lower bound {lp.var_lb[j]} > upper bound {lp.var_ub[j]}"
    ints = np.flatnonzero(lp.var_integer)
    if ints.size:
        lo = np.ceil(lp.var_lb[ints] - _INT_TOL)
        hi = np.floor(lp.var_ub[ints] + _INT_TOL)
        empty = np.flatnonzero(lo > hi)
        if empty.size:
            j = int(ints[empty[0]])
            return f"integer variable {lp.var_names[j]!r} has no integer value in [{lp.var_lb[j]}, {lp.var_ub[j]}]"
    crossed = np.flatnonzero(lp.row_lb > lp.row_ub)
    if crossed.size:
        i = int(crossed[0])
        return f"row {lp.row_names[i]!r} has lower bound {lp.row_lb[i]} > upper bound {lp.row_ub[i]}"
    empty_rows = np.diff(lp.a_indptr) == 0
    bad = np.flatnonzero(empty_rows & ((lp.row_lb > 0) | (lp.row_ub < 0)))
    if bad.size:
        i = int(bad[0])
        return f"row {lp.row_names[i]!r} has no coefficients but its range [{lp.row_lb[i]}, {lp.row_ub[i]}] excludes 0"
    return None


def restrict(
    lp: LinearProgram,
    *,
    rows: npt.ArrayLike | None = None,
    cols: npt.ArrayLike | None = None,
) -> LinearProgram:
    """``lp`` restricted to some rows and columns, in their original order (labels and objective follow).

    * ``rows`` (row indices or a boolean mask) and no ``cols``: those rows over the variables they use. A
      variable in no kept row only has to lie within its own bounds, which it always can, so dropping it keeps
      the feasibility question the same (the conflict search asks it on ever smaller sets of rows).
    * ``cols`` (variable indices or a boolean mask) and no ``rows``: the rows whose variables all lie in
      ``cols``, over those variables. Rows without coefficients stay: one that excludes 0 keeps every part as
      infeasible as the whole (the per-province solve).
    * both: exactly those rows and columns; a kept row may not use a dropped column (``ValueError``).
    """
    row_of = lp.row_of_nonzero()
    if cols is None:
        if rows is None:
            return lp
        keep_row = _mask(rows, lp.n_rows, "rows")
        keep_col = np.zeros(lp.n_vars, dtype=np.bool_)
        keep_col[lp.a_indices[keep_row[row_of]]] = True
    else:
        keep_col = _mask(cols, lp.n_vars, "cols")
        outside = np.zeros(lp.n_rows, dtype=np.bool_)
        outside[row_of[~keep_col[lp.a_indices]]] = True
        if rows is None:
            keep_row = ~outside
        else:
            keep_row = _mask(rows, lp.n_rows, "rows")
            if (keep_row & outside).any():
                i = int(np.flatnonzero(keep_row & outside)[0])
                raise ValueError(f"row {lp.row_names[i]!r} uses a variable outside the kept columns")
    keep_nz = keep_row[row_of]
    lengths = np.diff(lp.a_indptr)[keep_row]
    indptr = np.zeros(lengths.size + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    col_idx = np.flatnonzero(keep_col)
    remap = np.full(lp.n_vars, -1, dtype=np.int64)
    remap[col_idx] = np.arange(col_idx.size, dtype=np.int64)
    row_idx = np.flatnonzero(keep_row).tolist()
    cols_list = col_idx.tolist()
    return LinearProgram(
        name=lp.name,
        var_names=tuple(lp.var_names[j] for j in cols_list),
        var_lb=lp.var_lb[keep_col],
        var_ub=lp.var_ub[keep_col],
        var_integer=lp.var_integer[keep_col],
        row_names=tuple(lp.row_names[i] for i in row_idx),
        a_indptr=indptr,
        a_indices=remap[lp.a_indices[keep_nz]],
        a_data=lp.a_data[keep_nz],
        row_lb=lp.row_lb[keep_row],
        row_ub=lp.row_ub[keep_row],
        objective=lp.objective[keep_col],
        objective_offset=lp.objective_offset,
        var_labels=tuple(lp.var_labels[j] for j in cols_list) if lp.var_labels else (),
        row_labels=tuple(lp.row_labels[i] for i in row_idx) if lp.row_labels else (),
    )


def _mask(selection: npt.ArrayLike, size: int, what: str) -> BoolArray:
    """A boolean mask of length ``size`` from a mask or an array of indices."""
    sel = np.asarray(selection)
    if sel.dtype == np.bool_:
        if sel.shape != (size,):
            raise ValueError(f"boolean {what} mask must have shape ({size},), got {sel.shape}")
        return sel
    if sel.size and sel.dtype.kind not in "iu":
        raise ValueError(f"{what} must be a boolean mask or integer indices")
    mask = np.zeros(size, dtype=np.bool_)
    mask[sel.astype(np.int64)] = True
    return mask
