"""A small builder for the solver-neutral program: named variables and named rows, added in blocks.

Names follow one scheme, keyed by CBS code or site id (``offer_limit_GM0106_regular_2025``): only letters, digits
and ``_``, unique (a duplicate is a bug and raises). Names are what turn an infeasibility into a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from solvers.program import Label

if TYPE_CHECKING:
    from solvers import LinearProgram

_UNSAFE = re.compile(r"[^A-Za-z0-9_]")

INF = float("inf")


def safe(*parts: object) -> str:
    """Join parts into a name of letters, digits and '_' only."""
    return _UNSAFE.sub("_", "_".join(str(p) for p in parts))


@dataclass
class ProgramBuilder:
    """Collects variables and rows; :meth:`program` freezes them into a :class:`solvers.LinearProgram`."""

    name: str
    var_names: list[str] = field(default_factory=list)
    var_lb: list[float] = field(default_factory=list)
    var_ub: list[float] = field(default_factory=list)
    var_integer: list[bool] = field(default_factory=list)
    row_names: list[str] = field(default_factory=list)
    row_lb: list[float] = field(default_factory=list)
    row_ub: list[float] = field(default_factory=list)
    row_groups: list[str] = field(default_factory=list)
    var_labels: list[Label] = field(default_factory=list)
    row_labels: list[Label] = field(default_factory=list)
    _indptr: list[int] = field(default_factory=lambda: [0])
    _indices: list[int] = field(default_factory=list)
    _data: list[float] = field(default_factory=list)
    _seen_vars: set[str] = field(default_factory=set)
    _seen_rows: set[str] = field(default_factory=set)

    def var(self, name: str, lb: float = 0.0, ub: float = INF, integer: bool = True, label: Label | None = None) -> int:
        """Add a variable; ``label`` says what it is (family and keys). Without one its family is its name."""
        if name in self._seen_vars:
            raise ValueError(f"duplicate variable name {name}")
        self._seen_vars.add(name)
        self.var_names.append(name)
        self.var_lb.append(lb)
        self.var_ub.append(ub)
        self.var_integer.append(integer)
        self.var_labels.append(label if label is not None else Label(name))
        return len(self.var_names) - 1

    def row(
        self,
        name: str,
        group: str,
        indices: Sequence[int],
        coefs: Sequence[float],
        lb: float = -INF,
        ub: float = INF,
        label: Label | None = None,
    ) -> int:
        """Add ``lb ≤ Σ coefs·x[indices] ≤ ub``; ``group`` is the constraint family, ``label`` its keys (a label
        without keys, ``Label(group)``, when none is given)."""
        if name in self._seen_rows:
            raise ValueError(f"duplicate constraint name {name}")
        self._seen_rows.add(name)
        merged: dict[int, float] = {}
        for i, c in zip(indices, coefs, strict=True):
            merged[i] = merged.get(i, 0.0) + float(c)
        self.row_names.append(name)
        self.row_groups.append(group)
        self.row_labels.append(label if label is not None else Label(group))
        self.row_lb.append(lb)
        self.row_ub.append(ub)
        for i in sorted(merged):
            if merged[i] != 0.0:
                self._indices.append(i)
                self._data.append(merged[i])
        self._indptr.append(len(self._indices))
        return len(self.row_names) - 1

    @property
    def n_vars(self) -> int:
        return len(self.var_names)

    def objective(self, terms: dict[int, float]) -> np.ndarray:
        c = np.zeros(self.n_vars)
        for i, v in terms.items():
            c[i] += v
        return c

    def program(self, objective: np.ndarray | None = None) -> LinearProgram:
        from solvers import LinearProgram

        return LinearProgram(
            name=self.name,
            var_names=tuple(self.var_names),
            var_lb=np.asarray(self.var_lb, dtype=float),
            var_ub=np.asarray(self.var_ub, dtype=float),
            var_integer=np.asarray(self.var_integer, dtype=bool),
            row_names=tuple(self.row_names),
            a_indptr=np.asarray(self._indptr, dtype=np.int64),
            a_indices=np.asarray(self._indices, dtype=np.int64),
            a_data=np.asarray(self._data, dtype=float),
            row_lb=np.asarray(self.row_lb, dtype=float),
            row_ub=np.asarray(self.row_ub, dtype=float),
            objective=objective if objective is not None else np.zeros(self.n_vars),
            var_labels=tuple(self.var_labels),
            row_labels=tuple(self.row_labels),
        )
