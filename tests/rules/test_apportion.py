"""Apportionment methods: hypothesis properties with stated bounds, a slow reference, and the known paradoxes."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.rules.apportion import (
    apportion,
    half_up,
    largest_remainder,
    quotas,
    round_half_up,
    sainte_lague,
)
from planner.scenario.schema import Rounding


@st.composite
def weights(draw: st.DrawFn, max_len: int = 40, max_weight: int = 10**6, zeros: bool = True) -> list[Fraction]:
    """1..``max_len`` non-negative weights p/q (p ≤ ``max_weight``, q ≤ 1000, some may be 0) with a positive sum:
    populations times (1 + S) as the key produces them."""
    low = 0 if zeros else 1
    ws = draw(st.lists(st.builds(Fraction, st.integers(low, max_weight), st.integers(1, 1000)),
                       min_size=1, max_size=max_len))
    if sum(ws) == 0:
        ws[draw(st.integers(0, len(ws) - 1))] = Fraction(1)
    return ws


needs = st.integers(0, 100_000)
"""N: 0 (nothing to share) up to 100,000 places (cycle 1: 96,000)."""

small_needs = st.integers(0, 60)
"""N small enough for the seat-by-seat reference."""


def sequential_sainte_lague(n: int, ws: list[Fraction]) -> list[int]:
    """The textbook method, seat by seat: each seat to the largest w / (s + 1/2); ties to the first."""
    seats = [0] * len(ws)
    for _ in range(n):
        best = max(range(len(ws)), key=lambda i: (ws[i] / (seats[i] + Fraction(1, 2)), -i))
        seats[best] += 1
    return seats


@given(n=needs, ws=weights())
def test_largest_remainder_sums_to_n_and_stays_within_quota(n: int, ws: list[Fraction]) -> None:
    seats = largest_remainder(n, ws)
    assert sum(seats) == n
    for seat, q in zip(seats, quotas(n, ws), strict=True):
        assert math.floor(q) <= seat <= math.ceil(q)


@given(n=needs, ws=weights())
def test_sainte_lague_sums_to_n(n: int, ws: list[Fraction]) -> None:
    seats = sainte_lague(n, ws)
    assert sum(seats) == n
    assert all(s >= 0 for s in seats)


@settings(max_examples=300)
@given(n=small_needs, ws=weights(max_len=8, max_weight=50))
def test_sainte_lague_equals_the_sequential_method(n: int, ws: list[Fraction]) -> None:
    """Bounds: at most 8 parties, weights p/q with p ≤ 50 (many ties), N ≤ 60."""
    assert sainte_lague(n, ws) == sequential_sainte_lague(n, ws)


@given(n=small_needs, ws=weights(max_len=8, max_weight=50))
def test_sainte_lague_is_house_monotone(n: int, ws: list[Fraction]) -> None:
    """One more place never costs anyone a place (no Alabama paradox)."""
    before, after = sainte_lague(n, ws), sainte_lague(n + 1, ws)
    assert all(b <= a for b, a in zip(before, after, strict=True))


@given(n=needs, ws=weights())
def test_half_up_is_each_quota_rounded_on_its_own(n: int, ws: list[Fraction]) -> None:
    seats = half_up(n, ws)
    qs = quotas(n, ws)
    for seat, q in zip(seats, qs, strict=True):
        assert -Fraction(1, 2) < seat - q <= Fraction(1, 2)
    assert abs(sum(seats) - n) <= Fraction(len(ws), 2)


@given(k=st.integers(-(10**9), 10**9))
def test_exact_halves_round_up(k: int) -> None:
    """Bounds: any half-integer k + 1/2 with |k| ≤ 10^9, exact (no 0.4999… from floats)."""
    assert round_half_up(Fraction(2 * k + 1, 2)) == k + 1
    assert round_half_up(Fraction(2 * k + 1, 2) - Fraction(1, 10**12)) == k


def test_halves_from_the_key_round_up() -> None:
    # Quotas 1.5 and 2.5 exactly: independent rounding gives 2 and 3 (sum 5 for N = 4).
    assert half_up(4, [Fraction(3), Fraction(5)]) == [2, 3]
    # The float detour would get this wrong: 0.1 + 0.2 style noise must not move a half.
    assert half_up(3, [Fraction(1, 10), Fraction(1, 10)]) == [2, 2]


def test_largest_remainder_shows_the_alabama_paradox() -> None:
    ws = [Fraction(6), Fraction(6), Fraction(2)]
    assert largest_remainder(10, ws) == [4, 4, 2]
    assert largest_remainder(11, ws) == [5, 5, 1]  # one more place in total, one fewer for the third
    # Sainte-Laguë: the tie at 4/3 goes to the first party, and one more place costs nobody.
    assert sainte_lague(10, ws) == [5, 4, 1]
    assert sainte_lague(11, ws) == [5, 5, 1]


def test_ties_go_to_the_first_party() -> None:
    ws = [Fraction(1)] * 3
    assert largest_remainder(2, ws) == [1, 1, 0]
    assert sainte_lague(2, ws) == [1, 1, 0]


def test_apportion_dispatches_on_the_method() -> None:
    ws = [Fraction(5), Fraction(5), Fraction(1)]
    assert apportion(10, ws, Rounding.HALF_UP) == [5, 5, 1]
    assert apportion(10, ws, Rounding.LARGEST_REMAINDER) == [5, 4, 1]
    assert apportion(10, ws, Rounding.SAINTE_LAGUE) == [5, 4, 1]
