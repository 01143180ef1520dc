"""What each named row of the allocation program is about, in the users' terms, and the feasibility program.

Row names are systematic (``offer_limit_GM0106_regular_2025``) but are for people and files; what a row is about
(family, province, municipality, site, category, period) is read from its :class:`solvers.Label`.
The feasibility program is the model's program with the goal-support rows kept, the
fairness rows dropped, and the site-place upper bounds (capacity, and 0 while a site is unavailable or does not
count) turned into explicit rows ``site_available_<id>_<period>`` so that a contract end can be part of a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from planner.model.build import AllocationModel
from planner.model.program import safe
from solvers import Label, LinearProgram

SITE_AVAILABLE = "site_available"

HARD_FAMILIES: tuple[str, ...] = (
    "province_total",
    "offer_limit",
    "committed_places",
    "site_capacity",
    "site_minimum",
    SITE_AVAILABLE,
)
"""Families that state a hard limit users can read; everything else only defines goal variables."""

SOFT_FAMILIES = frozenset({"fairness"})
"""Rows that express goals, never part of a conflict."""

DROP_ORDER: tuple[str, ...] = (
    "committed_places",
    "site_minimum",
    "offer_limit",
    "site_capacity",
    SITE_AVAILABLE,
    "province_total",
)
"""The deletion filter tries to drop families in this order (support families before all of them): when two rows
say the same thing (an offer equal to a site's capacity), the one dropped first leaves the conflict, so conflicts
prefer sites and dates over offers, and always keep the provincial task when it is involved."""


@dataclass(frozen=True)
class RowInfo:
    """One row of the feasibility program, in the users' terms (fields that do not apply are None)."""

    name: str
    family: str
    province: str | None = None
    code: str | None = None
    site: str | None = None
    category: str | None = None
    period: str | None = None
    year: int | None = None
    lower: float | None = None
    upper: float | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "row": self.name,
            "family": self.family,
            "province": self.province,
            "code": self.code,
            "site": self.site,
            "category": self.category,
            "period": self.period,
            "lower": None if self.lower is None else int(self.lower),
            "upper": None if self.upper is None else int(self.upper),
        }


@dataclass(frozen=True)
class FeasibilityProgram:
    """The hard program (zero objective) with one :class:`RowInfo` per row, in row order."""

    lp: LinearProgram
    rows: tuple[RowInfo, ...]
    big: float
    """The finite upper bound given to site-place variables (larger than any need), so CP-SAT can take it."""


def _meta(label: Label, model: AllocationModel) -> dict[str, object]:
    period = label.period
    year = model.data.period(period).year if period is not None else None
    return {"family": label.family, "province": label.province, "code": label.municipality, "site": label.site,
            "category": label.category, "period": period, "year": year}


def row_meta(model: AllocationModel) -> dict[str, dict[str, object]]:
    """Per row name, what the row is about (family, province, code, site, category, period, year): read from the
    row's label, never from its name."""
    b = model.builder
    return {name: _meta(label, model) for name, label in zip(b.row_names, b.row_labels, strict=True)}


def feasibility_program(model: AllocationModel) -> FeasibilityProgram:
    """The model's hard program with site-place bounds as explicit ``site_available_<id>_<period>`` rows."""
    b = model.builder
    lp = b.program()
    keep = np.array([g not in SOFT_FAMILIES for g in b.row_groups], dtype=bool)
    lp = lp.subset_rows(keep)
    infos: list[RowInfo] = []
    for i, (name, label) in enumerate(zip(b.row_names, b.row_labels, strict=True)):
        if keep[i]:
            j = len(infos)
            infos.append(_info(name, _meta(label, model), lp.row_lb[j], lp.row_ub[j]))
    # Site places: x ≤ cap becomes a row; the variable keeps only a large finite bound.
    x_items = sorted(model.x.items(), key=lambda kv: kv[1])
    needs = sum(abs(v) for v in lp.row_lb if np.isfinite(v))
    big = float(sum(s.places for s in model.sites.values()) + needs + 1)
    var_ub = np.array(lp.var_ub, dtype=float)
    names, indices, lbs, ubs = [], [], [], []
    for (sid, pname), xi in x_items:
        p = model.data.period(pname)
        name = safe(SITE_AVAILABLE, sid, p.key)
        cap = float(model.data.site_capacity(sid, pname))
        names.append(name)
        indices.append(xi)
        lbs.append(-np.inf)
        ubs.append(cap)
        label = replace(b.var_labels[xi], family=SITE_AVAILABLE)
        infos.append(_info(name, _meta(label, model), -np.inf, cap))
        var_ub[xi] = big
    lp = lp.with_bounds(lp.var_lb, var_ub).with_extra_rows(
        names, np.arange(len(names) + 1), indices, np.ones(len(names)), lbs, ubs
    )
    lp = lp.with_objective(np.zeros(lp.n_vars))
    return FeasibilityProgram(lp, tuple(infos), big)


def _info(name: str, m: dict[str, object], lb: float, ub: float) -> RowInfo:
    def opt_str(key: str) -> str | None:
        v = m.get(key)
        return None if v is None else str(v)

    year = m.get("year")
    return RowInfo(
        name=name,
        family=str(m["family"]),
        province=opt_str("province"),
        code=opt_str("code"),
        site=opt_str("site"),
        category=opt_str("category"),
        period=opt_str("period"),
        year=int(year) if isinstance(year, int) else None,
        lower=float(lb) if np.isfinite(lb) else None,
        upper=float(ub) if np.isfinite(ub) else None,
    )
