"""SPUK bonuses to the euro, from the places of a plan (or of the sites as offered).

- SPUK 1 (durable places): ``rate × max(0, durable places − own total task)``; durable = available at least
  ``spuk1_min_years`` from start to contract end; counted categories ``spuk1_categories`` (regular and special: AMV
  places are paid by SPUK 2). Drenthe: Assen (1,000 − 360) + Coevorden (430 − 188) + Hoogeveen (940 − 280) = 1,542
  places → € 3,084,000.
- SPUK 2 (special places): ``rate × places`` of ``spuk2_categories`` (the report pays AMV: 341 × € 2,000).
- SPUK 3 (the 75 % scheme): paid when the municipalities' places reach ``spuk3_percentage`` % of their total
  task (75 by default; L), as a pot shared among the municipalities that take it, by ``spuk3_key`` (the official
  key is unknown; ``places`` reproduces the report's choice). Shares are whole euros that sum to the pot exactly
  (largest remainder).
- SPUK 1 and SPUK 3 cannot be stacked. Each municipality takes what pays it more *given the others' choices*
  (best responses, largest SPUK 1 first, repeated until no municipality wants to switch). In Drenthe this gives
  SPUK 1 for Assen, Coevorden and Hoogeveen, as the report says, and Emmen keeps SPUK 3.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TypedDict

from pydantic import BaseModel, ConfigDict, computed_field

from planner.rules.apportion import largest_remainder
from planner.rules.counting import is_spuk1_durable
from planner.scenario.schema import Category, Cycle, SiteRow, Spuk, Spuk3Key

MAX_ROUNDS = 50


class SpukRow(BaseModel):
    """One municipality's SPUK (places and euros). Declared once: its ``model_dump`` (the fields in this order, then
    ``total``) is a row of the SPUK JSON's ``municipalities``."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    task_total: int
    places: int
    durable_places: int
    """Places of sites durable for SPUK 1 (:func:`planner.rules.counting.is_spuk1_durable`)."""
    spuk1_places: int
    spuk1_possible: int
    spuk2_places: int
    spuk3_share: int
    """What SPUK 3 pays this municipality given the others' choices (also when it takes SPUK 1)."""
    choice: str
    """``spuk1``, ``spuk3`` or ``none``."""
    spuk1: int
    spuk2: int
    spuk3: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total(self) -> int:
        return self.spuk1 + self.spuk2 + self.spuk3


SpukRowDump = dict[str, int | str]
"""A :class:`SpukRow` as JSON (its ``model_dump``)."""


class SpukJson(TypedDict):
    """:meth:`SpukResult.as_dict`: the totals (euros), the SPUK 3 pot and key, and the rows."""

    spuk1: int
    spuk2: int
    spuk3: int
    municipalities_total: int
    province_amount: int
    spuk3_pot: int
    spuk3_key: str
    spuk3_percentage: int
    spuk3_reached: bool
    converged: bool
    spuk1_instead_of_spuk3: list[str]
    municipalities: list[SpukRowDump]


@dataclass(frozen=True)
class SpukResult:
    rows: tuple[SpukRow, ...]
    province_amount: int
    pot: int
    key: str
    converged: bool
    rounds: int
    spuk3_percentage: int = 75
    spuk3_reached: bool = True
    """Whether the places reach ``spuk3_percentage`` % of the total task, so the SPUK 3 pot is paid at all."""
    spuk1_min_years: float = 5.0
    """What ``durable_places`` means: places of sites available at least this long (SPUK 1's own rule, no minimum
    size: the "> 100 places" of :func:`planner.rules.counting.is_durable` is the cycle-1 counting rule)."""

    @property
    def spuk1(self) -> int:
        return sum(r.spuk1 for r in self.rows)

    @property
    def spuk2(self) -> int:
        return sum(r.spuk2 for r in self.rows)

    @property
    def spuk3(self) -> int:
        return sum(r.spuk3 for r in self.rows)

    @property
    def municipalities_total(self) -> int:
        return self.spuk1 + self.spuk2 + self.spuk3

    def takers_spuk1(self) -> list[str]:
        return [r.name for r in self.rows if r.choice == "spuk1"]

    def as_dict(self) -> SpukJson:
        return {
            "spuk1": self.spuk1,
            "spuk2": self.spuk2,
            "spuk3": self.spuk3,
            "municipalities_total": self.municipalities_total,
            "province_amount": self.province_amount,
            "spuk3_pot": self.pot,
            "spuk3_key": self.key,
            "spuk3_percentage": self.spuk3_percentage,
            "spuk3_reached": self.spuk3_reached,
            "converged": self.converged,
            "spuk1_instead_of_spuk3": self.takers_spuk1(),
            "municipalities": [r.model_dump() for r in self.rows],
        }


def _shares(pot: int, keys: Mapping[str, Fraction], takers: set[str], positive: set[str]) -> dict[str, int]:
    """The pot over ``takers`` by their keys (largest remainder); ``positive``: the codes whose key is above 0."""
    codes = sorted(takers & positive)
    if not codes or pot <= 0:
        return dict.fromkeys(takers, 0)
    seats = largest_remainder(pot, [keys[c] for c in codes])
    out = dict.fromkeys(takers, 0)
    out.update(zip(codes, seats, strict=True))
    return out


def compute_spuk(
    spuk: Spuk,
    cycle: Cycle,
    municipalities: Mapping[str, tuple[str, int]],
    site_places: Mapping[str, int],
    sites: Mapping[str, SiteRow],
) -> SpukResult:
    """SPUK per municipality.

    ``municipalities``: code → (name, own total task); ``site_places``: site id → places in the reference period
    (the plan's, or the capacity offered); ``sites``: site id → the site (for category, municipality, durability).
    """
    places: dict[str, int] = dict.fromkeys(municipalities, 0)
    durable: dict[str, int] = dict.fromkeys(municipalities, 0)
    special: dict[str, int] = dict.fromkeys(municipalities, 0)
    for sid, n in site_places.items():
        s = sites[sid]
        if s.code not in municipalities or n <= 0:
            continue
        if s.category is not Category.UKRAINE:
            places[s.code] += n
        if s.category in spuk.spuk1_categories and is_spuk1_durable(s, cycle, spuk):
            durable[s.code] += n
        if s.category in spuk.spuk2_categories:
            special[s.code] += n
    possible = {c: spuk.spuk1_rate * max(0, durable[c] - municipalities[c][1]) for c in municipalities}
    task_sum = sum(task for _, task in municipalities.values())
    reached = sum(places.values()) * 100 >= spuk.spuk3_percentage * task_sum
    pot = spuk.spuk3_pot if reached else 0
    def key_of(c: str) -> Fraction:
        if spuk.spuk3_key is Spuk3Key.PLACES:
            return Fraction(places[c])
        if places[c] <= 0:
            return Fraction(0)
        return Fraction(municipalities[c][1]) if spuk.spuk3_key is Spuk3Key.TASK else Fraction(1)

    keys = {c: key_of(c) for c in municipalities}
    contributors = {c for c in municipalities if keys[c] > 0}
    # _shares is pure: one apportionment per distinct set of takers. Most calls ask for the same set (c already
    # takes SPUK 3): nationally a few hundred apportionments instead of about 1.030, none comparing fractions.
    known: dict[frozenset[str], dict[str, int]] = {}

    def shares_of(takers: set[str]) -> dict[str, int]:
        frozen = frozenset(takers)
        if frozen not in known:
            known[frozen] = _shares(pot, keys, takers, contributors)
        return known[frozen]

    takers3 = set(contributors)
    order = sorted(municipalities, key=lambda c: (-possible[c], c))
    converged = False
    rounds = 0
    for rounds in range(1, MAX_ROUNDS + 1):  # noqa: B007 - rounds is reported
        changed = False
        for c in order:
            if c not in contributors and possible[c] == 0:
                continue
            with_c = shares_of(takers3 | ({c} if c in contributors else set()))
            share = with_c.get(c, 0)
            wants1 = possible[c] > share
            if wants1 and c in takers3:
                takers3.discard(c)
                changed = True
            elif not wants1 and c not in takers3 and c in contributors:
                takers3.add(c)
                changed = True
        if not changed:
            converged = True
            break
    final = shares_of(takers3)
    rows = []
    for c in sorted(municipalities):
        name, task = municipalities[c]
        share_if = shares_of(takers3 | ({c} if c in contributors else set())).get(c, 0)
        if c in takers3:
            choice = "spuk3"
        elif possible[c] > 0:
            choice = "spuk1"
        else:
            choice = "none"
        rows.append(
            SpukRow(
                code=c,
                name=name,
                task_total=task,
                places=places[c],
                durable_places=durable[c],
                spuk1_places=max(0, durable[c] - task),
                spuk1_possible=possible[c],
                spuk2_places=special[c],
                spuk2=spuk.spuk2_rate * special[c],
                spuk3_share=share_if,
                choice=choice,
                spuk1=possible[c] if choice == "spuk1" else 0,
                spuk3=final.get(c, 0) if choice == "spuk3" else 0,
            )
        )
    return SpukResult(tuple(rows), spuk.province_amount, pot, spuk.spuk3_key.value, converged, rounds,
                      spuk.spuk3_percentage, reached, spuk.spuk1_min_years)
