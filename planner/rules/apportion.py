"""Apportionment: turning a need N and weights into whole places.

All arithmetic is exact (:class:`fractions.Fraction`), so a quota of exactly x.5 is a half and rounds up, never
0.4999999 down. Ties are broken by position (callers pass rows sorted by CBS code), which keeps results stable.

Known paradoxes, for the docs: independent rounding (``half_up``) does not sum to N (cycle 1: 96,002);
largest remainder can show the Alabama paradox (a larger N can cost a municipality a place); Sainte-Laguë is free of
that but can leave a municipality more than one place from its exact quota.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from fractions import Fraction

from planner.scenario.schema import Rounding


def round_half_up(x: Fraction) -> int:
    """Round to the nearest whole number, halves up (the official rounding of the key)."""
    return math.floor(x + Fraction(1, 2))


def quotas(n: int, weights: Sequence[Fraction]) -> list[Fraction]:
    """Exact quotas ``n · w_i / Σ w``."""
    total = sum(weights, Fraction(0))
    if total <= 0:
        raise ValueError("the weights sum to zero: nothing to apportion over")
    return [Fraction(n) * w / total for w in weights]


def half_up(n: int, weights: Sequence[Fraction]) -> list[int]:
    """Each share rounded on its own, halves up. The sum may differ from n by the rounding."""
    return [round_half_up(q) for q in quotas(n, weights)]


def largest_remainder(n: int, weights: Sequence[Fraction]) -> list[int]:
    """Hamilton's method: floors, then one more place for the largest remainders. Sums to n, within quota."""
    q = quotas(n, weights)
    seats = [math.floor(x) for x in q]
    left = n - sum(seats)
    order = sorted(range(len(q)), key=lambda i: (-(q[i] - seats[i]), i))
    for i in order[:left]:
        seats[i] += 1
    return seats


def sainte_lague(n: int, weights: Sequence[Fraction]) -> list[int]:
    """Sainte-Laguë (Webster): highest averages with divisors 1, 3, 5, …; sums to n.

    Starts from the Webster allocation for the divisor Σw/n and moves place by place, so each step is the
    sequential method's own step and the result equals the full sequential count.
    """
    total = sum(weights, Fraction(0))
    if total <= 0:
        raise ValueError("the weights sum to zero: nothing to apportion over")
    divisor = total / n if n > 0 else total
    seats = [round_half_up(w / divisor) for w in weights] if n > 0 else [0] * len(weights)
    count = sum(seats)
    if count < n:
        heap = [(-(w / (s + Fraction(1, 2))), i) for i, (w, s) in enumerate(zip(weights, seats, strict=True))]
        heapq.heapify(heap)
        while count < n:
            _, i = heapq.heappop(heap)
            seats[i] += 1
            count += 1
            heapq.heappush(heap, (-(weights[i] / (seats[i] + Fraction(1, 2))), i))
    elif count > n:
        heap = [(w / (s - Fraction(1, 2)), -i) for i, (w, s) in enumerate(zip(weights, seats, strict=True)) if s > 0]
        heapq.heapify(heap)
        while count > n:
            _, neg = heapq.heappop(heap)
            i = -neg
            seats[i] -= 1
            count -= 1
            if seats[i] > 0:
                heapq.heappush(heap, (weights[i] / (seats[i] - Fraction(1, 2)), -i))
    return seats


def apportion(n: int, weights: Sequence[Fraction], method: Rounding) -> list[int]:
    if method is Rounding.HALF_UP:
        return half_up(n, weights)
    if method is Rounding.LARGEST_REMAINDER:
        return largest_remainder(n, weights)
    return sainte_lague(n, weights)
